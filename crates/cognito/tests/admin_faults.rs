//! Admin operations through the fault-injecting proxy in front of moto, for AWS
//! behaviours moto lacks: throttling, AccessDenied, SMS role errors, expired
//! credentials, AdminDeleteSoftwareToken (success and refusal).

mod common;

use common::{TestResult, admin, bulk, client, create_pool, enable_sms, seed_users};
use kairos_cognito::CognitoError;
use kairos_cognito::bulk::{BulkOptions, UserOutcome};
use kairos_cognito::pacing::RetryPolicy;
use kairos_cognito::pool_mfa::{MfaMode, SmsMfa};
use kairos_cognito::reset::ResetOutcome;
use kairos_cognito::user_mfa::{Factor, FactorSetting, MfaPreferenceChange};
use kairos_core::{Locale, UserFacing};
use kairos_harness::{Fault, FaultProxy, Moto};
use tokio_util::sync::CancellationToken;

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoSms";

#[tokio::test]
async fn bulk_of_1000_throttled_users_loses_none() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let sdk = client(&moto.url());
    let direct = admin(&moto.url());
    let pool_id = create_pool(&sdk, "throttled").await?;
    let settings = enable_sms(&direct, &pool_id).await?;
    // Every user with a phone: seed_users gives phones to even numbers, so 2,000 seeded.
    seed_users(&sdk, &pool_id, "t", 2000).await?;
    let users: Vec<String> = (0..2000).step_by(2).map(|i| format!("t-{i:04}")).collect();
    assert_eq!(users.len(), 1000);

    let throttle = |op: &str, seed| {
        Fault::cognito(op, "TooManyRequestsException", "Rate exceeded").ratio(0.3, seed)
    };
    proxy.add(throttle("AdminGetUser", 7));
    proxy.add(throttle("AdminSetUserMFAPreference", 11));
    let via_proxy = admin(&proxy.url());
    let mut change = MfaPreferenceChange::default();
    change.set(
        Factor::Sms,
        FactorSetting {
            enabled: true,
            preferred: true,
        },
    );
    let options = BulkOptions {
        concurrency: 16,
        reads_per_second: 0.0,
        updates_per_second: 0.0,
        // Few attempts, so some users do run out of retries and must be reported.
        retry: RetryPolicy {
            max_attempts: 2,
            base_delay: std::time::Duration::from_millis(5),
            max_delay: std::time::Duration::from_millis(50),
        },
        locale: Locale::En,
    };
    let report = bulk(
        &via_proxy,
        &pool_id,
        &settings,
        users.clone(),
        change,
        options,
        CancellationToken::new(),
    )
    .await;
    assert!(proxy.injected("AdminGetUser") > 0 && proxy.injected("AdminSetUserMFAPreference") > 0);
    assert_eq!(report.results.len(), 1000);
    let p = report.progress;
    assert_eq!(p.changed + p.failed, 1000, "{p:?}");
    assert_eq!(p.cancelled + p.unchanged, 0);
    // Every user is as reported, read back straight from moto.
    for result in &report.results {
        let user = sdk
            .admin_get_user()
            .user_pool_id(&pool_id)
            .username(&result.username)
            .send()
            .await?;
        match &result.outcome {
            UserOutcome::Changed => assert_eq!(
                user.preferred_mfa_setting(),
                Some("SMS_MFA"),
                "{}",
                result.username
            ),
            UserOutcome::Failed { error } => {
                assert_eq!(error.code, "cognito.service");
                assert!(
                    error.message.contains("TooManyRequestsException"),
                    "{}",
                    error.message
                );
            }
            other => return Err(format!("{other:?}").into()),
        }
    }
    Ok(())
}

