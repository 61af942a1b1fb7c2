//! The fallback when no NTP server answers (UDP 123 is often blocked on
//! company networks): the `Date` header of an HTTPS response from the
//! Cognito endpoint, which is reachable wherever Cognito itself is.
//!
//! `Date` has one-second resolution and is truncated, so the server's clock
//! read somewhere in `[Date, Date + 1 s)` while the response was built. Taking
//! the middle of that second and the middle of our round trip bounds the
//! error by 0.5 s plus half the round trip: plenty for a 30 s TOTP window,
//! far too coarse to replace NTP when NTP answers.

use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::delta::SignedDuration;
use crate::clock::{Clock, UnixTime};

/// Where the fallback asks by default: the regional Cognito endpoint.
pub fn cognito_endpoint_url(region: &str) -> String {
    format!("https://cognito-idp.{region}.amazonaws.com/")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum HttpDateOutcome {
    Ok,
    Timeout,
    /// Name resolution, connection or TLS failed.
    Unreachable(String),
    /// The response carried no `Date` header.
    NoDate,
    /// A `Date` header that is not an HTTP date.
    BadDate(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpDateReport {
    pub url: String,
    /// How far the web server's clock is ahead of ours.
    pub offset: Option<SignedDuration>,
    /// Request to response headers.
    pub delay: Option<SignedDuration>,
    pub outcome: HttpDateOutcome,
}

/// Asks `url` once (any status will do: only the header is read).
pub async fn query_http_date(url: &str, clock: &dyn Clock, timeout: Duration) -> HttpDateReport {
    let mut report = HttpDateReport {
        url: url.to_owned(),
        offset: None,
        delay: None,
        outcome: HttpDateOutcome::Ok,
    };
    match exchange(url, clock, timeout).await {
        Ok((offset, delay)) => {
            report.offset = Some(offset);
            report.delay = Some(delay);
        }
        Err(outcome) => report.outcome = outcome,
    }
    report
}

async fn exchange(
    url: &str,
    clock: &dyn Clock,
    timeout: Duration,
) -> Result<(SignedDuration, SignedDuration), HttpDateOutcome> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        // A redirect's target is another server with its own clock.
        .redirect(reqwest::redirect::Policy::none())
        // No keep-alive pool: one request, and the next sync is 30 min away.
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|e| HttpDateOutcome::Unreachable(error_text(&e)))?;
    let t1 = nanos(clock.now());
    let response = client.head(url).send().await.map_err(|e| {
        if e.is_timeout() {
            HttpDateOutcome::Timeout
        } else {
            HttpDateOutcome::Unreachable(error_text(&e))
        }
    })?;
    let t4 = nanos(clock.now());
    let header = response
        .headers()
        .get(reqwest::header::DATE)
        .ok_or(HttpDateOutcome::NoDate)?;
    let text = header
        .to_str()
        .map_err(|_| HttpDateOutcome::BadDate("not ASCII".to_owned()))?;
    let date =
        httpdate::parse_http_date(text).map_err(|_| HttpDateOutcome::BadDate(text.to_owned()))?;
    Ok(measure(date, t1, t4))
}

/// Offset of the middle of the `Date` second from the middle of the round
/// trip, and the round trip itself.
pub(crate) fn measure(date: SystemTime, t1: i128, t4: i128) -> (SignedDuration, SignedDuration) {
    let server = nanos(UnixTime::from_system_time(date)) + 500_000_000;
    let midpoint = t1 + (t4 - t1) / 2;
    (
        SignedDuration::from_nanos_i128(server - midpoint),
        SignedDuration::from_nanos_i128((t4 - t1).max(0)),
    )
}

fn nanos(time: UnixTime) -> i128 {
    time.since_epoch().as_nanos() as i128
}

/// reqwest's top-level message ("error sending request") says little; the
/// innermost cause ("Connection refused") says what to fix.
fn error_text(error: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = error;
    while let Some(next) = source.source() {
        source = next;
    }
    source.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: i128 = 1_000_000_000;

    #[test]
    fn the_middle_of_the_date_second_is_compared_with_the_middle_of_the_trip() {
        let date = SystemTime::UNIX_EPOCH + Duration::from_secs(1_090);
        // Sent at 1000.0 s, answered at 1000.2 s by our clock.
        let (offset, delay) = measure(date, 1_000 * NS, 1_000 * NS + 200_000_000);
        assert_eq!(offset.as_nanos(), 90 * 1_000_000_000 + 400_000_000);
        assert_eq!(delay.as_nanos(), 200_000_000);
    }

    #[test]
    fn the_endpoint_follows_the_region() {
        assert_eq!(
            cognito_endpoint_url("eu-west-3"),
            "https://cognito-idp.eu-west-3.amazonaws.com/"
        );
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable_not_a_panic() {
        let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = socket.local_addr().expect("addr").port();
        drop(socket);
        let report = query_http_date(
            &format!("http://127.0.0.1:{port}/"),
            &crate::clock::SystemClock,
            Duration::from_secs(2),
        )
        .await;
        assert!(
            matches!(report.outcome, HttpDateOutcome::Unreachable(ref why) if why.contains("refused")),
            "{report:?}"
        );
        let report = query_http_date(
            "not a url",
            &crate::clock::SystemClock,
            Duration::from_secs(1),
        )
        .await;
        assert!(matches!(report.outcome, HttpDateOutcome::Unreachable(_)));
    }
}
