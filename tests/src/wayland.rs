//! A private Wayland desktop with the real screenshot portal: headless
//! `sway` showing a picture as its wallpaper (through `swaybg`), PipeWire,
//! and on a private D-Bus session bus `xdg-desktop-portal` with the
//! `xdg-desktop-portal-wlr` backend (which runs `grim`) and
//! `xdg-desktop-portal-gtk` (xdg-desktop-portal 1.16 only offers Screenshot
//! when some backend provides the Access dialog).
//!
//! sway refuses to run as root, so as root it runs as `nobody` (through
//! `setpriv`) in its own runtime folder; the other pieces run as the test.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use tempfile::TempDir;

use crate::dbus::{name_owned, start_bus};
use crate::process::{Probe, ServiceProcess, SpawnOptions, find_binary};

const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Where xdg-desktop-portal-wlr 0.7 has grim write every screenshot.
pub const WLR_SCREENSHOT_FILE: &str = "/tmp/out.png";

/// The running desktop; everything is stopped on drop (portals first).
#[derive(Debug)]
pub struct WaylandSession {
    // Field order is drop order.
    portal: ServiceProcess,
    gtk: ServiceProcess,
    wlr: ServiceProcess,
    pipewire: ServiceProcess,
    bus: ServiceProcess,
    sway: ServiceProcess,
    address: String,
    runtime: PathBuf,
    socket: String,
    dir: TempDir,
}

/// A program shipped outside `PATH` (the portals live in /usr/libexec).
fn find_libexec(name: &str, package: &str) -> Result<PathBuf> {
    ["/usr/libexec", "/usr/lib", "/usr/lib/x86_64-linux-gnu"]
        .iter()
        .map(|dir| Path::new(dir).join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            anyhow!("{name} not found in /usr/libexec — run ./dev setup (or install the Debian package {package})")
        })
}

/// /proc/self belongs to the process's effective user.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

