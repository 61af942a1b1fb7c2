//! The TIMESTAMP of a PASSWORD_VERIFIER answer, in the format Cognito checks:
//! `Sun Dec 6 05:40:12 UTC 2026` (English names, day of month not padded).

use std::time::{SystemTime, UNIX_EPOCH};

use super::SigninError;

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats `at` (a time the caller read, e.g. from the app's corrected clock).
pub fn cognito_timestamp(at: SystemTime) -> Result<String, SigninError> {
    let seconds = at
        .duration_since(UNIX_EPOCH)
        .map_err(|_| SigninError::TimestampOutOfRange)?
        .as_secs();
    let days = seconds / 86_400;
    let in_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return Err(SigninError::TimestampOutOfRange);
    }
    Ok(format!(
        "{} {} {day} {:02}:{:02}:{:02} UTC {year}",
        WEEKDAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60,
    ))
}

/// Days since 1970-01-01 to (year, month 1–12, day 1–31), proleptic Gregorian.
/// Counts from 0000-03-01 so that the leap day ends each 4/100/400-year cycle.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}
