//! A [`Clock`] that reads the system clock and adds the offset measured by
//! SNTP (or, failing that, an HTTPS `Date` header), plus the policy for when
//! to measure again.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::delta::SignedDuration;
use super::http_date::{self, HttpDateReport};
use super::settings::TimeSettings;
use super::sntp::{
    self, DEFAULT_TIMEOUT, Outcome, RejectReason, ServerReport, ServerSpec, SkipReason, SyncResult,
};
use super::status::{ClockStatus, ClockWarning, ServerRow, TimeOverview, TimeSource};
use super::store::{StoredOffset, StoredOrigin, TimeStore};
use crate::CoreError;
use crate::clock::{Clock, SystemClock, UnixTime};

/// How often a server is asked, unless it asked us to slow down: the NTP
/// pool's rules ask clients like ours for no more than this.
pub const RESYNC_INTERVAL: Duration = Duration::from_secs(30 * 60);
/// After a sync where nothing answered (offline, UDP blocked), try again
/// sooner: nobody was bothered by the failed attempt.
pub const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(5 * 60);
/// A persisted offset older than this may have drifted (a typical clock
/// drifts by seconds a day).
const PERSISTED_FRESH_FOR: Duration = Duration::from_secs(24 * 3600);
/// Monotonic and system time disagreeing by more than this since the last
/// check means the system clock was set, or the machine slept.
const JUMP_TOLERANCE: Duration = Duration::from_secs(2);
/// `RATE` doubles a server's interval, up to a day.
const MAX_SERVER_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// What a server told us about asking it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerState {
    pub last_query: UnixTime,
    /// [`RESYNC_INTERVAL`], doubled by each `RATE`.
    pub min_interval: Duration,
    /// The kiss code (`DENY`, `RSTR`) that stopped us using it.
    pub denied: Option<String>,
}

impl ServerState {
    fn next_query(&self) -> UnixTime {
        self.last_query.saturating_add(self.min_interval)
    }

    fn rate_limited(&self) -> bool {
        self.min_interval > RESYNC_INTERVAL
    }
}

#[derive(Clone, Debug)]
struct State {
    settings: TimeSettings,
    offset: SignedDuration,
    source: TimeSource,
    last_sync: Option<UnixTime>,
    last_attempt: Option<UnixTime>,
    last_sync_failed: bool,
    /// Monotonic and system readings at the last [`TrustedClock::due_at`].
    checked: Option<(Instant, UnixTime)>,
    jumped: bool,
    /// Keyed by normalised `host:port`.
    servers: HashMap<String, ServerState>,
    reports: HashMap<String, ServerReport>,
    chosen: Vec<String>,
    http_date: Option<HttpDateReport>,
}

/// The clock codes are computed from. Cheap to read from any thread: a
/// read lock around a few words (nothing secret in it).
pub struct TrustedClock {
    base: Arc<dyn Clock>,
    store: Option<TimeStore>,
    timeout: Duration,
    http_url: Option<String>,
    syncing: AtomicBool,
    state: RwLock<State>,
}

impl std::fmt::Debug for TrustedClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustedClock")
            .field("timeout", &self.timeout)
            .field("http_url", &self.http_url)
            .field("state", &*self.read())
            .finish_non_exhaustive()
    }
}

impl Default for TrustedClock {
    fn default() -> Self {
        Self::new(Arc::new(SystemClock))
    }
}

fn key(server: &str) -> Option<String> {
    ServerSpec::parse(server).ok().map(|s| s.to_string())
}

impl TrustedClock {
    /// Corrects `base` (the system clock outside tests); default settings,
    /// nothing persisted, no `Date` fallback.
    pub fn new(base: Arc<dyn Clock>) -> Self {
        Self {
            base,
            store: None,
            timeout: DEFAULT_TIMEOUT,
            http_url: None,
            syncing: AtomicBool::new(false),
            state: RwLock::new(State {
                settings: TimeSettings::default(),
                offset: SignedDuration::ZERO,
                source: TimeSource::System,
                last_sync: None,
                last_attempt: None,
                last_sync_failed: false,
                checked: None,
                jumped: false,
                servers: HashMap::new(),
                reports: HashMap::new(),
                chosen: Vec::new(),
                http_date: None,
            }),
        }
    }

    /// The system clock corrected by what `dir`'s `time.db` remembers
    /// (settings, last offset, servers' back-offs); later syncs are saved
    /// there.
    pub async fn open(dir: &Path) -> Result<Self, CoreError> {
        Self::open_with(Arc::new(SystemClock), dir).await
    }

