//! A signed span of time: clock offsets are negative as often as positive,
//! and `std::time::Duration` cannot say "behind".

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::clock::UnixTime;

/// Signed nanoseconds. `i64` spans ±292 years, far beyond any clock error
/// worth correcting, and serialises as a plain JSON number (`i128` would not
/// survive JavaScript in the window).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SignedDuration {
    nanos: i64,
}

impl SignedDuration {
    pub const ZERO: Self = Self { nanos: 0 };

    pub const fn from_nanos(nanos: i64) -> Self {
        Self { nanos }
    }

    /// Clamped to the `i64` range rather than wrapped: a wrapped offset would
    /// move the clock the wrong way.
    pub fn from_nanos_i128(nanos: i128) -> Self {
        let clamped = nanos.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
        Self::from_nanos(i64::try_from(clamped).unwrap_or_default())
    }

    pub fn from_secs_f64(seconds: f64) -> Self {
        Self::from_nanos_i128((seconds * 1e9).round() as i128)
    }

    pub const fn as_nanos(self) -> i64 {
        self.nanos
    }

    pub fn as_secs_f64(self) -> f64 {
        self.nanos as f64 / 1e9
    }

    pub const fn is_negative(self) -> bool {
        self.nanos < 0
    }

    /// The size of the span, whichever its direction.
    pub const fn magnitude(self) -> Duration {
        Duration::from_nanos(self.nanos.unsigned_abs())
    }

    /// `time` moved by this span (later when positive).
    pub fn apply(self, time: UnixTime) -> UnixTime {
        if self.is_negative() {
            time.saturating_sub(self.magnitude())
        } else {
            time.saturating_add(self.magnitude())
        }
    }
}

impl From<Duration> for SignedDuration {
    fn from(duration: Duration) -> Self {
        Self::from_nanos_i128(duration.as_nanos() as i128)
    }
}

impl std::fmt::Display for SignedDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:+.3} s", self.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_both_directions_and_saturates() {
        let t = UnixTime::from_seconds(100);
        assert_eq!(
            SignedDuration::from_secs_f64(-1.5).apply(t).since_epoch(),
            Duration::from_millis(98_500)
        );
        assert_eq!(SignedDuration::from_secs_f64(90.0).apply(t).seconds(), 190);
        assert_eq!(
            SignedDuration::from_nanos(i64::MIN).apply(t),
            UnixTime::EPOCH
        );
        assert_eq!(
            SignedDuration::from_nanos_i128(i128::MAX).as_nanos(),
            i64::MAX
        );
    }
}
