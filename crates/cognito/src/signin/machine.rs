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

use super::challenge::{SUPPORTED_CHOICES, WEB_AUTHN, parse_mfas_can_setup};
use super::{
    Answer, AuthFlow, ChallengeKind, ChallengeView, ClockReading, PasswordVerifier, SignedIn,
    SigninFailure, SigninTarget, SrpClient, cognito_timestamp, secret_hash,
    srp::PRIVATE_VALUE_BYTES,
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
    /// The name typed at the start: failures are counted under it.
    login: String,
    session_lifetime: Duration,
    pending: Option<Pending>,
    signed_in: Option<SignedIn>,
    /// The password, kept only while a step may still need it: a
    /// SELECT_CHALLENGE not yet answered, or an SRP proof not yet sent.
    password: Option<Zeroizing<String>>,
    /// The SRP attempt whose PASSWORD_VERIFIER challenge is awaited.
    srp: Option<SrpClient>,
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
    /// USER_AUTH's first factors (`AvailableChallenges`).
    pub available: Vec<String>,
    pub tokens: Option<SignedIn>,
}

const PASSWORD_VERIFIER: &str = "PASSWORD_VERIFIER";

impl SigninMachine {
    fn new(
        target: SigninTarget,
        username: &str,
        password: Option<Zeroizing<String>>,
        session_lifetime: Duration,
    ) -> Result<Self, SigninFailure> {
        Ok(SigninMachine {
            client: user_client(&target)?,
            target,
            username: username.to_owned(),
            login: username.to_owned(),
            session_lifetime: session_lifetime.min(MAX_SESSION_LIFETIME),
            pending: None,
            signed_in: None,
            password,
            srp: None,
        })
    }

    /// Sends the password and returns the first step: a challenge or tokens.
    /// `now` is the app's corrected clock (it signs SRP and dates the session);
    /// `session_lifetime` is the app client's (capped at 15 minutes). With
    /// [`AuthFlow::UserAuth`] the password is kept until a first factor is
    /// chosen (see [`Self::start_user_auth`] to name a preferred one).
    pub async fn start(
        target: SigninTarget,
        username: &str,
        password: Zeroizing<String>,
        flow: AuthFlow,
        now: SystemTime,
        session_lifetime: Duration,
    ) -> Result<(Self, Step), SigninFailure> {
        if flow == AuthFlow::UserAuth {
            return Self::start_user_auth(target, username, password, None, now, session_lifetime)
                .await;
        }
        let mut machine = Self::new(target, username, Some(password), session_lifetime)?;
        let mut parameters = machine.with_secret_hash(HashMap::new());
        let reply = match flow {
            AuthFlow::UserPassword => {
                // The SDK takes owned strings; this copy of the password is not wiped.
                parameters.insert("PASSWORD".into(), machine.password()?.to_owned());
                machine
                    .initiate(AuthFlowType::UserPasswordAuth, parameters)
                    .await?
            }
            AuthFlow::UserSrp | AuthFlow::UserAuth => {
                parameters.insert("SRP_A".into(), machine.begin_srp()?);
                machine
                    .initiate(AuthFlowType::UserSrpAuth, parameters)
                    .await?
            }
        };
        let reply = machine.prove_password_if_asked(reply, now).await?;
        let step = machine.accept(reply, now)?;
        Ok((machine, step))
    }

    /// USER_AUTH, the choice-based flow: Cognito answers SELECT_CHALLENGE with
    /// the first factors the user may choose (answer with [`Answer::Choose`]),
    /// or, given a `preferred` factor it allows, goes straight to it
    /// (`PASSWORD` and `PASSWORD_SRP` then prove `password` at once). An
    /// empty `password` is fine when only a one-time code will be chosen.
    pub async fn start_user_auth(
        target: SigninTarget,
        username: &str,
        password: Zeroizing<String>,
        preferred: Option<&str>,
        now: SystemTime,
        session_lifetime: Duration,
    ) -> Result<(Self, Step), SigninFailure> {
        let mut machine = Self::new(target, username, Some(password), session_lifetime)?;
        let mut parameters = machine.with_secret_hash(HashMap::new());
        if let Some(preferred) = preferred.map(str::trim).filter(|p| !p.is_empty()) {
            let responses = machine.first_factor(preferred, &[])?;
            parameters.insert("PREFERRED_CHALLENGE".into(), preferred.to_owned());
            // The factor's own fields (PASSWORD or SRP_A), not its ANSWER.
            parameters.extend(responses.into_iter().filter(|(key, _)| key != "ANSWER"));
        }
        let reply = machine.initiate(AuthFlowType::UserAuth, parameters).await?;
        let reply = machine.prove_password_if_asked(reply, now).await?;
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
        let mut machine = Self::new(target, username, None, DEFAULT_SESSION_LIFETIME)?;
        let mut parameters = machine.with_secret_hash(HashMap::new());
        parameters.insert("REFRESH_TOKEN".into(), refresh_token.as_str().to_owned());
        let mut reply = machine
            .initiate(AuthFlowType::RefreshTokenAuth, parameters)
            .await?;
        reply.tokens = reply.tokens.map(|t| t.or_refresh_token(&refresh_token));
        let step = machine.accept(reply, now)?;
        Ok((machine, step))
    }

