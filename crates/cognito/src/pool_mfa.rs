//! A user pool's MFA configuration, read from `GetUserPoolMfaConfig` and
//! `DescribeUserPool` into one model, and written back with `SetUserPoolMfaConfig`.

use aws_sdk_cognitoidentityprovider::types::{
    AuthFactorType, EmailMfaConfigType, EmailSendingAccountType, SmsConfigurationType,
    SmsMfaConfigType, SoftwareTokenMfaConfigType, UserPoolMfaType, UserVerificationType,
    WebAuthnConfigurationType,
};
use serde::{Deserialize, Serialize};

use crate::{CognitoAdmin, CognitoError};

/// `MfaConfiguration`: whether sign-in asks for a second factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MfaMode {
    Off,
    On,
    Optional,
}

impl MfaMode {
    pub fn as_str(self) -> &'static str {
        match self {
            MfaMode::Off => "OFF",
            MfaMode::On => "ON",
            MfaMode::Optional => "OPTIONAL",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_uppercase().as_str() {
            "OFF" => Some(MfaMode::Off),
            "ON" => Some(MfaMode::On),
            "OPTIONAL" => Some(MfaMode::Optional),
            _ => None,
        }
    }

    fn to_sdk(self) -> UserPoolMfaType {
        match self {
            MfaMode::Off => UserPoolMfaType::Off,
            MfaMode::On => UserPoolMfaType::On,
            MfaMode::Optional => UserPoolMfaType::Optional,
        }
    }
}

/// SMS MFA: the IAM role Cognito assumes to publish through SNS.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SmsMfa {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub sns_region: Option<String>,
    /// Must contain `{####}` when set.
    pub message: Option<String>,
}

/// Email MFA (needs the pool to send through SES).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailMfa {
    pub message: Option<String>,
    pub subject: Option<String>,
}

/// WebAuthn (passkeys) settings of the pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebAuthn {
    pub relying_party_id: Option<String>,
    /// `required` or `preferred`.
    pub user_verification: Option<String>,
}

/// What can be edited: the arguments of `SetUserPoolMfaConfig`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolMfaSettings {
    pub mode: MfaMode,
    pub totp_enabled: bool,
    /// `None`: SMS MFA is not configured.
    pub sms: Option<SmsMfa>,
    /// `None`: email MFA is not configured.
    pub email: Option<EmailMfa>,
    pub web_authn: Option<WebAuthn>,
}

impl PoolMfaSettings {
    /// The second factors this configuration offers (SMS, TOTP, email).
    pub fn factor_count(&self) -> usize {
        usize::from(self.totp_enabled)
            + usize::from(self.sms.is_some())
            + usize::from(self.email.is_some())
    }
}

/// The pool facts the pre-flight checks need, read-only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolFacts {
    pub pool_name: String,
    /// `EmailConfiguration.EmailSendingAccount` is DEVELOPER (Amazon SES).
    pub email_uses_ses: bool,
    /// First sign-in factors allowed (`PASSWORD`, `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`);
    /// empty when the pool has no sign-in policy (password sign-in).
    pub first_factors: Vec<String>,
    pub estimated_users: i64,
}

impl PoolFacts {
    /// Sign-in without any password: Cognito cannot ask for MFA then.
    pub fn passwordless_only(&self) -> bool {
        !self.first_factors.is_empty() && !self.first_factors.iter().any(|f| f == "PASSWORD")
    }
}

/// The pool's MFA configuration as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolMfaConfig {
    pub pool_id: String,
    pub settings: PoolMfaSettings,
    pub facts: PoolFacts,
}

