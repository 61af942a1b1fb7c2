//! The error shape every Kairos crate shows to people: a stable code, a message
//! and a hint, each text in the reader's language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Locale;

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
}

impl UserFacing for CoreError {
    fn code(&self) -> &'static str {
        match self {
            CoreError::DataDir { .. } => "data_dir.unavailable",
            CoreError::NoHomeDirectory => "data_dir.no_home",
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
        };
        Some(text.to_owned())
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
        for err in errors {
            let en = err.report(Locale::En);
            let fr = err.report(Locale::Fr);
            assert_eq!(en.code, fr.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
        }
    }

    #[test]
    fn one_line_has_no_newline() {
        let line = CoreError::NoHomeDirectory.report(Locale::Fr).one_line();
        assert!(line.starts_with("error[data_dir.no_home]: "));
        assert!(!line.contains('\n'));
    }
}
