//! What can go wrong with updates, in words a person can act on.

use std::path::PathBuf;

use kairos_core::{Locale, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// Checking is off (the default): no request was made.
    #[error("update checks are off")]
    Disabled,
    #[error("update checks are on but no update address is set")]
    EndpointMissing,
    #[error("not a URL: {endpoint}")]
    InvalidEndpoint { endpoint: String },
    /// Not https (plain http is accepted on loopback only, in debug builds).
    #[error("insecure update address: {endpoint}")]
    InsecureEndpoint { endpoint: String },
    /// No answer, an HTTP error status, or no release in the answer.
    #[error("update server unreachable: {detail}")]
    Unreachable { detail: String },
    /// An answer that is not an update feed Kairos can use.
    #[error("unusable update feed: {detail}")]
    BadFeed { detail: String },
    /// The downloaded file is not signed by the key the app carries.
    #[error("update signature refused: {detail}")]
    BadSignature { detail: String },
    /// "Install" without a check offering that version first.
    #[error("no update of version {version} waiting to be installed")]
    NothingToInstall { version: String },
    #[error("the update could not be installed: {detail}")]
    InstallFailed { detail: String },
    #[error("unreadable update settings {}: {detail}", path.display())]
    SettingsCorrupt { path: PathBuf, detail: String },
    #[error("cannot read or write the update settings {}: {detail}", path.display())]
    SettingsIo { path: PathBuf, detail: String },
}

impl From<tauri_plugin_updater::Error> for UpdateError {
    fn from(err: tauri_plugin_updater::Error) -> Self {
        use tauri_plugin_updater::Error as Plugin;
        let detail = err.to_string();
        match err {
            Plugin::Minisign(_)
            | Plugin::Base64(_)
            | Plugin::SignatureUtf8(_)
            | Plugin::SignedVersionMismatch { .. }
            | Plugin::MissingSignedVersion => UpdateError::BadSignature { detail },
            Plugin::InsecureTransportProtocol => UpdateError::InsecureEndpoint { endpoint: detail },
            Plugin::Reqwest(_) | Plugin::Network(_) | Plugin::ReleaseNotFound => {
                UpdateError::Unreachable { detail }
            }
            Plugin::Serialization(_)
            | Plugin::Semver(_)
            | Plugin::UrlParse(_)
            | Plugin::TargetNotFound(_)
            | Plugin::TargetsNotFound(_)
            | Plugin::InvalidUpdaterFormat => UpdateError::BadFeed { detail },
            _ => UpdateError::InstallFailed { detail },
        }
    }
}