impl WaylandSession {
    /// Start the desktop with `wallpaper` (a PNG) centred on a white
    /// 1280×720 output, and wait until the portal offers Screenshot and the
    /// wallpaper is on screen.
    pub fn start(wallpaper: &Path) -> Result<Self> {
        let sway_bin = find_binary("sway", "Debian package sway")?;
        find_binary("swaybg", "Debian package swaybg")?;
        let grim = find_binary("grim", "Debian package grim")?;
        let pipewire_bin = find_binary("pipewire", "Debian package pipewire-bin")?;
        let portal_bin = find_libexec("xdg-desktop-portal", "xdg-desktop-portal")?;
        let wlr_bin = find_libexec("xdg-desktop-portal-wlr", "xdg-desktop-portal-wlr")?;
        let gtk_bin = find_libexec("xdg-desktop-portal-gtk", "xdg-desktop-portal-gtk")?;

        let dir = crate::service_dir("wayland")?;
        let root = dir.path();
        // sway runs as nobody: it must read its config and the wallpaper.
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755))?;
        let picture = root.join("wallpaper.png");
        std::fs::copy(wallpaper, &picture)
            .with_context(|| format!("cannot copy {}", wallpaper.display()))?;
        std::fs::set_permissions(&picture, std::fs::Permissions::from_mode(0o644))?;
        let config = root.join("sway.conf");
        std::fs::write(
            &config,
            format!(
                "xwayland disable\noutput * bg {} center #ffffff\n",
                picture.display()
            ),
        )?;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644))?;
        let runtime = root.join("run");
        std::fs::create_dir(&runtime)?;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700))?;

        let mut cmd = if running_as_root() {
            let setpriv = find_binary("setpriv", "Debian package util-linux")?;
            let status = Command::new("chown")
                .args(["nobody:nogroup"])
                .arg(&runtime)
                .status()
                .context("chown")?;
            if !status.success() {
                bail!("cannot give {} to nobody", runtime.display());
            }
            let mut cmd = Command::new(setpriv);
            cmd.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
                .arg(&sway_bin);
            cmd
        } else {
            Command::new(&sway_bin)
        };
        cmd.arg("-c").arg(&config).env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", root)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("WLR_BACKENDS", "headless")
            .env("WLR_LIBINPUT_NO_DEVICES", "1")
            .env("WLR_RENDERER", "pixman");
        let sway = ServiceProcess::spawn("sway", cmd, root, SpawnOptions::default())?;
        let socket =
            sway.wait_until(
                "sway's Wayland socket",
                START_TIMEOUT,
                || match wayland_socket(&runtime) {
                    Some(name) => Probe::Ready(name),
                    None => Probe::NotYet(format!("no wayland-N socket in {}", runtime.display())),
                },
            )?;

        let (bus, address) = start_bus(root)?;
        let env = [
            ("DBUS_SESSION_BUS_ADDRESS", address.as_str()),
            ("XDG_RUNTIME_DIR", runtime.to_str().unwrap_or_default()),
            ("WAYLAND_DISPLAY", socket.as_str()),
            ("XDG_CURRENT_DESKTOP", "sway"),
            ("GDK_BACKEND", "wayland"),
        ];
        let service = |name: &str, program: &Path, args: &[&str]| -> Result<ServiceProcess> {
            let mut cmd = Command::new(program);
            cmd.args(args).env_remove("DISPLAY").envs(env);
            ServiceProcess::spawn(name, cmd, root, SpawnOptions::default())
        };

        let pipewire = service("pipewire", &pipewire_bin, &[])?;
        pipewire.wait_until("PipeWire's socket", START_TIMEOUT, || {
            if runtime.join("pipewire-0").exists() {
                Probe::Ready(())
            } else {
                Probe::NotYet("no pipewire-0 yet".into())
            }
        })?;
        let wlr = service("xdg-desktop-portal-wlr", &wlr_bin, &["-l", "DEBUG"])?;
        wlr.wait_until("the wlr portal backend on the bus", START_TIMEOUT, || {
            name_owned(&address, "org.freedesktop.impl.portal.desktop.wlr")
        })?;
        let gtk = service("xdg-desktop-portal-gtk", &gtk_bin, &["--verbose"])?;
        gtk.wait_until("the gtk portal backend on the bus", START_TIMEOUT, || {
            name_owned(&address, "org.freedesktop.impl.portal.desktop.gtk")
        })?;
        let portal = service("xdg-desktop-portal", &portal_bin, &["--verbose"])?;
        portal.wait_until("xdg-desktop-portal on the bus", START_TIMEOUT, || {
            name_owned(&address, "org.freedesktop.portal.Desktop")
        })?;
        if !portal.log_contains("providing portal org.freedesktop.portal.Screenshot") {
            return Err(portal.error("xdg-desktop-portal does not offer Screenshot"));
        }

        let session = WaylandSession {
            portal,
            gtk,
            wlr,
            pipewire,
            bus,
            sway,
            address,
            runtime,
            socket,
            dir,
        };
        session
            .sway
            .wait_until("the wallpaper on screen", START_TIMEOUT, || {
                match session.screen_has_dark_and_light(&grim) {
                    Ok(true) => Probe::Ready(()),
                    Ok(false) => Probe::NotYet("the screen is still plain".into()),
                    Err(error) => Probe::NotYet(format!("{error:#}")),
                }
            })?;
        eprintln!(
            "kairos-harness: started headless sway (pid {}, WAYLAND_DISPLAY={}, XDG_RUNTIME_DIR={}) \
             with xdg-desktop-portal (pid {}) on D-Bus {} (logs in {})",
            session.sway.pid(),
            session.socket,
            session.runtime.display(),
            session.portal.pid(),
            session.address,
            session.dir.path().display()
        );
        Ok(session)
    }

    /// The private bus where the portal is, `unix:path=<tmp>/bus`.
    pub fn bus_address(&self) -> &str {
        &self.address
    }

    /// Environment for a client of this desktop: `WAYLAND_DISPLAY`,
    /// `XDG_RUNTIME_DIR`, `XDG_SESSION_TYPE` and `DBUS_SESSION_BUS_ADDRESS`.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("WAYLAND_DISPLAY".into(), self.socket.clone()),
            ("XDG_RUNTIME_DIR".into(), self.runtime.display().to_string()),
            ("XDG_SESSION_TYPE".into(), "wayland".into()),
            ("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone()),
        ]
    }

    /// The wlr backend's log (it logs each screenshot request).
    pub fn portal_backend_log(&self) -> String {
        std::fs::read_to_string(self.wlr.log_path()).unwrap_or_default()
    }

    /// Process ids: sway, bus, PipeWire, wlr, gtk, xdg-desktop-portal.
    pub fn pids(&self) -> [u32; 6] {
        [
            self.sway.pid(),
            self.bus.pid(),
            self.pipewire.pid(),
            self.wlr.pid(),
            self.gtk.pid(),
            self.portal.pid(),
        ]
    }

    /// grim's picture of the output (binary PPM) holds both near-black and
    /// near-white pixels: the code is drawn.
    fn screen_has_dark_and_light(&self, grim: &Path) -> Result<bool> {
        let output = Command::new(grim)
            .args(["-t", "ppm", "-"])
            .env("WAYLAND_DISPLAY", &self.socket)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .output()
            .context("grim")?;
        if !output.status.success() {
            bail!("grim: {}", String::from_utf8_lossy(&output.stderr).trim());
        }
        let pixels =
            ppm_pixels(&output.stdout).ok_or_else(|| anyhow!("grim wrote no P6 picture"))?;
        let dark = pixels.chunks_exact(3).any(|p| p.iter().all(|&c| c < 64));
        let light = pixels.chunks_exact(3).any(|p| p.iter().all(|&c| c > 192));
        Ok(dark && light)
    }
}

/// The newest `wayland-N` socket in `runtime`.
fn wayland_socket(runtime: &Path) -> Option<String> {
    std::fs::read_dir(runtime)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("wayland-") && !name.ends_with(".lock"))
        .max()
}

/// The pixel bytes of a binary PPM with an 8-bit max value.
fn ppm_pixels(data: &[u8]) -> Option<&[u8]> {
    // "P6" width height maxval, separated by whitespace, then one whitespace byte.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while data.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        while !data.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    if !data.starts_with(b"P6") {
        return None;
    }
    data.get(i + 1..)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ppm_headers_are_skipped() {
        let ppm = b"P6\n2 1\n255\n\x00\x00\x00\xff\xff\xff";
        assert_eq!(super::ppm_pixels(ppm), Some(&ppm[11..]));
        assert_eq!(super::ppm_pixels(b"P3\n1 1\n255\n1 2 3"), None);
    }
}
