//! What the trusted clock keeps between runs, in its own SQLite file
//! (`time.db`): the last good offset, what each server asked of us (a `RATE`
//! back-off or a `DENY` must outlive a restart, or a restarted app would
//! hammer the server again), and the time settings.
//!
//! Not inside the vault: none of it is secret, and it is needed before the
//! vault is unlocked (the app syncs at start) and before any vault exists.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use super::delta::SignedDuration;
use super::settings::TimeSettings;
use super::trusted::ServerState;
use crate::CoreError;
use crate::clock::UnixTime;

/// The file's name inside the data folder.
pub const TIME_DB_FILE: &str = "time.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS last_offset (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    offset_nanos INTEGER NOT NULL,
    measured_at_nanos INTEGER NOT NULL,
    -- 'ntp' or 'httpDate'
    source TEXT NOT NULL,
    -- the servers (JSON array) or the URL it came from
    origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_state (
    server TEXT PRIMARY KEY,
    last_query_nanos INTEGER NOT NULL,
    min_interval_seconds INTEGER NOT NULL,
    denied TEXT
);
CREATE TABLE IF NOT EXISTS settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- the whole TimeSettings as JSON: one row, read and written whole
    json TEXT NOT NULL
);
";

/// The last good measurement, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoredOffset {
    pub offset: SignedDuration,
    pub measured_at: UnixTime,
    pub origin: StoredOrigin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum StoredOrigin {
    Ntp(Vec<String>),
    HttpDate(String),
}

#[derive(Clone, Debug)]
pub(crate) struct TimeStore {
    pool: SqlitePool,
    path: PathBuf,
}

fn nanos(time: UnixTime) -> i64 {
    i64::try_from(time.since_epoch().as_nanos()).unwrap_or(i64::MAX)
}

fn from_nanos(nanos: i64) -> UnixTime {
    UnixTime::from_since_epoch(Duration::from_nanos(u64::try_from(nanos).unwrap_or(0)))
}

impl TimeStore {
    /// Opens (creating if needed) `time.db` in `dir`.
    pub async fn open(dir: &Path) -> Result<Self, CoreError> {
        let path = dir.join(TIME_DB_FILE);
        std::fs::create_dir_all(dir).map_err(|e| persist_error(&path, e))?;
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            // A rollback journal: one small write every half hour does not
            // need WAL's companion files, and a crash leaves the old record.
            .journal_mode(SqliteJournalMode::Delete)
            .synchronous(SqliteSynchronous::Full)
            // The app and the CLI may write at the same moment.
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(|e| persist_error(&path, e))?;
        sqlx::raw_sql(SCHEMA)
            .execute(&pool)
            .await
            .map_err(|e| persist_error(&path, e))?;
        Ok(Self { pool, path })
    }

