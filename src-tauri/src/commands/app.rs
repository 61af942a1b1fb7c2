//! The app itself: version, folders, language.

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
