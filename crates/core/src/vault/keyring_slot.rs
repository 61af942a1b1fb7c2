//! The vault key kept in the operating system's keyring.
//!
//! The entry is `service = app.kairos.desktop`, `user = <vault id>`: each data
//! folder's vault has its own entry. If the keyring cannot be reached the
//! caller gets `vault.keyring_unavailable`; there is no fallback (no plaintext
//! key file, and never `keyring`'s in-memory mock, which would lose the key
//! when the process exits).

use zeroize::Zeroizing;

use super::key::{VaultId, VaultKey};
use super::platform_keyring::{KeyringUnavailable, platform_entry};
use super::protect::{KeyProtector, SlotRecord};
use crate::CoreError;

/// The keyring service name of every Kairos vault key.
pub const KEYRING_SERVICE: &str = "app.kairos.desktop";

#[derive(Debug)]
pub(crate) struct KeyringProtector;

impl KeyringProtector {
    pub(crate) fn new() -> Self {
        Self
    }
}

impl KeyProtector for KeyringProtector {
    fn protect(&self, vault: &VaultId, key: &VaultKey) -> Result<SlotRecord, CoreError> {
        let user = vault.to_hex();
        entry(KEYRING_SERVICE, &user)?
            .set_secret(key.expose())
            .map_err(|e| keyring_error(e, &user))?;
        Ok(SlotRecord::Keyring {
            service: KEYRING_SERVICE.to_owned(),
            user,
        })
    }

    fn recover(&self, _vault: &VaultId, slot: &SlotRecord) -> Result<VaultKey, CoreError> {
        let SlotRecord::Keyring { service, user } = slot else {
            return Err(CoreError::VaultUnlockMismatch {
                protection: slot.kind(),
            });
        };
        let bytes = Zeroizing::new(
            entry(service, user)?
                .get_secret()
                .map_err(|e| keyring_error(e, user))?,
        );
        VaultKey::from_slice(&bytes).ok_or_else(|| CoreError::VaultCorrupt {
            account: None,
            reason: format!(
                "the keyring entry {user}@{service} does not hold a vault key ({} bytes)",
                bytes.len()
            ),
        })
    }

    fn discard(&self, slot: &SlotRecord) {
        let SlotRecord::Keyring { service, user } = slot else {
            return;
        };
        if let Ok(entry) = entry(service, user) {
            let _ = entry.delete_credential();
        }
    }
}

/// The entry, in the platform's real store only.
fn entry(service: &str, user: &str) -> Result<keyring::Entry, CoreError> {
    platform_entry(service, user, format!("Kairos vault key ({user})"))
        .map_err(|e| CoreError::VaultKeyringUnavailable { detail: e.detail })
}

fn keyring_error(error: keyring::Error, user: &str) -> CoreError {
    match error {
        keyring::Error::NoEntry => CoreError::VaultKeyMissing {
            entry: format!("{user}@{KEYRING_SERVICE}"),
        },
        other => CoreError::VaultKeyringUnavailable {
            detail: KeyringUnavailable::from(other).detail,
        },
    }
}

/// Whether the OS keyring answers now, so the UI can offer it or explain why
/// not before anything is created. Looks up an entry that never exists: an
/// answer of "no such entry" means the store is there and unlocked.
pub fn keyring_available() -> bool {
    match entry(KEYRING_SERVICE, "availability-probe") {
        Ok(entry) => matches!(entry.get_password(), Ok(_) | Err(keyring::Error::NoEntry)),
        Err(_) => false,
    }
}
