//! Kairos's Amazon Cognito side, on the AWS SDK. Credentials and region come from
//! the standard AWS chain (environment, profiles, SSO); Kairos never stores them.

pub mod affected;
pub mod audit;
pub mod bulk;
pub mod connection;
pub mod demo;
pub mod error;
pub mod errors;
pub mod pacing;
pub mod pool_mfa;
pub mod pool_plan;
pub mod preflight;
pub mod profiles;
pub mod remembered;
pub mod reset;
pub mod settings;
pub mod signin;
pub mod token_details;
pub mod user_mfa;
pub mod users;

pub use connection::{CognitoAdmin, ConnectOptions, UserPoolSummary};
pub use error::CognitoError;
