//! Pure building blocks for signing in to a Cognito user pool: the client's
//! SECRET_HASH and the SRP-6a exchange of USER_SRP_AUTH. Nothing here reads the
//! clock, draws randomness on its own or talks to the network.

pub mod error;
pub mod secret_hash;
pub mod srp;
pub mod timestamp;

pub use error::SigninError;
pub use secret_hash::{ClientSecret, secret_hash};
pub use srp::{PasswordClaim, PasswordVerifier, SrpClient};
pub use timestamp::cognito_timestamp;
