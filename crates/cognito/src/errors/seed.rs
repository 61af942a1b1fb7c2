//! The cases of the troubleshooting reference Kairos follows (AWS's page on Cognito MFA errors,
//! plus the password lock-out of its sign-in page), with the code and a message AWS answers for
//! each and the catalogue entry explaining it. Tests produce each one; the README lists them.

/// One case of the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedCase {
    pub number: u8,
    /// AWS's error code.
    pub code: &'static str,
    /// A message AWS returns for the case (moto's differs for cases 8 and 9).
    pub message: &'static str,
    /// The catalogue entry explaining it.
    pub entry_id: &'static str,
}

pub const SEED_CASES: [SeedCase; 13] = [
    SeedCase {
        number: 1,
        code: "InvalidSmsRoleAccessPolicyException",
        message: "Role does not have permission to publish with SNS",
        entry_id: "sms-role-access-policy",
    },
    SeedCase {
        number: 2,
        code: "InvalidSmsRoleTrustRelationshipException",
        message: "Role does not have a trust relationship allowing Cognito to assume the role",
        entry_id: "sms-role-trust",
    },
    SeedCase {
        number: 3,
        code: "InvalidParameterException",
        message: "SmsConfiguration is required when SMS MFA is enabled in SmsMfaConfiguration",
        entry_id: "sms-mfa-config-invalid",
    },
    SeedCase {
        number: 4,
        code: "NotAuthorizedException",
        message: "Access Token does not have required scopes",
        entry_id: "token-missing-admin-scope",
    },
    SeedCase {
        number: 5,
        code: "NotAuthorizedException",
        message: "Invalid session for the user, session can only be used once.",
        entry_id: "session-used-twice",
    },
    SeedCase {
        number: 6,
        code: "NotAuthorizedException",
        message: "Invalid session for the user, session is expired.",
        entry_id: "session-expired",
    },
    SeedCase {
        number: 7,
        code: "CodeMismatchException",
        message: "Invalid code or auth state for the user.",
        entry_id: "code-mismatch-call-order",
    },
    SeedCase {
        number: 8,
        code: "CodeMismatchException",
        message: "MFA Code Mismatch",
        entry_id: "code-mismatch-clock-skew",
    },
    SeedCase {
        number: 9,
        code: "InvalidParameterException",
        message: "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
        entry_id: "totp-not-verified",
    },
    SeedCase {
        number: 10,
        code: "NotAuthorizedException",
        message: "Invalid session for the user.",
        entry_id: "session-invalid",
    },
    SeedCase {
        number: 11,
        code: "EnableSoftwareTokenMFAException",
        message: "Code mismatch and fail enable Software Token MFA",
        entry_id: "totp-enrol-code-mismatch",
    },
    SeedCase {
        number: 12,
        code: "SoftwareTokenMFANotFoundException",
        message: "Software Token MFA has not been enabled by the userPool.",
        entry_id: "totp-disabled-in-pool",
    },
    SeedCase {
        number: 13,
        code: "NotAuthorizedException",
        message: "Password attempts exceeded",
        entry_id: "password-attempts-exceeded",
    },
];

/// The case numbered `number` (1 to 13).
pub fn seed_case(number: u8) -> Option<&'static SeedCase> {
    SEED_CASES.iter().find(|c| c.number == number)
}
