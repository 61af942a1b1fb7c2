//! The screen source in the real window: another program's window on the
//! same X display shows a QR code; the Scan tab lists it by title, the user
//! chooses it, and the account card appears. Then the same code through an
//! area drawn on the snapshot with the keyboard.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use kairos_harness::desktop::AppSession;
use kairos_harness::qr_window::QrWindow;

const LINK: &str = "otpauth://totp/Screenshot%20Co:carol@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Screenshot%20Co";
const TITLE: &str = "Two-factor set-up — QR";

/// The source choices are radios drawn as cards (the input itself is
/// invisible, which WebDriver refuses to click): choose through the input.
async fn choose_screen_source(s: &AppSession) -> Result<()> {
    s.app
        .client()
        .execute(
            "document.querySelector('[data-testid=scan-source-screen]').click()",
            vec![],
        )
        .await
        .context("choosing the Screen source")?;
    s.app.by_test_id("screen-mode-screen").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_window_showing_a_code_is_listed_chosen_and_scanned() -> Result<()> {
    let s = AppSession::start().await?;
    let app = &s.app;
    s.open_page("codes").await?;
    app.by_test_id("vault-keyring").await?.click().await?;
    app.by_test_id("vault-create").await?.click().await?;
    app.by_test_id("empty-state").await?;

    // Right of the app's window, which opens at the top left.
    let shown = QrWindow::show(&s.display(), LINK, Some(TITLE), 880, 200)?;
    s.open_page("add").await?;
    app.by_test_id("add-tab-scan").await?.click().await?;
    choose_screen_source(&s).await?;
    app.by_test_id("screen-mode-window").await?.click().await?;
    let row = format!("screen-window-{}", shown.id());
    app.by_test_id(&row).await?;
    let list = app
        .client()
        .execute(
            "return document.querySelector('[data-testid=screen-windows]').textContent",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    ensure!(list.contains(TITLE), "window list: {list:?}");
    // The app's own window is not offered.
    ensure!(!list.contains("Kairos"), "window list: {list:?}");
    app.by_test_id(&row).await?.click().await?;
    app.scroll_to("scan-screen").await?;
    app.screenshot("en-scan-screen-window").await?;
    app.by_test_id("scan-screen").await?.click().await?;
    let issuer = app.text_of("scan-card-issuer").await?;
    ensure!(issuer == "Screenshot Co", "card issuer {issuer:?}");
    app.by_test_id("scan-save").await?.click().await?;
    app.by_test_id("page-codes").await?;

    // The same code through an area of a snapshot, drawn with the keyboard:
    // the starting area (the middle half of the screen) holds no code, so
    // the area is moved right and down over the window first.
    s.open_page("add").await?;
    app.by_test_id("add-tab-scan").await?.click().await?;
    choose_screen_source(&s).await?;
    app.by_test_id("screen-mode-region").await?.click().await?;
    app.by_test_id("screen-snapshot").await?.click().await?;
    let picker = app.by_test_id("screen-region").await?;
    picker.click().await?;
    // Each → moves the area 4 snapshot pixels (8 screen pixels at 640/1280):
    // 40 of them take it from the middle half to the right half.
    picker.send_keys(&"\u{E014}".repeat(40)).await?;
    let area = picker.attr("aria-valuetext").await?.unwrap_or_default();
    ensure!(
        area == "Area of 320 by 200 at 320, 100",
        "area after the keys: {area:?}"
    );
    app.scroll_to("scan-screen").await?;
    app.screenshot("en-scan-screen-region").await?;
    app.by_test_id("scan-screen").await?.click().await?;
    // The account saved above: the card says it is already there.
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.text_of("scan-duplicate").await.is_err() {
        ensure!(
            Instant::now() < deadline,
            "no duplicate card after scanning the area"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let issuer = app.text_of("scan-card-issuer").await?;
    ensure!(issuer == "Screenshot Co", "card issuer {issuer:?}");
    Ok(())
}
