//! Errors of the Cognito side, each with a stable code and text in EN/FR.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use kairos_core::{Locale, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum CognitoError {
    #[error("invalid endpoint URL {endpoint:?}")]
    InvalidEndpoint { endpoint: String },
    #[error("no AWS region configured")]
    NoRegion,
    #[error("no AWS credentials: {detail}")]
    NoCredentials { detail: String },
    #[error("cannot reach {target}: {detail}")]
    Unreachable { target: String, detail: String },
    #[error("{target} did not answer in time")]
    Timeout { target: String },
    #[error("access denied for {action}: {message}")]
    AccessDenied { action: String, message: String },
    /// Any other error Cognito returned; the code is AWS's (`CodeMismatchException`, ...).
    #[error("{code}: {message}")]
    Service { code: String, message: String },
}

impl CognitoError {
    /// Maps an SDK failure of `action` (an IAM action name) sent to `target`.
    pub fn from_sdk<E, R>(err: SdkError<E, R>, action: &str, target: &str) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        if let Some(creds) = find_source::<CredentialsError>(&err) {
            return CognitoError::NoCredentials {
                detail: DisplayErrorContext(creds).to_string(),
            };
        }
        let detail = DisplayErrorContext(&err).to_string();
        match &err {
            SdkError::ServiceError(service) => {
                let code = service.err().code().unwrap_or("UnknownError").to_owned();
                let message = service.err().message().unwrap_or_default().to_owned();
                if code == "AccessDeniedException" {
                    CognitoError::AccessDenied {
                        action: action.to_owned(),
                        message,
                    }
                } else {
                    CognitoError::Service { code, message }
                }
            }
            SdkError::TimeoutError(_) => CognitoError::Timeout {
                target: target.to_owned(),
            },
            SdkError::DispatchFailure(failure) if failure.is_timeout() => CognitoError::Timeout {
                target: target.to_owned(),
            },
            _ => CognitoError::Unreachable {
                target: target.to_owned(),
                detail,
            },
        }
    }
}

impl CognitoError {
    /// AWS's error code, for errors Cognito (or IAM in front of it) answered.
    pub fn aws_code(&self) -> Option<&str> {
        match self {
            CognitoError::Service { code, .. } => Some(code),
            CognitoError::AccessDenied { .. } => Some("AccessDeniedException"),
            _ => None,
        }
    }

    /// The catalogue's explanation of this error, when AWS answered one it knows.
    pub fn catalogue_entry(&self) -> Option<&'static crate::errors::Entry> {
        match self {
            CognitoError::Service { code, message } => crate::errors::lookup(code, message),
            CognitoError::AccessDenied { message, .. } => {
                crate::errors::lookup("AccessDeniedException", message)
            }
            _ => None,
        }
    }
}

fn find_source<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

impl UserFacing for CognitoError {
    fn code(&self) -> &'static str {
        match self {
            CognitoError::InvalidEndpoint { .. } => "cognito.invalid_endpoint",
            CognitoError::NoRegion => "cognito.no_region",
            CognitoError::NoCredentials { .. } => "cognito.no_credentials",
            CognitoError::Unreachable { .. } => "cognito.unreachable",
            CognitoError::Timeout { .. } => "cognito.timeout",
            CognitoError::AccessDenied { .. } => "cognito.access_denied",
            CognitoError::Service { .. } => "cognito.service",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            CognitoError::InvalidEndpoint { endpoint } => locale.pick(
                format!("“{endpoint}” is not an endpoint URL."),
                format!("« {endpoint} » n’est pas une URL de point de terminaison."),
            ),
            CognitoError::NoRegion => locale.pick(
                "No AWS region is set.".to_owned(),
                "Aucune région AWS n’est définie.".to_owned(),
            ),
            CognitoError::NoCredentials { .. } => locale.pick(
                "No AWS credentials were found.".to_owned(),
                "Aucun identifiant AWS n’a été trouvé.".to_owned(),
            ),
            CognitoError::Unreachable { target, .. } => locale.pick(
                format!("Could not reach Cognito at {target}."),
                format!("Impossible de joindre Cognito à {target}."),
            ),
            CognitoError::Timeout { target } => locale.pick(
                format!("Cognito at {target} did not answer in time."),
                format!("Cognito à {target} n’a pas répondu à temps."),
            ),
            CognitoError::AccessDenied { action, .. } => locale.pick(
                format!("AWS refused the action {action}."),
                format!("AWS a refusé l’action {action}."),
            ),
            CognitoError::Service { code, message } => locale.pick(
                format!("Cognito answered {code}: {message}"),
                format!("Cognito a répondu {code} : {message}"),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            CognitoError::InvalidEndpoint { .. } => locale.pick(
                "Write a full URL such as http://127.0.0.1:5000, or leave the field empty to use AWS.",
                "Saisissez une URL complète comme http://127.0.0.1:5000, ou laissez le champ vide pour utiliser AWS.",
            ),
            CognitoError::NoRegion => locale.pick(
                "Enter a region (for example eu-west-1), or set AWS_REGION or a region in your AWS profile.",
                "Saisissez une région (par exemple eu-west-1), ou définissez AWS_REGION ou une région dans votre profil AWS.",
            ),
            CognitoError::NoCredentials { .. } => locale.pick(
                "Run `aws configure` or `aws sso login`, or set AWS_PROFILE; Kairos reads the standard AWS configuration.",
                "Lancez `aws configure` ou `aws sso login`, ou définissez AWS_PROFILE ; Kairos lit la configuration AWS standard.",
            ),
            CognitoError::Unreachable { .. } => locale.pick(
                "Check the endpoint URL and your network connection or proxy.",
                "Vérifiez l’URL du point de terminaison et votre connexion réseau ou proxy.",
            ),
            CognitoError::Timeout { .. } => locale.pick(
                "Try again; if it persists, check your network or proxy.",
                "Réessayez ; si cela persiste, vérifiez votre réseau ou proxy.",
            ),
            CognitoError::AccessDenied { .. } => locale.pick(
                "Ask your AWS administrator to allow this action for your IAM identity.",
                "Demandez à votre administrateur AWS d’autoriser cette action pour votre identité IAM.",
            ),
            // The catalogue says what to do about the errors it knows.
            CognitoError::Service { .. } => {
                return self.catalogue_entry().map(|e| e.fix.get(locale).to_owned());
            }
        };
        Some(text.to_owned())
    }

    fn help_id(&self) -> Option<&'static str> {
        self.catalogue_entry().map(|e| e.id)
    }
}
