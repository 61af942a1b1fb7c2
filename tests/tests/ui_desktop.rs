//! Desktop integration in the real window: the theme switch in Settings
//! changes the page's colours and survives a restart, and a second launch of
//! the app gives way to the running one. Saves dark-theme screenshots.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use kairos_harness::desktop::{AppSession, DesktopApp, app_binary, cli_binary};

/// `--bg` of each palette in ui/src/app.css, as the browser reports it.
const LIGHT_BACKGROUND: &str = "rgb(246, 247, 249)";
const DARK_BACKGROUND: &str = "rgb(20, 24, 30)";

fn add_account(s: &AppSession) -> Result<()> {
    let out = Command::new(cli_binary()?)
        .env_clear()
        .envs(s.env().iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args([
            "add",
            "otpauth://totp/Example%20Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank",
        ])
        .output()?;
    ensure!(
        out.status.success(),
        "kairos add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// The body's computed background and `<html data-theme>`.
async fn colours(app: &DesktopApp) -> Result<(String, String)> {
    let value = app
        .client()
        .execute(
            "return [getComputedStyle(document.body).backgroundColor, document.documentElement.dataset.theme ?? ''];",
            vec![],
        )
        .await?;
    let pair: (String, String) = serde_json::from_value(value)?;
    Ok(pair)
}

async fn choose_theme(app: &DesktopApp, choice: &str) -> Result<()> {
    app.by_test_id("theme-select")
        .await?
        .select_by_value(choice)
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dark_theme_applies_and_survives_a_restart() -> Result<()> {
    let mut s = AppSession::start().await?;
    s.open_page("codes").await?;
    s.app.by_test_id("vault-keyring").await?.click().await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    s.app.by_test_id("empty-state").await?;
    add_account(&s)?;

    s.open_page("settings").await?;
    choose_theme(&s.app, "light").await?;
    let light = colours(&s.app).await?;
    ensure!(
        light == (LIGHT_BACKGROUND.into(), "light".into()),
        "Light shows {light:?}"
    );
    choose_theme(&s.app, "dark").await?;
    let dark = colours(&s.app).await?;
    ensure!(
        dark == (DARK_BACKGROUND.into(), "dark".into()),
        "Dark shows {dark:?}"
    );
    s.app.screenshot("en-settings-dark").await?;
    s.open_page("codes").await?;
    s.app.by_test_id("account-code").await?;
    s.app.screenshot("en-codes-dark").await?;

    // Same data, XDG folders and keyring: the choice comes back with the app.
    s.app.close().await?;
    s.app = DesktopApp::launch(&s.display(), s.env()).await?;
    s.app.by_test_id("page-codes").await?;
    let restarted = colours(&s.app).await?;
    ensure!(
        restarted == (DARK_BACKGROUND.into(), "dark".into()),
        "after a restart the window shows {restarted:?}"
    );
    s.open_page("settings").await?;
    let selected = s
        .app
        .by_test_id("theme-select")
        .await?
        .prop("value")
        .await?;
    ensure!(
        selected.as_deref() == Some("dark"),
        "the theme select shows {selected:?} after a restart"
    );
    s.app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_exits_and_the_first_window_stays() -> Result<()> {
    let s = AppSession::start().await?;
    s.open_page("settings").await?;
    let mut second = Command::new(app_binary()?)
        .env_clear()
        .envs(s.env().iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start a second Kairos")?;
    // Without single-instance the second app opens its own window and keeps running.
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            second.kill()?;
            second.wait()?;
            bail!("the second launch was still running after 30 s: no single instance");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    ensure!(status.success(), "the second launch exited with {status}");
    // The first window still answers.
    let title = s.open_page("codes").await?;
    ensure!(title == "Codes", "first window shows {title:?}");
    s.app.close().await?;
    Ok(())
}
