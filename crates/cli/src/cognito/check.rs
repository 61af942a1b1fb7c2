//! `kairos cognito …`: administration of Amazon Cognito user pools.

use clap::{Args, Subcommand};
use kairos_cognito::{CognitoAdmin, ConnectOptions, UserPoolSummary};
use kairos_core::{ErrorReport, UserFacing};
use serde::Serialize;

use crate::{Context, print_json};

#[derive(Debug, Subcommand)]
pub enum CognitoCommand {
    /// Connect with the standard AWS configuration and count the user pools.
    Check(ConnectArgs),
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// AWS region (default: from AWS_REGION or the profile).
    #[arg(long)]
    region: Option<String>,
    /// Endpoint override, e.g. a local emulator (default: AWS_ENDPOINT_URL or AWS).
    #[arg(long)]
    endpoint: Option<String>,
    /// AWS profile from ~/.aws/config (default: AWS_PROFILE or "default").
    #[arg(long)]
    profile: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckResult {
    region: String,
    endpoint: Option<String>,
    pools: Vec<UserPoolSummary>,
}

pub async fn run(ctx: &Context, command: CognitoCommand) -> Result<(), ErrorReport> {
    match command {
        CognitoCommand::Check(args) => check(ctx, &args).await,
    }
}

async fn check(ctx: &Context, args: &ConnectArgs) -> Result<(), ErrorReport> {
    let options = ConnectOptions {
        region: args.region.clone(),
        endpoint_url: args.endpoint.clone(),
        profile: args.profile.clone(),
    };
    let report = |e: kairos_cognito::CognitoError| e.report(ctx.locale);
    let admin = CognitoAdmin::connect(&options).await.map_err(report)?;
    let pools = admin.list_user_pools().await.map_err(report)?;
    let result = CheckResult {
        region: admin.region().to_owned(),
        endpoint: admin.endpoint_url().map(str::to_owned),
        pools,
    };
    if args.json {
        return print_json(&result);
    }
    let heading = ctx
        .locale
        .pick("user pools in", "groupes d’utilisateurs dans");
    println!("{} {heading} {}", result.pools.len(), admin.target());
    for pool in &result.pools {
        println!("{}\t{}", pool.id, pool.name);
    }
    Ok(())
}
