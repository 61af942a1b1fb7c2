//! `kairos cognito signin`: sign in, answering the authenticator step with the
//! vault's code (and asking the person for a choice or an emailed/texted
//! code when Cognito wants one); prints the claims, never the tokens.

use clap::Args;
use kairos_cognito::signin::{Answer, ChallengeKind, Step};
use kairos_core::otp::{AccountId, code_at};
use kairos_core::vault::Vault;
use kairos_core::{ErrorReport, UserFacing};
use zeroize::Zeroizing;

use super::challenge_prompt::answer_from_person;
use super::signin::{SigninArgs, now, now_reading, print_claims, signin_report};
use crate::error::CliError;
use crate::vault_access::{self, IfMissing};
use crate::{Context, print_json};

#[derive(Debug, Args)]
pub struct UserSigninArgs {
    #[command(flatten)]
    pub signin: SigninArgs,
    /// The vault account whose code answers the MFA step (default: the one
    /// with the pool's issuer and the user name as label).
    #[arg(long)]
    pub account: Option<i64>,
    /// Print the claims as JSON.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(ctx: &Context, args: &UserSigninArgs) -> Result<(), ErrorReport> {
    let vault = vault_access::open(ctx, IfMissing::Fail).await?;
    let result = signin(ctx, &vault, args).await;
    vault.close().await;
    let claims = result?;
    if args.json {
        return print_json(&claims);
    }
    print_claims(&claims);
    Ok(())
}

async fn signin(
    ctx: &Context,
    vault: &Vault,
    args: &UserSigninArgs,
) -> Result<kairos_cognito::signin::TokenClaims, ErrorReport> {
    let locale = ctx.locale;
    let (mut machine, mut step) = super::signin::start(ctx, &args.signin).await?;
    loop {
        let view = match step {
            Step::SignedIn(tokens) => return Ok(tokens.claims()),
            Step::Challenge(view) => view,
        };
        if view.kind != ChallengeKind::SoftwareTokenMfa {
            step = match answer_from_person(ctx, &mut machine, &view).await {
                Some(next) => next?,
                None => {
                    return Err(CliError::SigninStepNotHandled {
                        name: view.kind.aws_name().to_owned(),
                    }
                    .report(locale));
                }
            };
            continue;
        }
        let code = vault_code(ctx, vault, args).await?;
        step = machine
            .answer(Answer::Code(code), now_reading(ctx).await?)
            .await
            .map_err(|e| signin_report(locale, &e))?;
    }
}

/// The current code of the user's vault account.
async fn vault_code(
    ctx: &Context,
    vault: &Vault,
    args: &UserSigninArgs,
) -> Result<Zeroizing<String>, ErrorReport> {
    let report = |e: kairos_core::CoreError| e.report(ctx.locale);
    let account = match args.account {
        Some(id) => vault.account(AccountId(id)).await.map_err(report)?,
        None => {
            let issuer = args.signin.issuer();
            vault
                .list()
                .await
                .map_err(report)?
                .into_iter()
                .find(|a| a.issuer == issuer && a.label == args.signin.username)
                .ok_or_else(|| {
                    CliError::NoCognitoAccount {
                        pool: args.signin.pool.clone(),
                        username: args.signin.username.clone(),
                    }
                    .report(ctx.locale)
                })?
        }
    };
    let secret = vault.secret(account.id).await.map_err(report)?;
    let seconds = now(ctx)
        .await?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let code = code_at(&account.params, &secret, seconds).map_err(report)?;
    Ok(Zeroizing::new(code.value))
}
