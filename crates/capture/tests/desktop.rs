//! The screen and clipboard sources against a real X server (Xvfb): a QR code
//! drawn in a window is read back from the root window, by window and by
//! region, the window list names it, and a QR picture put on the clipboard
//! by xclip is read through arboard.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use kairos_capture::{ClipboardImageSource, Region, ScreenSource, ScreenTarget};
use kairos_core::UserFacing;
use kairos_core::qr::{Effort, Pipeline};
use kairos_harness::Xvfb;
use kairos_harness::process::find_binary;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt, CreateGCAux, CreateWindowAux, ImageFormat, PropMode, Window,
    WindowClass,
};
use x11rb::wrapper::ConnectionExt as _;

const TEXT: &str = "otpauth://totp/Screen:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Screen";

/// The code as 8-bit grey, 6 pixels per module, 4-module margin.
fn code_pixels() -> (u16, Vec<u8>) {
    let code = qrcode::QrCode::new(TEXT.as_bytes()).expect("fits");
    let n = code.width();
    let colors = code.to_colors();
    let module = 6;
    let side = (n + 8) * module;
    let mut grey = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / module, y / module);
            if (4..4 + n).contains(&mx)
                && (4..4 + n).contains(&my)
                && colors[(my - 4) * n + mx - 4] == qrcode::Color::Dark
            {
                grey[y * side + x] = 0;
            }
        }
    }
    (side as u16, grey)
}

/// How a test window presents itself to the window list.
#[derive(Clone, Copy)]
enum Kind<'a> {
    /// Outside the list (override-redirect, like a menu).
    Bare,
    /// A normal top-level window with this title.
    Titled(&'a str),
}

/// Maps a window at (`x`, `y`) and draws the code in it, in strips that fit
/// any request size; returns once the server has drawn it.
fn show_code(display: &str) -> Result<impl Connection> {
    Ok(show_code_at(display, Kind::Bare, 200, 150)?.0)
}

fn show_code_at(
    display: &str,
    kind: Kind<'_>,
    x: i16,
    y: i16,
) -> Result<(x11rb::rust_connection::RustConnection, Window)> {
    let (conn, screen_index) = x11rb::connect(Some(display))?;
    let screen = &conn.setup().roots[screen_index];
    let (side, grey) = code_pixels();
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
            .background_pixel(screen.white_pixel)
            .override_redirect(u32::from(matches!(kind, Kind::Bare))),
    )?;
    if let Kind::Titled(title) = kind {
        let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
        let net_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
        conn.change_property8(PropMode::REPLACE, window, net_name, utf8, title.as_bytes())?;
    }
    conn.map_window(window)?;
    let gc = conn.generate_id()?;
    conn.create_gc(gc, window, &CreateGCAux::new())?;
    conn.sync()?;
    let rows_per_strip = 32usize;
    for top in (0..side as usize).step_by(rows_per_strip) {
        let rows = rows_per_strip.min(side as usize - top);
        let mut data = Vec::with_capacity(rows * side as usize * 4);
        for &g in &grey[top * side as usize..(top + rows) * side as usize] {
            data.extend_from_slice(&[g, g, g, 0]);
        }
        conn.put_image(
            ImageFormat::Z_PIXMAP,
            window,
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
    conn.sync()?;
    Ok((conn, window))
}

#[test]
fn the_screen_source_reads_a_code_shown_in_a_window() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let display = xvfb.display();
    let _conn = show_code(&display)?;
    let frame = ScreenSource::on_display(&display).capture()?;
    assert_eq!(
        (frame.width(), frame.height()),
        (u32::from(Xvfb::WIDTH), u32::from(Xvfb::HEIGHT))
    );
    let codes = Pipeline::default().scan(&frame, Effort::Thorough);
    let texts: Vec<&str> = codes.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, [TEXT]);
    // The outline sits where the window was drawn.
    let outline = &codes[0].outline;
    assert!(
        outline.iter().all(|p| p.x > 200.0 && p.y > 150.0),
        "{outline:?}"
    );
    Ok(())
}

#[test]
fn an_empty_screen_has_no_code() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let frame = ScreenSource::on_display(xvfb.display()).capture()?;
    assert!(
        Pipeline::default()
            .scan(&frame, Effort::Thorough)
            .is_empty()
    );
    Ok(())
}

fn decoded(frame: &kairos_core::qr::LumaFrame) -> Vec<String> {
    Pipeline::default()
        .scan(frame, Effort::Thorough)
        .into_iter()
        .map(|code| code.text.as_str().to_owned())
        .collect()
}

