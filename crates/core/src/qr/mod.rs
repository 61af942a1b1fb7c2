//! QR codes: frames from a source, through preprocessing and two decoders, to
//! the texts they hold.
//!
//! ```text
//! FrameSource ──► LumaFrame ──► Pipeline: [Step…] → QrDecoder, stage after stage ──► Vec<Decoded>
//!  (file, camera,                 (stretch, crop,     (rxing, rqrr)
//!   screen, clipboard)             half, invert)
//! ```
//!
//! A decoded text is a [`Payload`]: zeroed on drop, never printed, since an
//! enrolment code carries a TOTP secret.

mod check;
mod decoder;
mod frame;
mod pipeline;
mod preprocess;
mod rqrr_decoder;
mod rxing_decoder;
mod scan;
mod source;

pub use check::Check;
pub use decoder::{Payload, QrDecoder, RawCode};
pub use frame::{LumaFrame, Point};
pub use pipeline::{Decoded, Effort, Pipeline, Stage};
pub use preprocess::Step;
pub use rqrr_decoder::RqrrDecoder;
pub use rxing_decoder::RxingDecoder;
pub use scan::{ScanLimits, ScanOutcome, scan_source};
pub use source::{
    FileSequenceSource, Frame, FrameMeta, FrameSource, ImageFileSource, decode_image, load_image,
};

/// Every distinct code in an image file, trying every stage (a still image
/// has no second chance). `qr.not_found` when there is none.
pub fn scan_file(path: &std::path::Path) -> Result<Vec<Decoded>, crate::CoreError> {
    let frame = load_image(path)?;
    let codes = Pipeline::default().scan(&frame, Effort::Thorough);
    if codes.is_empty() {
        return Err(crate::CoreError::QrNotFound {
            origin: path.display().to_string(),
        });
    }
    Ok(codes)
}
