//! The real Kairos window under Xvfb, driven over WebDriver: every page, both
//! languages, failing calls, CSP (the Cognito admin page: `ui_cognito.rs`). Saves one
//! screenshot per page into docs/screenshots/.

use anyhow::{Context, Result, ensure};
use kairos_harness::desktop::AppSession;

/// Pages in navigation order: test-id suffix, English title, French title.
const PAGES: [(&str, &str, &str); 7] = [
    ("codes", "Codes", "Codes"),
    ("add", "Add account", "Ajouter un compte"),
    ("time", "Time", "Heure"),
    ("admin", "Cognito admin", "Administration Cognito"),
    ("enrol", "Sign-in & enrol", "Connexion et enrôlement"),
    ("troubleshoot", "Troubleshoot", "Dépannage"),
    ("settings", "Settings", "Paramètres"),
];

#[tokio::test(flavor = "multi_thread")]
async fn every_page_in_both_languages_with_screenshots() -> Result<()> {
    let s = AppSession::start().await?;
    let app = &s.app;
    ensure!(
        app.client().title().await? == "Kairos",
        "window title is not Kairos"
    );

    for (page, english, _) in PAGES {
        let title = s.open_page(page).await?;
        ensure!(
            title == english,
            "page {page}: title {title:?}, expected {english:?}"
        );
        app.screenshot(&format!("en-{page}")).await?;
    }

    // The About box is a real round trip to the back end.
    s.open_page("settings").await?;
    let version = app.text_of("app-version").await?;
    ensure!(
        version.contains(env!("CARGO_PKG_VERSION")),
        "version shown: {version:?}"
    );
    let data_dir = app.text_of("data-dir").await?;
    let expected = s.data_dir.path().display().to_string();
    ensure!(
        data_dir.contains(&expected),
        "data folder shown {data_dir:?}, expected {expected:?}"
    );

    // Switching language is live: no reload, every page follows.
    app.by_test_id("language-select")
        .await?
        .select_by_value("fr")
        .await?;
    let title = app.text_of("page-title").await?;
    ensure!(
        title == "Paramètres",
        "after switching to French the title is {title:?}"
    );
    app.screenshot("fr-settings").await?;
    for (page, _, french) in PAGES {
        let title = s.open_page(page).await?;
        ensure!(
            title == french,
            "page {page} in French: {title:?}, expected {french:?}"
        );
    }
    let lang: String = app
        .client()
        .execute("return document.documentElement.lang", vec![])
        .await?
        .as_str()
        .context("html lang is not a string")?
        .to_owned();
    ensure!(lang == "fr", "<html lang> is {lang:?}");
    s.app.close().await?;

    // The back end logs to a file in the app's log folder.
    let log = s.log_file();
    let text = std::fs::read_to_string(&log)
        .with_context(|| format!("no log file at {}", log.display()))?;
    ensure!(
        text.contains("Kairos starting"),
        "log file lacks the start line: {text}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn ipc_refuses_unknown_commands_and_csp_blocks_eval() -> Result<()> {
    let s = AppSession::start().await?;
    let client = s.app.client();
    s.app.by_test_id("page-title").await?;

    // The window's IPC wrapper recognises this rejection (ui/src/lib/ipc.ts) and
    // turns it into ipc.unknown_command; pin the text Tauri actually sends.
    let rejection = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('no_such_command', {})
               .then(() => done('resolved'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    let rejection = rejection.as_str().unwrap_or_default().to_owned();
    ensure!(
        rejection.contains("no_such_command") && rejection.contains("not found"),
        "unknown command answered {rejection:?}"
    );

    // Least privilege: core plugins the window does not need are not granted.
    let refused = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('plugin:window|set_title', { label: 'main', value: 'pwned' })
               .then(() => done('resolved'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    ensure!(
        refused.as_str().is_some_and(|r| r.contains("not allowed")),
        "set_title was not refused: {refused:?}"
    );
    ensure!(
        client.title().await? == "Kairos",
        "the window title changed"
    );

    // The strict CSP forbids eval and inline scripts in the window.
    let eval = client
        .execute(
            "try { return String(eval('1 + 1')); } catch (e) { return e.name; }",
            vec![],
        )
        .await?;
    ensure!(
        eval.as_str() == Some("EvalError"),
        "eval was allowed: {eval:?}"
    );
    s.app.close().await?;
    Ok(())
}
