//! The sign-in machine against moto's Cognito (TOTP checking on): a temporary
//! password, a new one, an authenticator enrolled into a real SQLite vault,
//! then sign-ins answered with the vault's codes; and the sessions Kairos
//! refuses itself (used twice, expired).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod common;

use aws_sdk_cognitoidentityprovider::Client;
use common::user_pool::{PoolSpec, UserPassword, user_pool};
use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeKind, ClientSecret, ClockCheck, ClockReading,
    DEFAULT_SESSION_LIFETIME, EnrolOptions, EnrolProgress, FailureCounter, MAX_SESSION_LIFETIME,
    SigninError, SigninFailure, SigninMachine, SigninTarget, Step, enrol_totp,
    enrol_totp_signed_in,
};
use kairos_core::otp::{OtpParams, code_at};
use kairos_core::vault::{KdfParams, Protection, Vault};
use kairos_core::{Locale, UserFacing};
use kairos_harness::{Fault, FaultProxy, Moto};
use zeroize::Zeroizing;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const TEMPORARY: &str = "Temp-Passw0rd!";
const PASSWORD: &str = "Kairos-Passw0rd!";
const USER: &str = "alice";

/// The administrator's client (moto wants some keys); the machine itself uses none.
fn admin(endpoint: &str) -> Client {
    common::client(endpoint)
}

/// A pool requiring TOTP, a client allowing USER_PASSWORD_AUTH, and `alice`
/// with a temporary password. Returns (pool id, client id).
async fn pool(cognito: &Client) -> Result<(String, String), Box<dyn std::error::Error>> {
    let pool = user_pool(
        cognito,
        PoolSpec {
            name: "signin",
            totp_required: true,
            client_secret: false,
            username: USER,
            password: UserPassword::Temporary(TEMPORARY),
        },
    )
    .await?;
    Ok((pool.id, pool.client_id))
}

fn target(moto: &Moto, pool_id: &str, client_id: &str) -> SigninTarget {
    SigninTarget {
        region: "us-east-1".into(),
        endpoint: Some(moto.url()),
        pool_id: pool_id.into(),
        client_id: client_id.into(),
        client_secret: None,
    }
}

