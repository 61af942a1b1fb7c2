//! The error shape every Kairos crate shows to people: a stable code, a message
//! and a hint, each text in the reader's language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::otp::AccountId;
use crate::uri::UriPart;
use crate::vault::{AccountField, AccountProblem, ProtectionKind};

/// An error a person can act on. Codes are stable (`area.reason`): scripts,
/// tests and the UI match on them; the texts may change.
pub trait UserFacing: std::error::Error {
    fn code(&self) -> &'static str;
    fn message(&self, locale: Locale) -> String;
    /// What to do about it, when there is something to do.
    fn hint(&self, locale: Locale) -> Option<String>;

    /// The id of an error catalogue entry explaining this error at length (the app links
    /// to it from the error, `kairos explain ID` prints it); `None` for most errors.
    fn help_id(&self) -> Option<&'static str> {
        None
    }

    fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.message(locale),
            hint: self.hint(locale),
            help: self.help_id().map(str::to_owned),
        }
    }
}

/// The wire form of an error: what the window receives and `--json` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
    /// Error catalogue entry id (`session-expired`) with the long explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl ErrorReport {
    /// One line for a terminal: `error[code]: message — hint`.
    pub fn one_line(&self) -> String {
        match &self.hint {
            Some(hint) => format!("error[{}]: {} — {}", self.code, self.message, hint),
            None => format!("error[{}]: {}", self.code, self.message),
        }
    }
}

/// Errors of the core library.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("cannot use data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no home folder to keep data in")]
    NoHomeDirectory,

    // otp and uri
    #[error("{digits} digits is outside {min}..={max}")]
    OtpDigits { digits: u8, min: u8, max: u8 },
    #[error("the period is 0 seconds")]
    OtpPeriod,
    #[error("the secret cannot key the HMAC")]
    OtpKey,
    #[error("not an otpauth:// URI")]
    UriScheme,
    #[error("the URI has no secret")]
    UriSecretMissing,
    /// `position` counts characters of the secret as written, from 1.
    #[error("the secret is not base32: {character:?} at position {position}")]
    UriSecretInvalid { position: usize, character: char },
    #[error("unknown OTP type {found:?}")]
    UriType { found: String },
    #[error("unknown algorithm {found:?}")]
    UriAlgorithm { found: String },
    #[error("digits {found:?} is not 6 to 10")]
    UriDigits { found: String },
    #[error("period {found:?} is not a whole number of seconds from 1")]
    UriPeriod { found: String },
    #[error("an HOTP URI without counter")]
    UriCounterMissing,
    #[error("counter {found:?} is not a whole number")]
    UriCounterInvalid { found: String },
    #[error("bad percent-encoding or UTF-8 in {part:?}")]
    UriEncoding { part: UriPart },
    #[error("{part:?} longer than {limit}")]
    UriTooLong { part: UriPart, limit: usize },
    // vault
    #[error("no vault in {}", dir.display())]
    VaultNotFound { dir: PathBuf },
    #[error("a vault already exists in {}", dir.display())]
    VaultAlreadyExists { dir: PathBuf },
    #[error("no account {} in the vault", id.0)]
    VaultAccountNotFound { id: AccountId },
    #[error("vault is corrupt{}: {reason}", corrupt_account_suffix(account))]
    VaultCorrupt {
        /// The account whose row failed, with its display name.
        account: Option<(AccountId, String)>,
        /// What exactly failed, for the log and bug reports (English).
        reason: String,
    },
    #[error("vault database {}: {source}", path.display())]
    VaultDatabase {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("vault {} has schema version {version}, newer than this Kairos", path.display())]
    VaultTooNew { path: PathBuf, version: i64 },
    #[error("system keyring unavailable: {detail}")]
    VaultKeyringUnavailable { detail: String },
    #[error("the keyring has no key for this vault ({entry})")]
    VaultKeyMissing { entry: String },
    #[error("wrong vault password")]
    VaultWrongPassword,
    #[error("empty vault password")]
    VaultEmptyPassword,
    #[error("the vault is protected by {}", protection.as_str())]
    VaultUnlockMismatch { protection: ProtectionKind },
    #[error("invalid account: {problem:?}")]
    VaultInvalidAccount { problem: AccountProblem },
    #[error("account {} is not HOTP", id.0)]
    VaultNotHotp { id: AccountId },
    #[error("account {} appears twice in the new order", id.0)]
    VaultDuplicateInOrder { id: AccountId },
    #[error("setting {name} = {value} is out of range 0..={max}")]
    VaultInvalidSetting {
        name: &'static str,
        value: u32,
        max: u32,
    },
    #[error("no randomness from the operating system: {detail}")]
    VaultRandom { detail: String },
    #[error("vault operation interrupted by shutdown")]
    VaultInterrupted,
    // time
    #[error("no time server configured")]
    TimeNoServer,
    #[error("time server {server:?} is not host[:port]")]
    TimeBadServer { server: String },
    #[error("cannot keep the clock offset in {}: {detail}", path.display())]
    TimePersist { path: PathBuf, detail: String },
    #[error("warning threshold {value} s is out of range")]
    TimeThreshold { value: u32 },
    #[error("network time is turned off")]
    TimeDisabled,
    // qr
    #[error("cannot read image {}: {detail}", path.display())]
    QrImageUnreadable { path: PathBuf, detail: String },
    #[error("no QR code found in {origin}")]
    QrNotFound { origin: String },
    #[error("a {width}×{height} frame cannot hold {bytes} bytes")]
    QrFrameInvalid {
        width: u32,
        height: u32,
        bytes: usize,
    },
}

