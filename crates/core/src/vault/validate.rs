//! What the vault refuses to store, checked before SQL so people get a clear
//! `vault.invalid_account` instead of a constraint failure.

use crate::CoreError;
use crate::otp::{AccountDraft, OtpKind, OtpParams};

/// Longest issuer, label or note kept, in characters.
pub const MAX_TEXT_CHARS: usize = 256;
/// Longest TOTP period accepted, in seconds (one day).
pub const MAX_PERIOD_SECONDS: u32 = 86_400;

/// Why an account cannot be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountProblem {
    /// Both issuer and label are blank: nothing to show in the list.
    NoName,
    TooLong {
        field: AccountField,
        max: usize,
    },
    Digits(u8),
    Period(u32),
    /// Above 2^63 - 1, which SQLite integers cannot hold.
    CounterTooLarge,
    /// Not `#rrggbb`.
    Color(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountField {
    Issuer,
    Label,
    Note,
}

fn invalid(problem: AccountProblem) -> CoreError {
    CoreError::VaultInvalidAccount { problem }
}

pub(crate) fn check_names(issuer: &str, label: &str) -> Result<(), CoreError> {
    if issuer.trim().is_empty() && label.trim().is_empty() {
        return Err(invalid(AccountProblem::NoName));
    }
    check_length(issuer, AccountField::Issuer)?;
    check_length(label, AccountField::Label)
}

pub(crate) fn check_length(text: &str, field: AccountField) -> Result<(), CoreError> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(invalid(AccountProblem::TooLong {
            field,
            max: MAX_TEXT_CHARS,
        }));
    }
    Ok(())
}

pub(crate) fn check_params(params: &OtpParams) -> Result<(), CoreError> {
    if !(1..=10).contains(&params.digits) {
        return Err(invalid(AccountProblem::Digits(params.digits)));
    }
    match params.kind {
        OtpKind::Totp { period } if !(1..=MAX_PERIOD_SECONDS).contains(&period) => {
            Err(invalid(AccountProblem::Period(period)))
        }
        OtpKind::Hotp { counter } if i64::try_from(counter).is_err() => {
            Err(invalid(AccountProblem::CounterTooLarge))
        }
        _ => Ok(()),
    }
}

pub(crate) fn check_draft(draft: &AccountDraft) -> Result<(), CoreError> {
    check_names(&draft.issuer, &draft.label)?;
    check_params(&draft.params)
}

/// Lower-cases a valid `#rrggbb` so stored colours compare equal.
pub(crate) fn normalise_color(color: &str) -> Result<String, CoreError> {
    let valid = color.len() == 7
        && color.starts_with('#')
        && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(invalid(AccountProblem::Color(color.to_owned())));
    }
    Ok(color.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_must_be_hash_rrggbb() {
        assert_eq!(normalise_color("#A1b2C3").ok().as_deref(), Some("#a1b2c3"));
        for bad in ["a1b2c3", "#a1b2c", "#a1b2c3d", "#g1b2c3", "#éé"] {
            assert!(normalise_color(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_account_needs_some_name() {
        assert!(check_names("", "alice").is_ok());
        assert!(check_names("GitHub", "").is_ok());
        assert!(check_names(" ", "\t").is_err());
        assert!(check_names(&"x".repeat(MAX_TEXT_CHARS + 1), "a").is_err());
        assert!(check_names(&"é".repeat(MAX_TEXT_CHARS), "a").is_ok());
    }

    #[test]
    fn params_out_of_range_are_refused() {
        let mut params = OtpParams::default_totp();
        assert!(check_params(&params).is_ok());
        params.digits = 11;
        assert!(check_params(&params).is_err());
        params.digits = 6;
        params.kind = OtpKind::Totp { period: 0 };
        assert!(check_params(&params).is_err());
        params.kind = OtpKind::Hotp { counter: u64::MAX };
        assert!(check_params(&params).is_err());
        params.kind = OtpKind::Hotp { counter: 0 };
        assert!(check_params(&params).is_ok());
    }
}
