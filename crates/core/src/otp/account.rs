//! Accounts as the rest of Kairos sees them.

use serde::{Deserialize, Serialize};

use super::{OtpParams, Secret};

/// An account about to be added: everything, including its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountDraft {
    /// Who issued it ("GitHub", "AWS Cognito: my-pool"); may be empty.
    pub issuer: String,
    /// Which account at that issuer ("alice@example.com").
    pub label: String,
    pub params: OtpParams,
    pub secret: Secret,
}

/// The vault's id of an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub i64);

/// A stored account without its secret: safe to list, log and send to the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: AccountId,
    pub issuer: String,
    pub label: String,
    pub params: OtpParams,
    pub pinned: bool,
    /// Order in the list, smallest first.
    pub position: i64,
    /// Optional badge colour as `#rrggbb`.
    pub color: Option<String>,
    /// False while an enrolment waits for its first code to be accepted
    /// (Cognito's VerifySoftwareToken); `note` then says why.
    pub verified: bool,
    /// Free text shown with the account, e.g. why it is not verified.
    pub note: Option<String>,
}
