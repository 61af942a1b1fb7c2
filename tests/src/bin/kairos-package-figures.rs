//! Figures of the installed app (issue #8), printed, never asserted:
//! - start: from the app process's start (its /proc start time) to the first
//!   `account-code` element showing a 6-digit code, read over WebDriver;
//! - memory: VmRSS and PSS summed over the app and its WebKit child processes,
//!   with the codes on screen and the vault holding `--accounts` accounts.
//!
//! Usage: kairos-package-figures [--app PATH] [--cli PATH] [--accounts N] [--runs N]
//! (defaults: the installed /usr/bin/kairos-app and /usr/bin/kairos, 500, 5).
//! tests/bench/package-figures.sh installs the release .deb and runs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use kairos_harness::desktop::DesktopApp;
use kairos_harness::package::{INSTALLED_APP, INSTALLED_CLI, run};
use kairos_harness::{DbusSession, Xvfb};

/// The web view's rendering settles after the first code; memory is read then.
const SETTLE: Duration = Duration::from_secs(5);
const CODE_TIMEOUT: Duration = Duration::from_secs(60);
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

#[derive(Debug)]
struct Options {
    app: PathBuf,
    cli: PathBuf,
    accounts: usize,
    runs: usize,
}

fn options() -> Result<Options> {
    let mut options = Options {
        app: INSTALLED_APP.into(),
        cli: INSTALLED_CLI.into(),
        accounts: 500,
        runs: 5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--app" => options.app = value.into(),
            "--cli" => options.cli = value.into(),
            "--accounts" => options.accounts = value.parse().context("--accounts")?,
            "--runs" => options.runs = value.parse().context("--runs")?,
            _ => bail!("unknown option {flag} (--app, --cli, --accounts, --runs)"),
        }
    }
    ensure!(options.runs > 0, "--runs must be at least 1");
    Ok(options)
}

/// `count` distinct TOTP accounts as an otpauth URI list (160-bit secrets:
/// the index in the first 4 base32 digits).
fn uri_list(count: usize) -> String {
    let mut list = String::new();
    for i in 0..count {
        let mut secret: String = (0..4)
            .map(|d| char::from(BASE32[(i >> (5 * (3 - d))) & 31]))
            .collect();
        secret.push_str("JBSWY3DPEHPK3PXPJBSWY3DPEHPK");
        list.push_str(&format!(
            "otpauth://totp/Bench%20{}:user{i}%40example.com?secret={secret}&issuer=Bench%20{}\n",
            i % 40,
            i % 40
        ));
    }
    list
}

/// Seconds since boot, as /proc/uptime counts them (the clock of process start times).
fn uptime() -> Result<f64> {
    let text = std::fs::read_to_string("/proc/uptime")?;
    text.split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .context("unreadable /proc/uptime")
}

