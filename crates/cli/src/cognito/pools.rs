//! `kairos cognito pools`.

use kairos_core::ErrorReport;

use super::{ConnectArgs, connect, reporter};
use crate::{Context, print_json};

pub async fn run(ctx: &Context, args: &ConnectArgs) -> Result<(), ErrorReport> {
    let admin = connect(ctx, args).await?;
    let pools = admin.list_user_pools().await.map_err(reporter(ctx))?;
    if args.json {
        return print_json(&pools);
    }
    for pool in &pools {
        println!("{}\t{}", pool.id, pool.name);
    }
    Ok(())
}
