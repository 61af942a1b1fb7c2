//! The first-run screen in the real window, on a fresh profile: it explains
//! the two halves of the app and creates the vault — with a password (typed
//! twice, asked again after a restart) or with the system keyring
//! (gnome-keyring in the harness's D-Bus session; the vault then opens by
//! itself after a restart) — and, with no keyring at all, says so and offers
//! the password. Screenshots in both themes.

use anyhow::{Result, ensure};
use fantoccini::key::Key;
use kairos_harness::desktop::{AppSession, DesktopApp};

const PASSWORD: &str = "Tide-pool lantern 42";

async fn choose_theme(s: &AppSession, choice: &str) -> Result<()> {
    s.open_page("settings").await?;
    s.app
        .by_test_id("theme-select")
        .await?
        .select_by_value(choice)
        .await?;
    Ok(())
}

async fn checked(app: &DesktopApp, id: &str) -> Result<bool> {
    Ok(app.by_test_id(id).await?.prop("checked").await?.as_deref() == Some("true"))
}

async fn enabled(app: &DesktopApp, id: &str) -> Result<bool> {
    Ok(app.by_test_id(id).await?.is_enabled().await?)
}

async fn exists(app: &DesktopApp, id: &str) -> Result<bool> {
    Ok(!app
        .client()
        .find_all(fantoccini::Locator::Css(&format!("[data-testid={id}]")))
        .await?
        .is_empty())
}

/// Closes the app and opens it again on the same data, XDG folders and keyring.
async fn restart(s: &mut AppSession) -> Result<()> {
    s.app.close().await?;
    s.app = DesktopApp::launch(&s.display(), s.env()).await?;
    s.app.by_test_id("page-codes").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_creates_a_password_vault_that_asks_for_it_after_a_restart() -> Result<()> {
    let mut s = AppSession::start().await?;

    // The app opens on the first-run screen: both halves explained.
    s.app.by_test_id("first-run").await?;
    let title = s.app.text_of("first-run-title").await?;
    ensure!(title == "Welcome to Kairos", "first-run title: {title:?}");
    let authenticator = s.app.text_of("first-run-authenticator").await?;
    ensure!(
        authenticator.contains("Authenticator") && authenticator.contains("network time"),
        "authenticator half: {authenticator:?}"
    );
    let admin = s.app.text_of("first-run-admin").await?;
    ensure!(
        admin.contains("Cognito admin") && admin.contains("no vault needed"),
        "admin half: {admin:?}"
    );
    // The keyring is there (gnome-keyring): it is the default choice.
    ensure!(
        checked(&s.app, "vault-keyring").await?,
        "the keyring is not the default"
    );
    ensure!(
        !exists(&s.app, "vault-no-keyring").await?,
        "says there is no keyring while gnome-keyring runs"
    );

    // Screenshots of the screen in both themes.
    choose_theme(&s, "light").await?;
    s.open_page("codes").await?;
    s.app.by_test_id("first-run").await?;
    s.app.screenshot("en-first-run").await?;
    choose_theme(&s, "dark").await?;
    s.open_page("codes").await?;
    s.app.by_test_id("first-run").await?;
    s.app.screenshot("en-first-run-dark").await?;
    choose_theme(&s, "light").await?;
    s.open_page("codes").await?;

    // The password path: typed twice, with a strength hint; a mismatch is refused.
    s.app
        .by_test_id("vault-choose-password")
        .await?
        .click()
        .await?;
    let password = s.app.by_test_id("vault-password").await?;
    password.send_keys("abcdefgh").await?;
    let weak = s.app.text_of("vault-strength").await?;
    ensure!(weak.contains("weak"), "strength of abcdefgh: {weak:?}");
    password.clear().await?;
    password.send_keys(PASSWORD).await?;
    let strong = s.app.text_of("vault-strength").await?;
    ensure!(
        strong.contains("strong"),
        "strength of {PASSWORD}: {strong:?}"
    );
    let confirm = s.app.by_test_id("vault-password-confirm").await?;
    confirm.send_keys("Tide-pool lantern 4").await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    let mismatch = s.app.text_of("vault-confirm-error").await?;
    ensure!(mismatch.contains("not the same"), "mismatch: {mismatch:?}");
    confirm.clear().await?;
    confirm.send_keys(PASSWORD).await?;
    s.app.screenshot("en-first-run-password").await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    s.app.by_test_id("empty-state").await?;
    ensure!(
        !exists(&s.app, "first-run").await?,
        "the first-run screen is still there after creating the vault"
    );

    // A password vault: after a restart it asks for the password, and opens with it.
    restart(&mut s).await?;
    let unlock = s.app.by_test_id("vault-unlock-password").await?;
    ensure!(
        !exists(&s.app, "first-run").await?,
        "the first-run screen came back"
    );
    unlock.send_keys(PASSWORD).await?;
    unlock.send_keys(&Key::Enter.to_string()).await?;
    s.app.by_test_id("empty-state").await?;
    s.app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_creates_a_keyring_vault_that_opens_by_itself() -> Result<()> {
    let mut s = AppSession::start().await?;
    s.app.by_test_id("first-run").await?;
    ensure!(
        checked(&s.app, "vault-keyring").await?,
        "the keyring is not the default"
    );
    ensure!(
        !exists(&s.app, "vault-password").await?,
        "password fields shown for the keyring"
    );
    s.app.by_test_id("vault-create").await?.click().await?;
    s.app.by_test_id("empty-state").await?;

    // The key is in gnome-keyring: the CLI (another process) opens the vault without a password...
    let listed = s.cli_json(&["list", "--json"])?;
    ensure!(
        listed.as_array().is_some_and(Vec::is_empty),
        "the CLI lists {listed}"
    );
    // ...and so does the app after a restart, with no prompt.
    restart(&mut s).await?;
    s.app.by_test_id("empty-state").await?;
    ensure!(
        !exists(&s.app, "vault-unlock-password").await? && !exists(&s.app, "first-run").await?,
        "a keyring vault asked for something after a restart"
    );
    s.app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_keyring_the_first_run_screen_says_so_and_offers_the_password() -> Result<()> {
    // A session bus address where nothing listens: no Secret Service.
    let s = AppSession::start_with(&[(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/kairos-no-bus",
    )])
    .await?;
    s.app.by_test_id("first-run").await?;
    let notice = s.app.text_of("vault-no-keyring").await?;
    ensure!(
        notice.contains("No system keyring was found"),
        "notice: {notice:?}"
    );
    ensure!(
        !enabled(&s.app, "vault-keyring").await?,
        "the keyring choice is enabled without a keyring"
    );
    ensure!(
        checked(&s.app, "vault-choose-password").await?,
        "the password is not chosen"
    );
    s.app.screenshot("en-first-run-no-keyring").await?;
    s.app
        .by_test_id("vault-password")
        .await?
        .send_keys(PASSWORD)
        .await?;
    s.app
        .by_test_id("vault-password-confirm")
        .await?
        .send_keys(PASSWORD)
        .await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    s.app.by_test_id("empty-state").await?;
    s.app.close().await?;
    Ok(())
}
