//! Why a sign-in step failed, with the catalogue entry explaining Cognito's refusals.

use kairos_core::{Locale, UserFacing};

use super::SigninError;
use crate::errors::{self, Entry};

/// Catalogue entries after which the sign-in must start again from the password.
const RESTART_ENTRIES: [&str; 3] = ["session-expired", "session-used-twice", "session-invalid"];

#[derive(Debug, thiserror::Error)]
pub enum SigninFailure {
    /// Cognito refused the call; `entry` is the catalogue's explanation when it knows the case.
    #[error("Cognito refused {operation}: {aws_code}: {aws_message}")]
    Refused {
        operation: &'static str,
        aws_code: String,
        aws_message: String,
        entry: Option<&'static Entry>,
    },
    /// Cognito could not be reached or its answer could not be read.
    #[error("could not reach Cognito at {target} ({detail})")]
    Unreachable { target: String, detail: String },
    /// The session was already answered once; Kairos refuses it without calling AWS.
    #[error("this sign-in session was already used")]
    SessionUsed,
    /// The session outlived its lifetime; Kairos refuses it without calling AWS.
    #[error("this sign-in session has expired")]
    SessionExpired,
    /// The answer does not fit the pending challenge (or there is none).
    #[error("{answer} does not answer the {pending} challenge")]
    WrongAnswer {
        answer: &'static str,
        pending: String,
    },
    /// A challenge Kairos cannot answer here.
    #[error("unsupported challenge {name}")]
    Unsupported { name: String },
    /// The machine is signed in already, or not yet.
    #[error("no sign-in step is pending")]
    NothingPending,
    /// Cognito's answer lacked something it always sends.
    #[error("Cognito's answer lacks {what}")]
    Incomplete { what: &'static str },
    /// The endpoint override is not an http(s) URL.
    #[error("invalid endpoint {endpoint:?}")]
    InvalidEndpoint { endpoint: String },
    /// The system's random generator failed (SRP needs 128 random bytes).
    #[error("no randomness available")]
    Random,
    /// SRP or SECRET_HASH building blocks refused their input.
    #[error(transparent)]
    Block(#[from] SigninError),
}

impl SigninFailure {
    /// Maps an SDK error of `operation` through the catalogue.
    pub(crate) fn from_sdk<E, R>(
        err: aws_sdk_cognitoidentityprovider::error::SdkError<E, R>,
        operation: &'static str,
        target: &str,
    ) -> Self
    where
        E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        use aws_sdk_cognitoidentityprovider::error::SdkError;
        match err {
            SdkError::ServiceError(service) => {
                let inner = service.err();
                let aws_code = inner.code().unwrap_or("Unknown").to_owned();
                let aws_message = inner.message().unwrap_or_default().to_owned();
                SigninFailure::Refused {
                    operation,
                    entry: errors::lookup(&aws_code, &aws_message),
                    aws_code,
                    aws_message,
                }
            }
            other => SigninFailure::Unreachable {
                target: target.to_owned(),
                detail: aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&other)
                    .to_string(),
            },
        }
    }

    /// The catalogue entry explaining this failure, if any.
    pub fn catalogue_entry(&self) -> Option<&'static Entry> {
        match self {
            SigninFailure::Refused { entry, .. } => *entry,
            SigninFailure::SessionUsed => errors::by_id("session-used-twice"),
            SigninFailure::SessionExpired => errors::by_id("session-expired"),
            _ => None,
        }
    }

    /// The catalogue entry's id (`code-mismatch-clock-skew`), if any.
    pub fn catalogue_id(&self) -> Option<&'static str> {
        self.catalogue_entry().map(|e| e.id)
    }

    /// Whether the sign-in must start again from the password: the session is
    /// spent, expired or unknown to Cognito.
    pub fn restart_needed(&self) -> bool {
        matches!(
            self,
            SigninFailure::SessionUsed | SigninFailure::SessionExpired
        ) || self
            .catalogue_id()
            .is_some_and(|id| RESTART_ENTRIES.contains(&id))
    }
}

impl SigninFailure {
    /// After Cognito's "Password attempts exceeded", how long the user is
    /// locked out given `failed_attempts` in a row (the caller counts them),
    /// to show as a countdown rather than let another attempt lengthen it.
    pub fn lockout_wait(&self, failed_attempts: u32) -> Option<std::time::Duration> {
        if self.catalogue_id() == Some("password-attempts-exceeded") {
            errors::lockout_after(failed_attempts.max(5))
        } else {
            None
        }
    }
}

