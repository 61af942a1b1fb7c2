//! A fault-injecting HTTP proxy in front of moto's server, for the AWS behaviours moto does
//! not have (SMS role errors, expired sessions, throttling, access denied, ...).
//!
//! Every request is forwarded to the upstream server unchanged, except those matching a
//! [`Fault`]: an `X-Amz-Target` operation, optionally a body substring. Those get AWS's JSON
//! error instead (`{"__type": ..., "message": ...}`, header `x-amzn-errortype`, the status AWS
//! documents), so an SDK client still makes a real HTTP round trip and goes through its real
//! error path. [`Fault::cognito_reply`] answers a canned success the same way, for flows moto
//! does not implement at all (USER_AUTH's choices, a well-formed SRP challenge), and
//! [`FaultProxy::request_bodies`] shows what the client sent.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use kairos_harness::{Fault, FaultProxy, Moto};
//! let moto = Moto::start()?;
//! let proxy = FaultProxy::start(&moto.url())?;
//! proxy.add(
//!     Fault::cognito("SetUserPoolMfaConfig", "InvalidSmsRoleTrustRelationshipException", "Role does not have a trust relationship allowing Cognito to assume the role")
//!         .times(2),
//! );
//! // point the SDK at proxy.url() ...
//! assert_eq!(proxy.injected("SetUserPoolMfaConfig"), 0);
//! # Ok(()) }
//! ```
//!
//! Connections are kept alive and served each on its own thread, so hundreds of concurrent
//! requests go through; each forwarded request opens a fresh connection to the upstream.

mod fault;
mod http1;

use std::collections::HashMap;
use std::io::{BufReader, BufWriter};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};

use fault::ActiveFault;
pub use fault::{COGNITO_TARGET_PREFIX, Fault, Mode, operation_of, status_for};
use http1::Message;

/// A client idle this long between requests is disconnected.
const IDLE_TIMEOUT: Duration = Duration::from_secs(120);
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(60);

/// The running proxy; stops (and drops its client connections) when dropped.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Shared {
    upstream: Vec<SocketAddr>,
    faults: Mutex<Vec<ActiveFault>>,
    counts: Mutex<HashMap<String, Counts>>,
    /// Request bodies by operation, for tests that check what the client sent.
    bodies: Mutex<HashMap<String, Vec<Vec<u8>>>>,
    /// Open client connections by number, to shut them down when the proxy stops.
    clients: Mutex<HashMap<u64, TcpStream>>,
    stopping: AtomicBool,
}

/// Requests seen for one operation.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Every request for the operation.
    pub seen: u64,
    /// Those answered with an injected error.
    pub injected: u64,
}

impl FaultProxy {
    /// Listen on 127.0.0.1 (a free port) and forward to `upstream_url` (`http://host:port`).
    pub fn start(upstream_url: &str) -> Result<Self> {
        let authority = upstream_url
            .strip_prefix("http://")
            .ok_or_else(|| {
                anyhow!("the proxy forwards to http:// URLs only, not {upstream_url:?}")
            })?
            .trim_end_matches('/');
        let upstream: Vec<SocketAddr> = authority
            .to_socket_addrs()
            .with_context(|| format!("cannot resolve {authority:?}"))?
            .collect();
        let listener =
            TcpListener::bind("127.0.0.1:0").context("cannot bind the fault proxy on 127.0.0.1")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream,
            ..Shared::default()
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = std::thread::Builder::new()
            .name("fault-proxy-accept".into())
            .spawn(move || accept_loop(&listener, &accept_shared))
            .context("cannot start the fault proxy thread")?;
        eprintln!("kairos-harness: fault proxy at http://{addr} in front of {upstream_url}");
        Ok(Self {
            addr,
            shared,
            accept_thread: Some(accept_thread),
        })
    }

    /// `http://127.0.0.1:PORT`: give it to the SDK as its endpoint.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Adds a rule. Rules are tried in the order added; each counts the requests it matches,
    /// and the first one that fires answers.
    pub fn add(&self, fault: Fault) -> &Self {
        lock(&self.shared.faults).push(ActiveFault::new(fault));
        self
    }

