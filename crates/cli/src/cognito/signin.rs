//! `kairos cognito enrol|signin`: a user's own sign-in to a user pool (#7),
//! driven by the same [`SigninMachine`] as the app.
//!
//! Standard input, one line each, in this order: the vault password (with the
//! global --password-stdin), the client secret (--client-secret-stdin), the
//! password, then the new password when Cognito asks for one, then any
//! choice or emailed/texted code (see `challenge_prompt`). On a terminal the
//! passwords are asked for without showing the typing.

use std::io::{BufRead, IsTerminal};
use std::time::{Duration, SystemTime};

use clap::{Args, ValueEnum};
use kairos_cognito::signin::{
    AuthFlow, ClientSecret, ClockReading, DEFAULT_SESSION_LIFETIME, SigninFailure, SigninMachine,
    SigninTarget, Step, TokenClaims,
};
use kairos_core::{ErrorReport, Locale, UserFacing};
use zeroize::Zeroizing;

use crate::Context;
use crate::error::CliError;

/// Which user pool app client and user: `enrol` and `signin` take these.
#[derive(Debug, Clone, Args)]
pub struct SigninArgs {
    /// The user pool id (REGION_ID).
    #[arg(long)]
    pub pool: String,
    /// The app client id.
    #[arg(long)]
    pub client: String,
    /// Read the app client's secret from standard input (before the password).
    #[arg(long)]
    pub client_secret_stdin: bool,
    /// The user name (or an alias such as the email).
    #[arg(long)]
    pub username: String,
    /// The pool's region (default: the pool id's prefix).
    #[arg(long)]
    pub region: Option<String>,
    /// Endpoint override, e.g. a local emulator (default: AWS_ENDPOINT_URL or AWS).
    #[arg(long = "endpoint-url", visible_alias = "endpoint")]
    pub endpoint: Option<String>,
    /// The vault account's issuer (default: "AWS Cognito: POOL_ID").
    #[arg(long)]
    pub issuer: Option<String>,
    /// How to sign in: SRP (the password is never sent), password (sent over
    /// TLS), or user-auth (Cognito lists the ways this user may sign in:
    /// password, a code by email or SMS; passkeys are not supported here).
    #[arg(long, value_enum, default_value_t = Flow::Srp)]
    pub flow: Flow,
    /// With --flow user-auth: the first factor to use straight away if the
    /// pool allows it, instead of choosing from a list.
    #[arg(long, value_enum, requires = "flow")]
    pub first_factor: Option<FirstFactor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Flow {
    Srp,
    Password,
    UserAuth,
}

/// USER_AUTH's first factors this client can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FirstFactor {
    Password,
    PasswordSrp,
    EmailOtp,
    SmsOtp,
}

impl FirstFactor {
    fn aws_name(self) -> &'static str {
        match self {
            FirstFactor::Password => "PASSWORD",
            FirstFactor::PasswordSrp => "PASSWORD_SRP",
            FirstFactor::EmailOtp => "EMAIL_OTP",
            FirstFactor::SmsOtp => "SMS_OTP",
        }
    }

    /// A code by email or SMS: no password is read.
    fn is_code(self) -> bool {
        matches!(self, FirstFactor::EmailOtp | FirstFactor::SmsOtp)
    }
}

impl SigninArgs {
    pub fn auth_flow(&self) -> AuthFlow {
        match self.flow {
            Flow::Srp => AuthFlow::UserSrp,
            Flow::Password => AuthFlow::UserPassword,
            Flow::UserAuth => AuthFlow::UserAuth,
        }
    }

    /// The vault issuer the account is stored under.
    pub fn issuer(&self) -> String {
        self.issuer
            .clone()
            .unwrap_or_else(|| format!("AWS Cognito: {}", self.pool))
    }

    /// The target, reading the client secret from stdin when asked to.
    pub fn target(&self, ctx: &Context) -> Result<SigninTarget, ErrorReport> {
        let client_secret = if self.client_secret_stdin {
            Some(ClientSecret::new(read_line(ctx)?.as_str()))
        } else {
            None
        };
        let region = self.region.clone().unwrap_or_else(|| {
            self.pool
                .split_once('_')
                .map_or("us-east-1", |(region, _)| region)
                .to_owned()
        });
        Ok(SigninTarget {
            region,
            endpoint: self.endpoint.clone().or_else(|| {
                std::env::var("AWS_ENDPOINT_URL")
                    .ok()
                    .filter(|url| !url.trim().is_empty())
            }),
            pool_id: self.pool.clone(),
            client_id: self.client.clone(),
            client_secret,
        })
    }
}

