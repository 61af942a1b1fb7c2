//! The error for text the catalogue cannot explain.

use kairos_core::{Locale, UserFacing};

/// Nothing in the text names a Cognito error the catalogue knows.
#[derive(Debug, thiserror::Error)]
#[error("no catalogue entry matches {text:?}")]
pub struct NoExplanation {
    pub text: String,
}

impl UserFacing for NoExplanation {
    fn code(&self) -> &'static str {
        "cognito.no_explanation"
    }

    fn message(&self, locale: Locale) -> String {
        let shown: String = self.text.trim().chars().take(80).collect();
        if shown.is_empty() {
            return locale
                .pick(
                    "There is no error text to explain.",
                    "Il n’y a aucun texte d’erreur à expliquer.",
                )
                .to_owned();
        }
        locale.pick(
            format!("No known Cognito error in “{shown}”."),
            format!("Aucune erreur Cognito connue dans « {shown} »."),
        )
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        Some(
            locale
                .pick(
                    "Paste the error code (such as NotAuthorizedException), the whole error message, or AWS's JSON answer.",
                    "Collez le code d’erreur (comme NotAuthorizedException), le message d’erreur complet, ou la réponse JSON d’AWS.",
                )
                .to_owned(),
        )
    }
}

/// [`super::explain`], or the error saying nothing matched.
pub fn explain_or_error(text: &str) -> Result<Vec<&'static super::Entry>, NoExplanation> {
    let entries = super::explain(text);
    if entries.is_empty() {
        return Err(NoExplanation {
            text: text.to_owned(),
        });
    }
    Ok(entries)
}
