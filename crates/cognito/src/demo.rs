//! "Try it without AWS": fills a local Cognito emulator (moto's server) with a
//! user pool whose users are in every MFA state the admin panel shows. Refuses
//! any endpoint that is not on this computer's loopback interface, so a demo
//! can never write into a real AWS account.

use aws_credential_types::Credentials;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, ExplicitAuthFlowsType, SmsConfigurationType, SmsMfaConfigType,
    SmsMfaSettingsType, SoftwareTokenMfaConfigType, SoftwareTokenMfaSettingsType, UserPoolMfaType,
};
use kairos_core::otp::{OtpParams, Secret, code_at};

use crate::{CognitoAdmin, CognitoError};

/// The region the demo pretends to be in (moto answers for any).
pub const DEMO_REGION: &str = "us-east-1";
/// Name of the seeded pool with users.
pub const DEMO_POOL: &str = "Kairos demo";
/// A second, empty pool, so the pool picker has a choice.
pub const DEMO_EMPTY_POOL: &str = "Kairos demo (staff, no MFA)";
/// The password every demo user has (moto only; never a real account).
const DEMO_PASSWORD: &str = "Demo-Passw0rd!";
/// The SMS role of the demo pool: well formed, never assumed by moto.
const DEMO_SMS_ROLE: &str = "arn:aws:iam::123456789012:role/kairos-demo-sms";

/// The MFA state a demo user is put in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoMfa {
    /// No factor at all.
    None,
    /// An authenticator verified and enabled, not preferred.
    TotpVerified,
    /// An authenticator verified, enabled and preferred.
    TotpPreferred,
    /// SMS enabled and preferred, with a phone number.
    Sms,
}

/// One seeded user.
#[derive(Clone, Copy, Debug)]
pub struct DemoUser {
    pub username: &'static str,
    pub mfa: DemoMfa,
    /// Disabled with AdminDisableUser after seeding.
    pub disabled: bool,
    /// Left in FORCE_CHANGE_PASSWORD (no permanent password set).
    pub must_change_password: bool,
}

const fn user(username: &'static str, mfa: DemoMfa) -> DemoUser {
    DemoUser {
        username,
        mfa,
        disabled: false,
        must_change_password: false,
    }
}

/// The dozen users of the demo pool.
pub const DEMO_USERS: [DemoUser; 12] = [
    user("ada.lovelace", DemoMfa::TotpPreferred),
    user("alan.turing", DemoMfa::TotpPreferred),
    user("barbara.liskov", DemoMfa::TotpVerified),
    user("claude.shannon", DemoMfa::Sms),
    user("donald.knuth", DemoMfa::None),
    user("edsger.dijkstra", DemoMfa::TotpVerified),
    DemoUser {
        must_change_password: true,
        ..user("frances.allen", DemoMfa::None)
    },
    user("grace.hopper", DemoMfa::Sms),
    DemoUser {
        disabled: true,
        ..user("hedy.lamarr", DemoMfa::TotpPreferred)
    },
    user("john.backus", DemoMfa::None),
    DemoUser {
        disabled: true,
        ..user("ken.thompson", DemoMfa::None)
    },
    user("margaret.hamilton", DemoMfa::TotpPreferred),
];

/// What seeding made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoSeed {
    pub pool_id: String,
    pub empty_pool_id: String,
    pub users: usize,
}

/// Errors of the demo itself (the API's own are [`CognitoError`]).
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo only runs against this computer, not {endpoint}")]
    NotLoopback { endpoint: String },
    #[error(transparent)]
    Cognito(#[from] CognitoError),
    #[error("the emulator's authenticator secret is not base32")]
    BadSecret,
}

