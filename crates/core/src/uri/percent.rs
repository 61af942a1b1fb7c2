//! Percent-encoding (RFC 3986 §2.1), strict on reading: a `%` not followed by
//! two hexadecimal digits is an error, not a literal `%`, so a mangled link is
//! refused rather than read as something else.

use zeroize::Zeroizing;

/// The bytes `text` encodes, or `None` if a `%` is not followed by two
/// hexadecimal digits. Zeroized on drop since the secret goes through here.
pub(super) fn decode(text: &str, plus_is_space: bool) -> Option<Zeroizing<Vec<u8>>> {
    // Full capacity up front: the vector never reallocates and leaves no copy.
    let mut out = Zeroizing::new(Vec::with_capacity(text.len()));
    let mut bytes = text.bytes();
    while let Some(byte) = bytes.next() {
        let decoded = match byte {
            b'%' => {
                let high = bytes.next().and_then(hex_value)?;
                let low = bytes.next().and_then(hex_value)?;
                high << 4 | low
            }
            b'+' if plus_is_space => b' ',
            other => other,
        };
        out.push(decoded);
    }
    Some(out)
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// Appends `text` with every byte but RFC 3986's unreserved characters and `@`
/// written as `%XX`: safe in the path and in a query value alike. `@` stays
/// readable, as in the format's own examples (`alice@google.com`).
pub(super) fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

/// The most bytes [`encode_into`] writes for `text`: three per byte.
pub(super) fn encoded_len_bound(text: &str) -> usize {
    text.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str, plus_is_space: bool) -> Option<Vec<u8>> {
        decode(text, plus_is_space).map(|bytes| bytes.to_vec())
    }

    #[test]
    fn decodes_escapes_in_either_case() {
        assert_eq!(decoded("a%20b%3a%3Ac", false), Some(b"a b::c".to_vec()));
        assert_eq!(
            decoded("%C3%A9t%C3%A9", false),
            Some("été".as_bytes().to_vec())
        );
    }

    #[test]
    fn plus_is_a_space_only_where_asked() {
        assert_eq!(decoded("a+b", true), Some(b"a b".to_vec()));
        assert_eq!(decoded("a+b", false), Some(b"a+b".to_vec()));
        assert_eq!(decoded("a%2Bb", true), Some(b"a+b".to_vec()));
    }

    #[test]
    fn refuses_incomplete_or_non_hex_escapes() {
        for text in ["%", "%4", "a%zz", "%4g", "100%"] {
            assert_eq!(decoded(text, false), None, "{text}");
        }
    }

    #[test]
    fn encodes_all_but_unreserved_and_at() {
        let mut out = String::new();
        encode_into(&mut out, "Ab9-._~@ :/?#&=+%é");
        assert_eq!(out, "Ab9-._~@%20%3A%2F%3F%23%26%3D%2B%25%C3%A9");
        assert!(out.len() <= encoded_len_bound("Ab9-._~@ :/?#&=+%é"));
    }
}
