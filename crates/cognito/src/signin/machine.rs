//! One person's sign-in to a user pool, step by step: the password (SRP or
//! plain), then each challenge Cognito asks, until tokens.
//!
//! Sessions are checked here before any call: each is answered once (Cognito
//! refuses a second answer, and a retry after a network error could answer a
//! step twice) and not after its lifetime (Cognito's default is 3 minutes).

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ChallengeNameType};
use aws_sdk_cognitoidentityprovider::{Client, Config};
use zeroize::Zeroizing;

use super::challenge::parse_mfas_can_setup;
use super::{
    Answer, AuthFlow, ChallengeKind, ChallengeView, PasswordVerifier, SignedIn, SigninFailure,
    SigninTarget, SrpClient, cognito_timestamp, secret_hash, srp::PRIVATE_VALUE_BYTES,
};

/// Cognito's default sign-in session lifetime.
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(3 * 60);
/// The longest an app client can make it.
pub const MAX_SESSION_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Where a sign-in stands after a step.
#[derive(Debug)]
pub enum Step {
    /// Cognito asks for more.
    Challenge(ChallengeView),
    /// Done: the tokens.
    SignedIn(SignedIn),
}

/// A challenge waiting for its answer.
struct Pending {
    view: ChallengeView,
    session: Option<Zeroizing<String>>,
    expires_at: SystemTime,
    used: bool,
}

/// A sign-in in progress (or finished: then it holds the tokens).
pub struct SigninMachine {
    client: Client,
    target: SigninTarget,
    /// The pool's user name, as Cognito last named it (an alias typed becomes the user name).
    username: String,
    session_lifetime: Duration,
    pending: Option<Pending>,
    signed_in: Option<SignedIn>,
}

impl std::fmt::Debug for SigninMachine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigninMachine")
            .field("pool_id", &self.target.pool_id)
            .field("username", &self.username)
            .field("pending", &self.pending.as_ref().map(|p| &p.view.kind))
            .field("signed_in", &self.signed_in.is_some())
            .finish_non_exhaustive()
    }
}

/// What Cognito answered InitiateAuth or RespondToAuthChallenge with.
pub(crate) struct Reply {
    pub challenge: Option<String>,
    pub session: Option<String>,
    pub parameters: HashMap<String, String>,
    pub tokens: Option<SignedIn>,
}

impl SigninMachine {
    /// Sends the password and returns the first step: a challenge or tokens.
    /// `now` is the app's corrected clock (it signs SRP and dates the session);
    /// `session_lifetime` is the app client's (capped at 15 minutes).
    pub async fn start(
        target: SigninTarget,
        username: &str,
        password: Zeroizing<String>,
        flow: AuthFlow,
        now: SystemTime,
        session_lifetime: Duration,
    ) -> Result<(Self, Step), SigninFailure> {
        let client = user_client(&target)?;
        let mut machine = SigninMachine {
            client,
            target,
            username: username.to_owned(),
            session_lifetime: session_lifetime.min(MAX_SESSION_LIFETIME),
            pending: None,
            signed_in: None,
        };
        let reply = match flow {
            AuthFlow::UserPassword => {
                let mut parameters = machine.with_secret_hash(HashMap::new());
                parameters.insert("PASSWORD".into(), password.as_str().to_owned());
                // The SDK takes owned strings; this copy of the password is not wiped.
                machine
                    .initiate(AuthFlowType::UserPasswordAuth, parameters)
                    .await?
            }
            AuthFlow::UserSrp => machine.srp(&password, now).await?,
        };
        let step = machine.accept(reply, now)?;
        Ok((machine, step))
    }

    /// REFRESH_TOKEN_AUTH: fresh access and id tokens from a kept refresh
    /// token. `username` is needed for SECRET_HASH when the client has a secret.
    pub async fn refresh(
        target: SigninTarget,
        username: &str,
        refresh_token: Zeroizing<String>,
        now: SystemTime,
    ) -> Result<(Self, Step), SigninFailure> {
        let client = user_client(&target)?;
        let mut machine = SigninMachine {
            client,
            target,
            username: username.to_owned(),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            pending: None,
            signed_in: None,
        };
        let mut parameters = machine.with_secret_hash(HashMap::new());
        parameters.insert("REFRESH_TOKEN".into(), refresh_token.as_str().to_owned());
        let mut reply = machine
            .initiate(AuthFlowType::RefreshTokenAuth, parameters)
            .await?;
        reply.tokens = reply.tokens.map(|t| t.or_refresh_token(&refresh_token));
        let step = machine.accept(reply, now)?;
        Ok((machine, step))
    }

