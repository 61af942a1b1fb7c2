//! One user's MFA state (`AdminGetUser`) and changing their preferences
//! (`AdminSetUserMFAPreference`) after the pre-flight checks.

use aws_sdk_cognitoidentityprovider::types::{
    EmailMfaSettingsType, SmsMfaSettingsType, SoftwareTokenMfaSettingsType,
};
use serde::{Deserialize, Serialize};

use crate::pool_mfa::PoolMfaSettings;
use crate::preflight::{PreflightCheck, Severity};
use crate::{CognitoAdmin, CognitoError};

/// A second factor a user can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Factor {
    Sms,
    Totp,
    Email,
}

impl Factor {
    pub const ALL: [Factor; 3] = [Factor::Sms, Factor::Totp, Factor::Email];

    /// The name in `UserMFASettingList` / `PreferredMfaSetting`.
    pub fn api_name(self) -> &'static str {
        match self {
            Factor::Sms => "SMS_MFA",
            Factor::Totp => "SOFTWARE_TOKEN_MFA",
            Factor::Email => "EMAIL_OTP",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "sms" | "sms_mfa" => Some(Factor::Sms),
            "totp" | "software_token_mfa" => Some(Factor::Totp),
            "email" | "email_otp" => Some(Factor::Email),
            _ => None,
        }
    }
}

/// A user's MFA view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserMfaView {
    pub username: String,
    pub status: String,
    pub enabled: bool,
    /// `UserMFASettingList`: the factors turned on.
    pub mfa_settings: Vec<String>,
    pub preferred: Option<String>,
    pub phone: Option<String>,
    pub phone_verified: bool,
    pub email: Option<String>,
    pub email_verified: bool,
}

impl UserMfaView {
    pub fn has(&self, factor: Factor) -> bool {
        self.mfa_settings.iter().any(|s| s == factor.api_name())
    }

    pub fn prefers(&self, factor: Factor) -> bool {
        self.preferred.as_deref() == Some(factor.api_name())
    }

    /// No factor at all: with MFA ON this user gets MFA_SETUP at the next sign-in.
    pub fn has_no_factor(&self) -> bool {
        self.mfa_settings.is_empty()
    }
}

/// The wanted state of one factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FactorSetting {
    pub enabled: bool,
    pub preferred: bool,
}

/// A preference change; a factor left `None` is not touched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MfaPreferenceChange {
    pub sms: Option<FactorSetting>,
    pub totp: Option<FactorSetting>,
    pub email: Option<FactorSetting>,
}

impl MfaPreferenceChange {
    pub fn get(&self, factor: Factor) -> Option<FactorSetting> {
        match factor {
            Factor::Sms => self.sms,
            Factor::Totp => self.totp,
            Factor::Email => self.email,
        }
    }

    pub fn set(&mut self, factor: Factor, setting: FactorSetting) {
        match factor {
            Factor::Sms => self.sms = Some(setting),
            Factor::Totp => self.totp = Some(setting),
            Factor::Email => self.email = Some(setting),
        }
    }

    pub fn is_empty(&self) -> bool {
        Factor::ALL.iter().all(|f| self.get(*f).is_none())
    }

    /// The user already is as asked: nothing to send.
    pub fn satisfied_by(&self, view: &UserMfaView) -> bool {
        Factor::ALL.iter().all(|f| match self.get(*f) {
            None => true,
            Some(want) => {
                view.has(*f) == want.enabled && view.prefers(*f) == (want.enabled && want.preferred)
            }
        })
    }

    /// The view this change should lead to (for the audit log's "after").
    pub fn applied_to(&self, view: &UserMfaView) -> UserMfaView {
        let mut after = view.clone();
        for factor in Factor::ALL {
            let Some(want) = self.get(factor) else {
                continue;
            };
            let name = factor.api_name().to_owned();
            after.mfa_settings.retain(|s| *s != name);
            if want.enabled {
                after.mfa_settings.push(name.clone());
            }
            if want.enabled && want.preferred {
                after.preferred = Some(name);
            } else if after.preferred.as_deref() == Some(factor.api_name()) {
                after.preferred = None;
            }
        }
        after.mfa_settings.sort();
        after
    }

