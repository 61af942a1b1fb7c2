//! The vault's SQLite file: where it is, how it is opened, and its migrations.

use std::borrow::Cow;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::error::BoxDynError;
use sqlx::migrate::{MigrateError, Migration, MigrationSource, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::CoreError;

/// The vault's file name inside the data folder.
pub const DB_FILE: &str = "kairos.db";

/// Every migration, oldest first. Embedded at build time (the app never reads
/// SQL from disk); `every_migration_file_is_embedded` keeps this list and
/// `crates/core/migrations/` in step.
const MIGRATIONS: &[(i64, &str, &str)] =
    &[(1, "vault", include_str!("../../migrations/0001_vault.sql"))];

pub(crate) fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

/// `<db>-wal` and `<db>-shm`, SQLite's companions of a WAL-mode database.
pub(crate) fn companion_paths(db: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

pub(crate) fn database_error(path: &Path) -> impl Fn(sqlx::Error) -> CoreError + '_ {
    move |source| CoreError::VaultDatabase {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens a pool on an existing file.
pub(crate) async fn connect(path: &Path) -> Result<SqlitePool, CoreError> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        // WAL: readers (the code list refreshing every second) never block the
        // writer, and a crash mid-commit leaves the previous state intact.
        .journal_mode(SqliteJournalMode::Wal)
        // FULL, not WAL's usual NORMAL: an account whose enrolment QR code is
        // already gone must survive a power cut right after "Add".
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(database_error(path))
}

/// Brings the schema up to date. A vault written by a newer Kairos (a
/// migration this build does not know) is refused rather than guessed at.
pub(crate) async fn migrate(pool: &SqlitePool, path: &Path) -> Result<(), CoreError> {
    let to_error = |error: MigrateError| match error {
        MigrateError::VersionMissing(version) => CoreError::VaultTooNew {
            path: path.to_path_buf(),
            version,
        },
        MigrateError::Execute(source) => database_error(path)(source),
        other => database_error(path)(sqlx::Error::Migrate(Box::new(other))),
    };
    let migrator = Migrator::new(Embedded).await.map_err(to_error)?;
    migrator.run(pool).await.map_err(to_error)
}

/// The migrations compiled into this build, as a sqlx migration source.
#[derive(Debug)]
struct Embedded;

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("migrations folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = MIGRATIONS
            .iter()
            .map(|(version, description, _)| format!("{version:04}_{description}.sql"))
            .collect();
        assert_eq!(on_disk, embedded);
        for ((_, _, sql), name) in MIGRATIONS.iter().zip(&on_disk) {
            let file = std::fs::read_to_string(dir.join(name)).expect("read migration");
            assert_eq!(*sql, file, "{name} differs from what is embedded");
            // A CRLF checkout would change the checksum stored in every vault.
            assert!(!sql.contains('\r'), "{name} has CRLF line endings");
        }
    }
}
