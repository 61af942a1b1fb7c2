//! Moving accounts in and out of Kairos: other apps' backups and Kairos's own.
//!
//! One file per format, each behind [`Format`]; [`detect`] tells them apart
//! by content; [`ImportPlan`] previews what an import would add (marking
//! accounts already in the vault) and then adds the rest in one transaction.
//!
//! | format | import | export |
//! | --- | --- | --- |
//! | [Aegis](aegis) vault JSON | plain and encrypted | plain and encrypted |
//! | [2FAS](twofas) `.2fas` | plain and encrypted | – |
//! | [otpauth URI list](uri_list) | yes (migration links too) | yes, plaintext |
//! | [Kairos backup](kairos) (`docs/backup-format.md`) | yes | yes, always encrypted |

pub mod aegis;
mod aes;
mod error;
mod file;
pub mod kairos;
mod plan;
pub mod twofas;
pub mod uri_list;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use error::BackupError;
pub use file::write_new_file;
pub use plan::{Duplicate, ImportOutcome, ImportPlan, PlannedAccount};

use crate::Locale;
use crate::otp::AccountDraft;
use crate::vault::KdfParams;

/// Largest file read: thousands of accounts take well under a megabyte.
pub const MAX_BACKUP_BYTES: usize = 16 * 1024 * 1024;

/// The formats Kairos knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormatKind {
    #[serde(rename = "aegis")]
    Aegis,
    #[serde(rename = "2fas")]
    TwoFas,
    #[serde(rename = "uris")]
    Uris,
    #[serde(rename = "kairos")]
    Kairos,
}

impl FormatKind {
    pub const ALL: [FormatKind; 4] = [
        FormatKind::Kairos,
        FormatKind::Aegis,
        FormatKind::TwoFas,
        FormatKind::Uris,
    ];

    /// The name scripts use: `aegis`, `2fas`, `uris`, `kairos`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FormatKind::Aegis => "aegis",
            FormatKind::TwoFas => "2fas",
            FormatKind::Uris => "uris",
            FormatKind::Kairos => "kairos",
        }
    }

    /// The name people read, inside a sentence.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            FormatKind::Aegis => "Aegis",
            FormatKind::TwoFas => "2FAS",
            FormatKind::Uris => locale.pick("otpauth link list", "de liens otpauth"),
            FormatKind::Kairos => locale.pick("Kairos backup", "de sauvegarde Kairos"),
        }
    }
}

impl fmt::Display for FormatKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FormatKind {
    type Err = BackupError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        FormatKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
            .ok_or(BackupError::UnknownFormat)
    }
}

/// What an export produced.
pub struct Exported {
    /// The file's content; zeroed on drop, since plain formats hold secrets.
    pub bytes: Zeroizing<Vec<u8>>,
    /// True when anyone who reads the file gets the secrets: the CLI and
    /// the window warn before writing it.
    pub plaintext_secrets: bool,
}

impl fmt::Debug for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exported")
            .field(
                "bytes",
                &format_args!("<redacted, {} bytes>", self.bytes.len()),
            )
            .field("plaintext_secrets", &self.plaintext_secrets)
            .finish()
    }
}

/// One backup format. Formats never touch the vault or the disk: bytes in,
/// drafts out, and the reverse.
pub trait Format: fmt::Debug + Send + Sync {
    fn kind(&self) -> FormatKind;

    /// Whether `bytes` look like this format. Cheap, and needs no password.
    fn detect(&self, bytes: &[u8]) -> bool;

    /// Every account in the file, in its order; all or nothing: one unusable
    /// entry fails the whole import. An encrypted file without `password`
    /// fails with `backup.password_required`, with a wrong one with
    /// `backup.wrong_password`.
    fn import(
        &self,
        bytes: &[u8],
        password: Option<&str>,
    ) -> Result<Vec<AccountDraft>, BackupError>;

    /// The accounts as a file of this format, encrypted under `password`
    /// where the format allows it.
    fn export(
        &self,
        accounts: &[AccountDraft],
        password: Option<&str>,
    ) -> Result<Exported, BackupError> {
        let _ = (accounts, password);
        Err(BackupError::ExportUnsupported {
            format: self.kind(),
        })
    }
}

/// The implementation of `kind`. Kairos backups are written with the
/// recommended Argon2id cost; see [`kairos::KairosBackup::with_kdf`].
pub fn format(kind: FormatKind) -> Box<dyn Format> {
    match kind {
        FormatKind::Aegis => Box::new(aegis::Aegis),
        FormatKind::TwoFas => Box::new(twofas::TwoFas),
        FormatKind::Uris => Box::new(uri_list::UriList),
        FormatKind::Kairos => Box::new(kairos::KairosBackup::with_kdf(KdfParams::recommended())),
    }
}

/// Every account of the vault with its secret, in list order: what an
/// export writes. A secret that cannot be decrypted fails the export rather
/// than silently leaving the account out.
pub async fn vault_drafts(
    vault: &crate::vault::Vault,
) -> Result<Vec<AccountDraft>, crate::CoreError> {
    vault
        .accounts_with_secrets()
        .await?
        .into_iter()
        .map(|(account, secret)| {
            Ok(AccountDraft {
                issuer: account.issuer,
                label: account.label,
                params: account.params,
                secret: secret?,
            })
        })
        .collect()
}

/// The format of `bytes`, by content.
pub fn detect(bytes: &[u8]) -> Result<FormatKind, BackupError> {
    FormatKind::ALL
        .into_iter()
        .find(|&kind| format(kind).detect(bytes))
        .ok_or(BackupError::UnknownFormat)
}

/// Reads a backup in `kind`, or in the detected format when `None`.
pub fn import(
    bytes: &[u8],
    kind: Option<FormatKind>,
    password: Option<&str>,
) -> Result<(FormatKind, Vec<AccountDraft>), BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge {
            limit: MAX_BACKUP_BYTES,
        });
    }
    let kind = match kind {
        Some(kind) => kind,
        None => detect(bytes)?,
    };
    Ok((kind, format(kind).import(bytes, password)?))
}

/// The JSON value of a file, or `None` when it is not a JSON object; for
/// detection, which must not fail.
pub(crate) fn json_object(bytes: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes.get(start) != Some(&b'{') {
        return None;
    }
    match serde_json::from_slice(bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// A password as the key derivations take it: `None` and `""` are both no
/// password (an empty field in a dialog means none was typed).
pub(crate) fn given(password: Option<&str>) -> Option<&str> {
    password.filter(|p| !p.is_empty())
}

/// The name shown for an entry in errors: "Issuer: label".
pub(crate) fn entry_name(issuer: &str, label: &str) -> String {
    match (issuer.is_empty(), label.is_empty()) {
        (false, false) => format!("{issuer}: {label}"),
        (true, _) => label.to_owned(),
        (false, true) => issuer.to_owned(),
    }
}

/// Serialises `value` (which holds secrets) into a buffer sized exactly
/// beforehand, so it never reallocates and leaves no unzeroed copy behind.
pub(crate) fn to_json(value: &impl Serialize) -> Result<Zeroizing<Vec<u8>>, BackupError> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let failed = |e: serde_json::Error| BackupError::Io {
        path: "<memory>".into(),
        source: std::io::Error::other(e),
    };
    let mut count = Count(0);
    serde_json::to_writer_pretty(&mut count, value).map_err(failed)?;
    let mut out = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer_pretty(&mut *out, value).map_err(failed)?;
    Ok(out)
}
