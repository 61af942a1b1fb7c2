//! What the trusted clock tells the user: where its time comes from, what is
//! wrong with it, and what each server said last.

use serde::Serialize;

use super::delta::SignedDuration;
use super::http_date::HttpDateReport;
use super::settings::TimeSettings;
use super::sntp::ServerReport;
use crate::clock::UnixTime;

/// Where the offset in use comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TimeSource {
    /// Measured by SNTP in this run.
    Ntp { servers: Vec<String> },
    /// From a web server's `Date` header, no NTP server having answered.
    HttpDate { url: String },
    /// No measurement (or network time turned off): the system clock as is.
    System,
    /// Loaded from disk at start-up; `aged` once older than a day.
    /// `origin` names the servers (comma-separated) or the URL it came from.
    #[serde(rename_all = "camelCase")]
    Persisted {
        aged: bool,
        measured_at: UnixTime,
        origin: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ClockWarning {
    /// No server ever answered: codes rely on the system clock.
    Unsynchronised,
    /// The latest sync got no answer; the previous offset is still used.
    LastSyncFailed,
    /// The offset in use was measured more than a day ago.
    AgedOffset,
    /// The system clock is off by more than the threshold.
    LargeOffset { offset: SignedDuration },
    /// Network time is turned off: codes use the system clock.
    Disabled,
    /// The server list mixes leap-smearing servers with others.
    MixedSmearing,
}

/// What the UI and the CLI show about time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockStatus {
    pub enabled: bool,
    /// Added to the system clock (zero when turned off).
    pub offset: SignedDuration,
    pub source: TimeSource,
    /// The last successful measurement.
    pub last_sync: Option<UnixTime>,
    /// The last attempt, successful or not.
    pub last_attempt: Option<UnixTime>,
    /// When [`TrustedClock::due`](super::TrustedClock::due) next turns true,
    /// barring a clock jump; `None` when turned off or every server refused.
    pub next_sync: Option<UnixTime>,
    pub syncing: bool,
    pub warnings: Vec<ClockWarning>,
    /// Offsets larger than this raise [`ClockWarning::LargeOffset`].
    pub warning_threshold_seconds: u32,
}

/// Everything the Time page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeOverview {
    pub status: ClockStatus,
    pub settings: TimeSettings,
    /// One per configured server, in the settings' order; servers not asked
    /// yet in this run have no report.
    pub servers: Vec<ServerRow>,
    /// The `Date` fallback's last answer, once it was tried.
    pub http_date: Option<HttpDateReport>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerRow {
    /// As configured.
    pub server: String,
    pub report: Option<ServerReport>,
    /// Its sample made the offset in use.
    pub chosen: bool,
}
