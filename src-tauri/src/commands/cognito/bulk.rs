//! One MFA change for many users, with progress over a channel and a stop
//! switch; ends with every user's result.

use kairos_cognito::bulk::{BulkAudit, BulkOptions, BulkProgress, UserResult, apply_to_users};
use kairos_cognito::user_mfa::MfaPreferenceChange;
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BulkMessage {
    Progress {
        done: usize,
        total: usize,
        failed: usize,
    },
    Finished {
        cancelled: bool,
        results: Vec<UserResult>,
    },
}

/// Runs until every user has a result (or the stop switch is used); the
/// progress and the results go over `on_progress`.
#[tauri::command]
pub async fn cognito_bulk_start(
    state: State<'_, AppState>,
    pool_id: String,
    usernames: Vec<String>,
    change: MfaPreferenceChange,
    on_progress: Channel<BulkMessage>,
) -> Result<(), CommandError> {
    let connected = state.cognito.require(&state).await?;
    let pool = connected
        .admin
        .pool_mfa(&pool_id)
        .await
        .map_err(|e| state.fail(&e))?;
    let cancel = state.cognito.start_bulk();
    let options = BulkOptions {
        locale: state.locale(),
        ..BulkOptions::default()
    };
    let audit = BulkAudit {
        log: connected.audit.clone(),
        profile: connected
            .admin
            .profile()
            .map(str::to_owned)
            .or_else(|| connected.demo.then(|| "DEMO".to_owned())),
    };
    let report = apply_to_users(
        &connected.admin,
        &pool_id,
        &pool.settings,
        usernames,
        change,
        options,
        Some(audit),
        cancel.clone(),
        |progress: &BulkProgress| {
            let _ = on_progress.send(BulkMessage::Progress {
                done: progress.done,
                total: progress.total,
                failed: progress.failed,
            });
        },
    )
    .await;
    if let Some(error) = &report.audit_error {
        tracing::warn!(code = %error.code, "bulk change not fully audited");
    }
    let _ = on_progress.send(BulkMessage::Finished {
        cancelled: cancel.is_cancelled(),
        results: report.results,
    });
    Ok(())
}

#[tauri::command]
pub fn cognito_bulk_cancel(state: State<'_, AppState>) {
    state.cognito.cancel_bulk();
}
