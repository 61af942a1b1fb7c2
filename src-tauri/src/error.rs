//! What a command sends back when it fails: `{ code, message, hint }`, with the
//! texts in the language the window speaks.

use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(ErrorReport);

/// Errors of the desktop shell itself.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("the vault is locked")]
    VaultLocked,
    #[error("a password is needed")]
    PasswordMissing,
    #[error("clipboard: {0}")]
    Clipboard(String),
}

impl UserFacing for ShellError {
    fn code(&self) -> &'static str {
        match self {
            ShellError::VaultLocked => "vault.locked",
            ShellError::PasswordMissing => "vault.password_missing",
            ShellError::Clipboard(_) => "clipboard.unavailable",
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
        };
        Some(text.to_owned())
    }
}

impl CommandError {
    pub fn new(err: &impl UserFacing, locale: Locale) -> Self {
        tracing::warn!(code = err.code(), "command failed");
        Self(err.report(locale))
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
        let err = CognitoError::Service {
            code: "InternalErrorException".into(),
            message: "boom".into(),
        };
        let json = serde_json::to_value(CommandError::new(&err, Locale::En)).ok();
        assert_eq!(
            json.as_ref().map(|j| &j["hint"]),
            Some(&serde_json::Value::Null)
        );
    }
}
