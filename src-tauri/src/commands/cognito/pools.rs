//! The user pools of the connected region.

use kairos_cognito::UserPoolSummary;
use serde::Serialize;
use tauri::State;

use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolPage {
    pools: Vec<UserPoolSummary>,
    next_token: Option<String>,
}

/// Pools, a page at a time for the window. The library lists every page in
/// one go, so the first answer holds them all and no token follows.
#[tauri::command]
pub async fn cognito_pools(
    state: State<'_, AppState>,
    next_token: Option<String>,
) -> Result<PoolPage, CommandError> {
    let connected = state.cognito.require(&state).await?;
    if next_token.is_some() {
        return Ok(PoolPage {
            pools: Vec::new(),
            next_token: None,
        });
    }
    let pools = connected
        .admin
        .list_user_pools()
        .await
        .map_err(|e| state.fail(&e))?;
    Ok(PoolPage {
        pools,
        next_token: None,
    })
}
