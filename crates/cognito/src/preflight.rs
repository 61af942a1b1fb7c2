//! Checks made before a change is sent, each preventing an error the seed
//! (AWS's page on Cognito MFA errors) describes, or warning about a consequence.

use kairos_core::Locale;
use serde::Serialize;

use crate::pool_mfa::{MfaMode, PoolFacts, PoolMfaSettings};

/// How much a check's finding weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The change is not sent: Cognito would refuse it or it would break sign-in.
    Refusal,
    /// Sent after confirmation; something people should know first.
    Warning,
    /// Information.
    Note,
}

/// One finding of a pre-flight check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum PreflightCheck {
    /// ON or OPTIONAL with no second factor.
    NoFactor,
    SmsRoleMissing,
    SmsRoleArnInvalid {
        arn: String,
    },
    SmsExternalIdMissing,
    SmsMessageWithoutCode,
    EmailNeedsSes,
    WebAuthnRpIdInvalid {
        rp_id: String,
    },
    WebAuthnRpIdPublicSuffix {
        rp_id: String,
    },
    PasswordlessOnly,
    /// `users`: how many have no factor yet, when it was cheap to count.
    MfaOnForcesSetup {
        users: Option<u64>,
    },
    PoolTotpDisabled,
    TotpNotVerified,
    SmsNeedsPhone,
    EmailNeedsAddress,
    PoolEmailMfaOff,
}

