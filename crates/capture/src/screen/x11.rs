//! X11: pixels read straight from the X server (`GetImage` on the root
//! window), in memory, so there is no temporary file. A window or an area is
//! a rectangle of the root window, so what is read is what the user sees.

use x11rb::connection::Connection;
use x11rb::errors::ReplyError;
use x11rb::protocol::ErrorKind;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt, ImageFormat, ImageOrder, MapState, Screen, Window,
};
use x11rb::rust_connection::RustConnection;

use kairos_core::qr::LumaFrame;

use super::{Region, ScreenTarget, WindowInfo};
use crate::error::CaptureError;

fn failed(detail: impl ToString) -> CaptureError {
    CaptureError::ScreenFailed {
        detail: detail.to_string(),
    }
}

fn connect(display: Option<&str>) -> Result<(RustConnection, usize), CaptureError> {
    x11rb::connect(display).map_err(|e| CaptureError::ScreenNoDisplay {
        detail: e.to_string(),
    })
}

fn root_screen(conn: &RustConnection, index: usize) -> Result<&Screen, CaptureError> {
    conn.setup()
        .roots
        .get(index)
        .ok_or_else(|| failed(format!("no screen {index}")))
}

/// `target` on the X server `display` (`None`: `DISPLAY`).
pub(super) fn capture(
    display: Option<&str>,
    target: ScreenTarget,
) -> Result<LumaFrame, CaptureError> {
    let (conn, index) = connect(display)?;
    let screen = root_screen(&conn, index)?;
    let (screen_width, screen_height) = (
        u32::from(screen.width_in_pixels),
        u32::from(screen.height_in_pixels),
    );
    let area = match target {
        ScreenTarget::FullScreen => Region {
            x: 0,
            y: 0,
            width: screen_width,
            height: screen_height,
        },
        ScreenTarget::Region(region) => region,
        ScreenTarget::Window(window) => visible_part(&conn, screen, window)?,
        ScreenTarget::Pick => {
            return Err(CaptureError::ScreenTargetUnsupported {
                target: "pick",
                backend: "X11",
            });
        }
    };
    let (x, y, width, height) = area.inside(screen_width, screen_height)?;
    read_root(&conn, screen, x, y, width, height)
}

/// A window's rectangle on the root window, cut to the screen. A window that
/// is destroyed, unmapped (minimised) or wholly off-screen is gone.
fn visible_part(
    conn: &RustConnection,
    screen: &Screen,
    window: Window,
) -> Result<Region, CaptureError> {
    let gone = || CaptureError::WindowGone { window };
    let check = |e: ReplyError| match &e {
        ReplyError::X11Error(x)
            if matches!(x.error_kind, ErrorKind::Window | ErrorKind::Drawable) =>
        {
            gone()
        }
        _ => failed(e),
    };
    let attributes = conn
        .get_window_attributes(window)
        .map_err(failed)?
        .reply()
        .map_err(check)?;
    if attributes.map_state != MapState::VIEWABLE {
        return Err(gone());
    }
    let geometry = conn
        .get_geometry(window)
        .map_err(failed)?
        .reply()
        .map_err(check)?;
    let origin = conn
        .translate_coordinates(window, screen.root, 0, 0)
        .map_err(failed)?
        .reply()
        .map_err(check)?;
    let clip = |start: i16, len: u16, limit: u16| {
        let from = i32::from(start).max(0);
        let to = (i32::from(start) + i32::from(len)).min(i32::from(limit));
        (from, (to - from).max(0) as u32)
    };
    let (x, width) = clip(origin.dst_x, geometry.width, screen.width_in_pixels);
    let (y, height) = clip(origin.dst_y, geometry.height, screen.height_in_pixels);
    if width == 0 || height == 0 {
        return Err(gone());
    }
    Ok(Region {
        x,
        y,
        width,
        height,
    })
}

fn read_root(
    conn: &RustConnection,
    screen: &Screen,
    x: u32,
    y: u32,
    width: u32,
    height: u32,
) -> Result<LumaFrame, CaptureError> {
    // `inside` checked the area against a screen whose sides are u16.
    let (x, y) = (x as i16, y as i16);
    let (width, height) = (width as u16, height as u16);
    let setup = conn.setup();
    let reply = conn
        .get_image(ImageFormat::Z_PIXMAP, screen.root, x, y, width, height, !0)
        .map_err(failed)?
        .reply()
        .map_err(failed)?;
    let visual = screen
        .allowed_depths
        .iter()
        .flat_map(|d| d.visuals.iter())
        .find(|v| v.visual_id == reply.visual)
        .ok_or_else(|| failed("unknown visual"))?;
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
    .ok_or_else(|| failed("the image is shorter than the area"))?;
    Ok(LumaFrame::new(width.into(), height.into(), luma)?)
}

