//! Keeping many calls under Cognito's request quotas: a client-side rate limit,
//! and retrying throttled calls with exponential backoff and full jitter.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::CognitoError;

/// Codes Cognito (and AWS in general) uses for "slow down".
const THROTTLING: &[&str] = &[
    "TooManyRequestsException",
    "ThrottlingException",
    "Throttling",
    "LimitExceededException",
];

pub fn is_throttling(error: &CognitoError) -> bool {
    matches!(error, CognitoError::Service { code, .. } if THROTTLING.contains(&code.as_str()))
}

/// Spaces calls evenly: at most `per_second` starts per second, shared by clones.
#[derive(Clone, Debug)]
pub struct RateLimiter {
    interval: Option<Duration>,
    next: Arc<Mutex<Instant>>,
}

impl RateLimiter {
    /// `per_second <= 0` means no limit.
    pub fn new(per_second: f64) -> Self {
        let interval = (per_second > 0.0).then(|| Duration::from_secs_f64(1.0 / per_second));
        Self {
            interval,
            next: Arc::new(Mutex::new(Instant::now())),
        }
    }

    /// Waits for this caller's slot; `false` when cancelled first.
    pub async fn acquire(&self, cancel: &CancellationToken) -> bool {
        let Some(interval) = self.interval else {
            return !cancel.is_cancelled();
        };
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + interval;
            slot
        };
        tokio::select! {
            _ = tokio::time::sleep_until(slot) => !cancel.is_cancelled(),
            _ = cancel.cancelled() => false,
        }
    }
}

/// How throttled calls are retried.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Full jitter: uniform in [0, min(max, base·2^attempt)].
    pub fn delay(&self, attempt: u32) -> Duration {
        let cap = self
            .base_delay
            .saturating_mul(1u32 << attempt.min(16))
            .min(self.max_delay);
        cap.mul_f64(fastrand::f64())
    }
}

/// Why a paced call did not give a result.
#[derive(Debug)]
pub enum PacedError {
    Cancelled,
    Failed { error: CognitoError, attempts: u32 },
}

/// Runs `call` after the limiter's slot, retrying throttling per `policy`.
pub async fn paced<T, F, Fut>(
    limiter: &RateLimiter,
    policy: &RetryPolicy,
    cancel: &CancellationToken,
    mut call: F,
) -> Result<(T, u32), PacedError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CognitoError>>,
{
    let mut attempt = 0;
    loop {
        if !limiter.acquire(cancel).await {
            return Err(PacedError::Cancelled);
        }
        attempt += 1;
        match call().await {
            Ok(value) => return Ok((value, attempt)),
            Err(error) if is_throttling(&error) && attempt < policy.max_attempts => {
                let delay = policy.delay(attempt);
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = cancel.cancelled() => return Err(PacedError::Cancelled),
                }
            }
            Err(error) => {
                return Err(PacedError::Failed {
                    error,
                    attempts: attempt,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_its_cap() {
        let policy = RetryPolicy::default();
        for attempt in 0..40 {
            let cap = policy
                .base_delay
                .saturating_mul(1u32 << attempt.min(16))
                .min(policy.max_delay);
            assert!(policy.delay(attempt) <= cap);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn throttled_calls_are_retried_then_reported() {
        let limiter = RateLimiter::new(0.0);
        let policy = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        let cancel = CancellationToken::new();
        let throttled = || CognitoError::Service {
            code: "TooManyRequestsException".into(),
            message: "Rate exceeded".into(),
        };
        let mut calls = 0;
        let result = paced(&limiter, &policy, &cancel, || {
            calls += 1;
            let n = calls;
            async move { if n < 3 { Err(throttled()) } else { Ok(n) } }
        })
        .await;
        assert!(matches!(result, Ok((3, 3))));
        let result: Result<((), u32), _> =
            paced(&limiter, &policy, &cancel, || async { Err(throttled()) }).await;
        assert!(matches!(
            result,
            Err(PacedError::Failed { attempts: 3, .. })
        ));
        cancel.cancel();
        let result = paced(&limiter, &policy, &cancel, || async { Ok(()) }).await;
        assert!(matches!(result, Err(PacedError::Cancelled)));
    }

    #[tokio::test(start_paused = true)]
    async fn the_limiter_spaces_starts() {
        let limiter = RateLimiter::new(10.0);
        let cancel = CancellationToken::new();
        let start = Instant::now();
        for _ in 0..5 {
            assert!(limiter.acquire(&cancel).await);
        }
        // Four intervals of 100 ms after the first, immediate, slot (paused clock: exact).
        assert_eq!(start.elapsed(), Duration::from_millis(400));
    }
}
