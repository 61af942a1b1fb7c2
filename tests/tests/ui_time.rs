//! Network time in the real window: the app measures chrony (shifted by
//! +90 s under libfaketime) at start, shows the offset on the Codes page's
//! chip and the Time page, and every code it shows is the shifted instant's.
//! With no server answering, the chip says the system clock is in use.

use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use kairos_harness::Chrony;
use kairos_harness::desktop::{AppSession, cli_binary};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn kairos(s: &AppSession, args: &[&str]) -> Result<String> {
    let out = Command::new(cli_binary()?)
        .env_clear()
        .envs(s.env().iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(args)
        .output()?;
    ensure!(
        out.status.success(),
        "kairos {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn oathtool_at(unix: u64) -> Result<String> {
    let out = Command::new("oathtool")
        .args(["--totp", "-b", SECRET, "-N", &format!("@{unix}")])
        .output()
        .context("oathtool is missing — run ./dev setup (Debian package oathtool)")?;
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The window's code equals oathtool's at system time + `shift`, read again
/// when a period ends between the reads (the window refreshes every second).
async fn shows_code_of(s: &AppSession, shift: u64) -> Result<()> {
    let mut last = String::new();
    for _ in 0..4 {
        let before = unix_now() + shift;
        let shown = s.app.text_of("account-code").await?.replace(' ', "");
        let after = unix_now() + shift;
        if before / 30 == after / 30 && before % 30 >= 1 {
            let expected = oathtool_at(before)?;
            if shown == expected {
                return Ok(());
            }
            last = format!("window shows {shown}, system time + {shift} s gives {expected}");
        }
        tokio::time::sleep(Duration::from_millis(1200)).await;
    }
    bail!("{last}")
}

/// Waits for the chip to say something containing `needle`.
async fn chip_says(s: &AppSession, needle: &str) -> Result<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = s.app.text_of("clock-chip-text").await.unwrap_or_default();
        if text.contains(needle) {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("the clock chip says {text:?}, expected {needle:?}");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn setup_vault_with_account(s: &AppSession) -> Result<()> {
    s.open_page("codes").await?;
    s.app.by_test_id("vault-keyring").await?.click().await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    // The vault exists once the (empty) codes list shows.
    s.app.by_test_id("empty-state").await?;
    kairos(
        s,
        &[
            "add",
            &format!("otpauth://totp/Example%20Bank:alice?secret={SECRET}&issuer=Example%20Bank"),
        ],
    )?;
    // Leave and come back: the list is read again.
    s.open_page("add").await?;
    s.open_page("codes").await?;
    s.app.by_test_id("account-code").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn codes_follow_the_shifted_server_and_the_time_page_shows_why() -> Result<()> {
    let shifted = Chrony::start_shifted(90)?;
    let servers = format!("{},127.0.0.1:9", shifted.addr());
    let s = AppSession::start_with(&[("KAIROS_TIME_SERVERS", &servers)]).await?;
    let app = &s.app;
    setup_vault_with_account(&s).await?;

    // The app measured at start: the chip names the offset and the server.
    let chip = chip_says(&s, "+90").await?;
    ensure!(
        chip.contains(&shifted.addr().ip().to_string()),
        "chip does not name the server: {chip:?}"
    );
    shows_code_of(&s, 90).await?;
    app.screenshot("en-codes-clock-chip").await?;

    // The chip leads to the Time page, with each server's answer.
    app.by_test_id("clock-chip").await?.click().await?;
    app.by_test_id("page-time").await?;
    let offset = app.text_of("time-offset").await?;
    ensure!(offset.contains("+90.0"), "offset shown: {offset:?}");
    let rows = app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=time-server-row]"))
        .await?;
    ensure!(
        rows.len() == 2,
        "expected 2 server rows, found {}",
        rows.len()
    );
    let mut results = Vec::new();
    let mut strata = Vec::new();
    for row in &rows {
        let cell = |id: &str| {
            let css = format!("[data-testid={id}]");
            async move { row.find(fantoccini::Locator::Css(&css)).await?.text().await }
        };
        results.push(cell("time-server-result").await?);
        strata.push(cell("time-server-stratum").await?);
    }
    ensure!(results[0] == "Answered", "first server: {results:?}");
    ensure!(strata[0] == "3", "stratum: {strata:?}");
    ensure!(
        results[1].starts_with("Unreachable"),
        "the closed port: {results:?}"
    );
    let explain = app.text_of("time-explain").await?;
    ensure!(
        explain.contains("CodeMismatchException"),
        "the explanation does not name the error: {explain:?}"
    );
    app.screenshot("en-time-page").await?;

    // Sync now measures again; the result is the same offset.
    app.by_test_id("time-sync-now").await?.click().await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let enabled = app.by_test_id("time-sync-now").await?.is_enabled().await?;
        if enabled {
            break;
        }
        ensure!(Instant::now() < deadline, "Sync now never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(app.text_of("time-offset").await?.contains("+90.0"));

    // A bad server name is refused under the field, and nothing is saved.
    let servers_box = app.by_test_id("time-servers").await?;
    servers_box.clear().await?;
    servers_box.send_keys("bad host").await?;
    app.scroll_to("time-save").await?;
    app.by_test_id("time-save").await?.click().await?;
    let error = app.by_test_id("time-servers-error").await?;
    let code = error.attr("data-error-code").await?;
    ensure!(
        code.as_deref() == Some("time.bad_server"),
        "error code under the servers box: {code:?}"
    );
    app.scroll_to("time-servers-error").await?;
    app.screenshot("en-time-settings-error").await?;

    // The CLI reads the same time.db: the offset the app measured.
    let status = kairos(&s, &["time", "status", "--json"])?;
    let status: serde_json::Value = serde_json::from_str(&status)?;
    let offset = status["offset"].as_f64().context("offset")? / 1e9;
    ensure!((offset - 90.0).abs() < 0.05, "CLI sees {offset} s");
    ensure!(
        status["source"]["kind"] == "persisted",
        "CLI source: {status}"
    );

    // And in French.
    app.by_test_id("nav-settings").await?.click().await?;
    app.by_test_id("language-select")
        .await?
        .select_by_value("fr")
        .await?;
    s.open_page("time").await?;
    let source = app.text_of("time-source").await?;
    ensure!(source.contains("NTP"), "source in French: {source:?}");
    app.screenshot("fr-time-page").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn with_no_server_answering_codes_use_the_system_clock_and_say_so() -> Result<()> {
    // The default session: NTP at a closed port, no Date fallback.
    let s = AppSession::start().await?;
    setup_vault_with_account(&s).await?;
    let chip = chip_says(&s, "Unsynchronised").await?;
    ensure!(chip.contains("system clock"), "chip: {chip:?}");
    shows_code_of(&s, 0).await?;
    s.app.close().await?;
    Ok(())
}
