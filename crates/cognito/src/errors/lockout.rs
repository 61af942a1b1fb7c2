//! How long Cognito locks a user out after failed password attempts.
//!
//! The rule Kairos explains (from AWS's sign-in documentation): from the fifth failed
//! attempt, the user is locked for 2^(n−5) seconds, n counting failed attempts (attempts
//! refused during a lock-out do not count), up to about 15 minutes; a successful sign-in
//! after a lock-out, or 15 minutes without any attempt, starts the count again.

use std::time::Duration;

/// The longest lock-out, about 15 minutes.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);

/// The lock-out after `failed_attempts` failed sign-ins in a row; `None` below five.
pub fn lockout_after(failed_attempts: u32) -> Option<Duration> {
    let exponent = failed_attempts.checked_sub(5)?;
    // 2^10 s already exceeds the cap; avoid overflowing the shift.
    let seconds = if exponent >= 10 {
        u64::MAX
    } else {
        1u64 << exponent
    };
    Some(Duration::from_secs(seconds).min(MAX_LOCKOUT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_the_fifth_attempt_up_to_fifteen_minutes() {
        assert_eq!(lockout_after(0), None);
        assert_eq!(lockout_after(4), None);
        assert_eq!(lockout_after(5), Some(Duration::from_secs(1)));
        assert_eq!(lockout_after(6), Some(Duration::from_secs(2)));
        assert_eq!(lockout_after(10), Some(Duration::from_secs(32)));
        assert_eq!(lockout_after(14), Some(Duration::from_secs(512)));
        assert_eq!(lockout_after(15), Some(MAX_LOCKOUT));
        assert_eq!(lockout_after(u32::MAX), Some(MAX_LOCKOUT));
    }
}
