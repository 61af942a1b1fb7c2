//! Resetting a user's authenticator: `AdminDeleteSoftwareToken`, and the older
//! workaround for when that API is refused.

use serde::Serialize;

use crate::user_mfa::{Factor, FactorSetting, MfaPreferenceChange};
use crate::{CognitoAdmin, CognitoError};

/// Error codes meaning "this endpoint does not offer the operation" (an older
/// region or emulator), as opposed to a refusal of this particular user.
const UNSUPPORTED: &[&str] = &[
    "UnknownOperationException",
    "InvalidAction",
    "UnsupportedOperationException",
    "NotImplementedException",
];

/// What a reset did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ResetOutcome {
    /// The software token is gone; with MFA required, the user gets MFA_SETUP next time.
    Deleted,
    /// The API was not available; TOTP was turned off for the user instead (the
    /// older workaround) so they re-associate an authenticator at the next setup.
    TotpDisabled,
}

impl CognitoAdmin {
    /// `AdminDeleteSoftwareToken`. When the endpoint does not offer the operation,
    /// `fallback` applies the older workaround (TOTP preference off); without it the
    /// refusal is returned as [`CognitoError::ResetUnsupported`], which explains it.
    pub async fn reset_totp(
        &self,
        pool_id: &str,
        username: &str,
        fallback: bool,
    ) -> Result<ResetOutcome, CognitoError> {
        let deleted = self
            .client()
            .admin_delete_software_token()
            .user_pool_id(pool_id)
            .username(username)
            .send()
            .await
            .map_err(|e| self.sdk_error(e, "cognito-idp:AdminDeleteSoftwareToken"));
        match deleted {
            Ok(_) => Ok(ResetOutcome::Deleted),
            Err(CognitoError::Service { code, message })
                if UNSUPPORTED.contains(&code.as_str()) =>
            {
                if !fallback {
                    return Err(CognitoError::ResetUnsupported { code, message });
                }
                let mut change = MfaPreferenceChange::default();
                change.set(
                    Factor::Totp,
                    FactorSetting {
                        enabled: false,
                        preferred: false,
                    },
                );
                self.send_user_mfa(pool_id, username, &change).await?;
                Ok(ResetOutcome::TotpDisabled)
            }
            Err(other) => Err(other),
        }
    }
}
