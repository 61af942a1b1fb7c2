//! Accounts in the vault: adding, listing, decrypting, editing, ordering.

use std::collections::HashSet;

use sqlx::sqlite::{SqliteQueryResult, SqliteRow};
use sqlx::{Row, SqliteConnection};

use super::key::{associated_data, new_row_uid};
use super::schema::database_error;
use super::search::matches_query;
use super::validate::{AccountField, check_draft, check_length, check_names, normalise_color};
use super::{Vault, now_millis};
use crate::CoreError;
use crate::otp::{
    Account, AccountDraft, AccountId, Algorithm, MAX_SECRET_BYTES, OtpKind, OtpParams, Secret,
};

const SECRET_PURPOSE: &str = "kairos.vault.v1/account-secret";
const COLUMNS: &str = "id, issuer, label, kind, algorithm, digits, period, counter, \
                       pinned, position, color, verified, note";

impl Vault {
    /// Adds one verified account at the end of the list.
    pub async fn add(&self, draft: AccountDraft) -> Result<Account, CoreError> {
        let mut added = self.insert(vec![draft], true, None).await?;
        added
            .pop()
            .ok_or_else(|| corrupt_vault("an insert returned no row"))
    }

    /// Adds an account whose first code has not been checked yet (a Cognito
    /// enrolment before VerifySoftwareToken), with the reason shown to people.
    pub async fn add_unverified(
        &self,
        draft: AccountDraft,
        note: &str,
    ) -> Result<Account, CoreError> {
        let mut added = self.insert(vec![draft], false, Some(note)).await?;
        added
            .pop()
            .ok_or_else(|| corrupt_vault("an insert returned no row"))
    }

    /// Adds several accounts in one transaction: after a crash or an error,
    /// either all of them are in the vault or none is.
    pub async fn add_many(&self, drafts: Vec<AccountDraft>) -> Result<Vec<Account>, CoreError> {
        self.insert(drafts, true, None).await
    }

    async fn insert(
        &self,
        drafts: Vec<AccountDraft>,
        verified: bool,
        note: Option<&str>,
    ) -> Result<Vec<Account>, CoreError> {
        for draft in &drafts {
            check_draft(draft)?;
        }
        if let Some(note) = note {
            check_length(note, AccountField::Note)?;
        }
        let db = database_error(&self.path);
        // IMMEDIATE takes the write lock up front: a deferred transaction that
        // reads MAX(position) first could fail with SQLITE_BUSY on its first
        // write if another process wrote in between, which busy_timeout
        // cannot fix.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(&db)?;
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM accounts")
            .fetch_one(&mut *tx)
            .await
            .map_err(&db)?;
        let now = now_millis();
        let mut added = Vec::with_capacity(drafts.len());
        for (position, draft) in (first..).zip(&drafts) {
            let id = self
                .insert_row(&mut tx, draft, position, verified, note, now)
                .await?;
            added.push(Account {
                id,
                issuer: draft.issuer.clone(),
                label: draft.label.clone(),
                params: draft.params,
                pinned: false,
                position,
                color: None,
                verified,
                note: note.map(str::to_owned),
            });
            #[cfg(feature = "test-support")]
            if let Some(observe) = &self.add_many_observer {
                observe(added.len());
            }
        }
        tx.commit().await.map_err(&db)?;
        Ok(added)
    }

    async fn insert_row(
        &self,
        conn: &mut SqliteConnection,
        draft: &AccountDraft,
        position: i64,
        verified: bool,
        note: Option<&str>,
        now: i64,
    ) -> Result<AccountId, CoreError> {
        let uid = new_row_uid()?;
        let sealed = self.key.seal(
            &associated_data(SECRET_PURPOSE, &self.id, &uid),
            draft.secret.expose(),
        )?;
        let params = StoredParams::from_params(&draft.params)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (uid, issuer, label, kind, algorithm, digits, period, counter, \
             secret_nonce, secret_ciphertext, position, verified, note, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(uid.as_slice())
        .bind(&draft.issuer)
        .bind(&draft.label)
        .bind(params.kind)
        .bind(params.algorithm)
        .bind(params.digits)
        .bind(params.period)
        .bind(params.counter)
        .bind(sealed.nonce.as_slice())
        .bind(sealed.ciphertext.as_slice())
        .bind(position)
        .bind(verified)
        .bind(note)
        .bind(now)
        .bind(now)
        .fetch_one(conn)
        .await
        .map_err(database_error(&self.path))?;
        Ok(AccountId(id))
    }

    /// Every account, in list order (`position`, then id). Pinned accounts
    /// are not moved first: the window groups them itself.
    pub async fn list(&self) -> Result<Vec<Account>, CoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM accounts ORDER BY position, id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(database_error(&self.path))?;
        rows.iter().map(account_from_row).collect()
    }

