//! Network time: what the Codes page's chip and the Time page show, "Sync
//! now", and the time settings.

use kairos_core::time::TimeSettings;
use tauri::State;

use crate::time_keeper;
use crate::time_view::TimeView;
use crate::{CommandError, state::AppState};

fn view(state: &AppState) -> TimeView {
    TimeView::new(
        &state.clock.overview(),
        state.time_problem.as_ref(),
        state.locale(),
    )
}

#[tauri::command]
pub fn time_status(state: State<'_, AppState>) -> TimeView {
    view(&state)
}

#[tauri::command]
pub async fn time_sync(state: State<'_, AppState>) -> Result<TimeView, CommandError> {
    time_keeper::sync(&state)
        .await
        .map_err(|e| state.fail(&e))?;
    Ok(view(&state))
}

#[tauri::command]
pub fn get_time_settings(state: State<'_, AppState>) -> TimeSettings {
    state.clock.settings()
}

/// Saves, then measures at once with the new list (when turned on), so the
/// page shows each new server's answer instead of "not asked yet".
#[tauri::command]
pub async fn set_time_settings(
    state: State<'_, AppState>,
    settings: TimeSettings,
) -> Result<TimeView, CommandError> {
    let saved = state
        .clock
        .set_settings(settings)
        .await
        .map_err(|e| state.fail(&e))?;
    if saved.enabled {
        // A failed sync is shown in the view, not as an error of saving.
        let _ = time_keeper::sync(&state).await;
    }
    Ok(view(&state))
}
