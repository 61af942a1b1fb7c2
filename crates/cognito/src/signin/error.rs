//! Errors of the sign-in building blocks, each with a stable code and EN/FR text.

use kairos_core::{Locale, UserFacing};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SigninError {
    /// The pool id is not `region_name` (the SRP pool name is the part after `_`).
    #[error("invalid user pool id {pool_id:?}")]
    BadPoolId { pool_id: String },
    /// The private value `a` is zero modulo N, so A would be 0.
    #[error("the SRP private value is unusable")]
    BadPrivateValue,
    /// Cognito sent B ≡ 0 (mod N) or a value giving u = 0: answering would leak the key.
    #[error("Cognito sent an unusable SRP value ({value})")]
    BadServerValue { value: &'static str },
    /// A challenge field was not the hex or Base64 Cognito sends.
    #[error("malformed SRP challenge field {field}")]
    MalformedChallenge { field: &'static str },
    /// A time before 1970 or after year 9999 cannot be written in Cognito's format.
    #[error("time out of range for a Cognito timestamp")]
    TimestampOutOfRange,
}

impl UserFacing for SigninError {
    fn code(&self) -> &'static str {
        match self {
            SigninError::BadPoolId { .. } => "cognito.bad_pool_id",
            SigninError::BadPrivateValue => "cognito.srp_bad_private_value",
            SigninError::BadServerValue { .. } => "cognito.srp_bad_server_value",
            SigninError::MalformedChallenge { .. } => "cognito.srp_malformed_challenge",
            SigninError::TimestampOutOfRange => "cognito.srp_timestamp_out_of_range",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            SigninError::BadPoolId { pool_id } => locale.pick(
                format!("“{pool_id}” is not a user pool id (expected region_name)."),
                format!("« {pool_id} » n’est pas un identifiant de groupe d’utilisateurs (attendu : région_nom)."),
            ),
            SigninError::BadPrivateValue => locale.pick(
                "The random value for the password proof is unusable.".to_owned(),
                "La valeur aléatoire de la preuve de mot de passe est inutilisable.".to_owned(),
            ),
            SigninError::BadServerValue { value } => locale.pick(
                format!("Cognito sent an invalid password challenge ({value} is zero)."),
                format!("Cognito a envoyé un défi de mot de passe invalide ({value} est nul)."),
            ),
            SigninError::MalformedChallenge { field } => locale.pick(
                format!("Cognito’s password challenge has a malformed {field}."),
                format!("Le défi de mot de passe de Cognito a un champ {field} mal formé."),
            ),
            SigninError::TimestampOutOfRange => locale.pick(
                "The sign-in time cannot be written in Cognito’s format.".to_owned(),
                "L’heure de connexion ne peut pas être écrite au format de Cognito.".to_owned(),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        match self {
            SigninError::BadPoolId { .. } => Some(locale.pick(
                "Copy the pool id from the Cognito console, e.g. eu-west-3_AbCdEfGhI.".to_owned(),
                "Copiez l’identifiant depuis la console Cognito, par ex. eu-west-3_AbCdEfGhI.".to_owned(),
            )),
            SigninError::BadPrivateValue => Some(locale.pick(
                "Try signing in again.".to_owned(),
                "Réessayez de vous connecter.".to_owned(),
            )),
            SigninError::BadServerValue { .. } | SigninError::MalformedChallenge { .. } => {
                Some(locale.pick(
                    "Check that the endpoint really is Cognito; Kairos did not answer the challenge."
                        .to_owned(),
                    "Vérifiez que le point de terminaison est bien Cognito ; Kairos n’a pas répondu au défi."
                        .to_owned(),
                ))
            }
            SigninError::TimestampOutOfRange => Some(locale.pick(
                "Check the computer’s clock.".to_owned(),
                "Vérifiez l’horloge de l’ordinateur.".to_owned(),
            )),
        }
    }
}
