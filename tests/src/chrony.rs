//! A chrony NTP server on `127.0.0.1` or `[::1]`, optionally with a shifted clock (libfaketime).

use std::net::SocketAddr;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use tempfile::TempDir;

use crate::ports::{self, PortConflict, Proto};
use crate::process::{Probe, ServiceProcess, SpawnOptions, find_binary};
use crate::sntp_probe;

const START_TIMEOUT: Duration = Duration::from_secs(30);
const PROBE_TIMEOUT: Duration = Duration::from_millis(300);
/// Stratum the server announces (`local stratum 3`).
pub const STRATUM: u8 = 3;

/// `chronyd -d -x -u root -f <tmp>/chrony.conf`, serving its local clock at stratum 3 on
/// `127.0.0.1:<free UDP port>` (or `[::1]:<free UDP port>`, [`Chrony::start_v6`]), with no
/// command sockets and all files in its temp dir. Killed on drop.
#[derive(Debug)]
pub struct Chrony {
    addr: SocketAddr,
    shift_seconds: i64,
    process: ServiceProcess,
    _dir: TempDir,
}

/// How a server is started. Internal, so the `start*` constructors stay the public API while
/// the options compose (a shifted clock on IPv6 is `Options { shift: Some(s), ipv6: true }`).
#[derive(Debug, Clone, Copy, Default)]
struct Options {
    /// Seconds the server's clock is ahead of the system clock (libfaketime); `None`: real.
    shift: Option<i64>,
    /// Serve on `[::1]` instead of `127.0.0.1`.
    ipv6: bool,
}

impl Options {
    /// The address served for `port`.
    fn addr(self, port: u16) -> SocketAddr {
        if self.ipv6 {
            ports::loopback_v6(port)
        } else {
            ports::loopback(port)
        }
    }

    /// A UDP port that was free a moment ago on the address family served.
    fn free_port(self) -> Result<u16> {
        if self.ipv6 {
            ports::free_udp_port_v6()
        } else {
            ports::free_udp_port()
        }
    }
}

impl Chrony {
    /// Start a server that serves the real system time on 127.0.0.1.
    pub fn start() -> Result<Self> {
        Self::launch(Options::default())
    }

    /// Start a server whose clock is `seconds` ahead of the system clock (negative: behind),
    /// via `LD_PRELOAD=libfaketime.so.1 FAKETIME=+N FAKETIME_DONT_FAKE_MONOTONIC=1`.
    pub fn start_shifted(seconds: i64) -> Result<Self> {
        Self::launch(Options {
            shift: Some(seconds),
            ..Options::default()
        })
    }

    /// Start a server that serves the real system time on the IPv6 loopback,
    /// `[::1]:<free UDP port>` (`bindaddress ::1`, `allow ::1`; chronyd then opens no IPv4
    /// socket at all), so [`Chrony::addr`] is a [`SocketAddr::V6`]. For testing that NTP
    /// clients handle IPv6 servers. Fails if `::1` is unusable (IPv6 disabled).
    pub fn start_v6() -> Result<Self> {
        Self::launch(Options {
            ipv6: true,
            ..Options::default()
        })
    }

    fn launch(options: Options) -> Result<Self> {
        let chronyd = find_binary("chronyd", "Debian package chrony")?;
        let faketime = options.shift.map(|_| faketime_library()).transpose()?;
        let uid = std::fs::metadata("/proc/self")
            .context("cannot stat /proc/self")?
            .uid();
        if uid != 0 {
            bail!(
                "chronyd must run as root (it is started with -u root to serve NTP), but the \
                 tests run as uid {uid} — run them as root (as CI and the dev machines do)"
            );
        }
        ports::retry_on_port_conflict(|| {
            Self::start_on(&chronyd, faketime.as_deref(), options, options.free_port()?)
        })
    }