    /// Short text for tables and the audit log: `totp=on,preferred sms=off`.
    pub fn describe(&self) -> String {
        Factor::ALL
            .iter()
            .filter_map(|f| {
                self.get(*f).map(|s| {
                    let state = match (s.enabled, s.preferred) {
                        (true, true) => "preferred",
                        (true, false) => "on",
                        (false, _) => "off",
                    };
                    format!("{}={state}", format!("{f:?}").to_lowercase())
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The pre-flight checks of a user change, given the pool's configuration.
pub fn check_user_change(
    view: &UserMfaView,
    pool: &PoolMfaSettings,
    change: &MfaPreferenceChange,
) -> Vec<PreflightCheck> {
    let mut found = Vec::new();
    let enables = |f: Factor| change.get(f).is_some_and(|s| s.enabled);
    if enables(Factor::Totp) {
        if !pool.totp_enabled {
            found.push(PreflightCheck::PoolTotpDisabled);
        } else if !view.has(Factor::Totp) {
            found.push(PreflightCheck::TotpNotVerified);
        }
    }
    if enables(Factor::Sms) && view.phone.as_deref().is_none_or(str::is_empty) {
        found.push(PreflightCheck::SmsNeedsPhone);
    }
    if enables(Factor::Email) {
        if pool.email.is_none() {
            found.push(PreflightCheck::PoolEmailMfaOff);
        } else if view.email.as_deref().is_none_or(str::is_empty) {
            found.push(PreflightCheck::EmailNeedsAddress);
        }
    }
    found
}

/// What changing one user did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserChange {
    pub before: UserMfaView,
    pub after: UserMfaView,
    pub changed: bool,
}

impl CognitoAdmin {
    /// `AdminGetUser`, as an MFA view.
    pub async fn user_mfa(
        &self,
        pool_id: &str,
        username: &str,
    ) -> Result<UserMfaView, CognitoError> {
        let user = self
            .client()
            .admin_get_user()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(|e| self.sdk_error(e, "cognito-idp:AdminGetUser"))?;
        let attribute = |name: &str| {
            user.user_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        let mut mfa_settings: Vec<String> = user.user_mfa_setting_list().to_vec();
        mfa_settings.sort();
        Ok(UserMfaView {
            username: user.username().to_owned(),
            status: user
                .user_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            enabled: user.enabled(),
            mfa_settings,
            preferred: user.preferred_mfa_setting().map(str::to_owned),
            phone: attribute("phone_number"),
            phone_verified: attribute("phone_number_verified").as_deref() == Some("true"),
            email: attribute("email"),
            email_verified: attribute("email_verified").as_deref() == Some("true"),
        })
    }

    /// `AdminSetUserMFAPreference` with exactly the factors named in `change`.
    pub async fn send_user_mfa(
        &self,
        pool_id: &str,
        username: &str,
        change: &MfaPreferenceChange,
    ) -> Result<(), CognitoError> {
        let mut request = self
            .client()
            .admin_set_user_mfa_preference()
            .user_pool_id(pool_id)
            .username(username);
        if let Some(s) = change.sms {
            request = request.sms_mfa_settings(
                SmsMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.enabled && s.preferred)
                    .build(),
            );
        }
        if let Some(s) = change.totp {
            request = request.software_token_mfa_settings(
                SoftwareTokenMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.enabled && s.preferred)
                    .build(),
            );
        }
        if let Some(s) = change.email {
            request = request.email_mfa_settings(
                EmailMfaSettingsType::builder()
                    .enabled(s.enabled)
                    .preferred_mfa(s.enabled && s.preferred)
                    .build(),
            );
        }
        request
            .send()
            .await
            .map_err(|e| self.sdk_error(e, "cognito-idp:AdminSetUserMFAPreference"))?;
        Ok(())
    }

    /// Reads the user, runs the pre-flight checks, and sends the change unless the
    /// user already is as asked. Refusals come back as [`CognitoError::Preflight`];
    /// warnings do not stop the call (Cognito has the last word, mapped to its error).
    pub async fn change_user_mfa(
        &self,
        pool_id: &str,
        pool: &PoolMfaSettings,
        username: &str,
        change: &MfaPreferenceChange,
    ) -> Result<UserChange, CognitoError> {
        let before = self.user_mfa(pool_id, username).await?;
        if change.satisfied_by(&before) {
            return Ok(UserChange {
                after: before.clone(),
                before,
                changed: false,
            });
        }
        if let Some(refusal) = check_user_change(&before, pool, change)
            .into_iter()
            .find(|c| c.severity() == Severity::Refusal)
        {
            return Err(CognitoError::Preflight { check: refusal });
        }
        self.send_user_mfa(pool_id, username, change).await?;
        Ok(UserChange {
            after: change.applied_to(&before),
            before,
            changed: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool_mfa::MfaMode;

    fn view(settings: &[&str], preferred: Option<&str>) -> UserMfaView {
        UserMfaView {
            username: "u".into(),
            status: "CONFIRMED".into(),
            enabled: true,
            mfa_settings: settings.iter().map(|s| s.to_string()).collect(),
            preferred: preferred.map(str::to_owned),
            phone: None,
            phone_verified: false,
            email: None,
            email_verified: false,
        }
    }

    #[test]
    fn satisfied_and_applied() {
        let mut change = MfaPreferenceChange::default();
        change.set(
            Factor::Totp,
            FactorSetting {
                enabled: true,
                preferred: true,
            },
        );
        let none = view(&[], None);
        assert!(!change.satisfied_by(&none));
        let after = change.applied_to(&none);
        assert_eq!(after.mfa_settings, ["SOFTWARE_TOKEN_MFA"]);
        assert_eq!(after.preferred.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
        assert!(change.satisfied_by(&after));
        assert!(!change.satisfied_by(&view(&["SOFTWARE_TOKEN_MFA"], None)));
        assert_eq!(change.describe(), "totp=preferred");
    }

    #[test]
    fn user_checks() {
        let pool = PoolMfaSettings {
            mode: MfaMode::Optional,
            totp_enabled: false,
            sms: None,
            email: None,
            web_authn: None,
        };
        let mut change = MfaPreferenceChange::default();
        change.set(
            Factor::Totp,
            FactorSetting {
                enabled: true,
                preferred: false,
            },
        );
        change.set(
            Factor::Sms,
            FactorSetting {
                enabled: true,
                preferred: false,
            },
        );
        change.set(
            Factor::Email,
            FactorSetting {
                enabled: true,
                preferred: false,
            },
        );
        assert_eq!(
            check_user_change(&view(&[], None), &pool, &change),
            [
                PreflightCheck::PoolTotpDisabled,
                PreflightCheck::SmsNeedsPhone,
                PreflightCheck::PoolEmailMfaOff
            ]
        );
    }
}
