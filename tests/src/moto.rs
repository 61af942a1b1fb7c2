//! moto's standalone server, used as a local Amazon Cognito (cognito-idp) emulator.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use tempfile::TempDir;

use crate::http::{self, HttpResponse};
use crate::ports::{self, PortConflict, Proto};
use crate::process::{Probe, ServiceProcess, SpawnOptions};

/// Python imports take a while on a busy 2-core machine.
const START_TIMEOUT: Duration = Duration::from_secs(90);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Per readiness request; the first Cognito call loads moto's backend, so not too short.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
/// A syntactically valid SigV4 header for region us-east-1; moto does not check signatures.
const FAKE_AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=testing/20260101/us-east-1/cognito-idp/aws4_request, \
    SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
    Signature=0000000000000000000000000000000000000000000000000000000000000000";

/// `<repo>/.venv/bin/moto_server -H 127.0.0.1 -p <free port>` with
/// `MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true` (without it moto accepts any TOTP code),
/// optionally under libfaketime ([`Moto::start_shifted`]). Killed on drop.
#[derive(Debug)]
pub struct Moto {
    addr: SocketAddr,
    shift_seconds: i64,
    process: ServiceProcess,
    dir: TempDir,
}

impl Moto {
    /// Path of the moto_server script, `<repo>/.venv/bin/moto_server`.
    pub fn binary() -> PathBuf {
        crate::repo_root().join(".venv/bin/moto_server")
    }

    /// Start moto on a free port and wait until its Cognito API answers.
    pub fn start() -> Result<Self> {
        Self::launch(None)
    }

    /// Start moto with its clock `seconds` ahead of the system clock (negative: behind), so
    /// the HTTP `Date` header of every response is off by that much. Kairos falls back on the
    /// Cognito endpoint's `Date` header when no NTP server answers; this is a real endpoint
    /// whose clock is wrong. Runs moto_server under `LD_PRELOAD=libfaketime.so.1 FAKETIME=+N
    /// FAKETIME_DONT_FAKE_MONOTONIC=1` (Python's `time.time()` and werkzeug's `Date` follow
    /// it; moto does not check request signature dates, so the Cognito API works as usual).
    pub fn start_shifted(seconds: i64) -> Result<Self> {
        Self::launch(Some(seconds))
    }

    fn launch(shift: Option<i64>) -> Result<Self> {
        let binary = Self::binary();
        if !binary.is_file() {
            bail!(
                "moto_server not found at {} — run ./dev setup \
                 (or: python3 -m venv .venv && .venv/bin/pip install 'moto[server]')",
                binary.display()
            );
        }
        let faketime = shift.map(|_| crate::faketime_library()).transpose()?;
        ports::retry_on_port_conflict(|| {
            Self::start_on(&binary, faketime.as_deref(), shift, ports::free_tcp_port()?)
        })
    }

