//! Frames for Kairos's QR scanner from a camera, the screen and the clipboard.
//!
//! Each source implements [`kairos_core::qr::FrameSource`], so the scanning
//! loop and its tests are the same for all of them. This crate holds the
//! native dependencies (V4L2 through nokhwa, X11, the clipboard) so that
//! `kairos-core` stays quick to build and test.

mod camera;
mod clipboard;
mod error;
mod latest;
mod preview;
mod screen;

pub use camera::{CameraInfo, CameraSource, list_cameras, luma_from_camera};
pub use clipboard::ClipboardImageSource;
pub use error::CaptureError;
pub use latest::{Latest, Taken};
pub use preview::{PREVIEW_WIDTH, Preview, preview};
pub use screen::{Backend, Region, ScreenSource, ScreenTarget, WindowInfo};
