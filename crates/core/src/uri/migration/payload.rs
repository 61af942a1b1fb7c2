//! The migration payload: Google Authenticator's `MigrationPayload` message,
//! read into drafts and written from them.
//!
//! ```text
//! MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
//!                    int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
//! OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
//!                    Algorithm algorithm = 4;   // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//!                    DigitCount digits = 5;     // 0 unspecified, 1 six, 2 eight
//!                    OtpType type = 6;          // 0 unspecified, 1 HOTP, 2 TOTP
//!                    int64 counter = 7; }
//! ```
//! The format has no period: every TOTP account is 30 s.

use zeroize::Zeroizing;

use super::MigrationError;
use super::protobuf::{Reader, Value, Writer, bytes_field_len, int32};
use crate::otp::{AccountDraft, Algorithm, OtpKind, OtpParams, Secret};

/// The period every migration TOTP account has.
pub const MIGRATION_PERIOD: u32 = 30;

/// One decoded `otpauth-migration` payload: one QR code of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationBatch {
    pub accounts: Vec<AccountDraft>,
    /// The payload's format version (1 in every export seen).
    pub version: i32,
    /// How many codes the export has, from 1 (a payload without it counts as 1).
    pub batch_size: i32,
    /// This code's place in the export, from 0.
    pub batch_index: i32,
    /// Shared by every code of one export; tells exports apart.
    pub batch_id: i32,
}

pub(super) fn decode(bytes: &[u8]) -> Result<MigrationBatch, MigrationError> {
    let wire = |detail| MigrationError::Protobuf { detail };
    let mut reader = Reader::new(bytes);
    let mut batch = MigrationBatch {
        accounts: Vec::new(),
        version: 0,
        batch_size: 0,
        batch_index: 0,
        batch_id: 0,
    };
    while let Some((number, value)) = reader.next_field().map_err(wire)? {
        match (number, value) {
            (1, Value::Bytes(message)) => batch.accounts.push(decode_account(message)?),
            (2, Value::Varint(v)) => batch.version = int32(v),
            (3, Value::Varint(v)) => batch.batch_size = int32(v),
            (4, Value::Varint(v)) => batch.batch_index = int32(v),
            (5, Value::Varint(v)) => batch.batch_id = int32(v),
            (1..=5, _) => return Err(wire("a known field has the wrong wire type")),
            _ => {}
        }
    }
    if batch.batch_size == 0 && batch.batch_index == 0 {
        batch.batch_size = 1;
    }
    if batch.batch_size < 1 || batch.batch_index < 0 || batch.batch_index >= batch.batch_size {
        return Err(MigrationError::Batch {
            index: batch.batch_index,
            size: batch.batch_size,
        });
    }
    Ok(batch)
}

fn decode_account(message: &[u8]) -> Result<AccountDraft, MigrationError> {
    let wire = |detail| MigrationError::Protobuf { detail };
    let text = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| wire("a name is not UTF-8"))
    };
    let mut reader = Reader::new(message);
    let mut secret: Option<&[u8]> = None;
    let (mut name, mut issuer) = (String::new(), String::new());
    let (mut algorithm, mut digits, mut kind, mut counter) = (0u64, 0u64, 0u64, 0u64);
    while let Some((number, value)) = reader.next_field().map_err(wire)? {
        match (number, value) {
            (1, Value::Bytes(bytes)) => secret = Some(bytes),
            (2, Value::Bytes(bytes)) => name = text(bytes)?,
            (3, Value::Bytes(bytes)) => issuer = text(bytes)?,
            (4, Value::Varint(v)) => algorithm = v,
            (5, Value::Varint(v)) => digits = v,
            (6, Value::Varint(v)) => kind = v,
            (7, Value::Varint(v)) => counter = v,
            (1..=7, _) => return Err(wire("a known field has the wrong wire type")),
            _ => {}
        }
    }
    let (issuer, label) = split_name(&name, &issuer);
    let shown = if issuer.is_empty() {
        label.clone()
    } else {
        format!("{issuer}: {label}")
    };
    let algorithm = match algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        4 => return Err(MigrationError::Md5 { name: shown }),
        other => return Err(unknown("algorithm", other)),
    };
    let digits = match digits {
        0 | 1 => 6,
        2 => 8,
        other => return Err(unknown("digits", other)),
    };
    let kind = match kind {
        // Unspecified: Google Authenticator's default, and by far the most common.
        0 | 2 => OtpKind::Totp {
            period: MIGRATION_PERIOD,
        },
        1 => OtpKind::Hotp {
            counter: i64::try_from(counter)
                .ok()
                .and_then(|c| u64::try_from(c).ok())
                .ok_or_else(|| unknown("counter", counter))?,
        },
        other => return Err(unknown("type", other)),
    };
    let secret = Secret::from_bytes(secret.unwrap_or_default().to_vec())
        .map_err(|_| MigrationError::Secret { name: shown })?;
    Ok(AccountDraft {
        issuer,
        label,
        params: OtpParams {
            kind,
            algorithm,
            digits,
        },
        secret,
    })
}

fn unknown(field: &'static str, value: u64) -> MigrationError {
    MigrationError::UnknownValue {
        field,
        value: value as i64,
    }
}

