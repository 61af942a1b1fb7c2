//! RFC 6238: the HOTP counter is the number of whole periods since the Unix
//! epoch (T0 = 0), so everyone with the same secret and clock agrees on it.

/// Where an instant falls in the sequence of periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeStep {
    pub period: u32,
    /// RFC 6238's T: whole periods elapsed since the epoch.
    pub counter: u64,
    /// The Unix second this period began.
    pub started_at: u64,
    /// Seconds from the instant until the next period, 1 to `period`.
    pub remaining_seconds: u64,
}

impl TimeStep {
    /// `None` when `period` is 0, which has no steps.
    pub fn at(unix_seconds: u64, period: u32) -> Option<Self> {
        let length = u64::from(period);
        let counter = unix_seconds.checked_div(length)?;
        let elapsed = unix_seconds % length;
        Some(Self {
            period,
            counter,
            started_at: unix_seconds - elapsed,
            remaining_seconds: length - elapsed,
        })
    }

    /// The period after this one, seen from the same instant; `None` past the
    /// end of `u64` time.
    pub fn following(self) -> Option<Self> {
        let length = u64::from(self.period);
        Some(Self {
            period: self.period,
            counter: self.counter.checked_add(1)?,
            started_at: self.started_at.checked_add(length)?,
            remaining_seconds: self.remaining_seconds.checked_add(length)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_whole_periods_since_the_epoch() {
        assert_eq!(
            TimeStep::at(59, 30),
            Some(TimeStep {
                period: 30,
                counter: 1,
                started_at: 30,
                remaining_seconds: 1
            })
        );
        assert_eq!(
            TimeStep::at(60, 30),
            Some(TimeStep {
                period: 30,
                counter: 2,
                started_at: 60,
                remaining_seconds: 30
            })
        );
        assert_eq!(
            TimeStep::at(1_111_111_109, 30).map(|s| s.counter),
            Some(0x023523EC)
        );
    }

    #[test]
    fn a_one_second_period_changes_every_second() {
        let step = TimeStep::at(1_700_000_000, 1);
        assert_eq!(
            step.map(|s| (s.counter, s.remaining_seconds)),
            Some((1_700_000_000, 1))
        );
    }

    #[test]
    fn zero_period_has_no_steps() {
        assert_eq!(TimeStep::at(100, 0), None);
    }

    #[test]
    fn the_end_of_time_has_no_following_step() {
        let last = TimeStep::at(u64::MAX, 1);
        assert!(last.is_some());
        assert_eq!(last.and_then(TimeStep::following), None);
        let step = TimeStep::at(u64::MAX, u32::MAX);
        assert_eq!(step.and_then(TimeStep::following), None);
    }
}
