//! Launch at login through Tauri's autostart plugin, off until the person
//! turns it on in Settings. The system's own entry is the only record (on
//! Linux `~/.config/autostart/Kairos.desktop`), so the toggle can never
//! disagree with what the desktop will do.

use kairos_core::{Locale, UserFacing};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_autostart::ManagerExt;

#[derive(Debug, thiserror::Error)]
#[error("launch at login: {detail}")]
pub struct AutostartError {
    detail: String,
}

impl UserFacing for AutostartError {
    fn code(&self) -> &'static str {
        "autostart.failed"
    }

    fn message(&self, locale: Locale) -> String {
        let detail = &self.detail;
        locale.pick(
            format!("Kairos could not change whether it opens at login: {detail}."),
            format!("Kairos n’a pas pu changer son ouverture à la connexion : {detail}."),
        )
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        Some(
            locale
                .pick(
                    "Check that your home folder’s .config/autostart folder is writable, or add Kairos to your desktop’s start-up applications yourself.",
                    "Vérifiez que le dossier .config/autostart de votre dossier personnel est modifiable, ou ajoutez Kairos vous-même aux applications de démarrage de votre bureau.",
                )
                .to_owned(),
        )
    }
}

fn failed(err: impl std::fmt::Display) -> AutostartError {
    AutostartError {
        detail: err.to_string(),
    }
}

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new().build()
}

pub fn is_enabled<R: Runtime>(app: &AppHandle<R>) -> Result<bool, AutostartError> {
    app.autolaunch().is_enabled().map_err(failed)
}

/// Turns launch at login on or off; returns the state as the system now has it.
pub fn set_enabled<R: Runtime>(app: &AppHandle<R>, on: bool) -> Result<bool, AutostartError> {
    let launcher = app.autolaunch();
    if on {
        ensure_config_dir()?;
        launcher.enable().map_err(failed)?;
    } else {
        launcher.disable().map_err(failed)?;
    }
    launcher.is_enabled().map_err(failed)
}

/// The plugin creates `~/.config/autostart` but not `~/.config` itself,
/// which a fresh account may not have yet.
#[cfg(target_os = "linux")]
fn ensure_config_dir() -> Result<(), AutostartError> {
    let home = std::env::home_dir().ok_or_else(|| failed("no home folder"))?;
    std::fs::create_dir_all(home.join(".config")).map_err(failed)
}

#[cfg(not(target_os = "linux"))]
fn ensure_config_dir() -> Result<(), AutostartError> {
    Ok(())
}
