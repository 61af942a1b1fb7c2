//! The Settings page's Updates card in the real app, against a feed server on
//! 127.0.0.1 and a signing key made for the test (the app trusts it through
//! `KAIROS_UPDATER_TEST_PUBKEY`, read by debug builds only): off by default
//! with no request at all, an insecure address refused, a newer version
//! shown, and a tampered download refused with the app binary untouched.

use std::os::unix::fs::MetadataExt;

use anyhow::{Result, ensure};
use kairos_harness::desktop::{AppSession, DesktopApp, app_binary};
use kairos_harness::update_feed::{FeedServer, SigningKey, feed_json};

const FILE: &str = "/Kairos_9.9.9_amd64.AppImage";

/// Replaces the field's text (select all, then type over it).
async fn type_into(app: &DesktopApp, id: &str, text: &str) -> Result<()> {
    let field = app.by_test_id(id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

async fn disabled(app: &DesktopApp, id: &str) -> Result<bool> {
    Ok(app.by_test_id(id).await?.prop("disabled").await?.as_deref() == Some("true"))
}

/// What the back end answers when the window asks for a check itself,
/// bypassing the disabled button.
async fn invoke_check(app: &DesktopApp) -> Result<String> {
    let answer = app
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('update_check', {})
               .then((r) => done('resolved: ' + JSON.stringify(r)), (e) => done(JSON.stringify(e)));",
            vec![],
        )
        .await?;
    Ok(answer.as_str().unwrap_or_default().to_owned())
}

fn identity(path: &std::path::Path) -> Result<(u64, u64, i64, i64)> {
    let meta = std::fs::metadata(path)?;
    Ok((meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec()))
}

#[tokio::test(flavor = "multi_thread")]
async fn updates_are_off_by_default_then_offer_a_signed_version_only() -> Result<()> {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    // Signed for one content, served with another: the download is tampered.
    let signature = key.sign(b"Kairos 9.9.9 as published", "9.9.9")?;
    server.put(FILE, b"Kairos 9.9.9 after tampering".to_vec());
    let feed_url = server.url("/latest.json");
    server.put(
        "/latest.json",
        feed_json("9.9.9", "Faster codes.", &server.url(FILE), &signature).into_bytes(),
    );
    let binary = app_binary()?;
    let before = identity(&binary)?;

    let s = AppSession::start_with(&[("KAIROS_UPDATER_TEST_PUBKEY", key.public_key())]).await?;
    let app = &s.app;
    s.open_page("settings").await?;
    app.scroll_to("updates-card").await?;

    // (a) Off by default: the box is unticked, "Check now" is off, and the
    // back end itself refuses a check without asking anything.
    ensure!(
        app.by_test_id("updates-enabled")
            .await?
            .prop("checked")
            .await?
            .as_deref()
            == Some("false"),
        "update checks are on by default"
    );
    ensure!(
        disabled(app, "updates-check").await?,
        "Check now is usable while updates are off"
    );
    let refused = invoke_check(app).await?;
    ensure!(
        refused.contains("update.disabled"),
        "a check while off answered {refused}"
    );
    // Not even with an address typed in and saved while the box stays unticked.
    type_into(app, "updates-endpoint", &feed_url).await?;
    app.by_test_id("updates-save").await?.click().await?;
    ensure!(
        app.text_of("updates-saved").await?.contains("Saved."),
        "the address was not saved"
    );
    ensure!(
        disabled(app, "updates-check").await?,
        "Check now is usable while updates are off"
    );
    ensure!(
        invoke_check(app).await?.contains("update.disabled"),
        "a check while off was not refused"
    );
    // The window cannot reach the plugin's own commands either.
    let plugin_check = app
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('plugin:updater|check', {})
               .then(() => done('resolved'), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    ensure!(
        plugin_check
            .as_str()
            .is_some_and(|r| r.contains("not allowed")),
        "the window may call the updater plugin directly: {plugin_check:?}"
    );
    ensure!(
        server.requests().is_empty(),
        "the feed was asked while updates were off: {:?}",
        server.requests()
    );

    // (b) A plain-http address off this machine is refused, in words.
    app.by_test_id("updates-enabled").await?.click().await?;
    type_into(app, "updates-endpoint", "http://example.com/latest.json").await?;
    app.by_test_id("updates-save").await?.click().await?;
    let error = app.by_test_id("updates-endpoint-error").await?;
    ensure!(
        error.attr("data-error-code").await?.as_deref() == Some("update.insecure_endpoint"),
        "an http address was not refused as insecure"
    );
    let text = error.text().await?;
    ensure!(
        text.contains("not a secure (https) address"),
        "the refusal says {text:?}"
    );
    ensure!(
        disabled(app, "updates-check").await?,
        "refused settings turned checks on"
    );

    // (c) The feed on 127.0.0.1 offers 9.9.9: the card says so, with the notes.
    type_into(app, "updates-endpoint", &feed_url).await?;
    app.by_test_id("updates-save").await?.click().await?;
    ensure!(
        app.text_of("updates-saved").await?.contains("Saved."),
        "the feed was not saved"
    );
    ensure!(
        !disabled(app, "updates-check").await?,
        "Check now stays off once turned on"
    );
    app.by_test_id("updates-check").await?.click().await?;
    let offer = app.text_of("updates-available").await?;
    ensure!(
        offer.contains("Version 9.9.9 is available (you have 0.1.0)."),
        "the card shows {offer:?}"
    );
    ensure!(
        app.text_of("updates-notes").await? == "Faster codes.",
        "notes missing"
    );
    ensure!(
        server.requests() == ["/latest.json"],
        "requests: {:?}",
        server.requests()
    );
    app.screenshot("en-settings-update-available").await?;

    // (d) The download does not match its signature: refused, nothing replaced.
    app.by_test_id("updates-install").await?.click().await?;
    let code = app.text_of("error-code").await?;
    ensure!(
        code == "update.bad_signature",
        "install ended with {code:?}"
    );
    let message = app.text_of("error-message").await?;
    ensure!(
        message.contains("not signed by Kairos’s publishers"),
        "the refusal says {message:?}"
    );
    ensure!(
        server.requests().last().map(String::as_str) == Some(FILE),
        "the update file was never fetched: {:?}",
        server.requests()
    );
    ensure!(identity(&binary)? == before, "the app binary was replaced");
    // Still the same running app, answering.
    ensure!(
        s.open_page("codes").await? == "Codes",
        "the app stopped answering"
    );
    s.app.close().await?;
    Ok(())
}
