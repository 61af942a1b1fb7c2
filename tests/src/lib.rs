//! Kairos's test harness: starts and stops the real services the tests need.
//!
//! # Services
//!
//! | type | what runs | use it through |
//! | --- | --- | --- |
//! | [`Xvfb`] | `Xvfb :N -screen 0 1280x800x24 -nolisten tcp` | [`Xvfb::display`], [`Xvfb::env`] (`DISPLAY`) |
//! | [`DbusSession`] | a private `dbus-daemon` session bus + `gnome-keyring-daemon` (Secret Service, unlocked) | [`DbusSession::env`] / [`DbusSession::apply_env`] |
//! | [`Moto`] | `<repo>/.venv/bin/moto_server` (Cognito emulator, TOTP checked; optionally time-shifted by libfaketime, which shifts its HTTP `Date` header) | [`Moto::url`], [`Moto::aws_env`] / [`Moto::apply_aws_env`], [`Moto::reset`] |
//! | [`FaultProxy`] | an in-process HTTP proxy in front of moto answering chosen operations with AWS JSON errors ([`Fault`]) | [`FaultProxy::url`], [`FaultProxy::add`], [`FaultProxy::counts`] |
//! | [`WaylandSession`] | headless `sway` (as `nobody` when root) showing a picture, PipeWire, and `xdg-desktop-portal` with its wlr and gtk backends on a private D-Bus bus | [`WaylandSession::bus_address`], [`WaylandSession::env`] |
//! | [`update_feed::FeedServer`] | a static HTTP server serving an updater feed (`latest.json`) and files, counting requests; [`update_feed::SigningKey`] signs with a throwaway key made by `tauri signer generate` | [`update_feed::FeedServer::url`], [`update_feed::FeedServer::requests`] |
//! | [`Chrony`] | `chronyd` serving NTP on 127.0.0.1, or on `[::1]` with [`Chrony::start_v6`] (optionally time-shifted by libfaketime) | [`Chrony::addr`] |
//!
//! A test starts what it needs and keeps the value alive for as long as it uses the service:
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use kairos_harness::{DbusSession, Moto};
//! let moto = Moto::start()?;          // fails (never skips) if moto is not installed
//! let session = DbusSession::start()?;
//! let mut app = std::process::Command::new("kairos-cli");
//! moto.apply_aws_env(&mut app);       // talks to moto only, never to real AWS
//! session.apply_env(&mut app);        // private bus, keyring and XDG/HOME dirs
//! // ... run `app`, assert ...
//! # Ok(()) }                           // dropping `moto`/`session` stops them
//! ```
//!
//! Rules the harness keeps:
//! - Everything listens on 127.0.0.1 (or `[::1]` when asked for, or a private X display / Unix
//!   socket) on a free port, with state in a fresh temp dir, so tests can run in parallel
//!   (`cargo test`, `nextest`).
//! - `start()` returns only when the service really answers, within a bounded deadline.
//!   Otherwise it returns an error saying what is missing and how to get it (usually
//!   `./dev setup`); tests `?`/`expect` it, so a missing service fails the test loudly.
//! - Dropping a service kills its whole process group (SIGTERM, then SIGKILL after 3 s);
//!   its children also get SIGKILL if the test process dies (`PR_SET_PDEATHSIG`).
//! - Each service logs to a file in its temp dir; the log's tail is in start-up errors and
//!   is printed if the service is dropped while the test panics.
//! - Every `start()` prints (stderr) what it started and where.
//! - The private D-Bus bus has no service activation: nothing is auto-started on it (no
//!   second, locked keyring); a name nobody owns fails fast with `ServiceUnknown`.
//! - Ports are picked free on loopback and then checked through /proc to be held by *our*
//!   process; if another process won the race, `start()` retries on a new port.

mod chrony;
mod dbus;
pub mod desktop;
pub mod fault_proxy;
pub mod http;
mod moto;
pub mod package;
pub mod ports;
pub mod process;
pub mod qr_window;
pub mod sntp_probe;
pub mod update_feed;
mod wayland;
pub mod x11_keys;
mod xvfb;

use std::path::{Path, PathBuf};

pub use chrony::{Chrony, faketime_library};
pub use dbus::DbusSession;
pub use fault_proxy::{Fault, FaultProxy};
pub use moto::{Moto, parse_http_date};
pub use wayland::{WLR_SCREENSHOT_FILE, WaylandSession};
pub use xvfb::Xvfb;

/// The repository root (the directory holding the workspace `Cargo.toml`).
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// A fresh temp dir for one service instance, `/tmp/kairos-<service>-XXXXXX`.
fn service_dir(service: &str) -> anyhow::Result<tempfile::TempDir> {
    use anyhow::Context;
    tempfile::Builder::new()
        .prefix(&format!("kairos-{service}-"))
        .tempdir()
        .with_context(|| format!("cannot create a temp dir for {service}"))
}
