//! The error shape every Kairos crate shows to people: a stable code, a message
//! and a hint, each text in the reader's language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::otp::AccountId;
use crate::vault::{AccountField, AccountProblem, ProtectionKind};

/// An error a person can act on. Codes are stable (`area.reason`): scripts,
/// tests and the UI match on them; the texts may change.
pub trait UserFacing: std::error::Error {
    fn code(&self) -> &'static str;
    fn message(&self, locale: Locale) -> String;
    /// What to do about it, when there is something to do.
    fn hint(&self, locale: Locale) -> Option<String>;

    fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.message(locale),
            hint: self.hint(locale),
        }
    }
}

/// The wire form of an error: what the window receives and `--json` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
}

impl ErrorReport {
    /// One line for a terminal: `error[code]: message — hint`.
    pub fn one_line(&self) -> String {
        match &self.hint {
            Some(hint) => format!("error[{}]: {} — {}", self.code, self.message, hint),
            None => format!("error[{}]: {}", self.code, self.message),
        }
    }
}

/// Errors of the core library.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("cannot use data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no home folder to keep data in")]
    NoHomeDirectory,

    // vault
    #[error("no vault in {}", dir.display())]
    VaultNotFound { dir: PathBuf },
    #[error("a vault already exists in {}", dir.display())]
    VaultAlreadyExists { dir: PathBuf },
    #[error("no account {} in the vault", id.0)]
    VaultAccountNotFound { id: AccountId },
    #[error("vault is corrupt{}: {reason}", corrupt_account_suffix(account))]
    VaultCorrupt {
        /// The account whose row failed, with its display name.
        account: Option<(AccountId, String)>,
        /// What exactly failed, for the log and bug reports (English).
        reason: String,
    },
    #[error("vault database {}: {source}", path.display())]
    VaultDatabase {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("vault {} has schema version {version}, newer than this Kairos", path.display())]
    VaultTooNew { path: PathBuf, version: i64 },
    #[error("system keyring unavailable: {detail}")]
    VaultKeyringUnavailable { detail: String },
    #[error("the keyring has no key for this vault ({entry})")]
    VaultKeyMissing { entry: String },
    #[error("wrong vault password")]
    VaultWrongPassword,
    #[error("empty vault password")]
    VaultEmptyPassword,
    #[error("the vault is protected by {}", protection.as_str())]
    VaultUnlockMismatch { protection: ProtectionKind },
    #[error("invalid account: {problem:?}")]
    VaultInvalidAccount { problem: AccountProblem },
    #[error("account {} is not HOTP", id.0)]
    VaultNotHotp { id: AccountId },
    #[error("account {} appears twice in the new order", id.0)]
    VaultDuplicateInOrder { id: AccountId },
    #[error("setting {name} = {value} is out of range 0..={max}")]
    VaultInvalidSetting {
        name: &'static str,
        value: u32,
        max: u32,
    },
    #[error("no randomness from the operating system: {detail}")]
    VaultRandom { detail: String },
    #[error("vault operation interrupted by shutdown")]
    VaultInterrupted,
}

fn corrupt_account_suffix(account: &Option<(AccountId, String)>) -> String {
    match account {
        Some((id, name)) => format!(" (account {} {name})", id.0),
        None => String::new(),
    }
}

