// Every command the window may call is listed here; capabilities/ grants them.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_locale",
    "cognito_check_connection",
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
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
