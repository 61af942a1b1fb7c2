//! What the camera scan costs per frame, without a camera: camera-like
//! 1280×720 frames from the QR corpus, each first encoded as MJPEG the way a
//! webcam sends it, then put through the worker's three steps — MJPEG to luma,
//! the fast decoding pass, and the 640-wide JPEG preview for the window.
//! The sum bounds the frame rate one core sustains (the worker also caps the
//! preview at 20 a second).
//!
//!     cargo bench -p kairos-capture --profile measure --bench camera_path [-- PER_CATEGORY]

// The module allows its own dead code (the tests and the bench use different parts).
#[path = "../../core/tests/qr_corpus/mod.rs"]
mod qr_corpus;

use std::time::{Duration, Instant};

use kairos_capture::{luma_from_camera, preview};
use kairos_core::qr::{Effort, Pipeline};
use nokhwa::utils::FrameFormat;
use qr_corpus::{Category, camera_case};

/// Typical webcam MJPEG quality.
const MJPEG_QUALITY: u8 = 85;

#[derive(Default)]
struct Steps {
    decode: Vec<Duration>,
    scan: Vec<Duration>,
    encode: Vec<Duration>,
    total: Vec<Duration>,
    preview_bytes: Vec<usize>,
    found: u32,
}

fn main() {
    let per_category: u32 = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(10);
    let pipeline = Pipeline::default();
    let mut steps = Steps::default();
    for (c, category) in Category::CAMERA.into_iter().enumerate() {
        for i in 0..per_category {
            let seed = 50_000 + 100 * c as u64 + u64::from(i);
            let case = camera_case(category, 1280, 720, seed, i);
            let mut mjpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut mjpeg, MJPEG_QUALITY)
                .encode_image(&case.image)
                .expect("encode the MJPEG frame");
            let started = Instant::now();
            let luma = luma_from_camera(FrameFormat::MJPEG, 1280, 720, &mjpeg).expect("decodes");
            let decoded = Instant::now();
            let codes = pipeline.scan(&luma, Effort::Fast);
            let scanned = Instant::now();
            let picture = preview(&luma).expect("preview");
            let encoded = Instant::now();
            steps.decode.push(decoded - started);
            steps.scan.push(scanned - decoded);
            steps.encode.push(encoded - scanned);
            steps.total.push(encoded - started);
            steps.preview_bytes.push(picture.jpeg_base64.len());
            let read = |e: &String| codes.iter().any(|c| c.text.as_str() == e.as_str());
            if case.expected.iter().all(read) {
                steps.found += 1;
            }
        }
    }
    report(&mut steps);
}

fn report(steps: &mut Steps) {
    let frames = steps.total.len();
    println!(
        "camera path, {frames} camera-like 1280×720 MJPEG frames (q{MJPEG_QUALITY}), one thread"
    );
    for (name, times) in [
        ("MJPEG → luma", &mut steps.decode),
        ("fast decode pass", &mut steps.scan),
        ("640-wide preview JPEG", &mut steps.encode),
        ("whole frame", &mut steps.total),
    ] {
        println!(
            "  {name:<22} median {:>6.2} ms   p90 {:>6.2} ms",
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.9))
        );
    }
    let median = percentile(&mut steps.total, 0.5);
    let p90 = percentile(&mut steps.total, 0.9);
    steps.preview_bytes.sort_unstable();
    println!(
        "  sustainable: {:.0} frames/s at the median, {:.0} at p90; preview payload median {:.1} kB (base64)",
        1.0 / median.as_secs_f64(),
        1.0 / p90.as_secs_f64(),
        steps.preview_bytes[frames / 2] as f64 / 1000.0
    );
    println!(
        "  codes read on the first fast pass: {}/{frames} (the next frames are more chances)",
        steps.found
    );
}

fn percentile(times: &mut [Duration], q: f64) -> Duration {
    times.sort_unstable();
    times[((times.len() - 1) as f64 * q).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
