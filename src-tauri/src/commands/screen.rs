//! The screen source's choices: which backend this session has, its
//! windows, a small snapshot to draw an area on, and the scan of one target.
//! The Kairos window steps aside (hidden) while the screen is read, so it
//! does not cover what the user wants captured, then comes back.

use std::time::Duration;

use kairos_capture::{Backend, CaptureError, Region, ScreenSource, ScreenTarget, preview};
use kairos_core::qr::LumaFrame;
use serde::{Deserialize, Serialize};
use tauri::{State, WebviewWindow};

use super::scan::{CommandErrorSource, decode, decode_off_thread};
use super::scan_view::{ScanResult, ScanSource, scan_result};
use crate::error::ShellError;
use crate::{CommandError, state::AppState};

/// Time for the compositor to repaint what the hidden window covered.
const REPAINT_DELAY: Duration = Duration::from_millis(300);

/// What the window asks to capture.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TargetArg {
    Screen,
    Window {
        id: u32,
    },
    Region {
        x: i32,
        y: i32,
        width: u32,
        height: u32,
    },
    Pick,
}

impl From<TargetArg> for ScreenTarget {
    fn from(target: TargetArg) -> Self {
        match target {
            TargetArg::Screen => ScreenTarget::FullScreen,
            TargetArg::Window { id } => ScreenTarget::Window(id),
            TargetArg::Region {
                x,
                y,
                width,
                height,
            } => ScreenTarget::Region(Region {
                x,
                y,
                width,
                height,
            }),
            TargetArg::Pick => ScreenTarget::Pick,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScreenWindow {
    id: u32,
    title: String,
    width: u32,
    height: u32,
}

/// The session's backend (`x11` or `wayland`) and, on X11, its windows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScreenChoices {
    backend: &'static str,
    windows: Vec<ScreenWindow>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScreenSnapshot {
    jpeg: String,
    width: u32,
    height: u32,
    screen_width: u32,
    screen_height: u32,
}

#[tauri::command]
pub async fn screen_windows(state: State<'_, AppState>) -> Result<ScreenChoices, CommandError> {
    let listed = tauri::async_runtime::spawn_blocking(|| {
        let source = ScreenSource::new();
        let backend = source.backend()?;
        let windows = match backend {
            Backend::X11 { .. } => source.windows()?,
            Backend::Portal { .. } => Vec::new(),
        };
        Ok::<_, CaptureError>((backend, windows))
    })
    .await
    .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?;
    let (backend, windows) = listed.map_err(|e| state.fail(&e))?;
    Ok(ScreenChoices {
        backend: match backend {
            Backend::X11 { .. } => "x11",
            Backend::Portal { .. } => "wayland",
        },
        windows: windows
            .into_iter()
            .map(|w| ScreenWindow {
                id: w.id,
                title: w.title,
                width: w.width,
                height: w.height,
            })
            .collect(),
    })
}

/// Captures `target` with the Kairos window hidden when `hide`; the window
/// is shown again whatever the capture gave.
fn capture_aside(
    window: &WebviewWindow,
    hide: bool,
    target: ScreenTarget,
) -> Result<LumaFrame, CaptureError> {
    let hidden = hide && window.hide().is_ok();
    if hidden {
        std::thread::sleep(REPAINT_DELAY);
    }
    let frame = ScreenSource::new().target(target).capture();
    if hidden {
        // Best effort: a window that cannot be shown again is still there.
        let _ = window.show();
        let _ = window.set_focus();
    }
    frame
}

#[tauri::command]
pub async fn screen_snapshot(
    window: WebviewWindow,
    state: State<'_, AppState>,
    hide: Option<bool>,
) -> Result<ScreenSnapshot, CommandError> {
    let hide = hide.unwrap_or(true);
    let taken = tauri::async_runtime::spawn_blocking(move || {
        let frame = capture_aside(&window, hide, ScreenTarget::FullScreen)?;
        let small = preview(&frame).ok_or_else(|| CaptureError::ScreenFailed {
            detail: "the snapshot cannot be encoded".into(),
        })?;
        Ok::<_, CaptureError>((small, frame.width(), frame.height()))
    })
    .await
    .map_err(|e| state.fail(&ShellError::TaskFailed(e.to_string())))?;
    let (small, screen_width, screen_height) = taken.map_err(|e| state.fail(&e))?;
    Ok(ScreenSnapshot {
        jpeg: small.jpeg_base64,
        width: small.width,
        height: small.height,
        screen_width,
        screen_height,
    })
}

/// Scans one target: the whole screen when none is given (the previous
/// behaviour); the window steps aside unless the user picks in a dialog.
#[tauri::command]
pub async fn scan_screen(
    window: WebviewWindow,
    state: State<'_, AppState>,
    target: Option<TargetArg>,
    hide: Option<bool>,
) -> Result<ScanResult, CommandError> {
    let target = ScreenTarget::from(target.unwrap_or(TargetArg::Screen));
    let hide = hide.unwrap_or(target != ScreenTarget::Pick);
    let texts = decode_off_thread(&state, move || {
        let frame = capture_aside(&window, hide, target).map_err(CommandErrorSource::Capture)?;
        decode(&frame, "screen").map_err(CommandErrorSource::Core)
    })
    .await?;
    scan_result(&state, ScanSource::Screen, &texts).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_from_the_window_become_capture_targets() -> Result<(), serde_json::Error> {
        let parse = |json: &str| serde_json::from_str::<TargetArg>(json).map(ScreenTarget::from);
        assert_eq!(parse(r#"{"kind":"screen"}"#)?, ScreenTarget::FullScreen);
        assert_eq!(
            parse(r#"{"kind":"window","id":4194305}"#)?,
            ScreenTarget::Window(4_194_305)
        );
        assert_eq!(
            parse(r#"{"kind":"region","x":-2,"y":3,"width":40,"height":50}"#)?,
            ScreenTarget::Region(Region {
                x: -2,
                y: 3,
                width: 40,
                height: 50
            })
        );
        assert_eq!(parse(r#"{"kind":"pick"}"#)?, ScreenTarget::Pick);
        assert!(parse(r#"{"kind":"window"}"#).is_err());
        Ok(())
    }
}