    /// One account, without its secret.
    pub async fn account(&self, id: AccountId) -> Result<Account, CoreError> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM accounts WHERE id = ?"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(database_error(&self.path))?
            .ok_or(CoreError::VaultAccountNotFound { id })?;
        account_from_row(&row)
    }

    /// Accounts whose issuer or label contains every word of `query`,
    /// ignoring case and accents ("societe" finds "Société Générale"), in
    /// list order. A blank query returns everything.
    pub async fn search(&self, query: &str) -> Result<Vec<Account>, CoreError> {
        let mut accounts = self.list().await?;
        accounts.retain(|a| matches_query(&a.issuer, &a.label, query));
        Ok(accounts)
    }

    /// Decrypts one account's secret.
    pub async fn secret(&self, id: AccountId) -> Result<Secret, CoreError> {
        let row = sqlx::query(
            "SELECT id, issuer, label, uid, secret_nonce, secret_ciphertext \
             FROM accounts WHERE id = ?",
        )
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error(&self.path))?
        .ok_or(CoreError::VaultAccountNotFound { id })?;
        self.decrypt_row(&row)
    }

    /// Every account with its decrypted secret, in list order, to compute all
    /// codes at once. Each secret is decrypted on its own: one damaged row
    /// gives that account a `vault.corrupt` error and leaves the others usable.
    pub async fn accounts_with_secrets(
        &self,
    ) -> Result<Vec<(Account, Result<Secret, CoreError>)>, CoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS}, uid, secret_nonce, secret_ciphertext \
             FROM accounts ORDER BY position, id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(database_error(&self.path))?;
        rows.iter()
            .map(|row| Ok((account_from_row(row)?, self.decrypt_row(row))))
            .collect()
    }

    fn decrypt_row(&self, row: &SqliteRow) -> Result<Secret, CoreError> {
        let (id, name) = row_identity(row)?;
        let field = |name: &str| row.try_get::<Vec<u8>, _>(name);
        let (uid, nonce, ciphertext) = match (
            field("uid"),
            field("secret_nonce"),
            field("secret_ciphertext"),
        ) {
            (Ok(uid), Ok(nonce), Ok(ciphertext)) => (uid, nonce, ciphertext),
            _ => return Err(corrupt_account(id, name, "its encrypted secret is missing")),
        };
        let mut plain = self
            .key
            .open(
                &nonce,
                &associated_data(SECRET_PURPOSE, &self.id, &uid),
                &ciphertext,
            )
            .ok_or_else(|| corrupt_account(id, name.clone(), "the secret fails authentication"))?;
        if plain.is_empty() || plain.len() > MAX_SECRET_BYTES {
            return Err(corrupt_account(
                id,
                name,
                "the secret has an impossible length",
            ));
        }
        // Moved, not copied, out of the zeroizing buffer into the Secret.
        Secret::from_bytes(std::mem::take(&mut *plain))
            .map_err(|_| corrupt_account(id, name, "the secret is unusable"))
    }

    /// Changes what the list shows; the secret and codes are unchanged.
    pub async fn rename(&self, id: AccountId, issuer: &str, label: &str) -> Result<(), CoreError> {
        check_names(issuer, label)?;
        let done =
            sqlx::query("UPDATE accounts SET issuer = ?, label = ?, updated_at = ? WHERE id = ?")
                .bind(issuer)
                .bind(label)
                .bind(now_millis())
                .bind(id.0)
                .execute(&self.pool)
                .await;
        self.expect_one(id, done)
    }

    /// Deletes the account and its secret.
    pub async fn delete(&self, id: AccountId) -> Result<(), CoreError> {
        let done = sqlx::query("DELETE FROM accounts WHERE id = ?")
            .bind(id.0)
            .execute(&self.pool)
            .await;
        self.expect_one(id, done)
    }

    pub async fn set_pinned(&self, id: AccountId, pinned: bool) -> Result<(), CoreError> {
        let done = sqlx::query("UPDATE accounts SET pinned = ?, updated_at = ? WHERE id = ?")
            .bind(pinned)
            .bind(now_millis())
            .bind(id.0)
            .execute(&self.pool)
            .await;
        self.expect_one(id, done)
    }

    /// Sets (`#rrggbb`, any case) or clears the badge colour.
    pub async fn set_color(&self, id: AccountId, color: Option<&str>) -> Result<(), CoreError> {
        let color = color.map(normalise_color).transpose()?;
        let done = sqlx::query("UPDATE accounts SET color = ?, updated_at = ? WHERE id = ?")
            .bind(color)
            .bind(now_millis())
            .bind(id.0)
            .execute(&self.pool)
            .await;
        self.expect_one(id, done)
    }

    /// Marks an account verified (clearing the note) or not, with why.
    pub async fn set_verified(
        &self,
        id: AccountId,
        verified: bool,
        note: Option<&str>,
    ) -> Result<(), CoreError> {
        if let Some(note) = note {
            check_length(note, AccountField::Note)?;
        }
        let done =
            sqlx::query("UPDATE accounts SET verified = ?, note = ?, updated_at = ? WHERE id = ?")
                .bind(verified)
                .bind(note)
                .bind(now_millis())
                .bind(id.0)
                .execute(&self.pool)
                .await;
        self.expect_one(id, done)
    }

    /// Puts `order` first, in that order; accounts not named keep their
    /// relative order after them (so an account added meanwhile by another
    /// process is not lost from the list).
    pub async fn reorder(&self, order: &[AccountId]) -> Result<(), CoreError> {
        let mut seen = HashSet::with_capacity(order.len());
        if let Some(&id) = order.iter().find(|&&id| !seen.insert(id)) {
            return Err(CoreError::VaultDuplicateInOrder { id });
        }
        let db = database_error(&self.path);
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(&db)?;
        let current: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts ORDER BY position, id")
            .fetch_all(&mut *tx)
            .await
            .map_err(&db)?;
        let existing: HashSet<i64> = current.iter().copied().collect();
        if let Some(&id) = order.iter().find(|id| !existing.contains(&id.0)) {
            return Err(CoreError::VaultAccountNotFound { id });
        }
        let rest = current
            .into_iter()
            .filter(|id| !seen.contains(&AccountId(*id)));
        let now = now_millis();
        for (position, id) in (0i64..).zip(order.iter().map(|id| id.0).chain(rest)) {
            sqlx::query(
                "UPDATE accounts SET position = ?, updated_at = ? \
                 WHERE id = ? AND position <> ?",
            )
            .bind(position)
            .bind(now)
            .bind(id)
            .bind(position)
            .execute(&mut *tx)
            .await
            .map_err(&db)?;
        }
        tx.commit().await.map_err(&db)
    }

    /// Moves an HOTP account to its next counter and returns it. One SQL
    /// statement, so two windows pressing "next" at once get two different
    /// counters, and a crash never loses an increment already shown.
    pub async fn advance_hotp_counter(&self, id: AccountId) -> Result<u64, CoreError> {
        let counter: Option<i64> = sqlx::query_scalar(
            "UPDATE accounts SET counter = counter + 1, updated_at = ? \
             WHERE id = ? AND kind = 'hotp' RETURNING counter",
        )
        .bind(now_millis())
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(database_error(&self.path))?;
        match counter {
            Some(counter) => u64::try_from(counter)
                .map_err(|_| corrupt_vault(format!("account {} has a negative counter", id.0))),
            // Either no such account or not an HOTP one; say which.
            None => {
                self.account(id).await?;
                Err(CoreError::VaultNotHotp { id })
            }
        }
    }

    fn expect_one(
        &self,
        id: AccountId,
        done: Result<SqliteQueryResult, sqlx::Error>,
    ) -> Result<(), CoreError> {
        match done.map_err(database_error(&self.path))?.rows_affected() {
            0 => Err(CoreError::VaultAccountNotFound { id }),
            _ => Ok(()),
        }
    }
}

