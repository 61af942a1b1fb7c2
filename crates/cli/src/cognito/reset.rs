//! `kairos cognito reset-totp`.

use clap::Args;
use kairos_cognito::CognitoError;
use kairos_cognito::audit::{AuditEntry, AuditResult};
use kairos_cognito::reset::ResetOutcome;
use kairos_core::ErrorReport;

use super::{ConnectArgs, confirm, connect, record, reporter};
use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct ResetArgs {
    #[arg(long)]
    pool: String,
    user: String,
    /// When AdminDeleteSoftwareToken is not offered, turn the user's TOTP off instead
    /// (the older workaround); the user then associates a new authenticator.
    #[arg(long)]
    fallback_disable: bool,
    #[arg(long)]
    yes: bool,
    #[command(flatten)]
    connect: ConnectArgs,
}

pub async fn run(ctx: &Context, args: &ResetArgs) -> Result<(), ErrorReport> {
    let admin = connect(ctx, &args.connect).await?;
    let question = ctx.locale.pick(
        format!("Delete the authenticator of {}?", args.user),
        format!("Supprimer l’authentificateur de {} ?", args.user),
    );
    confirm(ctx, args.yes, &question)?;
    let outcome = admin
        .reset_totp(&args.pool, &args.user, args.fallback_disable)
        .await;
    let (action, result) = match &outcome {
        Ok(ResetOutcome::TotpDisabled) => ("AdminSetUserMFAPreference", AuditResult::Changed),
        Ok(ResetOutcome::Deleted) => ("AdminDeleteSoftwareToken", AuditResult::Changed),
        Err(_) => ("AdminDeleteSoftwareToken", AuditResult::Failed),
    };
    let mut entry = AuditEntry::now(admin.region(), &args.pool, action, result);
    entry.username = Some(args.user.clone());
    entry.after = outcome
        .as_ref()
        .ok()
        .and_then(|o| serde_json::to_string(o).ok());
    entry.error_code = outcome.as_ref().err().map(CognitoError::audit_code);
    record(ctx, &admin, entry).await?;
    let outcome = outcome.map_err(reporter(ctx))?;
    if args.connect.json {
        return print_json(&outcome);
    }
    let text = match outcome {
        ResetOutcome::Deleted => ctx.locale.pick(
            "Authenticator deleted; if the pool requires MFA the user sets up a new one at the next sign-in (MFA_SETUP).",
            "Authentificateur supprimé ; si le groupe exige la MFA, l’utilisateur en configure un nouveau à la prochaine connexion (MFA_SETUP).",
        ),
        ResetOutcome::TotpDisabled => ctx.locale.pick(
            "AdminDeleteSoftwareToken is not offered here; TOTP was turned off for the user instead. Have them associate a new authenticator.",
            "AdminDeleteSoftwareToken n’est pas proposé ici ; le TOTP a été désactivé pour l’utilisateur à la place. Faites-lui associer un nouvel authentificateur.",
        ),
    };
    println!("{text}");
    Ok(())
}
