//! Free ports on the loopback addresses (`127.0.0.1` and `[::1]`), and checking that a service
//! really owns the address it was given.
//!
//! A port found free can be taken by another process (another test, run in parallel) before
//! the service binds it. Services therefore verify through /proc that *their* process holds
//! the socket, and [`retry_on_port_conflict`] starts them again on a fresh port if not.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};

use anyhow::{Context, Result, anyhow, bail};

/// How many times a service start is attempted when its port was taken.
const PORT_ATTEMPTS: usize = 4;

/// Transport protocol of a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proto {
    /// TCP (a listening socket).
    Tcp,
    /// UDP (a bound socket).
    Udp,
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_tcp_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .context("cannot bind a TCP socket on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// A UDP port on 127.0.0.1 that was free a moment ago.
pub fn free_udp_port() -> Result<u16> {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .context("cannot bind a UDP socket on 127.0.0.1")?;
    Ok(socket.local_addr()?.port())
}

/// A UDP port on the IPv6 loopback `[::1]` that was free a moment ago.
///
/// Fails (rather than falling back to IPv4) when `::1` is unusable, since a test asking for
/// IPv6 would otherwise not test IPv6 at all.
pub fn free_udp_port_v6() -> Result<u16> {
    let socket = UdpSocket::bind((Ipv6Addr::LOCALHOST, 0)).context(
        "cannot bind a UDP socket on [::1] — IPv6 loopback is unavailable here; check that \
         `ip -6 addr show lo` lists ::1 and sysctl net.ipv6.conf.lo.disable_ipv6 is 0",
    )?;
    Ok(socket.local_addr()?.port())
}

/// `127.0.0.1:port`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// `[::1]:port`.
pub fn loopback_v6(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv6Addr::LOCALHOST, port))
}

/// Whether process `pid` holds the listening TCP / bound UDP socket on 127.0.0.1:`port`.
/// Same as [`pid_owns_addr`] with [`loopback`]`(port)`.
pub fn pid_owns_port(pid: u32, proto: Proto, port: u16) -> Result<bool> {
    pid_owns_addr(pid, proto, loopback(port))
}

/// Whether process `pid` holds the listening TCP / bound UDP socket on exactly `addr`
/// (IPv4 sockets are listed in /proc/net/{tcp,udp}, IPv6 ones in /proc/net/{tcp6,udp6}).
pub fn pid_owns_addr(pid: u32, proto: Proto, addr: SocketAddr) -> Result<bool> {
    let (table, state) = match (proto, addr) {
        (Proto::Tcp, SocketAddr::V4(_)) => ("/proc/net/tcp", "0A"), // TCP_LISTEN
        (Proto::Tcp, SocketAddr::V6(_)) => ("/proc/net/tcp6", "0A"),
        // TCP_CLOSE, i.e. an unconnected UDP socket
        (Proto::Udp, SocketAddr::V4(_)) => ("/proc/net/udp", "07"),
        (Proto::Udp, SocketAddr::V6(_)) => ("/proc/net/udp6", "07"),
    };
    let text = std::fs::read_to_string(table).with_context(|| format!("cannot read {table}"))?;
    let mut inodes = Vec::new();
    // The first line holds the column headings.
    let rows = text.split_once('\n').map_or("", |(_, rows)| rows);
    for line in rows.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() <= 9 || cols[3] != state {
            continue;
        }
        let local = parse_proc_addr(cols[1]).with_context(|| format!("in {table}: {line}"))?;
        if local == addr {
            inodes.push(format!("socket:[{}]", cols[9]));
        }
    }
    if inodes.is_empty() {
        return Ok(false);
    }
    let fd_dir = format!("/proc/{pid}/fd");
    let entries = std::fs::read_dir(&fd_dir).with_context(|| format!("cannot list {fd_dir}"))?;
    Ok(entries.flatten().any(|entry| {
        std::fs::read_link(entry.path())
            .map(|target| {
                inodes
                    .iter()
                    .any(|inode| target.as_os_str() == inode.as_str())
            })
            .unwrap_or(false)
    }))
}

