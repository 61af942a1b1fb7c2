//! Aegis Authenticator's vault file (its "export" is the vault itself):
//! `{ version: 1, header: { slots, params }, db }`.
//!
//! Plain: `slots` and `params` are null and `db` is `{ version, entries }`.
//! Encrypted: `db` is base64 of that JSON sealed with AES-256-GCM under a
//! random 256-bit master key (nonce and tag in `header.params`, hex). Each
//! password slot (`type` 1) holds the master key sealed the same way
//! (`key`, `key_params`) under scrypt(password, `salt`, `n`, `r`, `p`) → 32
//! bytes. Other slot types (0 raw key, 2 biometric) cannot be opened off the
//! phone and are skipped.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{BackupError, Exported, Format, FormatKind, aes, entry_name, given, json_object};
use crate::CoreError;
use crate::otp::{AccountDraft, Algorithm, OtpKind, OtpParams, STEAM_PERIOD};
use crate::uri::secret_from_base32;
use crate::vault::{from_hex, to_hex};

const FORMAT: FormatKind = FormatKind::Aegis;
/// The vault file version Aegis has always written.
const VAULT_VERSION: u64 = 1;
/// The newest `db.version` read (Aegis 3.x writes 3); older ones differ
/// only in fields Kairos does not use (groups, icons).
pub const MAX_DB_VERSION: u64 = 3;
/// Aegis's own scrypt cost, used for exports: N = 2^15, r = 8, p = 1 (32 MiB).
const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;
/// Most memory a slot's scrypt may ask for (128 · r · N bytes): a tampered
/// file cannot make Kairos allocate gigabytes.
const MAX_SCRYPT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, Default)]
pub struct Aegis;

#[derive(Deserialize)]
struct Envelope {
    version: u64,
    header: Header,
}

#[derive(Deserialize, Serialize)]
struct Header {
    slots: Option<Vec<Slot>>,
    params: Option<SealParams>,
}

#[derive(Deserialize, Serialize)]
struct Slot {
    #[serde(rename = "type")]
    kind: u8,
    #[serde(default, skip_deserializing)]
    uuid: String,
    key: String,
    key_params: SealParams,
    #[serde(default)]
    n: Option<u64>,
    #[serde(default)]
    r: Option<u32>,
    #[serde(default)]
    p: Option<u32>,
    #[serde(default)]
    salt: Option<String>,
    #[serde(default, skip_deserializing)]
    repaired: bool,
    #[serde(default, skip_deserializing)]
    is_backup: bool,
}

#[derive(Deserialize, Serialize)]
struct SealParams {
    nonce: String,
    tag: String,
}

#[derive(Deserialize)]
struct PlainFile {
    db: Db,
}

#[derive(Deserialize)]
struct EncryptedFile {
    db: String,
}

#[derive(Deserialize, Serialize)]
struct Db {
    version: u64,
    entries: Vec<Entry>,
    #[serde(default, skip_deserializing)]
    groups: Vec<()>,
}

#[derive(Deserialize, Serialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_deserializing)]
    uuid: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    issuer: String,
    #[serde(default, skip_deserializing)]
    note: String,
    #[serde(default, skip_deserializing)]
    favorite: bool,
    #[serde(default, skip_deserializing)]
    icon: Option<()>,
    info: Info,
    #[serde(default, skip_deserializing)]
    groups: Vec<()>,
}

#[derive(Deserialize, Serialize)]
struct Info {
    secret: Zeroizing<String>,
    #[serde(default = "sha1")]
    algo: String,
    #[serde(default = "six")]
    digits: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

fn sha1() -> String {
    "SHA1".to_owned()
}

fn six() -> u8 {
    6
}

impl Format for Aegis {
    fn kind(&self) -> FormatKind {
        FORMAT
    }

    fn detect(&self, bytes: &[u8]) -> bool {
        json_object(bytes).is_some_and(|map| {
            map.contains_key("header") && map.contains_key("db") && map.contains_key("version")
        })
    }

    fn import(
        &self,
        bytes: &[u8],
        password: Option<&str>,
    ) -> Result<Vec<AccountDraft>, BackupError> {
        let envelope: Envelope = serde_json::from_slice(bytes)
            .map_err(|e| BackupError::corrupt(FORMAT, format!("not an Aegis vault: {e}")))?;
        if envelope.version != VAULT_VERSION {
            return Err(BackupError::UnsupportedVersion {
                format: FORMAT,
                version: envelope.version.to_string(),
            });
        }
        let db: Db = match (envelope.header.slots, envelope.header.params) {
            (None, _) => {
                serde_json::from_slice::<PlainFile>(bytes)
                    .map_err(|e| BackupError::corrupt(FORMAT, format!("unreadable entries: {e}")))?
                    .db
            }
            (Some(slots), Some(params)) => {
                let password =
                    given(password).ok_or(BackupError::PasswordRequired { format: FORMAT })?;
                let sealed: EncryptedFile = serde_json::from_slice(bytes).map_err(|e| {
                    BackupError::corrupt(FORMAT, format!("the encrypted db is not a string: {e}"))
                })?;
                let plain = decrypt_db(&slots, &params, &sealed.db, password)?;
                serde_json::from_slice(&plain).map_err(|e| {
                    BackupError::corrupt(FORMAT, format!("decrypted entries are not readable: {e}"))
                })?
            }
            (Some(_), None) => {
                return Err(BackupError::corrupt(FORMAT, "slots without db parameters"));
            }
        };
        if db.version > MAX_DB_VERSION || db.version == 0 {
            return Err(BackupError::UnsupportedVersion {
                format: FORMAT,
                version: format!("db {}", db.version),
            });
        }
        db.entries
            .iter()
            .enumerate()
            .map(|(index, entry)| draft(index + 1, entry))
            .collect()
    }

