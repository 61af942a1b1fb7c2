//! `kairos scan IMAGE... [--json] [--add]`: the codes in image files, and
//! with `--add` the accounts they hold, saved in one transaction.

use std::path::{Path, PathBuf};

use clap::Args;
use kairos_core::otp::AccountDraft;
use kairos_core::qr::{self, Check};
use kairos_core::{ErrorReport, UserFacing, uri};
use serde::Serialize;

use crate::accounts::display_name;
use crate::error::CliError;
use crate::vault_access::{IfMissing, open};
use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// PNG, JPEG, WebP or GIF files.
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<PathBuf>,
    /// Save the otpauth:// accounts found in the vault (one transaction).
    #[arg(long)]
    add: bool,
    #[arg(long)]
    json: bool,
}

/// What a payload is, for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Otpauth,
    OtpauthMigration,
    Text,
}

fn kind_of(text: &str) -> Kind {
    let starts = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
    };
    if starts("otpauth://") {
        Kind::Otpauth
    } else if starts("otpauth-migration://") {
        Kind::OtpauthMigration
    } else {
        Kind::Text
    }
}

#[derive(Debug, Serialize)]
struct CodeOut {
    text: String,
    kind: Kind,
    check: Check,
    /// The accounts saved from it, with `--add` (several for a Google
    /// Authenticator export).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    added: Vec<AddedOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorReport>,
}

#[derive(Debug, Serialize)]
struct AddedOut {
    id: i64,
    issuer: String,
    label: String,
}

#[derive(Debug, Serialize)]
struct FileOut {
    file: String,
    codes: Vec<CodeOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorReport>,
}

pub async fn run(ctx: &Context, args: &ScanArgs) -> Result<(), ErrorReport> {
    let mut files: Vec<FileOut> = args.images.iter().map(|path| scan_one(ctx, path)).collect();
    if args.add {
        add_accounts(ctx, &mut files).await?;
    }
    let failures: Vec<ErrorReport> = files
        .iter()
        .flat_map(|f| {
            f.error
                .iter()
                .chain(f.codes.iter().filter_map(|c| c.error.as_ref()))
        })
        .cloned()
        .collect();
    if args.json {
        print_json(&files)?;
    } else {
        print_text(ctx, &files, args.add);
    }
    // Every failure on its own line; the last one goes back to main, which
    // prints it and exits with 1.
    let Some((last, earlier)) = failures.split_last() else {
        return Ok(());
    };
    for report in earlier {
        eprintln!("{}", report.one_line());
    }
    Err(last.clone())
}

fn scan_one(ctx: &Context, path: &Path) -> FileOut {
    let file = path.display().to_string();
    match qr::scan_file(path) {
        Ok(codes) => FileOut {
            file,
            codes: codes
                .into_iter()
                .map(|d| CodeOut {
                    kind: kind_of(d.text.as_str()),
                    text: d.text.as_str().to_owned(),
                    check: d.check,
                    added: Vec::new(),
                    error: None,
                })
                .collect(),
            error: None,
        },
        Err(err) => FileOut {
            file,
            codes: Vec::new(),
            error: Some(err.report(ctx.locale)),
        },
    }
}

/// Saves every account of the otpauth and Google Authenticator export
/// payloads that parse, all in one transaction (a failure while saving saves
/// none). Payloads that do not parse and other texts are reported on their
/// code and skipped. A multi-code export is best scanned in one call, all
/// its pictures given, or through `kairos add` with its links.
async fn add_accounts(ctx: &Context, files: &mut [FileOut]) -> Result<(), ErrorReport> {
    let mut drafts: Vec<AccountDraft> = Vec::new();
    let mut owners: Vec<(usize, usize)> = Vec::new();
    for (f, file) in files.iter_mut().enumerate() {
        for (c, code) in file.codes.iter_mut().enumerate() {
            match code.kind {
                Kind::Otpauth => match uri::parse(&code.text) {
                    Ok(draft) => {
                        drafts.push(draft);
                        owners.push((f, c));
                    }
                    Err(err) => code.error = Some(err.report(ctx.locale)),
                },
                Kind::OtpauthMigration => match uri::migration::parse(&code.text) {
                    Ok(batch) => {
                        for draft in batch.accounts {
                            drafts.push(draft);
                            owners.push((f, c));
                        }
                    }
                    Err(err) => code.error = Some(err.report(ctx.locale)),
                },
                Kind::Text => code.error = Some(CliError::NotAnAccount.report(ctx.locale)),
            }
        }
    }
    if drafts.is_empty() {
        return Ok(());
    }
    let vault = open(ctx, IfMissing::Create).await?;
    let added = vault.add_many(drafts).await;
    vault.close().await;
    let added = added.map_err(|e| e.report(ctx.locale))?;
    for ((f, c), account) in owners.into_iter().zip(added) {
        files[f].codes[c].added.push(AddedOut {
            id: account.id.0,
            issuer: account.issuer.clone(),
            label: display_name(&account),
        });
    }
    Ok(())
}

fn print_text(ctx: &Context, files: &[FileOut], add: bool) {
    for code in files.iter().flat_map(|f| f.codes.iter()) {
        for account in &code.added {
            let added = ctx.locale.pick("Added", "Ajouté");
            println!("{added} #{} {}", account.id, account.label);
        }
        // With --add, secrets stay off the terminal unless the code could
        // not be added.
        if code.added.is_empty() && !(add && code.error.is_none()) {
            println!("{}", printable(&code.text));
        }
    }
}

/// QR codes are written by anyone: control characters (escape sequences,
/// newlines) are replaced so a payload is one inert line.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_kinds() {
        assert_eq!(kind_of("otpauth://totp/x?secret=A"), Kind::Otpauth);
        assert_eq!(
            kind_of("OTPAUTH-MIGRATION://offline?data=A"),
            Kind::OtpauthMigration
        );
        assert_eq!(kind_of("https://example.com"), Kind::Text);
        assert_eq!(kind_of("otp"), Kind::Text);
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[2Jb\nc"), "a\u{fffd}[2Jb\u{fffd}c");
    }
}
