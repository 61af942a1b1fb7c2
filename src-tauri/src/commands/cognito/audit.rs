//! The audit log of changes: listed for the window, exported as CSV.

use std::path::PathBuf;

use kairos_cognito::audit::{AuditEntry, to_csv};
use kairos_core::backup;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::export::ask_where;
use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
pub struct Saved {
    path: PathBuf,
    count: usize,
}

/// The newest `limit` entries, newest first.
#[tauri::command]
pub async fn cognito_audit(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<AuditEntry>, CommandError> {
    let connected = state.cognito.require(&state).await?;
    connected
        .audit
        .list(Some(limit))
        .await
        .map_err(|e| state.fail(&e))
}

/// Every entry as CSV, where the person chooses (or in `KAIROS_SAVE_DIR`);
/// `None` when the dialog was cancelled.
#[tauri::command]
pub async fn cognito_audit_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Saved>, CommandError> {
    let connected = state.cognito.require(&state).await?;
    let entries = connected
        .audit
        .list(None)
        .await
        .map_err(|e| state.fail(&e))?;
    let name = if connected.demo {
        "kairos-cognito-audit-demo.csv"
    } else {
        "kairos-cognito-audit.csv"
    };
    let Some(path) = ask_where(&app, name.to_owned())
        .await
        .map_err(|e| state.fail(&e))?
    else {
        return Ok(None);
    };
    // The dialog already asked about replacing an existing file.
    backup::write_new_file(&path, to_csv(&entries).as_bytes(), true).map_err(|e| state.fail(&e))?;
    Ok(Some(Saved {
        path,
        count: entries.len(),
    }))
}
