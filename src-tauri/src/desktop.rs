//! Desktop integration plugins: one running instance, and the main window's
//! size and position remembered between launches.

use tauri::{AppHandle, Builder, Manager, Runtime};
use tauri_plugin_window_state::StateFlags;

/// The window every launch shows (see `tauri.conf.json`).
const MAIN_WINDOW: &str = "main";

/// Registers the desktop plugins; single-instance goes first, as its docs
/// require, so a second launch stops before anything else starts.
pub fn plugins<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(
            tauri_plugin_window_state::Builder::new()
                // Not VISIBLE: a window hidden at exit must still appear at launch.
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        )
}

/// Brings the running instance's window to the front when a second launch
/// is attempted (that launch exits on its own).
fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window(MAIN_WINDOW) else {
        tracing::warn!("second launch: no main window to focus");
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(err) = shown {
        tracing::warn!(%err, "second launch: could not focus the main window");
    }
}
