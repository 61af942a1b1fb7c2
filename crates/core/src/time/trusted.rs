//! A [`Clock`] that reads the system clock and adds the offset measured by
//! SNTP, plus the policy for when to measure again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::delta::SignedDuration;
use super::persist::{self, Persisted};
use super::sntp::{
    self, DEFAULT_TIMEOUT, Outcome, RejectReason, ServerReport, ServerSpec, SkipReason, SyncResult,
};
use crate::CoreError;
use crate::clock::{Clock, SystemClock, UnixTime};

/// How often a server is asked, unless it asked us to slow down.
pub const RESYNC_INTERVAL: Duration = Duration::from_secs(30 * 60);
/// Beyond this the system clock is worth fixing, even though our codes are
/// corrected: other apps on the machine are wrong by as much, and a TOTP
/// code already shifts by a period every 30 s.
pub const DEFAULT_WARNING_THRESHOLD: Duration = Duration::from_secs(5);
/// A persisted offset older than this may have drifted (a typical clock
/// drifts by seconds a day).
const PERSISTED_FRESH_FOR: Duration = Duration::from_secs(24 * 3600);
/// Monotonic and system time disagreeing by more than this since the last
/// check means the system clock was set, or the machine slept.
const JUMP_TOLERANCE: Duration = Duration::from_secs(2);
/// `RATE` doubles a server's interval, up to a day.
const MAX_SERVER_INTERVAL: Duration = Duration::from_secs(24 * 3600);

/// Where the offset in use comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum TimeSource {
    /// Measured by SNTP in this run.
    Ntp { servers: Vec<String> },
    /// From a web server's `Date` header (not implemented yet).
    HttpDate,
    /// No measurement: the system clock as is.
    System,
    /// Loaded from disk at start-up; `aged` once older than a day.
    Persisted { aged: bool, measured_at: UnixTime },
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
}

/// What the UI and the CLI show about time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockStatus {
    /// Added to the system clock.
    pub offset: SignedDuration,
    pub source: TimeSource,
    pub last_sync: Option<UnixTime>,
    pub warnings: Vec<ClockWarning>,
}

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
    offset: SignedDuration,
    source: TimeSource,
    last_sync: Option<UnixTime>,
    last_sync_failed: bool,
    /// Whether a sync succeeded in this run (a persisted offset does not count).
    live: bool,
    /// Monotonic and system readings at the last [`TrustedClock::due_at`].
    checked: Option<(Instant, UnixTime)>,
    jumped: bool,
    servers: HashMap<String, ServerState>,
}

/// The clock codes are computed from. Cheap to read from any thread: a
/// read lock around a few words (nothing secret in it).
pub struct TrustedClock {
    base: Arc<dyn Clock>,
    dir: Option<PathBuf>,
    timeout: Duration,
    threshold: Duration,
    state: RwLock<State>,
}

impl std::fmt::Debug for TrustedClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustedClock")
            .field("dir", &self.dir)
            .field("timeout", &self.timeout)
            .field("state", &*self.read())
            .finish_non_exhaustive()
    }
}

impl Default for TrustedClock {
    fn default() -> Self {
        Self::new(Arc::new(SystemClock))
    }
}

impl TrustedClock {
    /// Corrects `base` (the system clock outside tests); nothing persisted.
    pub fn new(base: Arc<dyn Clock>) -> Self {
        Self {
            base,
            dir: None,
            timeout: DEFAULT_TIMEOUT,
            threshold: DEFAULT_WARNING_THRESHOLD,
            state: RwLock::new(State {
                offset: SignedDuration::ZERO,
                source: TimeSource::System,
                last_sync: None,
                last_sync_failed: false,
                live: false,
                checked: None,
                jumped: false,
                servers: HashMap::new(),
            }),
        }
    }

    /// The system clock corrected by the offset persisted in `dir`, if any;
    /// later syncs are saved there.
    pub fn load(dir: &Path) -> Result<Self, CoreError> {
        Self::load_with(Arc::new(SystemClock), dir)
    }

