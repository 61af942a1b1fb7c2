//! `kairos import` and `kairos export`: other apps' backups in, Kairos
//! backups, URI lists, Aegis files and Google Authenticator links out.
//!
//! Passwords come from standard input, one line each: with the global
//! `--password-stdin` the vault's first, then with `--backup-password-stdin`
//! the backup's. Never from an argument (it would show in `ps` and the shell
//! history).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kairos_core::backup::{self, BackupError, Duplicate, FormatKind, ImportPlan};
use kairos_core::otp::AccountDraft;
use kairos_core::uri::migration::{self, Unrepresentable};
use kairos_core::vault::Vault;
use kairos_core::{ErrorReport, Locale, UserFacing, paths};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::accounts::name_of;
use crate::error::CliError;
use crate::vault_access::{IfMissing, open};
use crate::{Context, print_json};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Auto,
    Aegis,
    #[value(name = "2fas")]
    TwoFas,
    Uris,
    Kairos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Kairos,
    Uris,
    Aegis,
    /// Google Authenticator `otpauth-migration://` links, printed one per QR code.
    Migration,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The backup file.
    file: PathBuf,
    #[arg(long, value_enum, default_value = "auto")]
    format: ImportFormat,
    /// Show what would be imported; save nothing.
    #[arg(long)]
    dry_run: bool,
    /// Read the backup's password from standard input (after the vault's).
    #[arg(long)]
    backup_password_stdin: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The file to write (not for `migration`, which prints links).
    #[arg(long, required_if_eq_any([("format", "kairos"), ("format", "uris"), ("format", "aegis")]))]
    out: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
    /// Read the backup's password from standard input (after the vault's);
    /// required for `kairos`, encrypts `aegis`.
    #[arg(long)]
    backup_password_stdin: bool,
}

/// One account of `kairos import --json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportLine {
    issuer: String,
    account: String,
    #[serde(rename = "type")]
    kind: &'static str,
    /// Why it is not added, or null.
    duplicate: Option<Duplicate>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportReport {
    format: FormatKind,
    dry_run: bool,
    accounts: Vec<ImportLine>,
    added: usize,
    skipped_duplicates: usize,
}

pub async fn import(ctx: &Context, args: &ImportArgs) -> Result<(), ErrorReport> {
    let locale = ctx.locale;
    let bytes = read_file(&args.file, locale)?;
    let dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(|e| e.report(locale))?;
    // A dry run never creates a vault; without one, nothing is a duplicate.
    let has_vault = Vault::status(&dir)
        .await
        .map_err(|e| e.report(locale))?
        .exists;
    let vault = if args.dry_run && !has_vault {
        None
    } else {
        Some(open(ctx, IfMissing::Create).await?)
    };
    let password = if args.backup_password_stdin {
        Some(read_line(locale)?)
    } else {
        None
    };
    let kind = match args.format {
        ImportFormat::Auto => None,
        ImportFormat::Aegis => Some(FormatKind::Aegis),
        ImportFormat::TwoFas => Some(FormatKind::TwoFas),
        ImportFormat::Uris => Some(FormatKind::Uris),
        ImportFormat::Kairos => Some(FormatKind::Kairos),
    };
    let result = async {
        let (format, drafts) =
            backup::import(&bytes, kind, password.as_deref().map(String::as_str))
                .map_err(|e| backup_report(e, locale))?;
        let plan = match &vault {
            Some(vault) => ImportPlan::new(vault, drafts)
                .await
                .map_err(|e| e.report(locale))?,
            None => ImportPlan::without_vault(drafts),
        };
        let lines: Vec<ImportLine> = plan
            .accounts
            .iter()
            .map(|a| ImportLine {
                issuer: a.draft.issuer.clone(),
                account: a.draft.label.clone(),
                kind: crate::accounts::kind_name(&a.draft.params.kind),
                duplicate: a.duplicate,
            })
            .collect();
        let (added, skipped) = match (&vault, args.dry_run) {
            (Some(vault), false) => {
                let outcome = plan.commit(vault).await.map_err(|e| e.report(locale))?;
                (outcome.added.len(), outcome.skipped_duplicates)
            }
            _ => (plan.new_count(), plan.duplicate_count()),
        };
        let report = ImportReport {
            format,
            dry_run: args.dry_run,
            accounts: lines,
            added,
            skipped_duplicates: skipped,
        };
        if args.json {
            return print_json(&report);
        }
        print_import(&report, locale);
        Ok(())
    }
    .await;
    if let Some(vault) = vault {
        vault.close().await;
    }
    result
}

fn print_import(report: &ImportReport, locale: Locale) {
    for line in &report.accounts {
        let name = name_of(&line.issuer, &line.account);
        match line.duplicate {
            None => println!("+ {name}"),
            Some(Duplicate::Existing(id)) => println!(
                "= {name}\t{} #{}",
                locale.pick("already in the vault as", "déjà dans le coffre :"),
                id.0
            ),
            Some(Duplicate::InImport(index)) => println!(
                "= {name}\t{} {}",
                locale.pick("repeats entry", "répète l’entrée"),
                index + 1
            ),
        }
    }
    let (added, skipped) = (report.added, report.skipped_duplicates);
    let summary = match report.dry_run {
        false => locale.pick(
            format!("Imported {added} account(s) from {}; {skipped} duplicate(s) skipped.", report.format),
            format!("{added} compte(s) importé(s) depuis {} ; {skipped} doublon(s) ignoré(s).", report.format),
        ),
        true => locale.pick(
            format!("Dry run ({}): {added} account(s) would be imported, {skipped} duplicate(s) skipped; nothing saved.", report.format),
            format!("Essai ({}) : {added} compte(s) seraient importés, {skipped} doublon(s) ignoré(s) ; rien n’est enregistré.", report.format),
        ),
    };
    println!("{summary}");
}

