//! Listing a pool's users, 60 per page (the API's maximum), with Cognito's
//! server-side filters, handing each page to the caller as it arrives.

use std::ops::ControlFlow;

use aws_sdk_cognitoidentityprovider::types::UserType;
use serde::{Deserialize, Serialize};

use crate::{CognitoAdmin, CognitoError};

/// The most `ListUsers` returns per call.
pub const PAGE_SIZE: i32 = 60;

/// A server-side filter of `ListUsers` (one at a time: Cognito takes one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "camelCase")]
pub enum UserFilter {
    UsernamePrefix(String),
    EmailPrefix(String),
    /// `UNCONFIRMED`, `CONFIRMED`, `FORCE_CHANGE_PASSWORD`, `RESET_REQUIRED`, ...
    Status(String),
}

impl UserFilter {
    /// Reads `username^=PREFIX`, `email^=PREFIX` or `status=STATUS`.
    pub fn parse(text: &str) -> Result<Self, CognitoError> {
        let invalid = || CognitoError::InvalidFilter {
            filter: text.to_owned(),
        };
        let (key, value) = if let Some((k, v)) = text.split_once("^=") {
            (k.trim(), v.trim())
        } else {
            let (k, v) = text.split_once('=').ok_or_else(invalid)?;
            (k.trim(), v.trim())
        };
        let value = value.trim_matches('"').to_owned();
        if value.is_empty() {
            return Err(invalid());
        }
        match (key, text.contains("^=")) {
            ("username", true) => Ok(UserFilter::UsernamePrefix(value)),
            ("email", true) => Ok(UserFilter::EmailPrefix(value)),
            ("status", false) => Ok(UserFilter::Status(value.to_ascii_uppercase())),
            _ => Err(invalid()),
        }
    }

    /// Cognito's filter expression, e.g. `username ^= "ali"`.
    pub fn expression(&self) -> String {
        let quoted = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
        match self {
            UserFilter::UsernamePrefix(v) => format!("username ^= {}", quoted(v)),
            UserFilter::EmailPrefix(v) => format!("email ^= {}", quoted(v)),
            UserFilter::Status(v) => format!("cognito:user_status = {}", quoted(v)),
        }
    }
}

/// One row of the user table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    pub username: String,
    pub status: String,
    pub enabled: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl UserSummary {
    fn from_sdk(user: &UserType) -> Self {
        let attribute = |name: &str| {
            user.attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        Self {
            username: user.username().unwrap_or_default().to_owned(),
            status: user
                .user_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            enabled: user.enabled(),
            email: attribute("email"),
            phone: attribute("phone_number"),
        }
    }

    /// Free-text search over a loaded row (case-insensitive).
    pub fn matches(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        [
            Some(self.username.as_str()),
            Some(self.status.as_str()),
            self.email.as_deref(),
            self.phone.as_deref(),
        ]
        .into_iter()
        .flatten()
        .any(|field| field.to_lowercase().contains(&needle))
    }
}

/// How a listing ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListOutcome {
    pub users: usize,
    pub pages: usize,
    /// The callback stopped it before the last page.
    pub stopped: bool,
}

impl CognitoAdmin {
    /// Lists users page by page; `on_page` sees each page as it arrives and may stop the listing.
    pub async fn list_users(
        &self,
        pool_id: &str,
        filter: Option<&UserFilter>,
        mut on_page: impl FnMut(&[UserSummary]) -> ControlFlow<()>,
    ) -> Result<ListOutcome, CognitoError> {
        let mut outcome = ListOutcome {
            users: 0,
            pages: 0,
            stopped: false,
        };
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client()
                .list_users()
                .user_pool_id(pool_id)
                .limit(PAGE_SIZE)
                .set_filter(filter.map(UserFilter::expression))
                .set_pagination_token(token.take())
                .send()
                .await
                .map_err(|e| self.sdk_error(e, "cognito-idp:ListUsers"))?;
            let rows: Vec<UserSummary> = page.users().iter().map(UserSummary::from_sdk).collect();
            outcome.users += rows.len();
            outcome.pages += 1;
            if on_page(&rows).is_break() {
                outcome.stopped = page.pagination_token().is_some();
                return Ok(outcome);
            }
            match page.pagination_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => return Ok(outcome),
            }
        }
    }

    /// Every user matching `filter`, all pages.
    pub async fn all_users(
        &self,
        pool_id: &str,
        filter: Option<&UserFilter>,
    ) -> Result<Vec<UserSummary>, CognitoError> {
        let mut all = Vec::new();
        self.list_users(pool_id, filter, |page| {
            all.extend_from_slice(page);
            ControlFlow::Continue(())
        })
        .await?;
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_quote() {
        assert_eq!(
            UserFilter::parse("username^=ali").ok(),
            Some(UserFilter::UsernamePrefix("ali".into()))
        );
        assert_eq!(
            UserFilter::parse("status=confirmed").ok(),
            Some(UserFilter::Status("CONFIRMED".into()))
        );
        assert_eq!(
            UserFilter::EmailPrefix("a\"b".into()).expression(),
            "email ^= \"a\\\"b\""
        );
        for bad in ["", "username=ali", "phone^=1", "status^=X", "email^="] {
            assert!(UserFilter::parse(bad).is_err(), "{bad}");
        }
    }
}