fn corrupt_account_suffix(account: &Option<(AccountId, String)>) -> String {
    match account {
        Some((id, name)) => format!(" (account {} {name})", id.0),
        None => String::new(),
    }
}

impl UserFacing for CoreError {
    fn code(&self) -> &'static str {
        match self {
            CoreError::DataDir { .. } => "data_dir.unavailable",
            CoreError::NoHomeDirectory => "data_dir.no_home",
            // otp and uri
            CoreError::OtpDigits { .. } => "otp.digits",
            CoreError::OtpPeriod => "otp.period",
            CoreError::OtpKey => "otp.key",
            CoreError::UriScheme => "uri.scheme",
            CoreError::UriSecretMissing => "uri.secret_missing",
            CoreError::UriSecretInvalid { .. } => "uri.secret_invalid",
            CoreError::UriType { .. } => "uri.type",
            CoreError::UriAlgorithm { .. } => "uri.algorithm",
            CoreError::UriDigits { .. } => "uri.digits",
            CoreError::UriPeriod { .. } => "uri.period",
            CoreError::UriCounterMissing => "uri.counter_missing",
            CoreError::UriCounterInvalid { .. } => "uri.counter_invalid",
            CoreError::UriEncoding { .. } => "uri.encoding",
            CoreError::UriTooLong { .. } => "uri.too_long",
            // vault
            CoreError::VaultNotFound { .. } => "vault.not_found",
            CoreError::VaultAlreadyExists { .. } => "vault.already_exists",
            CoreError::VaultAccountNotFound { .. } => "vault.account_not_found",
            CoreError::VaultCorrupt { .. } => "vault.corrupt",
            CoreError::VaultDatabase { .. } => "vault.database",
            CoreError::VaultTooNew { .. } => "vault.too_new",
            CoreError::VaultKeyringUnavailable { .. } => "vault.keyring_unavailable",
            CoreError::VaultKeyMissing { .. } => "vault.key_missing",
            CoreError::VaultWrongPassword => "vault.wrong_password",
            CoreError::VaultEmptyPassword => "vault.empty_password",
            CoreError::VaultUnlockMismatch { .. } => "vault.unlock_mismatch",
            CoreError::VaultInvalidAccount { .. } => "vault.invalid_account",
            CoreError::VaultNotHotp { .. } => "vault.not_hotp",
            CoreError::VaultDuplicateInOrder { .. } => "vault.invalid_order",
            CoreError::VaultInvalidSetting { .. } => "vault.invalid_setting",
            CoreError::VaultRandom { .. } => "vault.random_unavailable",
            CoreError::VaultInterrupted => "vault.interrupted",
            // time
            CoreError::TimeNoServer => "time.no_server",
            CoreError::TimeBadServer { .. } => "time.bad_server",
            CoreError::TimePersist { .. } => "time.persist",
            CoreError::TimeThreshold { .. } => "time.threshold",
            CoreError::TimeDisabled => "time.disabled",
            // qr
            CoreError::QrImageUnreadable { .. } => "qr.image_unreadable",
            CoreError::QrNotFound { .. } => "qr.not_found",
            CoreError::QrFrameInvalid { .. } => "qr.frame_invalid",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            CoreError::DataDir { path, source } => locale.pick(
                format!("Cannot use the data folder {}: {source}.", path.display()),
                format!(
                    "Impossible d’utiliser le dossier de données {} : {source}.",
                    path.display()
                ),
            ),
            CoreError::NoHomeDirectory => locale.pick(
                "No home folder was found to keep Kairos's data in.".to_owned(),
                "Aucun dossier personnel où ranger les données de Kairos.".to_owned(),
            ),
            // otp and uri
            CoreError::OtpDigits { digits, min, max } if min == max => locale.pick(
                format!("Codes of this kind have exactly {min} characters, not {digits}."),
                format!("Les codes de ce type ont exactement {min} caractères, et non {digits}."),
            ),
            CoreError::OtpDigits { digits, min, max } => locale.pick(
                format!("Codes cannot have {digits} digits: they have {min} to {max}."),
                format!("Un code ne peut pas avoir {digits} chiffres : il en a de {min} à {max}."),
            ),
            CoreError::OtpPeriod => locale.pick(
                "A period of 0 seconds is not possible: codes last at least 1 second.".to_owned(),
                "Une période de 0 seconde est impossible : un code dure au moins 1 seconde."
                    .to_owned(),
            ),
            CoreError::OtpKey => locale.pick(
                "This account's secret cannot be used to compute codes.".to_owned(),
                "Le secret de ce compte ne permet pas de calculer de codes.".to_owned(),
            ),
            CoreError::UriScheme => locale.pick(
                "This is not an otpauth:// link, so it holds no authenticator account.".to_owned(),
                "Ce n’est pas un lien otpauth:// : il ne contient aucun compte d’authentification."
                    .to_owned(),
            ),
            CoreError::UriSecretMissing => locale.pick(
                "The link has no secret, so no code can be computed from it.".to_owned(),
                "Le lien ne contient pas de secret : aucun code ne peut en être calculé."
                    .to_owned(),
            ),
            CoreError::UriSecretInvalid {
                position,
                character,
            } => locale.pick(
                format!(
                    "The secret is not valid base32: character {position}, “{character}”, is not allowed."
                ),
                format!(
                    "Le secret n’est pas en base32 valide : le caractère n° {position}, « {character} », n’est pas autorisé."
                ),
            ),
            CoreError::UriType { found } => locale.pick(
                format!("Unknown code type “{found}”: Kairos reads totp, hotp and steam."),
                format!("Type de code inconnu « {found} » : Kairos lit totp, hotp et steam."),
            ),
            CoreError::UriAlgorithm { found } => locale.pick(
                format!("Unknown algorithm “{found}”: Kairos supports SHA1, SHA256 and SHA512."),
                format!(
                    "Algorithme inconnu « {found} » : Kairos prend en charge SHA1, SHA256 et SHA512."
                ),
            ),
            CoreError::UriDigits { found } => locale.pick(
                format!("“{found}” is not a valid number of digits: codes have 6 to 10."),
                format!(
                    "« {found} » n’est pas un nombre de chiffres valide : un code en a de 6 à 10."
                ),
            ),
            CoreError::UriPeriod { found } => locale.pick(
                format!(
                    "“{found}” is not a valid period: it must be a whole number of seconds, at least 1."
                ),
                format!(
                    "« {found} » n’est pas une période valide : il faut un nombre entier de secondes, au moins 1."
                ),
            ),
            CoreError::UriCounterMissing => locale.pick(
                "This counter-based (HOTP) link does not give its counter.".to_owned(),
                "Ce lien à compteur (HOTP) n’indique pas son compteur.".to_owned(),
            ),
            CoreError::UriCounterInvalid { found } => locale.pick(
                format!("“{found}” is not a valid counter: it must be a whole number from 0 to {}.", u64::MAX),
                format!("« {found} » n’est pas un compteur valide : il faut un nombre entier de 0 à {}.", u64::MAX),
            ),
            CoreError::UriEncoding { part } => {
                let part = capitalised(part.name(locale));
                locale.pick(
                    format!("{part} is badly encoded."),
                    format!("{part} est mal encodé."),
                )
            }
            CoreError::UriTooLong { part, limit } => {
                let unit = part.length_unit(locale);
                let part = capitalised(part.name(locale));
                locale.pick(
                    format!("{part} is too long: the limit is {limit} {unit}."),
                    format!("{part} est trop long : la limite est de {limit} {unit}."),
                )
            }
            // vault
            CoreError::VaultNotFound { dir } => locale.pick(
                format!("There is no vault in {} yet.", dir.display()),
                format!("Il n’y a pas encore de coffre dans {}.", dir.display()),
            ),
            CoreError::VaultAlreadyExists { dir } => locale.pick(
                format!("A vault already exists in {}.", dir.display()),
                format!("Un coffre existe déjà dans {}.", dir.display()),
            ),
            CoreError::VaultAccountNotFound { id } => locale.pick(
                format!("There is no account #{} in the vault.", id.0),
                format!("Il n’y a pas de compte n° {} dans le coffre.", id.0),
            ),
            CoreError::VaultCorrupt {
                account: Some((id, name)),
                reason,
            } => locale.pick(
                format!(
                    "Account #{} “{name}” cannot be decrypted: its stored data was altered or damaged ({reason}).",
                    id.0
                ),
                format!(
                    "Le compte n° {} « {name} » ne peut pas être déchiffré : ses données enregistrées ont été modifiées ou abîmées ({reason}).",
                    id.0
                ),
            ),
            CoreError::VaultCorrupt {
                account: None,
                reason,
            } => locale.pick(
                format!("The vault is damaged or was altered: {reason}."),
                format!("Le coffre est abîmé ou a été modifié : {reason}."),
            ),
            CoreError::VaultDatabase { path, source } => locale.pick(
                format!("The vault database {} failed: {source}.", path.display()),
                format!(
                    "La base de données du coffre {} a échoué : {source}.",
                    path.display()
                ),
            ),
            CoreError::VaultTooNew { path, version } => locale.pick(
                format!(
                    "The vault {} was written by a newer Kairos (schema version {version}).",
                    path.display()
                ),
                format!(
                    "Le coffre {} a été écrit par une version plus récente de Kairos (schéma version {version}).",
                    path.display()
                ),
            ),
            CoreError::VaultKeyringUnavailable { detail } => locale.pick(
                format!("The system keyring cannot be used: {detail}."),
                format!("Le trousseau du système est inutilisable : {detail}."),
            ),
            CoreError::VaultKeyMissing { entry } => locale.pick(
                format!("The system keyring holds no key for this vault ({entry})."),
                format!("Le trousseau du système ne contient aucune clé pour ce coffre ({entry})."),
            ),
            CoreError::VaultWrongPassword => locale.pick(
                "Wrong vault password.".to_owned(),
                "Mot de passe du coffre incorrect.".to_owned(),
            ),
            CoreError::VaultEmptyPassword => locale.pick(
                "The vault password cannot be empty.".to_owned(),
                "Le mot de passe du coffre ne peut pas être vide.".to_owned(),
            ),
            CoreError::VaultUnlockMismatch { protection } => match protection {
                ProtectionKind::Keyring => locale.pick(
                    "This vault is protected by the system keyring, not by a password.",
                    "Ce coffre est protégé par le trousseau du système, pas par un mot de passe.",
                ),
                ProtectionKind::Password => locale.pick(
                    "This vault is protected by a password, not by the system keyring.",
                    "Ce coffre est protégé par un mot de passe, pas par le trousseau du système.",
                ),
            }
            .to_owned(),
            CoreError::VaultInvalidAccount { problem } => account_problem_text(problem, locale),
            CoreError::VaultNotHotp { id } => locale.pick(
                format!(
                    "Account #{} is time-based: only HOTP accounts have a counter.",
                    id.0
                ),
                format!(
                    "Le compte n° {} est basé sur le temps : seuls les comptes HOTP ont un compteur.",
                    id.0
                ),
            ),
            CoreError::VaultDuplicateInOrder { id } => locale.pick(
                format!("Account #{} appears twice in the new order.", id.0),
                format!("Le compte n° {} apparaît deux fois dans le nouvel ordre.", id.0),
            ),
            CoreError::VaultInvalidSetting { name, value, max } => locale.pick(
                format!("The setting {name} cannot be {value} (0 to {max})."),
                format!("Le réglage {name} ne peut pas valoir {value} (de 0 à {max})."),
            ),
            CoreError::VaultRandom { detail } => locale.pick(
                format!("The operating system gave no random numbers: {detail}."),
                format!("Le système d’exploitation n’a fourni aucun nombre aléatoire : {detail}."),
            ),
            CoreError::VaultInterrupted => locale.pick(
                "The vault operation was interrupted because Kairos is shutting down.".to_owned(),
                "L’opération sur le coffre a été interrompue car Kairos se ferme.".to_owned(),
            ),
            // time
            CoreError::TimeNoServer => locale.pick(
                "No time server is configured, so the clock cannot be checked.".to_owned(),
                "Aucun serveur de temps n’est configuré : l’horloge ne peut pas être vérifiée."
                    .to_owned(),
            ),
            CoreError::TimeBadServer { server } => locale.pick(
                format!("“{server}” is not a valid time server: write a host name or address, optionally followed by :port."),
                format!("« {server} » n’est pas un serveur de temps valide : indiquez un nom d’hôte ou une adresse, suivi éventuellement de :port."),
            ),
            CoreError::TimePersist { path, detail } => locale.pick(
                format!("The clock correction could not be saved in or read from {}: {detail}.", path.display()),
                format!("Impossible d’enregistrer ou de lire la correction de l’horloge dans {} : {detail}.", path.display()),
            ),
            CoreError::TimeThreshold { value } => locale.pick(
                format!("A warning threshold of {value} s is out of range: it must be between 1 s and 1 hour."),
                format!("Un seuil d’alerte de {value} s est hors limites : il doit être compris entre 1 s et 1 heure."),
            ),
            CoreError::TimeDisabled => locale.pick(
                "Network time is turned off, so Kairos does not ask any time server.".to_owned(),
                "L’heure réseau est désactivée : Kairos n’interroge aucun serveur de temps.".to_owned(),
            ),
            // qr
            CoreError::QrImageUnreadable { path, detail } => locale.pick(
                format!("Cannot read the image {}: {detail}.", path.display()),
                format!("Impossible de lire l’image {} : {detail}.", path.display()),
            ),
            CoreError::QrNotFound { origin } => locale.pick(
                format!("No QR code was found in {origin}."),
                format!("Aucun code QR n’a été trouvé dans {origin}."),
            ),
            CoreError::QrFrameInvalid {
                width,
                height,
                bytes,
            } => locale.pick(
                format!("A {width}×{height} picture cannot hold {bytes} bytes of pixels."),
                format!("Une image de {width}×{height} ne peut pas contenir {bytes} octets de pixels."),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            CoreError::DataDir { .. } => locale.pick(
                "Fix the folder's permissions, or choose another one with --data-dir or KAIROS_DATA_DIR.",
                "Corrigez les droits du dossier, ou choisissez-en un autre avec --data-dir ou KAIROS_DATA_DIR.",
            ),
            CoreError::NoHomeDirectory => locale.pick(
                "Set KAIROS_DATA_DIR to a folder Kairos may write to.",
                "Définissez KAIROS_DATA_DIR sur un dossier où Kairos peut écrire.",
            ),
            // otp and uri
            CoreError::OtpDigits { .. } => locale.pick(
                "Edit the account and choose the number of digits the service uses (usually 6).",
                "Modifiez le compte et choisissez le nombre de chiffres qu’utilise le service (6 en général).",
            ),
            CoreError::OtpPeriod => locale.pick(
                "Edit the account and set the period the service uses (usually 30 seconds).",
                "Modifiez le compte et indiquez la période qu’utilise le service (30 secondes en général).",
            ),
            CoreError::OtpKey => locale.pick(
                "Enter the secret again, or scan the service's QR code again.",
                "Saisissez de nouveau le secret, ou scannez de nouveau le QR code du service.",
            ),
            CoreError::UriScheme => locale.pick(
                "Scan the QR code the service shows when you turn on two-factor authentication, or paste its link, which starts with otpauth://.",
                "Scannez le QR code que le service affiche quand vous activez la double authentification, ou collez son lien, qui commence par otpauth://.",
            ),
            CoreError::UriSecretMissing => locale.pick(
                "Ask the service for a new QR code, or type in the secret key it shows beside the QR code.",
                "Demandez un nouveau QR code au service, ou saisissez la clé secrète qu’il affiche à côté du QR code.",
            ),
            CoreError::UriSecretInvalid { .. } => locale.pick(
                "Base32 uses only the letters A to Z and the digits 2 to 7: a 0 may be an O, a 1 an I or an L, an 8 a B.",
                "Le base32 n’utilise que les lettres de A à Z et les chiffres de 2 à 7 : un 0 est peut-être un O, un 1 un I ou un L, un 8 un B.",
            ),
            CoreError::UriType { .. } => locale.pick(
                "Check that the link starts with otpauth://totp/ or otpauth://hotp/; a service using another kind of code is not supported.",
                "Vérifiez que le lien commence par otpauth://totp/ ou otpauth://hotp/ ; les services qui utilisent un autre type de code ne sont pas pris en charge.",
            ),
            CoreError::UriAlgorithm { .. } => locale.pick(
                "Ask the service which algorithm it uses; most use SHA1.",
                "Demandez au service quel algorithme il utilise ; la plupart utilisent SHA1.",
            ),
            CoreError::UriDigits { .. } => locale.pick(
                "Check the digits parameter of the link, or leave it out for the usual 6 digits.",
                "Vérifiez le paramètre digits du lien, ou retirez-le pour avoir les 6 chiffres habituels.",
            ),
            CoreError::UriPeriod { .. } => locale.pick(
                "Check the period parameter of the link, or leave it out for the usual 30 seconds.",
                "Vérifiez le paramètre period du lien, ou retirez-le pour avoir les 30 secondes habituelles.",
            ),
            CoreError::UriCounterMissing => locale.pick(
                "Add counter=0 to the link for a new account, or the counter the service expects.",
                "Ajoutez counter=0 au lien pour un nouveau compte, ou le compteur qu’attend le service.",
            ),
            CoreError::UriCounterInvalid { .. } => locale.pick(
                "Check the counter parameter of the link: digits only, no sign or spaces.",
                "Vérifiez le paramètre counter du lien : des chiffres seulement, sans signe ni espace.",
            ),
            CoreError::UriEncoding { .. } => locale.pick(
                "Each % must be followed by two hexadecimal digits, and the text must be UTF-8: generate the link again, or enter the account by hand.",
                "Chaque % doit être suivi de deux chiffres hexadécimaux, et le texte doit être en UTF-8 : générez de nouveau le lien, ou saisissez le compte à la main.",
            ),
            CoreError::UriTooLong { part, .. } => match part {
                UriPart::Issuer | UriPart::Label => locale.pick(
                    "Shorten it; the account can be renamed once added.",
                    "Raccourcissez-le ; le compte pourra être renommé une fois ajouté.",
                ),
                UriPart::Link | UriPart::Secret => locale.pick(
                    "Check that only the QR code's link was copied: real ones are far shorter.",
                    "Vérifiez que seul le lien du QR code a été copié : les vrais sont bien plus courts.",
                ),
            },
            // vault
            CoreError::VaultNotFound { .. } => locale.pick(
                "Create a vault, protected by the system keyring or by a password, before adding accounts.",
                "Créez un coffre, protégé par le trousseau du système ou par un mot de passe, avant d’ajouter des comptes.",
            ),
            CoreError::VaultAlreadyExists { .. } => locale.pick(
                "Open it instead, or choose another data folder with --data-dir or KAIROS_DATA_DIR.",
                "Ouvrez-le plutôt, ou choisissez un autre dossier de données avec --data-dir ou KAIROS_DATA_DIR.",
            ),
            CoreError::VaultAccountNotFound { .. } => locale.pick(
                "It may have been deleted in another window: refresh the list.",
                "Il a peut-être été supprimé dans une autre fenêtre : actualisez la liste.",
            ),
            CoreError::VaultCorrupt {
                account: Some(_), ..
            } => locale.pick(
                "The other accounts are not affected. Delete this one and add it again from the service, or restore kairos.db from a backup.",
                "Les autres comptes ne sont pas touchés. Supprimez celui-ci et ajoutez-le de nouveau depuis le service, ou restaurez kairos.db depuis une sauvegarde.",
            ),
            CoreError::VaultCorrupt { account: None, .. } => locale.pick(
                "Restore kairos.db from a backup of the data folder.",
                "Restaurez kairos.db depuis une sauvegarde du dossier de données.",
            ),
            CoreError::VaultDatabase { .. } => locale.pick(
                "Check that the disk is not full and that no other program locks the file, then try again.",
                "Vérifiez que le disque n’est pas plein et qu’aucun autre programme ne verrouille le fichier, puis réessayez.",
            ),
            CoreError::VaultTooNew { .. } => locale.pick(
                "Update Kairos to open this vault.",
                "Mettez Kairos à jour pour ouvrir ce coffre.",
            ),
            CoreError::VaultKeyringUnavailable { .. } => locale.pick(
                "Start or unlock your keyring (GNOME Keyring, KWallet, Keychain…) and try again. Without a keyring, use a password-protected vault.",
                "Démarrez ou déverrouillez votre trousseau (GNOME Keyring, KWallet, Trousseau d’accès…) et réessayez. Sans trousseau, utilisez un coffre protégé par mot de passe.",
            ),
            CoreError::VaultKeyMissing { .. } => locale.pick(
                "The entry was deleted, or this vault comes from another user or computer. Restore the keyring from a backup: without the key, the accounts cannot be decrypted.",
                "L’entrée a été supprimée, ou ce coffre vient d’un autre utilisateur ou d’un autre ordinateur. Restaurez le trousseau depuis une sauvegarde : sans la clé, les comptes ne peuvent pas être déchiffrés.",
            ),
            CoreError::VaultWrongPassword => locale.pick(
                "Check the keyboard layout and Caps Lock, then try again.",
                "Vérifiez la disposition du clavier et la touche Verr. Maj, puis réessayez.",
            ),
            CoreError::VaultEmptyPassword => locale.pick(
                "Choose a long passphrase you will remember: it cannot be recovered if lost.",
                "Choisissez une longue phrase de passe dont vous vous souviendrez : elle ne peut pas être récupérée en cas d’oubli.",
            ),
            CoreError::VaultUnlockMismatch { protection } => match protection {
                ProtectionKind::Keyring => locale.pick(
                    "Open it without a password.",
                    "Ouvrez-le sans mot de passe.",
                ),
                ProtectionKind::Password => locale.pick(
                    "Enter the vault's password to open it.",
                    "Saisissez le mot de passe du coffre pour l’ouvrir.",
                ),
            },
            CoreError::VaultInvalidAccount { .. } => locale.pick(
                "Correct the account's details and try again.",
                "Corrigez les informations du compte et réessayez.",
            ),
            CoreError::VaultNotHotp { .. } => locale.pick(
                "Its code changes by itself at every period.",
                "Son code change de lui-même à chaque période.",
            ),
            CoreError::VaultDuplicateInOrder { .. } => locale.pick(
                "Refresh the list and move the account again.",
                "Actualisez la liste et déplacez de nouveau le compte.",
            ),
            CoreError::VaultInvalidSetting { .. } => locale.pick(
                "Choose a value in the range; 0 turns the feature off.",
                "Choisissez une valeur dans l’intervalle ; 0 désactive la fonction.",
            ),
            CoreError::VaultRandom { .. } => locale.pick(
                "Nothing was written. Try again, and report it if it happens again.",
                "Rien n’a été écrit. Réessayez, et signalez-le si cela se reproduit.",
            ),
            CoreError::VaultInterrupted => locale.pick(
                "Start Kairos again: changes already saved are kept.",
                "Relancez Kairos : les modifications déjà enregistrées sont conservées.",
            ),
            // time
            CoreError::TimeNoServer => locale.pick(
                "Add at least one NTP server, such as pool.ntp.org.",
                "Ajoutez au moins un serveur NTP, par exemple pool.ntp.org.",
            ),
            CoreError::TimeBadServer { .. } => locale.pick(
                "For example: pool.ntp.org, time.example.com:123 or [2001:db8::1]:123.",
                "Par exemple : pool.ntp.org, time.example.com:123 ou [2001:db8::1]:123.",
            ),
            CoreError::TimePersist { .. } => locale.pick(
                "Codes still use the measured time until Kairos quits; check that the data folder can be written to.",
                "Les codes utilisent quand même l’heure mesurée jusqu’à la fermeture de Kairos ; vérifiez que le dossier de données est accessible en écriture.",
            ),
            CoreError::TimeThreshold { .. } => locale.pick(
                "Five seconds is a good value: a TOTP code changes every 30 s.",
                "Cinq secondes est une bonne valeur : un code TOTP change toutes les 30 s.",
            ),
            // qr
            CoreError::QrImageUnreadable { .. } => locale.pick(
                "Choose a PNG, JPEG, WebP or GIF picture; a screenshot of the QR code works well.",
                "Choisissez une image PNG, JPEG, WebP ou GIF ; une capture d’écran du code QR convient bien.",
            ),
            CoreError::QrNotFound { .. } => locale.pick(
                "Make sure the whole code is in the picture, with a white margin around it, sharp and not too small.",
                "Vérifiez que tout le code est dans l’image, avec une marge blanche autour, net et pas trop petit.",
            ),
            CoreError::QrFrameInvalid { .. } => locale.pick(
                "The picture source is faulty: try another source, and report it.",
                "La source d’images est défaillante : essayez-en une autre, et signalez-le.",
            ),
            CoreError::TimeDisabled => locale.pick(
                "Turn network time on in the Time page to measure this computer’s clock.",
                "Activez l’heure réseau dans la page Heure pour mesurer l’horloge de cet ordinateur.",
            ),
        };
        Some(text.to_owned())
    }
}

