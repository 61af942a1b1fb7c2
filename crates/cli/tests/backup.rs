//! `kairos import`, `kairos export` and `kairos add otpauth-migration://…`
//! against real vault files, with the backup fixtures of kairos-core
//! (written by an independent implementation, see its generate.py).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const VAULT_PASSWORD: &str = "vault pw";

/// (issuer, account, code at 1,700,000,000).
type Code = (String, String, String);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/backup")
        .join(name)
}

fn expected() -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_slice(&std::fs::read(fixture(
        "expected.json",
    ))?)?)
}

/// A password-protected vault in a temporary data folder: no keyring needed.
struct Cli {
    data: tempfile::TempDir,
}

impl Cli {
    fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let cli = Self {
            data: tempfile::tempdir()?,
        };
        ok(&cli.run(&["init"], &[])?);
        Ok(cli)
    }

    /// Runs `kairos --password-stdin ARGS` with the vault password, then
    /// `extra` lines, on standard input.
    fn run(&self, args: &[&str], extra: &[&str]) -> std::io::Result<Output> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kairos"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "en_US.UTF-8")
            .env("KAIROS_DATA_DIR", self.data.path().join("data"))
            // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
            .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
            .env("KAIROS_TIME_HTTP_URL", "off")
            .arg("--password-stdin")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            let mut input = format!("{VAULT_PASSWORD}\n");
            for line in extra {
                input.push_str(line);
                input.push('\n');
            }
            stdin.write_all(input.as_bytes())?;
        }
        child.wait_with_output()
    }

    fn codes(&self) -> Result<Vec<Code>, Box<dyn std::error::Error>> {
        let out = ok(&self.run(&["code", "--at", "1700000000", "--json"], &[])?);
        let json: serde_json::Value = serde_json::from_str(&out)?;
        Ok(json
            .as_array()
            .ok_or("not an array")?
            .iter()
            .map(|c| {
                let text = |k: &str| c[k].as_str().unwrap_or_default().to_owned();
                (text("issuer"), text("account"), text("code"))
            })
            .collect())
    }

    fn count(&self) -> Result<usize, Box<dyn std::error::Error>> {
        let out = ok(&self.run(&["list", "--json"], &[])?);
        let json: serde_json::Value = serde_json::from_str(&out)?;
        Ok(json.as_array().ok_or("not an array")?.len())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.data.path().join(name)
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

fn expected_codes() -> Result<Vec<Code>, Box<dyn std::error::Error>> {
    let json = expected()?;
    Ok(json["accounts"]
        .as_array()
        .ok_or("accounts")?
        .iter()
        .map(|a| {
            let text = |k: &str| a[k].as_str().unwrap_or_default().to_owned();
            (text("issuer"), text("label"), text("code"))
        })
        .collect())
}

#[test]
fn every_format_imports_with_the_expected_codes() -> TestResult {
    let password = expected()?["password"]
        .as_str()
        .ok_or("password")?
        .to_owned();
    for name in [
        "aegis_plain.json",
        "aegis_encrypted.json",
        "2fas_plain.2fas",
        "2fas_encrypted.2fas",
        "uris.txt",
        "kairos.kairos",
    ] {
        let cli = Cli::new()?;
        let file = fixture(name);
        let file = file.to_str().ok_or("path")?;
        let out = ok(&cli.run(&["import", file, "--backup-password-stdin"], &[&password])?);
        assert!(out.contains("Imported 5 account(s)"), "{name}: {out}");
        assert_eq!(cli.codes()?, expected_codes()?, "{name}");
    }
    Ok(())
}

#[test]
fn wrong_missing_and_truncated_input_import_nothing() -> TestResult {
    let cli = Cli::new()?;
    let encrypted = fixture("aegis_encrypted.json");
    let encrypted = encrypted.to_str().ok_or("path")?;
    let out = cli.run(
        &["import", encrypted, "--backup-password-stdin"],
        &["wrong"],
    )?;
    assert_eq!(error_code(&out), "backup.wrong_password");
    let out = cli.run(&["import", encrypted], &[])?;
    assert_eq!(error_code(&out), "backup.password_required");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--backup-password-stdin"));

    let bytes = std::fs::read(fixture("kairos.kairos"))?;
    let cut = cli.path("cut.kairos");
    std::fs::write(&cut, &bytes[..bytes.len() - 10])?;
    let out = cli.run(
        &[
            "import",
            cut.to_str().ok_or("path")?,
            "--backup-password-stdin",
        ],
        &["x"],
    )?;
    assert_eq!(error_code(&out), "backup.corrupt");

    let unknown = cli.path("notes.txt");
    std::fs::write(&unknown, "shopping list\n")?;
    let out = cli.run(&["import", unknown.to_str().ok_or("path")?], &[])?;
    assert_eq!(error_code(&out), "backup.unknown_format");
    let out = cli.run(
        &[
            "import",
            unknown.to_str().ok_or("path")?,
            "--format",
            "uris",
        ],
        &[],
    )?;
    assert_eq!(error_code(&out), "backup.uri_line");
    assert_eq!(cli.count()?, 0);
    Ok(())
}

#[test]
fn dry_run_saves_nothing_and_a_second_import_skips_duplicates() -> TestResult {
    let cli = Cli::new()?;
    let uris = fixture("uris.txt");
    let uris = uris.to_str().ok_or("path")?;
    let out = ok(&cli.run(&["import", uris, "--dry-run", "--json"], &[])?);
    let json: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(json["dryRun"], true);
    assert_eq!(json["added"], 5);
    assert_eq!(json["format"], "uris");
    assert_eq!(cli.count()?, 0);

    ok(&cli.run(&["import", uris], &[])?);
    // The same accounts from another format are recognised by their secrets.
    let aegis = fixture("aegis_plain.json");
    let out = ok(&cli.run(&["import", aegis.to_str().ok_or("path")?, "--json"], &[])?);
    let json: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(json["added"], 0);
    assert_eq!(json["skippedDuplicates"], 5);
    assert_eq!(json["accounts"][2]["duplicate"]["of"], "existing");
    assert_eq!(cli.count()?, 5);
    Ok(())
}

#[test]
fn exports_import_back_into_another_vault() -> TestResult {
    let source = Cli::new()?;
    ok(&source.run(
        &["import", fixture("uris.txt").to_str().ok_or("path")?],
        &[],
    )?);
    for (format, password) in [
        ("kairos", Some("backup pw")),
        ("aegis", Some("backup pw")),
        ("aegis", None),
        ("uris", None),
    ] {
        let out_file = source.path(&format!("export-{format}-{}", password.is_some()));
        let out_path = out_file.to_str().ok_or("path")?;
        let mut args = vec!["export", "--format", format, "--out", out_path];
        let extra: Vec<&str> = password.into_iter().collect();
        if password.is_some() {
            args.push("--backup-password-stdin");
        }
        let out = source.run(&args, &extra)?;
        ok(&out);
        let warned = String::from_utf8_lossy(&out.stderr).contains("warning[backup.plaintext]");
        assert_eq!(warned, password.is_none(), "{format}: plaintext warning");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&out_file)?.permissions().mode() & 0o777,
                0o600
            );
        }
        let target = Cli::new()?;
        let mut args = vec!["import", out_path];
        if password.is_some() {
            args.push("--backup-password-stdin");
        }
        ok(&target.run(&args, &extra)?);
        assert_eq!(target.codes()?, expected_codes()?, "{format} {password:?}");
    }
    Ok(())
}

