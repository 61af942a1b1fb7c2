//! The update settings kept in the data folder (`updates.json`), apart from
//! the vault: whether to look for updates at all (off until the person turns
//! it on) and the feed's address.

use std::path::{Path, PathBuf};

use kairos_core::backup::write_new_file;
use serde::{Deserialize, Serialize};
use url::Url;

use super::endpoint::{Transport, parse_endpoint};
use super::error::UpdateError;

pub const SETTINGS_FILE: &str = "updates.json";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateSettings {
    /// Off: the app never contacts an update server.
    #[serde(default)]
    pub enabled: bool,
    /// The feed (`latest.json`) to ask; kept while checks are off.
    #[serde(default)]
    pub endpoint: Option<String>,
}

impl UpdateSettings {
    /// Trimmed; blank means none; a set address must pass `transport`'s
    /// rule, and checks cannot be on without one.
    pub fn validated(self, transport: Transport) -> Result<Self, UpdateError> {
        let endpoint = match self.endpoint.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(parse_endpoint(text, transport)?.to_string()),
        };
        if self.enabled && endpoint.is_none() {
            return Err(UpdateError::EndpointMissing);
        }
        Ok(Self {
            enabled: self.enabled,
            endpoint,
        })
    }

    /// The feed to ask, or why none may be asked. No request is ever made
    /// without this answering `Ok`.
    pub fn feed(&self, transport: Transport) -> Result<Url, UpdateError> {
        if !self.enabled {
            return Err(UpdateError::Disabled);
        }
        let endpoint = self
            .endpoint
            .as_deref()
            .ok_or(UpdateError::EndpointMissing)?;
        parse_endpoint(endpoint, transport)
    }

    /// What `dir` holds; the defaults (off) when the file does not exist yet.
    pub fn load(dir: &Path, transport: Transport) -> Result<Self, UpdateError> {
        let path = settings_path(dir);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(io_error(&path, e.to_string())),
        };
        let corrupt = |detail: String| UpdateError::SettingsCorrupt {
            path: path.clone(),
            detail,
        };
        let settings: Self = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        // A hand-edited address that would be refused when saved is as unusable.
        settings
            .validated(transport)
            .map_err(|e| corrupt(e.to_string()))
    }

    /// Checks, then replaces `dir`'s file all at once. A file Kairos cannot
    /// read is refused rather than replaced: it may hold something the
    /// person wants to keep.
    pub fn save(self, dir: &Path, transport: Transport) -> Result<Self, UpdateError> {
        let settings = self.validated(transport)?;
        Self::load(dir, transport)?;
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

fn io_error(path: &Path, detail: String) -> UpdateError {
    UpdateError::SettingsIo {
        path: path.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use kairos_core::UserFacing;

    use super::*;

    const LOOSE: Transport = Transport::HttpsOrLoopbackHttp;

    fn on(endpoint: &str) -> UpdateSettings {
        UpdateSettings {
            enabled: true,
            endpoint: Some(endpoint.to_owned()),
        }
    }

    #[test]
    fn absent_file_means_off() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let settings = UpdateSettings::load(dir.path(), LOOSE)?;
        assert_eq!(settings, UpdateSettings::default());
        assert!(!settings.enabled);
        assert_eq!(
            settings.feed(LOOSE).err().map(|e| e.code()),
            Some("update.disabled")
        );
        Ok(())
    }

    #[test]
    fn saved_settings_come_back_cleaned() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let saved = on("  https://updates.example.com/latest.json ").save(dir.path(), LOOSE)?;
        assert_eq!(saved, on("https://updates.example.com/latest.json"));
        assert_eq!(UpdateSettings::load(dir.path(), LOOSE)?, saved);
        assert_eq!(
            saved.feed(LOOSE)?.as_str(),
            "https://updates.example.com/latest.json"
        );

        // Turned off, the address is kept for next time, and nothing may be asked.
        let off = UpdateSettings {
            enabled: false,
            ..saved
        }
        .save(dir.path(), LOOSE)?;
        assert_eq!(
            off.endpoint.as_deref(),
            Some("https://updates.example.com/latest.json")
        );
        assert_eq!(
            off.feed(LOOSE).err().map(|e| e.code()),
            Some("update.disabled")
        );
        Ok(())
    }

    #[test]
    fn refused_settings_write_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        for (settings, expected) in [
            (
                on("http://example.com/latest.json"),
                "update.insecure_endpoint",
            ),
            (on("example.com"), "update.invalid_endpoint"),
            (on("   "), "update.endpoint_missing"),
        ] {
            let err = settings.save(dir.path(), LOOSE).err();
            assert_eq!(err.map(|e| e.code()), Some(expected));
        }
        assert!(!settings_path(dir.path()).exists());
        Ok(())
    }

    #[test]
    fn corrupt_file_is_an_error_and_kept() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = settings_path(dir.path());
        for corrupt in [
            &b"{ not json"[..],
            br#"{"enabled": true, "endpoint": "http://example.com/latest.json"}"#,
            br#"{"enabled": "yes"}"#,
        ] {
            std::fs::write(&path, corrupt)?;
            let err = UpdateSettings::load(dir.path(), LOOSE).err();
            assert_eq!(err.map(|e| e.code()), Some("update.settings_corrupt"));
            let err = on("https://updates.example.com/latest.json")
                .save(dir.path(), LOOSE)
                .err();
            assert_eq!(err.map(|e| e.code()), Some("update.settings_corrupt"));
            assert_eq!(std::fs::read(&path)?, corrupt);
        }
        Ok(())
    }
}
