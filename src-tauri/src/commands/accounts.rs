//! Adding, editing and ordering accounts. Secrets only ever travel from the
//! window to here (a typed or pasted key), never back.

use kairos_core::otp::{AccountDraft, AccountId, Algorithm, OtpKind, OtpParams};
use kairos_core::uri;
use kairos_core::vault::Settings;
use serde::Deserialize;
use tauri::State;
use zeroize::Zeroizing;

use crate::views::{AccountPreview, AccountView};
use crate::{CommandError, state::AppState};

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<AccountView>, CommandError> {
    let locale = state.locale();
    let accounts = state.with_vault(async |v| v.list().await).await?;
    Ok(accounts
        .into_iter()
        .map(|a| AccountView::new(a, locale))
        .collect())
}

#[tauri::command]
pub fn preview_uri(
    state: State<'_, AppState>,
    uri: String,
) -> Result<AccountPreview, CommandError> {
    let uri = Zeroizing::new(uri);
    let draft = uri::parse(&uri).map_err(|e| state.fail(&e))?;
    Ok(AccountPreview::new(&draft, state.locale()))
}

#[tauri::command]
pub async fn add_account_uri(
    state: State<'_, AppState>,
    uri: String,
) -> Result<AccountView, CommandError> {
    let uri = Zeroizing::new(uri);
    let draft = uri::parse(&uri).map_err(|e| state.fail(&e))?;
    let account = state.with_vault(async |v| v.add(draft).await).await?;
    Ok(AccountView::new(account, state.locale()))
}

/// The manual-entry form, as the window sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualDraft {
    issuer: String,
    label: String,
    secret: Zeroizing<String>,
    kind: String,
    algorithm: Algorithm,
    digits: u8,
    period: u32,
    counter: u64,
}

// By hand, so the typed secret never reaches a log through `{:?}`.
impl std::fmt::Debug for ManualDraft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManualDraft")
            .field("issuer", &self.issuer)
            .field("label", &self.label)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

#[tauri::command]
pub async fn add_account_manual(
    state: State<'_, AppState>,
    draft: ManualDraft,
) -> Result<AccountView, CommandError> {
    let fail = |e: kairos_core::CoreError| state.fail(&e);
    let kind = match draft.kind.as_str() {
        "hotp" => OtpKind::Hotp {
            counter: draft.counter,
        },
        "steam" => OtpKind::Steam,
        "totp" => OtpKind::Totp {
            period: draft.period,
        },
        other => {
            return Err(fail(kairos_core::CoreError::UriType {
                found: other.to_owned(),
            }));
        }
    };
    let params = OtpParams {
        kind,
        algorithm: draft.algorithm,
        digits: draft.digits,
    };
    params.check().map_err(fail)?;
    let new = AccountDraft {
        issuer: draft.issuer.trim().to_owned(),
        label: draft.label.trim().to_owned(),
        params,
        secret: uri::secret_from_base32(&draft.secret).map_err(fail)?,
    };
    let account = state.with_vault(async |v| v.add(new).await).await?;
    Ok(AccountView::new(account, state.locale()))
}

#[tauri::command]
pub async fn rename_account(
    state: State<'_, AppState>,
    id: i64,
    issuer: String,
    label: String,
) -> Result<AccountView, CommandError> {
    let id = AccountId(id);
    let account = state
        .with_vault(async |v| {
            v.rename(id, issuer.trim(), label.trim()).await?;
            v.account(id).await
        })
        .await?;
    Ok(AccountView::new(account, state.locale()))
}

#[tauri::command]
pub async fn delete_account(state: State<'_, AppState>, id: i64) -> Result<(), CommandError> {
    state
        .with_vault(async |v| v.delete(AccountId(id)).await)
        .await
}

#[tauri::command]
pub async fn reorder_accounts(
    state: State<'_, AppState>,
    ids: Vec<i64>,
) -> Result<(), CommandError> {
    let ids: Vec<AccountId> = ids.into_iter().map(AccountId).collect();
    state.with_vault(async |v| v.reorder(&ids).await).await
}

#[tauri::command]
pub async fn set_pinned(
    state: State<'_, AppState>,
    id: i64,
    pinned: bool,
) -> Result<AccountView, CommandError> {
    let id = AccountId(id);
    let account = state
        .with_vault(async |v| {
            v.set_pinned(id, pinned).await?;
            v.account(id).await
        })
        .await?;
    Ok(AccountView::new(account, state.locale()))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    state.with_vault(async |v| v.settings().await).await
}

#[tauri::command]
pub async fn set_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    state
        .with_vault(async |v| {
            v.set_settings(settings).await?;
            v.settings().await
        })
        .await
}
