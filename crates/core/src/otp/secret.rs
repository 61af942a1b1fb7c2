//! The shared secret of an OTP account: zeroed on drop, never printed, never
//! serialised (it has no `Serialize`, so it cannot slip into IPC or JSON).

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Longest secret accepted, in bytes: far above any real service (SHA-512
/// keys are 64 bytes), low enough to refuse absurd input early.
pub const MAX_SECRET_BYTES: usize = 256;

#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Vec<u8>);

/// Why a text is not a usable secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretProblem {
    Empty,
    /// Not base32: the first offending character and its position in the text
    /// as given (0-based, in characters, separators included), so a person can
    /// find it in what they typed.
    NotBase32 {
        position: usize,
        character: char,
    },
    TooLong,
}

impl Secret {
    /// Any length from 1 byte up: real services use 80-bit (10-byte) secrets,
    /// which RFC 4226's 128-bit recommendation would refuse.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, SecretProblem> {
        if bytes.is_empty() {
            return Err(SecretProblem::Empty);
        }
        if bytes.len() > MAX_SECRET_BYTES {
            return Err(SecretProblem::TooLong);
        }
        Ok(Self(bytes))
    }

    /// Base32 as people and services write it: any case, with spaces, hyphens
    /// or `=` padding, and with a last character whose unused bits are not zero
    /// (moto's `asdfasdfasdf`, for one).
    pub fn from_base32(text: &str) -> Result<Self, SecretProblem> {
        // Enough room from the start (text bytes ≥ decoded bytes, up to the limit),
        // so the vector never reallocates and leaves key copies behind.
        let mut out = Vec::with_capacity((text.len() * 5 / 8 + 1).min(MAX_SECRET_BYTES + 1));
        let mut buffer: u32 = 0;
        let mut bits = 0u32;
        for (position, character) in text.chars().enumerate() {
            let value = match character {
                ' ' | '\t' | '-' | '=' => continue,
                'A'..='Z' => character as u32 - 'A' as u32,
                'a'..='z' => character as u32 - 'a' as u32,
                '2'..='7' => character as u32 - '2' as u32 + 26,
                _ => {
                    out.zeroize();
                    return Err(SecretProblem::NotBase32 {
                        position,
                        character,
                    });
                }
            };
            buffer = (buffer << 5) | value;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
                buffer &= (1 << bits) - 1;
            }
            // Checked as we go, so that a huge paste costs no more than the limit.
            if out.len() > MAX_SECRET_BYTES {
                out.zeroize();
                buffer.zeroize();
                return Err(SecretProblem::TooLong);
            }
        }
        buffer.zeroize();
        Self::from_bytes(out)
    }

    /// Upper-case base32 without padding, as otpauth URIs carry it.
    pub fn to_base32(&self) -> Zeroizing<String> {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut out = Zeroizing::new(String::with_capacity(self.0.len() * 8 / 5 + 1));
        let mut buffer: u32 = 0;
        let mut bits = 0u32;
        for &byte in &self.0 {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
            }
            buffer &= (1 << bits) - 1;
        }
        if bits > 0 {
            out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
        }
        buffer.zeroize();
        out
    }

    /// The raw key, for the HMAC and the vault's cipher only.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(<redacted, {} bytes>)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_base32_the_way_people_write_it() {
        let plain = Secret::from_base32("JBSWY3DPEHPK3PXP").ok();
        for variant in [
            "jbswy3dpehpk3pxp",
            "JBSW Y3DP EHPK 3PXP",
            "JBSW-Y3DP-EHPK-3PXP",
            "JBSWY3DPEHPK3PXP====",
        ] {
            assert_eq!(Secret::from_base32(variant).ok(), plain, "{variant}");
        }
        assert_eq!(
            plain.map(|s| s.expose().to_vec()),
            Some(b"Hello!\xde\xad\xbe\xef".to_vec())
        );
    }

    #[test]
    fn accepts_80_bit_secrets_and_dirty_trailing_bits() {
        assert_eq!(
            Secret::from_base32("JBSWY3DPEHPK3PXP").map(|s| s.len()),
            Ok(10)
        );
        // moto's fixed secret: 12 characters = 60 bits, the last 4 bits unused.
        assert_eq!(Secret::from_base32("asdfasdfasdf").map(|s| s.len()), Ok(7));
    }

    #[test]
    fn refuses_what_is_not_base32() {
        assert_eq!(Secret::from_base32("   ").err(), Some(SecretProblem::Empty));
        assert_eq!(
            Secret::from_base32("ABC1DEF").err(),
            Some(SecretProblem::NotBase32 {
                position: 3,
                character: '1'
            })
        );
        // Positions count what the person typed, separators and all.
        assert_eq!(
            Secret::from_base32("ab-cd ëf").err(),
            Some(SecretProblem::NotBase32 {
                position: 6,
                character: 'ë'
            })
        );
        assert_eq!(
            Secret::from_base32(&"A".repeat(5000)).err(),
            Some(SecretProblem::TooLong)
        );
    }

    #[test]
    fn base32_round_trips() {
        for len in 1..=40u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|i| i.wrapping_mul(37).wrapping_add(len))
                .collect();
            let secret = Secret::from_bytes(bytes.clone()).ok();
            let text = secret.as_ref().map(|s| s.to_base32().to_string());
            let back = text.and_then(|t| Secret::from_base32(&t).ok());
            assert_eq!(back.map(|s| s.expose().to_vec()), Some(bytes));
        }
    }

    #[test]
    fn debug_never_prints_the_key() {
        let secret = Secret::from_base32("JBSWY3DPEHPK3PXP").ok();
        let shown = format!("{secret:?}");
        assert!(shown.contains("redacted"));
        assert!(!shown.contains("JBSW") && !shown.contains("72, 101"));
    }
}