/// Is `endpoint` an http(s) URL on 127.0.0.0/8, `[::1]` or `localhost`?
pub fn is_loopback_endpoint(endpoint: &str) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else {
        return false;
    };
    if !matches!(url.scheme(), "http" | "https") {
        return false;
    }
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// An admin client for a demo endpoint, with throwaway credentials (the
/// emulator checks none): the person's AWS configuration is never read.
pub fn demo_admin(endpoint: &str) -> Result<CognitoAdmin, DemoError> {
    if !is_loopback_endpoint(endpoint) {
        return Err(DemoError::NotLoopback {
            endpoint: endpoint.to_owned(),
        });
    }
    Ok(CognitoAdmin::from_client(
        demo_client(endpoint),
        DEMO_REGION.to_owned(),
        Some(endpoint.to_owned()),
    ))
}

fn demo_client(endpoint: &str) -> Client {
    let config = aws_sdk_cognitoidentityprovider::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(DEMO_REGION))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("demo", "demo", None, None, "kairos-demo"))
        .build();
    Client::from_conf(config)
}

/// Creates the demo pools and users at `endpoint` (loopback only). `now`
/// gives the Unix time for the authenticator codes that verify the TOTP users.
pub async fn seed(endpoint: &str, now: impl Fn() -> u64) -> Result<DemoSeed, DemoError> {
    if !is_loopback_endpoint(endpoint) {
        return Err(DemoError::NotLoopback {
            endpoint: endpoint.to_owned(),
        });
    }
    let seeder = Seeder::new(endpoint);
    let pool_id = seeder.create_pool(DEMO_POOL).await?;
    let empty_pool_id = seeder.create_pool(DEMO_EMPTY_POOL).await?;
    seeder.configure_mfa(&pool_id).await?;
    let client_id = seeder.create_app_client(&pool_id).await?;
    for demo_user in DEMO_USERS {
        seeder
            .create_user(&pool_id, &client_id, demo_user, &now)
            .await?;
    }
    Ok(DemoSeed {
        pool_id,
        empty_pool_id,
        users: DEMO_USERS.len(),
    })
}

struct Seeder {
    client: Client,
    target: String,
}

impl Seeder {
    fn new(endpoint: &str) -> Self {
        Self {
            client: demo_client(endpoint),
            target: endpoint.to_owned(),
        }
    }

