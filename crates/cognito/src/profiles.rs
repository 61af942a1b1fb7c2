//! The AWS profiles a person has configured, and the regions Cognito runs in.
//!
//! Kairos only reads profile *names* here (to offer them in a list); credentials
//! stay in the AWS files and are resolved by `aws-config` at connection time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Regions where Amazon Cognito user pools are offered.
pub const COGNITO_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "sa-east-1",
    "us-gov-west-1",
];

/// One named profile and where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsProfile {
    pub name: String,
    /// It has `sso_session` or `sso_start_url`: an expired session needs `aws sso login`.
    pub uses_sso: bool,
    pub region: Option<String>,
}

/// `AWS_CONFIG_FILE` or `~/.aws/config`.
pub fn config_file() -> Option<PathBuf> {
    env_path("AWS_CONFIG_FILE").or_else(|| home_aws("config"))
}

/// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
pub fn credentials_file() -> Option<PathBuf> {
    env_path("AWS_SHARED_CREDENTIALS_FILE").or_else(|| home_aws("credentials"))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn home_aws(file: &str) -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|home| Path::new(&home).join(".aws").join(file))
}

/// Every profile named in the config and credentials files, sorted, without duplicates.
/// Missing or unreadable files give no profiles rather than an error: having none is normal.
pub fn list_profiles() -> Vec<AwsProfile> {
    let config = config_file()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let credentials = credentials_file()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    profiles_from(&config, &credentials)
}

/// The profiles in the text of a config file and a credentials file.
pub fn profiles_from(config: &str, credentials: &str) -> Vec<AwsProfile> {
    let mut found: Vec<AwsProfile> = Vec::new();
    for section in sections(config) {
        // In the config file, `[default]` and `[profile NAME]`; `[sso-session X]` is not a profile.
        let name = match section.header.as_str() {
            "default" => "default".to_owned(),
            header => match header.strip_prefix("profile ") {
                Some(name) => name.trim().to_owned(),
                None => continue,
            },
        };
        found.push(AwsProfile {
            uses_sso: section.keys.contains("sso_session")
                || section.keys.contains("sso_start_url"),
            region: section.region.clone(),
            name,
        });
    }
    let known: BTreeSet<String> = found.iter().map(|p| p.name.clone()).collect();
    for section in sections(credentials) {
        let name = section.header.trim().to_owned();
        if !name.is_empty() && !known.contains(&name) {
            found.push(AwsProfile {
                name,
                uses_sso: false,
                region: None,
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found.dedup_by(|a, b| a.name == b.name);
    found
}

struct Section {
    header: String,
    keys: BTreeSet<String>,
    region: Option<String>,
}

fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Section {
                header: header.trim().to_owned(),
                keys: BTreeSet::new(),
                region: None,
            });
        } else if let (Some(section), Some((key, value))) = (out.last_mut(), line.split_once('=')) {
            let key = key.trim().to_ascii_lowercase();
            if key == "region" {
                section.region = Some(value.trim().to_owned());
            }
            section.keys.insert(key);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_come_from_both_files_without_sso_sessions() {
        let config = "[default]\nregion = eu-west-1\n\n[profile admin]\nsso_session = corp\nsso_account_id = 1\n\n[sso-session corp]\nsso_start_url = https://x\n";
        let credentials = "[default]\naws_access_key_id = A\n[ci]\naws_access_key_id = B\n";
        let profiles = profiles_from(config, credentials);
        let names: Vec<_> = profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["admin", "ci", "default"]);
        assert!(profiles[0].uses_sso);
        assert!(!profiles[1].uses_sso);
        assert_eq!(profiles[2].region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn regions_are_unique() {
        let set: BTreeSet<_> = COGNITO_REGIONS.iter().collect();
        assert_eq!(set.len(), COGNITO_REGIONS.len());
    }
}
