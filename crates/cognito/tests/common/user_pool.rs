//! A moto user pool for the sign-in tests: one app client and one user, made
//! the way each test needs (TOTP required or not, a client secret or not, a
//! temporary or permanent password).

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    ExplicitAuthFlowsType, MessageActionType, SoftwareTokenMfaConfigType, UserPoolMfaType,
};
use kairos_cognito::signin::{ClientSecret, SigninTarget};

type Failure = Box<dyn std::error::Error>;

/// How the user's password is set.
#[derive(Clone, Copy, Debug)]
pub enum UserPassword<'a> {
    /// AdminCreateUser's temporary password: the first sign-in asks for a new one.
    Temporary(&'a str),
    /// AdminSetUserPassword, permanent: the user is confirmed.
    Permanent(&'a str),
}

/// What to create.
#[derive(Clone, Copy, Debug)]
pub struct PoolSpec<'a> {
    pub name: &'a str,
    /// MFA on with TOTP only (moto then sends MFA_SETUP after the new password).
    pub totp_required: bool,
    /// The app client gets a secret (every sign-in call then needs SECRET_HASH).
    pub client_secret: bool,
    pub username: &'a str,
    pub password: UserPassword<'a>,
}

/// What was created.
#[derive(Clone, Debug)]
pub struct UserPool {
    pub id: String,
    pub client_id: String,
    pub client_secret: Option<String>,
}

impl UserPool {
    /// A sign-in target through `endpoint` (moto, or the fault proxy in front of it),
    /// with the client secret when there is one.
    pub fn target(&self, endpoint: &str) -> SigninTarget {
        SigninTarget {
            region: "us-east-1".into(),
            endpoint: Some(endpoint.to_owned()),
            pool_id: self.id.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone().map(ClientSecret::new),
        }
    }
}

/// Creates the pool, its app client (password, SRP and refresh flows allowed) and the user.
pub async fn user_pool(cognito: &Client, spec: PoolSpec<'_>) -> Result<UserPool, Failure> {
    let id = cognito
        .create_user_pool()
        .pool_name(spec.name)
        .send()
        .await?
        .user_pool()
        .and_then(|p| p.id())
        .ok_or("CreateUserPool returned no id")?
        .to_owned();
    if spec.totp_required {
        cognito
            .set_user_pool_mfa_config()
            .user_pool_id(&id)
            .mfa_configuration(UserPoolMfaType::On)
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder().enabled(true).build(),
            )
            .send()
            .await?;
    }
    let created = cognito
        .create_user_pool_client()
        .user_pool_id(&id)
        .client_name("app")
        .generate_secret(spec.client_secret)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await?;
    let app = created
        .user_pool_client()
        .ok_or("CreateUserPoolClient returned no client")?;
    let client_id = app.client_id().ok_or("no client id")?.to_owned();
    let client_secret = app.client_secret().map(str::to_owned);
    if spec.client_secret && client_secret.is_none() {
        return Err("moto made no client secret".into());
    }
    let create = cognito
        .admin_create_user()
        .user_pool_id(&id)
        .username(spec.username)
        .message_action(MessageActionType::Suppress);
    match spec.password {
        UserPassword::Temporary(password) => {
            create.temporary_password(password).send().await?;
        }
        UserPassword::Permanent(password) => {
            create.send().await?;
            cognito
                .admin_set_user_password()
                .user_pool_id(&id)
                .username(spec.username)
                .password(password)
                .permanent(true)
                .send()
                .await?;
        }
    }
    Ok(UserPool {
        id,
        client_id,
        client_secret,
    })
}