/// Now, but not in the last seconds of a 30 s period: moto checks a code
/// against its own clock with no window, so a code computed just before a
/// period ends could be checked just after. Waiting is not an assertion.
async fn now_inside_a_period() -> SystemTime {
    loop {
        let now = SystemTime::now();
        let into_period = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 30);
        if into_period < 25 {
            return now;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

fn challenge(step: &Step) -> Option<&ChallengeKind> {
    match step {
        Step::Challenge(view) => Some(&view.kind),
        Step::SignedIn(_) => None,
    }
}

async fn sign_in_to_totp(
    moto: &Moto,
    pool_id: &str,
    client_id: &str,
) -> Result<SigninMachine, Box<dyn std::error::Error>> {
    let (machine, step) = SigninMachine::start(
        target(moto, pool_id, client_id),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::SoftwareTokenMfa));
    Ok(machine)
}

#[tokio::test]
async fn temporary_password_new_password_enrolment_then_totp_sign_ins() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let (pool_id, client_id) = pool(&cognito).await?;
    let dir = tempfile::tempdir()?;
    let vault = Vault::create_with(
        dir.path(),
        Protection::Password(Zeroizing::new("vault password".to_owned())),
        KdfParams::insecure_fast_for_tests(),
    )
    .await?;

    // Temporary password → NEW_PASSWORD_REQUIRED → MFA_SETUP.
    let (mut machine, step) = SigninMachine::start(
        target(&moto, &pool_id, &client_id),
        USER,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::NewPasswordRequired));
    let step = machine
        .answer(
            Answer::NewPassword(Zeroizing::new(PASSWORD.to_owned())),
            SystemTime::now(),
        )
        .await?;
    let Step::Challenge(view) = step else {
        return Err("no MFA_SETUP after the new password".into());
    };
    assert_eq!(view.kind, ChallengeKind::MfaSetup);
    // Moto sends a Python list's repr; it must still be read.
    assert_eq!(view.mfas_can_setup, ["SOFTWARE_TOKEN_MFA"]);

    // Enrolment: the vault account ends verified, with the sign-in's claims.
    let mut events = Vec::new();
    let outcome = enrol_totp(
        &mut machine,
        &vault,
        now_inside_a_period().await,
        EnrolOptions {
            issuer: None,
            account_name: USER.into(),
            device_name: "Kairos test".into(),
        },
        |event| events.push(event),
    )
    .await?;
    assert!(outcome.account.verified);
    assert_eq!(outcome.account.note, None);
    assert_eq!(outcome.account.issuer, format!("AWS Cognito: {pool_id}"));
    assert_eq!(outcome.claims.username.as_deref(), Some(USER));
    assert!(machine.access_token().is_some());
    assert_eq!(events.first(), Some(&EnrolProgress::Associating));
    assert_eq!(
        events.last(),
        Some(&EnrolProgress::Done {
            account: outcome.account.id
        })
    );
    let stored = vault.list().await?;
    assert_eq!(stored.len(), 1);
    assert!(stored[0].verified);

    // A wrong code: refused by Cognito, explained by the catalogue, no restart needed.
    let secret = vault.secret(outcome.account.id).await?;
    let mut machine = sign_in_to_totp(&moto, &pool_id, &client_id).await?;
    let now = now_inside_a_period().await;
    let unix = now.duration_since(UNIX_EPOCH)?.as_secs();
    let right = code_at(&OtpParams::default_totp(), &secret, unix)?.value;
    let wrong = format!("{:06}", (right.parse::<u32>()? + 1) % 1_000_000);
    // The trusted clock measured this device 1.2 s behind network time: the
    // clock is not the cause, and the explanation says so.
    let reading = ClockReading {
        now,
        offset_ms: Some(1_200),
    };
    let refused = machine
        .answer(Answer::Code(Zeroizing::new(wrong.clone())), reading)
        .await;
    match &refused {
        Err(failure @ SigninFailure::Refused { aws_code, .. }) => {
            assert_eq!(aws_code, "CodeMismatchException");
            assert_eq!(failure.catalogue_id(), Some("code-mismatch-clock-skew"));
            assert!(!failure.restart_needed());
            assert_eq!(
                failure.clock_check(),
                Some(ClockCheck::Fine { offset_ms: 1_200 })
            );
            let message = failure.message(Locale::En);
            assert!(message.contains("secret is likely wrong"), "{message}");
        }
        other => return Err(format!("wrong code gave {other:?}").into()),
    }
    // Measured 95 s ahead: the explanation blames the clock, with the figure.
    let mut skewed = sign_in_to_totp(&moto, &pool_id, &client_id).await?;
    let refused = skewed
        .answer(
            Answer::Code(Zeroizing::new(wrong)),
            ClockReading {
                now,
                offset_ms: Some(-95_000),
            },
        )
        .await;
    let Err(failure) = refused else {
        return Err("a wrong code signed in".into());
    };
    assert_eq!(
        failure.clock_check(),
        Some(ClockCheck::Off { offset_ms: -95_000 })
    );
    assert!(
        failure.message(Locale::En).contains("off by 95.0 s"),
        "{}",
        failure.message(Locale::En)
    );
    assert!(failure.message(Locale::Fr).contains("décalée de 95.0 s"));
    // The same session again, even with the right code: refused here, before any call.
    let reused = machine
        .answer(Answer::Code(Zeroizing::new(right.clone())), now)
        .await;
    match &reused {
        Err(failure @ SigninFailure::SessionUsed) => {
            assert!(failure.restart_needed());
            assert_eq!(failure.catalogue_id(), Some("session-used-twice"));
        }
        other => return Err(format!("reused session gave {other:?}").into()),
    }

    // The right code from the vault: signed in, claims for alice.
    let mut machine = sign_in_to_totp(&moto, &pool_id, &client_id).await?;
    let now = now_inside_a_period().await;
    let unix = now.duration_since(UNIX_EPOCH)?.as_secs();
    let code = code_at(&OtpParams::default_totp(), &secret, unix)?.value;
    let step = machine
        .answer(Answer::Code(Zeroizing::new(code)), now)
        .await?;
    let Step::SignedIn(tokens) = step else {
        return Err("the vault's code did not sign in".into());
    };
    assert_eq!(tokens.claims().username.as_deref(), Some(USER));
    assert!(!format!("{tokens:?}").contains(tokens.access_token()));
    assert!(machine.pending().is_none());

    // A session answered after 4 minutes: refused here, sign in again.
    let mut machine = sign_in_to_totp(&moto, &pool_id, &client_id).await?;
    let late = SystemTime::now() + Duration::from_secs(4 * 60);
    let expired = machine
        .answer(Answer::Code(Zeroizing::new("000000".to_owned())), late)
        .await;
    match &expired {
        Err(failure @ SigninFailure::SessionExpired) => {
            assert!(failure.restart_needed());
            assert_eq!(failure.catalogue_id(), Some("session-expired"));
        }
        other => return Err(format!("expired session gave {other:?}").into()),
    }
    vault.close().await;
    Ok(())
}

