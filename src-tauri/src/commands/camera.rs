//! The camera scan: a worker thread reads the newest frame, decodes it
//! (fast effort: the next frame is another chance) and sends the window a
//! small JPEG preview with the codes outlined. The camera is released when
//! the window says stop, when the channel closes, or on error.

use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use kairos_capture::{CameraSource, CaptureError, list_cameras};
use kairos_core::ErrorReport;
use kairos_core::UserFacing;
use kairos_core::qr::{Effort, FrameSource, LumaFrame, Pipeline};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::scan_view::{ScanResult, ScanSource, scan_result};
use crate::{CommandError, state::AppState};

/// Preview width sent to the window; small enough for 15+ fps over IPC.
const PREVIEW_WIDTH: u32 = 640;
/// At most this many previews a second.
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

fn preview(frame: &LumaFrame) -> Option<(String, u32, u32)> {
    let image = image::GrayImage::from_raw(frame.width(), frame.height(), frame.pixels().to_vec())?;
    let height = (u64::from(frame.height()) * u64::from(PREVIEW_WIDTH)
        / u64::from(frame.width().max(1))) as u32;
    let small = image::imageops::resize(
        &image,
        PREVIEW_WIDTH,
        height.max(1),
        image::imageops::FilterType::Triangle,
    );
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut Cursor::new(&mut jpeg), 70)
        .encode_image(&small)
        .ok()?;
    Some((
        base64::engine::general_purpose::STANDARD.encode(jpeg),
        PREVIEW_WIDTH,
        height,
    ))
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
            let Some((jpeg, width, height)) = preview(&frame.luma) else {
                continue;
            };
            let scale = width as f32 / frame.luma.width().max(1) as f32;
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
                    jpeg,
                    width,
                    height,
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
