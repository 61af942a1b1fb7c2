//! One preference change applied to many users: bounded concurrency, a client-side
//! rate limit under Cognito's quotas, throttling retried, progress reported,
//! cancellable, and one result per user — nobody is silently skipped.

use std::sync::Arc;

use kairos_core::{ErrorReport, Locale, UserFacing};
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::audit::{AuditEntry, AuditLog, AuditResult};
use crate::pacing::{PacedError, RateLimiter, RetryPolicy, paced};
use crate::pool_mfa::PoolMfaSettings;
use crate::preflight::Severity;
use crate::user_mfa::{MfaPreferenceChange, UserMfaView, check_user_change};
use crate::{CognitoAdmin, CognitoError};

/// Entries kept in memory before one audit transaction.
const AUDIT_BATCH: usize = 200;

/// How a bulk run paces itself. The defaults stay under Cognito's default quotas
/// (user reads 120/s, user updates 25/s per account and region).
#[derive(Clone, Copy, Debug)]
pub struct BulkOptions {
    pub concurrency: usize,
    /// `AdminGetUser` calls per second (≤ 0: no limit).
    pub reads_per_second: f64,
    /// `AdminSetUserMFAPreference` calls per second (≤ 0: no limit).
    pub updates_per_second: f64,
    pub retry: RetryPolicy,
    pub locale: Locale,
}

impl Default for BulkOptions {
    fn default() -> Self {
        Self {
            concurrency: 8,
            reads_per_second: 100.0,
            updates_per_second: 20.0,
            retry: RetryPolicy::default(),
            locale: Locale::En,
        }
    }
}

/// What happened to one user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum UserOutcome {
    Changed,
    Unchanged,
    Failed {
        error: ErrorReport,
    },
    /// Not attempted, or stopped before the change was sent: the user is as before.
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserResult {
    pub username: String,
    #[serde(flatten)]
    pub outcome: UserOutcome,
    /// Calls made for this user, retries included.
    pub attempts: u32,
}

/// Counts so far, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkProgress {
    pub total: usize,
    pub done: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub cancelled: usize,
}

impl BulkProgress {
    fn count(&mut self, outcome: &UserOutcome) {
        self.done += 1;
        match outcome {
            UserOutcome::Changed => self.changed += 1,
            UserOutcome::Unchanged => self.unchanged += 1,
            UserOutcome::Failed { .. } => self.failed += 1,
            UserOutcome::Cancelled => self.cancelled += 1,
        }
    }
}

/// The whole run: one result per user given, in the order given.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkReport {
    pub progress: BulkProgress,
    pub results: Vec<UserResult>,
    /// Set when the audit log could not be written (the changes were still made).
    pub audit_error: Option<ErrorReport>,
}

/// Where a bulk run records its changes.
#[derive(Clone, Debug)]
pub struct BulkAudit {
    pub log: AuditLog,
    pub profile: Option<String>,
}

/// Applies `change` to every user in `usernames`. `progress` is called after each user.
#[allow(clippy::too_many_arguments)]
pub async fn apply_to_users(
    admin: &CognitoAdmin,
    pool_id: &str,
    pool: &PoolMfaSettings,
    usernames: Vec<String>,
    change: MfaPreferenceChange,
    options: BulkOptions,
    audit: Option<BulkAudit>,
    cancel: CancellationToken,
    mut progress: impl FnMut(&BulkProgress),
) -> BulkReport {
    let total = usernames.len();
    let shared = Arc::new(Shared {
        admin: admin.clone(),
        pool_id: pool_id.to_owned(),
        pool: pool.clone(),
        change,
        reads: RateLimiter::new(options.reads_per_second),
        updates: RateLimiter::new(options.updates_per_second),
        options,
        cancel: cancel.clone(),
    });
    let permits = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let mut tasks = JoinSet::new();
    let mut results: Vec<Option<UserResult>> = vec![None; total];
    let mut counts = BulkProgress {
        total,
        ..BulkProgress::default()
    };
    let mut pending_audit: Vec<AuditEntry> = Vec::new();
    let mut audit_error = None;

    for (index, username) in usernames.into_iter().enumerate() {
        let shared = shared.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            // Holding a permit for the whole user keeps at most `concurrency` in flight.
            let _permit = permits.acquire_owned().await;
            let (result, audited) = shared.one_user(username).await;
            (index, result, audited)
        });
    }
    while let Some(joined) = tasks.join_next().await {
        // A task only ends by returning: `one_user` does not panic, and nothing aborts it.
        let Ok((index, result, audited)) = joined else {
            continue;
        };
        counts.count(&result.outcome);
        progress(&counts);
        if let Some(entry) = audited {
            pending_audit.push(entry);
        }
        results[index] = Some(result);
        if pending_audit.len() >= AUDIT_BATCH {
            flush_audit(
                audit.as_ref(),
                &mut pending_audit,
                &mut audit_error,
                options.locale,
            )
            .await;
        }
    }
    flush_audit(
        audit.as_ref(),
        &mut pending_audit,
        &mut audit_error,
        options.locale,
    )
    .await;
    BulkReport {
        progress: counts,
        results: results.into_iter().flatten().collect(),
        audit_error,
    }
}

