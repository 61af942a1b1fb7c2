//! What the app keeps between commands. The vault key lives only inside the
//! unlocked `Vault`, dropped (and zeroed) when the vault locks.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use kairos_core::time::TrustedClock;
use kairos_core::vault::{Vault, VaultStatus};
use kairos_core::{CoreError, Locale, paths};
use tracing_appender::non_blocking::WorkerGuard;

use crate::CommandError;
use crate::error::ShellError;

pub struct AppState {
    locale: RwLock<Locale>,
    pub log_dir: PathBuf,
    /// Where every code's "now" comes from: the system clock corrected by
    /// network time.
    pub clock: Arc<TrustedClock>,
    /// Why `time.db` could not be used, when it could not (the clock then
    /// works in memory only).
    pub time_problem: Option<kairos_core::CoreError>,
    /// One sync at a time: the background keeper and "Sync now" would
    /// otherwise ask every server twice.
    pub time_sync: tokio::sync::Mutex<()>,
    /// Accounts scanned or read from a backup, waiting for the person to
    /// choose; dropped (secrets zeroed) when the vault locks.
    pub intake: Mutex<kairos_core::intake::Intake>,
    /// The running camera scan's stop switch.
    pub camera: crate::commands::camera::CameraSlot,
    /// The Cognito admin connection, the demo's emulator, the bulk stop switch.
    pub cognito: crate::cognito_state::CognitoState,
    vault: tokio::sync::RwLock<Option<Vault>>,
    /// Woken when the vault opens or locks, after anything the user did with
    /// it (a pin, a rename...) and when the language changes: the tray menu
    /// is rebuilt from it.
    pub changed: tokio::sync::Notify,
    last_use: Mutex<Instant>,
    // Flushes the log file when the app exits.
    _log_guard: Option<WorkerGuard>,
}

impl AppState {
    pub fn new(
        log_dir: PathBuf,
        log_guard: Option<WorkerGuard>,
        clock: TrustedClock,
        time_problem: Option<kairos_core::CoreError>,
    ) -> Self {
        Self {
            locale: RwLock::new(Locale::from_env()),
            log_dir,
            clock: Arc::new(clock),
            time_problem,
            time_sync: tokio::sync::Mutex::new(()),
            intake: Mutex::new(kairos_core::intake::Intake::new()),
            camera: crate::commands::camera::CameraSlot::default(),
            cognito: crate::cognito_state::CognitoState::default(),
            vault: tokio::sync::RwLock::new(None),
            changed: tokio::sync::Notify::new(),
            last_use: Mutex::new(Instant::now()),
            _log_guard: log_guard,
        }
    }