    pub fn load_with(base: Arc<dyn Clock>, dir: &Path) -> Result<Self, CoreError> {
        let mut clock = Self::new(base);
        clock.dir = Some(dir.to_path_buf());
        if let Some(record) = persist::load(dir)? {
            let now = clock.base.now();
            let measured_at = record.measured_at();
            let age = now.since_epoch().saturating_sub(measured_at.since_epoch());
            let state = clock.state.get_mut().unwrap_or_else(|p| p.into_inner());
            state.offset = record.offset();
            state.last_sync = Some(measured_at);
            state.source = TimeSource::Persisted {
                aged: age > PERSISTED_FRESH_FOR,
                measured_at,
            };
        }
        Ok(clock)
    }

    /// Per-server time limit for each sync.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Offset magnitude above which [`ClockWarning::LargeOffset`] is raised.
    pub fn with_warning_threshold(mut self, threshold: Duration) -> Self {
        self.threshold = threshold;
        self
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // The state is a few plain values, consistent after any panic.
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    pub fn offset(&self) -> SignedDuration {
        self.read().offset
    }

    pub fn status(&self) -> ClockStatus {
        let state = self.read();
        let mut warnings = Vec::new();
        match state.source {
            TimeSource::System => warnings.push(ClockWarning::Unsynchronised),
            TimeSource::Persisted { aged: true, .. } => warnings.push(ClockWarning::AgedOffset),
            _ => {}
        }
        if state.last_sync_failed && state.source != TimeSource::System {
            warnings.push(ClockWarning::LastSyncFailed);
        }
        if state.offset.magnitude() > self.threshold {
            warnings.push(ClockWarning::LargeOffset {
                offset: state.offset,
            });
        }
        ClockStatus {
            offset: state.offset,
            source: state.source.clone(),
            last_sync: state.last_sync,
            warnings,
        }
    }

    /// What `server` (as configured) asked of us, once it was queried.
    pub fn server_state(&self, server: &str) -> Option<ServerState> {
        let key = ServerSpec::parse(server).ok()?.to_string();
        self.read().servers.get(&key).cloned()
    }

    /// Whether the app should call [`sync`](Self::sync) now.
    pub fn due(&self) -> bool {
        self.due_at(self.base.now(), Instant::now())
    }

    /// [`due`](Self::due) with both clocks given: never synced in this run,
    /// the system clock jumped (set by hand, or resume from sleep) since the
    /// previous call, or some usable server's interval has passed.
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
        let usable: Vec<&ServerState> = state
            .servers
            .values()
            .filter(|s| s.denied.is_none())
            .collect();
        if !state.servers.is_empty() && usable.is_empty() {
            return false; // every server said DENY: asking again is pointless
        }
        !state.live || state.jumped || usable.iter().any(|s| s.next_query() <= system_now)
    }

