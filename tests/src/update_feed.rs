//! An update feed for the updater's tests: a static HTTP server on 127.0.0.1
//! serving `latest.json` and the update file, counting every request, and a
//! throwaway signing key made at test time by Tauri's own CLI (the tool the
//! release uses), so no test depends on the project's private key.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use kairos_harness::update_feed::{FeedServer, SigningKey, feed_json};
//! let server = FeedServer::start()?;
//! let key = SigningKey::generate()?;
//! let file = b"the new version".to_vec();
//! let signature = key.sign(&file, "9.9.9")?;
//! server.put("/kairos-9.9.9.bin", file);
//! server.put("/latest.json", feed_json("9.9.9", "Faster codes.", &server.url("/kairos-9.9.9.bin"), &signature).into_bytes());
//! // point the app at server.url("/latest.json") with key.public_key() ...
//! assert!(server.requests().is_empty());
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tempfile::TempDir;

const ACCEPT_POLL: Duration = Duration::from_millis(20);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// The running server; stops when dropped.
#[derive(Debug)]
pub struct FeedServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    files: Mutex<HashMap<String, Vec<u8>>>,
    requests: Mutex<Vec<String>>,
}

impl FeedServer {
    /// Listens on a free 127.0.0.1 port; answers 404 to any path not `put`.
    pub fn start() -> Result<Self> {
        let listener =
            TcpListener::bind("127.0.0.1:0").context("cannot listen on 127.0.0.1 for the feed")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || accept_loop(&listener, &shared, &stop))
        };
        eprintln!("[harness] update feed server on http://{addr}");
        Ok(Self {
            addr,
            shared,
            stop,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Serves `body` at `path` from now on (replacing what was there).
    pub fn put(&self, path: &str, body: Vec<u8>) {
        lock(&self.shared.files).insert(path.to_owned(), body);
    }

    /// The path of every request received so far, in order.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.shared.requests).clone()
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let shared = Arc::clone(shared);
                std::thread::spawn(move || {
                    if let Err(err) = serve(stream, &shared) {
                        eprintln!("[harness] update feed: {err:#}");
                    }
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(ACCEPT_POLL),
            Err(e) => {
                eprintln!("[harness] update feed: accept failed: {e}");
                std::thread::sleep(ACCEPT_POLL);
            }
        }
    }
}

/// One request per connection (`Connection: close`): enough for the updater.
fn serve(stream: TcpStream, shared: &Shared) -> Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    // The query (the updater may add none, but a feed URL can carry one) is not part of the file name.
    let path = path.split('?').next().unwrap_or("").to_owned();
    lock(&shared.requests).push(path.clone());
    let body = if method == "GET" {
        lock(&shared.files).get(&path).cloned()
    } else {
        None
    };
    let mut out = stream;
    match body {
        Some(body) => {
            let content_type = if path.ends_with(".json") {
                "application/json"
            } else {
                "application/octet-stream"
            };
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            out.write_all(&body)?;
        }
        None => out.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )?,
    }
    out.flush()?;
    Ok(())
}

/// The updater's platform key for this machine (`linux-x86_64`, ...).
pub fn updater_platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

/// A static `latest.json` offering `version` for this machine's platform.
pub fn feed_json(version: &str, notes: &str, url: &str, signature: &str) -> String {
    serde_json::json!({
        "version": version,
        "notes": notes,
        "pub_date": "2026-12-01T12:00:00Z",
        "platforms": {
            updater_platform(): { "url": url, "signature": signature },
        },
    })
    .to_string()
}

/// A minisign key pair made by `tauri signer generate`, without a password,
/// in a temporary folder removed with it.
#[derive(Debug)]
pub struct SigningKey {
    dir: TempDir,
    private_key: PathBuf,
    public_key: String,
}

impl SigningKey {
    pub fn generate() -> Result<Self> {
        let dir = crate::service_dir("update-key")?;
        let private_key = dir.path().join("throwaway.key");
        run_tauri_cli(&[
            "signer",
            "generate",
            "--ci",
            "--password",
            "",
            "--write-keys",
            &private_key.display().to_string(),
        ])?;
        let public_key = std::fs::read_to_string(private_key.with_extension("key.pub"))
            .context("tauri signer generate wrote no public key")?;
        Ok(Self {
            dir,
            private_key,
            public_key: public_key.trim().to_owned(),
        })
    }

    /// What `tauri.conf.json`'s `plugins.updater.pubkey` would hold.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The signature of `bytes` (the `.sig` file's content, as a feed
    /// carries it), bound to `version` like `tauri build` binds its own.
    pub fn sign(&self, bytes: &[u8], version: &str) -> Result<String> {
        let file = tempfile::Builder::new()
            .prefix("update-")
            .tempfile_in(self.dir.path())?;
        std::fs::write(file.path(), bytes)?;
        run_tauri_cli(&[
            "signer",
            "sign",
            "--private-key-path",
            &self.private_key.display().to_string(),
            "--password",
            "",
            "--app-version",
            version,
            &file.path().display().to_string(),
        ])?;
        let sig_path = PathBuf::from(format!("{}.sig", file.path().display()));
        let signature =
            std::fs::read_to_string(&sig_path).context("tauri signer sign wrote no .sig file")?;
        std::fs::remove_file(&sig_path)?;
        Ok(signature.trim().to_owned())
    }
}

/// The project's Tauri CLI (`ui/node_modules/.bin/tauri`).
fn run_tauri_cli(args: &[&str]) -> Result<()> {
    let cli = crate::repo_root().join("ui/node_modules/.bin/tauri");
    if !cli.is_file() {
        bail!(
            "Tauri's CLI {} is missing — run ./dev setup (npm ci in ui/)",
            cli.display()
        );
    }
    let out = Command::new(&cli)
        .args(args)
        // Never sign with a real key by accident.
        .env_remove("TAURI_SIGNING_PRIVATE_KEY")
        .env_remove("TAURI_SIGNING_PRIVATE_KEY_PATH")
        .env_remove("TAURI_SIGNING_PRIVATE_KEY_PASSWORD")
        .output()
        .with_context(|| format!("cannot run {}", cli.display()))?;
    if !out.status.success() {
        bail!(
            "tauri {} failed: {}",
            args.first().copied().unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}
