//! A chrony NTP server on 127.0.0.1, optionally with a shifted clock (libfaketime).

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
/// `127.0.0.1:<free UDP port>`, with no command sockets and all files in its temp dir.
/// Killed on drop.
#[derive(Debug)]
pub struct Chrony {
    addr: SocketAddr,
    shift_seconds: i64,
    process: ServiceProcess,
    _dir: TempDir,
}

impl Chrony {
    /// Start a server that serves the real system time.
    pub fn start() -> Result<Self> {
        Self::launch(None)
    }

    /// Start a server whose clock is `seconds` ahead of the system clock (negative: behind),
    /// via `LD_PRELOAD=libfaketime.so.1 FAKETIME=+N FAKETIME_DONT_FAKE_MONOTONIC=1`.
    pub fn start_shifted(seconds: i64) -> Result<Self> {
        Self::launch(Some(seconds))
    }

    fn launch(shift: Option<i64>) -> Result<Self> {
        let chronyd = find_binary("chronyd", "Debian package chrony")?;
        let faketime = shift.map(|_| faketime_library()).transpose()?;
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
            Self::start_on(
                &chronyd,
                faketime.as_deref(),
                shift,
                ports::free_udp_port()?,
            )
        })
    }

    fn start_on(
        chronyd: &Path,
        faketime: Option<&Path>,
        shift: Option<i64>,
        port: u16,
    ) -> Result<Self> {
        let dir = crate::service_dir("chrony")?;
        let root = dir.path();
        let conf = root.join("chrony.conf");
        let config = format!(
            "port {port}\n\
             bindaddress 127.0.0.1\n\
             allow 127.0.0.1\n\
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
        let addr = ports::loopback(port);
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
                match ports::pid_owns_port(pid, Proto::Udp, port) {
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

    /// The server's address, `127.0.0.1:PORT` (UDP).
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
        let error = Chrony::start_on(&chronyd, None, None, port).expect_err("port is taken");
        assert!(error.is::<PortConflict>(), "not a port conflict: {error:#}");
    }
}
