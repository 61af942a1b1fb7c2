//! The built Kairos app in a real window, driven over WebDriver:
//! tauri-driver → WebKitWebDriver → the app binary, on an X display of ours.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use tempfile::TempDir;

use crate::ports::free_tcp_port;
use crate::process::{Probe, ServiceProcess, SpawnOptions, find_binary};

const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const WAIT: Duration = Duration::from_secs(20);

/// The app binary under test: `KAIROS_APP_BIN`, else `kairos-app` next to this
/// test's target directory. It must be built with the `custom-protocol` feature
/// (`./dev test` does), or the window would look for a dev server.
pub fn app_binary() -> Result<PathBuf> {
    let path = match std::env::var_os("KAIROS_APP_BIN") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()?
            .ancestors()
            .nth(2)
            .context("test binary has no target directory")?
            .join("kairos-app"),
    };
    if !path.is_file() {
        bail!(
            "the app binary {} does not exist — build it with ./dev test, or \
             `cargo build -p kairos-app --features custom-protocol` after `npm run build` in ui/",
            path.display()
        );
    }
    Ok(path)
}

/// The `kairos` CLI built beside the app binary, to compare what both see.
pub fn cli_binary() -> Result<PathBuf> {
    let app = app_binary()?;
    let cli = app.with_file_name("kairos");
    if !cli.is_file() {
        bail!(
            "the CLI {} does not exist — build the workspace with ./dev test",
            cli.display()
        );
    }
    Ok(cli)
}

/// Where the suite saves its screenshots (the README shows them).
pub fn screenshot_dir() -> PathBuf {
    crate::repo_root().join("docs").join("screenshots")
}

/// One app session: the window is open until [`DesktopApp::close`].
#[derive(Debug)]
pub struct DesktopApp {
    client: Client,
    _driver: ServiceProcess,
    _dir: TempDir,
}

impl DesktopApp {
    /// Starts tauri-driver on a free port and opens the app on `display`, with
    /// `env` added to the app's environment (data folder, AWS endpoint, D-Bus...).
    pub async fn launch(display: &str, env: &[(String, String)]) -> Result<Self> {
        Self::launch_binary(&app_binary()?, display, env).await
    }

