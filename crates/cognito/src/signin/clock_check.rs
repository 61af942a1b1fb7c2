//! What a refused TOTP code says about the clock. Cognito's CodeMismatch does
//! not say whether the code was for the wrong time or from the wrong secret;
//! the clock offset Kairos measured against network time tells them apart.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kairos_core::Locale;
use kairos_core::clock::Clock as _;
use kairos_core::time::{TimeSource, TrustedClock};
use serde::Serialize;

/// Cognito accepts a TOTP code from the period before or after its own: a
/// clock within this of the truth computes an accepted code.
pub const TOTP_TOLERANCE: Duration = Duration::from_secs(30);

/// The trusted clock as the caller read it for one step: the corrected time,
/// and the offset measured between this device's clock and network time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockReading {
    pub now: SystemTime,
    /// Added to the device clock to get network time, in milliseconds;
    /// `None` when it was never measured (network time off or unreachable).
    pub offset_ms: Option<i64>,
}

impl From<SystemTime> for ClockReading {
    /// A time whose clock was not measured.
    fn from(now: SystemTime) -> Self {
        ClockReading {
            now,
            offset_ms: None,
        }
    }
}

impl ClockReading {
    /// Reads `clock` now: its corrected time and, when measured, its offset.
    pub fn of(clock: &TrustedClock) -> Self {
        let status = clock.status();
        let measured = status.enabled && status.source != TimeSource::System;
        ClockReading {
            now: UNIX_EPOCH + clock.now().since_epoch(),
            offset_ms: measured.then(|| status.offset.as_nanos() / 1_000_000),
        }
    }

    /// What this reading says about a refused code.
    pub fn check(&self) -> ClockCheck {
        match self.offset_ms {
            None => ClockCheck::Unknown,
            Some(offset_ms) if offset_ms.unsigned_abs() >= tolerance_ms() => {
                ClockCheck::Off { offset_ms }
            }
            Some(offset_ms) => ClockCheck::Fine { offset_ms },
        }
    }
}

fn tolerance_ms() -> u64 {
    u64::try_from(TOTP_TOLERANCE.as_millis()).unwrap_or(u64::MAX)
}

/// The clock's part in a CodeMismatch, for the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(
    tag = "verdict",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ClockCheck {
    /// The device clock is within Cognito's window of network time: the
    /// secret (or the account chosen) is the likely cause.
    Fine { offset_ms: i64 },
    /// The device clock is off by more than Cognito accepts.
    Off { offset_ms: i64 },
    /// Never measured: the clock cannot be ruled out.
    Unknown,
}

impl ClockCheck {
    /// One sentence for the person, in `locale`.
    pub fn explain(&self, locale: Locale) -> String {
        match *self {
            ClockCheck::Off { offset_ms } => {
                let (seconds, en, fr) = direction(offset_ms);
                locale.pick(
                    format!(
                        "Your clock is off by {seconds} s ({en} network time): a code computed from it is outside the window Cognito accepts. Kairos corrects its own codes when network time is on."
                    ),
                    format!(
                        "Votre horloge est décalée de {seconds} s ({fr} l’heure du réseau) : un code calculé avec elle sort de la fenêtre acceptée par Cognito. Kairos corrige ses propres codes quand l’heure réseau est activée."
                    ),
                )
            }
            ClockCheck::Fine { offset_ms } => {
                let (seconds, _, _) = direction(offset_ms);
                locale.pick(
                    format!(
                        "The clock is fine (off by {seconds} s, within Cognito's window): the authenticator's secret is likely wrong. Check the account used, or enrol the authenticator again."
                    ),
                    format!(
                        "L’horloge est bonne (décalage de {seconds} s, dans la fenêtre de Cognito) : le secret de l’authentificateur est probablement faux. Vérifiez le compte utilisé, ou enrôlez de nouveau l’authentificateur."
                    ),
                )
            }
            ClockCheck::Unknown => locale.pick(
                "Kairos could not measure the clock against network time: check the device's time first, then the authenticator's secret.".to_owned(),
                "Kairos n’a pas pu comparer l’horloge à l’heure du réseau : vérifiez d’abord l’heure de l’appareil, puis le secret de l’authentificateur.".to_owned(),
            ),
        }
    }
}

/// Whole seconds of `offset_ms` (rounded), and whether the device is behind or ahead.
fn direction(offset_ms: i64) -> (String, &'static str, &'static str) {
    let seconds = format!("{:.1}", offset_ms.unsigned_abs() as f64 / 1000.0);
    // A positive offset is added to the device clock: the device is behind.
    if offset_ms >= 0 {
        (seconds, "behind", "en retard sur")
    } else {
        (seconds, "ahead of", "en avance sur")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_decides_between_clock_and_secret() {
        let at = |offset_ms| ClockReading {
            now: UNIX_EPOCH,
            offset_ms,
        };
        assert_eq!(at(None).check(), ClockCheck::Unknown);
        assert_eq!(
            at(Some(1_200)).check(),
            ClockCheck::Fine { offset_ms: 1_200 }
        );
        assert_eq!(
            at(Some(-29_999)).check(),
            ClockCheck::Fine { offset_ms: -29_999 }
        );
        assert_eq!(
            at(Some(-95_000)).check(),
            ClockCheck::Off { offset_ms: -95_000 }
        );
        let off = at(Some(-95_000)).check().explain(Locale::En);
        assert!(
            off.contains("off by 95.0 s") && off.contains("ahead of"),
            "{off}"
        );
        let fine = at(Some(1_200)).check().explain(Locale::En);
        assert!(
            fine.contains("clock is fine") && fine.contains("secret is likely wrong"),
            "{fine}"
        );
        assert!(
            at(Some(40_000))
                .check()
                .explain(Locale::Fr)
                .contains("en retard")
        );
        assert_eq!(ClockReading::from(UNIX_EPOCH).check(), ClockCheck::Unknown);
        let wire = serde_json::to_value(ClockCheck::Off { offset_ms: -95_000 }).expect("json");
        assert_eq!(
            wire,
            serde_json::json!({ "verdict": "off", "offsetMs": -95_000 })
        );
    }
}
