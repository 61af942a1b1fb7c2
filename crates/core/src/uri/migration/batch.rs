//! Collecting the codes of one multi-code export, scanned in any order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{MigrationBatch, MigrationError, parse};
use crate::Locale;
use crate::otp::AccountDraft;

/// The codes of one export scanned so far. Nothing is saved from here: the
/// caller imports [`MigrationBatchSet::accounts`] when the set is complete,
/// or earlier if the person chooses to import what is there.
#[derive(Debug, Default)]
pub struct MigrationBatchSet {
    /// Batch id and size of the export being collected, from its first code.
    export: Option<(i32, i32)>,
    batches: BTreeMap<i32, Vec<AccountDraft>>,
}

/// What adding a code did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BatchAdded {
    New,
    /// This code was already scanned; nothing changed.
    Repeated,
}

/// How far the collection is: "2 of 3 scanned".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    pub scanned: usize,
    /// `None` until a first code says how many there are.
    pub total: Option<usize>,
}

impl BatchProgress {
    pub fn is_complete(&self) -> bool {
        self.total.is_some_and(|total| self.scanned == total)
    }

    /// "2 of 3 codes scanned", for the scan page and the CLI.
    pub fn text(&self, locale: Locale) -> String {
        match self.total {
            None => locale
                .pick("No code scanned yet", "Aucun code scanné")
                .to_owned(),
            Some(total) => locale.pick(
                format!("{} of {total} codes scanned", self.scanned),
                format!("{} code(s) scanné(s) sur {total}", self.scanned),
            ),
        }
    }
}

impl MigrationBatchSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a scanned code. A code of another export (another batch id or
    /// batch count) is refused and leaves the set as it was.
    pub fn add(&mut self, batch: MigrationBatch) -> Result<BatchAdded, MigrationError> {
        let this = (batch.batch_id, batch.batch_size);
        match self.export {
            Some(expected) if expected != this => {
                return Err(MigrationError::OtherExport {
                    expected: expected.0,
                    found: batch.batch_id,
                });
            }
            _ => self.export = Some(this),
        }
        if self.batches.contains_key(&batch.batch_index) {
            return Ok(BatchAdded::Repeated);
        }
        self.batches.insert(batch.batch_index, batch.accounts);
        Ok(BatchAdded::New)
    }

    /// Parses a link and adds it.
    pub fn add_uri(&mut self, uri: &str) -> Result<BatchAdded, MigrationError> {
        self.add(parse(uri)?)
    }

    pub fn progress(&self) -> BatchProgress {
        BatchProgress {
            scanned: self.batches.len(),
            total: self.export.and_then(|(_, size)| usize::try_from(size).ok()),
        }
    }

    pub fn complete(&self) -> bool {
        self.progress().is_complete()
    }

    /// Indexes (from 0) of the codes not scanned yet.
    pub fn missing(&self) -> Vec<i32> {
        let size = self.export.map_or(0, |(_, size)| size);
        (0..size)
            .filter(|index| !self.batches.contains_key(index))
            .collect()
    }

    /// The export's batch id, once a code is scanned.
    pub fn batch_id(&self) -> Option<i32> {
        self.export.map(|(id, _)| id)
    }

    /// Every account collected so far, in the export's order.
    pub fn accounts(&self) -> Vec<AccountDraft> {
        self.batches.values().flatten().cloned().collect()
    }

    /// Every account collected, by value.
    pub fn into_accounts(self) -> Vec<AccountDraft> {
        self.batches.into_values().flatten().collect()
    }
}
