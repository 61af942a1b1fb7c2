//! The troubleshooting reference's 13 error cases, each produced by a real SDK call over
//! HTTP: by moto itself where it has the behaviour (a stale TOTP code, TOTP enabled before
//! enrolment), otherwise by the fault proxy in front of moto answering AWS's error JSON.
//! Each checks the code Kairos reads, the catalogue entry it finds, and the help link an
//! error report carries.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, ChallengeNameType, SmsConfigurationType, SmsMfaConfigType,
    SoftwareTokenMfaSettingsType, UserPoolMfaType,
};
use common::user_pool::{PoolSpec, UserPassword, user_pool};
use kairos_cognito::CognitoError;
use kairos_cognito::errors::seed_case;
use kairos_core::otp::{OtpParams, Secret, code_at};
use kairos_core::{Locale, UserFacing};
use kairos_harness::{Fault, FaultProxy, Moto};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "Kairos-Passw0rd!";

fn client(endpoint: &str) -> Client {
    common::client(endpoint)
}

/// A pool with an app client allowing password sign-in and one confirmed user.
struct Pool {
    id: String,
    client_id: String,
    user: &'static str,
}

async fn pool(cognito: &Client) -> Result<Pool, Box<dyn std::error::Error>> {
    let user = "alice";
    let pool = user_pool(
        cognito,
        PoolSpec {
            name: "seed-cases",
            totp_required: false,
            client_secret: false,
            username: user,
            password: UserPassword::Permanent(PASSWORD),
        },
    )
    .await?;
    Ok(Pool {
        id: pool.id,
        client_id: pool.client_id,
        user,
    })
}

type SignIn = Result<
    aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthOutput,
    aws_sdk_cognitoidentityprovider::error::SdkError<
        aws_sdk_cognitoidentityprovider::operation::initiate_auth::InitiateAuthError,
        aws_sdk_cognitoidentityprovider::config::http::HttpResponse,
    >,
>;

/// `InitiateAuth` with USER_PASSWORD_AUTH.
async fn sign_in(cognito: &Client, pool: &Pool, password: &str) -> SignIn {
    cognito
        .initiate_auth()
        .client_id(&pool.client_id)
        .auth_flow(AuthFlowType::UserPasswordAuth)
        .auth_parameters("USERNAME", pool.user)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
}

/// The access token of a sign-in without MFA.
async fn access_token(cognito: &Client, pool: &Pool) -> Result<String, Box<dyn std::error::Error>> {
    Ok(sign_in(cognito, pool, PASSWORD)
        .await?
        .authentication_result()
        .and_then(|r| r.access_token())
        .ok_or("no access token")?
        .to_owned())
}

/// `AdminSetUserMFAPreference` turning TOTP on, preferred.
async fn enable_totp(
    cognito: &Client,
    pool: &Pool,
) -> Result<
    aws_sdk_cognitoidentityprovider::operation::admin_set_user_mfa_preference::AdminSetUserMfaPreferenceOutput,
    aws_sdk_cognitoidentityprovider::error::SdkError<
        aws_sdk_cognitoidentityprovider::operation::admin_set_user_mfa_preference::AdminSetUserMFAPreferenceError,
        aws_sdk_cognitoidentityprovider::config::http::HttpResponse,
    >,
>{
    cognito
        .admin_set_user_mfa_preference()
        .user_pool_id(&pool.id)
        .username(pool.user)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
}

/// The reference's case `number` as a fault for `operation`, answered once.
fn seed_fault(operation: &str, number: u8) -> (Fault, &'static str, &'static str) {
    let case = seed_case(number).unwrap_or_else(|| panic!("no seed case {number}"));
    (
        Fault::cognito(operation, case.code, case.message).times(1),
        case.code,
        case.entry_id,
    )
}

/// What Kairos makes of a failed call, checked against the expected code and entry.
fn check(error: &CognitoError, code: &str, entry_id: &str) {
    assert_eq!(error.aws_code(), Some(code), "{error}");
    let entry = error.catalogue_entry().map(|e| e.id);
    assert_eq!(entry, Some(entry_id), "{error}");
    for locale in Locale::ALL {
        let report = error.report(locale);
        assert_eq!(report.help.as_deref(), Some(entry_id), "{error}");
        let fix = kairos_cognito::errors::by_id(entry_id).map(|e| e.fix.get(locale));
        assert_eq!(report.hint.as_deref(), fix, "the hint is the entry's fix");
    }
}

fn sdk_error<E, R>(
    result: Result<impl std::fmt::Debug, aws_sdk_cognitoidentityprovider::error::SdkError<E, R>>,
    action: &str,
) -> CognitoError
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata
        + std::error::Error
        + Send
        + Sync
        + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match result {
        Ok(value) => panic!("{action} succeeded: {value:?}"),
        Err(error) => CognitoError::from_sdk(error, action, "test"),
    }
}

#[tokio::test]
async fn sms_configuration_cases_1_to_3() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let cognito = client(&proxy.url());
    let pool = pool(&cognito).await?;
    for number in 1..=3 {
        let (fault, code, entry) = seed_fault("SetUserPoolMfaConfig", number);
        proxy.add(fault);
        let result = cognito
            .set_user_pool_mfa_config()
            .user_pool_id(&pool.id)
            .mfa_configuration(UserPoolMfaType::Optional)
            .sms_mfa_configuration(
                SmsMfaConfigType::builder()
                    .sms_configuration(
                        SmsConfigurationType::builder()
                            .sns_caller_arn("arn:aws:iam::123456789012:role/cognito-sms")
                            .external_id("kairos")
                            .build(),
                    )
                    .build(),
            )
            .send()
            .await;
        check(
            &sdk_error(result, "cognito-idp:SetUserPoolMfaConfig"),
            code,
            entry,
        );
    }
    assert_eq!(proxy.injected("SetUserPoolMfaConfig"), 3);
    Ok(())
}

