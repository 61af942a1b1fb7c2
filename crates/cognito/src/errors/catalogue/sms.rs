//! SMS as an MFA factor: the IAM role Cognito assumes to publish through Amazon SNS.

use crate::errors::entry::{Entry, Theme, t};

/// Calls that send a text message or an email, or set up the role to send them.
const SENDING_CALLS: &[&str] = &[
    "SetUserPoolMfaConfig",
    "InitiateAuth",
    "RespondToAuthChallenge",
    "AdminCreateUser",
];

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "sms-role-access-policy",
        code: "InvalidSmsRoleAccessPolicyException",
        theme: Theme::Sms,
        patterns: &[],
        operations: SENDING_CALLS,
        seed_case: Some(1),
        title: t(
            "The SMS role may not publish through SNS",
            "Le rôle SMS n’a pas le droit de publier via SNS",
        ),
        cause: t(
            "The IAM role named in the pool's SMS configuration has no permission to call sns:Publish, so Cognito cannot send text messages with it.",
            "Le rôle IAM indiqué dans la configuration SMS du groupe n’a pas l’autorisation sns:Publish : Cognito ne peut pas envoyer de SMS avec lui.",
        ),
        fix: t(
            "Attach a policy allowing sns:Publish to that role. If the account belongs to an AWS Organization, check that no service control policy (SCP) denies SNS:Publish.",
            "Associez au rôle une politique autorisant sns:Publish. Si le compte fait partie d’une organisation AWS, vérifiez qu’aucune politique de contrôle des services (SCP) ne bloque SNS:Publish.",
        ),
    },
    Entry {
        id: "sms-role-trust",
        code: "InvalidSmsRoleTrustRelationshipException",
        theme: Theme::Sms,
        patterns: &[],
        operations: SENDING_CALLS,
        seed_case: Some(2),
        title: t(
            "Cognito may not assume the SMS role",
            "Cognito ne peut pas endosser le rôle SMS",
        ),
        cause: t(
            "The SMS role's trust policy does not let Cognito assume it: either cognito-idp.amazonaws.com is not a trusted principal, or the external ID the policy requires differs from the one in the pool's SMS configuration.",
            "La politique de confiance du rôle SMS ne permet pas à Cognito de l’endosser : soit cognito-idp.amazonaws.com n’est pas un principal approuvé, soit l’identifiant externe exigé par la politique diffère de celui de la configuration SMS du groupe.",
        ),
        fix: t(
            "Edit the role's trust policy: trust the service principal cognito-idp.amazonaws.com for sts:AssumeRole, and make its sts:ExternalId condition equal the pool's SMS external ID (or set that external ID in the pool).",
            "Modifiez la politique de confiance du rôle : approuvez le principal de service cognito-idp.amazonaws.com pour sts:AssumeRole, et donnez à sa condition sts:ExternalId la valeur de l’identifiant externe SMS du groupe (ou renseignez cet identifiant dans le groupe).",
        ),
    },
    Entry {
        id: "sms-mfa-no-phone",
        code: "InvalidParameterException",
        theme: Theme::Sms,
        patterns: &["sms_mfa", "phone_number"],
        operations: &["AdminSetUserMFAPreference", "SetUserMFAPreference"],
        seed_case: None,
        title: t(
            "SMS MFA needs a phone number",
            "La MFA par SMS exige un numéro de téléphone",
        ),
        cause: t(
            "SMS was turned on as this user's MFA factor, but the user has no phone number to send codes to.",
            "Le SMS a été activé comme facteur MFA de cet utilisateur, mais il n’a aucun numéro de téléphone où envoyer les codes.",
        ),
        fix: t(
            "Set the user's phone_number attribute (E.164 form, such as +33612345678) first, then enable SMS MFA.",
            "Renseignez d’abord l’attribut phone_number de l’utilisateur (au format E.164, par exemple +33612345678), puis activez la MFA par SMS.",
        ),
    },
    Entry {
        id: "sms-mfa-config-invalid",
        code: "InvalidParameterException",
        theme: Theme::Sms,
        patterns: &[
            "smsmfaconfiguration",
            "smsconfiguration",
            "snscallerarn",
            "sms configuration",
            "externalid",
            "sns",
        ],
        operations: &["SetUserPoolMfaConfig"],
        seed_case: Some(3),
        title: t(
            "Incomplete SMS MFA configuration",
            "Configuration MFA par SMS incomplète",
        ),
        cause: t(
            "SetUserPoolMfaConfig was called with SMS MFA but its SmsMfaConfiguration lacks a required value or holds an invalid one (usually the SMS configuration's role ARN or external ID).",
            "SetUserPoolMfaConfig a été appelé avec la MFA par SMS, mais son SmsMfaConfiguration omet une valeur requise ou en contient une invalide (le plus souvent l’ARN du rôle ou l’identifiant externe de la configuration SMS).",
        ),
        fix: t(
            "Send a complete SmsMfaConfiguration: an SmsConfiguration with the IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) and, when the role's trust policy requires one, the external ID. Kairos checks these before applying.",
            "Envoyez un SmsMfaConfiguration complet : un SmsConfiguration avec l’ARN du rôle IAM (arn:aws:iam::COMPTE:role/NOM) et, si la politique de confiance du rôle en exige un, l’identifiant externe. Kairos les vérifie avant d’appliquer.",
        ),
    },
    Entry {
        id: "email-role-access-policy",
        code: "InvalidEmailRoleAccessPolicyException",
        theme: Theme::Sms,
        patterns: &[],
        operations: &["InitiateAuth", "RespondToAuthChallenge", "AdminCreateUser"],
        seed_case: None,
        title: t(
            "Cognito may not send email through SES",
            "Cognito ne peut pas envoyer d’e-mail via SES",
        ),
        cause: t(
            "The pool sends email through Amazon SES, and the SES identity or its sending authorisation does not let Cognito send from it.",
            "Le groupe envoie ses e-mails via Amazon SES, et l’identité SES ou son autorisation d’envoi ne permet pas à Cognito d’envoyer avec elle.",
        ),
        fix: t(
            "Check the SES identity in the pool's email configuration: verified, in the right region, with a sending authorisation policy that allows Cognito.",
            "Vérifiez l’identité SES de la configuration e-mail du groupe : vérifiée, dans la bonne région, avec une politique d’autorisation d’envoi qui autorise Cognito.",
        ),
    },
];
