//! Enrolling an authenticator (TOTP) when Cognito answers a sign-in with
//! MFA_SETUP: the secret goes into the vault first, unverified, so that a
//! failure later never loses a secret Cognito may already hold.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_sdk_cognitoidentityprovider::types::{
    SoftwareTokenMfaSettingsType, VerifySoftwareTokenResponseType,
};
use kairos_core::otp::{Account, AccountDraft, AccountId, OtpParams, Secret, code_at};
use kairos_core::vault::Vault;
use kairos_core::{CoreError, Locale, UserFacing};
use serde::Serialize;
use zeroize::Zeroizing;

use aws_sdk_cognitoidentityprovider::Client;

use super::machine::{Reply, user_client};
use super::{
    ChallengeKind, SignedIn, SigninFailure, SigninMachine, SigninTarget, Step, TokenClaims,
};

/// Names for the new vault account and the device Cognito records.
#[derive(Clone, Debug)]
pub struct EnrolOptions {
    /// The account's issuer in the vault; `None` gives "AWS Cognito: POOL_ID".
    pub issuer: Option<String>,
    /// The account's label in the vault (usually the user name or email).
    pub account_name: String,
    /// Cognito's FriendlyDeviceName for the authenticator.
    pub device_name: String,
}

/// Where an enrolment stands, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EnrolProgress {
    /// AssociateSoftwareToken: Cognito makes the secret.
    Associating,
    /// The secret is stored in the vault, not yet verified.
    Stored { account: AccountId },
    /// VerifySoftwareToken with the first code.
    Verifying,
    /// RespondToAuthChallenge MFA_SETUP: the sign-in finishes.
    Completing,
    /// SetUserMFAPreference: TOTP enabled and preferred.
    SettingPreference,
    /// The vault account is marked verified.
    Done { account: AccountId },
}

/// A finished enrolment.
#[derive(Debug)]
pub struct EnrolOutcome {
    /// The vault account, verified.
    pub account: Account,
    /// What the new tokens say (the tokens stay in the machine).
    pub claims: TokenClaims,
}

#[derive(Debug, thiserror::Error)]
pub enum EnrolFailure {
    /// A Cognito step failed; `kept` is the vault account left unverified with the reason.
    #[error("{source}")]
    Cognito {
        source: SigninFailure,
        kept: Option<AccountId>,
    },
    /// The vault refused; `kept` as above.
    #[error("{source}")]
    Vault {
        source: CoreError,
        kept: Option<AccountId>,
    },
    /// Cognito's secret is not base32.
    #[error("Cognito sent a secret that is not base32")]
    BadSecret,
}

impl EnrolFailure {
    /// The vault account left unverified, if the secret was stored.
    pub fn kept(&self) -> Option<AccountId> {
        match self {
            EnrolFailure::Cognito { kept, .. } | EnrolFailure::Vault { kept, .. } => *kept,
            EnrolFailure::BadSecret => None,
        }
    }

