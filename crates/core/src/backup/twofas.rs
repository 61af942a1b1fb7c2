//! 2FAS Authenticator's `.2fas` backup (import only): JSON with a `services`
//! array, or, when encrypted, `servicesEncrypted` = three base64 parts
//! `ciphertext:salt:iv`. The key is PBKDF2-HMAC-SHA256 of the password over
//! the 256-byte salt, 10,000 rounds, 32 bytes; the cipher AES-256-GCM with
//! the 16-byte tag at the end of the ciphertext (Java's layout). The
//! plaintext is the `services` array. `reference` holds a known text
//! encrypted the same way, which tells a wrong password from a damaged file.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{BackupError, Format, FormatKind, aes, entry_name, given, json_object};
use crate::CoreError;
use crate::otp::{AccountDraft, Algorithm, DIGITS, OtpKind, OtpParams};
use crate::uri::secret_from_base32;

const FORMAT: FormatKind = FormatKind::TwoFas;
/// What 2FAS has used since encrypted backups appeared (schema 2 to 4).
pub const PBKDF2_ROUNDS: u32 = 10_000;
/// The highest `schemaVersion` read; 2FAS bumps it for new fields, so a
/// higher one may still import, but it is refused rather than misread.
pub const MAX_SCHEMA_VERSION: u64 = 4;

#[derive(Clone, Copy, Debug, Default)]
pub struct TwoFas;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Backup {
    #[serde(default)]
    services: Vec<Service>,
    #[serde(default)]
    services_encrypted: Option<String>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    schema_version: Option<u64>,
}

#[derive(Deserialize)]
struct Service {
    #[serde(default)]
    name: String,
    secret: Zeroizing<String>,
    #[serde(default)]
    otp: Otp,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Otp {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    digits: Option<u8>,
    #[serde(default)]
    period: Option<u32>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    counter: Option<u64>,
    #[serde(default)]
    token_type: Option<String>,
}

impl Format for TwoFas {
    fn kind(&self) -> FormatKind {
        FORMAT
    }

    fn detect(&self, bytes: &[u8]) -> bool {
        json_object(bytes).is_some_and(|map| {
            map.contains_key("services")
                && (map.contains_key("schemaVersion") || map.contains_key("servicesEncrypted"))
        })
    }

    fn import(
        &self,
        bytes: &[u8],
        password: Option<&str>,
    ) -> Result<Vec<AccountDraft>, BackupError> {
        let backup: Backup = serde_json::from_slice(bytes)
            .map_err(|e| BackupError::corrupt(FORMAT, format!("not a 2FAS backup: {e}")))?;
        if let Some(version) = backup.schema_version.filter(|v| *v > MAX_SCHEMA_VERSION) {
            return Err(BackupError::UnsupportedVersion {
                format: FORMAT,
                version: version.to_string(),
            });
        }
        let services = match backup.services_encrypted.as_deref() {
            Some(sealed) if !sealed.is_empty() => {
                let password =
                    given(password).ok_or(BackupError::PasswordRequired { format: FORMAT })?;
                let plain = decrypt(sealed, backup.reference.as_deref(), password)?;
                serde_json::from_slice::<Vec<Service>>(&plain).map_err(|e| {
                    BackupError::corrupt(
                        FORMAT,
                        format!("decrypted services are not readable: {e}"),
                    )
                })?
            }
            _ => backup.services,
        };
        services
            .iter()
            .enumerate()
            .map(|(index, service)| draft(index + 1, service))
            .collect()
    }
}

fn decrypt(
    sealed: &str,
    reference: Option<&str>,
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    let (ciphertext, salt, nonce) = parts(sealed)?;
    let mut key = Zeroizing::new([0u8; aes::KEY_LEN]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), &salt, PBKDF2_ROUNDS, key.as_mut());
    if let Some(plain) = aes::open(key.as_ref(), &nonce, &ciphertext) {
        return Ok(plain);
    }
    // The reference uses the same key: if it opens, the password is right
    // and the services part is what is damaged.
    let reference_opens = reference
        .and_then(|reference| parts(reference).ok())
        .is_some_and(|(ciphertext, _, nonce)| {
            aes::open(key.as_ref(), &nonce, &ciphertext).is_some()
        });
    Err(if reference_opens {
        BackupError::corrupt(FORMAT, "the encrypted services fail authentication")
    } else {
        BackupError::WrongPassword { format: FORMAT }
    })
}

