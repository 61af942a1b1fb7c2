//! rqrr: a port of quirc. Simple and strict; weak on small or dense codes.

use super::decoder::{Payload, QrDecoder, RawCode, text_from_bytes};
use super::frame::{LumaFrame, Point};

#[derive(Clone, Copy, Debug, Default)]
pub struct RqrrDecoder;

impl QrDecoder for RqrrDecoder {
    fn name(&self) -> &'static str {
        "rqrr"
    }

    fn decode(&self, frame: &LumaFrame) -> Vec<RawCode> {
        let width = frame.width() as usize;
        let pixels = frame.pixels();
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(width, frame.height() as usize, |x, y| {
                pixels[y * width + x]
            });
        let mut codes = Vec::new();
        for grid in prepared.detect_grids() {
            let mut bytes = Vec::new();
            // decode_to checks the Reed-Solomon blocks; a failed check is no code.
            if grid.decode_to(&mut bytes).is_err() {
                zeroize::Zeroize::zeroize(&mut bytes);
                continue;
            }
            let outline = grid
                .bounds
                .iter()
                .map(|p| Point {
                    x: p.x as f32,
                    y: p.y as f32,
                })
                .collect();
            codes.push(RawCode {
                text: Payload::new(text_from_bytes(bytes)),
                outline,
            });
        }
        codes
    }
}
