//! Remembered sign-in connections (issue #7): thin commands over
//! `kairos_cognito::remembered`. The window sees whether a client secret is
//! remembered, never the secret: `signin_start` reads it from the keyring.

use kairos_cognito::remembered::{self, ClientSecretStore, RememberedConnection};
use kairos_cognito::signin::{ClientSecret, RefreshTokenStore, SigninTarget};
use tauri::State;
use zeroize::Zeroizing;

use crate::CommandError;
use crate::error::ShellError;
use crate::state::AppState;

/// Runs a blocking keyring call off the async threads.
pub(super) async fn blocking<T: Send + 'static, E: kairos_core::UserFacing + Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?
        .map_err(|e| state.fail(&e))
}

/// The remembered connections, most recent first.
#[tauri::command]
pub async fn signin_connections(
    state: State<'_, AppState>,
) -> Result<Vec<RememberedConnection>, CommandError> {
    remembered::load(&state.data_dir()?).map_err(|e| state.fail(&e))
}

/// Forgets a connection: its entry, its remembered client secret and any
/// refresh token kept for its user. Returns the list left.
#[tauri::command]
pub async fn signin_connection_forget(
    state: State<'_, AppState>,
    pool_id: String,
    client_id: String,
) -> Result<Vec<RememberedConnection>, CommandError> {
    let dir = state.data_dir()?;
    let known = remembered::find(&dir, &pool_id, &client_id).map_err(|e| state.fail(&e))?;
    if let Some(known) = known {
        let (pool, client) = (pool_id.clone(), client_id.clone());
        blocking(&state, move || {
            RefreshTokenStore::new().forget(&pool, &client, &known.username)
        })
        .await?;
    }
    let (pool, client) = (pool_id.clone(), client_id.clone());
    blocking(&state, move || ClientSecretStore.forget(&pool, &client)).await?;
    remembered::forget(&dir, &pool_id, &client_id).map_err(|e| state.fail(&e))
}

/// The connection fields as the window sent them.
pub(super) struct TargetFields {
    pub region: String,
    pub endpoint: Option<String>,
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub username: String,
}

/// Where to sign in, with the client secret typed or else the remembered
/// one, and what to remember once Cognito accepts the first step.
pub(super) async fn target(
    state: &AppState,
    fields: TargetFields,
    remember_secret: bool,
) -> Result<(SigninTarget, Remember), CommandError> {
    let typed = fields
        .client_secret
        .map(Zeroizing::new)
        .map(|s| Zeroizing::new(s.trim().to_owned()))
        .filter(|s| !s.is_empty());
    let (pool_id, client_id) = (
        fields.pool_id.trim().to_owned(),
        fields.client_id.trim().to_owned(),
    );
    let secret = client_secret(state, &pool_id, &client_id, typed.clone()).await?;
    let endpoint = fields
        .endpoint
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    let remember = Remember {
        connection: RememberedConnection {
            region: fields.region.trim().to_owned(),
            endpoint: endpoint.clone(),
            pool_id: pool_id.clone(),
            client_id: client_id.clone(),
            username: fields.username.trim().to_owned(),
            secret_remembered: false,
            stays_signed_in: false,
        },
        typed_secret: typed,
        remember_secret,
    };
    let target = SigninTarget {
        region: fields.region.trim().to_owned(),
        endpoint,
        pool_id,
        client_id,
        client_secret: secret.as_ref().map(|s| ClientSecret::new(s.as_str())),
    };
    Ok((target, remember))
}

/// The client secret to sign in with: the one typed, else the remembered one
/// when the connection has one.
async fn client_secret(
    state: &AppState,
    pool_id: &str,
    client_id: &str,
    typed: Option<Zeroizing<String>>,
) -> Result<Option<Zeroizing<String>>, CommandError> {
    if typed.is_some() {
        return Ok(typed);
    }
    let known =
        remembered::find(&state.data_dir()?, pool_id, client_id).map_err(|e| state.fail(&e))?;
    if !known.is_some_and(|k| k.secret_remembered) {
        return Ok(None);
    }
    let (pool, client) = (pool_id.to_owned(), client_id.to_owned());
    blocking(state, move || ClientSecretStore.load(&pool, &client))
        .await
        .map(Some)
}

/// What to remember after Cognito accepted a sign-in's first step.
pub(super) struct Remember {
    connection: RememberedConnection,
    /// A secret typed this time (`None`: the remembered one, or none, was used).
    typed_secret: Option<Zeroizing<String>>,
    remember_secret: bool,
}

/// Remembers the connection, and keeps (or drops) a typed client secret in
/// the keyring as asked. A failure is logged, not fatal: the sign-in has
/// started, and the page sees in the list what was remembered.
pub(super) async fn remember(state: &AppState, mut what: Remember) {
    if let Err(e) = remember_or_fail(state, &mut what).await {
        tracing::warn!(code = e.into_report().code, "connection not remembered");
    }
}

async fn remember_or_fail(state: &AppState, what: &mut Remember) -> Result<(), CommandError> {
    let dir = state.data_dir()?;
    let (pool, client) = (
        what.connection.pool_id.clone(),
        what.connection.client_id.clone(),
    );
    let earlier = remembered::find(&dir, &pool, &client).map_err(|e| state.fail(&e))?;
    what.connection.secret_remembered = match what.typed_secret.take() {
        Some(secret) if what.remember_secret => {
            blocking(state, move || {
                ClientSecretStore.save(&pool, &client, &secret)
            })
            .await?;
            true
        }
        Some(_) => {
            // A secret typed without "remember": no older one stays behind.
            blocking(state, move || ClientSecretStore.forget(&pool, &client)).await?;
            false
        }
        None => earlier.as_ref().is_some_and(|e| e.secret_remembered),
    };
    // Still signed in only if the same user was.
    what.connection.stays_signed_in =
        earlier.is_some_and(|e| e.stays_signed_in && e.username == what.connection.username);
    remembered::remember(&dir, what.connection.clone()).map_err(|e| state.fail(&e))?;
    Ok(())
}
