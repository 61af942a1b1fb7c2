//! Pinned accounts, the tray menu and the quick-search shortcut in the real
//! app. The row's pin toggle puts an account first and it stays first after
//! a restart; the tray menu lists it, and its item (driven through the debug
//! build's hook, which runs the click's handler) puts the code of the moment
//! on the X clipboard; Lock empties the menu. The shortcut setting refuses
//! what cannot work (no modifier; a combination another X client holds) and
//! the saved one, pressed through XTEST, opens the window's palette.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use kairos_harness::desktop::{AppSession, DesktopApp, cli_binary};
use kairos_harness::x11_keys::{Keyboard, keysym};
use serde_json::{Value, json};
use x11rb::protocol::xproto::ModMask;

const WAIT: Duration = Duration::from_secs(20);

/// Runs the CLI with the app's environment: same data folder, same keyring.
fn kairos(s: &AppSession, args: &[&str]) -> Result<Value> {
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
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", s.display())
        .output()
        .context("xclip is missing — run ./dev setup (Debian package xclip)")?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Calls a back-end command from inside the window, as the front end does.
async fn invoke(app: &DesktopApp, command: &str, args: Value) -> Result<Value> {
    let answer = app
        .client()
        .execute_async(
            "const [command, args, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(command, args)
               .then((ok) => done({ ok: ok ?? null }), (error) => done({ error }));",
            vec![json!(command), args],
        )
        .await?;
    match answer.get("error") {
        Some(error) => bail!("{command} failed: {error}"),
        None => Ok(answer["ok"].clone()),
    }
}

/// The rows as shown: (account id, issuer, pin pressed).
async fn rows(app: &DesktopApp) -> Result<Vec<(String, String, String)>> {
    let value = app
        .client()
        .execute(
            "return [...document.querySelectorAll('[data-testid=account-row]')].map((row) => [
               row.dataset.accountId,
               row.querySelector('[data-testid=account-issuer]').textContent,
               row.querySelector('[data-testid=account-pin]').getAttribute('aria-pressed'),
             ]);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until `rows` are the issuers in order, with their pin states.
async fn wait_rows(
    app: &DesktopApp,
    want: &[(&str, &str)],
) -> Result<Vec<(String, String, String)>> {
    let deadline = Instant::now() + WAIT;
    loop {
        let shown = rows(app).await?;
        let pairs: Vec<(&str, &str)> = shown
            .iter()
            .map(|(_, issuer, pressed)| (issuer.as_str(), pressed.as_str()))
            .collect();
        if pairs == want {
            return Ok(shown);
        }
        if Instant::now() > deadline {
            bail!("rows are {pairs:?}, expected {want:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the tray menu (as last built) satisfies `ok`.
async fn wait_menu(app: &DesktopApp, what: &str, ok: impl Fn(&Value) -> bool) -> Result<Value> {
    let deadline = Instant::now() + WAIT;
    loop {
        let menu = invoke(app, "debug_tray_menu", json!({})).await?;
        if ok(&menu) {
            return Ok(menu);
        }
        if Instant::now() > deadline {
            bail!("the tray menu never {what}: {menu}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn menu_ids(menu: &Value) -> Vec<String> {
    menu.as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect()
}

fn menu_text(menu: &Value, id: &str) -> Option<String> {
    menu.as_array()?
        .iter()
        .find(|e| e["id"] == id)
        .and_then(|e| e["text"].as_str().map(str::to_owned))
}

/// The CLI's current code for the account whose issuer is `issuer`.
fn cli_code(s: &AppSession, issuer: &str) -> Result<String> {
    let codes = kairos(s, &["code", "--json"])?;
    codes
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["issuer"] == issuer)
        .and_then(|c| c["code"].as_str().map(str::to_owned))
        .with_context(|| format!("the CLI shows no code for {issuer}: {codes}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pinned_account_comes_first_survives_a_restart_and_copies_from_the_tray() -> Result<()> {
    let mut s = AppSession::start().await?;
    s.open_page("codes").await?;
    s.app.by_test_id("vault-keyring").await?.click().await?;
    s.app.by_test_id("vault-create").await?.click().await?;
    s.app.by_test_id("empty-state").await?;

    // The vault is open: the tray offers Lock, and no account is pinned yet.
    let menu = wait_menu(&s.app, "showed the open vault", |m| {
        menu_ids(m).contains(&"lock".to_owned())
    })
    .await?;
    ensure!(
        menu_ids(&menu) == ["window", "lock", "quit"],
        "menu with nothing pinned: {menu}"
    );

    for uri in [
        "otpauth://totp/Alpha%20Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Alpha%20Bank",
        "otpauth://totp/Zeta%20Mail:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Zeta%20Mail",
    ] {
        kairos(&s, &["add", "--json", uri])?;
    }
    s.open_page("add").await?;
    s.open_page("codes").await?;
    let before = wait_rows(&s.app, &[("Alpha Bank", "false"), ("Zeta Mail", "false")]).await?;
    let zeta_id = before[1].0.clone();

    // A real click on Zeta's pin: it moves to the top, pressed.
    s.app
        .client()
        .find(fantoccini::Locator::Css(&format!(
            "[data-account-id=\"{zeta_id}\"] [data-testid=\"account-pin\"]"
        )))
        .await?
        .click()
        .await?;
    wait_rows(&s.app, &[("Zeta Mail", "true"), ("Alpha Bank", "false")]).await?;
    s.app.screenshot("en-codes-pinned").await?;

    // The tray lists Zeta (by account id), not Alpha.
    let copy_zeta = format!("copy:{zeta_id}");
    let menu = wait_menu(&s.app, "listed the pinned account", |m| {
        menu_ids(m).contains(&copy_zeta)
    })
    .await?;
    ensure!(
        menu_ids(&menu) == [copy_zeta.as_str(), "window", "lock", "quit"],
        "menu: {menu}"
    );
    ensure!(
        menu_text(&menu, &copy_zeta).as_deref() == Some("Zeta Mail — bob"),
        "menu: {menu}"
    );

    // Its item puts Zeta's current code on the clipboard (the CLI, another
    // process on the same vault, says which code is current).
    let mut agreed = false;
    for _ in 0..3 {
        let before = cli_code(&s, "Zeta Mail")?;
        invoke(&s.app, "debug_tray_click", json!({ "id": copy_zeta })).await?;
        let copied = clipboard(&s)?;
        let after = cli_code(&s, "Zeta Mail")?;
        if before == after {
            ensure!(
                copied == before,
                "the clipboard holds {copied:?}, Zeta's code is {before}"
            );
            agreed = true;
            break;
        }
        // A period ended meanwhile: copy again.
    }
    ensure!(agreed, "the code kept changing between reads");
    ensure!(
        cli_code(&s, "Alpha Bank")? != clipboard(&s)?,
        "the clipboard holds Alpha's code"
    );

    // Same data and keyring: Zeta is still first after a restart.
    s.app.close().await?;
    s.app = DesktopApp::launch(&s.display(), s.env()).await?;
    s.open_page("codes").await?;
    wait_rows(&s.app, &[("Zeta Mail", "true"), ("Alpha Bank", "false")]).await?;
    wait_menu(&s.app, "listed the pinned account after a restart", |m| {
        menu_ids(m).contains(&copy_zeta)
    })
    .await?;

    // Lock from the tray: no account left in the menu, Unlock offered. (On a
    // page that does not poll the vault: the Codes page would notice the lock
    // and open this keyring vault again at once.)
    s.open_page("settings").await?;
    invoke(&s.app, "debug_tray_click", json!({ "id": "lock" })).await?;
    let menu = wait_menu(&s.app, "showed the locked vault", |m| {
        menu_ids(m).contains(&"unlock".to_owned())
    })
    .await?;
    ensure!(
        menu_ids(&menu) == ["unlock", "window", "quit"],
        "locked menu: {menu}"
    );
    let listed = invoke(&s.app, "list_accounts", json!({})).await;
    ensure!(
        listed
            .as_ref()
            .is_err_and(|e| e.to_string().contains("vault.locked")),
        "the vault still answers after the tray's Lock: {listed:?}"
    );
    s.app.close().await?;
    Ok(())
}

/// Types `text` in the shortcut field and saves.
async fn save_shortcut(app: &DesktopApp, text: &str) -> Result<()> {
    let input = app.by_test_id("shortcut-input").await?;
    input.clear().await?;
    input.send_keys(text).await?;
    app.by_test_id("shortcut-save").await?.click().await?;
    Ok(())
}

async fn wait_text(app: &DesktopApp, id: &str, want: &str) -> Result<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = app.text_of(id).await?;
        if text.contains(want) {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("[data-testid={id}] says {text:?}, expected {want:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_quick_search_shortcut_is_checked_saved_and_heard() -> Result<()> {
    let s = AppSession::start().await?;
    let keyboard = Keyboard::connect(&s.display())?;
    s.open_page("settings").await?;
    wait_text(&s.app, "shortcut-status", "Ctrl+Shift+K is active.").await?;

    // No Ctrl, Alt or Super: refused, in English then in French.
    save_shortcut(&s.app, "Shift+K").await?;
    wait_text(
        &s.app,
        "shortcut-error",
        "A global shortcut needs Ctrl, Alt or Super.",
    )
    .await?;
    s.app
        .by_test_id("language-select")
        .await?
        .select_by_value("fr")
        .await?;
    s.app.by_test_id("shortcut-save").await?.click().await?;
    wait_text(
        &s.app,
        "shortcut-error",
        "Un raccourci global demande Ctrl, Alt ou Super.",
    )
    .await?;
    s.app
        .by_test_id("language-select")
        .await?
        .select_by_value("en")
        .await?;

    // Another X client holds Ctrl+Alt+T: Kairos says so and keeps its own.
    keyboard.grab(ModMask::CONTROL | ModMask::M1, 't')?;
    save_shortcut(&s.app, "ctrl+alt+t").await?;
    wait_text(
        &s.app,
        "shortcut-error",
        "Another application already uses Ctrl+Alt+T.",
    )
    .await?;
    s.app.scroll_to("shortcut-settings").await?;
    s.app.screenshot("en-settings-shortcut-taken").await?;
    ensure!(
        Keyboard::connect(&s.display())?
            .grab(ModMask::CONTROL | ModMask::SHIFT, 'k')
            .is_err(),
        "after the refusal Kairos no longer holds its previous shortcut, Ctrl+Shift+K"
    );

    // A free one is taken, saved, and the old one released (another client
    // can grab it now).
    save_shortcut(&s.app, "ctrl+alt+j").await?;
    wait_text(&s.app, "shortcut-status", "Ctrl+Alt+J is active.").await?;
    let file = std::fs::read_to_string(s.data_dir.path().join("shortcuts.json"))?;
    let saved: Value = serde_json::from_str(&file)?;
    ensure!(
        saved["quickSearch"] == "Ctrl+Alt+J",
        "shortcuts.json: {file}"
    );
    Keyboard::connect(&s.display())?
        .grab(ModMask::CONTROL | ModMask::SHIFT, 'k')
        .context("Ctrl+Shift+K is still held by Kairos")?;

    // Pressed like a person would, it reaches the app, which asks the window
    // for the palette.
    let before = invoke(&s.app, "debug_palette_requests", json!({})).await?;
    keyboard.press(&[keysym::CONTROL_L, keysym::ALT_L, keysym::letter('j')])?;
    let deadline = Instant::now() + WAIT;
    loop {
        let now = invoke(&s.app, "debug_palette_requests", json!({})).await?;
        if now.as_u64() > before.as_u64() {
            break;
        }
        if Instant::now() > deadline {
            bail!("Ctrl+Alt+J pressed, no palette request ({before} before, {now} now)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // The window heard it: its palette is open. Escape closes it.
    let palette = s.app.by_test_id("palette-input").await?;
    palette
        .send_keys(&fantoccini::key::Key::Escape.to_string())
        .await?;
    let deadline = Instant::now() + WAIT;
    while !s
        .app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=palette-input]"))
        .await?
        .is_empty()
    {
        ensure!(
            Instant::now() < deadline,
            "Escape did not close the palette"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Turned off: saved as off, and the combination is free for others.
    s.app.by_test_id("shortcut-enabled").await?.click().await?;
    s.app.by_test_id("shortcut-save").await?.click().await?;
    wait_text(&s.app, "shortcut-status", "The shortcut is off.").await?;
    Keyboard::connect(&s.display())?
        .grab(ModMask::CONTROL | ModMask::M1, 'j')
        .context("Ctrl+Alt+J is still held by Kairos after turning it off")?;
    s.app.close().await?;
    Ok(())
}
