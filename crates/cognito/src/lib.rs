//! Kairos's Amazon Cognito side, on the AWS SDK. Credentials and region come from
//! the standard AWS chain (environment, profiles, SSO); Kairos never stores them.

pub mod connection;
pub mod demo;
pub mod error;

pub use connection::{CognitoAdmin, ConnectOptions, UserPoolSummary};
pub use error::CognitoError;
