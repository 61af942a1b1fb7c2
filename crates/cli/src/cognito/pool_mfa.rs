//! `kairos cognito pool-mfa get|set`.

use clap::{Args, Subcommand, ValueEnum};
use kairos_cognito::audit::{AuditEntry, AuditResult};
use kairos_cognito::pool_mfa::{EmailMfa, MfaMode, PoolMfaSettings, WebAuthn};
use kairos_cognito::pool_plan::PoolMfaPlan;
use kairos_cognito::preflight::Severity;
use kairos_cognito::{CognitoAdmin, CognitoError};
use kairos_core::{ErrorReport, Locale, UserFacing};

use super::{ConnectArgs, confirm, connect, record, reporter};
use crate::{Context, print_json};

#[derive(Debug, Subcommand)]
pub enum PoolMfaCommand {
    /// Show the pool's MFA configuration.
    Get {
        #[arg(long)]
        pool: String,
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Change it: shows the differences and the pre-flight findings, then asks.
    Set(SetArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mode {
    Off,
    On,
    Optional,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(long)]
    pool: String,
    /// MfaConfiguration.
    #[arg(long)]
    mfa: Option<Mode>,
    /// TOTP (authenticator apps).
    #[arg(long)]
    totp: Option<Switch>,
    /// SMS: the IAM role Cognito assumes to send through SNS (turns SMS on).
    #[arg(long)]
    sms_role_arn: Option<String>,
    #[arg(long)]
    sms_external_id: Option<String>,
    #[arg(long)]
    sms_region: Option<String>,
    /// SMS text; must contain {####}.
    #[arg(long)]
    sms_message: Option<String>,
    /// Remove the SMS configuration.
    #[arg(long, conflicts_with = "sms_role_arn")]
    no_sms: bool,
    /// Email MFA (needs the pool's email sent through SES).
    #[arg(long)]
    email: Option<Switch>,
    #[arg(long)]
    email_subject: Option<String>,
    #[arg(long)]
    email_message: Option<String>,
    /// WebAuthn relying party id (a domain you own, not a public suffix).
    #[arg(long)]
    webauthn_rp_id: Option<String>,
    /// WebAuthn user verification: required or preferred.
    #[arg(long)]
    webauthn_user_verification: Option<String>,
    /// Apply without asking (scripts).
    #[arg(long)]
    yes: bool,
    /// Show the plan only.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    connect: ConnectArgs,
}

pub async fn run(ctx: &Context, command: PoolMfaCommand) -> Result<(), ErrorReport> {
    match command {
        PoolMfaCommand::Get {
            pool,
            connect: args,
        } => {
            let admin = connect(ctx, &args).await?;
            let config = admin.pool_mfa(&pool).await.map_err(reporter(ctx))?;
            if args.json {
                return print_json(&config);
            }
            print_settings(&config.settings);
            Ok(())
        }
        PoolMfaCommand::Set(args) => set(ctx, &args).await,
    }
}

fn print_settings(s: &PoolMfaSettings) {
    let plan_fields = kairos_cognito::pool_plan::diff(
        &PoolMfaSettings {
            mode: MfaMode::Off,
            totp_enabled: !s.totp_enabled,
            sms: None,
            email: None,
            web_authn: None,
        },
        s,
    );
    println!("mfa\t{}", s.mode.as_str());
    println!("totp\t{}", if s.totp_enabled { "on" } else { "off" });
    for change in plan_fields
        .iter()
        .filter(|c| c.field != "mfa" && c.field != "totp")
    {
        println!("{}\t{}", change.field, change.after);
    }
}

fn wanted(current: &PoolMfaSettings, args: &SetArgs) -> PoolMfaSettings {
    let mut after = current.clone();
    if let Some(mode) = args.mfa {
        after.mode = match mode {
            Mode::Off => MfaMode::Off,
            Mode::On => MfaMode::On,
            Mode::Optional => MfaMode::Optional,
        };
    }
    if let Some(totp) = args.totp {
        after.totp_enabled = matches!(totp, Switch::On);
    }
    if args.no_sms {
        after.sms = None;
    } else if args.sms_role_arn.is_some()
        || args.sms_external_id.is_some()
        || args.sms_region.is_some()
        || args.sms_message.is_some()
    {
        let mut sms = after.sms.take().unwrap_or_default();
        if let Some(arn) = &args.sms_role_arn {
            sms.role_arn = arn.clone();
        }
        sms.external_id = args.sms_external_id.clone().or(sms.external_id);
        sms.sns_region = args.sms_region.clone().or(sms.sns_region);
        sms.message = args.sms_message.clone().or(sms.message);
        after.sms = Some(sms);
    }
    match args.email {
        Some(Switch::Off) => after.email = None,
        Some(Switch::On) => {
            after.email.get_or_insert_with(EmailMfa::default);
        }
        None => {}
    }
    if let Some(email) = after.email.as_mut() {
        email.subject = args.email_subject.clone().or(email.subject.take());
        email.message = args.email_message.clone().or(email.message.take());
    }
    if args.webauthn_rp_id.is_some() || args.webauthn_user_verification.is_some() {
        let web = after.web_authn.get_or_insert_with(WebAuthn::default);
        web.relying_party_id = args.webauthn_rp_id.clone().or(web.relying_party_id.take());
        web.user_verification = args
            .webauthn_user_verification
            .clone()
            .or(web.user_verification.take());
    }
    after
}

async fn set(ctx: &Context, args: &SetArgs) -> Result<(), ErrorReport> {
    let admin = connect(ctx, &args.connect).await?;
    let report = reporter(ctx);
    let current = admin.pool_mfa(&args.pool).await.map_err(&report)?;
    let after = wanted(&current.settings, args);
    let affected = if after.mode == MfaMode::On && current.settings.mode != MfaMode::On {
        admin
            .users_without_factor(&args.pool, current.facts.estimated_users)
            .await
            .map_err(&report)?
    } else {
        None
    };
    let plan = PoolMfaPlan::new(&current, after, affected);
    if args.connect.json && (args.dry_run || plan.refusal().is_some()) {
        print_json(&plan)?;
    } else if !args.connect.json {
        print_plan(&plan, ctx.locale);
    }
    if let Some(refusal) = plan.refusal() {
        return Err(CognitoError::Preflight {
            check: refusal.clone(),
        }
        .report(ctx.locale));
    }
    if args.dry_run || plan.is_noop() {
        return Ok(());
    }
    let question = ctx
        .locale
        .pick("Apply these changes?", "Appliquer ces changements ?");
    confirm(ctx, args.yes, question)?;
    apply(ctx, &admin, &plan).await?;
    if args.connect.json {
        return print_json(&plan);
    }
    println!("{}", ctx.locale.pick("Applied.", "Appliqué."));
    Ok(())
}

async fn apply(ctx: &Context, admin: &CognitoAdmin, plan: &PoolMfaPlan) -> Result<(), ErrorReport> {
    let sent = admin.set_pool_mfa(&plan.pool_id, &plan.after).await;
    let result = if sent.is_ok() {
        AuditResult::Changed
    } else {
        AuditResult::Failed
    };
    let mut entry = AuditEntry::now(
        admin.region(),
        &plan.pool_id,
        "SetUserPoolMfaConfig",
        result,
    );
    entry.before = serde_json::to_string(&plan.before).ok();
    entry.after = serde_json::to_string(&plan.after).ok();
    entry.error_code = sent.as_ref().err().map(CognitoError::audit_code);
    record(ctx, admin, entry).await?;
    sent.map_err(reporter(ctx))
}

fn print_plan(plan: &PoolMfaPlan, locale: Locale) {
    if plan.is_noop() {
        println!("{}", locale.pick("No change.", "Aucun changement."));
    }
    for change in &plan.changes {
        println!("{}\t{} → {}", change.field, change.before, change.after);
    }
    for check in &plan.checks {
        let label = match check.severity() {
            Severity::Refusal => locale.pick("refused", "refusé"),
            Severity::Warning => locale.pick("warning", "attention"),
            Severity::Note => locale.pick("note", "note"),
        };
        let hint = check
            .hint(locale)
            .map(|h| format!(" — {h}"))
            .unwrap_or_default();
        eprintln!("{label}[{}]: {}{hint}", check.code(), check.message(locale));
    }
}