    fn start_on(
        binary: &Path,
        faketime: Option<&Path>,
        shift: Option<i64>,
        port: u16,
    ) -> Result<Self> {
        let dir = crate::service_dir("moto")?;
        let mut cmd = Command::new(binary);
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .env("PYTHONUNBUFFERED", "1");
        remove_aws_vars(&mut cmd);
        if let (Some(library), Some(seconds)) = (faketime, shift) {
            // Python reads the clock through clock_gettime(CLOCK_REALTIME), which
            // libfaketime shifts; "+90" works as is (no "s" suffix, no FAKETIME_NO_CACHE).
            cmd.env("LD_PRELOAD", library)
                .env("FAKETIME", format!("{seconds:+}"))
                .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        }
        let process =
            ServiceProcess::spawn("moto_server", cmd, dir.path(), SpawnOptions::default())?;
        let moto = Moto {
            addr: ports::loopback(port),
            shift_seconds: shift.unwrap_or(0),
            process,
            dir,
        };
        let pid = moto.process.pid();
        let port_taken = || moto.process.log_contains("Address already in use");
        let ready = moto.process.wait_until(
            &format!("ListUserPools on {} to answer 200", moto.url()),
            START_TIMEOUT,
            || {
                if port_taken() {
                    let conflict = PortConflict(format!("moto_server could not bind {port}"));
                    return Probe::Fatal(conflict.into());
                }
                // Only ask once our moto holds the port: otherwise another server could answer.
                match ports::pid_owns_port(pid, Proto::Tcp, port) {
                    Ok(true) => {}
                    Ok(false) => return Probe::NotYet(format!("not listening on {port} yet")),
                    Err(error) => return Probe::Fatal(error),
                }
                match moto.cognito_with_timeout(
                    "ListUserPools",
                    "{\"MaxResults\":1}",
                    PROBE_TIMEOUT,
                ) {
                    Ok(response) if response.status == 200 => Probe::Ready(()),
                    Ok(response) => {
                        Probe::NotYet(format!("HTTP {}: {}", response.status, response.text()))
                    }
                    Err(error) => Probe::NotYet(format!("{error:#}")),
                }
            },
        );
        if let Err(error) = ready {
            if error.is::<PortConflict>() || port_taken() {
                return Err(PortConflict(format!("{port}: {error:#}")).into());
            }
            return Err(error);
        }
        let clock = match shift {
            Some(seconds) => format!("clock shifted by {seconds:+} s"),
            None => "system clock".to_owned(),
        };
        eprintln!(
            "kairos-harness: started moto_server at {} ({clock}, pid {}, log {})",
            moto.url(),
            pid,
            moto.process.log_path().display()
        );
        Ok(moto)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Forget all state (`POST /moto-api/reset`).
    pub fn reset(&self) -> Result<()> {
        let response = self.post("/moto-api/reset", &[], b"")?;
        if response.status != 200 {
            bail!(
                "moto reset failed: HTTP {}: {}",
                response.status,
                response.text()
            );
        }
        Ok(())
    }

    /// `POST path` with `headers` and `body` to this server.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<HttpResponse> {
        http::request(self.addr, "POST", path, headers, body, REQUEST_TIMEOUT)
    }

    /// Call Cognito's JSON API: `POST /` with `X-Amz-Target:
    /// AWSCognitoIdentityProviderService.<action>` and a fake SigV4 `Authorization` header.
    pub fn cognito(&self, action: &str, json: &str) -> Result<HttpResponse> {
        self.cognito_with_timeout(action, json, REQUEST_TIMEOUT)
    }

    fn cognito_with_timeout(
        &self,
        action: &str,
        json: &str,
        timeout: Duration,
    ) -> Result<HttpResponse> {
        let target = format!("AWSCognitoIdentityProviderService.{action}");
        let headers = [
            ("X-Amz-Target", target.as_str()),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Date", "20260101T000000Z"),
            ("Authorization", FAKE_AUTHORIZATION),
        ];
        http::request(self.addr, "POST", "/", &headers, json.as_bytes(), timeout)
    }

    /// Create a Cognito user pool called `name` (`CreateUserPool`) and return its id.
    pub fn create_user_pool(&self, name: &str) -> Result<String> {
        let body = serde_json::json!({ "PoolName": name }).to_string();
        let response = self.cognito("CreateUserPool", &body)?;
        if response.status != 200 {
            bail!(
                "CreateUserPool {name:?} failed: HTTP {}: {}",
                response.status,
                response.text()
            );
        }
        let reply: serde_json::Value = serde_json::from_slice(&response.body)
            .with_context(|| format!("CreateUserPool returned non-JSON: {}", response.text()))?;
        reply["UserPool"]["Id"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("CreateUserPool reply has no UserPool.Id: {reply}"))
    }

