//! Request rates and quotas.

use crate::errors::entry::{Entry, Theme, t};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "too-many-requests",
        code: "TooManyRequestsException",
        theme: Theme::Limits,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t(
            "Too many requests: Cognito is throttling",
            "Trop de requêtes : Cognito limite le débit",
        ),
        cause: t(
            "The account went over Cognito's request-rate quota for this category of operations (quotas are per account and region, shared by every app using it).",
            "Le compte a dépassé le quota de requêtes par seconde de Cognito pour cette catégorie d’opérations (les quotas valent par compte et par région, partagés par toutes les applications).",
        ),
        fix: t(
            "Retry after a pause with exponential backoff (Kairos's bulk changes do so and cap their own rate). For lasting needs, ask for a quota increase in Service Quotas.",
            "Réessayez après une pause avec un délai exponentiel (les modifications en masse de Kairos le font et limitent leur propre débit). Pour un besoin durable, demandez une hausse de quota dans Service Quotas.",
        ),
    },
    Entry {
        id: "throttling",
        code: "ThrottlingException",
        theme: Theme::Limits,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t(
            "AWS is throttling the requests",
            "AWS limite le débit des requêtes",
        ),
        cause: t(
            "AWS slowed this caller down because of its request rate.",
            "AWS ralentit cet appelant à cause de son débit de requêtes.",
        ),
        fix: t(
            "Retry later, with fewer requests at once.",
            "Réessayez plus tard, avec moins de requêtes simultanées.",
        ),
    },
    Entry {
        id: "limit-exceeded",
        code: "LimitExceededException",
        theme: Theme::Limits,
        patterns: &[],
        operations: &[
            "AdminCreateUser",
            "CreateUserPool",
            "ForgotPassword",
            "ResendConfirmationCode",
            "VerifyUserAttribute",
        ],
        seed_case: None,
        title: t(
            "A Cognito limit was reached",
            "Une limite de Cognito est atteinte",
        ),
        cause: t(
            "A resource quota (number of pools, app clients, groups...) or a per-user limit (codes requested, attribute changes) was reached.",
            "Un quota de ressources (nombre de groupes, clients d’application, groupes d’utilisateurs…) ou une limite par utilisateur (codes demandés, changements d’attributs) est atteint.",
        ),
        fix: t(
            "Wait before asking again for per-user limits; for resource quotas, remove unused resources or request an increase in Service Quotas.",
            "Attendez avant de redemander pour les limites par utilisateur ; pour les quotas de ressources, supprimez ce qui ne sert plus ou demandez une hausse dans Service Quotas.",
        ),
    },
];
