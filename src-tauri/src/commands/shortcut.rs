//! The quick-search shortcut's setting (Settings page).

use tauri::{AppHandle, State};

use crate::shortcut::{QuickSearch, QuickSearchView};
use crate::{CommandError, state::AppState};

// Async, like every command here: off the main thread, which registering a
// shortcut waits on while holding the QuickSearch lock.
#[tauri::command]
pub async fn get_shortcut_settings(
    state: State<'_, AppState>,
    quick_search: State<'_, QuickSearch>,
) -> Result<QuickSearchView, CommandError> {
    Ok(quick_search.view(&state.data_dir()?, state.locale()))
}

/// Checks, registers and saves `quick_search` (blank: off); on error the
/// previous shortcut stays, registered and saved.
#[tauri::command]
pub async fn set_shortcut_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    quick_search: State<'_, QuickSearch>,
    shortcut: String,
) -> Result<QuickSearchView, CommandError> {
    let dir = state.data_dir()?;
    quick_search
        .change(&app, &dir, &shortcut)
        .map_err(|e| state.fail(&e))?;
    tracing::info!("quick-search shortcut changed");
    Ok(quick_search.view(&dir, state.locale()))
}
