//! The vault key, the vault id, and the one cipher every secret goes through.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::CoreError;

pub(crate) const KEY_LEN: usize = 32;
pub(crate) const NONCE_LEN: usize = 24;
const ID_LEN: usize = 16;

/// Fills `out` from the operating system's random source.
pub(crate) fn random_bytes(out: &mut [u8]) -> Result<(), CoreError> {
    getrandom::fill(out).map_err(|e| CoreError::VaultRandom {
        detail: e.to_string(),
    })
}

/// The 256-bit key every account secret is encrypted under. Lives only inside
/// an unlocked [`super::Vault`] (never in a global), zeroed on drop.
pub(crate) struct VaultKey(Zeroizing<[u8; KEY_LEN]>);

impl VaultKey {
    pub(crate) fn generate() -> Result<Self, CoreError> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(key.as_mut())?;
        Ok(Self(key))
    }

    /// Takes a key read back from a keyring or unwrapped from a password slot;
    /// `None` if it is not exactly 32 bytes.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }

    pub(crate) fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A cipher keyed with this key (it zeroes its own copy on drop).
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// Encrypts under a fresh random nonce (192-bit, so random nonces never
    /// collide in practice, unlike ChaCha20-Poly1305's 96-bit ones).
    pub(crate) fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Sealed, CoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let ciphertext = self
            .cipher()
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            // Only fails for inputs of gigabytes; ours are at most 256 bytes.
            .map_err(|_| CoreError::VaultRandom {
                detail: "encryption refused its input".to_owned(),
            })?;
        Ok(Sealed { nonce, ciphertext })
    }

    /// Decrypts and authenticates; `None` if anything (key, nonce, associated
    /// data, ciphertext) is not what was sealed.
    pub(crate) fn open(
        &self,
        nonce: &[u8],
        aad: &[u8],
        ciphertext: &[u8],
    ) -> Option<Zeroizing<Vec<u8>>> {
        if nonce.len() != NONCE_LEN {
            return None;
        }
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }
}

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKey(<redacted>)")
    }
}

/// A nonce and the ciphertext (with its 16-byte tag) sealed under it.
#[derive(Debug)]
pub(crate) struct Sealed {
    pub nonce: [u8; NONCE_LEN],
    pub ciphertext: Vec<u8>,
}

/// A vault's random identity: names its keyring entry (so two data folders
/// never share a key) and is bound into every ciphertext.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct VaultId([u8; ID_LEN]);

impl VaultId {
    pub(crate) fn generate() -> Result<Self, CoreError> {
        let mut id = [0u8; ID_LEN];
        random_bytes(&mut id)?;
        Ok(Self(id))
    }

    pub(crate) fn to_hex(self) -> String {
        to_hex(&self.0)
    }

    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        from_hex(text)?.try_into().ok().map(Self)
    }

    pub(crate) fn as_bytes(&self) -> &[u8; ID_LEN] {
        &self.0
    }
}

impl fmt::Debug for VaultId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VaultId({})", self.to_hex())
    }
}

/// A random 16-byte row id that never changes, bound into the row's ciphertext.
pub(crate) fn new_row_uid() -> Result<[u8; ID_LEN], CoreError> {
    let mut uid = [0u8; ID_LEN];
    random_bytes(&mut uid)?;
    Ok(uid)
}

/// Associated data for a purpose, a vault and optionally a row: a ciphertext
/// only opens under the same three, so it cannot be replayed elsewhere.
pub(crate) fn associated_data(purpose: &str, vault: &VaultId, row: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(purpose.len() + 1 + ID_LEN + row.len());
    aad.extend_from_slice(purpose.as_bytes());
    aad.push(0);
    aad.extend_from_slice(vault.as_bytes());
    aad.extend_from_slice(row);
    aad
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let pairs = text.as_bytes().chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return None;
    }
    pairs
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_data_opens_only_with_the_same_associated_data() {
        let key = VaultKey::generate().expect("key");
        let sealed = key.seal(b"row-1", b"secret").expect("seal");
        let opened = key.open(&sealed.nonce, b"row-1", &sealed.ciphertext);
        assert_eq!(opened.as_deref().map(Vec::as_slice), Some(&b"secret"[..]));
        assert!(
            key.open(&sealed.nonce, b"row-2", &sealed.ciphertext)
                .is_none()
        );
        let other = VaultKey::generate().expect("key");
        assert!(
            other
                .open(&sealed.nonce, b"row-1", &sealed.ciphertext)
                .is_none()
        );
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let key = VaultKey::generate().expect("key");
        let a = key.seal(b"", b"same").expect("seal");
        let b = key.seal(b"", b"same").expect("seal");
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
    }

    #[test]
    fn debug_shows_no_key_material() {
        let key = VaultKey::from_slice(&[0xAB; KEY_LEN]).expect("32 bytes");
        let shown = format!("{key:?}");
        assert_eq!(shown, "VaultKey(<redacted>)");
        assert!(!shown.contains("171") && !shown.to_lowercase().contains("abab"));
    }

    #[test]
    fn hex_round_trips() {
        let id = VaultId::generate().expect("id");
        assert_eq!(VaultId::from_hex(&id.to_hex()), Some(id));
        assert_eq!(from_hex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
