//! The Settings page's "Open Kairos at login" switch.

use tauri::{AppHandle, State};

use crate::autostart;
use crate::{CommandError, state::AppState};

#[tauri::command]
pub fn get_launch_at_login(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<bool, CommandError> {
    autostart::is_enabled(&app).map_err(|e| state.fail(&e))
}

/// Returns whether Kairos now opens at login, as the system reports it.
#[tauri::command]
pub fn set_launch_at_login(
    app: AppHandle,
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<bool, CommandError> {
    let now = autostart::set_enabled(&app, enabled).map_err(|e| state.fail(&e))?;
    tracing::info!(launch_at_login = now, "autostart changed");
    Ok(now)
}
