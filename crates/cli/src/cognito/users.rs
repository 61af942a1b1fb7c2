//! `kairos cognito users`: rows printed page by page as Cognito sends them.

use std::ops::ControlFlow;

use clap::Args;
use kairos_cognito::users::{UserFilter, UserSummary};
use kairos_core::{ErrorReport, UserFacing};

use super::{ConnectArgs, connect, reporter};
use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[arg(long)]
    pool: String,
    /// Cognito's server-side filter: username^=PREFIX, email^=PREFIX or status=STATUS.
    #[arg(long)]
    filter: Option<String>,
    /// Free text kept from the loaded rows (any column, case-insensitive).
    #[arg(long)]
    search: Option<String>,
    /// Stop after this many rows.
    #[arg(long)]
    limit: Option<usize>,
    #[command(flatten)]
    connect: ConnectArgs,
}

pub async fn run(ctx: &Context, args: &UsersArgs) -> Result<(), ErrorReport> {
    let filter = args
        .filter
        .as_deref()
        .map(UserFilter::parse)
        .transpose()
        .map_err(|e| e.report(ctx.locale))?;
    let admin = connect(ctx, &args.connect).await?;
    let mut kept: Vec<UserSummary> = Vec::new();
    let limit = args.limit.unwrap_or(usize::MAX);
    let json = args.connect.json;
    admin
        .list_users(&args.pool, filter.as_ref(), |page| {
            for user in page {
                if kept.len() >= limit {
                    break;
                }
                if args.search.as_deref().is_some_and(|s| !user.matches(s)) {
                    continue;
                }
                if !json {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        user.username,
                        user.status,
                        if user.enabled { "enabled" } else { "disabled" },
                        user.email.as_deref().unwrap_or("-"),
                        user.phone.as_deref().unwrap_or("-"),
                    );
                }
                kept.push(user.clone());
            }
            if kept.len() >= limit {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .await
        .map_err(reporter(ctx))?;
    if json {
        return print_json(&kept);
    }
    Ok(())
}
