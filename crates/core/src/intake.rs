//! Accounts on their way into the vault: decoded from QR codes or read from
//! a backup, held (secrets included) under a number until the person
//! chooses which to keep. The window only ever sees the numbers and the
//! previews, never a secret.
//!
//! A Google Authenticator export spread over several codes is collected
//! here too, in any order, so the scan page can say "2 of 3 scanned".

use std::collections::BTreeMap;

use crate::otp::AccountDraft;
use crate::uri::{self, migration};
use crate::{CoreError, Locale, UserFacing};

/// Longest text kept from a QR code that is not an account, for display.
const OTHER_TEXT_LIMIT: usize = 200;

/// A number standing for one held account.
pub type PendingId = u64;

/// What one decoded QR text turned out to be.
#[derive(Debug)]
pub enum Scanned {
    /// An `otpauth://` account, now held.
    Account { id: PendingId },
    /// One code of a Google Authenticator export; its accounts are held.
    MigrationBatch {
        index: i32,
        size: i32,
        batch_id: i32,
        accounts: usize,
        /// Already scanned: nothing changed.
        repeated: bool,
    },
    /// Not an account: the text, shortened.
    Other { text: String },
    /// An account link that does not parse.
    Invalid(ScanProblem),
}

/// Why a scanned link was refused.
#[derive(Debug, thiserror::Error)]
pub enum ScanProblem {
    #[error(transparent)]
    Uri(CoreError),
    #[error(transparent)]
    Migration(migration::MigrationError),
}

impl UserFacing for ScanProblem {
    fn code(&self) -> &'static str {
        match self {
            ScanProblem::Uri(e) => e.code(),
            ScanProblem::Migration(e) => e.code(),
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            ScanProblem::Uri(e) => e.message(locale),
            ScanProblem::Migration(e) => e.message(locale),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        match self {
            ScanProblem::Uri(e) => e.hint(locale),
            ScanProblem::Migration(e) => e.hint(locale),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("no account chosen")]
    NothingSelected,
    #[error("account {id} is not waiting to be imported")]
    UnknownPending { id: PendingId },
}

impl UserFacing for IntakeError {
    fn code(&self) -> &'static str {
        match self {
            IntakeError::NothingSelected => "import.nothing_selected",
            IntakeError::UnknownPending { .. } => "import.unknown_pending",
        }
    }

    fn message(&self, locale: Locale) -> String {
        match self {
            IntakeError::NothingSelected => locale
                .pick("No account is selected.", "Aucun compte n’est sélectionné.")
                .to_owned(),
            IntakeError::UnknownPending { .. } => locale
                .pick(
                    "These accounts are no longer waiting to be imported.",
                    "Ces comptes ne sont plus en attente d’import.",
                )
                .to_owned(),
        }
    }

    fn hint(&self, locale: Locale) -> Option<String> {
        Some(
            match self {
                IntakeError::NothingSelected => locale.pick(
                    "Tick the accounts to import.",
                    "Cochez les comptes à importer.",
                ),
                IntakeError::UnknownPending { .. } => locale.pick(
                    "Scan the code or open the file again.",
                    "Scannez le code ou ouvrez le fichier à nouveau.",
                ),
            }
            .to_owned(),
        )
    }
}

/// Where a Google Authenticator export stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationState {
    pub batch_id: i32,
    pub batch_size: i32,
    /// Indexes (from 0) scanned so far, in order.
    pub scanned: Vec<i32>,
    pub complete: bool,
    /// The held accounts of every scanned code, in the export's order.
    pub ids: Vec<PendingId>,
}

#[derive(Debug, Default)]
pub struct Intake {
    next: PendingId,
    held: BTreeMap<PendingId, AccountDraft>,
    migration: migration::MigrationBatchSet,
    /// Held ids per scanned migration code, by index.
    migration_ids: BTreeMap<i32, Vec<PendingId>>,
}

impl Intake {
    pub fn new() -> Self {
        Self::default()
    }

    fn hold_one(&mut self, draft: AccountDraft) -> PendingId {
        self.next += 1;
        self.held.insert(self.next, draft);
        self.next
    }

    /// Holds the accounts of a backup; their numbers, in order.
    pub fn hold(&mut self, drafts: Vec<AccountDraft>) -> Vec<PendingId> {
        drafts.into_iter().map(|d| self.hold_one(d)).collect()
    }

    /// Classifies one decoded QR text and holds what it carries.
    pub fn feed(&mut self, text: &str) -> Scanned {
        let trimmed = text.trim();
        if migration::is_migration_uri(trimmed) {
            let batch = match migration::parse(trimmed) {
                Ok(batch) => batch,
                Err(e) => return Scanned::Invalid(ScanProblem::Migration(e)),
            };
            let (index, size, batch_id) = (batch.batch_index, batch.batch_size, batch.batch_id);
            let accounts = batch.accounts.clone();
            return match self.migration.add(batch) {
                Err(e) => Scanned::Invalid(ScanProblem::Migration(e)),
                Ok(added) => {
                    let repeated = added == migration::BatchAdded::Repeated;
                    let count = accounts.len();
                    if !repeated {
                        let ids = self.hold(accounts);
                        self.migration_ids.insert(index, ids);
                    }
                    Scanned::MigrationBatch {
                        index,
                        size,
                        batch_id,
                        accounts: count,
                        repeated,
                    }
                }
            };
        }
        if trimmed
            .get(..10)
            .is_some_and(|s| s.eq_ignore_ascii_case("otpauth://"))
        {
            return match uri::parse(trimmed) {
                Ok(draft) => Scanned::Account {
                    id: self.hold_one(draft),
                },
                Err(e) => Scanned::Invalid(ScanProblem::Uri(e)),
            };
        }
        let mut shown: String = trimmed.chars().take(OTHER_TEXT_LIMIT).collect();
        if shown.len() < trimmed.len() {
            shown.push('…');
        }
        Scanned::Other { text: shown }
    }