    pub fn locale(&self) -> Locale {
        // A poisoned lock still holds a valid locale: a Copy enum cannot be torn.
        *self.locale.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_locale(&self, locale: Locale) {
        *self.locale.write().unwrap_or_else(|p| p.into_inner()) = locale;
        self.changed.notify_one();
    }

    /// Maps a library error to what the window receives, in its language.
    pub fn fail(&self, err: &impl kairos_core::UserFacing) -> CommandError {
        CommandError::new(err, self.locale())
    }

    /// The data folder, created if needed.
    pub fn data_dir(&self) -> Result<PathBuf, CommandError> {
        let dir = paths::resolve_data_dir(None).map_err(|e| self.fail(&e))?;
        paths::ensure_data_dir(&dir).map_err(|e| self.fail(&e))?;
        Ok(dir)
    }

    pub async fn vault_status(&self) -> Result<(VaultStatus, bool), CommandError> {
        let status = Vault::status(&self.data_dir()?)
            .await
            .map_err(|e| self.fail(&e))?;
        Ok((status, self.vault.read().await.is_some()))
    }

    /// Installs a freshly opened vault, closing any previous one.
    pub async fn set_vault(&self, vault: Option<Vault>) {
        if vault.is_none() {
            self.intake().reset();
        }
        let previous = std::mem::replace(&mut *self.vault.write().await, vault);
        if let Some(previous) = previous {
            previous.close().await;
        }
        self.touch();
        self.changed.notify_one();
    }

    /// Runs `work` on the unlocked vault, as something the user did (it keeps
    /// a password vault from locking); `vault.locked` when it is locked.
    pub async fn with_vault<T>(
        &self,
        work: impl AsyncFnOnce(&Vault) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        self.touch();
        let result = self.with_vault_idle(work).await;
        self.changed.notify_one();
        result
    }

    /// Same, for what the window does by itself (refreshing codes every
    /// second), which must not count as use or the vault would never lock.
    pub async fn with_vault_idle<T>(
        &self,
        work: impl AsyncFnOnce(&Vault) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        let guard = self.vault.read().await;
        let vault = guard
            .as_ref()
            .ok_or_else(|| self.fail(&ShellError::VaultLocked))?;
        work(vault).await.map_err(|e| self.fail(&e))
    }

    /// The held accounts. The lock is never held across an await.
    pub fn intake(&self) -> std::sync::MutexGuard<'_, kairos_core::intake::Intake> {
        // Plain data: consistent even if a holder panicked.
        self.intake.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn touch(&self) {
        *self.last_use.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    /// Locks a password vault idle for longer than its setting allows.
    pub async fn lock_if_idle(&self) {
        self.lock_if_idle_at(Instant::now()).await;
    }

    async fn lock_if_idle_at(&self, now: Instant) {
        let last_use = *self.last_use.lock().unwrap_or_else(|p| p.into_inner());
        let idle = now.saturating_duration_since(last_use);
        let limit = {
            let guard = self.vault.read().await;
            let Some(vault) = guard.as_ref() else { return };
            if vault.protection() != kairos_core::vault::ProtectionKind::Password {
                return;
            }
            match vault.settings().await {
                Ok(settings) if settings.lock_after_idle_minutes > 0 => {
                    Duration::from_secs(u64::from(settings.lock_after_idle_minutes) * 60)
                }
                _ => return,
            }
        };
        if idle >= limit {
            tracing::info!("locking the vault after {} s idle", idle.as_secs());
            self.set_vault(None).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::vault::{KdfParams, Protection, Settings};
    use zeroize::Zeroizing;

    async fn state_with_password_vault(
        dir: &std::path::Path,
        lock_after_idle_minutes: u32,
    ) -> Result<AppState, CoreError> {
        let vault = Vault::create_with(
            dir,
            Protection::Password(Zeroizing::new("correct horse".into())),
            KdfParams::insecure_fast_for_tests(),
        )
        .await?;
        vault
            .set_settings(Settings {
                clipboard_clear_seconds: 30,
                lock_after_idle_minutes,
            })
            .await?;
        let state = AppState::new(dir.to_path_buf(), None, TrustedClock::default(), None);
        state.set_vault(Some(vault)).await;
        Ok(state)
    }

    fn last_use(state: &AppState) -> Instant {
        *state.last_use.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[tokio::test]
    async fn a_password_vault_locks_after_its_idle_time() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let state = state_with_password_vault(dir.path(), 5).await?;
        let now = Instant::now();
        state
            .lock_if_idle_at(now + Duration::from_secs(4 * 60))
            .await;
        assert!(
            state.with_vault(async |v| v.list().await).await.is_ok(),
            "locked too early"
        );
        state
            .lock_if_idle_at(now + Duration::from_secs(6 * 60))
            .await;
        let err = state.with_vault(async |v| v.list().await).await.err();
        assert_eq!(serde_json::to_value(err)?["code"], "vault.locked");
        Ok(())
    }

    #[tokio::test]
    async fn zero_minutes_means_never() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let state = state_with_password_vault(dir.path(), 0).await?;
        state
            .lock_if_idle_at(Instant::now() + Duration::from_secs(24 * 3600))
            .await;
        assert!(state.with_vault(async |v| v.list().await).await.is_ok());
        Ok(())
    }

    #[tokio::test]
    async fn polling_codes_is_not_use() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let state = state_with_password_vault(dir.path(), 5).await?;
        let before = last_use(&state);
        tokio::time::sleep(Duration::from_millis(20)).await;
        state.with_vault_idle(async |v| v.list().await).await.ok();
        assert_eq!(last_use(&state), before);
        state.with_vault(async |v| v.list().await).await.ok();
        assert!(last_use(&state) > before);
        Ok(())
    }
}
