//! The Cognito connection settings kept in the data folder (`cognito.json`),
//! apart from the vault: the admin page works with a locked or absent vault.
//! Today it holds the endpoint override, for local emulators such as moto.

use std::path::{Path, PathBuf};

use kairos_core::backup::write_new_file;
use serde::{Deserialize, Serialize};

use crate::CognitoError;
use crate::connection::optional_endpoint;

pub const SETTINGS_FILE: &str = "cognito.json";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CognitoSettings {
    /// Where Cognito calls go instead of AWS (`http://127.0.0.1:5000`); wins
    /// over `AWS_ENDPOINT_URL`.
    #[serde(default)]
    pub endpoint_override: Option<String>,
}

impl CognitoSettings {
    /// Trimmed; blank means none; anything else must be an http(s) URL with a host.
    pub fn validated(self) -> Result<Self, CognitoError> {
        Ok(Self {
            endpoint_override: optional_endpoint(self.endpoint_override.as_deref())?,
        })
    }

    /// What `dir` holds; the defaults when the file does not exist yet.
    pub fn load(dir: &Path) -> Result<Self, CognitoError> {
        let path = settings_path(dir);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(io_error(&path, e.to_string())),
        };
        let corrupt = |detail: String| CognitoError::SettingsCorrupt {
            path: path.clone(),
            detail,
        };
        let settings: Self = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        // A hand-edited URL that would be refused when saved is as unusable.
        settings.validated().map_err(|e| corrupt(e.to_string()))
    }

    /// Checks, then replaces `dir`'s file all at once (temporary file, then
    /// rename). A file Kairos cannot read is refused rather than replaced: it
    /// may hold something the person wants to keep.
    pub fn save(self, dir: &Path) -> Result<Self, CognitoError> {
        let settings = self.validated()?;
        Self::load(dir)?;
        let path = settings_path(dir);
        let json =
            serde_json::to_vec_pretty(&settings).map_err(|e| io_error(&path, e.to_string()))?;
        write_new_file(&path, &json, true).map_err(|e| io_error(&path, e.to_string()))?;
        Ok(settings)
    }
}

pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join(SETTINGS_FILE)
}

fn io_error(path: &Path, detail: String) -> CognitoError {
    CognitoError::SettingsIo {
        path: path.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use kairos_core::UserFacing;

    use super::*;

    fn with_endpoint(endpoint: &str) -> CognitoSettings {
        CognitoSettings {
            endpoint_override: Some(endpoint.to_owned()),
        }
    }

    #[test]
    fn absent_file_means_no_override() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        assert_eq!(
            CognitoSettings::load(dir.path())?,
            CognitoSettings::default()
        );
        Ok(())
    }

    #[test]
    fn saved_settings_come_back_cleaned() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let saved = with_endpoint("  http://127.0.0.1:5000/ ").save(dir.path())?;
        assert_eq!(saved, with_endpoint("http://127.0.0.1:5000"));
        assert_eq!(CognitoSettings::load(dir.path())?, saved);

        let cleared = with_endpoint("   ").save(dir.path())?;
        assert_eq!(cleared.endpoint_override, None);
        assert_eq!(CognitoSettings::load(dir.path())?, cleared);
        // Only the file itself: no temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, [SETTINGS_FILE]);
        Ok(())
    }

    #[test]
    fn invalid_url_is_refused_and_nothing_written() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        for bad in ["127.0.0.1:5000", "ftp://host", "http://", "not a url"] {
            let err = with_endpoint(bad).save(dir.path()).err();
            assert_eq!(
                err.map(|e| e.code()),
                Some("cognito.invalid_endpoint"),
                "{bad}"
            );
        }
        assert!(!settings_path(dir.path()).exists());

        with_endpoint("https://cognito.example.com").save(dir.path())?;
        let before = std::fs::read(settings_path(dir.path()))?;
        assert!(with_endpoint("nope").save(dir.path()).is_err());
        assert_eq!(std::fs::read(settings_path(dir.path()))?, before);
        Ok(())
    }

    #[test]
    fn corrupt_file_is_an_error_and_kept() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = settings_path(dir.path());
        for corrupt in [
            &b"{ not json"[..],
            br#"{"endpointOverride": "ftp://host"}"#,
            br#"{"endpointOverride": 5}"#,
        ] {
            std::fs::write(&path, corrupt)?;
            let err = CognitoSettings::load(dir.path()).err();
            assert_eq!(err.map(|e| e.code()), Some("cognito.settings_corrupt"));
            let err = with_endpoint("http://127.0.0.1:5000")
                .save(dir.path())
                .err();
            assert_eq!(err.map(|e| e.code()), Some("cognito.settings_corrupt"));
            assert_eq!(std::fs::read(&path)?, corrupt);
        }
        Ok(())
    }
}
