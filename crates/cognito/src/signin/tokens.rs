//! The tokens a finished sign-in holds, and the claims that may be shown.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use zeroize::Zeroizing;

/// A successful sign-in. The tokens are bearer credentials: they are wiped on
/// drop, never printed, and this type has no `Serialize` so they cannot reach
/// the window; [`SignedIn::claims`] is what may be shown.
#[derive(Clone)]
pub struct SignedIn {
    access_token: Zeroizing<String>,
    id_token: Option<Zeroizing<String>>,
    refresh_token: Option<Zeroizing<String>>,
    /// Seconds the access token is valid for, as Cognito said.
    pub expires_in: i32,
}

impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("tokens", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// What the tokens say about the user, for display.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenClaims {
    /// The pool's user name (`cognito:username` in the id token, `username` in the access token).
    pub username: Option<String>,
    pub sub: Option<String>,
    pub email: Option<String>,
    /// The pool's URL (`https://cognito-idp.REGION.amazonaws.com/POOL_ID`).
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// Unix seconds.
    pub issued_at: Option<u64>,
    /// Unix seconds.
    pub expires_at: Option<u64>,
    pub groups: Vec<String>,
}

impl SignedIn {
    pub(crate) fn new(
        access_token: String,
        id_token: Option<String>,
        refresh_token: Option<String>,
        expires_in: i32,
    ) -> Self {
        SignedIn {
            access_token: Zeroizing::new(access_token),
            id_token: id_token.map(Zeroizing::new),
            refresh_token: refresh_token.map(Zeroizing::new),
            expires_in,
        }
    }

    /// The access token, for the calls a signed-in user makes (TOTP set-up, preferences).
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// Whether Cognito returned a refresh token.
    pub fn has_refresh_token(&self) -> bool {
        self.refresh_token.is_some()
    }

    /// The refresh token, for "stay signed in" (kept only in the OS keyring).
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_deref().map(String::as_str)
    }

    /// Keeps `token` when a refresh returned none (Cognito rotates it only when asked to).
    pub(crate) fn or_refresh_token(mut self, token: &Zeroizing<String>) -> Self {
        if self.refresh_token.is_none() {
            self.refresh_token = Some(token.clone());
        }
        self
    }

    /// The claims of the id token, completed by the access token's.
    ///
    /// The signatures are not verified: the tokens came straight from the pool
    /// over the connection Kairos opened, and the claims are only shown to the
    /// person who signed in, never used to grant anything. A service that
    /// trusts these tokens must verify them against the pool's JWKS.
    pub fn claims(&self) -> TokenClaims {
        let id = self.id_token.as_deref().and_then(|t| payload(t));
        let access = payload(&self.access_token);
        let field = |name: &str| {
            [id.as_ref(), access.as_ref()]
                .into_iter()
                .flatten()
                .find_map(|claims| claims.get(name).and_then(|v| v.as_str()).map(str::to_owned))
        };
        let number = |name: &str| {
            [id.as_ref(), access.as_ref()]
                .into_iter()
                .flatten()
                .find_map(|claims| claims.get(name).and_then(serde_json::Value::as_u64))
        };
        let groups = [id.as_ref(), access.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|claims| claims.get("cognito:groups").and_then(|v| v.as_array()))
            .map(|list| {
                list.iter()
                    .filter_map(|g| g.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        TokenClaims {
            username: field("cognito:username").or_else(|| field("username")),
            sub: field("sub"),
            email: field("email"),
            issuer: field("iss"),
            client_id: field("client_id").or_else(|| field("aud")),
            issued_at: number("iat"),
            expires_at: number("exp"),
            groups,
        }
    }
}

/// A JWT's payload as JSON, if it is one.
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

    fn jwt(claims: &str) -> String {
        format!("e30.{}.c2ln", URL_SAFE_NO_PAD.encode(claims))
    }

    #[test]
    fn claims_come_from_the_id_token_then_the_access_token() {
        let signed = SignedIn::new(
            jwt(r#"{"username":"alice","client_id":"c1","exp":20}"#),
            Some(jwt(
                r#"{"cognito:username":"alice-id","email":"a@example.com","sub":"s"}"#,
            )),
            None,
            3600,
        );
        let claims = signed.claims();
        assert_eq!(claims.username.as_deref(), Some("alice-id"));
        assert_eq!(claims.email.as_deref(), Some("a@example.com"));
        assert_eq!(claims.client_id.as_deref(), Some("c1"));
        assert_eq!(claims.expires_at, Some(20));
        assert!(!format!("{signed:?}").contains("e30"));
    }

    #[test]
    fn garbage_tokens_give_empty_claims() {
        let signed = SignedIn::new("not a jwt".into(), None, None, 1);
        assert_eq!(signed.claims(), TokenClaims::default());
    }
}
