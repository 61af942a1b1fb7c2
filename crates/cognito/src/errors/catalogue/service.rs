//! Failures on AWS's side.

use crate::errors::entry::{Entry, Theme, t};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "internal-error",
        code: "InternalErrorException",
        theme: Theme::Service,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t("Internal error at Cognito", "Erreur interne de Cognito"),
        cause: t(
            "Cognito failed while handling the request; nothing in the request is known to be wrong.",
            "Cognito a échoué en traitant la requête ; rien n’indique que la requête soit fautive.",
        ),
        fix: t(
            "Retry after a short pause. If it persists, check the AWS Health Dashboard for the region.",
            "Réessayez après une courte pause. Si cela persiste, consultez le tableau de bord AWS Health de la région.",
        ),
    },
    Entry {
        id: "service-unavailable",
        code: "ServiceUnavailableException",
        theme: Theme::Service,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t("Cognito is unavailable", "Cognito est indisponible"),
        cause: t(
            "The service could not take the request for the moment.",
            "Le service n’a pas pu prendre la requête pour le moment.",
        ),
        fix: t("Retry after a pause.", "Réessayez après une pause."),
    },
    Entry {
        id: "unknown-operation",
        code: "UnknownOperationException",
        theme: Theme::Service,
        patterns: &[],
        operations: &["AdminDeleteSoftwareToken"],
        seed_case: None,
        title: t(
            "The endpoint does not know this operation",
            "Le point de terminaison ne connaît pas cette opération",
        ),
        cause: t(
            "The endpoint answering (a region, a private endpoint or an emulator) does not offer this API operation.",
            "Le point de terminaison qui répond (une région, un point de terminaison privé ou un émulateur) ne propose pas cette opération.",
        ),
        fix: t(
            "Check the endpoint and region. To reset a user's authenticator without the operation, turn the user's TOTP off (AdminSetUserMFAPreference) so they enrol again at their next sign-in when the pool requires MFA.",
            "Vérifiez le point de terminaison et la région. Pour réinitialiser l’authentificateur d’un utilisateur sans cette opération, désactivez sa TOTP (AdminSetUserMFAPreference) pour qu’il s’enrôle de nouveau à sa prochaine connexion si le groupe exige la MFA.",
        ),
    },
];