/// Top-level windows: the window manager's `_NET_CLIENT_LIST`, or, on a
/// bare X server with no window manager, the root's mapped children that
/// have a title. Kairos's own windows (by `_NET_WM_PID`) are left out.
pub(super) fn list_windows(display: Option<&str>) -> Result<Vec<WindowInfo>, CaptureError> {
    let (conn, index) = connect(display)?;
    let screen = root_screen(&conn, index)?;
    let atom = |name: &[u8]| -> Result<u32, CaptureError> {
        Ok(conn
            .intern_atom(false, name)
            .map_err(failed)?
            .reply()
            .map_err(failed)?
            .atom)
    };
    let atoms = Atoms {
        client_list: atom(b"_NET_CLIENT_LIST")?,
        name: atom(b"_NET_WM_NAME")?,
        utf8: atom(b"UTF8_STRING")?,
        pid: atom(b"_NET_WM_PID")?,
    };
    let managed = property_u32(
        &conn,
        screen.root,
        atoms.client_list,
        AtomEnum::WINDOW.into(),
    )
    .unwrap_or_default();
    let candidates = if managed.is_empty() {
        conn.query_tree(screen.root)
            .map_err(failed)?
            .reply()
            .map_err(failed)?
            .children
    } else {
        managed
    };
    let own_pid = std::process::id();
    let mut windows = Vec::new();
    for window in candidates {
        // A window that closes while being listed is simply not listed.
        let Ok(Some(info)) = describe(&conn, window, &atoms, own_pid) else {
            continue;
        };
        windows.push(info);
    }
    Ok(windows)
}

struct Atoms {
    client_list: u32,
    name: u32,
    utf8: u32,
    pid: u32,
}

fn describe(
    conn: &RustConnection,
    window: Window,
    atoms: &Atoms,
    own_pid: u32,
) -> Result<Option<WindowInfo>, Box<dyn std::error::Error>> {
    let attributes = conn.get_window_attributes(window)?.reply()?;
    if attributes.map_state != MapState::VIEWABLE || attributes.override_redirect {
        return Ok(None);
    }
    if property_u32(conn, window, atoms.pid, AtomEnum::CARDINAL.into())
        .is_some_and(|pids| pids.first() == Some(&own_pid))
    {
        return Ok(None);
    }
    let title = property_text(conn, window, atoms.name, atoms.utf8)
        .or_else(|| {
            property_text(
                conn,
                window,
                AtomEnum::WM_NAME.into(),
                AtomEnum::STRING.into(),
            )
        })
        .unwrap_or_default();
    if title.trim().is_empty() {
        return Ok(None);
    }
    let geometry = conn.get_geometry(window)?.reply()?;
    Ok(Some(WindowInfo {
        id: window,
        title,
        width: geometry.width.into(),
        height: geometry.height.into(),
    }))
}

fn property_u32(
    conn: &RustConnection,
    window: Window,
    property: u32,
    kind: u32,
) -> Option<Vec<u32>> {
    let reply = conn
        .get_property(false, window, property, kind, 0, 4096)
        .ok()?
        .reply()
        .ok()?;
    Some(reply.value32()?.collect())
}

fn property_text(
    conn: &RustConnection,
    window: Window,
    property: u32,
    kind: u32,
) -> Option<String> {
    let reply = conn
        .get_property(false, window, property, kind, 0, 1024)
        .ok()?
        .reply()
        .ok()?;
    if reply.value.is_empty() {
        return None;
    }
    if kind == u32::from(AtomEnum::STRING) {
        // ICCCM STRING is Latin-1.
        return Some(reply.value.iter().map(|&b| char::from(b)).collect());
    }
    Some(String::from_utf8_lossy(&reply.value).into_owned())
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

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

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
        let err = capture(Some(":4242"), ScreenTarget::FullScreen).expect_err("no such display");
        assert_eq!(err.code(), "capture.screen_no_display");
        let err = list_windows(Some(":4242")).expect_err("no such display");
        assert_eq!(err.code(), "capture.screen_no_display");
    }
}
