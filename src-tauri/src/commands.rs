//! Tauri commands: each a few lines that call a library and map its error.

use kairos_cognito::{CognitoAdmin, ConnectOptions};
use kairos_core::{Locale, paths};
use serde::Serialize;
use tauri::State;

use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    log_dir: String,
    locale: Locale,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let locale = state.locale();
    let data_dir = paths::resolve_data_dir(None).map_err(|e| CommandError::new(&e, locale))?;
    paths::ensure_data_dir(&data_dir).map_err(|e| CommandError::new(&e, locale))?;
    Ok(AppInfo {
        version: kairos_core::VERSION,
        data_dir: data_dir.display().to_string(),
        log_dir: state.log_dir.display().to_string(),
        locale,
    })
}

/// The window's language, so back-end messages come in the same one.
#[tauri::command]
pub fn set_locale(state: State<'_, AppState>, locale: Locale) {
    state.set_locale(locale);
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    region: String,
    endpoint: Option<String>,
    pool_count: usize,
}

#[tauri::command]
pub async fn cognito_check_connection(
    state: State<'_, AppState>,
    region: Option<String>,
    endpoint: Option<String>,
) -> Result<ConnectionCheck, CommandError> {
    let locale = state.locale();
    let options = ConnectOptions {
        region,
        endpoint_url: endpoint,
        profile: None,
    };
    let fail = |e| CommandError::new(&e, locale);
    let admin = CognitoAdmin::connect(&options).await.map_err(fail)?;
    let pools = admin.list_user_pools().await.map_err(fail)?;
    Ok(ConnectionCheck {
        region: admin.region().to_owned(),
        endpoint: admin.endpoint_url().map(str::to_owned),
        pool_count: pools.len(),
    })
}
