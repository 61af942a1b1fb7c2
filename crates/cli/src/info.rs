//! `kairos info`: version and folders, the CLI twin of the app's About box.

use clap::Args;
use kairos_core::{ErrorReport, UserFacing, paths};
use serde::Serialize;

use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    version: &'static str,
    data_dir: String,
    locale: kairos_core::Locale,
}

pub fn run(ctx: &Context, args: &InfoArgs) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let data_dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(report)?;
    paths::ensure_data_dir(&data_dir).map_err(report)?;
    let info = Info {
        version: kairos_core::VERSION,
        data_dir: data_dir.display().to_string(),
        locale: ctx.locale,
    };
    if args.json {
        return print_json(&info);
    }
    let (version, folder) = ctx.locale.pick(
        ("Version", "Data folder"),
        ("Version", "Dossier de données"),
    );
    println!("Kairos");
    println!("{version}: {}", info.version);
    println!("{folder}: {}", info.data_dir);
    Ok(())
}
