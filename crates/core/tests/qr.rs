//! QR decoding on a generated corpus (see `qr_corpus/`), on a real camera
//! frame, and on broken files: each decoder alone where it should succeed,
//! the pipeline everywhere, and never a text that is not in the picture.

mod qr_corpus;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use kairos_core::qr::{
    self, Check, Effort, FileSequenceSource, FrameSource, ImageFileSource, LumaFrame, Pipeline,
    QrDecoder, RqrrDecoder, RxingDecoder, ScanLimits, ScanOutcome,
};
use kairos_core::{CoreError, UserFacing};
use qr_corpus::{Case, Category};

fn luma(case: &Case) -> LumaFrame {
    let (width, height) = case.image.dimensions();
    LumaFrame::new(width, height, case.image.as_raw().clone()).expect("corpus frames are valid")
}

fn texts(codes: &[qr::Decoded]) -> Vec<String> {
    codes.iter().map(|d| d.text.as_str().to_owned()).collect()
}

fn raw_texts(decoder: &dyn QrDecoder, frame: &LumaFrame) -> Vec<String> {
    decoder
        .decode(frame)
        .into_iter()
        .map(|c| c.text.as_str().to_owned())
        .collect()
}

/// Every text read must be one of the picture's: a misread is worse than none.
fn assert_no_wrong_decode(case: &Case, read: &[String], who: &str) {
    for text in read {
        assert!(
            case.expected.contains(text),
            "{who} misread {}: {text:?}",
            case.name
        );
    }
}

#[test]
fn clean_codes_decode_with_each_decoder_and_the_pipeline() {
    let cases = qr_corpus::clean_cases(8);
    let pipeline = Pipeline::default();
    for case in &cases {
        let frame = luma(case);
        for decoder in [&RqrrDecoder as &dyn QrDecoder, &RxingDecoder::default()] {
            let read = raw_texts(decoder, &frame);
            assert_eq!(read, case.expected, "{} on {}", decoder.name(), case.name);
        }
        let codes = pipeline.scan(&frame, Effort::Fast);
        assert_eq!(texts(&codes), case.expected, "pipeline on {}", case.name);
        // Both otpauth and migration payloads are checked by parsing.
        assert_eq!(codes[0].check, Check::Parsed, "{}", case.name);
        assert!(
            codes[0].stage <= 1,
            "{}: read late, at stage {}",
            case.name,
            codes[0].stage
        );
    }
}

/// Drawn once per test run: rendering is the slow part of these tests.
fn camera_corpus() -> &'static [Case] {
    static CORPUS: OnceLock<Vec<Case>> = OnceLock::new();
    CORPUS.get_or_init(|| qr_corpus::camera_cases(2))
}

#[test]
fn pipeline_reads_every_camera_like_frame_and_never_misreads() {
    let cases = camera_corpus();
    assert_eq!(cases.len(), 40);
    let pipeline = Pipeline::default();
    let mut failures = Vec::new();
    for case in cases {
        let frame = luma(case);
        let mut read = texts(&pipeline.scan(&frame, Effort::Thorough));
        assert_no_wrong_decode(case, &read, "pipeline");
        read.sort();
        let mut expected = case.expected.clone();
        expected.sort();
        if read != expected {
            failures.push(case.name.clone());
        }
    }
    assert!(failures.is_empty(), "not read: {failures:?}");
}

#[test]
fn fast_effort_stops_at_a_parsed_read_and_maps_outlines_to_the_frame() {
    let case = qr_corpus::camera_case(Category::Plain, 1280, 720, 77, 0);
    let codes = Pipeline::default().scan(&luma(&case), Effort::Fast);
    assert_eq!(texts(&codes), case.expected);
    let outline = &codes[0].outline;
    assert!(outline.len() >= 3, "{outline:?}");
    for point in outline {
        assert!((0.0..1280.0).contains(&point.x) && (0.0..720.0).contains(&point.y));
    }
}

