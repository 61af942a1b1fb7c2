//! A built Kairos `.deb` installed on this machine as a user would install it
//! (`apt-get install ./Kairos.deb`), and purged again when the value is dropped.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result, bail, ensure};
use nix::fcntl::{Flock, FlockArg};

/// The variable naming the `.deb` under test; `./dev test` sets it.
pub const DEB_ENV: &str = "KAIROS_DEB";
/// Where the package puts the app.
pub const INSTALLED_APP: &str = "/usr/bin/kairos-app";
/// Where the package puts the CLI.
pub const INSTALLED_CLI: &str = "/usr/bin/kairos";
/// Held while a package is installed, so two test runs on one machine take turns
/// instead of purging each other's installation.
const LOCK_FILE: &str = "/tmp/kairos-package-install.lock";

/// The `.deb` named by `KAIROS_DEB`, as an absolute path (apt takes a local file
/// only when its name contains a `/`).
pub fn deb_from_env() -> Result<PathBuf> {
    let Some(path) = std::env::var_os(DEB_ENV) else {
        bail!(
            "{DEB_ENV} is not set: run this test through ./dev test, which builds the debug .deb \
             first and sets it (or build one with ./dev package --debug and set {DEB_ENV} to the \
             .deb it prints)"
        );
    };
    let path = PathBuf::from(path);
    ensure!(
        path.is_file(),
        "{DEB_ENV}={} is not a file: build it with ./dev package --debug",
        path.display()
    );
    std::fs::canonicalize(&path).with_context(|| format!("cannot resolve {}", path.display()))
}

/// `program` run as root: directly when we are root, else through `sudo -n`.
pub fn as_root(program: &str) -> Result<Command> {
    let uid = run(Command::new("id").arg("-u"))?;
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        return Ok(Command::new(program));
    }
    let mut sudo = Command::new("sudo");
    sudo.args(["-n", program]);
    Ok(sudo)
}

/// Runs `cmd` and returns its output, or an error with its stderr when it fails.
pub fn run(cmd: &mut Command) -> Result<Output> {
    let output = cmd
        .output()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    ensure!(
        output.status.success(),
        "{cmd:?} failed ({}): {}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output)
}

/// A field of the `.deb`'s control file (`Package`, `Version`...).
pub fn deb_field(deb: &Path, field: &str) -> Result<String> {
    let output = run(Command::new("dpkg-deb").arg("-f").arg(deb).arg(field))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// An installed package; purged on drop, whatever happened in between.
#[derive(Debug)]
pub struct InstalledPackage {
    name: String,
    purged: bool,
    _lock: Flock<File>,
}

impl InstalledPackage {
    /// `apt-get install -y <deb>`: apt resolves the declared dependencies, as for a user.
    pub fn install(deb: &Path) -> Result<Self> {
        let name = deb_field(deb, "Package")?;
        let lock_file = File::create(LOCK_FILE)
            .with_context(|| format!("cannot open the lock file {LOCK_FILE}"))?;
        let lock = Flock::lock(lock_file, FlockArg::LockExclusive)
            .map_err(|(_, errno)| anyhow::anyhow!("cannot lock {LOCK_FILE}: {errno}"))?;
        // The guard exists before apt runs: a half-done installation is purged too.
        let package = Self {
            name,
            purged: false,
            _lock: lock,
        };
        eprintln!(
            "kairos-harness: installing {} from {}",
            package.name,
            deb.display()
        );
        run(apt(&["install", "-y", "-q"])?.arg(deb))
            .with_context(|| format!("cannot install {}", deb.display()))?;
        Ok(package)
    }

    /// The package's name (`kairos`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The files the package installed (`dpkg -L`).
    pub fn files(&self) -> Result<Vec<String>> {
        let output = run(Command::new("dpkg").args(["-L", &self.name]))?;
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect())
    }

    /// The installed version, as dpkg records it.
    pub fn version(&self) -> Result<String> {
        let output = run(Command::new("dpkg-query").args(["-W", "-f=${Version}", &self.name]))?;
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    /// `apt-get purge -y <name>`, reporting a failure (drop only prints it).
    pub fn purge(mut self) -> Result<()> {
        self.purged = true;
        run(apt(&["purge", "-y", "-q"])?.arg(&self.name))
            .with_context(|| format!("cannot purge {}", self.name))?;
        Ok(())
    }
}

impl Drop for InstalledPackage {
    fn drop(&mut self) {
        if self.purged {
            return;
        }
        self.purged = true;
        let result = apt(&["purge", "-y", "-q"]).and_then(|mut cmd| run(cmd.arg(&self.name)));
        match result {
            Ok(_) => eprintln!("kairos-harness: purged {}", self.name),
            Err(error) => eprintln!("kairos-harness: could not purge {}: {error:#}", self.name),
        }
    }
}

/// apt-get as root, non-interactive, waiting for another apt's lock instead of failing.
fn apt(args: &[&str]) -> Result<Command> {
    // Through env(1): sudo would drop a variable set on the command.
    let mut cmd = as_root("env")?;
    cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"])
        .args(["-o", "DPkg::Lock::Timeout=300"])
        .args(args);
    Ok(cmd)
}
