//! nokhwa reports OS errors as text; the errno in it tells a missing camera
//! from a busy or forbidden one.

use nokhwa::NokhwaError;

use crate::error::CaptureError;

pub(super) fn classify(camera: &str, err: &NokhwaError) -> CaptureError {
    let text = err.to_string();
    let lower = text.to_ascii_lowercase();
    let camera = camera.to_owned();
    // ENOENT, ENODEV, ENXIO: no device node, or nothing behind it.
    if lower.contains("(os error 2)")
        || lower.contains("(os error 19)")
        || lower.contains("(os error 6)")
        || lower.contains("no such file")
        || lower.contains("no such device")
    {
        return CaptureError::NoCamera;
    }
    if lower.contains("(os error 16)") || lower.contains("resource busy") {
        return CaptureError::CameraBusy { camera };
    }
    if lower.contains("(os error 13)")
        || lower.contains("(os error 1)")
        || lower.contains("permission denied")
        || lower.contains("not permitted")
    {
        return CaptureError::CameraDenied { camera };
    }
    CaptureError::CameraFailed {
        camera,
        detail: text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

    fn open_error(detail: &str) -> NokhwaError {
        NokhwaError::OpenDeviceError("0".into(), detail.into())
    }

    #[test]
    fn os_errors_become_the_right_codes() {
        let cases = [
            (
                "V4L2 Error: No such file or directory (os error 2)",
                "capture.no_camera",
            ),
            (
                "V4L2 Error: No such device (os error 19)",
                "capture.no_camera",
            ),
            (
                "V4L2 Error: Device or resource busy (os error 16)",
                "capture.camera_busy",
            ),
            (
                "V4L2 Error: Permission denied (os error 13)",
                "capture.camera_denied",
            ),
            (
                "V4L2 Error: Input/output error (os error 5)",
                "capture.camera_failed",
            ),
        ];
        for (detail, code) in cases {
            assert_eq!(classify("0", &open_error(detail)).code(), code, "{detail}");
        }
        let busy = NokhwaError::OpenStreamError("Device or resource busy (os error 16)".into());
        assert_eq!(classify("0", &busy).code(), "capture.camera_busy");
    }

    #[test]
    fn other_failures_keep_their_detail() {
        let err = classify(
            "0",
            &open_error("V4L2 Error: Input/output error (os error 5)"),
        );
        assert!(
            matches!(&err, CaptureError::CameraFailed { detail, .. } if detail.contains("os error 5"))
        );
    }
}
