//! `kairos init|add|list|code|next|rename|remove|uri`: the authenticator from a shell.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};
use kairos_core::backup::ImportPlan;
use kairos_core::clock::{Clock, FixedClock, SystemClock};
use kairos_core::otp::{self, Account, AccountDraft, AccountId, OtpKind};
use kairos_core::time::ClockWarning;
use kairos_core::vault::Vault;
use kairos_core::{ErrorReport, UserFacing, uri};
use serde::Serialize;

use crate::error::CliError;
use crate::vault_access::{IfMissing, open};
use crate::{Context, print_json};

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create the vault (keyring-protected, or with --password-stdin a password).
    Init,
    /// Add an account from an otpauth:// URI ("-" reads it from standard input),
    /// or every account of a Google Authenticator otpauth-migration:// link.
    Add {
        uri: String,
        #[arg(long)]
        json: bool,
    },
    /// List accounts (no secrets, no codes).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Current codes, for every account or those whose issuer or name match QUERY.
    Code(CodeArgs),
    /// Advance an HOTP account's counter and print its new code.
    Next {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change an account's issuer and/or name.
    Rename {
        id: i64,
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        label: Option<String>,
    },
    /// Delete an account (asks for confirmation unless --yes).
    Remove {
        id: i64,
        #[arg(long)]
        yes: bool,
    },
    /// Reveal an account's otpauth:// URI, secret included.
    Uri { id: i64 },
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Part of an issuer or account name (case-insensitive).
    query: Option<String>,
    /// Compute codes at this instant (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<u64>,
    /// Use the system clock as is, ignoring the offset `kairos time` measured.
    #[arg(long, conflicts_with = "at")]
    system_clock: bool,
    #[arg(long)]
    json: bool,
}

/// One line of `kairos code --json`.
#[derive(Debug, Serialize)]
struct CodeLine {
    id: AccountId,
    issuer: String,
    account: String,
    code: String,
    /// Seconds per code; null for HOTP.
    period: Option<u32>,
    /// Seconds until this code expires; null for HOTP.
    remaining: Option<u64>,
}

pub async fn run(ctx: &Context, command: AccountCommand) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    if let AccountCommand::Init = command {
        let vault = open(ctx, IfMissing::Create).await?;
        let text = ctx.locale.pick("Vault ready:", "Coffre prêt :");
        println!("{text} {}", vault.path().display());
        vault.close().await;
        return Ok(());
    }
    let if_missing = match command {
        AccountCommand::Add { .. } => IfMissing::Create,
        _ => IfMissing::Fail,
    };
    let vault = open(ctx, if_missing).await?;
    let result = match command {
        AccountCommand::Init => Ok(()),
        AccountCommand::Add { uri, json } => add(ctx, &vault, &uri, json).await,
        AccountCommand::List { json } => list(&vault, json).await.map_err(report),
        AccountCommand::Code(args) => codes(ctx, &vault, &args).await,
        AccountCommand::Next { id, json } => next(ctx, &vault, AccountId(id), json).await,
        AccountCommand::Rename { id, issuer, label } => {
            rename(&vault, AccountId(id), issuer, label)
                .await
                .map_err(report)
        }
        AccountCommand::Remove { id, yes } => remove(ctx, &vault, AccountId(id), yes).await,
        AccountCommand::Uri { id } => reveal_uri(&vault, AccountId(id)).await.map_err(report),
    };
    vault.close().await;
    result
}

async fn add(ctx: &Context, vault: &Vault, text: &str, json: bool) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let text = if text == "-" {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::PasswordUnreadable(e).report(ctx.locale))?;
        line
    } else {
        zeroize::Zeroizing::new(text.to_owned())
    };
    if uri::migration::is_migration_uri(&text) {
        return add_migration(ctx, vault, &text, json).await;
    }
    let draft = uri::parse(text.trim()).map_err(report)?;
    if let Some(warning) =
        otp::cognito_algorithm_warning(&draft.issuer, &draft.label, &draft.params)
    {
        eprintln!(
            "{}",
            warning
                .report(ctx.locale)
                .one_line()
                .replacen("error", "warning", 1)
        );
    }
    let account = vault.add(draft).await.map_err(report)?;
    if json {
        return print_json(&account);
    }
    let added = ctx.locale.pick("Added", "Ajouté");
    println!("{added} #{} {}", account.id.0, display_name(&account));
    Ok(())
}

/// Every account of a Google Authenticator export code, in one transaction;
/// accounts already in the vault (same secret) are skipped and counted.
async fn add_migration(
    ctx: &Context,
    vault: &Vault,
    text: &str,
    json: bool,
) -> Result<(), ErrorReport> {
    let locale = ctx.locale;
    let batch = uri::migration::parse(text).map_err(|e| e.report(locale))?;
    let (index, size) = (batch.batch_index, batch.batch_size);
    let plan = ImportPlan::new(vault, batch.accounts)
        .await
        .map_err(|e| e.report(locale))?;
    let outcome = plan.commit(vault).await.map_err(|e| e.report(locale))?;
    if size > 1 {
        eprintln!(
            "{}",
            locale.pick(
                format!(
                    "note: this is code {} of {size} of the export: add the others too.",
                    index + 1
                ),
                format!(
                    "note : c’est le code {} sur {size} de l’export : ajoutez aussi les autres.",
                    index + 1
                ),
            )
        );
    }
    if json {
        return print_json(&outcome);
    }
    let added = locale.pick("Added", "Ajouté");
    for account in &outcome.added {
        println!("{added} #{} {}", account.id.0, display_name(account));
    }
    if outcome.skipped_duplicates > 0 {
        println!(
            "{}",
            locale.pick(
                format!(
                    "{} account(s) already in the vault, skipped.",
                    outcome.skipped_duplicates
                ),
                format!(
                    "{} compte(s) déjà dans le coffre, ignoré(s).",
                    outcome.skipped_duplicates
                ),
            )
        );
    }
    Ok(())
}