    /// Plain Aegis JSON without a password; with one, an encrypted vault
    /// with a single password slot at Aegis's own scrypt cost.
    fn export(
        &self,
        accounts: &[AccountDraft],
        password: Option<&str>,
    ) -> Result<Exported, BackupError> {
        let db = Db {
            version: MAX_DB_VERSION,
            entries: accounts.iter().map(entry).collect::<Result<_, _>>()?,
            groups: Vec::new(),
        };
        let Some(password) = password else {
            let file = PlainOut {
                version: VAULT_VERSION,
                header: Header {
                    slots: None,
                    params: None,
                },
                db: &db,
            };
            return Ok(Exported {
                bytes: super::to_json(&file)?,
                plaintext_secrets: true,
            });
        };
        if password.is_empty() {
            return Err(BackupError::EmptyPassword);
        }
        let plain = super::to_json(&db)?;
        let master = Zeroizing::new(random::<{ aes::KEY_LEN }>()?);
        let db_nonce = random::<{ aes::NONCE_LEN }>()?;
        let (db_sealed, db_tag) = aes::seal_detached(master.as_ref(), &db_nonce, &plain)
            .ok_or_else(|| BackupError::corrupt(FORMAT, "cannot encrypt the entries"))?;
        let salt = random::<32>()?;
        let key = derive(password, &salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)?;
        let key_nonce = random::<{ aes::NONCE_LEN }>()?;
        let (wrapped, key_tag) = aes::seal_detached(key.as_ref(), &key_nonce, master.as_ref())
            .ok_or_else(|| BackupError::corrupt(FORMAT, "cannot encrypt the master key"))?;
        let file = EncryptedOut {
            version: VAULT_VERSION,
            header: Header {
                slots: Some(vec![Slot {
                    kind: 1,
                    uuid: uuid_v4()?,
                    key: to_hex(&wrapped),
                    key_params: SealParams {
                        nonce: to_hex(&key_nonce),
                        tag: to_hex(&key_tag),
                    },
                    n: Some(1 << SCRYPT_LOG_N),
                    r: Some(SCRYPT_R),
                    p: Some(SCRYPT_P),
                    salt: Some(to_hex(&salt)),
                    repaired: true,
                    is_backup: false,
                }]),
                params: Some(SealParams {
                    nonce: to_hex(&db_nonce),
                    tag: to_hex(&db_tag),
                }),
            },
            db: STANDARD.encode(&db_sealed),
        };
        Ok(Exported {
            bytes: super::to_json(&file)?,
            plaintext_secrets: false,
        })
    }
}

#[derive(Serialize)]
struct PlainOut<'a> {
    version: u64,
    header: Header,
    db: &'a Db,
}

#[derive(Serialize)]
struct EncryptedOut {
    version: u64,
    header: Header,
    db: String,
}

fn decrypt_db(
    slots: &[Slot],
    params: &SealParams,
    db: &str,
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    let hex = |text: &str, what: &str| {
        from_hex(text).ok_or_else(|| BackupError::corrupt(FORMAT, format!("{what} is not hex")))
    };
    let password_slots: Vec<&Slot> = slots.iter().filter(|slot| slot.kind == 1).collect();
    if password_slots.is_empty() {
        return Err(BackupError::corrupt(
            FORMAT,
            "no password slot (the vault is locked by the phone's biometrics only)",
        ));
    }
    let mut master = None;
    for slot in password_slots {
        let (Some(n), Some(r), Some(p), Some(salt)) =
            (slot.n, slot.r, slot.p, slot.salt.as_deref())
        else {
            return Err(BackupError::corrupt(
                FORMAT,
                "a password slot lacks its scrypt parameters",
            ));
        };
        let log_n = scrypt_log_n(n, r, p)?;
        let key = derive(password, &hex(salt, "a slot's salt")?, log_n, r, p)?;
        if let Some(opened) = aes::open_detached(
            key.as_ref(),
            &hex(&slot.key_params.nonce, "a slot's nonce")?,
            &hex(&slot.key, "a slot's key")?,
            &hex(&slot.key_params.tag, "a slot's tag")?,
        ) {
            master = Some(opened);
            break;
        }
    }
    let master = master.ok_or(BackupError::WrongPassword { format: FORMAT })?;
    let sealed = STANDARD
        .decode(db.trim())
        .map_err(|e| BackupError::corrupt(FORMAT, format!("db is not base64: {e}")))?;
    aes::open_detached(
        &master,
        &hex(&params.nonce, "the db nonce")?,
        &sealed,
        &hex(&params.tag, "the db tag")?,
    )
    .ok_or_else(|| BackupError::corrupt(FORMAT, "the entries fail authentication"))
}

