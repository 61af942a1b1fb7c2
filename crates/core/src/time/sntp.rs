//! The SNTP client (RFC 4330, client side of RFC 5905): one request per
//! server, all servers at once, and only replies that pass every sanity
//! check are combined.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tokio::net::{UdpSocket, lookup_host};
use tokio::time::{Instant, timeout_at};

use super::delta::SignedDuration;
use super::http_date::HttpDateReport;
use super::packet::{self, MODE_SERVER, Reply};
use crate::CoreError;
use crate::clock::{Clock, UnixTime};

pub const DEFAULT_PORT: u16 = 123;
/// Per server, resolution included. Public servers answer within 100 ms
/// from most places; a second still leaves room for a slow DNS answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);
/// Replies may carry extension fields; anything beyond this is dropped
/// (the header is all we read).
const RECEIVE_BUFFER: usize = 512;

/// A server as configured: `host`, `host:port`, `[v6]:port` or a bare IPv6
/// address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ServerSpec {
    pub host: String,
    pub port: u16,
}

impl ServerSpec {
    pub fn parse(text: &str) -> Result<Self, CoreError> {
        let bad = || CoreError::TimeBadServer {
            server: text.to_owned(),
        };
        let text_trimmed = text.trim();
        let (host, port) = if let Some(rest) = text_trimmed.strip_prefix('[') {
            let (host, after) = rest.split_once(']').ok_or_else(bad)?;
            match after {
                "" => (host, None),
                _ => (host, Some(after.strip_prefix(':').ok_or_else(bad)?)),
            }
        } else if text_trimmed.matches(':').count() > 1 {
            // More than one colon and no brackets: an IPv6 address, no port.
            (text_trimmed, None)
        } else {
            match text_trimmed.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text_trimmed, None),
            }
        };
        let port = match port {
            None => DEFAULT_PORT,
            Some(port) => port
                .parse::<u16>()
                .ok()
                .filter(|&p| p != 0)
                .ok_or_else(bad)?,
        };
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '%'));
        if !host_ok {
            return Err(bad());
        }
        Ok(Self {
            host: host.to_owned(),
            port,
        })
    }
}

impl fmt::Display for ServerSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// Why a reply was not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RejectReason {
    /// Leap indicator 3: the server itself does not know the time.
    Unsynchronised,
    /// Stratum 0: the server told us to go away (`RATE`, `DENY`, `RSTR`…).
    KissOfDeath {
        code: String,
    },
    StratumTooHigh {
        stratum: u8,
    },
    /// Not a server-mode (4) reply, e.g. our own request reflected back.
    NotServer {
        mode: u8,
    },
    VersionZero,
    ZeroTransmit,
    /// Only replies that did not echo our nonce arrived: spoofed or stale.
    OriginateMismatch,
    Truncated {
        length: usize,
    },
    /// Far slower round trip than the best server's: see [`drop_slow_samples`].
    DelayOutlier {
        delay: SignedDuration,
        best: SignedDuration,
    },
}

/// Why a server was not even asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SkipReason {
    /// It answered `DENY` or `RSTR` earlier.
    Denied { code: String },
    /// It answered `RATE`; asked again no sooner than `until`.
    RateLimited { until: UnixTime },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum Outcome {
    Ok,
    Timeout,
    Rejected(RejectReason),
    /// Name resolution or the network failed (e.g. ICMP port unreachable).
    Unreachable(String),
    Skipped(SkipReason),
}

/// What one server said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerReport {
    /// As configured, normalised to `host:port`.
    pub server: String,
    /// The address asked, once resolved.
    pub address: Option<SocketAddr>,
    /// How far the server's clock is ahead of ours.
    pub offset: Option<SignedDuration>,
    /// Round trip minus the server's processing time.
    pub delay: Option<SignedDuration>,
    pub stratum: Option<u8>,
    pub outcome: Outcome,
}

impl ServerReport {
    pub(crate) fn skipped(server: &ServerSpec, reason: SkipReason) -> Self {
        Self {
            server: server.to_string(),
            address: None,
            offset: None,
            delay: None,
            stratum: None,
            outcome: Outcome::Skipped(reason),
        }
    }
}

