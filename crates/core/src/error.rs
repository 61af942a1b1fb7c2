//! The error shape every Kairos crate shows to people: a stable code, a message
//! and a hint, each text in the reader's language.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::uri::UriPart;

/// An error a person can act on. Codes are stable (`area.reason`): scripts,
/// tests and the UI match on them; the texts may change.
pub trait UserFacing: std::error::Error {
    fn code(&self) -> &'static str;
    fn message(&self, locale: Locale) -> String;
    /// What to do about it, when there is something to do.
    fn hint(&self, locale: Locale) -> Option<String>;

    fn report(&self, locale: Locale) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.message(locale),
            hint: self.hint(locale),
        }
    }
}

/// The wire form of an error: what the window receives and `--json` prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    pub code: String,
    pub message: String,
    pub hint: Option<String>,
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
        for err in errors {
            let en = err.report(Locale::En);
            let fr = err.report(Locale::Fr);
            assert_eq!(en.code, fr.code);
            assert_ne!(en.message, fr.message, "{} is not translated", en.code);
            assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
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
