//! RFC 4226: an HMAC of the counter, cut down to a 31-bit number by dynamic
//! truncation. TOTP and Steam Guard build on this with a different counter or
//! a different way of writing the number.

use hmac::{EagerHash, Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use super::{Algorithm, Secret};
use crate::CoreError;

/// The 31-bit number RFC 4226 §5.3 derives from `HMAC(secret, counter)`.
pub(crate) fn truncated_hmac(
    secret: &Secret,
    algorithm: Algorithm,
    counter: u64,
) -> Result<u32, CoreError> {
    let message = counter.to_be_bytes();
    match algorithm {
        Algorithm::Sha1 => truncated_hmac_with::<Sha1>(secret.expose(), &message),
        Algorithm::Sha256 => truncated_hmac_with::<Sha256>(secret.expose(), &message),
        Algorithm::Sha512 => truncated_hmac_with::<Sha512>(secret.expose(), &message),
    }
}

fn truncated_hmac_with<D: EagerHash>(key: &[u8], message: &[u8]) -> Result<u32, CoreError> {
    // HMAC takes keys of any length (RFC 2104 pads or hashes them); the crate
    // still returns a Result, which becomes an error rather than a panic.
    let mut mac = Hmac::<D>::new_from_slice(key).map_err(|_| CoreError::OtpKey)?;
    mac.update(message);
    let digest = mac.finalize().into_bytes();
    Ok(dynamic_truncation(&digest))
}

/// RFC 4226 §5.3: the low 4 bits of the last byte pick an offset; the 4 bytes
/// there, top bit cleared, are the number. The offset is at most 15 and every
/// digest here is at least 20 bytes, so the reads stay inside it.
fn dynamic_truncation(digest: &[u8]) -> u32 {
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bytes = [
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ];
    u32::from_be_bytes(bytes) & 0x7fff_ffff
}

/// The decimal code: the last `digits` digits of the number, zero-padded.
/// Computed in `u64` because 10^10 does not fit in a `u32`; with 10 digits the
/// whole 31-bit number is the code.
pub(crate) fn decimal_code(truncated: u32, digits: u8) -> String {
    let modulus = 10u64.pow(u32::from(digits));
    format!(
        "{:0width$}",
        u64::from(truncated) % modulus,
        width = usize::from(digits)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_secret() -> Secret {
        Secret::from_bytes(b"12345678901234567890".to_vec()).expect("20-byte secret")
    }

    /// RFC 4226 Appendix D: the truncated values and 6-digit HOTP values for
    /// counters 0 to 9.
    const APPENDIX_D: [(u32, &str); 10] = [
        (1284755224, "755224"),
        (1094287082, "287082"),
        (137359152, "359152"),
        (1726969429, "969429"),
        (1640338314, "338314"),
        (868254676, "254676"),
        (1918287922, "287922"),
        (82162583, "162583"),
        (673399871, "399871"),
        (645520489, "520489"),
    ];

    #[test]
    fn rfc_4226_appendix_d() {
        let secret = rfc_secret();
        for (counter, (truncated, code)) in (0u64..).zip(APPENDIX_D) {
            let value = truncated_hmac(&secret, Algorithm::Sha1, counter).expect("hmac");
            assert_eq!(value, truncated, "counter {counter}");
            assert_eq!(decimal_code(value, 6), code, "counter {counter}");
        }
    }

    /// RFC 4226 §5.4's worked example: digest bytes and the number they give.
    #[test]
    fn rfc_4226_truncation_example() {
        let digest = [
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ];
        assert_eq!(dynamic_truncation(&digest), 0x50ef7f19);
        assert_eq!(decimal_code(0x50ef7f19, 6), "872921");
    }

    #[test]
    fn ten_digits_is_the_whole_number_zero_padded() {
        assert_eq!(decimal_code(0x7fff_ffff, 10), "2147483647");
        assert_eq!(decimal_code(82162583, 10), "0082162583");
        assert_eq!(decimal_code(82162583, 9), "082162583");
        assert_eq!(decimal_code(82162583, 8), "82162583");
        assert_eq!(decimal_code(7, 6), "000007");
    }

    #[test]
    fn leading_byte_with_top_bit_set_is_masked() {
        let mut digest = [0u8; 20];
        digest[0] = 0xff;
        digest[1] = 0xff;
        digest[2] = 0xff;
        digest[3] = 0xff;
        assert_eq!(dynamic_truncation(&digest), 0x7fff_ffff);
        digest[19] = 0x0f; // offset 15: bytes 15..19, the last readable window
        digest[15] = 0x80;
        digest[18] = 0x01;
        assert_eq!(dynamic_truncation(&digest), 1);
    }
}
