//! The Kairos desktop shell: window, state and thin commands over the
//! `kairos-core` and `kairos-cognito` libraries, which do the work.

mod commands;
mod error;
mod logging;
mod state;

pub use error::CommandError;

use tauri::Manager;

/// Starts the app; returns when the last window closes.
pub fn run() {
    let result = tauri::Builder::default()
        .setup(|app| {
            let log_dir = app.path().app_log_dir()?;
            let log_guard = logging::init(&log_dir);
            tracing::info!(version = kairos_core::VERSION, "Kairos starting");
            app.manage(state::AppState::new(log_dir, log_guard));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::set_locale,
            commands::cognito_check_connection,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        // Nothing to show a window with: say it where a person can see it.
        eprintln!("Kairos could not start: {err}");
        std::process::exit(1);
    }
}
