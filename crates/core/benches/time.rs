//! What trusted time costs and how right it is, against chrony on loopback
//! (started by the harness, as in the tests): `cargo bench -p kairos-core
//! --bench time`. Prints figures; asserts nothing.
//!
//! - offset error against a chrony shifted by +90 s with libfaketime;
//! - sync time with 3 servers of which one is dead (closed port), and of
//!   which one is silent (packets dropped: bounded by the 1 s timeout);
//! - CPU and network cost of the periodic re-sync.

use std::net::{Ipv4Addr, UdpSocket};
use std::sync::Arc;
use std::time::Instant;

use kairos_core::clock::SystemClock;
use kairos_core::time::{RESYNC_INTERVAL, TrustedClock};
use kairos_harness::Chrony;
use nix::sys::resource::{UsageWho, getrusage};

const SHIFT: i64 = 90;
const SYNCS: usize = 100;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn summary(name: &str, unit: &str, mut values: Vec<f64>) {
    values.sort_by(f64::total_cmp);
    println!(
        "{name}: median {:.3} {unit}, p95 {:.3} {unit}, max {:.3} {unit} ({} runs)",
        percentile(&values, 0.5),
        percentile(&values, 0.95),
        values[values.len() - 1],
        values.len()
    );
}

fn cpu_seconds() -> f64 {
    let usage = getrusage(UsageWho::RUSAGE_SELF).expect("getrusage");
    let tv = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    tv(usage.user_time()) + tv(usage.system_time())
}

fn fresh_clock() -> TrustedClock {
    TrustedClock::new(Arc::new(SystemClock))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let shifted = Chrony::start_shifted(SHIFT).expect("chrony shifted by +90 s");
    let good = Chrony::start().expect("chrony");
    let dead = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|s| s.local_addr())
        .expect("a closed port")
        .to_string();
    let silent_socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("silent");
    let silent = silent_socket.local_addr().expect("addr").to_string();

    runtime.block_on(async {
        // 1. Offset error against the shifted server.
        let clock = fresh_clock();
        let mut errors = Vec::new();
        for _ in 0..SYNCS {
            let result = clock
                .sync(&[shifted.addr().to_string()])
                .await
                .expect("sync");
            let offset = result.offset.expect("an answer").as_secs_f64();
            errors.push(((offset - SHIFT as f64) * 1000.0).abs());
        }
        summary("offset error vs chrony +90 s", "ms", errors);

        // 2. Sync time, 3 servers.
        for (label, third) in [("one dead (closed port)", &dead), ("one silent", &silent)] {
            let servers = [
                good.addr().to_string(),
                shifted.addr().to_string(),
                third.clone(),
            ];
            let runs = if third == &silent { 5 } else { SYNCS };
            let mut times = Vec::new();
            for _ in 0..runs {
                let clock = fresh_clock();
                let started = Instant::now();
                clock.sync(&servers).await.expect("sync");
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            summary(&format!("sync time, 3 servers, {label}"), "ms", times);
        }

        // 3. Cost of the periodic re-sync: CPU per sync (two servers, as the
        // default list), and of the app's due() check every 15 s.
        let clock = fresh_clock();
        let servers = [good.addr().to_string(), shifted.addr().to_string()];
        let cpu_before = cpu_seconds();
        for _ in 0..SYNCS {
            clock.sync(&servers).await.expect("sync");
        }
        let per_sync = (cpu_seconds() - cpu_before) / SYNCS as f64;
        let checks = 100_000;
        let started = Instant::now();
        for _ in 0..checks {
            std::hint::black_box(clock.due());
        }
        let per_check = started.elapsed().as_secs_f64() / checks as f64;
        let syncs_per_day = (24.0 * 3600.0 / RESYNC_INTERVAL.as_secs_f64()) as u64;
        let checks_per_day = 24 * 3600 / 15;
        // 48-byte NTP packet + 8 UDP + 20 IPv4 header, each way, per server.
        let bytes_per_sync = 2 * 2 * (48 + 8 + 20);
        println!(
            "re-sync CPU: {:.0} µs per sync of 2 servers, {:.1} ms/day at one sync per {} min; \
             due() check {:.2} µs, {:.1} ms/day at one per 15 s",
            per_sync * 1e6,
            per_sync * 1e3 * syncs_per_day as f64,
            RESYNC_INTERVAL.as_secs() / 60,
            per_check * 1e6,
            per_check * 1e3 * checks_per_day as f64,
        );
        println!(
            "re-sync network: {bytes_per_sync} bytes per sync of 2 servers (IPv4), \
             {} bytes/day ({syncs_per_day} syncs)",
            bytes_per_sync * syncs_per_day
        );
    });
    drop(silent_socket);
}
