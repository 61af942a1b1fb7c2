//! Signing in to a user pool as its user (issue #7): thin commands over
//! `kairos_cognito::signin`. The machine between two steps lives in
//! [`SigninSlot`]; the window receives challenges and claims, never tokens.

use std::time::{SystemTime, UNIX_EPOCH};

use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeView, ClockCheck, ClockReading, DEFAULT_SESSION_LIFETIME,
    EnrolOptions, EnrolProgress, FailureCounter, Lockout, SigninFailure, SigninMachine, Step,
    TokenClaims, enrol_totp,
};
use kairos_core::clock::Clock;
use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use zeroize::Zeroizing;

use super::signin_connections;
use crate::{CommandError, state::AppState};

/// The sign-in in progress, if any (one at a time, replaced by a new start),
/// and the failed passwords counted per (pool, user) for Cognito's lock-out.
#[derive(Default)]
pub struct SigninSlot {
    pub(super) machine: tokio::sync::Mutex<Option<SigninMachine>>,
    failures: std::sync::Mutex<FailureCounter>,
}

impl SigninSlot {
    fn failures(&self) -> std::sync::MutexGuard<'_, FailureCounter> {
        // Plain counts, consistent after any panic.
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What a sign-in step leads to.
#[derive(Debug, Serialize)]
#[serde(
    tag = "step",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SigninStepView {
    /// Cognito asks for something more before the session expires.
    Challenge { challenge: ChallengeView },
    /// Signed in: what the tokens say (the tokens stay in the back end).
    SignedIn { claims: TokenClaims },
}

/// One enrolment step, as it happens.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolProgressView {
    /// `associating`, `stored`, `verifying`, `completing`, `settingPreference`, `done`.
    step: &'static str,
    /// The vault account, once the secret is stored.
    account_id: Option<i64>,
}

impl From<EnrolProgress> for EnrolProgressView {
    fn from(progress: EnrolProgress) -> Self {
        let (step, account) = match progress {
            EnrolProgress::Associating => ("associating", None),
            EnrolProgress::Stored { account } => ("stored", Some(account)),
            EnrolProgress::Verifying => ("verifying", None),
            EnrolProgress::Completing => ("completing", None),
            EnrolProgress::SettingPreference => ("settingPreference", None),
            EnrolProgress::Done { account } => ("done", Some(account)),
        };
        Self {
            step,
            account_id: account.map(|id| id.0),
        }
    }
}

/// A finished enrolment: the new vault account and who signed in.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolledView {
    account_id: i64,
    issuer: String,
    label: String,
    claims: TokenClaims,
}

/// A failed step: the usual `{ code, message, hint, help }`, plus whether the
/// sign-in must start again from the password, the vault account an
/// enrolment left unverified, Cognito's lock-out (for a countdown) and what
/// the clock says about a refused authenticator code.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SigninCommandError {
    #[serde(flatten)]
    report: ErrorReport,
    /// Boxed to keep the command's `Result` small; serialised flat.
    #[serde(flatten)]
    details: Box<SigninErrorDetails>,
}

/// The sign-in specific fields of [`SigninCommandError`].
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct SigninErrorDetails {
    restart_needed: bool,
    kept_account_id: Option<i64>,
    /// Milliseconds left before another attempt makes sense.
    retry_after_ms: Option<u64>,
    lockout: Option<Lockout>,
    clock_check: Option<ClockCheck>,
}

impl SigninCommandError {
    pub(super) fn of(err: &impl UserFacing, locale: Locale, restart_needed: bool) -> Self {
        tracing::warn!(code = err.code(), restart_needed, "sign-in step failed");
        Self {
            report: err.report(locale),
            details: Box::new(SigninErrorDetails {
                restart_needed,
                ..SigninErrorDetails::default()
            }),
        }
    }

    fn signin(err: &SigninFailure, locale: Locale) -> Self {
        let mut error = Self::of(err, locale, err.restart_needed());
        error.details.retry_after_ms = err.retry_after_ms();
        error.details.lockout = err.lockout();
        error.details.clock_check = err.clock_check();
        error
    }
}

