//! Importing into the vault: a preview first (which accounts are new, which
//! the vault already has), then one transaction for the new ones.

use serde::Serialize;

use crate::CoreError;
use crate::otp::{Account, AccountDraft, AccountId, OtpKind, Secret};
use crate::vault::Vault;

/// Why an account of an import will not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "of", content = "id")]
pub enum Duplicate {
    /// The vault already has this secret, for the same kind of code.
    Existing(AccountId),
    /// An earlier account of the same import has it (its index).
    InImport(usize),
}

/// One account of an import and what will become of it.
#[derive(Clone, Debug)]
pub struct PlannedAccount {
    pub draft: AccountDraft,
    /// `None`: it will be added.
    pub duplicate: Option<Duplicate>,
}

/// What an import would do; nothing is saved until [`ImportPlan::commit`].
#[derive(Clone, Debug)]
pub struct ImportPlan {
    pub accounts: Vec<PlannedAccount>,
}

/// What an import did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub added: Vec<Account>,
    /// Accounts left out because the vault (or the import itself) already had them.
    pub skipped_duplicates: usize,
}

/// Two accounts are the same when they share the secret and the kind of
/// code (TOTP, HOTP, Steam): names and digits are often edited, the key
/// never is.
fn same_account(a: (&OtpKind, &Secret), b: (&OtpKind, &Secret)) -> bool {
    std::mem::discriminant(a.0) == std::mem::discriminant(b.0) && a.1 == b.1
}

impl ImportPlan {
    /// Marks the drafts the vault already has, and repeats within the drafts.
    /// Accounts whose secret cannot be decrypted are not compared (their own
    /// error shows in the list).
    pub async fn new(vault: &Vault, drafts: Vec<AccountDraft>) -> Result<Self, CoreError> {
        let existing: Vec<(AccountId, OtpKind, Secret)> = vault
            .accounts_with_secrets()
            .await?
            .into_iter()
            .filter_map(|(account, secret)| Some((account.id, account.params.kind, secret.ok()?)))
            .collect();
        Ok(Self::against(&existing, drafts))
    }

    /// A preview with no vault yet (a dry run before the first start): only
    /// repeats within the import are marked.
    pub fn without_vault(drafts: Vec<AccountDraft>) -> Self {
        Self::against(&[], drafts)
    }

    fn against(existing: &[(AccountId, OtpKind, Secret)], drafts: Vec<AccountDraft>) -> Self {
        let mut accounts: Vec<PlannedAccount> = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let this = (&draft.params.kind, &draft.secret);
            let duplicate = existing
                .iter()
                .find(|(_, kind, secret)| same_account((kind, secret), this))
                .map(|(id, _, _)| Duplicate::Existing(*id))
                .or_else(|| {
                    accounts
                        .iter()
                        .position(|earlier| {
                            same_account((&earlier.draft.params.kind, &earlier.draft.secret), this)
                        })
                        .map(Duplicate::InImport)
                });
            accounts.push(PlannedAccount { draft, duplicate });
        }
        Self { accounts }
    }

    /// How many accounts would be added.
    pub fn new_count(&self) -> usize {
        self.accounts
            .iter()
            .filter(|a| a.duplicate.is_none())
            .count()
    }

    pub fn duplicate_count(&self) -> usize {
        self.accounts.len() - self.new_count()
    }

    /// Adds every account not marked duplicate, in one transaction: all of
    /// them or, on any error, none. The vault is checked again first, so an
    /// account added meanwhile (another window, another process) is not
    /// added twice.
    pub async fn commit(self, vault: &Vault) -> Result<ImportOutcome, CoreError> {
        let drafts = self.accounts.into_iter().map(|a| a.draft).collect();
        let fresh = ImportPlan::new(vault, drafts).await?;
        let skipped_duplicates = fresh.duplicate_count();
        let to_add = fresh
            .accounts
            .into_iter()
            .filter(|a| a.duplicate.is_none())
            .map(|a| a.draft)
            .collect();
        let added = vault.add_many(to_add).await?;
        Ok(ImportOutcome {
            added,
            skipped_duplicates,
        })
    }
}
