//! Errors of the Cognito side, each with a stable code and text in EN/FR.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use kairos_core::{Locale, UserFacing};

use crate::preflight::PreflightCheck;

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
    /// The SSO session behind the profile has expired (`aws sso login` renews it).
    #[error("the AWS SSO session has expired")]
    SsoSessionExpired { profile: Option<String> },
    /// Temporary credentials were refused as expired (`ExpiredTokenException`).
    #[error("the AWS credentials have expired")]
    CredentialsExpired { profile: Option<String> },
    /// A request Kairos could not even build (a required field missing).
    #[error("invalid request: {detail}")]
    InvalidRequest { detail: String },
    #[error("invalid user filter {filter:?}")]
    InvalidFilter { filter: String },
    /// A pre-flight check refused the change before any call.
    #[error("refused before sending: {}", check.code())]
    Preflight { check: PreflightCheck },
    /// `AdminDeleteSoftwareToken` is not offered by this endpoint.
    #[error("AdminDeleteSoftwareToken refused: {code}: {message}")]
    ResetUnsupported { code: String, message: String },
    #[error("audit log {}: {detail}", path.display())]
    Audit {
        path: std::path::PathBuf,
        detail: String,
    },
    /// The Cognito settings file exists but is not what Kairos wrote.
    #[error("unreadable Cognito settings {}: {detail}", path.display())]
    SettingsCorrupt {
        path: std::path::PathBuf,
        detail: String,
    },
    #[error("cannot read or write the Cognito settings {}: {detail}", path.display())]
    SettingsIo {
        path: std::path::PathBuf,
        detail: String,
    },
}

/// What went wrong with an SDK call, before each error type names it: shared
/// by [`CognitoError::from_sdk`] and the sign-in's `SigninFailure::from_sdk`,
/// so both tell a timeout from an unreachable endpoint the same way.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SdkFailure {
    /// The credentials provider failed; `sso_expired` when an SSO session ran out.
    Credentials { detail: String, sso_expired: bool },
    /// AWS answered with an error.
    Service { code: String, message: String },
    /// No answer in time (connecting or the whole operation).
    Timeout,
    /// No connection, or an answer that could not be read.
    Unreachable { detail: String },
}

impl SdkFailure {
    pub(crate) fn of<E, R>(err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        if let Some(creds) = find_source::<CredentialsError>(err) {
            let detail = DisplayErrorContext(creds).to_string();
            let text = detail.to_ascii_lowercase();
            return SdkFailure::Credentials {
                sso_expired: text.contains("sso")
                    && (text.contains("expired") || text.contains("refresh")),
                detail,
            };
        }
        match err {
            SdkError::ServiceError(service) => SdkFailure::Service {
                code: service.err().code().unwrap_or("UnknownError").to_owned(),
                message: service.err().message().unwrap_or_default().to_owned(),
            },
            SdkError::TimeoutError(_) => SdkFailure::Timeout,
            SdkError::DispatchFailure(failure) if failure.is_timeout() => SdkFailure::Timeout,
            _ => SdkFailure::Unreachable {
                detail: DisplayErrorContext(err).to_string(),
            },
        }
    }
}

impl CognitoError {
    /// Maps an SDK failure of `action` (an IAM action name) sent to `target`.
    pub fn from_sdk<E, R>(err: SdkError<E, R>, action: &str, target: &str) -> Self
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        match SdkFailure::of(&err) {
            SdkFailure::Credentials {
                sso_expired: true, ..
            } => CognitoError::SsoSessionExpired { profile: None },
            SdkFailure::Credentials { detail, .. } => CognitoError::NoCredentials { detail },
            SdkFailure::Service { code, message } => {
                if matches!(
                    code.as_str(),
                    "ExpiredTokenException" | "ExpiredToken" | "RequestExpired"
                ) {
                    CognitoError::CredentialsExpired { profile: None }
                } else if code == "AccessDeniedException" {
                    CognitoError::AccessDenied {
                        action: action.to_owned(),
                        message,
                    }
                } else {
                    CognitoError::Service { code, message }
                }
            }
            SdkFailure::Timeout => CognitoError::Timeout {
                target: target.to_owned(),
            },
            SdkFailure::Unreachable { detail } => CognitoError::Unreachable {
                target: target.to_owned(),
                detail,
            },
        }
    }
}

impl CognitoError {
    /// Names `profile` in errors whose fix depends on it.
    pub fn for_profile(mut self, name: Option<&str>) -> Self {
        if let CognitoError::SsoSessionExpired { profile }
        | CognitoError::CredentialsExpired { profile } = &mut self
        {
            *profile = name.map(str::to_owned);
        }
        self
    }