impl UserFacing for SigninFailure {
    fn code(&self) -> &'static str {
        match self {
            SigninFailure::Refused { .. } => "cognito.signin_refused",
            SigninFailure::Unreachable { .. } => "cognito.signin_unreachable",
            SigninFailure::SessionUsed => "cognito.signin_session_used",
            SigninFailure::SessionExpired => "cognito.signin_session_expired",
            SigninFailure::WrongAnswer { .. } => "cognito.signin_wrong_answer",
            SigninFailure::Unsupported { .. } => "cognito.signin_unsupported_challenge",
            SigninFailure::NothingPending => "cognito.signin_nothing_pending",
            SigninFailure::Incomplete { .. } => "cognito.signin_incomplete_answer",
            SigninFailure::InvalidEndpoint { .. } => "cognito.invalid_endpoint",
            SigninFailure::Random => "cognito.signin_no_randomness",
            SigninFailure::Block(inner) => inner.code(),
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            SigninFailure::Refused {
                aws_code,
                aws_message,
                entry,
                ..
            } => match entry {
                Some(entry) => format!("{} ({aws_code}: {aws_message})", entry.title.get(locale)),
                None => locale.pick(
                    format!("Cognito refused the sign-in: {aws_code}: {aws_message}"),
                    format!("Cognito a refusé la connexion : {aws_code} : {aws_message}"),
                ),
            },
            SigninFailure::Unreachable { target, detail } => locale.pick(
                format!("Cognito could not be reached at {target} ({detail})."),
                format!("Cognito est injoignable à {target} ({detail})."),
            ),
            SigninFailure::SessionUsed => locale.pick(
                "This sign-in step was already answered; its session cannot be used again."
                    .to_owned(),
                "Cette étape de connexion a déjà reçu une réponse ; sa session ne peut pas resservir."
                    .to_owned(),
            ),
            SigninFailure::SessionExpired => locale.pick(
                "This sign-in step waited too long; its session has expired.".to_owned(),
                "Cette étape de connexion a trop attendu ; sa session a expiré.".to_owned(),
            ),
            SigninFailure::WrongAnswer { answer, pending } => locale.pick(
                format!("A {answer} does not answer the {pending} step."),
                format!("Un(e) {answer} ne répond pas à l’étape {pending}."),
            ),
            SigninFailure::Unsupported { name } => locale.pick(
                format!("Kairos cannot answer the {name} sign-in step yet."),
                format!("Kairos ne sait pas encore répondre à l’étape de connexion {name}."),
            ),
            SigninFailure::NothingPending => locale.pick(
                "No sign-in step is waiting for an answer.".to_owned(),
                "Aucune étape de connexion n’attend de réponse.".to_owned(),
            ),
            SigninFailure::Incomplete { what } => locale.pick(
                format!("Cognito’s answer lacks {what}."),
                format!("La réponse de Cognito ne contient pas {what}."),
            ),
            SigninFailure::InvalidEndpoint { endpoint } => locale.pick(
                format!("“{endpoint}” is not an http(s) address."),
                format!("« {endpoint} » n’est pas une adresse http(s)."),
            ),
            SigninFailure::Random => locale.pick(
                "The system’s random generator failed.".to_owned(),
                "Le générateur aléatoire du système a échoué.".to_owned(),
            ),
            SigninFailure::Block(inner) => inner.message(locale),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        if let Some(entry) = self.catalogue_entry() {
            return Some(entry.fix.get(locale).to_owned());
        }
        match self {
            SigninFailure::Unreachable { .. } => Some(locale.pick(
                "Check the network, the region and the endpoint.".to_owned(),
                "Vérifiez le réseau, la région et le point de terminaison.".to_owned(),
            )),
            SigninFailure::WrongAnswer { .. }
            | SigninFailure::Unsupported { .. }
            | SigninFailure::NothingPending
            | SigninFailure::Incomplete { .. }
            | SigninFailure::Random => {
                Some(locale.pick("Sign in again.".to_owned(), "Reconnectez-vous.".to_owned()))
            }
            SigninFailure::InvalidEndpoint { .. } => Some(locale.pick(
                "Use an address such as http://127.0.0.1:5000, or none for AWS.".to_owned(),
                "Utilisez une adresse comme http://127.0.0.1:5000, ou aucune pour AWS.".to_owned(),
            )),
            SigninFailure::Block(inner) => inner.hint(locale),
            _ => None,
        }
    }

    fn help_id(&self) -> Option<&'static str> {
        self.catalogue_id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(aws_code: &str, aws_message: &str) -> SigninFailure {
        SigninFailure::Refused {
            operation: "RespondToAuthChallenge",
            aws_code: aws_code.to_owned(),
            aws_message: aws_message.to_owned(),
            entry: errors::lookup(aws_code, aws_message),
        }
    }

    #[test]
    fn session_refusals_need_a_restart_other_refusals_do_not() {
        for (message, id) in [
            (
                "Invalid session for the user, session is expired.",
                "session-expired",
            ),
            (
                "Invalid session for the user, session can only be used once.",
                "session-used-twice",
            ),
            ("Invalid session for the user.", "session-invalid"),
        ] {
            let failure = refused("NotAuthorizedException", message);
            assert_eq!(failure.catalogue_id(), Some(id), "{message}");
            assert!(failure.restart_needed(), "{message}");
            assert_eq!(failure.help_id(), Some(id));
        }
        let wrong = refused("NotAuthorizedException", "Incorrect username or password.");
        assert_eq!(wrong.catalogue_id(), Some("wrong-password"));
        assert!(!wrong.restart_needed());
        let mismatch = refused("CodeMismatchException", "Invalid code received for user");
        assert!(!mismatch.restart_needed());
        assert!(SigninFailure::SessionUsed.restart_needed());
        assert!(SigninFailure::SessionExpired.restart_needed());
        assert!(!SigninFailure::NothingPending.restart_needed());
    }

    #[test]
    fn password_attempts_exceeded_gives_the_lockout_wait() {
        use std::time::Duration;
        let locked = refused("NotAuthorizedException", "Password attempts exceeded");
        assert_eq!(locked.lockout_wait(6), Some(Duration::from_secs(2)));
        assert_eq!(locked.lockout_wait(10), Some(Duration::from_secs(32)));
        // Cognito said so: at least the first lock-out even if the count is lower.
        assert_eq!(locked.lockout_wait(1), Some(Duration::from_secs(1)));
        assert!(!locked.restart_needed());
        let wrong = refused("NotAuthorizedException", "Incorrect username or password.");
        assert_eq!(wrong.lockout_wait(9), None);
    }
}