async fn fast_vault(dir: &std::path::Path) -> Result<Vault, Box<dyn std::error::Error>> {
    Ok(Vault::create_with(
        dir,
        Protection::Password(Zeroizing::new("vault password".to_owned())),
        KdfParams::insecure_fast_for_tests(),
    )
    .await?)
}

fn options() -> EnrolOptions {
    EnrolOptions {
        issuer: Some("Test pool".into()),
        account_name: USER.into(),
        device_name: "Kairos test".into(),
    }
}

/// A code Cognito refuses while enrolling: the secret stays in the vault,
/// unverified, with Cognito's reason in its note.
#[tokio::test]
async fn a_refused_first_code_keeps_the_secret_unverified_with_the_reason() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let (pool_id, client_id) = pool(&cognito).await?;
    let dir = tempfile::tempdir()?;
    let vault = fast_vault(dir.path()).await?;
    let (mut machine, _) = SigninMachine::start(
        target(&moto, &pool_id, &client_id),
        USER,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        MAX_SESSION_LIFETIME,
    )
    .await?;
    let step = machine
        .answer(
            Answer::NewPassword(Zeroizing::new(PASSWORD.to_owned())),
            SystemTime::now(),
        )
        .await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::MfaSetup));
    // Ten minutes ahead: within the session's 15 minutes for Kairos, but the
    // code is for another period than moto's clock.
    let ahead = SystemTime::now() + Duration::from_secs(10 * 60);
    let failure = enrol_totp(&mut machine, &vault, ahead, options(), |_| {}).await;
    let Err(failure) = failure else {
        return Err("a code for another period was accepted".into());
    };
    let kept = failure.kept().ok_or("the secret was not kept")?;
    assert_eq!(
        failure.signin().and_then(SigninFailure::catalogue_id),
        Some("code-mismatch-clock-skew")
    );
    let account = vault.account(kept).await?;
    assert!(!account.verified);
    let note = account.note.unwrap_or_default();
    assert!(note.contains("CodeMismatchException"), "note: {note}");
    assert_eq!(vault.list().await?.len(), 1);
    vault.close().await;
    Ok(())
}

