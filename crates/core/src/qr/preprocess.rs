//! Cheap pictures to try before giving up on a frame. Each step returns a new
//! frame and how its coordinates map back to the original, so outlines can be
//! drawn on what the camera showed.

use super::frame::{LumaFrame, Point};

/// One preprocessing step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Spreads the 1st–99th percentile of grey levels over 0–255: a screen
    /// photographed in a bright room has no black, and binarisers then miss
    /// the finder patterns.
    Stretch,
    /// Keeps the centre, where a person holds the code up to the camera:
    /// `percent` of the width and height.
    Crop { percent: u8 },
    /// Halves both sides (2×2 average): fewer pixels to search, and camera
    /// noise averages out.
    Half,
    /// White-on-black codes (dark-mode apps) read as the usual kind.
    Invert,
}

/// Maps a point of a processed frame back to the original: `offset + p × scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Mapping {
    pub offset_x: f32,
    pub offset_y: f32,
    pub scale: f32,
}

impl Mapping {
    pub const IDENTITY: Mapping = Mapping {
        offset_x: 0.0,
        offset_y: 0.0,
        scale: 1.0,
    };

    pub fn apply(self, p: Point) -> Point {
        Point {
            x: self.offset_x + p.x * self.scale,
            y: self.offset_y + p.y * self.scale,
        }
    }
}

/// Applies steps in order; `None` when a step leaves too small a frame to hold a code.
pub(crate) fn apply(frame: &LumaFrame, steps: &[Step]) -> Option<(LumaFrame, Mapping)> {
    let mut current: Option<LumaFrame> = None;
    let mut mapping = Mapping::IDENTITY;
    for step in steps {
        let input = current.as_ref().unwrap_or(frame);
        let (next, offset, scale) = match *step {
            Step::Stretch => (stretch(input), (0, 0), 1.0),
            Step::Invert => (invert(input), (0, 0), 1.0),
            Step::Half => (half(input)?, (0, 0), 2.0),
            Step::Crop { percent } => {
                let (cropped, x, y) = crop_centre(input, percent)?;
                (cropped, (x, y), 1.0)
            }
        };
        mapping = Mapping {
            offset_x: mapping.offset_x + offset.0 as f32 * mapping.scale,
            offset_y: mapping.offset_y + offset.1 as f32 * mapping.scale,
            scale: mapping.scale * scale,
        };
        current = Some(next);
    }
    Some((current.unwrap_or_else(|| frame.clone()), mapping))
}

/// Smallest side worth decoding: a version-1 code (21 modules) with its quiet
/// zone at about one pixel per module.
const MIN_SIDE: u32 = 29;

pub fn stretch(frame: &LumaFrame) -> LumaFrame {
    let pixels = frame.pixels();
    let mut histogram = [0usize; 256];
    for &p in pixels {
        histogram[p as usize] += 1;
    }
    let clip = pixels.len() / 100;
    let low = percentile(&histogram, clip);
    let high = 255 - percentile_from_top(&histogram, clip);
    let (low, high) = (low as i32, high as i32);
    if high - low < 8 || (low == 0 && high == 255) {
        // Flat (nothing to stretch) or already full range.
        return frame.clone();
    }
    let span = high - low;
    let mut table = [0u8; 256];
    for (value, slot) in table.iter_mut().enumerate() {
        *slot = ((value as i32 - low).clamp(0, span) * 255 / span) as u8;
    }
    map(frame, &table)
}

fn percentile(histogram: &[usize; 256], clip: usize) -> usize {
    let mut seen = 0;
    for (value, &count) in histogram.iter().enumerate() {
        seen += count;
        if seen > clip {
            return value;
        }
    }
    255
}

fn percentile_from_top(histogram: &[usize; 256], clip: usize) -> usize {
    let mut seen = 0;
    for (rank, &count) in histogram.iter().rev().enumerate() {
        seen += count;
        if seen > clip {
            return rank;
        }
    }
    255
}

