//! `kairos time` against chrony on loopback (true and shifted by +90 s with
//! libfaketime), and `kairos code` computing on the measured offset.

use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use kairos_harness::{Chrony, DbusSession, Moto};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn kairos(dbus: &DbusSession, data: &std::path::Path, args: &[&str]) -> std::io::Result<Output> {
    kairos_with(dbus, data, args, &[])
}

/// `kairos` with extra environment, applied last (so it overrides).
fn kairos_with(
    dbus: &DbusSession,
    data: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::io::Result<Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kairos"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "en_US.UTF-8")
        .env("KAIROS_DATA_DIR", data)
        // Tests talk to 127.0.0.1 only: a closed UDP port, no Date fallback.
        .env("KAIROS_TIME_SERVERS", "127.0.0.1:9")
        .env("KAIROS_TIME_HTTP_URL", "off")
        .args(args)
        .stdin(Stdio::null());
    dbus.apply_env(&mut cmd);
    cmd.envs(env.iter().copied());
    cmd.output()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn oathtool_at(unix: u64) -> Result<String, Box<dyn std::error::Error>> {
    let out = Command::new("oathtool")
        .args(["--totp", "-b", SECRET, "-N", &format!("@{unix}")])
        .output()
        .map_err(|e| format!("oathtool is missing ({e}) — run ./dev setup"))?;
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `kairos code --json`'s code, checked against oathtool at system time + `shift`,
/// read again if a period ended in between.
fn code_matches(
    dbus: &DbusSession,
    data: &std::path::Path,
    extra: &[&str],
    shift: u64,
) -> Result<bool, Box<dyn std::error::Error>> {
    code_matches_with(dbus, data, extra, shift, &[])
}

fn code_matches_with(
    dbus: &DbusSession,
    data: &std::path::Path,
    extra: &[&str],
    shift: u64,
    env: &[(&str, &str)],
) -> Result<bool, Box<dyn std::error::Error>> {
    for _ in 0..3 {
        let before = unix_now() + shift;
        let mut args = vec!["code", "--json"];
        args.extend_from_slice(extra);
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&kairos_with(dbus, data, &args, env)?))?;
        let after = unix_now() + shift;
        if before / 30 == after / 30 {
            return Ok(json[0]["code"] == oathtool_at(before)?);
        }
    }
    Err("the period kept ending between reads".into())
}

#[test]
fn measures_the_shifted_server_and_corrects_codes() -> TestResult {
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let shifted = Chrony::start_shifted(90)?;
    stdout(&kairos(
        &dbus,
        data.path(),
        &["add", &format!("otpauth://totp/T:u?secret={SECRET}")],
    )?);

    let server = shifted.addr().to_string();
    let json: serde_json::Value = serde_json::from_str(&stdout(&kairos(
        &dbus,
        data.path(),
        &["time", "--server", &server, "--json"],
    )?))?;
    let offset = json["offsetSeconds"].as_f64().ok_or("no offset")?;
    assert!((offset - 90.0).abs() < 0.05, "measured {offset} s");
    assert_eq!(json["reports"][0]["stratum"], 3);
    assert_eq!(json["reports"][0]["outcome"]["kind"], "ok");

    // The offset was kept: a new process computes on corrected time...
    assert!(
        code_matches(&dbus, data.path(), &[], 90)?,
        "code is not the shifted instant's"
    );
    // ...unless asked for the system clock.
    assert!(
        code_matches(&dbus, data.path(), &["--system-clock"], 0)?,
        "--system-clock is not the system's"
    );
    Ok(())
}

#[test]
fn no_answer_is_a_clear_error_and_keeps_the_system_clock() -> TestResult {
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let true_time = Chrony::start()?;
    // A closed port on loopback: bound, then released.
    let dead = std::net::UdpSocket::bind("127.0.0.1:0")?
        .local_addr()?
        .to_string();
    let started = std::time::Instant::now();
    let out = kairos(&dbus, data.path(), &["time", "--server", &dead])?;
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error[time.no_answer]"), "{err}");
    assert!(
        started.elapsed().as_secs_f64() < 3.0,
        "took {:?}",
        started.elapsed()
    );

    // A dead server next to a good one: the good one is used.
    let good = true_time.addr().to_string();
    let json: serde_json::Value = serde_json::from_str(&stdout(&kairos(
        &dbus,
        data.path(),
        &["time", "--server", &dead, "--server", &good, "--json"],
    )?))?;
    let offset = json["offsetSeconds"].as_f64().ok_or("no offset")?;
    assert!(offset.abs() < 0.05, "offset against true time: {offset}");
    assert_eq!(json["chosenFrom"][0], good);

    let bad = kairos(&dbus, data.path(), &["time", "--server", "host:notaport"])?;
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error[time.bad_server]"));
    Ok(())
}

