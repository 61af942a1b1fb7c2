//! The last good offset, kept for starts without network.
//!
//! A small JSON file written atomically (temporary file, fsync, rename)
//! rather than a table: the vault cannot be read before it is unlocked, and
//! a second SQLite database (pool, WAL files, migrations) would be a lot of
//! machinery for one record that is simply replaced on each sync. A reader
//! sees the old file or the new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::delta::SignedDuration;
use crate::CoreError;
use crate::clock::UnixTime;

/// The file's name inside the data folder.
pub const TIME_FILE: &str = "time.json";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Persisted {
    pub offset_nanos: i64,
    /// When the offset was measured, by the system clock.
    pub measured_at_unix_nanos: u64,
    pub servers: Vec<String>,
}

impl Persisted {
    pub fn offset(&self) -> SignedDuration {
        SignedDuration::from_nanos(self.offset_nanos)
    }

    pub fn measured_at(&self) -> UnixTime {
        UnixTime::from_since_epoch(std::time::Duration::from_nanos(self.measured_at_unix_nanos))
    }
}

fn error(path: &Path, detail: impl std::fmt::Display) -> CoreError {
    CoreError::TimePersist {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    }
}

pub(crate) fn path(dir: &Path) -> PathBuf {
    dir.join(TIME_FILE)
}

/// `None` when there is no file yet.
pub(crate) fn load(dir: &Path) -> Result<Option<Persisted>, CoreError> {
    let path = path(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(error(&path, e)),
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| error(&path, e))
}

/// Blocking, but a write of ~100 bytes once per sync (every 30 minutes).
pub(crate) fn store(dir: &Path, record: &Persisted) -> Result<(), CoreError> {
    let path = path(dir);
    std::fs::create_dir_all(dir).map_err(|e| error(&path, e))?;
    let temporary = dir.join(format!("{TIME_FILE}.tmp"));
    let json = serde_json::to_vec(record).map_err(|e| error(&path, e))?;
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &path)
    };
    write().map_err(|e| error(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_replaces() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(load(dir.path()).expect("no file is fine"), None);
        let mut record = Persisted {
            offset_nanos: -90_000_000_000,
            measured_at_unix_nanos: 1_700_000_000_123_456_789,
            servers: vec!["127.0.0.1:123".into()],
        };
        store(dir.path(), &record).expect("stored");
        record.offset_nanos = 5;
        store(dir.path(), &record).expect("replaced");
        assert_eq!(load(dir.path()).expect("read"), Some(record));
        std::fs::write(path(dir.path()), "{").expect("write");
        let err = load(dir.path()).expect_err("corrupt");
        assert_eq!(crate::UserFacing::code(&err), "time.persist");
    }
}
