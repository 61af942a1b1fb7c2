//! Writing an otpauth URI in canonical form: upper-case unpadded base32, the
//! issuer both as label prefix and as parameter, every parameter explicit,
//! everything but unreserved characters percent-encoded.

use zeroize::Zeroizing;

use super::percent;
use crate::otp::{AccountDraft, OtpKind, STEAM_DIGITS, STEAM_PERIOD};

/// The canonical URI of `draft`. It holds the secret, hence `Zeroizing`.
///
/// An issuer containing a colon cannot be a label prefix (the first colon,
/// literal or encoded, ends the prefix), so it is then written as the
/// parameter only. When no prefix is written and the account name has a
/// colon, a leading colon (an empty prefix) keeps the name's first part from
/// being read back as an issuer: `otpauth://totp/:a%3Ab?...`.
pub fn render(draft: &AccountDraft) -> Zeroizing<String> {
    let secret = draft.secret.to_base32();
    // Room for the longest possible result, so the string never reallocates
    // and leaves a copy of the secret behind.
    let capacity = 160
        + secret.len()
        + 2 * percent::encoded_len_bound(&draft.issuer)
        + percent::encoded_len_bound(&draft.label);
    let mut uri = Zeroizing::new(String::with_capacity(capacity));

    let type_name = match draft.params.kind {
        OtpKind::Hotp { .. } => "hotp",
        OtpKind::Totp { .. } | OtpKind::Steam => "totp",
    };
    uri.push_str("otpauth://");
    uri.push_str(type_name);
    uri.push('/');
    let issuer_fits_prefix = !draft.issuer.is_empty() && !draft.issuer.contains(':');
    if issuer_fits_prefix {
        percent::encode_into(&mut uri, &draft.issuer);
        uri.push(':');
    } else if draft.label.contains(':') {
        uri.push(':');
    }
    percent::encode_into(&mut uri, &draft.label);

    uri.push_str("?secret=");
    uri.push_str(&secret);
    if !draft.issuer.is_empty() {
        uri.push_str("&issuer=");
        percent::encode_into(&mut uri, &draft.issuer);
    }
    // Steam fixes its own parameters; writing them keeps apps that do not know
    // `encoder=steam` at least on the right period.
    let (algorithm, digits) = match draft.params.kind {
        OtpKind::Steam => ("SHA1", STEAM_DIGITS),
        OtpKind::Totp { .. } | OtpKind::Hotp { .. } => {
            (draft.params.algorithm.as_str(), draft.params.digits)
        }
    };
    uri.push_str("&algorithm=");
    uri.push_str(algorithm);
    uri.push_str("&digits=");
    uri.push_str(&digits.to_string());
    match draft.params.kind {
        OtpKind::Totp { period } => {
            uri.push_str("&period=");
            uri.push_str(&period.to_string());
        }
        OtpKind::Hotp { counter } => {
            uri.push_str("&counter=");
            uri.push_str(&counter.to_string());
        }
        OtpKind::Steam => {
            uri.push_str("&period=");
            uri.push_str(&STEAM_PERIOD.to_string());
            uri.push_str("&encoder=steam");
        }
    }
    uri
}
