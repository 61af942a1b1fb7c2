//! The audit log: every change made through Kairos (time, profile, region, pool,
//! user, action, before, after, result) in a SQLite file, listable and exportable
//! as CSV. Entries are written in batches, one transaction each, so a bulk run
//! does not pay a commit per user.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use crate::CognitoError;

/// The audit file's name inside the data folder.
pub const AUDIT_FILE: &str = "cognito-audit.db";

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    profile TEXT,
    region TEXT NOT NULL,
    pool_id TEXT NOT NULL,
    username TEXT,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT,
    result TEXT NOT NULL,
    error_code TEXT
)";

/// How a change ended, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditResult {
    Changed,
    Unchanged,
    Failed,
    Cancelled,
}

impl AuditResult {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditResult::Changed => "changed",
            AuditResult::Unchanged => "unchanged",
            AuditResult::Failed => "failed",
            AuditResult::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "changed" => AuditResult::Changed,
            "unchanged" => AuditResult::Unchanged,
            "cancelled" => AuditResult::Cancelled,
            _ => AuditResult::Failed,
        }
    }
}

/// One recorded change. `before`/`after` are JSON of the state shown to people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// UTC, RFC 3339 to the millisecond.
    pub time: String,
    pub profile: Option<String>,
    pub region: String,
    pub pool_id: String,
    pub username: Option<String>,
    /// `SetUserPoolMfaConfig`, `AdminSetUserMFAPreference`, `AdminDeleteSoftwareToken`, ...
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub result: AuditResult,
    pub error_code: Option<String>,
}

impl AuditEntry {
    /// An entry stamped now.
    pub fn now(region: &str, pool_id: &str, action: &str, result: AuditResult) -> Self {
        Self {
            time: rfc3339(SystemTime::now()),
            profile: None,
            region: region.to_owned(),
            pool_id: pool_id.to_owned(),
            username: None,
            action: action.to_owned(),
            before: None,
            after: None,
            result,
            error_code: None,
        }
    }
}

/// The audit log file.
#[derive(Clone, Debug)]
pub struct AuditLog {
    pool: SqlitePool,
    path: PathBuf,
}

impl AuditLog {
    /// Opens (creating if needed) the audit file at `path`.
    pub async fn open(path: &Path) -> Result<Self, CognitoError> {
        let error = audit_error(path);
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await
            .map_err(&error)?;
        sqlx::query(SCHEMA).execute(&pool).await.map_err(&error)?;
        Ok(Self {
            pool,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `entries` in one transaction: all or none.
    pub async fn record_all(&self, entries: &[AuditEntry]) -> Result<(), CognitoError> {
        if entries.is_empty() {
            return Ok(());
        }
        let error = audit_error(&self.path);
        let mut tx = self.pool.begin().await.map_err(&error)?;
        for e in entries {
            sqlx::query(
                "INSERT INTO audit (time, profile, region, pool_id, username, action, before, after, result, error_code)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&e.time)
            .bind(&e.profile)
            .bind(&e.region)
            .bind(&e.pool_id)
            .bind(&e.username)
            .bind(&e.action)
            .bind(&e.before)
            .bind(&e.after)
            .bind(e.result.as_str())
            .bind(&e.error_code)
            .execute(&mut *tx)
            .await
            .map_err(&error)?;
        }
        tx.commit().await.map_err(&error)
    }

    pub async fn record(&self, entry: &AuditEntry) -> Result<(), CognitoError> {
        self.record_all(std::slice::from_ref(entry)).await
    }

    /// The newest `limit` entries, newest first (all with `None`).
    pub async fn list(&self, limit: Option<u32>) -> Result<Vec<AuditEntry>, CognitoError> {
        let rows = sqlx::query(
            "SELECT time, profile, region, pool_id, username, action, before, after, result, error_code
             FROM audit ORDER BY id DESC LIMIT ?",
        )
        .bind(limit.map_or(-1, i64::from))
        .fetch_all(&self.pool)
        .await
        .map_err(audit_error(&self.path))?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                time: r.get(0),
                profile: r.get(1),
                region: r.get(2),
                pool_id: r.get(3),
                username: r.get(4),
                action: r.get(5),
                before: r.get(6),
                after: r.get(7),
                result: AuditResult::parse(r.get::<&str, _>(8)),
                error_code: r.get(9),
            })
            .collect())
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

fn audit_error(path: &Path) -> impl Fn(sqlx::Error) -> CognitoError + '_ {
    move |e| CognitoError::Audit {
        path: path.to_owned(),
        detail: e.to_string(),
    }
}

/// The entries as CSV (RFC 4180: CRLF line ends, quoted where needed, quotes
/// doubled), with cells that a spreadsheet would run as a formula defused.
pub fn to_csv(entries: &[AuditEntry]) -> String {
    let mut out = String::new();
    let header = [
        "time",
        "profile",
        "region",
        "pool_id",
        "username",
        "action",
        "before",
        "after",
        "result",
        "error_code",
    ];
    push_row(&mut out, header.iter().map(|h| Some(*h)));
    for e in entries {
        push_row(
            &mut out,
            [
                Some(e.time.as_str()),
                e.profile.as_deref(),
                Some(e.region.as_str()),
                Some(e.pool_id.as_str()),
                e.username.as_deref(),
                Some(e.action.as_str()),
                e.before.as_deref(),
                e.after.as_deref(),
                Some(e.result.as_str()),
                e.error_code.as_deref(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = Option<&'a str>>) {
    let cells: Vec<String> = cells.map(|c| csv_cell(c.unwrap_or(""))).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One CSV cell: formula-looking text gets a leading `'` (OWASP's CSV injection
/// advice), then RFC 4180 quoting.
pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a time after 1970.
pub fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs() as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since the epoch (Howard Hinnant's civil_from_days).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2"), "'-2");
    }

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(1_709_251_199_123);
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59.123Z");
    }

    #[tokio::test]
    async fn entries_round_trip_through_the_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(AUDIT_FILE);
        let log = AuditLog::open(&path).await?;
        let mut entry = AuditEntry::now(
            "us-east-1",
            "pool",
            "AdminSetUserMFAPreference",
            AuditResult::Changed,
        );
        entry.username = Some("alice".into());
        entry.before = Some("{\"a\":1}".into());
        let mut failed = entry.clone();
        failed.result = AuditResult::Failed;
        failed.error_code = Some("cognito.service".into());
        log.record_all(&[entry.clone(), failed.clone()]).await?;
        log.close().await;
        let log = AuditLog::open(&path).await?;
        assert_eq!(log.list(None).await?, [failed.clone(), entry.clone()]);
        assert_eq!(log.list(Some(1)).await?, [failed]);
        let csv = to_csv(&log.list(None).await?);
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.contains("\"{\"\"a\"\":1}\""));
        Ok(())
    }
}