/// Google Authenticator's `name` is the label of the URI the account came
/// from, often `Issuer:account`. Read like an otpauth label: the `issuer`
/// field wins over the prefix, and the prefix is the issuer when the field is
/// empty.
fn split_name(name: &str, issuer: &str) -> (String, String) {
    let (prefix, account) = match name.split_once(':') {
        Some((prefix, account)) => (prefix.trim(), account.trim()),
        None => ("", name.trim()),
    };
    let issuer = match issuer.trim() {
        "" => prefix,
        given => given,
    };
    (issuer.to_owned(), account.to_owned())
}

/// Why an account cannot go into a migration payload, which only knows
/// 30-second TOTP and HOTP with 6 or 8 digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unrepresentable {
    Steam,
    Period(u32),
    Digits(u8),
}

/// The account's place in a payload, or why it has none.
pub(super) fn check_representable(draft: &AccountDraft) -> Result<(), Unrepresentable> {
    match draft.params.kind {
        OtpKind::Steam => return Err(Unrepresentable::Steam),
        OtpKind::Totp { period } if period != MIGRATION_PERIOD => {
            return Err(Unrepresentable::Period(period));
        }
        OtpKind::Totp { .. } | OtpKind::Hotp { .. } => {}
    }
    match draft.params.digits {
        6 | 8 => Ok(()),
        other => Err(Unrepresentable::Digits(other)),
    }
}

/// The bytes one account takes in a payload, field key included.
pub(super) fn encoded_account_len(draft: &AccountDraft) -> usize {
    bytes_field_len(1, account_body_len(draft))
}

/// The `name` written for a draft: the label, unless it has a colon, which
/// a reader would take for an issuer prefix; then the prefix is written
/// explicitly (empty when the issuer itself has a colon: the `issuer` field
/// wins over the prefix anyway).
fn name_of(draft: &AccountDraft) -> std::borrow::Cow<'_, str> {
    if !draft.label.contains(':') {
        return std::borrow::Cow::Borrowed(&draft.label);
    }
    let prefix = if draft.issuer.contains(':') {
        ""
    } else {
        draft.issuer.as_str()
    };
    std::borrow::Cow::Owned(format!("{prefix}:{}", draft.label))
}

fn account_body_len(draft: &AccountDraft) -> usize {
    bytes_field_len(1, draft.secret.len())
        + bytes_field_len(2, name_of(draft).len())
        + bytes_field_len(3, draft.issuer.len())
        // algorithm, digits, type: one byte of key and one of value each;
        // the counter: a key and up to ten bytes.
        + 6
        + 11
}

/// Writes one payload. Accounts must have passed [`check_representable`].
pub(super) fn encode(
    accounts: &[&AccountDraft],
    batch_size: i32,
    batch_index: i32,
    batch_id: i32,
) -> Zeroizing<Vec<u8>> {
    let capacity = accounts
        .iter()
        .map(|a| encoded_account_len(a))
        .sum::<usize>()
        + 4 * 11;
    let mut writer = Writer::with_capacity(capacity);
    for draft in accounts {
        let mut account = Writer::with_capacity(account_body_len(draft));
        account.bytes_field(1, draft.secret.expose());
        account.bytes_field(2, name_of(draft).as_bytes());
        account.bytes_field(3, draft.issuer.as_bytes());
        let algorithm = match draft.params.algorithm {
            Algorithm::Sha1 => 1,
            Algorithm::Sha256 => 2,
            Algorithm::Sha512 => 3,
        };
        account.varint_field(4, algorithm);
        account.varint_field(5, if draft.params.digits == 8 { 2 } else { 1 });
        match draft.params.kind {
            OtpKind::Hotp { counter } => {
                account.varint_field(6, 1);
                account.varint_field(7, counter);
            }
            OtpKind::Totp { .. } | OtpKind::Steam => account.varint_field(6, 2),
        }
        writer.bytes_field(1, &account.into_bytes());
    }
    writer.int32_field(2, 1);
    writer.int32_field(3, batch_size);
    writer.int32_field(4, batch_index);
    writer.int32_field(5, batch_id);
    writer.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_like_otpauth_labels() {
        let split = |n: &str, i: &str| split_name(n, i);
        assert_eq!(split("GitHub:alice", ""), ("GitHub".into(), "alice".into()));
        assert_eq!(
            split("GitHub: alice", "GitHub"),
            ("GitHub".into(), "alice".into())
        );
        assert_eq!(
            split("Work:alice", "Google"),
            ("Google".into(), "alice".into())
        );
        assert_eq!(
            split("alice@example.com", "Example"),
            ("Example".into(), "alice@example.com".into())
        );
        assert_eq!(split("a:b:c", ""), ("a".into(), "b:c".into()));
    }

    #[test]
    fn predicted_length_bounds_the_real_one() {
        let draft = AccountDraft {
            issuer: "Issuer".into(),
            label: "é".repeat(100),
            params: OtpParams {
                kind: OtpKind::Hotp {
                    counter: u64::from(u32::MAX) << 8,
                },
                algorithm: Algorithm::Sha512,
                digits: 8,
            },
            secret: Secret::from_bytes(vec![7; 64]).expect("secret"),
        };
        let one = encode(&[&draft], 1, 0, 0);
        assert!(encoded_account_len(&draft) + 4 * 11 >= one.len());
    }
}
