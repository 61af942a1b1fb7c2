//! The Kairos desktop shell: window, state and thin commands over the
//! `kairos-core` and `kairos-cognito` libraries, which do the work.

mod autostart;
mod cognito_state;
mod commands;
mod demo_server;
mod desktop;
mod error;
mod logging;
mod shortcut;
mod state;
mod time_keeper;
mod time_view;
mod tray;
mod updates;
mod views;

pub use error::CommandError;

use std::time::Duration;

use tauri::Manager;

/// How often an idle password vault is checked for locking.
const IDLE_CHECK: Duration = Duration::from_secs(15);

/// Starts the app; returns when the last window closes.
pub fn run() {
    let result = desktop::plugins(tauri::Builder::default())
        .setup(|app| {
            let log_dir = app.path().app_log_dir()?;
            let log_guard = logging::init(&log_dir);
            tracing::info!(version = kairos_core::VERSION, "Kairos starting");
            let data_dir = kairos_core::paths::resolve_data_dir(None);
            let (clock, time_problem) =
                tauri::async_runtime::block_on(time_keeper::open_clock(data_dir));
            app.manage(state::AppState::new(
                log_dir,
                log_guard,
                clock,
                time_problem,
            ));
            time_keeper::spawn(app.handle().clone());
            tray::start(app.handle());
            shortcut::start(app.handle());
            #[cfg(debug_assertions)]
            commands::debug::grant(app.handle())?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(IDLE_CHECK).await;
                    handle.state::<state::AppState>().lock_if_idle().await;
                }
            });
            Ok(())
        })
        .manage(commands::cognito::signin::SigninSlot::default())
        .manage(updates::PendingUpdate::default())
        .plugin(updates::plugin())
        .plugin(autostart::plugin())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(shortcut::plugin())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::set_locale,
            commands::cognito::connection::cognito_connection_choices,
            commands::cognito::connection::cognito_connect,
            commands::cognito::connection::cognito_disconnect,
            commands::cognito::connection::cognito_demo_start,
            commands::cognito::settings::get_cognito_settings,
            commands::cognito::settings::set_cognito_settings,
            commands::cognito::pools::cognito_pools,
            commands::cognito::pool_mfa::cognito_pool_mfa,
            commands::cognito::pool_mfa::cognito_pool_mfa_plan,
            commands::cognito::pool_mfa::cognito_pool_mfa_apply,
            commands::cognito::users::cognito_users,
            commands::cognito::user_mfa::cognito_user_mfa,
            commands::cognito::user_mfa::cognito_user_mfa_set,
            commands::cognito::user_mfa::cognito_reset_totp,
            commands::cognito::signin::signin_start,
            commands::cognito::signin::signin_answer,
            commands::cognito::signin::signin_enrol,
            commands::cognito::signin::signin_cancel,
            commands::cognito::bulk::cognito_bulk_start,
            commands::cognito::bulk::cognito_bulk_cancel,
            commands::cognito::audit::cognito_audit,
            commands::cognito::audit::cognito_audit_export,
            commands::vault::vault_status,
            commands::vault::vault_create,
            commands::vault::vault_unlock,
            commands::vault::vault_lock,
            commands::accounts::list_accounts,
            commands::accounts::preview_uri,
            commands::accounts::add_account_uri,
            commands::accounts::add_account_manual,
            commands::accounts::rename_account,
            commands::accounts::delete_account,
            commands::accounts::reorder_accounts,
            commands::accounts::set_pinned,
            commands::accounts::get_settings,
            commands::accounts::set_settings,
            commands::codes::codes_now,
            commands::codes::next_hotp,
            commands::codes::copy_code,
            commands::time::time_status,
            commands::time::time_sync,
            commands::time::get_time_settings,
            commands::time::set_time_settings,
            commands::import::import_preview,
            commands::intake::import_pending,
            commands::intake::scan_reset,
            commands::export::export_backup,
            commands::export::export_migration_qr,
            commands::scan::scan_image,
            commands::scan::scan_clipboard,
            commands::screen::scan_screen,
            commands::screen::screen_windows,
            commands::screen::screen_snapshot,
            commands::camera::camera_list,
            commands::camera::camera_start,
            commands::camera::camera_stop,
            commands::errors::explain_error,
            commands::errors::error_catalogue,
            commands::updates::get_update_settings,
            commands::updates::set_update_settings,
            commands::updates::update_check,
            commands::updates::update_install,
            commands::autostart::get_launch_at_login,
            commands::autostart::set_launch_at_login,
            commands::shortcut::get_shortcut_settings,
            commands::shortcut::set_shortcut_settings,
            #[cfg(debug_assertions)]
            commands::debug::debug_tray_menu,
            #[cfg(debug_assertions)]
            commands::debug::debug_tray_click,
            #[cfg(debug_assertions)]
            commands::debug::debug_palette_requests,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                // The demo's emulator is ours: it goes when the app goes.
                if let tauri::RunEvent::Exit = event {
                    handle.state::<state::AppState>().cognito.stop_demo();
                }
            });
        });
    if let Err(err) = result {
        // Nothing to show a window with: say it where a person can see it.
        eprintln!("Kairos could not start: {err}");
        std::process::exit(1);
    }
}