pub async fn export(ctx: &Context, args: &ExportArgs) -> Result<(), ErrorReport> {
    let locale = ctx.locale;
    let vault = open(ctx, IfMissing::Fail).await?;
    let result = async {
        let password = if args.backup_password_stdin {
            Some(read_line(locale)?)
        } else {
            None
        };
        let accounts = backup::vault_drafts(&vault).await.map_err(|e| e.report(locale))?;
        let password = password.as_deref().map(String::as_str);
        let kind = match args.format {
            ExportFormat::Migration => return print_migration(&accounts, locale),
            ExportFormat::Kairos => FormatKind::Kairos,
            ExportFormat::Uris => FormatKind::Uris,
            ExportFormat::Aegis => FormatKind::Aegis,
        };
        let exported = backup::format(kind)
            .export(&accounts, password)
            .map_err(|e| backup_report(e, locale))?;
        // clap requires --out for every file format.
        let out = args.out.as_deref().unwrap_or(Path::new(""));
        backup::write_new_file(out, &exported.bytes, args.force)
            .map_err(|e| backup_report(e, locale))?;
        if exported.plaintext_secrets {
            eprintln!(
                "{}",
                locale.pick(
                    format!("warning[backup.plaintext]: {} holds every secret in clear: anyone who reads it can generate your codes — import it where it goes, then delete it.", out.display()),
                    format!("attention[backup.plaintext] : {} contient tous les secrets en clair : qui le lit peut générer vos codes — importez-le là où il doit aller, puis supprimez-le.", out.display()),
                )
            );
        }
        println!(
            "{}",
            locale.pick(
                format!("Exported {} account(s) to {} ({kind}).", accounts.len(), out.display()),
                format!("{} compte(s) exporté(s) dans {} ({kind}).", accounts.len(), out.display()),
            )
        );
        Ok(())
    }
    .await;
    vault.close().await;
    result
}

fn print_migration(accounts: &[AccountDraft], locale: Locale) -> Result<(), ErrorReport> {
    let export = migration::export(accounts);
    for (index, why) in &export.skipped {
        let Some(account) = accounts.get(*index) else {
            continue;
        };
        let reason = match why {
            Unrepresentable::Steam => {
                locale.pick("Steam codes".to_owned(), "codes Steam".to_owned())
            }
            Unrepresentable::Period(period) => locale.pick(
                format!("a {period} s period"),
                format!("une période de {period} s"),
            ),
            Unrepresentable::Digits(digits) => {
                locale.pick(format!("{digits} digits"), format!("{digits} chiffres"))
            }
        };
        eprintln!(
            "{}",
            locale.pick(
                format!("warning[backup.migration_skipped]: {} left out: Google Authenticator does not support {reason}.", name_of(&account.issuer, &account.label)),
                format!("attention[backup.migration_skipped] : {} n’est pas exporté : Google Authenticator ne prend pas en charge {reason}.", name_of(&account.issuer, &account.label)),
            )
        );
    }
    for uri in &export.uris {
        println!("{}", uri.as_str());
    }
    Ok(())
}

fn read_file(path: &Path, locale: Locale) -> Result<Zeroizing<Vec<u8>>, ErrorReport> {
    let unreadable = |source: std::io::Error| {
        CliError::FileUnreadable {
            path: path.to_owned(),
            source,
        }
        .report(locale)
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let limit = backup::MAX_BACKUP_BYTES as u64;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // Sized from the file so the buffer never reallocates and leaves copies.
    let mut bytes = Zeroizing::new(Vec::with_capacity(size.min(limit + 1) as usize));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(BackupError::TooLarge {
            limit: backup::MAX_BACKUP_BYTES,
        }
        .report(locale));
    }
    Ok(bytes)
}

/// The next line of standard input, without its line end.
fn read_line(locale: Locale) -> Result<Zeroizing<String>, ErrorReport> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::PasswordUnreadable(e).report(locale))?;
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(line)
}

/// The core's report, with the command line's own hint where the core's
/// speaks of a dialog.
fn backup_report(error: BackupError, locale: Locale) -> ErrorReport {
    let mut report = error.report(locale);
    if matches!(
        error,
        BackupError::PasswordRequired { .. } | BackupError::EmptyPassword
    ) {
        report.hint = Some(
            locale
                .pick(
                    "Pass --backup-password-stdin and write the backup's password on standard input (after the vault's, with --password-stdin).",
                    "Passez --backup-password-stdin et écrivez le mot de passe de la sauvegarde sur l’entrée standard (après celui du coffre, avec --password-stdin).",
                )
                .to_owned(),
        );
    }
    report
}