/// A `local_address` of /proc/net/{tcp,udp}[6]: `0100007F:3059` or
/// `00000000000000000000000001000000:3059`. The address is the raw network-order bytes
/// printed as 32-bit words in the kernel's native byte order, hence `to_ne_bytes`.
fn parse_proc_addr(text: &str) -> Result<SocketAddr> {
    let (ip_hex, port_hex) = text
        .split_once(':')
        .ok_or_else(|| anyhow!("no ':' in address {text:?}"))?;
    let port = u16::from_str_radix(port_hex, 16)
        .with_context(|| format!("bad port in address {text:?}"))?;
    if ip_hex.len() % 8 != 0 || !ip_hex.is_ascii() {
        bail!("bad IP in address {text:?}");
    }
    let mut bytes = Vec::with_capacity(16);
    for i in (0..ip_hex.len()).step_by(8) {
        let word = u32::from_str_radix(&ip_hex[i..i + 8], 16)
            .with_context(|| format!("bad IP in address {text:?}"))?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip = match <[u8; 4]>::try_from(bytes.as_slice()) {
        Ok(v4) => IpAddr::from(v4),
        Err(_) => IpAddr::from(
            <[u8; 16]>::try_from(bytes.as_slice())
                .map_err(|_| anyhow!("address {text:?} is neither IPv4 nor IPv6"))?,
        ),
    };
    Ok(SocketAddr::new(ip, port))
}

/// Marker error: the service could not get its port because something else holds it.
#[derive(Debug)]
pub struct PortConflict(pub String);

impl std::fmt::Display for PortConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "port conflict: {}", self.0)
    }
}

impl std::error::Error for PortConflict {}

/// Run `attempt` again (it should pick a fresh port) while it fails with [`PortConflict`].
pub fn retry_on_port_conflict<T>(mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
    let mut tries = 1;
    loop {
        match attempt() {
            Err(error) if error.is::<PortConflict>() && tries < PORT_ATTEMPTS => {
                eprintln!("kairos-harness: {error:#}; retrying on another port");
                tries += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_addresses_parse_on_this_machine() {
        // What the kernel prints depends on its byte order: build it the same way.
        let v4 = u32::from_ne_bytes([127, 0, 0, 1]);
        let text = format!("{v4:08X}:3059");
        assert_eq!(parse_proc_addr(&text).expect("v4"), loopback(0x3059));
        let mut v6 = String::new();
        for word in Ipv6Addr::LOCALHOST.octets().chunks(4) {
            let word = u32::from_ne_bytes([word[0], word[1], word[2], word[3]]);
            v6.push_str(&format!("{word:08X}"));
        }
        let text = format!("{v6}:0035");
        assert_eq!(parse_proc_addr(&text).expect("v6"), loopback_v6(53));
        assert!(parse_proc_addr("0100007F").is_err());
        assert!(parse_proc_addr("0100:0035").is_err());
    }

    #[test]
    fn our_own_sockets_are_found_on_the_right_family_only() {
        let me = std::process::id();
        let udp4 = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind UDP on 127.0.0.1");
        let udp4_addr = udp4.local_addr().expect("local addr");
        assert!(pid_owns_addr(me, Proto::Udp, udp4_addr).expect("udp"));
        assert!(pid_owns_port(me, Proto::Udp, udp4_addr.port()).expect("udp"));
        assert!(!pid_owns_addr(me, Proto::Tcp, udp4_addr).expect("tcp"));

        let udp6 = UdpSocket::bind(loopback_v6(0)).expect("bind UDP on [::1]");
        let udp6_addr = udp6.local_addr().expect("local addr");
        assert!(pid_owns_addr(me, Proto::Udp, udp6_addr).expect("udp6"));
        // Same port on 127.0.0.1 is another socket, which we do not hold.
        assert!(!pid_owns_port(me, Proto::Udp, udp6_addr.port()).expect("udp"));

        let tcp6 = TcpListener::bind(loopback_v6(0)).expect("listen on [::1]");
        let tcp6_addr = tcp6.local_addr().expect("local addr");
        assert!(pid_owns_addr(me, Proto::Tcp, tcp6_addr).expect("tcp6"));
        assert!(!pid_owns_addr(me, Proto::Udp, tcp6_addr).expect("udp6"));

        let port = free_udp_port_v6().expect("free UDP port on [::1]");
        assert_ne!(port, 0);
    }
}
