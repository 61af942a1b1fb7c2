//! Keeps the app's trusted clock measured: at start, whenever it is due
//! (every 30 minutes, sooner after a failure), and right after the system
//! clock jumps or the machine wakes from sleep.

use std::path::PathBuf;
use std::time::Duration;

use kairos_core::CoreError;
use kairos_core::time::{SyncResult, TimeSettings, TrustedClock, http_fallback_url};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often `due()` is asked. Short, so that a wake from sleep (seen as a
/// jump of the system clock against the monotonic one) is acted on within
/// seconds; asking costs a lock and two clock reads.
const CHECK_EVERY: Duration = Duration::from_secs(15);

/// The clock backed by `dir`'s `time.db`; when that file cannot be used, a
/// clock that keeps nothing (and the reason, for the Time page).
pub async fn open_clock(dir: Result<PathBuf, CoreError>) -> (TrustedClock, Option<CoreError>) {
    let fallback = http_fallback_url(None);
    let opened = match dir {
        Ok(dir) => TrustedClock::open(&dir).await,
        Err(error) => Err(error),
    };
    match opened {
        Ok(clock) => (clock.with_http_fallback(fallback), None),
        Err(error) => {
            tracing::warn!(
                code = kairos_core::UserFacing::code(&error),
                "time.db unusable; the clock keeps nothing"
            );
            let clock = TrustedClock::default()
                .with_settings(TimeSettings::initial())
                .with_http_fallback(fallback);
            (clock, Some(error))
        }
    }
}

/// One sync, never two at once.
pub async fn sync(state: &AppState) -> Result<SyncResult, CoreError> {
    let _one_at_a_time = state.time_sync.lock().await;
    let result = state.clock.sync_now().await;
    match &result {
        Ok(sync) => tracing::info!(
            offset_ms = sync.offset.map(|o| o.as_secs_f64() * 1000.0),
            servers = ?sync.chosen_from,
            "time sync"
        ),
        Err(error) => tracing::warn!(
            code = kairos_core::UserFacing::code(error),
            "time sync failed"
        ),
    }
    result
}

/// Runs for the app's lifetime.
pub fn spawn(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = handle.state::<AppState>();
            if state.clock.due() {
                // Failures are in the clock's status for the window to show.
                let _ = sync(&state).await;
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}
