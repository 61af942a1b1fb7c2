//! USER_AUTH, the choice-based sign-in, through the fault proxy in front of
//! moto: moto rejects USER_AUTH, so the proxy answers InitiateAuth and
//! RespondToAuthChallenge with the JSON AWS documents, over a real HTTP round
//! trip, and records what the machine sent.

mod common;

use std::time::{Duration, SystemTime};

use common::canned::{challenge, responses, tokens};
use common::user_pool::{PoolSpec, UserPassword, UserPool, user_pool};
use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeKind, ChallengeView, DEFAULT_SESSION_LIFETIME, SigninFailure,
    SigninMachine, Step,
};
use kairos_core::{Locale, UserFacing};
use kairos_harness::{Fault, FaultProxy, Moto};
use serde_json::json;
use zeroize::Zeroizing;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const USER: &str = "alice";
const PASSWORD: &str = "Kairos-Passw0rd!";
const RESPOND: &str = "RespondToAuthChallenge";

struct Setup {
    _moto: Moto,
    proxy: FaultProxy,
    pool: UserPool,
}

async fn setup() -> Result<Setup, Box<dyn std::error::Error>> {
    let moto = Moto::start()?;
    let pool = user_pool(
        &common::client(&moto.url()),
        PoolSpec {
            name: "user-auth",
            totp_required: false,
            client_secret: false,
            username: USER,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    let proxy = FaultProxy::start(&moto.url())?;
    // Every USER_AUTH start gets the choice of first factors, passkeys included.
    proxy.add(
        Fault::cognito_reply(
            "InitiateAuth",
            &challenge(
                "SELECT_CHALLENGE",
                "session-select",
                &json!({ "USERNAME": USER }),
                &["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"],
            ),
        )
        .when_body_contains("\"USER_AUTH\""),
    );
    Ok(Setup {
        _moto: moto,
        proxy,
        pool,
    })
}

async fn start(setup: &Setup) -> Result<(SigninMachine, ChallengeView), SigninFailure> {
    let (machine, step) = SigninMachine::start(
        setup.pool.target(&setup.proxy.url()),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserAuth,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    match step {
        Step::Challenge(view) => Ok((machine, view)),
        Step::SignedIn(_) => Err(SigninFailure::Incomplete {
            what: "a SELECT_CHALLENGE",
        }),
    }
}

fn choose(factor: &str) -> Answer {
    Answer::Choose(factor.to_owned())
}

fn code(value: &str) -> Answer {
    Answer::Code(Zeroizing::new(value.to_owned()))
}

/// The first factors are shown, passkeys marked unsupported; the password
/// choice goes to SELECT_MFA_TYPE, then an SMS code, then tokens. Refused
/// choices cost no call and leave the session usable.
#[tokio::test]
async fn password_choice_then_mfa_type_then_sms_code_signs_in() -> TestResult {
    let setup = setup().await?;
    let proxy = &setup.proxy;
    proxy
        .add(
            Fault::cognito_reply(
                RESPOND,
                &challenge(
                    "SELECT_MFA_TYPE",
                    "session-mfa-type",
                    &json!({ "USERNAME": USER, "MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]" }),
                    &[],
                ),
            )
            .when_body_contains("\"Session\":\"session-select\""),
        )
        .add(
            Fault::cognito_reply(
                RESPOND,
                &challenge(
                    "SMS_MFA",
                    "session-sms",
                    &json!({
                        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                        "CODE_DELIVERY_DESTINATION": "+*******0100",
                    }),
                    &[],
                ),
            )
            .when_body_contains("\"Session\":\"session-mfa-type\""),
        )
        .add(
            Fault::cognito_reply(
                RESPOND,
                &tokens(&setup.pool.id, &setup.pool.client_id, USER),
            )
            .when_body_contains("\"Session\":\"session-sms\""),
        );

    let (mut machine, view) = start(&setup).await?;
    assert_eq!(view.kind, ChallengeKind::SelectChallenge);
    assert_eq!(
        view.available_challenges,
        ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]
    );
    assert_eq!(view.unsupported_challenges, ["WEB_AUTHN"]);
    let initiate = proxy.request_bodies("InitiateAuth");
    assert_eq!(initiate.len(), 1);
    assert_eq!(initiate[0]["AuthFlow"], "USER_AUTH");
    assert_eq!(responses(&initiate[0])["USERNAME"], USER);
    assert!(
        !responses(&initiate[0]).contains_key("PASSWORD"),
        "no factor chosen yet: the password stays here"
    );
    // Serialised for the window in camelCase.
    let wire = serde_json::to_value(&view)?;
    assert_eq!(wire["availableChallenges"][3], "WEB_AUTHN");
    assert_eq!(wire["unsupportedChallenges"][0], "WEB_AUTHN");

    // Passkeys: refused here, with why; SMS_OTP: not offered; a code: not a choice.
    let passkey = machine.answer(choose("WEB_AUTHN"), SystemTime::now()).await;
    let Err(passkey @ SigninFailure::PasskeyUnsupported) = passkey else {
        return Err(format!("WEB_AUTHN gave {passkey:?}").into());
    };
    assert!(passkey.message(Locale::En).contains("passkey"));
    assert!(passkey.message(Locale::Fr).contains("clés d’accès"));
    assert!(!passkey.restart_needed());
    let not_offered = machine.answer(choose("SMS_OTP"), SystemTime::now()).await;
    assert!(
        matches!(&not_offered, Err(SigninFailure::NotOffered { choice, .. }) if choice == "SMS_OTP"),
        "{not_offered:?}"
    );
    let wrong = machine.answer(code("123456"), SystemTime::now()).await;
    assert!(
        matches!(&wrong, Err(SigninFailure::WrongAnswer { .. })),
        "{wrong:?}"
    );
    assert_eq!(proxy.calls(RESPOND), 0);

    // PASSWORD: ANSWER and PASSWORD in the session of the choice.
    let step = machine
        .answer(choose("PASSWORD"), SystemTime::now())
        .await?;
    let Step::Challenge(view) = step else {
        return Err("no SELECT_MFA_TYPE after the password".into());
    };
    assert_eq!(view.kind, ChallengeKind::SelectMfaType);
    assert_eq!(view.available_challenges, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    assert!(view.unsupported_challenges.is_empty());
    let sent = proxy.request_bodies(RESPOND);
    assert_eq!(sent[0]["ChallengeName"], "SELECT_CHALLENGE");
    assert_eq!(sent[0]["Session"], "session-select");
    assert_eq!(responses(&sent[0])["ANSWER"], "PASSWORD");
    assert_eq!(responses(&sent[0])["PASSWORD"], PASSWORD);
    assert_eq!(responses(&sent[0])["USERNAME"], USER);

    // SELECT_MFA_TYPE: EMAIL_OTP is not offered here; SMS_MFA is.
    let refused = machine.answer(choose("EMAIL_OTP"), SystemTime::now()).await;
    assert!(
        matches!(&refused, Err(SigninFailure::NotOffered { .. })),
        "{refused:?}"
    );
    let step = machine.answer(choose("SMS_MFA"), SystemTime::now()).await?;
    let Step::Challenge(view) = step else {
        return Err("no SMS_MFA after choosing it".into());
    };
    assert_eq!(view.kind, ChallengeKind::SmsMfa);
    assert_eq!(view.code_destination.as_deref(), Some("+*******0100"));
    let sent = proxy.request_bodies(RESPOND);
    assert_eq!(sent[1]["ChallengeName"], "SELECT_MFA_TYPE");
    assert_eq!(responses(&sent[1])["ANSWER"], "SMS_MFA");

    let step = machine.answer(code(" 123456 "), SystemTime::now()).await?;
    let Step::SignedIn(signed_in) = step else {
        return Err("the SMS code did not sign in".into());
    };
    assert_eq!(signed_in.claims().username.as_deref(), Some(USER));
    let sent = proxy.request_bodies(RESPOND);
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[2]["ChallengeName"], "SMS_MFA");
    assert_eq!(responses(&sent[2])["SMS_MFA_CODE"], "123456");
    Ok(())
}

/// EMAIL_OTP: no password is sent at all; the code challenge names where
/// the code went, and the code answers it under EMAIL_OTP_CODE.
#[tokio::test]
async fn email_otp_choice_then_code_signs_in_without_the_password() -> TestResult {
    let setup = setup().await?;
    let proxy = &setup.proxy;
    proxy
        .add(
            Fault::cognito_reply(
                RESPOND,
                &challenge(
                    "EMAIL_OTP",
                    "session-email",
                    &json!({
                        "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
                        "CODE_DELIVERY_DESTINATION": "a***@e***",
                    }),
                    &[],
                ),
            )
            .when_body_contains("\"Session\":\"session-select\""),
        )
        .add(
            Fault::cognito(
                RESPOND,
                "CodeMismatchException",
                "Invalid code received for user",
            )
            .when_body_contains("\"EMAIL_OTP_CODE\":\"00000000\""),
        )
        .add(
            Fault::cognito_reply(
                RESPOND,
                &tokens(&setup.pool.id, &setup.pool.client_id, USER),
            )
            .when_body_contains("\"Session\":\"session-email\""),
        );
    let (mut machine, _) = start(&setup).await?;
    let step = machine
        .answer(choose("EMAIL_OTP"), SystemTime::now())
        .await?;
    let Step::Challenge(view) = step else {
        return Err("no EMAIL_OTP challenge".into());
    };
    assert_eq!(view.kind, ChallengeKind::EmailOtp);
    assert_eq!(view.code_destination.as_deref(), Some("a***@e***"));
    let sent = proxy.request_bodies(RESPOND);
    assert_eq!(responses(&sent[0])["ANSWER"], "EMAIL_OTP");
    assert!(!responses(&sent[0]).contains_key("PASSWORD"));

    let step = machine.answer(code("12345678"), SystemTime::now()).await?;
    let Step::SignedIn(signed_in) = step else {
        return Err("the email code did not sign in".into());
    };
    assert_eq!(
        signed_in.claims().email.as_deref(),
        Some("alice@example.com")
    );
    let sent = proxy.request_bodies(RESPOND);
    assert_eq!(sent[1]["ChallengeName"], "EMAIL_OTP");
    assert_eq!(sent[1]["Session"], "session-email");
    assert_eq!(responses(&sent[1])["EMAIL_OTP_CODE"], "12345678");

    // A wrong email code: Cognito's CodeMismatch, explained, no restart.
    let (mut machine, _) = start(&setup).await?;
    machine
        .answer(choose("EMAIL_OTP"), SystemTime::now())
        .await?;
    let refused = machine.answer(code("00000000"), SystemTime::now()).await;
    let Err(failure) = refused else {
        return Err("a wrong email code signed in".into());
    };
    assert!(
        matches!(&failure, SigninFailure::Refused { aws_code, .. } if aws_code == "CodeMismatchException"),
        "{failure:?}"
    );
    assert!(failure.catalogue_id().is_some());
    assert!(!failure.restart_needed());
    Ok(())
}

/// A preferred first factor skips the choice: PASSWORD goes with InitiateAuth.
#[tokio::test]
async fn a_preferred_password_factor_is_sent_with_the_first_request() -> TestResult {
    let setup = setup().await?;
    let proxy = &setup.proxy;
    proxy.clear();
    proxy.add(
        Fault::cognito_reply(
            "InitiateAuth",
            &tokens(&setup.pool.id, &setup.pool.client_id, USER),
        )
        .when_body_contains("\"PREFERRED_CHALLENGE\":\"PASSWORD\""),
    );
    let (machine, step) = SigninMachine::start_user_auth(
        setup.pool.target(&proxy.url()),
        USER,
        Zeroizing::new(PASSWORD.to_owned()),
        Some("PASSWORD"),
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    assert!(matches!(step, Step::SignedIn(_)), "{step:?}");
    assert!(machine.access_token().is_some());
    let sent = proxy.request_bodies("InitiateAuth");
    assert_eq!(sent[0]["AuthFlow"], "USER_AUTH");
    assert_eq!(responses(&sent[0])["PASSWORD"], PASSWORD);
    assert!(!responses(&sent[0]).contains_key("ANSWER"));

    // Passkeys preferred: refused before any call.
    let calls = proxy.calls("InitiateAuth");
    let passkey = SigninMachine::start_user_auth(
        setup.pool.target(&proxy.url()),
        USER,
        Zeroizing::new(String::new()),
        Some("WEB_AUTHN"),
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await;
    assert!(
        matches!(passkey, Err(SigninFailure::PasskeyUnsupported)),
        "{passkey:?}"
    );
    assert_eq!(proxy.calls("InitiateAuth"), calls);
    Ok(())
}

/// "Password attempts exceeded" on the password choice: the catalogue entry
/// and the lock-out wait to count down.
#[tokio::test]
async fn password_attempts_exceeded_on_the_password_choice_shows_the_wait() -> TestResult {
    let setup = setup().await?;
    setup.proxy.add(Fault::cognito(
        RESPOND,
        "NotAuthorizedException",
        "Password attempts exceeded",
    ));
    let (mut machine, _) = start(&setup).await?;
    let refused = machine.answer(choose("PASSWORD"), SystemTime::now()).await;
    let Err(failure) = refused else {
        return Err("the lock-out was not seen".into());
    };
    assert_eq!(failure.catalogue_id(), Some("password-attempts-exceeded"));
    assert_eq!(failure.lockout_wait(8), Some(Duration::from_secs(8)));
    assert!(!failure.restart_needed());
    Ok(())
}