    /// Answers the pending challenge at `at`: the corrected time, or a
    /// [`ClockReading`] with the measured offset, which a refused
    /// authenticator code then carries ([`SigninFailure::clock_check`]).
    /// Nothing is sent, and the session stays usable, when the answer does
    /// not fit the challenge.
    pub async fn answer(
        &mut self,
        answer: Answer,
        at: impl Into<ClockReading>,
    ) -> Result<Step, SigninFailure> {
        let reading = at.into();
        let now = reading.now;
        let (kind, offered) = self
            .pending
            .as_ref()
            .map(|p| (p.view.kind.clone(), p.view.available_challenges.clone()))
            .ok_or(SigninFailure::NothingPending)?;
        let code_key = match kind {
            ChallengeKind::SoftwareTokenMfa => Some("SOFTWARE_TOKEN_MFA_CODE"),
            ChallengeKind::SmsMfa => Some("SMS_MFA_CODE"),
            ChallengeKind::EmailOtp => Some("EMAIL_OTP_CODE"),
            ChallengeKind::SmsOtp => Some("SMS_OTP_CODE"),
            _ => None,
        };
        let responses = match (&kind, &answer, code_key) {
            (ChallengeKind::NewPasswordRequired, Answer::NewPassword(password), _) => {
                HashMap::from([("NEW_PASSWORD".to_owned(), password.as_str().to_owned())])
            }
            (_, Answer::Code(code), Some(key)) => {
                HashMap::from([(key.to_owned(), code.trim().to_owned())])
            }
            (ChallengeKind::SelectChallenge, Answer::Choose(choice), _) => {
                self.first_factor(choice, &offered)?
            }
            (ChallengeKind::SelectMfaType, Answer::Choose(choice), _) => {
                mfa_type(choice, &offered)?
            }
            (
                ChallengeKind::NewPasswordRequired
                | ChallengeKind::SelectChallenge
                | ChallengeKind::SelectMfaType,
                _,
                _,
            )
            | (_, _, Some(_)) => {
                return Err(SigninFailure::WrongAnswer {
                    answer: answer.label(),
                    pending: kind.aws_name().to_owned(),
                });
            }
            _ => {
                return Err(SigninFailure::Unsupported {
                    name: kind.aws_name().to_owned(),
                });
            }
        };
        drop(answer);
        let session = self.take_session(&kind, now)?;
        let reply = match self.respond(&kind, responses, session).await {
            Err(failure) if kind == ChallengeKind::SoftwareTokenMfa => {
                return Err(failure.with_clock(reading.check()));
            }
            other => other?,
        };
        let reply = self.prove_password_if_asked(reply, now).await?;
        self.accept(reply, now)
    }

    /// The ChallengeResponses choosing `choice` as the first factor (with the
    /// factor's own fields); refused locally when not `offered` (if Cognito
    /// listed any), for passkeys, and for a password factor without a password.
    fn first_factor(
        &mut self,
        choice: &str,
        offered: &[String],
    ) -> Result<HashMap<String, String>, SigninFailure> {
        let choice = choice.trim();
        if !offered.is_empty() && !offered.iter().any(|o| o == choice) {
            return Err(SigninFailure::NotOffered {
                choice: choice.to_owned(),
                offered: offered.to_vec(),
            });
        }
        let mut responses = HashMap::from([("ANSWER".to_owned(), choice.to_owned())]);
        match choice {
            "PASSWORD" => {
                responses.insert("PASSWORD".to_owned(), self.password()?.to_owned());
            }
            "PASSWORD_SRP" => {
                self.password()?;
                responses.insert("SRP_A".to_owned(), self.begin_srp()?);
            }
            "EMAIL_OTP" | "SMS_OTP" => {}
            WEB_AUTHN => return Err(SigninFailure::PasskeyUnsupported),
            other => {
                return Err(SigninFailure::NotOffered {
                    choice: other.to_owned(),
                    offered: SUPPORTED_CHOICES[..4]
                        .iter()
                        .map(|c| (*c).to_owned())
                        .collect(),
                });
            }
        }
        Ok(responses)
    }

