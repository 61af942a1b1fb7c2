//! Cognito's lock-out, predicted from a real count: after repeated failed
//! password attempts Cognito locks the user for 2^(n−5) seconds, up to about
//! 15 minutes, and says only "Password attempts exceeded". Kairos counts the
//! consecutive failures per (pool, user) itself so that the wait it shows
//! comes from the attempts actually made, and refuses another attempt while
//! the lock holds instead of letting the user lengthen it.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::{SigninFailure, Step};
use crate::errors;

/// A lock-out in force, for a countdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lockout {
    /// Consecutive failed attempts counted, this one included.
    pub failed_attempts: u32,
    /// The whole wait Cognito imposes after that many attempts.
    pub wait_ms: u64,
    /// What is left of it at the `now` the failure was seen or checked.
    pub retry_after_ms: u64,
}

#[derive(Debug, Default)]
struct Record {
    failures: u32,
    locked_until: Option<SystemTime>,
}

/// Consecutive password failures per (pool, user name); lives as long as the
/// app (the caller keeps one). Times are passed in, never read here.
#[derive(Debug, Default)]
pub struct FailureCounter {
    records: HashMap<(String, String), Record>,
}

fn key(pool_id: &str, username: &str) -> (String, String) {
    // Cognito user names are case-insensitive in pools made since 2020.
    (pool_id.trim().to_owned(), username.trim().to_lowercase())
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl FailureCounter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Before an attempt: refused with the time left while a lock-out holds at `now`.
    pub fn check(
        &self,
        pool_id: &str,
        username: &str,
        now: SystemTime,
    ) -> Result<(), SigninFailure> {
        let Some(record) = self.records.get(&key(pool_id, username)) else {
            return Ok(());
        };
        match record.locked_until {
            Some(until) if now < until => {
                let wait = errors::lockout_after(record.failures.max(5)).unwrap_or_default();
                Err(SigninFailure::LockedOut {
                    lockout: Lockout {
                        failed_attempts: record.failures,
                        wait_ms: millis(wait),
                        retry_after_ms: millis(until.duration_since(now).unwrap_or_default()),
                    },
                })
            }
            _ => Ok(()),
        }
    }

    /// After an attempt (a start or an answer) at `now`: a sign-in resets the
    /// count, a failure goes through [`Self::failed`].
    pub fn record(
        &mut self,
        pool_id: &str,
        username: &str,
        result: Result<Step, SigninFailure>,
        now: SystemTime,
    ) -> Result<Step, SigninFailure> {
        match result {
            Ok(step) => {
                if matches!(step, Step::SignedIn(_)) {
                    self.signed_in(pool_id, username);
                }
                Ok(step)
            }
            Err(failure) => Err(self.failed(pool_id, username, failure, now)),
        }
    }

    /// The user signed in: Cognito forgets the failures, so does Kairos.
    pub fn signed_in(&mut self, pool_id: &str, username: &str) {
        self.records.remove(&key(pool_id, username));
    }

    /// A failed attempt at `now`: a refused password adds one to the count;
    /// "Password attempts exceeded" adds one and comes back carrying the
    /// lock-out for that count. Other failures leave the count alone.
    pub fn failed(
        &mut self,
        pool_id: &str,
        username: &str,
        failure: SigninFailure,
        now: SystemTime,
    ) -> SigninFailure {
        let id = failure.catalogue_id();
        if !matches!(id, Some("wrong-password" | "password-attempts-exceeded"))
            || matches!(failure, SigninFailure::LockedOut { .. })
        {
            return failure;
        }
        let record = self.records.entry(key(pool_id, username)).or_default();
        record.failures = record.failures.saturating_add(1);
        if id != Some("password-attempts-exceeded") {
            return failure;
        }
        // Cognito said "locked": at least the first lock-out, whatever was counted.
        let wait = errors::lockout_after(record.failures.max(5)).unwrap_or_default();
        record.locked_until = Some(now + wait);
        failure.with_lockout(Lockout {
            failed_attempts: record.failures,
            wait_ms: millis(wait),
            retry_after_ms: millis(wait),
        })
    }

    /// Consecutive failures counted for the user.
    pub fn failures(&self, pool_id: &str, username: &str) -> u32 {
        self.records
            .get(&key(pool_id, username))
            .map_or(0, |r| r.failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn refused(message: &str) -> SigninFailure {
        SigninFailure::Refused {
            operation: "InitiateAuth",
            aws_code: "NotAuthorizedException".into(),
            aws_message: message.into(),
            entry: errors::lookup("NotAuthorizedException", message),
            lockout: None,
            clock: None,
        }
    }

    #[test]
    fn the_wait_comes_from_the_failures_counted_and_counts_down() {
        let mut counter = FailureCounter::new();
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        for n in 1..=6 {
            let failure = counter.failed(
                "p_1",
                "Alice",
                refused("Incorrect username or password."),
                t0,
            );
            assert_eq!(failure.lockout(), None);
            assert_eq!(
                counter.failures("p_1", "alice"),
                n,
                "names are case-insensitive"
            );
        }
        // Another user, another pool: their own counts.
        assert_eq!(counter.failures("p_1", "bob"), 0);
        assert_eq!(counter.failures("p_2", "alice"), 0);
        let locked = counter.failed("p_1", "alice", refused("Password attempts exceeded"), t0);
        // The seventh failure: 2^(7−5) = 4 s.
        let lockout = locked.lockout().expect("a lock-out");
        assert_eq!(lockout.failed_attempts, 7);
        assert_eq!(lockout.wait_ms, 4_000);
        assert_eq!(locked.retry_after_ms(), Some(4_000));

        // Before another attempt: refused here, with what is left at that instant.
        let later = t0 + Duration::from_millis(1_500);
        match counter.check("p_1", "ALICE", later) {
            Err(SigninFailure::LockedOut { lockout }) => {
                assert_eq!(lockout.retry_after_ms, 2_500);
                assert_eq!(lockout.wait_ms, 4_000);
            }
            other => panic!("expected a local lock-out, got {other:?}"),
        }
        assert!(counter.check("p_1", "bob", later).is_ok());
        assert!(
            counter
                .check("p_1", "alice", t0 + Duration::from_secs(4))
                .is_ok()
        );

        // Other failures do not count; a sign-in resets.
        let other = counter.failed(
            "p_1",
            "alice",
            SigninFailure::SessionExpired,
            t0 + Duration::from_secs(5),
        );
        assert!(matches!(other, SigninFailure::SessionExpired));
        assert_eq!(counter.failures("p_1", "alice"), 7);
        counter.signed_in("p_1", "alice");
        assert_eq!(counter.failures("p_1", "alice"), 0);
        // Cognito's lock-out with fewer failures seen here: at least its first wait.
        let first = counter.failed("p_1", "alice", refused("Password attempts exceeded"), t0);
        assert_eq!(first.retry_after_ms(), Some(1_000));
    }

    #[test]
    fn the_wait_is_capped_at_fifteen_minutes() {
        let mut counter = FailureCounter::new();
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut last = None;
        for _ in 0..40 {
            last = counter
                .failed("p_1", "alice", refused("Password attempts exceeded"), t0)
                .retry_after_ms();
        }
        assert_eq!(last, Some(15 * 60 * 1000));
    }
}