impl UserFacing for CoreError {
    fn code(&self) -> &'static str {
        match self {
            CoreError::DataDir { .. } => "data_dir.unavailable",
            CoreError::NoHomeDirectory => "data_dir.no_home",
            // vault
            CoreError::VaultNotFound { .. } => "vault.not_found",
            CoreError::VaultAlreadyExists { .. } => "vault.already_exists",
            CoreError::VaultAccountNotFound { .. } => "vault.account_not_found",
            CoreError::VaultCorrupt { .. } => "vault.corrupt",
            CoreError::VaultDatabase { .. } => "vault.database",
            CoreError::VaultTooNew { .. } => "vault.too_new",
            CoreError::VaultKeyringUnavailable { .. } => "vault.keyring_unavailable",
            CoreError::VaultKeyMissing { .. } => "vault.key_missing",
            CoreError::VaultWrongPassword => "vault.wrong_password",
            CoreError::VaultEmptyPassword => "vault.empty_password",
            CoreError::VaultUnlockMismatch { .. } => "vault.unlock_mismatch",
            CoreError::VaultInvalidAccount { .. } => "vault.invalid_account",
            CoreError::VaultNotHotp { .. } => "vault.not_hotp",
            CoreError::VaultDuplicateInOrder { .. } => "vault.invalid_order",
            CoreError::VaultInvalidSetting { .. } => "vault.invalid_setting",
            CoreError::VaultRandom { .. } => "vault.random_unavailable",
            CoreError::VaultInterrupted => "vault.interrupted",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            CoreError::DataDir { path, source } => locale.pick(
                format!("Cannot use the data folder {}: {source}.", path.display()),
                format!(
                    "Impossible d’utiliser le dossier de données {} : {source}.",
                    path.display()
                ),
            ),
            CoreError::NoHomeDirectory => locale.pick(
                "No home folder was found to keep Kairos's data in.".to_owned(),
                "Aucun dossier personnel où ranger les données de Kairos.".to_owned(),
            ),
            // vault
            CoreError::VaultNotFound { dir } => locale.pick(
                format!("There is no vault in {} yet.", dir.display()),
                format!("Il n’y a pas encore de coffre dans {}.", dir.display()),
            ),
            CoreError::VaultAlreadyExists { dir } => locale.pick(
                format!("A vault already exists in {}.", dir.display()),
                format!("Un coffre existe déjà dans {}.", dir.display()),
            ),
            CoreError::VaultAccountNotFound { id } => locale.pick(
                format!("There is no account #{} in the vault.", id.0),
                format!("Il n’y a pas de compte n° {} dans le coffre.", id.0),
            ),
            CoreError::VaultCorrupt {
                account: Some((id, name)),
                reason,
            } => locale.pick(
                format!(
                    "Account #{} “{name}” cannot be decrypted: its stored data was altered or damaged ({reason}).",
                    id.0
                ),
                format!(
                    "Le compte n° {} « {name} » ne peut pas être déchiffré : ses données enregistrées ont été modifiées ou abîmées ({reason}).",
                    id.0
                ),
            ),
            CoreError::VaultCorrupt {
                account: None,
                reason,
            } => locale.pick(
                format!("The vault is damaged or was altered: {reason}."),
                format!("Le coffre est abîmé ou a été modifié : {reason}."),
            ),
            CoreError::VaultDatabase { path, source } => locale.pick(
                format!("The vault database {} failed: {source}.", path.display()),
                format!(
                    "La base de données du coffre {} a échoué : {source}.",
                    path.display()
                ),
            ),
            CoreError::VaultTooNew { path, version } => locale.pick(
                format!(
                    "The vault {} was written by a newer Kairos (schema version {version}).",
                    path.display()
                ),
                format!(
                    "Le coffre {} a été écrit par une version plus récente de Kairos (schéma version {version}).",
                    path.display()
                ),
            ),
            CoreError::VaultKeyringUnavailable { detail } => locale.pick(
                format!("The system keyring cannot be used: {detail}."),
                format!("Le trousseau du système est inutilisable : {detail}."),
            ),
            CoreError::VaultKeyMissing { entry } => locale.pick(
                format!("The system keyring holds no key for this vault ({entry})."),
                format!("Le trousseau du système ne contient aucune clé pour ce coffre ({entry})."),
            ),
            CoreError::VaultWrongPassword => locale.pick(
                "Wrong vault password.".to_owned(),
                "Mot de passe du coffre incorrect.".to_owned(),
            ),
            CoreError::VaultEmptyPassword => locale.pick(
                "The vault password cannot be empty.".to_owned(),
                "Le mot de passe du coffre ne peut pas être vide.".to_owned(),
            ),
            CoreError::VaultUnlockMismatch { protection } => match protection {
                ProtectionKind::Keyring => locale.pick(
                    "This vault is protected by the system keyring, not by a password.",
                    "Ce coffre est protégé par le trousseau du système, pas par un mot de passe.",
                ),
                ProtectionKind::Password => locale.pick(
                    "This vault is protected by a password, not by the system keyring.",
                    "Ce coffre est protégé par un mot de passe, pas par le trousseau du système.",
                ),
            }
            .to_owned(),
            CoreError::VaultInvalidAccount { problem } => account_problem_text(problem, locale),
            CoreError::VaultNotHotp { id } => locale.pick(
                format!(
                    "Account #{} is time-based: only HOTP accounts have a counter.",
                    id.0
                ),
                format!(
                    "Le compte n° {} est basé sur le temps : seuls les comptes HOTP ont un compteur.",
                    id.0
                ),
            ),
            CoreError::VaultDuplicateInOrder { id } => locale.pick(
                format!("Account #{} appears twice in the new order.", id.0),
                format!("Le compte n° {} apparaît deux fois dans le nouvel ordre.", id.0),
            ),
            CoreError::VaultInvalidSetting { name, value, max } => locale.pick(
                format!("The setting {name} cannot be {value} (0 to {max})."),
                format!("Le réglage {name} ne peut pas valoir {value} (de 0 à {max})."),
            ),
            CoreError::VaultRandom { detail } => locale.pick(
                format!("The operating system gave no random numbers: {detail}."),
                format!("Le système d’exploitation n’a fourni aucun nombre aléatoire : {detail}."),
            ),
            CoreError::VaultInterrupted => locale.pick(
                "The vault operation was interrupted because Kairos is shutting down.".to_owned(),
                "L’opération sur le coffre a été interrompue car Kairos se ferme.".to_owned(),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            CoreError::DataDir { .. } => locale.pick(
                "Fix the folder's permissions, or choose another one with --data-dir or KAIROS_DATA_DIR.",
                "Corrigez les droits du dossier, ou choisissez-en un autre avec --data-dir ou KAIROS_DATA_DIR.",
            ),
            CoreError::NoHomeDirectory => locale.pick(
                "Set KAIROS_DATA_DIR to a folder Kairos may write to.",
                "Définissez KAIROS_DATA_DIR sur un dossier où Kairos peut écrire.",
            ),
            // vault
            CoreError::VaultNotFound { .. } => locale.pick(
                "Create a vault, protected by the system keyring or by a password, before adding accounts.",
                "Créez un coffre, protégé par le trousseau du système ou par un mot de passe, avant d’ajouter des comptes.",
            ),
            CoreError::VaultAlreadyExists { .. } => locale.pick(
                "Open it instead, or choose another data folder with --data-dir or KAIROS_DATA_DIR.",
                "Ouvrez-le plutôt, ou choisissez un autre dossier de données avec --data-dir ou KAIROS_DATA_DIR.",
            ),
            CoreError::VaultAccountNotFound { .. } => locale.pick(
                "It may have been deleted in another window: refresh the list.",
                "Il a peut-être été supprimé dans une autre fenêtre : actualisez la liste.",
            ),
            CoreError::VaultCorrupt {
                account: Some(_), ..
            } => locale.pick(
                "The other accounts are not affected. Delete this one and add it again from the service, or restore kairos.db from a backup.",
                "Les autres comptes ne sont pas touchés. Supprimez celui-ci et ajoutez-le de nouveau depuis le service, ou restaurez kairos.db depuis une sauvegarde.",
            ),
            CoreError::VaultCorrupt { account: None, .. } => locale.pick(
                "Restore kairos.db from a backup of the data folder.",
                "Restaurez kairos.db depuis une sauvegarde du dossier de données.",
            ),
            CoreError::VaultDatabase { .. } => locale.pick(
                "Check that the disk is not full and that no other program locks the file, then try again.",
                "Vérifiez que le disque n’est pas plein et qu’aucun autre programme ne verrouille le fichier, puis réessayez.",
            ),
            CoreError::VaultTooNew { .. } => locale.pick(
                "Update Kairos to open this vault.",
                "Mettez Kairos à jour pour ouvrir ce coffre.",
            ),
            CoreError::VaultKeyringUnavailable { .. } => locale.pick(
                "Start or unlock your keyring (GNOME Keyring, KWallet, Keychain…) and try again. Without a keyring, use a password-protected vault.",
                "Démarrez ou déverrouillez votre trousseau (GNOME Keyring, KWallet, Trousseau d’accès…) et réessayez. Sans trousseau, utilisez un coffre protégé par mot de passe.",
            ),
            CoreError::VaultKeyMissing { .. } => locale.pick(
                "The entry was deleted, or this vault comes from another user or computer. Restore the keyring from a backup: without the key, the accounts cannot be decrypted.",
                "L’entrée a été supprimée, ou ce coffre vient d’un autre utilisateur ou d’un autre ordinateur. Restaurez le trousseau depuis une sauvegarde : sans la clé, les comptes ne peuvent pas être déchiffrés.",
            ),
            CoreError::VaultWrongPassword => locale.pick(
                "Check the keyboard layout and Caps Lock, then try again.",
                "Vérifiez la disposition du clavier et la touche Verr. Maj, puis réessayez.",
            ),
            CoreError::VaultEmptyPassword => locale.pick(
                "Choose a long passphrase you will remember: it cannot be recovered if lost.",
                "Choisissez une longue phrase de passe dont vous vous souviendrez : elle ne peut pas être récupérée en cas d’oubli.",
            ),
            CoreError::VaultUnlockMismatch { protection } => match protection {
                ProtectionKind::Keyring => locale.pick(
                    "Open it without a password.",
                    "Ouvrez-le sans mot de passe.",
                ),
                ProtectionKind::Password => locale.pick(
                    "Enter the vault's password to open it.",
                    "Saisissez le mot de passe du coffre pour l’ouvrir.",
                ),
            },
            CoreError::VaultInvalidAccount { .. } => locale.pick(
                "Correct the account's details and try again.",
                "Corrigez les informations du compte et réessayez.",
            ),
            CoreError::VaultNotHotp { .. } => locale.pick(
                "Its code changes by itself at every period.",
                "Son code change de lui-même à chaque période.",
            ),
            CoreError::VaultDuplicateInOrder { .. } => locale.pick(
                "Refresh the list and move the account again.",
                "Actualisez la liste et déplacez de nouveau le compte.",
            ),
            CoreError::VaultInvalidSetting { .. } => locale.pick(
                "Choose a value in the range; 0 turns the feature off.",
                "Choisissez une valeur dans l’intervalle ; 0 désactive la fonction.",
            ),
            CoreError::VaultRandom { .. } => locale.pick(
                "Nothing was written. Try again, and report it if it happens again.",
                "Rien n’a été écrit. Réessayez, et signalez-le si cela se reproduit.",
            ),
            CoreError::VaultInterrupted => locale.pick(
                "Start Kairos again: changes already saved are kept.",
                "Relancez Kairos : les modifications déjà enregistrées sont conservées.",
            ),
        };
        Some(text.to_owned())
    }
}

