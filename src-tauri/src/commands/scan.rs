//! Scanning a QR code from an image the window sends or the clipboard (the
//! screen is in screen.rs). Decoding happens here, off the async threads; the window gets
//! previews and held numbers, never the decoded links.

use kairos_capture::ClipboardImageSource;
use kairos_core::CoreError;
use kairos_core::qr::{self, Effort, LumaFrame, Payload, Pipeline};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use super::scan_view::{ScanResult, ScanSource, scan_result};
use crate::error::ShellError;
use crate::{CommandError, state::AppState};

/// Every code in a still frame (a still has no second chance: every stage).
pub(super) fn decode(frame: &LumaFrame, origin: &str) -> Result<Vec<Payload>, CoreError> {
    let codes = Pipeline::default().scan(frame, Effort::Thorough);
    if codes.is_empty() {
        return Err(CoreError::QrNotFound {
            origin: origin.to_owned(),
        });
    }
    Ok(codes.into_iter().map(|code| code.text).collect())
}

/// `x-file-name`, percent-encoded by the window (headers are Latin-1 only);
/// used in messages only.
fn file_name(request: &Request<'_>) -> String {
    let raw = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("image");
    shown_name(raw)
}

/// A name that is not valid percent-encoding is shown as it came.
fn shown_name(raw: &str) -> String {
    kairos_core::uri::percent_decode(raw).unwrap_or_else(|| raw.to_owned())
}

pub(super) async fn decode_off_thread(
    state: &AppState,
    work: impl FnOnce() -> Result<Vec<Payload>, CommandErrorSource> + Send + 'static,
) -> Result<Vec<Payload>, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?
        .map_err(|e| e.fail(state))
}

/// A core or capture error, mapped once back on the async side.
pub enum CommandErrorSource {
    Core(CoreError),
    Capture(kairos_capture::CaptureError),
}

impl CommandErrorSource {
    fn fail(&self, state: &AppState) -> CommandError {
        match self {
            CommandErrorSource::Core(e) => state.fail(e),
            CommandErrorSource::Capture(e) => state.fail(e),
        }
    }
}

#[tauri::command]
pub async fn scan_image(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ScanResult, CommandError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(state.fail(&ShellError::FileEncoding));
    };
    let bytes = bytes.clone();
    let name = file_name(&request);
    let texts = decode_off_thread(&state, move || {
        let frame = qr::decode_image(&bytes).map_err(|detail| {
            CommandErrorSource::Core(CoreError::QrImageUnreadable {
                path: name.clone().into(),
                detail,
            })
        })?;
        decode(&frame, &name).map_err(CommandErrorSource::Core)
    })
    .await?;
    scan_result(&state, ScanSource::Image, &texts).await
}

#[tauri::command]
pub async fn scan_clipboard(state: State<'_, AppState>) -> Result<ScanResult, CommandError> {
    let texts = decode_off_thread(&state, || {
        let frame = ClipboardImageSource::new()
            .capture()
            .map_err(CommandErrorSource::Capture)?;
        decode(&frame, "clipboard").map_err(CommandErrorSource::Core)
    })
    .await?;
    scan_result(&state, ScanSource::Clipboard, &texts).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_percent_decoded() {
        assert_eq!(
            super::shown_name("capture%20d%E2%80%99%C3%A9cran.png"),
            "capture d’écran.png"
        );
        assert_eq!(super::shown_name("100%.png"), "100%.png");
    }
}
