//! `kairos cognito …` administration commands end to end against moto, state
//! read back through the CLI and moto's API.

use assert_cmd::Command;
use kairos_harness::{Fault, FaultProxy, Moto};
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoSms";

/// `kairos` talking to `moto` only, with its own data folder.
fn kairos(moto: &Moto, data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("kairos").unwrap_or_else(|e| panic!("kairos binary: {e}"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", data)
        .env("LANG", "en_US.UTF-8")
        .env("KAIROS_DATA_DIR", data)
        .envs(moto.aws_env());
    cmd
}

fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json_of(out: &std::process::Output) -> Result<Value, Box<dyn std::error::Error>> {
    assert_success(out);
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn create_user(moto: &Moto, pool: &str, name: &str, phone: bool) -> TestResult {
    let mut attributes = vec![json!({"Name": "email", "Value": format!("{name}@example.com")})];
    if phone {
        attributes.push(json!({"Name": "phone_number", "Value": "+33600000000"}));
    }
    let body = json!({"UserPoolId": pool, "Username": name, "MessageAction": "SUPPRESS", "UserAttributes": attributes});
    let response = moto.cognito("AdminCreateUser", &body.to_string())?;
    assert_eq!(response.status, 200, "{}", response.text());
    Ok(())
}

/// `pool-mfa set` to OPTIONAL with SMS through a well-formed role.
fn enable_sms(moto: &Moto, data: &std::path::Path, pool: &str) -> TestResult {
    let out = kairos(moto, data)
        .args([
            "cognito", "pool-mfa", "set", "--pool", pool, "--mfa", "optional",
        ])
        .args(["--sms-role-arn", ROLE, "--sms-external-id", "e", "--yes"])
        .output()?;
    assert_success(&out);
    Ok(())
}

#[test]
fn pool_mfa_set_is_checked_confirmed_applied_and_audited() -> TestResult {
    let moto = Moto::start()?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-admin")?;

    let pools = json_of(
        &kairos(&moto, data.path())
            .args(["cognito", "pools", "--json"])
            .output()?,
    )?;
    assert_eq!(pools[0]["id"], pool.as_str());

    // Refused before any call: ON without a factor.
    let out = kairos(&moto, data.path())
        .args([
            "cognito", "pool-mfa", "set", "--pool", &pool, "--mfa", "on", "--yes",
        ])
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[cognito.preflight.no_factor]"));

    // Not confirmed (no terminal, no --yes): nothing sent.
    let out = kairos(&moto, data.path())
        .args([
            "cognito", "pool-mfa", "set", "--pool", &pool, "--mfa", "optional", "--totp", "on",
        ])
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[cli.change_not_confirmed]"));
    let got = json_of(
        &kairos(&moto, data.path())
            .args(["cognito", "pool-mfa", "get", "--pool", &pool, "--json"])
            .output()?,
    )?;
    assert_eq!(got["settings"]["mode"], "OFF");

    // Applied with --yes, the diff shown first.
    let out = kairos(&moto, data.path())
        .args([
            "cognito",
            "pool-mfa",
            "set",
            "--pool",
            &pool,
            "--mfa",
            "optional",
            "--totp",
            "on",
            "--sms-role-arn",
            ROLE,
            "--sms-external-id",
            "ext",
            "--yes",
        ])
        .output()?;
    assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("mfa\tOFF → OPTIONAL"), "{stdout}");
    let got = json_of(
        &kairos(&moto, data.path())
            .args(["cognito", "pool-mfa", "get", "--pool", &pool, "--json"])
            .output()?,
    )?;
    assert_eq!(got["settings"]["mode"], "OPTIONAL");
    assert_eq!(got["settings"]["totpEnabled"], true);
    assert_eq!(got["settings"]["sms"]["roleArn"], ROLE);
    // moto's own view agrees.
    let raw = moto.cognito(
        "GetUserPoolMfaConfig",
        &json!({"UserPoolId": pool}).to_string(),
    )?;
    let raw: Value = serde_json::from_slice(&raw.body)?;
    assert_eq!(raw["MfaConfiguration"], "OPTIONAL");

    let audit = json_of(
        &kairos(&moto, data.path())
            .args(["cognito", "audit", "--json"])
            .output()?,
    )?;
    let entries = audit.as_array().ok_or("audit is not a list")?;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "SetUserPoolMfaConfig");
    assert_eq!(entries[0]["result"], "changed");
    Ok(())
}

#[test]
fn users_and_preferences_one_by_one_and_in_bulk() -> TestResult {
    let moto = Moto::start()?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-users")?;
    for i in 0..70 {
        create_user(&moto, &pool, &format!("user-{i:02}"), i % 2 == 0)?;
    }
    create_user(&moto, &pool, "other", true)?;
    enable_sms(&moto, data.path(), &pool)?;

    let users = json_of(
        &kairos(&moto, data.path())
            .args([
                "cognito",
                "users",
                "--pool",
                &pool,
                "--filter",
                "username^=user-",
                "--json",
            ])
            .output()?,
    )?;
    assert_eq!(users.as_array().map(Vec::len), Some(70));
    let bad = kairos(&moto, data.path())
        .args(["cognito", "users", "--pool", &pool, "--filter", "phone=1"])
        .output()?;
    assert!(String::from_utf8_lossy(&bad.stderr).contains("error[cognito.invalid_filter]"));

    // One user.
    let out = kairos(&moto, data.path())
        .args([
            "cognito",
            "user-mfa",
            "set",
            "--pool",
            &pool,
            "other",
            "--sms",
            "preferred",
        ])
        .output()?;
    assert_success(&out);
    let view = json_of(
        &kairos(&moto, data.path())
            .args([
                "cognito", "user-mfa", "get", "--pool", &pool, "other", "--json",
            ])
            .output()?,
    )?;
    assert_eq!(view["preferred"], "SMS_MFA");
    assert_eq!(view["mfaSettings"], json!(["SMS_MFA"]));

    // Bulk from a file, with a user that does not exist and users without a phone.
    let list = data.path().join("users.txt");
    let mut names: Vec<String> = (0..70).map(|i| format!("user-{i:02}")).collect();
    names.push("ghost".into());
    std::fs::write(&list, format!("# bulk\n{}\n", names.join("\n")))?;
    let out = kairos(&moto, data.path())
        .args([
            "cognito",
            "user-mfa",
            "set",
            "--pool",
            &pool,
            "--users-from",
        ])
        .arg(&list)
        .args([
            "--sms",
            "preferred",
            "--rate",
            "0",
            "--read-rate",
            "0",
            "--yes",
        ])
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 71, "one row per user");
    assert_eq!(
        stdout.lines().filter(|l| l.ends_with("\tchanged")).count(),
        35
    );
    assert!(stdout.contains("user-01\tfailed\terror[cognito.preflight.sms_needs_phone]"));
    assert!(stdout.contains("ghost\tfailed\terror[cognito.service]"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[cognito.bulk_incomplete]"));
    let raw = moto.cognito(
        "AdminGetUser",
        &json!({"UserPoolId": pool, "Username": "user-68"}).to_string(),
    )?;
    let raw: Value = serde_json::from_slice(&raw.body)?;
    assert_eq!(raw["PreferredMfaSetting"], "SMS_MFA");

    // Audit: one single change + 71 bulk results (+1 pool change), exported as CSV.
    let csv = data.path().join("audit.csv");
    let out = kairos(&moto, data.path())
        .args(["cognito", "audit", "--csv"])
        .arg(&csv)
        .output()?;
    assert_success(&out);
    let text = std::fs::read_to_string(&csv)?;
    assert!(text.starts_with(
        "time,profile,region,pool_id,username,action,before,after,result,error_code\r\n"
    ));
    assert_eq!(text.lines().count(), 1 + 1 + 1 + 71);
    Ok(())
}

#[test]
fn reset_totp_through_the_fault_proxy() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-reset")?;
    create_user(&moto, &pool, "lost-phone", true)?;
    let reset = |extra: &[&str]| {
        let mut cmd = kairos(&moto, data.path());
        cmd.args([
            "cognito",
            "reset-totp",
            "--pool",
            &pool,
            "lost-phone",
            "--yes",
        ])
        .args(["--endpoint-url", &proxy.url()])
        .args(extra);
        cmd.output()
    };
    // moto lacks AdminDeleteSoftwareToken: the proxy gives AWS's success.
    proxy.add(
        Fault::cognito("AdminDeleteSoftwareToken", "", "")
            .status(200)
            .times(1),
    );
    let out = reset(&[])?;
    assert_success(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Authenticator deleted"));

    proxy.add(Fault::cognito(
        "AdminDeleteSoftwareToken",
        "UnknownOperationException",
        "",
    ));
    let out = reset(&[])?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[cognito.reset_unsupported]")
            && stderr.contains("--fallback-disable"),
        "{stderr}"
    );
    let out = reset(&["--fallback-disable", "--json"])?;
    assert_eq!(json_of(&out)?, json!("totpDisabled"));

    let audit = json_of(
        &kairos(&moto, data.path())
            .args(["cognito", "audit", "--json"])
            .output()?,
    )?;
    let results: Vec<_> = audit
        .as_array()
        .ok_or("audit is not a list")?
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default(),
                e["result"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            ("AdminSetUserMFAPreference", "changed"),
            ("AdminDeleteSoftwareToken", "failed"),
            ("AdminDeleteSoftwareToken", "changed"),
        ]
    );
    Ok(())
}

