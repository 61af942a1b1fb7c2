//! A minimal SNTP client (RFC 4330), for probing test NTP servers only; the product's own
//! client lives in kairos-core.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

/// Seconds from 1900-01-01 (NTP era 0) to 1970-01-01.
const NTP_UNIX_OFFSET: u64 = 2_208_988_800;

/// The interesting fields of a server's reply.
#[derive(Debug, Clone, Copy)]
pub struct SntpReply {
    /// Leap indicator (3 = clock not synchronised).
    pub leap: u8,
    /// NTP version of the reply.
    pub version: u8,
    /// Association mode; 4 = server.
    pub mode: u8,
    /// Stratum of the server.
    pub stratum: u8,
    /// The server's transmit timestamp.
    pub transmit: SystemTime,
    /// Local system time when the reply arrived.
    pub received: SystemTime,
}

impl SntpReply {
    /// `transmit - received` in seconds: how far the server's clock is ahead of ours
    /// (ignoring the round-trip time, which is microseconds on loopback).
    pub fn offset_secs(&self) -> f64 {
        match self.transmit.duration_since(self.received) {
            Ok(ahead) => ahead.as_secs_f64(),
            Err(behind) => -behind.duration().as_secs_f64(),
        }
    }
}

/// Send one mode-3 (client) NTPv4 request to `server` and parse the reply.
///
/// The request leaves from the loopback address of `server`'s family (127.0.0.1 or ::1)
/// when `server` is a loopback address, so a server configured with `allow 127.0.0.1` or
/// `allow ::1` accepts it; otherwise from the family's unspecified address.
pub fn query(server: SocketAddr, timeout: Duration) -> Result<SntpReply> {
    let local: IpAddr = match (server.ip(), server.ip().is_loopback()) {
        (IpAddr::V4(_), true) => Ipv4Addr::LOCALHOST.into(),
        (IpAddr::V4(_), false) => Ipv4Addr::UNSPECIFIED.into(),
        (IpAddr::V6(_), true) => Ipv6Addr::LOCALHOST.into(),
        (IpAddr::V6(_), false) => Ipv6Addr::UNSPECIFIED.into(),
    };
    let socket = UdpSocket::bind((local, 0))
        .with_context(|| format!("cannot bind a UDP socket on {local} to query {server}"))?;
    socket.set_read_timeout(Some(timeout))?;
    socket
        .connect(server)
        .with_context(|| format!("cannot connect a UDP socket to {server}"))?;

    let mut request = [0u8; 48];
    request[0] = 4 << 3 | 3; // LI = 0, VN = 4, mode = 3 (client)
    let sent = to_ntp(SystemTime::now());
    request[40..48].copy_from_slice(&sent);
    socket
        .send(&request)
        .with_context(|| format!("cannot send to {server}"))?;

    let mut reply = [0u8; 128];
    let len = socket
        .recv(&mut reply)
        .with_context(|| format!("no SNTP reply from {server} within {timeout:?}"))?;
    let received = SystemTime::now();
    if len < 48 {
        bail!("SNTP reply from {server} is {len} bytes, expected at least 48");
    }
    if reply[24..32] != sent {
        bail!("SNTP reply from {server} does not echo our transmit timestamp");
    }
    Ok(SntpReply {
        leap: reply[0] >> 6,
        version: (reply[0] >> 3) & 7,
        mode: reply[0] & 7,
        stratum: reply[1],
        transmit: from_ntp(&reply[40..48]),
        received,
    })
}

fn to_ntp(time: SystemTime) -> [u8; 8] {
    let since_unix = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    // Truncation to the 32-bit era is the wire format.
    let seconds = (since_unix.as_secs() + NTP_UNIX_OFFSET) as u32;
    let fraction = ((u64::from(since_unix.subsec_nanos()) << 32) / 1_000_000_000) as u32;
    let mut out = [0u8; 8];
    out[..4].copy_from_slice(&seconds.to_be_bytes());
    out[4..].copy_from_slice(&fraction.to_be_bytes());
    out
}

fn from_ntp(bytes: &[u8]) -> SystemTime {
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let seconds = u64::from(word(0)).saturating_sub(NTP_UNIX_OFFSET);
    let nanos = (u64::from(word(4)) * 1_000_000_000) >> 32;
    UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_nanos(nanos)
}
