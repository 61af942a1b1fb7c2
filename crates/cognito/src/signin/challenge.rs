//! The challenges Cognito can answer a sign-in step with, as shown to people.

use serde::Serialize;
use zeroize::Zeroizing;

/// Which challenge Cognito asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "name", content = "raw")]
pub enum ChallengeKind {
    /// The user has a temporary password and must choose a new one.
    NewPasswordRequired,
    /// The pool requires MFA and the user has none yet: enrol an authenticator.
    MfaSetup,
    /// A code from the user's authenticator app.
    SoftwareTokenMfa,
    /// A code sent by SMS.
    SmsMfa,
    /// A code sent by email.
    EmailOtp,
    /// A one-time code sent by SMS as a first factor (USER_AUTH).
    SmsOtp,
    /// The user has several MFA methods and must pick one.
    SelectMfaType,
    /// Choice-based sign-in: the user picks a first factor.
    SelectChallenge,
    /// A challenge Kairos does not handle, with Cognito's name for it.
    Other(String),
}

impl ChallengeKind {
    /// The kind for Cognito's `ChallengeName`.
    pub fn from_aws(name: &str) -> Self {
        match name {
            "NEW_PASSWORD_REQUIRED" => ChallengeKind::NewPasswordRequired,
            "MFA_SETUP" => ChallengeKind::MfaSetup,
            "SOFTWARE_TOKEN_MFA" => ChallengeKind::SoftwareTokenMfa,
            "SMS_MFA" => ChallengeKind::SmsMfa,
            "EMAIL_OTP" => ChallengeKind::EmailOtp,
            "SMS_OTP" => ChallengeKind::SmsOtp,
            "SELECT_MFA_TYPE" => ChallengeKind::SelectMfaType,
            "SELECT_CHALLENGE" => ChallengeKind::SelectChallenge,
            other => ChallengeKind::Other(other.to_owned()),
        }
    }

    /// Cognito's `ChallengeName`.
    pub fn aws_name(&self) -> &str {
        match self {
            ChallengeKind::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            ChallengeKind::MfaSetup => "MFA_SETUP",
            ChallengeKind::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            ChallengeKind::SmsMfa => "SMS_MFA",
            ChallengeKind::EmailOtp => "EMAIL_OTP",
            ChallengeKind::SmsOtp => "SMS_OTP",
            ChallengeKind::SelectMfaType => "SELECT_MFA_TYPE",
            ChallengeKind::SelectChallenge => "SELECT_CHALLENGE",
            ChallengeKind::Other(name) => name,
        }
    }
}

/// A pending challenge, safe to send to the window (no session, no secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeView {
    pub kind: ChallengeKind,
    /// Unix milliseconds after which the session is refused locally (sign in again).
    pub expires_at_ms: u64,
    /// For MFA_SETUP: the factors the pool lets the user set up.
    pub mfas_can_setup: Vec<String>,
    /// For SMS/email codes: where Cognito sent it, masked by Cognito.
    pub code_destination: Option<String>,
    /// What the person may choose, Cognito's names: for SELECT_CHALLENGE the
    /// first factors (`PASSWORD`, `PASSWORD_SRP`, `EMAIL_OTP`, `SMS_OTP`,
    /// `WEB_AUTHN`), for SELECT_MFA_TYPE the MFA types (`SMS_MFA`,
    /// `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`). Empty for other challenges.
    pub available_challenges: Vec<String>,
    /// Those of `available_challenges` this client cannot answer (shown, not
    /// offered): `WEB_AUTHN`, since the desktop web view has no bridge to the
    /// platform authenticator, and any name Kairos does not know.
    pub unsupported_challenges: Vec<String>,
}

/// First factors of SELECT_CHALLENGE and MFA types of SELECT_MFA_TYPE that
/// Kairos can answer.
pub const SUPPORTED_CHOICES: [&str; 6] = [
    "PASSWORD",
    "PASSWORD_SRP",
    "EMAIL_OTP",
    "SMS_OTP",
    "SMS_MFA",
    "SOFTWARE_TOKEN_MFA",
];

/// The passkey factor: listed by Cognito, refused by this client.
pub const WEB_AUTHN: &str = "WEB_AUTHN";

/// What the person answered.
pub enum Answer {
    /// For NEW_PASSWORD_REQUIRED.
    NewPassword(Zeroizing<String>),
    /// For SOFTWARE_TOKEN_MFA (and other code challenges).
    Code(Zeroizing<String>),
    /// For SELECT_CHALLENGE (a first factor) and SELECT_MFA_TYPE (an MFA
    /// type): one of the view's `available_challenges`, Cognito's name.
    Choose(String),
}

impl Answer {
    /// What the answer is, for messages.
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Answer::NewPassword(_) => "new password",
            Answer::Code(_) => "code",
            Answer::Choose(_) => "choice",
        }
    }
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::NewPassword(_) => f.write_str("Answer::NewPassword(<redacted>)"),
            Answer::Code(_) => f.write_str("Answer::Code(<redacted>)"),
            Answer::Choose(choice) => write!(f, "Answer::Choose({choice:?})"),
        }
    }
}

/// `MFAS_CAN_SETUP` as Cognito sends it, a JSON array in a string
/// (`["SOFTWARE_TOKEN_MFA"]`), or as moto sends it, a Python list's repr
/// (`['SOFTWARE_TOKEN_MFA']`). Anything unreadable gives an empty list.
pub fn parse_mfas_can_setup(raw: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(raw) {
        return list;
    }
    let inner = raw.trim().trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .map(|item| item.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        .filter(|item| {
            !item.is_empty()
                && item
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mfas_can_setup_reads_json_and_python_repr() {
        assert_eq!(
            parse_mfas_can_setup(r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#),
            ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
        );
        assert_eq!(
            parse_mfas_can_setup("['SOFTWARE_TOKEN_MFA']"),
            ["SOFTWARE_TOKEN_MFA"]
        );
        assert_eq!(
            parse_mfas_can_setup("['SOFTWARE_TOKEN_MFA', 'SMS_MFA']"),
            ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
        );
        assert!(parse_mfas_can_setup("[]").is_empty());
        assert!(parse_mfas_can_setup("<html>").is_empty());
    }

    #[test]
    fn challenge_names_round_trip() {
        for name in [
            "NEW_PASSWORD_REQUIRED",
            "MFA_SETUP",
            "SOFTWARE_TOKEN_MFA",
            "SMS_OTP",
            "SELECT_CHALLENGE",
            "CUSTOM_CHALLENGE",
        ] {
            assert_eq!(ChallengeKind::from_aws(name).aws_name(), name);
        }
    }
}
