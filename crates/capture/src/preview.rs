//! The camera preview the window shows: a small JPEG of the newest frame,
//! sized so that encoding it and sending it over IPC stays well inside a
//! frame interval.

use std::io::Cursor;

use base64::Engine;
use image::imageops::FilterType;
use kairos_core::qr::LumaFrame;

/// Preview width sent to the window.
pub const PREVIEW_WIDTH: u32 = 640;
/// JPEG quality of the preview: a viewfinder, not a photo.
const PREVIEW_QUALITY: u8 = 70;

/// One preview picture, base64 JPEG, with the factor that maps frame
/// coordinates (code outlines) onto it.
#[derive(Clone, Debug)]
pub struct Preview {
    pub jpeg_base64: String,
    pub width: u32,
    pub height: u32,
    pub scale: f32,
}

/// Scales `frame` down to [`PREVIEW_WIDTH`] (never up) and encodes it.
/// `None` only if the frame's buffer does not match its size, which
/// [`LumaFrame`]'s constructor already rules out.
pub fn preview(frame: &LumaFrame) -> Option<Preview> {
    let image = image::GrayImage::from_raw(frame.width(), frame.height(), frame.pixels().to_vec())?;
    let width = PREVIEW_WIDTH.min(frame.width().max(1));
    let height = (u64::from(frame.height()) * u64::from(width) / u64::from(frame.width().max(1)))
        .max(1) as u32;
    let small = if width == frame.width() {
        image
    } else {
        image::imageops::resize(&image, width, height, FilterType::Triangle)
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut Cursor::new(&mut jpeg),
        PREVIEW_QUALITY,
    )
    .encode_image(&small)
    .ok()?;
    Some(Preview {
        jpeg_base64: base64::engine::general_purpose::STANDARD.encode(jpeg),
        width,
        height,
        scale: width as f32 / frame.width().max(1) as f32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(width: u32, height: u32) -> LumaFrame {
        let pixels = (0..width * height).map(|i| (i % 251) as u8).collect();
        LumaFrame::new(width, height, pixels).expect("valid frame")
    }

    fn decoded(preview: &Preview) -> image::DynamicImage {
        let jpeg = base64::engine::general_purpose::STANDARD
            .decode(&preview.jpeg_base64)
            .expect("base64");
        image::load_from_memory(&jpeg).expect("a JPEG")
    }

    #[test]
    fn a_720p_frame_becomes_a_640_wide_jpeg_with_its_scale() {
        let preview = preview(&frame(1280, 720)).expect("preview");
        assert_eq!((preview.width, preview.height), (640, 360));
        assert!((preview.scale - 0.5).abs() < f32::EPSILON);
        let image = decoded(&preview);
        assert_eq!((image.width(), image.height()), (640, 360));
    }

    #[test]
    fn small_frames_are_not_enlarged() {
        let preview = preview(&frame(320, 240)).expect("preview");
        assert_eq!(
            (preview.width, preview.height, preview.scale),
            (320, 240, 1.0)
        );
        assert_eq!(decoded(&preview).width(), 320);
    }
}
