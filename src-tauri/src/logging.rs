//! Logs go to `kairos.log` in the app's log folder (and stderr). Only events and
//! error codes are logged, never arguments that could hold a secret.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::{EnvFilter, fmt, layer::SubscriberExt, util::SubscriberInitExt};

/// Sets up logging; `None` if the folder cannot be made (the app still runs).
pub fn init(log_dir: &Path) -> Option<WorkerGuard> {
    if let Err(err) = std::fs::create_dir_all(log_dir) {
        eprintln!(
            "Kairos: no log file, cannot create {}: {err}",
            log_dir.display()
        );
        return None;
    }
    let (file_writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::never(log_dir, "kairos.log"));
    let filter = EnvFilter::try_from_env("KAIROS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(file_writer).with_ansi(false))
        .with(fmt::layer().with_writer(std::io::stderr))
        .try_init()
        .ok()?;
    Some(guard)
}
