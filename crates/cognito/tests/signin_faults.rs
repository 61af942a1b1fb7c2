//! Calls Cognito refuses for their order, their session or their token's
//! scope (moto accepts them all), answered by the fault proxy with AWS's
//! texts: each maps to its catalogue entry and says whether the sign-in must
//! start again; an enrolment keeps the secret it already stored.

mod common;

use std::time::SystemTime;

use common::user_pool::{PoolSpec, UserPassword, UserPool, user_pool};
use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeKind, DEFAULT_SESSION_LIFETIME, EnrolFailure, EnrolOptions,
    SigninMachine, Step, enrol_totp, enrol_totp_signed_in,
};
use kairos_core::vault::{KdfParams, Protection, Vault};
use kairos_harness::{Fault, FaultProxy, Moto};
use zeroize::Zeroizing;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const USER: &str = "alice";
const TEMPORARY: &str = "Temp-Passw0rd!";
const PASSWORD: &str = "Kairos-Passw0rd!";
const NO_SCOPE: &str = "Access Token does not have required scopes";
const WRONG_SESSION: &str = "Invalid session for the user.";
const OUT_OF_ORDER: &str = "Invalid code or auth state for the user.";

async fn vault(dir: &std::path::Path) -> Result<Vault, Box<dyn std::error::Error>> {
    Ok(Vault::create_with(
        dir,
        Protection::Password(Zeroizing::new("vault password".to_owned())),
        KdfParams::insecure_fast_for_tests(),
    )
    .await?)
}

fn options() -> EnrolOptions {
    EnrolOptions {
        issuer: Some("Faults".into()),
        account_name: USER.into(),
        device_name: "Kairos test".into(),
    }
}

