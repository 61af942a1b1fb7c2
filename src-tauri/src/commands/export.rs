//! Writing the vault out: an encrypted Kairos backup, or a plain file for
//! another app (the window warns first), or QR codes for a phone.

use std::path::PathBuf;

use kairos_core::backup::{self, FormatKind};
use kairos_core::uri::migration;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use crate::error::{MIN_BACKUP_PASSWORD, ShellError};
use crate::{CommandError, state::AppState};

/// Set (by tests, or kiosk installs) to save into this folder without asking.
const SAVE_DIR_ENV: &str = "KAIROS_SAVE_DIR";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Kairos,
    Uris,
    Aegis,
}

#[derive(Debug, Serialize)]
pub struct Saved {
    path: PathBuf,
    count: usize,
}

fn file_name(format: &ExportFormat) -> String {
    let extension = match format {
        ExportFormat::Kairos => "kairos",
        ExportFormat::Uris => "txt",
        ExportFormat::Aegis => "json",
    };
    format!("kairos-export.{extension}")
}

/// Where to write: the person's choice in a native dialog (`None`:
/// cancelled), or the folder of [`SAVE_DIR_ENV`].
pub(crate) async fn ask_where(
    app: &AppHandle,
    name: String,
) -> Result<Option<PathBuf>, ShellError> {
    if let Some(dir) = std::env::var_os(SAVE_DIR_ENV) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    let (send, receive) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(name)
        .save_file(move |choice| {
            let _ = send.send(choice);
        });
    let choice = receive
        .await
        .map_err(|_| ShellError::SaveDialog("closed".into()))?;
    choice
        .map(|path| {
            path.into_path()
                .map_err(|e| ShellError::SaveDialog(e.to_string()))
        })
        .transpose()
}

#[tauri::command]
pub async fn export_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
    password: Option<Zeroizing<String>>,
) -> Result<Option<Saved>, CommandError> {
    let password = password.filter(|p| !p.is_empty());
    let kind = match format {
        ExportFormat::Kairos => {
            let long_enough = password
                .as_ref()
                .is_some_and(|p| p.chars().count() >= MIN_BACKUP_PASSWORD);
            if !long_enough {
                return Err(state.fail(&ShellError::WeakBackupPassword));
            }
            FormatKind::Kairos
        }
        ExportFormat::Uris => FormatKind::Uris,
        ExportFormat::Aegis => FormatKind::Aegis,
    };
    let drafts = state
        .with_vault(async |v| backup::vault_drafts(v).await)
        .await?;
    let count = drafts.len();
    let pass = match kind {
        FormatKind::Kairos => password,
        _ => None, // plain formats: the window confirmed the warning
    };
    // Argon2id takes a moment: off the async threads.
    let exported = tauri::async_runtime::spawn_blocking(move || {
        backup::format(kind).export(&drafts, pass.as_deref().map(|p| p.as_str()))
    })
    .await
    .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?
    .map_err(|e| state.fail(&e))?;
    let Some(path) = ask_where(&app, file_name(&format))
        .await
        .map_err(|e| state.fail(&e))?
    else {
        return Ok(None);
    };
    // The dialog already asked about replacing an existing file.
    backup::write_new_file(&path, &exported.bytes, true).map_err(|e| state.fail(&e))?;
    tracing::info!(format = %kind, count, "vault exported");
    Ok(Some(Saved { path, count }))
}

#[derive(Debug, Serialize)]
pub struct MigrationCode {
    svg: String,
    index: usize,
    size: usize,
}

#[derive(Debug, Serialize)]
pub struct MigrationCodes {
    codes: Vec<MigrationCode>,
    /// Accounts Google Authenticator cannot hold (Steam, unusual periods).
    skipped: usize,
}

/// Google-Authenticator-compatible QR codes of the whole vault, drawn here:
/// the links (secrets) never reach the window, only their pictures, which
/// the person asked to see.
#[tauri::command]
pub async fn export_migration_qr(
    state: State<'_, AppState>,
) -> Result<MigrationCodes, CommandError> {
    let drafts = state
        .with_vault(async |v| backup::vault_drafts(v).await)
        .await?;
    let export = migration::export(&drafts);
    let size = export.uris.len();
    let codes = export
        .uris
        .iter()
        .enumerate()
        .filter_map(|(index, uri)| {
            let code =
                qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::L)
                    .ok()?;
            let svg = code
                .render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(320, 320)
                .quiet_zone(true)
                .build();
            Some(MigrationCode { svg, index, size })
        })
        .collect();
    tracing::info!(codes = size, "migration QR codes shown");
    Ok(MigrationCodes {
        codes,
        skipped: export.skipped.len(),
    })
}
