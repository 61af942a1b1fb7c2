//! Kairos's own backup: every account, encrypted under a password with
//! Argon2id and XChaCha20-Poly1305. The byte layout is specified in
//! `docs/backup-format.md`; this file implements exactly that.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use super::{BackupError, Exported, Format, FormatKind, entry_name, given};
use crate::CoreError;
use crate::otp::{AccountDraft, Algorithm, OtpKind, OtpParams};
use crate::uri::secret_from_base32;
use crate::vault::KdfParams;

const FORMAT: FormatKind = FormatKind::Kairos;
/// The file's first eight bytes.
pub const MAGIC: &[u8; 8] = b"KAIROSBK";
/// The layout version this Kairos writes and reads.
pub const VERSION: u8 = 1;
const KDF_ARGON2ID: u8 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// magic, version, kdf, m, t, p, salt, nonce, ciphertext length.
pub const HEADER_LEN: usize = 8 + 1 + 1 + 4 + 4 + 4 + SALT_LEN + NONCE_LEN + 8;
/// The `format` field of the encrypted JSON.
const PAYLOAD_FORMAT: &str = "kairos-backup";

/// The Kairos backup format, writing with the given Argon2id cost (reading
/// takes the cost from each file's header).
#[derive(Clone, Copy, Debug)]
pub struct KairosBackup {
    kdf: KdfParams,
}

impl KairosBackup {
    pub const fn with_kdf(kdf: KdfParams) -> Self {
        Self { kdf }
    }
}

/// The encrypted JSON.
#[derive(Deserialize, Serialize)]
struct Contents {
    format: String,
    version: u8,
    accounts: Vec<Entry>,
}

#[derive(Deserialize, Serialize)]
struct Entry {
    issuer: String,
    label: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    digits: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
    /// Base32, upper case, unpadded.
    secret: Zeroizing<String>,
}

/// The header's fields, as read from or written to its 70 bytes.
struct Header {
    kdf: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    ciphertext_len: u64,
}

impl Header {
    fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        let mut at = 0;
        let mut put = |bytes: &[u8]| {
            out[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        };
        put(MAGIC);
        put(&[VERSION, KDF_ARGON2ID]);
        put(&self.kdf.memory_kib().to_le_bytes());
        put(&self.kdf.iterations().to_le_bytes());
        put(&self.kdf.parallelism().to_le_bytes());
        put(&self.salt);
        put(&self.nonce);
        put(&self.ciphertext_len.to_le_bytes());
        out
    }

    fn read(bytes: &[u8]) -> Result<Self, BackupError> {
        let header = bytes
            .get(..HEADER_LEN)
            .ok_or_else(|| BackupError::corrupt(FORMAT, "shorter than its header"))?;
        if &header[..8] != MAGIC {
            return Err(BackupError::corrupt(FORMAT, "no KAIROSBK magic"));
        }
        if header[8] != VERSION {
            return Err(BackupError::UnsupportedVersion {
                format: FORMAT,
                version: header[8].to_string(),
            });
        }
        if header[9] != KDF_ARGON2ID {
            return Err(BackupError::corrupt(
                FORMAT,
                format!("unknown KDF {}", header[9]),
            ));
        }
        let u32_at = |at: usize| {
            let mut word = [0u8; 4];
            word.copy_from_slice(&header[at..at + 4]);
            i64::from(u32::from_le_bytes(word))
        };
        let kdf = KdfParams::from_stored(u32_at(10), u32_at(14), u32_at(18))
            .ok_or_else(|| BackupError::corrupt(FORMAT, "Argon2id parameters out of range"))?;
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&header[22..22 + SALT_LEN]);
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&header[38..38 + NONCE_LEN]);
        let mut len = [0u8; 8];
        len.copy_from_slice(&header[62..70]);
        Ok(Self {
            kdf,
            salt,
            nonce,
            ciphertext_len: u64::from_le_bytes(len),
        })
    }
}

fn cipher(kdf: &KdfParams, password: &str, salt: &[u8]) -> Result<XChaCha20Poly1305, BackupError> {
    // NFC as for vault passwords: the same passphrase typed on any system.
    let password = Zeroizing::new(password.nfc().collect::<String>());
    let key = kdf
        .derive(password.as_bytes(), salt)
        .map_err(|_| BackupError::corrupt(FORMAT, "unusable Argon2id parameters"))?;
    Ok(XChaCha20Poly1305::new(key.expose().into()))
}

impl Format for KairosBackup {
    fn kind(&self) -> FormatKind {
        FORMAT
    }

    fn detect(&self, bytes: &[u8]) -> bool {
        bytes.starts_with(MAGIC)
    }

