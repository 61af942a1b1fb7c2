//! Camera buffers to luma frames. MJPEG goes through the `image` crate
//! (zune-jpeg, which supplies the Huffman tables MJPEG frames leave out),
//! not nokhwa's mozjpeg build.

use image::ImageFormat;
use kairos_core::qr::LumaFrame;
use nokhwa::utils::FrameFormat;

use crate::error::CaptureError;

pub fn luma_from_camera(
    format: FrameFormat,
    width: u32,
    height: u32,
    bytes: &[u8],
) -> Result<LumaFrame, CaptureError> {
    let pixels = width as usize * height as usize;
    let luma = match format {
        FrameFormat::MJPEG => {
            let image =
                image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).map_err(|e| {
                    CaptureError::CameraFailed {
                        camera: "-".into(),
                        detail: format!("bad MJPEG frame: {e}"),
                    }
                })?;
            return Ok(LumaFrame::from_image(&image)?);
        }
        // Y0 U Y1 V: every other byte is luma.
        FrameFormat::YUYV => bytes.iter().step_by(2).take(pixels).copied().collect(),
        // A full-resolution Y plane, then chroma.
        FrameFormat::NV12 | FrameFormat::GRAY => bytes.iter().take(pixels).copied().collect(),
        FrameFormat::RAWRGB => rgb_to_luma(bytes, pixels, [0, 1, 2]),
        FrameFormat::RAWBGR => rgb_to_luma(bytes, pixels, [2, 1, 0]),
    };
    Ok(LumaFrame::new(width, height, luma)?)
}

/// BT.601 weights in fixed point (77 + 150 + 29 = 256).
fn rgb_to_luma(bytes: &[u8], pixels: usize, [r, g, b]: [usize; 3]) -> Vec<u8> {
    bytes
        .chunks_exact(3)
        .take(pixels)
        .map(|p| ((77 * u32::from(p[r]) + 150 * u32::from(p[g]) + 29 * u32::from(p[b])) >> 8) as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

    #[test]
    fn yuyv_keeps_the_luma_bytes() {
        let bytes = [10, 128, 20, 128, 30, 128, 40, 128];
        let frame = luma_from_camera(FrameFormat::YUYV, 2, 2, &bytes).expect("valid");
        assert_eq!(frame.pixels(), &[10, 20, 30, 40]);
    }

    #[test]
    fn mjpeg_frames_decode_with_the_image_crate() {
        let grey =
            image::GrayImage::from_fn(64, 48, |x, _| image::Luma([if x < 32 { 0 } else { 255 }]));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&grey)
            .expect("encode");
        let frame = luma_from_camera(FrameFormat::MJPEG, 64, 48, &jpeg).expect("decodes");
        assert_eq!((frame.width(), frame.height()), (64, 48));
        assert!(frame.pixels()[0] < 30 && frame.pixels()[63] > 225);
    }

    #[test]
    fn short_or_corrupt_buffers_are_errors_not_panics() {
        let err = luma_from_camera(FrameFormat::YUYV, 4, 4, &[0; 10]).expect_err("short");
        assert_eq!(err.code(), "qr.frame_invalid");
        let err =
            luma_from_camera(FrameFormat::MJPEG, 4, 4, b"\xff\xd8garbage").expect_err("corrupt");
        assert_eq!(err.code(), "capture.camera_failed");
    }

    #[test]
    fn rgb_and_bgr_weigh_green_most() {
        let green = luma_from_camera(FrameFormat::RAWRGB, 1, 1, &[0, 255, 0]).expect("valid");
        let blue_bgr = luma_from_camera(FrameFormat::RAWBGR, 1, 1, &[255, 0, 0]).expect("valid");
        assert!(green.pixels()[0] > 140 && blue_bgr.pixels()[0] < 30);
    }
}
