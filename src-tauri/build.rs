// Every command the window may call is listed here; capabilities/ grants them.
const COMMANDS: &[&str] = &["app_info", "set_locale", "cognito_check_connection"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
