//! Passwords and user states met while signing in or changing a user.

use crate::errors::entry::{Entry, Theme, t};

const SIGN_IN: &[&str] = &[
    "InitiateAuth",
    "AdminInitiateAuth",
    "RespondToAuthChallenge",
];
const USER_CALLS: &[&str] = &[
    "AdminGetUser",
    "AdminSetUserMFAPreference",
    "SetUserMFAPreference",
    "VerifySoftwareToken",
    "InitiateAuth",
    "RespondToAuthChallenge",
];

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "password-attempts-exceeded",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &["password attempts exceeded"],
        operations: SIGN_IN,
        seed_case: Some(13),
        title: t(
            "Too many failed password attempts: the user is locked out for a while",
            "Trop de mots de passe erronés : l’utilisateur est bloqué un moment",
        ),
        cause: t(
            "After 5 failed password sign-ins Cognito locks the user for 1 second, then doubles the lock with each further failure: 2^(n−5) seconds after n failures, up to about 15 minutes. Attempts made during a lock-out are refused with this error and do not lengthen later locks.",
            "Après 5 connexions par mot de passe échouées, Cognito bloque l’utilisateur 1 seconde, puis double la durée à chaque nouvel échec : 2^(n−5) secondes après n échecs, jusqu’à environ 15 minutes. Les tentatives faites pendant un blocage sont refusées avec cette erreur et n’allongent pas les blocages suivants.",
        ),
        fix: t(
            "Wait for the lock to end, then sign in with the right password: a success resets the count, as do 15 minutes without any attempt. An administrator can also reset the password (AdminSetUserPassword).",
            "Attendez la fin du blocage, puis connectez-vous avec le bon mot de passe : une réussite remet le compteur à zéro, tout comme 15 minutes sans aucune tentative. Un administrateur peut aussi réinitialiser le mot de passe (AdminSetUserPassword).",
        ),
    },
    Entry {
        id: "wrong-password",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &["incorrect username or password"],
        operations: SIGN_IN,
        seed_case: None,
        title: t(
            "Wrong user name or password",
            "Nom d’utilisateur ou mot de passe erroné",
        ),
        cause: t(
            "The password does not match (Cognito gives the same answer for an unknown user when user-existence errors are hidden). Each failure counts towards the lock-out.",
            "Le mot de passe ne correspond pas (Cognito donne la même réponse pour un utilisateur inconnu quand les erreurs d’existence sont masquées). Chaque échec compte pour le blocage.",
        ),
        fix: t(
            "Check the user name and password; after several failures, wait or reset the password rather than trying again.",
            "Vérifiez le nom d’utilisateur et le mot de passe ; après plusieurs échecs, attendez ou réinitialisez le mot de passe plutôt que de réessayer.",
        ),
    },
    Entry {
        id: "user-disabled",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &["user is disabled"],
        operations: SIGN_IN,
        seed_case: None,
        title: t("The user is disabled", "L’utilisateur est désactivé"),
        cause: t(
            "An administrator disabled this user, so Cognito refuses every sign-in.",
            "Un administrateur a désactivé cet utilisateur : Cognito refuse toute connexion.",
        ),
        fix: t(
            "Enable the user again (AdminEnableUser) if they should have access.",
            "Réactivez l’utilisateur (AdminEnableUser) s’il doit avoir accès.",
        ),
    },
    Entry {
        id: "secret-hash-mismatch",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &["secret hash", "secret_hash"],
        operations: SIGN_IN,
        seed_case: None,
        title: t(
            "Wrong or missing SECRET_HASH",
            "SECRET_HASH erroné ou absent",
        ),
        cause: t(
            "The app client has a client secret, so each call must carry SECRET_HASH computed from the user name, the client id and that secret; it was missing or computed with other values.",
            "Le client d’application a un secret client : chaque appel doit porter un SECRET_HASH calculé à partir du nom d’utilisateur, de l’identifiant du client et de ce secret ; il manquait ou a été calculé avec d’autres valeurs.",
        ),
        fix: t(
            "Compute SECRET_HASH as Base64(HMAC-SHA256(client secret, user name + client id)) with the same user name as in the call, or use an app client without a secret for public apps.",
            "Calculez SECRET_HASH comme Base64(HMAC-SHA256(secret client, nom d’utilisateur + identifiant du client)) avec le même nom d’utilisateur que dans l’appel, ou utilisez un client d’application sans secret pour les applications publiques.",
        ),
    },
    Entry {
        id: "temporary-password-expired",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &[
            "temporary password has expired",
            "contact administrator to reset password",
        ],
        operations: SIGN_IN,
        seed_case: None,
        title: t(
            "The temporary password expired",
            "Le mot de passe temporaire a expiré",
        ),
        cause: t(
            "The user was created by an administrator and did not sign in before the temporary password's validity ran out.",
            "L’utilisateur a été créé par un administrateur et ne s’est pas connecté avant la fin de validité du mot de passe temporaire.",
        ),
        fix: t(
            "Send a new invitation (AdminCreateUser with MessageAction RESEND) or set a new password with AdminSetUserPassword.",
            "Renvoyez une invitation (AdminCreateUser avec MessageAction RESEND) ou définissez un nouveau mot de passe avec AdminSetUserPassword.",
        ),
    },
    Entry {
        id: "not-authorized",
        code: "NotAuthorizedException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: &["every operation"],
        seed_case: None,
        title: t("Cognito refused the request", "Cognito a refusé la requête"),
        cause: t(
            "Cognito uses this code for many refusals: a wrong password, a disabled user, a bad or expired session or token, a missing scope, a flow the app client does not allow. Its message says which.",
            "Cognito utilise ce code pour de nombreux refus : mot de passe erroné, utilisateur désactivé, session ou jeton invalide ou expiré, portée manquante, flux non autorisé par le client d’application. Son message précise lequel.",
        ),
        fix: t(
            "Paste the whole message on the Troubleshoot page (or into `kairos explain`) to get the matching case.",
            "Collez le message complet dans la page Dépannage (ou dans `kairos explain`) pour obtenir le cas correspondant.",
        ),
    },
    Entry {
        id: "user-not-found",
        code: "UserNotFoundException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: USER_CALLS,
        seed_case: None,
        title: t("No such user", "Utilisateur introuvable"),
        cause: t(
            "No user with this user name (or alias) exists in the pool, or it was deleted.",
            "Aucun utilisateur portant ce nom (ou cet alias) n’existe dans le groupe, ou il a été supprimé.",
        ),
        fix: t(
            "Check the user name and the pool; list users to find the exact name (user names may be case-sensitive).",
            "Vérifiez le nom d’utilisateur et le groupe ; listez les utilisateurs pour trouver le nom exact (les noms peuvent être sensibles à la casse).",
        ),
    },
    Entry {
        id: "user-not-confirmed",
        code: "UserNotConfirmedException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: USER_CALLS,
        seed_case: None,
        title: t(
            "The user is not confirmed",
            "L’utilisateur n’est pas confirmé",
        ),
        cause: t(
            "The user signed up but never confirmed the account with the code they were sent.",
            "L’utilisateur s’est inscrit mais n’a jamais confirmé son compte avec le code reçu.",
        ),
        fix: t(
            "Have the user confirm with ConfirmSignUp (ResendConfirmationCode for a new code), or confirm them as an administrator with AdminConfirmSignUp.",
            "Faites confirmer l’utilisateur avec ConfirmSignUp (ResendConfirmationCode pour un nouveau code), ou confirmez-le en tant qu’administrateur avec AdminConfirmSignUp.",
        ),
    },
    Entry {
        id: "password-reset-required",
        code: "PasswordResetRequiredException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: USER_CALLS,
        seed_case: None,
        title: t(
            "The user must reset their password",
            "L’utilisateur doit réinitialiser son mot de passe",
        ),
        cause: t(
            "An administrator (or an import) required a password reset; the user cannot sign in or change MFA until it is done.",
            "Un administrateur (ou une importation) a exigé une réinitialisation du mot de passe ; l’utilisateur ne peut ni se connecter ni changer sa MFA avant de l’avoir faite.",
        ),
        fix: t(
            "Have the user run the forgotten-password flow (ForgotPassword, then ConfirmForgotPassword).",
            "Faites suivre à l’utilisateur le parcours de mot de passe oublié (ForgotPassword, puis ConfirmForgotPassword).",
        ),
    },
    Entry {
        id: "invalid-password",
        code: "InvalidPasswordException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: &[
            "RespondToAuthChallenge",
            "SignUp",
            "AdminSetUserPassword",
            "ChangePassword",
            "ConfirmForgotPassword",
        ],
        seed_case: None,
        title: t(
            "The password does not meet the pool's policy",
            "Le mot de passe ne respecte pas la politique du groupe",
        ),
        cause: t(
            "The new password is too short or lacks a kind of character the pool's password policy requires.",
            "Le nouveau mot de passe est trop court ou il lui manque un type de caractère exigé par la politique de mots de passe du groupe.",
        ),
        fix: t(
            "Choose a password that meets the policy shown in the pool's settings (length, digits, symbols, upper and lower case).",
            "Choisissez un mot de passe conforme à la politique du groupe (longueur, chiffres, symboles, majuscules et minuscules).",
        ),
    },
    Entry {
        id: "password-reused",
        code: "PasswordHistoryPolicyViolationException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: &[
            "RespondToAuthChallenge",
            "ChangePassword",
            "ConfirmForgotPassword",
            "AdminSetUserPassword",
        ],
        seed_case: None,
        title: t(
            "The password was used before",
            "Ce mot de passe a déjà été utilisé",
        ),
        cause: t(
            "The pool keeps a password history and the new password is one of the user's recent ones.",
            "Le groupe conserve un historique des mots de passe et le nouveau figure parmi les derniers de l’utilisateur.",
        ),
        fix: t(
            "Choose a password the user has not used recently.",
            "Choisissez un mot de passe que l’utilisateur n’a pas utilisé récemment.",
        ),
    },
    Entry {
        id: "alias-exists",
        code: "AliasExistsException",
        theme: Theme::SignIn,
        patterns: &[],
        operations: &[
            "RespondToAuthChallenge",
            "ConfirmSignUp",
            "AdminUpdateUserAttributes",
        ],
        seed_case: None,
        title: t(
            "Another user already has this email or phone number",
            "Un autre utilisateur a déjà cet e-mail ou ce numéro",
        ),
        cause: t(
            "The email or phone number is used as a sign-in alias and already belongs to another user of the pool.",
            "L’e-mail ou le numéro sert d’alias de connexion et appartient déjà à un autre utilisateur du groupe.",
        ),
        fix: t(
            "Use another address or number, or remove it from the other user first.",
            "Utilisez une autre adresse ou un autre numéro, ou retirez-le d’abord de l’autre utilisateur.",
        ),
    },
];