impl PreflightCheck {
    /// Stable code, `cognito.preflight.<check>`.
    pub fn code(&self) -> &'static str {
        match self {
            PreflightCheck::NoFactor => "cognito.preflight.no_factor",
            PreflightCheck::SmsRoleMissing => "cognito.preflight.sms_role_missing",
            PreflightCheck::SmsRoleArnInvalid { .. } => "cognito.preflight.sms_role_arn_invalid",
            PreflightCheck::SmsExternalIdMissing => "cognito.preflight.sms_external_id_missing",
            PreflightCheck::SmsMessageWithoutCode => "cognito.preflight.sms_message_without_code",
            PreflightCheck::EmailNeedsSes => "cognito.preflight.email_needs_ses",
            PreflightCheck::WebAuthnRpIdInvalid { .. } => {
                "cognito.preflight.webauthn_rp_id_invalid"
            }
            PreflightCheck::WebAuthnRpIdPublicSuffix { .. } => {
                "cognito.preflight.webauthn_rp_id_public_suffix"
            }
            PreflightCheck::PasswordlessOnly => "cognito.preflight.passwordless_only",
            PreflightCheck::MfaOnForcesSetup { .. } => "cognito.preflight.mfa_on_forces_setup",
            PreflightCheck::PoolTotpDisabled => "cognito.preflight.pool_totp_disabled",
            PreflightCheck::TotpNotVerified => "cognito.preflight.totp_not_verified",
            PreflightCheck::SmsNeedsPhone => "cognito.preflight.sms_needs_phone",
            PreflightCheck::EmailNeedsAddress => "cognito.preflight.email_needs_address",
            PreflightCheck::PoolEmailMfaOff => "cognito.preflight.pool_email_mfa_off",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            PreflightCheck::SmsExternalIdMissing
            | PreflightCheck::MfaOnForcesSetup { .. }
            | PreflightCheck::TotpNotVerified => Severity::Warning,
            PreflightCheck::PasswordlessOnly => Severity::Note,
            _ => Severity::Refusal,
        }
    }

    /// What is wrong, and why (the seed's reason).
    pub fn message(&self, locale: Locale) -> String {
        match self {
            PreflightCheck::NoFactor => locale.pick(
                "MFA ON or OPTIONAL needs at least one factor: SMS, TOTP or email.".to_owned(),
                "La MFA ON ou OPTIONAL demande au moins un facteur : SMS, TOTP ou e-mail.".to_owned(),
            ),
            PreflightCheck::SmsRoleMissing => locale.pick(
                "SMS MFA needs a complete SmsConfiguration with the IAM role Cognito assumes to publish through SNS; without it Cognito answers InvalidParameterException.".to_owned(),
                "La MFA par SMS demande une SmsConfiguration complète avec le rôle IAM que Cognito assume pour publier via SNS ; sans lui Cognito répond InvalidParameterException.".to_owned(),
            ),
            PreflightCheck::SmsRoleArnInvalid { arn } => locale.pick(
                format!("“{arn}” is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)."),
                format!("« {arn} » n’est pas l’ARN d’un rôle IAM (arn:aws:iam::123456789012:role/NOM)."),
            ),
            PreflightCheck::SmsExternalIdMissing => locale.pick(
                "No external ID: if the role's trust policy requires one, Cognito answers InvalidSmsRoleTrustRelationshipException.".to_owned(),
                "Pas d’identifiant externe : si la politique de confiance du rôle en exige un, Cognito répond InvalidSmsRoleTrustRelationshipException.".to_owned(),
            ),
            PreflightCheck::SmsMessageWithoutCode => locale.pick(
                "The SMS message must contain {####}, where Cognito puts the code.".to_owned(),
                "Le message SMS doit contenir {####}, là où Cognito place le code.".to_owned(),
            ),
            PreflightCheck::EmailNeedsSes => locale.pick(
                "Email MFA needs the pool to send email through Amazon SES (EmailSendingAccount DEVELOPER); this pool uses Cognito's default email.".to_owned(),
                "La MFA par e-mail demande que le groupe envoie ses e-mails via Amazon SES (EmailSendingAccount DEVELOPER) ; ce groupe utilise l’e-mail par défaut de Cognito.".to_owned(),
            ),
            PreflightCheck::WebAuthnRpIdInvalid { rp_id } => locale.pick(
                format!("“{rp_id}” is not a domain name; the WebAuthn relying party id must be a domain you own."),
                format!("« {rp_id} » n’est pas un nom de domaine ; l’identifiant de partie de confiance WebAuthn doit être un domaine qui vous appartient."),
            ),
            PreflightCheck::WebAuthnRpIdPublicSuffix { rp_id } => locale.pick(
                format!("“{rp_id}” is on the Public Suffix List; Cognito refuses such relying party ids. Use a domain you own under it."),
                format!("« {rp_id} » figure dans la Public Suffix List ; Cognito refuse ces identifiants. Utilisez un domaine qui vous appartient en dessous."),
            ),
            PreflightCheck::PasswordlessOnly => locale.pick(
                "This pool signs in without passwords only (passkey, email or SMS code): Cognito does not ask for MFA on passwordless sign-in.".to_owned(),
                "Ce groupe se connecte uniquement sans mot de passe (clé d’accès, code par e-mail ou SMS) : Cognito ne demande pas de MFA lors d’une connexion sans mot de passe.".to_owned(),
            ),
            PreflightCheck::MfaOnForcesSetup { users } => match users {
                Some(n) => locale.pick(
                    format!("With MFA ON, {n} user(s) without a factor will get MFA_SETUP at their next sign-in."),
                    format!("Avec la MFA ON, {n} utilisateur(s) sans facteur recevront MFA_SETUP à leur prochaine connexion."),
                ),
                None => locale.pick(
                    "With MFA ON, users without a factor will get MFA_SETUP at their next sign-in.".to_owned(),
                    "Avec la MFA ON, les utilisateurs sans facteur recevront MFA_SETUP à leur prochaine connexion.".to_owned(),
                ),
            },
            PreflightCheck::PoolTotpDisabled => locale.pick(
                "The pool has TOTP MFA disabled, so Cognito refuses TOTP preferences (SoftwareTokenMFANotFoundException).".to_owned(),
                "Le groupe a la MFA TOTP désactivée, Cognito refuse donc les préférences TOTP (SoftwareTokenMFANotFoundException).".to_owned(),
            ),
            PreflightCheck::TotpNotVerified => locale.pick(
                "TOTP is not among the user's factors: Cognito enables it only after the user has verified a software token (InvalidParameterException “no delivery config set to turn on SOFTWARE_TOKEN_MFA”).".to_owned(),
                "Le TOTP ne fait pas partie des facteurs de l’utilisateur : Cognito ne l’active qu’après vérification d’un jeton logiciel (InvalidParameterException « no delivery config set to turn on SOFTWARE_TOKEN_MFA »).".to_owned(),
            ),
            PreflightCheck::SmsNeedsPhone => locale.pick(
                "SMS MFA needs a phone number on the user.".to_owned(),
                "La MFA par SMS demande un numéro de téléphone pour l’utilisateur.".to_owned(),
            ),
            PreflightCheck::EmailNeedsAddress => locale.pick(
                "Email MFA needs an email address on the user.".to_owned(),
                "La MFA par e-mail demande une adresse e-mail pour l’utilisateur.".to_owned(),
            ),
            PreflightCheck::PoolEmailMfaOff => locale.pick(
                "The pool has no email MFA configuration, so Cognito refuses email MFA preferences.".to_owned(),
                "Le groupe n’a pas de configuration de MFA par e-mail, Cognito refuse donc les préférences e-mail.".to_owned(),
            ),
        }
    }

    /// What to do about it.
    pub fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            PreflightCheck::NoFactor => locale.pick(
                "Enable TOTP, SMS or email MFA, or set MFA to OFF.",
                "Activez la MFA TOTP, SMS ou e-mail, ou passez la MFA à OFF.",
            ),
            PreflightCheck::SmsRoleMissing | PreflightCheck::SmsRoleArnInvalid { .. } => locale.pick(
                "Give the ARN of an IAM role with sns:Publish that trusts cognito-idp.amazonaws.com.",
                "Donnez l’ARN d’un rôle IAM avec sns:Publish qui fait confiance à cognito-idp.amazonaws.com.",
            ),
            PreflightCheck::SmsExternalIdMissing => locale.pick(
                "Set the external ID that the role's trust policy expects (sts:ExternalId).",
                "Indiquez l’identifiant externe attendu par la politique de confiance du rôle (sts:ExternalId).",
            ),
            PreflightCheck::SmsMessageWithoutCode => locale.pick(
                "For example: Your code is {####}",
                "Par exemple : Votre code est {####}",
            ),
            PreflightCheck::EmailNeedsSes => locale.pick(
                "Configure the pool's email with a verified SES identity first.",
                "Configurez d’abord l’e-mail du groupe avec une identité SES vérifiée.",
            ),
            PreflightCheck::WebAuthnRpIdInvalid { .. }
            | PreflightCheck::WebAuthnRpIdPublicSuffix { .. } => locale.pick(
                "Use your application's domain, e.g. auth.example.com.",
                "Utilisez le domaine de votre application, par exemple auth.example.com.",
            ),
            PreflightCheck::PasswordlessOnly | PreflightCheck::MfaOnForcesSetup { .. } => {
                return None;
            }
            PreflightCheck::PoolTotpDisabled => locale.pick(
                "Enable TOTP in the pool's MFA configuration first (kairos cognito pool-mfa set --totp on).",
                "Activez d’abord le TOTP dans la configuration MFA du groupe (kairos cognito pool-mfa set --totp on).",
            ),
            PreflightCheck::TotpNotVerified => locale.pick(
                "Have the user associate and verify an authenticator app first.",
                "Faites d’abord associer et vérifier une application d’authentification par l’utilisateur.",
            ),
            PreflightCheck::SmsNeedsPhone => locale.pick(
                "Add a phone_number attribute to the user first.",
                "Ajoutez d’abord un attribut phone_number à l’utilisateur.",
            ),
            PreflightCheck::EmailNeedsAddress => locale.pick(
                "Add an email attribute to the user first.",
                "Ajoutez d’abord un attribut email à l’utilisateur.",
            ),
            PreflightCheck::PoolEmailMfaOff => locale.pick(
                "Configure email MFA on the pool first.",
                "Configurez d’abord la MFA par e-mail sur le groupe.",
            ),
        };
        Some(text.to_owned())
    }
}

