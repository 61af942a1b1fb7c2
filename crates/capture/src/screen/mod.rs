//! The screen as a QR source: the whole screen, one window, an area, or
//! whatever the user picks in the desktop's own dialog.
//!
//! Two backends. On X11 Kairos reads pixels straight from the X server, in
//! memory (no file). Wayland forbids that by design: there the desktop
//! portal's Screenshot request asks the compositor, which writes a file that
//! is read and then deleted before the capture returns.

mod portal;
mod region;
mod x11;

use std::time::Duration;

use kairos_core::qr::{Frame, FrameSource, LumaFrame};

use crate::error::CaptureError;

pub use region::Region;

/// What to capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenTarget {
    FullScreen,
    /// An X11 window id, as [`WindowInfo::id`] lists it.
    Window(u32),
    /// An area in screen pixels.
    Region(Region),
    /// Let the user choose in the desktop's own dialog (the portal only).
    Pick,
}

impl ScreenTarget {
    /// Short name used in messages and codes.
    pub fn name(&self) -> &'static str {
        match self {
            ScreenTarget::FullScreen => "screen",
            ScreenTarget::Window(_) => "window",
            ScreenTarget::Region(_) => "region",
            ScreenTarget::Pick => "pick",
        }
    }
}

/// One top-level window that can be captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowInfo {
    pub id: u32,
    pub title: String,
    pub width: u32,
    pub height: u32,
}

/// How the screen is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An X server; `None` is the one `DISPLAY` names.
    X11 { display: Option<String> },
    /// The XDG desktop portal on a D-Bus session bus; `None` is the session bus.
    Portal { bus_address: Option<String> },
}

impl Backend {
    /// Wayland when the session says so (an X11 capture there would only
    /// see XWayland's windows, or black), else X11 when `DISPLAY` is set.
    pub fn detect() -> Result<Backend, CaptureError> {
        detect_from(|name| std::env::var(name).ok())
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::X11 { .. } => "X11",
            Backend::Portal { .. } => "Wayland",
        }
    }

    /// Whether `target` can be captured here: X11 has no system picker, and
    /// the portal does not name windows.
    pub fn supports(&self, target: &ScreenTarget) -> bool {
        !matches!(
            (self, target),
            (Backend::X11 { .. }, ScreenTarget::Pick)
                | (Backend::Portal { .. }, ScreenTarget::Window(_))
        )
    }
}

fn detect_from(var: impl Fn(&str) -> Option<String>) -> Result<Backend, CaptureError> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    let wayland = set("WAYLAND_DISPLAY").is_some()
        || set("XDG_SESSION_TYPE").is_some_and(|v| v.eq_ignore_ascii_case("wayland"));
    if wayland {
        return Ok(Backend::Portal { bus_address: None });
    }
    if set("DISPLAY").is_some() {
        return Ok(Backend::X11 { display: None });
    }
    Err(CaptureError::ScreenNoDisplay {
        detail: "neither WAYLAND_DISPLAY nor DISPLAY is set".into(),
    })
}

/// How long the portal may take: a silent screenshot is quick, a dialog
/// waits for a person.
const PORTAL_TIMEOUT: Duration = Duration::from_secs(30);
const PORTAL_PICK_TIMEOUT: Duration = Duration::from_secs(300);

/// Captures one [`ScreenTarget`] once, then ends (a [`FrameSource`]).
#[derive(Debug)]
pub struct ScreenSource {
    backend: Option<Backend>,
    target: ScreenTarget,
    done: bool,
}

impl ScreenSource {
    /// The whole screen of this session (backend detected at capture).
    pub fn new() -> Self {
        Self {
            backend: None,
            target: ScreenTarget::FullScreen,
            done: false,
        }
    }

    /// A given X display such as `:99` (tests run their own Xvfb).
    pub fn on_display(display: impl Into<String>) -> Self {
        Self::with_backend(Backend::X11 {
            display: Some(display.into()),
        })
    }

    /// The portal on the D-Bus bus at `address` (tests run their own bus).
    pub fn on_portal(address: impl Into<String>) -> Self {
        Self::with_backend(Backend::Portal {
            bus_address: Some(address.into()),
        })
    }

