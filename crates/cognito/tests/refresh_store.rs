//! "Stay signed in" against a real gnome-keyring (the harness's private D-Bus
//! session) with a refresh token from a real moto sign-in.
//!
//! Each keyring step runs in a child process (this test executable run again
//! with a role and the session's environment): a token saved by one process
//! and loaded by another is in gnome-keyring, not in a process's memory, and
//! pointing the child at the session needs no in-process `set_var`.

use std::process::{Command, Stdio};
use std::time::SystemTime;

mod common;

use common::user_pool::{PoolSpec, UserPassword, user_pool};
use kairos_cognito::signin::{
    AuthFlow, DEFAULT_SESSION_LIFETIME, RefreshTokenStore, SigninMachine, SigninTarget, Step,
};
use kairos_core::{Locale, UserFacing};
use kairos_harness::{DbusSession, Moto};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The test that a child runs (see `run_child`): run with a role, it plays
/// that keyring step instead of its own body.
const CHILD_TEST: &str = "a_saved_refresh_token_is_loaded_by_another_process_until_forgotten";
const ROLE_ENV: &str = "KAIROS_REFRESH_TEST_ROLE";
const MOTO_ENV: &str = "KAIROS_REFRESH_TEST_MOTO";
const POOL_ENV: &str = "KAIROS_REFRESH_TEST_POOL";
const CLIENT_ENV: &str = "KAIROS_REFRESH_TEST_CLIENT";
const USER_ENV: &str = "KAIROS_REFRESH_TEST_USER";
/// Marks what a child reports on stdout (libtest prints its own too, even
/// before it on the same line: "test NAME ... ").
const REPORT: &str = "KAIROS-CHILD ";

const PASSWORD: &str = "Kairos-Passw0rd!";
const USER: &str = "alice";

/// The token's SHA-256, so reports compare tokens without printing them.
fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn report(line: impl std::fmt::Display) {
    println!("{REPORT}{line}");
}

fn env(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    std::env::var(name).map_err(|_| format!("{name} is not set").into())
}

/// One keyring step, in a child process: the test named by `CHILD_TEST` run
/// again with a role. (Not a `#[test]` of its own, which would pass doing
/// nothing in a normal run.)
fn play_child(role: &str) -> TestResult {
    let (pool_id, client_id, username) = (env(POOL_ENV)?, env(CLIENT_ENV)?, env(USER_ENV)?);
    let store = RefreshTokenStore::new();
    let outcome = match role {
        "save" => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let signed_in = runtime.block_on(async {
                let target = SigninTarget {
                    region: "us-east-1".into(),
                    endpoint: Some(env(MOTO_ENV)?),
                    pool_id: pool_id.clone(),
                    client_id: client_id.clone(),
                    client_secret: None,
                };
                let (_, step) = SigninMachine::start(
                    target,
                    &username,
                    Zeroizing::new(PASSWORD.to_owned()),
                    AuthFlow::UserPassword,
                    SystemTime::now(),
                    DEFAULT_SESSION_LIFETIME,
                )
                .await?;
                match step {
                    Step::SignedIn(signed_in) => Ok::<_, Box<dyn std::error::Error>>(signed_in),
                    Step::Challenge(view) => Err(format!("unexpected {:?}", view.kind).into()),
                }
            })?;
            let token = signed_in.refresh_token().ok_or("no refresh token")?;
            store
                .save(&pool_id, &client_id, &username, &signed_in)
                .map(|()| format!("saved {}", digest(token)))
        }
        "load" => store
            .load(&pool_id, &client_id, &username)
            .map(|token| match token {
                Some(token) => format!("loaded {}", digest(&token)),
                None => "none".to_owned(),
            }),
        "forget" => store
            .forget(&pool_id, &client_id, &username)
            .map(|()| "forgotten".to_owned()),
        other => return Err(format!("unknown role {other}").into()),
    };
    match outcome {
        Ok(line) => report(line),
        Err(error) => {
            eprintln!("{}", error.report(Locale::En).one_line());
            report(format!("error {}", error.code()));
        }
    }
    Ok(())
}

/// Runs this executable's `CHILD_TEST` with `role` and `env`; its report lines.
fn run_child(role: &str, user: &str, ids: &Ids, env: &[(String, String)]) -> Vec<String> {
    let exe = std::env::current_exe().expect("test executable path");
    let output = Command::new(exe)
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env(ROLE_ENV, role)
        .env(MOTO_ENV, &ids.moto)
        .env(POOL_ENV, &ids.pool)
        .env(CLIENT_ENV, &ids.client)
        .env(USER_ENV, user)
        .stdin(Stdio::null())
        .output()
        .expect("run child");
    assert!(
        output.status.success(),
        "child {role} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(REPORT).map(|(_, report)| report.to_owned()))
        .collect()
}

struct Ids {
    moto: String,
    pool: String,
    client: String,
}

/// A pool without MFA, a client allowing USER_PASSWORD_AUTH, and `alice`
/// with a permanent password.
async fn pool(moto: &Moto) -> Result<Ids, Box<dyn std::error::Error>> {
    let pool = user_pool(
        &common::client(&moto.url()),
        PoolSpec {
            name: "stay-signed-in",
            totp_required: false,
            client_secret: false,
            username: USER,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    Ok(Ids {
        moto: moto.url(),
        pool: pool.id,
        client: pool.client_id,
    })
}

#[test]
fn a_saved_refresh_token_is_loaded_by_another_process_until_forgotten() -> TestResult {
    if let Ok(role) = std::env::var(ROLE_ENV) {
        return play_child(&role);
    }
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(saved_token_round_trip())
}

async fn saved_token_round_trip() -> TestResult {
    let moto = Moto::start()?;
    let ids = pool(&moto).await?;
    let session = DbusSession::start()?;
    let env = session.env();

    let saved = run_child("save", USER, &ids, &env);
    let [line] = saved.as_slice() else {
        return Err(format!("save reported {saved:?}").into());
    };
    let token_digest = line
        .strip_prefix("saved ")
        .ok_or_else(|| format!("save reported {line}"))?;

    // Another process, same keyring: the same token.
    assert_eq!(
        run_child("load", USER, &ids, &env),
        [format!("loaded {token_digest}")]
    );
    // Another user of the same pool and client: nothing.
    assert_eq!(run_child("load", "bob", &ids, &env), ["none"]);
    // Another session's keyring: nothing.
    let other = DbusSession::start()?;
    assert_eq!(run_child("load", USER, &ids, &other.env()), ["none"]);
    drop(other);

    assert_eq!(run_child("forget", USER, &ids, &env), ["forgotten"]);
    assert_eq!(run_child("load", USER, &ids, &env), ["none"]);
    // Forgetting twice is not an error (sign-out after the entry went away).
    assert_eq!(run_child("forget", USER, &ids, &env), ["forgotten"]);
    Ok(())
}

#[tokio::test]
async fn without_a_keyring_the_error_says_so() -> TestResult {
    let ids = Ids {
        moto: "http://127.0.0.1:9".into(),
        pool: "us-east-1_none".into(),
        client: "client".into(),
    };
    let tmp = tempfile::tempdir()?;
    let bus = format!("unix:path={}", tmp.path().join("no-bus").display());
    let env = [("DBUS_SESSION_BUS_ADDRESS".to_owned(), bus)];
    assert_eq!(
        run_child("load", USER, &ids, &env),
        ["error cognito.refresh_keyring_unavailable"]
    );
    Ok(())
}