/// The outcome of asking every server once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncResult {
    /// Median offset of the accepted samples; `None` when none was accepted.
    pub offset: Option<SignedDuration>,
    /// The servers whose samples made the median.
    pub chosen_from: Vec<String>,
    /// One per server, in the order given.
    pub reports: Vec<ServerReport>,
    /// When the measurement finished, by the clock the offset corrects.
    pub at: UnixTime,
    /// The `Date` fallback's answer, when no NTP server answered and the
    /// fallback was tried; `offset` and `chosen_from` then come from it.
    pub http_date: Option<HttpDateReport>,
}

/// A good reply's measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sample {
    pub offset: SignedDuration,
    pub delay: SignedDuration,
    pub stratum: u8,
}

/// Asks every server in parallel, each within `timeout`, and combines the
/// answers. `clock` gives T1 and T4 (the system clock in the app; a fake one
/// in tests). Never fails: each server's fate is in its report.
pub async fn query_servers(
    servers: &[ServerSpec],
    clock: Arc<dyn Clock>,
    timeout: Duration,
) -> SyncResult {
    let tasks: Vec<_> = servers
        .iter()
        .map(|server| tokio::spawn(query_one(server.clone(), Arc::clone(&clock), timeout)))
        .collect();
    let mut reports = Vec::with_capacity(tasks.len());
    for (task, server) in tasks.into_iter().zip(servers) {
        reports.push(task.await.unwrap_or_else(|error| ServerReport {
            server: server.to_string(),
            address: None,
            offset: None,
            delay: None,
            stratum: None,
            outcome: Outcome::Unreachable(format!("query task failed: {error}")),
        }));
    }
    combine(reports, clock.now())
}

/// Drops slow samples, then takes the median offset of the rest.
pub(crate) fn combine(mut reports: Vec<ServerReport>, at: UnixTime) -> SyncResult {
    drop_slow_samples(&mut reports);
    let mut chosen: Vec<(SignedDuration, String)> = reports
        .iter()
        .filter(|r| r.outcome == Outcome::Ok)
        .filter_map(|r| r.offset.map(|offset| (offset, r.server.clone())))
        .collect();
    chosen.sort();
    let offset = match chosen.len() {
        0 => None,
        n if n % 2 == 1 => Some(chosen[n / 2].0),
        n => {
            let (low, high) = (chosen[n / 2 - 1].0, chosen[n / 2].0);
            Some(SignedDuration::from_nanos_i128(
                (i128::from(low.as_nanos()) + i128::from(high.as_nanos())) / 2,
            ))
        }
    };
    SyncResult {
        offset,
        chosen_from: chosen.into_iter().map(|(_, server)| server).collect(),
        reports,
        at,
        http_date: None,
    }
}

/// An offset is only known to within half its round-trip delay (the path
/// may be asymmetric). A sample whose delay exceeds the best one's by more
/// than twice that delay, plus 50 ms, has an error bound several times worse
/// than the best sample's and would only pull the median off; the 50 ms floor
/// keeps ordinary jitter between near servers (delays of a few ms, or µs on
/// a LAN) from disqualifying anyone. 50 ms of uncertainty is still tiny
/// against a 30 s TOTP period.
fn drop_slow_samples(reports: &mut [ServerReport]) {
    let Some(best) = reports
        .iter()
        .filter(|r| r.outcome == Outcome::Ok)
        .filter_map(|r| r.delay)
        .min()
    else {
        return;
    };
    let limit = i128::from(best.as_nanos()) * 3 + 50_000_000;
    for report in reports.iter_mut().filter(|r| r.outcome == Outcome::Ok) {
        if let Some(delay) = report.delay
            && i128::from(delay.as_nanos()) > limit
        {
            report.outcome = Outcome::Rejected(RejectReason::DelayOutlier { delay, best });
        }
    }
}

async fn query_one(server: ServerSpec, clock: Arc<dyn Clock>, timeout: Duration) -> ServerReport {
    let mut report = ServerReport {
        server: server.to_string(),
        address: None,
        offset: None,
        delay: None,
        stratum: None,
        outcome: Outcome::Ok,
    };
    let deadline = Instant::now() + timeout;
    match exchange(&server, clock.as_ref(), deadline, &mut report.address).await {
        Ok(sample) => {
            report.offset = Some(sample.offset);
            report.delay = Some(sample.delay);
            report.stratum = Some(sample.stratum);
        }
        Err(outcome) => report.outcome = outcome,
    }
    report
}

fn unreachable(error: std::io::Error) -> Outcome {
    Outcome::Unreachable(error.to_string())
}

