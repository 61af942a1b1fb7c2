//! Sign-in sessions (the `Session` string chained between calls) and tokens.

use crate::errors::entry::{Entry, Theme, t};

const SESSION_CALLS: &[&str] = &[
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
];

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "token-missing-admin-scope",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &["required scope", "aws.cognito.signin.user.admin", "scopes"],
        operations: &[
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "SetUserMFAPreference",
            "GetUser",
        ],
        seed_case: Some(4),
        title: t(
            "The access token lacks the aws.cognito.signin.user.admin scope",
            "Le jeton d’accès n’a pas la portée aws.cognito.signin.user.admin",
        ),
        cause: t(
            "Calls a user makes about their own account, such as AssociateSoftwareToken, need an access token carrying the aws.cognito.signin.user.admin scope. Tokens from InitiateAuth always carry it; tokens from the hosted UI or managed login carry it only if the app client asks for it.",
            "Les appels qu’un utilisateur fait sur son propre compte, comme AssociateSoftwareToken, exigent un jeton d’accès portant la portée aws.cognito.signin.user.admin. Les jetons obtenus par InitiateAuth la portent toujours ; ceux de l’interface hébergée ou de la connexion gérée seulement si le client d’application la demande.",
        ),
        fix: t(
            "Allow the aws.cognito.signin.user.admin scope in the app client's OAuth settings and request it at sign-in, then use the new access token.",
            "Autorisez la portée aws.cognito.signin.user.admin dans les paramètres OAuth du client d’application et demandez-la à la connexion, puis utilisez le nouveau jeton d’accès.",
        ),
    },
    Entry {
        id: "session-used-twice",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &["only be used once", "used once"],
        operations: SESSION_CALLS,
        seed_case: Some(5),
        title: t(
            "A sign-in session was used twice",
            "Une session de connexion a été utilisée deux fois",
        ),
        cause: t(
            "Each Session string Cognito returns is good for exactly one call; it was sent a second time (a retry, a double click, two tabs).",
            "Chaque chaîne Session renvoyée par Cognito ne vaut que pour un seul appel ; elle a été envoyée une seconde fois (nouvelle tentative, double clic, deux onglets).",
        ),
        fix: t(
            "Restart the flow from InitiateAuth, and send each call the Session from the answer just before it, once.",
            "Recommencez le flux depuis InitiateAuth, et envoyez à chaque appel la Session de la réponse qui le précède, une seule fois.",
        ),
    },
    Entry {
        id: "session-expired",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &[
            "session is expired",
            "session has expired",
            "session expired",
        ],
        operations: SESSION_CALLS,
        seed_case: Some(6),
        title: t(
            "The sign-in session expired",
            "La session de connexion a expiré",
        ),
        cause: t(
            "Each step of a sign-in (a challenge such as entering a TOTP code) must be completed before the session expires: 3 minutes by default.",
            "Chaque étape d’une connexion (un défi comme la saisie d’un code TOTP) doit être terminée avant l’expiration de la session : 3 minutes par défaut.",
        ),
        fix: t(
            "Restart the sign-in. If users need more time, raise the app client's authentication flow session duration (AuthSessionValidity) up to 15 minutes.",
            "Recommencez la connexion. Si les utilisateurs ont besoin de plus de temps, augmentez la durée de session du flux d’authentification du client d’application (AuthSessionValidity), jusqu’à 15 minutes.",
        ),
    },
    Entry {
        id: "session-invalid",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &["invalid session"],
        operations: SESSION_CALLS,
        seed_case: Some(10),
        title: t(
            "Wrong session, or calls out of order",
            "Mauvaise session, ou appels dans le désordre",
        ),
        cause: t(
            "The Session sent is not the one Cognito expects at this step: it comes from another flow or user, was altered, or the calls were made out of order.",
            "La Session envoyée n’est pas celle qu’attend Cognito à cette étape : elle vient d’un autre flux ou utilisateur, a été modifiée, ou les appels ont été faits dans le désordre.",
        ),
        fix: t(
            "Make the calls in order, starting with InitiateAuth, and pass each call the Session returned by the previous answer.",
            "Faites les appels dans l’ordre, en commençant par InitiateAuth, et passez à chaque appel la Session renvoyée par la réponse précédente.",
        ),
    },
    Entry {
        id: "access-token-expired",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &[
            "access token has expired",
            "token has expired",
            "token is expired",
        ],
        operations: &[
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "SetUserMFAPreference",
            "GetUser",
        ],
        seed_case: None,
        title: t("The access token expired", "Le jeton d’accès a expiré"),
        cause: t(
            "Access tokens are valid for a limited time (one hour by default); this one is past it.",
            "Les jetons d’accès ont une durée de validité limitée (une heure par défaut) ; celui-ci l’a dépassée.",
        ),
        fix: t(
            "Get new tokens with InitiateAuth and the REFRESH_TOKEN_AUTH flow, or sign in again.",
            "Obtenez de nouveaux jetons avec InitiateAuth et le flux REFRESH_TOKEN_AUTH, ou reconnectez-vous.",
        ),
    },
    Entry {
        id: "token-revoked",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &["revoked"],
        operations: &["InitiateAuth", "GetUser", "AssociateSoftwareToken"],
        seed_case: None,
        title: t("The token was revoked", "Le jeton a été révoqué"),
        cause: t(
            "The user signed out everywhere, an administrator signed the user out, or the refresh token was revoked.",
            "L’utilisateur s’est déconnecté partout, un administrateur l’a déconnecté, ou le jeton d’actualisation a été révoqué.",
        ),
        fix: t("Sign in again.", "Reconnectez-vous."),
    },
    Entry {
        id: "token-invalid",
        code: "NotAuthorizedException",
        theme: Theme::Session,
        patterns: &[
            "invalid access token",
            "invalid refresh token",
            "invalid token",
        ],
        operations: &[
            "InitiateAuth",
            "GetUser",
            "AssociateSoftwareToken",
            "SetUserMFAPreference",
        ],
        seed_case: None,
        title: t("The token is not valid", "Le jeton n’est pas valide"),
        cause: t(
            "The token sent is malformed, was issued by another user pool or app client, or is not the kind of token the call expects (an ID token where an access token is needed).",
            "Le jeton envoyé est mal formé, a été émis par un autre groupe d’utilisateurs ou client d’application, ou n’est pas du type attendu (un jeton d’identité à la place d’un jeton d’accès).",
        ),
        fix: t(
            "Send the access token from the latest sign-in against this pool and app client.",
            "Envoyez le jeton d’accès de la dernière connexion à ce groupe et à ce client d’application.",
        ),
    },
    Entry {
        id: "code-expired",
        code: "ExpiredCodeException",
        theme: Theme::Session,
        patterns: &[],
        operations: &[
            "RespondToAuthChallenge",
            "ConfirmSignUp",
            "ConfirmForgotPassword",
            "VerifyUserAttribute",
        ],
        seed_case: None,
        title: t("The code expired", "Le code a expiré"),
        cause: t(
            "The code sent by email or SMS is past its validity, or a newer code replaced it.",
            "Le code envoyé par e-mail ou SMS a dépassé sa durée de validité, ou un code plus récent l’a remplacé.",
        ),
        fix: t(
            "Ask for a new code and use it promptly.",
            "Demandez un nouveau code et utilisez-le sans tarder.",
        ),
    },
];
