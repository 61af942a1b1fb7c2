//! The Sign-in & enrol page in the real window, against moto (TOTP checking
//! on): an app client with a secret remembered in gnome-keyring, a user with a
//! temporary password → new password → MFA_SETUP enrolment → the account on
//! the Codes page → a wrong code explained by the catalogue → a test sign-in
//! answered with the stored account's code, showing the claims; the
//! remembered connection signs in without the secret being typed again, and
//! with "stay signed in", again without a password (refresh token in the
//! keyring); sign-out forgets it.
//! Screenshots in English and French.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, ensure};
use fantoccini::Locator;
use kairos_harness::Moto;
use kairos_harness::desktop::AppSession;
use serde_json::{Value, json};

const TEMPORARY: &str = "Temp-Passw0rd!";
const PASSWORD: &str = "Kairos-Passw0rd!";
const USER: &str = "alice";
/// Each sign-in waits for moto over HTTP, and enrolment makes five calls.
const SLOW: Duration = Duration::from_secs(60);

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

/// A pool requiring TOTP, a client with a secret, and `alice` with a
/// temporary password. Returns the pool id, client id and client secret.
fn pool_with_user(moto: &Moto) -> Result<(String, String, String)> {
    let pool = moto.create_user_pool("ui-signin")?;
    cognito(
        moto,
        "SetUserPoolMfaConfig",
        json!({"UserPoolId": pool, "MfaConfiguration": "ON",
               "SoftwareTokenMfaConfiguration": {"Enabled": true}}),
    )?;
    let client = cognito(
        moto,
        "CreateUserPoolClient",
        json!({"UserPoolId": pool, "ClientName": "ui", "GenerateSecret": true,
               "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
    )?;
    cognito(
        moto,
        "AdminCreateUser",
        json!({"UserPoolId": pool, "Username": USER, "TemporaryPassword": TEMPORARY,
               "MessageAction": "SUPPRESS"}),
    )?;
    let field = |name: &str| {
        client["UserPoolClient"][name]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("no {name} in {client}"))
    };
    Ok((pool, field("ClientId")?, field("ClientSecret")?))
}

/// Returns when not in the last seconds of a 30 s period: moto checks a code
/// against its own clock with no window. Waiting is not an assertion.
async fn wait_inside_a_period() {
    loop {
        let into_period = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 30);
        if into_period < 20 {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
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

async fn type_into(s: &AppSession, id: &str, text: &str) -> Result<()> {
    let field = s.app.by_test_id(id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

async fn value_of(s: &AppSession, id: &str) -> Result<String> {
    Ok(s.app
        .by_test_id(id)
        .await?
        .prop("value")
        .await?
        .unwrap_or_default())
}

/// The challenge card's kind, once it shows `kind`.
async fn wait_for_challenge(s: &AppSession, kind: &str) -> Result<()> {
    let css = format!("[data-testid=\"signin-challenge\"][data-kind=\"{kind}\"]");
    s.app
        .client()
        .wait()
        .at_most(SLOW)
        .for_element(Locator::Css(&css))
        .await
        .with_context(|| format!("no {kind} challenge within {SLOW:?}"))?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn enrol_then_test_signin_with_a_remembered_connection() -> Result<()> {
    let s = AppSession::start().await?;
    let app = &s.app;
    let (pool, client, secret) = pool_with_user(&s.moto)?;

    // A keyring vault first: enrolment stores the secret there.
    s.open_page("codes").await?;
    app.by_test_id("vault-keyring").await?.click().await?;
    app.by_test_id("vault-create").await?.click().await?;

    // The connection, with the client secret remembered in the keyring.
    s.open_page("enrol").await?;
    wait_for(&s, "signin-remembered-empty", SLOW).await?;
    type_into(&s, "signin-region", "us-east-1").await?;
    type_into(&s, "signin-endpoint", &s.moto.url()).await?;
    type_into(&s, "signin-pool", &pool).await?;
    type_into(&s, "signin-client", &client).await?;
    type_into(&s, "signin-secret", &secret).await?;
    click(&s, "signin-remember-secret").await?;
    type_into(&s, "signin-username", USER).await?;
    type_into(&s, "signin-password", TEMPORARY).await?;
    app.by_test_id("signin-flow")
        .await?
        .select_by_value("userPassword")
        .await?;
    click(&s, "signin-start").await?;

    // Temporary password → new password → MFA_SETUP, with the session's countdown.
    wait_for_challenge(&s, "newPasswordRequired").await?;
    let countdown = app.text_of("signin-countdown").await?;
    ensure!(
        countdown.contains("02:5") || countdown.contains("03:00"),
        "countdown: {countdown:?}"
    );
    type_into(&s, "signin-new-password", PASSWORD).await?;
    click(&s, "signin-submit-password").await?;
    wait_for_challenge(&s, "mfaSetup").await?;
    wait_inside_a_period().await;
    click(&s, "signin-enrol").await?;
    wait_for(&s, "signin-enrolled", SLOW).await?;
    let enrolled = app.text_of("signin-enrolled").await?;
    let issuer = format!("AWS Cognito: {pool}");
    ensure!(enrolled.contains(&issuer), "enrolled: {enrolled:?}");
    let user = cognito(
        &s.moto,
        "AdminGetUser",
        json!({"UserPoolId": pool, "Username": USER}),
    )?;
    ensure!(
        user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA",
        "moto has {user}"
    );

    // The account is on the Codes page.
    click(&s, "signin-go-codes").await?;
    app.by_test_id("page-codes").await?;
    let shown = app.text_of("account-issuer").await?;
    ensure!(shown.contains(&issuer), "Codes page shows {shown:?}");

    // The connection is remembered: no secret in the form, a note that one is kept.
    s.open_page("enrol").await?;
    wait_for(&s, "signin-remembered-item", SLOW).await?;
    let item = app.text_of("signin-remembered-item").await?;
    ensure!(
        item.contains(&pool) && item.contains(USER),
        "remembered: {item:?}"
    );
    wait_for(&s, "signin-remembered-secret", SLOW).await?;
    let file = std::fs::read_to_string(s.data_dir.path().join("signin-connections.json"))?;
    ensure!(
        file.contains(&client) && !file.contains(&secret),
        "signin-connections.json: {file}"
    );
    click(&s, "signin-remembered-use").await?;
    ensure!(
        value_of(&s, "signin-pool").await? == pool
            && value_of(&s, "signin-secret").await?.is_empty(),
        "the form was not filled from the remembered connection"
    );
    wait_for(&s, "signin-secret-remembered", SLOW).await?;

    // A wrong code: refused by moto, explained by the catalogue.
    type_into(&s, "signin-password", PASSWORD).await?;
    app.by_test_id("signin-flow")
        .await?
        .select_by_value("userPassword")
        .await?;
    click(&s, "signin-start").await?;
    wait_for_challenge(&s, "softwareTokenMfa").await?;
    type_into(&s, "signin-code", "000000").await?;
    click(&s, "signin-submit-code").await?;
    wait_for(&s, "error-notice", SLOW).await?;
    let message = app.text_of("error-message").await?;
    ensure!(
        message.contains("CodeMismatchException"),
        "wrong code: {message:?}"
    );
    let hint = app.text_of("error-hint").await?;
    ensure!(!hint.trim().is_empty(), "no catalogue fix shown");
    let help = app
        .by_test_id("error-help-link")
        .await?
        .attr("href")
        .await?
        .unwrap_or_default();
    ensure!(help.contains("code-mismatch"), "help link: {help:?}");
    click(&s, "signin-cancel").await?;

    // Test sign-in: the stored account's code answers; claims, scope, expiry.
    wait_for(&s, "signin-form", SLOW).await?;
    click(&s, "signin-remembered-use").await?;
    type_into(&s, "signin-password", PASSWORD).await?;
    app.by_test_id("signin-flow")
        .await?
        .select_by_value("userPassword")
        .await?;
    click(&s, "signin-start").await?;
    wait_for_challenge(&s, "softwareTokenMfa").await?;
    wait_for(&s, "signin-account-pick", SLOW).await?;
    wait_inside_a_period().await;
    click(&s, "signin-use-account").await?;
    wait_for(&s, "signin-success", SLOW).await?;
    let username = app.text_of("signin-claim-username").await?;
    ensure!(username == USER, "username claim: {username:?}");
    let scope = app.text_of("signin-claim-scope").await?;
    ensure!(
        scope.contains("aws.cognito.signin.user.admin"),
        "scope: {scope:?}"
    );
    let claim_client = app.text_of("signin-claim-client").await?;
    ensure!(claim_client == client, "client claim: {claim_client:?}");
    let expires = app.text_of("signin-claim-expires").await?;
    ensure!(expires != "–", "no expiry shown");
    let body = app
        .client()
        .find(Locator::Css("body"))
        .await?
        .text()
        .await?;
    ensure!(!body.contains("eyJ"), "a token reached the window");

    // Stay signed in: the refresh token goes to the keyring, the list says so.
    click(&s, "signin-stay").await?;
    app.client()
        .wait()
        .at_most(SLOW)
        .for_element(Locator::Css("[data-testid=\"signin-stay\"]:checked"))
        .await
        .context("stay signed in was not kept")?;
    app.scroll_to("signin-done").await?;
    app.screenshot("en-signin").await?;

    // Back on the form, the connection stays signed in: it signs in again
    // with the kept refresh token (REFRESH_TOKEN_AUTH, where moto checks the
    // SECRET_HASH made from the remembered secret), no password, no code.
    click(&s, "signin-again").await?;
    wait_for(&s, "signin-remembered-stays", SLOW).await?;
    click(&s, "signin-remembered-resume").await?;
    wait_for(&s, "signin-success", SLOW).await?;
    let resumed = app.text_of("signin-claim-username").await?;
    ensure!(resumed == USER, "resumed as {resumed:?}");

    // Sign out forgets it; the form is back.
    click(&s, "signin-sign-out").await?;
    wait_for(&s, "signin-signed-out", SLOW).await?;
    ensure!(
        app.client()
            .find_all(Locator::Css("[data-testid=\"signin-remembered-stays\"]"))
            .await?
            .is_empty(),
        "still marked as staying signed in after sign-out"
    );

    // In French.
    s.open_page("settings").await?;
    app.by_test_id("language-select")
        .await?
        .select_by_value("fr")
        .await?;
    s.open_page("enrol").await?;
    wait_for(&s, "signin-remembered-item", SLOW).await?;
    let heading = app.text_of("signin-remembered").await?;
    ensure!(
        heading.contains("Connexions mémorisées"),
        "French list: {heading:?}"
    );
    click(&s, "signin-remembered-use").await?;
    wait_for(&s, "signin-secret-remembered", SLOW).await?;
    app.screenshot("fr-signin").await?;
    s.app.close().await?;
    Ok(())
}
