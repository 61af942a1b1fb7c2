//! How many users would get MFA_SETUP if the pool's MFA went ON: those with no
//! factor. `ListUsers` does not return MFA settings, so this reads every user
//! (`AdminGetUser`); it is done only when the pool is small enough to be cheap.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::pacing::{RateLimiter, RetryPolicy, paced};
use crate::{CognitoAdmin, CognitoError};

/// Above this many users (Cognito's estimate) the count is not taken.
pub const CHEAP_USER_LIMIT: i64 = 500;

impl CognitoAdmin {
    /// Users of the pool with no MFA factor, or `None` when the pool has more than
    /// [`CHEAP_USER_LIMIT`] users.
    pub async fn users_without_factor(
        &self,
        pool_id: &str,
        estimated_users: i64,
    ) -> Result<Option<u64>, CognitoError> {
        if estimated_users > CHEAP_USER_LIMIT {
            return Ok(None);
        }
        let users = self.all_users(pool_id, None).await?;
        let limiter = RateLimiter::new(100.0);
        let policy = RetryPolicy::default();
        let cancel = CancellationToken::new();
        let permits = Arc::new(Semaphore::new(8));
        let mut tasks = JoinSet::new();
        for user in users {
            let (admin, pool_id) = (self.clone(), pool_id.to_owned());
            let (limiter, permits, cancel) = (limiter.clone(), permits.clone(), cancel.clone());
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                paced(&limiter, &policy, &cancel, || {
                    admin.user_mfa(&pool_id, &user.username)
                })
                .await
                .map(|(view, _)| view.has_no_factor())
            });
        }
        let mut count = 0;
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(Ok(true)) => count += 1,
                Ok(Ok(false)) => {}
                Ok(Err(crate::pacing::PacedError::Failed { error, .. })) => return Err(error),
                // Never cancelled here; a failed join cannot happen (no panics, no aborts).
                Ok(Err(crate::pacing::PacedError::Cancelled)) | Err(_) => {}
            }
        }
        Ok(Some(count))
    }
}
