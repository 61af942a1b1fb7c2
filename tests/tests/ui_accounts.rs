//! The authenticator in the real window: set up a keyring vault, add an account
//! by URI, see the same code as the CLI at the same instant, copy it to the real
//! X clipboard, search, rename, delete. Screenshots into docs/screenshots/.

use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use fantoccini::key::Key;
use kairos_harness::desktop::{AppSession, cli_binary};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

/// Runs the CLI with the app's environment: same data folder, same keyring.
fn kairos(s: &AppSession, args: &[&str]) -> Result<serde_json::Value> {
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
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn clipboard(s: &AppSession) -> Result<String> {
    let display = s
        .env()
        .iter()
        .rev()
        .find(|(k, _)| k == "DISPLAY")
        .map(|(_, v)| v.clone())
        .context("no DISPLAY in the session")?;
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .output()
        .context("xclip is missing — run ./dev setup (Debian package xclip)")?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The code shown for the first account, without the grouping space.
async fn shown_code(s: &AppSession) -> Result<String> {
    Ok(s.app.text_of("account-code").await?.replace(' ', ""))
}

#[tokio::test(flavor = "multi_thread")]
async fn add_copy_search_rename_delete_against_the_cli() -> Result<()> {
    let s = AppSession::start().await?;
    let app = &s.app;

    // First run: the vault is set up with the system keyring (gnome-keyring here).
    s.open_page("codes").await?;
    app.by_test_id("vault-setup").await?;
    app.screenshot("en-vault-setup").await?;
    app.by_test_id("vault-keyring").await?.click().await?;
    app.by_test_id("vault-create").await?.click().await?;

    // Add by URI, with the confirmation card.
    s.open_page("add").await?;
    app.by_test_id("add-tab-uri").await?.click().await?;
    let uri = format!(
        "otpauth://totp/Example%20Bank:alice@example.com?secret={SECRET}&issuer=Example%20Bank"
    );
    app.by_test_id("add-uri").await?.send_keys(&uri).await?;
    app.by_test_id("add-uri-preview").await?.click().await?;
    let issuer = app.text_of("add-uri-issuer").await?;
    ensure!(
        issuer.contains("Example Bank"),
        "preview issuer: {issuer:?}"
    );
    app.scroll_to("add-uri-card").await?;
    app.screenshot("en-add-uri-preview").await?;
    app.by_test_id("add-uri-save").await?.click().await?;
    app.by_test_id("page-codes").await?;

    // The window and the CLI (another process, same vault and keyring) agree.
    let mut agreed = false;
    for _ in 0..3 {
        let before = shown_code(&s).await?;
        let cli = kairos(&s, &["code", "--json"])?;
        let after = shown_code(&s).await?;
        let cli_code = cli[0]["code"].as_str().unwrap_or_default().to_owned();
        if before == after {
            ensure!(
                before == cli_code,
                "window shows {before}, CLI says {cli_code}"
            );
            agreed = true;
            break;
        }
        // A period ended between the reads: read again.
    }
    ensure!(agreed, "the code kept changing between reads");
    ensure!(
        kairos(&s, &["list", "--json"])?[0]["issuer"] == "Example Bank",
        "the CLI does not see the account"
    );

    // Two more accounts through the CLI, for search and the screenshot.
    for extra in [
        "otpauth://totp/GitHub:octo?secret=GEZDGNBVGY3TQOJQ".to_owned(),
        "otpauth://hotp/Lab%20VPN:eve?secret=MFRGGZDFMZTWQ2LK&counter=3".to_owned(),
    ] {
        kairos(&s, &["add", "--json", &extra])?;
    }
    s.open_page("add").await?;
    s.open_page("codes").await?;
    let rows = app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=account-row]"))
        .await?;
    ensure!(rows.len() == 3, "expected 3 rows, found {}", rows.len());
    app.screenshot("en-codes-accounts").await?;

    // Enter copies the code to the real X clipboard, and the window says so.
    let copy = app.by_test_id("account-copy").await?;
    copy.send_keys(&Key::Enter.to_string()).await?;
    let toast = app.text_of("toast").await?;
    ensure!(toast.contains("30"), "toast: {toast:?}");
    let code = shown_code(&s).await?;
    let mut copied = String::new();
    for _ in 0..20 {
        copied = clipboard(&s)?;
        if !copied.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The code may have rolled over between copy and read; the CLI settles it.
    let cli_now = kairos(&s, &["code", "example", "--json"])?[0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    ensure!(
        copied == code || copied == cli_now,
        "clipboard holds {copied:?}, code is {code}"
    );

    // The clipboard is cleared after the delay set in Settings, if it still holds the code.
    s.open_page("settings").await?;
    let seconds = app.by_test_id("settings-clipboard-seconds").await?;
    seconds.clear().await?;
    seconds.send_keys("2").await?;
    app.by_test_id("settings-save").await?.click().await?;
    app.by_test_id("settings-saved").await?;
    s.open_page("codes").await?;
    app.by_test_id("account-copy")
        .await?
        .send_keys(&Key::Enter.to_string())
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    ensure!(!clipboard(&s)?.is_empty(), "nothing was copied");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let left = clipboard(&s)?;
    ensure!(
        left.is_empty(),
        "the clipboard still holds {left:?} after the delay"
    );

    // Search as you type.
    let search = app.by_test_id("codes-search").await?;
    search.send_keys("git").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let visible = app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=account-row]"))
        .await?;
    ensure!(
        visible.len() == 1,
        "search 'git' shows {} rows",
        visible.len()
    );
    search.clear().await?;
    search.send_keys("nothing-like-this").await?;
    app.by_test_id("codes-no-match").await?;
    app.by_test_id("codes-search-clear").await?.click().await?;

    // Rename through the edit dialog; the CLI sees the new name.
    app.by_test_id("account-edit").await?.click().await?;
    app.by_test_id("edit-dialog").await?;
    let issuer = app.by_test_id("edit-issuer").await?;
    issuer.clear().await?;
    issuer.send_keys("Renamed Bank").await?;
    app.screenshot("en-edit-dialog").await?;
    app.by_test_id("edit-save").await?.click().await?;
    let mut renamed = false;
    for _ in 0..20 {
        if kairos(&s, &["list", "--json"])?[0]["issuer"] == "Renamed Bank" {
            renamed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ensure!(renamed, "the rename did not reach the vault");
    let shown = app.text_of("account-issuer").await?;
    ensure!(shown == "Renamed Bank", "the window shows {shown:?}");

    // Delete, with confirmation.
    app.by_test_id("account-edit").await?.click().await?;
    app.by_test_id("edit-delete").await?.click().await?;
    app.by_test_id("delete-confirm").await?.click().await?;
    for _ in 0..20 {
        let list = kairos(&s, &["list", "--json"])?;
        if list.as_array().map(Vec::len) == Some(2) {
            ensure!(
                list[0]["issuer"] != "Renamed Bank",
                "the wrong account was deleted"
            );
            app.close().await?;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the account was not deleted")
}
