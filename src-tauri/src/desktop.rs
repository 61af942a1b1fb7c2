//! Desktop integration plugins: one running instance, and the main window's
//! size and position remembered between launches; showing the window.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Builder, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The window every launch shows (see `tauri.conf.json`).
pub const MAIN_WINDOW: &str = "main";

/// What is remembered. Not VISIBLE: a window hidden at exit must still
/// appear at launch.
const GEOMETRY: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// Geometry is also saved this long after the last move or resize, so a
/// session that ends without a clean exit (killed, logged out) keeps it.
const GEOMETRY_SETTLE: Duration = Duration::from_millis(500);

/// Registers the desktop plugins; single-instance goes first, as its docs
/// require, so a second launch stops before anything else starts.
pub fn plugins<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    let last_change = Arc::new(AtomicU64::new(0));
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(GEOMETRY)
                .build(),
        )
        .on_window_event(move |window, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                save_when_settled(window.app_handle().clone(), &last_change);
            }
        })
}

/// Saves the geometry once no move or resize has followed for a moment
/// (a drag sends dozens of events; only the last one writes the file).
fn save_when_settled<R: Runtime>(app: AppHandle<R>, last_change: &Arc<AtomicU64>) {
    let ticket = last_change.fetch_add(1, Ordering::SeqCst) + 1;
    let last_change = Arc::clone(last_change);
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(GEOMETRY_SETTLE).await;
        if last_change.load(Ordering::SeqCst) != ticket {
            return;
        }
        if let Err(err) = app.save_window_state(GEOMETRY) {
            tracing::warn!(%err, "could not save the window's size and position");
        }
    });
}

/// Brings the running instance's window to the front: when a second launch
/// is attempted (that launch exits on its own), from the tray, the shortcut.
pub fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window(MAIN_WINDOW) else {
        tracing::warn!("no main window to focus");
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(err) = shown {
        tracing::warn!(%err, "could not focus the main window");
    }
}

/// Hides a window on screen; shows and focuses one that is hidden or minimised.
pub fn toggle_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window(MAIN_WINDOW) else {
        return;
    };
    let on_screen = window.is_visible().unwrap_or(false) && !window.is_minimized().unwrap_or(false);
    if !on_screen {
        focus_main_window(app);
    } else if let Err(err) = window.hide() {
        tracing::warn!(%err, "could not hide the main window");
    }
}
