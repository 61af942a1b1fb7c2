//! Spawning service processes for tests.
//!
//! Every service runs as a [`ServiceProcess`]:
//! - in its own process group, so dropping it kills the service *and* anything it forked;
//! - with `PR_SET_PDEATHSIG = SIGKILL`, so it dies even if the test process is SIGKILLed
//!   (children are forked from one long-lived spawner thread, because the kernel delivers the
//!   signal when the *thread* that forked the child exits, not the process);
//! - with stdout/stderr captured to `<name>.log` in the service's temp dir; the log's tail is
//!   appended to start-up errors and printed when the service is dropped during a panic.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use nix::errno::Errno;
use nix::sys::signal::{Signal, killpg};
use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid};
use nix::unistd::Pid;

/// How long [`ServiceProcess`]'s `Drop` waits after SIGTERM before sending SIGKILL.
const TERM_GRACE: Duration = Duration::from_secs(3);
/// How many bytes of a service log are shown in errors and on panic.
const LOG_TAIL_BYTES: u64 = 4000;

/// Extra knobs for [`ServiceProcess::spawn`].
#[derive(Debug, Default)]
pub struct SpawnOptions {
    /// Bytes written to the child's stdin, which is then closed. `None`: stdin is /dev/null.
    pub stdin: Option<Vec<u8>>,
    /// Give the child a stdout pipe (see [`ServiceProcess::take_stdout`]) instead of the log.
    pub pipe_stdout: bool,
}

/// Result of one readiness probe in [`ServiceProcess::wait_until`].
#[derive(Debug)]
pub enum Probe<T> {
    /// The service is ready.
    Ready(T),
    /// Not ready yet; the reason is reported if the deadline passes.
    NotYet(String),
    /// Stop waiting and fail with this error.
    Fatal(anyhow::Error),
}

/// A running service process; dropping it terminates its whole process group.
#[derive(Debug)]
pub struct ServiceProcess {
    name: String,
    child: Child,
    log_path: PathBuf,
}

type SpawnRequest = (Command, mpsc::Sender<std::io::Result<Child>>);

/// The sender side of the process-wide spawner thread, which never exits.
fn spawner() -> &'static mpsc::Sender<SpawnRequest> {
    static SPAWNER: OnceLock<mpsc::Sender<SpawnRequest>> = OnceLock::new();
    SPAWNER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<SpawnRequest>();
        std::thread::Builder::new()
            .name("kairos-harness-spawner".into())
            .spawn(move || {
                for (mut cmd, reply) in rx {
                    // The requester may have gone away; then the child is dropped and
                    // reaped by nobody, but it still dies with its pdeathsig at exit.
                    let _ = reply.send(cmd.spawn());
                }
            })
            .expect("failed to start the kairos-harness spawner thread");
        tx
    })
}

/// Make `cmd`'s child get SIGKILL when the test process dies.
fn set_parent_death_signal(cmd: &mut Command) {
    let parent = Pid::this();
    #[allow(unsafe_code)]
    // SAFETY: the closure runs in the forked child before exec. It only issues the raw
    // prctl(2) and getppid(2) syscalls (async-signal-safe), does not allocate (errors are
    // built from raw errno values) and takes no locks.
    unsafe {
        cmd.pre_exec(move || {
            nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(std::io::Error::from)?;
            // The parent may have died between fork and prctl: then nobody will signal us.
            if nix::unistd::getppid() != parent {
                return Err(std::io::Error::from(Errno::ESRCH));
            }
            Ok(())
        });
    }
}

