//! The screen source on Wayland, through the real desktop portal: headless
//! sway shows a QR code as its wallpaper, xdg-desktop-portal-wlr takes the
//! screenshot with grim into a file, and Kairos reads, deletes and decodes
//! it.

use std::path::Path;

use anyhow::Result;
use kairos_capture::{Region, ScreenSource, ScreenTarget};
use kairos_core::UserFacing;
use kairos_harness::{WLR_SCREENSHOT_FILE, WaylandSession};

mod common;
use common::{decoded, fixture};

#[test]
fn the_portal_screenshot_is_decoded_and_its_file_deleted() -> Result<()> {
    let png = fixture("otpauth-clean.png");
    let expected = std::fs::read_to_string(fixture("otpauth-clean.png.txt"))?;
    let desktop = WaylandSession::start(&png)?;
    let screenshot_file = Path::new(WLR_SCREENSHOT_FILE);
    // A leftover from an earlier run would make the check below meaningless.
    if screenshot_file.exists() {
        std::fs::remove_file(screenshot_file)?;
    }

    let frame = ScreenSource::on_portal(desktop.bus_address()).capture()?;
    // The headless output is 1280×720 and the picture is centred on it.
    assert_eq!((frame.width(), frame.height()), (1280, 720));
    assert_eq!(decoded(&frame), [expected.trim_end()]);
    assert!(
        desktop
            .portal_backend_log()
            .contains("option interactive: 0"),
        "the wlr backend took no screenshot:\n{}",
        desktop.portal_backend_log()
    );
    assert!(
        !screenshot_file.exists(),
        "the portal's picture {WLR_SCREENSHOT_FILE} was left behind"
    );

    // An area of the screen is cut from the portal's picture.
    let (width, height) = image::image_dimensions(&png)?;
    let centre = Region {
        x: (1280 - width as i32) / 2 - 10,
        y: (720 - height as i32) / 2 - 10,
        width: width + 20,
        height: height + 20,
    };
    let frame = ScreenSource::on_portal(desktop.bus_address())
        .target(ScreenTarget::Region(centre))
        .capture()?;
    assert_eq!((frame.width(), frame.height()), (width + 20, height + 20));
    assert_eq!(decoded(&frame), [expected.trim_end()]);
    assert!(!screenshot_file.exists());

    // The portal names no windows.
    let err = ScreenSource::on_portal(desktop.bus_address())
        .target(ScreenTarget::Window(1))
        .capture()
        .expect_err("no windows through the portal");
    assert_eq!(err.code(), "capture.screen_target_unsupported");
    Ok(())
}

#[test]
fn a_bus_without_the_portal_says_so() -> Result<()> {
    let session = kairos_harness::DbusSession::start()?;
    let err = ScreenSource::on_portal(session.address())
        .capture()
        .expect_err("no portal on this bus");
    assert_eq!(err.code(), "capture.portal_unavailable");
    Ok(())
}
