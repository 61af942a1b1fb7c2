//! A pool's users, streamed to the window a page (60) at a time.

use std::ops::ControlFlow;

use kairos_cognito::users::{UserFilter, UserSummary};
use kairos_core::{ErrorReport, UserFacing};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::{CommandError, state::AppState};

/// The window's filter: a field and a value.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterRequest {
    field: FilterField,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FilterField {
    Username,
    Email,
    Status,
}

impl From<FilterRequest> for UserFilter {
    fn from(request: FilterRequest) -> Self {
        let value = request.value.trim().to_owned();
        match request.field {
            FilterField::Username => UserFilter::UsernamePrefix(value),
            FilterField::Email => UserFilter::EmailPrefix(value),
            FilterField::Status => UserFilter::Status(value.to_ascii_uppercase()),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum UsersMessage {
    Page { users: Vec<UserSummary> },
    Done { total: usize },
    Failed { error: ErrorReport },
}

/// Sends each page as it arrives; stops listing when the window is gone.
/// A failure after some pages is sent on the channel too, after those rows.
#[tauri::command]
pub async fn cognito_users(
    state: State<'_, AppState>,
    pool_id: String,
    filter: Option<FilterRequest>,
    on_page: Channel<UsersMessage>,
) -> Result<(), CommandError> {
    let connected = state.cognito.require(&state).await?;
    let filter = filter
        .filter(|f| !f.value.trim().is_empty())
        .map(UserFilter::from);
    let listed = connected
        .admin
        .list_users(&pool_id, filter.as_ref(), |page| {
            let message = UsersMessage::Page {
                users: page.to_vec(),
            };
            match on_page.send(message) {
                Ok(()) => ControlFlow::Continue(()),
                Err(_) => ControlFlow::Break(()),
            }
        })
        .await;
    let last = match listed {
        Ok(outcome) => UsersMessage::Done {
            total: outcome.users,
        },
        Err(e) => UsersMessage::Failed {
            error: e.report(state.locale()),
        },
    };
    // The window may have left the page meanwhile: nobody to tell then.
    let _ = on_page.send(last);
    Ok(())
}
