//! What one catalogue entry says about a Cognito error.

use kairos_core::Locale;
use serde::Serialize;

/// A text in every language Kairos speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Text {
    pub fn get(&self, locale: Locale) -> &'static str {
        locale.pick(self.en, self.fr)
    }
}

/// Shorthand for the catalogue's tables.
pub(crate) const fn t(en: &'static str, fr: &'static str) -> Text {
    Text { en, fr }
}

/// The groups the Troubleshoot page shows the catalogue in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// SMS as an MFA factor: the IAM role Cognito uses to send through SNS.
    Sms,
    /// Authenticator apps (TOTP): enrolment and preferences.
    Totp,
    /// Sign-in sessions and tokens.
    Session,
    /// Passwords, codes and user states met while signing in.
    SignIn,
    /// Credentials and permissions of the caller.
    Access,
    /// Request rates and quotas.
    Limits,
    /// Pools, users and settings that do not exist or do not fit.
    Configuration,
    /// Failures on AWS's side or between Kairos and AWS.
    Service,
}

impl Theme {
    pub const ALL: [Theme; 8] = [
        Theme::Sms,
        Theme::Totp,
        Theme::Session,
        Theme::SignIn,
        Theme::Access,
        Theme::Limits,
        Theme::Configuration,
        Theme::Service,
    ];
}

/// One error Cognito (or AWS in front of it) can answer, with what causes it and what to do.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Stable identifier (`session-expired`): links, `kairos explain`, tests.
    pub id: &'static str,
    /// AWS's error code (`NotAuthorizedException`); several entries may share one.
    pub code: &'static str,
    pub theme: Theme,
    /// Lower-case fragments of AWS's message that single this entry out among those with the
    /// same code; empty for the code's general entry.
    #[serde(skip)]
    pub patterns: &'static [&'static str],
    /// API operations known to return it.
    pub operations: &'static [&'static str],
    /// The case's number in the troubleshooting reference Kairos follows (see the README).
    pub seed_case: Option<u8>,
    pub title: Text,
    pub cause: Text,
    pub fix: Text,
}

impl Entry {
    /// Whether AWS's `message` names this case (always false for a general entry).
    pub(crate) fn message_matches(&self, lowered_message: &str) -> bool {
        self.patterns.iter().any(|p| lowered_message.contains(p))
    }

    pub fn is_general(&self) -> bool {
        self.patterns.is_empty()
    }
}
