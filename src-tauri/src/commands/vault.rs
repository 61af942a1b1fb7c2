//! Creating, unlocking and locking the vault.

use kairos_core::vault::{self, Protection, ProtectionKind, Unlock, Vault};
use serde::Serialize;
use tauri::State;
use zeroize::Zeroizing;

use crate::error::ShellError;
use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultState {
    exists: bool,
    unlocked: bool,
    protection: Option<ProtectionKind>,
    keyring_available: bool,
}

async fn current(state: &AppState) -> Result<VaultState, CommandError> {
    let (status, unlocked) = state.vault_status().await?;
    Ok(VaultState {
        exists: status.exists,
        unlocked,
        protection: status.protection,
        keyring_available: vault::keyring_available(),
    })
}

/// Where the vault stands; a keyring vault is opened on the way, since it
/// needs nobody to type anything.
#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Result<VaultState, CommandError> {
    let status = current(&state).await?;
    if status.exists
        && !status.unlocked
        && status.protection == Some(ProtectionKind::Keyring)
        && let Ok(vault) = Vault::open(&state.data_dir()?, Unlock::Keyring).await
    {
        state.set_vault(Some(vault)).await;
        return current(&state).await;
    }
    Ok(status)
}

#[tauri::command]
pub async fn vault_create(
    state: State<'_, AppState>,
    protection: ProtectionKind,
    password: Option<String>,
) -> Result<VaultState, CommandError> {
    let protection = match (protection, password) {
        (ProtectionKind::Keyring, _) => Protection::Keyring,
        (ProtectionKind::Password, Some(password)) if !password.is_empty() => {
            Protection::Password(Zeroizing::new(password))
        }
        (ProtectionKind::Password, _) => return Err(state.fail(&ShellError::PasswordMissing)),
    };
    let vault = Vault::create(&state.data_dir()?, protection)
        .await
        .map_err(|e| state.fail(&e))?;
    state.set_vault(Some(vault)).await;
    current(&state).await
}

/// Opens the vault: with the keyring when `password` is null.
#[tauri::command]
pub async fn vault_unlock(
    state: State<'_, AppState>,
    password: Option<String>,
) -> Result<VaultState, CommandError> {
    let unlock = match password {
        Some(password) => Unlock::Password(Zeroizing::new(password)),
        None => Unlock::Keyring,
    };
    let vault = Vault::open(&state.data_dir()?, unlock)
        .await
        .map_err(|e| state.fail(&e))?;
    state.set_vault(Some(vault)).await;
    current(&state).await
}

#[tauri::command]
pub async fn vault_lock(state: State<'_, AppState>) -> Result<VaultState, CommandError> {
    state.set_vault(None).await;
    current(&state).await
}