/// A user signed in without MFA adds an authenticator with their access
/// token, through a client with a secret (moto checks SECRET_HASH on the MFA
/// answer); the next sign-in asks for the vault's code.
#[tokio::test]
async fn a_signed_in_user_enrols_then_signs_in_with_a_client_secret() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let pool = user_pool(
        &cognito,
        PoolSpec {
            name: "signed-in",
            totp_required: false,
            client_secret: true,
            username: USER,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    let (pool_id, client_id) = (pool.id.clone(), pool.client_id.clone());
    let secret = pool.client_secret.clone().ok_or("no client secret")?;
    let with_secret = || SigninTarget {
        client_secret: Some(ClientSecret::new(secret.clone())),
        ..target(&moto, &pool_id, &client_id)
    };
    let dir = tempfile::tempdir()?;
    let vault = fast_vault(dir.path()).await?;

    let (machine, step) = SigninMachine::start(
        with_secret(),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert!(matches!(step, Step::SignedIn(_)), "no MFA yet: {step:?}");
    let access_token = machine.access_token().ok_or("no access token")?;
    let outcome = enrol_totp_signed_in(
        &with_secret(),
        access_token,
        &vault,
        now_inside_a_period().await,
        options(),
        |_| {},
    )
    .await?;
    assert!(outcome.account.verified);
    assert_eq!(outcome.account.issuer, "Test pool");
    assert_eq!(outcome.claims.username.as_deref(), Some(USER));

    let (mut machine, step) = SigninMachine::start(
        with_secret(),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::SoftwareTokenMfa));
    let now = now_inside_a_period().await;
    let stored = vault.secret(outcome.account.id).await?;
    let code = code_at(
        &OtpParams::default_totp(),
        &stored,
        now.duration_since(UNIX_EPOCH)?.as_secs(),
    )?
    .value;
    let step = machine
        .answer(Answer::Code(Zeroizing::new(code)), now)
        .await?;
    let Step::SignedIn(tokens) = step else {
        return Err("the vault's code did not sign in".into());
    };
    assert_eq!(tokens.claims().username.as_deref(), Some(USER));

    // "Stay signed in": the refresh token gives new tokens (moto checks SECRET_HASH here too).
    let refresh = Zeroizing::new(tokens.refresh_token().ok_or("no refresh token")?.to_owned());
    let (refreshed, step) =
        SigninMachine::refresh(with_secret(), USER, refresh.clone(), SystemTime::now()).await?;
    let Step::SignedIn(renewed) = step else {
        return Err("a refresh asked for a challenge".into());
    };
    assert_eq!(renewed.claims().username.as_deref(), Some(USER));
    assert_ne!(renewed.access_token(), tokens.access_token());
    assert_eq!(renewed.refresh_token(), Some(refresh.as_str()));
    assert!(refreshed.access_token().is_some());
    let bad_secret = SigninTarget {
        client_secret: Some(ClientSecret::new("not the secret")),
        ..target(&moto, &pool_id, &client_id)
    };
    let refused = SigninMachine::refresh(bad_secret, USER, refresh, SystemTime::now()).await;
    assert!(
        matches!(&refused, Err(SigninFailure::Refused { aws_code, .. }) if aws_code == "NotAuthorizedException"),
        "{refused:?}"
    );
    vault.close().await;
    Ok(())
}

/// USER_SRP_AUTH reaches moto without AWS credentials and reads its
/// PASSWORD_VERIFIER; moto's SECRET_BLOCK is a UUID, not Base64, so Kairos
/// refuses to answer it with a typed error instead of sending a bad proof.
#[tokio::test]
async fn srp_reads_the_password_verifier_and_refuses_a_malformed_one() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let (pool_id, client_id) = pool(&cognito).await?;
    let started = SigninMachine::start(
        target(&moto, &pool_id, &client_id),
        USER,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserSrp,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await;
    match started {
        Err(SigninFailure::Block(SigninError::MalformedChallenge { field })) => {
            assert_eq!(field, "SECRET_BLOCK");
        }
        other => return Err(format!("SRP against moto gave {other:?}").into()),
    }
    Ok(())
}

/// AWS's session refusals (moto has none), answered by the fault proxy, map to
/// the catalogue's session entries with a restart; the sessions Kairos refuses
/// itself never reach the network (the proxy counts the calls).
#[tokio::test]
async fn session_refusals_from_aws_and_local_ones_need_a_restart() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let (pool_id, client_id) = pool(&cognito).await?;
    let proxy = FaultProxy::start(&moto.url())?;
    let through_proxy = || SigninTarget {
        endpoint: Some(proxy.url()),
        ..target(&moto, &pool_id, &client_id)
    };
    let new_password = || Answer::NewPassword(Zeroizing::new(PASSWORD.to_owned()));
    let cases = [
        (
            "Invalid session for the user, session is expired.",
            "session-expired",
        ),
        (
            "Invalid session for the user, session can only be used once.",
            "session-used-twice",
        ),
        ("Invalid session for the user.", "session-invalid"),
    ];
    for (message, entry) in cases {
        let (mut machine, step) = SigninMachine::start(
            through_proxy(),
            USER,
            Zeroizing::new(TEMPORARY.to_owned()),
            AuthFlow::UserPassword,
            SystemTime::now(),
            DEFAULT_SESSION_LIFETIME,
        )
        .await?;
        assert_eq!(challenge(&step), Some(&ChallengeKind::NewPasswordRequired));
        proxy.add(
            Fault::cognito("RespondToAuthChallenge", "NotAuthorizedException", message).times(1),
        );
        let calls = proxy.calls("RespondToAuthChallenge");
        match machine.answer(new_password(), SystemTime::now()).await {
            Err(failure @ SigninFailure::Refused { .. }) => {
                assert_eq!(failure.catalogue_id(), Some(entry), "{message}");
                assert!(failure.restart_needed(), "{message}");
            }
            other => return Err(format!("{message} gave {other:?}").into()),
        }
        assert_eq!(proxy.calls("RespondToAuthChallenge"), calls + 1);
        // The spent session again: refused here, no call.
        let again = machine.answer(new_password(), SystemTime::now()).await;
        assert!(
            matches!(again, Err(SigninFailure::SessionUsed)),
            "{again:?}"
        );
        assert_eq!(proxy.calls("RespondToAuthChallenge"), calls + 1);
    }

    // Answered after 4 minutes of a 3-minute session: refused here, no call.
    let (mut machine, _) = SigninMachine::start(
        through_proxy(),
        USER,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    let calls = proxy.calls("RespondToAuthChallenge");
    let late = SystemTime::now() + Duration::from_secs(4 * 60);
    let expired = machine.answer(new_password(), late).await;
    assert!(
        matches!(&expired, Err(f @ SigninFailure::SessionExpired) if f.restart_needed()),
        "{expired:?}"
    );
    assert_eq!(proxy.calls("RespondToAuthChallenge"), calls);
    // A code where a new password is asked: refused as the wrong answer, no call.
    let wrong = machine
        .answer(
            Answer::Code(Zeroizing::new("123456".to_owned())),
            SystemTime::now(),
        )
        .await;
    assert!(
        matches!(&wrong, Err(SigninFailure::WrongAnswer { .. })),
        "{wrong:?}"
    );
    assert_eq!(proxy.calls("RespondToAuthChallenge"), calls);
    // The session is still unused and fresh: the right answer goes through.
    let step = machine.answer(new_password(), SystemTime::now()).await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::MfaSetup));
    assert_eq!(proxy.calls("RespondToAuthChallenge"), calls + 1);
    Ok(())
}