async fn flush_audit(
    audit: Option<&BulkAudit>,
    pending: &mut Vec<AuditEntry>,
    error: &mut Option<ErrorReport>,
    locale: Locale,
) {
    let Some(audit) = audit else {
        pending.clear();
        return;
    };
    for entry in pending.iter_mut() {
        entry.profile = audit.profile.clone();
    }
    if let Err(e) = audit.log.record_all(pending).await {
        error.get_or_insert(e.report(locale));
    }
    pending.clear();
}

struct Shared {
    admin: CognitoAdmin,
    pool_id: String,
    pool: PoolMfaSettings,
    change: MfaPreferenceChange,
    reads: RateLimiter,
    updates: RateLimiter,
    options: BulkOptions,
    cancel: CancellationToken,
}

impl Shared {
    async fn one_user(&self, username: String) -> (UserResult, Option<AuditEntry>) {
        let mut attempts = 0;
        let before = paced(&self.reads, &self.options.retry, &self.cancel, || {
            self.admin.user_mfa(&self.pool_id, &username)
        })
        .await;
        let before: UserMfaView = match before {
            Ok((view, n)) => {
                attempts += n;
                view
            }
            Err(PacedError::Cancelled) => {
                return (
                    self.result(username, UserOutcome::Cancelled, attempts),
                    None,
                );
            }
            Err(PacedError::Failed { error, attempts: n }) => {
                return self.failed(username, attempts + n, None, error);
            }
        };
        if self.change.satisfied_by(&before) {
            return (
                self.result(username, UserOutcome::Unchanged, attempts),
                None,
            );
        }
        if let Some(refusal) = check_user_change(&before, &self.pool, &self.change)
            .into_iter()
            .find(|c| c.severity() == Severity::Refusal)
        {
            return self.failed(
                username,
                attempts,
                Some(&before),
                CognitoError::Preflight { check: refusal },
            );
        }
        let sent = paced(&self.updates, &self.options.retry, &self.cancel, || {
            self.admin
                .send_user_mfa(&self.pool_id, &username, &self.change)
        })
        .await;
        match sent {
            Ok(((), n)) => {
                let after = self.change.applied_to(&before);
                let mut entry = self.entry(&username, AuditResult::Changed, Some(&before));
                entry.after = serde_json::to_string(&after).ok();
                (
                    self.result(username, UserOutcome::Changed, attempts + n),
                    Some(entry),
                )
            }
            Err(PacedError::Cancelled) => (
                self.result(username, UserOutcome::Cancelled, attempts),
                None,
            ),
            Err(PacedError::Failed { error, attempts: n }) => {
                self.failed(username, attempts + n, Some(&before), error)
            }
        }
    }

    fn result(&self, username: String, outcome: UserOutcome, attempts: u32) -> UserResult {
        UserResult {
            username,
            outcome,
            attempts,
        }
    }

    fn failed(
        &self,
        username: String,
        attempts: u32,
        before: Option<&UserMfaView>,
        error: CognitoError,
    ) -> (UserResult, Option<AuditEntry>) {
        let mut entry = self.entry(&username, AuditResult::Failed, before);
        entry.error_code = Some(error.audit_code());
        let outcome = UserOutcome::Failed {
            error: error.report(self.options.locale),
        };
        (self.result(username, outcome, attempts), Some(entry))
    }

    fn entry(
        &self,
        username: &str,
        result: AuditResult,
        before: Option<&UserMfaView>,
    ) -> AuditEntry {
        let mut entry = AuditEntry::now(
            self.admin.region(),
            &self.pool_id,
            "AdminSetUserMFAPreference",
            result,
        );
        entry.username = Some(username.to_owned());
        entry.before = before.and_then(|b| serde_json::to_string(b).ok());
        entry.after = Some(self.change.describe());
        entry
    }
}
