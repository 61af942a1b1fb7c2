//! `kairos cognito user-mfa get|set`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use kairos_cognito::CognitoError;
use kairos_cognito::audit::{AuditEntry, AuditResult};
use kairos_cognito::preflight::Severity;
use kairos_cognito::user_mfa::{Factor, FactorSetting, MfaPreferenceChange, check_user_change};
use kairos_core::{ErrorReport, UserFacing};

use super::{ConnectArgs, connect, record, reporter};
use crate::error::CliError;
use crate::{Context, print_json};

#[derive(Debug, Subcommand)]
pub enum UserMfaCommand {
    /// A user's MFA factors, preferred factor, phone and email verification.
    Get {
        #[arg(long)]
        pool: String,
        user: String,
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Change one user's preferences, or many with --users-from.
    Set(SetArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Preference {
    Off,
    On,
    Preferred,
}

impl Preference {
    fn setting(self) -> FactorSetting {
        FactorSetting {
            enabled: !matches!(self, Preference::Off),
            preferred: matches!(self, Preference::Preferred),
        }
    }
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(long)]
    pub pool: String,
    /// The user (or give --users-from).
    #[arg(required_unless_present = "users_from", conflicts_with = "users_from")]
    pub user: Option<String>,
    /// A file with one username per line ("-" for standard input): bulk change.
    #[arg(long, value_name = "FILE")]
    pub users_from: Option<PathBuf>,
    #[arg(long)]
    pub sms: Option<Preference>,
    #[arg(long)]
    pub totp: Option<Preference>,
    #[arg(long)]
    pub email: Option<Preference>,
    /// Bulk: users in flight at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Bulk: AdminSetUserMFAPreference calls per second (0: no limit).
    #[arg(long, default_value_t = 20.0)]
    pub rate: f64,
    /// Bulk: AdminGetUser calls per second (0: no limit).
    #[arg(long, default_value_t = 100.0)]
    pub read_rate: f64,
    /// Apply without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

impl SetArgs {
    pub fn change(&self) -> MfaPreferenceChange {
        let mut change = MfaPreferenceChange::default();
        for (factor, pref) in [
            (Factor::Sms, self.sms),
            (Factor::Totp, self.totp),
            (Factor::Email, self.email),
        ] {
            if let Some(pref) = pref {
                change.set(factor, pref.setting());
            }
        }
        change
    }
}

pub async fn run(ctx: &Context, command: UserMfaCommand) -> Result<(), ErrorReport> {
    match command {
        UserMfaCommand::Get {
            pool,
            user,
            connect: args,
        } => {
            let admin = connect(ctx, &args).await?;
            let view = admin.user_mfa(&pool, &user).await.map_err(reporter(ctx))?;
            if args.json {
                return print_json(&view);
            }
            let or_dash = |v: Option<&str>| v.unwrap_or("-").to_owned();
            println!("user\t{}", view.username);
            println!("status\t{}", view.status);
            println!("enabled\t{}", view.enabled);
            println!(
                "mfa\t{}",
                if view.mfa_settings.is_empty() {
                    "-".to_owned()
                } else {
                    view.mfa_settings.join(",")
                }
            );
            println!("preferred\t{}", or_dash(view.preferred.as_deref()));
            println!(
                "phone\t{}\tverified={}",
                or_dash(view.phone.as_deref()),
                view.phone_verified
            );
            println!(
                "email\t{}\tverified={}",
                or_dash(view.email.as_deref()),
                view.email_verified
            );
            Ok(())
        }
        UserMfaCommand::Set(args) => {
            if args.change().is_empty() {
                return Err(CliError::NoPreferenceGiven.report(ctx.locale));
            }
            if args.users_from.is_some() {
                super::bulk::run(ctx, &args).await
            } else {
                set_one(ctx, &args).await
            }
        }
    }
}

async fn set_one(ctx: &Context, args: &SetArgs) -> Result<(), ErrorReport> {
    let user = args.user.clone().unwrap_or_default();
    let admin = connect(ctx, &args.connect).await?;
    let pool = admin.pool_mfa(&args.pool).await.map_err(reporter(ctx))?;
    let change = args.change();
    let before = admin
        .user_mfa(&args.pool, &user)
        .await
        .map_err(reporter(ctx))?;
    for check in check_user_change(&before, &pool.settings, &change)
        .iter()
        .filter(|c| c.severity() != Severity::Refusal)
    {
        eprintln!("warning[{}]: {}", check.code(), check.message(ctx.locale));
    }
    let outcome = admin
        .change_user_mfa(&args.pool, &pool.settings, &user, &change)
        .await;
    let result = match &outcome {
        Ok(c) if c.changed => AuditResult::Changed,
        Ok(_) => AuditResult::Unchanged,
        Err(_) => AuditResult::Failed,
    };
    if result != AuditResult::Unchanged {
        let mut entry = AuditEntry::now(
            admin.region(),
            &args.pool,
            "AdminSetUserMFAPreference",
            result,
        );
        entry.username = Some(user.clone());
        entry.before = serde_json::to_string(&before).ok();
        entry.after = match &outcome {
            Ok(c) => serde_json::to_string(&c.after).ok(),
            Err(_) => Some(change.describe()),
        };
        entry.error_code = outcome.as_ref().err().map(CognitoError::audit_code);
        record(ctx, &admin, entry).await?;
    }
    let outcome = outcome.map_err(reporter(ctx))?;
    if args.connect.json {
        return print_json(&outcome);
    }
    let text = if outcome.changed {
        ctx.locale.pick("changed", "modifié")
    } else {
        ctx.locale.pick("unchanged", "inchangé")
    };
    println!("{user}\t{text}");
    Ok(())
}
