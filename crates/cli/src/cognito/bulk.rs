//! `kairos cognito user-mfa set --users-from FILE`: progress on stderr, a result
//! per user on stdout, Ctrl-C stops cleanly and reports what was done.

use std::io::{IsTerminal, Read};

use kairos_cognito::bulk::{BulkAudit, BulkOptions, BulkReport, UserOutcome, apply_to_users};
use kairos_cognito::pacing::RetryPolicy;
use kairos_core::{ErrorReport, UserFacing};
use tokio_util::sync::CancellationToken;

use super::user_mfa::SetArgs;
use super::{audit_log, confirm, connect, reporter};
use crate::error::CliError;
use crate::{Context, print_json};

pub async fn run(ctx: &Context, args: &SetArgs) -> Result<(), ErrorReport> {
    let usernames = read_usernames(ctx, args)?;
    let admin = connect(ctx, &args.connect).await?;
    let pool = admin.pool_mfa(&args.pool).await.map_err(reporter(ctx))?;
    let change = args.change();
    let question = ctx.locale.pick(
        format!(
            "Apply “{}” to {} user(s)?",
            change.describe(),
            usernames.len()
        ),
        format!(
            "Appliquer « {} » à {} utilisateur(s) ?",
            change.describe(),
            usernames.len()
        ),
    );
    confirm(ctx, args.yes, &question)?;
    let log = audit_log(ctx).await?;
    let audit = BulkAudit {
        log: log.clone(),
        profile: admin.profile().map(str::to_owned),
    };
    let options = BulkOptions {
        concurrency: args.concurrency.max(1),
        reads_per_second: args.read_rate,
        updates_per_second: args.rate,
        retry: RetryPolicy::default(),
        locale: ctx.locale,
    };
    let cancel = CancellationToken::new();
    let on_signal = cancel.clone();
    let signal = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_signal.cancel();
        }
    });
    let live = std::io::stderr().is_terminal();
    let report = apply_to_users(
        &admin,
        &args.pool,
        &pool.settings,
        usernames,
        change,
        options,
        Some(audit),
        cancel.clone(),
        |p| {
            if live {
                eprint!(
                    "\r{}/{}  changed {}  unchanged {}  failed {}  cancelled {}",
                    p.done, p.total, p.changed, p.unchanged, p.failed, p.cancelled
                );
            }
        },
    )
    .await;
    signal.abort();
    log.close().await;
    if live {
        eprintln!();
    }
    print_report(ctx, args, &report)?;
    if let Some(error) = report.audit_error {
        return Err(error);
    }
    let p = report.progress;
    if p.failed > 0 || p.cancelled > 0 {
        return Err(CliError::BulkIncomplete {
            failed: p.failed,
            cancelled: p.cancelled,
        }
        .report(ctx.locale));
    }
    Ok(())
}

fn print_report(ctx: &Context, args: &SetArgs, report: &BulkReport) -> Result<(), ErrorReport> {
    if args.connect.json {
        return print_json(report);
    }
    for r in &report.results {
        match &r.outcome {
            UserOutcome::Changed => println!("{}\tchanged", r.username),
            UserOutcome::Unchanged => println!("{}\tunchanged", r.username),
            UserOutcome::Cancelled => println!("{}\tcancelled", r.username),
            UserOutcome::Failed { error } => {
                println!("{}\tfailed\t{}", r.username, error.one_line())
            }
        }
    }
    let p = report.progress;
    eprintln!(
        "{}",
        ctx.locale.pick(
            format!(
                "{} users: {} changed, {} unchanged, {} failed, {} cancelled",
                p.total, p.changed, p.unchanged, p.failed, p.cancelled
            ),
            format!(
                "{} utilisateurs : {} modifiés, {} inchangés, {} en échec, {} annulés",
                p.total, p.changed, p.unchanged, p.failed, p.cancelled
            ),
        )
    );
    Ok(())
}

/// One username per line; blank lines and `#` comments ignored; duplicates once.
fn read_usernames(ctx: &Context, args: &SetArgs) -> Result<Vec<String>, ErrorReport> {
    let Some(path) = &args.users_from else {
        return Ok(Vec::new());
    };
    let unreadable = |source| {
        CliError::FileUnreadable {
            path: path.clone(),
            source,
        }
        .report(ctx.locale)
    };
    let text = if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(unreadable)?;
        text
    } else {
        std::fs::read_to_string(path).map_err(unreadable)?
    };
    let mut seen = std::collections::HashSet::new();
    let names: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| seen.insert(l.to_string()))
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return Err(CliError::NoUsersInFile { path: path.clone() }.report(ctx.locale));
    }
    Ok(names)
}