/// Now, but not in the last seconds of a 30 s period: moto checks the first
/// code against its own clock with no window. Waiting is not an assertion.
async fn now_inside_a_period() -> SystemTime {
    loop {
        let now = SystemTime::now();
        let into_period = now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 30);
        if into_period < 25 {
            return now;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// The entry, the restart flag and the kept account of an enrolment failure.
fn outcome(failure: &EnrolFailure) -> (Option<&'static str>, bool, bool) {
    let signin = failure.signin();
    (
        signin.and_then(|f| f.catalogue_id()),
        signin.is_some_and(|f| f.restart_needed()),
        failure.kept().is_some(),
    )
}

/// MFA_SETUP pending through the proxy for `user` (who has the temporary
/// password: moto sends MFA_SETUP only after NEW_PASSWORD_REQUIRED).
async fn at_mfa_setup(
    proxy: &FaultProxy,
    pool: &UserPool,
    user: &str,
) -> Result<SigninMachine, Box<dyn std::error::Error>> {
    let (mut machine, mut step) = SigninMachine::start(
        pool.target(&proxy.url()),
        user,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    if matches!(&step, Step::Challenge(view) if view.kind == ChallengeKind::NewPasswordRequired) {
        step = machine
            .answer(
                Answer::NewPassword(Zeroizing::new(PASSWORD.to_owned())),
                SystemTime::now(),
            )
            .await?;
    }
    match step {
        Step::Challenge(view) if view.kind == ChallengeKind::MfaSetup => Ok(machine),
        other => Err(format!("expected MFA_SETUP, got {other:?}").into()),
    }
}

#[tokio::test]
async fn out_of_order_and_wrong_session_during_mfa_setup_need_a_restart() -> TestResult {
    let moto = Moto::start()?;
    let pool = user_pool(
        &common::client(&moto.url()),
        PoolSpec {
            name: "faults",
            totp_required: true,
            client_secret: false,
            username: USER,
            password: UserPassword::Temporary(TEMPORARY),
        },
    )
    .await?;
    let proxy = FaultProxy::start(&moto.url())?;
    let dir = tempfile::tempdir()?;
    let vault = vault(dir.path()).await?;

    // AssociateSoftwareToken with a session Cognito does not know: nothing stored.
    let mut machine = at_mfa_setup(&proxy, &pool, USER).await?;
    proxy.add(
        Fault::cognito(
            "AssociateSoftwareToken",
            "NotAuthorizedException",
            WRONG_SESSION,
        )
        .times(1),
    );
    let Err(failure) = enrol_totp(&mut machine, &vault, SystemTime::now(), options(), |_| {}).await
    else {
        return Err("a wrong session was accepted".into());
    };
    assert_eq!(outcome(&failure), (Some("session-invalid"), true, false));
    assert!(vault.list().await?.is_empty());

    // MFA_SETUP answered "out of order" (Cognito's auth state refusal) after the
    // secret was verified: the secret stays in the vault, unverified; start again.
    let second = "bob";
    common::client(&moto.url())
        .admin_create_user()
        .user_pool_id(&pool.id)
        .username(second)
        .temporary_password(TEMPORARY)
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await?;
    let mut machine = at_mfa_setup(&proxy, &pool, second).await?;
    proxy.add(
        Fault::cognito(
            "RespondToAuthChallenge",
            "CodeMismatchException",
            OUT_OF_ORDER,
        )
        .when_body_contains("\"MFA_SETUP\"")
        .times(1),
    );
    let now = now_inside_a_period().await;
    let Err(failure) = enrol_totp(&mut machine, &vault, now, options(), |_| {}).await else {
        return Err("an out-of-order answer was accepted".into());
    };
    assert_eq!(
        outcome(&failure),
        (Some("code-mismatch-call-order"), true, true)
    );
    let kept = vault.account(failure.kept().ok_or("nothing kept")?).await?;
    assert!(!kept.verified);
    assert!(
        kept.note
            .unwrap_or_default()
            .contains("CodeMismatchException")
    );
    assert_eq!(proxy.injected("RespondToAuthChallenge"), 1);
    vault.close().await;
    Ok(())
}

#[tokio::test]
async fn a_token_without_the_admin_scope_is_explained_and_needs_a_new_sign_in() -> TestResult {
    let moto = Moto::start()?;
    let pool = user_pool(
        &common::client(&moto.url()),
        PoolSpec {
            name: "scopes",
            totp_required: false,
            client_secret: false,
            username: USER,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    let proxy = FaultProxy::start(&moto.url())?;
    let dir = tempfile::tempdir()?;
    let vault = vault(dir.path()).await?;
    let (machine, step) = SigninMachine::start(
        pool.target(&proxy.url()),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert!(matches!(step, Step::SignedIn(_)), "{step:?}");
    let token = machine.access_token().ok_or("no access token")?.to_owned();

    // AssociateSoftwareToken refused for the scope: nothing stored.
    proxy
        .add(Fault::cognito("AssociateSoftwareToken", "NotAuthorizedException", NO_SCOPE).times(1));
    let target = pool.target(&proxy.url());
    let Err(failure) = enrol_totp_signed_in(
        &target,
        &token,
        &vault,
        SystemTime::now(),
        options(),
        |_| {},
    )
    .await
    else {
        return Err("a token without the scope was accepted".into());
    };
    assert_eq!(
        outcome(&failure),
        (Some("token-missing-admin-scope"), true, false)
    );

    // SetUserMFAPreference refused for the scope after the secret was verified: kept.
    proxy.add(Fault::cognito("SetUserMFAPreference", "NotAuthorizedException", NO_SCOPE).times(1));
    let now = now_inside_a_period().await;
    let Err(failure) = enrol_totp_signed_in(&target, &token, &vault, now, options(), |_| {}).await
    else {
        return Err("a token without the scope was accepted".into());
    };
    assert_eq!(
        outcome(&failure),
        (Some("token-missing-admin-scope"), true, true)
    );
    assert_eq!(
        proxy.calls("VerifySoftwareToken"),
        1,
        "verified before the preference"
    );
    assert_eq!(proxy.injected("SetUserMFAPreference"), 1);
    vault.close().await;
    Ok(())
}