    /// Answers the pending challenge.
    pub async fn answer(&mut self, answer: Answer, now: SystemTime) -> Result<Step, SigninFailure> {
        let kind = self
            .pending
            .as_ref()
            .map(|p| p.view.kind.clone())
            .ok_or(SigninFailure::NothingPending)?;
        let mut responses = HashMap::new();
        match (&kind, &answer) {
            (ChallengeKind::NewPasswordRequired, Answer::NewPassword(password)) => {
                responses.insert("NEW_PASSWORD".to_owned(), password.as_str().to_owned());
            }
            (ChallengeKind::SoftwareTokenMfa, Answer::Code(code)) => {
                responses.insert("SOFTWARE_TOKEN_MFA_CODE".to_owned(), code.trim().to_owned());
            }
            (ChallengeKind::SmsMfa, Answer::Code(code)) => {
                responses.insert("SMS_MFA_CODE".to_owned(), code.trim().to_owned());
            }
            (ChallengeKind::EmailOtp, Answer::Code(code)) => {
                responses.insert("EMAIL_OTP_CODE".to_owned(), code.trim().to_owned());
            }
            (
                ChallengeKind::NewPasswordRequired
                | ChallengeKind::SoftwareTokenMfa
                | ChallengeKind::SmsMfa
                | ChallengeKind::EmailOtp,
                _,
            ) => {
                return Err(SigninFailure::WrongAnswer {
                    answer: match answer {
                        Answer::NewPassword(_) => "new password",
                        Answer::Code(_) => "code",
                    },
                    pending: kind.aws_name().to_owned(),
                });
            }
            _ => {
                return Err(SigninFailure::Unsupported {
                    name: kind.aws_name().to_owned(),
                });
            }
        }
        drop(answer);
        let session = self.take_session(&kind, now)?;
        let reply = self.respond(&kind, responses, session).await?;
        self.accept(reply, now)
    }

    /// The pending challenge, if any.
    pub fn pending(&self) -> Option<&ChallengeView> {
        self.pending.as_ref().map(|p| &p.view)
    }

    /// The tokens, once signed in.
    pub fn signed_in(&self) -> Option<&SignedIn> {
        self.signed_in.as_ref()
    }

    /// The access token of a signed-in machine.
    pub fn access_token(&self) -> Option<&str> {
        self.signed_in.as_ref().map(SignedIn::access_token)
    }

