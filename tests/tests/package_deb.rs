//! The `.deb` that `./dev test` builds (`KAIROS_DEB`), installed on this machine
//! with apt as a user would: it puts the app, the CLI, the menu entry and the
//! icons in place; the installed app opens its window under Xvfb and shows
//! Cargo's version; the installed CLI prints it too. Purged afterwards, even
//! when a check fails.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, ensure};
use kairos_harness::desktop::DesktopApp;
use kairos_harness::package::{
    INSTALLED_APP, INSTALLED_CLI, InstalledPackage, deb_field, deb_from_env, run,
};
use kairos_harness::{DbusSession, Xvfb};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ConnectionExt, MapState};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Names (`_NET_WM_NAME`, else `WM_NAME`) of the top-level windows mapped on `display`.
fn mapped_window_names(display: &str) -> Result<Vec<String>> {
    let (conn, screen) = x11rb::connect(Some(display))
        .with_context(|| format!("cannot connect to X display {display}"))?;
    let root = conn.setup().roots[screen].root;
    let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
    let net_wm_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
    let mut names = Vec::new();
    for window in conn.query_tree(root)?.reply()?.children {
        if conn.get_window_attributes(window)?.reply()?.map_state != MapState::VIEWABLE {
            continue;
        }
        let mut name = conn
            .get_property(false, window, net_wm_name, utf8, 0, 256)?
            .reply()?
            .value;
        if name.is_empty() {
            name = conn
                .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 256)?
                .reply()?
                .value;
        }
        names.push(String::from_utf8_lossy(&name).into_owned());
    }
    Ok(names)
}

/// The installed files a user relies on: both binaries, the menu entry
/// (starting the installed app), the icons.
fn check_installed_files(package: &InstalledPackage) -> Result<()> {
    let files = package.files()?;
    for binary in [INSTALLED_APP, INSTALLED_CLI] {
        ensure!(
            files.iter().any(|f| f == binary) && Path::new(binary).is_file(),
            "{binary} is not installed by {}: {files:?}",
            package.name()
        );
    }
    let desktop = files
        .iter()
        .find(|f| f.starts_with("/usr/share/applications/") && f.ends_with(".desktop"))
        .with_context(|| format!("no menu entry in {files:?}"))?;
    let entry = std::fs::read_to_string(desktop)?;
    ensure!(
        entry.lines().any(|l| l == "Exec=kairos-app"),
        "{desktop} does not start kairos-app:\n{entry}"
    );
    let icons = files
        .iter()
        .filter(|f| f.starts_with("/usr/share/icons/hicolor/") && f.ends_with("/kairos-app.png"))
        .count();
    ensure!(icons >= 3, "{icons} icon sizes installed: {files:?}");
    Ok(())
}

/// The installed app under Xvfb: its window is mapped, titled Kairos, and its
/// About box shows Cargo's version.
async fn check_installed_app() -> Result<()> {
    let xvfb = Xvfb::start()?;
    let dbus = DbusSession::start()?;
    let home = tempfile::Builder::new().prefix("kairos-home-").tempdir()?;
    let mut env = dbus.env();
    for (var, sub) in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        env.push((var.into(), home.path().join(sub).display().to_string()));
    }
    env.push(("HOME".into(), home.path().display().to_string()));
    env.push(("LANG".into(), "en_US.UTF-8".into()));
    env.push(("LC_ALL".into(), "en_US.UTF-8".into()));
    // No network time from the test machine.
    env.push(("KAIROS_TIME_SERVERS".into(), "127.0.0.1:9".into()));
    env.push(("KAIROS_TIME_HTTP_URL".into(), "off".into()));

    let app = DesktopApp::launch_binary(Path::new(INSTALLED_APP), &xvfb.display(), &env).await?;
    app.by_test_id("page-codes").await?;
    let names = mapped_window_names(&xvfb.display())?;
    ensure!(
        names.iter().any(|n| n == "Kairos"),
        "no mapped window titled Kairos on {}: {names:?}",
        xvfb.display()
    );
    app.by_test_id("nav-settings").await?.click().await?;
    app.by_test_id("page-settings").await?;
    let shown = app.text_of("app-version").await?;
    ensure!(
        shown.trim() == VERSION,
        "the installed app shows version {shown:?}, Cargo's is {VERSION}"
    );
    app.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_deb_installs_runs_and_purges() -> Result<()> {
    let deb = deb_from_env()?;
    ensure!(
        deb_field(&deb, "Version")? == VERSION,
        "{} is version {:?}, Cargo's is {VERSION}: a stale package?",
        deb.display(),
        deb_field(&deb, "Version")?
    );
    let package = InstalledPackage::install(&deb)?;
    ensure!(
        package.version()? == VERSION,
        "dpkg records {}",
        package.version()?
    );
    check_installed_files(&package)?;

    let cli = run(Command::new(INSTALLED_CLI).arg("--version"))?;
    let printed = String::from_utf8_lossy(&cli.stdout);
    ensure!(
        printed.trim() == format!("kairos {VERSION}"),
        "{INSTALLED_CLI} --version printed {printed:?}"
    );

    check_installed_app().await?;

    let name = package.name().to_owned();
    package.purge()?;
    ensure!(
        !Path::new(INSTALLED_APP).exists() && !Path::new(INSTALLED_CLI).exists(),
        "{INSTALLED_APP} or {INSTALLED_CLI} is still there after purging {name}"
    );
    Ok(())
}
