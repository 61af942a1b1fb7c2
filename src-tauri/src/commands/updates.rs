//! The Settings page's Updates card: the feed settings, "Check now" and
//! "Install and restart".

use tauri::{AppHandle, State};

use crate::updates::{self, CheckOutcome, PendingUpdate, Transport, UpdateSettings};
use crate::{CommandError, state::AppState};

#[tauri::command]
pub fn get_update_settings(state: State<'_, AppState>) -> Result<UpdateSettings, CommandError> {
    UpdateSettings::load(&state.data_dir()?, Transport::for_this_build())
        .map_err(|e| state.fail(&e))
}

/// Checks and saves; returns the settings as stored (trimmed, blank = none).
#[tauri::command]
pub fn set_update_settings(
    state: State<'_, AppState>,
    settings: UpdateSettings,
) -> Result<UpdateSettings, CommandError> {
    let saved = settings
        .save(&state.data_dir()?, Transport::for_this_build())
        .map_err(|e| state.fail(&e))?;
    tracing::info!(enabled = saved.enabled, "updates: settings saved");
    Ok(saved)
}

/// Asks the saved feed; refused without a request while checks are off.
#[tauri::command]
pub async fn update_check(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, PendingUpdate>,
) -> Result<CheckOutcome, CommandError> {
    let settings = UpdateSettings::load(&state.data_dir()?, Transport::for_this_build())
        .map_err(|e| state.fail(&e))?;
    let outcome = updates::check(&app, &settings, &pending)
        .await
        .map_err(|e| state.fail(&e))?;
    tracing::info!(?outcome, "updates: checked");
    Ok(outcome)
}

/// Installs `version`, the one the last check offered, then restarts into it.
#[tauri::command]
pub async fn update_install(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, PendingUpdate>,
    version: String,
) -> Result<(), CommandError> {
    updates::install(&pending, &version)
        .await
        .map_err(|e| state.fail(&e))?;
    // Through the normal exit (the demo's emulator is stopped, logs flushed).
    app.request_restart();
    Ok(())
}
