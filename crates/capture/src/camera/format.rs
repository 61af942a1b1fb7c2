//! Choosing the camera's format: 1280×720 when offered (enough pixels per
//! module for dense export codes, few enough to decode within a frame
//! interval), else the size nearest to it, in a format Kairos converts itself.

use nokhwa::utils::{CameraFormat, FrameFormat};

/// Formats `luma_from_camera` reads, best first: MJPEG is what USB cameras
/// deliver at 720p and 30 fps; YUYV and GRAY carry luma as is.
pub(super) const READABLE: [FrameFormat; 6] = [
    FrameFormat::MJPEG,
    FrameFormat::YUYV,
    FrameFormat::GRAY,
    FrameFormat::NV12,
    FrameFormat::RAWRGB,
    FrameFormat::RAWBGR,
];

const WANTED: (i64, i64) = (1280, 720);
/// Below this a moving hand blurs codes; above it no camera needs to go.
const MIN_FPS: u32 = 15;

pub(super) fn pick_format(formats: &[CameraFormat]) -> Option<CameraFormat> {
    formats
        .iter()
        .filter(|f| READABLE.contains(&f.format()))
        .min_by_key(|f| {
            let dx = i64::from(f.width()) - WANTED.0;
            let dy = i64::from(f.height()) - WANTED.1;
            let format_rank = READABLE
                .iter()
                .position(|r| *r == f.format())
                .unwrap_or(READABLE.len());
            (
                dx * dx + dy * dy,
                f.frame_rate() < MIN_FPS,
                format_rank,
                // Among equals, the highest frame rate.
                std::cmp::Reverse(f.frame_rate()),
            )
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(w: u32, h: u32, format: FrameFormat, fps: u32) -> CameraFormat {
        CameraFormat::new_from(w, h, format, fps)
    }

    #[test]
    fn prefers_720p_mjpeg_at_a_usable_rate() {
        let offered = [
            f(640, 480, FrameFormat::MJPEG, 30),
            f(1280, 720, FrameFormat::YUYV, 10),
            f(1280, 720, FrameFormat::MJPEG, 30),
            f(1920, 1080, FrameFormat::MJPEG, 30),
        ];
        assert_eq!(
            pick_format(&offered),
            Some(f(1280, 720, FrameFormat::MJPEG, 30))
        );
    }

    #[test]
    fn takes_the_nearest_size_when_720p_is_missing() {
        let offered = [
            f(640, 480, FrameFormat::YUYV, 30),
            f(1600, 900, FrameFormat::YUYV, 30),
        ];
        assert_eq!(
            pick_format(&offered),
            Some(f(1600, 900, FrameFormat::YUYV, 30))
        );
    }

    #[test]
    fn nothing_readable_is_none() {
        assert_eq!(pick_format(&[]), None);
    }
}
