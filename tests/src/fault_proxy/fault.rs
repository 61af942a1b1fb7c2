//! What the proxy injects: a rule matching an operation, and the AWS JSON error it answers.

/// The `X-Amz-Target` prefix of every Cognito user pools operation.
pub const COGNITO_TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// When a matching request gets the error instead of reaching the upstream server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Every matching request.
    Always,
    /// The first `n` matching requests, then none.
    FirstN(u64),
    /// The `n`-th, `2n`-th, ... matching request (1-based).
    EveryNth(u64),
    /// A share of matching requests drawn from a seeded generator, so a run is repeatable
    /// for a given order of requests.
    Ratio { ratio: f64, seed: u64 },
}

/// One injection rule: an operation (and optionally a body substring) answered with an AWS
/// JSON error (`{"__type": ..., "message": ...}`, `x-amzn-errortype`, HTTP status).
#[derive(Debug, Clone)]
pub struct Fault {
    pub(crate) target: String,
    pub(crate) body_contains: Option<String>,
    pub(crate) error_type: String,
    pub(crate) message: String,
    pub(crate) status: u16,
    pub(crate) mode: Mode,
    /// A canned success body (HTTP 200) instead of an error, for AWS behaviours moto lacks
    /// entirely (USER_AUTH, a well-formed SRP challenge).
    pub(crate) reply: Option<String>,
}

impl Fault {
    /// A Cognito user pools error for `operation` (`"SetUserPoolMfaConfig"`), answered on every
    /// call until a mode is chosen. The HTTP status follows AWS's documentation for the code
    /// ([`status_for`]); change it with [`Fault::status`].
    pub fn cognito(operation: &str, error_type: &str, message: &str) -> Self {
        Self::for_target(
            &format!("{COGNITO_TARGET_PREFIX}{operation}"),
            error_type,
            message,
        )
    }

    /// Same as [`Fault::cognito`] for any JSON-protocol service: `target` is the whole
    /// `X-Amz-Target` value.
    pub fn for_target(target: &str, error_type: &str, message: &str) -> Self {
        Self {
            target: target.to_owned(),
            body_contains: None,
            error_type: error_type.to_owned(),
            message: message.to_owned(),
            status: status_for(error_type),
            mode: Mode::Always,
            reply: None,
        }
    }

    /// A canned success for `operation`: HTTP 200 with `body` as AWS's JSON protocol sends it
    /// (`Content-Type: application/x-amz-json-1.1`), so the SDK parses it as Cognito's answer.
    pub fn cognito_reply(operation: &str, body: &serde_json::Value) -> Self {
        Self {
            reply: Some(body.to_string()),
            status: 200,
            ..Self::cognito(operation, "", "")
        }
    }

    /// Only requests whose body contains `text` (e.g. a user name or `"SmsMfaConfiguration"`).
    pub fn when_body_contains(mut self, text: &str) -> Self {
        self.body_contains = Some(text.to_owned());
        self
    }

    /// Override the HTTP status.
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Every matching request (the default).
    pub fn always(mut self) -> Self {
        self.mode = Mode::Always;
        self
    }

    /// The first `n` matching requests only (then they pass through).
    pub fn times(mut self, n: u64) -> Self {
        self.mode = Mode::FirstN(n);
        self
    }

    /// Every `n`-th matching request (`n` ≥ 1; 1 means every request).
    pub fn every(mut self, n: u64) -> Self {
        self.mode = Mode::EveryNth(n.max(1));
        self
    }

    /// A share `ratio` (0.0–1.0) of matching requests, drawn from a generator seeded by `seed`.
    pub fn ratio(mut self, ratio: f64, seed: u64) -> Self {
        self.mode = Mode::Ratio {
            ratio: ratio.clamp(0.0, 1.0),
            seed,
        };
        self
    }

    /// The operation name (`X-Amz-Target` after the last dot).
    pub fn operation(&self) -> &str {
        operation_of(&self.target)
    }

    /// The JSON body AWS's JSON protocols send for an error.
    pub(crate) fn body(&self) -> Vec<u8> {
        if let Some(reply) = &self.reply {
            return reply.clone().into_bytes();
        }
        serde_json::json!({ "__type": self.error_type, "message": self.message })
            .to_string()
            .into_bytes()
    }

    pub(crate) fn matches(&self, target: &str, body: &[u8]) -> bool {
        target == self.target
            && self.body_contains.as_ref().is_none_or(|needle| {
                body.windows(needle.len().max(1))
                    .any(|w| w == needle.as_bytes())
            })
    }
}