/// OTP parameters as the `accounts` columns hold them.
struct StoredParams {
    kind: &'static str,
    algorithm: &'static str,
    digits: i64,
    period: Option<i64>,
    counter: Option<i64>,
}

impl StoredParams {
    fn from_params(params: &OtpParams) -> Result<Self, CoreError> {
        let (kind, period, counter) = match params.kind {
            OtpKind::Totp { period } => ("totp", Some(i64::from(period)), None),
            OtpKind::Hotp { counter } => (
                "hotp",
                None,
                // check_params already refused counters above i64::MAX.
                Some(
                    i64::try_from(counter).map_err(|_| CoreError::VaultInvalidAccount {
                        problem: super::AccountProblem::CounterTooLarge,
                    })?,
                ),
            ),
            OtpKind::Steam => ("steam", None, None),
        };
        let algorithm = match params.algorithm {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        };
        Ok(Self {
            kind,
            algorithm,
            digits: i64::from(params.digits),
            period,
            counter,
        })
    }

    fn to_params(
        kind: &str,
        algorithm: &str,
        digits: i64,
        period: Option<i64>,
        counter: Option<i64>,
    ) -> Option<OtpParams> {
        let kind = match (kind, period, counter) {
            ("totp", Some(period), None) => OtpKind::Totp {
                period: u32::try_from(period).ok()?,
            },
            ("hotp", None, Some(counter)) => OtpKind::Hotp {
                counter: u64::try_from(counter).ok()?,
            },
            ("steam", None, None) => OtpKind::Steam,
            _ => return None,
        };
        let algorithm = match algorithm {
            "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            "SHA512" => Algorithm::Sha512,
            _ => return None,
        };
        Some(OtpParams {
            kind,
            algorithm,
            digits: u8::try_from(digits).ok()?,
        })
    }
}

