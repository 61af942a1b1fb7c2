//! The local demo's Cognito: moto's server from the project's Python
//! environment, on 127.0.0.1 at a free port, started on request and stopped
//! when the demo is closed or the app exits.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kairos_core::{Locale, UserFacing};

/// Overrides where moto's server is (a file path).
pub const MOTO_ENV: &str = "KAIROS_MOTO_SERVER";
/// Python's imports take a while on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(90);
const PROBE_INTERVAL: Duration = Duration::from_millis(250);

#[derive(Debug, thiserror::Error)]
pub enum DemoServerError {
    #[error("moto_server not found at {}", path.display())]
    Missing { path: PathBuf },
    #[error("moto_server did not start: {detail}")]
    Start { detail: String },
}

impl UserFacing for DemoServerError {
    fn code(&self) -> &'static str {
        match self {
            DemoServerError::Missing { .. } => "demo.emulator_missing",
            DemoServerError::Start { .. } => "demo.emulator_failed",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            DemoServerError::Missing { path } => locale.pick(
                format!(
                    "The local Cognito emulator is not installed ({}).",
                    path.display()
                ),
                format!(
                    "L’émulateur Cognito local n’est pas installé ({}).",
                    path.display()
                ),
            ),
            DemoServerError::Start { detail } => locale.pick(
                format!("The local Cognito emulator did not start: {detail}."),
                format!("L’émulateur Cognito local n’a pas démarré : {detail}."),
            ),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        Some(
            locale
                .pick(
                    "Run ./dev setup in the Kairos folder (it installs moto's server in .venv), or set KAIROS_MOTO_SERVER to its path.",
                    "Lancez ./dev setup dans le dossier de Kairos (il installe le serveur de moto dans .venv), ou indiquez son chemin dans KAIROS_MOTO_SERVER.",
                )
                .to_owned(),
        )
    }
}

/// Where moto's server is expected: `KAIROS_MOTO_SERVER`, else the `.venv`
/// of the source tree this app was built from.
pub fn moto_binary() -> PathBuf {
    match std::env::var_os(MOTO_ENV).filter(|v| !v.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."))
            .join(".venv/bin/moto_server"),
    }
}

/// A running moto server; killed by [`DemoServer::stop`] or when dropped.
#[derive(Debug)]
pub struct DemoServer {
    child: Child,
    endpoint: String,
    /// Its log and the demo's audit log; removed with the server.
    dir: tempfile::TempDir,
}

impl DemoServer {
    /// Starts moto on a free loopback port and waits until it answers HTTP.
    pub async fn start() -> Result<Self, DemoServerError> {
        let binary = moto_binary();
        if !binary.is_file() {
            return Err(DemoServerError::Missing { path: binary });
        }
        let start_error = |e: std::io::Error| DemoServerError::Start {
            detail: e.to_string(),
        };
        let dir = tempfile::Builder::new()
            .prefix("kairos-demo-")
            .tempdir()
            .map_err(start_error)?;
        let port = free_port().map_err(start_error)?;
        let log = std::fs::File::create(dir.path().join("moto.log")).map_err(start_error)?;
        let mut command = Command::new(&binary);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(start_error)?)
            .stderr(log);
        // moto needs no AWS settings; the person's must not leak into it.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("AWS_") {
                command.env_remove(name);
            }
        }
        let child = command.spawn().map_err(start_error)?;
        let mut server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            dir,
        };
        tracing::info!(pid = server.child.id(), port, "demo: moto_server started");
        server.wait_ready(port).await?;
        Ok(server)
    }

    async fn wait_ready(&mut self, port: u16) -> Result<(), DemoServerError> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(DemoServerError::Start {
                    detail: format!("{status}; {}", self.log_tail()),
                });
            }
            // moto answers its own API at /moto-api/ once its server is up.
            if probe(port).await {
                return Ok(());
            }
            if Instant::now() > deadline {
                self.stop();
                return Err(DemoServerError::Start {
                    detail: format!("no answer within {} s", START_TIMEOUT.as_secs()),
                });
            }
            tokio::time::sleep(PROBE_INTERVAL).await;
        }
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.dir.path().join("moto.log")).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(3).collect();
        tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A folder that lives as long as the server (the demo's audit log).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Kills moto (by its own process id) and reaps it.
    pub fn stop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
            tracing::info!(pid = self.child.id(), "demo: moto_server stopped");
        }
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// One HTTP request to moto's reset-free status page; any HTTP answer means up.
async fn probe(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let attempt = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        stream
            .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .await?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).await?;
        Ok::<bool, std::io::Error>(head.starts_with(b"HTTP/"))
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(5), attempt).await,
        Ok(Ok(true))
    )
}