/// The HTTP status AWS documents for an error code: 500 for internal errors, 503 for
/// unavailability, 403 for requests AWS does not recognise or forbids outright
/// (`UnrecognizedClientException`, `InvalidClientTokenId`, `MissingAuthenticationToken`,
/// Cognito's `ForbiddenException` from AWS WAF), 400 for every other client error
/// (including `AccessDeniedException`, `NotAuthorizedException` and throttling, which AWS
/// sends as 400).
pub fn status_for(error_type: &str) -> u16 {
    match error_type {
        "InternalErrorException" | "InternalFailure" | "InternalServerError" => 500,
        "ServiceUnavailable" | "ServiceUnavailableException" => 503,
        "UnrecognizedClientException"
        | "InvalidClientTokenId"
        | "MissingAuthenticationToken"
        | "ForbiddenException" => 403,
        _ => 400,
    }
}

/// `AWSCognitoIdentityProviderService.ListUsers` → `ListUsers`.
pub fn operation_of(target: &str) -> &str {
    target.rsplit_once('.').map_or(target, |(_, op)| op)
}

/// A rule with its match counter and random generator.
#[derive(Debug)]
pub(crate) struct ActiveFault {
    pub(crate) fault: Fault,
    matched: u64,
    rng: SplitMix64,
}

impl ActiveFault {
    pub(crate) fn new(fault: Fault) -> Self {
        let seed = match fault.mode {
            Mode::Ratio { seed, .. } => seed,
            _ => 0,
        };
        Self {
            fault,
            matched: 0,
            rng: SplitMix64(seed),
        }
    }

    /// Counts a matching request and says whether it gets the error.
    pub(crate) fn fires(&mut self) -> bool {
        self.matched += 1;
        match self.fault.mode {
            Mode::Always => true,
            Mode::FirstN(n) => self.matched <= n,
            Mode::EveryNth(n) => self.matched.is_multiple_of(n),
            Mode::Ratio { ratio, .. } => self.rng.next_unit() < ratio,
        }
    }
}

/// SplitMix64: a tiny, well-distributed generator; enough for choosing which calls fail.
#[derive(Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(fault: Fault, calls: usize) -> Vec<bool> {
        let mut active = ActiveFault::new(fault);
        (0..calls).map(|_| active.fires()).collect()
    }

    #[test]
    fn modes_choose_the_documented_calls() {
        let f = || Fault::cognito("ListUsers", "TooManyRequestsException", "slow down");
        assert_eq!(fired(f(), 3), [true, true, true]);
        assert_eq!(fired(f().times(2), 4), [true, true, false, false]);
        assert_eq!(
            fired(f().every(3), 6),
            [false, false, true, false, false, true]
        );
        let a = fired(f().ratio(0.25, 7), 2000);
        assert_eq!(a, fired(f().ratio(0.25, 7), 2000), "same seed, same draws");
        assert_ne!(
            a,
            fired(f().ratio(0.25, 8), 2000),
            "another seed, other draws"
        );
        let share = a.iter().filter(|x| **x).count();
        assert!((400..600).contains(&share), "{share} of 2000 at 25%");
        assert!(fired(f().ratio(0.0, 1), 100).iter().all(|x| !x));
        assert!(fired(f().ratio(1.0, 1), 100).iter().all(|x| *x));
    }

    #[test]
    fn statuses_follow_aws() {
        assert_eq!(status_for("InternalErrorException"), 500);
        assert_eq!(status_for("UnrecognizedClientException"), 403);
        assert_eq!(status_for("NotAuthorizedException"), 400);
        assert_eq!(status_for("AccessDeniedException"), 400);
        assert_eq!(
            Fault::cognito("X", "InternalErrorException", "m").status,
            500
        );
    }

    #[test]
    fn matching_needs_the_operation_and_the_body_text() {
        let fault = Fault::cognito("AdminGetUser", "UserNotFoundException", "gone")
            .when_body_contains("\"alice\"");
        let target = "AWSCognitoIdentityProviderService.AdminGetUser";
        assert!(fault.matches(target, br#"{"Username":"alice"}"#));
        assert!(!fault.matches(target, br#"{"Username":"bob"}"#));
        assert!(!fault.matches(
            "AWSCognitoIdentityProviderService.AdminGetUserX",
            br#"{"Username":"alice"}"#
        ));
        assert_eq!(fault.operation(), "AdminGetUser");
        let body: serde_json::Value = serde_json::from_slice(&fault.body()).expect("json");
        assert_eq!(body["__type"], "UserNotFoundException");
        assert_eq!(body["message"], "gone");
    }

    #[test]
    fn a_canned_reply_is_a_200_with_its_body() {
        let reply = Fault::cognito_reply(
            "InitiateAuth",
            &serde_json::json!({ "ChallengeName": "SELECT_CHALLENGE" }),
        );
        assert_eq!(reply.status, 200);
        assert_eq!(reply.operation(), "InitiateAuth");
        let body: serde_json::Value = serde_json::from_slice(&reply.body()).expect("json");
        assert_eq!(body["ChallengeName"], "SELECT_CHALLENGE");
    }
}