/// One sealed value's parts: ciphertext with its tag, salt, nonce.
type Sealed = (Vec<u8>, Vec<u8>, Vec<u8>);

/// `ciphertext:salt:iv`, each base64.
fn parts(sealed: &str) -> Result<Sealed, BackupError> {
    let decoded: Vec<Vec<u8>> = sealed
        .split(':')
        .map(|part| STANDARD.decode(part.trim()))
        .collect::<Result<_, _>>()
        .map_err(|e| BackupError::corrupt(FORMAT, format!("encrypted part is not base64: {e}")))?;
    match <[Vec<u8>; 3]>::try_from(decoded) {
        Ok([ciphertext, salt, nonce]) if nonce.len() == aes::NONCE_LEN && !salt.is_empty() => {
            Ok((ciphertext, salt, nonce))
        }
        _ => Err(BackupError::corrupt(
            FORMAT,
            "encrypted services are not ciphertext:salt:iv",
        )),
    }
}

fn draft(position: usize, service: &Service) -> Result<AccountDraft, BackupError> {
    let otp = &service.otp;
    let issuer = otp
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|issuer| !issuer.is_empty())
        .unwrap_or(service.name.trim())
        .to_owned();
    let label = match otp.account.as_deref().map(str::trim) {
        Some(account) if !account.is_empty() => account.to_owned(),
        // Schema 1 has only `label`, as `Issuer:account`.
        _ => {
            let label = otp.label.as_deref().unwrap_or_default().trim();
            match label.split_once(':') {
                Some((prefix, account)) if prefix.trim() == issuer => account.trim().to_owned(),
                _ => label.to_owned(),
            }
        }
    };
    let name = entry_name(&issuer, &label);
    let invalid = |source: CoreError| BackupError::InvalidEntry {
        format: FORMAT,
        position,
        name: name.clone(),
        source,
    };
    let kind_name = otp.token_type.as_deref().unwrap_or("TOTP");
    let kind = match kind_name.to_ascii_uppercase().as_str() {
        "TOTP" => OtpKind::Totp {
            period: match otp.period {
                Some(0) => return Err(invalid(CoreError::UriPeriod { found: "0".into() })),
                Some(period) => period,
                None => 30,
            },
        },
        "HOTP" => OtpKind::Hotp {
            counter: otp.counter.unwrap_or(0),
        },
        "STEAM" => OtpKind::Steam,
        _ => {
            return Err(BackupError::UnsupportedEntry {
                format: FORMAT,
                position,
                name,
                kind: kind_name.to_owned(),
            });
        }
    };
    let params = if kind == OtpKind::Steam {
        OtpParams::steam()
    } else {
        let algorithm = match otp
            .algorithm
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            None | Some("SHA1") => Algorithm::Sha1,
            Some("SHA256") => Algorithm::Sha256,
            Some("SHA512") => Algorithm::Sha512,
            Some(other) => {
                return Err(invalid(CoreError::UriAlgorithm {
                    found: other.to_owned(),
                }));
            }
        };
        let digits = otp.digits.unwrap_or(6);
        if !DIGITS.contains(&digits) {
            return Err(invalid(CoreError::UriDigits {
                found: digits.to_string(),
            }));
        }
        OtpParams {
            kind,
            algorithm,
            digits,
        }
    };
    let secret = secret_from_base32(&service.secret).map_err(invalid)?;
    Ok(AccountDraft {
        issuer,
        label,
        params,
        secret,
    })
}
