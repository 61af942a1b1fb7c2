//! `kairos cognito check` and `kairos cognito profiles`.

use clap::Args;
use kairos_cognito::UserPoolSummary;
use kairos_cognito::profiles::{AwsProfile, COGNITO_REGIONS, list_profiles};
use kairos_core::ErrorReport;
use serde::Serialize;

use super::{ConnectArgs, connect, reporter};
use crate::{Context, print_json};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckResult {
    region: String,
    endpoint: Option<String>,
    pools: Vec<UserPoolSummary>,
}

pub async fn check(ctx: &Context, args: &ConnectArgs) -> Result<(), ErrorReport> {
    let admin = connect(ctx, args).await?;
    let pools = admin.list_user_pools().await.map_err(reporter(ctx))?;
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

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ProfilesResult {
    profiles: Vec<AwsProfile>,
    regions: &'static [&'static str],
}

pub fn profiles(args: &ProfilesArgs) -> Result<(), ErrorReport> {
    let result = ProfilesResult {
        profiles: list_profiles(),
        regions: COGNITO_REGIONS,
    };
    if args.json {
        return print_json(&result);
    }
    for profile in &result.profiles {
        let sso = if profile.uses_sso { "\tsso" } else { "" };
        let region = profile.region.as_deref().unwrap_or("-");
        println!("{}\t{region}{sso}", profile.name);
    }
    Ok(())
}
