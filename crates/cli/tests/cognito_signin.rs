//! `kairos cognito enrol|signin` end to end: moto's Cognito (TOTP checking
//! on), a real vault in a temporary folder behind gnome-keyring on a private
//! D-Bus session, passwords on standard input.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use assert_cmd::Command;
use kairos_harness::{DbusSession, Moto};
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const TEMPORARY: &str = "Temp-Passw0rd!";
const PASSWORD: &str = "Kairos-Passw0rd!";
const USER: &str = "alice";

/// `kairos` talking to moto and the private keyring only, with its own data folder.
fn kairos(moto: &Moto, dbus: &DbusSession, data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("kairos").unwrap_or_else(|e| panic!("kairos binary: {e}"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", data)
        .env("LANG", "en_US.UTF-8")
        .env("KAIROS_DATA_DIR", data)
        // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
        .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
        .env("KAIROS_TIME_HTTP_URL", "off")
        .envs(moto.aws_env())
        .envs(dbus.env());
    cmd
}

fn call(moto: &Moto, action: &str, body: Value) -> Result<Value, Box<dyn std::error::Error>> {
    let response = moto.cognito(action, &body.to_string())?;
    assert_eq!(response.status, 200, "{action}: {}", response.text());
    Ok(serde_json::from_slice(&response.body)?)
}

/// A pool requiring TOTP, a client allowing both flows, and `alice` with a
/// temporary password. Returns the client id.
fn pool_with_user(moto: &Moto, pool: &str) -> Result<String, Box<dyn std::error::Error>> {
    call(
        moto,
        "SetUserPoolMfaConfig",
        json!({"UserPoolId": pool, "MfaConfiguration": "ON",
               "SoftwareTokenMfaConfiguration": {"Enabled": true}}),
    )?;
    let client = call(
        moto,
        "CreateUserPoolClient",
        json!({"UserPoolId": pool, "ClientName": "cli",
               "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]}),
    )?;
    call(
        moto,
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": USER, "TemporaryPassword": TEMPORARY,
               "MessageAction": "SUPPRESS"}),
    )?;
    Ok(client["UserPoolClient"]["ClientId"]
        .as_str()
        .ok_or("no client id")?
        .to_owned())
}

/// Returns when not in the last seconds of a 30 s period: moto checks a code
/// against its own clock with no window. Waiting is not an assertion.
fn wait_inside_a_period() {
    loop {
        let into_period = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 30);
        if into_period < 20 {
            return;
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn enrol_then_signin_prints_claims_and_a_wrong_password_explains_itself() -> TestResult {
    let moto = Moto::start()?;
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-signin")?;
    let client = pool_with_user(&moto, &pool)?;
    let user_args = [
        "--pool",
        &pool,
        "--client",
        &client,
        "--username",
        USER,
        "--flow",
        "password",
    ];

    // Without --new-password-stdin (and no terminal) the new password is not guessed.
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "enrol"])
        .args(user_args)
        .write_stdin(format!("{TEMPORARY}\n"))
        .output()?;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("error[cli.new_password_required]"),
        "{}",
        text(&out.stderr)
    );

    // Temporary password, new password, authenticator: the vault account is verified.
    wait_inside_a_period();
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "enrol", "--new-password-stdin"])
        .args(user_args)
        .write_stdin(format!("{TEMPORARY}\n{PASSWORD}\n"))
        .output()?;
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = text(&out.stdout);
    let issuer = format!("AWS Cognito: {pool}");
    assert!(stdout.contains(&format!("\t{issuer}\t{USER}")), "{stdout}");
    for step in [
        "Asking Cognito for a secret",
        "Verifying the first code",
        "verified.",
    ] {
        assert!(stderr.contains(step), "no {step:?} in {stderr}");
    }
    let list: Value = serde_json::from_slice(
        &kairos(&moto, &dbus, data.path())
            .args(["list", "--json"])
            .output()?
            .stdout,
    )?;
    let accounts = list.as_array().ok_or("list is not an array")?;
    assert_eq!(accounts.len(), 1, "{list}");
    assert_eq!(accounts[0]["issuer"], issuer.as_str());
    assert_eq!(accounts[0]["label"], USER);
    assert_eq!(accounts[0]["verified"], true, "{list}");
    // Cognito now has TOTP as the user's preferred MFA.
    let user = call(
        &moto,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": USER}),
    )?;
    assert_eq!(user["UserStatus"], "CONFIRMED", "{user}");
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA", "{user}");

    // Sign in: the vault's code answers SOFTWARE_TOKEN_MFA; claims, no tokens.
    wait_inside_a_period();
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin", "--json"])
        .args(user_args)
        .write_stdin(format!("{PASSWORD}\n"))
        .output()?;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let claims: Value = serde_json::from_str(&stdout)?;
    assert_eq!(claims["username"], USER, "{claims}");
    assert_eq!(claims["clientId"], client.as_str(), "{claims}");
    assert!(
        claims["issuer"]
            .as_str()
            .is_some_and(|i| i.ends_with(&pool)),
        "{claims}"
    );
    // A JWT starts with base64url of `{"` ("eyJ"): none may be printed.
    for output in [&stdout, &text(&out.stderr)] {
        assert!(!output.contains("eyJ"), "a token was printed: {output}");
    }

    // Text output names the user. (Not SRP: moto's SECRET_BLOCK is malformed,
    // which kairos-cognito's signin_moto test covers.)
    wait_inside_a_period();
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin"])
        .args(user_args)
        .write_stdin(format!("{PASSWORD}\n"))
        .output()?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&format!("username\t{USER}\n")),
        "{}",
        text(&out.stdout)
    );

    // A wrong password: Cognito's refusal with the catalogue's cause and fix.
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin"])
        .args(user_args)
        .write_stdin("Not-the-passw0rd!\n")
        .output()?;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[cognito.signin_refused]"), "{stderr}");
    assert!(stderr.contains("NotAuthorizedException"), "{stderr}");
    assert!(stderr.contains("Cause [wrong-password]"), "{stderr}");
    assert!(text(&out.stdout).is_empty(), "{}", text(&out.stdout));
    Ok(())
}