    /// The password given at the start, if a step still may use it.
    fn password(&self) -> Result<&str, SigninFailure> {
        self.password
            .as_deref()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .ok_or(SigninFailure::PasswordMissing)
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

    /// The name typed at the start (the lock-out is counted under it).
    pub fn login(&self) -> &str {
        &self.login
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
            available: out
                .available_challenges()
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            tokens: out.authentication_result().and_then(tokens_of),
        })
    }

    /// Records Cognito's reply: a new pending challenge, or the tokens.
    pub(crate) fn accept(&mut self, reply: Reply, now: SystemTime) -> Result<Step, SigninFailure> {
        if let Some(tokens) = reply.tokens {
            self.password = None;
            self.srp = None;
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
        let kind = ChallengeKind::from_aws(&name);
        if kind != ChallengeKind::SelectChallenge {
            // The password is proved (or was not the factor chosen): forget it.
            self.password = None;
        }
        self.srp = None;
        let available_challenges = match kind {
            ChallengeKind::SelectChallenge => reply.available,
            ChallengeKind::SelectMfaType => reply
                .parameters
                .get("MFAS_CAN_CHOOSE")
                .map(|raw| parse_mfas_can_setup(raw))
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let unsupported_challenges = available_challenges
            .iter()
            .filter(|c| !SUPPORTED_CHOICES.contains(&c.as_str()))
            .cloned()
            .collect();
        let view = ChallengeView {
            kind,
            expires_at_ms: unix_millis(expires_at),
            mfas_can_setup: reply
                .parameters
                .get("MFAS_CAN_SETUP")
                .map(|raw| parse_mfas_can_setup(raw))
                .unwrap_or_default(),
            code_destination: reply.parameters.get("CODE_DELIVERY_DESTINATION").cloned(),
            available_challenges,
            unsupported_challenges,
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
            available: out
                .available_challenges()
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            tokens: out.authentication_result().and_then(tokens_of),
        })
    }

    /// Starts an SRP attempt: draws `a`, keeps the attempt, returns SRP_A.
    fn begin_srp(&mut self) -> Result<String, SigninFailure> {
        let mut private = Zeroizing::new(vec![0u8; PRIVATE_VALUE_BYTES]);
        getrandom::fill(private.as_mut_slice()).map_err(|_| SigninFailure::Random)?;
        let srp = SrpClient::new(&self.target.pool_id, &private)?;
        let srp_a = srp.srp_a_hex();
        self.srp = Some(srp);
        Ok(srp_a)
    }

    /// Answers a PASSWORD_VERIFIER challenge at once with the SRP proof (the
    /// person has nothing to add); any other reply is returned as is.
    async fn prove_password_if_asked(
        &mut self,
        reply: Reply,
        now: SystemTime,
    ) -> Result<Reply, SigninFailure> {
        if reply.challenge.as_deref() != Some(PASSWORD_VERIFIER) {
            return Ok(reply);
        }
        let srp = self.srp.take().ok_or(SigninFailure::Unsupported {
            name: PASSWORD_VERIFIER.to_owned(),
        })?;
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
            self.password()?,
            &timestamp,
        )?;
        // The answer names the user as Cognito does (an alias becomes the user name).
        self.username = user_id_for_srp;
        let responses = HashMap::from([
            ("PASSWORD_CLAIM_SECRET_BLOCK".to_owned(), secret_block),
            ("PASSWORD_CLAIM_SIGNATURE".to_owned(), claim.signature),
            ("TIMESTAMP".to_owned(), timestamp),
        ]);
        self.respond(
            &ChallengeKind::Other(PASSWORD_VERIFIER.into()),
            responses,
            reply.session.map(Zeroizing::new),
        )
        .await
    }
}

/// The ChallengeResponses choosing `choice` for SELECT_MFA_TYPE.
fn mfa_type(choice: &str, offered: &[String]) -> Result<HashMap<String, String>, SigninFailure> {
    let choice = choice.trim();
    let known = matches!(choice, "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP");
    if !known || (!offered.is_empty() && !offered.iter().any(|o| o == choice)) {
        return Err(SigninFailure::NotOffered {
            choice: choice.to_owned(),
            offered: offered.to_vec(),
        });
    }
    Ok(HashMap::from([("ANSWER".to_owned(), choice.to_owned())]))
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
