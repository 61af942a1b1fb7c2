//! Every admin operation end to end against moto's real server, state read back
//! through the API.

mod common;

use std::ops::ControlFlow;

use aws_sdk_cognitoidentityprovider::types::{
    EmailConfigurationType, EmailSendingAccountType, UserPoolMfaType,
};
use common::{TestResult, admin, client, create_pool, seed_users};
use kairos_cognito::CognitoError;
use kairos_cognito::audit::{AuditEntry, AuditLog, AuditResult};
use kairos_cognito::pool_mfa::{EmailMfa, MfaMode, SmsMfa};
use kairos_cognito::pool_plan::PoolMfaPlan;
use kairos_cognito::preflight::PreflightCheck;
use kairos_cognito::user_mfa::{Factor, FactorSetting, MfaPreferenceChange};
use kairos_cognito::users::UserFilter;
use kairos_core::UserFacing;
use kairos_harness::Moto;

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoSms";

#[tokio::test]
async fn pool_mfa_is_set_and_read_back() -> TestResult {
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = admin(&moto.url());
    let pool_id = create_pool(&sdk, "pool-mfa").await?;

    let current = admin.pool_mfa(&pool_id).await?;
    assert_eq!(current.settings.mode, MfaMode::Off);
    assert_eq!(current.facts.pool_name, "pool-mfa");

    let mut wanted = current.settings.clone();
    wanted.mode = MfaMode::Optional;
    wanted.totp_enabled = true;
    wanted.sms = Some(SmsMfa {
        role_arn: ROLE.into(),
        external_id: Some("kairos-ext".into()),
        sns_region: Some("eu-west-1".into()),
        message: Some("Code {####}".into()),
    });
    let plan = PoolMfaPlan::new(&current, wanted.clone(), None);
    assert_eq!(plan.refusal(), None);
    let fields: Vec<_> = plan.changes.iter().map(|c| c.field).collect();
    assert!(
        fields.contains(&"mfa") && fields.contains(&"sms.roleArn"),
        "{fields:?}"
    );
    admin.set_pool_mfa(&pool_id, &plan.after).await?;

    // Read back both through Kairos and through the raw API.
    let read = admin.pool_mfa(&pool_id).await?;
    assert_eq!(read.settings, wanted);
    let raw = sdk
        .get_user_pool_mfa_config()
        .user_pool_id(&pool_id)
        .send()
        .await?;
    assert_eq!(raw.mfa_configuration(), Some(&UserPoolMfaType::Optional));
    let sms = raw
        .sms_mfa_configuration()
        .and_then(|s| s.sms_configuration())
        .ok_or("no SMS configuration")?;
    assert_eq!(sms.sns_caller_arn(), ROLE);
    assert_eq!(sms.external_id(), Some("kairos-ext"));

    // Back to OFF with TOTP only.
    let mut off = read.settings.clone();
    off.mode = MfaMode::Off;
    off.sms = None;
    admin.set_pool_mfa(&pool_id, &off).await?;
    assert_eq!(admin.pool_mfa(&pool_id).await?.settings.mode, MfaMode::Off);
    Ok(())
}

