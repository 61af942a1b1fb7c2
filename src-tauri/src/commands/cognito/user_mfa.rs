//! One user's MFA: view, change preferences, reset the authenticator.

use kairos_cognito::CognitoError;
use kairos_cognito::audit::{AuditEntry, AuditResult};
use kairos_cognito::reset::ResetOutcome;
use kairos_cognito::user_mfa::{MfaPreferenceChange, UserMfaView};
use tauri::State;

use super::record;
use crate::cognito_state::Connected;
use crate::{CommandError, state::AppState};

#[tauri::command]
pub async fn cognito_user_mfa(
    state: State<'_, AppState>,
    pool_id: String,
    username: String,
) -> Result<UserMfaView, CommandError> {
    let connected = state.cognito.require(&state).await?;
    connected
        .admin
        .user_mfa(&pool_id, &username)
        .await
        .map_err(|e| state.fail(&e))
}

fn entry(connected: &Connected, pool_id: &str, username: &str, action: &str) -> AuditEntry {
    let mut entry = AuditEntry::now(
        connected.admin.region(),
        pool_id,
        action,
        AuditResult::Failed,
    );
    entry.username = Some(username.to_owned());
    entry
}

/// Records the change, then answers with the user as Cognito now reports
/// them (or with the change's error).
async fn finish(
    state: &AppState,
    connected: &Connected,
    audit: AuditEntry,
    outcome: Result<(), CognitoError>,
    pool_id: &str,
    username: &str,
) -> Result<UserMfaView, CommandError> {
    record(state, connected, audit).await;
    let fail = |e: CognitoError| state.fail(&e);
    outcome.map_err(fail)?;
    connected
        .admin
        .user_mfa(pool_id, username)
        .await
        .map_err(fail)
}

/// Pre-flight checks, then `AdminSetUserMFAPreference` for the factors
/// named; answers with the user as Cognito now reports them.
#[tauri::command]
pub async fn cognito_user_mfa_set(
    state: State<'_, AppState>,
    pool_id: String,
    username: String,
    change: MfaPreferenceChange,
) -> Result<UserMfaView, CommandError> {
    let connected = state.cognito.require(&state).await?;
    let fail = |e: CognitoError| state.fail(&e);
    let pool = connected.admin.pool_mfa(&pool_id).await.map_err(fail)?;
    let outcome = connected
        .admin
        .change_user_mfa(&pool_id, &pool.settings, &username, &change)
        .await;
    let mut audit = entry(&connected, &pool_id, &username, "AdminSetUserMFAPreference");
    audit.after = Some(change.describe());
    match &outcome {
        Ok(done) => {
            audit.result = if done.changed {
                AuditResult::Changed
            } else {
                AuditResult::Unchanged
            };
            audit.before = serde_json::to_string(&done.before).ok();
            audit.after = serde_json::to_string(&done.after).ok();
        }
        Err(e) => audit.error_code = Some(e.audit_code()),
    }
    finish(
        &state,
        &connected,
        audit,
        outcome.map(|_| ()),
        &pool_id,
        &username,
    )
    .await
}

/// `AdminDeleteSoftwareToken` (no silent fallback: when the endpoint refuses
/// it, the error explains the older workaround).
#[tauri::command]
pub async fn cognito_reset_totp(
    state: State<'_, AppState>,
    pool_id: String,
    username: String,
) -> Result<UserMfaView, CommandError> {
    let connected = state.cognito.require(&state).await?;
    let fail = |e: CognitoError| state.fail(&e);
    let before = connected
        .admin
        .user_mfa(&pool_id, &username)
        .await
        .map_err(fail)?;
    let outcome = connected.admin.reset_totp(&pool_id, &username, false).await;
    let mut audit = entry(&connected, &pool_id, &username, "AdminDeleteSoftwareToken");
    audit.before = serde_json::to_string(&before).ok();
    match &outcome {
        Ok(ResetOutcome::Deleted | ResetOutcome::TotpDisabled) => {
            audit.result = AuditResult::Changed;
            audit.after = Some("software token deleted".to_owned());
        }
        Err(e) => audit.error_code = Some(e.audit_code()),
    }
    finish(
        &state,
        &connected,
        audit,
        outcome.map(|_| ()),
        &pool_id,
        &username,
    )
    .await
}