/// Checks a proposed pool configuration. `users_without_factor` is the count from
/// [`crate::affected`], when it was taken.
pub fn check_pool_change(
    before: &PoolMfaSettings,
    after: &PoolMfaSettings,
    facts: &PoolFacts,
    users_without_factor: Option<u64>,
) -> Vec<PreflightCheck> {
    let mut found = Vec::new();
    if after.mode != MfaMode::Off && after.factor_count() == 0 {
        found.push(PreflightCheck::NoFactor);
    }
    if let Some(sms) = &after.sms {
        let arn = sms.role_arn.trim();
        if arn.is_empty() {
            found.push(PreflightCheck::SmsRoleMissing);
        } else if !is_iam_role_arn(arn) {
            found.push(PreflightCheck::SmsRoleArnInvalid {
                arn: arn.to_owned(),
            });
        }
        if sms
            .external_id
            .as_deref()
            .is_none_or(|e| e.trim().is_empty())
        {
            found.push(PreflightCheck::SmsExternalIdMissing);
        }
        if sms
            .message
            .as_deref()
            .is_some_and(|m| !m.contains("{####}"))
        {
            found.push(PreflightCheck::SmsMessageWithoutCode);
        }
    }
    if after.email.is_some() && !facts.email_uses_ses {
        found.push(PreflightCheck::EmailNeedsSes);
    }
    if let Some(rp_id) = after
        .web_authn
        .as_ref()
        .and_then(|w| w.relying_party_id.as_deref())
        .filter(|r| !r.is_empty())
    {
        found.extend(check_relying_party_id(rp_id));
    }
    if after.mode != MfaMode::Off && facts.passwordless_only() {
        found.push(PreflightCheck::PasswordlessOnly);
    }
    if after.mode == MfaMode::On && before.mode != MfaMode::On {
        found.push(PreflightCheck::MfaOnForcesSetup {
            users: users_without_factor,
        });
    }
    found
}

