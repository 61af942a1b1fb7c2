//! AES-256-GCM with a 96-bit nonce, as Aegis and 2FAS use it. Their files
//! keep the 16-byte tag apart (Aegis) or appended (2FAS, Java's layout);
//! both go through here.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::Zeroizing;

pub(super) const KEY_LEN: usize = 32;
pub(super) const NONCE_LEN: usize = 12;
pub(super) const TAG_LEN: usize = 16;

/// Decrypts `ciphertext || tag`; `None` when the key, nonce or data are not
/// what was sealed (a wrong password looks exactly like this).
pub(super) fn open(key: &[u8], nonce: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if key.len() != KEY_LEN || nonce.len() != NONCE_LEN || sealed.len() < TAG_LEN {
        return None;
    }
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    cipher
        .decrypt(Nonce::from_slice(nonce), sealed)
        .ok()
        .map(Zeroizing::new)
}

/// [`open`] with the tag given apart.
pub(super) fn open_detached(
    key: &[u8],
    nonce: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if tag.len() != TAG_LEN {
        return None;
    }
    let mut sealed = Zeroizing::new(Vec::with_capacity(ciphertext.len() + TAG_LEN));
    sealed.extend_from_slice(ciphertext);
    sealed.extend_from_slice(tag);
    open(key, nonce, &sealed)
}

/// Encrypts; returns the ciphertext and the tag apart. `None` only for a
/// key of the wrong length.
pub(super) fn seal_detached(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
) -> Option<(Vec<u8>, Vec<u8>)> {
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    let mut sealed = cipher.encrypt(Nonce::from_slice(nonce), plaintext).ok()?;
    let tag = sealed.split_off(sealed.len().checked_sub(TAG_LEN)?);
    Some((sealed, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nist_gcm_test_case_14() {
        // The GCM specification's test case 14: 256-bit zero key, zero IV,
        // one zero block.
        let key = [0u8; 32];
        let nonce = [0u8; 12];
        let (ciphertext, tag) = seal_detached(&key, &nonce, &[0u8; 16]).expect("seal");
        assert_eq!(
            crate::vault::to_hex(&ciphertext),
            "cea7403d4d606b6e074ec5d3baf39d18"
        );
        assert_eq!(
            crate::vault::to_hex(&tag),
            "d0d1c8a799996bf0265b98b5d48ab919"
        );
        let back = open_detached(&key, &nonce, &ciphertext, &tag);
        assert_eq!(back.as_deref().map(Vec::as_slice), Some(&[0u8; 16][..]));
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert!(open_detached(&key, &nonce, &ciphertext, &bad).is_none());
    }
}
