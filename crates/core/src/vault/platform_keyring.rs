//! Entries in the platform's real keyring, never `keyring`'s in-memory mock:
//! the vault key, and the Cognito client secrets and refresh tokens
//! (`kairos-cognito`) all go through [`platform_entry`].

/// The keyring cannot be used: no bus, no Secret Service, a locked or
/// dismissed collection, or a system without one. `detail` is the platform's
/// own words.
#[derive(Debug)]
pub struct KeyringUnavailable {
    pub detail: String,
}

impl From<keyring::Error> for KeyringUnavailable {
    fn from(error: keyring::Error) -> Self {
        let detail = match error {
            // The platform's own words, without keyring's generic prefix.
            keyring::Error::PlatformFailure(cause) | keyring::Error::NoStorageAccess(cause) => {
                cause.to_string()
            }
            other => other.to_string(),
        };
        KeyringUnavailable { detail }
    }
}

/// The entry `service`/`user`; `label` is what Seahorse and KWallet show.
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
pub fn platform_entry(
    service: &str,
    user: &str,
    label: String,
) -> Result<keyring::Entry, KeyringUnavailable> {
    // Built explicitly on the Secret Service rather than through
    // `Entry::new`, so the store can never be the mock whatever features
    // another crate turns on.
    let mut credential =
        keyring::secret_service::SsCredential::new_with_target(None, service, user)?;
    credential.label = label;
    Ok(keyring::Entry::new_with_credential(Box::new(credential)))
}

/// The entry `service`/`user` (the label is only shown on the Secret Service).
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "windows"))]
pub fn platform_entry(
    service: &str,
    user: &str,
    _label: String,
) -> Result<keyring::Entry, KeyringUnavailable> {
    // The workspace enables `apple-native` and `windows-native`, which make
    // the Keychain / Credential Manager the default store on these systems.
    Ok(keyring::Entry::new(service, user)?)
}

/// No keyring Kairos can use on this system.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "ios",
    target_os = "windows"
)))]
pub fn platform_entry(
    _service: &str,
    _user: &str,
    _label: String,
) -> Result<keyring::Entry, KeyringUnavailable> {
    Err(KeyringUnavailable {
        detail: "this system has no keyring Kairos can use".to_owned(),
    })
}