    fn fail<E, R>(
        &self,
        action: &str,
    ) -> impl FnOnce(aws_sdk_cognitoidentityprovider::error::SdkError<E, R>) -> DemoError + '_
    where
        E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        let action = format!("cognito-idp:{action}");
        move |e| DemoError::Cognito(CognitoError::from_sdk(e, &action, &self.target))
    }

    async fn create_pool(&self, name: &str) -> Result<String, DemoError> {
        let out = self
            .client
            .create_user_pool()
            .pool_name(name)
            .send()
            .await
            .map_err(self.fail("CreateUserPool"))?;
        Ok(out
            .user_pool()
            .and_then(|p| p.id())
            .unwrap_or_default()
            .to_owned())
    }

    /// OPTIONAL MFA with TOTP and SMS, so every user state below is allowed.
    async fn configure_mfa(&self, pool_id: &str) -> Result<(), DemoError> {
        let sms = SmsConfigurationType::builder()
            .sns_caller_arn(DEMO_SMS_ROLE)
            .external_id("kairos-demo")
            .sns_region(DEMO_REGION)
            .build();
        self.client
            .set_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .mfa_configuration(UserPoolMfaType::Optional)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .sms_mfa_configuration(
                SmsMfaConfigType::builder()
                    .sms_authentication_message("Your Kairos demo code is {####}")
                    .sms_configuration(sms)
                    .build(),
            )
            .send()
            .await
            .map_err(self.fail("SetUserPoolMfaConfig"))?;
        Ok(())
    }

    async fn create_app_client(&self, pool_id: &str) -> Result<String, DemoError> {
        let out = self
            .client
            .create_user_pool_client()
            .user_pool_id(pool_id)
            .client_name("kairos-demo-seeder")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .send()
            .await
            .map_err(self.fail("CreateUserPoolClient"))?;
        Ok(out
            .user_pool_client()
            .and_then(|c| c.client_id())
            .unwrap_or_default()
            .to_owned())
    }

    async fn create_user(
        &self,
        pool_id: &str,
        client_id: &str,
        demo: DemoUser,
        now: &impl Fn() -> u64,
    ) -> Result<(), DemoError> {
        let attribute = |name: &str, value: &str| {
            AttributeType::builder()
                .name(name)
                .value(value)
                .build()
                .map_err(|e| {
                    DemoError::Cognito(CognitoError::Service {
                        code: "InvalidParameterException".into(),
                        message: e.to_string(),
                    })
                })
        };
        let mut create = self
            .client
            .admin_create_user()
            .user_pool_id(pool_id)
            .username(demo.username)
            .temporary_password(DEMO_PASSWORD)
            .user_attributes(attribute(
                "email",
                &format!("{}@example.com", demo.username),
            )?)
            .user_attributes(attribute("email_verified", "true")?);
        if demo.mfa == DemoMfa::Sms {
            // Numbers reserved for fiction (+1 555 01xx).
            let phone = format!("+1555010{:04}", demo.username.len());
            create = create
                .user_attributes(attribute("phone_number", &phone)?)
                .user_attributes(attribute("phone_number_verified", "true")?);
        }
        create.send().await.map_err(self.fail("AdminCreateUser"))?;
        if !demo.must_change_password {
            self.client
                .admin_set_user_password()
                .user_pool_id(pool_id)
                .username(demo.username)
                .password(DEMO_PASSWORD)
                .permanent(true)
                .send()
                .await
                .map_err(self.fail("AdminSetUserPassword"))?;
        }
        match demo.mfa {
            DemoMfa::None => {}
            DemoMfa::Sms => {
                self.client
                    .admin_set_user_mfa_preference()
                    .user_pool_id(pool_id)
                    .username(demo.username)
                    .sms_mfa_settings(
                        SmsMfaSettingsType::builder()
                            .enabled(true)
                            .preferred_mfa(true)
                            .build(),
                    )
                    .send()
                    .await
                    .map_err(self.fail("AdminSetUserMFAPreference"))?;
            }
            DemoMfa::TotpVerified | DemoMfa::TotpPreferred => {
                self.verify_authenticator(pool_id, client_id, demo.username, now)
                    .await?;
                self.client
                    .admin_set_user_mfa_preference()
                    .user_pool_id(pool_id)
                    .username(demo.username)
                    .software_token_mfa_settings(
                        SoftwareTokenMfaSettingsType::builder()
                            .enabled(true)
                            .preferred_mfa(demo.mfa == DemoMfa::TotpPreferred)
                            .build(),
                    )
                    .send()
                    .await
                    .map_err(self.fail("AdminSetUserMFAPreference"))?;
            }
        }
        if demo.disabled {
            self.client
                .admin_disable_user()
                .user_pool_id(pool_id)
                .username(demo.username)
                .send()
                .await
                .map_err(self.fail("AdminDisableUser"))?;
        }
        Ok(())
    }

    /// Signs the user in and verifies an authenticator the way an app would.
    async fn verify_authenticator(
        &self,
        pool_id: &str,
        client_id: &str,
        username: &str,
        now: &impl Fn() -> u64,
    ) -> Result<(), DemoError> {
        let auth = self
            .client
            .admin_initiate_auth()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", DEMO_PASSWORD)
            .send()
            .await
            .map_err(self.fail("AdminInitiateAuth"))?;
        let access_token = auth
            .authentication_result()
            .and_then(|r| r.access_token())
            .unwrap_or_default()
            .to_owned();
        let associated = self
            .client
            .associate_software_token()
            .access_token(&access_token)
            .send()
            .await
            .map_err(self.fail("AssociateSoftwareToken"))?;
        let secret = Secret::from_base32(associated.secret_code().unwrap_or_default())
            .map_err(|_| DemoError::BadSecret)?;
        // The emulator accepts only the current period's code: a code made
        // just before a period ends may arrive in the next; try again then.
        let mut attempts = 0;
        loop {
            attempts += 1;
            let code = code_at(&OtpParams::default_totp(), &secret, now())
                .map_err(|_| DemoError::BadSecret)?;
            let result = self
                .client
                .verify_software_token()
                .access_token(&access_token)
                .user_code(code.value)
                .friendly_device_name("Kairos demo")
                .send()
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(e) if attempts < 3 => {
                    tracing::debug!(error = %aws_sdk_cognitoidentityprovider::error::DisplayErrorContext(&e), "demo TOTP verification retried");
                }
                Err(e) => return Err(self.fail("VerifySoftwareToken")(e)),
            }
        }
    }
}

