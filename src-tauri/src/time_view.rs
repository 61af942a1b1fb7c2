//! What the window sees of network time: durations as float milliseconds
//! (what it formats), instants as milliseconds since the epoch.

use kairos_core::time::{
    ClockWarning, HttpDateOutcome, Outcome, SignedDuration, TimeOverview, TimeSource,
};
use kairos_core::{CoreError, ErrorReport, Locale, UserFacing};
use serde::Serialize;

fn ms(duration: SignedDuration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn epoch_ms(time: kairos_core::clock::UnixTime) -> u64 {
    u64::try_from(time.since_epoch().as_millis()).unwrap_or(u64::MAX)
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum ServerOutcomeView<'a> {
    /// Configured, not asked yet in this run.
    NotAsked,
    #[serde(untagged)]
    Known(&'a Outcome),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ServerRowView<'a> {
    server: &'a str,
    address: Option<String>,
    offset_ms: Option<f64>,
    delay_ms: Option<f64>,
    stratum: Option<u8>,
    outcome: ServerOutcomeView<'a>,
    chosen: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct HttpDateRowView<'a> {
    url: &'a str,
    offset_ms: Option<f64>,
    delay_ms: Option<f64>,
    outcome: &'a HttpDateOutcome,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TimeViewInner<'a> {
    enabled: bool,
    offset_ms: f64,
    source: &'a TimeSource,
    last_sync: Option<u64>,
    last_attempt: Option<u64>,
    next_sync: Option<u64>,
    syncing: bool,
    warnings: &'a [ClockWarning],
    warning_threshold_seconds: u32,
    servers: Vec<ServerRowView<'a>>,
    http_date: Option<HttpDateRowView<'a>>,
    /// Why remembered time could not be kept, when it could not.
    problem: Option<ErrorReport>,
}

/// Serialised once, when built: the view borrows the overview.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct TimeView(serde_json::Value);

impl TimeView {
    pub fn new(overview: &TimeOverview, problem: Option<&CoreError>, locale: Locale) -> Self {
        let status = &overview.status;
        let servers = overview
            .servers
            .iter()
            .map(|row| {
                let report = row.report.as_ref();
                ServerRowView {
                    server: &row.server,
                    address: report.and_then(|r| r.address).map(|a| a.to_string()),
                    offset_ms: report.and_then(|r| r.offset).map(ms),
                    delay_ms: report.and_then(|r| r.delay).map(ms),
                    stratum: report.and_then(|r| r.stratum),
                    outcome: report.map_or(ServerOutcomeView::NotAsked, |r| {
                        ServerOutcomeView::Known(&r.outcome)
                    }),
                    chosen: row.chosen,
                }
            })
            .collect();
        let inner = TimeViewInner {
            enabled: status.enabled,
            offset_ms: ms(status.offset),
            source: &status.source,
            last_sync: status.last_sync.map(epoch_ms),
            last_attempt: status.last_attempt.map(epoch_ms),
            next_sync: status.next_sync.map(epoch_ms),
            syncing: status.syncing,
            warnings: &status.warnings,
            warning_threshold_seconds: status.warning_threshold_seconds,
            servers,
            http_date: overview.http_date.as_ref().map(|h| HttpDateRowView {
                url: &h.url,
                offset_ms: h.offset.map(ms),
                delay_ms: h.delay.map(ms),
                outcome: &h.outcome,
            }),
            problem: problem.map(|p| p.report(locale)),
        };
        // Plain data always serialises; null would only hide a bug in a test.
        Self(serde_json::to_value(inner).unwrap_or(serde_json::Value::Null))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::time::TrustedClock;

    #[test]
    fn a_fresh_clock_lists_its_servers_as_not_asked() -> Result<(), serde_json::Error> {
        let clock = TrustedClock::default();
        let view = TimeView::new(&clock.overview(), None, Locale::En);
        let json = serde_json::to_value(&view)?;
        assert_eq!(json["enabled"], true);
        assert_eq!(json["offsetMs"], 0.0);
        assert_eq!(json["source"]["kind"], "system");
        assert_eq!(json["warnings"][0]["kind"], "unsynchronised");
        assert_eq!(json["servers"][0]["server"], "time.aws.com");
        assert_eq!(json["servers"][0]["outcome"]["kind"], "notAsked");
        assert_eq!(json["httpDate"], serde_json::Value::Null);
        assert_eq!(json["warningThresholdSeconds"], 5);
        Ok(())
    }
}
