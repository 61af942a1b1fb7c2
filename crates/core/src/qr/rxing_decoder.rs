//! rxing: the Rust port of ZXing, through its port of zxing-cpp's QR reader
//! (finds several codes per frame), then ZXing's classic reader as a fallback.

use std::collections::HashSet;

use rxing::common::HybridBinarizer;
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::QRCodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8Source, RXingResult, Reader};

use super::decoder::{Payload, QrDecoder, RawCode};
use super::frame::{LumaFrame, Point};

#[derive(Clone, Debug)]
pub struct RxingDecoder {
    /// ZXing's "try harder": a denser finder-pattern search, for still images.
    try_harder: bool,
}

impl Default for RxingDecoder {
    fn default() -> Self {
        Self { try_harder: true }
    }
}

impl RxingDecoder {
    pub fn new(try_harder: bool) -> Self {
        Self { try_harder }
    }

    fn hints(&self) -> DecodeHints {
        DecodeHints {
            PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
            TryHarder: Some(self.try_harder),
            ..DecodeHints::default()
        }
    }
}

impl QrDecoder for RxingDecoder {
    fn name(&self) -> &'static str {
        "rxing"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<RawCode> {
        let Ok(source) = Luma8Source::new_with_slice(frame.pixels(), frame.width(), frame.height())
        else {
            return Vec::new();
        };
        let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
        let hints = self.hints();
        let results = match QrReader.decode_multiple_with_hints(&mut bitmap, &hints) {
            Ok(results) if !results.is_empty() => results,
            _ => match QRCodeReader.decode_with_hints(&mut bitmap, &hints) {
                Ok(result) => vec![result],
                Err(_) => Vec::new(),
            },
        };
        results.into_iter().map(raw_code).collect()
    }
}

fn raw_code(result: RXingResult) -> RawCode {
    let outline = result
        .getPoints()
        .iter()
        .map(|p| Point { x: p.x, y: p.y })
        .collect();
    RawCode {
        text: Payload::new(result.getText().to_owned()),
        outline,
    }
}