fn unix_nanos(time: UnixTime) -> i128 {
    time.since_epoch().as_nanos() as i128
}

async fn exchange(
    server: &ServerSpec,
    clock: &dyn Clock,
    deadline: Instant,
    address: &mut Option<SocketAddr>,
) -> Result<Sample, Outcome> {
    let addr = match timeout_at(deadline, lookup_host((server.host.as_str(), server.port))).await {
        Err(_) => return Err(Outcome::Timeout),
        Ok(Err(error)) => return Err(unreachable(error)),
        Ok(Ok(mut addrs)) => addrs
            .next()
            .ok_or_else(|| Outcome::Unreachable("the name has no address".to_owned()))?,
    };
    *address = Some(addr);
    let local: SocketAddr = match addr {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = UdpSocket::bind(local).await.map_err(unreachable)?;
    // Connected: the kernel drops datagrams from any other address, and an
    // ICMP "port unreachable" surfaces as an error instead of a timeout.
    socket.connect(addr).await.map_err(unreachable)?;
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce)
        .map_err(|error| Outcome::Unreachable(format!("no randomness: {error}")))?;
    let nonce = u64::from_be_bytes(nonce);

    let t1 = unix_nanos(clock.now());
    socket
        .send(&packet::request(nonce))
        .await
        .map_err(unreachable)?;
    let mut buffer = [0u8; RECEIVE_BUFFER];
    // Replies that are not the answer to this request are skipped, not
    // fatal: otherwise anyone could silence a server by sending junk first.
    let mut impostor: Option<RejectReason> = None;
    loop {
        let length = match timeout_at(deadline, socket.recv(&mut buffer)).await {
            Err(_) => return Err(impostor.map_or(Outcome::Timeout, Outcome::Rejected)),
            Ok(Err(error)) => return Err(unreachable(error)),
            Ok(Ok(length)) => length,
        };
        let t4 = unix_nanos(clock.now());
        match Reply::parse(&buffer[..length]) {
            None => impostor = Some(RejectReason::Truncated { length }),
            Some(reply) if reply.originate != nonce => {
                impostor = Some(RejectReason::OriginateMismatch)
            }
            Some(reply) => return measure(&reply, t1, t4).map_err(Outcome::Rejected),
        }
    }
}

