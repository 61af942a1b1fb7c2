//! "Open Kairos when I log in" in the real app: off by default, and the
//! switch writes and removes the desktop's autostart entry in the session's
//! own HOME (XDG folders pointed at temporary ones too).

use anyhow::{Result, ensure};
use kairos_harness::desktop::{AppSession, DesktopApp, app_binary};

async fn checked(app: &DesktopApp) -> Result<bool> {
    let value = app
        .by_test_id("launch-at-login")
        .await?
        .prop("checked")
        .await?;
    Ok(value.as_deref() == Some("true"))
}

/// Waits (bounded) for the box to be usable again after a change.
async fn settled(app: &DesktopApp) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let disabled = app
            .by_test_id("launch-at-login")
            .await?
            .prop("disabled")
            .await?;
        if disabled.as_deref() == Some("false") {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "the switch stayed busy"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn launch_at_login_writes_and_removes_the_autostart_entry() -> Result<()> {
    let s = AppSession::start().await?;
    // tauri-plugin-autostart (auto-launch 0.5) writes under $HOME/.config,
    // whatever XDG_CONFIG_HOME says; the session's HOME is a temporary folder.
    let entry = s.home().join(".config/autostart/Kairos.desktop");
    s.open_page("settings").await?;
    s.app.scroll_to("launch-at-login").await?;
    settled(&s.app).await?;

    ensure!(!checked(&s.app).await?, "launch at login is on by default");
    ensure!(
        !entry.exists(),
        "starting the app wrote {}",
        entry.display()
    );

    s.app.by_test_id("launch-at-login").await?.click().await?;
    settled(&s.app).await?;
    ensure!(checked(&s.app).await?, "the switch did not stay on");
    let text = std::fs::read_to_string(&entry)?;
    let exec = format!("Exec={}", app_binary()?.display());
    ensure!(
        text.contains("[Desktop Entry]") && text.contains("Name=Kairos") && text.contains(&exec),
        "the autostart entry is {text:?}"
    );

    s.app.by_test_id("launch-at-login").await?.click().await?;
    settled(&s.app).await?;
    ensure!(!checked(&s.app).await?, "the switch did not turn off");
    ensure!(!entry.exists(), "turning it off left {}", entry.display());
    s.app.close().await?;
    Ok(())
}
