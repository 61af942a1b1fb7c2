//! The SNTP client and TrustedClock against real chronyd servers (one of them
//! 90 s ahead under libfaketime) and hand-made UDP responders on 127.0.0.1.

use std::net::{Ipv4Addr, SocketAddr, UdpSocket as StdUdpSocket};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kairos_core::UserFacing;
use kairos_core::clock::{Clock, SystemClock};
use kairos_core::otp::{OtpParams, Secret, code_at};
use kairos_core::time::{
    ClockWarning, HttpDateOutcome, Outcome, RESYNC_INTERVAL, RejectReason, SignedDuration,
    SkipReason, TimeSettings, TimeSource, TrustedClock,
};
use kairos_harness::{Chrony, Moto};
use tokio::net::UdpSocket;

const TIMEOUT: Duration = Duration::from_millis(500);

fn clock() -> TrustedClock {
    TrustedClock::new(Arc::new(SystemClock)).with_timeout(TIMEOUT)
}

fn secs(offset: SignedDuration) -> f64 {
    offset.as_secs_f64()
}

/// A 127.0.0.1 UDP port nobody listens on: bound, then released.
fn dead_port() -> SocketAddr {
    let socket = StdUdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    socket.local_addr().expect("addr")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_true_server_gives_a_near_zero_offset() {
    let chrony = Chrony::start().expect("chrony");
    let clock = clock();
    let result = clock
        .sync(&[chrony.addr().to_string()])
        .await
        .expect("sync");
    let report = &result.reports[0];
    assert_eq!(report.outcome, Outcome::Ok, "{result:?}");
    assert_eq!(report.stratum, Some(3));
    let offset = result.offset.expect("offset");
    assert!(secs(offset).abs() < 0.050, "{offset}");
    assert!(report.delay.expect("delay").magnitude() < Duration::from_millis(50));
    assert_eq!(result.chosen_from, [chrony.addr().to_string()]);
    assert!(matches!(clock.status().source, TimeSource::Ntp { .. }));
    assert!(clock.status().warnings.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shifted_server_moves_the_clock_and_the_codes() {
    let chrony = Chrony::start_shifted(90).expect("shifted chrony");
    let clock = clock();
    let result = clock
        .sync(&[chrony.addr().to_string()])
        .await
        .expect("sync");
    let offset = result.offset.expect("offset");
    assert!((secs(offset) - 90.0).abs() < 0.005, "{offset}");

    let drift = secs(SignedDuration::from_nanos_i128(
        clock.now().since_epoch().as_nanos() as i128
            - SystemClock.now().since_epoch().as_nanos() as i128,
    ));
    assert!((drift - 90.0).abs() < 0.010, "{drift}");
    assert!(
        clock
            .status()
            .warnings
            .contains(&ClockWarning::LargeOffset { offset })
    );

    let params = OtpParams::default_totp();
    let secret = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("secret");
    let mut same = false;
    // Two readings may straddle a period boundary: one retry.
    for _ in 0..2 {
        let trusted = clock.now().seconds();
        let system = SystemClock.now().seconds() + 90;
        let a = code_at(&params, &secret, trusted).expect("code");
        let b = code_at(&params, &secret, system).expect("code");
        if a.value == b.value {
            same = true;
            break;
        }
    }
    assert!(same);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_and_silent_servers_cost_one_timeout_and_are_ignored() {
    let chrony = Chrony::start().expect("chrony");
    let silent = StdUdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let dead = dead_port();
    let servers = [
        dead.to_string(),
        silent.local_addr().expect("addr").to_string(),
        chrony.addr().to_string(),
    ];
    let clock = clock();
    let started = Instant::now();
    let result = clock.sync(&servers).await.expect("sync");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert!(
        matches!(result.reports[0].outcome, Outcome::Unreachable(_)),
        "{result:?}"
    );
    assert_eq!(result.reports[1].outcome, Outcome::Timeout);
    assert_eq!(result.reports[2].outcome, Outcome::Ok);
    assert_eq!(result.chosen_from, [chrony.addr().to_string()]);
    assert!(secs(result.offset.expect("offset")).abs() < 0.050);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_every_server_fails_the_system_clock_is_used_with_a_warning() {
    let silent = StdUdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let servers = [
        dead_port().to_string(),
        silent.local_addr().expect("addr").to_string(),
    ];
    let clock = clock();
    let started = Instant::now();
    let result = clock.sync(&servers).await.expect("not an error");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(result.offset, None);
    assert!(result.chosen_from.is_empty());
    let status = clock.status();
    assert_eq!(status.source, TimeSource::System);
    assert_eq!(status.offset, SignedDuration::ZERO);
    assert!(status.warnings.contains(&ClockWarning::Unsynchronised));
}

#[derive(Clone, Copy, Debug)]
enum Bad {
    Kiss(&'static [u8; 4]),
    Leap3,
    WrongOriginate,
    ClientMode,
}

/// Answers every request with the flaw given, and otherwise a plausible reply.
async fn responder(bad: Bad) -> SocketAddr {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind");
    let addr = socket.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut buf = [0u8; 128];
        while let Ok((len, peer)) = socket.recv_from(&mut buf).await {
            assert_eq!(len, 48);
            let mut reply = [0u8; 48];
            reply[0] = (4 << 3) | 4;
            reply[1] = 2;
            reply[12..16].copy_from_slice(b"LOCL");
            reply[24..32].copy_from_slice(&buf[40..48]);
            // Any nonzero time will do for the rejections under test.
            let now = (SystemClock.now().seconds() + 2_208_988_800) << 32;
            reply[32..40].copy_from_slice(&now.to_be_bytes());
            reply[40..48].copy_from_slice(&now.to_be_bytes());
            match bad {
                Bad::Kiss(code) => {
                    reply[1] = 0;
                    reply[12..16].copy_from_slice(code);
                }
                Bad::Leap3 => reply[0] |= 3 << 6,
                Bad::WrongOriginate => reply[24] ^= 0xFF,
                Bad::ClientMode => reply[0] = (4 << 3) | 3,
            }
            let _ = socket.send_to(&reply, peer).await;
        }
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_replies_are_rejected_and_kisses_obeyed() {
    let rate = responder(Bad::Kiss(b"RATE")).await.to_string();
    let deny = responder(Bad::Kiss(b"DENY")).await.to_string();
    let leap = responder(Bad::Leap3).await.to_string();
    let spoof = responder(Bad::WrongOriginate).await.to_string();
    let client = responder(Bad::ClientMode).await.to_string();
    let servers = [&rate, &deny, &leap, &spoof, &client];
    let clock = clock();
    let result = clock.sync(&servers).await.expect("sync");
    let reasons: Vec<_> = result.reports.iter().map(|r| r.outcome.clone()).collect();
    assert_eq!(
        reasons,
        [
            Outcome::Rejected(RejectReason::KissOfDeath {
                code: "RATE".into()
            }),
            Outcome::Rejected(RejectReason::KissOfDeath {
                code: "DENY".into()
            }),
            Outcome::Rejected(RejectReason::Unsynchronised),
            Outcome::Rejected(RejectReason::OriginateMismatch),
            Outcome::Rejected(RejectReason::NotServer { mode: 3 }),
        ]
    );
    assert_eq!(result.offset, None);

    let rate_state = clock.server_state(&rate).expect("known");
    assert_eq!(rate_state.min_interval, RESYNC_INTERVAL * 2);
    assert_eq!(rate_state.denied, None);
    assert_eq!(
        clock.server_state(&deny).expect("known").denied.as_deref(),
        Some("DENY")
    );

    // Asked again right away: neither the RATE nor the DENY server is.
    let again = clock.sync(&[&rate, &deny]).await.expect("sync");
    assert!(matches!(
        again.reports[0].outcome,
        Outcome::Skipped(SkipReason::RateLimited { .. })
    ));
    assert_eq!(
        again.reports[1].outcome,
        Outcome::Skipped(SkipReason::Denied {
            code: "DENY".into()
        })
    );
}

async fn persisted_offset(dir: &Path) -> TrustedClock {
    TrustedClock::open(dir)
        .await
        .expect("open time.db")
        .with_timeout(TIMEOUT)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_offset_survives_an_offline_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let chrony = Chrony::start_shifted(90).expect("shifted chrony");
        let clock = persisted_offset(dir.path()).await;
        assert_eq!(clock.status().source, TimeSource::System);
        clock
            .set_settings(TimeSettings {
                servers: vec![chrony.addr().to_string()],
                ..TimeSettings::default()
            })
            .await
            .expect("settings");
        clock.sync_now().await.expect("sync");
        clock.close().await;
    }
    let clock = persisted_offset(dir.path()).await;
    let status = clock.status();
    assert!((secs(status.offset) - 90.0).abs() < 0.005, "{status:?}");
    assert!(matches!(
        status.source,
        TimeSource::Persisted { aged: false, .. }
    ));
    assert!(
        !clock.due(),
        "the server was asked moments ago (remembered in time.db): not again before 30 min"
    );

    // Offline: the sync fails, the persisted offset stays in use.
    let result = clock.sync(&[dead_port().to_string()]).await.expect("sync");
    assert_eq!(result.offset, None);
    let status = clock.status();
    assert!((secs(status.offset) - 90.0).abs() < 0.005);
    assert!(matches!(status.source, TimeSource::Persisted { .. }));
    assert!(status.warnings.contains(&ClockWarning::LastSyncFailed));
}

#[tokio::test]
async fn server_lists_are_checked() {
    let clock = clock();
    let none: [&str; 0] = [];
    let err = clock.sync(&none).await.expect_err("empty");
    assert_eq!(err.code(), "time.no_server");
    let err = clock.sync(&["127.0.0.1:notaport"]).await.expect_err("bad");
    assert_eq!(err.code(), "time.bad_server");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv6_server_is_asked_over_ipv6() {
    let chrony = Chrony::start_v6().expect("chrony on [::1]");
    let clock = clock();
    let result = clock
        .sync(&[chrony.addr().to_string()])
        .await
        .expect("sync");
    let report = &result.reports[0];
    assert_eq!(report.outcome, Outcome::Ok, "{result:?}");
    assert!(report.address.expect("resolved").is_ipv6());
    assert!(secs(result.offset.expect("offset")).abs() < 0.050);
}

/// A TCP port on 127.0.0.1 nobody listens on.
fn dead_http_url() -> String {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    format!("http://{}/", listener.local_addr().expect("addr"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_ntp_answer_the_endpoint_date_header_corrects_the_clock() {
    let moto = Moto::start_shifted(90).expect("moto 90 s ahead");
    let url = format!("{}/", moto.url());
    let clock = clock().with_http_fallback(Some(url.clone()));
    let result = clock.sync(&[dead_port().to_string()]).await.expect("sync");
    let http = result.http_date.as_ref().expect("fallback tried");
    assert_eq!(http.outcome, HttpDateOutcome::Ok, "{http:?}");
    let offset = result.offset.expect("offset from Date");
    // One-second resolution: within 0.5 s plus half the round trip.
    assert!((secs(offset) - 90.0).abs() < 1.0, "{offset}");
    assert_eq!(result.chosen_from, std::slice::from_ref(&url));
    let status = clock.status();
    assert_eq!(status.source, TimeSource::HttpDate { url });
    assert!(!status.warnings.contains(&ClockWarning::Unsynchronised));

    // When the fallback is turned off in settings, it is not asked.
    let off = TimeSettings {
        http_fallback: false,
        ..TimeSettings::default()
    };
    let clock = self::clock()
        .with_http_fallback(Some(format!("{}/", moto.url())))
        .with_settings(off);
    let result = clock.sync(&[dead_port().to_string()]).await.expect("sync");
    assert_eq!(result.http_date, None);
    assert_eq!(clock.status().source, TimeSource::System);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ntp_answer_means_the_fallback_is_not_asked_and_a_dead_fallback_is_reported() {
    let chrony = Chrony::start().expect("chrony");
    let clock = clock().with_http_fallback(Some(dead_http_url()));
    let result = clock
        .sync(&[chrony.addr().to_string()])
        .await
        .expect("sync");
    assert_eq!(result.http_date, None);
    assert!(matches!(clock.status().source, TimeSource::Ntp { .. }));

    let started = Instant::now();
    let result = clock.sync(&[dead_port().to_string()]).await.expect("sync");
    assert!(started.elapsed() < Duration::from_secs(2));
    let http = result.http_date.expect("fallback tried");
    assert!(
        matches!(http.outcome, HttpDateOutcome::Unreachable(_)),
        "{http:?}"
    );
    let status = clock.status();
    assert!(
        matches!(status.source, TimeSource::Ntp { .. }),
        "previous offset kept"
    );
    assert!(status.warnings.contains(&ClockWarning::LastSyncFailed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deny_and_settings_are_remembered_across_restarts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deny = responder(Bad::Kiss(b"DENY")).await.to_string();
    let clock = persisted_offset(dir.path()).await;
    let saved = clock
        .set_settings(TimeSettings {
            servers: vec![deny.clone(), " ".into()],
            warning_threshold_seconds: 10,
            http_fallback: false,
            ..TimeSettings::default()
        })
        .await
        .expect("valid settings");
    assert_eq!(
        saved.servers,
        std::slice::from_ref(&deny),
        "blank entry dropped"
    );
    clock.sync_now().await.expect("sync");
    clock.close().await;

    let clock = persisted_offset(dir.path()).await;
    assert_eq!(clock.settings(), saved);
    let again = clock.sync_now().await.expect("sync");
    assert_eq!(
        again.reports[0].outcome,
        Outcome::Skipped(SkipReason::Denied {
            code: "DENY".into()
        }),
        "a restart must not make us ask a server that refused us"
    );
    assert!(!clock.due(), "nothing usable left to ask");

    let err = clock
        .set_settings(TimeSettings {
            servers: vec!["bad host".into()],
            ..TimeSettings::default()
        })
        .await
        .expect_err("invalid");
    assert_eq!(err.code(), "time.bad_server");
    assert_eq!(clock.settings(), saved, "a refused change changes nothing");

    clock
        .set_settings(TimeSettings {
            enabled: false,
            ..saved
        })
        .await
        .expect("turn off");
    assert_eq!(
        clock.sync_now().await.expect_err("off").code(),
        "time.disabled"
    );
    let status = clock.status();
    assert_eq!(status.source, TimeSource::System);
    assert!(status.warnings.contains(&ClockWarning::Disabled));
}
