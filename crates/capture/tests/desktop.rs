//! The screen and clipboard sources against a real X server (Xvfb): a QR code
//! drawn in a window is read back from the root window, by window and by
//! region, the window list names it, and a QR picture put on the clipboard
//! by xclip is read through arboard.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use common::{decoded, fixture};
use kairos_capture::{ClipboardImageSource, Region, ScreenSource, ScreenTarget};
use kairos_core::UserFacing;
use kairos_core::qr::{Effort, Pipeline};
use kairos_harness::Xvfb;
use kairos_harness::process::find_binary;
use kairos_harness::qr_window::QrWindow;

mod common;

const TEXT: &str = "otpauth://totp/Screen:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Screen";

#[test]
fn the_screen_source_reads_a_code_shown_in_a_window() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let display = xvfb.display();
    let _window = QrWindow::show(&display, TEXT, None, 200, 150)?;
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

#[test]
fn a_listed_window_and_an_area_are_captured_by_themselves() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let display = xvfb.display();
    let title = "Connexion — code QR";
    let shown = QrWindow::show(&display, TEXT, Some(title), 700, 300)?;
    let window = shown.id();
    // A menu-like window and one claiming to be Kairos's own are not listed.
    let menu = QrWindow::show(&display, TEXT, None, 20, 20)?;
    let own = QrWindow::show(&display, TEXT, Some("Kairos"), 20, 400)?;
    own.set_pid(std::process::id())?;

    let screen = ScreenSource::on_display(&display);
    let windows = screen.windows()?;
    let listed: Vec<(u32, &str)> = windows.iter().map(|w| (w.id, w.title.as_str())).collect();
    assert_eq!(
        listed,
        [(window, title)],
        "menu {:#x}, own {:#x}",
        menu.id(),
        own.id()
    );
    let side = shown.side();
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
    let area = |x, y, width, height| {
        ScreenSource::on_display(&display)
            .target(ScreenTarget::Region(Region {
                x,
                y,
                width,
                height,
            }))
            .capture()
    };
    assert!(decoded(&area(1000, 600, 200, 150)?).is_empty());
    let err = area(1200, 0, 200, 100).expect_err("past the right edge");
    assert_eq!(err.code(), "capture.region_outside");

    // Hidden, then closed: gone either way.
    shown.unmap()?;
    let hidden = ScreenSource::on_display(&display).target(ScreenTarget::Window(window));
    assert_eq!(
        hidden.capture().expect_err("unmapped").code(),
        "capture.window_gone"
    );
    shown.destroy()?;
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
