//! Test hooks, compiled into debug builds only (see build.rs): the WebDriver
//! tests drive the tray menu through the same handler as a click, since a
//! tray icon under Xvfb has no panel to click in, and count the palette
//! requests the global shortcut made.

use tauri::{AppHandle, Manager};

use crate::tray::{MenuAction, MenuEntry, TrayMenuShown};
use crate::{CommandError, state::AppState};

/// The permissions granted to the main window at start-up in debug builds.
pub const PERMISSIONS: &[&str] = &[
    "allow-debug-tray-menu",
    "allow-debug-tray-click",
    "allow-debug-palette-requests",
];

/// The tray menu as last built.
#[tauri::command]
pub fn debug_tray_menu(app: AppHandle) -> Vec<MenuEntry> {
    app.try_state::<TrayMenuShown>()
        .map(|shown| shown.get())
        .unwrap_or_default()
}

/// Does what a click on the item `id` does, and returns once it is done.
#[tauri::command]
pub async fn debug_tray_click(app: AppHandle, id: String) -> Result<(), CommandError> {
    let action = MenuAction::from_id(&id).ok_or_else(|| {
        app.state::<AppState>()
            .fail(&crate::error::ShellError::TaskFailed(format!(
                "no tray item {id:?}"
            )))
    })?;
    crate::tray::perform(&app, action).await
}

/// How many times the quick-search shortcut asked the window for the palette.
#[tauri::command]
pub fn debug_palette_requests() -> u64 {
    crate::shortcut::PALETTE_REQUESTS.load(std::sync::atomic::Ordering::SeqCst)
}

/// Lets the main window call the hooks above.
pub fn grant(app: &AppHandle) -> tauri::Result<()> {
    let mut capability = tauri::ipc::CapabilityBuilder::new("debug-test-hooks").window("main");
    for permission in PERMISSIONS {
        capability = capability.permission(*permission);
    }
    app.add_capability(capability)
}
