//! Where a person signs in: one user pool app client, in a region or behind an
//! endpoint override (a local emulator, a private endpoint).

use super::ClientSecret;

/// One user pool app client to sign in through.
#[derive(Debug)]
pub struct SigninTarget {
    /// The pool's region, e.g. `eu-west-3`.
    pub region: String,
    /// An endpoint override (`http://127.0.0.1:5000`); `None` for AWS itself.
    pub endpoint: Option<String>,
    /// `region_name`; its name part is also the SRP pool name.
    pub pool_id: String,
    /// The app client's id.
    pub client_id: String,
    /// The app client's secret, when it has one: every call then carries SECRET_HASH.
    pub client_secret: Option<ClientSecret>,
}

/// How the password is proved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthFlow {
    /// USER_SRP_AUTH: the password never leaves the machine (the default for apps).
    UserSrp,
    /// USER_PASSWORD_AUTH: the password is sent over TLS; the app client must allow it.
    UserPassword,
    /// USER_AUTH: choice-based sign-in; Cognito lists the first factors the
    /// user may choose from (SELECT_CHALLENGE), the password among them.
    UserAuth,
}
