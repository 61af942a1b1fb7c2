//! A private D-Bus session bus with an unlocked gnome-keyring Secret Service on it.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result};
use tempfile::TempDir;

use crate::process::{Probe, ServiceProcess, SpawnOptions, find_binary};

const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The bus configuration: a session bus on our socket, *without* service activation, so
/// nothing (in particular a second, locked gnome-keyring) is ever auto-started behind the
/// harness's back. `@LISTEN@` is replaced by the address.
const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>@LISTEN@</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// `dbus-daemon` (session bus on `<tmp>/bus`) plus
/// `gnome-keyring-daemon --foreground --unlock --components=secrets`, whose fresh login
/// keyring lives under `<tmp>/data` and is unlocked with [`DbusSession::KEYRING_PASSWORD`].
/// Both are killed on drop (keyring first).
#[derive(Debug)]
pub struct DbusSession {
    // Field order is drop order: keyring, then bus, then the directory.
    keyring: ServiceProcess,
    bus: ServiceProcess,
    address: String,
    env: Vec<(String, String)>,
    _dir: TempDir,
}

impl DbusSession {
    /// The login keyring's password. (gnome-keyring only creates the login keyring in a fresh
    /// session when unlocked with a non-empty password.)
    pub const KEYRING_PASSWORD: &'static str = "kairos-harness";

    /// Start the bus and the keyring, and wait until `org.freedesktop.secrets` has an owner.
    pub fn start() -> Result<Self> {
        let keyring_daemon = find_binary("gnome-keyring-daemon", "Debian package gnome-keyring")?;
        let dir = crate::service_dir("dbus")?;
        let root = dir.path();

        let (bus, address) = start_bus(root)?;

        let env = session_env(root, &address)?;
        let mut cmd = Command::new(&keyring_daemon);
        cmd.args(["--foreground", "--unlock", "--components=secrets"]);
        for var in [
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "GNOME_KEYRING_CONTROL",
            "SSH_AUTH_SOCK",
        ] {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().map(|(k, v)| (k, v)));
        let options = SpawnOptions {
            stdin: Some(Self::KEYRING_PASSWORD.as_bytes().to_vec()),
            ..SpawnOptions::default()
        };
        let keyring = ServiceProcess::spawn("gnome-keyring-daemon", cmd, root, options)?;
        keyring.wait_until(
            "the bus name org.freedesktop.secrets to have an owner",
            START_TIMEOUT,
            || name_owned(&address, "org.freedesktop.secrets"),
        )?;
        eprintln!(
            "kairos-harness: started D-Bus session {address} (dbus-daemon pid {}) with \
             gnome-keyring Secret Service (pid {}, XDG_DATA_HOME={}/data, logs in {})",
            bus.pid(),
            keyring.pid(),
            root.display(),
            root.display()
        );
        Ok(DbusSession {
            keyring,
            bus,
            address,
            env,
            _dir: dir,
        })
    }

    /// The bus address, `unix:path=<tmp>/bus`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Environment for a child process that should use this session and keyring:
    /// `DBUS_SESSION_BUS_ADDRESS`, `XDG_DATA_HOME`, `XDG_RUNTIME_DIR`, `XDG_CONFIG_HOME`,
    /// `XDG_CACHE_HOME` and `HOME`, all inside this session's temp dir.
    pub fn env(&self) -> Vec<(String, String)> {
        self.env.clone()
    }

    /// Apply [`DbusSession::env`] to `cmd`.
    pub fn apply_env(&self, cmd: &mut Command) {
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
    }

    /// Process ids of dbus-daemon and gnome-keyring-daemon.
    pub fn pids(&self) -> [u32; 2] {
        [self.bus.pid(), self.keyring.pid()]
    }
}

/// A `dbus-daemon` session bus (no service activation) on `<root>/bus`, once
/// it answers; returns the process and the bus address.
pub(crate) fn start_bus(root: &Path) -> Result<(ServiceProcess, String)> {
    let dbus_daemon = find_binary("dbus-daemon", "Debian package dbus-daemon")?;
    let dbus_send = find_binary("dbus-send", "Debian package dbus-bin")?;
    let address = format!("unix:path={}", root.join("bus").display());
    let config = root.join("session.conf");
    std::fs::write(
        &config,
        BUS_CONFIG.replace("@LISTEN@", &xml_escape(&address)),
    )
    .with_context(|| format!("cannot write {}", config.display()))?;
    let mut cmd = Command::new(&dbus_daemon);
    cmd.arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--nopidfile", "--nosyslog"]);
    let bus = ServiceProcess::spawn("dbus-daemon", cmd, root, SpawnOptions::default())?;
    bus.wait_until("the bus to answer GetId", START_TIMEOUT, || match bus_call(
        &dbus_send, &address, "GetId", None,
    ) {
        Ok(_) => Probe::Ready(()),
        Err(error) => Probe::NotYet(format!("{error:#}")),
    })?;
    Ok((bus, address))
}

/// A readiness probe: does `name` have an owner on the bus at `address`?
pub(crate) fn name_owned(address: &str, name: &str) -> Probe<()> {
    let dbus_send = match find_binary("dbus-send", "Debian package dbus-bin") {
        Ok(path) => path,
        Err(error) => return Probe::Fatal(error),
    };
    let arg = format!("string:{name}");
    match bus_call(&dbus_send, address, "NameHasOwner", Some(&arg)) {
        Ok(reply) if reply.contains("boolean true") => Probe::Ready(()),
        Ok(_) => Probe::NotYet(format!("{name} has no owner yet")),
        Err(error) => Probe::NotYet(format!("{error:#}")),
    }
}

/// Create the per-session XDG/HOME dirs and return the environment pointing at them.
fn session_env(root: &Path, address: &str) -> Result<Vec<(String, String)>> {
    let mut env = vec![("DBUS_SESSION_BUS_ADDRESS".to_owned(), address.to_owned())];
    for (var, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_RUNTIME_DIR", "run"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("HOME", "home"),
    ] {
        let path: PathBuf = root.join(sub);
        std::fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))?;
        env.push((var.to_owned(), path.display().to_string()));
    }
    Ok(env)
}

/// Call `org.freedesktop.DBus.<method>` on the bus at `address` with dbus-send.
fn bus_call(dbus_send: &Path, address: &str, method: &str, arg: Option<&str>) -> Result<String> {
    let mut cmd = Command::new(dbus_send);
    cmd.arg(format!("--bus={address}"))
        .args([
            "--print-reply",
            "--reply-timeout=2000",
            "--dest=org.freedesktop.DBus",
        ])
        .arg("/org/freedesktop/DBus")
        .arg(format!("org.freedesktop.DBus.{method}"))
        .args(arg);
    let output = cmd.output().context("cannot run dbus-send")?;
    if !output.status.success() {
        anyhow::bail!(
            "dbus-send {method} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
