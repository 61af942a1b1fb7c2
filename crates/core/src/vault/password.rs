//! The vault key wrapped under a password: Argon2id turns the password into a
//! key-encryption key, which seals the vault key with XChaCha20-Poly1305.
//! A wrong password fails the seal's authentication: `vault.wrong_password`.

use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::key::{KEY_LEN, VaultId, VaultKey, associated_data, random_bytes};
use super::protect::{KeyProtector, SlotRecord};
use crate::CoreError;

const SALT_LEN: usize = 16;
const PURPOSE: &str = "kairos.vault.v1/password-slot";

/// Argon2id cost parameters, stored in each password slot so they can be
/// raised for new vaults without breaking old ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl KdfParams {
    /// What new password vaults use: 128 MiB, 3 passes, 1 lane. The `vault`
    /// benchmark's `unlock_recommended_kdf` measures it (about 0.4 s on the
    /// 2-core development machine): slow and memory-hungry enough to make
    /// guessing costly, fast enough that unlocking does not feel stuck. One
    /// lane because the `argon2` crate computes lanes one after another anyway.
    pub const fn recommended() -> Self {
        Self {
            memory_kib: 128 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }

    /// Trivially cheap parameters so tests and benches do not spend seconds
    /// per vault. Not compiled into shipping builds.
    #[cfg(any(test, feature = "test-support"))]
    pub const fn insecure_fast_for_tests() -> Self {
        Self {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    pub fn memory_kib(&self) -> u32 {
        self.memory_kib
    }

    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    pub fn parallelism(&self) -> u32 {
        self.parallelism
    }

    /// Parameters read from a slot. Bounded so a tampered slot cannot make
    /// unlocking allocate tens of gigabytes or run for hours.
    pub(crate) fn from_stored(memory_kib: i64, iterations: i64, parallelism: i64) -> Option<Self> {
        let memory_kib = u32::try_from(memory_kib).ok()?;
        let iterations = u32::try_from(iterations).ok()?;
        let parallelism = u32::try_from(parallelism).ok()?;
        let sane = (1..=16).contains(&parallelism)
            && (8 * parallelism..=4 * 1024 * 1024).contains(&memory_kib)
            && (1..=64).contains(&iterations);
        sane.then_some(Self {
            memory_kib,
            iterations,
            parallelism,
        })
    }

    /// Derives the key-encryption key.
    pub(crate) fn derive(&self, password: &[u8], salt: &[u8]) -> Result<VaultKey, CoreError> {
        let bad = |e: argon2::Error| CoreError::VaultCorrupt {
            account: None,
            reason: format!("unusable password slot parameters: {e}"),
        };
        let params = Params::new(
            self.memory_kib,
            self.iterations,
            self.parallelism,
            Some(KEY_LEN),
        )
        .map_err(bad)?;
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(password, salt, out.as_mut())
            .map_err(bad)?;
        VaultKey::from_slice(out.as_ref()).ok_or_else(|| bad(argon2::Error::OutputTooShort))
    }
}

pub(crate) struct PasswordProtector {
    /// NFC-normalised: the same password typed on macOS (which may produce
    /// decomposed accents) and on Linux must derive the same key.
    password: Zeroizing<String>,
    params: KdfParams,
}

impl std::fmt::Debug for PasswordProtector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordProtector")
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl PasswordProtector {
    pub(crate) fn new(password: Zeroizing<String>, params: KdfParams) -> Self {
        let password = Zeroizing::new(password.nfc().collect::<String>());
        Self { password, params }
    }
}

impl KeyProtector for PasswordProtector {
    fn protect(&self, vault: &VaultId, key: &VaultKey) -> Result<SlotRecord, CoreError> {
        let mut salt = vec![0u8; SALT_LEN];
        random_bytes(&mut salt)?;
        let kek = self.params.derive(self.password.as_bytes(), &salt)?;
        let sealed = kek.seal(&associated_data(PURPOSE, vault, &salt), key.expose())?;
        Ok(SlotRecord::Password {
            params: self.params,
            salt,
            nonce: sealed.nonce.to_vec(),
            wrapped_key: sealed.ciphertext,
        })
    }

    fn recover(&self, vault: &VaultId, slot: &SlotRecord) -> Result<VaultKey, CoreError> {
        let SlotRecord::Password {
            params,
            salt,
            nonce,
            wrapped_key,
        } = slot
        else {
            return Err(CoreError::VaultUnlockMismatch {
                protection: slot.kind(),
            });
        };
        let kek = params.derive(self.password.as_bytes(), salt)?;
        // A wrong password and a tampered slot look the same to the cipher;
        // the password is by far the likelier cause.
        let bytes = kek
            .open(nonce, &associated_data(PURPOSE, vault, salt), wrapped_key)
            .ok_or(CoreError::VaultWrongPassword)?;
        VaultKey::from_slice(&bytes).ok_or_else(|| CoreError::VaultCorrupt {
            account: None,
            reason: "the password slot does not hold a 256-bit key".to_owned(),
        })
    }

    fn discard(&self, _slot: &SlotRecord) {
        // Nothing outside the vault file to clean up.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protector(password: &str) -> PasswordProtector {
        PasswordProtector::new(
            Zeroizing::new(password.to_owned()),
            KdfParams::insecure_fast_for_tests(),
        )
    }

    #[test]
    fn right_password_recovers_the_key_and_wrong_one_is_refused() {
        let vault = VaultId::generate().expect("id");
        let key = VaultKey::generate().expect("key");
        let slot = protector("correct horse")
            .protect(&vault, &key)
            .expect("protect");
        let back = protector("correct horse")
            .recover(&vault, &slot)
            .expect("recover");
        assert_eq!(back.expose(), key.expose());
        let wrong = protector("Correct horse").recover(&vault, &slot);
        assert!(matches!(wrong, Err(CoreError::VaultWrongPassword)));
    }

    #[test]
    fn a_slot_only_opens_in_its_own_vault() {
        let key = VaultKey::generate().expect("key");
        let slot = protector("pw")
            .protect(&VaultId::generate().expect("id"), &key)
            .expect("protect");
        let elsewhere = protector("pw").recover(&VaultId::generate().expect("id"), &slot);
        assert!(matches!(elsewhere, Err(CoreError::VaultWrongPassword)));
    }

    #[test]
    fn composed_and_decomposed_accents_are_the_same_password() {
        let vault = VaultId::generate().expect("id");
        let key = VaultKey::generate().expect("key");
        let slot = protector("caf\u{e9}")
            .protect(&vault, &key)
            .expect("protect");
        let back = protector("cafe\u{301}").recover(&vault, &slot);
        assert!(back.is_ok());
    }

    #[test]
    fn absurd_stored_parameters_are_refused() {
        assert!(KdfParams::from_stored(64 * 1024, 3, 1).is_some());
        assert!(KdfParams::from_stored(i64::from(u32::MAX), 3, 1).is_none());
        assert!(KdfParams::from_stored(64 * 1024, 0, 1).is_none());
        assert!(KdfParams::from_stored(64 * 1024, 3, -1).is_none());
    }
}
