//! What a command sends back when it fails: `{ code, message, hint }`, with the
//! texts in the language the window speaks.

use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(ErrorReport);

/// Shortest password accepted for an encrypted backup.
pub const MIN_BACKUP_PASSWORD: usize = 8;

/// Errors of the desktop shell itself.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("the vault is locked")]
    VaultLocked,
    #[error("a password is needed")]
    PasswordMissing,
    #[error("clipboard: {0}")]
    Clipboard(String),
    #[error("backup password too short")]
    WeakBackupPassword,
    #[error("file data is not base64")]
    FileEncoding,
    #[error("save dialog: {0}")]
    SaveDialog(String),
    #[error("background task failed: {0}")]
    TaskFailed(String),
}

impl UserFacing for ShellError {
    fn code(&self) -> &'static str {
        match self {
            ShellError::VaultLocked => "vault.locked",
            ShellError::PasswordMissing => "vault.password_missing",
            ShellError::Clipboard(_) => "clipboard.unavailable",
            ShellError::WeakBackupPassword => "backup.weak_password",
            ShellError::FileEncoding => "import.file_encoding",
            ShellError::SaveDialog(_) => "export.save_dialog",
            ShellError::TaskFailed(_) => "app.task_failed",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            ShellError::VaultLocked => locale.pick(
                "The vault is locked.".to_owned(),
                "Le coffre est verrouillé.".to_owned(),
            ),
            ShellError::PasswordMissing => locale.pick(
                "This needs the vault's password.".to_owned(),
                "Il faut le mot de passe du coffre.".to_owned(),
            ),
            ShellError::Clipboard(detail) => locale.pick(
                format!("The clipboard could not be used: {detail}."),
                format!("Le presse-papiers est inutilisable : {detail}."),
            ),
            ShellError::WeakBackupPassword => locale.pick(
                format!("A backup password needs at least {MIN_BACKUP_PASSWORD} characters."),
                format!("Un mot de passe de sauvegarde demande au moins {MIN_BACKUP_PASSWORD} caractères."),
            ),
            ShellError::FileEncoding => locale.pick(
                "The file did not reach Kairos intact.".to_owned(),
                "Le fichier n’est pas parvenu intact à Kairos.".to_owned(),
            ),
            ShellError::SaveDialog(detail) => locale.pick(
                format!("The save dialog could not be shown: {detail}."),
                format!("La fenêtre d’enregistrement n’a pas pu s’ouvrir : {detail}."),
            ),
            ShellError::TaskFailed(detail) => locale.pick(
                format!("The work stopped unexpectedly: {detail}."),
                format!("Le travail s’est arrêté de façon inattendue : {detail}."),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            ShellError::VaultLocked => locale.pick(
                "Unlock it to see and copy codes.",
                "Déverrouillez-le pour voir et copier les codes.",
            ),
            ShellError::PasswordMissing => locale.pick(
                "Type the password, or choose the system keyring instead.",
                "Saisissez le mot de passe, ou choisissez plutôt le trousseau du système.",
            ),
            ShellError::Clipboard(_) => locale.pick(
                "Read the code on screen and type it instead.",
                "Lisez le code à l’écran et saisissez-le.",
            ),
            ShellError::WeakBackupPassword => locale.pick(
                "Anyone with the file can try passwords offline: use a long passphrase.",
                "Quiconque a le fichier peut essayer des mots de passe hors ligne : choisissez une longue phrase de passe.",
            ),
            ShellError::FileEncoding => locale.pick(
                "Choose the file again.",
                "Choisissez le fichier à nouveau.",
            ),
            ShellError::SaveDialog(_) | ShellError::TaskFailed(_) => locale.pick(
                "Try again; the vault is unchanged.",
                "Réessayez ; le coffre n’a pas changé.",
            ),
        };
        Some(text.to_owned())
    }
}

impl CommandError {
    pub fn new(err: &impl UserFacing, locale: Locale) -> Self {
        tracing::warn!(code = err.code(), "command failed");
        Self(err.report(locale))
    }

    /// The report inside, for commands whose errors carry more fields.
    pub fn into_report(self) -> ErrorReport {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_cognito::CognitoError;

    // The window's IPC wrapper parses exactly this shape; change both together.
    #[test]
    fn wire_format_is_pinned() {
        let err = CognitoError::InvalidEndpoint {
            endpoint: "nope".into(),
        };
        let json = serde_json::to_value(CommandError::new(&err, Locale::Fr)).ok();
        let expected = serde_json::json!({
            "code": "cognito.invalid_endpoint",
            "message": "« nope » n’est pas une URL de point de terminaison.",
            "hint": "Saisissez une URL complète comme http://127.0.0.1:5000, ou laissez le champ vide pour utiliser AWS.",
        });
        assert_eq!(json, Some(expected));
    }

    #[test]
    fn hint_is_null_when_there_is_none() {
        // A code the error catalogue does not know: no hint, no help link.
        let err = CognitoError::Service {
            code: "SomethingNewException".into(),
            message: "boom".into(),
        };
        let json = serde_json::to_value(CommandError::new(&err, Locale::En)).ok();
        assert_eq!(
            json.as_ref().map(|j| &j["hint"]),
            Some(&serde_json::Value::Null)
        );
        assert!(json.is_some_and(|j| j.get("help").is_none()));
    }

    #[test]
    fn known_cognito_errors_carry_their_catalogue_entry() {
        let err = CognitoError::Service {
            code: "NotAuthorizedException".into(),
            message: "Invalid session for the user, session is expired.".into(),
        };
        let json = serde_json::to_value(CommandError::new(&err, Locale::En)).ok();
        assert_eq!(
            json.as_ref().map(|j| &j["help"]),
            Some(&serde_json::json!("session-expired"))
        );
        assert!(
            json.as_ref()
                .and_then(|j| j["hint"].as_str())
                .is_some_and(|hint| hint.contains("15 minutes"))
        );
    }
}
