//! Cameras through nokhwa (V4L2 on Linux, AVFoundation, Media Foundation).
//! Frames are read on a worker thread that keeps only the newest; they are
//! converted to luma on the consumer's side, so dropped frames cost nothing.

mod convert;
mod errors;
mod format;

use std::time::Instant;

use kairos_core::qr::{Frame, FrameMeta, FrameSource};
use nokhwa::utils::{ApiBackend, CameraIndex, RequestedFormat, RequestedFormatType};
use nokhwa::{Buffer, Camera};

pub use convert::luma_from_camera;
use errors::classify;
use format::{READABLE, pick_format};

use crate::error::CaptureError;
use crate::latest::Latest;

/// A camera as the system lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraInfo {
    pub index: u32,
    pub name: String,
}

/// The cameras present; `capture.no_camera` when there is none, so every
/// caller says the same thing.
pub fn list_cameras() -> Result<Vec<CameraInfo>, CaptureError> {
    let cameras = nokhwa::query(ApiBackend::Auto).map_err(|e| classify("-", &e))?;
    let cameras: Vec<CameraInfo> = cameras
        .into_iter()
        .filter_map(|info| {
            Some(CameraInfo {
                index: info.index().as_index().ok()?,
                name: info.human_name(),
            })
        })
        .collect();
    if cameras.is_empty() {
        return Err(CaptureError::NoCamera);
    }
    Ok(cameras)
}

/// A camera streaming on a worker thread. Dropping it releases the camera.
#[derive(Debug)]
pub struct CameraSource {
    frames: Latest<Buffer, CaptureError>,
    name: String,
}

impl CameraSource {
    /// Opens camera `index` (0 is the default) at the format closest to
    /// 1280×720 that Kairos reads, and starts streaming.
    pub fn open(index: u32) -> Result<Self, CaptureError> {
        let name = index.to_string();
        let camera_name = name.clone();
        let frames = Latest::spawn(move || {
            let camera = open_camera(index, &camera_name)?;
            let mut camera = camera;
            Ok(move || {
                camera
                    .frame()
                    .map(Some)
                    .map_err(|e| classify(&camera_name, &e))
            })
        })?;
        Ok(Self { frames, name })
    }
}

fn open_camera(index: u32, name: &str) -> Result<Camera, CaptureError> {
    let any =
        RequestedFormat::with_formats(RequestedFormatType::AbsoluteHighestFrameRate, &READABLE);
    let mut camera = Camera::new(CameraIndex::Index(index), any).map_err(|e| classify(name, &e))?;
    let formats = camera
        .compatible_camera_formats()
        .map_err(|e| classify(name, &e))?;
    let chosen = pick_format(&formats).ok_or_else(|| CaptureError::CameraFormat {
        camera: name.to_owned(),
    })?;
    camera
        .set_camera_requset(RequestedFormat::with_formats(
            RequestedFormatType::Exact(chosen),
            &READABLE,
        ))
        .map_err(|e| classify(name, &e))?;
    camera.open_stream().map_err(|e| classify(name, &e))?;
    Ok(camera)
}

impl FrameSource for CameraSource {
    type Error = CaptureError;

    fn next_frame(&mut self) -> Result<Option<Frame>, CaptureError> {
        let Some(taken) = self.frames.next()? else {
            return Ok(None);
        };
        let buffer = taken.item;
        let resolution = buffer.resolution();
        let luma = luma_from_camera(
            buffer.source_frame_format(),
            resolution.width(),
            resolution.height(),
            buffer.buffer(),
        )?;
        Ok(Some(Frame {
            luma,
            meta: FrameMeta {
                sequence: taken.sequence,
                dropped: taken.dropped,
                captured_at: Instant::now(),
                origin: format!("camera {}", self.name),
            },
        }))
    }
}