impl ServiceProcess {
    /// Start `cmd` as service `name`, logging to `<log_dir>/<name>.log`.
    pub fn spawn(
        name: &str,
        mut cmd: Command,
        log_dir: &Path,
        options: SpawnOptions,
    ) -> Result<Self> {
        let log_path = log_dir.join(format!("{name}.log"));
        let log = File::create(&log_path)
            .with_context(|| format!("cannot create log file {}", log_path.display()))?;
        cmd.stderr(
            log.try_clone()
                .context("cannot duplicate log file handle")?,
        );
        if options.pipe_stdout {
            cmd.stdout(Stdio::piped());
        } else {
            cmd.stdout(log);
        }
        cmd.stdin(if options.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        cmd.process_group(0);
        set_parent_death_signal(&mut cmd);

        let line = describe(&cmd);
        let (tx, rx) = mpsc::channel();
        spawner()
            .send((cmd, tx))
            .map_err(|_| anyhow!("the kairos-harness spawner thread is gone"))?;
        let child = rx
            .recv()
            .context("the kairos-harness spawner thread did not answer")?
            .with_context(|| format!("failed to start {name}: {line}"))?;
        let mut process = ServiceProcess {
            name: name.to_owned(),
            child,
            log_path,
        };
        if let (Some(data), Some(mut stdin)) = (options.stdin, process.child.stdin.take()) {
            // Dropping `stdin` afterwards closes the pipe: the child sees EOF.
            stdin
                .write_all(&data)
                .with_context(|| format!("cannot write to {name}'s stdin"))?;
        }
        Ok(process)
    }

    /// The service's process id (also its process group id).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Where the service's stdout/stderr go.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The child's stdout pipe, if spawned with [`SpawnOptions::pipe_stdout`].
    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.stdout.take()
    }

    /// `Some(description)` if the process has exited (without reaping it).
    pub fn exit_status(&self) -> Option<String> {
        let pid = Pid::from_raw(i32::try_from(self.pid()).ok()?);
        let flags = WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT;
        match waitid(Id::Pid(pid), flags) {
            Ok(WaitStatus::Exited(_, code)) => Some(format!("exit code {code}")),
            Ok(WaitStatus::Signaled(_, signal, _)) => Some(format!("killed by {signal}")),
            Ok(_) => None,
            Err(errno) => Some(format!("cannot be waited for ({errno})")),
        }
    }

    /// The last few KiB of the service's log.
    pub fn log_tail(&self) -> String {
        let read = || -> std::io::Result<String> {
            let mut file = File::open(&self.log_path)?;
            let len = file.metadata()?.len();
            file.seek(SeekFrom::Start(len.saturating_sub(LOG_TAIL_BYTES)))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        read().unwrap_or_else(|e| format!("<cannot read {}: {e}>", self.log_path.display()))
    }

    /// Whether the log contains `needle`.
    pub fn log_contains(&self, needle: &str) -> bool {
        std::fs::read(&self.log_path)
            .map(|bytes| String::from_utf8_lossy(&bytes).contains(needle))
            .unwrap_or(false)
    }

    /// An error about this service, with its log tail attached.
    pub fn error(&self, message: impl std::fmt::Display) -> anyhow::Error {
        anyhow!(
            "{}: {message}\n--- last lines of {} ---\n{}",
            self.name,
            self.log_path.display(),
            self.log_tail()
        )
    }

    /// Poll `probe` every 50 ms until it is ready, the process exits, or `timeout` passes.
    pub fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut() -> Probe<T>,
    ) -> Result<T> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.exit_status() {
                return Err(self.error(format!("exited ({status}) while waiting for {what}")));
            }
            let reason = match probe() {
                Probe::Ready(value) => return Ok(value),
                // Kept as is, so start() can retry on another port.
                Probe::Fatal(error) if error.is::<crate::ports::PortConflict>() => {
                    return Err(error);
                }
                Probe::Fatal(error) => return Err(self.error(format!("{error:#}"))),
                Probe::NotYet(reason) => reason,
            };
            if Instant::now() >= deadline {
                return Err(self.error(format!(
                    "not ready after {timeout:?}: waiting for {what}; last check: {reason}"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServiceProcess {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "kairos-harness: --- log of {} ({}) ---\n{}\n--- end of log ---",
                self.name,
                self.log_path.display(),
                self.log_tail()
            );
        }
        if let Ok(raw) = i32::try_from(self.pid()) {
            let group = Pid::from_raw(raw);
            let _ = killpg(group, Signal::SIGTERM);
            let deadline = Instant::now() + TERM_GRACE;
            while self.exit_status().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            // The leader is not reaped yet, so the group id cannot have been reused: this
            // kills the leader if it ignored SIGTERM and any member it left behind.
            let _ = killpg(group, Signal::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// `program arg1 arg2 ...` for messages.
fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Find `name` on `PATH` (then /usr/sbin, /sbin, /usr/bin); otherwise an error telling how
/// to install it, e.g. `find_binary("Xvfb", "Debian package xvfb")`.
pub fn find_binary(name: &str, package_hint: &str) -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            anyhow!(
                "{name} not found on PATH or in /usr/sbin — run ./dev setup \
                 (or install the {package_hint} by hand)"
            )
        })
}
