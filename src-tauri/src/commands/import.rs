//! Reading another app's backup (or Kairos's own): the accounts are held
//! and previewed; `import_pending` then adds the chosen ones.

use base64::Engine;
use kairos_core::backup::{self, FormatKind};
use serde::{Deserialize, Serialize};
use tauri::State;
use zeroize::Zeroizing;

use super::intake::pending_views;
use crate::error::ShellError;
use crate::views::PendingAccountView;
use crate::{CommandError, state::AppState};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatChoice {
    Auto,
    Aegis,
    #[serde(rename = "2fas")]
    TwoFas,
    Uris,
    Kairos,
}

impl FormatChoice {
    fn kind(&self) -> Option<FormatKind> {
        match self {
            FormatChoice::Auto => None,
            FormatChoice::Aegis => Some(FormatKind::Aegis),
            FormatChoice::TwoFas => Some(FormatKind::TwoFas),
            FormatChoice::Uris => Some(FormatKind::Uris),
            FormatChoice::Kairos => Some(FormatKind::Kairos),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    format: FormatKind,
    encrypted: bool,
    accounts: Vec<PendingAccountView>,
}

/// Reads the file (sent as base64: backups are small) and holds its
/// accounts. Nothing is saved here.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    data_base64: Zeroizing<String>,
    format: FormatChoice,
    password: Option<Zeroizing<String>>,
) -> Result<ImportPreview, CommandError> {
    let bytes = Zeroizing::new(
        base64::engine::general_purpose::STANDARD
            .decode(data_base64.as_bytes())
            .map_err(|_| state.fail(&ShellError::FileEncoding))?,
    );
    let password = password.filter(|p| !p.is_empty());
    // Argon2id and scrypt take a moment: off the async threads.
    let kind = format.kind();
    let pass = password.clone();
    let (kind, drafts) = tauri::async_runtime::spawn_blocking(move || {
        backup::import(&bytes, kind, pass.as_deref().map(|p| p.as_str()))
    })
    .await
    .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?
    .map_err(|e| state.fail(&e))?;
    tracing::info!(format = %kind, count = drafts.len(), "backup read");
    let ids = state.intake().hold(drafts);
    Ok(ImportPreview {
        format: kind,
        encrypted: password.is_some(),
        accounts: pending_views(&state, &ids).await?,
    })
}