    /// Asks `servers` (`host[:port]`) in parallel and, when one answers,
    /// corrects the clock. A sync where every server fails is not an error:
    /// the reports say why, and the clock keeps its previous offset (the
    /// system clock's when there was none).
    pub async fn sync<S: AsRef<str>>(&self, servers: &[S]) -> Result<SyncResult, CoreError> {
        if servers.is_empty() {
            return Err(CoreError::TimeNoServer);
        }
        let specs = servers
            .iter()
            .map(|s| ServerSpec::parse(s.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        let started = self.base.now();

        // Servers that told us to stay away are not asked.
        let mut skipped: HashMap<usize, ServerReport> = HashMap::new();
        {
            let state = self.read();
            for (index, spec) in specs.iter().enumerate() {
                let Some(known) = state.servers.get(&spec.to_string()) else {
                    continue;
                };
                let reason = match &known.denied {
                    Some(code) => Some(SkipReason::Denied { code: code.clone() }),
                    None if known.rate_limited() && started < known.next_query() => {
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
        }
        let to_ask: Vec<ServerSpec> = specs
            .iter()
            .enumerate()
            .filter(|(index, _)| !skipped.contains_key(index))
            .map(|(_, spec)| spec.clone())
            .collect();
        let asked = sntp::query_servers(&to_ask, Arc::clone(&self.base), self.timeout).await;
        let mut asked_reports = asked.reports.into_iter();
        let reports = (0..specs.len())
            .filter_map(|index| skipped.remove(&index).or_else(|| asked_reports.next()))
            .collect();
        let result = SyncResult { reports, ..asked };

        let record = self.apply(&result, started);
        if let (Some(dir), Some(record)) = (&self.dir, record) {
            persist::store(dir, &record)?;
        }
        Ok(result)
    }

    /// Updates offset, source and back-offs; returns what to persist.
    fn apply(&self, result: &SyncResult, started: UnixTime) -> Option<Persisted> {
        let mut state = self.write();
        for report in &result.reports {
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
        }
        let offset = match result.offset {
            Some(offset) => offset,
            None => {
                state.last_sync_failed = true;
                return None;
            }
        };
        state.offset = offset;
        state.source = TimeSource::Ntp {
            servers: result.chosen_from.clone(),
        };
        state.last_sync = Some(result.at);
        state.last_sync_failed = false;
        state.live = true;
        state.jumped = false;
        Some(Persisted {
            offset_nanos: offset.as_nanos(),
            measured_at_unix_nanos: u64::try_from(result.at.since_epoch().as_nanos())
                .unwrap_or(u64::MAX),
            servers: result.chosen_from.clone(),
        })
    }
}

impl Clock for TrustedClock {
    fn now(&self) -> UnixTime {
        self.offset().apply(self.base.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A system clock the test sets by hand.
    #[derive(Debug, Default)]
    struct HandClock(AtomicU64);

    impl Clock for HandClock {
        fn now(&self) -> UnixTime {
            UnixTime::from_seconds(self.0.load(Ordering::SeqCst))
        }
    }

    fn synced(clock: &TrustedClock, at: u64, servers: &[(&str, ServerState)]) {
        let mut state = clock.write();
        state.live = true;
        state.last_sync = Some(UnixTime::from_seconds(at));
        for (name, server) in servers {
            state.servers.insert((*name).to_owned(), server.clone());
        }
    }

    fn server(last: u64, interval: Duration, denied: Option<&str>) -> ServerState {
        ServerState {
            last_query: UnixTime::from_seconds(last),
            min_interval: interval,
            denied: denied.map(str::to_owned),
        }
    }

    #[test]
    fn due_when_never_synced_after_the_interval_or_after_a_jump() {
        let base = Arc::new(HandClock(AtomicU64::new(10_000)));
        let clock = TrustedClock::new(base.clone());
        let t0 = Instant::now();
        assert!(clock.due_at(UnixTime::from_seconds(10_000), t0));

        synced(
            &clock,
            10_000,
            &[("a:123", server(10_000, RESYNC_INTERVAL, None))],
        );
        assert!(!clock.due_at(UnixTime::from_seconds(10_000), t0));
        // Both clocks advance together by 10 minutes: not due.
        let t1 = t0 + Duration::from_secs(600);
        assert!(!clock.due_at(UnixTime::from_seconds(10_600), t1));
        // After 30 minutes: due.
        let t2 = t0 + RESYNC_INTERVAL;
        assert!(clock.due_at(UnixTime::from_seconds(10_000 + 1800), t2));

        // A jump: system time moves 1 h while 1 s passes.
        let clock = TrustedClock::new(base);
        synced(
            &clock,
            10_000,
            &[("a:123", server(10_000, RESYNC_INTERVAL, None))],
        );
        assert!(!clock.due_at(UnixTime::from_seconds(10_000), t0));
        assert!(clock.due_at(UnixTime::from_seconds(13_601), t0 + Duration::from_secs(1)));
        // Stays due until a sync.
        assert!(clock.due_at(UnixTime::from_seconds(13_602), t0 + Duration::from_secs(2)));
    }

    #[test]
    fn rate_backs_off_and_deny_stops_asking() {
        let clock = TrustedClock::new(Arc::new(HandClock::default()));
        let t0 = Instant::now();
        synced(
            &clock,
            0,
            &[("a:123", server(0, RESYNC_INTERVAL * 2, None))],
        );
        assert!(!clock.due_at(UnixTime::from_seconds(1800), t0));
        assert!(clock.due_at(UnixTime::from_seconds(3600), t0 + Duration::from_secs(1800)));

        let clock = TrustedClock::new(Arc::new(HandClock::default()));
        synced(
            &clock,
            0,
            &[("a:123", server(0, RESYNC_INTERVAL, Some("DENY")))],
        );
        assert!(!clock.due_at(UnixTime::from_seconds(86_400), t0));
    }

    #[test]
    fn status_warns_when_unsynchronised_and_when_far_off() {
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
    }
}