#[test]
fn code_measures_by_itself_when_due_and_then_reuses_the_offset() -> TestResult {
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let shifted = Chrony::start_shifted(90)?;
    let server = shifted.addr().to_string();
    let env = [("KAIROS_TIME_SERVERS", server.as_str())];
    stdout(&kairos(
        &dbus,
        data.path(),
        &["add", &format!("otpauth://totp/T:u?secret={SECRET}")],
    )?);
    // No `kairos time` first: the first `kairos code` measures.
    assert!(code_matches_with(&dbus, data.path(), &[], 90, &env)?);
    let status: serde_json::Value = serde_json::from_str(&stdout(&kairos_with(
        &dbus,
        data.path(),
        &["time", "status", "--json"],
        &env,
    )?))?;
    // Measured by the earlier process, so remembered here.
    assert_eq!(status["source"]["kind"], "persisted", "{status}");
    assert_eq!(status["source"]["aged"], false, "{status}");
    let offset = status["offset"].as_f64().ok_or("offset")? / 1e9;
    assert!((offset - 90.0).abs() < 0.05, "{offset}");
    assert_eq!(status["warnings"][0]["kind"], "largeOffset", "{status}");

    // Within 30 minutes the server is not asked again: with it gone, codes
    // still come out shifted, from time.db, and nothing warns.
    drop(shifted);
    let out = kairos_with(&dbus, data.path(), &["code"], &env)?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("no answer"), "{err}");
    assert!(code_matches_with(&dbus, data.path(), &[], 90, &env)?);
    Ok(())
}

#[test]
fn settings_are_checked_kept_and_obeyed() -> TestResult {
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let shifted = Chrony::start_shifted(90)?;
    let server = shifted.addr().to_string();
    stdout(&kairos(
        &dbus,
        data.path(),
        &["add", &format!("otpauth://totp/T:u?secret={SECRET}")],
    )?);
    let set: serde_json::Value = serde_json::from_str(&stdout(&kairos(
        &dbus,
        data.path(),
        &[
            "time",
            "config",
            "--servers",
            &format!("{server}, ,{server}"),
            "--threshold",
            "10",
            "--http-fallback",
            "off",
            "--json",
        ],
    )?))?;
    assert_eq!(set["servers"], serde_json::json!([server]), "{set}");
    assert_eq!(set["warningThresholdSeconds"], 10);
    assert_eq!(set["httpFallback"], false);
    // Kept: `kairos time` without --server asks the configured list.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&kairos(&dbus, data.path(), &["time", "--json"])?))?;
    assert_eq!(json["chosenFrom"][0], server.as_str());

    let bad = kairos(
        &dbus,
        data.path(),
        &["time", "config", "--servers", "bad host"],
    )?;
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error[time.bad_server]"));
    let shown: serde_json::Value = serde_json::from_str(&stdout(&kairos(
        &dbus,
        data.path(),
        &["time", "config", "--json"],
    )?))?;
    assert_eq!(shown, set, "a refused change changes nothing");

    // Turned off: no measuring, codes on the system clock.
    stdout(&kairos(
        &dbus,
        data.path(),
        &["time", "config", "--disable"],
    )?);
    let off = kairos(&dbus, data.path(), &["time"])?;
    assert!(String::from_utf8_lossy(&off.stderr).starts_with("error[time.disabled]"));
    assert!(code_matches(&dbus, data.path(), &[], 0)?);
    Ok(())
}

#[test]
fn with_ntp_blocked_the_cognito_date_header_is_used() -> TestResult {
    let dbus = DbusSession::start()?;
    let data = tempfile::tempdir()?;
    let moto = Moto::start_shifted(90)?;
    let url = format!("{}/", moto.url());
    let env = [("KAIROS_TIME_HTTP_URL", url.as_str())];
    let json: serde_json::Value = serde_json::from_str(&stdout(&kairos_with(
        &dbus,
        data.path(),
        &["time", "--json"],
        &env,
    )?))?;
    assert_eq!(
        json["reports"][0]["outcome"]["kind"], "unreachable",
        "{json}"
    );
    assert_eq!(json["httpDate"]["outcome"]["kind"], "ok", "{json}");
    let offset = json["offsetSeconds"].as_f64().ok_or("no offset")?;
    assert!((offset - 90.0).abs() < 1.0, "Date-header offset {offset}");
    let status = stdout(&kairos_with(&dbus, data.path(), &["time", "status"], &env)?);
    assert!(status.contains("HTTP Date"), "{status}");
    Ok(())
}