    /// Environment for an AWS SDK client that must talk to this server and nothing else:
    /// `AWS_ENDPOINT_URL`, `AWS_REGION`/`AWS_DEFAULT_REGION=us-east-1`, dummy keys,
    /// `AWS_EC2_METADATA_DISABLED=true`, and `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE`
    /// pointing at files that do not exist (so the developer's ~/.aws is never read).
    /// Prefer [`Moto::apply_aws_env`], which also removes every other `AWS_*` variable.
    pub fn aws_env(&self) -> Vec<(String, String)> {
        let missing = |name: &str| self.dir.path().join(name).display().to_string();
        [
            ("AWS_ENDPOINT_URL", self.url()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_DEFAULT_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "testing".into()),
            ("AWS_SECRET_ACCESS_KEY", "testing".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
            ("AWS_CONFIG_FILE", missing("no-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", missing("no-aws-credentials")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Remove every inherited `AWS_*` variable from `cmd` (profiles, session tokens,
    /// per-service endpoints, ...) and set [`Moto::aws_env`].
    pub fn apply_aws_env(&self, cmd: &mut Command) {
        remove_aws_vars(cmd);
        cmd.envs(self.aws_env());
    }

    /// How far this server's clock is shifted (0 for [`Moto::start`]).
    pub fn shift_seconds(&self) -> i64 {
        self.shift_seconds
    }

    /// moto_server's process id.
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }
}

/// Parse an HTTP `Date` header in the IMF-fixdate form servers send (RFC 9110 §5.6.7),
/// `Sun, 06 Nov 1994 08:49:37 GMT`, into a time (whole seconds). The obsolete RFC 850 and
/// asctime forms are rejected: neither moto (werkzeug) nor AWS sends them.
///
/// For checking a server's clock from the harness's own tests, independently of Kairos's
/// parser.
pub fn parse_http_date(value: &str) -> Result<SystemTime> {
    let bad = |why: &str| anyhow!("not an IMF-fixdate HTTP date ({why}): {value:?}");
    let fields: Vec<&str> = value.split_whitespace().collect();
    let [weekday, day, month, year, time, zone] = fields.as_slice() else {
        return Err(bad("expected 6 fields"));
    };
    if !weekday.ends_with(',') || *zone != "GMT" {
        return Err(bad("expected `Www, ... GMT`"));
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS
        .iter()
        .position(|name| name == month)
        .ok_or_else(|| bad("unknown month"))?;
    let number = |text: &str, max: u32| {
        text.parse::<u32>()
            .ok()
            .filter(|n| *n <= max && text.len() == 2)
            .ok_or_else(|| bad("bad day or time"))
    };
    let day = number(day, 31)?;
    let year: i64 = year
        .parse()
        .ok()
        .filter(|y| (1970..=9999).contains(y))
        .ok_or_else(|| bad("bad year"))?;
    let [hour, minute, second] = time.split(':').collect::<Vec<_>>()[..] else {
        return Err(bad("expected HH:MM:SS"));
    };
    let (hour, minute, second) = (number(hour, 23)?, number(minute, 59)?, number(second, 60)?);
    if day == 0 {
        return Err(bad("day 0"));
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let m = month as i64 + 1;
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds =
        days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    let seconds = u64::try_from(seconds).map_err(|_| bad("before 1970"))?;
    Ok(UNIX_EPOCH + Duration::from_secs(seconds))
}

fn remove_aws_vars(cmd: &mut Command) {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            cmd.env_remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_reported_as_a_port_conflict() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind TCP");
        let port = taken.local_addr().expect("local addr").port();
        let error = Moto::start_on(&Moto::binary(), None, None, port).expect_err("port is taken");
        assert!(error.is::<PortConflict>(), "not a port conflict: {error:#}");
    }

    #[test]
    fn http_dates_parse_to_unix_seconds() {
        let secs = |text: &str| {
            parse_http_date(text)
                .expect(text)
                .duration_since(UNIX_EPOCH)
                .expect("after 1970")
                .as_secs()
        };
        // Values from Python's email.utils.parsedate_to_datetime.
        assert_eq!(secs("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
        assert_eq!(secs("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777);
        assert_eq!(secs("Thu, 29 Feb 2024 23:59:59 GMT"), 1_709_251_199);
        assert_eq!(secs("Mon, 23 Nov 2026 16:30:23 GMT"), 1_795_451_423);
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
        ] {
            assert!(parse_http_date(bad).is_err(), "accepted {bad:?}");
        }
    }
}
