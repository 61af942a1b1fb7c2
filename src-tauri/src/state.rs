//! What the app keeps between commands. No secrets live here.

use std::path::PathBuf;
use std::sync::RwLock;

use kairos_core::Locale;
use tracing_appender::non_blocking::WorkerGuard;

pub struct AppState {
    locale: RwLock<Locale>,
    pub log_dir: PathBuf,
    // Flushes the log file when the app exits.
    _log_guard: Option<WorkerGuard>,
}

impl AppState {
    pub fn new(log_dir: PathBuf, log_guard: Option<WorkerGuard>) -> Self {
        Self {
            locale: RwLock::new(Locale::from_env()),
            log_dir,
            _log_guard: log_guard,
        }
    }

    pub fn locale(&self) -> Locale {
        // A poisoned lock still holds a valid locale: a Copy enum cannot be torn.
        *self.locale.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_locale(&self, locale: Locale) {
        *self.locale.write().unwrap_or_else(|p| p.into_inner()) = locale;
    }
}
