//! The Cognito connection settings (the endpoint override), kept outside the
//! vault so the admin page works while it is locked or absent.

use kairos_cognito::settings::CognitoSettings;
use tauri::State;

use crate::{CommandError, state::AppState};

#[tauri::command]
pub async fn get_cognito_settings(
    state: State<'_, AppState>,
) -> Result<CognitoSettings, CommandError> {
    CognitoSettings::load(&state.data_dir()?).map_err(|e| state.fail(&e))
}

/// Checks and saves; returns the settings as stored (trimmed, blank = none).
#[tauri::command]
pub async fn set_cognito_settings(
    state: State<'_, AppState>,
    settings: CognitoSettings,
) -> Result<CognitoSettings, CommandError> {
    let saved = settings
        .save(&state.data_dir()?)
        .map_err(|e| state.fail(&e))?;
    tracing::info!(
        endpoint_override = saved.endpoint_override.is_some(),
        "cognito: settings saved"
    );
    Ok(saved)
}
