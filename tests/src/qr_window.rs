//! A plain X11 client showing a QR code: a window of ours on a harness X
//! display, painted with the code's pixels, for tests of the screen source.

use anyhow::{Context, Result};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt, CreateGCAux, CreateWindowAux, ImageFormat, PropMode, Window,
    WindowClass,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

/// Pixels per module, and the quiet zone in modules.
const MODULE: usize = 6;
const QUIET: usize = 4;

/// The window lives as long as this value (its connection).
#[derive(Debug)]
pub struct QrWindow {
    conn: RustConnection,
    window: Window,
    side: u16,
}

/// `text` as 8-bit grey rows (0 dark), square, with its side in pixels.
pub fn qr_pixels(text: &str) -> Result<(u16, Vec<u8>)> {
    let code = qrcode::QrCode::new(text.as_bytes()).context("the text does not fit a QR code")?;
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 2 * QUIET) * MODULE;
    let mut grey = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / MODULE, y / MODULE);
            if (QUIET..QUIET + n).contains(&mx)
                && (QUIET..QUIET + n).contains(&my)
                && colors[(my - QUIET) * n + mx - QUIET] == qrcode::Color::Dark
            {
                grey[y * side + x] = 0;
            }
        }
    }
    Ok((u16::try_from(side).context("code too large")?, grey))
}

impl QrWindow {
    /// Maps a window at (`x`, `y`) on `display` showing `text` as a QR code.
    /// With a `title` it is a normal top-level window (`_NET_WM_NAME`);
    /// without, an override-redirect one (like a menu). Returns once the
    /// server has drawn it.
    pub fn show(display: &str, text: &str, title: Option<&str>, x: i16, y: i16) -> Result<Self> {
        let (conn, screen_index) = x11rb::connect(Some(display))
            .with_context(|| format!("cannot connect to X display {display}"))?;
        let screen = conn.setup().roots[screen_index].clone();
        let (side, grey) = qr_pixels(text)?;
        // The code is the window's background pixmap, so the server itself
        // repaints it whenever the window is uncovered (this client handles
        // no Expose events).
        let pixmap = conn.generate_id()?;
        conn.create_pixmap(screen.root_depth, pixmap, screen.root, side, side)?;
        let gc = conn.generate_id()?;
        conn.create_gc(gc, pixmap, &CreateGCAux::new())?;
        // In strips that fit any request size.
        let rows_per_strip = 32usize;
        let width = usize::from(side);
        for top in (0..width).step_by(rows_per_strip) {
            let rows = rows_per_strip.min(width - top);
            let mut data = Vec::with_capacity(rows * width * 4);
            for &g in &grey[top * width..(top + rows) * width] {
                data.extend_from_slice(&[g, g, g, 0]);
            }
            conn.put_image(
                ImageFormat::Z_PIXMAP,
                pixmap,
                gc,
                side,
                rows as u16,
                0,
                top as i16,
                0,
                screen.root_depth,
                &data,
            )?;
        }
        let window = conn.generate_id()?;
        conn.create_window(
            screen.root_depth,
            window,
            screen.root,
            x,
            y,
            side,
            side,
            0,
            WindowClass::INPUT_OUTPUT,
            0,
            &CreateWindowAux::new()
                .background_pixmap(pixmap)
                .override_redirect(u32::from(title.is_none())),
        )?;
        if let Some(title) = title {
            let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
            let net_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
            conn.change_property8(PropMode::REPLACE, window, net_name, utf8, title.as_bytes())?;
        }
        conn.map_window(window)?;
        conn.sync()?;
        Ok(Self { conn, window, side })
    }

    pub fn id(&self) -> Window {
        self.window
    }

    /// Width and height in pixels.
    pub fn side(&self) -> u16 {
        self.side
    }

    /// Claims the window belongs to process `pid` (`_NET_WM_PID`).
    pub fn set_pid(&self, pid: u32) -> Result<()> {
        let atom = self.conn.intern_atom(false, b"_NET_WM_PID")?.reply()?.atom;
        self.conn.change_property32(
            PropMode::REPLACE,
            self.window,
            atom,
            AtomEnum::CARDINAL,
            &[pid],
        )?;
        self.conn.sync()?;
        Ok(())
    }

    pub fn unmap(&self) -> Result<()> {
        self.conn.unmap_window(self.window)?;
        self.conn.sync()?;
        Ok(())
    }

    pub fn destroy(&self) -> Result<()> {
        self.conn.destroy_window(self.window)?;
        self.conn.sync()?;
        Ok(())
    }
}