    fn import(
        &self,
        bytes: &[u8],
        password: Option<&str>,
    ) -> Result<Vec<AccountDraft>, BackupError> {
        let header = Header::read(bytes)?;
        let ciphertext = &bytes[HEADER_LEN..];
        // Checked before the password: a cut file is damaged, not a wrong password.
        if u64::try_from(ciphertext.len()).ok() != Some(header.ciphertext_len)
            || ciphertext.len() < TAG_LEN
        {
            return Err(BackupError::corrupt(
                FORMAT,
                format!(
                    "{} bytes of ciphertext where the header announces {}",
                    ciphertext.len(),
                    header.ciphertext_len
                ),
            ));
        }
        let password = given(password).ok_or(BackupError::PasswordRequired { format: FORMAT })?;
        let plain = cipher(&header.kdf, password, &header.salt)?
            .decrypt(
                XNonce::from_slice(&header.nonce),
                Payload {
                    msg: ciphertext,
                    aad: &bytes[..HEADER_LEN],
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| BackupError::WrongPassword { format: FORMAT })?;
        let payload: Contents = serde_json::from_slice(&plain)
            .map_err(|e| BackupError::corrupt(FORMAT, format!("unreadable accounts: {e}")))?;
        if payload.format != PAYLOAD_FORMAT || payload.version != VERSION {
            return Err(BackupError::UnsupportedVersion {
                format: FORMAT,
                version: format!("{} {}", payload.format, payload.version),
            });
        }
        payload
            .accounts
            .iter()
            .enumerate()
            .map(|(index, entry)| draft(index + 1, entry))
            .collect()
    }

    fn export(
        &self,
        accounts: &[AccountDraft],
        password: Option<&str>,
    ) -> Result<Exported, BackupError> {
        let password = given(password).ok_or(BackupError::EmptyPassword)?;
        let payload = Contents {
            format: PAYLOAD_FORMAT.to_owned(),
            version: VERSION,
            accounts: accounts.iter().map(entry).collect(),
        };
        let plain = super::to_json(&payload)?;
        let mut header = Header {
            kdf: self.kdf,
            salt: [0u8; SALT_LEN],
            nonce: [0u8; NONCE_LEN],
            ciphertext_len: (plain.len() + TAG_LEN) as u64,
        };
        let random = |out: &mut [u8]| {
            getrandom::fill(out).map_err(|e| {
                BackupError::Core(CoreError::VaultRandom {
                    detail: e.to_string(),
                })
            })
        };
        random(&mut header.salt)?;
        random(&mut header.nonce)?;
        let header_bytes = header.to_bytes();
        let ciphertext = cipher(&header.kdf, password, &header.salt)?
            .encrypt(
                XNonce::from_slice(&header.nonce),
                Payload {
                    msg: &plain,
                    aad: &header_bytes,
                },
            )
            .map_err(|_| BackupError::corrupt(FORMAT, "the accounts cannot be encrypted"))?;
        let mut bytes = Zeroizing::new(Vec::with_capacity(HEADER_LEN + ciphertext.len()));
        bytes.extend_from_slice(&header_bytes);
        bytes.extend_from_slice(&ciphertext);
        Ok(Exported {
            bytes,
            plaintext_secrets: false,
        })
    }
}

fn entry(draft: &AccountDraft) -> Entry {
    let params = &draft.params;
    let (kind, period, counter) = match params.kind {
        OtpKind::Totp { period } => ("totp", Some(period), None),
        OtpKind::Hotp { counter } => ("hotp", None, Some(counter)),
        OtpKind::Steam => ("steam", None, None),
    };
    let steam = params.kind == OtpKind::Steam;
    Entry {
        issuer: draft.issuer.clone(),
        label: draft.label.clone(),
        kind: kind.to_owned(),
        algorithm: (!steam).then(|| params.algorithm.as_str().to_owned()),
        digits: (!steam).then_some(params.digits),
        period,
        counter,
        secret: draft.secret.to_base32(),
    }
}

fn draft(position: usize, entry: &Entry) -> Result<AccountDraft, BackupError> {
    let name = entry_name(&entry.issuer, &entry.label);
    let invalid = |source: CoreError| BackupError::InvalidEntry {
        format: FORMAT,
        position,
        name: name.clone(),
        source,
    };
    let missing =
        |what: &str| BackupError::corrupt(FORMAT, format!("entry {position} has no {what}"));
    let kind = match entry.kind.as_str() {
        "totp" => OtpKind::Totp {
            period: entry.period.ok_or_else(|| missing("period"))?,
        },
        "hotp" => OtpKind::Hotp {
            counter: entry.counter.ok_or_else(|| missing("counter"))?,
        },
        "steam" => OtpKind::Steam,
        other => {
            return Err(BackupError::UnsupportedEntry {
                format: FORMAT,
                position,
                name,
                kind: other.to_owned(),
            });
        }
    };
    let params = if kind == OtpKind::Steam {
        OtpParams::steam()
    } else {
        let algorithm = entry
            .algorithm
            .as_deref()
            .ok_or_else(|| missing("algorithm"))?;
        OtpParams {
            kind,
            algorithm: Algorithm::ALL
                .into_iter()
                .find(|a| a.as_str() == algorithm)
                .ok_or_else(|| {
                    invalid(CoreError::UriAlgorithm {
                        found: algorithm.to_owned(),
                    })
                })?,
            digits: entry.digits.ok_or_else(|| missing("digits"))?,
        }
    };
    params.check().map_err(invalid)?;
    Ok(AccountDraft {
        issuer: entry.issuer.clone(),
        label: entry.label.clone(),
        params,
        secret: secret_from_base32(&entry.secret).map_err(invalid)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_offsets_match_the_spec() {
        let header = Header {
            kdf: KdfParams::insecure_fast_for_tests(),
            salt: [0xAA; SALT_LEN],
            nonce: [0xBB; NONCE_LEN],
            ciphertext_len: 0x0102,
        };
        let bytes = header.to_bytes();
        assert_eq!(HEADER_LEN, 70);
        assert_eq!(&bytes[..8], b"KAIROSBK");
        assert_eq!(bytes[8], 1);
        assert_eq!(bytes[9], 1);
        assert_eq!(&bytes[10..14], &64u32.to_le_bytes());
        assert_eq!(&bytes[14..18], &1u32.to_le_bytes());
        assert_eq!(&bytes[18..22], &1u32.to_le_bytes());
        assert_eq!(&bytes[22..38], &[0xAA; 16]);
        assert_eq!(&bytes[38..62], &[0xBB; 24]);
        assert_eq!(&bytes[62..70], &[0x02, 0x01, 0, 0, 0, 0, 0, 0]);
        let back = Header::read(&bytes)
            .ok()
            .map(|h| (h.kdf, h.salt, h.ciphertext_len));
        assert_eq!(back, Some((header.kdf, header.salt, 0x0102)));
    }
}
