//! `kairos time`: measure this computer's clock error against NTP servers
//! (or the Cognito endpoint's `Date` header when none answers), show what is
//! remembered, and change the time settings. Everything is kept in the data
//! folder's `time.db`, where `kairos code` and the app read it.

use std::path::Path;

use clap::{ArgAction, Args, Subcommand};
use kairos_core::time::{
    ClockStatus, ClockWarning, HttpDateOutcome, HttpDateReport, Outcome, SignedDuration,
    SyncResult, TimeSettings, TimeSource, TrustedClock, http_fallback_url,
};
use kairos_core::{ErrorReport, Locale, UserFacing, paths};
use serde::Serialize;

use crate::error::CliError;
use crate::{Context, print_json};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TimeArgs {
    #[command(subcommand)]
    command: Option<TimeCommand>,
    /// An NTP server, `host[:port]` (repeatable; default: the configured list,
    /// time.aws.com and time.google.com unless changed).
    #[arg(long = "server", value_name = "HOST[:PORT]")]
    servers: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum TimeCommand {
    /// What is known without asking anyone: offset in use, its source, warnings.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the time settings.
    Config(ConfigArgs),
}

#[derive(Debug, Args)]
struct ConfigArgs {
    /// Use network time (default).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Use the system clock as is and never ask a time server.
    #[arg(long)]
    disable: bool,
    /// Replace the server list (comma-separated `host[:port]`).
    #[arg(long, value_delimiter = ',', value_name = "HOST[:PORT],...")]
    servers: Option<Vec<String>>,
    /// Warn when the clock is off by more than this many seconds.
    #[arg(long, value_name = "SECONDS")]
    threshold: Option<u32>,
    /// Read the Cognito endpoint's Date header when no NTP server answers.
    #[arg(long, value_name = "on|off", value_parser = parse_on_off, action = ArgAction::Set)]
    http_fallback: Option<bool>,
    #[arg(long)]
    json: bool,
}

fn parse_on_off(text: &str) -> Result<bool, String> {
    match text {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        _ => Err(format!("{text:?}: use on or off")),
    }
}

/// The trusted clock for this data folder, its `Date` fallback pointed at
/// the Cognito endpoint.
pub async fn open_clock(ctx: &Context) -> Result<TrustedClock, ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(report)?;
    paths::ensure_data_dir(&dir).map_err(report)?;
    open_clock_in(&dir).await.map_err(|e| e.report(ctx.locale))
}

async fn open_clock_in(dir: &Path) -> Result<TrustedClock, kairos_core::CoreError> {
    Ok(TrustedClock::open(dir)
        .await?
        .with_http_fallback(http_fallback_url(None)))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimeReport<'a> {
    /// Seconds to add to this computer's clock; null when nothing answered.
    offset_seconds: Option<f64>,
    #[serde(flatten)]
    sync: &'a SyncResult,
}

pub async fn run(ctx: &Context, args: &TimeArgs) -> Result<(), ErrorReport> {
    let clock = open_clock(ctx).await?;
    let result = match &args.command {
        None => measure(ctx, &clock, args).await,
        Some(TimeCommand::Status { json }) => {
            let status = clock.status();
            if *json {
                print_json(&status)
            } else {
                println!("{}", status_line(ctx.locale, &status));
                Ok(())
            }
        }
        Some(TimeCommand::Config(config)) => configure(ctx, &clock, config).await,
    };
    clock.close().await;
    result
}

async fn measure(ctx: &Context, clock: &TrustedClock, args: &TimeArgs) -> Result<(), ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let sync = if args.servers.is_empty() {
        clock.sync_now().await
    } else {
        clock.sync(&args.servers).await
    }
    .map_err(report)?;
    let offset_seconds = sync.offset.map(SignedDuration::as_secs_f64);
    if args.json {
        print_json(&TimeReport {
            offset_seconds,
            sync: &sync,
        })?;
    } else {
        print_table(ctx.locale, &sync);
        println!("{}", status_line(ctx.locale, &clock.status()));
    }
    match offset_seconds {
        Some(_) => Ok(()),
        None => Err(CliError::NoTimeAnswer.report(ctx.locale)),
    }
}

async fn configure(
    ctx: &Context,
    clock: &TrustedClock,
    args: &ConfigArgs,
) -> Result<(), ErrorReport> {
    let mut settings: TimeSettings = clock.settings();
    if args.enable {
        settings.enabled = true;
    }
    if args.disable {
        settings.enabled = false;
    }
    if let Some(servers) = &args.servers {
        settings.servers = servers.clone();
    }
    if let Some(threshold) = args.threshold {
        settings.warning_threshold_seconds = threshold;
    }
    if let Some(fallback) = args.http_fallback {
        settings.http_fallback = fallback;
    }
    // Showing the settings writes nothing.
    let changing = args.enable
        || args.disable
        || args.servers.is_some()
        || args.threshold.is_some()
        || args.http_fallback.is_some();
    let settings = if changing {
        clock
            .set_settings(settings)
            .await
            .map_err(|e| e.report(ctx.locale))?
    } else {
        settings
    };
    if args.json {
        return print_json(&settings);
    }
    let on_off = |b: bool| if b { "on" } else { "off" };
    println!("enabled\t{}", on_off(settings.enabled));
    println!("servers\t{}", settings.servers.join(","));
    println!("threshold\t{} s", settings.warning_threshold_seconds);
    println!("http-fallback\t{}", on_off(settings.http_fallback));
    Ok(())
}

