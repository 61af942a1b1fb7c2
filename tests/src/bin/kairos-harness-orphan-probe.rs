//! Helper for the harness's own tests: starts `sleep 600` as a [`ServiceProcess`], prints its
//! pid and waits to be killed, so a test can SIGKILL this process and check that the service
//! died with it (`PR_SET_PDEATHSIG`).

use std::io::Write;
use std::process::Command;
use std::time::Duration;

use kairos_harness::process::{ServiceProcess, SpawnOptions};

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut cmd = Command::new("sleep");
    cmd.arg("600");
    let service = ServiceProcess::spawn("sleep", cmd, dir.path(), SpawnOptions::default())?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", service.pid())?;
    stdout.flush()?;
    std::thread::sleep(Duration::from_secs(600));
    Ok(())
}
