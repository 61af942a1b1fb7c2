//! "Stay signed in": only the refresh token is kept, and only in the
//! operating system's keyring (never in SQLite, a file or the window). The
//! access and id tokens are short-lived and are asked for again with it.
//!
//! One entry per pool, client and user: `service = "Kairos Cognito refresh
//! token"`, `user = "POOL/CLIENT/USERNAME"`. There is no fallback store: an
//! unreachable keyring is an error the person can act on.
//!
//! The calls are blocking (D-Bus on Linux): async callers run them on a
//! blocking thread.

use kairos_core::vault::platform_keyring::{KeyringUnavailable, platform_entry};
use kairos_core::{Locale, UserFacing};
use zeroize::Zeroizing;

use super::tokens::SignedIn;

/// The keyring service name of every stored refresh token.
pub const REFRESH_TOKEN_SERVICE: &str = "Kairos Cognito refresh token";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RefreshStoreError {
    /// No bus, no Secret Service, a locked or dismissed collection.
    #[error("the system keyring cannot be used: {detail}")]
    KeyringUnavailable { detail: String },
    /// The sign-in returned no refresh token, so there is nothing to keep.
    #[error("the sign-in returned no refresh token")]
    NoRefreshToken,
}

impl UserFacing for RefreshStoreError {
    fn code(&self) -> &'static str {
        match self {
            RefreshStoreError::KeyringUnavailable { .. } => "cognito.refresh_keyring_unavailable",
            RefreshStoreError::NoRefreshToken => "cognito.no_refresh_token",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            RefreshStoreError::KeyringUnavailable { detail } => locale.pick(
                format!("The system keyring cannot be used to stay signed in: {detail}."),
                format!(
                    "Le trousseau du système est inutilisable pour rester connecté : {detail}."
                ),
            ),
            RefreshStoreError::NoRefreshToken => locale.pick(
                "Cognito returned no refresh token, so this sign-in cannot be kept.".to_owned(),
                "Cognito n’a renvoyé aucun jeton d’actualisation : cette connexion ne peut pas être conservée."
                    .to_owned(),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        match self {
            RefreshStoreError::KeyringUnavailable { .. } => Some(locale.pick(
                "Start or unlock your keyring (GNOME Keyring, KWallet, Keychain…) and try again, or sign in without “Stay signed in”.".to_owned(),
                "Démarrez ou déverrouillez votre trousseau (GNOME Keyring, KWallet, Trousseau d’accès…) et réessayez, ou connectez-vous sans « Rester connecté ».".to_owned(),
            )),
            RefreshStoreError::NoRefreshToken => Some(locale.pick(
                "Check that the app client allows refresh tokens (ALLOW_REFRESH_TOKEN_AUTH).".to_owned(),
                "Vérifiez que le client d’application autorise les jetons d’actualisation (ALLOW_REFRESH_TOKEN_AUTH).".to_owned(),
            )),
        }
    }
}

/// The refresh tokens kept in the OS keyring.
#[derive(Debug, Default, Clone, Copy)]
pub struct RefreshTokenStore;

impl RefreshTokenStore {
    pub fn new() -> Self {
        Self
    }

    /// Keeps `signed_in`'s refresh token (and nothing else), replacing any
    /// earlier one for the same pool, client and user.
    pub fn save(
        &self,
        pool_id: &str,
        client_id: &str,
        username: &str,
        signed_in: &SignedIn,
    ) -> Result<(), RefreshStoreError> {
        let token = signed_in
            .refresh_token()
            .ok_or(RefreshStoreError::NoRefreshToken)?;
        entry(&entry_user(pool_id, client_id, username))?
            .set_password(token)
            .map_err(unavailable)
    }

    /// The kept refresh token, or `None` when there is none for this user.
    pub fn load(
        &self,
        pool_id: &str,
        client_id: &str,
        username: &str,
    ) -> Result<Option<Zeroizing<String>>, RefreshStoreError> {
        match entry(&entry_user(pool_id, client_id, username))?.get_password() {
            Ok(token) => Ok(Some(Zeroizing::new(token))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(other) => Err(unavailable(other)),
        }
    }

    /// Deletes the kept refresh token (sign-out); nothing kept is not an error.
    pub fn forget(
        &self,
        pool_id: &str,
        client_id: &str,
        username: &str,
    ) -> Result<(), RefreshStoreError> {
        match entry(&entry_user(pool_id, client_id, username))?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(other) => Err(unavailable(other)),
        }
    }
}

/// The keyring entry's user name: `POOL/CLIENT/USERNAME`.
fn entry_user(pool_id: &str, client_id: &str, username: &str) -> String {
    format!("{pool_id}/{client_id}/{username}")
}

/// The entry, in the platform's real store only (never keyring's in-memory mock).
fn entry(user: &str) -> Result<keyring::Entry, RefreshStoreError> {
    platform_entry(
        REFRESH_TOKEN_SERVICE,
        user,
        format!("Kairos Cognito refresh token ({user})"),
    )
    .map_err(|e| RefreshStoreError::KeyringUnavailable { detail: e.detail })
}

fn unavailable(error: keyring::Error) -> RefreshStoreError {
    RefreshStoreError::KeyringUnavailable {
        detail: KeyringUnavailable::from(error).detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_user_names_pool_client_and_user() {
        assert_eq!(
            entry_user("eu-west-3_A", "c1", "alice"),
            "eu-west-3_A/c1/alice"
        );
    }

    #[test]
    fn keyring_unavailable_has_an_actionable_hint_in_both_languages() {
        let error = RefreshStoreError::KeyringUnavailable {
            detail: "no bus".into(),
        };
        assert_eq!(error.code(), "cognito.refresh_keyring_unavailable");
        assert!(error.message(Locale::Fr).contains("no bus"));
        for locale in [Locale::En, Locale::Fr] {
            assert!(
                error
                    .hint(locale)
                    .is_some_and(|h| h.contains("GNOME Keyring"))
            );
        }
    }
}
