//! USER_SRP_AUTH to tokens: moto's SECRET_BLOCK is not Base64, so the fault
//! proxy serves a well-formed PASSWORD_VERIFIER (B made by an independent
//! Python server side, `fixtures/srp/server.py`) and the machine's proof is
//! checked with the server's own equation, S = (A·v^u)^b, from what the
//! machine really sent over HTTP.

mod common;

use std::process::Command;
use std::time::SystemTime;

use common::canned::{challenge, responses, tokens};
use common::user_pool::{PoolSpec, UserPassword, UserPool, user_pool};
use kairos_cognito::signin::{
    Answer, AuthFlow, ChallengeKind, DEFAULT_SESSION_LIFETIME, SigninMachine, Step,
};
use kairos_harness::{Fault, FaultProxy, Moto};
use serde_json::{Value, json};
use zeroize::Zeroizing;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The user name Cognito resolves the typed alias to.
const USER_ID: &str = "alice";
const ALIAS: &str = "alice@example.com";
const PASSWORD: &str = "Kairos-Passw0rd!";
/// The top bit is set: the salt is hashed with a leading zero byte.
const SALT: &str = "c3a1f0e2d4b6a8907856341201fedcba";
/// The server's private b (a test value; a real server draws it).
const B_PRIVATE: &str = "5fd3c0e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d";
const SECRET_BLOCK: &str = "S2Fpcm9zIHNlY3JldCBibG9jazogb3BhcXVlIHRvIHRoZSBjbGllbnQ=";

