//! An image on the clipboard (a screenshot copied with Print Screen, a
//! picture copied from a browser).

use kairos_core::qr::{Frame, FrameSource, LumaFrame};

use crate::error::CaptureError;

/// One read of the clipboard's image, then the end of the source.
#[derive(Debug, Default)]
pub struct ClipboardImageSource {
    done: bool,
}

impl ClipboardImageSource {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn capture(&self) -> Result<LumaFrame, CaptureError> {
        let mut clipboard = arboard::Clipboard::new().map_err(unavailable)?;
        let image = clipboard.get_image().map_err(|e| match e {
            arboard::Error::ContentNotAvailable => CaptureError::ClipboardNoImage,
            other => unavailable(other),
        })?;
        let pixels = image.width * image.height;
        // arboard hands out RGBA, 8 bits per channel; BT.601 weights.
        let luma: Vec<u8> = image
            .bytes
            .chunks_exact(4)
            .take(pixels)
            .map(|p| {
                ((77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2])) >> 8) as u8
            })
            .collect();
        let (width, height) = (to_u32(image.width)?, to_u32(image.height)?);
        Ok(LumaFrame::new(width, height, luma)?)
    }
}

fn to_u32(side: usize) -> Result<u32, CaptureError> {
    u32::try_from(side).map_err(|_| CaptureError::ClipboardUnavailable {
        detail: format!("an image {side} pixels wide"),
    })
}

fn unavailable(err: arboard::Error) -> CaptureError {
    CaptureError::ClipboardUnavailable {
        detail: err.to_string(),
    }
}

impl FrameSource for ClipboardImageSource {
    type Error = CaptureError;

    fn next_frame(&mut self) -> Result<Option<Frame>, CaptureError> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        Ok(Some(Frame::single(self.capture()?, "clipboard")))
    }
}
