//! What the app keeps between commands. The vault key lives only inside the
//! unlocked `Vault`, dropped (and zeroed) when the vault locks.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use kairos_core::clock::{Clock, SystemClock};
use kairos_core::vault::{Vault, VaultStatus};
use kairos_core::{CoreError, Locale, paths};
use tracing_appender::non_blocking::WorkerGuard;

use crate::CommandError;
use crate::error::ShellError;

pub struct AppState {
    locale: RwLock<Locale>,
    pub log_dir: PathBuf,
    /// Where every code's "now" comes from.
    pub clock: Arc<dyn Clock>,
    vault: tokio::sync::RwLock<Option<Vault>>,
    last_use: Mutex<Instant>,
    // Flushes the log file when the app exits.
    _log_guard: Option<WorkerGuard>,
}

impl AppState {
    pub fn new(log_dir: PathBuf, log_guard: Option<WorkerGuard>) -> Self {
        Self {
            locale: RwLock::new(Locale::from_env()),
            log_dir,
            clock: Arc::new(SystemClock),
            vault: tokio::sync::RwLock::new(None),
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
        let previous = std::mem::replace(&mut *self.vault.write().await, vault);
        if let Some(previous) = previous {
            previous.close().await;
        }
        self.touch();
    }

    /// Runs `work` on the unlocked vault, as something the user did (it keeps
    /// a password vault from locking); `vault.locked` when it is locked.
    pub async fn with_vault<T>(
        &self,
        work: impl AsyncFnOnce(&Vault) -> Result<T, CoreError>,
    ) -> Result<T, CommandError> {
        self.touch();
        self.with_vault_idle(work).await
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

    fn touch(&self) {
        *self.last_use.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
    }

    /// Locks a password vault idle for longer than its setting allows.
    pub async fn lock_if_idle(&self) {
        let idle = self
            .last_use
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .elapsed();
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
