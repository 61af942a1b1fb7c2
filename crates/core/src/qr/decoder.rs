//! The decoder seam: anything that finds QR codes in a luma frame.

use std::fmt;

use zeroize::Zeroizing;

use super::frame::{LumaFrame, Point};

/// A QR decoding library behind one interface, so the pipeline can try several
/// and the benchmark can compare them on the same frames.
pub trait QrDecoder: Send + Sync + fmt::Debug {
    /// A short stable name (`rqrr`, `rxing`), for logs and the benchmark.
    fn name(&self) -> &'static str;

    /// Every code the decoder reads in the frame; empty when it reads none.
    /// Outlines are in the given frame's coordinates.
    fn decode(&self, frame: &LumaFrame) -> Vec<RawCode>;
}

/// One code as a decoder read it.
#[derive(Clone)]
pub struct RawCode {
    pub text: Payload,
    /// Corners or finder centres, in the order the decoder reports them.
    pub outline: Vec<Point>,
}

impl fmt::Debug for RawCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawCode")
            .field("text", &self.text)
            .field("outline", &self.outline)
            .finish()
    }
}

/// The text of a QR code. Enrolment codes carry TOTP secrets, so it is zeroed
/// on drop and its `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct Payload(Zeroizing<String>);

impl Payload {
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Payload({} bytes)", self.0.len())
    }
}

/// Bytes as text: UTF-8 when they are, else ISO-8859-1, QR's default charset
/// (each byte is the code point of the same value, so nothing is lost).
pub(crate) fn text_from_bytes(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => err.into_bytes().iter().map(|&b| char::from(b)).collect(),
    }
}
