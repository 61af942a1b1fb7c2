//! The code an account shows at a given instant. The instant is an argument:
//! nothing here reads a clock, so every result can be reproduced in a test.

use serde::Serialize;

use super::hotp::{decimal_code, truncated_hmac};
use super::steam::steam_code;
use super::totp::TimeStep;
use super::{OtpKind, OtpParams, Secret};
use crate::CoreError;

/// A one-time code and when it is good for. Codes are shown to people, so
/// unlike the secret this may be serialised and sent to the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtpCode {
    /// What to type: digits, or Steam's letters and digits.
    pub value: String,
    /// The HOTP moving factor used: the stored counter, or the period number.
    pub counter: u64,
    /// The Unix second from which the code is valid; `None` for HOTP, whose
    /// codes do not expire.
    pub valid_from: Option<u64>,
    /// Seconds from the instant asked about until the code expires; `None`
    /// for HOTP. For the current code this is 1 to the period; for the next
    /// one it is a whole period more.
    pub remaining_seconds: Option<u64>,
}

/// The code `params` and `secret` give at `unix_seconds` (whole seconds since
/// the Unix epoch). For HOTP, the code of the stored counter; time is ignored.
pub fn code_at(
    params: &OtpParams,
    secret: &Secret,
    unix_seconds: u64,
) -> Result<OtpCode, CoreError> {
    params.check()?;
    match params.kind {
        OtpKind::Hotp { counter } => counter_code(params, secret, counter),
        OtpKind::Totp { .. } | OtpKind::Steam => {
            step_code(params, secret, time_step(params, unix_seconds)?)
        }
    }
}

/// The code after the one [`code_at`] gives: that of the next period (for the
/// "next code" shown near the end of a period), or of the next HOTP counter.
/// `None` when there is no next one, at the end of `u64` counters or time.
pub fn next_code(
    params: &OtpParams,
    secret: &Secret,
    unix_seconds: u64,
) -> Result<Option<OtpCode>, CoreError> {
    params.check()?;
    match params.kind {
        OtpKind::Hotp { counter } => counter
            .checked_add(1)
            .map(|next| counter_code(params, secret, next))
            .transpose(),
        OtpKind::Totp { .. } | OtpKind::Steam => time_step(params, unix_seconds)?
            .following()
            .map(|next| step_code(params, secret, next))
            .transpose(),
    }
}

fn time_step(params: &OtpParams, unix_seconds: u64) -> Result<TimeStep, CoreError> {
    params
        .period()
        .and_then(|period| TimeStep::at(unix_seconds, period))
        .ok_or(CoreError::OtpPeriod)
}

fn counter_code(params: &OtpParams, secret: &Secret, counter: u64) -> Result<OtpCode, CoreError> {
    Ok(OtpCode {
        value: code_value(params, secret, counter)?,
        counter,
        valid_from: None,
        remaining_seconds: None,
    })
}

fn step_code(params: &OtpParams, secret: &Secret, step: TimeStep) -> Result<OtpCode, CoreError> {
    Ok(OtpCode {
        value: code_value(params, secret, step.counter)?,
        counter: step.counter,
        valid_from: Some(step.started_at),
        remaining_seconds: Some(step.remaining_seconds),
    })
}

fn code_value(params: &OtpParams, secret: &Secret, counter: u64) -> Result<String, CoreError> {
    let truncated = truncated_hmac(secret, params.algorithm, counter)?;
    Ok(match params.kind {
        OtpKind::Steam => steam_code(truncated),
        OtpKind::Totp { .. } | OtpKind::Hotp { .. } => decimal_code(truncated, params.digits),
    })
}
