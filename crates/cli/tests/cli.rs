//! The `kairos` binary as a script sees it: exit codes, JSON, one-line errors.

use assert_cmd::Command;
use kairos_harness::Moto;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// `kairos` with a clean environment: no user AWS config, English, no data dir.
fn kairos() -> Command {
    let mut cmd = Command::cargo_bin("kairos").unwrap_or_else(|e| panic!("kairos binary: {e}"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("LANG", "en_US.UTF-8")
        // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
        .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
        .env("KAIROS_TIME_HTTP_URL", "off")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/kairos-test/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/kairos-test/credentials",
        );
    cmd
}

fn stderr_line(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        text.lines().count(),
        1,
        "expected one line on stderr, got {text:?}"
    );
    text.trim_end().to_owned()
}

#[test]
fn info_reports_version_and_creates_the_data_folder() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("vault-home");
    let out = kairos()
        .args(["info", "--json", "--data-dir"])
        .arg(&data)
        .output()?;
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["dataDir"], data.display().to_string());
    assert_eq!(json["locale"], "en");
    assert!(data.is_dir());
    Ok(())
}

#[test]
fn data_dir_comes_from_the_environment_too() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let out = kairos()
        .env("KAIROS_DATA_DIR", tmp.path())
        .args(["info", "--json"])
        .output()?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["dataDir"], tmp.path().display().to_string());
    Ok(())
}

#[test]
fn unusable_data_folder_is_one_line_error_in_the_chosen_language() -> TestResult {
    let tmp = tempfile::tempdir()?;
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x")?;
    let out = kairos()
        .args(["--lang", "fr", "info", "--data-dir"])
        .arg(file.join("sub"))
        .output()?;
    assert_eq!(out.status.code(), Some(1));
    let line = stderr_line(&out);
    assert!(
        line.starts_with("error[data_dir.unavailable]: Impossible d’utiliser"),
        "{line}"
    );
    assert!(line.contains("KAIROS_DATA_DIR"), "hint missing: {line}");
    assert!(out.stdout.is_empty());
    Ok(())
}

#[test]
fn usage_errors_exit_2() -> TestResult {
    let out = kairos().args(["--lang", "de", "info"]).output()?;
    assert_eq!(out.status.code(), Some(2));
    let out = kairos().arg("no-such-command").output()?;
    assert_eq!(out.status.code(), Some(2));
    Ok(())
}

#[test]
fn cognito_check_lists_pools_from_moto() -> TestResult {
    let moto = Moto::start()?;
    moto.create_user_pool("kairos-cli-test")?;
    let out = kairos()
        .envs(moto.aws_env())
        .args(["cognito", "check", "--json"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["region"], "us-east-1");
    assert_eq!(json["endpoint"], moto.url());
    let names: Vec<_> = json["pools"]
        .as_array()
        .map(|pools| pools.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["kairos-cli-test"]);
    Ok(())
}

#[test]
fn cognito_errors_have_stable_codes() -> TestResult {
    let moto = Moto::start()?;
    let dead = kairos()
        .envs(moto.aws_env())
        .args(["cognito", "check", "--endpoint", "http://127.0.0.1:1"])
        .output()?;
    assert_eq!(dead.status.code(), Some(1));
    assert!(
        stderr_line(&dead).starts_with(
            "error[cognito.unreachable]: Could not reach Cognito at http://127.0.0.1:1"
        )
    );

    let invalid = kairos()
        .envs(moto.aws_env())
        .args(["cognito", "check", "--endpoint", "127.0.0.1:5000"])
        .output()?;
    assert!(stderr_line(&invalid).starts_with("error[cognito.invalid_endpoint]"));

    let no_credentials = kairos()
        .args(["cognito", "check", "--region", "us-east-1", "--endpoint"])
        .arg(moto.url())
        .output()?;
    assert!(
        stderr_line(&no_credentials).starts_with("error[cognito.no_credentials]"),
        "{}",
        stderr_line(&no_credentials)
    );

    let no_region = kairos()
        .args(["cognito", "check", "--endpoint"])
        .arg(moto.url())
        .output()?;
    assert!(stderr_line(&no_region).starts_with("error[cognito.no_region]"));
    Ok(())
}
