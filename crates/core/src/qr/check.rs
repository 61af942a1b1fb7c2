//! How sure Kairos is of a decoded text. QR codes carry Reed-Solomon check
//! blocks, which both decoders verify; a payload Kairos can also parse, or a
//! text two independent reads agree on, is surer still.

use serde::Serialize;

/// The strongest evidence that a text is what the code holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Only the code's own error correction vouches for it.
    ErrorCorrection,
    /// Two different attempts (decoder or preprocessing) read the same text.
    Agreed,
    /// An `otpauth://` URI that parses, or an `otpauth-migration://` link
    /// whose `data` is well-formed base64: a misread would almost never be.
    Parsed,
}

/// `Parsed` when the text is an authenticator payload that holds together.
pub(crate) fn parses_as_payload(text: &str) -> bool {
    if has_prefix(text, "otpauth://") {
        return crate::uri::parse(text).is_ok();
    }
    if has_prefix(text, MIGRATION_PREFIX) {
        return migration_data(text).is_some_and(is_base64);
    }
    false
}

const MIGRATION_PREFIX: &str = "otpauth-migration://offline?";

fn has_prefix(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// The `data` parameter, percent-decoded (`%2B`, `%2F`, `%3D` are how the
/// export writes `+`, `/`, `=`).
fn migration_data(text: &str) -> Option<String> {
    let query = text.get(MIGRATION_PREFIX.len()..)?;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("data="))?;
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(index) = rest.find('%') {
        out.push_str(&rest[..index]);
        let hex = rest.get(index + 1..index + 3)?;
        out.push(char::from(u8::from_str_radix(hex, 16).ok()?));
        rest = &rest[index + 3..];
    }
    out.push_str(rest);
    Some(out)
}

fn is_base64(data: String) -> bool {
    let body = data.trim_end_matches('=');
    let padding = data.len() - body.len();
    !body.is_empty()
        && padding <= 2
        && data.len().is_multiple_of(4)
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authenticator_payloads_parse() {
        assert!(parses_as_payload(
            "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"
        ));
        assert!(parses_as_payload(
            "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D"
        ));
        assert!(parses_as_payload("OTPAUTH-MIGRATION://offline?data=AAAA"));
    }

    #[test]
    fn misreads_and_other_texts_do_not() {
        // A secret with a character base32 lacks, as a bit flip could give.
        assert!(!parses_as_payload(
            "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1"
        ));
        assert!(!parses_as_payload("otpauth-migration://offline?data=AB%ZZ"));
        assert!(!parses_as_payload("otpauth-migration://offline?data=ABC"));
        assert!(!parses_as_payload("otpauth-migration://offline?data=A$BC"));
        assert!(!parses_as_payload("https://example.com/"));
    }
}