    /// The sign-in failure, when a Cognito step failed.
    pub fn signin(&self) -> Option<&SigninFailure> {
        match self {
            EnrolFailure::Cognito { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl UserFacing for EnrolFailure {
    fn code(&self) -> &'static str {
        match self {
            EnrolFailure::Cognito { source, .. } => source.code(),
            EnrolFailure::Vault { source, .. } => source.code(),
            EnrolFailure::BadSecret => "cognito.enrol_bad_secret",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            EnrolFailure::Cognito { source, .. } => source.message(locale),
            EnrolFailure::Vault { source, .. } => source.message(locale),
            EnrolFailure::BadSecret => locale.pick(
                "Cognito sent an authenticator secret that is not base32.".to_owned(),
                "Cognito a envoyé un secret d’authentificateur qui n’est pas en base32.".to_owned(),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        match self {
            EnrolFailure::Cognito { source, .. } => source.hint(locale),
            EnrolFailure::Vault { source, .. } => source.hint(locale),
            EnrolFailure::BadSecret => Some(
                locale.pick(
                    "Check that the endpoint really is Cognito, then sign in again.".to_owned(),
                    "Vérifiez que le point de terminaison est bien Cognito, puis reconnectez-vous."
                        .to_owned(),
                ),
            ),
        }
    }

    fn help_id(&self) -> Option<&'static str> {
        self.signin().and_then(SigninFailure::catalogue_id)
    }
}

const NOTE_PENDING: &str = "Cognito enrolment started; the first code is not verified yet.";

/// Answers the pending MFA_SETUP challenge with a new authenticator kept in
/// `vault`, and finishes the sign-in. `now` is the app's corrected clock: it
/// dates the session and computes the first code.
pub async fn enrol_totp(
    machine: &mut SigninMachine,
    vault: &Vault,
    now: SystemTime,
    options: EnrolOptions,
    mut progress: impl FnMut(EnrolProgress),
) -> Result<EnrolOutcome, EnrolFailure> {
    let session = machine
        .take_session(&ChallengeKind::MfaSetup, now)
        .map_err(|source| EnrolFailure::Cognito { source, kept: None })?;
    let label = machine.target_label();
    let pool_id = machine.target().pool_id.clone();
    let (id, session) = associate_and_store(
        machine.client(),
        &label,
        Credential::Session(session.as_ref().map(|s| s.as_str().to_owned())),
        &pool_id,
        vault,
        &options,
        &mut progress,
    )
    .await?;
    let result = finish_challenge(machine, vault, id, session, now, &options, &mut progress).await;
    conclude(vault, id, result, &mut progress).await
}

/// Adds an authenticator for a user already signed in (the account page's
/// "add an authenticator"), with their `access_token`; TOTP becomes enabled
/// and preferred. `target` names the pool and endpoint.
pub async fn enrol_totp_signed_in(
    target: &SigninTarget,
    access_token: &str,
    vault: &Vault,
    now: SystemTime,
    options: EnrolOptions,
    mut progress: impl FnMut(EnrolProgress),
) -> Result<EnrolOutcome, EnrolFailure> {
    let client =
        user_client(target).map_err(|source| EnrolFailure::Cognito { source, kept: None })?;
    let label = target
        .endpoint
        .clone()
        .unwrap_or_else(|| format!("cognito-idp.{}.amazonaws.com", target.region));
    let (id, _) = associate_and_store(
        &client,
        &label,
        Credential::AccessToken(access_token),
        &target.pool_id,
        vault,
        &options,
        &mut progress,
    )
    .await?;
    let result = async {
        let cognito = |source| EnrolFailure::Cognito {
            source,
            kept: Some(id),
        };
        verify(
            &client,
            &label,
            Credential::AccessToken(access_token),
            vault,
            id,
            now,
            &options,
            &mut progress,
        )
        .await?;
        progress(EnrolProgress::SettingPreference);
        set_preference(&client, access_token, &label)
            .await
            .map_err(cognito)?;
        Ok(SignedIn::new(access_token.to_owned(), None, None, 0).claims())
    }
    .await;
    conclude(vault, id, result, &mut progress).await
}

/// Who is enrolling: a sign-in session (MFA_SETUP) or a signed-in user.
enum Credential<'a> {
    Session(Option<String>),
    AccessToken(&'a str),
}

/// AssociateSoftwareToken, then the secret into the vault, unverified.
/// Returns the account and the session for the next call.
async fn associate_and_store(
    client: &Client,
    label: &str,
    credential: Credential<'_>,
    pool_id: &str,
    vault: &Vault,
    options: &EnrolOptions,
    progress: &mut impl FnMut(EnrolProgress),
) -> Result<(AccountId, Option<String>), EnrolFailure> {
    let cognito = |source| EnrolFailure::Cognito { source, kept: None };
    progress(EnrolProgress::Associating);
    let request = match credential {
        Credential::Session(session) => client.associate_software_token().set_session(session),
        Credential::AccessToken(token) => client.associate_software_token().access_token(token),
    };
    let associated = request
        .send()
        .await
        .map_err(|e| cognito(SigninFailure::from_sdk(e, "AssociateSoftwareToken", label)))?;
    let secret_code = Zeroizing::new(
        associated
            .secret_code()
            .ok_or(cognito(SigninFailure::Incomplete { what: "SecretCode" }))?
            .to_owned(),
    );
    let issuer = options
        .issuer
        .clone()
        .unwrap_or_else(|| format!("AWS Cognito: {pool_id}"));
    let account = store(vault, &secret_code, issuer, options.account_name.clone()).await?;
    progress(EnrolProgress::Stored {
        account: account.id,
    });
    Ok((account.id, associated.session().map(str::to_owned)))
}

/// VerifySoftwareToken with the stored account's code at `now`; returns the next session.
#[allow(clippy::too_many_arguments)]
async fn verify(
    client: &Client,
    label: &str,
    credential: Credential<'_>,
    vault: &Vault,
    id: AccountId,
    now: SystemTime,
    options: &EnrolOptions,
    progress: &mut impl FnMut(EnrolProgress),
) -> Result<Option<String>, EnrolFailure> {
    let cognito = |source| EnrolFailure::Cognito {
        source,
        kept: Some(id),
    };
    let code = first_code(vault, id, now).await?;
    progress(EnrolProgress::Verifying);
    let request = match credential {
        Credential::Session(session) => client.verify_software_token().set_session(session),
        Credential::AccessToken(token) => client.verify_software_token().access_token(token),
    };
    let verified = request
        .user_code(code.as_str())
        .friendly_device_name(&options.device_name)
        .send()
        .await
        .map_err(|e| cognito(SigninFailure::from_sdk(e, "VerifySoftwareToken", label)))?;
    if verified.status() != Some(&VerifySoftwareTokenResponseType::Success) {
        return Err(cognito(SigninFailure::Incomplete {
            what: "a SUCCESS status from VerifySoftwareToken",
        }));
    }
    Ok(verified.session().map(str::to_owned))
}

/// Verify, answer MFA_SETUP, set the preference.
async fn finish_challenge(
    machine: &mut SigninMachine,
    vault: &Vault,
    id: AccountId,
    session: Option<String>,
    now: SystemTime,
    options: &EnrolOptions,
    progress: &mut impl FnMut(EnrolProgress),
) -> Result<TokenClaims, EnrolFailure> {
    let cognito = |source| EnrolFailure::Cognito {
        source,
        kept: Some(id),
    };
    let label = machine.target_label();
    let session = verify(
        machine.client(),
        &label,
        Credential::Session(session),
        vault,
        id,
        now,
        options,
        progress,
    )
    .await?;

    progress(EnrolProgress::Completing);
    let reply: Reply = machine
        .respond(
            &ChallengeKind::MfaSetup,
            HashMap::new(),
            session.map(Zeroizing::new),
        )
        .await
        .map_err(cognito)?;
    let claims = match machine.accept(reply, now).map_err(cognito)? {
        Step::SignedIn(tokens) => tokens.claims(),
        Step::Challenge(view) => {
            return Err(cognito(SigninFailure::Unsupported {
                name: view.kind.aws_name().to_owned(),
            }));
        }
    };

    progress(EnrolProgress::SettingPreference);
    let access_token = machine
        .access_token()
        .ok_or(cognito(SigninFailure::Incomplete {
            what: "an access token",
        }))?
        .to_owned();
    set_preference(machine.client(), &access_token, &label)
        .await
        .map_err(cognito)?;
    Ok(claims)
}

/// Marks the account verified after a success; after a failure keeps it
/// (Cognito may hold the secret already) with the reason in its note.
async fn conclude(
    vault: &Vault,
    id: AccountId,
    result: Result<TokenClaims, EnrolFailure>,
    progress: &mut impl FnMut(EnrolProgress),
) -> Result<EnrolOutcome, EnrolFailure> {
    match result {
        Ok(claims) => {
            mark(vault, id, true, None).await?;
            let account = vault
                .account(id)
                .await
                .map_err(|source| EnrolFailure::Vault {
                    source,
                    kept: Some(id),
                })?;
            progress(EnrolProgress::Done { account: id });
            Ok(EnrolOutcome { account, claims })
        }
        Err(failure) => {
            let reason = format!("{} ({})", failure.message(Locale::En), failure.code());
            let note: String = reason.chars().take(200).collect();
            mark(vault, id, false, Some(&note)).await?;
            Err(match failure {
                EnrolFailure::Cognito { source, .. } => EnrolFailure::Cognito {
                    source,
                    kept: Some(id),
                },
                EnrolFailure::Vault { source, .. } => EnrolFailure::Vault {
                    source,
                    kept: Some(id),
                },
                EnrolFailure::BadSecret => EnrolFailure::BadSecret,
            })
        }
    }
}

async fn set_preference(
    client: &aws_sdk_cognitoidentityprovider::Client,
    access_token: &str,
    label: &str,
) -> Result<(), SigninFailure> {
    client
        .set_user_mfa_preference()
        .access_token(access_token)
        .software_token_mfa_settings(
            SoftwareTokenMfaSettingsType::builder()
                .enabled(true)
                .preferred_mfa(true)
                .build(),
        )
        .send()
        .await
        .map_err(|e| SigninFailure::from_sdk(e, "SetUserMFAPreference", label))?;
    Ok(())
}

/// Stores Cognito's secret as an unverified TOTP account (SHA-1, 6 digits,
/// 30 s: the only parameters Cognito uses).
async fn store(
    vault: &Vault,
    secret_code: &str,
    issuer: String,
    label: String,
) -> Result<Account, EnrolFailure> {
    // Moto's `asdfasdfasdf` is 60 bits with non-zero trailing bits; from_base32 accepts it.
    let secret = Secret::from_base32(secret_code).map_err(|_| EnrolFailure::BadSecret)?;
    vault
        .add_unverified(
            AccountDraft {
                issuer,
                label,
                params: OtpParams::default_totp(),
                secret,
            },
            NOTE_PENDING,
        )
        .await
        .map_err(|source| EnrolFailure::Vault { source, kept: None })
}

/// The stored account's code at `now`: read back from the vault, so what
/// Cognito verifies is what the vault will show.
async fn first_code(
    vault: &Vault,
    id: AccountId,
    now: SystemTime,
) -> Result<Zeroizing<String>, EnrolFailure> {
    let vault_error = |source| EnrolFailure::Vault {
        source,
        kept: Some(id),
    };
    let secret = vault.secret(id).await.map_err(vault_error)?;
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let code = code_at(&OtpParams::default_totp(), &secret, seconds).map_err(vault_error)?;
    Ok(Zeroizing::new(code.value))
}

async fn mark(
    vault: &Vault,
    id: AccountId,
    verified: bool,
    note: Option<&str>,
) -> Result<(), EnrolFailure> {
    vault
        .set_verified(id, verified, note)
        .await
        .map_err(|source| EnrolFailure::Vault {
            source,
            kept: Some(id),
        })
}
