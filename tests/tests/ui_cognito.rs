//! The Cognito admin page in the real window, against moto's server: pick a
//! pool, change its MFA configuration through the plan dialog, change a
//! user's preference, a bulk change with its per-user results, the audit
//! log and its CSV export; then, with no AWS credentials at all and in
//! French, the no-credentials screen and the local demo the app starts
//! itself; and the endpoint override set in Settings. Every change is checked
//! back through moto's own API.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use fantoccini::Locator;
use kairos_harness::Moto;
use kairos_harness::desktop::AppSession;
use serde_json::{Value, json};

/// The demo starts Python and seeds a dozen users: longer than a click.
const SLOW: Duration = Duration::from_secs(120);

fn cognito(moto: &Moto, action: &str, body: Value) -> Result<Value> {
    let response = moto.cognito(action, &body.to_string())?;
    ensure!(
        response.status == 200,
        "{action} failed: HTTP {}: {}",
        response.status,
        response.text()
    );
    Ok(serde_json::from_slice(&response.body)?)
}

fn create_user(moto: &Moto, pool: &str, username: &str, phone: Option<&str>) -> Result<()> {
    let mut attributes =
        vec![json!({ "Name": "email", "Value": format!("{username}@example.com") })];
    if let Some(phone) = phone {
        attributes.push(json!({ "Name": "phone_number", "Value": phone }));
    }
    cognito(
        moto,
        "AdminCreateUser",
        json!({ "UserPoolId": pool, "Username": username, "UserAttributes": attributes }),
    )?;
    Ok(())
}

async fn count(s: &AppSession, css: &str) -> Result<usize> {
    Ok(s.app.client().find_all(Locator::Css(css)).await?.len())
}

