//! Kairos core: everything the authenticator needs that is neither a window nor AWS.
//!
//! Every error a person can see implements [`UserFacing`]: a stable code for
//! scripts and tests, and text in each supported [`Locale`].

pub mod backup;
pub mod error;
pub mod i18n;
pub mod intake;
pub mod paths;
pub mod qr;
pub mod vault;

// otp and uri
pub mod clock;
pub mod otp;
pub mod time;
pub mod uri;

pub use error::{CoreError, ErrorReport, UserFacing};
pub use i18n::Locale;

/// The version shared by the library, the CLI and the app.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
