//! The authenticator from a shell, against a real vault file and gnome-keyring's
//! Secret Service in a private D-Bus session; codes checked against oathtool.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use kairos_harness::DbusSession;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SECRET: &str = "JBSWY3DPEHPK3PXP";

struct Cli {
    dbus: DbusSession,
    data: tempfile::TempDir,
}

impl Cli {
    fn new() -> Result<Self, Box<dyn std::error::Error>> {
        Ok(Self {
            dbus: DbusSession::start()?,
            data: tempfile::tempdir()?,
        })
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kairos"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "en_US.UTF-8")
            .env("KAIROS_DATA_DIR", self.data.path())
            // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
            .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
            .env("KAIROS_TIME_HTTP_URL", "off")
            .args(args);
        self.dbus.apply_env(&mut cmd);
        cmd
    }

    fn run(&self, args: &[&str]) -> std::io::Result<Output> {
        self.command(args).stdin(Stdio::null()).output()
    }

    fn run_with_stdin(&self, args: &[&str], input: &str) -> std::io::Result<Output> {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(input.as_bytes())?;
        }
        child.wait_with_output()
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "kairos failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn error_code(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "expected a failure: {out:?}");
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(text.lines().count(), 1, "one line on stderr: {text:?}");
    text.split(']')
        .next()
        .unwrap_or_default()
        .trim_start_matches("error[")
        .to_owned()
}

fn oathtool(args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let out = Command::new("oathtool").args(args).output().map_err(|e| {
        format!("oathtool is missing ({e}) — run ./dev setup (Debian package oathtool)")
    })?;
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

#[test]
fn codes_match_oathtool_and_the_key_survives_in_the_keyring() -> TestResult {
    let cli = Cli::new()?;
    let uri = format!("otpauth://totp/Example:alice@example.com?secret={SECRET}&issuer=Example");
    ok(&cli.run(&["add", &uri])?);
    let sha256 = format!(
        "otpauth://totp/Big%20Bank:bob?secret={SECRET}&algorithm=SHA256&digits=8&period=60"
    );
    ok(&cli.run(&["add", &sha256])?);

    // Each `kairos` is a new process: the vault key came back from gnome-keyring.
    for at in ["59", "1234567890", "2000000000"] {
        let json: serde_json::Value =
            serde_json::from_str(&ok(&cli.run(&["code", "--at", at, "--json"])?))?;
        let codes = json.as_array().ok_or("not an array")?;
        assert_eq!(codes.len(), 2);
        let when = format!("@{at}");
        assert_eq!(
            codes[0]["code"],
            oathtool(&["--totp", "-b", SECRET, "-N", &when])?
        );
        assert_eq!(codes[0]["issuer"], "Example");
        assert_eq!(codes[0]["account"], "alice@example.com");
        assert_eq!(codes[0]["period"], 30);
        let expected = oathtool(&[
            "--totp=sha256",
            "-d",
            "8",
            "-s",
            "60",
            "-b",
            SECRET,
            "-N",
            &when,
        ])?;
        assert_eq!(codes[1]["code"], expected);
        let remaining = codes[1]["remaining"].as_u64().ok_or("remaining")?;
        let at: u64 = at.parse()?;
        assert_eq!(remaining, 60 - at % 60);
    }

    // A query filters by issuer or account name.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&cli.run(&["code", "bank", "--at", "59", "--json"])?))?;
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    Ok(())
}

#[test]
fn hotp_advances_only_when_asked() -> TestResult {
    let cli = Cli::new()?;
    let out = ok(&cli.run(&[
        "add",
        "--json",
        &format!("otpauth://hotp/Lab:eve?secret={SECRET}&counter=0"),
    ])?);
    let id = serde_json::from_str::<serde_json::Value>(&out)?["id"].to_string();
    let code = |cli: &Cli| -> Result<String, Box<dyn std::error::Error>> {
        let json: serde_json::Value = serde_json::from_str(&ok(&cli.run(&["code", "--json"])?))?;
        Ok(json[0]["code"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(code(&cli)?, oathtool(&["--hotp", "-b", SECRET, "-c", "0"])?);
    assert_eq!(code(&cli)?, oathtool(&["--hotp", "-b", SECRET, "-c", "0"])?);
    assert_eq!(
        ok(&cli.run(&["next", &id])?).trim(),
        oathtool(&["--hotp", "-b", SECRET, "-c", "1"])?
    );
    assert_eq!(code(&cli)?, oathtool(&["--hotp", "-b", SECRET, "-c", "1"])?);
    Ok(())
}

#[test]
fn rename_reveal_and_remove() -> TestResult {
    let cli = Cli::new()?;
    ok(&cli.run(&["add", &format!("otpauth://totp/Old:name?secret={SECRET}")])?);
    ok(&cli.run(&[
        "rename",
        "1",
        "--issuer",
        "Nouvelle Banque",
        "--label",
        "zoé",
    ])?);
    let uri = ok(&cli.run(&["uri", "1"])?);
    assert_eq!(
        uri.trim(),
        format!(
            "otpauth://totp/Nouvelle%20Banque:zo%C3%A9?secret={SECRET}&issuer=Nouvelle%20Banque&algorithm=SHA1&digits=6&period=30"
        )
    );
    // Without a terminal to ask, deleting needs --yes, and nothing is lost meanwhile.
    assert_eq!(
        error_code(&cli.run(&["remove", "1"])?),
        "cli.confirmation_required"
    );
    assert!(ok(&cli.run(&["list"])?).contains("Nouvelle Banque (zoé)"));
    ok(&cli.run(&["remove", "1", "--yes"])?);
    assert_eq!(ok(&cli.run(&["list", "--json"])?).trim(), "[]");
    assert_eq!(
        error_code(&cli.run(&["uri", "1"])?),
        "vault.account_not_found"
    );
    Ok(())
}

#[test]
fn bad_uris_are_refused_and_add_nothing() -> TestResult {
    let cli = Cli::new()?;
    ok(&cli.run(&["add", &format!("otpauth://totp/A:b?secret={SECRET}")])?);
    for (uri, code) in [
        ("https://example.com/?secret=JBSWY3DP", "uri.scheme"),
        ("otpauth://totp/A:b?secret=JBSW1Y3DP", "uri.secret_invalid"),
        ("otpauth://totp/A:b?issuer=A", "uri.secret_missing"),
        ("otpauth://hotp/A:b?secret=JBSWY3DP", "uri.counter_missing"),
        ("otpauth://totp/A:b?secret=JBSWY3DP&digits=12", "uri.digits"),
    ] {
        assert_eq!(error_code(&cli.run(&["add", uri])?), code, "{uri}");
    }
    let list: serde_json::Value = serde_json::from_str(&ok(&cli.run(&["list", "--json"])?))?;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    Ok(())
}

#[test]
fn password_vaults_need_the_right_password() -> TestResult {
    let cli = Cli::new()?;
    ok(&cli.run_with_stdin(&["init", "--password-stdin"], "correct horse\n")?);
    let uri = format!("otpauth://totp/P:q?secret={SECRET}");
    assert_eq!(
        error_code(&cli.run(&["add", &uri])?),
        "cli.password_required"
    );
    ok(&cli.run_with_stdin(&["--password-stdin", "add", &uri], "correct horse\n")?);
    let wrong = cli.run_with_stdin(&["--password-stdin", "list"], "wrong horse\n")?;
    assert_eq!(error_code(&wrong), "vault.wrong_password");
    let list = ok(&cli.run_with_stdin(&["--password-stdin", "list", "--json"], "correct horse\n")?);
    assert!(list.contains("\"issuer\": \"P\""));
    Ok(())
}
