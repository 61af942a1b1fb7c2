//! Why a backup could not be read or written: `backup.*`, plus the vault's
//! and the migration link's own errors passed through with their codes.

use std::path::PathBuf;

use super::FormatKind;
use crate::uri::migration::MigrationError;
use crate::{CoreError, Locale, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file is encrypted and no password was given: the UI asks for one.
    #[error("the {} file is encrypted", format.name(Locale::En))]
    PasswordRequired { format: FormatKind },
    #[error("wrong password for the {} file", format.name(Locale::En))]
    WrongPassword { format: FormatKind },
    #[error("the {} file is corrupt: {detail}", format.name(Locale::En))]
    Corrupt {
        format: FormatKind,
        /// What exactly failed, in English, for logs and bug reports.
        detail: String,
    },
    #[error("not a backup format Kairos reads")]
    UnknownFormat,
    #[error("{} file version {version} is not supported", format.name(Locale::En))]
    UnsupportedVersion { format: FormatKind, version: String },
    /// An entry of a kind Kairos cannot compute (Aegis's mOTP or Yandex).
    #[error("entry {position} {name:?} is of unsupported type {kind:?}")]
    UnsupportedEntry {
        format: FormatKind,
        position: usize,
        name: String,
        kind: String,
    },
    /// An entry whose secret or parameters cannot be used; `source` says why.
    #[error("entry {position} {name:?}: {source}")]
    InvalidEntry {
        format: FormatKind,
        position: usize,
        name: String,
        #[source]
        source: CoreError,
    },
    /// A line of a URI list that is not a valid otpauth link.
    #[error("line {line}: {source}")]
    UriLine {
        line: usize,
        #[source]
        source: CoreError,
    },
    /// A line of a URI list that is a damaged migration link.
    #[error("line {line}: {source}")]
    MigrationLine {
        line: usize,
        #[source]
        source: MigrationError,
    },
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{} files cannot be written", format.name(Locale::En))]
    ExportUnsupported { format: FormatKind },
    #[error("{} files are not encrypted", format.name(Locale::En))]
    EncryptionUnsupported { format: FormatKind },
    #[error("an encrypted backup needs a password")]
    EmptyPassword,
    #[error("{} already exists", path.display())]
    FileExists { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Migration(#[from] MigrationError),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl BackupError {
    pub(crate) fn corrupt(format: FormatKind, detail: impl Into<String>) -> Self {
        BackupError::Corrupt {
            format,
            detail: detail.into(),
        }
    }
}

impl UserFacing for BackupError {
    fn code(&self) -> &'static str {
        match self {
            BackupError::PasswordRequired { .. } => "backup.password_required",
            BackupError::WrongPassword { .. } => "backup.wrong_password",
            BackupError::Corrupt { .. } => "backup.corrupt",
            BackupError::UnknownFormat => "backup.unknown_format",
            BackupError::UnsupportedVersion { .. } => "backup.unsupported_version",
            BackupError::UnsupportedEntry { .. } => "backup.unsupported_entry",
            BackupError::InvalidEntry { .. } => "backup.invalid_entry",
            BackupError::UriLine { .. } | BackupError::MigrationLine { .. } => "backup.uri_line",
            BackupError::TooLarge { .. } => "backup.too_large",
            BackupError::ExportUnsupported { .. } => "backup.export_unsupported",
            BackupError::EncryptionUnsupported { .. } => "backup.encryption_unsupported",
            BackupError::EmptyPassword => "backup.empty_password",
            BackupError::FileExists { .. } => "backup.file_exists",
            BackupError::Io { .. } => "backup.io",
            BackupError::Migration(e) => e.code(),
            BackupError::Core(e) => e.code(),
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            BackupError::PasswordRequired { format } => locale.pick(
                format!("This {} file is encrypted with a password.", format.name(locale)),
                format!("Ce fichier {} est chiffré par un mot de passe.", format.name(locale)),
            ),
            BackupError::WrongPassword { format } => locale.pick(
                format!("Wrong password for this {} file: nothing was imported.", format.name(locale)),
                format!("Mauvais mot de passe pour ce fichier {} : rien n’a été importé.", format.name(locale)),
            ),
            BackupError::Corrupt { format, detail } => locale.pick(
                format!("This {} file is damaged or incomplete ({detail}): nothing was imported.", format.name(locale)),
                format!("Ce fichier {} est abîmé ou incomplet ({detail}) : rien n’a été importé.", format.name(locale)),
            ),
            BackupError::UnknownFormat => locale.pick(
                "Kairos does not recognise this file: it reads Aegis, 2FAS, Kairos backups and lists of otpauth:// links.".to_owned(),
                "Kairos ne reconnaît pas ce fichier : il lit les sauvegardes Aegis, 2FAS et Kairos, et les listes de liens otpauth://.".to_owned(),
            ),
            BackupError::UnsupportedVersion { format, version } => locale.pick(
                format!("This {} file has version {version}, which this Kairos does not read.", format.name(locale)),
                format!("Ce fichier {} est en version {version}, que ce Kairos ne sait pas lire.", format.name(locale)),
            ),
            BackupError::UnsupportedEntry { position, name, kind, .. } => locale.pick(
                format!("Entry {position}, “{name}”, is a {kind} account, which Kairos does not support: nothing was imported."),
                format!("L’entrée n° {position}, « {name} », est un compte {kind}, que Kairos ne prend pas en charge : rien n’a été importé."),
            ),
            BackupError::InvalidEntry { position, name, source, .. } => locale.pick(
                format!("Entry {position}, “{name}”, cannot be imported: {}", source.message(locale)),
                format!("L’entrée n° {position}, « {name} », ne peut pas être importée : {}", lower_first(&source.message(locale))),
            ),
            BackupError::UriLine { line, source } => locale.pick(
                format!("Line {line} is not a valid link: {}", source.message(locale)),
                format!("La ligne {line} n’est pas un lien valide : {}", lower_first(&source.message(locale))),
            ),
            BackupError::MigrationLine { line, source } => locale.pick(
                format!("Line {line} is not a valid link: {}", source.message(locale)),
                format!("La ligne {line} n’est pas un lien valide : {}", lower_first(&source.message(locale))),
            ),
            BackupError::TooLarge { limit } => locale.pick(
                format!("The file is larger than {} MiB, far more than any backup of accounts.", limit / (1024 * 1024)),
                format!("Le fichier dépasse {} Mio, bien plus que toute sauvegarde de comptes.", limit / (1024 * 1024)),
            ),
            BackupError::ExportUnsupported { format } => locale.pick(
                format!("Kairos reads {} files but does not write them.", format.name(locale)),
                format!("Kairos lit les fichiers {} mais ne les écrit pas.", format.name(locale)),
            ),
            BackupError::EncryptionUnsupported { format } => locale.pick(
                format!("{} files cannot be encrypted.", format.name(locale)),
                format!("Les fichiers {} ne peuvent pas être chiffrés.", format.name(locale)),
            ),
            BackupError::EmptyPassword => locale.pick(
                "An encrypted backup needs a password.".to_owned(),
                "Une sauvegarde chiffrée demande un mot de passe.".to_owned(),
            ),
            BackupError::FileExists { path } => locale.pick(
                format!("{} already exists.", path.display()),
                format!("{} existe déjà.", path.display()),
            ),
            BackupError::Io { path, source } => locale.pick(
                format!("Cannot write {}: {source}.", path.display()),
                format!("Impossible d’écrire {} : {source}.", path.display()),
            ),
            BackupError::Migration(e) => e.message(locale),
            BackupError::Core(e) => e.message(locale),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            BackupError::PasswordRequired { .. } => locale.pick(
                "Enter the password the backup was made with.",
                "Saisissez le mot de passe choisi lors de la sauvegarde.",
            ),
            BackupError::WrongPassword { .. } => locale.pick(
                "Check the keyboard layout and Caps Lock, and that it is the backup's password, not the phone's.",
                "Vérifiez la disposition du clavier et la touche Verr. Maj, et qu’il s’agit du mot de passe de la sauvegarde, pas de celui du téléphone.",
            ),
            BackupError::Corrupt { .. } => locale.pick(
                "Export the accounts again from the other app and copy the whole file.",
                "Exportez de nouveau les comptes depuis l’autre application et copiez le fichier en entier.",
            ),
            BackupError::UnknownFormat => locale.pick(
                "Export from the other app in one of these formats, or choose the format explicitly.",
                "Exportez depuis l’autre application dans l’un de ces formats, ou choisissez le format explicitement.",
            ),
            BackupError::UnsupportedVersion { .. } => locale.pick(
                "Update Kairos, or export again from the other app in an older format.",
                "Mettez Kairos à jour, ou exportez de nouveau depuis l’autre application dans un format plus ancien.",
            ),
            BackupError::UnsupportedEntry { .. } | BackupError::InvalidEntry { .. } => locale.pick(
                "Remove this entry in the other app and export again; add it to Kairos from the service's QR code.",
                "Supprimez cette entrée dans l’autre application et exportez de nouveau ; ajoutez-la à Kairos depuis le code QR du service.",
            ),
            BackupError::UriLine { .. } | BackupError::MigrationLine { .. } => locale.pick(
                "Correct or delete that line (lines starting with # are ignored), then import again.",
                "Corrigez ou supprimez cette ligne (les lignes commençant par # sont ignorées), puis importez de nouveau.",
            ),
            BackupError::TooLarge { .. } => locale.pick(
                "Check that this is the backup file you meant.",
                "Vérifiez qu’il s’agit bien du fichier de sauvegarde voulu.",
            ),
            BackupError::ExportUnsupported { .. } => locale.pick(
                "Export as a Kairos backup, an Aegis file or a list of links.",
                "Exportez en sauvegarde Kairos, en fichier Aegis ou en liste de liens.",
            ),
            BackupError::EncryptionUnsupported { .. } => locale.pick(
                "Choose the Kairos backup format to protect the file with a password.",
                "Choisissez le format de sauvegarde Kairos pour protéger le fichier par un mot de passe.",
            ),
            BackupError::EmptyPassword => locale.pick(
                "Choose a long passphrase: without it the backup cannot be opened.",
                "Choisissez une longue phrase de passe : sans elle, la sauvegarde ne peut pas être ouverte.",
            ),
            BackupError::FileExists { .. } => locale.pick(
                "Choose another name, or allow replacing the file (--force).",
                "Choisissez un autre nom, ou autorisez le remplacement du fichier (--force).",
            ),
            BackupError::Io { .. } => locale.pick(
                "Check that the folder exists, can be written to, and that the disk is not full.",
                "Vérifiez que le dossier existe, est accessible en écriture, et que le disque n’est pas plein.",
            ),
            BackupError::Migration(e) => return e.hint(locale),
            BackupError::Core(e) => return e.hint(locale),
        };
        Some(text.to_owned())
    }
}

/// A sentence continued after a colon, in French typography: "Le secret…"
/// becomes "le secret…". English keeps its capital after a colon.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<BackupError> {
        let format = FormatKind::Aegis;
        vec![
            BackupError::PasswordRequired { format },
            BackupError::WrongPassword { format },
            BackupError::corrupt(format, "truncated"),
            BackupError::UnknownFormat,
            BackupError::UnsupportedVersion {
                format,
                version: "9".into(),
            },
            BackupError::UnsupportedEntry {
                format,
                position: 2,
                name: "x".into(),
                kind: "motp".into(),
            },
            BackupError::InvalidEntry {
                format,
                position: 2,
                name: "x".into(),
                source: CoreError::UriSecretMissing,
            },
            BackupError::UriLine {
                line: 3,
                source: CoreError::UriScheme,
            },
            BackupError::MigrationLine {
                line: 3,
                source: MigrationError::Base64,
            },
            BackupError::TooLarge { limit: 16 << 20 },
            BackupError::ExportUnsupported {
                format: FormatKind::TwoFas,
            },
            BackupError::EncryptionUnsupported {
                format: FormatKind::Uris,
            },
            BackupError::EmptyPassword,
            BackupError::FileExists { path: "/x".into() },
            BackupError::Io {
                path: "/x".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
        ]
    }

    #[test]
    fn every_error_speaks_both_languages_and_is_namespaced() {
        for err in all() {
            let (en, fr) = (err.report(Locale::En), err.report(Locale::Fr));
            assert!(en.code.starts_with("backup."), "{}", en.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert!(en.hint.is_some(), "{} has no hint", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
            for report in [en, fr] {
                assert!(report.message.ends_with('.'), "{}", report.message);
                assert!(!report.one_line().contains('\n'));
            }
        }
    }

    #[test]
    fn wrapped_errors_keep_their_own_codes() {
        let err = BackupError::from(MigrationError::Md5 { name: "a".into() });
        assert_eq!(err.code(), "uri.migration_md5");
        let err = BackupError::from(CoreError::VaultWrongPassword);
        assert_eq!(err.code(), "vault.wrong_password");
        assert_eq!(
            err.hint(Locale::Fr),
            CoreError::VaultWrongPassword.hint(Locale::Fr)
        );
    }

    #[test]
    fn a_bad_line_names_its_number_and_its_reason() {
        let err = BackupError::UriLine {
            line: 4,
            source: CoreError::UriSecretMissing,
        };
        assert_eq!(
            err.message(Locale::En),
            "Line 4 is not a valid link: The link has no secret, so no code can be computed from it."
        );
        assert!(
            err.message(Locale::Fr)
                .starts_with("La ligne 4 n’est pas un lien valide : le lien")
        );
    }
}