#[test]
fn each_decoder_alone_reads_what_it_should_and_misreads_nothing() {
    let rqrr = RqrrDecoder;
    let rxing = RxingDecoder::default();
    // Categories each decoder reads unaided on every frame of the benchmark's
    // corpus (of which these frames are the first two per category and size);
    // the others need the pipeline's preprocessing.
    let rxing_reads = [
        Category::Plain,
        Category::Blur,
        Category::Rotated,
        Category::Skewed,
        Category::Jpeg,
        Category::Dense,
        Category::TwoCodes,
    ];
    let rqrr_reads = [Category::Rotated];
    let mut rqrr_total = 0;
    for case in camera_corpus() {
        let frame = luma(case);
        let mut by_rxing = raw_texts(&rxing, &frame);
        let mut by_rqrr = raw_texts(&rqrr, &frame);
        assert_no_wrong_decode(case, &by_rxing, "rxing");
        assert_no_wrong_decode(case, &by_rqrr, "rqrr");
        let mut expected = case.expected.clone();
        expected.sort();
        by_rxing.sort();
        by_rqrr.sort();
        if rxing_reads.contains(&case.category) {
            assert_eq!(by_rxing, expected, "rxing on {}", case.name);
        }
        if rqrr_reads.contains(&case.category) {
            assert_eq!(by_rqrr, expected, "rqrr on {}", case.name);
        }
        if by_rqrr == expected {
            rqrr_total += 1;
        }
        if case.category == Category::Inverted {
            assert!(by_rxing.is_empty() && by_rqrr.is_empty(), "{}", case.name);
        }
    }
    // rqrr alone reads about 70 % of the benchmark's frames.
    assert!(rqrr_total >= 20, "rqrr read only {rqrr_total} of 40 frames");
}

#[test]
fn inverted_codes_need_the_inversion_step() {
    let case = qr_corpus::camera_case(Category::Inverted, 1280, 720, 5, 0);
    let frame = luma(&case);
    assert!(raw_texts(&RqrrDecoder, &frame).is_empty());
    let codes = Pipeline::default().scan(&frame, Effort::Fast);
    assert_eq!(texts(&codes), case.expected);
}

#[test]
fn two_codes_in_one_frame_are_both_returned_once() {
    let case = qr_corpus::camera_case(Category::TwoCodes, 1920, 1080, 9, 0);
    let mut read = texts(&Pipeline::default().scan(&luma(&case), Effort::Thorough));
    read.sort();
    let mut expected = case.expected.clone();
    expected.sort();
    assert_eq!(read, expected);
}

#[test]
fn a_frame_without_a_code_reads_nothing() {
    let mut rng = qr_corpus::Rng::new(3);
    let scene = qr_corpus::Scene::background(1280, 720, &mut rng);
    let image = scene.finish(1.0, 4.0, &mut rng);
    let frame = LumaFrame::new(1280, 720, image.into_raw()).expect("valid");
    assert!(
        Pipeline::default()
            .scan(&frame, Effort::Thorough)
            .is_empty()
    );
}

/// A real photo of a phone's screen, copied into the repository from the
/// project's shared fixtures so a clean clone tests it.
fn shared_fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/qr")
        .join(relative)
}

#[test]
fn a_real_phone_camera_frame_decodes() {
    let path = shared_fixture("camera/aegis-camera-frame-1600x1200.png");
    let codes = qr::scan_file(&path).expect("the real frame holds a code");
    assert_eq!(
        texts(&codes),
        [
            "otpauth://totp/neo4j:Charlotte?secret=B33WS2ALPT34K4BNY24AYROE4M&issuer=neo4j&algorithm=SHA1&digits=6&period=30"
        ]
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/qr")
        .join(name)
}

#[test]
fn committed_fixtures_decode_from_their_files() {
    for (name, prefix) in [
        ("otpauth-clean.png", "otpauth://totp/"),
        ("otpauth-camera-720p.jpg", "otpauth://totp/"),
        (
            "migration-dense-720p.jpg",
            "otpauth-migration://offline?data=",
        ),
    ] {
        let codes = qr::scan_file(&fixture(name)).expect(name);
        assert_eq!(codes.len(), 1, "{name}");
        assert!(codes[0].text.as_str().starts_with(prefix), "{name}");
    }
    let codes = qr::scan_file(&fixture("two-codes-720p.jpg")).expect("two codes");
    assert_eq!(codes.len(), 2);
}

#[test]
fn unreadable_and_codeless_files_give_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = dir.path().join("notes.png");
    std::fs::write(&text, "not an image").expect("write");
    let truncated = dir.path().join("cut.png");
    let png = std::fs::read(fixture("otpauth-clean.png")).expect("fixture");
    std::fs::write(&truncated, &png[..png.len() / 2]).expect("write");
    for path in [text, truncated, dir.path().join("missing.png")] {
        let err = qr::scan_file(&path).expect_err("unreadable");
        assert_eq!(err.code(), "qr.image_unreadable", "{}", path.display());
        assert!(
            err.message(kairos_core::Locale::En)
                .contains(&*path.display().to_string())
        );
    }
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(300, 200, image::Luma([255]))
        .save(&blank)
        .expect("save");
    let err = qr::scan_file(&blank).expect_err("no code");
    assert!(matches!(err, CoreError::QrNotFound { .. }), "{err:?}");
    assert_eq!(err.code(), "qr.not_found");
}