// vault
fn account_problem_text(problem: &AccountProblem, locale: Locale) -> String {
    match problem {
        AccountProblem::NoName => locale.pick(
            "The account needs an issuer or a label.".to_owned(),
            "Le compte doit avoir un émetteur ou un libellé.".to_owned(),
        ),
        AccountProblem::TooLong { field, max } => {
            let (en, fr) = match field {
                AccountField::Issuer => ("issuer", "L’émetteur"),
                AccountField::Label => ("label", "Le libellé"),
                AccountField::Note => ("note", "La note"),
            };
            locale.pick(
                format!("The {en} is longer than {max} characters."),
                format!("{fr} dépasse {max} caractères."),
            )
        }
        AccountProblem::Digits(digits) => locale.pick(
            format!("Codes of {digits} digits are not supported (1 to 10)."),
            format!("Les codes à {digits} chiffres ne sont pas pris en charge (de 1 à 10)."),
        ),
        AccountProblem::Period(period) => locale.pick(
            format!("A period of {period} s is not supported (1 to 86,400 s)."),
            format!("Une période de {period} s n’est pas prise en charge (de 1 à 86 400 s)."),
        ),
        AccountProblem::CounterTooLarge => locale.pick(
            "The HOTP counter is too large.".to_owned(),
            "Le compteur HOTP est trop grand.".to_owned(),
        ),
        AccountProblem::Color(color) => locale.pick(
            format!("“{color}” is not a colour of the form #rrggbb."),
            format!("« {color} » n’est pas une couleur de la forme #rrggbb."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_is_code_message_hint() {
        let err = CoreError::NoHomeDirectory;
        let json = serde_json::to_value(err.report(Locale::En)).ok();
        let expected = serde_json::json!({
            "code": "data_dir.no_home",
            "message": "No home folder was found to keep Kairos's data in.",
            "hint": "Set KAIROS_DATA_DIR to a folder Kairos may write to.",
        });
        assert_eq!(json, Some(expected));
    }

    #[test]
    fn every_error_speaks_both_languages() {
        let errors = [
            CoreError::NoHomeDirectory,
            CoreError::DataDir {
                path: "/x".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
        ];
        for err in errors.into_iter().chain(vault_errors()) {
            let en = err.report(Locale::En);
            let fr = err.report(Locale::Fr);
            assert_eq!(en.code, fr.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
        }
    }

    // vault
    fn vault_errors() -> Vec<CoreError> {
        let id = AccountId(7);
        let mut errors = vec![
            CoreError::VaultNotFound { dir: "/d".into() },
            CoreError::VaultAlreadyExists { dir: "/d".into() },
            CoreError::VaultAccountNotFound { id },
            CoreError::VaultCorrupt {
                account: Some((id, "GitHub: alice".into())),
                reason: "tag mismatch".into(),
            },
            CoreError::VaultCorrupt {
                account: None,
                reason: "no key slot".into(),
            },
            CoreError::VaultDatabase {
                path: "/d/kairos.db".into(),
                source: sqlx::Error::PoolClosed,
            },
            CoreError::VaultTooNew {
                path: "/d/kairos.db".into(),
                version: 9,
            },
            CoreError::VaultKeyringUnavailable {
                detail: "no bus".into(),
            },
            CoreError::VaultKeyMissing {
                entry: "abc@app.kairos.desktop".into(),
            },
            CoreError::VaultWrongPassword,
            CoreError::VaultEmptyPassword,
            CoreError::VaultUnlockMismatch {
                protection: ProtectionKind::Keyring,
            },
            CoreError::VaultUnlockMismatch {
                protection: ProtectionKind::Password,
            },
            CoreError::VaultNotHotp { id },
            CoreError::VaultDuplicateInOrder { id },
            CoreError::VaultInvalidSetting {
                name: "clipboard_clear_seconds",
                value: 99_999,
                max: 3600,
            },
            CoreError::VaultRandom {
                detail: "ENOSYS".into(),
            },
            CoreError::VaultInterrupted,
        ];
        let problems = [
            AccountProblem::NoName,
            AccountProblem::TooLong {
                field: AccountField::Label,
                max: 256,
            },
            AccountProblem::Digits(0),
            AccountProblem::Period(0),
            AccountProblem::CounterTooLarge,
            AccountProblem::Color("red".into()),
        ];
        errors.extend(
            problems
                .into_iter()
                .map(|problem| CoreError::VaultInvalidAccount { problem }),
        );
        errors
    }

    #[test]
    fn vault_codes_are_namespaced_and_messages_end_cleanly() {
        for err in vault_errors() {
            let code = err.code();
            assert!(code.starts_with("vault."), "{code}");
            for locale in Locale::ALL {
                let report = err.report(locale);
                assert!(report.message.ends_with('.'), "{code}: {}", report.message);
                assert!(!report.one_line().contains('\n'), "{code}");
            }
        }
    }

    #[test]
    fn one_line_has_no_newline() {
        let line = CoreError::NoHomeDirectory.report(Locale::Fr).one_line();
        assert!(line.starts_with("error[data_dir.no_home]: "));
        assert!(!line.contains('\n'));
    }
}
