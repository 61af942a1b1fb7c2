//! Accounts waiting to be imported, whether scanned or read from a backup:
//! previews for the window, and the one-transaction import of those chosen.

use kairos_core::backup::ImportPlan;
use kairos_core::intake::PendingId;
use serde::Serialize;
use tauri::State;

use crate::views::{AccountPreview, PendingAccountView};
use crate::{CommandError, state::AppState};

/// Previews of held accounts, duplicates marked against the vault.
pub async fn pending_views(
    state: &AppState,
    ids: &[PendingId],
) -> Result<Vec<PendingAccountView>, CommandError> {
    let drafts: Vec<_> = {
        let intake = state.intake();
        ids.iter()
            .filter_map(|id| intake.draft(*id).cloned())
            .collect()
    };
    let plan = state
        .with_vault_idle(async |v| ImportPlan::new(v, drafts).await)
        .await?;
    let locale = state.locale();
    Ok(ids
        .iter()
        .zip(plan.accounts)
        .map(|(id, planned)| PendingAccountView {
            pending_id: *id,
            preview: AccountPreview::new(&planned.draft, locale),
            duplicate: planned.duplicate.is_some(),
        })
        .collect())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    added: usize,
    skipped_duplicates: usize,
}

/// Adds the chosen held accounts in one transaction; duplicates are
/// skipped and counted. On failure they stay held, to try again.
#[tauri::command]
pub async fn import_pending(
    state: State<'_, AppState>,
    ids: Vec<PendingId>,
) -> Result<ImportSummary, CommandError> {
    let drafts = state.intake().take(&ids).map_err(|e| state.fail(&e))?;
    let kept = drafts.clone();
    let result = state
        .with_vault(async |v| ImportPlan::new(v, drafts).await?.commit(v).await)
        .await;
    match result {
        Ok(outcome) => {
            tracing::info!(
                added = outcome.added.len(),
                skipped = outcome.skipped_duplicates,
                "accounts imported"
            );
            Ok(ImportSummary {
                added: outcome.added.len(),
                skipped_duplicates: outcome.skipped_duplicates,
            })
        }
        Err(error) => {
            state.intake().restore(&ids, kept);
            Err(error)
        }
    }
}

/// Forgets held accounts and a partly scanned export.
#[tauri::command]
pub fn scan_reset(state: State<'_, AppState>) {
    state.intake().reset();
}
