//! Google Authenticator's export, `otpauth-migration://offline?data=…`: a
//! base64 protobuf payload holding up to about ten accounts per QR code.
//! A larger export is several codes sharing a batch id;
//! [`MigrationBatchSet`] collects them in any order.
//!
//! [`parse`] reads one link; [`export`] writes accounts as links, in batches
//! a phone can scan.

mod batch;
mod error;
mod payload;
mod protobuf;

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use zeroize::Zeroizing;

pub use batch::{BatchAdded, BatchProgress, MigrationBatchSet};
pub use error::MigrationError;
pub use payload::{MIGRATION_PERIOD, MigrationBatch, Unrepresentable};

use super::percent;
use crate::otp::AccountDraft;

const SCHEME: &str = "otpauth-migration://";
/// Longest link read, in bytes: a QR code holds at most 2,953 bytes; this
/// leaves room for links pasted from elsewhere and refuses runaway input.
pub const MAX_MIGRATION_URI_BYTES: usize = 64 * 1024;
/// Accounts per exported code, as Google Authenticator itself does.
pub const MAX_ACCOUNTS_PER_BATCH: usize = 10;
/// Payload bytes per exported code: with base64 and percent-encoding the link
/// stays under about 2,200 characters, which phone cameras still scan at the
/// size of a laptop screen. Long names may make a batch hold fewer than ten.
pub const MAX_BATCH_PAYLOAD_BYTES: usize = 1_500;

/// Whether `text` is a migration link (by its scheme), to pick the parser.
pub fn is_migration_uri(text: &str) -> bool {
    text.trim()
        .get(..SCHEME.len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case(SCHEME))
}

/// Reads one `otpauth-migration://offline?data=…` link.
pub fn parse(uri: &str) -> Result<MigrationBatch, MigrationError> {
    if uri.len() > MAX_MIGRATION_URI_BYTES {
        return Err(MigrationError::TooLong {
            limit: MAX_MIGRATION_URI_BYTES,
        });
    }
    let uri = uri.trim();
    if !is_migration_uri(uri) {
        return Err(MigrationError::Scheme);
    }
    let rest = uri.get(SCHEME.len()..).unwrap_or_default();
    let (host, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !host.trim_end_matches('/').eq_ignore_ascii_case("offline") {
        return Err(MigrationError::Scheme);
    }
    let raw = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, value)| name.eq_ignore_ascii_case("data") && !value.is_empty())
        .map(|(_, value)| value)
        .ok_or(MigrationError::DataMissing)?;
    let decoded = percent::decode(raw, false).ok_or(MigrationError::Base64)?;
    let bytes = decode_base64(&decoded)?;
    payload::decode(&bytes)
}

/// Standard base64 as Google writes it, padded or not; a `+` turned into a
/// space by a form decoder on the way is read back as `+`; URL-safe base64
/// as some converters write it.
fn decode_base64(text: &[u8]) -> Result<Zeroizing<Vec<u8>>, MigrationError> {
    const INDIFFERENT: GeneralPurposeConfig =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    const STANDARD_ANY: GeneralPurpose =
        GeneralPurpose::new(&base64::alphabet::STANDARD, INDIFFERENT);
    const URL_SAFE_ANY: GeneralPurpose =
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, INDIFFERENT);
    let mut cleaned = Zeroizing::new(text.to_vec());
    for byte in cleaned.iter_mut() {
        if *byte == b' ' {
            *byte = b'+';
        }
    }
    STANDARD_ANY
        .decode(cleaned.as_slice())
        .or_else(|_| URL_SAFE_ANY.decode(cleaned.as_slice()))
        .map(Zeroizing::new)
        .map_err(|_| MigrationError::Base64)
}

/// Accounts written as migration links, and those that could not be.
pub struct MigrationExport {
    /// One link per QR code, in batch order. They hold secrets.
    pub uris: Vec<Zeroizing<String>>,
    /// Index in the input of each account left out, and why.
    pub skipped: Vec<(usize, Unrepresentable)>,
    pub batch_id: i32,
}

impl std::fmt::Debug for MigrationExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The links carry the secrets: only their number is shown.
        f.debug_struct("MigrationExport")
            .field(
                "uris",
                &format_args!("<{} redacted links>", self.uris.len()),
            )
            .field("skipped", &self.skipped)
            .field("batch_id", &self.batch_id)
            .finish()
    }
}

/// Writes `accounts` as migration links under a random batch id: at most
/// [`MAX_ACCOUNTS_PER_BATCH`] accounts and about [`MAX_BATCH_PAYLOAD_BYTES`]
/// per link. Accounts the format cannot hold (Steam, periods other than 30 s,
/// digits other than 6 or 8) are left out and listed in `skipped`.
pub fn export(accounts: &[AccountDraft]) -> MigrationExport {
    export_with_batch_id(accounts, random_batch_id())
}

/// [`export`] with a chosen batch id, for reproducible output.
pub fn export_with_batch_id(accounts: &[AccountDraft], batch_id: i32) -> MigrationExport {
    let mut skipped = Vec::new();
    let mut batches: Vec<Vec<&AccountDraft>> = Vec::new();
    let mut current: Vec<&AccountDraft> = Vec::new();
    let mut current_len = 0;
    for (index, draft) in accounts.iter().enumerate() {
        if let Err(why) = payload::check_representable(draft) {
            skipped.push((index, why));
            continue;
        }
        let len = payload::encoded_account_len(draft);
        let full = current.len() == MAX_ACCOUNTS_PER_BATCH
            || (!current.is_empty() && current_len + len > MAX_BATCH_PAYLOAD_BYTES);
        if full {
            batches.push(std::mem::take(&mut current));
            current_len = 0;
        }
        current.push(draft);
        current_len += len;
    }
    if !current.is_empty() {
        batches.push(current);
    }
    let size = i32::try_from(batches.len()).unwrap_or(i32::MAX);
    let uris = (0..)
        .zip(&batches)
        .map(|(index, batch)| render(&payload::encode(batch, size, index, batch_id)))
        .collect();
    MigrationExport {
        uris,
        skipped,
        batch_id,
    }
}

fn render(payload: &[u8]) -> Zeroizing<String> {
    let encoded = Zeroizing::new(STANDARD.encode(payload));
    let mut uri = Zeroizing::new(String::with_capacity(32 + encoded.len() * 3));
    uri.push_str("otpauth-migration://offline?data=");
    for ch in encoded.chars() {
        match ch {
            '+' => uri.push_str("%2B"),
            '/' => uri.push_str("%2F"),
            '=' => uri.push_str("%3D"),
            other => uri.push(other),
        }
    }
    uri
}

/// A batch id that differs between exports. Not a secret: it only tells
/// exports apart, so the standard library's per-process random hash keys are
/// enough and cannot fail. Positive, as Google Authenticator's are.
fn random_batch_id() -> i32 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    (hasher.finish() & 0x7fff_ffff) as i32
}
