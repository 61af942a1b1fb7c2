//! Preferences kept in the vault file (not secret, not encrypted), so the CLI
//! and the app agree on them.

use serde::{Deserialize, Serialize};

use super::Vault;
use super::schema::database_error;
use crate::CoreError;

const CLIPBOARD_CLEAR: &str = "clipboard_clear_seconds";
const LOCK_AFTER_IDLE: &str = "lock_after_idle_minutes";
const MAX_CLIPBOARD_CLEAR_SECONDS: u32 = 3600;
const MAX_LOCK_AFTER_IDLE_MINUTES: u32 = 24 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Seconds before a copied code is wiped from the clipboard; 0 = never.
    pub clipboard_clear_seconds: u32,
    /// Minutes of inactivity before a password vault locks again; 0 = never.
    /// Keyring vaults ignore it: the OS session already guards their key.
    pub lock_after_idle_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            clipboard_clear_seconds: 30,
            lock_after_idle_minutes: 5,
        }
    }
}

impl Vault {
    /// The stored settings; anything missing or unreadable is the default.
    pub async fn settings(&self) -> Result<Settings, CoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings")
            .fetch_all(&self.pool)
            .await
            .map_err(database_error(&self.path))?;
        let mut settings = Settings::default();
        for (key, value) in rows {
            let Ok(value) = value.parse::<u32>() else {
                continue;
            };
            match key.as_str() {
                CLIPBOARD_CLEAR if value <= MAX_CLIPBOARD_CLEAR_SECONDS => {
                    settings.clipboard_clear_seconds = value;
                }
                LOCK_AFTER_IDLE if value <= MAX_LOCK_AFTER_IDLE_MINUTES => {
                    settings.lock_after_idle_minutes = value;
                }
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Stores all settings at once (one transaction).
    pub async fn set_settings(&self, settings: Settings) -> Result<(), CoreError> {
        let values = [
            (
                CLIPBOARD_CLEAR,
                settings.clipboard_clear_seconds,
                MAX_CLIPBOARD_CLEAR_SECONDS,
            ),
            (
                LOCK_AFTER_IDLE,
                settings.lock_after_idle_minutes,
                MAX_LOCK_AFTER_IDLE_MINUTES,
            ),
        ];
        for (name, value, max) in values {
            if value > max {
                return Err(CoreError::VaultInvalidSetting { name, value, max });
            }
        }
        let db = database_error(&self.path);
        let mut tx = self.pool.begin().await.map_err(&db)?;
        for (name, value, _) in values {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES (?, ?) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(name)
            .bind(value.to_string())
            .execute(&mut *tx)
            .await
            .map_err(&db)?;
        }
        tx.commit().await.map_err(&db)
    }
}
