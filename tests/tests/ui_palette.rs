//! The quick-search palette in the real window: Ctrl+K opens it over any page,
//! typing filters (without accents, with letters left out), arrows move, Enter
//! copies the current code to the real X clipboard through the same path as the
//! Codes page (the clipboard is cleared after the delay set in Settings), and
//! Escape closes it and gives the focus back. Screenshots in both themes.

use std::time::Duration;

use anyhow::{Result, ensure};
use fantoccini::Locator;
use fantoccini::key::Key;
use kairos_harness::desktop::{AppSession, DesktopApp};

const GITHUB: &str = "otpauth://totp/GitHub:octo?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub";
const BANK: &str = "otpauth://totp/Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale:%C3%A9l%C3%A9onore?secret=JBSWY3DPEHPK3PXP&issuer=Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale";

async fn choose_theme(s: &AppSession, choice: &str) -> Result<()> {
    s.open_page("settings").await?;
    s.app
        .by_test_id("theme-select")
        .await?
        .select_by_value(choice)
        .await?;
    Ok(())
}

/// The issuers the palette lists, in order.
async fn listed(app: &DesktopApp) -> Result<Vec<String>> {
    let value = app
        .client()
        .execute(
            "return [...document.querySelectorAll('[data-testid=palette-issuer]')].map((el) => el.textContent.trim());",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Replaces what is typed in the palette's field, then waits for the list to settle on `expected`.
async fn search(app: &DesktopApp, text: &str, expected: &[&str]) -> Result<()> {
    let input = app.by_test_id("palette-input").await?;
    // WebDriver's clear sends no input event: a key typed and erased does.
    input.clear().await?;
    input
        .send_keys(&format!("x{}{text}", Key::Backspace))
        .await?;
    let mut names = Vec::new();
    for _ in 0..50 {
        names = listed(app).await?;
        if names == expected {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("typing {text:?} lists {names:?}, expected {expected:?}")
}

async fn palette_open(app: &DesktopApp) -> Result<bool> {
    Ok(!app
        .client()
        .find_all(Locator::Css("[data-testid=palette]"))
        .await?
        .is_empty())
}

/// Waits (up to 5 s) for the palette to close; false if it stays open.
async fn palette_closes(app: &DesktopApp) -> Result<bool> {
    for _ in 0..50 {
        if !palette_open(app).await? {
            return Ok(true);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(false)
}

/// The current code of the account matching `name`, as the CLI computes it.
fn cli_code(s: &AppSession, name: &str) -> Result<String> {
    Ok(s.cli_json(&["code", name, "--json"])?[0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Gives the focus to the element with `data-testid` = `id`, as Tab would.
async fn focus(app: &DesktopApp, id: &str) -> Result<()> {
    let el = app.by_test_id(id).await?;
    app.client()
        .execute("arguments[0].focus();", vec![serde_json::to_value(el)?])
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_k_filters_copies_the_code_and_escape_closes() -> Result<()> {
    let s = AppSession::start().await?;
    let app = &s.app;

    // First run: a keyring vault, then one account through the Add page and two with the CLI.
    s.open_page("codes").await?;
    app.by_test_id("first-run").await?;
    app.by_test_id("vault-create").await?.click().await?;
    app.by_test_id("empty-state").await?;
    s.open_page("add").await?;
    app.by_test_id("add-tab-uri").await?.click().await?;
    app.by_test_id("add-uri")
        .await?
        .send_keys(
            "otpauth://totp/Example%20Bank:alice?secret=KRSXG5CTMVRXEZLU&issuer=Example%20Bank",
        )
        .await?;
    app.by_test_id("add-uri-preview").await?.click().await?;
    app.by_test_id("add-uri-save").await?.click().await?;
    app.by_test_id("account-code").await?;
    s.cli_json(&["add", "--json", GITHUB])?;
    s.cli_json(&["add", "--json", BANK])?;

    // The clipboard clears itself after 2 s (Settings), whichever way the code was copied.
    s.open_page("settings").await?;
    let seconds = app.by_test_id("settings-clipboard-seconds").await?;
    seconds.clear().await?;
    seconds.send_keys("2").await?;
    app.by_test_id("settings-save").await?.click().await?;
    app.by_test_id("settings-saved").await?;
    choose_theme(&s, "light").await?;

    // From another page, with the focus on its link in the sidebar.
    s.open_page("time").await?;
    focus(app, "nav-time").await?;
    app.press_with_ctrl('k').await?;
    app.by_test_id("palette").await?;
    ensure!(
        app.focused_test_id().await? == "palette-input",
        "the palette's field does not have the focus"
    );
    let mut all = Vec::new();
    for _ in 0..50 {
        all = listed(app).await?;
        if all.len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(
        all == ["Example Bank", "GitHub", "Société Générale"],
        "the palette lists {all:?}"
    );
    app.screenshot("en-palette").await?;

    // Filters without accents, and with letters left out.
    search(app, "societe gen", &["Société Générale"]).await?;
    search(app, "gthb", &["GitHub"]).await?;
    search(app, "nothing-like-this", &[]).await?;
    app.by_test_id("palette-no-match").await?;

    // Arrows move the current option; the field announces it (aria-activedescendant).
    search(app, "", &["Example Bank", "GitHub", "Société Générale"]).await?;
    app.press(Key::Down).await?;
    let input = app.by_test_id("palette-input").await?;
    let active = input
        .attr("aria-activedescendant")
        .await?
        .unwrap_or_default();
    let options = app
        .client()
        .find_all(Locator::Css("[data-testid=palette-option]"))
        .await?;
    // All three shown, not clipped by the list's own scrolling box.
    let clipped = app
        .client()
        .execute(
            "const list = document.querySelector('[data-testid=palette-list]').getBoundingClientRect();
             return [...document.querySelectorAll('[data-testid=palette-option]')]
               .filter((o) => o.getBoundingClientRect().bottom > list.bottom + 1).length;",
            vec![],
        )
        .await?;
    ensure!(
        clipped == serde_json::json!(0),
        "{clipped} options are cut off by the list"
    );
    let mut selected = Vec::new();
    for option in &options {
        if option.attr("aria-selected").await?.as_deref() == Some("true") {
            selected.push(option.attr("id").await?.unwrap_or_default());
        }
    }
    ensure!(
        selected.len() == 1 && selected[0] == active && !active.is_empty(),
        "selected options {selected:?}, aria-activedescendant {active:?}"
    );
    ensure!(
        options[1].attr("id").await?.unwrap_or_default() == active,
        "ArrowDown did not move to the second option"
    );

    // Enter copies GitHub's code to the X clipboard, closes and says so.
    search(app, "git", &["GitHub"]).await?;
    let before = cli_code(&s, "github")?;
    app.press(Key::Enter).await?;
    let mut copied = String::new();
    for _ in 0..50 {
        copied = s.clipboard()?;
        if !copied.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after = cli_code(&s, "github")?;
    ensure!(
        copied == before || copied == after,
        "clipboard holds {copied:?}, GitHub's code is {before} (then {after})"
    );
    ensure!(
        palette_closes(app).await?,
        "the palette stayed open after Enter"
    );
    let toast = app.text_of("palette-toast").await?;
    ensure!(
        toast.contains("GitHub") && toast.contains("2 s"),
        "toast: {toast:?}"
    );
    ensure!(
        app.focused_test_id().await? == "nav-time",
        "focus went to {:?}, not back to the sidebar link",
        app.focused_test_id().await?
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let left = s.clipboard()?;
    ensure!(
        left.is_empty(),
        "the clipboard still holds {left:?} after the delay"
    );

    // Escape closes without copying and gives the focus back.
    app.press_with_ctrl('k').await?;
    app.by_test_id("palette").await?;
    app.press(Key::Escape).await?;
    ensure!(
        palette_closes(app).await?,
        "Escape did not close the palette"
    );
    ensure!(
        app.focused_test_id().await? == "nav-time",
        "focus is on {:?} after Escape",
        app.focused_test_id().await?
    );
    ensure!(s.clipboard()?.is_empty(), "Escape copied something");

    // Dark theme screenshot, with a filter typed.
    choose_theme(&s, "dark").await?;
    s.open_page("codes").await?;
    app.press_with_ctrl('k').await?;
    app.by_test_id("palette").await?;
    search(app, "o", &["GitHub", "Société Générale"]).await?;
    app.screenshot("en-palette-dark").await?;
    app.press(Key::Escape).await?;
    app.close().await?;
    Ok(())
}