/// Checks a reply to our request and measures it (RFC 5905 §8): T1 sent,
/// T2 received by the server, T3 sent by the server, T4 received, with
/// θ = ((T2−T1)+(T3−T4))/2 and δ = (T4−T1)−(T3−T2).
pub(crate) fn measure(reply: &Reply, t1: i128, t4: i128) -> Result<Sample, RejectReason> {
    if reply.mode != MODE_SERVER {
        return Err(RejectReason::NotServer { mode: reply.mode });
    }
    if reply.version == 0 {
        return Err(RejectReason::VersionZero);
    }
    if reply.stratum == 0 {
        return Err(RejectReason::KissOfDeath {
            code: reply.kiss_code(),
        });
    }
    if reply.leap == 3 {
        return Err(RejectReason::Unsynchronised);
    }
    if reply.stratum > 15 {
        return Err(RejectReason::StratumTooHigh {
            stratum: reply.stratum,
        });
    }
    if reply.transmit == 0 {
        return Err(RejectReason::ZeroTransmit);
    }
    let t2 = packet::from_ntp(reply.receive, t1);
    let t3 = packet::from_ntp(reply.transmit, t1);
    let offset = ((t2 - t1) + (t3 - t4)) / 2;
    // Clock granularity can make a loopback delay come out a hair negative.
    let delay = ((t4 - t1) - (t3 - t2)).max(0);
    Ok(Sample {
        offset: SignedDuration::from_nanos_i128(offset),
        delay: SignedDuration::from_nanos_i128(delay),
        stratum: reply.stratum,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    const NS: i128 = 1_000_000_000;

    fn reply_at(t2: i128, t3: i128) -> Reply {
        Reply {
            leap: 0,
            version: 4,
            mode: 4,
            stratum: 2,
            reference_id: *b"GPS\0",
            originate: 1,
            receive: packet::to_ntp(t2),
            transmit: packet::to_ntp(t3),
        }
    }

    #[test]
    fn offset_and_delay_follow_rfc_5905() {
        // Our clock (injected) reads T1 = 1000 s; the server is 90 s ahead,
        // 10 ms each way, and spends 1 ms between receive and transmit.
        let t1 = unix_nanos(FixedClock(1_000).now());
        let t2 = t1 + 90 * NS + 10_000_000;
        let t3 = t2 + 1_000_000;
        let t4 = t1 + 21_000_000;
        let sample = measure(&reply_at(t2, t3), t1, t4).expect("good reply");
        assert_eq!(sample.offset.as_nanos(), 90 * 1_000_000_000);
        assert_eq!(sample.delay.as_nanos(), 20_000_000);

        // Asymmetric path: 30 ms out, 10 ms back, server 2 s behind.
        let t2 = t1 - 2 * NS + 30_000_000;
        let t3 = t2;
        let t4 = t1 + 40_000_000;
        let sample = measure(&reply_at(t2, t3), t1, t4).expect("good reply");
        assert_eq!(sample.offset.as_nanos(), -2_000_000_000 + 10_000_000);
        assert_eq!(sample.delay.as_nanos(), 40_000_000);
    }

    #[test]
    fn bad_replies_are_rejected_with_their_reason() {
        let t = 1_000 * NS;
        let good = reply_at(t, t);
        let check = |change: fn(&mut Reply)| {
            let mut reply = good;
            change(&mut reply);
            measure(&reply, t, t).err()
        };
        assert_eq!(check(|r| r.leap = 3), Some(RejectReason::Unsynchronised));
        assert_eq!(
            check(|r| r.mode = 3),
            Some(RejectReason::NotServer { mode: 3 })
        );
        assert_eq!(check(|r| r.version = 0), Some(RejectReason::VersionZero));
        assert_eq!(
            check(|r| r.stratum = 16),
            Some(RejectReason::StratumTooHigh { stratum: 16 })
        );
        assert_eq!(check(|r| r.transmit = 0), Some(RejectReason::ZeroTransmit));
        assert_eq!(
            check(|r| {
                r.stratum = 0;
                r.reference_id = *b"DENY";
            }),
            Some(RejectReason::KissOfDeath {
                code: "DENY".into()
            })
        );
        assert_eq!(check(|_| ()), None);
    }

    fn ok(server: &str, offset_ms: i64, delay_ms: i64) -> ServerReport {
        ServerReport {
            server: server.into(),
            address: None,
            offset: Some(SignedDuration::from_nanos(offset_ms * 1_000_000)),
            delay: Some(SignedDuration::from_nanos(delay_ms * 1_000_000)),
            stratum: Some(2),
            outcome: Outcome::Ok,
        }
    }

    #[test]
    fn slow_samples_are_dropped_and_the_median_taken() {
        let reports = vec![
            ok("a:123", 100, 10),
            ok("b:123", 120, 20),
            ok("c:123", 5_000, 81), // 81 > 3·10 + 50
            ok("d:123", 110, 80),
        ];
        let result = combine(reports, UnixTime::EPOCH);
        assert_eq!(result.offset, Some(SignedDuration::from_nanos(110_000_000)));
        assert_eq!(result.chosen_from, ["a:123", "d:123", "b:123"]);
        assert!(matches!(
            result.reports[2].outcome,
            Outcome::Rejected(RejectReason::DelayOutlier { .. })
        ));
        let two = combine(vec![ok("a:1", 100, 1), ok("b:1", 200, 1)], UnixTime::EPOCH);
        assert_eq!(two.offset, Some(SignedDuration::from_nanos(150_000_000)));
        assert_eq!(combine(vec![], UnixTime::EPOCH).offset, None);
    }

    #[test]
    fn server_specs_parse() {
        let spec = |s: &str| ServerSpec::parse(s).map(|s| s.to_string()).ok();
        assert_eq!(spec("pool.ntp.org").as_deref(), Some("pool.ntp.org:123"));
        assert_eq!(spec("127.0.0.1:4123").as_deref(), Some("127.0.0.1:4123"));
        assert_eq!(spec("[::1]:4123").as_deref(), Some("[::1]:4123"));
        assert_eq!(spec("::1").as_deref(), Some("[::1]:123"));
        assert_eq!(spec("[::1]").as_deref(), Some("[::1]:123"));
        for bad in [
            "",
            "host:",
            "host:0",
            "host:99999",
            "host:x",
            "a b",
            "[::1",
            "[::1]x",
        ] {
            assert_eq!(spec(bad), None, "{bad:?}");
        }
    }
}
