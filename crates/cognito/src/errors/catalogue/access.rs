//! The caller's AWS credentials and IAM permissions.

use crate::errors::entry::{Entry, Theme, t};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "access-denied",
        code: "AccessDeniedException",
        theme: Theme::Access,
        patterns: &[],
        operations: &["every admin operation"],
        seed_case: None,
        title: t("IAM refused the action", "IAM a refusé l’action"),
        cause: t(
            "The AWS identity Kairos signs requests with has no IAM permission for this cognito-idp action on this pool, or a permissions boundary or service control policy (SCP) denies it.",
            "L’identité AWS avec laquelle Kairos signe les requêtes n’a pas l’autorisation IAM pour cette action cognito-idp sur ce groupe, ou une limite d’autorisations ou une politique de contrôle des services (SCP) l’interdit.",
        ),
        fix: t(
            "Ask for the action named in the message (for example cognito-idp:SetUserPoolMfaConfig) on the pool's ARN, or switch to a profile that has it.",
            "Demandez l’action citée dans le message (par exemple cognito-idp:SetUserPoolMfaConfig) sur l’ARN du groupe, ou passez à un profil qui l’a.",
        ),
    },
    Entry {
        id: "unrecognized-client",
        code: "UnrecognizedClientException",
        theme: Theme::Access,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t(
            "AWS does not recognise these credentials",
            "AWS ne reconnaît pas ces identifiants",
        ),
        cause: t(
            "The access key does not exist (deleted, mistyped, or from another partition), or the security token does not belong to it.",
            "La clé d’accès n’existe pas (supprimée, mal saisie, ou d’une autre partition), ou le jeton de sécurité ne lui correspond pas.",
        ),
        fix: t(
            "Check which profile is in use and its keys (`aws sts get-caller-identity`), or sign in again.",
            "Vérifiez le profil utilisé et ses clés (`aws sts get-caller-identity`), ou reconnectez-vous.",
        ),
    },
    Entry {
        id: "credentials-expired",
        code: "ExpiredTokenException",
        theme: Theme::Access,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t("The AWS session expired", "La session AWS a expiré"),
        cause: t(
            "The temporary credentials (SSO, assumed role, session token) are past their expiry.",
            "Les identifiants temporaires (SSO, rôle endossé, jeton de session) ont expiré.",
        ),
        fix: t(
            "Renew them: `aws sso login --profile NAME` for SSO profiles, or assume the role again.",
            "Renouvelez-les : `aws sso login --profile NOM` pour les profils SSO, ou endossez de nouveau le rôle.",
        ),
    },
    Entry {
        id: "invalid-signature",
        code: "InvalidSignatureException",
        theme: Theme::Access,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t(
            "The request signature was refused",
            "La signature de la requête a été refusée",
        ),
        cause: t(
            "The secret key does not match the access key, or this computer's clock is several minutes off so the signature's date is out of range.",
            "La clé secrète ne correspond pas à la clé d’accès, ou l’horloge de cet ordinateur est décalée de plusieurs minutes et la date de la signature est hors limites.",
        ),
        fix: t(
            "Check the secret key of the profile, and synchronise the system clock (the Time page shows the offset).",
            "Vérifiez la clé secrète du profil, et synchronisez l’horloge du système (la page Heure affiche le décalage).",
        ),
    },
    Entry {
        id: "forbidden-waf",
        code: "ForbiddenException",
        theme: Theme::Access,
        patterns: &[],
        operations: &[
            "InitiateAuth",
            "RespondToAuthChallenge",
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "SetUserMFAPreference",
        ],
        seed_case: None,
        title: t("AWS WAF blocked the request", "AWS WAF a bloqué la requête"),
        cause: t(
            "A web ACL associated with the user pool blocked this request.",
            "Une liste ACL web associée au groupe d’utilisateurs a bloqué cette requête.",
        ),
        fix: t(
            "Look at the web ACL's rules and sampled requests in AWS WAF to see which rule matched.",
            "Consultez les règles et les requêtes échantillonnées de l’ACL web dans AWS WAF pour voir quelle règle a joué.",
        ),
    },
];
