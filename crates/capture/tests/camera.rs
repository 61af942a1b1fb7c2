//! The camera path on a machine without a camera (this one, and CI): nokhwa's
//! real V4L2 code runs and its outcome is a clear `capture.no_camera`; and the
//! camera's frame loop (newest frame wins) fed by image files instead.

use std::path::{Path, PathBuf};

use kairos_capture::{CameraSource, Latest, list_cameras};
use kairos_core::qr::{
    self, FileSequenceSource, Frame, FrameSource, Pipeline, ScanLimits, ScanOutcome,
};
use kairos_core::{CoreError, Locale, UserFacing};

#[test]
fn with_no_camera_listing_and_opening_say_no_camera_found() {
    assert!(
        !Path::new("/dev/video0").exists(),
        "this test expects a machine without a camera, as CI is; /dev/video0 exists here"
    );
    let err = list_cameras().expect_err("no camera to list");
    assert_eq!(err.code(), "capture.no_camera");

    // Opening index 0 anyway goes through nokhwa's V4L2 backend, which fails
    // with ENOENT on /dev/video0: not a raw OS error, not a panic.
    let err = CameraSource::open(0).expect_err("no camera to open");
    assert_eq!(err.code(), "capture.no_camera");
    assert_eq!(err.message(Locale::En), "No camera found.");
    assert_eq!(err.message(Locale::Fr), "Aucune caméra trouvée.");
    assert!(
        err.hint(Locale::En)
            .is_some_and(|h| h.contains("image file"))
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/qr")
        .join(name)
}

fn expected(name: &str) -> String {
    let path = fixture(&format!("{name}.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .trim_end()
        .to_owned()
}

#[test]
fn the_scan_loop_reads_a_file_stream_through_the_newest_frame_worker() {
    // Blank frames then the code, as a camera pointed at a screen late.
    let dir = tempfile::tempdir().expect("temp dir");
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(640, 480, image::Luma([200]))
        .save(&blank)
        .expect("save");
    let mut paths = vec![blank.clone(); 3];
    paths.push(fixture("otpauth-camera-720p.jpg"));
    let mut source: Latest<Frame, CoreError> =
        Latest::from_source(FileSequenceSource::new(paths)).expect("opens");
    let outcome = qr::scan_source(
        &mut source,
        &Pipeline::default(),
        ScanLimits::UNLIMITED,
        |_, _| true,
    )
    .expect("frames are valid");
    match outcome {
        ScanOutcome::Found { codes, frame } => {
            assert_eq!(codes.len(), 1);
            assert_eq!(codes[0].text.as_str(), expected("otpauth-camera-720p.jpg"));
            assert_eq!(frame.sequence, 3, "the code is the fourth frame");
        }
        ScanOutcome::NotFound { frames } => panic!("no code in {frames} frames"),
    }
}

#[test]
fn a_slow_consumer_skips_stale_frames_but_sees_the_last() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(64, 64, image::Luma([200]))
        .save(&blank)
        .expect("save");
    let mut paths = vec![blank; 30];
    paths.push(fixture("otpauth-clean.png"));
    let mut source: Latest<Frame, CoreError> =
        Latest::from_source(FileSequenceSource::new(paths)).expect("opens");
    let mut frames = Vec::new();
    while let Some(frame) = source.next_frame().expect("valid") {
        frames.push(frame.meta);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let last = frames.last().expect("frames");
    assert_eq!(last.sequence, 30, "the newest frame is never lost");
    assert!(frames.len() < 31, "every stale frame was queued");
    let dropped: u64 = frames.iter().map(|m| m.dropped).sum();
    assert_eq!(dropped + frames.len() as u64, 31);
}