    /// Same with the app binary `app`, e.g. the one an installed package put in /usr/bin.
    pub async fn launch_binary(
        app: &Path,
        display: &str,
        env: &[(String, String)],
    ) -> Result<Self> {
        let tauri_driver = find_tauri_driver()?;
        if !Path::new(WEBKIT_DRIVER).is_file() {
            bail!("{WEBKIT_DRIVER} not found — run ./dev setup (Debian package webkit2gtk-driver)");
        }
        let dir = tempfile::Builder::new()
            .prefix("kairos-desktop-")
            .tempdir()?;
        let port = free_tcp_port()?;
        let native_port = free_tcp_port()?;
        let mut cmd = Command::new(tauri_driver);
        cmd.args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", WEBKIT_DRIVER])
            .env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            // No accessibility bus in the test session: keep GTK from looking for one.
            .env("NO_AT_BRIDGE", "1")
            .envs(env.iter().map(|(k, v)| (k, v)));
        let driver =
            ServiceProcess::spawn("tauri-driver", cmd, dir.path(), SpawnOptions::default())?;
        driver.wait_until(
            "tauri-driver to listen",
            WAIT,
            || match TcpStream::connect(("127.0.0.1", port)) {
                Ok(_) => Probe::Ready(()),
                Err(e) => Probe::NotYet(e.to_string()),
            },
        )?;

        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app.display().to_string() }),
        );
        caps.insert("browserName".into(), "wry".into());
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| {
                driver.error(format!("cannot open a WebDriver session on the app: {e}"))
            })?;
        Ok(Self {
            client,
            _driver: driver,
            _dir: dir,
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Waits for the element with `data-testid` = `id` and returns it.
    pub async fn by_test_id(&self, id: &str) -> Result<Element> {
        let css = format!("[data-testid=\"{id}\"]");
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await
            .with_context(|| format!("no element [data-testid={id}] appeared within {WAIT:?}"))
    }

    /// The text of the element with `data-testid` = `id`, once it is not empty.
    pub async fn text_of(&self, id: &str) -> Result<String> {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            // A re-render (codes refresh every tick) can replace the element between
            // finding and reading it: find it again rather than fail on the stale node.
            let text = match self.by_test_id(id).await?.text().await {
                Ok(text) => text,
                Err(_) if std::time::Instant::now() <= deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                Err(error) => return Err(error.into()),
            };
            if !text.trim().is_empty() || std::time::Instant::now() > deadline {
                return Ok(text);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls the element with `data-testid` = `id` into the middle of the window.
    pub async fn scroll_to(&self, id: &str) -> Result<()> {
        let element = self.by_test_id(id).await?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(element)?],
            )
            .await?;
        Ok(())
    }

    /// Saves a PNG of the window's content as `<screenshot_dir>/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // WebKit snapshots its last painted frame: let two frames go by first,
        // or the picture can show the page before the last click.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the WebDriver session, which closes the app.
    pub async fn close(&self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
    }
}

fn find_tauri_driver() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("HOME") {
        let candidate = PathBuf::from(home).join(".cargo/bin/tauri-driver");
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    find_binary(
        "tauri-driver",
        "crate tauri-driver (cargo install tauri-driver --locked)",
    )
}

/// Everything one window test needs: an X display, a private D-Bus session with
/// gnome-keyring, moto, and the app with its own data, XDG folders and HOME,
/// speaking English, with AWS pointed at moto.
#[derive(Debug)]
pub struct AppSession {
    pub app: DesktopApp,
    pub moto: crate::Moto,
    pub data_dir: TempDir,
    env: Vec<(String, String)>,
    home: TempDir,
    _dbus: crate::DbusSession,
    xvfb: crate::Xvfb,
}

impl AppSession {
    /// Network time off the network: NTP at a closed 127.0.0.1 port and no
    /// `Date` fallback, so no test reaches a public server.
    pub async fn start() -> Result<Self> {
        Self::start_with(&[]).await
    }

    /// Same, with `extra` environment applied last (e.g. `KAIROS_TIME_SERVERS`
    /// pointing at a harness chrony).
    pub async fn start_with(extra: &[(&str, &str)]) -> Result<Self> {
        Self::start_without(&[], extra).await
    }

    /// Same, with the harness's variables named in `removed` left out of the
    /// app's environment (e.g. `AWS_ENDPOINT_URL`, to point at moto otherwise).
    pub async fn start_without(removed: &[&str], extra: &[(&str, &str)]) -> Result<Self> {
        let xvfb = crate::Xvfb::start()?;
        let dbus = crate::DbusSession::start()?;
        let moto = crate::Moto::start()?;
        let home = tempfile::Builder::new().prefix("kairos-home-").tempdir()?;
        let data_dir = tempfile::Builder::new().prefix("kairos-data-").tempdir()?;
        let mut env = dbus.env();
        env.extend(moto.aws_env());
        // Later entries win: the app's own folders, not the keyring's.
        for (var, sub) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            env.push((var.into(), home.path().join(sub).display().to_string()));
        }
        env.push(("HOME".into(), home.path().display().to_string()));
        env.push((
            "KAIROS_DATA_DIR".into(),
            data_dir.path().display().to_string(),
        ));
        env.push(("LANG".into(), "en_US.UTF-8".into()));
        env.push(("LC_ALL".into(), "en_US.UTF-8".into()));
        env.push(("DISPLAY".into(), xvfb.display()));
        env.push(("KAIROS_TIME_SERVERS".into(), "127.0.0.1:9".into()));
        env.push(("KAIROS_TIME_HTTP_URL".into(), "off".into()));
        env.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        env.retain(|(name, _)| !removed.contains(&name.as_str()));
        let app = DesktopApp::launch(&xvfb.display(), &env).await?;
        Ok(Self {
            app,
            moto,
            data_dir,
            env,
            home,
            _dbus: dbus,
            xvfb,
        })
    }

    /// The app's X display, for other clients to show windows beside it.
    pub fn display(&self) -> String {
        self.xvfb.display()
    }

    /// The app's environment, to run the CLI against the same vault and keyring.
    pub fn env(&self) -> &[(String, String)] {
        &self.env
    }

    /// The app's HOME (its XDG folders are `config`, `data` and `cache` inside).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The app's log file (under its XDG data folder).
    pub fn log_file(&self) -> PathBuf {
        self.home
            .path()
            .join("data/app.kairos.desktop/logs/kairos.log")
    }

    /// Clicks `nav-<page>`, waits for `page-<page>` and returns its title.
    pub async fn open_page(&self, page: &str) -> Result<String> {
        self.app
            .by_test_id(&format!("nav-{page}"))
            .await?
            .click()
            .await?;
        self.app.by_test_id(&format!("page-{page}")).await?;
        self.app.text_of("page-title").await
    }
}
