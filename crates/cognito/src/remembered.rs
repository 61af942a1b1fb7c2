//! Remembered sign-in connections: which pool app client and user a person
//! signs in as, so the Sign-in page can offer them again.
//!
//! The connection itself (region, endpoint, pool, client, user name) is not
//! secret and is kept in the data folder (`signin-connections.json`, one entry
//! per pool app client, most recent first). The app client's secret is kept,
//! only when the person asks, in the OS keyring (`service = "Kairos Cognito
//! client secret"`, `user = "POOL/CLIENT"`): the file only says that one is
//! there. Keyring calls are blocking (D-Bus on Linux): async callers run them
//! on a blocking thread.

use std::path::{Path, PathBuf};

use kairos_core::backup::write_new_file;
use kairos_core::vault::platform_keyring::{KeyringUnavailable, platform_entry};
use kairos_core::{Locale, UserFacing};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub const CONNECTIONS_FILE: &str = "signin-connections.json";
/// The keyring service name of every remembered app client secret.
pub const CLIENT_SECRET_SERVICE: &str = "Kairos Cognito client secret";

/// One remembered pool app client and user; safe to show (no secret in it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RememberedConnection {
    pub region: String,
    #[serde(default)]
    pub endpoint: Option<String>,
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    /// Whether the app client's secret is in the OS keyring.
    #[serde(default)]
    pub secret_remembered: bool,
    /// Whether the user's refresh token is in the OS keyring ("stay signed in").
    #[serde(default)]
    pub stays_signed_in: bool,
}

