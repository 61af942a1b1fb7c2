//! Bulk preference changes against moto: every user ends with a result, state read
//! back, audit entries written.

mod common;

use common::{TestResult, admin, bulk, client, create_pool, enable_sms, seed_users};
use kairos_cognito::audit::{AuditLog, AuditResult};
use kairos_cognito::bulk::{BulkAudit, BulkOptions, UserOutcome, apply_to_users};
use kairos_cognito::user_mfa::{Factor, FactorSetting, MfaPreferenceChange};
use kairos_harness::Moto;
use tokio_util::sync::CancellationToken;

#[tokio::test]
async fn bulk_reports_every_user_and_is_idempotent() -> TestResult {
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = admin(&moto.url());
    let pool_id = create_pool(&sdk, "bulk").await?;
    seed_users(&sdk, &pool_id, "b", 120).await?;
    let settings = enable_sms(&admin, &pool_id).await?;
    let users: Vec<String> = admin
        .all_users(&pool_id, None)
        .await?
        .into_iter()
        .map(|u| u.username)
        .collect();
    // A user that does not exist must come back failed, not vanish.
    let mut asked = users.clone();
    asked.push("ghost".into());
    let mut change = MfaPreferenceChange::default();
    change.set(
        Factor::Sms,
        FactorSetting {
            enabled: true,
            preferred: true,
        },
    );

    let dir = tempfile::tempdir()?;
    let log = AuditLog::open(&dir.path().join("audit.db")).await?;
    let audit = BulkAudit {
        log: log.clone(),
        profile: Some("tester".into()),
    };
    let options = BulkOptions {
        reads_per_second: 0.0,
        updates_per_second: 0.0,
        ..BulkOptions::default()
    };
    let mut last_done = 0;
    let report = apply_to_users(
        &admin,
        &pool_id,
        &settings,
        asked.clone(),
        change,
        options,
        Some(audit.clone()),
        CancellationToken::new(),
        |p| {
            assert_eq!(p.done, last_done + 1);
            last_done = p.done;
        },
    )
    .await;
    assert_eq!(report.results.len(), 121);
    let names: Vec<_> = report.results.iter().map(|r| r.username.clone()).collect();
    assert_eq!(names, asked, "results keep the order given");
    assert_eq!(report.progress.changed, 60);
    assert_eq!(report.progress.failed, 61);
    for result in &report.results {
        let number: Option<usize> = result
            .username
            .strip_prefix("b-")
            .and_then(|n| n.parse().ok());
        match (number, &result.outcome) {
            (Some(n), UserOutcome::Changed) if n % 2 == 0 => {}
            (Some(n), UserOutcome::Failed { error }) if n % 2 == 1 => {
                assert_eq!(error.code, "cognito.preflight.sms_needs_phone");
            }
            (None, UserOutcome::Failed { error }) => assert_eq!(error.code, "cognito.service"),
            other => return Err(format!("unexpected {other:?}").into()),
        }
    }
    // State read back through the API.
    for name in ["b-0000", "b-0118"] {
        let user = sdk
            .admin_get_user()
            .user_pool_id(&pool_id)
            .username(name)
            .send()
            .await?;
        assert_eq!(user.preferred_mfa_setting(), Some("SMS_MFA"));
    }
    let untouched = sdk
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("b-0001")
        .send()
        .await?;
    assert!(untouched.user_mfa_setting_list().is_empty());
    let entries = log.list(None).await?;
    assert_eq!(entries.len(), 121);
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.result == AuditResult::Changed)
            .count(),
        60
    );
    assert!(
        entries
            .iter()
            .all(|e| e.profile.as_deref() == Some("tester"))
    );

    // Again: the phone users are unchanged now.
    let again = bulk(
        &admin,
        &pool_id,
        &settings,
        users.clone(),
        change,
        options,
        CancellationToken::new(),
    )
    .await;
    assert_eq!(again.progress.unchanged, 60);
    assert_eq!(again.progress.failed, 60);

    // Cancelled before it starts: every user reported cancelled, nobody changed.
    let mut off = MfaPreferenceChange::default();
    off.set(
        Factor::Sms,
        FactorSetting {
            enabled: false,
            preferred: false,
        },
    );
    let cancel = CancellationToken::new();
    cancel.cancel();
    let cancelled = bulk(
        &admin,
        &pool_id,
        &settings,
        users.clone(),
        off,
        options,
        cancel,
    )
    .await;
    assert_eq!(cancelled.progress.cancelled, 120);
    assert_eq!(cancelled.results.len(), 120);
    let still = sdk
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("b-0000")
        .send()
        .await?;
    assert_eq!(still.preferred_mfa_setting(), Some("SMS_MFA"));
    Ok(())
}
