//! What a scan tells the window: each decoded code's meaning, and the
//! Google Authenticator export being collected. Accounts appear as held
//! numbers and previews, never as links (which hold the secret).

use kairos_core::ErrorReport;
use kairos_core::UserFacing;
use kairos_core::intake::Scanned;
use kairos_core::qr::Payload;
use serde::Serialize;

use super::intake::pending_views;
use crate::views::PendingAccountView;
use crate::{CommandError, state::AppState};

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ScanSource {
    Image,
    Clipboard,
    Screen,
    Camera,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ScannedPayload {
    Otpauth {
        account: PendingAccountView,
    },
    #[serde(rename_all = "camelCase")]
    Migration {
        batch_index: i32,
        batch_size: i32,
        batch_id: i32,
        account_count: usize,
    },
    Other {
        text: String,
    },
    Invalid {
        error: ErrorReport,
    },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationProgress {
    batch_id: i32,
    batch_size: i32,
    scanned: Vec<i32>,
    complete: bool,
    accounts: Vec<PendingAccountView>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanResult {
    source: ScanSource,
    payloads: Vec<ScannedPayload>,
    migration: Option<MigrationProgress>,
}

/// Feeds decoded texts to the intake and describes the outcome.
pub async fn scan_result(
    state: &AppState,
    source: ScanSource,
    texts: &[Payload],
) -> Result<ScanResult, CommandError> {
    let scanned: Vec<Scanned> = {
        let mut intake = state.intake();
        texts
            .iter()
            .map(|text| intake.feed(text.as_str()))
            .collect()
    };
    let locale = state.locale();
    let mut payloads = Vec::with_capacity(scanned.len());
    for item in scanned {
        payloads.push(match item {
            Scanned::Account { id } => {
                let mut views = pending_views(state, &[id]).await?;
                match views.pop() {
                    Some(account) => ScannedPayload::Otpauth { account },
                    None => continue,
                }
            }
            Scanned::MigrationBatch {
                index,
                size,
                batch_id,
                accounts,
                ..
            } => ScannedPayload::Migration {
                batch_index: index,
                batch_size: size,
                batch_id,
                account_count: accounts,
            },
            Scanned::Other { text } => ScannedPayload::Other { text },
            Scanned::Invalid(problem) => ScannedPayload::Invalid {
                error: problem.report(locale),
            },
        });
    }
    let state_now = state.intake().migration();
    let migration = match state_now {
        None => None,
        Some(m) => Some(MigrationProgress {
            batch_id: m.batch_id,
            batch_size: m.batch_size,
            scanned: m.scanned,
            complete: m.complete,
            accounts: pending_views(state, &m.ids).await?,
        }),
    };
    Ok(ScanResult {
        source,
        payloads,
        migration,
    })
}
