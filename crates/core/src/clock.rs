//! Where "now" comes from. Code computation takes the time as an argument; the
//! app asks one [`Clock`] and passes the answer down, so a corrected clock (an
//! NTP offset applied) or a fixed one (tests) can stand in for the system's.

use std::time::{Duration, SystemTime};

/// An instant, as the time elapsed since the Unix epoch, to the nanosecond.
/// Instants before 1970 are not represented: a clock reading earlier than
/// that is wrong, and reads as the epoch itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(Duration);

impl UnixTime {
    pub const EPOCH: Self = Self(Duration::ZERO);

    pub const fn from_seconds(seconds: u64) -> Self {
        Self(Duration::from_secs(seconds))
    }

    pub const fn from_since_epoch(elapsed: Duration) -> Self {
        Self(elapsed)
    }

    pub fn from_system_time(time: SystemTime) -> Self {
        time.duration_since(SystemTime::UNIX_EPOCH)
            .map_or(Self::EPOCH, Self)
    }

    /// Whole seconds since the epoch: what OTP codes are computed from.
    pub const fn seconds(self) -> u64 {
        self.0.as_secs()
    }

    pub const fn since_epoch(self) -> Duration {
        self.0
    }

    /// Later by `offset`, or the last representable instant.
    pub fn saturating_add(self, offset: Duration) -> Self {
        Self(self.0.saturating_add(offset))
    }

    /// Earlier by `offset`, or the epoch.
    pub fn saturating_sub(self, offset: Duration) -> Self {
        Self(self.0.saturating_sub(offset))
    }
}

/// Serialised as whole milliseconds since the epoch: what JavaScript's
/// `new Date(ms)` takes in the window, and precise enough for display.
impl serde::Serialize for UnixTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(u64::try_from(self.0.as_millis()).unwrap_or(u64::MAX))
    }
}

/// A source of the current time. `Send + Sync` so one clock can be shared by
/// the window's commands and background tasks.
pub trait Clock: Send + Sync {
    fn now(&self) -> UnixTime;
}

/// The operating system's clock, as is. The only place in Kairos's core that
/// reads it.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> UnixTime {
        UnixTime::from_system_time(SystemTime::now())
    }
}

/// A clock stopped at a Unix second, for tests and reproducible runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now(&self) -> UnixTime {
        UnixTime::from_seconds(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_reads_its_second_even_at_the_end_of_time() {
        assert_eq!(FixedClock(59).now().seconds(), 59);
        assert_eq!(FixedClock(u64::MAX).now().seconds(), u64::MAX);
    }

    #[test]
    fn system_clock_reads_after_2020() {
        assert!(SystemClock.now().seconds() > 1_577_836_800);
    }

    #[test]
    fn times_before_the_epoch_read_as_the_epoch() {
        let before = SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(5));
        assert_eq!(
            before.map(UnixTime::from_system_time),
            Some(UnixTime::EPOCH)
        );
    }

    #[test]
    fn offsets_saturate() {
        let t = UnixTime::from_seconds(10);
        assert_eq!(t.saturating_sub(Duration::from_secs(20)), UnixTime::EPOCH);
        assert_eq!(
            t.saturating_add(Duration::from_millis(1500)).since_epoch(),
            Duration::from_millis(11_500)
        );
        assert_eq!(
            UnixTime::from_seconds(u64::MAX)
                .saturating_add(Duration::from_secs(1))
                .seconds(),
            u64::MAX
        );
    }

    #[test]
    fn clocks_can_be_shared_as_trait_objects() {
        let clocks: Vec<Box<dyn Clock>> = vec![Box::new(SystemClock), Box::new(FixedClock(1))];
        assert_eq!(clocks.len(), 2);
        assert_eq!(clocks[1].now(), UnixTime::from_seconds(1));
    }
}