    fn fail(&self) -> impl Fn(sqlx::Error) -> CoreError + '_ {
        |e| persist_error(&self.path, e)
    }

    pub async fn offset(&self) -> Result<Option<StoredOffset>, CoreError> {
        let row = sqlx::query(
            "SELECT offset_nanos, measured_at_nanos, source, origin FROM last_offset WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(self.fail())?;
        let Some(row) = row else { return Ok(None) };
        let source: String = row.get("source");
        let origin: String = row.get("origin");
        let origin = match source.as_str() {
            "ntp" => StoredOrigin::Ntp(
                serde_json::from_str(&origin).map_err(|e| persist_error(&self.path, e))?,
            ),
            "httpDate" => StoredOrigin::HttpDate(origin),
            other => {
                return Err(persist_error(
                    &self.path,
                    format!("unknown offset source {other:?}"),
                ));
            }
        };
        Ok(Some(StoredOffset {
            offset: SignedDuration::from_nanos(row.get("offset_nanos")),
            measured_at: from_nanos(row.get("measured_at_nanos")),
            origin,
        }))
    }

    pub async fn save_offset(&self, record: &StoredOffset) -> Result<(), CoreError> {
        let (source, origin) = match &record.origin {
            StoredOrigin::Ntp(servers) => (
                "ntp",
                serde_json::to_string(servers).map_err(|e| persist_error(&self.path, e))?,
            ),
            StoredOrigin::HttpDate(url) => ("httpDate", url.clone()),
        };
        sqlx::query(
            "INSERT INTO last_offset (id, offset_nanos, measured_at_nanos, source, origin)
             VALUES (1, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET offset_nanos = excluded.offset_nanos,
                 measured_at_nanos = excluded.measured_at_nanos,
                 source = excluded.source, origin = excluded.origin",
        )
        .bind(record.offset.as_nanos())
        .bind(nanos(record.measured_at))
        .bind(source)
        .bind(origin)
        .execute(&self.pool)
        .await
        .map_err(self.fail())?;
        Ok(())
    }

    pub async fn server_states(&self) -> Result<Vec<(String, ServerState)>, CoreError> {
        let rows = sqlx::query(
            "SELECT server, last_query_nanos, min_interval_seconds, denied FROM server_state",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(self.fail())?;
        Ok(rows
            .iter()
            .map(|row| {
                let interval: i64 = row.get("min_interval_seconds");
                (
                    row.get("server"),
                    ServerState {
                        last_query: from_nanos(row.get("last_query_nanos")),
                        min_interval: Duration::from_secs(u64::try_from(interval).unwrap_or(0)),
                        denied: row.get("denied"),
                    },
                )
            })
            .collect())
    }

    /// Replaces the states of the servers given, in one transaction.
    pub async fn save_server_states(
        &self,
        states: &[(String, ServerState)],
    ) -> Result<(), CoreError> {
        let mut tx = self.pool.begin().await.map_err(self.fail())?;
        for (server, state) in states {
            sqlx::query(
                "INSERT INTO server_state (server, last_query_nanos, min_interval_seconds, denied)
                 VALUES (?, ?, ?, ?)
                 ON CONFLICT (server) DO UPDATE SET last_query_nanos = excluded.last_query_nanos,
                     min_interval_seconds = excluded.min_interval_seconds,
                     denied = excluded.denied",
            )
            .bind(server)
            .bind(nanos(state.last_query))
            .bind(i64::try_from(state.min_interval.as_secs()).unwrap_or(i64::MAX))
            .bind(&state.denied)
            .execute(&mut *tx)
            .await
            .map_err(self.fail())?;
        }
        tx.commit().await.map_err(self.fail())
    }

    /// `None` until settings were saved once.
    pub async fn settings(&self) -> Result<Option<TimeSettings>, CoreError> {
        let json: Option<String> = sqlx::query_scalar("SELECT json FROM settings WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(self.fail())?;
        json.map(|json| serde_json::from_str(&json).map_err(|e| persist_error(&self.path, e)))
            .transpose()
    }

    pub async fn save_settings(&self, settings: &TimeSettings) -> Result<(), CoreError> {
        let json = serde_json::to_string(settings).map_err(|e| persist_error(&self.path, e))?;
        sqlx::query(
            "INSERT INTO settings (id, json) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET json = excluded.json",
        )
        .bind(json)
        .execute(&self.pool)
        .await
        .map_err(self.fail())?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn persist_error(path: &Path, detail: impl std::fmt::Display) -> CoreError {
    CoreError::TimePersist {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn records_round_trip_and_replace() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = TimeStore::open(dir.path()).await.expect("open");
        assert_eq!(store.offset().await.expect("read"), None);
        assert_eq!(store.settings().await.expect("read"), None);
        let mut record = StoredOffset {
            offset: SignedDuration::from_nanos(-90_000_000_000),
            measured_at: from_nanos(1_700_000_000_123_456_789),
            origin: StoredOrigin::Ntp(vec!["127.0.0.1:123".into()]),
        };
        store.save_offset(&record).await.expect("stored");
        record.offset = SignedDuration::from_nanos(5);
        record.origin = StoredOrigin::HttpDate("http://127.0.0.1:1/".into());
        store.save_offset(&record).await.expect("replaced");
        let state = ServerState {
            last_query: from_nanos(1_000_000_000),
            min_interval: Duration::from_secs(3600),
            denied: Some("DENY".into()),
        };
        store
            .save_server_states(&[("a:123".into(), state.clone())])
            .await
            .expect("states");
        let settings = TimeSettings {
            enabled: false,
            ..TimeSettings::default()
        };
        store.save_settings(&settings).await.expect("settings");
        store.close().await;

        let store = TimeStore::open(dir.path()).await.expect("reopen");
        assert_eq!(store.offset().await.expect("read"), Some(record));
        assert_eq!(
            store.server_states().await.expect("read"),
            [("a:123".to_owned(), state)]
        );
        assert_eq!(store.settings().await.expect("read"), Some(settings));
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_database_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join(TIME_DB_FILE),
            b"not sqlite at all, not at all",
        )
        .expect("write");
        let err = TimeStore::open(dir.path()).await.expect_err("corrupt");
        assert_eq!(crate::UserFacing::code(&err), "time.persist");
    }
}
