//! What the window sees of an account: everything but the secret.

use kairos_core::otp::{self, Account, Algorithm, OtpKind};
use kairos_core::{ErrorReport, Locale};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    id: i64,
    issuer: String,
    label: String,
    kind: &'static str,
    algorithm: Algorithm,
    digits: u8,
    period: Option<u32>,
    counter: Option<u64>,
    pinned: bool,
    color: Option<String>,
    /// E.g. Cognito accepts SHA-1 only.
    warning: Option<ErrorReport>,
}

/// An account about to be added, for the confirmation card.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountPreview {
    issuer: String,
    label: String,
    kind: &'static str,
    algorithm: Algorithm,
    digits: u8,
    period: Option<u32>,
    counter: Option<u64>,
    warning: Option<ErrorReport>,
}

pub fn kind_name(kind: &OtpKind) -> &'static str {
    match kind {
        OtpKind::Totp { .. } => "totp",
        OtpKind::Hotp { .. } => "hotp",
        OtpKind::Steam => "steam",
    }
}

fn counter(kind: &OtpKind) -> Option<u64> {
    match kind {
        OtpKind::Hotp { counter } => Some(*counter),
        _ => None,
    }
}

impl AccountView {
    pub fn new(account: Account, locale: Locale) -> Self {
        let warning =
            otp::cognito_algorithm_warning(&account.issuer, &account.label, &account.params)
                .map(|w| w.report(locale));
        Self {
            id: account.id.0,
            kind: kind_name(&account.params.kind),
            algorithm: account.params.algorithm,
            digits: account.params.digits,
            period: account.params.period(),
            counter: counter(&account.params.kind),
            issuer: account.issuer,
            label: account.label,
            pinned: account.pinned,
            color: account.color,
            warning,
        }
    }
}

impl AccountPreview {
    pub fn new(draft: &otp::AccountDraft, locale: Locale) -> Self {
        Self {
            issuer: draft.issuer.clone(),
            label: draft.label.clone(),
            kind: kind_name(&draft.params.kind),
            algorithm: draft.params.algorithm,
            digits: draft.params.digits,
            period: draft.params.period(),
            counter: counter(&draft.params.kind),
            warning: otp::cognito_algorithm_warning(&draft.issuer, &draft.label, &draft.params)
                .map(|w| w.report(locale)),
        }
    }
}

/// An account waiting to be imported: its preview and whether the vault (or
/// an earlier account of the same import) already has it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingAccountView {
    pub pending_id: u64,
    pub preview: AccountPreview,
    pub duplicate: bool,
}
