//! Luma frames: what every source produces and every decoder reads.

use crate::CoreError;

/// An 8-bit greyscale picture, row by row, no padding (0 is black).
#[derive(Clone, PartialEq, Eq)]
pub struct LumaFrame {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl LumaFrame {
    /// Refuses a buffer whose length is not `width × height`, or an empty frame,
    /// so no decoder ever indexes out of bounds.
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> Result<Self, CoreError> {
        let expected = (width as usize).checked_mul(height as usize);
        if width == 0 || height == 0 || expected != Some(pixels.len()) {
            return Err(CoreError::QrFrameInvalid {
                width,
                height,
                bytes: pixels.len(),
            });
        }
        Ok(Self {
            width,
            height,
            pixels,
        })
    }

    /// For buffers built here with sizes taken from a valid frame.
    pub(crate) fn from_valid(width: u32, height: u32, pixels: Vec<u8>) -> Self {
        debug_assert_eq!(pixels.len(), width as usize * height as usize);
        Self {
            width,
            height,
            pixels,
        }
    }

    /// Any picture the `image` crate decoded, through its own luma conversion (BT.709).
    pub fn from_image(image: &image::DynamicImage) -> Result<Self, CoreError> {
        let grey = image.to_luma8();
        let (width, height) = grey.dimensions();
        Self::new(width, height, grey.into_raw())
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    pub fn into_pixels(self) -> Vec<u8> {
        self.pixels
    }

    pub(crate) fn row(&self, y: u32) -> &[u8] {
        let start = y as usize * self.width as usize;
        &self.pixels[start..start + self.width as usize]
    }
}

impl std::fmt::Debug for LumaFrame {
    // A frame may show a secret's QR code: print its size, never its pixels.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LumaFrame({}×{})", self.width, self.height)
    }
}

/// A point in a frame's pixel coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}