    pub fn with_backend(backend: Backend) -> Self {
        Self {
            backend: Some(backend),
            ..Self::new()
        }
    }

    /// What to capture (the whole screen unless told).
    pub fn target(mut self, target: ScreenTarget) -> Self {
        self.target = target;
        self
    }

    pub fn backend(&self) -> Result<Backend, CaptureError> {
        match &self.backend {
            Some(backend) => Ok(backend.clone()),
            None => Backend::detect(),
        }
    }

    /// The windows that can be captured, Kairos's own left out. X11 only.
    pub fn windows(&self) -> Result<Vec<WindowInfo>, CaptureError> {
        match self.backend()? {
            Backend::X11 { display } => x11::list_windows(display.as_deref()),
            backend @ Backend::Portal { .. } => Err(CaptureError::ScreenTargetUnsupported {
                target: "window",
                backend: backend.name(),
            }),
        }
    }

    pub fn capture(&self) -> Result<LumaFrame, CaptureError> {
        let backend = self.backend()?;
        if !backend.supports(&self.target) {
            return Err(CaptureError::ScreenTargetUnsupported {
                target: self.target.name(),
                backend: backend.name(),
            });
        }
        match (&backend, self.target) {
            (Backend::X11 { display }, target) => x11::capture(display.as_deref(), target),
            (Backend::Portal { bus_address }, target) => {
                let interactive = target == ScreenTarget::Pick;
                let timeout = if interactive {
                    PORTAL_PICK_TIMEOUT
                } else {
                    PORTAL_TIMEOUT
                };
                let frame = portal::screenshot(bus_address.as_deref(), interactive, timeout)?;
                match target {
                    ScreenTarget::Region(region) => region.crop(&frame),
                    _ => Ok(frame),
                }
            }
        }
    }
}

impl Default for ScreenSource {
    fn default() -> Self {
        Self::new()
    }
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

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn wayland_sessions_use_the_portal_and_x11_sessions_the_x_server() {
        let portal = Backend::Portal { bus_address: None };
        let x11 = Backend::X11 { display: None };
        let detect = |pairs| detect_from(env(pairs)).ok();
        assert_eq!(
            detect(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")]),
            Some(portal.clone())
        );
        assert_eq!(
            detect(&[("XDG_SESSION_TYPE", "wayland"), ("DISPLAY", ":0")]),
            Some(portal)
        );
        assert_eq!(
            detect(&[("DISPLAY", ":0"), ("XDG_SESSION_TYPE", "x11")]),
            Some(x11.clone())
        );
        assert_eq!(
            detect(&[("WAYLAND_DISPLAY", ""), ("DISPLAY", ":1")]),
            Some(x11)
        );
        let err = detect_from(env(&[("WAYLAND_DISPLAY", "")])).expect_err("nothing set");
        assert!(matches!(err, CaptureError::ScreenNoDisplay { .. }));
    }

    #[test]
    fn each_backend_refuses_what_it_cannot_do() {
        let x11 = Backend::X11 { display: None };
        let portal = Backend::Portal { bus_address: None };
        let region = ScreenTarget::Region(Region {
            x: 0,
            y: 0,
            width: 10,
            height: 10,
        });
        for target in [ScreenTarget::FullScreen, region] {
            assert!(x11.supports(&target) && portal.supports(&target));
        }
        assert!(x11.supports(&ScreenTarget::Window(1)));
        assert!(!portal.supports(&ScreenTarget::Window(1)));
        assert!(portal.supports(&ScreenTarget::Pick));
        assert!(!x11.supports(&ScreenTarget::Pick));

        use kairos_core::UserFacing;
        let err = ScreenSource::on_display(":4242")
            .target(ScreenTarget::Pick)
            .capture()
            .expect_err("no picker on X11");
        assert_eq!(err.code(), "capture.screen_target_unsupported");
        let err = ScreenSource::on_portal("unix:path=/nonexistent/bus")
            .windows()
            .expect_err("the portal lists no windows");
        assert_eq!(err.code(), "capture.screen_target_unsupported");
    }
}
