//! Why a Google Authenticator export could not be read: `uri.migration_*`.

use crate::{Locale, UserFacing};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("not an otpauth-migration://offline link")]
    Scheme,
    #[error("the link has no data parameter")]
    DataMissing,
    #[error("the link is longer than {limit} bytes")]
    TooLong { limit: usize },
    #[error("the data parameter is not base64")]
    Base64,
    #[error("the data is not a migration payload: {detail}")]
    Protobuf { detail: &'static str },
    /// Google Authenticator can store MD5 accounts; no service should use
    /// them, and Kairos cannot compute their codes.
    #[error("account {name:?} uses MD5")]
    Md5 { name: String },
    #[error("unknown {field} value {value}")]
    UnknownValue { field: &'static str, value: i64 },
    #[error("account {name:?} has an empty or over-long secret")]
    Secret { name: String },
    #[error("batch {index} of {size} is impossible")]
    Batch { index: i32, size: i32 },
    /// A batch of another export (another batch id, or another batch count)
    /// was scanned while collecting a set.
    #[error("batch of export {found} while collecting export {expected}")]
    OtherExport { expected: i32, found: i32 },
}

impl UserFacing for MigrationError {
    fn code(&self) -> &'static str {
        match self {
            MigrationError::Scheme => "uri.migration_scheme",
            MigrationError::DataMissing => "uri.migration_data_missing",
            MigrationError::TooLong { .. } => "uri.migration_too_long",
            MigrationError::Base64 => "uri.migration_base64",
            MigrationError::Protobuf { .. } => "uri.migration_protobuf",
            MigrationError::Md5 { .. } => "uri.migration_md5",
            MigrationError::UnknownValue { .. } => "uri.migration_unknown_value",
            MigrationError::Secret { .. } => "uri.migration_secret",
            MigrationError::Batch { .. } => "uri.migration_batch",
            MigrationError::OtherExport { .. } => "uri.migration_other_export",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            MigrationError::Scheme => locale.pick(
                "This is not a Google Authenticator export link (otpauth-migration://offline).".to_owned(),
                "Ce n’est pas un lien d’export de Google Authenticator (otpauth-migration://offline).".to_owned(),
            ),
            MigrationError::DataMissing => locale.pick(
                "The export link carries no accounts (its data parameter is missing).".to_owned(),
                "Le lien d’export ne contient aucun compte (son paramètre data est absent).".to_owned(),
            ),
            MigrationError::TooLong { limit } => locale.pick(
                format!("The export link is too long: the limit is {limit} bytes."),
                format!("Le lien d’export est trop long : la limite est de {limit} octets."),
            ),
            MigrationError::Base64 => locale.pick(
                "The export link is damaged: its data is not valid base64.".to_owned(),
                "Le lien d’export est abîmé : ses données ne sont pas du base64 valide.".to_owned(),
            ),
            MigrationError::Protobuf { detail } => locale.pick(
                format!("The export link is damaged: its data cannot be read ({detail})."),
                format!("Le lien d’export est abîmé : ses données sont illisibles ({detail})."),
            ),
            MigrationError::Md5 { name } => locale.pick(
                format!("Account “{name}” uses the MD5 algorithm, which Kairos does not support."),
                format!("Le compte « {name} » utilise l’algorithme MD5, que Kairos ne prend pas en charge."),
            ),
            MigrationError::UnknownValue { field, value } => locale.pick(
                format!("The export uses an unknown {field} ({value})."),
                format!("L’export utilise une valeur inconnue pour {field} ({value})."),
            ),
            MigrationError::Secret { name } => locale.pick(
                format!("Account “{name}” has an empty or too long secret."),
                format!("Le compte « {name} » a un secret vide ou trop long."),
            ),
            MigrationError::Batch { index, size } => locale.pick(
                format!("The export claims to be code {} of {size}, which is impossible.", i64::from(*index) + 1),
                format!("L’export se dit code {} sur {size}, ce qui est impossible.", i64::from(*index) + 1),
            ),
            MigrationError::OtherExport { .. } => locale.pick(
                "This code belongs to another export than the codes already scanned.".to_owned(),
                "Ce code appartient à un autre export que les codes déjà scannés.".to_owned(),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            MigrationError::Scheme => locale.pick(
                "In Google Authenticator, use Transfer accounts → Export accounts, and scan the code it shows.",
                "Dans Google Authenticator, choisissez Transférer des comptes → Exporter des comptes, puis scannez le code affiché.",
            ),
            MigrationError::DataMissing
            | MigrationError::TooLong { .. }
            | MigrationError::Base64
            | MigrationError::Protobuf { .. } => locale.pick(
                "Scan the code again, or export the accounts again from Google Authenticator.",
                "Scannez de nouveau le code, ou exportez de nouveau les comptes depuis Google Authenticator.",
            ),
            MigrationError::Md5 { .. } => locale.pick(
                "Turn on two-factor authentication again on that service to get a SHA-1 or SHA-256 secret; the other accounts can be exported without it.",
                "Réactivez la double authentification sur ce service pour obtenir un secret SHA-1 ou SHA-256 ; les autres comptes peuvent être exportés sans lui.",
            ),
            MigrationError::UnknownValue { .. } => locale.pick(
                "This export may come from a newer Google Authenticator: update Kairos, or add the account from its own QR code.",
                "Cet export vient peut-être d’une version plus récente de Google Authenticator : mettez Kairos à jour, ou ajoutez le compte depuis son propre code QR.",
            ),
            MigrationError::Secret { .. } => locale.pick(
                "Add this account again from the service's own QR code.",
                "Ajoutez de nouveau ce compte depuis le code QR du service.",
            ),
            MigrationError::Batch { .. } => locale.pick(
                "Export the accounts again from Google Authenticator.",
                "Exportez de nouveau les comptes depuis Google Authenticator.",
            ),
            MigrationError::OtherExport { .. } => locale.pick(
                "Scan only the codes of one export, or import what is already scanned and start again with the other export.",
                "Ne scannez que les codes d’un même export, ou importez ce qui est déjà scanné puis recommencez avec l’autre export.",
            ),
        };
        Some(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn all() -> Vec<MigrationError> {
        vec![
            MigrationError::Scheme,
            MigrationError::DataMissing,
            MigrationError::TooLong { limit: 65_536 },
            MigrationError::Base64,
            MigrationError::Protobuf {
                detail: "truncated field",
            },
            MigrationError::Md5 { name: "a".into() },
            MigrationError::UnknownValue {
                field: "algorithm",
                value: 9,
            },
            MigrationError::Secret { name: "a".into() },
            MigrationError::Batch { index: 3, size: 2 },
            MigrationError::OtherExport {
                expected: 1,
                found: 2,
            },
        ]
    }

    #[test]
    fn every_error_speaks_both_languages_and_is_namespaced() {
        for err in all() {
            let (en, fr) = (err.report(Locale::En), err.report(Locale::Fr));
            assert!(en.code.starts_with("uri.migration_"), "{}", en.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
            assert!(en.hint.is_some(), "{} has no hint", en.code);
            for report in [en, fr] {
                assert!(report.message.ends_with('.'), "{}", report.message);
            }
        }
    }

    #[test]
    fn batch_numbers_are_shown_from_one() {
        let err = MigrationError::Batch { index: 2, size: 2 };
        assert!(err.message(Locale::En).contains("code 3 of 2"));
    }
}
