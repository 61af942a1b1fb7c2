//! What defines an OTP account's codes, besides its secret.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::CoreError;

/// Digits an HOTP or TOTP code may have: RFC 4226 asks for at least 6, and the
/// 31-bit truncated value has at most 10 decimal digits.
pub const DIGITS: RangeInclusive<u8> = 6..=10;

/// Steam Guard codes: always 5 characters, a new one every 30 s.
pub const STEAM_DIGITS: u8 = 5;
pub const STEAM_PERIOD: u32 = 30;

/// The HMAC hash. Cognito accepts SHA-1 only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Algorithm {
    #[default]
    Sha1,
    Sha256,
    Sha512,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];

    /// The name otpauth URIs and the wire use: `SHA1`, `SHA256`, `SHA512`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }
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

    /// Steam Guard's only parameters: SHA-1, 5 characters, 30 s.
    pub const fn steam() -> Self {
        Self {
            kind: OtpKind::Steam,
            algorithm: Algorithm::Sha1,
            digits: STEAM_DIGITS,
        }
    }

    /// The period in seconds, for time-based kinds.
    pub fn period(&self) -> Option<u32> {
        match self.kind {
            OtpKind::Totp { period } => Some(period),
            OtpKind::Steam => Some(STEAM_PERIOD),
            OtpKind::Hotp { .. } => None,
        }
    }

    /// How many digits (characters, for Steam) this kind of code may have.
    pub fn allowed_digits(&self) -> RangeInclusive<u8> {
        match self.kind {
            OtpKind::Steam => STEAM_DIGITS..=STEAM_DIGITS,
            OtpKind::Totp { .. } | OtpKind::Hotp { .. } => DIGITS,
        }
    }

    /// Whether codes can be computed with these parameters. The fields are
    /// public and come from the vault or the window, so code computation checks
    /// them rather than trusting them.
    pub fn check(&self) -> Result<(), CoreError> {
        let allowed = self.allowed_digits();
        if !allowed.contains(&self.digits) {
            return Err(CoreError::OtpDigits {
                digits: self.digits,
                min: *allowed.start(),
                max: *allowed.end(),
            });
        }
        if self.period() == Some(0) {
            return Err(CoreError::OtpPeriod);
        }
        Ok(())
    }
}
