//! What a command sends back when it fails: `{ code, message, hint }`, with the
//! texts in the language the window speaks.

use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CommandError(ErrorReport);

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