#[tokio::test]
async fn aws_errors_map_to_explained_errors() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let sdk = client(&moto.url());
    let pool_id = create_pool(&sdk, "faults").await?;
    seed_users(&sdk, &pool_id, "f", 1).await?;
    let via = admin(&proxy.url()).with_profile(Some("corp".into()));

    proxy.add(Fault::cognito(
        "ListUsers",
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: cognito-idp:ListUsers",
    ));
    let denied = via.all_users(&pool_id, None).await;
    let Err(error @ CognitoError::AccessDenied { .. }) = denied else {
        return Err(format!("expected AccessDenied, got {denied:?}").into());
    };
    assert_eq!(error.code(), "cognito.access_denied");
    assert!(error.message(Locale::En).contains("cognito-idp:ListUsers"));

    proxy.add(Fault::cognito(
        "SetUserPoolMfaConfig",
        "InvalidSmsRoleTrustRelationshipException",
        "Role does not have a trust relationship allowing Cognito to assume the role",
    ));
    let mut settings = via.pool_mfa(&pool_id).await?.settings;
    settings.mode = MfaMode::Optional;
    settings.sms = Some(SmsMfa {
        role_arn: ROLE.into(),
        external_id: Some("x".into()),
        ..SmsMfa::default()
    });
    let refused = via.set_pool_mfa(&pool_id, &settings).await;
    let Err(error) = refused else {
        return Err("SMS role error not reported".into());
    };
    assert_eq!(
        error.aws_code(),
        Some("InvalidSmsRoleTrustRelationshipException")
    );
    assert!(
        error.hint(Locale::Fr).is_some_and(|h| !h.is_empty()),
        "explained from the catalogue"
    );
    assert_eq!(
        error.audit_code(),
        "InvalidSmsRoleTrustRelationshipException"
    );

    proxy.add(Fault::cognito(
        "AdminGetUser",
        "ExpiredTokenException",
        "The security token included in the request is expired",
    ));
    let expired = via.user_mfa(&pool_id, "f-0000").await;
    let Err(error @ CognitoError::CredentialsExpired { .. }) = expired else {
        return Err(format!("expected CredentialsExpired, got {expired:?}").into());
    };
    assert_eq!(error.code(), "cognito.credentials_expired");
    assert!(
        error
            .hint(Locale::En)
            .unwrap_or_default()
            .contains("aws sso login --profile corp")
    );
    Ok(())
}

#[tokio::test]
async fn reset_totp_deletes_or_explains_the_older_workaround() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let sdk = client(&moto.url());
    let pool_id = create_pool(&sdk, "reset").await?;
    seed_users(&sdk, &pool_id, "r", 1).await?;
    let via = admin(&proxy.url());

    // moto lacks the operation: the proxy answers AWS's documented success, `{}`-like.
    proxy.add(
        Fault::cognito("AdminDeleteSoftwareToken", "", "")
            .status(200)
            .times(1),
    );
    assert_eq!(
        via.reset_totp(&pool_id, "r-0000", false).await?,
        ResetOutcome::Deleted
    );
    assert_eq!(proxy.calls("AdminDeleteSoftwareToken"), 1);

    // An endpoint without the operation: explained, and the workaround on request.
    proxy.add(
        Fault::cognito("AdminDeleteSoftwareToken", "UnknownOperationException", "").status(400),
    );
    match via.reset_totp(&pool_id, "r-0000", false).await {
        Err(error @ CognitoError::ResetUnsupported { .. }) => {
            assert_eq!(error.code(), "cognito.reset_unsupported");
            assert!(
                error
                    .hint(Locale::En)
                    .unwrap_or_default()
                    .contains("AssociateSoftwareToken")
            );
        }
        other => return Err(format!("expected ResetUnsupported, got {other:?}").into()),
    }
    assert_eq!(
        via.reset_totp(&pool_id, "r-0000", true).await?,
        ResetOutcome::TotpDisabled
    );
    let user = sdk
        .admin_get_user()
        .user_pool_id(&pool_id)
        .username("r-0000")
        .send()
        .await?;
    assert!(
        !user
            .user_mfa_setting_list()
            .iter()
            .any(|s| s == "SOFTWARE_TOKEN_MFA")
    );

    // A refusal of this user (not "unsupported") is passed on, never papered over.
    proxy.clear();
    proxy.add(Fault::cognito(
        "AdminDeleteSoftwareToken",
        "UserNotFoundException",
        "User does not exist.",
    ));
    let missing = via.reset_totp(&pool_id, "nobody", true).await;
    assert!(
        matches!(&missing, Err(CognitoError::Service { code, .. }) if code == "UserNotFoundException"),
        "{missing:?}"
    );
    Ok(())
}
