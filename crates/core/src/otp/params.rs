//! What defines an OTP account's codes, besides its secret.

use serde::{Deserialize, Serialize};

/// The HMAC hash. Cognito accepts SHA-1 only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Algorithm {
    #[default]
    Sha1,
    Sha256,
    Sha512,
}

/// How the moving factor is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum OtpKind {
    /// RFC 6238: the factor is the number of periods since the Unix epoch.
    Totp { period: u32 },
    /// RFC 4226: the factor is a counter, advanced only when the user asks.
    Hotp { counter: u64 },
    /// Steam Guard: TOTP with a 30 s period and 5 characters from Steam's alphabet.
    Steam,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpParams {
    pub kind: OtpKind,
    pub algorithm: Algorithm,
    /// 6 to 8 usually; up to 10 where a URI asks for it (5 for Steam).
    pub digits: u8,
}

impl OtpParams {
    /// The usual account: TOTP, SHA-1, 6 digits, 30 s.
    pub const fn default_totp() -> Self {
        Self {
            kind: OtpKind::Totp { period: 30 },
            algorithm: Algorithm::Sha1,
            digits: 6,
        }
    }

    /// The period in seconds, for time-based kinds.
    pub fn period(&self) -> Option<u32> {
        match self.kind {
            OtpKind::Totp { period } => Some(period),
            OtpKind::Steam => Some(30),
            OtpKind::Hotp { .. } => None,
        }
    }
}
