//! otpauth:// URIs, Google Authenticator's Key URI Format: what enrolment QR
//! codes carry. [`parse`] reads one into an [`AccountDraft`](crate::otp::AccountDraft);
//! [`render`] writes a draft back in canonical form.
//!
//! Where the format is loose, Kairos reads it so:
//! - The issuer comes from the `issuer` parameter, else from the label's
//!   `Issuer:` prefix (split at the first colon, literal or `%3A`). When both
//!   are given and differ, the parameter wins and the prefix is dropped.
//! - Leading and trailing white space around the issuer and the account name
//!   is not significant and is dropped (the format allows spaces after the colon).
//! - In the path `+` is a plus sign; in the query it is a space, as form
//!   encoding writes it (Java's `URLEncoder`, PHP's `urlencode`, Python's
//!   `urlencode`) and as Android's `Uri.getQueryParameter`, which Google
//!   Authenticator reads with, decodes it. Kairos itself writes `%20` and `%2B`.
//! - `#` is not a fragment: otpauth URIs have none, and a stray `#` is more
//!   likely an unencoded character of a name.
//! - Parameter names are matched without regard to case; the first of repeated
//!   parameters wins; empty values count as absent; unknown parameters (`image`,
//!   `color`...) are ignored, even when badly encoded.
//! - Steam Guard is `otpauth://totp/...?encoder=steam` (the form KeePassXC
//!   writes) or the type `steam`; Steam fixes SHA-1, 5 characters and 30 s, so
//!   `algorithm`, `digits` and `period` are then ignored. It is never guessed
//!   from the issuer: a real 5-digit code would turn into letters.
//!   `encoder=steam` on an HOTP URI is ignored: Steam codes are time-based.

pub mod migration;
mod parse;
mod percent;
mod render;

pub use parse::{parse, secret_from_base32};
pub use render::render;

/// `text` with its `%XX` escapes decoded (strictly: `None` for a bad escape
/// or bytes that are not UTF-8).
pub fn percent_decode(text: &str) -> Option<String> {
    percent::decode(text, false).and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
}

use crate::Locale;

/// Longest URI accepted, in bytes. A QR code holds at most 2,953 bytes, so
/// this only refuses pastes gone wrong; it is also above the longest canonical
/// URI of a draft within the limits below (about 6,650 bytes), so every such
/// draft survives a round trip.
pub const MAX_URI_BYTES: usize = 8192;
/// Longest issuer accepted, in characters.
pub const MAX_ISSUER_CHARS: usize = 128;
/// Longest account name accepted, in characters: room for any e-mail address (254).
pub const MAX_LABEL_CHARS: usize = 256;

/// The part of a URI an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UriPart {
    /// The whole link, or a parameter other than those below.
    Link,
    Issuer,
    /// The account name, after any issuer prefix.
    Label,
    Secret,
}

impl UriPart {
    /// The part's name with its article, in lower case: "the issuer", "l’émetteur".
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            UriPart::Link => locale.pick("the link", "le lien"),
            UriPart::Issuer => locale.pick("the issuer", "l’émetteur"),
            UriPart::Label => locale.pick("the account name", "le nom du compte"),
            UriPart::Secret => locale.pick("the secret", "le secret"),
        }
    }

    /// What the part's length limit counts.
    pub fn length_unit(self, locale: Locale) -> &'static str {
        match self {
            UriPart::Issuer | UriPart::Label => locale.pick("characters", "caractères"),
            UriPart::Link | UriPart::Secret => locale.pick("bytes", "octets"),
        }
    }
}