/// A process's parent and start time (seconds since boot) from /proc/PID/stat.
fn stat(pid: u32, ticks_per_second: f64) -> Option<(u32, f64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let parent = rest.get(1)?.parse().ok()?;
    let start: f64 = rest.get(19)?.parse().ok()?;
    Some((parent, start / ticks_per_second))
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The newest process running `app`.
fn app_pid(app: &Path, ticks: f64) -> Result<(u32, f64)> {
    all_pids()
        .into_iter()
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
        .filter_map(|pid| stat(pid, ticks).map(|(_, start)| (pid, start)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .with_context(|| format!("no running process of {}", app.display()))
}

/// `pid` and all its descendants.
fn process_tree(pid: u32, ticks: f64) -> Vec<u32> {
    let parents: HashMap<u32, u32> = all_pids()
        .into_iter()
        .filter_map(|p| stat(p, ticks).map(|(parent, _)| (p, parent)))
        .collect();
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| **pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

/// A `Field:   N kB` line of a /proc status-like file, in kB.
fn kb_field(path: &str, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

#[derive(Debug, Clone, Copy)]
struct Memory {
    rss_kb: u64,
    pss_kb: u64,
    processes: usize,
}

fn memory(pid: u32, ticks: f64) -> (Memory, Vec<String>) {
    let mut total = Memory {
        rss_kb: 0,
        pss_kb: 0,
        processes: 0,
    };
    let mut lines = Vec::new();
    for p in process_tree(pid, ticks) {
        let rss = kb_field(&format!("/proc/{p}/status"), "VmRSS:");
        let pss = kb_field(&format!("/proc/{p}/smaps_rollup"), "Pss:");
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        lines.push(format!(
            "    {p:>7} {:<20} VmRSS {:>7.1} MB  PSS {:>7.1} MB",
            name.trim(),
            rss as f64 / 1024.0,
            pss as f64 / 1024.0
        ));
        total.rss_kb += rss;
        total.pss_kb += pss;
        total.processes += 1;
    }
    (total, lines)
}

/// The first account's code once it is 6 digits (the page groups them "123 456").
async fn first_code(app: &DesktopApp) -> Result<Option<String>> {
    let value = app
        .client()
        .execute(
            "const e = document.querySelector('[data-testid=\"account-code\"]'); return e ? e.textContent : null;",
            vec![],
        )
        .await?;
    let digits: String = value
        .as_str()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Ok((digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits))
}

#[derive(Debug)]
struct Run {
    session_ms: f64,
    code_ms: f64,
    memory: Memory,
}

async fn one_run(
    options: &Options,
    display: &str,
    env: &[(String, String)],
    ticks: f64,
    print_tree: bool,
) -> Result<Run> {
    let app = DesktopApp::launch_binary(&options.app, display, env).await?;
    let session_at = uptime()?;
    let (pid, started) = app_pid(&options.app, ticks)?;
    let deadline = std::time::Instant::now() + CODE_TIMEOUT;
    let code_at = loop {
        if first_code(&app).await?.is_some() {
            break uptime()?;
        }
        if std::time::Instant::now() > deadline {
            bail!("no 6-digit code on screen within {CODE_TIMEOUT:?}");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    tokio::time::sleep(SETTLE).await;
    let (memory, lines) = memory(pid, ticks);
    if print_tree {
        println!("  processes with the codes on screen ({SETTLE:?} after the first):");
        for line in lines {
            println!("{line}");
        }
    }
    app.close().await?;
    // The next run must start a new process, not find this one.
    let gone = std::time::Instant::now() + Duration::from_secs(20);
    while Path::new(&format!("/proc/{pid}")).exists() && std::time::Instant::now() < gone {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(Run {
        session_ms: (session_at - started) * 1000.0,
        code_ms: (code_at - started) * 1000.0,
        memory,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

async fn figures() -> Result<()> {
    let options = options()?;
    let ticks: f64 = String::from_utf8_lossy(&run(Command::new("getconf").arg("CLK_TCK"))?.stdout)
        .trim()
        .parse()
        .context("getconf CLK_TCK")?;
    let xvfb = Xvfb::start()?;
    let dbus = DbusSession::start()?;
    let home = tempfile::Builder::new()
        .prefix("kairos-figures-")
        .tempdir()?;
    let mut env = dbus.env();
    for (var, sub) in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        env.push((var.into(), home.path().join(sub).display().to_string()));
    }
    env.push(("HOME".into(), home.path().display().to_string()));
    env.push((
        "KAIROS_DATA_DIR".into(),
        home.path().join("vault").display().to_string(),
    ));
    env.push(("LANG".into(), "en_US.UTF-8".into()));
    env.push(("LC_ALL".into(), "en_US.UTF-8".into()));
    env.push(("KAIROS_TIME_SERVERS".into(), "127.0.0.1:9".into()));
    env.push(("KAIROS_TIME_HTTP_URL".into(), "off".into()));

    let list = home.path().join("accounts.txt");
    std::fs::write(&list, uri_list(options.accounts))?;
    let mut import = Command::new(&options.cli);
    import
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .arg("import")
        .arg(&list);
    run(&mut import).context("seeding the vault")?;
    let listed = run(Command::new(&options.cli)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .args(["list", "--json"]))?;
    let accounts: serde_json::Value = serde_json::from_slice(&listed.stdout)?;
    let count = accounts.as_array().map_or(0, Vec::len);
    ensure!(
        count == options.accounts,
        "the vault holds {count} accounts after importing {}",
        options.accounts
    );
    let version = run(Command::new(&options.cli).arg("--version"))?;
    println!(
        "installed app {} ({}), {count} accounts, {} runs",
        options.app.display(),
        String::from_utf8_lossy(&version.stdout).trim(),
        options.runs
    );

    let mut runs = Vec::new();
    for i in 0..options.runs {
        let result = one_run(&options, &xvfb.display(), &env, ticks, i == 0).await?;
        println!(
            "  run {}: WebDriver session at {:.0} ms, first code at {:.0} ms, VmRSS {:.1} MB, PSS {:.1} MB ({} processes)",
            i + 1,
            result.session_ms,
            result.code_ms,
            result.memory.rss_kb as f64 / 1024.0,
            result.memory.pss_kb as f64 / 1024.0,
            result.memory.processes
        );
        runs.push(result);
    }
    let code = median(runs.iter().map(|r| r.code_ms).collect());
    let rss = median(
        runs.iter()
            .map(|r| r.memory.rss_kb as f64 / 1024.0)
            .collect(),
    );
    let pss = median(
        runs.iter()
            .map(|r| r.memory.pss_kb as f64 / 1024.0)
            .collect(),
    );
    println!("start to first code on screen, median: {code:.0} ms");
    println!(
        "resident memory with {count} accounts, median: VmRSS sum {rss:.1} MB, PSS sum {pss:.1} MB"
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match figures().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kairos-package-figures: {error:#}");
            ExitCode::FAILURE
        }
    }
}
