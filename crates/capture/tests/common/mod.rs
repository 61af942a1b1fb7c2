//! Helpers shared by the capture crate's integration tests.

use std::path::{Path, PathBuf};

use kairos_core::qr::{Effort, LumaFrame, Pipeline};

/// A committed QR picture (its expected text is beside it, `NAME.txt`).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/qr")
        .join(name)
}

/// Every text the pipeline reads in `frame` (a still: thorough effort).
pub fn decoded(frame: &LumaFrame) -> Vec<String> {
    Pipeline::default()
        .scan(frame, Effort::Thorough)
        .into_iter()
        .map(|code| code.text.as_str().to_owned())
        .collect()
}
