//! What the access token of a finished sign-in grants, for the Sign-in
//! page's "test sign-in": its scope, use and expiry. Read from the token's
//! payload without verifying the signature (see [`SignedIn::claims`]: shown
//! to the person who signed in, never used to grant anything).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::signin::SignedIn;

/// The access token's grants (never the token itself).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessDetails {
    /// OAuth scopes, e.g. `aws.cognito.signin.user.admin`.
    pub scope: Vec<String>,
    /// `access` for an access token.
    pub token_use: Option<String>,
    /// Unix seconds.
    pub auth_time: Option<u64>,
    /// Unix seconds: when the access token stops working.
    pub expires_at: Option<u64>,
    /// Seconds the access token is valid for, as Cognito said.
    pub expires_in: i32,
}

pub fn access_details(signed_in: &SignedIn) -> AccessDetails {
    let Some(claims) = payload(signed_in.access_token()) else {
        return AccessDetails {
            expires_in: signed_in.expires_in,
            ..AccessDetails::default()
        };
    };
    let number = |name: &str| claims.get(name).and_then(serde_json::Value::as_u64);
    AccessDetails {
        scope: claims
            .get("scope")
            .and_then(|v| v.as_str())
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
        token_use: claims
            .get("token_use")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        auth_time: number("auth_time"),
        expires_at: number("exp"),
        expires_in: signed_in.expires_in,
    }
}

fn payload(token: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let encoded = token.split('.').nth(1)?;
    let bytes = Zeroizing::new(URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')).ok()?);
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_and_expiry_come_from_the_access_token() {
        let body = URL_SAFE_NO_PAD.encode(
            r#"{"scope":"aws.cognito.signin.user.admin openid","token_use":"access","exp":99,"auth_time":9}"#,
        );
        let signed = SignedIn::new(format!("e30.{body}.c2ln"), None, None, 3600);
        let details = access_details(&signed);
        assert_eq!(details.scope, ["aws.cognito.signin.user.admin", "openid"]);
        assert_eq!(details.token_use.as_deref(), Some("access"));
        assert_eq!((details.auth_time, details.expires_at), (Some(9), Some(99)));
        assert_eq!(details.expires_in, 3600);
        let garbage = access_details(&SignedIn::new("x".into(), None, None, 5));
        assert_eq!(garbage.scope, Vec::<String>::new());
        assert_eq!(garbage.expires_in, 5);
    }
}
