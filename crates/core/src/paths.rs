//! Where Kairos keeps its data. The CLI and the app resolve it the same way, so
//! both see the same vault.

use std::path::{Path, PathBuf};

use crate::CoreError;

/// Environment variable that moves the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "KAIROS_DATA_DIR";

/// The folder chosen, in order: an explicit path (`--data-dir`), `KAIROS_DATA_DIR`,
/// then the OS data folder (`~/.local/share/kairos` on Linux).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, CoreError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("app", "Kairos", "Kairos")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(CoreError::NoHomeDirectory)
}

/// Creates the folder if needed, readable by its owner only (it holds the vault).
pub fn ensure_data_dir(path: &Path) -> Result<(), CoreError> {
    let wrap = |source| CoreError::DataDir {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(path).map_err(wrap)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700)).map_err(wrap)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserFacing;

    #[test]
    fn explicit_path_wins() {
        let dir = Path::new("/some/where");
        assert_eq!(resolve_data_dir(Some(dir)).ok(), Some(dir.to_path_buf()));
    }

    #[test]
    fn creates_private_folder() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("a/b");
        ensure_data_dir(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
        }
        Ok(())
    }

    #[test]
    fn a_file_in_the_way_is_a_clear_error() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, b"x")?;
        let err = ensure_data_dir(&file.join("sub")).err();
        assert_eq!(err.map(|e| e.code()), Some("data_dir.unavailable"));
        Ok(())
    }
}
