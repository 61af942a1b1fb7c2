//! `kairos cognito audit [--csv FILE]`.

use std::path::PathBuf;

use clap::Args;
use kairos_cognito::audit::to_csv;
use kairos_core::ErrorReport;

use super::{audit_log, reporter};
use crate::error::CliError;
use crate::{Context, print_json};
use kairos_core::UserFacing;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Write every entry to FILE as CSV (RFC 4180; formula-like cells defused).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Show the newest N entries.
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long)]
    json: bool,
}

pub async fn run(ctx: &Context, args: &AuditArgs) -> Result<(), ErrorReport> {
    let log = audit_log(ctx).await?;
    let entries = log.list(args.limit).await.map_err(reporter(ctx));
    log.close().await;
    let entries = entries?;
    if let Some(path) = &args.csv {
        // Written whole to a temporary file, then renamed: no partial export.
        let temp = path.with_extension("csv.partial");
        std::fs::write(&temp, to_csv(&entries))
            .and_then(|()| std::fs::rename(&temp, path))
            .map_err(|source| {
                let _ = std::fs::remove_file(&temp);
                CliError::FileUnwritable {
                    path: path.clone(),
                    source,
                }
                .report(ctx.locale)
            })?;
        eprintln!(
            "{} {}",
            entries.len(),
            ctx.locale.pick("entries written", "entrées écrites")
        );
        return Ok(());
    }
    if args.json {
        return print_json(&entries);
    }
    for e in &entries {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            e.time,
            e.profile.as_deref().unwrap_or("-"),
            e.region,
            e.pool_id,
            e.username.as_deref().unwrap_or("-"),
            e.action,
            e.result.as_str(),
        );
    }
    Ok(())
}
