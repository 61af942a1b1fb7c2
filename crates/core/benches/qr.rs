//! QR decoding benchmark on the generated corpus (`tests/qr_corpus/`): success
//! rate, misreads and median time per frame for Kairos's pipeline, each
//! candidate stage alone (which set the pipeline's order), plain rqrr, plain
//! rxing, and zbarimg (Debian `zbar-tools`) as the reference.
//!
//!     cargo bench -p kairos-core --profile measure --bench qr [-- PER_CATEGORY]
//!
//! Times are wall-clock on one thread, decoding only (frames are in memory).
//! zbarimg runs as a process on binary PGM files (cheapest for it to load):
//! once per file to learn what it reads, then once over every file of a size
//! at a time, the elapsed time divided by the number of files, so process
//! start-up is spread over them (its image loading stays included).

#[path = "../tests/qr_corpus/mod.rs"]
mod qr_corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kairos_core::qr::{
    Effort, LumaFrame, Pipeline, QrDecoder, RqrrDecoder, RxingDecoder, Stage, Step,
};
use qr_corpus::{Case, Category};

struct Tally {
    ok: BTreeMap<(Category, u32), (u32, u32)>,
    wrong: u32,
    times_720: Vec<Duration>,
    times_1080: Vec<Duration>,
}

impl Tally {
    fn new() -> Self {
        Self {
            ok: BTreeMap::new(),
            wrong: 0,
            times_720: Vec::new(),
            times_1080: Vec::new(),
        }
    }

    fn record(&mut self, case: &Case, read: &[String], elapsed: Option<Duration>) -> bool {
        let height = case.image.height();
        let mut got: Vec<&String> = read.iter().collect();
        got.sort();
        got.dedup();
        self.wrong += got.iter().filter(|t| !case.expected.contains(t)).count() as u32;
        let success = case.expected.iter().all(|e| read.contains(e));
        let entry = self.ok.entry((case.category, height)).or_default();
        entry.1 += 1;
        if success {
            entry.0 += 1;
        }
        match (elapsed, height) {
            (Some(t), 720) => self.times_720.push(t),
            (Some(t), 1080) => self.times_1080.push(t),
            _ => {}
        }
        success
    }

    fn rate(&self, filter: impl Fn(Category, u32) -> bool) -> (u32, u32) {
        self.ok
            .iter()
            .filter(|((c, h), _)| filter(*c, *h))
            .fold((0, 0), |(a, b), (_, (ok, n))| (a + ok, b + n))
    }
}

