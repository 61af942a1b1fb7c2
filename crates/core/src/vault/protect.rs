//! How the vault key is kept between runs: the choices a person makes, and the
//! small trait both kinds of key slot implement.

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::key::{VaultId, VaultKey};
use super::keyring_slot::KeyringProtector;
use super::password::{KdfParams, PasswordProtector};
use crate::CoreError;

/// How a new vault's key is protected.
pub enum Protection {
    /// In the operating system's keyring (Secret Service, macOS Keychain,
    /// Windows Credential Manager): opens without a prompt in the user's session.
    Keyring,
    /// Wrapped under a key derived from this password (Argon2id).
    Password(Zeroizing<String>),
}

/// How an existing vault is unlocked; must match its [`ProtectionKind`].
pub enum Unlock {
    Keyring,
    Password(Zeroizing<String>),
}

// Hand-written so a password can never reach a log through `{:?}`.
impl fmt::Debug for Protection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protection::Keyring => f.write_str("Protection::Keyring"),
            Protection::Password(_) => f.write_str("Protection::Password(<redacted>)"),
        }
    }
}

impl fmt::Debug for Unlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unlock::Keyring => f.write_str("Unlock::Keyring"),
            Unlock::Password(_) => f.write_str("Unlock::Password(<redacted>)"),
        }
    }
}

/// Which protection a vault uses, readable without unlocking it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtectionKind {
    Keyring,
    Password,
}

impl ProtectionKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ProtectionKind::Keyring => "keyring",
            ProtectionKind::Password => "password",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "keyring" => Some(ProtectionKind::Keyring),
            "password" => Some(ProtectionKind::Password),
            _ => None,
        }
    }
}

impl Protection {
    pub(crate) fn kind(&self) -> ProtectionKind {
        match self {
            Protection::Keyring => ProtectionKind::Keyring,
            Protection::Password(_) => ProtectionKind::Password,
        }
    }

    pub(crate) fn into_protector(self, kdf: KdfParams) -> Box<dyn KeyProtector> {
        match self {
            Protection::Keyring => Box::new(KeyringProtector::new()),
            Protection::Password(password) => Box::new(PasswordProtector::new(password, kdf)),
        }
    }
}

impl Unlock {
    pub(crate) fn kind(&self) -> ProtectionKind {
        match self {
            Unlock::Keyring => ProtectionKind::Keyring,
            Unlock::Password(_) => ProtectionKind::Password,
        }
    }

    pub(crate) fn into_protector(self) -> Box<dyn KeyProtector> {
        match self {
            Unlock::Keyring => Box::new(KeyringProtector::new()),
            // Unlocking reads the parameters from the slot; these go unused.
            Unlock::Password(password) => {
                Box::new(PasswordProtector::new(password, KdfParams::recommended()))
            }
        }
    }
}

/// What a vault stores about one key slot (the `key_slots` row).
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum SlotRecord {
    Keyring {
        service: String,
        user: String,
    },
    Password {
        params: KdfParams,
        salt: Vec<u8>,
        nonce: Vec<u8>,
        wrapped_key: Vec<u8>,
    },
}

impl SlotRecord {
    pub(crate) fn kind(&self) -> ProtectionKind {
        match self {
            SlotRecord::Keyring { .. } => ProtectionKind::Keyring,
            SlotRecord::Password { .. } => ProtectionKind::Password,
        }
    }
}

impl fmt::Debug for SlotRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlotRecord::Keyring { service, user } => f
                .debug_struct("Keyring")
                .field("service", service)
                .field("user", user)
                .finish(),
            // The wrapped key is ciphertext, but nothing gains from printing it.
            SlotRecord::Password { params, .. } => f
                .debug_struct("Password")
                .field("params", params)
                .finish_non_exhaustive(),
        }
    }
}

/// One way of keeping the vault key. Calls block (D-Bus round trips, Argon2),
/// so the vault runs them on tokio's blocking pool.
pub(crate) trait KeyProtector: Send {
    /// Puts `key` under this protection and returns what the vault must
    /// remember to get it back.
    fn protect(&self, vault: &VaultId, key: &VaultKey) -> Result<SlotRecord, CoreError>;

    /// Gets the key back from what `protect` returned.
    fn recover(&self, vault: &VaultId, slot: &SlotRecord) -> Result<VaultKey, CoreError>;

    /// Undoes `protect` after the vault could not be created (best effort:
    /// the vault does not exist, so a leftover entry only costs a few bytes).
    fn discard(&self, slot: &SlotRecord);
}
