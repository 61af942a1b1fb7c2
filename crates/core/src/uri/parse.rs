//! Reading an otpauth URI. Every malformed input is refused with its own
//! error code; nothing here panics, whatever the text.

use super::percent;
use super::{MAX_ISSUER_CHARS, MAX_LABEL_CHARS, MAX_URI_BYTES, UriPart};
use crate::CoreError;
use crate::otp::{
    AccountDraft, Algorithm, DIGITS, MAX_SECRET_BYTES, OtpKind, OtpParams, Secret, SecretProblem,
};

const SCHEME: &str = "otpauth://";
const DEFAULT_DIGITS: u8 = 6;
const DEFAULT_PERIOD: u32 = 30;
/// Input echoed in an error message is cut to this many characters.
const SHOWN_CHARS: usize = 32;

/// Reads an otpauth URI into an account draft; see the [module](super) for
/// how loose input is read.
pub fn parse(uri: &str) -> Result<AccountDraft, CoreError> {
    if uri.len() > MAX_URI_BYTES {
        return Err(CoreError::UriTooLong {
            part: UriPart::Link,
            limit: MAX_URI_BYTES,
        });
    }
    // Scanners and pastes bring stray line ends.
    let uri = uri.trim();
    let rest = uri
        .get(..SCHEME.len())
        .filter(|scheme| scheme.eq_ignore_ascii_case(SCHEME))
        .and_then(|_| uri.get(SCHEME.len()..))
        .ok_or(CoreError::UriScheme)?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (type_name, raw_label) = path.split_once('/').unwrap_or((path, ""));
    let query = Query(query);

    let kind = read_kind(type_name, &query)?;
    let label = decode_text(raw_label, false, UriPart::Label)?;
    let (prefix, account) = match label.split_once(':') {
        Some((prefix, account)) => (prefix.trim(), account.trim()),
        None => ("", label.trim()),
    };
    let issuer = match query.text("issuer", UriPart::Issuer)? {
        Some(issuer) if !issuer.trim().is_empty() => issuer.trim().to_owned(),
        _ => prefix.to_owned(),
    };
    check_length(&issuer, MAX_ISSUER_CHARS, UriPart::Issuer)?;
    check_length(account, MAX_LABEL_CHARS, UriPart::Label)?;

    let secret = read_secret(&query)?;
    let params = match kind {
        Kind::Steam => OtpParams::steam(),
        Kind::Totp => read_params(
            OtpKind::Totp {
                period: read_period(&query)?,
            },
            &query,
        )?,
        Kind::Hotp => read_params(
            OtpKind::Hotp {
                counter: read_counter(&query)?,
            },
            &query,
        )?,
    };
    Ok(AccountDraft {
        issuer,
        label: account.to_owned(),
        params,
        secret,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Totp,
    Hotp,
    Steam,
}

fn read_kind(type_name: &str, query: &Query) -> Result<Kind, CoreError> {
    let kind = match type_name.to_ascii_lowercase().as_str() {
        "totp" => Kind::Totp,
        "hotp" => Kind::Hotp,
        "steam" => Kind::Steam,
        _ => {
            return Err(CoreError::UriType {
                found: shown(type_name),
            });
        }
    };
    let steam_encoder = query
        .text("encoder", UriPart::Link)?
        .is_some_and(|encoder| encoder.eq_ignore_ascii_case("steam"));
    Ok(if kind == Kind::Totp && steam_encoder {
        Kind::Steam
    } else {
        kind
    })
}

fn read_secret(query: &Query) -> Result<Secret, CoreError> {
    let raw = query.raw("secret").ok_or(CoreError::UriSecretMissing)?;
    let bytes = percent::decode(raw, true).ok_or(CoreError::UriEncoding {
        part: UriPart::Secret,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| CoreError::UriEncoding {
        part: UriPart::Secret,
    })?;
    secret_from_base32(text)
}

/// A secret typed or pasted by a person (manual entry), with the same errors
/// as a URI's `secret` parameter.
pub fn secret_from_base32(text: &str) -> Result<Secret, CoreError> {
    Secret::from_base32(text).map_err(|problem| match problem {
        SecretProblem::Empty => CoreError::UriSecretMissing,
        SecretProblem::NotBase32 {
            position,
            character,
        } => CoreError::UriSecretInvalid {
            position: position + 1,
            character,
        },
        SecretProblem::TooLong => CoreError::UriTooLong {
            part: UriPart::Secret,
            limit: MAX_SECRET_BYTES,
        },
    })
}

fn read_params(kind: OtpKind, query: &Query) -> Result<OtpParams, CoreError> {
    Ok(OtpParams {
        kind,
        algorithm: read_algorithm(query)?,
        digits: read_digits(query)?,
    })
}

fn read_algorithm(query: &Query) -> Result<Algorithm, CoreError> {
    let Some(name) = query.text("algorithm", UriPart::Link)? else {
        return Ok(Algorithm::Sha1);
    };
    // "SHA-256" as well as "SHA256": both are seen in the wild.
    let bare = name.trim().replace('-', "");
    Algorithm::ALL
        .into_iter()
        .find(|algorithm| algorithm.as_str().eq_ignore_ascii_case(&bare))
        .ok_or_else(|| CoreError::UriAlgorithm {
            found: shown(&name),
        })
}

fn read_digits(query: &Query) -> Result<u8, CoreError> {
    let Some(text) = query.text("digits", UriPart::Link)? else {
        return Ok(DEFAULT_DIGITS);
    };
    whole_number::<u8>(&text)
        .filter(|digits| DIGITS.contains(digits))
        .ok_or_else(|| CoreError::UriDigits {
            found: shown(&text),
        })
}

fn read_period(query: &Query) -> Result<u32, CoreError> {
    let Some(text) = query.text("period", UriPart::Link)? else {
        return Ok(DEFAULT_PERIOD);
    };
    whole_number::<u32>(&text)
        .filter(|&period| period >= 1)
        .ok_or_else(|| CoreError::UriPeriod {
            found: shown(&text),
        })
}

fn read_counter(query: &Query) -> Result<u64, CoreError> {
    let text = query
        .text("counter", UriPart::Link)?
        .ok_or(CoreError::UriCounterMissing)?;
    whole_number::<u64>(&text).ok_or_else(|| CoreError::UriCounterInvalid {
        found: shown(&text),
    })
}

/// Decimal digits only: Rust's parsers would also take a leading `+`. Not
/// trimmed: `digits=+6` is " 6" once `+` is read as a space, and is refused.
fn whole_number<N: std::str::FromStr>(text: &str) -> Option<N> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The query string, read lazily: only the parameters asked for are decoded,
/// so a badly encoded unknown parameter does not spoil the link.
struct Query<'a>(&'a str);

impl<'a> Query<'a> {
    /// The first non-empty value of `key` (any case), still encoded.
    fn raw(&self, key: &str) -> Option<&'a str> {
        self.0
            .split('&')
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .filter(|(name, value)| name.eq_ignore_ascii_case(key) && !value.is_empty())
            .map(|(_, value)| value)
            .next()
    }

    /// The first non-empty value of `key`, decoded as text.
    fn text(&self, key: &str, part: UriPart) -> Result<Option<String>, CoreError> {
        self.raw(key)
            .map(|raw| decode_text(raw, true, part))
            .transpose()
    }
}

fn decode_text(raw: &str, plus_is_space: bool, part: UriPart) -> Result<String, CoreError> {
    percent::decode(raw, plus_is_space)
        .and_then(|bytes| std::str::from_utf8(&bytes).ok().map(str::to_owned))
        .ok_or(CoreError::UriEncoding { part })
}

fn check_length(text: &str, limit: usize, part: UriPart) -> Result<(), CoreError> {
    if text.chars().count() > limit {
        return Err(CoreError::UriTooLong { part, limit });
    }
    Ok(())
}

/// Input as an error message may echo it: short, whatever was pasted.
fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(SHOWN_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
