//! Connecting to Cognito through the standard AWS configuration chain.

use std::time::Duration;

use aws_config::{BehaviorVersion, Region, timeout::TimeoutConfig};
use aws_sdk_cognitoidentityprovider::Client;
use serde::Serialize;

use crate::CognitoError;

/// What the user chose; anything left out comes from the AWS chain.
#[derive(Clone, Debug, Default)]
pub struct ConnectOptions {
    pub region: Option<String>,
    /// A local emulator or a private endpoint; `AWS_ENDPOINT_URL` is honoured too.
    pub endpoint_url: Option<String>,
    pub profile: Option<String>,
}

/// A user pool as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPoolSummary {
    pub id: String,
    pub name: String,
}

/// A Cognito client for one region (and endpoint), ready for admin calls.
#[derive(Clone, Debug)]
pub struct CognitoAdmin {
    client: Client,
    region: String,
    endpoint_url: Option<String>,
    /// The profile asked for, to name it in "run `aws sso login --profile …`".
    profile: Option<String>,
}

impl CognitoAdmin {
    /// Loads the AWS configuration and checks what can be checked before a call.
    pub async fn connect(options: &ConnectOptions) -> Result<Self, CognitoError> {
        let endpoint_url = optional_endpoint(options.endpoint_url.as_deref())?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest()).timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_timeout(Duration::from_secs(30))
                .build(),
        );
        if let Some(profile) = options.profile.as_deref().filter(|p| !p.is_empty()) {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = options
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            loader = loader.region(Region::new(region.to_owned()));
        }
        if let Some(endpoint) = &endpoint_url {
            loader = loader.endpoint_url(endpoint.clone());
        }
        let config = loader.load().await;
        let region = config
            .region()
            .map(|r| r.to_string())
            .ok_or(CognitoError::NoRegion)?;
        let endpoint_url = endpoint_url.or_else(|| config.endpoint_url().map(str::to_owned));
        let profile = options
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()));
        Ok(Self {
            client: Client::new(&config),
            region,
            endpoint_url,
            profile,
        })
    }

    /// Wraps an SDK client built elsewhere (tests with explicit credentials).
    pub fn from_client(client: Client, region: String, endpoint_url: Option<String>) -> Self {
        Self {
            client,
            region,
            endpoint_url,
            profile: None,
        }
    }

    /// The same client, recording `profile` as the one in use (for messages and the audit log).
    pub fn with_profile(mut self, profile: Option<String>) -> Self {
        self.profile = profile;
        self
    }

    /// The profile in use, when one was named (option or `AWS_PROFILE`).
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Maps an SDK failure of `action` with this connection's target and profile.
    pub(crate) fn sdk_error<E, R>(
        &self,
        err: aws_sdk_cognitoidentityprovider::error::SdkError<E, R>,
        action: &str,
    ) -> CognitoError
    where
        E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
        R: std::fmt::Debug + Send + Sync + 'static,
    {
        CognitoError::from_sdk(err, action, &self.target()).for_profile(self.profile())
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Where calls go, for messages: the endpoint override, else the region.
    pub fn target(&self) -> String {
        self.endpoint_url
            .clone()
            .unwrap_or_else(|| format!("cognito-idp.{}.amazonaws.com", self.region))
    }

    /// Every user pool of the account in this region, all pages.
    pub async fn list_user_pools(&self) -> Result<Vec<UserPoolSummary>, CognitoError> {
        let mut pools = Vec::new();
        let mut next_token = None;
        loop {
            let page = self
                .client
                .list_user_pools()
                .max_results(60)
                .set_next_token(next_token)
                .send()
                .await
                .map_err(|e| self.sdk_error(e, "cognito-idp:ListUserPools"))?;
            pools.extend(page.user_pools().iter().map(|p| UserPoolSummary {
                id: p.id().unwrap_or_default().to_owned(),
                name: p.name().unwrap_or_default().to_owned(),
            }));
            next_token = page.next_token().map(str::to_owned);
            if next_token.is_none() {
                return Ok(pools);
            }
        }
    }
}

/// A blank or missing endpoint is none; anything else must be a valid one.
pub(crate) fn optional_endpoint(endpoint: Option<&str>) -> Result<Option<String>, CognitoError> {
    endpoint
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(validate_endpoint)
        .transpose()
}

fn validate_endpoint(endpoint: &str) -> Result<String, CognitoError> {
    let invalid = || CognitoError::InvalidEndpoint {
        endpoint: endpoint.to_owned(),
    };
    let url = url::Url::parse(endpoint).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid());
    }
    Ok(endpoint.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_http_urls() {
        assert_eq!(
            validate_endpoint("http://127.0.0.1:5000/").ok().as_deref(),
            Some("http://127.0.0.1:5000")
        );
        for bad in ["127.0.0.1:5000", "ftp://host", "http://", "not a url"] {
            assert!(
                matches!(
                    validate_endpoint(bad),
                    Err(CognitoError::InvalidEndpoint { .. })
                ),
                "{bad} was accepted"
            );
        }
    }
}
