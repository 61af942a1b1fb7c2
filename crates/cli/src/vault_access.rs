//! Opening the vault from the command line: keyring by default, a password
//! read from standard input with `--password-stdin`.

use std::io::BufRead;

use kairos_core::vault::{Protection, ProtectionKind, Unlock, Vault};
use kairos_core::{ErrorReport, UserFacing, paths};
use zeroize::Zeroizing;

use crate::Context;
use crate::error::CliError;

/// What to do when the data folder has no vault yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfMissing {
    Create,
    Fail,
}

pub async fn open(ctx: &Context, if_missing: IfMissing) -> Result<Vault, ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(report)?;
    let status = Vault::status(&dir).await.map_err(report)?;
    match status.protection {
        None if if_missing == IfMissing::Create => {
            paths::ensure_data_dir(&dir).map_err(report)?;
            let protection = if ctx.password_stdin {
                Protection::Password(read_password(ctx)?)
            } else {
                Protection::Keyring
            };
            Vault::create(&dir, protection).await.map_err(report)
        }
        // Let the vault say there is none, in its own words.
        None | Some(ProtectionKind::Keyring) => {
            Vault::open(&dir, Unlock::Keyring).await.map_err(report)
        }
        Some(ProtectionKind::Password) => {
            if !ctx.password_stdin {
                return Err(CliError::PasswordRequired.report(ctx.locale));
            }
            let password = read_password(ctx)?;
            Vault::open(&dir, Unlock::Password(password))
                .await
                .map_err(report)
        }
    }
}

/// One line from standard input, without its line ending.
fn read_password(ctx: &Context) -> Result<Zeroizing<String>, ErrorReport> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::PasswordUnreadable(e).report(ctx.locale))?;
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(line)
}
