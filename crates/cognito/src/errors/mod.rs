//! The error catalogue: every Cognito error Kairos's calls can meet, with its cause and fix in
//! English and French, found by AWS code and message ([`lookup`]) or in pasted text
//! ([`explain`]).
//!
//! Several cases share one AWS code (four `NotAuthorizedException` sign-in session cases, the
//! `InvalidParameterException` variants, `CodeMismatchException`); fragments of AWS's message
//! tell them apart.

mod catalogue;
mod entry;
pub mod lockout;
mod matching;
mod no_match;
mod seed;

use std::sync::LazyLock;

pub use entry::{Entry, Text, Theme};
pub use lockout::lockout_after;
pub use matching::{explain, lookup};
pub use no_match::{NoExplanation, explain_or_error};
pub use seed::{SEED_CASES, SeedCase, seed_case};

static ALL: LazyLock<Vec<&'static Entry>> =
    LazyLock::new(|| catalogue::TABLES.iter().flat_map(|t| t.iter()).collect());

/// Every entry, grouped by theme in the catalogue's order.
pub fn all() -> &'static [&'static Entry] {
    &ALL
}

/// The entry with this stable id.
pub fn by_id(id: &str) -> Option<&'static Entry> {
    all().iter().copied().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use kairos_core::Locale;

    use super::*;

    #[test]
    fn every_entry_has_an_id_and_text_in_each_language() {
        let mut ids = HashSet::new();
        for entry in all() {
            assert!(ids.insert(entry.id), "duplicate id {}", entry.id);
            assert!(
                entry
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "id {} is not kebab-case",
                entry.id
            );
            assert!(
                !entry.code.is_empty() && !entry.operations.is_empty(),
                "{}",
                entry.id
            );
            for text in [entry.title, entry.cause, entry.fix] {
                for locale in Locale::ALL {
                    assert!(
                        !text.get(locale).trim().is_empty(),
                        "{} {locale:?}",
                        entry.id
                    );
                }
                assert_ne!(
                    text.en, text.fr,
                    "{}: French text is the English one",
                    entry.id
                );
            }
            assert!(
                entry.patterns.iter().all(|p| *p == p.to_lowercase()),
                "{}: patterns are matched against the lower-cased message",
                entry.id
            );
        }
    }

    #[test]
    fn each_code_has_one_general_entry_at_most_and_it_comes_last() {
        let mut codes: Vec<&str> = all().iter().map(|e| e.code).collect();
        codes.dedup();
        for code in codes {
            let same: Vec<_> = all().iter().filter(|e| e.code == code).collect();
            let general = same.iter().filter(|e| e.is_general()).count();
            assert!(general <= 1, "{code} has {general} general entries");
            if general == 1 {
                assert!(
                    same.last().is_some_and(|e| e.is_general()),
                    "{code}: general entry not last"
                );
            }
        }
    }

    #[test]
    fn the_thirteen_seed_cases_have_one_entry_each() {
        let mut cases: Vec<u8> = all().iter().filter_map(|e| e.seed_case).collect();
        cases.sort_unstable();
        assert_eq!(cases, (1..=13).collect::<Vec<_>>());
    }

    #[test]
    fn each_seed_case_is_found_by_code_and_message() {
        for case in SEED_CASES {
            let (code, message, id) = (case.code, case.message, case.entry_id);
            assert_eq!(by_id(id).and_then(|e| e.seed_case), Some(case.number));
            assert_eq!(
                lookup(code, message).map(|e| e.id),
                Some(id),
                "{code}: {message}"
            );
            assert_eq!(
                explain(&format!("{code}: {message}")).first().map(|e| e.id),
                Some(id),
                "explain {code}: {message}"
            );
        }
    }

    #[test]
    fn shared_codes_are_told_apart_by_message() {
        let cases = [
            (
                "InvalidParameterException",
                "User has not verified software token mfa",
                "totp-not-verified",
            ),
            (
                "InvalidParameterException",
                "User does not have delivery config set to turn on SMS_MFA",
                "sms-mfa-no-phone",
            ),
            (
                "InvalidParameterException",
                "Invalid SnsCallerArn",
                "sms-mfa-config-invalid",
            ),
            (
                "InvalidParameterException",
                "1 validation error detected: Value at 'limit'",
                "invalid-parameter",
            ),
            (
                "NotAuthorizedException",
                "Incorrect username or password.",
                "wrong-password",
            ),
            (
                "NotAuthorizedException",
                "User is disabled.",
                "user-disabled",
            ),
            (
                "NotAuthorizedException",
                "Access Token has expired",
                "access-token-expired",
            ),
            ("NotAuthorizedException", "Something new", "not-authorized"),
            (
                "CodeMismatchException",
                "Code mismatch (phone)",
                "code-mismatch-clock-skew",
            ),
            (
                "CodeMismatchException",
                "Invalid code received for user",
                "code-mismatch-verification-code",
            ),
        ];
        for (code, message, id) in cases {
            assert_eq!(
                lookup(code, message).map(|e| e.id),
                Some(id),
                "{code}: {message}"
            );
        }
        assert_eq!(lookup("NoSuchException", "x"), None);
    }

    #[test]
    fn explain_reads_json_sdk_lines_ids_and_bare_messages() {
        let json = r#"{"__type":"NotAuthorizedException","message":"Invalid session for the user, session is expired."}"#;
        assert_eq!(ids(explain(json)), ["session-expired"]);
        let sdk = "service error: unhandled error (SoftwareTokenMFANotFoundException)";
        assert_eq!(ids(explain(sdk)), ["totp-disabled-in-pool"]);
        assert_eq!(ids(explain("  session-expired ")), ["session-expired"]);
        assert_eq!(
            ids(explain("Password attempts exceeded")),
            ["password-attempts-exceeded"]
        );
        // A code alone: its general entry first, then every case sharing the code.
        let bare = ids(explain("NotAuthorizedException"));
        assert_eq!(bare.first(), Some(&"not-authorized"));
        assert!(bare.contains(&"session-expired") && bare.contains(&"token-missing-admin-scope"));
        assert!(explain("all is well").is_empty());
        assert!(explain("").is_empty());
    }

    fn ids(entries: Vec<&Entry>) -> Vec<&'static str> {
        entries.iter().map(|e| e.id).collect()
    }
}