impl From<CommandError> for SigninCommandError {
    fn from(err: CommandError) -> Self {
        Self {
            report: err.into_report(),
            details: Box::default(),
        }
    }
}

/// The app's corrected clock as a `SystemTime`, for the session's dates.
fn now(state: &AppState) -> SystemTime {
    UNIX_EPOCH + state.clock.now().since_epoch()
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// What Cognito records as the authenticator's name: this computer's name.
fn device_name() -> String {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_owned();
    if name.is_empty() {
        "Kairos".to_owned()
    } else {
        name
    }
}

/// Keeps the machine while a challenge is pending, and once signed in (its
/// tokens, in memory only, serve "stay signed in" until sign-out or the next
/// start); forgets it when the session is spent.
pub(super) fn settle(
    slot: &mut Option<SigninMachine>,
    step: Result<Step, SigninFailure>,
    locale: Locale,
) -> Result<SigninStepView, SigninCommandError> {
    match step {
        Ok(Step::Challenge(challenge)) => Ok(SigninStepView::Challenge { challenge }),
        Ok(Step::SignedIn(signed_in)) => Ok(SigninStepView::SignedIn {
            claims: signed_in.claims(),
        }),
        Err(e) => {
            if e.restart_needed() {
                *slot = None;
            }
            Err(SigninCommandError::signin(&e, locale))
        }
    }
}

/// Starts a sign-in with the password; any previous one is dropped. With
/// the `userAuth` flow, `preferred_challenge` (`PASSWORD`, `PASSWORD_SRP`,
/// `EMAIL_OTP`, `SMS_OTP`) skips the choice when Cognito allows it. Refused
/// before any call while Cognito's lock-out for this user holds.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn signin_start(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    region: String,
    endpoint: Option<String>,
    pool_id: String,
    client_id: String,
    client_secret: Option<String>,
    username: String,
    password: String,
    flow: AuthFlow,
    preferred_challenge: Option<String>,
    remember_secret: Option<bool>,
) -> Result<SigninStepView, SigninCommandError> {
    let password = Zeroizing::new(password);
    let (target, remember) = signin_connections::target(
        &state,
        signin_connections::TargetFields {
            region,
            endpoint,
            pool_id,
            client_id,
            client_secret,
            username: username.clone(),
        },
        remember_secret.unwrap_or(false),
    )
    .await?;
    let username = username.trim().to_owned();
    let pool_id = target.pool_id.clone();
    let mut guard = slot.machine.lock().await;
    *guard = None;
    let locale = state.locale();
    let at = now(&state);
    slot.failures()
        .check(&pool_id, &username, at)
        .map_err(|e| SigninCommandError::signin(&e, locale))?;
    let started = match (flow, optional(preferred_challenge)) {
        (AuthFlow::UserAuth, Some(preferred)) => {
            SigninMachine::start_user_auth(
                target,
                &username,
                password,
                Some(&preferred),
                at,
                DEFAULT_SESSION_LIFETIME,
            )
            .await
        }
        _ => {
            SigninMachine::start(
                target,
                &username,
                password,
                flow,
                at,
                DEFAULT_SESSION_LIFETIME,
            )
            .await
        }
    };
    match started {
        Ok((machine, step)) => {
            if matches!(step, Step::SignedIn(_)) {
                slot.failures().signed_in(&pool_id, &username);
            }
            *guard = Some(machine);
            signin_connections::remember(&state, remember).await;
            settle(&mut guard, Ok(step), locale)
        }
        Err(e) => {
            let e = slot.failures().failed(&pool_id, &username, e, now(&state));
            Err(SigninCommandError::signin(&e, locale))
        }
    }
}

