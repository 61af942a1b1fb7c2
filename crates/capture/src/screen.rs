//! The screen, on X11: the root window read straight from the X server
//! (`GetImage`), in memory, so there is no temporary file to delete.
//! Wayland forbids this by design and asks for the desktop portal, which
//! Kairos does not speak yet: there the source says so plainly.

use kairos_core::qr::{Frame, FrameSource, LumaFrame};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat, ImageOrder};

use crate::error::CaptureError;

/// One capture of the whole screen, then the end of the source.
#[derive(Debug)]
pub struct ScreenSource {
    display: Option<String>,
    done: bool,
}

impl ScreenSource {
    /// The display named by `DISPLAY` (refused in a Wayland session).
    pub fn new() -> Self {
        Self {
            display: None,
            done: false,
        }
    }

    /// A given X display such as `:99` (tests run their own Xvfb).
    pub fn on_display(display: impl Into<String>) -> Self {
        Self {
            display: Some(display.into()),
            done: false,
        }
    }

    pub fn capture(&self) -> Result<LumaFrame, CaptureError> {
        if self.display.is_none() && wayland_session(|name| std::env::var(name).ok()) {
            return Err(CaptureError::ScreenUnsupported {
                session: "Wayland".into(),
            });
        }
        capture_x11(self.display.as_deref())
    }
}

impl Default for ScreenSource {
    fn default() -> Self {
        Self::new()
    }
}

/// In a Wayland session an X11 capture only sees XWayland's windows (or
/// black), so it would "find no code" on a screen that shows one.
fn wayland_session(var: impl Fn(&str) -> Option<String>) -> bool {
    var("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
        || var("XDG_SESSION_TYPE").is_some_and(|v| v.eq_ignore_ascii_case("wayland"))
}

fn capture_x11(display: Option<&str>) -> Result<LumaFrame, CaptureError> {
    let failed = |detail: String| CaptureError::ScreenFailed { detail };
    let (conn, screen_index) = x11rb::connect(display).map_err(|e| failed(e.to_string()))?;
    let setup = conn.setup();
    let screen = setup
        .roots
        .get(screen_index)
        .ok_or_else(|| failed(format!("no screen {screen_index}")))?;
    let (width, height) = (screen.width_in_pixels, screen.height_in_pixels);
    let reply = conn
        .get_image(ImageFormat::Z_PIXMAP, screen.root, 0, 0, width, height, !0)
        .map_err(|e| failed(e.to_string()))?
        .reply()
        .map_err(|e| failed(e.to_string()))?;
    let visual = screen
        .allowed_depths
        .iter()
        .flat_map(|d| d.visuals.iter())
        .find(|v| v.visual_id == reply.visual)
        .ok_or_else(|| failed("unknown visual".into()))?;
    let format = setup
        .pixmap_formats
        .iter()
        .find(|f| f.depth == reply.depth)
        .ok_or_else(|| failed(format!("no pixmap format for depth {}", reply.depth)))?;
    if format.bits_per_pixel != 32 {
        return Err(failed(format!(
            "{} bits per pixel is not supported",
            format.bits_per_pixel
        )));
    }
    let pad = usize::from(format.scanline_pad / 8).max(1);
    let stride = (usize::from(width) * 4).div_ceil(pad) * pad;
    let masks = [visual.red_mask, visual.green_mask, visual.blue_mask];
    let big_endian = setup.image_byte_order == ImageOrder::MSB_FIRST;
    let luma = pixels_to_luma(
        &reply.data,
        width.into(),
        height.into(),
        stride,
        masks,
        big_endian,
    )
    .ok_or_else(|| failed("the image is shorter than the screen".into()))?;
    Ok(LumaFrame::new(width.into(), height.into(), luma)?)
}

/// 32-bit pixels with the visual's channel masks, to BT.601 luma.
fn pixels_to_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
    masks: [u32; 3],
    big_endian: bool,
) -> Option<Vec<u8>> {
    let channel = |pixel: u32, mask: u32| -> u32 {
        if mask == 0 {
            return 0;
        }
        let value = (pixel & mask) >> mask.trailing_zeros();
        let bits = (mask >> mask.trailing_zeros()).count_ones();
        // Scale any channel width to 8 bits.
        if bits >= 8 {
            value >> (bits - 8)
        } else {
            value << (8 - bits)
        }
    };
    let mut out = Vec::with_capacity(width * height);
    for y in 0..height {
        let row = data.get(y * stride..y * stride + width * 4)?;
        for p in row.chunks_exact(4) {
            let bytes = [p[0], p[1], p[2], p[3]];
            let pixel = if big_endian {
                u32::from_be_bytes(bytes)
            } else {
                u32::from_le_bytes(bytes)
            };
            let [r, g, b] = masks.map(|m| channel(pixel, m));
            out.push(((77 * r + 150 * g + 29 * b) >> 8) as u8);
        }
    }
    Some(out)
}

impl FrameSource for ScreenSource {
    type Error = CaptureError;

    fn next_frame(&mut self) -> Result<Option<Frame>, CaptureError> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        Ok(Some(Frame::single(self.capture()?, "screen")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

    #[test]
    fn wayland_sessions_are_recognised() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(wayland_session(env(&[
            ("WAYLAND_DISPLAY", "wayland-0"),
            ("DISPLAY", ":0")
        ])));
        assert!(wayland_session(env(&[("XDG_SESSION_TYPE", "wayland")])));
        assert!(!wayland_session(env(&[
            ("DISPLAY", ":0"),
            ("XDG_SESSION_TYPE", "x11")
        ])));
        assert!(!wayland_session(env(&[("WAYLAND_DISPLAY", "")])));
    }

    #[test]
    fn bgrx_pixels_become_luma() {
        // Little-endian BGRX: white, black, pure green; one padding byte per row.
        let data = [255, 255, 255, 0, 0, 0, 0, 0, 0, 255, 0, 0, 9];
        let masks = [0x00ff_0000, 0x0000_ff00, 0x0000_00ff];
        let luma = pixels_to_luma(&data, 3, 1, 13, masks, false).expect("long enough");
        assert_eq!(luma, [255, 0, 149]);
        assert!(pixels_to_luma(&data[..8], 3, 1, 13, masks, false).is_none());
    }

    #[test]
    fn a_missing_display_is_a_clear_error() {
        let err = ScreenSource::on_display(":4242")
            .capture()
            .expect_err("no such display");
        assert_eq!(err.code(), "capture.screen_failed");
    }
}
