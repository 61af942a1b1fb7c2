//! The camera scan: a worker thread reads the newest frame, decodes it
//! (fast effort: the next frame is another chance) and sends the window a
//! small JPEG preview with the codes outlined. The camera is released when
//! the window says stop, when the channel closes, or on error.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use kairos_capture::{CameraSource, CaptureError, list_cameras, preview};
use kairos_core::ErrorReport;
use kairos_core::UserFacing;
use kairos_core::qr::{Effort, FrameSource, Pipeline};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::scan_view::{ScanResult, ScanSource, scan_result};
use crate::{CommandError, state::AppState};

/// The shortest gap between two previews (20 a second at most): the window
/// needs 15, and a frame with a code found is sent at once regardless.
const PREVIEW_INTERVAL: Duration = Duration::from_millis(50);

#[derive(Debug, Serialize)]
pub struct CameraDevice {
    index: u32,
    name: String,
}

/// One preview frame; the last one of a camera that failed (unplugged)
/// carries `ended` and no picture.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CameraEvent {
    jpeg: String,
    width: u32,
    height: u32,
    outlines: Vec<Vec<(f32, f32)>>,
    found: Option<ScanResult>,
    ended: Option<ErrorReport>,
}

/// The running scan's stop switch.
#[derive(Debug, Default)]
pub struct CameraSlot(std::sync::Mutex<Option<Arc<AtomicBool>>>);

impl CameraSlot {
    fn replace(&self, next: Option<Arc<AtomicBool>>) {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(previous) = slot.take() {
            previous.store(true, Ordering::SeqCst);
        }
        *slot = next;
    }
}

#[tauri::command]
pub fn camera_list(state: State<'_, AppState>) -> Result<Vec<CameraDevice>, CommandError> {
    match list_cameras() {
        Ok(cameras) => Ok(cameras
            .into_iter()
            .map(|c| CameraDevice {
                index: c.index,
                name: c.name,
            })
            .collect()),
        Err(CaptureError::NoCamera) => Ok(Vec::new()),
        Err(e) => Err(state.fail(&e)),
    }
}

#[tauri::command]
pub fn camera_start(
    app: AppHandle,
    state: State<'_, AppState>,
    device: Option<u32>,
    on_frame: Channel<CameraEvent>,
) -> Result<(), CommandError> {
    let mut camera = CameraSource::open(device.unwrap_or(0)).map_err(|e| state.fail(&e))?;
    let stop = Arc::new(AtomicBool::new(false));
    state.camera.replace(Some(Arc::clone(&stop)));
    std::thread::spawn(move || {
        let pipeline = Pipeline::default();
        let mut last_preview = Instant::now() - PREVIEW_INTERVAL;
        while !stop.load(Ordering::SeqCst) {
            let frame = match camera.next_frame() {
                Ok(Some(frame)) => frame,
                Ok(None) => continue,
                Err(error) => {
                    let state = app.state::<AppState>();
                    let _ = on_frame.send(CameraEvent {
                        ended: Some(error.report(state.locale())),
                        ..CameraEvent::default()
                    });
                    break;
                }
            };
            let codes = pipeline.scan(&frame.luma, Effort::Fast);
            let found = if codes.is_empty() {
                None
            } else {
                let state = app.state::<AppState>();
                let texts: Vec<_> = codes.iter().map(|c| c.text.clone()).collect();
                tauri::async_runtime::block_on(scan_result(&state, ScanSource::Camera, &texts)).ok()
            };
            if found.is_none() && last_preview.elapsed() < PREVIEW_INTERVAL {
                continue;
            }
            last_preview = Instant::now();
            let Some(picture) = preview(&frame.luma) else {
                continue;
            };
            let scale = picture.scale;
            let outlines = codes
                .iter()
                .map(|c| {
                    c.outline
                        .iter()
                        .map(|p| (p.x * scale, p.y * scale))
                        .collect()
                })
                .collect();
            if on_frame
                .send(CameraEvent {
                    jpeg: picture.jpeg_base64,
                    width: picture.width,
                    height: picture.height,
                    outlines,
                    found,
                    ended: None,
                })
                .is_err()
            {
                break; // the window is gone
            }
        }
        drop(camera); // releases the device
    });
    Ok(())
}

#[tauri::command]
pub fn camera_stop(state: State<'_, AppState>) {
    state.camera.replace(None);
}