    /// The code recorded in the audit log: AWS's own for service errors, the check's
    /// for pre-flight refusals, Kairos's otherwise.
    pub fn audit_code(&self) -> String {
        match self {
            CognitoError::Service { code, .. } | CognitoError::ResetUnsupported { code, .. } => {
                code.clone()
            }
            CognitoError::Preflight { check } => check.code().to_owned(),
            other => other.code().to_owned(),
        }
    }

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

fn sso_login_command(profile: &Option<String>) -> String {
    match profile {
        Some(name) => format!("aws sso login --profile {name}"),
        None => "aws sso login".to_owned(),
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
            CognitoError::SsoSessionExpired { .. } => "cognito.sso_expired",
            CognitoError::CredentialsExpired { .. } => "cognito.credentials_expired",
            CognitoError::InvalidRequest { .. } => "cognito.invalid_request",
            CognitoError::InvalidFilter { .. } => "cognito.invalid_filter",
            CognitoError::Preflight { check } => check.code(),
            CognitoError::ResetUnsupported { .. } => "cognito.reset_unsupported",
            CognitoError::Audit { .. } => "cognito.audit",
            CognitoError::SettingsCorrupt { .. } => "cognito.settings_corrupt",
            CognitoError::SettingsIo { .. } => "cognito.settings_io",
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
            CognitoError::SsoSessionExpired { .. } => locale.pick(
                "Your AWS SSO session has expired.".to_owned(),
                "Votre session AWS SSO a expiré.".to_owned(),
            ),
            CognitoError::CredentialsExpired { .. } => locale.pick(
                "AWS refused the credentials as expired.".to_owned(),
                "AWS a refusé les identifiants : ils ont expiré.".to_owned(),
            ),
            CognitoError::InvalidRequest { detail } => locale.pick(
                format!("The request is incomplete: {detail}."),
                format!("La requête est incomplète : {detail}."),
            ),
            CognitoError::InvalidFilter { filter } => locale.pick(
                format!("“{filter}” is not a user filter."),
                format!("« {filter} » n’est pas un filtre d’utilisateurs."),
            ),
            CognitoError::Preflight { check } => check.message(locale),
            CognitoError::ResetUnsupported { code, .. } => locale.pick(
                format!("This endpoint does not offer AdminDeleteSoftwareToken ({code})."),
                format!(
                    "Ce point de terminaison ne propose pas AdminDeleteSoftwareToken ({code})."
                ),
            ),
            CognitoError::Audit { path, detail } => locale.pick(
                format!("Cannot write the audit log {}: {detail}.", path.display()),
                format!(
                    "Impossible d’écrire le journal d’audit {} : {detail}.",
                    path.display()
                ),
            ),
            CognitoError::SettingsCorrupt { path, .. } => locale.pick(
                format!(
                    "The Cognito settings file {} cannot be read.",
                    path.display()
                ),
                format!(
                    "Le fichier de réglages Cognito {} est illisible.",
                    path.display()
                ),
            ),
            CognitoError::SettingsIo { path, detail } => locale.pick(
                format!(
                    "Cannot read or write the Cognito settings {}: {detail}.",
                    path.display()
                ),
                format!(
                    "Impossible de lire ou d’écrire les réglages Cognito {} : {detail}.",
                    path.display()
                ),
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
            CognitoError::SsoSessionExpired { profile }
            | CognitoError::CredentialsExpired { profile } => {
                let command = sso_login_command(profile);
                return Some(locale.pick(
                    format!("Run `{command}` to renew the session (or refresh the profile's credentials), then try again."),
                    format!("Lancez `{command}` pour renouveler la session (ou rafraîchissez les identifiants du profil), puis réessayez."),
                ));
            }
            CognitoError::InvalidFilter { .. } => locale.pick(
                "Use username^=PREFIX, email^=PREFIX or status=STATUS (e.g. status=CONFIRMED).",
                "Utilisez username^=PRÉFIXE, email^=PRÉFIXE ou status=STATUT (par ex. status=CONFIRMED).",
            ),
            CognitoError::Preflight { check } => return check.hint(locale),
            CognitoError::ResetUnsupported { .. } => locale.pick(
                "Older workaround: turn the user's TOTP preference off (kairos cognito reset-totp --fallback-disable), then have the user associate a new authenticator (AssociateSoftwareToken, VerifySoftwareToken) at the next sign-in.",
                "Contournement plus ancien : désactivez la préférence TOTP de l’utilisateur (kairos cognito reset-totp --fallback-disable), puis faites-lui associer un nouvel authentificateur (AssociateSoftwareToken, VerifySoftwareToken) à la prochaine connexion.",
            ),
            CognitoError::Audit { .. } | CognitoError::SettingsIo { .. } => locale.pick(
                "Check that the data folder is writable and has free space.",
                "Vérifiez que le dossier de données est accessible en écriture et a de la place.",
            ),
            CognitoError::SettingsCorrupt { .. } => locale.pick(
                "Kairos leaves the file as it is: fix it (JSON with an \"endpointOverride\" URL) or delete it, then try again.",
                "Kairos laisse le fichier tel quel : corrigez-le (du JSON avec une URL « endpointOverride ») ou supprimez-le, puis réessayez.",
            ),
            // The catalogue says what to do about the errors it knows.
            CognitoError::Service { .. } => {
                return self.catalogue_entry().map(|e| e.fix.get(locale).to_owned());
            }
            CognitoError::InvalidRequest { .. } => return None,
        };
        Some(text.to_owned())
    }

    fn help_id(&self) -> Option<&'static str> {
        self.catalogue_entry().map(|e| e.id)
    }
}