    fn start_on(
        chronyd: &Path,
        faketime: Option<&Path>,
        options: Options,
        port: u16,
    ) -> Result<Self> {
        let shift = options.shift;
        let addr = options.addr(port);
        let ip = addr.ip();
        let dir = crate::service_dir("chrony")?;
        let root = dir.path();
        let conf = root.join("chrony.conf");
        // One `bindaddress` line of the served family is enough: chronyd 4.3 with only
        // `bindaddress ::1` serves on [::1] and opens no IPv4 NTP socket (and vice versa).
        let config = format!(
            "port {port}\n\
             bindaddress {ip}\n\
             allow {ip}\n\
             local stratum {STRATUM}\n\
             cmdport 0\n\
             bindcmdaddress /\n\
             pidfile {root}/chronyd.pid\n\
             driftfile {root}/chrony.drift\n\
             dumpdir {root}\n\
             ntsdumpdir {root}\n",
            root = root.display()
        );
        std::fs::write(&conf, config)
            .with_context(|| format!("cannot write {}", conf.display()))?;
        let mut cmd = Command::new(chronyd);
        cmd.args(["-d", "-x", "-u", "root", "-f"]).arg(&conf);
        if let (Some(library), Some(seconds)) = (faketime, shift) {
            cmd.env("LD_PRELOAD", library)
                .env("FAKETIME", format!("{seconds:+}"))
                .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        }
        let process = ServiceProcess::spawn("chronyd", cmd, root, SpawnOptions::default())?;
        let pid = process.pid();
        // chronyd 4.3 logs "Could not open NTP socket on ADDR" (older: "Could not bind")
        // and exits when its port is taken.
        let port_taken = || {
            process.log_contains("Could not open NTP socket")
                || process.log_contains("Could not bind")
        };
        let ready = process.wait_until(
            &format!("an SNTP reply at stratum {STRATUM} from {addr}"),
            START_TIMEOUT,
            || {
                if port_taken() {
                    let conflict = PortConflict(format!("chronyd could not open {addr}"));
                    return Probe::Fatal(conflict.into());
                }
                // Only ask once our chronyd holds the port: otherwise another server could answer.
                match ports::pid_owns_addr(pid, Proto::Udp, addr) {
                    Ok(true) => {}
                    Ok(false) => return Probe::NotYet(format!("chronyd does not hold {addr} yet")),
                    Err(error) => return Probe::Fatal(error),
                }
                match sntp_probe::query(addr, PROBE_TIMEOUT) {
                    Ok(reply) if reply.mode == 4 && reply.stratum == STRATUM => Probe::Ready(()),
                    Ok(reply) => Probe::NotYet(format!("reply not ready yet: {reply:?}")),
                    Err(error) => Probe::NotYet(format!("{error:#}")),
                }
            },
        );
        if let Err(error) = ready {
            if port_taken() {
                return Err(PortConflict(format!("{addr}: {error:#}")).into());
            }
            return Err(error);
        }
        let clock = match shift {
            Some(seconds) => format!("clock shifted by {seconds:+} s"),
            None => "system clock".to_owned(),
        };
        eprintln!(
            "kairos-harness: started chronyd NTP server on {addr} ({clock}, pid {pid}, log {})",
            process.log_path().display()
        );
        Ok(Chrony {
            addr,
            shift_seconds: shift.unwrap_or(0),
            process,
            _dir: dir,
        })
    }

    /// The server's address (UDP): `127.0.0.1:PORT`, or `[::1]:PORT` for [`Chrony::start_v6`].
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How far this server's clock is shifted (0 for [`Chrony::start`]).
    pub fn shift_seconds(&self) -> i64 {
        self.shift_seconds
    }

    /// chronyd's process id.
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }
}

/// `libfaketime.so.1`, looked up in `/usr/lib/<triplet>/faketime/` and similar places.
pub fn faketime_library() -> Result<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("/usr/lib/faketime"),
        PathBuf::from("/usr/local/lib/faketime"),
    ];
    if let Ok(entries) = std::fs::read_dir("/usr/lib") {
        dirs.extend(entries.flatten().map(|e| e.path().join("faketime")));
    }
    dirs.into_iter()
        .map(|dir| dir.join("libfaketime.so.1"))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            anyhow!(
                "libfaketime.so.1 not found in /usr/lib/*/faketime/ — run ./dev setup \
                 (or install the Debian package faketime by hand)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_reported_as_a_port_conflict() {
        let taken = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind UDP");
        let port = taken.local_addr().expect("local addr").port();
        let chronyd = find_binary("chronyd", "Debian package chrony").expect("chronyd");
        let error =
            Chrony::start_on(&chronyd, None, Options::default(), port).expect_err("port is taken");
        assert!(error.is::<PortConflict>(), "not a port conflict: {error:#}");
    }

    #[test]
    fn a_taken_ipv6_port_is_reported_as_a_port_conflict() {
        let taken = std::net::UdpSocket::bind("[::1]:0").expect("bind UDP on [::1]");
        let port = taken.local_addr().expect("local addr").port();
        let chronyd = find_binary("chronyd", "Debian package chrony").expect("chronyd");
        let options = Options {
            ipv6: true,
            ..Options::default()
        };
        let error = Chrony::start_on(&chronyd, None, options, port).expect_err("port is taken");
        assert!(error.is::<PortConflict>(), "not a port conflict: {error:#}");
    }

    /// The options compose: a shifted clock served on `[::1]`.
    #[test]
    fn a_shifted_server_can_serve_on_ipv6() {
        let server = Chrony::launch(Options {
            shift: Some(-45),
            ipv6: true,
        })
        .expect("start a time-shifted chronyd on [::1]");
        assert_eq!(server.addr(), ports::loopback_v6(server.addr().port()));
        assert_eq!(server.shift_seconds(), -45);
        let reply = sntp_probe::query(server.addr(), Duration::from_secs(2)).expect("SNTP query");
        assert_eq!((reply.mode, reply.stratum), (4, STRATUM), "{reply:?}");
        let offset = reply.offset_secs();
        assert!(
            (offset + 45.0).abs() < 2.0,
            "server time is {offset:+.3} s from ours, expected -45 s ± 2 s"
        );
    }
}