impl RememberedConnection {
    fn same_client(&self, pool_id: &str, client_id: &str) -> bool {
        self.pool_id == pool_id && self.client_id == client_id
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionsFile {
    connections: Vec<RememberedConnection>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RememberedError {
    #[error("cannot read or write {path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error("{path} is not a list of connections Kairos can read: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("the system keyring cannot be used: {detail}")]
    KeyringUnavailable { detail: String },
    /// The file says a secret is remembered but the keyring has none.
    #[error("no client secret remembered for {pool_id}/{client_id}")]
    SecretMissing { pool_id: String, client_id: String },
}

impl UserFacing for RememberedError {
    fn code(&self) -> &'static str {
        match self {
            RememberedError::Io { .. } => "cognito.connections_io",
            RememberedError::Corrupt { .. } => "cognito.connections_corrupt",
            RememberedError::KeyringUnavailable { .. } => {
                "cognito.client_secret_keyring_unavailable"
            }
            RememberedError::SecretMissing { .. } => "cognito.client_secret_missing",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            RememberedError::Io { path, detail } => locale.pick(
                format!("Kairos cannot read or write {}: {detail}.", path.display()),
                format!(
                    "Kairos ne peut pas lire ou écrire {} : {detail}.",
                    path.display()
                ),
            ),
            RememberedError::Corrupt { path, detail } => locale.pick(
                format!(
                    "{} does not hold remembered connections Kairos can read ({detail}).",
                    path.display()
                ),
                format!(
                    "{} ne contient pas de connexions mémorisées lisibles par Kairos ({detail}).",
                    path.display()
                ),
            ),
            RememberedError::KeyringUnavailable { detail } => locale.pick(
                format!("The system keyring cannot keep the app client secret: {detail}."),
                format!(
                    "Le trousseau du système ne peut pas garder le secret du client d’application : {detail}."
                ),
            ),
            RememberedError::SecretMissing { pool_id, client_id } => locale.pick(
                format!("The keyring no longer holds the secret of app client {client_id} ({pool_id})."),
                format!(
                    "Le trousseau ne contient plus le secret du client d’application {client_id} ({pool_id})."
                ),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        Some(match self {
            RememberedError::Io { .. } => locale.pick(
                "Check the data folder's permissions and free space.".to_owned(),
                "Vérifiez les droits et l’espace libre du dossier de données.".to_owned(),
            ),
            RememberedError::Corrupt { .. } => locale.pick(
                "Move the file aside (Kairos starts a new list) or fix it by hand.".to_owned(),
                "Déplacez le fichier (Kairos repart d’une liste vide) ou corrigez-le à la main."
                    .to_owned(),
            ),
            RememberedError::KeyringUnavailable { .. } => locale.pick(
                "Start or unlock your keyring (GNOME Keyring, KWallet, Keychain…), or sign in without remembering the secret.".to_owned(),
                "Démarrez ou déverrouillez votre trousseau (GNOME Keyring, KWallet, Trousseau d’accès…), ou connectez-vous sans mémoriser le secret.".to_owned(),
            ),
            RememberedError::SecretMissing { .. } => locale.pick(
                "Type the app client secret again and tick “Remember the secret”.".to_owned(),
                "Saisissez à nouveau le secret du client et cochez « Mémoriser le secret ».".to_owned(),
            ),
        })
    }
}

pub fn connections_path(dir: &Path) -> PathBuf {
    dir.join(CONNECTIONS_FILE)
}

/// The remembered connections in `dir`, most recent first (none without a file).
pub fn load(dir: &Path) -> Result<Vec<RememberedConnection>, RememberedError> {
    let path = connections_path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(RememberedError::Io {
                path,
                detail: e.to_string(),
            });
        }
    };
    serde_json::from_slice::<ConnectionsFile>(&bytes)
        .map(|file| file.connections)
        .map_err(|e| RememberedError::Corrupt {
            path,
            detail: e.to_string(),
        })
}

/// Puts `connection` first, replacing the entry of the same pool app client.
pub fn remember(
    dir: &Path,
    connection: RememberedConnection,
) -> Result<Vec<RememberedConnection>, RememberedError> {
    let mut connections = load(dir)?;
    connections.retain(|c| !c.same_client(&connection.pool_id, &connection.client_id));
    connections.insert(0, connection);
    save(dir, connections)
}

/// Drops the entry of `pool_id`/`client_id` (its keyring secret is the
/// caller's to forget); forgetting what is not there is not an error.
pub fn forget(
    dir: &Path,
    pool_id: &str,
    client_id: &str,
) -> Result<Vec<RememberedConnection>, RememberedError> {
    let mut connections = load(dir)?;
    connections.retain(|c| !c.same_client(pool_id, client_id));
    save(dir, connections)
}

/// Records whether the user of `pool_id`/`client_id` stays signed in (no
/// entry, nothing to record).
pub fn set_stays_signed_in(
    dir: &Path,
    pool_id: &str,
    client_id: &str,
    stays: bool,
) -> Result<Vec<RememberedConnection>, RememberedError> {
    let mut connections = load(dir)?;
    for c in connections
        .iter_mut()
        .filter(|c| c.same_client(pool_id, client_id))
    {
        c.stays_signed_in = stays;
    }
    save(dir, connections)
}

/// The entry of `pool_id`/`client_id`, if remembered.
pub fn find(
    dir: &Path,
    pool_id: &str,
    client_id: &str,
) -> Result<Option<RememberedConnection>, RememberedError> {
    Ok(load(dir)?
        .into_iter()
        .find(|c| c.same_client(pool_id, client_id)))
}

/// Replaces the file all at once (temporary file, then rename).
fn save(
    dir: &Path,
    connections: Vec<RememberedConnection>,
) -> Result<Vec<RememberedConnection>, RememberedError> {
    let path = connections_path(dir);
    let file = ConnectionsFile { connections };
    let io = |detail: String| RememberedError::Io {
        path: path.clone(),
        detail,
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|e| io(e.to_string()))?;
    write_new_file(&path, &json, true).map_err(|e| io(e.to_string()))?;
    Ok(file.connections)
}

/// App client secrets kept in the OS keyring, one per pool app client.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClientSecretStore;

impl ClientSecretStore {
    pub fn save(
        &self,
        pool_id: &str,
        client_id: &str,
        secret: &str,
    ) -> Result<(), RememberedError> {
        entry(&entry_user(pool_id, client_id))?
            .set_password(secret)
            .map_err(unavailable)
    }

    /// The remembered secret; `SecretMissing` when the keyring has none.
    pub fn load(
        &self,
        pool_id: &str,
        client_id: &str,
    ) -> Result<Zeroizing<String>, RememberedError> {
        match entry(&entry_user(pool_id, client_id))?.get_password() {
            Ok(secret) => Ok(Zeroizing::new(secret)),
            Err(keyring::Error::NoEntry) => Err(RememberedError::SecretMissing {
                pool_id: pool_id.to_owned(),
                client_id: client_id.to_owned(),
            }),
            Err(other) => Err(unavailable(other)),
        }
    }

    /// Deletes the remembered secret; nothing remembered is not an error.
    pub fn forget(&self, pool_id: &str, client_id: &str) -> Result<(), RememberedError> {
        match entry(&entry_user(pool_id, client_id))?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(unavailable(other)),
        }
    }
}

fn entry_user(pool_id: &str, client_id: &str) -> String {
    format!("{pool_id}/{client_id}")
}

/// The entry, in the platform's real store only (never keyring's in-memory mock).
fn entry(user: &str) -> Result<keyring::Entry, RememberedError> {
    platform_entry(
        CLIENT_SECRET_SERVICE,
        user,
        format!("Kairos Cognito client secret ({user})"),
    )
    .map_err(|e| RememberedError::KeyringUnavailable { detail: e.detail })
}

fn unavailable(error: keyring::Error) -> RememberedError {
    RememberedError::KeyringUnavailable {
        detail: KeyringUnavailable::from(error).detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection(pool: &str, client: &str, user: &str) -> RememberedConnection {
        RememberedConnection {
            region: "eu-west-3".into(),
            endpoint: None,
            pool_id: pool.into(),
            client_id: client.into(),
            username: user.into(),
            secret_remembered: false,
            stays_signed_in: false,
        }
    }

    #[test]
    fn remembered_connections_are_most_recent_first_one_per_client()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        assert!(load(dir.path())?.is_empty());
        remember(dir.path(), connection("p1", "c1", "alice"))?;
        remember(dir.path(), connection("p2", "c2", "bob"))?;
        let list = remember(dir.path(), connection("p1", "c1", "carol"))?;
        let users: Vec<_> = list.iter().map(|c| c.username.as_str()).collect();
        assert_eq!(users, ["carol", "bob"]);
        assert_eq!(load(dir.path())?, list);
        assert_eq!(
            find(dir.path(), "p2", "c2")?.map(|c| c.username),
            Some("bob".to_owned())
        );
        let list = set_stays_signed_in(dir.path(), "p2", "c2", true)?;
        assert!(list[1].stays_signed_in && !list[0].stays_signed_in);
        let list = forget(dir.path(), "p1", "c1")?;
        assert_eq!(list.len(), 1);
        assert_eq!(forget(dir.path(), "p1", "c1")?, list);
        Ok(())
    }

    #[test]
    fn the_file_never_holds_a_secret_field() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut with_secret = connection("p1", "c1", "alice");
        with_secret.secret_remembered = true;
        remember(dir.path(), with_secret)?;
        let text = std::fs::read_to_string(connections_path(dir.path()))?;
        assert!(text.contains("\"secretRemembered\": true"), "{text}");
        // A hand-added secret is refused rather than carried along.
        std::fs::write(
            connections_path(dir.path()),
            text.replace(
                "\"secretRemembered\"",
                "\"clientSecret\": \"s\", \"secretRemembered\"",
            ),
        )?;
        let err = load(dir.path()).err();
        assert_eq!(err.map(|e| e.code()), Some("cognito.connections_corrupt"));
        Ok(())
    }

    #[test]
    fn every_error_has_a_hint_in_both_languages() {
        let errors = [
            RememberedError::Io {
                path: "x".into(),
                detail: "d".into(),
            },
            RememberedError::Corrupt {
                path: "x".into(),
                detail: "d".into(),
            },
            RememberedError::KeyringUnavailable { detail: "d".into() },
            RememberedError::SecretMissing {
                pool_id: "p".into(),
                client_id: "c".into(),
            },
        ];
        for error in errors {
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).is_empty());
                assert!(error.hint(locale).is_some());
            }
            assert_ne!(error.message(Locale::En), error.message(Locale::Fr));
        }
    }
}
