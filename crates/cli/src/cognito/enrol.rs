//! `kairos cognito enrol`: first sign-in with a temporary password, a new
//! password, and an authenticator enrolled into the vault.

use clap::Args;
use kairos_cognito::signin::{
    Answer, ChallengeKind, EnrolFailure, EnrolOptions, EnrolOutcome, EnrolProgress, Step,
    enrol_totp, enrol_totp_signed_in,
};
use kairos_core::vault::Vault;
use kairos_core::{ErrorReport, Locale, UserFacing};

use super::challenge_prompt::answer_from_person;
use super::signin::{SigninArgs, now, password, signin_report};
use crate::Context;
use crate::error::CliError;
use crate::vault_access::{self, IfMissing};

#[derive(Debug, Args)]
pub struct EnrolArgs {
    #[command(flatten)]
    pub signin: SigninArgs,
    /// Read the new password (when Cognito asks for one) from standard input,
    /// after the password, instead of asking.
    #[arg(long)]
    pub new_password_stdin: bool,
}

pub async fn run(ctx: &Context, args: &EnrolArgs) -> Result<(), ErrorReport> {
    let vault = vault_access::open(ctx, IfMissing::Create).await?;
    let result = enrol(ctx, &vault, args).await;
    vault.close().await;
    let outcome = result?;
    println!(
        "{}\t{}\t{}\t{}",
        ctx.locale.pick("account", "compte"),
        outcome.account.id.0,
        outcome.account.issuer,
        outcome.account.label
    );
    Ok(())
}

async fn enrol(
    ctx: &Context,
    vault: &Vault,
    args: &EnrolArgs,
) -> Result<EnrolOutcome, ErrorReport> {
    let locale = ctx.locale;
    let (mut machine, mut step) = super::signin::start(ctx, &args.signin).await?;
    let options = EnrolOptions {
        issuer: Some(args.signin.issuer()),
        account_name: args.signin.username.clone(),
        device_name: "Kairos CLI".to_owned(),
    };
    loop {
        let view = match step {
            // MFA is optional in this pool: add the authenticator signed in.
            Step::SignedIn(_) => {
                let access_token = machine.access_token().unwrap_or_default().to_owned();
                let result = enrol_totp_signed_in(
                    machine.target(),
                    &access_token,
                    vault,
                    now(ctx).await?,
                    options,
                    |p| print_progress(locale, p),
                )
                .await;
                return result.map_err(|e| enrol_report(locale, &e));
            }
            Step::Challenge(view) => view,
        };
        match view.kind {
            ChallengeKind::NewPasswordRequired => {
                if !args.new_password_stdin && !std::io::IsTerminal::is_terminal(&std::io::stdin())
                {
                    return Err(CliError::NewPasswordRequired.report(locale));
                }
                let new_password = password(ctx, "New password", "Nouveau mot de passe")?;
                step = machine
                    .answer(Answer::NewPassword(new_password), now(ctx).await?)
                    .await
                    .map_err(|e| signin_report(locale, &e))?;
            }
            ChallengeKind::MfaSetup => {
                let result = enrol_totp(&mut machine, vault, now(ctx).await?, options, |p| {
                    print_progress(locale, p)
                })
                .await;
                return result.map_err(|e| enrol_report(locale, &e));
            }
            _ => {
                step = match answer_from_person(ctx, &mut machine, &view).await {
                    Some(next) => next?,
                    None => {
                        return Err(CliError::SigninStepNotHandled {
                            name: view.kind.aws_name().to_owned(),
                        }
                        .report(locale));
                    }
                };
            }
        }
    }
}

fn print_progress(locale: Locale, progress: EnrolProgress) {
    let text = match progress {
        EnrolProgress::Associating => locale.pick(
            "Asking Cognito for a secret…".to_owned(),
            "Demande d’un secret à Cognito…".to_owned(),
        ),
        EnrolProgress::Stored { account } => locale.pick(
            format!(
                "Secret stored in the vault (account {}, not verified yet).",
                account.0
            ),
            format!(
                "Secret enregistré dans le coffre (compte {}, pas encore vérifié).",
                account.0
            ),
        ),
        EnrolProgress::Verifying => locale.pick(
            "Verifying the first code…".to_owned(),
            "Vérification du premier code…".to_owned(),
        ),
        EnrolProgress::Completing => locale.pick(
            "Finishing the sign-in…".to_owned(),
            "Fin de la connexion…".to_owned(),
        ),
        EnrolProgress::SettingPreference => locale.pick(
            "Making the authenticator the preferred MFA…".to_owned(),
            "Authentificateur choisi comme MFA préférée…".to_owned(),
        ),
        EnrolProgress::Done { account } => locale.pick(
            format!("Account {} verified.", account.0),
            format!("Compte {} vérifié.", account.0),
        ),
    };
    eprintln!("{text}");
}

/// An enrolment failure; says which vault account kept the secret, if any.
fn enrol_report(locale: Locale, failure: &EnrolFailure) -> ErrorReport {
    if let Some(id) = failure.kept() {
        eprintln!(
            "{}",
            locale.pick(
                format!(
                    "The secret is kept in vault account {}, not verified.",
                    id.0
                ),
                format!(
                    "Le secret reste dans le compte {} du coffre, non vérifié.",
                    id.0
                ),
            )
        );
    }
    match failure.signin() {
        Some(signin) => signin_report(locale, signin),
        None => failure.report(locale),
    }
}
