//! Shared by the admin and sign-in tests: an SDK client on moto (or a proxy in front of it)
//! and quick ways to seed pools and users.
#![allow(dead_code)]

use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use aws_sdk_cognitoidentityprovider::{Client, Config, config::Credentials, config::Region};
use kairos_cognito::CognitoAdmin;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A client on `url` with dummy keys, never the developer's AWS configuration.
pub fn client(url: &str) -> Client {
    let config = Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "test"))
        .build();
    Client::from_conf(config)
}

pub fn admin(url: &str) -> CognitoAdmin {
    CognitoAdmin::from_client(client(url), "us-east-1".into(), Some(url.to_owned()))
}

/// Creates `count` users `prefix-NNNN`; those with an even number get a phone number,
/// every one gets `prefix-NNNN@example.com`.
pub async fn seed_users(client: &Client, pool_id: &str, prefix: &str, count: usize) -> TestResult {
    for i in 0..count {
        let username = format!("{prefix}-{i:04}");
        let mut request = client
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(&username)
            .message_action(MessageActionType::Suppress)
            .user_attributes(attribute("email", &format!("{username}@example.com")));
        if i % 2 == 0 {
            request =
                request.user_attributes(attribute("phone_number", &format!("+3360000{i:04}")));
        }
        request.send().await?;
    }
    Ok(())
}

pub fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .expect("name is set")
}

pub async fn create_pool(
    client: &Client,
    name: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let pool = client.create_user_pool().pool_name(name).send().await?;
    Ok(pool
        .user_pool()
        .and_then(|p| p.id())
        .ok_or("CreateUserPool returned no id")?
        .to_owned())
}

/// Turns the pool's MFA to OPTIONAL with SMS (a well-formed role) and returns the settings.
pub async fn enable_sms(
    admin: &CognitoAdmin,
    pool_id: &str,
) -> Result<kairos_cognito::pool_mfa::PoolMfaSettings, Box<dyn std::error::Error>> {
    use kairos_cognito::pool_mfa::{MfaMode, SmsMfa};
    let mut settings = admin.pool_mfa(pool_id).await?.settings;
    settings.mode = MfaMode::Optional;
    settings.sms = Some(SmsMfa {
        role_arn: "arn:aws:iam::123456789012:role/CognitoSms".into(),
        external_id: Some("kairos-test".into()),
        ..SmsMfa::default()
    });
    admin.set_pool_mfa(pool_id, &settings).await?;
    Ok(settings)
}

/// A bulk run without audit log or progress display.
pub async fn bulk(
    admin: &CognitoAdmin,
    pool_id: &str,
    settings: &kairos_cognito::pool_mfa::PoolMfaSettings,
    users: Vec<String>,
    change: kairos_cognito::user_mfa::MfaPreferenceChange,
    options: kairos_cognito::bulk::BulkOptions,
    cancel: tokio_util::sync::CancellationToken,
) -> kairos_cognito::bulk::BulkReport {
    kairos_cognito::bulk::apply_to_users(
        admin,
        pool_id,
        settings,
        users,
        change,
        options,
        None,
        cancel,
        |_| {},
    )
    .await
}

pub mod canned;
pub mod user_pool;
