//! Writing an export to disk: owner-only permissions from the first byte,
//! all or nothing (a crash leaves either no file or the whole file), and no
//! overwriting unless asked.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::BackupError;

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// created 0600 on Unix, flushed to disk, then moved into place. Without
/// `overwrite`, an existing `path` is refused (`backup.file_exists`), even
/// one created while writing: the move is then a hard link, which never
/// replaces a file.
pub fn write_new_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), BackupError> {
    let io = |source: std::io::Error| BackupError::Io {
        path: path.to_owned(),
        source,
    };
    if !overwrite && fs::symlink_metadata(path).is_ok() {
        return Err(BackupError::FileExists {
            path: path.to_owned(),
        });
    }
    let temp = temporary_path(path).map_err(io)?;
    let written = write_private(&temp, bytes).and_then(|()| {
        if overwrite {
            fs::rename(&temp, path)
        } else {
            fs::hard_link(&temp, path).and_then(|()| fs::remove_file(&temp))
        }
    });
    match written {
        Ok(()) => {
            sync_parent(path);
            Ok(())
        }
        Err(error) => {
            let _ = fs::remove_file(&temp);
            if error.kind() == std::io::ErrorKind::AlreadyExists {
                Err(BackupError::FileExists {
                    path: path.to_owned(),
                })
            } else {
                Err(io(error))
            }
        }
    }
}

fn temporary_path(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", crate::vault::to_hex(&random)));
    Ok(path.with_file_name(temp_name))
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the new directory entry durable; best effort (not every system
/// lets a folder be opened for syncing).
fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = fs::File::open(parent)
    {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_owner_only_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.kairos");
        write_new_file(&path, b"first", false).expect("write");
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path)
                .map(|m| m.permissions().mode() & 0o777)
                .ok();
            assert_eq!(mode, Some(0o600));
        }
        let again = write_new_file(&path, b"second", false);
        assert!(matches!(again, Err(BackupError::FileExists { .. })));
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        write_new_file(&path, b"second", true).expect("overwrite");
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"second"[..]));
        // No temporary file left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.kairos")]);
    }

    #[test]
    fn a_missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_new_file(&dir.path().join("no/such/out"), b"x", false);
        assert!(matches!(err, Err(BackupError::Io { .. })));
    }
}
