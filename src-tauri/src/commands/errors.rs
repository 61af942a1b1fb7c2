//! The Cognito error catalogue for the Troubleshoot page and error links.

use kairos_cognito::errors::{self, Entry, Theme};
use serde::Serialize;
use tauri::State;

use crate::{CommandError, state::AppState};

/// Every entry, and the order in which to show their themes.
#[derive(Debug, Serialize)]
pub struct Catalogue {
    themes: &'static [Theme],
    entries: &'static [&'static Entry],
}

/// Entries explaining pasted text (a code, an SDK message, AWS's JSON, or an entry id).
#[tauri::command]
pub fn explain_error(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<&'static Entry>, CommandError> {
    errors::explain_or_error(&text).map_err(|e| CommandError::new(&e, state.locale()))
}

#[tauri::command]
pub fn error_catalogue() -> Catalogue {
    Catalogue {
        themes: &Theme::ALL,
        entries: errors::all(),
    }
}