fn median(times: &mut [Duration]) -> f64 {
    if times.is_empty() {
        return f64::NAN;
    }
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn percent((ok, n): (u32, u32)) -> String {
    format!(
        "{:5.1} % ({ok}/{n})",
        100.0 * f64::from(ok) / f64::from(n.max(1))
    )
}

fn luma(case: &Case) -> LumaFrame {
    let (w, h) = case.image.dimensions();
    LumaFrame::new(w, h, case.image.as_raw().clone()).expect("valid corpus frame")
}

fn run(
    name: &str,
    cases: &[Case],
    frames: &[LumaFrame],
    mut decode: impl FnMut(&LumaFrame) -> Vec<String>,
) -> Tally {
    let mut tally = Tally::new();
    for (case, frame) in cases.iter().zip(frames) {
        let started = Instant::now();
        let read = decode(frame);
        let elapsed = started.elapsed();
        tally.record(case, &read, Some(elapsed));
    }
    report(name, &mut tally);
    tally
}

fn report(name: &str, tally: &mut Tally) {
    let camera = tally.rate(|c, _| c != Category::Clean);
    let dense = tally.rate(|c, _| c == Category::Dense);
    let at720 = tally.rate(|c, h| c != Category::Clean && h == 720);
    println!(
        "{name:<34} camera {}  720p {}  dense {}  misreads {}  median 720p {:7.2} ms  1080p {:7.2} ms",
        percent(camera),
        percent(at720),
        percent(dense),
        tally.wrong,
        median(&mut tally.times_720),
        median(&mut tally.times_1080),
    );
}

fn by_category(name: &str, tally: &Tally) {
    let mut line = format!("  {name:<32}");
    for category in Category::CAMERA {
        let (ok, n) = tally.rate(|c, _| c == category);
        line.push_str(&format!(" {}:{ok}/{n}", category.name()));
    }
    println!("{line}");
}

fn write_pgm(path: &Path, case: &Case) {
    let (w, h) = case.image.dimensions();
    let mut bytes = format!("P5\n{w} {h}\n255\n").into_bytes();
    bytes.extend_from_slice(case.image.as_raw());
    std::fs::write(path, bytes).expect("write PGM");
}

fn zbar(cases: &[Case]) -> Tally {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths: Vec<PathBuf> = cases
        .iter()
        .map(|case| {
            let path = dir.path().join(format!("{}.pgm", case.name));
            write_pgm(&path, case);
            path
        })
        .collect();
    let zbarimg = |files: &[&PathBuf]| {
        Command::new("zbarimg")
            .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
            .args(files)
            .output()
            .unwrap_or_else(|e| {
                panic!("zbarimg did not run ({e}): install the Debian package zbar-tools")
            })
    };
    let mut tally = Tally::new();
    for (case, path) in cases.iter().zip(&paths) {
        let out = zbarimg(&[path]);
        let read: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        tally.record(case, &read, None);
    }
    for height in [720, 1080] {
        let files: Vec<&PathBuf> = cases
            .iter()
            .zip(&paths)
            .filter(|(c, _)| c.image.height() == height && c.category != Category::Clean)
            .map(|(_, p)| p)
            .collect();
        let started = Instant::now();
        zbarimg(&files);
        let per_file = started.elapsed() / files.len().max(1) as u32;
        let times = if height == 720 {
            &mut tally.times_720
        } else {
            &mut tally.times_1080
        };
        times.push(per_file);
    }
    report("zbarimg (per file, batch mean)", &mut tally);
    tally
}

fn texts(decoder: &dyn QrDecoder, frame: &LumaFrame) -> Vec<String> {
    decoder
        .decode(frame)
        .into_iter()
        .map(|c| c.text.as_str().to_owned())
        .collect()
}

/// `-- --write-fixtures DIR`: the few pictures committed for the CLI and
/// end-to-end tests, each with its expected text beside it (`NAME.txt`).
fn write_fixtures(dir: &Path) {
    std::fs::create_dir_all(dir).expect("fixture folder");
    let save = |name: &str, image: &image::GrayImage, texts: &[String]| {
        let path = dir.join(name);
        if name.ends_with(".jpg") {
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80)
                .encode_image(image)
                .expect("JPEG");
            std::fs::write(&path, bytes).expect("write");
        } else {
            image.save(&path).expect("write");
        }
        std::fs::write(dir.join(format!("{name}.txt")), texts.join("\n") + "\n").expect("write");
        println!("{}", path.display());
    };
    let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
        .to_owned();
    save(
        "otpauth-clean.png",
        &qr_corpus::render_clean(&text, 4),
        &[text],
    );
    let case = qr_corpus::camera_case(Category::Skewed, 1280, 720, 4242, 0);
    save("otpauth-camera-720p.jpg", &case.image, &case.expected);
    let accounts: Vec<(String, String, Vec<u8>)> = (0..10)
        .map(|i| {
            (
                format!("Issuer {i}"),
                format!("user{i}@example.com"),
                (0..20).map(|b| (b * 7 + i * 13) as u8).collect(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &[u8])> = accounts
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_slice()))
        .collect();
    let migration = qr_corpus::real_migration_uri(&refs, 1_234_567);
    let mut rng = qr_corpus::Rng::new(99);
    let mut scene = qr_corpus::Scene::background(1280, 720, &mut rng);
    let quad = qr_corpus::Quad::square(640.0, 360.0, 480.0, 3f32.to_radians(), 0.0, 0);
    qr_corpus::render_code(&mut scene, &migration, &quad, 30.0, 230.0, false);
    save(
        "migration-dense-720p.jpg",
        &scene.finish(0.7, 3.0, &mut rng),
        &[migration],
    );
    let case = qr_corpus::camera_case(Category::TwoCodes, 1280, 720, 4343, 0);
    save("two-codes-720p.jpg", &case.image, &case.expected);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-fixtures") {
        write_fixtures(Path::new(
            args.get(i + 1).map_or("tests/fixtures/qr", String::as_str),
        ));
        return;
    }
    // The first argument that is a number; args[0] is the program.
    let per_category: u32 = args
        .get(1..)
        .unwrap_or_default()
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    let started = Instant::now();
    let mut cases = qr_corpus::clean_cases(20);
    cases.extend(qr_corpus::camera_cases(per_category));
    let frames: Vec<LumaFrame> = cases.iter().map(luma).collect();
    println!(
        "corpus: {} frames ({} clean, {per_category} per camera category and size), generated in {:.1} s\n",
        cases.len(),
        20,
        started.elapsed().as_secs_f64()
    );

    let rxing: Arc<dyn QrDecoder> = Arc::new(RxingDecoder::default());
    let rxing_fast: Arc<dyn QrDecoder> = Arc::new(RxingDecoder::new(false));
    let rqrr: Arc<dyn QrDecoder> = Arc::new(RqrrDecoder);

    println!("== whole decoders ==");
    let pipeline = Pipeline::default();
    let tally = run("kairos pipeline (fast effort)", &cases, &frames, |f| {
        pipeline
            .scan(f, Effort::Fast)
            .iter()
            .map(|d| d.text.as_str().to_owned())
            .collect()
    });
    by_category("kairos pipeline", &tally);
    let tally = run("kairos pipeline (thorough)", &cases, &frames, |f| {
        pipeline
            .scan(f, Effort::Thorough)
            .iter()
            .map(|d| d.text.as_str().to_owned())
            .collect()
    });
    by_category("kairos thorough", &tally);
    let tally = run("rqrr alone", &cases, &frames, |f| texts(rqrr.as_ref(), f));
    by_category("rqrr", &tally);
    let tally = run("rxing alone (try harder)", &cases, &frames, |f| {
        texts(rxing.as_ref(), f)
    });
    by_category("rxing", &tally);
    let tally = zbar(&cases);
    by_category("zbarimg", &tally);

    println!("\n== candidate stages alone (for the pipeline's order) ==");
    let candidates = [
        Stage::new(rxing.clone(), &[]),
        Stage::new(rxing_fast.clone(), &[Step::Stretch]),
        Stage::new(rxing.clone(), &[Step::Stretch]),
        Stage::new(rxing.clone(), &[Step::Stretch, Step::Half]),
        Stage::new(rxing_fast.clone(), &[Step::Half, Step::Stretch]),
        Stage::new(rxing.clone(), &[Step::Half, Step::Stretch]),
        Stage::new(rxing.clone(), &[Step::Half, Step::Stretch, Step::Invert]),
        Stage::new(rxing.clone(), &[Step::Crop { percent: 60 }, Step::Stretch]),
        Stage::new(rxing.clone(), &[Step::Stretch, Step::Invert]),
        Stage::new(rqrr.clone(), &[Step::Stretch]),
        Stage::new(rqrr.clone(), &[Step::Stretch, Step::Half]),
        Stage::new(rqrr.clone(), &[Step::Crop { percent: 60 }, Step::Stretch]),
        Stage::new(rqrr.clone(), &[Step::Stretch, Step::Invert]),
    ];
    for stage in candidates {
        let label = format!(
            "{}{}",
            stage.label(),
            if Arc::ptr_eq(&stage.decoder, &rxing_fast) {
                " (not harder)"
            } else {
                ""
            }
        );
        let single = Pipeline::new(vec![stage]);
        let tally = run(&label, &cases, &frames, |f| {
            single
                .scan(f, Effort::Thorough)
                .iter()
                .map(|d| d.text.as_str().to_owned())
                .collect()
        });
        by_category(&label, &tally);
    }

    println!("\n== default pipeline: frames first read at each stage ==");
    let mut first = vec![0u32; pipeline.stages().len()];
    for frame in &frames {
        if let Some(d) = pipeline.scan(frame, Effort::Fast).first() {
            first[d.stage] += 1;
        }
    }
    for (stage, count) in pipeline.stages().iter().zip(first) {
        println!("  {:<34} {count}", stage.label());
    }
}
