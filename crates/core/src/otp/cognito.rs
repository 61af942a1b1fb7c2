//! A warning, not an error: Amazon Cognito (and AWS sign-in MFA) check TOTP
//! codes with SHA-1 only, so an account for them set to another algorithm
//! would show codes that are always refused.

use super::{Algorithm, OtpParams};
use crate::{ErrorReport, Locale};

/// The account looks like a Cognito or AWS one but does not use SHA-1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CognitoAlgorithmWarning {
    pub algorithm: Algorithm,
}

impl CognitoAlgorithmWarning {
    pub fn code(&self) -> &'static str {
        "otp.cognito_algorithm"
    }

    pub fn message(&self, locale: Locale) -> String {
        let algorithm = self.algorithm.as_str();
        locale.pick(
            format!(
                "Amazon Cognito and AWS accept SHA1 codes only, but this account uses {algorithm}."
            ),
            format!(
                "Amazon Cognito et AWS n’acceptent que les codes SHA1, mais ce compte utilise {algorithm}."
            ),
        )
    }

    pub fn hint(&self, locale: Locale) -> Option<String> {
        Some(
            locale
                .pick(
                    "If this account is for Cognito or AWS, set its algorithm to SHA1, or its codes will be refused.",
                    "Si ce compte sert à Cognito ou à AWS, réglez son algorithme sur SHA1 : sinon, ses codes seront refusés.",
                )
                .to_owned(),
        )
    }

    /// The same wire shape as an error, so the window and `--json` show
    /// warnings the way they show errors.
    pub fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.message(locale),
            hint: self.hint(locale),
            help: None,
        }
    }
}

/// A warning when the issuer or label names Cognito, AWS or Amazon and the
/// algorithm is not SHA-1. Takes names rather than a draft so stored accounts
/// (which have no secret at hand) can be checked too.
pub fn cognito_algorithm_warning(
    issuer: &str,
    label: &str,
    params: &OtpParams,
) -> Option<CognitoAlgorithmWarning> {
    if params.algorithm == Algorithm::Sha1 {
        return None;
    }
    (names_amazon(issuer) || names_amazon(label)).then_some(CognitoAlgorithmWarning {
        algorithm: params.algorithm,
    })
}

/// "Cognito" and "Amazon" are distinctive anywhere in a name; "AWS" only as a
/// word of its own, or "laws" and "paws" would match.
fn names_amazon(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains("cognito")
        || lower.contains("amazon")
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == "aws")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(algorithm: Algorithm) -> OtpParams {
        OtpParams {
            algorithm,
            ..OtpParams::default_totp()
        }
    }

    #[test]
    fn warns_for_cognito_aws_or_amazon_names_not_on_sha1() {
        let sha256 = with(Algorithm::Sha256);
        for (issuer, label) in [
            ("AWS Cognito: my-pool", "alice"),
            ("", "alice@my-cognito-pool"),
            ("Amazon Web Services", "root"),
            ("aws", "bob"),
            ("MyCorp", "aws-prod/admin"),
            ("AmazonCognito", ""),
        ] {
            assert_eq!(
                cognito_algorithm_warning(issuer, label, &sha256),
                Some(CognitoAlgorithmWarning {
                    algorithm: Algorithm::Sha256
                }),
                "{issuer:?} {label:?}"
            );
        }
        assert!(cognito_algorithm_warning("AWS", "x", &with(Algorithm::Sha512)).is_some());
    }

    #[test]
    fn quiet_on_sha1_and_on_other_services() {
        assert_eq!(
            cognito_algorithm_warning("AWS Cognito", "alice", &with(Algorithm::Sha1)),
            None
        );
        for (issuer, label) in [("GitHub", "alice"), ("Paws & Claws", "laws@firm.example")] {
            assert_eq!(
                cognito_algorithm_warning(issuer, label, &with(Algorithm::Sha512)),
                None,
                "{issuer:?} {label:?}"
            );
        }
    }

    #[test]
    fn speaks_both_languages() {
        let warning = CognitoAlgorithmWarning {
            algorithm: Algorithm::Sha256,
        };
        let en = warning.report(Locale::En);
        let fr = warning.report(Locale::Fr);
        assert_eq!(en.code, "otp.cognito_algorithm");
        assert!(en.message.contains("SHA256") && fr.message.contains("SHA256"));
        assert_ne!(en.message, fr.message);
        assert_ne!(en.hint, fr.hint);
    }
}