/// log2(N), after checking the slot's cost is a power of two Kairos can afford.
fn scrypt_log_n(n: u64, r: u32, p: u32) -> Result<u8, BackupError> {
    let affordable = n.is_power_of_two()
        && n >= 2
        && (1..=32).contains(&r)
        && (1..=16).contains(&p)
        && 128 * u64::from(r) * n <= MAX_SCRYPT_BYTES;
    if !affordable {
        return Err(BackupError::corrupt(
            FORMAT,
            format!("unusable scrypt parameters n={n} r={r} p={p}"),
        ));
    }
    Ok(n.trailing_zeros() as u8)
}

fn derive(
    password: &str,
    salt: &[u8],
    log_n: u8,
    r: u32,
    p: u32,
) -> Result<Zeroizing<[u8; aes::KEY_LEN]>, BackupError> {
    let bad = || BackupError::corrupt(FORMAT, "unusable scrypt parameters");
    let params = scrypt::Params::new(log_n, r, p).map_err(|_| bad())?;
    let mut key = Zeroizing::new([0u8; aes::KEY_LEN]);
    scrypt::scrypt(password.as_bytes(), salt, &params, key.as_mut()).map_err(|_| bad())?;
    Ok(key)
}

fn draft(position: usize, entry: &Entry) -> Result<AccountDraft, BackupError> {
    let issuer = entry.issuer.trim().to_owned();
    let label = entry.name.trim().to_owned();
    let name = entry_name(&issuer, &label);
    let invalid = |source: CoreError| BackupError::InvalidEntry {
        format: FORMAT,
        position,
        name: name.clone(),
        source,
    };
    let info = &entry.info;
    let kind = match entry.kind.as_str() {
        "totp" => OtpKind::Totp {
            period: info.period.unwrap_or(30),
        },
        "hotp" => OtpKind::Hotp {
            counter: info.counter.unwrap_or(0),
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
        let algorithm = Algorithm::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(&info.algo))
            .ok_or_else(|| {
                invalid(CoreError::UriAlgorithm {
                    found: info.algo.clone(),
                })
            })?;
        OtpParams {
            kind,
            algorithm,
            digits: info.digits,
        }
    };
    params.check().map_err(invalid)?;
    let secret = secret_from_base32(&info.secret).map_err(invalid)?;
    Ok(AccountDraft {
        issuer,
        label,
        params,
        secret,
    })
}

fn entry(draft: &AccountDraft) -> Result<Entry, BackupError> {
    let (kind, period, counter) = match draft.params.kind {
        OtpKind::Totp { period } => ("totp", Some(period), None),
        OtpKind::Hotp { counter } => ("hotp", None, Some(counter)),
        OtpKind::Steam => ("steam", Some(STEAM_PERIOD), None),
    };
    Ok(Entry {
        kind: kind.to_owned(),
        uuid: uuid_v4()?,
        name: draft.label.clone(),
        issuer: draft.issuer.clone(),
        note: String::new(),
        favorite: false,
        icon: None,
        info: Info {
            secret: draft.secret.to_base32(),
            algo: draft.params.algorithm.as_str().to_owned(),
            digits: draft.params.digits,
            period,
            counter,
        },
        groups: Vec::new(),
    })
}

fn random<const N: usize>() -> Result<[u8; N], BackupError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        BackupError::Core(CoreError::VaultRandom {
            detail: e.to_string(),
        })
    })?;
    Ok(bytes)
}

/// A random (version 4) UUID: Aegis requires one per entry and slot.
fn uuid_v4() -> Result<String, BackupError> {
    let mut bytes = random::<16>()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = to_hex(&bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrypt_costs_are_bounded() {
        assert_eq!(scrypt_log_n(32_768, 8, 1).ok(), Some(15));
        assert!(scrypt_log_n(32_767, 8, 1).is_err());
        assert!(scrypt_log_n(1 << 20, 8, 1).is_err(), "1 GiB");
        assert!(scrypt_log_n(1 << 14, 0, 1).is_err());
    }

    #[test]
    fn uuids_are_version_4() {
        let uuid = uuid_v4().expect("random");
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.as_bytes()[14], b'4');
        assert!(matches!(uuid.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        assert_ne!(uuid, uuid_v4().expect("random"));
    }
}
