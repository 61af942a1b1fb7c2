//! Canned Cognito answers for the fault proxy, for what moto does not do
//! (USER_AUTH, a PASSWORD_VERIFIER with a real SECRET_BLOCK): the JSON bodies
//! AWS documents for InitiateAuth and RespondToAuthChallenge.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

/// An unsigned JWT carrying `claims` (the machine reads claims, never checks signatures).
pub fn jwt(claims: &Value) -> String {
    format!(
        "{}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","kid":"test"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// A successful sign-in's answer for `username` in `pool_id`.
pub fn tokens(pool_id: &str, client_id: &str, username: &str) -> Value {
    let issuer = format!("https://cognito-idp.us-east-1.amazonaws.com/{pool_id}");
    json!({
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": jwt(&json!({
                "username": username, "client_id": client_id, "iss": issuer,
                "scope": "aws.cognito.signin.user.admin", "iat": 1_800_000_000u64,
                "exp": 1_800_003_600u64, "token_use": "access",
            })),
            "IdToken": jwt(&json!({
                "cognito:username": username, "aud": client_id, "iss": issuer,
                "email": format!("{username}@example.com"), "token_use": "id",
            })),
            "RefreshToken": "canned-refresh-token",
            "ExpiresIn": 3600,
            "TokenType": "Bearer",
        }
    })
}

/// A challenge answer: `name`, its `session` and parameters, and (for
/// SELECT_CHALLENGE) the first factors available.
pub fn challenge(name: &str, session: &str, parameters: &Value, available: &[&str]) -> Value {
    let mut body = json!({
        "ChallengeName": name,
        "Session": session,
        "ChallengeParameters": parameters,
    });
    if !available.is_empty() {
        body["AvailableChallenges"] = json!(available);
    }
    body
}

/// The ChallengeResponses (or AuthParameters) of a captured request body.
pub fn responses(body: &Value) -> &serde_json::Map<String, Value> {
    static EMPTY: std::sync::LazyLock<serde_json::Map<String, Value>> =
        std::sync::LazyLock::new(serde_json::Map::new);
    body.get("ChallengeResponses")
        .or_else(|| body.get("AuthParameters"))
        .and_then(Value::as_object)
        .unwrap_or(&EMPTY)
}