#[test]
fn frame_buffers_of_the_wrong_size_are_refused() {
    let err = LumaFrame::new(10, 10, vec![0; 99]).expect_err("short buffer");
    assert_eq!(err.code(), "qr.frame_invalid");
    assert!(LumaFrame::new(0, 10, Vec::new()).is_err());
}

#[test]
fn the_scan_loop_reads_files_as_camera_frames_until_a_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = qr_corpus::Rng::new(11);
    let mut paths = Vec::new();
    // Two empty frames, then a code, then one more that must not be read.
    for i in 0..2 {
        let scene = qr_corpus::Scene::background(640, 480, &mut rng);
        let path = dir.path().join(format!("empty-{i}.png"));
        scene.finish(1.0, 3.0, &mut rng).save(&path).expect("save");
        paths.push(path);
    }
    let case = qr_corpus::camera_case(Category::Plain, 1280, 720, 21, 0);
    let with_code = dir.path().join("code.png");
    case.image.save(&with_code).expect("save");
    paths.push(with_code);
    paths.push(dir.path().join("never-read.png"));

    let mut source = FileSequenceSource::new(paths);
    let mut seen = Vec::new();
    let outcome = qr::scan_source(
        &mut source,
        &Pipeline::default(),
        ScanLimits::UNLIMITED,
        |meta, codes| {
            seen.push((meta.sequence, codes.len()));
            true
        },
    )
    .expect("every file read is valid");
    match outcome {
        ScanOutcome::Found { codes, frame } => {
            assert_eq!(texts(&codes), case.expected);
            assert_eq!(frame.sequence, 2);
        }
        ScanOutcome::NotFound { frames } => panic!("not found in {frames} frames"),
    }
    assert_eq!(seen, [(0, 0), (1, 0), (2, 1)]);
    // The fourth file does not exist: had the loop gone on, it would have failed.
    let err = source.next_frame().expect_err("missing file");
    assert_eq!(err.code(), "qr.image_unreadable");
}

#[test]
fn the_scan_loop_stops_at_its_frame_limit_and_at_the_end() {
    let case = qr_corpus::camera_case(Category::Plain, 640, 480, 4, 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = qr_corpus::Rng::new(12);
    let blank = dir.path().join("blank.png");
    qr_corpus::Scene::background(640, 480, &mut rng)
        .finish(1.0, 3.0, &mut rng)
        .save(&blank)
        .expect("save");
    let code = dir.path().join("code.png");
    case.image.save(&code).expect("save");
    let limits = ScanLimits {
        max_frames: Some(2),
        timeout: None,
    };
    let mut source = FileSequenceSource::new(vec![blank.clone(), blank.clone(), code.clone()]);
    let outcome =
        qr::scan_source(&mut source, &Pipeline::default(), limits, |_, _| true).expect("valid");
    assert!(
        matches!(outcome, ScanOutcome::NotFound { frames: 2 }),
        "{outcome:?}"
    );

    let mut source = ImageFileSource::new(blank);
    let outcome = qr::scan_source(
        &mut source,
        &Pipeline::default(),
        ScanLimits::UNLIMITED,
        |_, _| true,
    )
    .expect("valid");
    assert!(
        matches!(outcome, ScanOutcome::NotFound { frames: 1 }),
        "{outcome:?}"
    );
}

#[test]
fn a_custom_pipeline_runs_only_its_stages() {
    let case = qr_corpus::camera_case(Category::Inverted, 1280, 720, 6, 0);
    let only_rqrr = Pipeline::single(Arc::new(RqrrDecoder));
    assert_eq!(only_rqrr.stages().len(), 1);
    assert!(only_rqrr.scan(&luma(&case), Effort::Thorough).is_empty());
}
