//! Cognito administration.

use kairos_cognito::{CognitoAdmin, ConnectOptions};
use serde::Serialize;
use tauri::State;

use crate::{CommandError, state::AppState};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    region: String,
    endpoint: Option<String>,
    pool_count: usize,
}

#[tauri::command]
pub async fn cognito_check_connection(
    state: State<'_, AppState>,
    region: Option<String>,
    endpoint: Option<String>,
) -> Result<ConnectionCheck, CommandError> {
    let locale = state.locale();
    let options = ConnectOptions {
        region,
        endpoint_url: endpoint,
        profile: None,
    };
    let fail = |e| CommandError::new(&e, locale);
    let admin = CognitoAdmin::connect(&options).await.map_err(fail)?;
    let pools = admin.list_user_pools().await.map_err(fail)?;
    Ok(ConnectionCheck {
        region: admin.region().to_owned(),
        endpoint: admin.endpoint_url().map(str::to_owned),
        pool_count: pools.len(),
    })
}