/// `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`.
pub fn is_iam_role_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [scheme, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    let name_ok = |name: &str| {
        (1..=64).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
    };
    *scheme == "arn"
        && matches!(
            *partition,
            "aws" | "aws-cn" | "aws-us-gov" | "aws-iso" | "aws-iso-b"
        )
        && *service == "iam"
        && region.is_empty()
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && resource
            .strip_prefix("role/")
            .and_then(|path| path.rsplit('/').next())
            .is_some_and(name_ok)
}

/// A relying party id must be a host name that is not itself a public suffix.
pub fn check_relying_party_id(rp_id: &str) -> Option<PreflightCheck> {
    let host = rp_id.trim().trim_end_matches('.').to_ascii_lowercase();
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let is_ip = host.parse::<std::net::IpAddr>().is_ok();
    if host.is_empty() || host.len() > 253 || is_ip || !host.split('.').all(label_ok) {
        return Some(PreflightCheck::WebAuthnRpIdInvalid {
            rp_id: rp_id.to_owned(),
        });
    }
    if psl::suffix_str(&host) == Some(host.as_str()) {
        return Some(PreflightCheck::WebAuthnRpIdPublicSuffix {
            rp_id: rp_id.to_owned(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool_mfa::{EmailMfa, SmsMfa};

    fn settings(mode: MfaMode) -> PoolMfaSettings {
        PoolMfaSettings {
            mode,
            totp_enabled: false,
            sms: None,
            email: None,
            web_authn: None,
        }
    }

    #[test]
    fn role_arns_parse() {
        assert!(is_iam_role_arn("arn:aws:iam::123456789012:role/CognitoSms"));
        assert!(is_iam_role_arn(
            "arn:aws-cn:iam::123456789012:role/service-role/x.y@z"
        ));
        for bad in [
            "",
            "arn:aws:iam::123456789012:user/CognitoSms",
            "arn:aws:iam::12345:role/x",
            "arn:aws:sns::123456789012:role/x",
            "arn:aws:iam:eu-west-1:123456789012:role/x",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/a b",
        ] {
            assert!(!is_iam_role_arn(bad), "{bad} accepted");
        }
    }

    #[test]
    fn public_suffixes_are_refused_as_relying_party() {
        assert_eq!(check_relying_party_id("auth.example.com"), None);
        assert_eq!(check_relying_party_id("example.co.uk"), None);
        for suffix in ["com", "co.uk", "github.io", "s3.amazonaws.com"] {
            assert!(
                matches!(
                    check_relying_party_id(suffix),
                    Some(PreflightCheck::WebAuthnRpIdPublicSuffix { .. })
                ),
                "{suffix}"
            );
        }
        for bad in ["https://example.com", "127.0.0.1", "exa mple.com", ""] {
            assert!(
                matches!(
                    check_relying_party_id(bad),
                    Some(PreflightCheck::WebAuthnRpIdInvalid { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn pool_checks_find_each_problem() {
        let facts = PoolFacts::default();
        let off = settings(MfaMode::Off);
        assert_eq!(
            check_pool_change(&off, &settings(MfaMode::Optional), &facts, None),
            [PreflightCheck::NoFactor]
        );
        let mut on = settings(MfaMode::On);
        on.sms = Some(SmsMfa {
            role_arn: "not-an-arn".into(),
            external_id: None,
            sns_region: None,
            message: Some("code".into()),
        });
        on.email = Some(EmailMfa::default());
        let found = check_pool_change(&off, &on, &facts, Some(3));
        let codes: Vec<_> = found.iter().map(PreflightCheck::code).collect();
        assert_eq!(
            codes,
            [
                "cognito.preflight.sms_role_arn_invalid",
                "cognito.preflight.sms_external_id_missing",
                "cognito.preflight.sms_message_without_code",
                "cognito.preflight.email_needs_ses",
                "cognito.preflight.mfa_on_forces_setup",
            ]
        );
        let passwordless = PoolFacts {
            first_factors: vec!["WEB_AUTHN".into()],
            ..PoolFacts::default()
        };
        let mut totp = settings(MfaMode::Optional);
        totp.totp_enabled = true;
        assert_eq!(
            check_pool_change(&off, &totp, &passwordless, None),
            [PreflightCheck::PasswordlessOnly]
        );
        for check in &found {
            for locale in Locale::ALL {
                assert!(!check.message(locale).is_empty());
            }
        }
    }
}