pub fn invert(frame: &LumaFrame) -> LumaFrame {
    let mut table = [0u8; 256];
    for (value, slot) in table.iter_mut().enumerate() {
        *slot = 255 - value as u8;
    }
    map(frame, &table)
}

fn map(frame: &LumaFrame, table: &[u8; 256]) -> LumaFrame {
    let pixels = frame.pixels().iter().map(|&p| table[p as usize]).collect();
    rebuild(frame.width(), frame.height(), pixels)
}

pub fn half(frame: &LumaFrame) -> Option<LumaFrame> {
    let (width, height) = (frame.width() / 2, frame.height() / 2);
    if width < MIN_SIDE || height < MIN_SIDE {
        return None;
    }
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height {
        let top = frame.row(2 * y);
        let bottom = frame.row(2 * y + 1);
        for x in 0..width as usize {
            let sum = top[2 * x] as u16
                + top[2 * x + 1] as u16
                + bottom[2 * x] as u16
                + bottom[2 * x + 1] as u16;
            pixels.push(((sum + 2) / 4) as u8);
        }
    }
    Some(rebuild(width, height, pixels))
}

/// The centre `percent` of each side, and the crop's top-left corner.
pub fn crop_centre(frame: &LumaFrame, percent: u8) -> Option<(LumaFrame, u32, u32)> {
    let percent = u32::from(percent.clamp(1, 100));
    let width = frame.width() * percent / 100;
    let height = frame.height() * percent / 100;
    if width < MIN_SIDE || height < MIN_SIDE {
        return None;
    }
    let (left, top) = ((frame.width() - width) / 2, (frame.height() - height) / 2);
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    for y in top..top + height {
        let row = frame.row(y);
        pixels.extend_from_slice(&row[left as usize..(left + width) as usize]);
    }
    Some((rebuild(width, height, pixels), left, top))
}

fn rebuild(width: u32, height: u32, pixels: Vec<u8>) -> LumaFrame {
    LumaFrame::from_valid(width, height, pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(width: u32, height: u32, pixels: Vec<u8>) -> LumaFrame {
        LumaFrame::new(width, height, pixels).expect("valid frame")
    }

    #[test]
    fn stretch_spreads_a_washed_out_range() {
        // Grey levels 100..=150 only, as a screen seen in a bright room.
        let pixels: Vec<u8> = (0..100 * 100).map(|i| 100 + (i % 51) as u8).collect();
        let out = stretch(&frame(100, 100, pixels));
        assert_eq!(out.pixels().iter().min(), Some(&0));
        assert_eq!(out.pixels().iter().max(), Some(&255));
    }

    #[test]
    fn stretch_leaves_a_flat_frame_alone() {
        let out = stretch(&frame(40, 40, vec![128; 1600]));
        assert!(out.pixels().iter().all(|&p| p == 128));
    }

    #[test]
    fn half_averages_blocks_and_crop_maps_back() {
        let pixels: Vec<u8> = (0..64 * 64)
            .map(|i| if i % 2 == 0 { 0 } else { 200 })
            .collect();
        let out = half(&frame(64, 64, pixels)).expect("large enough");
        assert_eq!((out.width(), out.height()), (32, 32));
        assert!(out.pixels().iter().all(|&p| p == 100));

        let (_, mapping) = apply(
            &frame(400, 200, vec![0; 80_000]),
            &[Step::Crop { percent: 50 }, Step::Half],
        )
        .expect("large enough");
        // Crop starts at (100, 50); a pixel of the half frame is 2 original pixels.
        assert_eq!(
            mapping.apply(Point { x: 10.0, y: 5.0 }),
            Point { x: 120.0, y: 60.0 }
        );
    }

    #[test]
    fn too_small_frames_are_skipped_not_decoded() {
        assert!(half(&frame(40, 40, vec![0; 1600])).is_none());
        assert!(crop_centre(&frame(40, 40, vec![0; 1600]), 50).is_none());
    }

    #[test]
    fn invert_swaps_black_and_white() {
        let out = invert(&frame(2, 1, vec![0, 255]));
        assert_eq!(out.pixels(), &[255, 0]);
    }
}
