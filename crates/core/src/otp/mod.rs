//! One-time passwords: accounts, secrets, and HOTP/TOTP/Steam codes computed at
//! an instant the caller gives (this module never reads a clock).

mod account;
mod params;
mod secret;

pub use account::{Account, AccountDraft, AccountId};
pub use params::{Algorithm, OtpKind, OtpParams};
pub use secret::{MAX_SECRET_BYTES, Secret, SecretProblem};