fn ms(duration: Option<SignedDuration>) -> String {
    duration
        .map(|d| format!("{:+.1} ms", d.as_secs_f64() * 1000.0))
        .unwrap_or_else(|| "—".into())
}

fn print_table(locale: Locale, sync: &SyncResult) {
    for r in &sync.reports {
        let stratum = r
            .stratum
            .map(|s| s.to_string())
            .unwrap_or_else(|| "—".into());
        println!(
            "{}\t{}\t{}\tstratum {stratum}\t{}",
            r.server,
            ms(r.offset),
            ms(r.delay),
            outcome_text(locale, &r.outcome)
        );
    }
    if let Some(http) = &sync.http_date {
        println!(
            "{}\t{}\t{}\tDate\t{}",
            http.url,
            ms(http.offset),
            ms(http.delay),
            http_text(locale, http)
        );
    }
}

fn outcome_text(locale: Locale, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ok => "ok".to_owned(),
        Outcome::Timeout => locale.pick("no answer", "pas de réponse").to_owned(),
        Outcome::Rejected(reason) => format!("{}: {reason:?}", locale.pick("rejected", "rejeté")),
        Outcome::Unreachable(why) => {
            format!("{}: {why}", locale.pick("unreachable", "injoignable"))
        }
        Outcome::Skipped(reason) => {
            format!("{}: {reason:?}", locale.pick("not asked", "non interrogé"))
        }
    }
}

fn http_text(locale: Locale, report: &HttpDateReport) -> String {
    match &report.outcome {
        HttpDateOutcome::Ok => "ok".to_owned(),
        HttpDateOutcome::Timeout => locale.pick("no answer", "pas de réponse").to_owned(),
        HttpDateOutcome::Unreachable(why) => {
            format!("{}: {why}", locale.pick("unreachable", "injoignable"))
        }
        HttpDateOutcome::NoDate => locale
            .pick("no Date header", "pas d’en-tête Date")
            .to_owned(),
        HttpDateOutcome::BadDate(text) => {
            format!("{}: {text}", locale.pick("bad Date", "Date invalide"))
        }
    }
}

/// One line: the offset in use, where it comes from, and any warning.
pub fn status_line(locale: Locale, status: &ClockStatus) -> String {
    let offset = status.offset.as_secs_f64();
    let source = match &status.source {
        TimeSource::Ntp { servers } => format!("NTP ({})", servers.join(", ")),
        TimeSource::HttpDate { url } => format!("HTTP Date ({url})"),
        TimeSource::System => locale.pick("system clock", "horloge du système").to_owned(),
        TimeSource::Persisted { aged, origin, .. } => {
            let what = match aged {
                true => locale.pick(
                    "last measurement, over a day old",
                    "dernière mesure, de plus d’un jour",
                ),
                false => locale.pick("last measurement", "dernière mesure"),
            };
            format!("{what}: {origin}")
        }
    };
    let mut line = format!(
        "{}: {offset:+.3} s ({source})",
        locale.pick("Clock offset", "Décalage de l’horloge")
    );
    for warning in &status.warnings {
        line.push_str(" — ");
        line.push_str(&warning_text(locale, warning));
    }
    line
}

pub fn warning_text(locale: Locale, warning: &ClockWarning) -> String {
    match warning {
        ClockWarning::Unsynchronised => locale
            .pick(
                "unsynchronised: codes use the system clock",
                "non synchronisée : les codes utilisent l’horloge du système",
            )
            .to_owned(),
        ClockWarning::LastSyncFailed => locale
            .pick(
                "the last sync got no answer",
                "la dernière synchronisation n’a reçu aucune réponse",
            )
            .to_owned(),
        ClockWarning::AgedOffset => locale
            .pick("measured over a day ago", "mesuré il y a plus d’un jour")
            .to_owned(),
        ClockWarning::LargeOffset { offset } => match locale {
            Locale::En => format!(
                "this computer's clock is off by {:+.1} s: fix it (timedatectl set-ntp true)",
                offset.as_secs_f64()
            ),
            Locale::Fr => format!(
                "l’horloge de cet ordinateur est décalée de {:+.1} s : corrigez-la (timedatectl set-ntp true)",
                offset.as_secs_f64()
            ),
        },
        ClockWarning::Disabled => locale
            .pick(
                "network time is off: codes use the system clock",
                "heure réseau désactivée : les codes utilisent l’horloge du système",
            )
            .to_owned(),
        ClockWarning::MixedSmearing => locale
            .pick(
                "the server list mixes leap-smearing servers (AWS, Google) with others",
                "la liste mêle des serveurs qui lissent la seconde intercalaire (AWS, Google) et d’autres",
            )
            .to_owned(),
    }
}