/// Waits until `css` matches exactly `expected` elements.
async fn wait_count(s: &AppSession, css: &str, expected: usize, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    loop {
        let found = count(s, css).await?;
        if found == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("expected {expected} of {css}, found {found}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn wait_for(s: &AppSession, id: &str, within: Duration) -> Result<()> {
    let css = format!("[data-testid=\"{id}\"]");
    s.app
        .client()
        .wait()
        .at_most(within)
        .for_element(Locator::Css(&css))
        .await
        .with_context(|| format!("no [data-testid={id}] within {within:?}"))?;
    Ok(())
}

async fn click(s: &AppSession, id: &str) -> Result<()> {
    s.app.scroll_to(id).await?;
    s.app.by_test_id(id).await?.click().await?;
    Ok(())
}

async fn select(s: &AppSession, id: &str, value: &str) -> Result<()> {
    s.app.by_test_id(id).await?.select_by_value(value).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn pool_mfa_user_preference_bulk_and_audit_against_moto() -> Result<()> {
    let save_dir = tempfile::tempdir()?;
    let save = save_dir.path().display().to_string();
    let s = AppSession::start_with(&[("KAIROS_SAVE_DIR", &save)]).await?;
    let pool = s.moto.create_user_pool("e2e-admin")?;
    s.moto.create_user_pool("e2e-other")?;
    for (name, phone) in [
        ("alice", Some("+15550100001")),
        ("bob", Some("+15550100002")),
        ("carol", Some("+15550100003")),
        ("dave", None),
    ] {
        create_user(&s.moto, &pool, name, phone)?;
    }

    s.open_page("admin").await?;
    // The endpoint comes from AWS_ENDPOINT_URL and is shown as such.
    let endpoint = s.app.text_of("cognito-endpoint").await?;
    ensure!(
        endpoint.contains(&s.moto.url()) && endpoint.contains("AWS_ENDPOINT_URL"),
        "endpoint shown: {endpoint:?}"
    );
    click(&s, "cognito-connect").await?;
    wait_for(&s, "cognito-connected", Duration::from_secs(30)).await?;
    select(&s, "pool-select", &pool).await?;

    // Pool MFA: OFF -> OPTIONAL with TOTP, through the plan dialog.
    wait_for(&s, "pool-mode-OPTIONAL", Duration::from_secs(20)).await?;
    click(&s, "pool-mode-OPTIONAL").await?;
    click(&s, "pool-totp").await?;
    click(&s, "pool-review").await?;
    wait_for(&s, "plan-dialog", Duration::from_secs(20)).await?;
    let diff = s.app.text_of("plan-diff").await?;
    ensure!(
        diff.contains("OFF") && diff.contains("OPTIONAL"),
        "diff: {diff:?}"
    );
    s.app.screenshot("en-admin-pool-plan").await?;
    click(&s, "plan-apply").await?;
    wait_for(&s, "pool-applied", Duration::from_secs(20)).await?;
    let config = cognito(
        &s.moto,
        "GetUserPoolMfaConfig",
        json!({ "UserPoolId": pool }),
    )?;
    ensure!(
        config["MfaConfiguration"] == "OPTIONAL"
            && config["SoftwareTokenMfaConfiguration"]["Enabled"] == true,
        "moto has {config}"
    );

    // The users stream in; one user's SMS becomes preferred.
    wait_count(&s, "[data-testid=user-row]", 4, Duration::from_secs(20)).await?;
    click(&s, "user-open-alice").await?;
    wait_for(&s, "user-enable-sms", Duration::from_secs(20)).await?;
    click(&s, "user-enable-sms").await?;
    select(&s, "user-prefer", "sms").await?;
    click(&s, "user-save").await?;
    wait_for(&s, "user-saved", Duration::from_secs(20)).await?;
    let preferred = s.app.text_of("user-preferred").await?;
    ensure!(preferred.contains("SMS"), "preferred shown: {preferred:?}");
    s.app.screenshot("en-admin-user-mfa").await?;
    let alice = cognito(
        &s.moto,
        "AdminGetUser",
        json!({ "UserPoolId": pool, "Username": "alice" }),
    )?;
    ensure!(
        alice["PreferredMfaSetting"] == "SMS_MFA",
        "moto has alice as {alice}"
    );
    click(&s, "user-close").await?;

    // Bulk: SMS preferred for everyone: alice already is, dave has no phone
    // and fails with the reason.
    click(&s, "users-select-all").await?;
    click(&s, "users-bulk").await?;
    wait_for(&s, "bulk-dialog", Duration::from_secs(10)).await?;
    select(&s, "bulk-factor", "sms").await?;
    select(&s, "bulk-action", "prefer").await?;
    click(&s, "bulk-start").await?;
    wait_for(&s, "bulk-summary", Duration::from_secs(60)).await?;
    wait_count(&s, "[data-testid=bulk-result]", 4, Duration::from_secs(5)).await?;
    ensure!(
        count(&s, "[data-outcome=changed]").await? == 2
            && count(&s, "[data-outcome=unchanged]").await? == 1
            && count(&s, "[data-outcome=failed]").await? == 1,
        "bulk outcomes: {}",
        s.app.text_of("bulk-results").await?
    );
    let failed = s
        .app
        .client()
        .find(Locator::Css("[data-outcome=failed]"))
        .await?
        .text()
        .await?;
    ensure!(
        failed.contains("dave") && failed.contains("cognito.preflight.sms_needs_phone"),
        "failed row: {failed:?}"
    );
    s.app.screenshot("en-admin-bulk-results").await?;
    for name in ["bob", "carol"] {
        let user = cognito(
            &s.moto,
            "AdminGetUser",
            json!({ "UserPoolId": pool, "Username": name }),
        )?;
        let settings = user["UserMFASettingList"].to_string();
        ensure!(settings.contains("SMS_MFA"), "{name}: {user}");
    }
    click(&s, "bulk-close").await?;

    // Audit: the pool change, alice's change and the bulk's, then CSV.
    click(&s, "audit-refresh").await?;
    wait_for(&s, "audit-table", Duration::from_secs(10)).await?;
    ensure!(
        count(&s, "[data-action=SetUserPoolMfaConfig]").await? == 1,
        "no pool entry in the audit log"
    );
    ensure!(
        count(&s, "[data-action=AdminSetUserMFAPreference]").await? >= 4,
        "user entries missing from the audit log"
    );
    s.app.scroll_to("audit").await?;
    s.app.screenshot("en-admin-audit").await?;
    click(&s, "audit-export").await?;
    wait_for(&s, "audit-exported", Duration::from_secs(20)).await?;
    let csv = std::fs::read_to_string(save_dir.path().join("kairos-cognito-audit.csv"))?;
    ensure!(
        csv.starts_with("time,profile,region,pool_id,username,action")
            && csv.contains("SetUserPoolMfaConfig")
            && csv.contains("alice")
            && csv.contains("sms_needs_phone"),
        "CSV: {csv}"
    );
    s.app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_in_french_the_demo_starts_and_is_labelled() -> Result<()> {
    let moto_server = Moto::binary().display().to_string();
    // No credentials anywhere: the AWS files point at nothing (harness), and
    // the variables the harness sets for moto are emptied.
    let s = AppSession::start_with(&[
        ("AWS_ACCESS_KEY_ID", ""),
        ("AWS_SECRET_ACCESS_KEY", ""),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
        ("KAIROS_MOTO_SERVER", &moto_server),
    ])
    .await?;
    s.open_page("settings").await?;
    select(&s, "language-select", "fr").await?;
    let title = s.open_page("admin").await?;
    ensure!(title == "Administration Cognito", "title {title:?}");

    wait_for(&s, "demo-offer", Duration::from_secs(20)).await?;
    click(&s, "cognito-connect").await?;
    wait_for(&s, "cognito-problem", Duration::from_secs(30)).await?;
    let problem = s
        .app
        .by_test_id("cognito-problem")
        .await?
        .attr("data-problem")
        .await?;
    ensure!(
        problem.as_deref() == Some("noCredentials"),
        "problem screen: {problem:?}: {}",
        s.app.text_of("cognito-problem").await?
    );
    let text = s.app.text_of("cognito-problem").await?;
    ensure!(
        text.contains("Aucun identifiant AWS"),
        "not French: {text:?}"
    );
    s.app.screenshot("fr-admin-no-credentials").await?;

    click(&s, "demo-start").await?;
    wait_for(&s, "demo-banner", SLOW).await?;
    let banner = s.app.text_of("demo-banner").await?;
    ensure!(banner.contains("DÉMO"), "banner: {banner:?}");
    let badge = s.app.text_of("demo-badge").await?;
    ensure!(badge.contains("DÉMO"), "badge: {badge:?}");
    wait_for(&s, "pool-select", Duration::from_secs(30)).await?;
    let options = s
        .app
        .client()
        .find_all(Locator::Css("[data-testid=pool-select] option"))
        .await?;
    let mut demo_pool = None;
    for option in options {
        if option.text().await?.starts_with("Kairos demo —") {
            demo_pool = option.attr("value").await?;
        }
    }
    let demo_pool = demo_pool.context("no “Kairos demo” pool in the picker")?;
    select(&s, "pool-select", &demo_pool).await?;
    wait_count(&s, "[data-testid=user-row]", 12, Duration::from_secs(30)).await?;
    s.app.scroll_to("users").await?;
    s.app.screenshot("fr-admin-demo").await?;

    // The seeded states are real: a preferred authenticator, an SMS user, a
    // disabled account.
    click(&s, "user-open-ada.lovelace").await?;
    wait_for(&s, "user-preferred", Duration::from_secs(20)).await?;
    let preferred = s.app.text_of("user-preferred").await?;
    ensure!(preferred.contains("TOTP"), "ada: {preferred:?}");
    click(&s, "user-close").await?;
    click(&s, "user-open-hedy.lamarr").await?;
    wait_for(&s, "user-enabled", Duration::from_secs(20)).await?;
    let enabled = s.app.text_of("user-enabled").await?;
    ensure!(enabled.contains("Désactivé"), "hedy: {enabled:?}");
    click(&s, "user-close").await?;
    s.app.close().await?;
    Ok(())
}

/// The endpoint override set in Settings, with no `AWS_ENDPOINT_URL` at all:
/// refused when it is not a URL, saved to the data folder, labelled as coming
/// from Settings on the admin page, and used to connect to moto.
#[tokio::test(flavor = "multi_thread")]
async fn endpoint_override_from_settings_reaches_moto() -> Result<()> {
    let s = AppSession::start_without(&["AWS_ENDPOINT_URL"], &[]).await?;
    ensure!(
        std::env::var_os("AWS_ENDPOINT_URL").is_none(),
        "the test itself runs with AWS_ENDPOINT_URL set: the app would inherit it"
    );
    let pool = s.moto.create_user_pool("e2e-settings-endpoint")?;

    s.open_page("admin").await?;
    let before = s.app.text_of("cognito-endpoint").await?;
    ensure!(
        !before.contains(&s.moto.url()) && !before.contains("AWS_ENDPOINT_URL"),
        "an endpoint before Settings: {before:?}"
    );

    s.open_page("settings").await?;
    wait_for(&s, "cognito-settings-endpoint", Duration::from_secs(10)).await?;
    s.app.scroll_to("cognito-settings").await?;
    let field = s.app.by_test_id("cognito-settings-endpoint").await?;
    field.send_keys("127.0.0.1:5000").await?;
    click(&s, "cognito-settings-save").await?;
    wait_for(&s, "cognito-settings-error", Duration::from_secs(10)).await?;
    let code = s
        .app
        .by_test_id("cognito-settings-error")
        .await?
        .attr("data-error-code")
        .await?;
    ensure!(
        code.as_deref() == Some("cognito.invalid_endpoint"),
        "error code {code:?}"
    );
    let file = s.data_dir.path().join("cognito.json");
    ensure!(!file.exists(), "an invalid URL was written to {file:?}");

    field.clear().await?;
    field.send_keys(&s.moto.url()).await?;
    click(&s, "cognito-settings-save").await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s
        .app
        .text_of("cognito-settings-saved")
        .await?
        .contains("Saved.")
    {
        ensure!(Instant::now() < deadline, "no “Saved.” after saving");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    ensure!(
        count(&s, "[data-testid=cognito-settings-error]").await? == 0,
        "the error stayed after a valid save"
    );
    s.app.screenshot("en-settings-cognito-endpoint").await?;
    let stored = std::fs::read_to_string(&file)?;
    ensure!(stored.contains(&s.moto.url()), "{file:?} holds {stored}");

    s.open_page("admin").await?;
    let endpoint = s.app.text_of("cognito-endpoint").await?;
    ensure!(
        endpoint.contains(&s.moto.url()) && endpoint.contains("from Settings"),
        "endpoint shown: {endpoint:?}"
    );
    click(&s, "cognito-connect").await?;
    wait_for(&s, "cognito-connected", Duration::from_secs(30)).await?;
    let connected = s.app.text_of("cognito-connected").await?;
    ensure!(
        connected.contains(&s.moto.url()),
        "connected to: {connected:?}"
    );
    wait_for(&s, "pool-select", Duration::from_secs(20)).await?;
    let css = format!("[data-testid=pool-select] option[value=\"{pool}\"]");
    wait_count(&s, &css, 1, Duration::from_secs(20)).await?;
    s.app.close().await?;
    Ok(())
}