    pub async fn open_with(base: Arc<dyn Clock>, dir: &Path) -> Result<Self, CoreError> {
        let store = TimeStore::open(dir).await?;
        let settings = store
            .settings()
            .await?
            .unwrap_or_else(TimeSettings::initial);
        let offset = store.offset().await?;
        let servers = store.server_states().await?;
        let mut clock = Self::new(base);
        let now = clock.base.now();
        let state = clock.state.get_mut().unwrap_or_else(|p| p.into_inner());
        state.settings = settings;
        state.servers = servers.into_iter().collect();
        if let Some(record) = offset {
            let age = now
                .since_epoch()
                .saturating_sub(record.measured_at.since_epoch());
            state.offset = record.offset;
            state.last_sync = Some(record.measured_at);
            state.source = TimeSource::Persisted {
                aged: age > PERSISTED_FRESH_FOR,
                measured_at: record.measured_at,
                origin: match record.origin {
                    StoredOrigin::Ntp(servers) => servers.join(", "),
                    StoredOrigin::HttpDate(url) => format!("HTTP Date ({url})"),
                },
            };
        }
        clock.store = Some(store);
        Ok(clock)
    }

    /// Waits for pending writes and closes `time.db`.
    pub async fn close(&self) {
        if let Some(store) = &self.store {
            store.close().await;
        }
    }

    /// Per-server time limit for each sync.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Where to read a `Date` header when no NTP server answers (see
    /// [`http_fallback_url`](super::http_fallback_url)); used only while the
    /// settings allow it.
    pub fn with_http_fallback(mut self, url: Option<String>) -> Self {
        self.http_url = url;
        self
    }