impl CognitoAdmin {
    /// Reads the MFA configuration (`GetUserPoolMfaConfig`) and the facts around it
    /// (`DescribeUserPool`).
    pub async fn pool_mfa(&self, pool_id: &str) -> Result<PoolMfaConfig, CognitoError> {
        let mfa = self
            .client()
            .get_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(|e| self.sdk_error(e, "cognito-idp:GetUserPoolMfaConfig"))?;
        let described = self
            .client()
            .describe_user_pool()
            .user_pool_id(pool_id)
            .send()
            .await
            .map_err(|e| self.sdk_error(e, "cognito-idp:DescribeUserPool"))?;
        let mode = match mfa.mfa_configuration() {
            Some(UserPoolMfaType::On) => MfaMode::On,
            Some(UserPoolMfaType::Optional) => MfaMode::Optional,
            _ => MfaMode::Off,
        };
        let sms = mfa.sms_mfa_configuration().and_then(|sms| {
            let config = sms.sms_configuration()?;
            Some(SmsMfa {
                role_arn: config.sns_caller_arn().to_owned(),
                external_id: config.external_id().map(str::to_owned),
                sns_region: config.sns_region().map(str::to_owned),
                message: sms.sms_authentication_message().map(str::to_owned),
            })
        });
        let email = mfa.email_mfa_configuration().map(|email| EmailMfa {
            message: email.message().map(str::to_owned),
            subject: email.subject().map(str::to_owned),
        });
        let web_authn = mfa.web_authn_configuration().map(|w| WebAuthn {
            relying_party_id: w.relying_party_id().map(str::to_owned),
            user_verification: w
                .user_verification()
                .map(|v| v.as_str().to_ascii_lowercase()),
        });
        let settings = PoolMfaSettings {
            mode,
            totp_enabled: mfa
                .software_token_mfa_configuration()
                .is_some_and(|t| t.enabled()),
            sms,
            email,
            web_authn,
        };
        let pool = described.user_pool();
        let facts = PoolFacts {
            pool_name: pool.and_then(|p| p.name()).unwrap_or_default().to_owned(),
            email_uses_ses: pool
                .and_then(|p| p.email_configuration())
                .and_then(|e| e.email_sending_account())
                .is_some_and(|a| *a == EmailSendingAccountType::Developer),
            first_factors: pool
                .and_then(|p| p.policies())
                .and_then(|p| p.sign_in_policy())
                .map(|s| {
                    s.allowed_first_auth_factors()
                        .iter()
                        .map(|f: &AuthFactorType| f.as_str().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            estimated_users: pool
                .map(|p| i64::from(p.estimated_number_of_users()))
                .unwrap_or(0),
        };
        Ok(PoolMfaConfig {
            pool_id: pool_id.to_owned(),
            settings,
            facts,
        })
    }

    /// Sends `settings` whole with `SetUserPoolMfaConfig`. Callers run the pre-flight
    /// checks first ([`crate::preflight::check_pool_change`]); this only builds the call.
    pub async fn set_pool_mfa(
        &self,
        pool_id: &str,
        settings: &PoolMfaSettings,
    ) -> Result<(), CognitoError> {
        let action = "cognito-idp:SetUserPoolMfaConfig";
        let mut request = self
            .client()
            .set_user_pool_mfa_config()
            .user_pool_id(pool_id)
            .mfa_configuration(settings.mode.to_sdk())
            .software_token_mfa_configuration(
                SoftwareTokenMfaConfigType::builder()
                    .enabled(settings.totp_enabled)
                    .build(),
            );
        if let Some(sms) = &settings.sms {
            let config = SmsConfigurationType::builder()
                .sns_caller_arn(&sms.role_arn)
                .set_external_id(sms.external_id.clone())
                .set_sns_region(sms.sns_region.clone())
                .build();
            request = request.sms_mfa_configuration(
                SmsMfaConfigType::builder()
                    .sms_configuration(config)
                    .set_sms_authentication_message(sms.message.clone())
                    .build(),
            );
        }
        if let Some(email) = &settings.email {
            request = request.email_mfa_configuration(
                EmailMfaConfigType::builder()
                    .set_message(email.message.clone())
                    .set_subject(email.subject.clone())
                    .build(),
            );
        }
        if let Some(web_authn) = &settings.web_authn {
            let verification = web_authn
                .user_verification
                .as_deref()
                .map(|v| UserVerificationType::from(v.to_ascii_lowercase().as_str()));
            request = request.web_authn_configuration(
                WebAuthnConfigurationType::builder()
                    .set_relying_party_id(web_authn.relying_party_id.clone())
                    .set_user_verification(verification)
                    .build(),
            );
        }
        request
            .send()
            .await
            .map_err(|e| self.sdk_error(e, action))?;
        Ok(())
    }
}