    pub fn draft(&self, id: PendingId) -> Option<&AccountDraft> {
        self.held.get(&id)
    }

    /// The export being collected, once one of its codes was scanned.
    pub fn migration(&self) -> Option<MigrationState> {
        let batch_id = self.migration.batch_id()?;
        let progress = self.migration.progress();
        Some(MigrationState {
            batch_id,
            batch_size: progress
                .total
                .and_then(|t| i32::try_from(t).ok())
                .unwrap_or_default(),
            scanned: self.migration_ids.keys().copied().collect(),
            complete: progress.is_complete(),
            ids: self
                .migration_ids
                .values()
                .flatten()
                .copied()
                .filter(|id| self.held.contains_key(id))
                .collect(),
        })
    }

    /// Hands over the chosen accounts, which stop being held. All or
    /// nothing: an unknown number takes none.
    pub fn take(&mut self, ids: &[PendingId]) -> Result<Vec<AccountDraft>, IntakeError> {
        if ids.is_empty() {
            return Err(IntakeError::NothingSelected);
        }
        if let Some(&id) = ids.iter().find(|id| !self.held.contains_key(id)) {
            return Err(IntakeError::UnknownPending { id });
        }
        let drafts = ids.iter().filter_map(|id| self.held.remove(id)).collect();
        if self.held.is_empty() {
            self.reset();
        }
        Ok(drafts)
    }

    /// Puts taken accounts back (the import failed), under their numbers.
    pub fn restore(&mut self, ids: &[PendingId], drafts: Vec<AccountDraft>) {
        for (id, draft) in ids.iter().zip(drafts) {
            self.held.insert(*id, draft);
        }
    }

    /// Forgets everything held, and the export being collected.
    pub fn reset(&mut self) {
        let next = self.next;
        *self = Self::default();
        // Numbers are never reused: a stale window cannot take a new account.
        self.next = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::Secret;

    fn draft(label: &str, secret: &str) -> AccountDraft {
        let mut draft =
            uri::parse(&format!("otpauth://totp/{label}?secret={secret}")).expect("uri");
        draft.secret = Secret::from_base32(secret).expect("secret");
        draft
    }

    #[test]
    fn texts_are_classified_and_accounts_held() {
        let mut intake = Intake::new();
        let Scanned::Account { id } = intake.feed("otpauth://totp/A:alice?secret=JBSWY3DPEHPK3PXP")
        else {
            panic!("an account")
        };
        assert_eq!(intake.draft(id).expect("held").label, "alice");
        assert!(matches!(
            intake.feed("otpauth://totp/A?secret=1"),
            Scanned::Invalid(ScanProblem::Uri(_))
        ));
        match intake.feed(&"https://example.com/".repeat(20)) {
            Scanned::Other { text } => assert_eq!(text.chars().count(), OTHER_TEXT_LIMIT + 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            intake.feed("otpauth-migration://offline?data=%%%"),
            Scanned::Invalid(ScanProblem::Migration(_))
        ));
    }

    #[test]
    fn a_migration_export_is_collected_in_any_order_and_taken_whole() {
        let drafts: Vec<AccountDraft> = (0..13)
            .map(|i| draft(&format!("user{i}"), "JBSWY3DPEHPK3PXP"))
            .collect();
        let export = migration::export_with_batch_id(&drafts, 7);
        assert_eq!(export.uris.len(), 2);
        let mut intake = Intake::new();
        let second = intake.feed(&export.uris[1]);
        assert!(matches!(
            second,
            Scanned::MigrationBatch {
                index: 1,
                size: 2,
                repeated: false,
                ..
            }
        ));
        let state = intake.migration().expect("collecting");
        assert_eq!((state.scanned.clone(), state.complete), (vec![1], false));
        // The same code again changes nothing.
        assert!(matches!(
            intake.feed(&export.uris[1]),
            Scanned::MigrationBatch { repeated: true, .. }
        ));
        intake.feed(&export.uris[0]);
        let state = intake.migration().expect("collecting");
        assert!(state.complete);
        assert_eq!(state.ids.len(), 13);
        let taken = intake.take(&state.ids).expect("take");
        assert_eq!(taken[0].label, "user0", "export order, not scan order");
        assert_eq!(intake.migration(), None, "nothing left held");
    }

    #[test]
    fn taking_is_all_or_nothing_and_numbers_are_not_reused() {
        let mut intake = Intake::new();
        let ids = intake.hold(vec![draft("a", "JBSWY3DPEHPK3PXP")]);
        assert_eq!(
            intake.take(&[]).expect_err("empty").code(),
            "import.nothing_selected"
        );
        let err = intake.take(&[ids[0], 99]).expect_err("unknown");
        assert_eq!(err.code(), "import.unknown_pending");
        assert!(intake.draft(ids[0]).is_some(), "nothing taken");
        intake.reset();
        let again = intake.hold(vec![draft("b", "JBSWY3DPEHPK3PXP")]);
        assert_ne!(again, ids);
        assert!(intake.take(&ids).is_err(), "a stale number takes nothing");
    }

    #[test]
    fn errors_are_translated() {
        for err in [
            IntakeError::NothingSelected,
            IntakeError::UnknownPending { id: 1 },
        ] {
            let (en, fr) = (err.report(Locale::En), err.report(Locale::Fr));
            assert!(en.code.starts_with("import."));
            assert_ne!(en.message, fr.message);
            assert_ne!(en.hint, fr.hint);
        }
    }
}