/// Lock-out from a real count: five wrong passwords refused by moto itself,
/// then AWS's "Password attempts exceeded" (through the proxy, moto has no
/// lock-out): the wait is 2^(6−5) s for the six failures counted, counts down
/// from the `now` passed in, and a new attempt is refused before any call.
#[tokio::test]
async fn password_attempts_exceeded_gives_a_countdown_from_the_failures_counted() -> TestResult {
    let moto = Moto::start()?;
    let cognito = admin(&moto.url());
    let (pool_id, client_id) = pool(&cognito).await?;
    let proxy = FaultProxy::start(&moto.url())?;
    let through_proxy = || SigninTarget {
        endpoint: Some(proxy.url()),
        ..target(&moto, &pool_id, &client_id)
    };
    let mut counter = FailureCounter::new();
    let t0 = SystemTime::now();
    let attempt = |password: &str| {
        SigninMachine::start(
            through_proxy(),
            USER,
            Zeroizing::new(password.to_owned()),
            AuthFlow::UserPassword,
            t0,
            DEFAULT_SESSION_LIFETIME,
        )
    };
    for n in 1..=5 {
        counter.check(&pool_id, USER, t0)?;
        let Err(failure) = attempt("wrong").await else {
            return Err("moto accepted a wrong password".into());
        };
        let failure = counter.failed(&pool_id, USER, failure, t0);
        assert_eq!(failure.catalogue_id(), Some("wrong-password"));
        assert_eq!(failure.retry_after_ms(), None);
        assert_eq!(counter.failures(&pool_id, USER), n);
    }
    proxy.add(
        Fault::cognito(
            "InitiateAuth",
            "NotAuthorizedException",
            "Password attempts exceeded",
        )
        .times(1),
    );
    let Err(failure) = attempt("wrong").await else {
        return Err("the injected lock-out was not seen".into());
    };
    let failure = counter.failed(&pool_id, USER, failure, t0);
    assert_eq!(failure.catalogue_id(), Some("password-attempts-exceeded"));
    assert!(!failure.restart_needed());
    let lockout = failure.lockout().ok_or("no lock-out on the failure")?;
    assert_eq!(lockout.failed_attempts, 6);
    assert_eq!(lockout.wait_ms, 2_000);
    assert_eq!(failure.retry_after_ms(), Some(2_000));
    assert!(failure.message(Locale::En).contains("Wait 2 s"));

    // 1.5 s later by the caller's clock: refused here with 0.5 s left, no call made.
    let calls = proxy.calls("InitiateAuth");
    match counter.check(&pool_id, USER, t0 + Duration::from_millis(1_500)) {
        Err(locked @ SigninFailure::LockedOut { .. }) => {
            assert_eq!(locked.retry_after_ms(), Some(500));
            assert_eq!(locked.catalogue_id(), Some("password-attempts-exceeded"));
        }
        other => return Err(format!("no local lock-out: {other:?}").into()),
    }
    assert_eq!(proxy.calls("InitiateAuth"), calls);
    // Once the wait is over, the right password signs in and the count resets.
    let after = t0 + Duration::from_secs(2);
    counter.check(&pool_id, USER, after)?;
    let (mut machine, step) = SigninMachine::start(
        through_proxy(),
        USER,
        Zeroizing::new(TEMPORARY.to_owned()),
        AuthFlow::UserPassword,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::NewPasswordRequired));
    let step = machine
        .answer(
            Answer::NewPassword(Zeroizing::new(PASSWORD.to_owned())),
            SystemTime::now(),
        )
        .await;
    let step = counter.record(&pool_id, USER, step, after)?;
    assert_eq!(challenge(&step), Some(&ChallengeKind::MfaSetup));
    assert_eq!(counter.failures(&pool_id, USER), 6, "not signed in yet");
    Ok(())
}
