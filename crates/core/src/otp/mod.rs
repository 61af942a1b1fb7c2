//! One-time passwords: accounts, secrets, and HOTP/TOTP/Steam codes computed at
//! an instant the caller gives (this module never reads a clock).

mod account;
mod code;
mod cognito;
mod hotp;
mod params;
mod secret;
mod steam;
mod totp;

pub use account::{Account, AccountDraft, AccountId};
pub use code::{OtpCode, code_at, next_code};
pub use cognito::{CognitoAlgorithmWarning, cognito_algorithm_warning};
pub use params::{Algorithm, DIGITS, OtpKind, OtpParams, STEAM_DIGITS, STEAM_PERIOD};
pub use secret::{MAX_SECRET_BYTES, Secret, SecretProblem};