impl UserFacing for UpdateError {
    fn code(&self) -> &'static str {
        match self {
            UpdateError::Disabled => "update.disabled",
            UpdateError::EndpointMissing => "update.endpoint_missing",
            UpdateError::InvalidEndpoint { .. } => "update.invalid_endpoint",
            UpdateError::InsecureEndpoint { .. } => "update.insecure_endpoint",
            UpdateError::Unreachable { .. } => "update.unreachable",
            UpdateError::BadFeed { .. } => "update.bad_feed",
            UpdateError::BadSignature { .. } => "update.bad_signature",
            UpdateError::NothingToInstall { .. } => "update.nothing_to_install",
            UpdateError::InstallFailed { .. } => "update.install_failed",
            UpdateError::SettingsCorrupt { .. } => "update.settings_corrupt",
            UpdateError::SettingsIo { .. } => "update.settings_io",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            UpdateError::Disabled => locale.pick(
                "Update checks are off.".to_owned(),
                "La recherche de mises à jour est désactivée.".to_owned(),
            ),
            UpdateError::EndpointMissing => locale.pick(
                "Update checks need the address of an update feed.".to_owned(),
                "La recherche de mises à jour demande l’adresse d’un flux de mises à jour."
                    .to_owned(),
            ),
            UpdateError::InvalidEndpoint { endpoint } => locale.pick(
                format!("“{endpoint}” is not a web address."),
                format!("« {endpoint} » n’est pas une adresse web."),
            ),
            UpdateError::InsecureEndpoint { endpoint } => locale.pick(
                format!("“{endpoint}” is not a secure (https) address."),
                format!("« {endpoint} » n’est pas une adresse sécurisée (https)."),
            ),
            UpdateError::Unreachable { detail } => locale.pick(
                format!("The update server could not be reached: {detail}."),
                format!("Le serveur de mises à jour est injoignable : {detail}."),
            ),
            UpdateError::BadFeed { detail } => locale.pick(
                format!("The update server’s answer is not a feed Kairos can use: {detail}."),
                format!(
                    "La réponse du serveur de mises à jour n’est pas un flux utilisable par Kairos : {detail}."
                ),
            ),
            UpdateError::BadSignature { .. } => locale.pick(
                "The downloaded update is not signed by Kairos’s publishers: it was not installed."
                    .to_owned(),
                "La mise à jour téléchargée n’est pas signée par les éditeurs de Kairos : elle n’a pas été installée."
                    .to_owned(),
            ),
            UpdateError::NothingToInstall { version } => locale.pick(
                format!("No update to version {version} is waiting to be installed."),
                format!("Aucune mise à jour vers la version {version} n’attend d’être installée."),
            ),
            UpdateError::InstallFailed { detail } => locale.pick(
                format!("The update could not be installed: {detail}."),
                format!("La mise à jour n’a pas pu être installée : {detail}."),
            ),
            UpdateError::SettingsCorrupt { path, .. } => locale.pick(
                format!("The update settings file {} cannot be read.", path.display()),
                format!(
                    "Le fichier des réglages de mise à jour {} est illisible.",
                    path.display()
                ),
            ),
            UpdateError::SettingsIo { path, detail } => locale.pick(
                format!(
                    "Cannot read or write the update settings {}: {detail}.",
                    path.display()
                ),
                format!(
                    "Impossible de lire ou d’écrire les réglages de mise à jour {} : {detail}.",
                    path.display()
                ),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        let text = match self {
            UpdateError::Disabled | UpdateError::EndpointMissing => locale.pick(
                "Turn on update checks in Settings › Updates and give the feed’s address.",
                "Activez la recherche dans Réglages › Mises à jour et indiquez l’adresse du flux.",
            ),
            UpdateError::InvalidEndpoint { .. } => locale.pick(
                "Type a full address, such as https://example.com/kairos/latest.json.",
                "Saisissez une adresse complète, comme https://example.com/kairos/latest.json.",
            ),
            UpdateError::InsecureEndpoint { .. } => locale.pick(
                "Use the https:// address of the feed: updates are never fetched over plain http.",
                "Utilisez l’adresse https:// du flux : les mises à jour ne passent jamais par http simple.",
            ),
            UpdateError::Unreachable { .. } => locale.pick(
                "Check the address and your connection, then try again.",
                "Vérifiez l’adresse et votre connexion, puis réessayez.",
            ),
            UpdateError::BadFeed { .. } => locale.pick(
                "Check that the address points at the latest.json of a Kairos release.",
                "Vérifiez que l’adresse désigne le latest.json d’une version de Kairos.",
            ),
            UpdateError::BadSignature { .. } => locale.pick(
                "Kairos is unchanged. The file was damaged or replaced: do not install it by hand; tell whoever runs the update server.",
                "Kairos n’a pas changé. Le fichier a été abîmé ou remplacé : ne l’installez pas à la main ; prévenez qui gère le serveur de mises à jour.",
            ),
            UpdateError::NothingToInstall { .. } => locale.pick(
                "Check for updates again, then install.",
                "Recherchez à nouveau les mises à jour, puis installez.",
            ),
            UpdateError::InstallFailed { .. } => locale.pick(
                "Kairos keeps running the current version. Try again, or install the new version from its download page.",
                "Kairos garde la version actuelle. Réessayez, ou installez la nouvelle version depuis sa page de téléchargement.",
            ),
            UpdateError::SettingsCorrupt { .. } | UpdateError::SettingsIo { .. } => locale.pick(
                "Check the data folder’s permissions, or delete the file to start from the defaults (updates off).",
                "Vérifiez les droits du dossier de données, ou supprimez le fichier pour repartir des valeurs par défaut (mises à jour désactivées).",
            ),
        };
        Some(text.to_owned())
    }
}