/// The text with its first letter in upper case, for a name that starts a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// vault
fn account_problem_text(problem: &AccountProblem, locale: Locale) -> String {
    match problem {
        AccountProblem::NoName => locale.pick(
            "The account needs an issuer or a label.".to_owned(),
            "Le compte doit avoir un émetteur ou un libellé.".to_owned(),
        ),
        AccountProblem::TooLong { field, max } => {
            let (en, fr) = match field {
                AccountField::Issuer => ("issuer", "L’émetteur"),
                AccountField::Label => ("label", "Le libellé"),
                AccountField::Note => ("note", "La note"),
            };
            locale.pick(
                format!("The {en} is longer than {max} characters."),
                format!("{fr} dépasse {max} caractères."),
            )
        }
        AccountProblem::Digits(digits) => locale.pick(
            format!("Codes of {digits} digits are not supported (1 to 10)."),
            format!("Les codes à {digits} chiffres ne sont pas pris en charge (de 1 à 10)."),
        ),
        AccountProblem::Period(period) => locale.pick(
            format!("A period of {period} s is not supported (1 to 86,400 s)."),
            format!("Une période de {period} s n’est pas prise en charge (de 1 à 86 400 s)."),
        ),
        AccountProblem::CounterTooLarge => locale.pick(
            "The HOTP counter is too large.".to_owned(),
            "Le compteur HOTP est trop grand.".to_owned(),
        ),
        AccountProblem::Color(color) => locale.pick(
            format!("“{color}” is not a colour of the form #rrggbb."),
            format!("« {color} » n’est pas une couleur de la forme #rrggbb."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_is_code_message_hint() {
        let err = CoreError::NoHomeDirectory;
        let json = serde_json::to_value(err.report(Locale::En)).ok();
        let expected = serde_json::json!({
            "code": "data_dir.no_home",
            "message": "No home folder was found to keep Kairos's data in.",
            "hint": "Set KAIROS_DATA_DIR to a folder Kairos may write to.",
        });
        assert_eq!(json, Some(expected));
    }

    #[test]
    fn every_error_speaks_both_languages() {
        let errors = [
            CoreError::NoHomeDirectory,
            CoreError::DataDir {
                path: "/x".into(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            // otp and uri
            CoreError::OtpDigits {
                digits: 4,
                min: 6,
                max: 10,
            },
            CoreError::OtpDigits {
                digits: 6,
                min: 5,
                max: 5,
            },
            CoreError::OtpPeriod,
            CoreError::OtpKey,
            CoreError::UriSecretInvalid {
                position: 3,
                character: '1',
            },
            CoreError::UriTooLong {
                part: UriPart::Issuer,
                limit: 128,
            },
        ];
        for err in errors
            .into_iter()
            .chain(vault_errors())
            .chain(time_errors())
            .chain(qr_errors())
        {
            let en = err.report(Locale::En);
            let fr = err.report(Locale::Fr);
            assert_eq!(en.code, fr.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
        }
    }

    // time
    fn time_errors() -> Vec<CoreError> {
        vec![
            CoreError::TimeNoServer,
            CoreError::TimeBadServer {
                server: "host:x".into(),
            },
            CoreError::TimePersist {
                path: "/d/time.db".into(),
                detail: "read-only file system".into(),
            },
            CoreError::TimeThreshold { value: 0 },
            CoreError::TimeDisabled,
        ]
    }

    // qr
    fn qr_errors() -> Vec<CoreError> {
        vec![
            CoreError::QrImageUnreadable {
                path: "/d/x.png".into(),
                detail: "not a PNG, JPEG, WebP or GIF image".into(),
            },
            CoreError::QrNotFound {
                origin: "/d/x.png".into(),
            },
            CoreError::QrFrameInvalid {
                width: 2,
                height: 2,
                bytes: 3,
            },
        ]
    }

    #[test]
    fn qr_codes_are_namespaced() {
        for err in qr_errors() {
            assert!(err.code().starts_with("qr."), "{}", err.code());
            for locale in Locale::ALL {
                let report = err.report(locale);
                assert!(report.message.ends_with('.'), "{}", report.message);
                assert!(!report.one_line().contains('\n'));
            }
        }
    }

    #[test]
    fn time_codes_are_namespaced() {
        for err in time_errors() {
            assert!(err.code().starts_with("time."), "{}", err.code());
            for locale in Locale::ALL {
                assert!(err.report(locale).message.ends_with('.'));
            }
        }
    }

    // vault
    fn vault_errors() -> Vec<CoreError> {
        let id = AccountId(7);
        let mut errors = vec![
            CoreError::VaultNotFound { dir: "/d".into() },
            CoreError::VaultAlreadyExists { dir: "/d".into() },
            CoreError::VaultAccountNotFound { id },
            CoreError::VaultCorrupt {
                account: Some((id, "GitHub: alice".into())),
                reason: "tag mismatch".into(),
            },
            CoreError::VaultCorrupt {
                account: None,
                reason: "no key slot".into(),
            },
            CoreError::VaultDatabase {
                path: "/d/kairos.db".into(),
                source: sqlx::Error::PoolClosed,
            },
            CoreError::VaultTooNew {
                path: "/d/kairos.db".into(),
                version: 9,
            },
            CoreError::VaultKeyringUnavailable {
                detail: "no bus".into(),
            },
            CoreError::VaultKeyMissing {
                entry: "abc@app.kairos.desktop".into(),
            },
            CoreError::VaultWrongPassword,
            CoreError::VaultEmptyPassword,
            CoreError::VaultUnlockMismatch {
                protection: ProtectionKind::Keyring,
            },
            CoreError::VaultUnlockMismatch {
                protection: ProtectionKind::Password,
            },
            CoreError::VaultNotHotp { id },
            CoreError::VaultDuplicateInOrder { id },
            CoreError::VaultInvalidSetting {
                name: "clipboard_clear_seconds",
                value: 99_999,
                max: 3600,
            },
            CoreError::VaultRandom {
                detail: "ENOSYS".into(),
            },
            CoreError::VaultInterrupted,
        ];
        let problems = [
            AccountProblem::NoName,
            AccountProblem::TooLong {
                field: AccountField::Label,
                max: 256,
            },
            AccountProblem::Digits(0),
            AccountProblem::Period(0),
            AccountProblem::CounterTooLarge,
            AccountProblem::Color("red".into()),
        ];
        errors.extend(
            problems
                .into_iter()
                .map(|problem| CoreError::VaultInvalidAccount { problem }),
        );
        errors
    }

    #[test]
    fn vault_codes_are_namespaced_and_messages_end_cleanly() {
        for err in vault_errors() {
            let code = err.code();
            assert!(code.starts_with("vault."), "{code}");
            for locale in Locale::ALL {
                let report = err.report(locale);
                assert!(report.message.ends_with('.'), "{code}: {}", report.message);
                assert!(!report.one_line().contains('\n'), "{code}");
            }
        }
    }

    #[test]
    fn names_of_uri_parts_start_sentences_in_both_languages() {
        let err = CoreError::UriTooLong {
            part: UriPart::Issuer,
            limit: 128,
        };
        assert_eq!(
            err.message(Locale::En),
            "The issuer is too long: the limit is 128 characters."
        );
        assert_eq!(
            err.message(Locale::Fr),
            "L’émetteur est trop long : la limite est de 128 caractères."
        );
        let err = CoreError::UriEncoding {
            part: UriPart::Label,
        };
        assert_eq!(err.message(Locale::Fr), "Le nom du compte est mal encodé.");
    }

    #[test]
    fn one_line_has_no_newline() {
        let line = CoreError::NoHomeDirectory.report(Locale::Fr).one_line();
        assert!(line.starts_with("error[data_dir.no_home]: "));
        assert!(!line.contains('\n'));
    }
}