/// The id and display name of a row, for error messages.
fn row_identity(row: &SqliteRow) -> Result<(AccountId, String), CoreError> {
    let id: i64 = row
        .try_get("id")
        .map_err(|_| corrupt_vault("an account row has no id"))?;
    let issuer: String = row.try_get("issuer").unwrap_or_default();
    let label: String = row.try_get("label").unwrap_or_default();
    Ok((AccountId(id), display_name(&issuer, &label)))
}

fn display_name(issuer: &str, label: &str) -> String {
    match (issuer.is_empty(), label.is_empty()) {
        (false, false) => format!("{issuer}: {label}"),
        (true, _) => label.to_owned(),
        (false, true) => issuer.to_owned(),
    }
}

fn account_from_row(row: &SqliteRow) -> Result<Account, CoreError> {
    let (id, name) = row_identity(row)?;
    let read = || -> Result<Account, sqlx::Error> {
        let params = StoredParams::to_params(
            &row.try_get::<String, _>("kind")?,
            &row.try_get::<String, _>("algorithm")?,
            row.try_get("digits")?,
            row.try_get("period")?,
            row.try_get("counter")?,
        )
        .ok_or_else(|| sqlx::Error::Decode("unknown OTP parameters".into()))?;
        Ok(Account {
            id,
            issuer: row.try_get("issuer")?,
            label: row.try_get("label")?,
            params,
            pinned: row.try_get("pinned")?,
            position: row.try_get("position")?,
            color: row.try_get("color")?,
            verified: row.try_get("verified")?,
            note: row.try_get("note")?,
        })
    };
    read().map_err(|e| corrupt_account(id, name, format!("unreadable row: {e}")))
}

fn corrupt_account(id: AccountId, name: String, reason: impl Into<String>) -> CoreError {
    CoreError::VaultCorrupt {
        account: Some((id, name)),
        reason: reason.into(),
    }
}

fn corrupt_vault(reason: impl Into<String>) -> CoreError {
    CoreError::VaultCorrupt {
        account: None,
        reason: reason.into(),
    }
}
