//! A text file of otpauth links, one per line: what many apps export as
//! "plain text" (Aegis, Ente Auth, andOTP's URI list). Blank lines and lines
//! starting with `#` are skipped; Google Authenticator's
//! `otpauth-migration://` links are read too, every account in them.
//! One bad line refuses the whole file, naming the line.

use zeroize::Zeroizing;

use super::{BackupError, Exported, Format, FormatKind};
use crate::otp::AccountDraft;
use crate::uri::{self, migration};

#[derive(Clone, Copy, Debug, Default)]
pub struct UriList;

/// The lines that hold links: (number from 1, trimmed text).
fn link_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

fn is_link(line: &str) -> bool {
    line.get(..10)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("otpauth://"))
        || migration::is_migration_uri(line)
}

impl Format for UriList {
    fn kind(&self) -> FormatKind {
        FormatKind::Uris
    }

    fn detect(&self, bytes: &[u8]) -> bool {
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| link_lines(text).next())
            .is_some_and(|(_, line)| is_link(line))
    }

    fn import(
        &self,
        bytes: &[u8],
        _password: Option<&str>,
    ) -> Result<Vec<AccountDraft>, BackupError> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| BackupError::corrupt(FormatKind::Uris, format!("not UTF-8 text: {e}")))?;
        let mut accounts = Vec::new();
        for (line, link) in link_lines(text) {
            if migration::is_migration_uri(link) {
                let batch = migration::parse(link)
                    .map_err(|source| BackupError::MigrationLine { line, source })?;
                accounts.extend(batch.accounts);
            } else {
                accounts.push(
                    uri::parse(link).map_err(|source| BackupError::UriLine { line, source })?,
                );
            }
        }
        if accounts.is_empty() {
            return Err(BackupError::corrupt(
                FormatKind::Uris,
                "no otpauth link in the file",
            ));
        }
        Ok(accounts)
    }

    fn export(
        &self,
        accounts: &[AccountDraft],
        password: Option<&str>,
    ) -> Result<Exported, BackupError> {
        if super::given(password).is_some() {
            return Err(BackupError::EncryptionUnsupported {
                format: FormatKind::Uris,
            });
        }
        let links: Vec<Zeroizing<String>> = accounts.iter().map(uri::render).collect();
        // Sized up front so the buffer never reallocates, leaving no copy.
        let mut bytes = Zeroizing::new(Vec::with_capacity(
            links.iter().map(|link| link.len() + 1).sum(),
        ));
        for link in &links {
            bytes.extend_from_slice(link.as_bytes());
            bytes.push(b'\n');
        }
        Ok(Exported {
            bytes,
            plaintext_secrets: true,
        })
    }
}
