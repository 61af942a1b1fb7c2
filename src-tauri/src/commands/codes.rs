//! Codes for the window: computed here from the vault and the app's clock, so
//! the window receives codes and never a secret.

use std::time::Duration;

use kairos_core::clock::Clock;
use kairos_core::otp::{self, AccountId};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::ShellError;
use crate::{CommandError, state::AppState};

/// The next period's code is shown during the last seconds of a period.
const SHOW_NEXT_WITHIN_SECONDS: u64 = 5;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeView {
    id: i64,
    code: String,
    remaining: Option<u64>,
    period: Option<u32>,
    next: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodesNow {
    /// Unix seconds, fractional: the instant every code was computed at.
    at: f64,
    codes: Vec<CodeView>,
}

#[tauri::command]
pub async fn codes_now(state: State<'_, AppState>) -> Result<CodesNow, CommandError> {
    let now = state.clock.now();
    let seconds = now.seconds();
    let codes = state
        .with_vault_idle(async |v| {
            let mut codes = Vec::new();
            for (account, secret) in v.accounts_with_secrets().await? {
                // A damaged row must not hide every other account's code.
                let Ok(secret) = secret else { continue };
                let current = otp::code_at(&account.params, &secret, seconds)?;
                let next = match current.remaining_seconds {
                    Some(left) if left <= SHOW_NEXT_WITHIN_SECONDS => {
                        otp::next_code(&account.params, &secret, seconds)?.map(|c| c.value)
                    }
                    _ => None,
                };
                codes.push(CodeView {
                    id: account.id.0,
                    code: current.value,
                    remaining: current.remaining_seconds,
                    period: account.params.period(),
                    next,
                });
            }
            Ok(codes)
        })
        .await?;
    Ok(CodesNow {
        at: now.since_epoch().as_secs_f64(),
        codes,
    })
}

/// Advances an HOTP counter (the user asked for a new code) and returns it.
#[tauri::command]
pub async fn next_hotp(state: State<'_, AppState>, id: i64) -> Result<CodeView, CommandError> {
    let id = AccountId(id);
    state
        .with_vault(async |v| {
            v.advance_hotp_counter(id).await?;
            let account = v.account(id).await?;
            let code = otp::code_at(&account.params, &v.secret(id).await?, 0)?;
            Ok(CodeView {
                id: id.0,
                code: code.value,
                remaining: None,
                period: None,
                next: None,
            })
        })
        .await
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Copied {
    clear_after_seconds: u32,
}

/// Puts an account's current code on the clipboard, and clears it after the
/// configured delay if it still holds that code (the user may have copied
/// something else since).
#[tauri::command]
pub async fn copy_code(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Copied, CommandError> {
    copy_current_code(&app, &state, AccountId(id)).await
}

/// What `copy_code` does, shared with the tray menu: the code of the trusted
/// clock's now, and the same auto-clear.
pub async fn copy_current_code(
    app: &AppHandle,
    state: &AppState,
    id: AccountId,
) -> Result<Copied, CommandError> {
    let seconds = state.clock.now().seconds();
    let (code, settings) = state
        .with_vault(async |v| {
            let account = v.account(id).await?;
            let code = otp::code_at(&account.params, &v.secret(id).await?, seconds)?;
            Ok((code.value, v.settings().await?))
        })
        .await?;
    app.clipboard()
        .write_text(code.clone())
        .map_err(|e| state.fail(&ShellError::Clipboard(e.to_string())))?;
    let clear_after = settings.clipboard_clear_seconds;
    if clear_after > 0 {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(Duration::from_secs(u64::from(clear_after))).await;
            if app.clipboard().read_text().ok().as_deref() == Some(code.as_str()) {
                let _ = app.clipboard().write_text(String::new());
            }
        });
    }
    Ok(Copied {
        clear_after_seconds: clear_after,
    })
}
