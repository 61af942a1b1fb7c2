//! `kairos`: the same core as the desktop app, for scripts and administrators.
//!
//! Exit codes: 0 success; 1 a failure reported as one line on stderr
//! (`error[code]: message — hint`); 2 a usage error.

mod accounts;
mod backup;
mod cognito;
mod error;
mod explain;
mod info;
mod scan;
mod time;
mod vault_access;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use error::CliError;
use kairos_core::{ErrorReport, Locale, UserFacing};

#[derive(Debug, Parser)]
#[command(
    name = "kairos",
    version,
    about = "Kairos: one-time codes on trusted time, and Cognito MFA administration"
)]
struct Cli {
    /// Data folder (default: the OS data folder, e.g. ~/.local/share/kairos).
    #[arg(long, global = true, env = kairos_core::paths::DATA_DIR_ENV)]
    data_dir: Option<PathBuf>,
    /// Language of messages: en or fr (default: from KAIROS_LANG / LANG).
    #[arg(long, global = true, value_parser = parse_locale)]
    lang: Option<Locale>,
    /// Read the vault's password from standard input (one line), for password vaults.
    #[arg(long, global = true)]
    password_stdin: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Accounts(accounts::AccountCommand),
    /// Import accounts from a backup: Aegis, 2FAS, otpauth URI list, Kairos.
    Import(backup::ImportArgs),
    /// Export every account: Kairos backup, URI list, Aegis, or Google Authenticator links.
    Export(backup::ExportArgs),
    /// Measure the clock's error against NTP servers; `kairos code` then corrects it.
    Time(time::TimeArgs),
    /// Print the QR codes in image files; --add saves their accounts.
    Scan(scan::ScanArgs),
    /// Version and the folders Kairos uses.
    Info(info::InfoArgs),
    /// Amazon Cognito administration.
    #[command(subcommand)]
    Cognito(Box<cognito::CognitoCommand>),
    /// Explain a Cognito error: paste its code, its message or AWS's JSON answer.
    Explain(explain::ExplainArgs),
}

fn parse_locale(tag: &str) -> Result<Locale, String> {
    Locale::from_tag(tag).ok_or_else(|| format!("unknown language {tag:?}; use en or fr"))
}

/// What a subcommand gives back: printed as text or JSON by the caller.
pub(crate) struct Context {
    pub data_dir: Option<PathBuf>,
    pub locale: Locale,
    pub password_stdin: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context {
        data_dir: cli.data_dir,
        locale: cli.lang.unwrap_or_else(Locale::from_env),
        password_stdin: cli.password_stdin,
    };
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Runtime(e).report(ctx.locale))
        .and_then(|runtime| {
            runtime.block_on(async {
                match cli.command {
                    Command::Accounts(command) => accounts::run(&ctx, command).await,
                    Command::Import(args) => backup::import(&ctx, &args).await,
                    Command::Export(args) => backup::export(&ctx, &args).await,
                    Command::Time(args) => time::run(&ctx, &args).await,
                    Command::Info(args) => info::run(&ctx, &args),
                    Command::Scan(args) => scan::run(&ctx, &args).await,
                    Command::Cognito(command) => cognito::run(&ctx, *command).await,
                    Command::Explain(args) => explain::run(&ctx, &args),
                }
            })
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("{}", report.one_line());
            ExitCode::FAILURE
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), ErrorReport> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Json(e).report(Locale::from_env()))?;
    println!("{text}");
    Ok(())
}
