//! Authenticator apps (TOTP): enrolment, verification and the codes themselves.

use crate::errors::entry::{Entry, Theme, t};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "totp-not-verified",
        code: "InvalidParameterException",
        theme: Theme::Totp,
        patterns: &[
            "software_token_mfa",
            "not verified software token",
            "has not verified",
        ],
        operations: &["AdminSetUserMFAPreference", "SetUserMFAPreference"],
        seed_case: Some(9),
        title: t(
            "The user has no verified authenticator",
            "L’utilisateur n’a pas d’authentificateur vérifié",
        ),
        cause: t(
            "TOTP was turned on as a user's MFA factor before the user finished setting up an authenticator app: Cognito has no verified software token to deliver codes with.",
            "La TOTP a été activée comme facteur MFA d’un utilisateur avant qu’il ait fini de configurer une application d’authentification : Cognito n’a aucun jeton logiciel vérifié pour ce facteur.",
        ),
        fix: t(
            "Have the user enrol first (AssociateSoftwareToken, then VerifySoftwareToken with a current code), then enable TOTP with SetUserMFAPreference or AdminSetUserMFAPreference.",
            "Faites d’abord enrôler l’utilisateur (AssociateSoftwareToken, puis VerifySoftwareToken avec un code à jour), puis activez la TOTP avec SetUserMFAPreference ou AdminSetUserMFAPreference.",
        ),
    },
    Entry {
        id: "totp-enrol-code-mismatch",
        code: "EnableSoftwareTokenMFAException",
        theme: Theme::Totp,
        patterns: &[],
        operations: &["VerifySoftwareToken"],
        seed_case: Some(11),
        title: t(
            "The code does not match the new authenticator",
            "Le code ne correspond pas au nouvel authentificateur",
        ),
        cause: t(
            "While enrolling TOTP, the code sent to VerifySoftwareToken is not the one Cognito expects for the secret it just issued: the secret was entered wrongly, belongs to an older enrolment, or the code had already expired.",
            "Pendant l’enrôlement TOTP, le code envoyé à VerifySoftwareToken n’est pas celui qu’attend Cognito pour le secret qu’il vient de fournir : le secret a été mal saisi, provient d’un enrôlement précédent, ou le code avait déjà expiré.",
        ),
        fix: t(
            "Add the secret returned by the latest AssociateSoftwareToken call to the authenticator app (scan its QR code again), then send a fresh code from the app. Check the device's clock.",
            "Ajoutez à l’application d’authentification le secret renvoyé par le dernier appel AssociateSoftwareToken (scannez de nouveau son QR code), puis envoyez un code récent de l’application. Vérifiez l’horloge de l’appareil.",
        ),
    },
    Entry {
        id: "totp-disabled-in-pool",
        code: "SoftwareTokenMFANotFoundException",
        theme: Theme::Totp,
        patterns: &[],
        operations: &[
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge",
            "AdminSetUserMFAPreference",
            "SetUserMFAPreference",
        ],
        seed_case: Some(12),
        title: t(
            "TOTP is not enabled in this user pool",
            "La TOTP n’est pas activée dans ce groupe d’utilisateurs",
        ),
        cause: t(
            "An authenticator-app (software token) call was made for a pool whose MFA configuration does not enable TOTP.",
            "Un appel lié aux applications d’authentification (jeton logiciel) a été fait pour un groupe dont la configuration MFA n’active pas la TOTP.",
        ),
        fix: t(
            "Enable TOTP in the pool's MFA configuration (SetUserPoolMfaConfig with SoftwareTokenMfaConfiguration enabled) before enrolling users or setting TOTP preferences.",
            "Activez la TOTP dans la configuration MFA du groupe (SetUserPoolMfaConfig avec SoftwareTokenMfaConfiguration activé) avant d’enrôler des utilisateurs ou de définir des préférences TOTP.",
        ),
    },
    Entry {
        id: "mfa-method-not-found",
        code: "MFAMethodNotFoundException",
        theme: Theme::Totp,
        patterns: &[],
        operations: &["RespondToAuthChallenge"],
        seed_case: None,
        title: t(
            "No MFA method available for this user",
            "Aucune méthode MFA disponible pour cet utilisateur",
        ),
        cause: t(
            "Cognito needed a second factor for this sign-in but found none it could use for the user.",
            "Cognito avait besoin d’un second facteur pour cette connexion mais n’en a trouvé aucun utilisable pour l’utilisateur.",
        ),
        fix: t(
            "Give the user a factor the pool allows: a verified phone number for SMS, a verified email for email MFA, or an authenticator app enrolled through AssociateSoftwareToken.",
            "Donnez à l’utilisateur un facteur autorisé par le groupe : un numéro de téléphone vérifié pour le SMS, un e-mail vérifié pour la MFA par e-mail, ou une application d’authentification enrôlée via AssociateSoftwareToken.",
        ),
    },
    Entry {
        id: "code-mismatch-call-order",
        code: "CodeMismatchException",
        theme: Theme::Totp,
        patterns: &["auth state"],
        operations: &["RespondToAuthChallenge"],
        seed_case: Some(7),
        title: t(
            "Wrong code, or a challenge answered out of order",
            "Code erroné, ou défi auquel on répond dans le mauvais ordre",
        ),
        cause: t(
            "Cognito did not accept the code for the user's current sign-in state. Either the code is wrong, or the calls came in an order Cognito does not expect: for example an MFA_SETUP challenge answered before TOTP was set up for the user.",
            "Cognito n’a pas accepté le code pour l’état de connexion actuel de l’utilisateur. Soit le code est erroné, soit les appels sont arrivés dans un ordre inattendu : par exemple un défi MFA_SETUP auquel on répond avant que la TOTP soit configurée pour l’utilisateur.",
        ),
        fix: t(
            "Follow the order of the MFA set-up flow: InitiateAuth, AssociateSoftwareToken, VerifySoftwareToken, then RespondToAuthChallenge, each with the session of the previous answer. If the order is right, see the clock entry (code-mismatch-clock-skew).",
            "Respectez l’ordre du flux de configuration MFA : InitiateAuth, AssociateSoftwareToken, VerifySoftwareToken, puis RespondToAuthChallenge, chacun avec la session de la réponse précédente. Si l’ordre est bon, voyez l’entrée sur l’horloge (code-mismatch-clock-skew).",
        ),
    },
    Entry {
        id: "code-mismatch-clock-skew",
        code: "CodeMismatchException",
        theme: Theme::Totp,
        patterns: &["mfa code mismatch", "code mismatch", "too old"],
        operations: &["RespondToAuthChallenge", "VerifySoftwareToken"],
        seed_case: Some(8),
        title: t(
            "The one-time code is too old (clock out of sync)",
            "Le code à usage unique est trop ancien (horloge désynchronisée)",
        ),
        cause: t(
            "Cognito refused the TOTP code because it belongs to a time window it no longer accepts: the device that computed it has a clock that is off, or the code was typed after it expired.",
            "Cognito a refusé le code TOTP car il appartient à une fenêtre de temps qu’il n’accepte plus : l’appareil qui l’a calculé a une horloge décalée, ou le code a été saisi après son expiration.",
        ),
        fix: t(
            "Synchronise the device's clock with real time (Kairos shows its measured offset on the Time page and corrects its own codes), then send a fresh code.",
            "Synchronisez l’horloge de l’appareil avec l’heure réelle (Kairos affiche le décalage mesuré sur la page Heure et corrige ses propres codes), puis envoyez un code récent.",
        ),
    },
    Entry {
        id: "code-mismatch-verification-code",
        code: "CodeMismatchException",
        theme: Theme::Totp,
        patterns: &["invalid code received", "invalid verification code"],
        operations: &[
            "ConfirmSignUp",
            "ConfirmForgotPassword",
            "VerifyUserAttribute",
        ],
        seed_case: None,
        title: t("Wrong confirmation code", "Code de confirmation erroné"),
        cause: t(
            "The code sent by email or SMS to confirm an account, an attribute or a password reset was not the expected one.",
            "Le code envoyé par e-mail ou SMS pour confirmer un compte, un attribut ou une réinitialisation de mot de passe n’est pas celui attendu.",
        ),
        fix: t(
            "Use the latest code received (asking for a new one voids the previous), typed exactly.",
            "Utilisez le dernier code reçu (en demander un nouveau annule le précédent), saisi exactement.",
        ),
    },
];