    /// The pool's user name (after an alias was resolved).
    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn target(&self) -> &SigninTarget {
        &self.target
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Where calls go, for messages.
    pub(crate) fn target_label(&self) -> String {
        self.target
            .endpoint
            .clone()
            .unwrap_or_else(|| format!("cognito-idp.{}.amazonaws.com", self.target.region))
    }

    /// Takes the pending `kind` challenge's session for one answer: refused
    /// locally when already used or expired at `now`.
    pub(crate) fn take_session(
        &mut self,
        kind: &ChallengeKind,
        now: SystemTime,
    ) -> Result<Option<Zeroizing<String>>, SigninFailure> {
        let pending = self.pending.as_mut().ok_or(SigninFailure::NothingPending)?;
        if pending.view.kind != *kind {
            return Err(SigninFailure::WrongAnswer {
                answer: "answer",
                pending: pending.view.kind.aws_name().to_owned(),
            });
        }
        if pending.used {
            return Err(SigninFailure::SessionUsed);
        }
        if now >= pending.expires_at {
            return Err(SigninFailure::SessionExpired);
        }
        pending.used = true;
        Ok(pending.session.take())
    }

    /// RespondToAuthChallenge for `kind` with `responses` (USERNAME and
    /// SECRET_HASH are added here).
    pub(crate) async fn respond(
        &self,
        kind: &ChallengeKind,
        responses: HashMap<String, String>,
        session: Option<Zeroizing<String>>,
    ) -> Result<Reply, SigninFailure> {
        let mut responses = self.with_secret_hash(responses);
        let out = self
            .client
            .respond_to_auth_challenge()
            .client_id(&self.target.client_id)
            .challenge_name(ChallengeNameType::from(kind.aws_name()))
            .set_challenge_responses(Some(std::mem::take(&mut responses)))
            .set_session(session.as_ref().map(|s| s.as_str().to_owned()))
            .send()
            .await
            .map_err(|e| {
                SigninFailure::from_sdk(e, "RespondToAuthChallenge", &self.target_label())
            })?;
        Ok(Reply {
            challenge: out.challenge_name().map(|c| c.as_str().to_owned()),
            session: out.session().map(str::to_owned),
            parameters: out.challenge_parameters().cloned().unwrap_or_default(),
            tokens: out.authentication_result().and_then(tokens_of),
        })
    }

    /// Records Cognito's reply: a new pending challenge, or the tokens.
    pub(crate) fn accept(&mut self, reply: Reply, now: SystemTime) -> Result<Step, SigninFailure> {
        if let Some(tokens) = reply.tokens {
            self.pending = None;
            self.signed_in = Some(tokens.clone());
            return Ok(Step::SignedIn(tokens));
        }
        let name = reply.challenge.ok_or(SigninFailure::Incomplete {
            what: "a challenge or tokens",
        })?;
        if let Some(username) = reply
            .parameters
            .get("USERNAME")
            .or_else(|| reply.parameters.get("USER_ID_FOR_SRP"))
            .filter(|u| !u.is_empty())
        {
            self.username = username.clone();
        }
        let expires_at = now + self.session_lifetime;
        let view = ChallengeView {
            kind: ChallengeKind::from_aws(&name),
            expires_at_ms: unix_millis(expires_at),
            mfas_can_setup: reply
                .parameters
                .get("MFAS_CAN_SETUP")
                .map(|raw| parse_mfas_can_setup(raw))
                .unwrap_or_default(),
            code_destination: reply.parameters.get("CODE_DELIVERY_DESTINATION").cloned(),
        };
        self.pending = Some(Pending {
            view: view.clone(),
            session: reply.session.map(Zeroizing::new),
            expires_at,
            used: false,
        });
        Ok(Step::Challenge(view))
    }

    /// USERNAME, and SECRET_HASH when the client has a secret.
    fn with_secret_hash(&self, mut parameters: HashMap<String, String>) -> HashMap<String, String> {
        parameters.insert("USERNAME".into(), self.username.clone());
        if let Some(secret) = &self.target.client_secret {
            parameters.insert(
                "SECRET_HASH".into(),
                secret_hash(secret, &self.username, &self.target.client_id),
            );
        }
        parameters
    }

    async fn initiate(
        &self,
        flow: AuthFlowType,
        parameters: HashMap<String, String>,
    ) -> Result<Reply, SigninFailure> {
        let out = self
            .client
            .initiate_auth()
            .client_id(&self.target.client_id)
            .auth_flow(flow)
            .set_auth_parameters(Some(parameters))
            .send()
            .await
            .map_err(|e| SigninFailure::from_sdk(e, "InitiateAuth", &self.target_label()))?;
        Ok(Reply {
            challenge: out.challenge_name().map(|c| c.as_str().to_owned()),
            session: out.session().map(str::to_owned),
            parameters: out.challenge_parameters().cloned().unwrap_or_default(),
            tokens: out.authentication_result().and_then(tokens_of),
        })
    }

    /// USER_SRP_AUTH, answering PASSWORD_VERIFIER at once.
    async fn srp(&mut self, password: &str, now: SystemTime) -> Result<Reply, SigninFailure> {
        let mut private = Zeroizing::new(vec![0u8; PRIVATE_VALUE_BYTES]);
        getrandom::fill(private.as_mut_slice()).map_err(|_| SigninFailure::Random)?;
        let srp = SrpClient::new(&self.target.pool_id, &private)?;
        let mut parameters = self.with_secret_hash(HashMap::new());
        parameters.insert("SRP_A".into(), srp.srp_a_hex());
        let reply = self.initiate(AuthFlowType::UserSrpAuth, parameters).await?;
        if reply.challenge.as_deref() != Some("PASSWORD_VERIFIER") {
            return Ok(reply);
        }
        let field = |name: &'static str| {
            reply
                .parameters
                .get(name)
                .map(String::as_str)
                .ok_or(SigninFailure::Incomplete { what: name })
        };
        let user_id_for_srp = field("USER_ID_FOR_SRP")?.to_owned();
        let secret_block = field("SECRET_BLOCK")?.to_owned();
        let timestamp = cognito_timestamp(now)?;
        let claim = srp.answer(
            &PasswordVerifier {
                user_id_for_srp: &user_id_for_srp,
                salt_hex: field("SALT")?,
                srp_b_hex: field("SRP_B")?,
                secret_block: &secret_block,
            },
            password,
            &timestamp,
        )?;
        // The answer names the user as Cognito does (an alias becomes the user name).
        self.username = user_id_for_srp;
        let mut responses = HashMap::new();
        responses.insert("PASSWORD_CLAIM_SECRET_BLOCK".to_owned(), secret_block);
        responses.insert("PASSWORD_CLAIM_SIGNATURE".to_owned(), claim.signature);
        responses.insert("TIMESTAMP".to_owned(), timestamp);
        self.respond(
            &ChallengeKind::Other("PASSWORD_VERIFIER".into()),
            responses,
            reply.session.map(Zeroizing::new),
        )
        .await
    }
}

/// An SDK client for a user's own calls: no AWS credentials (these operations
/// are unsigned), the target's region and endpoint.
pub(crate) fn user_client(target: &SigninTarget) -> Result<Client, SigninFailure> {
    let endpoint =
        crate::connection::optional_endpoint(target.endpoint.as_deref()).map_err(|_| {
            SigninFailure::InvalidEndpoint {
                endpoint: target.endpoint.clone().unwrap_or_default(),
            }
        })?;
    let mut builder = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(target.region.trim().to_owned()))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(Duration::from_secs(30))
                .build(),
        );
    if let Some(endpoint) = endpoint {
        builder = builder.endpoint_url(endpoint);
    }
    Ok(Client::from_conf(builder.build()))
}

pub(crate) fn tokens_of(
    result: &aws_sdk_cognitoidentityprovider::types::AuthenticationResultType,
) -> Option<SignedIn> {
    Some(SignedIn::new(
        result.access_token()?.to_owned(),
        result.id_token().map(str::to_owned),
        result.refresh_token().map(str::to_owned),
        result.expires_in(),
    ))
}

fn unix_millis(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}