#[test]
fn ctrl_c_stops_a_bulk_run_and_reports_every_user() -> TestResult {
    let moto = Moto::start()?;
    let data = tempfile::tempdir()?;
    let pool = moto.create_user_pool("cli-cancel")?;
    let names: Vec<String> = (0..200).map(|i| format!("c-{i:03}")).collect();
    for name in &names {
        create_user(&moto, &pool, name, true)?;
    }
    enable_sms(&moto, data.path(), &pool)?;
    let list = data.path().join("users.txt");
    std::fs::write(&list, names.join("\n"))?;
    // Slow on purpose (2 updates a second) so the run is still going when interrupted.
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kairos"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", data.path())
        .env("LANG", "en_US.UTF-8")
        .env("KAIROS_DATA_DIR", data.path())
        .envs(moto.aws_env())
        .args([
            "cognito",
            "user-mfa",
            "set",
            "--pool",
            &pool,
            "--users-from",
        ])
        .arg(&list)
        .args(["--sms", "preferred", "--rate", "2", "--yes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    // Interrupt once the first change is visible in moto.
    let first_changed = || -> Result<bool, Box<dyn std::error::Error>> {
        let raw = moto.cognito(
            "AdminGetUser",
            &json!({"UserPoolId": pool, "Username": "c-000"}).to_string(),
        )?;
        let raw: Value = serde_json::from_slice(&raw.body)?;
        Ok(raw["PreferredMfaSetting"] == "SMS_MFA")
    };
    let mut waited = 0;
    while !first_changed()? {
        waited += 1;
        assert!(waited < 600, "no user changed after 60 s");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()?;
    assert!(status.success());
    let out = child.wait_with_output()?;
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let changed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_suffix("\tchanged"))
        .collect();
    let cancelled = stdout
        .lines()
        .filter(|l| l.ends_with("\tcancelled"))
        .count();
    assert_eq!(stdout.lines().count(), 200, "one row per user");
    assert_eq!(changed.len() + cancelled, 200, "{stdout}");
    assert!(cancelled > 0 && !changed.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[cognito.bulk_incomplete]"));
    // Exactly the users reported changed are changed in moto.
    for name in &names {
        let raw = moto.cognito(
            "AdminGetUser",
            &json!({"UserPoolId": pool, "Username": name}).to_string(),
        )?;
        let raw: Value = serde_json::from_slice(&raw.body)?;
        assert_eq!(
            raw["PreferredMfaSetting"] == "SMS_MFA",
            changed.contains(&name.as_str()),
            "{name}"
        );
    }
    Ok(())
}
