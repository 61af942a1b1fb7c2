//! Pools, users and settings that do not exist or do not fit together.

use crate::errors::entry::{Entry, Theme, t};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "email-mfa-needs-ses",
        code: "InvalidParameterException",
        theme: Theme::Configuration,
        patterns: &[
            "emailmfaconfiguration",
            "email mfa",
            "email_otp",
            "developer",
        ],
        operations: &[
            "SetUserPoolMfaConfig",
            "AdminSetUserMFAPreference",
            "SetUserMFAPreference",
        ],
        seed_case: None,
        title: t(
            "Email MFA needs the pool to send email through SES",
            "La MFA par e-mail exige que le groupe envoie ses e-mails via SES",
        ),
        cause: t(
            "Email as an MFA factor is refused while the pool sends email with Cognito's default sender; it needs Amazon SES (a DEVELOPER email sending account) and a plan that offers it.",
            "L’e-mail comme facteur MFA est refusé tant que le groupe envoie ses e-mails avec l’expéditeur par défaut de Cognito ; il faut Amazon SES (un compte d’envoi DEVELOPER) et une offre qui le propose.",
        ),
        fix: t(
            "Configure the pool's email with an SES identity (EmailSendingAccount DEVELOPER), then enable email MFA.",
            "Configurez l’e-mail du groupe avec une identité SES (EmailSendingAccount DEVELOPER), puis activez la MFA par e-mail.",
        ),
    },
    Entry {
        id: "webauthn-relying-party",
        code: "InvalidParameterException",
        theme: Theme::Configuration,
        patterns: &["relyingparty", "relying party", "webauthn", "public suffix"],
        operations: &["SetUserPoolMfaConfig"],
        seed_case: None,
        title: t(
            "Invalid WebAuthn relying-party id",
            "Identifiant de partie de confiance WebAuthn invalide",
        ),
        cause: t(
            "The passkey relying-party id must be a domain you own; Cognito refuses domains on the Public Suffix List (such as com or github.io) and malformed names.",
            "L’identifiant de partie de confiance des clés d’accès doit être un domaine qui vous appartient ; Cognito refuse les domaines de la liste des suffixes publics (comme com ou github.io) et les noms mal formés.",
        ),
        fix: t(
            "Use your own registrable domain or a subdomain of it (for example auth.example.com), or the pool's Cognito domain.",
            "Utilisez votre propre domaine enregistrable ou l’un de ses sous-domaines (par exemple auth.example.com), ou le domaine Cognito du groupe.",
        ),
    },
    Entry {
        id: "mfa-needs-a-factor",
        code: "InvalidParameterException",
        theme: Theme::Configuration,
        patterns: &["at least one", "no mfa"],
        operations: &["SetUserPoolMfaConfig"],
        seed_case: None,
        title: t(
            "MFA ON or OPTIONAL needs a factor",
            "La MFA ON ou OPTIONAL exige un facteur",
        ),
        cause: t(
            "The pool's MFA was set to ON or OPTIONAL without enabling any factor (SMS, TOTP or email).",
            "La MFA du groupe a été réglée sur ON ou OPTIONAL sans activer aucun facteur (SMS, TOTP ou e-mail).",
        ),
        fix: t(
            "Enable at least one factor in the same call, or set MFA to OFF.",
            "Activez au moins un facteur dans le même appel, ou réglez la MFA sur OFF.",
        ),
    },
    Entry {
        id: "invalid-parameter",
        code: "InvalidParameterException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t(
            "Cognito refused a parameter",
            "Cognito a refusé un paramètre",
        ),
        cause: t(
            "A value in the request is missing, malformed or not allowed with the pool's current settings; the message names it.",
            "Une valeur de la requête est absente, mal formée ou incompatible avec les réglages actuels du groupe ; le message la nomme.",
        ),
        fix: t(
            "Correct the parameter named in the message. Paste the whole message here to see whether it is a known case.",
            "Corrigez le paramètre nommé dans le message. Collez le message complet ici pour voir s’il s’agit d’un cas connu.",
        ),
    },
    Entry {
        id: "resource-not-found",
        code: "ResourceNotFoundException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &[
            "DescribeUserPool",
            "GetUserPoolMfaConfig",
            "SetUserPoolMfaConfig",
            "ListUsers",
            "AdminGetUser",
            "AdminSetUserMFAPreference",
            "InitiateAuth",
        ],
        seed_case: None,
        title: t(
            "No such user pool or app client",
            "Groupe d’utilisateurs ou client d’application introuvable",
        ),
        cause: t(
            "The user pool id or app client id does not exist in this account and region (mistyped, deleted, or another region).",
            "L’identifiant du groupe ou du client d’application n’existe pas dans ce compte et cette région (mal saisi, supprimé, ou autre région).",
        ),
        fix: t(
            "Check the id and the region: a pool id starts with its region (eu-west-1_…). List the pools to pick one.",
            "Vérifiez l’identifiant et la région : un identifiant de groupe commence par sa région (eu-west-1_…). Listez les groupes pour en choisir un.",
        ),
    },
    Entry {
        id: "user-pool-config-invalid",
        code: "InvalidUserPoolConfigurationException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &[
            "InitiateAuth",
            "RespondToAuthChallenge",
            "VerifySoftwareToken",
        ],
        seed_case: None,
        title: t(
            "The user pool's configuration does not allow this",
            "La configuration du groupe ne le permet pas",
        ),
        cause: t(
            "The pool is set up in a way that prevents the request, such as an MFA factor required but not configured, or an auth flow the app client does not allow.",
            "Le groupe est configuré d’une manière qui empêche la requête, par exemple un facteur MFA exigé mais non configuré, ou un flux d’authentification que le client d’application n’autorise pas.",
        ),
        fix: t(
            "Review the pool's MFA configuration and the app client's allowed auth flows (ExplicitAuthFlows).",
            "Revoyez la configuration MFA du groupe et les flux d’authentification autorisés du client d’application (ExplicitAuthFlows).",
        ),
    },
    Entry {
        id: "feature-unavailable-in-tier",
        code: "FeatureUnavailableInTierException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["SetUserPoolMfaConfig"],
        seed_case: None,
        title: t(
            "Not available in the pool's feature plan",
            "Non disponible dans l’offre du groupe",
        ),
        cause: t(
            "The setting (for example email MFA or passkeys) needs a higher Cognito feature plan than the pool has.",
            "Le réglage (par exemple la MFA par e-mail ou les clés d’accès) exige une offre Cognito supérieure à celle du groupe.",
        ),
        fix: t(
            "Change the pool's feature plan (Essentials or Plus), or leave the setting off.",
            "Changez l’offre du groupe (Essentials ou Plus), ou laissez le réglage désactivé.",
        ),
    },
    Entry {
        id: "concurrent-modification",
        code: "ConcurrentModificationException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["SetUserPoolMfaConfig", "AssociateSoftwareToken"],
        seed_case: None,
        title: t(
            "Changed by someone else at the same time",
            "Modifié par quelqu’un d’autre au même moment",
        ),
        cause: t(
            "Another request changed the same pool or user while this one was being applied.",
            "Une autre requête a modifié le même groupe ou utilisateur pendant que celle-ci était appliquée.",
        ),
        fix: t(
            "Reload the current state and apply the change again.",
            "Rechargez l’état actuel et appliquez de nouveau la modification.",
        ),
    },
    Entry {
        id: "user-pool-tagging",
        code: "UserPoolTaggingException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["DescribeUserPool"],
        seed_case: None,
        title: t(
            "The pool's tags could not be read",
            "Les étiquettes du groupe n’ont pas pu être lues",
        ),
        cause: t(
            "Cognito could not read or apply the user pool's tags.",
            "Cognito n’a pas pu lire ou appliquer les étiquettes du groupe d’utilisateurs.",
        ),
        fix: t(
            "Retry; if it persists, check the tags in the AWS console.",
            "Réessayez ; si cela persiste, vérifiez les étiquettes dans la console AWS.",
        ),
    },
    Entry {
        id: "lambda-invalid-response",
        code: "InvalidLambdaResponseException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["InitiateAuth", "RespondToAuthChallenge"],
        seed_case: None,
        title: t(
            "A Lambda trigger returned an invalid answer",
            "Un déclencheur Lambda a renvoyé une réponse invalide",
        ),
        cause: t(
            "One of the pool's Lambda triggers returned a response Cognito cannot use.",
            "Un des déclencheurs Lambda du groupe a renvoyé une réponse inutilisable par Cognito.",
        ),
        fix: t(
            "Check the trigger's logs in CloudWatch and the shape of the event it returns.",
            "Consultez les journaux du déclencheur dans CloudWatch et la forme de l’événement qu’il renvoie.",
        ),
    },
    Entry {
        id: "lambda-unexpected",
        code: "UnexpectedLambdaException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["InitiateAuth", "RespondToAuthChallenge"],
        seed_case: None,
        title: t("A Lambda trigger failed", "Un déclencheur Lambda a échoué"),
        cause: t(
            "A Lambda trigger raised an error or timed out.",
            "Un déclencheur Lambda a levé une erreur ou a dépassé son délai.",
        ),
        fix: t(
            "Check the trigger's logs in CloudWatch.",
            "Consultez les journaux du déclencheur dans CloudWatch.",
        ),
    },
    Entry {
        id: "lambda-validation",
        code: "UserLambdaValidationException",
        theme: Theme::Configuration,
        patterns: &[],
        operations: &["InitiateAuth", "RespondToAuthChallenge"],
        seed_case: None,
        title: t(
            "A Lambda trigger refused the request",
            "Un déclencheur Lambda a refusé la requête",
        ),
        cause: t(
            "A Lambda trigger deliberately rejected the request; its message follows the code.",
            "Un déclencheur Lambda a volontairement rejeté la requête ; son message suit le code.",
        ),
        fix: t(
            "Read the trigger's message, or its code, to see what it requires.",
            "Lisez le message du déclencheur, ou son code, pour voir ce qu’il exige.",
        ),
    },
];
