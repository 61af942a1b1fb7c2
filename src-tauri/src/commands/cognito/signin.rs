//! Signing in to a user pool as its user (issue #7): thin commands over
//! `kairos_cognito::signin`. The machine between two steps lives in
//! [`SigninSlot`]; the window receives challenges and claims, never tokens.

use std::time::{SystemTime, UNIX_EPOCH};

use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeView, DEFAULT_SESSION_LIFETIME, EnrolOptions, EnrolProgress,
    SigninFailure, SigninMachine, Step, TokenClaims, enrol_totp,
};
use kairos_core::clock::Clock;
use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;
use zeroize::Zeroizing;

use super::signin_connections;
use crate::{CommandError, state::AppState};

/// The sign-in in progress, if any: one at a time, replaced by a new start.
#[derive(Default)]
pub struct SigninSlot(pub(super) tokio::sync::Mutex<Option<SigninMachine>>);

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
/// sign-in must start again from the password, and the vault account an
/// enrolment left unverified.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SigninCommandError {
    #[serde(flatten)]
    report: ErrorReport,
    restart_needed: bool,
    kept_account_id: Option<i64>,
}

impl SigninCommandError {
    pub(super) fn of(err: &impl UserFacing, locale: Locale, restart_needed: bool) -> Self {
        tracing::warn!(code = err.code(), restart_needed, "sign-in step failed");
        Self {
            report: err.report(locale),
            restart_needed,
            kept_account_id: None,
        }
    }

    fn signin(err: &SigninFailure, locale: Locale) -> Self {
        Self::of(err, locale, err.restart_needed())
    }
}

impl From<CommandError> for SigninCommandError {
    fn from(err: CommandError) -> Self {
        Self {
            report: err.into_report(),
            restart_needed: false,
            kept_account_id: None,
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

/// Starts a sign-in with the password; any previous one is dropped.
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
    let mut guard = slot.0.lock().await;
    *guard = None;
    let locale = state.locale();
    match SigninMachine::start(
        target,
        username.trim(),
        password,
        flow,
        now(&state),
        DEFAULT_SESSION_LIFETIME,
    )
    .await
    {
        Ok((machine, step)) => {
            *guard = Some(machine);
            signin_connections::remember(&state, remember).await;
            settle(&mut guard, Ok(step), locale)
        }
        Err(e) => Err(SigninCommandError::signin(&e, locale)),
    }
}

/// Answers the pending challenge with a new password or a code.
#[tauri::command]
pub async fn signin_answer(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    new_password: Option<String>,
    code: Option<String>,
) -> Result<SigninStepView, SigninCommandError> {
    let locale = state.locale();
    let answer = match (new_password, code) {
        (Some(password), _) => Answer::NewPassword(Zeroizing::new(password)),
        (None, Some(code)) => Answer::Code(Zeroizing::new(code)),
        (None, None) => {
            return Err(SigninCommandError::signin(
                &SigninFailure::NothingPending,
                locale,
            ));
        }
    };
    let mut guard = slot.0.lock().await;
    let Some(machine) = guard.as_mut() else {
        // Nothing to answer: the window must start again from the password.
        return Err(SigninCommandError::of(
            &SigninFailure::NothingPending,
            locale,
            true,
        ));
    };
    let step = machine.answer(answer, now(&state)).await;
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
    let mut guard = slot.0.lock().await;
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
            error.kept_account_id = e.kept().map(|id| id.0);
            Err(error)
        }
    }
}

/// Forgets the sign-in in progress (its session simply expires at Cognito).
#[tauri::command]
pub async fn signin_cancel(slot: State<'_, SigninSlot>) -> Result<(), CommandError> {
    *slot.0.lock().await = None;
    Ok(())
}
