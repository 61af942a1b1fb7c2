//! Asking the feed for a newer version, and installing the one the person
//! accepted, through Tauri's updater plugin. The plugin checks the
//! download's minisign signature against the public key in tauri.conf.json
//! before anything is written.

use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

use super::endpoint::Transport;
use super::error::UpdateError;
use super::settings::UpdateSettings;

/// A feed or a download that has not answered by then has failed.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CheckOutcome {
    UpToDate {
        current_version: String,
    },
    Available {
        current_version: String,
        version: String,
        /// The release notes, as the feed gives them.
        notes: Option<String>,
        /// The feed's `pub_date` (RFC 3339), when it gives one.
        date: Option<String>,
    },
}

/// The update a check offered, kept until the person installs it (or the
/// next check replaces it).
#[derive(Default)]
pub struct PendingUpdate(tokio::sync::Mutex<Option<Update>>);

impl std::fmt::Debug for PendingUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingUpdate").finish_non_exhaustive()
    }
}

/// Asks the feed in `settings`; refuses without any request when checks are
/// off or the address is not allowed.
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    settings: &UpdateSettings,
    pending: &PendingUpdate,
) -> Result<CheckOutcome, UpdateError> {
    let feed = settings.feed(Transport::for_this_build())?;
    let current_version = app.package_info().version.to_string();
    let updater = app
        .updater_builder()
        .endpoints(vec![feed])?
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    let found = updater.check().await?;
    let outcome = match &found {
        None => CheckOutcome::UpToDate { current_version },
        Some(update) => CheckOutcome::Available {
            current_version,
            version: update.version.clone(),
            notes: update.body.clone(),
            date: update
                .raw_json
                .get("pub_date")
                .and_then(|d| d.as_str())
                .map(str::to_owned),
        },
    };
    *pending.0.lock().await = found;
    Ok(outcome)
}

/// Downloads the pending update if it is `version`, verifies its signature
/// and installs it. The pending update is used once: after a refused
/// signature the person checks again rather than retrying the same file.
pub async fn install(pending: &PendingUpdate, version: &str) -> Result<(), UpdateError> {
    let update = {
        let mut slot = pending.0.lock().await;
        match slot.take() {
            Some(update) if update.version == version => update,
            other => {
                *slot = other;
                return Err(UpdateError::NothingToInstall {
                    version: version.to_owned(),
                });
            }
        }
    };
    // `download` verifies the signature and returns an error before
    // `install` can touch anything.
    let bytes = update.download(|_, _| {}, || {}).await?;
    tracing::info!(version, "update downloaded and verified; installing");
    update.install(bytes)?;
    Ok(())
}
