//! Helpers shared by the vault integration tests: sample accounts, cheap
//! password vaults, and child processes (the test executable run again with
//! a role in the environment, so keyring and crash tests get real processes).

#![allow(dead_code)] // each test file uses a different subset

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use kairos_core::otp::{AccountDraft, OtpKind, OtpParams, Secret};
use kairos_core::vault::{KdfParams, Protection, Unlock, Vault};
use zeroize::Zeroizing;

/// Environment variable naming the role a re-invoked test executable plays.
pub const ROLE_ENV: &str = "KAIROS_VAULT_TEST_ROLE";
/// The data folder a child works in.
pub const DIR_ENV: &str = "KAIROS_VAULT_TEST_DIR";
/// Prefix of the lines a child reports on stdout (libtest prints its own too).
pub const REPORT: &str = "KAIROS-CHILD ";

pub const PASSWORD: &str = "correct horse battery staple";

pub fn password() -> Zeroizing<String> {
    Zeroizing::new(PASSWORD.to_owned())
}

/// A recognisable, distinct secret per index.
pub fn secret_bytes(i: usize) -> Vec<u8> {
    format!("kairos-secret-{i:06}-xyzzy").into_bytes()
}

pub fn draft(i: usize) -> AccountDraft {
    AccountDraft {
        issuer: format!("Issuer {i}"),
        label: format!("user{i}@example.com"),
        params: OtpParams::default_totp(),
        secret: Secret::from_bytes(secret_bytes(i)).expect("valid secret"),
    }
}

pub fn drafts(range: std::ops::Range<usize>) -> Vec<AccountDraft> {
    range.map(draft).collect()
}

pub fn hotp_draft(counter: u64) -> AccountDraft {
    AccountDraft {
        params: OtpParams {
            kind: OtpKind::Hotp { counter },
            ..OtpParams::default_totp()
        },
        ..draft(999_999)
    }
}

/// A password vault with Argon2 parameters cheap enough for tests.
pub async fn create_fast(dir: &Path) -> Vault {
    Vault::create_with(
        dir,
        Protection::Password(password()),
        KdfParams::insecure_fast_for_tests(),
    )
    .await
    .expect("create password vault")
}

pub async fn open_fast(dir: &Path) -> Vault {
    Vault::open(dir, Unlock::Password(password()))
        .await
        .expect("open password vault")
}

/// This test executable, set to run only `test_name` as `role` in `dir`.
pub fn child_command(test_name: &str, role: &str, dir: &Path) -> Command {
    let exe = std::env::current_exe().expect("test executable path");
    let mut cmd = Command::new(exe);
    cmd.args([test_name, "--exact", "--nocapture", "--test-threads=1"])
        .env(ROLE_ENV, role)
        .env(DIR_ENV, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Prints one report line for the parent.
pub fn report(line: impl std::fmt::Display) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{REPORT}{line}");
    let _ = out.flush();
}

/// The report lines of a running child, read on a thread so the parent can
/// wait with a deadline.
pub struct Reports {
    lines: mpsc::Receiver<String>,
}

impl Reports {
    pub fn follow(child: &mut Child) -> Self {
        let stdout = child.stdout.take().expect("child stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // libtest prints "test child_role ... " without a newline
                // before the test runs, so a report may start mid-line.
                let Some(at) = line.find(REPORT) else {
                    continue;
                };
                if tx.send(line[at + REPORT.len()..].to_owned()).is_err() {
                    break;
                }
            }
        });
        Self { lines: rx }
    }

    /// The next report, or `None` if the child closed stdout or the deadline passed.
    pub fn next(&self, timeout: Duration) -> Option<String> {
        self.lines.recv_timeout(timeout).ok()
    }

    /// Every remaining report (after the child exited).
    pub fn rest(&self) -> Vec<String> {
        self.lines.iter().collect()
    }
}

/// SIGKILLs a child that went wrong and returns its stderr, for the failure message.
pub fn kill_for_diagnosis(mut child: Child) -> String {
    let _ = child.kill();
    child
        .wait_with_output()
        .map(|out| String::from_utf8_lossy(&out.stderr).into_owned())
        .unwrap_or_default()
}

/// Runs a child to completion and returns its reports, failing with its
/// stderr if it did not succeed.
pub fn run_child(cmd: Command) -> Vec<String> {
    run_child_with_stderr(cmd).0
}

/// [`run_child`], also returning what the child wrote to stderr.
pub fn run_child_with_stderr(mut cmd: Command) -> (Vec<String>, String) {
    let mut child = cmd.spawn().expect("spawn child");
    let reports = Reports::follow(&mut child);
    let output = child.wait_with_output().expect("wait for child");
    let lines = reports.rest();
    assert!(
        output.status.success(),
        "child failed ({}): reports {lines:?}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    (lines, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A current-thread runtime for child roles (they run inside a plain #[test]).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Files in `dir` (names only), sorted; empty if `dir` does not exist.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `PRAGMA integrity_check` on the vault file, read without unlocking.
pub async fn integrity_check(dir: &Path) -> String {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join(kairos_core::vault::DB_FILE))
        .connect()
        .await
        .expect("connect for integrity check");
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .expect("integrity_check");
    rows.join("; ")
}