async fn list(vault: &Vault, json: bool) -> Result<(), kairos_core::CoreError> {
    let accounts = vault.list().await?;
    if json {
        // Serialisation of plain data cannot fail; an empty list is the fallback.
        println!(
            "{}",
            serde_json::to_string_pretty(&accounts).unwrap_or_else(|_| "[]".into())
        );
        return Ok(());
    }
    for account in &accounts {
        println!(
            "{}\t{}\t{}",
            account.id.0,
            kind_name(&account.params.kind),
            display_name(account)
        );
    }
    Ok(())
}

/// Now by the trusted clock: the offset last measured (by `kairos time`, the
/// app, or an earlier `kairos code`), measured again first when it is due
/// (every 30 minutes; 5 after a failure), so a script calling `kairos code`
/// every second asks the network at most that often.
pub(crate) async fn trusted_now(
    ctx: &Context,
) -> Result<kairos_core::clock::UnixTime, ErrorReport> {
    let clock = crate::time::open_clock(ctx).await?;
    if clock.due() {
        // A failed measurement is not an error: the status says so below.
        let _ = clock.sync_now().await;
    }
    for warning in &clock.status().warnings {
        if !matches!(
            warning,
            ClockWarning::Disabled | ClockWarning::MixedSmearing
        ) {
            eprintln!(
                "{}: {}",
                ctx.locale.pick("warning", "attention"),
                crate::time::warning_text(ctx.locale, warning)
            );
        }
    }
    let now = clock.now();
    clock.close().await;
    Ok(now)
}

async fn codes(ctx: &Context, vault: &Vault, args: &CodeArgs) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let now = match (args.at, args.system_clock) {
        (Some(at), _) => FixedClock(at).now(),
        (None, true) => SystemClock.now(),
        (None, false) => trusted_now(ctx).await?,
    };
    let query = args.query.as_deref().map(str::to_lowercase);
    let mut lines = Vec::new();
    for (account, secret) in vault.accounts_with_secrets().await.map_err(report)? {
        if let Some(q) = &query {
            let haystack = format!("{} {}", account.issuer, account.label).to_lowercase();
            if !haystack.contains(q.as_str()) {
                continue;
            }
        }
        let secret = secret.map_err(report)?;
        let code = otp::code_at(&account.params, &secret, now.seconds()).map_err(report)?;
        lines.push(CodeLine {
            id: account.id,
            issuer: account.issuer.clone(),
            account: account.label.clone(),
            code: code.value,
            period: account.params.period(),
            remaining: code.remaining_seconds,
        });
    }
    if args.json {
        return print_json(&lines);
    }
    let mut out = std::io::stdout().lock();
    for line in &lines {
        let remaining = line
            .remaining
            .map(|r| format!("{r:>2}s"))
            .unwrap_or_else(|| "   ".into());
        let name = name_of(&line.issuer, &line.account);
        let _ = writeln!(out, "{}\t{remaining}\t{name}", line.code);
    }
    Ok(())
}

async fn next(ctx: &Context, vault: &Vault, id: AccountId, json: bool) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    vault.advance_hotp_counter(id).await.map_err(report)?;
    let account = vault.account(id).await.map_err(report)?;
    let secret = vault.secret(id).await.map_err(report)?;
    // HOTP ignores the time; the instant only matters to the type.
    let code = otp::code_at(&account.params, &secret, 0).map_err(report)?;
    if json {
        return print_json(&code);
    }
    println!("{}", code.value);
    Ok(())
}

async fn rename(
    vault: &Vault,
    id: AccountId,
    issuer: Option<String>,
    label: Option<String>,
) -> Result<(), kairos_core::CoreError> {
    let account = vault.account(id).await?;
    let issuer = issuer.unwrap_or(account.issuer);
    let label = label.unwrap_or(account.label);
    vault.rename(id, &issuer, &label).await
}

async fn remove(ctx: &Context, vault: &Vault, id: AccountId, yes: bool) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let account = vault.account(id).await.map_err(report)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::ConfirmationRequired.report(ctx.locale));
        }
        let question = ctx.locale.pick("Delete", "Supprimer");
        eprint!("{question} {}? [y/N] ", display_name(&account));
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "o" | "O" | "oui") {
            return Err(CliError::ConfirmationRequired.report(ctx.locale));
        }
    }
    vault.delete(id).await.map_err(report)
}

async fn reveal_uri(vault: &Vault, id: AccountId) -> Result<(), kairos_core::CoreError> {
    let account = vault.account(id).await?;
    let draft = AccountDraft {
        issuer: account.issuer,
        label: account.label,
        params: account.params,
        secret: vault.secret(id).await?,
    };
    println!("{}", uri::render(&draft).as_str());
    Ok(())
}

pub(crate) fn display_name(account: &Account) -> String {
    name_of(&account.issuer, &account.label)
}

/// "Issuer (label)" for a terminal. Names come from QR codes anyone can make:
/// control characters are replaced so none can drive the terminal.
pub(crate) fn name_of(issuer: &str, label: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { '\u{fffd}' } else { c })
            .collect()
    };
    match (clean(issuer), clean(label)) {
        (issuer, label) if issuer.is_empty() => label,
        (issuer, label) if label.is_empty() => issuer,
        (issuer, label) => format!("{issuer} ({label})"),
    }
}

pub(crate) fn kind_name(kind: &OtpKind) -> &'static str {
    match kind {
        OtpKind::Totp { .. } => "totp",
        OtpKind::Hotp { .. } => "hotp",
        OtpKind::Steam => "steam",
    }
}