/// The app client's session lifetime is not known here: Cognito's default.
pub const SESSION_LIFETIME: Duration = DEFAULT_SESSION_LIFETIME;

/// Reads the password and sends the first sign-in request: both commands
/// begin so. With `--flow user-auth --first-factor email-otp` (or sms-otp)
/// no password is read.
pub async fn start(ctx: &Context, args: &SigninArgs) -> Result<(SigninMachine, Step), ErrorReport> {
    let target = args.target(ctx)?;
    let first_factor = args.first_factor.filter(|_| args.flow == Flow::UserAuth);
    let secret = if first_factor.is_some_and(FirstFactor::is_code) {
        Zeroizing::new(String::new())
    } else {
        password(ctx, "Password", "Mot de passe")?
    };
    let at = now(ctx).await?;
    let started = match first_factor {
        Some(factor) => {
            SigninMachine::start_user_auth(
                target,
                &args.username,
                secret,
                Some(factor.aws_name()),
                at,
                SESSION_LIFETIME,
            )
            .await
        }
        None => {
            SigninMachine::start(
                target,
                &args.username,
                secret,
                args.auth_flow(),
                at,
                SESSION_LIFETIME,
            )
            .await
        }
    };
    started.map_err(|e| signin_report(ctx.locale, &e))
}

/// The trusted clock now, with its measured offset: a refused authenticator
/// code then says whether the clock or the secret is to blame.
pub async fn now_reading(ctx: &Context) -> Result<ClockReading, ErrorReport> {
    let clock = crate::time::open_clock(ctx).await?;
    if clock.due() {
        // A failed measurement is not an error: the reading then has no offset.
        let _ = clock.sync_now().await;
    }
    let reading = ClockReading::of(&clock);
    clock.close().await;
    Ok(reading)
}

/// Now by the trusted clock, as `kairos code` computes codes.
pub async fn now(ctx: &Context) -> Result<SystemTime, ErrorReport> {
    let now = crate::accounts::trusted_now(ctx).await?;
    Ok(SystemTime::UNIX_EPOCH + now.since_epoch())
}

/// A password: asked on the terminal without echo, or the next stdin line.
pub fn password(
    ctx: &Context,
    what_en: &str,
    what_fr: &str,
) -> Result<Zeroizing<String>, ErrorReport> {
    if std::io::stdin().is_terminal() {
        eprint!(
            "{}",
            ctx.locale
                .pick(format!("{what_en}: "), format!("{what_fr} : "))
        );
        // Reads from the terminal with echo off, restored afterwards.
        return rpassword::read_password()
            .map(Zeroizing::new)
            .map_err(|e| CliError::PasswordUnreadable(e).report(ctx.locale));
    }
    read_line(ctx)
}

/// One line from standard input, without its line ending.
pub(super) fn read_line(ctx: &Context) -> Result<Zeroizing<String>, ErrorReport> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::PasswordUnreadable(e).report(ctx.locale))?;
    let kept = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(kept);
    Ok(line)
}

/// A sign-in failure as a report; a catalogue entry's cause is printed first
/// (its fix is the report's hint).
pub fn signin_report(locale: Locale, failure: &SigninFailure) -> ErrorReport {
    if let Some(entry) = failure.catalogue_entry() {
        eprintln!(
            "{} [{}]: {}",
            locale.pick("Cause", "Cause"),
            entry.id,
            entry.cause.get(locale)
        );
    }
    failure.report(locale)
}

/// The claims as text lines (never the tokens).
pub fn print_claims(claims: &TokenClaims) {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    let time = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), |s| s.to_string());
    println!("username\t{}", or_dash(&claims.username));
    println!("sub\t{}", or_dash(&claims.sub));
    println!("email\t{}", or_dash(&claims.email));
    println!("issuer\t{}", or_dash(&claims.issuer));
    println!("client\t{}", or_dash(&claims.client_id));
    println!("issued_at\t{}", time(claims.issued_at));
    println!("expires_at\t{}", time(claims.expires_at));
    if !claims.groups.is_empty() {
        println!("groups\t{}", claims.groups.join(","));
    }
}
