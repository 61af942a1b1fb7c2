//! Proof that every harness service really runs and answers, talking to it directly.

use std::io::{Read, Write};
use std::net::{Ipv6Addr, SocketAddr};
use std::os::unix::net::UnixStream;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kairos_harness::http::{self, HttpResponse};
use kairos_harness::process::find_binary;
use kairos_harness::{Chrony, DbusSession, Moto, Xvfb, parse_http_date, sntp_probe};

/// X11 connection setup by hand: a 12-byte little-endian request without authorization,
/// then the root screen's size from the setup reply.
#[test]
fn xvfb_answers_the_x11_handshake_with_a_1280x800_screen() {
    let xvfb = Xvfb::start().expect("start Xvfb");
    assert!(xvfb.display().starts_with(':'));

    let mut stream = UnixStream::connect(xvfb.socket_path()).expect("connect to the X socket");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("set read timeout");
    // byte order 'l', pad, protocol 11.0, no auth name, no auth data, pad
    let request = [b'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    stream.write_all(&request).expect("send setup request");

    let mut head = [0u8; 8];
    stream
        .read_exact(&mut head)
        .expect("read setup reply header");
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
    let extra_words = usize::from(u16_at(&head, 6));
    let mut body = vec![0u8; extra_words * 4];
    stream.read_exact(&mut body).expect("read setup reply body");
    assert_eq!(
        head[0],
        1,
        "X server refused the connection: {}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(u16_at(&head, 2), 11, "protocol major version");

    // Body offsets are 8 less than in the protocol spec's full-reply layout.
    let vendor_len = usize::from(u16_at(&body, 16));
    let formats = usize::from(body[21]);
    let screen = 32 + vendor_len.div_ceil(4) * 4 + 8 * formats;
    let width = u16_at(&body, screen + 20);
    let height = u16_at(&body, screen + 22);
    assert_eq!((width, height), (Xvfb::WIDTH, Xvfb::HEIGHT));
    assert_eq!((width, height), (1280, 800));
}

fn secret_tool(session: &DbusSession, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    let binary = find_binary("secret-tool", "Debian package libsecret-tools").expect("secret-tool");
    let mut cmd = Command::new(binary);
    cmd.args(args)
        .env_clear()
        .envs(session.env())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run secret-tool");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(text.as_bytes()).expect("write secret");
    }
    let output = child.wait_with_output().expect("wait for secret-tool");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.trim().is_empty() || !output.status.success(),
        "secret-tool {args:?} warned: {stderr}"
    );
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

const ATTRS: [&str; 4] = ["service", "kairos-harness", "account", "probe"];

#[test]
fn keyring_stores_and_returns_a_secret_in_its_own_session_only() {
    let session = DbusSession::start().expect("start D-Bus session and gnome-keyring");
    let secret = "s3cr3t-from-the-harness";

    let mut store = vec!["store", "--label=kairos harness probe"];
    store.extend(ATTRS);
    let (stored, _) = secret_tool(&session, &store, Some(secret));
    assert!(stored, "secret-tool store failed");

    let mut lookup = vec!["lookup"];
    lookup.extend(ATTRS);
    let (found, value) = secret_tool(&session, &lookup, None);
    assert!(found, "secret-tool lookup failed in the same session");
    assert_eq!(value, secret);

    let other = DbusSession::start().expect("start a second D-Bus session");
    assert_ne!(other.address(), session.address());
    let (found, value) = secret_tool(&other, &lookup, None);
    assert!(
        !found && value.is_empty(),
        "a fresh session must not see the first session's secret, got {value:?}"
    );
}

fn pool_names(moto: &Moto) -> Vec<String> {
    let response = moto
        .cognito("ListUserPools", r#"{"MaxResults":10}"#)
        .expect("ListUserPools");
    assert_eq!(response.status, 200, "ListUserPools: {}", response.text());
    let reply: serde_json::Value = serde_json::from_slice(&response.body).expect("JSON reply");
    reply["UserPools"]
        .as_array()
        .expect("UserPools array")
        .iter()
        .map(|pool| pool["Name"].as_str().expect("pool name").to_owned())
        .collect()
}

#[test]
fn moto_creates_lists_and_resets_cognito_user_pools() {
    let moto = Moto::start().expect("start moto");
    assert!(moto.url().starts_with("http://127.0.0.1:"));
    let env = moto.aws_env();
    let get = |key: &str| {
        env.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .expect(key)
    };
    assert_eq!(get("AWS_ENDPOINT_URL"), moto.url());
    assert_eq!(get("AWS_REGION"), "us-east-1");
    assert_eq!(get("AWS_EC2_METADATA_DISABLED"), "true");
    assert!(!std::path::Path::new(&get("AWS_CONFIG_FILE")).exists());
    assert!(!std::path::Path::new(&get("AWS_SHARED_CREDENTIALS_FILE")).exists());

    assert!(pool_names(&moto).is_empty(), "a fresh moto has no pools");
    let created = moto
        .cognito("CreateUserPool", r#"{"PoolName":"harness"}"#)
        .expect("CreateUserPool");
    assert_eq!(created.status, 200, "CreateUserPool: {}", created.text());
    let reply: serde_json::Value = serde_json::from_slice(&created.body).expect("JSON reply");
    let id = reply["UserPool"]["Id"].as_str().expect("pool id");
    assert!(id.starts_with("us-east-1_"), "pool id {id}");
    assert_eq!(pool_names(&moto), vec!["harness".to_owned()]);

    let second = moto.create_user_pool("second").expect("create_user_pool");
    assert!(second.starts_with("us-east-1_"), "pool id {second}");
    assert_eq!(pool_names(&moto).len(), 2);

    moto.reset().expect("reset moto");
    assert!(pool_names(&moto).is_empty(), "reset must forget the pools");
}

fn unix_secs(time: SystemTime) -> f64 {
    time.duration_since(UNIX_EPOCH)
        .expect("a time after 1970")
        .as_secs_f64()
}

/// Sends `request` and asserts that the response's `Date` header is `expected` s ± 2 s ahead
/// of the system clock. The server wrote the header between `before` and `after`, truncated
/// to the second, so its clock was then between `date - after` and `date + 1 - before`
/// seconds ahead of ours: that whole range must lie within `expected ± 2`.
fn assert_date_ahead(what: &str, expected: f64, request: impl FnOnce() -> HttpResponse) {
    let before = SystemTime::now();
    let response = request();
    let after = SystemTime::now();
    assert_eq!(response.status, 200, "{what}: {}", response.text());
    let header = response
        .header("date")
        .unwrap_or_else(|| panic!("{what}: no Date header in {:?}", response.headers));
    let date = unix_secs(parse_http_date(header).expect("parse the Date header"));
    let (low, high) = (date - unix_secs(after), date + 1.0 - unix_secs(before));
    assert!(
        low >= expected - 2.0 && high <= expected + 2.0,
        "{what}: Date {header:?} puts the server {low:+.3} s to {high:+.3} s from our clock, \
         expected {expected:+} s ± 2 s"
    );
}

/// Asserts the `Date` of both a plain `HEAD /` and a Cognito API call (what Kairos's
/// fallback reads) is `expected` seconds ahead of the system clock.
fn assert_moto_dates_ahead(moto: &Moto, expected: f64) {
    assert_date_ahead("HEAD /", expected, || {
        http::request(moto.addr(), "HEAD", "/", &[], b"", Duration::from_secs(10)).expect("HEAD /")
    });
    assert_date_ahead("ListUserPools", expected, || {
        moto.cognito("ListUserPools", r#"{"MaxResults":1}"#)
            .expect("ListUserPools")
    });
}

#[test]
fn moto_date_header_follows_the_system_clock() {
    let moto = Moto::start().expect("start moto");
    assert_eq!(moto.shift_seconds(), 0);
    assert_moto_dates_ahead(&moto, 0.0);
}

#[test]
fn moto_shifted_sends_a_date_header_90_seconds_ahead() {
    let moto = Moto::start_shifted(90).expect("start time-shifted moto");
    assert_eq!(moto.shift_seconds(), 90);
    assert_moto_dates_ahead(&moto, 90.0);
    // The shifted server is still a working Cognito emulator.
    let id = moto.create_user_pool("shifted").expect("create_user_pool");
    assert!(id.starts_with("us-east-1_"), "pool id {id}");
    assert_eq!(pool_names(&moto), vec!["shifted".to_owned()]);
}

fn assert_ntp_reply(server: &Chrony, expected_offset: f64) {
    let reply = sntp_probe::query(server.addr(), Duration::from_secs(2)).expect("SNTP query");
    assert_eq!(reply.mode, 4, "server mode: {reply:?}");
    assert_eq!(reply.stratum, 3, "stratum: {reply:?}");
    assert!(
        reply.leap != 3,
        "server says it is unsynchronised: {reply:?}"
    );
    let offset = reply.offset_secs();
    assert!(
        (offset - expected_offset).abs() < 2.0,
        "server time is {offset:+.3} s from ours, expected {expected_offset:+} s ± 2 s"
    );
}

#[test]
fn chrony_serves_the_system_time() {
    let server = Chrony::start().expect("start chronyd");
    assert!(server.addr().ip().is_loopback());
    assert_ntp_reply(&server, 0.0);
}

#[test]
fn chrony_v6_serves_the_system_time_on_the_ipv6_loopback() {
    let server = Chrony::start_v6().expect("start chronyd on [::1]");
    let addr = server.addr();
    assert!(
        matches!(addr, SocketAddr::V6(v6) if *v6.ip() == Ipv6Addr::LOCALHOST),
        "address {addr} is not [::1]:PORT"
    );
    assert_ne!(addr.port(), 0);
    assert_ntp_reply(&server, 0.0);
    // IPv6 only: nothing of ours answers on 127.0.0.1 at that port.
    let v4 = SocketAddr::from(([127, 0, 0, 1], addr.port()));
    assert!(
        sntp_probe::query(v4, Duration::from_millis(300)).is_err(),
        "something answers NTP on {v4} too"
    );
}

#[test]
fn chrony_shifted_serves_a_clock_90_seconds_ahead() {
    let server = Chrony::start_shifted(90).expect("start time-shifted chronyd");
    assert_eq!(server.shift_seconds(), 90);
    assert_ntp_reply(&server, 90.0);
}

/// Whether `pid` is gone or a zombie (dead, not yet reaped by its new parent).
fn is_dead(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

fn wait_dead(pid: u32) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if is_dead(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn dropping_a_service_kills_its_whole_process_group() {
    use kairos_harness::process::{Probe, ServiceProcess, SpawnOptions};
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new("sh");
    // A grandchild in the background, and a shell that ignores SIGTERM.
    cmd.args(["-c", "trap '' TERM; sleep 600 & echo $!; wait"]);
    let service =
        ServiceProcess::spawn("sh", cmd, dir.path(), SpawnOptions::default()).expect("spawn sh");
    let grandchild: u32 = service
        .wait_until(
            "the grandchild's pid in the log",
            Duration::from_secs(10),
            || match std::fs::read_to_string(service.log_path()) {
                Ok(text) if text.ends_with('\n') => match text.trim().parse() {
                    Ok(pid) => Probe::Ready(pid),
                    Err(e) => Probe::Fatal(anyhow::anyhow!("bad pid {text:?}: {e}")),
                },
                _ => Probe::NotYet("no pid yet".into()),
            },
        )
        .expect("grandchild pid");
    let shell = service.pid();
    drop(service);
    assert!(is_dead(shell), "the shell (pid {shell}) survived the drop");
    assert!(
        wait_dead(grandchild),
        "the grandchild (pid {grandchild}) survived the drop"
    );
}

#[test]
fn services_die_when_the_test_process_is_killed() {
    use std::io::BufRead;
    let mut probe = Command::new(env!("CARGO_BIN_EXE_kairos-harness-orphan-probe"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the orphan probe");
    let mut line = String::new();
    std::io::BufReader::new(probe.stdout.take().expect("probe stdout"))
        .read_line(&mut line)
        .expect("read the service pid");
    let service: u32 = line.trim().parse().expect("service pid");
    assert!(!is_dead(service), "the service died too early");
    probe.kill().expect("SIGKILL the probe");
    probe.wait().expect("reap the probe");
    let died = wait_dead(service);
    if !died {
        let _ = Command::new("kill")
            .args(["-9", &service.to_string()])
            .status();
    }
    assert!(
        died,
        "the service (pid {service}) outlived its SIGKILLed parent"
    );
}