#[tokio::test]
async fn pool_preflight_refuses_before_calling() -> TestResult {
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = admin(&moto.url());
    let pool_id = create_pool(&sdk, "preflight").await?;
    seed_users(&sdk, &pool_id, "p", 4).await?;
    let current = admin.pool_mfa(&pool_id).await?;

    let mut no_factor = current.settings.clone();
    no_factor.mode = MfaMode::On;
    let plan = PoolMfaPlan::new(&current, no_factor, None);
    assert_eq!(plan.refusal(), Some(&PreflightCheck::NoFactor));

    let mut bad_role = current.settings.clone();
    bad_role.mode = MfaMode::Optional;
    bad_role.sms = Some(SmsMfa {
        role_arn: "arn:aws:iam::123456789012:user/not-a-role".into(),
        ..SmsMfa::default()
    });
    let plan = PoolMfaPlan::new(&current, bad_role, None);
    assert!(matches!(
        plan.refusal(),
        Some(PreflightCheck::SmsRoleArnInvalid { .. })
    ));

    // Email MFA needs SES: refused on this pool (Cognito's default email)…
    let mut email = current.settings.clone();
    email.mode = MfaMode::Optional;
    email.email = Some(EmailMfa::default());
    let plan = PoolMfaPlan::new(&current, email.clone(), None);
    assert_eq!(plan.refusal(), Some(&PreflightCheck::EmailNeedsSes));
    // …accepted on a pool that sends through SES, as DescribeUserPool tells.
    let ses_pool = sdk
        .create_user_pool()
        .pool_name("ses")
        .email_configuration(
            EmailConfigurationType::builder()
                .email_sending_account(EmailSendingAccountType::Developer)
                .source_arn("arn:aws:ses:us-east-1:123456789012:identity/example.com")
                .build(),
        )
        .send()
        .await?;
    let ses_id = ses_pool.user_pool().and_then(|p| p.id()).ok_or("no id")?;
    let ses_current = admin.pool_mfa(ses_id).await?;
    assert!(ses_current.facts.email_uses_ses);
    assert_eq!(PoolMfaPlan::new(&ses_current, email, None).refusal(), None);

    // Turning MFA ON counts the users without a factor (all four here).
    let affected = admin
        .users_without_factor(&pool_id, current.facts.estimated_users)
        .await?;
    assert_eq!(affected, Some(4));
    let mut on = current.settings.clone();
    on.mode = MfaMode::On;
    on.totp_enabled = true;
    let plan = PoolMfaPlan::new(&current, on, affected);
    assert_eq!(plan.refusal(), None);
    assert!(
        plan.checks
            .contains(&PreflightCheck::MfaOnForcesSetup { users: Some(4) })
    );

    // Nothing was sent for the refused plans.
    assert_eq!(admin.pool_mfa(&pool_id).await?.settings, current.settings);
    Ok(())
}

#[tokio::test]
async fn users_stream_in_pages_with_server_filters() -> TestResult {
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = admin(&moto.url());
    let pool_id = create_pool(&sdk, "users").await?;
    seed_users(&sdk, &pool_id, "alpha", 125).await?;
    seed_users(&sdk, &pool_id, "beta", 5).await?;

    let mut page_sizes = Vec::new();
    let outcome = admin
        .list_users(&pool_id, None, |page| {
            page_sizes.push(page.len());
            ControlFlow::Continue(())
        })
        .await?;
    assert_eq!(outcome.users, 130);
    assert_eq!(page_sizes, [60, 60, 10]);

    // The callback can stop after the first page.
    let first = admin
        .list_users(&pool_id, None, |_| ControlFlow::Break(()))
        .await?;
    assert_eq!((first.users, first.pages, first.stopped), (60, 1, true));

    let beta = admin
        .all_users(&pool_id, Some(&UserFilter::parse("username^=beta")?))
        .await?;
    assert_eq!(beta.len(), 5);
    assert!(beta.iter().all(|u| u.username.starts_with("beta-")));
    let by_email = admin
        .all_users(
            &pool_id,
            Some(&UserFilter::EmailPrefix("alpha-0010".into())),
        )
        .await?;
    assert_eq!(by_email.len(), 1);
    assert_eq!(by_email[0].email.as_deref(), Some("alpha-0010@example.com"));
    let confirmed = admin
        .all_users(&pool_id, Some(&UserFilter::Status("CONFIRMED".into())))
        .await?;
    assert!(
        confirmed.is_empty(),
        "created users must change their password first"
    );
    let forced = admin
        .all_users(
            &pool_id,
            Some(&UserFilter::Status("FORCE_CHANGE_PASSWORD".into())),
        )
        .await?;
    assert_eq!(forced.len(), 130);
    assert!(forced[0].matches("EXAMPLE.COM"));
    Ok(())
}

