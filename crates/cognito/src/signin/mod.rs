//! Signing in to a Cognito user pool: the pure building blocks (SECRET_HASH,
//! SRP-6a, Cognito's timestamp) and the step-by-step [`SigninMachine`] on the
//! AWS SDK. The building blocks read no clock and draw no randomness.

pub mod challenge;
pub mod clock_check;
pub mod enrol;
pub mod error;
pub mod failure;
pub mod lockout;
pub mod machine;
pub mod refresh_store;
pub mod secret_hash;
pub mod srp;
pub mod target;
pub mod timestamp;
pub mod tokens;

pub use challenge::{Answer, ChallengeKind, ChallengeView, SUPPORTED_CHOICES, WEB_AUTHN};
pub use clock_check::{ClockCheck, ClockReading, TOTP_TOLERANCE};
pub use enrol::{
    EnrolFailure, EnrolOptions, EnrolOutcome, EnrolProgress, enrol_totp, enrol_totp_signed_in,
};
pub use error::SigninError;
pub use failure::SigninFailure;
pub use lockout::{FailureCounter, Lockout};
pub use machine::{DEFAULT_SESSION_LIFETIME, MAX_SESSION_LIFETIME, SigninMachine, Step};
pub use refresh_store::{REFRESH_TOKEN_SERVICE, RefreshStoreError, RefreshTokenStore};
pub use secret_hash::{ClientSecret, secret_hash};
pub use srp::{PasswordClaim, PasswordVerifier, SrpClient};
pub use target::{AuthFlow, SigninTarget};
pub use timestamp::cognito_timestamp;
pub use tokens::{SignedIn, TokenClaims};
