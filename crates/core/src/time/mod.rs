//! Trustworthy time for TOTP: an SNTP client, an HTTPS `Date` fallback, a
//! clock corrected by the measured offset, and what it remembers in
//! `time.db` for offline starts.
//!
//! Codes are only as right as the clock they are computed from; a laptop
//! whose clock drifted by 40 s shows codes every service refuses. Core never
//! spawns a background task: the app and the CLI ask [`TrustedClock::due`]
//! and call [`TrustedClock::sync_now`] themselves.

mod delta;
mod http_date;
mod packet;
mod settings;
mod sntp;
mod status;
mod store;
mod trusted;

pub use delta::SignedDuration;
pub use http_date::{HttpDateOutcome, HttpDateReport, cognito_endpoint_url, query_http_date};
pub use settings::{
    DEFAULT_SERVERS, HTTP_URL_ENV, SERVERS_ENV, THRESHOLD_RANGE, TimeSettings, http_fallback_url,
};
pub use sntp::{
    DEFAULT_PORT, DEFAULT_TIMEOUT, Outcome, RejectReason, ServerReport, ServerSpec, SkipReason,
    SyncResult, query_servers,
};
pub use status::{ClockStatus, ClockWarning, ServerRow, TimeOverview, TimeSource};
pub use store::TIME_DB_FILE;
pub use trusted::{RESYNC_INTERVAL, RETRY_AFTER_FAILURE, ServerState, TrustedClock};