/// Runs `fixtures/srp/server.py` with the repository's Python; its JSON answer.
fn server(args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let root = kairos_harness::repo_root();
    let python = root.join(".venv/bin/python");
    if !python.exists() {
        return Err(format!(
            "{} is missing: run ./dev setup (or python3 -m venv .venv) first",
            python.display()
        )
        .into());
    }
    let script = root.join("crates/cognito/tests/fixtures/srp/server.py");
    let output = Command::new(python).arg(script).args(args).output()?;
    if !output.status.success() {
        return Err(format!(
            "server.py {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

fn str_of<'a>(value: &'a Value, what: &str) -> Result<&'a str, Box<dyn std::error::Error>> {
    value
        .as_str()
        .ok_or_else(|| format!("{what} missing in {value}").into())
}

struct Setup {
    _moto: Moto,
    proxy: FaultProxy,
    pool: UserPool,
}

/// moto's pool and user; the proxy answers the SRP steps.
async fn setup(initiate_flow: &str) -> Result<Setup, Box<dyn std::error::Error>> {
    let moto = Moto::start()?;
    let pool = user_pool(
        &common::client(&moto.url()),
        PoolSpec {
            name: "srp",
            totp_required: false,
            client_secret: false,
            username: USER_ID,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    let srp_b = server(&["challenge", &pool.id, USER_ID, PASSWORD, SALT, B_PRIVATE])?;
    let verifier = challenge(
        "PASSWORD_VERIFIER",
        "session-verifier",
        &json!({
            "USER_ID_FOR_SRP": USER_ID,
            "USERNAME": USER_ID,
            "SALT": SALT,
            "SRP_B": str_of(&srp_b["srp_b"], "srp_b")?,
            "SECRET_BLOCK": SECRET_BLOCK,
        }),
        &[],
    );
    let proxy = FaultProxy::start(&moto.url())?;
    if initiate_flow == "USER_SRP_AUTH" {
        proxy.add(
            Fault::cognito_reply("InitiateAuth", &verifier).when_body_contains("USER_SRP_AUTH"),
        );
    } else {
        proxy
            .add(
                Fault::cognito_reply(
                    "InitiateAuth",
                    &challenge(
                        "SELECT_CHALLENGE",
                        "session-select",
                        &json!({ "USERNAME": USER_ID }),
                        &["PASSWORD_SRP", "EMAIL_OTP"],
                    ),
                )
                .when_body_contains("USER_AUTH"),
            )
            .add(
                Fault::cognito_reply("RespondToAuthChallenge", &verifier)
                    .when_body_contains("\"ANSWER\":\"PASSWORD_SRP\""),
            );
    }
    proxy.add(
        Fault::cognito_reply(
            "RespondToAuthChallenge",
            &tokens(&pool.id, &pool.client_id, USER_ID),
        )
        .when_body_contains("\"ChallengeName\":\"PASSWORD_VERIFIER\""),
    );
    Ok(Setup {
        _moto: moto,
        proxy,
        pool,
    })
}

/// Checks the proof the machine sent against the server-side computation,
/// for `password` (the right one must match, a wrong one must not).
fn check_proof(
    setup: &Setup,
    srp_a: &str,
    password: &str,
) -> Result<bool, Box<dyn std::error::Error>> {
    let sent = setup.proxy.request_bodies("RespondToAuthChallenge");
    let proof = sent
        .iter()
        .find(|body| body["ChallengeName"] == "PASSWORD_VERIFIER")
        .ok_or("no PASSWORD_VERIFIER answer was sent")?;
    assert_eq!(proof["Session"], "session-verifier");
    let answer = responses(proof);
    assert_eq!(
        answer["USERNAME"], USER_ID,
        "the answer names Cognito's user id"
    );
    assert_eq!(answer["PASSWORD_CLAIM_SECRET_BLOCK"], SECRET_BLOCK);
    let timestamp = str_of(&answer["TIMESTAMP"], "TIMESTAMP")?;
    let expected = server(&[
        "signature",
        &setup.pool.id,
        USER_ID,
        password,
        SALT,
        B_PRIVATE,
        srp_a,
        SECRET_BLOCK,
        timestamp,
    ])?;
    Ok(answer["PASSWORD_CLAIM_SIGNATURE"] == expected["signature"])
}

#[tokio::test]
async fn user_srp_auth_proof_matches_the_server_side_and_reaches_tokens() -> TestResult {
    let setup = setup("USER_SRP_AUTH").await?;
    let (machine, step) = SigninMachine::start(
        setup.pool.target(&setup.proxy.url()),
        ALIAS,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserSrp,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    let Step::SignedIn(signed_in) = step else {
        return Err(format!("SRP did not reach tokens: {step:?}").into());
    };
    assert_eq!(signed_in.claims().username.as_deref(), Some(USER_ID));
    assert_eq!(machine.username(), USER_ID);
    let initiate = setup.proxy.request_bodies("InitiateAuth");
    assert_eq!(initiate[0]["AuthFlow"], "USER_SRP_AUTH");
    let srp_a = str_of(&responses(&initiate[0])["SRP_A"], "SRP_A")?.to_owned();
    assert!(
        !responses(&initiate[0]).contains_key("PASSWORD"),
        "SRP never sends the password"
    );
    assert!(
        check_proof(&setup, &srp_a, PASSWORD)?,
        "the proof does not match the server's"
    );
    assert!(
        !check_proof(&setup, &srp_a, "not-the-password")?,
        "the check must depend on the password"
    );
    Ok(())
}

#[tokio::test]
async fn user_auth_password_srp_choice_proves_the_password_and_reaches_tokens() -> TestResult {
    let setup = setup("USER_AUTH").await?;
    let (mut machine, step) = SigninMachine::start(
        setup.pool.target(&setup.proxy.url()),
        ALIAS,
        Zeroizing::new(PASSWORD.to_owned()),
        AuthFlow::UserAuth,
        SystemTime::now(),
        DEFAULT_SESSION_LIFETIME,
    )
    .await?;
    let Step::Challenge(view) = step else {
        return Err("USER_AUTH gave no choice".into());
    };
    assert_eq!(view.kind, ChallengeKind::SelectChallenge);
    let step = machine
        .answer(Answer::Choose("PASSWORD_SRP".into()), SystemTime::now())
        .await?;
    assert!(matches!(step, Step::SignedIn(_)), "{step:?}");
    let sent = setup.proxy.request_bodies("RespondToAuthChallenge");
    let choice = responses(&sent[0]);
    assert_eq!(choice["ANSWER"], "PASSWORD_SRP");
    assert!(!choice.contains_key("PASSWORD"));
    let srp_a = str_of(&choice["SRP_A"], "SRP_A")?.to_owned();
    assert!(
        check_proof(&setup, &srp_a, PASSWORD)?,
        "the proof does not match the server's"
    );
    Ok(())
}
