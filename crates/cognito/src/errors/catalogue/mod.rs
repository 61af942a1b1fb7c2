//! The catalogue's entries, one file per theme. Within a code, entries with message
//! fragments come before the code's general entry, most specific first.

mod access;
mod configuration;
mod limits;
mod service;
mod session;
mod sign_in;
mod sms;
mod totp;

use super::Entry;

/// Every table, in the order lookups try them.
pub(super) const TABLES: &[&[Entry]] = &[
    sms::ENTRIES,
    totp::ENTRIES,
    session::ENTRIES,
    sign_in::ENTRIES,
    access::ENTRIES,
    limits::ENTRIES,
    configuration::ENTRIES,
    service::ENTRIES,
];
