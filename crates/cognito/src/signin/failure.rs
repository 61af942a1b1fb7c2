//! Why a sign-in step failed, with the catalogue entry explaining Cognito's refusals.

use kairos_core::{Locale, UserFacing};

use super::{ClockCheck, Lockout, SigninError};
use crate::error::SdkFailure;
use crate::errors::{self, Entry};

/// Catalogue entries after which the sign-in must start again from the
/// password: the session is spent, expired or unknown to Cognito, the calls
/// came out of order (the flow's state is lost), or the tokens lack the scope
/// (only new tokens, from a new sign-in, can carry it).
const RESTART_ENTRIES: [&str; 5] = [
    "session-expired",
    "session-used-twice",
    "session-invalid",
    "code-mismatch-call-order",
    "token-missing-admin-scope",
];

#[derive(Debug, thiserror::Error)]
pub enum SigninFailure {
    /// Cognito refused the call; `entry` is the catalogue's explanation when it knows the case.
    #[error("Cognito refused {operation}: {aws_code}: {aws_message}")]
    Refused {
        operation: &'static str,
        aws_code: String,
        aws_message: String,
        entry: Option<&'static Entry>,
        /// After "Password attempts exceeded": the lock-out for the attempts
        /// counted (see [`super::FailureCounter`]).
        lockout: Option<Lockout>,
        /// After a refused authenticator code: what the clock says about it.
        clock: Option<ClockCheck>,
    },
    /// Cognito could not be reached or its answer could not be read.
    #[error("could not reach Cognito at {target} ({detail})")]
    Unreachable { target: String, detail: String },
    /// Cognito did not answer in time.
    #[error("Cognito at {target} did not answer in time")]
    Timeout { target: String },
    /// Refused here, before any call: Cognito still locks the user out, and
    /// another attempt would lengthen the wait.
    #[error("locked out for {} ms more", lockout.retry_after_ms)]
    LockedOut { lockout: Lockout },
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
    /// Passkeys (WEB_AUTHN) were chosen: Cognito offers them, this client cannot answer them.
    #[error("passkeys (WEB_AUTHN) are not supported by this client")]
    PasskeyUnsupported,
    /// The choice is not among those Cognito offered (or not one Kairos knows).
    #[error("{choice} is not one of the offered choices {offered:?}")]
    NotOffered {
        choice: String,
        offered: Vec<String>,
    },
    /// A password factor was chosen but no password was given at the start.
    #[error("this way of signing in needs the password")]
    PasswordMissing,
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
        match SdkFailure::of(&err) {
            SdkFailure::Service { code, message } => SigninFailure::Refused {
                operation,
                entry: errors::lookup(&code, &message),
                aws_code: code,
                aws_message: message,
                lockout: None,
                clock: None,
            },
            SdkFailure::Timeout => SigninFailure::Timeout {
                target: target.to_owned(),
            },
            // Sign-in calls are unsigned: a credentials failure is as unexpected as no network.
            SdkFailure::Unreachable { detail } | SdkFailure::Credentials { detail, .. } => {
                SigninFailure::Unreachable {
                    target: target.to_owned(),
                    detail,
                }
            }
        }
    }

    /// The same refusal, carrying the lock-out computed for it.
    pub(crate) fn with_lockout(mut self, computed: Lockout) -> Self {
        if let SigninFailure::Refused { lockout, .. } = &mut self {
            *lockout = Some(computed);
        }
        self
    }

    /// The same refusal, carrying what the clock says, when it is a CodeMismatch.
    pub(crate) fn with_clock(mut self, check: ClockCheck) -> Self {
        if let SigninFailure::Refused {
            aws_code, clock, ..
        } = &mut self
            && aws_code == "CodeMismatchException"
        {
            *clock = Some(check);
        }
        self
    }

    /// The lock-out in force, after "Password attempts exceeded" or a local refusal.
    pub fn lockout(&self) -> Option<Lockout> {
        match self {
            SigninFailure::Refused { lockout, .. } => *lockout,
            SigninFailure::LockedOut { lockout } => Some(*lockout),
            _ => None,
        }
    }

    /// Milliseconds until another attempt makes sense (for a countdown).
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.lockout().map(|l| l.retry_after_ms)
    }

    /// What the clock says about a refused authenticator code.
    pub fn clock_check(&self) -> Option<ClockCheck> {
        match self {
            SigninFailure::Refused { clock, .. } => *clock,
            _ => None,
        }
    }

    /// The catalogue entry explaining this failure, if any.
    pub fn catalogue_entry(&self) -> Option<&'static Entry> {
        match self {
            SigninFailure::Refused { entry, .. } => *entry,
            SigninFailure::SessionUsed => errors::by_id("session-used-twice"),
            SigninFailure::SessionExpired => errors::by_id("session-expired"),
            SigninFailure::LockedOut { .. } => errors::by_id("password-attempts-exceeded"),
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

/// "Wait N s before trying again", rounded up to whole seconds.
fn wait_sentence(lockout: &Lockout, locale: Locale) -> String {
    let seconds = lockout.retry_after_ms.div_ceil(1000);
    locale.pick(
        format!("Wait {seconds} s before trying again: each attempt meanwhile doubles the wait."),
        format!(
            "Attendez {seconds} s avant de réessayer : chaque tentative entre-temps double l’attente."
        ),
    )
}

impl UserFacing for SigninFailure {
    fn code(&self) -> &'static str {
        match self {
            SigninFailure::Refused { .. } => "cognito.signin_refused",
            SigninFailure::Unreachable { .. } => "cognito.signin_unreachable",
            SigninFailure::Timeout { .. } => "cognito.signin_timeout",
            SigninFailure::LockedOut { .. } => "cognito.signin_locked_out",
            SigninFailure::SessionUsed => "cognito.signin_session_used",
            SigninFailure::SessionExpired => "cognito.signin_session_expired",
            SigninFailure::WrongAnswer { .. } => "cognito.signin_wrong_answer",
            SigninFailure::Unsupported { .. } => "cognito.signin_unsupported_challenge",
            SigninFailure::PasskeyUnsupported => "cognito.signin_passkey_unsupported",
            SigninFailure::NotOffered { .. } => "cognito.signin_choice_not_offered",
            SigninFailure::PasswordMissing => "cognito.signin_password_missing",
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
                lockout,
                clock,
                ..
            } => {
                let mut text = match entry {
                    Some(entry) => {
                        format!("{} ({aws_code}: {aws_message})", entry.title.get(locale))
                    }
                    None => locale.pick(
                        format!("Cognito refused the sign-in: {aws_code}: {aws_message}"),
                        format!("Cognito a refusé la connexion : {aws_code} : {aws_message}"),
                    ),
                };
                if let Some(lockout) = lockout {
                    text.push(' ');
                    text.push_str(&wait_sentence(lockout, locale));
                }
                if let Some(clock) = clock {
                    text.push(' ');
                    text.push_str(&clock.explain(locale));
                }
                text
            }
            SigninFailure::Timeout { target } => locale.pick(
                format!("Cognito at {target} did not answer in time."),
                format!("Cognito à {target} n’a pas répondu à temps."),
            ),
            SigninFailure::LockedOut { lockout } => locale.pick(
                format!(
                    "Cognito locks this user out after {} failed attempts in a row.",
                    lockout.failed_attempts
                ),
                format!(
                    "Cognito bloque cet utilisateur après {} tentatives échouées d’affilée.",
                    lockout.failed_attempts
                ),
            ) + " " + &wait_sentence(lockout, locale),
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
            SigninFailure::PasskeyUnsupported => locale.pick(
                "Passkeys (WEB_AUTHN) are not supported by the Kairos desktop client: its window has no bridge to the system’s passkey authenticator (Touch ID, Windows Hello, security keys).".to_owned(),
                "Les clés d’accès (WEB_AUTHN) ne sont pas prises en charge par le client de bureau Kairos : sa fenêtre n’a pas de passerelle vers l’authentificateur de clés d’accès du système (Touch ID, Windows Hello, clés de sécurité).".to_owned(),
            ),
            SigninFailure::NotOffered { choice, offered } => locale.pick(
                format!("“{choice}” is not one of the offered ways to continue ({}).", offered.join(", ")),
                format!("« {choice} » ne fait pas partie des façons de continuer proposées ({}).", offered.join(", ")),
            ),
            SigninFailure::PasswordMissing => locale.pick(
                "This way of signing in needs the password, and none was given.".to_owned(),
                "Cette façon de se connecter demande le mot de passe, et aucun n’a été donné.".to_owned(),
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
            SigninFailure::Unreachable { .. } | SigninFailure::Timeout { .. } => Some(locale.pick(
                "Check the network, the region and the endpoint.".to_owned(),
                "Vérifiez le réseau, la région et le point de terminaison.".to_owned(),
            )),
            SigninFailure::PasskeyUnsupported | SigninFailure::NotOffered { .. } => {
                Some(locale.pick(
                    "Choose another of the offered ways: password, or a code by email or SMS."
                        .to_owned(),
                    "Choisissez une autre des façons proposées : mot de passe, ou code par e-mail ou SMS."
                        .to_owned(),
                ))
            }
            SigninFailure::PasswordMissing => Some(locale.pick(
                "Sign in again with the password, or choose a code by email or SMS.".to_owned(),
                "Reconnectez-vous avec le mot de passe, ou choisissez un code par e-mail ou SMS."
                    .to_owned(),
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
            lockout: None,
            clock: None,
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

    #[test]
    fn timeouts_and_dispatch_failures_are_classified_like_admin_errors() {
        use aws_sdk_cognitoidentityprovider::error::ConnectorError;
        use aws_sdk_cognitoidentityprovider::error::SdkError;
        use aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError;
        type Raw = aws_sdk_cognitoidentityprovider::config::http::HttpResponse;
        let timeout = || -> SdkError<InitiateAuthError, Raw> {
            SdkError::timeout_error("operation timed out after 30 s")
        };
        let slow_connect = || -> SdkError<InitiateAuthError, Raw> {
            SdkError::dispatch_failure(ConnectorError::timeout("connect timed out".into()))
        };
        let refused = || -> SdkError<InitiateAuthError, Raw> {
            SdkError::dispatch_failure(ConnectorError::io("connection refused".into()))
        };
        for (err, admin) in [(timeout(), timeout()), (slow_connect(), slow_connect())] {
            let failure = SigninFailure::from_sdk(err, "InitiateAuth", "http://127.0.0.1:9");
            assert!(
                matches!(&failure, SigninFailure::Timeout { target } if target == "http://127.0.0.1:9"),
                "{failure:?}"
            );
            assert_eq!(failure.code(), "cognito.signin_timeout");
            let admin = crate::CognitoError::from_sdk(admin, "InitiateAuth", "x");
            assert!(
                matches!(admin, crate::CognitoError::Timeout { .. }),
                "{admin:?}"
            );
        }
        let unreachable = SigninFailure::from_sdk(refused(), "InitiateAuth", "t");
        assert!(
            matches!(&unreachable, SigninFailure::Unreachable { detail, .. } if detail.contains("connection refused")),
            "{unreachable:?}"
        );
        assert!(matches!(
            crate::CognitoError::from_sdk(refused(), "InitiateAuth", "t"),
            crate::CognitoError::Unreachable { .. }
        ));
    }

    #[test]
    fn a_lockout_and_a_clock_check_reach_the_message() {
        let locked =
            refused("NotAuthorizedException", "Password attempts exceeded").with_lockout(Lockout {
                failed_attempts: 7,
                wait_ms: 4_000,
                retry_after_ms: 3_500,
            });
        assert_eq!(locked.retry_after_ms(), Some(3_500));
        assert!(locked.message(Locale::En).contains("Wait 4 s"));
        assert!(locked.message(Locale::Fr).contains("Attendez 4 s"));
        let mismatch = refused("CodeMismatchException", "Invalid code received for user")
            .with_clock(ClockCheck::Off { offset_ms: 95_000 });
        assert!(mismatch.message(Locale::En).contains("off by 95.0 s"));
        // Only a CodeMismatch carries the clock.
        let wrong = refused("NotAuthorizedException", "Incorrect username or password.")
            .with_clock(ClockCheck::Unknown);
        assert_eq!(wrong.clock_check(), None);
    }
}
