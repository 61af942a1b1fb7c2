//! `kairos scan`: payloads printed per file, JSON, errors as one line, and
//! `--add` saving accounts in a real vault (gnome-keyring in a private D-Bus
//! session). Pictures come from crates/core/tests/fixtures/qr, each with its
//! expected text beside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kairos_harness::DbusSession;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/qr")
        .join(name)
}

fn expected(name: &str) -> Vec<String> {
    let path = fixture(&format!("{name}.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

struct Cli {
    dbus: Option<DbusSession>,
    data: tempfile::TempDir,
}

impl Cli {
    /// Without a keyring: `scan` alone never opens the vault.
    fn bare() -> Result<Self, Box<dyn std::error::Error>> {
        Ok(Self {
            dbus: None,
            data: tempfile::tempdir()?,
        })
    }

    fn with_keyring() -> Result<Self, Box<dyn std::error::Error>> {
        Ok(Self {
            dbus: Some(DbusSession::start()?),
            data: tempfile::tempdir()?,
        })
    }

    fn run(&self, args: &[&str]) -> std::io::Result<Output> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kairos"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "en_US.UTF-8")
            .env("KAIROS_DATA_DIR", self.data.path())
            // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
            .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
            .env("KAIROS_TIME_HTTP_URL", "off")
            .args(args)
            .stdin(Stdio::null());
        if let Some(dbus) = &self.dbus {
            dbus.apply_env(&mut cmd);
        }
        cmd.output()
    }
}

fn path_str(name: &str) -> String {
    fixture(name).display().to_string()
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn scan_prints_every_payload_of_every_file() -> TestResult {
    let cli = Cli::bare()?;
    let out = cli.run(&[
        "scan",
        &path_str("otpauth-clean.png"),
        &path_str("otpauth-camera-720p.jpg"),
    ])?;
    assert!(out.status.success(), "{out:?}");
    let mut want = expected("otpauth-clean.png");
    want.extend(expected("otpauth-camera-720p.jpg"));
    assert_eq!(stdout_lines(&out), want);
    assert!(out.stderr.is_empty());
    // Nothing was written: scanning is read-only.
    assert_eq!(std::fs::read_dir(cli.data.path())?.count(), 0);
    Ok(())
}

#[test]
fn scan_json_lists_files_codes_kinds_and_checks() -> TestResult {
    let cli = Cli::bare()?;
    let out = cli.run(&[
        "scan",
        "--json",
        &path_str("two-codes-720p.jpg"),
        &path_str("migration-dense-720p.jpg"),
    ])?;
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let files = json.as_array().ok_or("an array")?;
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], path_str("two-codes-720p.jpg"));
    let mut two: Vec<&str> = files[0]["codes"]
        .as_array()
        .ok_or("codes")?
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    two.sort_unstable();
    let mut want = expected("two-codes-720p.jpg");
    want.sort();
    assert_eq!(two, want);
    let dense = &files[1]["codes"][0];
    assert_eq!(dense["text"], expected("migration-dense-720p.jpg")[0]);
    assert_eq!(dense["kind"], "otpauth_migration");
    assert_eq!(dense["check"], "parsed");
    assert_eq!(files[0]["codes"][0]["kind"], "otpauth");
    Ok(())
}

#[test]
fn unreadable_and_codeless_files_fail_with_one_line_each() -> TestResult {
    let cli = Cli::bare()?;
    let dir = tempfile::tempdir()?;
    let text = dir.path().join("notes.png");
    std::fs::write(&text, "hello")?;
    let out = cli.run(&["scan", &text.display().to_string()])?;
    assert_eq!(out.status.code(), Some(1));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("error[qr.image_unreadable]: Cannot read the image "),
        "{}",
        lines[0]
    );
    assert!(out.stdout.is_empty());

    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(200, 200, image::Luma([255])).save(&blank)?;
    let out = cli.run(&["--lang", "fr", "scan", &blank.display().to_string()])?;
    assert_eq!(out.status.code(), Some(1));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("error[qr.not_found]: Aucun code QR"),
        "{}",
        lines[0]
    );

    // A good file among bad ones still prints its code; each failure has its line.
    let missing = dir.path().join("missing.jpg");
    let out = cli.run(&[
        "scan",
        &missing.display().to_string(),
        &path_str("otpauth-clean.png"),
        &blank.display().to_string(),
    ])?;
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_lines(&out), expected("otpauth-clean.png"));
    let codes: Vec<String> = stderr_lines(&out)
        .iter()
        .map(|l| l.split(']').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(codes, ["error[qr.image_unreadable", "error[qr.not_found"]);
    Ok(())
}

#[test]
fn scan_add_saves_the_accounts_in_the_vault() -> TestResult {
    let cli = Cli::with_keyring()?;
    let out = cli.run(&[
        "scan",
        "--add",
        &path_str("otpauth-clean.png"),
        &path_str("two-codes-720p.jpg"),
    ])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().all(|l| l.starts_with("Added #")), "{lines:?}");
    // The secret-bearing payloads are not echoed when added.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret="));
    assert_eq!(lines[0], "Added #1 Example (alice@example.com)");

    let out = cli.run(&["list", "--json"])?;
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    // The stored secret is the one in the code: its URI round-trips.
    let out = cli.run(&["uri", "1"])?;
    assert!(String::from_utf8_lossy(&out.stdout).contains("secret=JBSWY3DPEHPK3PXP"));
    Ok(())
}

#[test]
fn scan_add_stores_every_account_of_a_migration_export() -> TestResult {
    let cli = Cli::with_keyring()?;
    let out = cli.run(&["scan", "--add", &path_str("migration-dense-720p.jpg")])?;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 10, "{lines:?}");
    assert!(lines.iter().all(|l| l.starts_with("Added #")), "{lines:?}");
    // The secret-bearing payload is not echoed once its accounts are saved.
    assert!(!lines.iter().any(|l| l.contains("otpauth-migration")));
    let out = cli.run(&["list", "--json"])?;
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(list.as_array().map(Vec::len), Some(10));
    Ok(())
}