#[tokio::test]
async fn user_preferences_change_after_preflight() -> TestResult {
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = admin(&moto.url());
    let pool_id = create_pool(&sdk, "prefs").await?;
    seed_users(&sdk, &pool_id, "u", 2).await?; // u-0000 has a phone, u-0001 has none
    let mut settings = admin.pool_mfa(&pool_id).await?.settings;
    settings.mode = MfaMode::Optional;
    settings.sms = Some(SmsMfa {
        role_arn: ROLE.into(),
        external_id: Some("x".into()),
        ..SmsMfa::default()
    });
    admin.set_pool_mfa(&pool_id, &settings).await?;

    let mut sms = MfaPreferenceChange::default();
    sms.set(
        Factor::Sms,
        FactorSetting {
            enabled: true,
            preferred: true,
        },
    );
    let done = admin
        .change_user_mfa(&pool_id, &settings, "u-0000", &sms)
        .await?;
    assert!(done.changed);
    let raw = sdk
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("u-0000")
        .send()
        .await?;
    assert_eq!(raw.user_mfa_setting_list(), ["SMS_MFA"]);
    assert_eq!(raw.preferred_mfa_setting(), Some("SMS_MFA"));
    assert_eq!(admin.user_mfa(&pool_id, "u-0000").await?, done.after);
    // Asking again changes nothing and sends nothing.
    assert!(
        !admin
            .change_user_mfa(&pool_id, &settings, "u-0000", &sms)
            .await?
            .changed
    );

    // No phone: refused before the call, user untouched.
    let refused = admin
        .change_user_mfa(&pool_id, &settings, "u-0001", &sms)
        .await;
    assert!(matches!(
        refused,
        Err(CognitoError::Preflight {
            check: PreflightCheck::SmsNeedsPhone
        })
    ));
    assert!(
        admin
            .user_mfa(&pool_id, "u-0001")
            .await?
            .mfa_settings
            .is_empty()
    );

    // The pool has TOTP off: TOTP preferences are refused (SoftwareTokenMFANotFound's cause).
    let mut totp = MfaPreferenceChange::default();
    totp.set(
        Factor::Totp,
        FactorSetting {
            enabled: true,
            preferred: false,
        },
    );
    let refused = admin
        .change_user_mfa(&pool_id, &settings, "u-0000", &totp)
        .await;
    let Err(error) = refused else {
        return Err("TOTP accepted on a TOTP-off pool".into());
    };
    assert_eq!(error.code(), "cognito.preflight.pool_totp_disabled");

    // With TOTP on but no verified token, Cognito's own refusal comes back with its code.
    settings.totp_enabled = true;
    admin.set_pool_mfa(&pool_id, &settings).await?;
    let refused = admin
        .change_user_mfa(&pool_id, &settings, "u-0000", &totp)
        .await;
    assert!(
        matches!(&refused, Err(CognitoError::Service { code, .. }) if code == "InvalidParameterException"),
        "{refused:?}"
    );
    Ok(())
}

#[tokio::test]
async fn audit_log_keeps_entries_across_opens() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("audit.db");
    let log = AuditLog::open(&path).await?;
    let entries: Vec<AuditEntry> = (0..300)
        .map(|i| {
            let mut e = AuditEntry::now(
                "us-east-1",
                "pool",
                "AdminSetUserMFAPreference",
                AuditResult::Changed,
            );
            e.username = Some(format!("=cmd|{i}"));
            e
        })
        .collect();
    log.record_all(&entries).await?;
    log.close().await;
    let log = AuditLog::open(&path).await?;
    let listed = log.list(None).await?;
    assert_eq!(listed.len(), 300);
    let csv = kairos_cognito::audit::to_csv(&listed);
    assert!(csv.contains("'=cmd|299"), "formula not guarded");
    Ok(())
}