#[test]
fn export_never_overwrites_without_force() -> TestResult {
    let cli = Cli::new()?;
    ok(&cli.run(
        &["import", fixture("uris.txt").to_str().ok_or("path")?],
        &[],
    )?);
    let out_file = cli.path("accounts.txt");
    std::fs::write(&out_file, "precious")?;
    let out_path = out_file.to_str().ok_or("path")?;
    let out = cli.run(&["export", "--format", "uris", "--out", out_path], &[])?;
    assert_eq!(error_code(&out), "backup.file_exists");
    assert_eq!(std::fs::read_to_string(&out_file)?, "precious");
    ok(&cli.run(
        &["export", "--format", "uris", "--out", out_path, "--force"],
        &[],
    )?);
    assert_eq!(std::fs::read_to_string(&out_file)?.lines().count(), 5);
    // A Kairos backup without its password is refused before anything is written.
    let kairos = cli.path("b.kairos");
    let out = cli.run(
        &[
            "export",
            "--format",
            "kairos",
            "--out",
            kairos.to_str().ok_or("path")?,
        ],
        &[],
    )?;
    assert_eq!(error_code(&out), "backup.empty_password");
    assert!(!kairos.exists());
    // A file format without --out is a usage error.
    assert_eq!(
        cli.run(&["export", "--format", "kairos"], &[])?
            .status
            .code(),
        Some(2)
    );
    Ok(())
}

#[test]
fn migration_links_go_out_and_come_back_in_with_add() -> TestResult {
    let source = Cli::new()?;
    ok(&source.run(
        &["import", fixture("uris.txt").to_str().ok_or("path")?],
        &[],
    )?);
    let out = source.run(&["export", "--format", "migration"], &[])?;
    let links = ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Big Bank (bob) left out"), "{stderr}");
    assert!(stderr.contains("Steam (gamer) left out"), "{stderr}");
    let links: Vec<&str> = links.lines().collect();
    assert_eq!(links.len(), 1);
    assert!(links[0].starts_with("otpauth-migration://offline?data="));

    let target = Cli::new()?;
    let out = ok(&target.run(&["add", links[0]], &[])?);
    assert_eq!(out.lines().filter(|l| l.starts_with("Added")).count(), 3);
    let wanted: Vec<_> = expected_codes()?
        .into_iter()
        .filter(|(issuer, _, _)| issuer != "Big Bank" && issuer != "Steam")
        .collect();
    assert_eq!(target.codes()?, wanted);
    // Adding it again adds nothing and says so.
    let out = ok(&target.run(&["add", links[0]], &[])?);
    assert!(out.contains("3 account(s) already in the vault"), "{out}");
    assert_eq!(target.count()?, 3);
    Ok(())
}

#[test]
fn add_reads_one_code_of_a_multi_code_export_and_says_so() -> TestResult {
    let cli = Cli::new()?;
    let links = std::fs::read_to_string(fixture("migration.txt"))?;
    let first = links.lines().next().ok_or("empty")?;
    let out = cli.run(&["add", first], &[])?;
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("code 2 of 2"));
    assert_eq!(cli.count()?, 1);
    let out = cli.run(&["add", "otpauth-migration://offline?data=%%%"], &[])?;
    assert_eq!(error_code(&out), "uri.migration_base64");
    Ok(())
}
