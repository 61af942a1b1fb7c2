// Every command the window may call is listed here; capabilities/ grants them.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_locale",
    "cognito_connection_choices",
    "cognito_connect",
    "cognito_disconnect",
    "cognito_demo_start",
    "get_cognito_settings",
    "set_cognito_settings",
    "cognito_pools",
    "cognito_pool_mfa",
    "cognito_pool_mfa_plan",
    "cognito_pool_mfa_apply",
    "cognito_users",
    "cognito_user_mfa",
    "cognito_user_mfa_set",
    "cognito_reset_totp",
    "signin_start",
    "signin_answer",
    "signin_enrol",
    "signin_cancel",
    "cognito_bulk_start",
    "cognito_bulk_cancel",
    "cognito_audit",
    "cognito_audit_export",
    "vault_status",
    "vault_create",
    "vault_unlock",
    "vault_lock",
    "list_accounts",
    "preview_uri",
    "add_account_uri",
    "add_account_manual",
    "rename_account",
    "delete_account",
    "reorder_accounts",
    "set_pinned",
    "get_settings",
    "set_settings",
    "codes_now",
    "next_hotp",
    "copy_code",
    "time_status",
    "time_sync",
    "get_time_settings",
    "set_time_settings",
    "import_preview",
    "import_pending",
    "scan_reset",
    "export_backup",
    "export_migration_qr",
    "scan_image",
    "scan_clipboard",
    "scan_screen",
    "screen_windows",
    "screen_snapshot",
    "camera_list",
    "camera_start",
    "camera_stop",
    "explain_error",
    "error_catalogue",
    "get_update_settings",
    "set_update_settings",
    "update_check",
    "update_install",
    "get_launch_at_login",
    "set_launch_at_login",
    "get_shortcut_settings",
    "set_shortcut_settings",
];

/// Test hooks (src/commands/debug.rs): in debug builds only, granted at run time.
const DEBUG_COMMANDS: &[&str] = &[
    "debug_tray_menu",
    "debug_tray_click",
    "debug_palette_requests",
];

fn main() {
    let mut commands = COMMANDS.to_vec();
    if std::env::var("PROFILE").as_deref() == Ok("debug") {
        commands.extend_from_slice(DEBUG_COMMANDS);
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            // The manifest wants a 'static list; the build script ends right after.
            .app_manifest(tauri_build::AppManifest::new().commands(commands.leak())),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
