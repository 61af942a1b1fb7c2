//! `kairos cognito …`: administration of Amazon Cognito user pools.

mod audit;
mod bulk;
mod challenge_prompt;
mod check;
mod enrol;
mod pool_mfa;
mod pools;
mod reset;
mod signin;
mod user_mfa;
mod user_signin;
mod users;

use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};
use kairos_cognito::audit::{AUDIT_FILE, AuditEntry, AuditLog};
use kairos_cognito::{CognitoAdmin, CognitoError, ConnectOptions};
use kairos_core::{ErrorReport, UserFacing, paths};

use crate::Context;
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum CognitoCommand {
    /// Connect with the standard AWS configuration and count the user pools.
    Check(ConnectArgs),
    /// The AWS profiles found in your AWS config files, and Cognito's regions.
    Profiles(check::ProfilesArgs),
    /// List the user pools of the account in the region.
    Pools(ConnectArgs),
    /// A pool's MFA configuration: read it, or change it after pre-flight checks.
    #[command(subcommand)]
    PoolMfa(pool_mfa::PoolMfaCommand),
    /// List a pool's users, page by page, optionally filtered by Cognito.
    Users(users::UsersArgs),
    /// A user's MFA state, or change one user's (or many users') preferences.
    #[command(subcommand)]
    UserMfa(user_mfa::UserMfaCommand),
    /// Delete a user's authenticator (AdminDeleteSoftwareToken).
    ResetTotp(reset::ResetArgs),
    /// The log of changes made through Kairos; --csv exports it.
    Audit(audit::AuditArgs),
    /// A user's first sign-in: password (temporary, then new) and an
    /// authenticator enrolled into the vault.
    Enrol(enrol::EnrolArgs),
    /// Sign in as a user, answering the MFA step with the vault's code; prints the claims.
    Signin(user_signin::UserSigninArgs),
}

/// Where to connect: every Cognito command takes these.
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// AWS region (default: from AWS_REGION or the profile).
    #[arg(long)]
    region: Option<String>,
    /// Endpoint override, e.g. a local emulator (default: AWS_ENDPOINT_URL or AWS).
    #[arg(long = "endpoint-url", visible_alias = "endpoint")]
    endpoint_url: Option<String>,
    /// AWS profile from ~/.aws/config (default: AWS_PROFILE or "default").
    #[arg(long)]
    profile: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub async fn run(ctx: &Context, command: CognitoCommand) -> Result<(), ErrorReport> {
    match command {
        CognitoCommand::Check(args) => check::check(ctx, &args).await,
        CognitoCommand::Profiles(args) => check::profiles(&args),
        CognitoCommand::Pools(args) => pools::run(ctx, &args).await,
        CognitoCommand::PoolMfa(command) => pool_mfa::run(ctx, command).await,
        CognitoCommand::Users(args) => users::run(ctx, &args).await,
        CognitoCommand::UserMfa(command) => user_mfa::run(ctx, command).await,
        CognitoCommand::ResetTotp(args) => reset::run(ctx, &args).await,
        CognitoCommand::Audit(args) => audit::run(ctx, &args).await,
        CognitoCommand::Enrol(args) => enrol::run(ctx, &args).await,
        CognitoCommand::Signin(args) => user_signin::run(ctx, &args).await,
    }
}

/// Connects as `args` say; errors in the reader's language.
async fn connect(ctx: &Context, args: &ConnectArgs) -> Result<CognitoAdmin, ErrorReport> {
    let options = ConnectOptions {
        region: args.region.clone(),
        endpoint_url: args.endpoint_url.clone(),
        profile: args.profile.clone(),
    };
    CognitoAdmin::connect(&options)
        .await
        .map_err(|e| e.report(ctx.locale))
}

fn reporter(ctx: &Context) -> impl Fn(CognitoError) -> ErrorReport + '_ {
    move |e| e.report(ctx.locale)
}

/// The audit log in the data folder, created on first use.
async fn audit_log(ctx: &Context) -> Result<AuditLog, ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let dir = paths::resolve_data_dir(ctx.data_dir.as_deref()).map_err(report)?;
    paths::ensure_data_dir(&dir).map_err(report)?;
    AuditLog::open(&dir.join(AUDIT_FILE))
        .await
        .map_err(reporter(ctx))
}

/// Records one entry; a failure to record is reported after the change was made.
async fn record(
    ctx: &Context,
    admin: &CognitoAdmin,
    mut entry: AuditEntry,
) -> Result<(), ErrorReport> {
    entry.profile = admin.profile().map(str::to_owned);
    let log = audit_log(ctx).await?;
    let result = log.record(&entry).await.map_err(reporter(ctx));
    log.close().await;
    result
}

/// Asks "question [y/N]" on a terminal; refuses without one (scripts pass --yes).
fn confirm(ctx: &Context, yes: bool, question: &str) -> Result<(), ErrorReport> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::ChangeNotConfirmed.report(ctx.locale));
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes" | "o" | "O" | "oui") {
        Ok(())
    } else {
        Err(CliError::ChangeNotConfirmed.report(ctx.locale))
    }
}