/// A canned Cognito answer for the fault proxy (moto rejects USER_AUTH).
fn canned_challenge(name: &str, session: &str, parameters: Value, available: &[&str]) -> Value {
    let mut body =
        json!({ "ChallengeName": name, "Session": session, "ChallengeParameters": parameters });
    if !available.is_empty() {
        body["AvailableChallenges"] = json!(available);
    }
    body
}

/// An unsigned JWT with `claims` (the CLI prints claims, never checks signatures).
fn jwt(claims: &Value) -> String {
    fn b64url(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            }
        }
        out
    }
    format!(
        "{}.{}.c2ln",
        b64url(br#"{"alg":"none"}"#),
        b64url(claims.to_string().as_bytes())
    )
}

/// `--flow user-auth`: Cognito's choice of first factors is listed, the
/// choice and the emailed code are read one line each, and the claims are
/// printed. Passkeys are refused with why. No password is sent for EMAIL_OTP.
#[test]
fn user_auth_choice_and_email_code_from_standard_input() -> TestResult {
    use kairos_harness::{Fault, FaultProxy};
    let moto = Moto::start()?;
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-user-auth")?;
    let client = pool_with_user(&moto, &pool)?;
    let proxy = FaultProxy::start(&moto.url())?;
    let email_otp = canned_challenge(
        "EMAIL_OTP",
        "session-email",
        json!({ "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***" }),
        &[],
    );
    proxy
        // A preferred EMAIL_OTP the pool allows: straight to the code.
        .add(
            Fault::cognito_reply("InitiateAuth", &email_otp)
                .when_body_contains("\"PREFERRED_CHALLENGE\":\"EMAIL_OTP\""),
        )
        .add(
            Fault::cognito_reply(
                "InitiateAuth",
                &canned_challenge(
                    "SELECT_CHALLENGE",
                    "session-select",
                    json!({ "USERNAME": USER }),
                    &["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"],
                ),
            )
            .when_body_contains("USER_AUTH"),
        )
        .add(
            Fault::cognito_reply("RespondToAuthChallenge", &email_otp)
                .when_body_contains("\"Session\":\"session-select\""),
        )
        .add(
            Fault::cognito_reply(
                "RespondToAuthChallenge",
                &json!({ "ChallengeParameters": {}, "AuthenticationResult": {
                    "AccessToken": jwt(&json!({ "username": USER, "client_id": client })),
                    "ExpiresIn": 3600, "TokenType": "Bearer" } }),
            )
            .when_body_contains("\"EMAIL_OTP_CODE\":\"87654321\""),
        );
    // `signin` reads an existing vault: make one.
    let out = kairos(&moto, &dbus, data.path())
        .args(["add", "otpauth://totp/Other:bob?secret=JBSWY3DPEHPK3PXP"])
        .output()?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let user_args = [
        "--pool",
        &pool,
        "--client",
        &client,
        "--username",
        USER,
        "--endpoint-url",
        &proxy.url(),
        "--flow",
        "user-auth",
    ];

    // The passkey: listed by Cognito, refused here with why, nothing sent.
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin"])
        .args(user_args)
        .write_stdin(format!("{PASSWORD}\nWEB_AUTHN\n"))
        .output()?;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[cognito.signin_passkey_unsupported]"),
        "{stderr}"
    );
    assert!(stderr.contains("passkey"), "{stderr}");
    assert_eq!(proxy.calls("RespondToAuthChallenge"), 0);

    // Choice 2 (EMAIL_OTP), then the emailed code.
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin", "--json"])
        .args(user_args)
        .write_stdin(format!("{PASSWORD}\n2\n87654321\n"))
        .output()?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let claims: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(claims["username"], USER, "{claims}");
    let sent = proxy.request_bodies("RespondToAuthChallenge");
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0]["ChallengeResponses"]["ANSWER"], "EMAIL_OTP");
    assert!(sent[0]["ChallengeResponses"].get("PASSWORD").is_none());
    assert_eq!(sent[1]["ChallengeResponses"]["EMAIL_OTP_CODE"], "87654321");

    // --first-factor email-otp: no password is read, the choice is skipped.
    let out = kairos(&moto, &dbus, data.path())
        .args(["cognito", "signin", "--json", "--first-factor", "email-otp"])
        .args(user_args)
        .write_stdin("87654321\n")
        .output()?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let claims: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(claims["username"], USER, "{claims}");
    let initiate = proxy.request_bodies("InitiateAuth");
    let last = initiate.last().ok_or("no InitiateAuth")?;
    assert_eq!(last["AuthParameters"]["PREFERRED_CHALLENGE"], "EMAIL_OTP");
    assert!(last["AuthParameters"].get("PASSWORD").is_none());
    Ok(())
}
