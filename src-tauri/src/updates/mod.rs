//! Updates through Tauri's updater plugin, off until the person turns them
//! on in Settings: then "Check now" asks the feed they gave, and "Install"
//! downloads the offered version, verifies its signature against the public
//! key in tauri.conf.json, installs it and restarts.

mod check;
mod endpoint;
mod error;
mod settings;
// The tests use Unix file metadata and Tauri's CLI from ui/node_modules.
#[cfg(all(test, target_os = "linux"))]
mod tests;

pub use check::{CheckOutcome, PendingUpdate, check, install};
pub use endpoint::Transport;
pub use settings::UpdateSettings;

use tauri::Runtime;
use tauri::plugin::TauriPlugin;

/// Debug builds only: a public key that replaces tauri.conf.json's, so the
/// end-to-end tests can sign updates with a key pair they make and throw
/// away. Release builds never read it: there, only the project's key counts.
pub const TEST_PUBKEY_ENV: &str = "KAIROS_UPDATER_TEST_PUBKEY";

/// The updater plugin. Its settings (`plugins.updater` in tauri.conf.json)
/// carry the public key and no endpoint: the feed comes from the person's
/// settings at each check, so an app nobody configured never asks anything.
pub fn plugin<R: Runtime>() -> TauriPlugin<R, tauri_plugin_updater::Config> {
    let builder = tauri_plugin_updater::Builder::new();
    #[cfg(debug_assertions)]
    let builder = match std::env::var(TEST_PUBKEY_ENV) {
        Ok(key) if !key.trim().is_empty() => builder.pubkey(key.trim()),
        _ => builder,
    };
    builder.build()
}
