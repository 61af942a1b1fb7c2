//! What the user chooses about network time, and where the defaults come
//! from.

use serde::{Deserialize, Serialize};

use super::sntp::ServerSpec;
use crate::CoreError;

/// Servers used when none is configured: Amazon's time (what Cognito's clock
/// follows) and Google's. Both smear leap seconds the same way over a day, so
/// they agree with each other; mixing them with non-smearing servers would
/// not, around a leap second.
pub const DEFAULT_SERVERS: [&str; 2] = ["time.aws.com", "time.google.com"];

/// Replaces [`DEFAULT_SERVERS`] (comma-separated): how tests and managed
/// installs point Kairos at their own servers.
pub const SERVERS_ENV: &str = "KAIROS_TIME_SERVERS";
/// Replaces the Cognito endpoint as the `Date` fallback's URL, or `off`.
pub const HTTP_URL_ENV: &str = "KAIROS_TIME_HTTP_URL";

pub const THRESHOLD_RANGE: std::ops::RangeInclusive<u32> = 1..=3600;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TimeSettings {
    /// Off: codes use the system clock as is, nothing is sent anywhere.
    pub enabled: bool,
    /// `host`, `host:port` or `[v6]:port`, asked in parallel.
    pub servers: Vec<String>,
    /// An offset larger than this is worth telling the user about.
    pub warning_threshold_seconds: u32,
    /// Ask the Cognito endpoint's `Date` header when no NTP server answers.
    pub http_fallback: bool,
}

impl Default for TimeSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            servers: DEFAULT_SERVERS.iter().map(|s| (*s).to_owned()).collect(),
            warning_threshold_seconds: 5,
            http_fallback: true,
        }
    }
}

impl TimeSettings {
    /// The defaults, with [`SERVERS_ENV`] applied.
    pub fn initial() -> Self {
        let mut settings = Self::default();
        if let Some(servers) = servers_from_env() {
            settings.servers = servers;
        }
        settings
    }

    /// Trimmed, blank entries and repeats dropped, every entry parsed.
    pub fn validated(mut self) -> Result<Self, CoreError> {
        let mut seen = Vec::new();
        for server in &self.servers {
            let server = server.trim();
            if server.is_empty() {
                continue;
            }
            let spec = ServerSpec::parse(server)?;
            if !seen.iter().any(|(s, _): &(ServerSpec, String)| *s == spec) {
                seen.push((spec, server.to_owned()));
            }
        }
        self.servers = seen.into_iter().map(|(_, text)| text).collect();
        if self.enabled && self.servers.is_empty() {
            return Err(CoreError::TimeNoServer);
        }
        if !THRESHOLD_RANGE.contains(&self.warning_threshold_seconds) {
            return Err(CoreError::TimeThreshold {
                value: self.warning_threshold_seconds,
            });
        }
        Ok(self)
    }

    /// Whether the list mixes leap-smearing servers with others, whose
    /// clocks differ by up to a second around a leap second.
    pub fn mixes_smearing(&self) -> bool {
        let smearing = self.servers.iter().filter(|s| is_smearing(s)).count();
        smearing > 0 && smearing < self.servers.len()
    }
}

/// Servers known to smear leap seconds: Amazon's and Google's public time,
/// and the Amazon Time Sync Service inside EC2.
fn is_smearing(server: &str) -> bool {
    let Ok(spec) = ServerSpec::parse(server) else {
        return false;
    };
    let host = spec.host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    matches!(host, "time.aws.com" | "169.254.169.123" | "fd00:ec2::123")
        || host == "time.google.com"
        || (host.starts_with("time") && host.ends_with(".google.com"))
}

fn servers_from_env() -> Option<Vec<String>> {
    let value = std::env::var(SERVERS_ENV).ok()?;
    let servers: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    (!servers.is_empty()).then_some(servers)
}

/// The `Date` fallback's URL: [`HTTP_URL_ENV`] when set (`off` disables it),
/// else the Cognito endpoint the SDK would use: `AWS_ENDPOINT_URL`, or the
/// regional endpoint of `region` (else `AWS_REGION`, `AWS_DEFAULT_REGION`,
/// `us-east-1`).
pub fn http_fallback_url(region: Option<&str>) -> Option<String> {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    if let Some(value) = env(HTTP_URL_ENV) {
        return (!value.eq_ignore_ascii_case("off")).then_some(value);
    }
    if let Some(endpoint) = env("AWS_ENDPOINT_URL") {
        return Some(endpoint);
    }
    let region = region
        .map(str::to_owned)
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".to_owned());
    Some(super::http_date::cognito_endpoint_url(&region))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserFacing;

    fn with(servers: &[&str]) -> TimeSettings {
        TimeSettings {
            servers: servers.iter().map(|s| (*s).to_owned()).collect(),
            ..TimeSettings::default()
        }
    }

    #[test]
    fn validation_cleans_the_list_and_names_what_is_wrong() {
        let clean = with(&[" time.aws.com ", "", "time.aws.com:123", "[::1]:4123"])
            .validated()
            .expect("valid");
        assert_eq!(clean.servers, ["time.aws.com", "[::1]:4123"]);
        let err = with(&["ok.example", "bad host"])
            .validated()
            .expect_err("bad");
        assert_eq!(err.code(), "time.bad_server");
        assert!(err.report(crate::Locale::En).message.contains("bad host"));
        assert_eq!(
            with(&[" "]).validated().expect_err("empty").code(),
            "time.no_server"
        );
        // Disabled with no server is fine: nothing will be asked.
        let off = TimeSettings {
            enabled: false,
            ..with(&[])
        };
        assert!(off.validated().is_ok());
        for threshold in [0, 3601] {
            let settings = TimeSettings {
                warning_threshold_seconds: threshold,
                ..TimeSettings::default()
            };
            assert_eq!(
                settings.validated().expect_err("range").code(),
                "time.threshold"
            );
        }
    }

    #[test]
    fn smearing_and_non_smearing_servers_are_not_mixed_silently() {
        assert!(!TimeSettings::default().mixes_smearing());
        assert!(!with(&["0.pool.ntp.org", "1.pool.ntp.org"]).mixes_smearing());
        assert!(with(&["time.aws.com", "0.pool.ntp.org"]).mixes_smearing());
        assert!(with(&["time2.google.com", "ntp.example.org:123"]).mixes_smearing());
        assert!(!with(&["169.254.169.123", "time.aws.com"]).mixes_smearing());
    }

    #[test]
    fn saved_settings_missing_new_fields_take_defaults() {
        let settings: TimeSettings = serde_json::from_str(r#"{"enabled":false}"#).expect("json");
        assert!(!settings.enabled);
        assert!(settings.http_fallback);
        assert_eq!(settings.servers, DEFAULT_SERVERS);
    }
}
