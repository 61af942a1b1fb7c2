//! Trustworthy time for TOTP: an SNTP client, a clock corrected by the
//! measured offset, and that offset kept on disk for offline starts.
//!
//! Codes are only as right as the clock they are computed from; a laptop
//! whose clock drifted by 40 s shows codes every service refuses. Core never
//! spawns a background task: the app and the CLI ask [`TrustedClock::due`]
//! and call [`TrustedClock::sync`] themselves.

mod delta;
mod packet;
mod persist;
mod sntp;
mod trusted;

pub use delta::SignedDuration;
pub use persist::TIME_FILE;
pub use sntp::{
    DEFAULT_PORT, DEFAULT_TIMEOUT, Outcome, RejectReason, ServerReport, ServerSpec, SkipReason,
    SyncResult, query_servers,
};
pub use trusted::{
    ClockStatus, ClockWarning, DEFAULT_WARNING_THRESHOLD, RESYNC_INTERVAL, ServerState, TimeSource,
    TrustedClock,
};

/// Servers used when none is configured: Amazon's time (what Cognito's clock
/// follows) and Google's. Both smear leap seconds the same way over a day, so
/// they agree with each other; mixing them with non-smearing servers would
/// not, around a leap second.
pub const DEFAULT_SERVERS: [&str; 2] = ["time.aws.com", "time.google.com"];