    /// Settings for a clock that keeps nothing on disk.
    pub fn with_settings(self, settings: TimeSettings) -> Self {
        self.write().settings = settings;
        self
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // The state is a few plain values, consistent after any panic.
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Added to the system clock; zero while network time is turned off.
    pub fn offset(&self) -> SignedDuration {
        let state = self.read();
        if state.settings.enabled {
            state.offset
        } else {
            SignedDuration::ZERO
        }
    }

    pub fn settings(&self) -> TimeSettings {
        self.read().settings.clone()
    }

    /// Checks, saves and applies new settings; returns them cleaned.
    pub async fn set_settings(&self, settings: TimeSettings) -> Result<TimeSettings, CoreError> {
        let settings = settings.validated()?;
        if let Some(store) = &self.store {
            store.save_settings(&settings).await?;
        }
        let mut state = self.write();
        if state.settings.servers != settings.servers {
            // A new list deserves a measurement now, not in half an hour.
            state.jumped = true;
        }
        state.settings = settings.clone();
        Ok(settings)
    }

    pub fn status(&self) -> ClockStatus {
        let state = self.read();
        let enabled = state.settings.enabled;
        let threshold = Duration::from_secs(u64::from(state.settings.warning_threshold_seconds));
        let mut warnings = Vec::new();
        if !enabled {
            warnings.push(ClockWarning::Disabled);
        } else {
            match state.source {
                TimeSource::System => warnings.push(ClockWarning::Unsynchronised),
                TimeSource::Persisted { aged: true, .. } => warnings.push(ClockWarning::AgedOffset),
                _ => {}
            }
            if state.last_sync_failed && state.source != TimeSource::System {
                warnings.push(ClockWarning::LastSyncFailed);
            }
        }
        // The system clock is as wrong with network time off; we just do
        // not know by how much any more, unless we measured it before.
        if state.offset.magnitude() > threshold && state.source != TimeSource::System {
            warnings.push(ClockWarning::LargeOffset {
                offset: state.offset,
            });
        }
        if state.settings.mixes_smearing() {
            warnings.push(ClockWarning::MixedSmearing);
        }
        ClockStatus {
            enabled,
            offset: if enabled {
                state.offset
            } else {
                SignedDuration::ZERO
            },
            source: if enabled {
                state.source.clone()
            } else {
                TimeSource::System
            },
            last_sync: state.last_sync,
            last_attempt: state.last_attempt,
            next_sync: if enabled { next_sync(&state) } else { None },
            syncing: self.syncing.load(Ordering::SeqCst),
            warnings,
            warning_threshold_seconds: state.settings.warning_threshold_seconds,
        }
    }

    /// The status, the settings and each configured server's last report.
    pub fn overview(&self) -> TimeOverview {
        let status = self.status();
        let state = self.read();
        let servers = state
            .settings
            .servers
            .iter()
            .map(|server| {
                let normalised = key(server);
                ServerRow {
                    server: server.clone(),
                    report: normalised
                        .as_ref()
                        .and_then(|k| state.reports.get(k))
                        .cloned(),
                    chosen: normalised.is_some_and(|k| state.chosen.contains(&k)),
                }
            })
            .collect();
        TimeOverview {
            status,
            settings: state.settings.clone(),
            servers,
            http_date: state.http_date.clone(),
        }
    }

    /// What `server` (as configured) asked of us, once it was queried.
    pub fn server_state(&self, server: &str) -> Option<ServerState> {
        self.read().servers.get(&key(server)?).cloned()
    }

    /// Whether the app should call [`sync_now`](Self::sync_now) now.
    pub fn due(&self) -> bool {
        self.due_at(self.base.now(), Instant::now())
    }

    /// [`due`](Self::due) with both clocks given: network time is on, and
    /// the system clock jumped (set by hand, or resume from sleep) since the
    /// previous call, or the next sync's time has come.
    pub fn due_at(&self, system_now: UnixTime, monotonic_now: Instant) -> bool {
        let mut state = self.write();
        if let Some((monotonic, system)) = state.checked {
            let monotonic_elapsed = monotonic_now
                .saturating_duration_since(monotonic)
                .as_nanos() as i128;
            let system_elapsed = system_now.since_epoch().as_nanos() as i128
                - system.since_epoch().as_nanos() as i128;
            if (system_elapsed - monotonic_elapsed).unsigned_abs() > JUMP_TOLERANCE.as_nanos() {
                state.jumped = true;
            }
        }
        state.checked = Some((monotonic_now, system_now));
        if !state.settings.enabled {
            return false;
        }
        state.jumped || next_sync(&state).is_some_and(|next| next <= system_now)
    }

    /// Measures with the configured servers (and the `Date` fallback).
    pub async fn sync_now(&self) -> Result<SyncResult, CoreError> {
        let settings = self.settings();
        if !settings.enabled {
            return Err(CoreError::TimeDisabled);
        }
        self.sync(&settings.servers).await
    }

    /// Asks `servers` (`host[:port]`) in parallel and, when one answers,
    /// corrects the clock; when none does and the settings allow, reads the
    /// `Date` header of the fallback URL. A sync where everything fails is
    /// not an error: the reports say why, and the clock keeps its previous
    /// offset (the system clock's when there was none).
    pub async fn sync<S: AsRef<str>>(&self, servers: &[S]) -> Result<SyncResult, CoreError> {
        if servers.is_empty() {
            return Err(CoreError::TimeNoServer);
        }
        let specs = servers
            .iter()
            .map(|s| ServerSpec::parse(s.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        self.syncing.store(true, Ordering::SeqCst);
        let result = self.sync_specs(&specs).await;
        self.syncing.store(false, Ordering::SeqCst);
        let (result, offset_record, states) = result;
        if let Some(store) = &self.store {
            store.save_server_states(&states).await?;
            if let Some(record) = offset_record {
                store.save_offset(&record).await?;
            }
        }
        Ok(result)
    }

    async fn sync_specs(
        &self,
        specs: &[ServerSpec],
    ) -> (SyncResult, Option<StoredOffset>, Vec<(String, ServerState)>) {
        let started = self.base.now();
        let skipped = self.skipped(specs, started);
        let to_ask: Vec<ServerSpec> = specs
            .iter()
            .enumerate()
            .filter(|(index, _)| !skipped.contains_key(index))
            .map(|(_, spec)| spec.clone())
            .collect();
        let asked = sntp::query_servers(&to_ask, Arc::clone(&self.base), self.timeout).await;
        let mut skipped = skipped;
        let mut asked_reports = asked.reports.into_iter();
        let reports = (0..specs.len())
            .filter_map(|index| skipped.remove(&index).or_else(|| asked_reports.next()))
            .collect();
        let mut result = SyncResult { reports, ..asked };

        let fallback = match (&self.http_url, result.offset) {
            (Some(url), None) if self.read().settings.http_fallback => Some(url.clone()),
            _ => None,
        };
        if let Some(url) = fallback {
            let report = http_date::query_http_date(&url, self.base.as_ref(), self.timeout).await;
            if let Some(offset) = report.offset {
                result.offset = Some(offset);
                result.chosen_from = vec![url];
            }
            result.at = self.base.now();
            result.http_date = Some(report);
        }
        let (record, states) = self.apply(&result, started);
        (result, record, states)
    }

    /// Servers that told us to stay away, by position: not asked.
    fn skipped(&self, specs: &[ServerSpec], now: UnixTime) -> HashMap<usize, ServerReport> {
        let state = self.read();
        let mut skipped = HashMap::new();
        for (index, spec) in specs.iter().enumerate() {
            let Some(known) = state.servers.get(&spec.to_string()) else {
                continue;
            };
            let reason = match &known.denied {
                Some(code) => Some(SkipReason::Denied { code: code.clone() }),
                None if known.rate_limited() && now < known.next_query() => {
                    Some(SkipReason::RateLimited {
                        until: known.next_query(),
                    })
                }
                None => None,
            };
            if let Some(reason) = reason {
                skipped.insert(index, ServerReport::skipped(spec, reason));
            }
        }
        skipped
    }

    /// Updates offset, source, reports and back-offs; returns what to
    /// persist.
    fn apply(
        &self,
        result: &SyncResult,
        started: UnixTime,
    ) -> (Option<StoredOffset>, Vec<(String, ServerState)>) {
        let mut state = self.write();
        let mut changed = Vec::new();
        for report in &result.reports {
            state.reports.insert(report.server.clone(), report.clone());
            if matches!(report.outcome, Outcome::Skipped(_)) {
                continue;
            }
            let server = state
                .servers
                .entry(report.server.clone())
                .or_insert(ServerState {
                    last_query: started,
                    min_interval: RESYNC_INTERVAL,
                    denied: None,
                });
            server.last_query = started;
            if let Outcome::Rejected(RejectReason::KissOfDeath { code }) = &report.outcome {
                match code.as_str() {
                    "RATE" => {
                        server.min_interval = (server.min_interval * 2).min(MAX_SERVER_INTERVAL)
                    }
                    "DENY" | "RSTR" => server.denied = Some(code.clone()),
                    // Other codes are informational (RFC 5905 §7.4).
                    _ => {}
                }
            }
            changed.push((report.server.clone(), server.clone()));
        }
        state.http_date = result.http_date.clone().or(state.http_date.take());
        state.last_attempt = Some(result.at);
        state.jumped = false;
        let Some(offset) = result.offset else {
            state.last_sync_failed = true;
            return (None, changed);
        };
        let ntp = result.http_date.as_ref().is_none_or(|r| r.offset.is_none());
        let origin = if ntp {
            state.source = TimeSource::Ntp {
                servers: result.chosen_from.clone(),
            };
            state.chosen = result.chosen_from.clone();
            StoredOrigin::Ntp(result.chosen_from.clone())
        } else {
            let url = result.chosen_from.first().cloned().unwrap_or_default();
            state.source = TimeSource::HttpDate { url: url.clone() };
            state.chosen = Vec::new();
            StoredOrigin::HttpDate(url)
        };
        state.offset = offset;
        state.last_sync = Some(result.at);
        state.last_sync_failed = false;
        let record = StoredOffset {
            offset,
            measured_at: result.at,
            origin,
        };
        (Some(record), changed)
    }
}

/// When the next sync is due: never synced, after a failure's short pause,
/// or when the earliest usable configured server may be asked again.
fn next_sync(state: &State) -> Option<UnixTime> {
    let configured: Vec<String> = state
        .settings
        .servers
        .iter()
        .filter_map(|s| key(s))
        .collect();
    let mut earliest: Option<UnixTime> = None;
    let mut any_usable = false;
    for server in &configured {
        match state.servers.get(server) {
            // Never asked: now.
            None => return Some(UnixTime::EPOCH),
            Some(known) if known.denied.is_some() => {}
            Some(known) => {
                any_usable = true;
                let next = known.next_query();
                earliest = Some(earliest.map_or(next, |e| e.min(next)));
            }
        }
    }
    if !any_usable {
        return None; // every server said DENY: asking again is pointless
    }
    if state.last_sync_failed
        && let Some(attempt) = state.last_attempt
    {
        let retry = attempt.saturating_add(RETRY_AFTER_FAILURE);
        earliest = Some(earliest.map_or(retry, |e| e.min(retry)));
    }
    earliest
}

impl Clock for TrustedClock {
    fn now(&self) -> UnixTime {
        self.offset().apply(self.base.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    /// A system clock the test sets by hand.
    #[derive(Debug, Default)]
    struct HandClock(AtomicU64);

    impl Clock for HandClock {
        fn now(&self) -> UnixTime {
            UnixTime::from_seconds(self.0.load(Ordering::SeqCst))
        }
    }

    fn with_servers(servers: &[(&str, ServerState)]) -> TrustedClock {
        let clock = TrustedClock::new(Arc::new(HandClock::default())).with_settings(TimeSettings {
            servers: servers.iter().map(|(name, _)| (*name).to_owned()).collect(),
            ..TimeSettings::default()
        });
        {
            let mut state = clock.write();
            state.last_sync = Some(UnixTime::EPOCH);
            for (name, server) in servers {
                state.servers.insert((*name).to_owned(), server.clone());
            }
        }
        clock
    }

    fn server(last: u64, interval: Duration, denied: Option<&str>) -> ServerState {
        ServerState {
            last_query: UnixTime::from_seconds(last),
            min_interval: interval,
            denied: denied.map(str::to_owned),
        }
    }

    #[test]
    fn due_when_never_asked_after_the_interval_or_after_a_jump() {
        let t0 = Instant::now();
        let never = TrustedClock::default();
        assert!(never.due_at(UnixTime::from_seconds(10_000), t0));

        let clock = with_servers(&[("a:123", server(10_000, RESYNC_INTERVAL, None))]);
        assert!(!clock.due_at(UnixTime::from_seconds(10_000), t0));
        // Both clocks advance together by 10 minutes: not due.
        let t1 = t0 + Duration::from_secs(600);
        assert!(!clock.due_at(UnixTime::from_seconds(10_600), t1));
        // After 30 minutes: due.
        let t2 = t0 + RESYNC_INTERVAL;
        assert!(clock.due_at(UnixTime::from_seconds(10_000 + 1800), t2));

        // A jump: system time moves 1 h while 1 s passes.
        let clock = with_servers(&[("a:123", server(10_000, RESYNC_INTERVAL, None))]);
        assert!(!clock.due_at(UnixTime::from_seconds(10_000), t0));
        assert!(clock.due_at(UnixTime::from_seconds(13_601), t0 + Duration::from_secs(1)));
        // Stays due until a sync.
        assert!(clock.due_at(UnixTime::from_seconds(13_602), t0 + Duration::from_secs(2)));
    }

    #[test]
    fn rate_backs_off_deny_stops_asking_and_failures_retry_sooner() {
        let t0 = Instant::now();
        let clock = with_servers(&[("a:123", server(0, RESYNC_INTERVAL * 2, None))]);
        assert!(!clock.due_at(UnixTime::from_seconds(1800), t0));
        assert!(clock.due_at(UnixTime::from_seconds(3600), t0 + Duration::from_secs(1800)));

        let clock = with_servers(&[("a:123", server(0, RESYNC_INTERVAL, Some("DENY")))]);
        assert!(!clock.due_at(UnixTime::from_seconds(86_400), t0));
        assert_eq!(clock.status().next_sync, None);

        let clock = with_servers(&[("a:123", server(0, RESYNC_INTERVAL, None))]);
        {
            let mut state = clock.write();
            state.last_sync_failed = true;
            state.last_attempt = Some(UnixTime::EPOCH);
        }
        assert_eq!(
            clock.status().next_sync,
            Some(UnixTime::EPOCH.saturating_add(RETRY_AFTER_FAILURE))
        );
    }

    #[test]
    fn status_warns_when_unsynchronised_far_off_or_turned_off() {
        let clock = TrustedClock::default();
        assert_eq!(clock.status().warnings, [ClockWarning::Unsynchronised]);
        let offset = SignedDuration::from_secs_f64(-90.0);
        {
            let mut state = clock.write();
            state.offset = offset;
            state.source = TimeSource::Ntp {
                servers: vec!["a:123".into()],
            };
        }
        assert_eq!(
            clock.status().warnings,
            [ClockWarning::LargeOffset { offset }]
        );
        assert_eq!(clock.offset(), offset);

        let off = clock.with_settings(TimeSettings {
            enabled: false,
            ..TimeSettings::default()
        });
        let status = off.status();
        assert_eq!(
            off.offset(),
            SignedDuration::ZERO,
            "turned off: system clock"
        );
        assert_eq!(status.source, TimeSource::System);
        assert!(status.warnings.contains(&ClockWarning::Disabled));
        assert!(!off.due_at(UnixTime::from_seconds(1), Instant::now()));
    }
}
