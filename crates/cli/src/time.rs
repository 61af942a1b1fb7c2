//! `kairos time`: measure this computer's clock error against NTP servers and
//! keep it in the data folder, where `kairos code` (and the app) read it.

use clap::Args;
use kairos_core::time::{DEFAULT_SERVERS, Outcome, SignedDuration, SyncResult, TrustedClock};
use kairos_core::{ErrorReport, UserFacing, paths};
use serde::Serialize;

use crate::error::CliError;
use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct TimeArgs {
    /// An NTP server, `host[:port]` (repeatable; default: time.aws.com and time.google.com).
    #[arg(long = "server", value_name = "HOST[:PORT]")]
    servers: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimeReport<'a> {
    /// Seconds to add to this computer's clock; null when no server answered.
    offset_seconds: Option<f64>,
    #[serde(flatten)]
    sync: &'a SyncResult,
}

pub async fn run(ctx: &Context, args: &TimeArgs) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(report)?;
    paths::ensure_data_dir(&dir).map_err(report)?;
    let servers: Vec<String> = if args.servers.is_empty() {
        DEFAULT_SERVERS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        args.servers.clone()
    };
    let clock = TrustedClock::load(&dir).map_err(report)?;
    let sync = clock.sync(&servers).await.map_err(report)?;
    let offset_seconds = sync.offset.map(SignedDuration::as_secs_f64);
    if args.json {
        print_json(&TimeReport {
            offset_seconds,
            sync: &sync,
        })?;
    } else {
        print_table(ctx, &sync);
    }
    match offset_seconds {
        Some(_) => Ok(()),
        None => Err(CliError::NoTimeAnswer.report(ctx.locale)),
    }
}

fn print_table(ctx: &Context, sync: &SyncResult) {
    let ms = |d: Option<SignedDuration>| {
        d.map(|d| format!("{:+.1} ms", d.as_secs_f64() * 1000.0))
            .unwrap_or_else(|| "—".into())
    };
    for r in &sync.reports {
        let outcome = match &r.outcome {
            Outcome::Ok => "ok".to_owned(),
            Outcome::Timeout => ctx.locale.pick("no answer", "pas de réponse").to_owned(),
            Outcome::Rejected(reason) => format!("{reason:?}"),
            Outcome::Unreachable(why) => why.clone(),
            Outcome::Skipped(reason) => format!("{reason:?}"),
        };
        let stratum = r
            .stratum
            .map(|s| s.to_string())
            .unwrap_or_else(|| "—".into());
        println!(
            "{}\t{}\t{}\tstratum {stratum}\t{outcome}",
            r.server,
            ms(r.offset),
            ms(r.delay)
        );
    }
    if let Some(offset) = sync.offset {
        let text = ctx.locale.pick("Clock offset", "Décalage de l’horloge");
        println!(
            "{text}: {:+.3} s ({})",
            offset.as_secs_f64(),
            sync.chosen_from.join(", ")
        );
    }
}
