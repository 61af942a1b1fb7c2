//! A private X server (Xvfb) for GUI tests.

use std::io::{BufRead, BufReader};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use tempfile::TempDir;

use crate::process::{Probe, ServiceProcess, SpawnOptions, find_binary};

const START_TIMEOUT: Duration = Duration::from_secs(30);

/// `Xvfb :N -screen 0 1280x800x24 -nolisten tcp` on a display number Xvfb picks itself
/// (`-displayfd`, which is race-free between parallel tests). Killed on drop.
#[derive(Debug)]
pub struct Xvfb {
    display: u32,
    process: ServiceProcess,
    _dir: TempDir,
}

impl Xvfb {
    /// Screen width in pixels.
    pub const WIDTH: u16 = 1280;
    /// Screen height in pixels.
    pub const HEIGHT: u16 = 800;
    /// Screen depth in bits.
    pub const DEPTH: u8 = 24;

    /// Start Xvfb and wait until its Unix socket accepts connections.
    pub fn start() -> Result<Self> {
        let binary = find_binary("Xvfb", "Debian package xvfb")?;
        let dir = crate::service_dir("xvfb")?;
        let mut cmd = Command::new(&binary);
        let screen = format!("{}x{}x{}", Self::WIDTH, Self::HEIGHT, Self::DEPTH);
        cmd.args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            &screen,
            "-nolisten",
            "tcp",
            // No server reset when the last client leaves: a client connecting during
            // the reset is dropped, which made parallel tests flaky.
            "-noreset",
        ]);
        let options = SpawnOptions {
            pipe_stdout: true,
            ..SpawnOptions::default()
        };
        let mut process = ServiceProcess::spawn("Xvfb", cmd, dir.path(), options)?;

        // Xvfb writes "N\n" to the -displayfd once it listens; read it on a thread so the
        // wait stays bounded, and keep draining the pipe afterwards.
        let stdout = process
            .take_stdout()
            .ok_or_else(|| anyhow!("Xvfb was spawned without a stdout pipe"))?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = tx.send(reader.read_line(&mut line).map(|_| line));
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let display = process.wait_until(
            "Xvfb to write its display number",
            START_TIMEOUT,
            || match rx.try_recv() {
                Ok(Ok(line)) => match line.trim().parse::<u32>() {
                    Ok(number) => Probe::Ready(number),
                    Err(_) => Probe::Fatal(anyhow!("-displayfd gave {line:?}, not a number")),
                },
                Ok(Err(error)) => Probe::Fatal(anyhow!("cannot read -displayfd: {error}")),
                Err(mpsc::TryRecvError::Empty) => Probe::NotYet("nothing written yet".into()),
                Err(mpsc::TryRecvError::Disconnected) => {
                    Probe::Fatal(anyhow!("the -displayfd reader thread died"))
                }
            },
        )?;

        let xvfb = Xvfb {
            display,
            process,
            _dir: dir,
        };
        let socket = xvfb.socket_path();
        xvfb.process.wait_until(
            &format!("a connection to {}", socket.display()),
            START_TIMEOUT,
            || match UnixStream::connect(&socket) {
                Ok(_) => Probe::Ready(()),
                Err(error) => Probe::NotYet(error.to_string()),
            },
        )?;
        eprintln!(
            "kairos-harness: started Xvfb on DISPLAY={} ({}, socket {}, pid {}, log {})",
            xvfb.display(),
            screen,
            socket.display(),
            xvfb.process.pid(),
            xvfb.process.log_path().display()
        );
        Ok(xvfb)
    }

    /// The display name for `DISPLAY`, e.g. `":3"`.
    pub fn display(&self) -> String {
        format!(":{}", self.display)
    }

    /// The display number `N`.
    pub fn display_number(&self) -> u32 {
        self.display
    }

    /// The server's Unix socket, `/tmp/.X11-unix/X<N>`.
    pub fn socket_path(&self) -> PathBuf {
        PathBuf::from(format!("/tmp/.X11-unix/X{}", self.display))
    }

    /// Environment for a child process that should draw on this server (`DISPLAY`).
    pub fn env(&self) -> Vec<(String, String)> {
        vec![("DISPLAY".into(), self.display())]
    }

    /// Xvfb's process id.
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }
}
