//! Test sign-in and "stay signed in" (issue #7): the MFA step answered with a
//! vault account's code computed here, what the signed-in tokens say (never
//! the tokens), the refresh token kept in the OS keyring or forgotten.

use std::time::UNIX_EPOCH;

use kairos_cognito::remembered::{self, ClientSecretStore};
use kairos_cognito::signin::{
    Answer, ClientSecret, RefreshTokenStore, SigninFailure, SigninMachine, SigninTarget,
    TokenClaims,
};
use kairos_cognito::token_details::{AccessDetails, access_details};
use kairos_core::clock::Clock;
use kairos_core::otp::{AccountId, code_at};
use serde::Serialize;
use tauri::State;
use zeroize::Zeroizing;

use super::signin::{SigninCommandError, SigninSlot, SigninStepView, settle};
use super::signin_connections::blocking;
use crate::state::AppState;

/// The signed-in session, as the page may show it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedInView {
    pool_id: String,
    client_id: String,
    username: String,
    claims: TokenClaims,
    access: AccessDetails,
    /// Whether Cognito returned a refresh token (needed to stay signed in).
    refresh_available: bool,
    /// Whether the refresh token is kept in the OS keyring.
    stays_signed_in: bool,
}

/// Answers the pending code challenge with `account_id`'s current code, by
/// the app's corrected clock (the code never goes through the window).
#[tauri::command]
pub async fn signin_answer_with_account(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    account_id: i64,
) -> Result<SigninStepView, SigninCommandError> {
    let locale = state.locale();
    let now = UNIX_EPOCH + state.clock.now().since_epoch();
    let seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let code = state
        .with_vault(async |vault| {
            let account = vault.account(AccountId(account_id)).await?;
            let secret = vault.secret(account.id).await?;
            code_at(&account.params, &secret, seconds)
        })
        .await?;
    let mut guard = slot.machine.lock().await;
    let Some(machine) = guard.as_mut() else {
        return Err(nothing_pending(locale));
    };
    let step = machine
        .answer(Answer::Code(Zeroizing::new(code.value)), now)
        .await;
    settle(&mut guard, step, locale)
}

/// What the signed-in session's tokens say.
#[tauri::command]
pub async fn signin_signed_in(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
) -> Result<SignedInView, SigninCommandError> {
    let guard = slot.machine.lock().await;
    let machine = signed_in_machine(&guard, &state)?;
    view(&state, machine).await
}

/// Keeps (`keep`) or forgets the session's refresh token in the OS keyring.
#[tauri::command]
pub async fn signin_stay_signed_in(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    keep: bool,
) -> Result<SignedInView, SigninCommandError> {
    let guard = slot.machine.lock().await;
    let machine = signed_in_machine(&guard, &state)?;
    let (pool, client, user) = names(machine);
    record_stays(&state, &pool, &client, keep)?;
    if keep {
        let tokens = machine.signed_in().cloned();
        blocking(&state, move || match tokens {
            Some(tokens) => RefreshTokenStore::new().save(&pool, &client, &user, &tokens),
            None => Ok(()),
        })
        .await?;
    } else {
        blocking(&state, move || {
            RefreshTokenStore::new().forget(&pool, &client, &user)
        })
        .await?;
    }
    view(&state, machine).await
}

/// Signs out: forgets the kept refresh token and the tokens in memory.
#[tauri::command]
pub async fn signin_sign_out(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
) -> Result<(), SigninCommandError> {
    let mut guard = slot.machine.lock().await;
    if let Some(machine) = guard.as_ref().filter(|m| m.signed_in().is_some()) {
        let (pool, client, user) = names(machine);
        record_stays(&state, &pool, &client, false)?;
        blocking(&state, move || {
            RefreshTokenStore::new().forget(&pool, &client, &user)
        })
        .await?;
    }
    *guard = None;
    Ok(())
}

/// Signs in again with the refresh token kept for a remembered connection
/// (REFRESH_TOKEN_AUTH): no password, no code.
#[tauri::command]
pub async fn signin_resume(
    state: State<'_, AppState>,
    slot: State<'_, SigninSlot>,
    pool_id: String,
    client_id: String,
) -> Result<SigninStepView, SigninCommandError> {
    let locale = state.locale();
    let dir = state.data_dir()?;
    let connection = remembered::find(&dir, &pool_id, &client_id)
        .map_err(|e| state.fail(&e))?
        .ok_or_else(|| nothing_pending(locale))?;
    let (pool, client, user) = (
        pool_id.clone(),
        client_id.clone(),
        connection.username.clone(),
    );
    let token = blocking(&state, move || {
        RefreshTokenStore::new().load(&pool, &client, &user)
    })
    .await?
    .ok_or_else(|| SigninCommandError::of(&SigninFailure::NothingPending, locale, true))?;
    let client_secret = if connection.secret_remembered {
        let (pool, client) = (pool_id.clone(), client_id.clone());
        Some(blocking(&state, move || ClientSecretStore.load(&pool, &client)).await?)
    } else {
        None
    };
    let target = SigninTarget {
        region: connection.region.clone(),
        endpoint: connection.endpoint.clone(),
        pool_id,
        client_id,
        client_secret: client_secret.map(|s| ClientSecret::new(s.as_str())),
    };
    let now = UNIX_EPOCH + state.clock.now().since_epoch();
    let mut guard = slot.machine.lock().await;
    *guard = None;
    match SigninMachine::refresh(target, &connection.username, token, now).await {
        Ok((machine, step)) => {
            *guard = Some(machine);
            settle(&mut guard, Ok(step), locale)
        }
        Err(e) => Err(SigninCommandError::of(&e, locale, e.restart_needed())),
    }
}

/// Notes in the remembered connection whether its user stays signed in.
fn record_stays(
    state: &AppState,
    pool: &str,
    client: &str,
    stays: bool,
) -> Result<(), SigninCommandError> {
    remembered::set_stays_signed_in(&state.data_dir()?, pool, client, stays)
        .map_err(|e| state.fail(&e))?;
    Ok(())
}

fn nothing_pending(locale: kairos_core::Locale) -> SigninCommandError {
    SigninCommandError::of(&SigninFailure::NothingPending, locale, true)
}

fn signed_in_machine<'a>(
    slot: &'a Option<SigninMachine>,
    state: &AppState,
) -> Result<&'a SigninMachine, SigninCommandError> {
    slot.as_ref()
        .filter(|m| m.signed_in().is_some())
        .ok_or_else(|| nothing_pending(state.locale()))
}

fn names(machine: &SigninMachine) -> (String, String, String) {
    (
        machine.target().pool_id.clone(),
        machine.target().client_id.clone(),
        machine.username().to_owned(),
    )
}

async fn view(
    state: &AppState,
    machine: &SigninMachine,
) -> Result<SignedInView, SigninCommandError> {
    let tokens = machine
        .signed_in()
        .ok_or_else(|| nothing_pending(state.locale()))?;
    let (pool, client, user) = names(machine);
    let kept = {
        let (pool, client, user) = (pool.clone(), client.clone(), user.clone());
        // An unusable keyring only means "not kept" here; keeping says why.
        blocking(state, move || {
            RefreshTokenStore::new().load(&pool, &client, &user)
        })
        .await
        .is_ok_and(|token| token.is_some())
    };
    Ok(SignedInView {
        pool_id: pool,
        client_id: client,
        username: user,
        claims: tokens.claims(),
        access: access_details(tokens),
        refresh_available: tokens.has_refresh_token(),
        stays_signed_in: kept,
    })
}
