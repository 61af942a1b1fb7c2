//! A proposed change of a pool's MFA configuration: before, after, what differs,
//! and what the pre-flight checks found.

use serde::Serialize;

use crate::pool_mfa::{PoolMfaConfig, PoolMfaSettings};
use crate::preflight::{PreflightCheck, Severity, check_pool_change};

/// One field that changes, with both values as shown to people (`—` for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// What applying `after` to a pool would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolMfaPlan {
    pub pool_id: String,
    pub before: PoolMfaSettings,
    pub after: PoolMfaSettings,
    pub changes: Vec<FieldChange>,
    pub checks: Vec<PreflightCheck>,
}

impl PoolMfaPlan {
    pub fn new(
        current: &PoolMfaConfig,
        after: PoolMfaSettings,
        users_without_factor: Option<u64>,
    ) -> Self {
        let checks = check_pool_change(
            &current.settings,
            &after,
            &current.facts,
            users_without_factor,
        );
        Self {
            pool_id: current.pool_id.clone(),
            changes: diff(&current.settings, &after),
            before: current.settings.clone(),
            after,
            checks,
        }
    }

    /// The first finding that blocks the change.
    pub fn refusal(&self) -> Option<&PreflightCheck> {
        self.checks
            .iter()
            .find(|c| c.severity() == Severity::Refusal)
    }

    pub fn is_noop(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Every field whose shown value differs.
pub fn diff(before: &PoolMfaSettings, after: &PoolMfaSettings) -> Vec<FieldChange> {
    let (b, a) = (fields(before), fields(after));
    b.into_iter()
        .zip(a)
        .filter(|(x, y)| x.1 != y.1)
        .map(|((field, before), (_, after))| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

fn fields(s: &PoolMfaSettings) -> Vec<(&'static str, String)> {
    let opt = |v: Option<&str>| v.filter(|t| !t.is_empty()).unwrap_or("—").to_owned();
    let on_off = |b: bool| if b { "on" } else { "off" }.to_owned();
    let sms = s.sms.as_ref();
    let email = s.email.as_ref();
    let web = s.web_authn.as_ref();
    vec![
        ("mfa", s.mode.as_str().to_owned()),
        ("totp", on_off(s.totp_enabled)),
        ("sms", on_off(sms.is_some())),
        ("sms.roleArn", opt(sms.map(|x| x.role_arn.as_str()))),
        (
            "sms.externalId",
            opt(sms.and_then(|x| x.external_id.as_deref())),
        ),
        (
            "sms.snsRegion",
            opt(sms.and_then(|x| x.sns_region.as_deref())),
        ),
        ("sms.message", opt(sms.and_then(|x| x.message.as_deref()))),
        ("email", on_off(email.is_some())),
        (
            "email.subject",
            opt(email.and_then(|x| x.subject.as_deref())),
        ),
        (
            "email.message",
            opt(email.and_then(|x| x.message.as_deref())),
        ),
        (
            "webAuthn.relyingPartyId",
            opt(web.and_then(|x| x.relying_party_id.as_deref())),
        ),
        (
            "webAuthn.userVerification",
            opt(web.and_then(|x| x.user_verification.as_deref())),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool_mfa::MfaMode;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = PoolMfaSettings {
            mode: MfaMode::Off,
            totp_enabled: false,
            sms: None,
            email: None,
            web_authn: None,
        };
        let mut after = before.clone();
        assert!(diff(&before, &after).is_empty());
        after.mode = MfaMode::Optional;
        after.totp_enabled = true;
        let changes = diff(&before, &after);
        assert_eq!(
            changes,
            [
                FieldChange {
                    field: "mfa",
                    before: "OFF".into(),
                    after: "OPTIONAL".into()
                },
                FieldChange {
                    field: "totp",
                    before: "off".into(),
                    after: "on".into()
                },
            ]
        );
    }
}
