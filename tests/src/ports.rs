//! Free ports on 127.0.0.1, and checking that a service really owns the port it was given.
//!
//! A port found free can be taken by another process (another test, run in parallel) before
//! the service binds it. Services therefore verify through /proc that *their* process holds
//! the socket, and [`retry_on_port_conflict`] starts them again on a fresh port if not.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, UdpSocket};

use anyhow::{Context, Result};

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

/// `127.0.0.1:port`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

/// Whether process `pid` holds the listening TCP / bound UDP socket on 127.0.0.1:`port`.
pub fn pid_owns_port(pid: u32, proto: Proto, port: u16) -> Result<bool> {
    let (table, state) = match proto {
        Proto::Tcp => ("/proc/net/tcp", "0A"), // TCP_LISTEN
        Proto::Udp => ("/proc/net/udp", "07"), // TCP_CLOSE, i.e. an unconnected UDP socket
    };
    let text = std::fs::read_to_string(table).with_context(|| format!("cannot read {table}"))?;
    let local = format!("0100007F:{port:04X}");
    let mut rows = text.lines();
    rows.next(); // the column headings
    let inodes: Vec<String> = rows
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|cols| cols.len() > 9 && cols[1] == local && cols[3] == state)
        .map(|cols| format!("socket:[{}]", cols[9]))
        .collect();
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