#[tokio::test]
async fn sign_in_and_enrolment_cases_through_the_proxy() -> TestResult {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    let cognito = client(&proxy.url());
    let pool = pool(&cognito).await?;
    // A real sign-in first, so the calls below carry a real access token.
    let token = access_token(&cognito, &pool).await?;

    // Cases 4 (token without the admin scope), 10 (not the expected session) and 12 (TOTP
    // not enabled in the pool), on AssociateSoftwareToken.
    for number in [4, 10, 12] {
        let (fault, code, entry) = seed_fault("AssociateSoftwareToken", number);
        proxy.add(fault);
        let call = cognito.associate_software_token();
        let call = if number == 10 {
            call.session("not-the-session")
        } else {
            call.access_token(&token)
        };
        check(
            &sdk_error(call.send().await, "AssociateSoftwareToken"),
            code,
            entry,
        );
    }

    // Case 11: the enrolment code does not match the new secret.
    let (fault, code, entry) = seed_fault("VerifySoftwareToken", 11);
    proxy.add(fault);
    let result = cognito
        .verify_software_token()
        .access_token(&token)
        .user_code("123456")
        .send()
        .await;
    check(&sdk_error(result, "VerifySoftwareToken"), code, entry);

    // Cases 5, 6 and 7: RespondToAuthChallenge with a spent, an expired or an out-of-order session.
    for (number, challenge) in [
        (5, ChallengeNameType::SoftwareTokenMfa),
        (6, ChallengeNameType::SoftwareTokenMfa),
        (7, ChallengeNameType::MfaSetup),
    ] {
        let (fault, code, entry) = seed_fault("RespondToAuthChallenge", number);
        proxy.add(fault);
        let result = cognito
            .respond_to_auth_challenge()
            .client_id(&pool.client_id)
            .challenge_name(challenge)
            .session("a-session")
            .challenge_responses("USERNAME", pool.user)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", "123456")
            .send()
            .await;
        check(&sdk_error(result, "RespondToAuthChallenge"), code, entry);
    }

    // Case 13: the password lock-out.
    let (fault, code, entry) = seed_fault("InitiateAuth", 13);
    proxy.add(fault);
    check(
        &sdk_error(sign_in(&cognito, &pool, "wrong").await, "InitiateAuth"),
        code,
        entry,
    );
    // Rules were used up: the same wrong password now reaches moto, which says so itself.
    check(
        &sdk_error(sign_in(&cognito, &pool, "wrong").await, "InitiateAuth"),
        "NotAuthorizedException",
        "wrong-password",
    );
    assert_eq!(proxy.injected("RespondToAuthChallenge"), 3);
    assert_eq!(proxy.injected("AssociateSoftwareToken"), 3);
    Ok(())
}

fn totp(secret: &str, unix_seconds: u64) -> Result<String, Box<dyn std::error::Error>> {
    let secret = Secret::from_base32(secret).map_err(|p| format!("{p:?}"))?;
    Ok(code_at(&OtpParams::default_totp(), &secret, unix_seconds)?.value)
}

#[tokio::test]
async fn moto_produces_cases_8_and_9_itself() -> TestResult {
    let moto = Moto::start()?;
    let cognito = client(&moto.url());
    let pool = pool(&cognito).await?;

    // Case 9: TOTP turned on before the user verified an authenticator.
    let error = sdk_error(
        enable_totp(&cognito, &pool).await,
        "cognito-idp:AdminSetUserMFAPreference",
    );
    check(&error, "InvalidParameterException", "totp-not-verified");

    // Enrol properly, then answer the sign-in challenge with a code from ten minutes ago,
    // as a device whose clock is behind would.
    let token = access_token(&cognito, &pool).await?;
    let secret = cognito
        .associate_software_token()
        .access_token(&token)
        .send()
        .await?
        .secret_code()
        .ok_or("no secret")?
        .to_owned();
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    cognito
        .verify_software_token()
        .access_token(&token)
        .user_code(totp(&secret, now)?)
        .send()
        .await?;
    enable_totp(&cognito, &pool).await?;
    let challenge = sign_in(&cognito, &pool, PASSWORD).await?;
    assert_eq!(
        challenge.challenge_name(),
        Some(&ChallengeNameType::SoftwareTokenMfa)
    );
    let session = challenge.session().ok_or("no session")?.to_owned();
    let answer = |code: String| {
        cognito
            .respond_to_auth_challenge()
            .client_id(&pool.client_id)
            .challenge_name(ChallengeNameType::SoftwareTokenMfa)
            .session(&session)
            .challenge_responses("USERNAME", pool.user)
            .challenge_responses("SOFTWARE_TOKEN_MFA_CODE", code)
            .send()
    };
    let stale = answer(totp(&secret, now - 600)?).await;
    check(
        &sdk_error(stale, "RespondToAuthChallenge"),
        "CodeMismatchException",
        "code-mismatch-clock-skew",
    );
    // The current code goes through: the refusal was about time, not the secret.
    let signed = answer(totp(&secret, now)?).await?;
    assert!(signed.authentication_result().is_some());
    Ok(())
}