#[test]
fn a_listed_window_and_an_area_are_captured_by_themselves() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let display = xvfb.display();
    let title = "Connexion — code QR";
    let (conn, window) = show_code_at(&display, Kind::Titled(title), 700, 300)?;
    // A menu-like window and one claiming to be Kairos's own are not listed.
    let (_menu, menu) = show_code_at(&display, Kind::Bare, 20, 20)?;
    let (own, own_window) = show_code_at(&display, Kind::Titled("Kairos"), 20, 400)?;
    let pid = own.intern_atom(false, b"_NET_WM_PID")?.reply()?.atom;
    own.change_property32(
        PropMode::REPLACE,
        own_window,
        pid,
        AtomEnum::CARDINAL,
        &[std::process::id()],
    )?;
    own.sync()?;

    let screen = ScreenSource::on_display(&display);
    let windows = screen.windows()?;
    let listed: Vec<(u32, &str)> = windows.iter().map(|w| (w.id, w.title.as_str())).collect();
    assert_eq!(
        listed,
        [(window, title)],
        "menu {menu:#x}, own {own_window:#x}"
    );
    let (side, _) = code_pixels();
    assert_eq!(
        (windows[0].width, windows[0].height),
        (side.into(), side.into())
    );

    let frame = ScreenSource::on_display(&display)
        .target(ScreenTarget::Window(window))
        .capture()?;
    assert_eq!((frame.width(), frame.height()), (side.into(), side.into()));
    assert_eq!(decoded(&frame), [TEXT]);

    let around = Region {
        x: 680,
        y: 280,
        width: u32::from(side) + 40,
        height: u32::from(side) + 40,
    };
    let frame = ScreenSource::on_display(&display)
        .target(ScreenTarget::Region(around))
        .capture()?;
    assert_eq!(
        (frame.width(), frame.height()),
        (around.width, around.height)
    );
    assert_eq!(decoded(&frame), [TEXT]);
    // An area beside the code holds none; an area past the edge is refused.
    let beside = Region {
        x: 1000,
        y: 600,
        width: 200,
        height: 150,
    };
    let frame = ScreenSource::on_display(&display)
        .target(ScreenTarget::Region(beside))
        .capture()?;
    assert!(decoded(&frame).is_empty());
    let past = Region {
        x: 1200,
        y: 0,
        width: 200,
        height: 100,
    };
    let err = ScreenSource::on_display(&display)
        .target(ScreenTarget::Region(past))
        .capture()
        .expect_err("past the right edge");
    assert_eq!(err.code(), "capture.region_outside");

    // Hidden, then closed: gone either way.
    conn.unmap_window(window)?;
    conn.sync()?;
    let hidden = ScreenSource::on_display(&display).target(ScreenTarget::Window(window));
    assert_eq!(
        hidden.capture().expect_err("unmapped").code(),
        "capture.window_gone"
    );
    conn.destroy_window(window)?;
    conn.sync()?;
    assert_eq!(
        hidden.capture().expect_err("destroyed").code(),
        "capture.window_gone"
    );
    assert!(ScreenSource::on_display(&display).windows()?.is_empty());
    Ok(())
}

const ROLE_ENV: &str = "KAIROS_CAPTURE_TEST_ROLE";

/// Not a test by itself: the child process below, which reads the clipboard
/// of the display in its environment. Without a role it does nothing.
#[test]
fn child_role() {
    if std::env::var(ROLE_ENV).as_deref() != Ok("clipboard") {
        return;
    }
    match ClipboardImageSource::new().capture() {
        Ok(frame) => {
            let codes = Pipeline::default().scan(&frame, Effort::Thorough);
            for code in codes {
                println!("\n@@ text {}", code.text.as_str());
            }
            println!("\n@@ size {}x{}", frame.width(), frame.height());
        }
        Err(err) => println!("\n@@ error {}", err.code()),
    }
}

fn child_reads_clipboard(display: &str) -> Result<Vec<String>> {
    let out = Command::new(std::env::current_exe()?)
        .args(["--exact", "child_role", "--nocapture", "--test-threads=1"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DISPLAY", display)
        .env(ROLE_ENV, "clipboard")
        .stdin(Stdio::null())
        .output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(stdout
        .lines()
        // The harness prints the test's name on the same line: keep what follows the marker.
        .filter_map(|l| l.split_once("@@ ").map(|(_, rest)| rest.to_owned()))
        .collect())
}

/// xclip serves the selection until another client takes it; it writes
/// nothing, so wait until it owns the clipboard.
fn xclip_image(display: &str, png: &Path) -> Result<std::process::Child> {
    let xclip = find_binary("xclip", "Debian package xclip")?;
    let child = Command::new(&xclip)
        .args(["-selection", "clipboard", "-t", "image/png", "-i"])
        .arg(png)
        .env("DISPLAY", display)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("xclip")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let targets = Command::new(&xclip)
            .args(["-selection", "clipboard", "-t", "TARGETS", "-o"])
            .env("DISPLAY", display)
            .output()?;
        if String::from_utf8_lossy(&targets.stdout).contains("image/png") {
            return Ok(child);
        }
        if Instant::now() > deadline {
            let mut err = String::new();
            if let Some(stderr) = child.stderr {
                BufReader::new(stderr).read_line(&mut err).ok();
            }
            return Err(anyhow!("xclip never owned the clipboard: {err}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/qr")
        .join(name)
}

#[test]
fn the_clipboard_source_reads_a_copied_picture_and_says_when_there_is_none() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let display = xvfb.display();
    // Nothing copied yet.
    assert_eq!(
        child_reads_clipboard(&display)?,
        ["error capture.clipboard_no_image"]
    );

    let png = fixture("otpauth-clean.png");
    let expected = std::fs::read_to_string(fixture("otpauth-clean.png.txt"))?;
    let (width, height) = image::image_dimensions(&png)?;
    let mut xclip = xclip_image(&display, &png)?;
    let lines = child_reads_clipboard(&display);
    let _ = xclip.kill();
    let _ = xclip.wait();
    assert_eq!(
        lines?,
        [
            format!("text {}", expected.trim_end()),
            format!("size {width}x{height}")
        ]
    );
    Ok(())
}