/// Answers the pending challenge with exactly one of: a new password, a
/// code, or a `choice` among the challenge's `availableChallenges`.
#[tauri::command]
pub async fn signin_answer(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    new_password: Option<String>,
    code: Option<String>,
    choice: Option<String>,
) -> Result<SigninStepView, SigninCommandError> {
    let locale = state.locale();
    let answer = match (new_password, code, choice) {
        (Some(password), None, None) => Answer::NewPassword(Zeroizing::new(password)),
        (None, Some(code), None) => Answer::Code(Zeroizing::new(code)),
        (None, None, Some(choice)) => Answer::Choose(choice),
        _ => {
            return Err(SigninCommandError::signin(
                &SigninFailure::NothingPending,
                locale,
            ));
        }
    };
    let mut guard = slot.machine.lock().await;
    let Some(machine) = guard.as_mut() else {
        // Nothing to answer: the window must start again from the password.
        return Err(SigninCommandError::of(
            &SigninFailure::NothingPending,
            locale,
            true,
        ));
    };
    let reading = ClockReading::of(&state.clock);
    let (pool_id, login) = (machine.target().pool_id.clone(), machine.login().to_owned());
    let step = machine.answer(answer, reading).await;
    let step = slot.failures().record(&pool_id, &login, step, reading.now);
    settle(&mut guard, step, locale)
}

/// Answers MFA_SETUP with a new authenticator kept in the vault; each step is
/// sent through `on_progress` as it happens.
#[tauri::command]
pub async fn signin_enrol(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    issuer: Option<String>,
    account_name: Option<String>,
    on_progress: Channel<EnrolProgressView>,
) -> Result<EnrolledView, SigninCommandError> {
    let locale = state.locale();
    let mut guard = slot.machine.lock().await;
    let Some(machine) = guard.as_mut() else {
        return Err(SigninCommandError::of(
            &SigninFailure::NothingPending,
            locale,
            true,
        ));
    };
    let options = EnrolOptions {
        issuer: optional(issuer),
        account_name: optional(account_name).unwrap_or_else(|| machine.username().to_owned()),
        device_name: device_name(),
    };
    let at = now(&state);
    let outcome = state
        .with_vault(async |vault| {
            Ok(enrol_totp(machine, vault, at, options, |progress| {
                let _ = on_progress.send(progress.into());
            })
            .await)
        })
        .await?;
    match outcome {
        Ok(done) => {
            // The machine stays: signed in, its tokens serve "stay signed in".
            Ok(EnrolledView {
                account_id: done.account.id.0,
                issuer: done.account.issuer,
                label: done.account.label,
                claims: done.claims,
            })
        }
        Err(e) => {
            let restart = e.signin().is_some_and(SigninFailure::restart_needed);
            if restart {
                *guard = None;
            }
            let mut error = SigninCommandError::of(&e, locale, restart);
            error.details.kept_account_id = e.kept().map(|id| id.0);
            Err(error)
        }
    }
}

/// Forgets the sign-in in progress (its session simply expires at Cognito).
#[tauri::command]
pub async fn signin_cancel(slot: State<'_, SigninSlot>) -> Result<(), CommandError> {
    *slot.machine.lock().await = None;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window reads these fields flat, in camelCase, beside `code`/`message`/`hint`.
    #[test]
    fn a_lockout_error_is_serialised_flat_for_the_window() {
        let failure = SigninFailure::LockedOut {
            lockout: Lockout {
                failed_attempts: 7,
                wait_ms: 4_000,
                retry_after_ms: 2_500,
            },
        };
        let wire = serde_json::to_value(SigninCommandError::signin(&failure, Locale::En))
            .unwrap_or_default();
        assert_eq!(wire["code"], "cognito.signin_locked_out");
        assert_eq!(wire["restartNeeded"], false);
        assert_eq!(wire["retryAfterMs"], 2_500);
        assert_eq!(wire["lockout"]["failedAttempts"], 7);
        assert_eq!(wire["lockout"]["waitMs"], 4_000);
        assert_eq!(wire["clockCheck"], serde_json::Value::Null);
        assert_eq!(wire["keptAccountId"], serde_json::Value::Null);
    }
}
