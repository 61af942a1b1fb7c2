//! The encrypted account store: one SQLite file, `kairos.db`, in the data folder.
//!
//! Account metadata (issuer, label, parameters, order) is stored in clear so
//! the list can be shown and searched; each secret is sealed with
//! XChaCha20-Poly1305 under a random 256-bit vault key, with a fresh nonce per
//! write and the row's permanent random id as associated data. The vault key
//! itself is kept either in the operating system's keyring or wrapped under an
//! Argon2id-derived password key ([`Protection`]).
//!
//! ```no_run
//! # async fn demo(dir: &std::path::Path) -> Result<(), kairos_core::CoreError> {
//! use kairos_core::vault::{Unlock, Vault, VaultStatus};
//! if Vault::status(dir).await?.exists {
//!     let vault = Vault::open(dir, Unlock::Keyring).await?;
//!     for (account, secret) in vault.accounts_with_secrets().await? {
//!         // compute codes
//! #       let _ = (account, secret);
//!     }
//! }
//! # Ok(()) }
//! ```

mod accounts;
mod key;
mod keyring_slot;
mod lifecycle;
mod password;
pub mod platform_keyring;
mod protect;
mod schema;
mod search;
mod settings;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

pub use keyring_slot::{KEYRING_SERVICE, keyring_available};
pub use password::KdfParams;
pub use protect::{Protection, ProtectionKind, Unlock};
pub use schema::DB_FILE;
pub use settings::Settings;
pub use validate::{AccountField, AccountProblem, MAX_PERIOD_SECONDS, MAX_TEXT_CHARS};

use key::{VaultId, VaultKey};
// Hex for other formats' files (Aegis writes its salts and keys in hex).
pub(crate) use key::{from_hex, to_hex};

/// What the UI needs to know before unlocking: is there a vault, and does
/// opening it need a password?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub exists: bool,
    /// `None` when there is no vault.
    pub protection: Option<ProtectionKind>,
}

/// An unlocked vault. The key lives here and nowhere else: drop the `Vault`
/// (or call [`Vault::close`]) to lock.
pub struct Vault {
    pool: SqlitePool,
    path: PathBuf,
    id: VaultId,
    key: VaultKey,
    protection: ProtectionKind,
    #[cfg(feature = "test-support")]
    add_many_observer: Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("id", &self.id)
            .field("protection", &self.protection)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// The `kairos.db` file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn protection(&self) -> ProtectionKind {
        self.protection
    }

    /// Closes the database cleanly (checkpointing the WAL) and forgets the key.
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// Test hook: `observer(n)` runs after the n-th row of an
    /// [`Vault::add_many`] is written, before the transaction commits, so a
    /// test can kill the process at a known point mid-transaction.
    #[cfg(feature = "test-support")]
    pub fn set_add_many_observer(&mut self, observer: impl Fn(usize) + Send + Sync + 'static) {
        self.add_many_observer = Some(std::sync::Arc::new(observer));
    }
}

/// Milliseconds since the Unix epoch, for `created_at`/`updated_at`.
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Runs blocking work (keyring D-Bus calls, Argon2) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, crate::CoreError> + Send + 'static,
) -> Result<T, crate::CoreError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(error) => match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(_) => Err(crate::CoreError::VaultInterrupted),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroizing;

    #[tokio::test]
    async fn debug_never_shows_the_key() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let vault = Vault::create_with(
            tmp.path(),
            Protection::Password(Zeroizing::new("pw".into())),
            KdfParams::insecure_fast_for_tests(),
        )
        .await
        .expect("create");
        let shown = format!("{vault:?}");
        let key = vault.key.expose();
        assert!(!shown.contains(&key::to_hex(key)), "{shown}");
        assert!(!shown.contains(&format!("{:?}", &key[..4]).trim_end_matches(']').to_owned()));
        assert!(shown.contains("VaultKey(<redacted>)"), "{shown}");
    }
}
