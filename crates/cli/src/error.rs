//! Errors of the command line itself (usage problems the shell cannot catch).

use kairos_core::{Locale, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("this vault is protected by a password")]
    PasswordRequired,
    #[error("cannot read the password from standard input: {0}")]
    PasswordUnreadable(std::io::Error),
    #[error("deleting needs confirmation")]
    ConfirmationRequired,
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot write JSON: {0}")]
    Json(serde_json::Error),
    #[error("no time server answered")]
    NoTimeAnswer,
    #[error("cannot read {}: {source}", path.display())]
    FileUnreadable {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("the QR code holds no otpauth:// account")]
    NotAnAccount,
    #[error("the change was not confirmed")]
    ChangeNotConfirmed,
    #[error("no MFA preference given")]
    NoPreferenceGiven,
    #[error("no username in {}", path.display())]
    NoUsersInFile { path: std::path::PathBuf },
    #[error("{failed} user(s) failed, {cancelled} cancelled")]
    BulkIncomplete { failed: usize, cancelled: usize },
    #[error("no vault account for {username} in {pool}")]
    NoCognitoAccount { pool: String, username: String },
    #[error("Cognito asks for a new password")]
    NewPasswordRequired,
    #[error("sign-in step {name} not handled by this command")]
    SigninStepNotHandled { name: String },
    #[error("cannot write {}: {source}", path.display())]
    FileUnwritable {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl UserFacing for CliError {
    fn code(&self) -> &'static str {
        match self {
            CliError::PasswordRequired => "cli.password_required",
            CliError::PasswordUnreadable(_) => "cli.password_unreadable",
            CliError::ConfirmationRequired => "cli.confirmation_required",
            CliError::Runtime(_) => "cli.runtime",
            CliError::Json(_) => "cli.json",
            CliError::NoTimeAnswer => "time.no_answer",
            CliError::FileUnreadable { .. } => "cli.file_unreadable",
            CliError::NotAnAccount => "qr.not_an_account",
            CliError::ChangeNotConfirmed => "cli.change_not_confirmed",
            CliError::NoPreferenceGiven => "cli.no_preference_given",
            CliError::NoUsersInFile { .. } => "cli.no_users_in_file",
            CliError::BulkIncomplete { .. } => "cognito.bulk_incomplete",
            CliError::FileUnwritable { .. } => "cli.file_unwritable",
            CliError::NoCognitoAccount { .. } => "cli.no_cognito_account",
            CliError::SigninStepNotHandled { .. } => "cli.signin_step_not_handled",
            CliError::NewPasswordRequired => "cli.new_password_required",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            CliError::PasswordRequired => locale.pick(
                "This vault is protected by a password.".to_owned(),
                "Ce coffre est protégé par un mot de passe.".to_owned(),
            ),
            CliError::PasswordUnreadable(e) => locale.pick(
                format!("Cannot read the password from standard input: {e}."),
                format!("Impossible de lire le mot de passe sur l’entrée standard : {e}."),
            ),
            CliError::ConfirmationRequired => locale.pick(
                "Deleting an account cannot be undone and needs confirmation.".to_owned(),
                "Supprimer un compte est irréversible et demande une confirmation.".to_owned(),
            ),
            CliError::Runtime(e) => locale.pick(
                format!("Cannot start the async runtime: {e}."),
                format!("Impossible de démarrer l’environnement asynchrone : {e}."),
            ),
            CliError::Json(e) => locale.pick(
                format!("Cannot write JSON: {e}."),
                format!("Impossible d’écrire le JSON : {e}."),
            ),
            CliError::NoTimeAnswer => locale.pick(
                "No time server answered; codes keep using the last measured offset, or the system clock.".to_owned(),
                "Aucun serveur de temps n’a répondu ; les codes gardent le dernier décalage mesuré, ou l’horloge du système.".to_owned(),
            ),
            CliError::FileUnreadable { path, source } => locale.pick(
                format!("Cannot read {}: {source}.", path.display()),
                format!("Impossible de lire {} : {source}.", path.display()),
            ),
            CliError::NotAnAccount => locale.pick(
                "This QR code holds no otpauth:// account.".to_owned(),
                "Ce code QR ne contient aucun compte otpauth://.".to_owned(),
            ),
            CliError::ChangeNotConfirmed => locale.pick(
                "The change was not confirmed; nothing was sent.".to_owned(),
                "Le changement n’a pas été confirmé ; rien n’a été envoyé.".to_owned(),
            ),
            CliError::NoPreferenceGiven => locale.pick(
                "No MFA preference to change was given.".to_owned(),
                "Aucune préférence MFA à changer n’a été donnée.".to_owned(),
            ),
            CliError::NoUsersInFile { path } => locale.pick(
                format!("{} holds no username.", path.display()),
                format!("{} ne contient aucun nom d’utilisateur.", path.display()),
            ),
            CliError::BulkIncomplete { failed, cancelled } => locale.pick(
                format!("{failed} user(s) failed and {cancelled} were cancelled; see the table above."),
                format!("{failed} utilisateur(s) en échec et {cancelled} annulé(s) ; voir le tableau ci-dessus."),
            ),
            CliError::FileUnwritable { path, source } => locale.pick(
                format!("Cannot write {}: {source}.", path.display()),
                format!("Impossible d’écrire {} : {source}.", path.display()),
            ),
            CliError::NoCognitoAccount { pool, username } => locale.pick(
                format!("No vault account holds the authenticator of {username} in pool {pool}."),
                format!("Aucun compte du coffre ne détient l’authentificateur de {username} dans le groupe {pool}."),
            ),
            CliError::NewPasswordRequired => locale.pick(
                "Cognito asks for a new password (the password was temporary).".to_owned(),
                "Cognito demande un nouveau mot de passe (le mot de passe était temporaire).".to_owned(),
            ),
            CliError::SigninStepNotHandled { name } => locale.pick(
                format!("Cognito asked for the {name} step, which this command does not answer."),
                format!("Cognito a demandé l’étape {name}, à laquelle cette commande ne répond pas."),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            CliError::PasswordRequired | CliError::PasswordUnreadable(_) => locale.pick(
                "Pass --password-stdin and write the password on standard input (one line).",
                "Passez --password-stdin et écrivez le mot de passe sur l’entrée standard (une ligne).",
            ),
            CliError::ConfirmationRequired => locale.pick(
                "Add --yes to confirm, or run the command in a terminal to be asked.",
                "Ajoutez --yes pour confirmer, ou lancez la commande dans un terminal pour qu’elle vous le demande.",
            ),
            CliError::NoTimeAnswer => locale.pick(
                "Check the server names and that UDP port 123 is open to them (company firewalls often block it).",
                "Vérifiez les noms des serveurs et que le port UDP 123 leur est ouvert (les pare-feu d’entreprise le bloquent souvent).",
            ),
            CliError::FileUnreadable { .. } => locale.pick(
                "Check the file's name and that you may read it.",
                "Vérifiez le nom du fichier et que vous avez le droit de le lire.",
            ),
            CliError::NotAnAccount => locale.pick(
                "Scan the code the service shows when you turn on two-step verification.",
                "Scannez le code que le service affiche quand vous activez la validation en deux étapes.",
            ),
            CliError::ChangeNotConfirmed => locale.pick(
                "Add --yes to apply, or run the command in a terminal to be asked.",
                "Ajoutez --yes pour appliquer, ou lancez la commande dans un terminal pour qu’elle vous le demande.",
            ),
            CliError::NoPreferenceGiven => locale.pick(
                "Give --sms, --totp or --email with off, on or preferred.",
                "Donnez --sms, --totp ou --email avec off, on ou preferred.",
            ),
            CliError::NoUsersInFile { .. } => locale.pick(
                "Write one username per line.",
                "Écrivez un nom d’utilisateur par ligne.",
            ),
            CliError::BulkIncomplete { .. } => locale.pick(
                "Run the same command again: users already changed come back unchanged.",
                "Relancez la même commande : les utilisateurs déjà modifiés reviennent inchangés.",
            ),
            CliError::FileUnwritable { .. } => locale.pick(
                "Check the folder exists and that you may write in it.",
                "Vérifiez que le dossier existe et que vous pouvez y écrire.",
            ),
            CliError::NoCognitoAccount { .. } => locale.pick(
                "Enrol with `kairos cognito enrol`, or name the account with --account ID (see `kairos list`).",
                "Inscrivez-vous avec `kairos cognito enrol`, ou désignez le compte avec --account ID (voir `kairos list`).",
            ),
            CliError::NewPasswordRequired => locale.pick(
                "Pass --new-password-stdin and write the new password on the line after the password.",
                "Passez --new-password-stdin et écrivez le nouveau mot de passe sur la ligne après le mot de passe.",
            ),
            CliError::SigninStepNotHandled { .. } => locale.pick(
                "A temporary password or a missing authenticator: run `kairos cognito enrol` first.",
                "Mot de passe temporaire ou authentificateur manquant : lancez d’abord `kairos cognito enrol`.",
            ),
            CliError::Runtime(_) | CliError::Json(_) => return None,
        };
        Some(text.to_owned())
    }
}