    /// Removes every rule (counters stay).
    pub fn clear(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Requests seen and errors injected for `operation` (`"ListUsers"`).
    pub fn counts(&self, operation: &str) -> Counts {
        lock(&self.shared.counts)
            .get(operation)
            .copied()
            .unwrap_or_default()
    }

    /// Requests seen for `operation`, injected or forwarded.
    pub fn calls(&self, operation: &str) -> u64 {
        self.counts(operation).seen
    }

    /// Errors injected for `operation`.
    pub fn injected(&self, operation: &str) -> u64 {
        self.counts(operation).injected
    }

    /// Every operation seen so far, with its counts.
    pub fn all_counts(&self) -> HashMap<String, Counts> {
        lock(&self.shared.counts).clone()
    }

    /// The bodies of the requests seen for `operation`, oldest first (injected or not).
    pub fn request_bodies(&self, operation: &str) -> Vec<serde_json::Value> {
        lock(&self.shared.bodies)
            .get(operation)
            .map(|bodies| {
                bodies
                    .iter()
                    .map(|b| serde_json::from_slice(b).unwrap_or(serde_json::Value::Null))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Forgets the counters (rules stay).
    pub fn reset_counts(&self) {
        lock(&self.shared.counts).clear();
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop up so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for (_, client) in lock(&self.shared.clients).drain() {
            let _ = client.shutdown(Shutdown::Both);
        }
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for (number, stream) in (0u64..).zip(listener.incoming()) {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        if let Ok(handle) = stream.try_clone() {
            lock(&shared.clients).insert(number, handle);
        }
        let shared = Arc::clone(shared);
        let spawned = std::thread::Builder::new()
            .name("fault-proxy-conn".into())
            .spawn(move || {
                let result = serve_connection(stream, &shared);
                lock(&shared.clients).remove(&number);
                if let Err(error) = result
                    && !shared.stopping.load(Ordering::SeqCst)
                    && !is_client_gone(&error)
                {
                    eprintln!("kairos-harness: fault proxy connection ended: {error:#}");
                }
            });
        if let Err(error) = spawned {
            eprintln!("kairos-harness: fault proxy cannot start a connection thread: {error}");
        }
    }
}

/// A client that went away or stayed idle past the timeout is not worth a message.
fn is_client_gone(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind;
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                ErrorKind::TimedOut
                    | ErrorKind::WouldBlock
                    | ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::UnexpectedEof
            )
        })
    })
}

fn serve_connection(stream: TcpStream, shared: &Shared) -> Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);
    while let Some(request) = http1::read_request(&mut reader)? {
        let close = request.wants_close();
        let connection = if close { "close" } else { "keep-alive" };
        let response = match decide(&request, shared) {
            Some(fault) => error_response(&fault),
            None => match forward(&request, &shared.upstream) {
                Ok(response) => response,
                Err(error) => bad_gateway(&error),
            },
        };
        response.write_to(&mut writer, connection)?;
        if close || shared.stopping.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok(())
}

/// Counts the request and returns the fault it gets, if any.
fn decide(request: &Message, shared: &Shared) -> Option<Fault> {
    let target = request.header("x-amz-target")?.to_owned();
    let chosen = lock(&shared.faults)
        .iter_mut()
        .filter(|active| active.fault.matches(&target, &request.body))
        .find_map(|active| active.fires().then(|| active.fault.clone()));
    lock(&shared.bodies)
        .entry(operation_of(&target).to_owned())
        .or_default()
        .push(request.body.clone());
    let mut counts = lock(&shared.counts);
    let entry = counts.entry(operation_of(&target).to_owned()).or_default();
    entry.seen += 1;
    if chosen.is_some() {
        entry.injected += 1;
    }
    chosen
}

fn error_response(fault: &Fault) -> Message {
    if fault.reply.is_some() {
        return Message {
            start_line: "HTTP/1.1 200 OK".into(),
            headers: vec![
                ("Content-Type".into(), "application/x-amz-json-1.1".into()),
                ("x-amzn-requestid".into(), "kairos-fault-proxy".into()),
            ],
            body: fault.body(),
        };
    }
    let reason = match fault.status {
        400 => "Bad Request",
        403 => "Forbidden",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    };
    Message {
        start_line: format!("HTTP/1.1 {} {reason}", fault.status),
        headers: vec![
            ("Content-Type".into(), "application/x-amz-json-1.1".into()),
            ("x-amzn-errortype".into(), fault.error_type.clone()),
            ("x-amzn-requestid".into(), "kairos-fault-proxy".into()),
        ],
        body: fault.body(),
    }
}

fn bad_gateway(error: &anyhow::Error) -> Message {
    Message {
        start_line: "HTTP/1.1 502 Bad Gateway".into(),
        headers: vec![("Content-Type".into(), "text/plain".into())],
        body: format!("fault proxy: upstream failed: {error:#}").into_bytes(),
    }
}

/// Sends the request to the upstream on a fresh connection and reads the whole answer.
fn forward(request: &Message, upstream: &[SocketAddr]) -> Result<Message> {
    let stream = upstream
        .iter()
        .find_map(|addr| TcpStream::connect_timeout(addr, UPSTREAM_TIMEOUT).ok())
        .ok_or_else(|| anyhow!("cannot connect to the upstream {upstream:?}"))?;
    stream.set_read_timeout(Some(UPSTREAM_TIMEOUT))?;
    stream.set_write_timeout(Some(UPSTREAM_TIMEOUT))?;
    stream.set_nodelay(true)?;
    let mut writer = BufWriter::new(stream.try_clone()?);
    request.write_to(&mut writer, "close")?;
    drop(writer);
    http1::read_response(&mut BufReader::new(stream))
}