impl kairos_core::UserFacing for DemoError {
    fn code(&self) -> &'static str {
        match self {
            DemoError::NotLoopback { .. } => "demo.not_loopback",
            DemoError::Cognito(e) => e.code(),
            DemoError::BadSecret => "demo.seed_failed",
        }
    }

    fn message(&self, locale: kairos_core::Locale) -> String {
        match self {
            DemoError::NotLoopback { endpoint } => locale.pick(
                format!("The demo runs only on this computer, not at {endpoint}."),
                format!("La démo ne tourne que sur cet ordinateur, pas à {endpoint}."),
            ),
            DemoError::Cognito(e) => e.message(locale),
            DemoError::BadSecret => locale.pick(
                "The local emulator gave an authenticator secret Kairos cannot read.".to_owned(),
                "L’émulateur local a donné un secret d’authentificateur illisible pour Kairos."
                    .to_owned(),
            ),
        }
    }

    fn hint(&self, locale: kairos_core::Locale) -> Option<String> {
        match self {
            DemoError::Cognito(e) => e.hint(locale),
            DemoError::NotLoopback { .. } | DemoError::BadSecret => Some(
                locale
                    .pick(
                        "Close the demo and start it again from the Cognito admin page.",
                        "Fermez la démo et relancez-la depuis la page Administration Cognito.",
                    )
                    .to_owned(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_endpoints_are_demo_endpoints() {
        for good in [
            "http://127.0.0.1:5000",
            "http://127.3.2.1:80/",
            "http://[::1]:5000",
            "http://localhost:1234",
        ] {
            assert!(is_loopback_endpoint(good), "{good} refused");
        }
        for bad in [
            "https://cognito-idp.us-east-1.amazonaws.com",
            "http://10.0.0.1:5000",
            "http://192.168.1.2",
            "ftp://127.0.0.1",
            "127.0.0.1:5000",
            "http://localhost.example.com",
        ] {
            assert!(!is_loopback_endpoint(bad), "{bad} accepted");
        }
    }

    #[tokio::test]
    async fn seeding_refuses_a_remote_endpoint_before_any_call() {
        let result = seed("https://cognito-idp.eu-west-1.amazonaws.com", || 0).await;
        assert!(matches!(result, Err(DemoError::NotLoopback { .. })));
        assert!(matches!(
            demo_admin("http://203.0.113.9:5000"),
            Err(DemoError::NotLoopback { .. })
        ));
    }

    #[test]
    fn the_dozen_users_cover_every_state() {
        assert_eq!(DEMO_USERS.len(), 12);
        for state in [
            DemoMfa::None,
            DemoMfa::TotpVerified,
            DemoMfa::TotpPreferred,
            DemoMfa::Sms,
        ] {
            assert!(DEMO_USERS.iter().any(|u| u.mfa == state), "{state:?}");
        }
        assert!(DEMO_USERS.iter().any(|u| u.disabled));
        assert!(DEMO_USERS.iter().any(|u| u.must_change_password));
    }
}
