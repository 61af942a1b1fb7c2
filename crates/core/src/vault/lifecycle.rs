//! Creating, opening and inspecting a vault.
//!
//! A new vault is built in a temporary file beside `kairos.db` and linked
//! into place only when complete, so a crash or an error never leaves a
//! half-made vault (one without its key slot, say) where `open` would find it.

use std::path::{Path, PathBuf};

use sqlx::{Row, SqlitePool};

use super::key::{VaultId, VaultKey, associated_data, from_hex, to_hex};
use super::password::KdfParams;
use super::protect::{Protection, ProtectionKind, SlotRecord, Unlock};
use super::schema::{self, companion_paths, database_error, db_path};
use super::{Vault, VaultStatus, blocking, now_millis};
use crate::CoreError;
use crate::paths::ensure_data_dir;

const KEY_CHECK_PURPOSE: &str = "kairos.vault.v1/key-check";

impl Vault {
    /// Creates a new vault in `dir` (created if needed, owner-only). Password
    /// vaults use [`KdfParams::recommended`].
    pub async fn create(dir: &Path, protection: Protection) -> Result<Vault, CoreError> {
        Self::create_with(dir, protection, KdfParams::recommended()).await
    }

    /// [`Vault::create`] with explicit Argon2id parameters (ignored for
    /// keyring vaults).
    pub async fn create_with(
        dir: &Path,
        protection: Protection,
        kdf: KdfParams,
    ) -> Result<Vault, CoreError> {
        if matches!(&protection, Protection::Password(p) if p.is_empty()) {
            return Err(CoreError::VaultEmptyPassword);
        }
        let path = db_path(dir);
        if file_exists(&path) {
            return Err(CoreError::VaultAlreadyExists {
                dir: dir.to_path_buf(),
            });
        }
        let id = VaultId::generate()?;
        let key = VaultKey::generate()?;
        let kind = protection.kind();
        let protector = protection.into_protector(kdf);

        // The key is stored first: if the keyring is unavailable, we stop
        // before anything is written to disk.
        let (protector, key, slot) = blocking(move || {
            let slot = protector.protect(&id, &key)?;
            Ok((protector, key, slot))
        })
        .await?;

        if let Err(error) = build_and_install(dir, &path, id, &key, kind, &slot).await {
            let _ = blocking(move || {
                protector.discard(&slot);
                Ok(())
            })
            .await;
            return Err(error);
        }
        Ok(Vault::from_parts(
            schema::connect(&path).await?,
            path,
            id,
            key,
            kind,
        ))
    }

    /// Opens and unlocks the vault in `dir`, upgrading its schema if needed.
    pub async fn open(dir: &Path, unlock: Unlock) -> Result<Vault, CoreError> {
        let path = db_path(dir);
        if !file_exists(&path) {
            return Err(CoreError::VaultNotFound {
                dir: dir.to_path_buf(),
            });
        }
        let pool = schema::connect(&path).await?;
        schema::migrate(&pool, &path).await?;
        let meta = read_meta(&pool, &path).await?;
        if unlock.kind() != meta.protection {
            return Err(CoreError::VaultUnlockMismatch {
                protection: meta.protection,
            });
        }
        let slot = read_slot(&pool, &path, meta.protection).await?;
        let protector = unlock.into_protector();
        let id = meta.id;
        let key = blocking(move || protector.recover(&id, &slot)).await?;
        let opened = key.open(
            &meta.key_check.0,
            &associated_data(KEY_CHECK_PURPOSE, &id, b""),
            &meta.key_check.1,
        );
        if opened.is_none() {
            return Err(CoreError::VaultCorrupt {
                account: None,
                reason: format!(
                    "the key from the {} slot does not open this vault",
                    meta.protection.as_str()
                ),
            });
        }
        Ok(Vault::from_parts(pool, path, id, key, meta.protection))
    }

    /// Whether `dir` holds a vault and how it is protected; needs no key.
    pub async fn status(dir: &Path) -> Result<VaultStatus, CoreError> {
        let path = db_path(dir);
        if !file_exists(&path) {
            return Ok(VaultStatus {
                exists: false,
                protection: None,
            });
        }
        let pool = schema::connect(&path).await?;
        let protection = read_protection(&pool, &path).await;
        pool.close().await;
        Ok(VaultStatus {
            exists: true,
            protection: Some(protection?),
        })
    }

    fn from_parts(
        pool: SqlitePool,
        path: PathBuf,
        id: VaultId,
        key: VaultKey,
        protection: ProtectionKind,
    ) -> Vault {
        Vault {
            pool,
            path,
            id,
            key,
            protection,
            #[cfg(feature = "test-support")]
            add_many_observer: None,
        }
    }
}

/// `symlink_metadata` rather than `exists`: a dangling link named kairos.db is
/// still something we must not overwrite.
fn file_exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Writes the whole vault to a temporary file, then links it to `kairos.db`.
async fn build_and_install(
    dir: &Path,
    path: &Path,
    id: VaultId,
    key: &VaultKey,
    kind: ProtectionKind,
    slot: &SlotRecord,
) -> Result<(), CoreError> {
    ensure_data_dir(dir)?;
    let temp = dir.join(format!(".{}.creating-{}", schema::DB_FILE, id.to_hex()));
    let result = async {
        create_private_file(&temp)?;
        let pool = schema::connect(&temp).await?;
        let written = write_new_vault(&pool, &temp, id, key, kind, slot).await;
        // Closing the last connection checkpoints and removes the WAL, so the
        // single file linked below holds everything.
        pool.close().await;
        written?;
        install(dir, &temp, path)
    }
    .await;
    for leftover in std::iter::once(temp.clone()).chain(companion_paths(&temp)) {
        let _ = std::fs::remove_file(leftover);
    }
    result
}

async fn write_new_vault(
    pool: &SqlitePool,
    path: &Path,
    id: VaultId,
    key: &VaultKey,
    kind: ProtectionKind,
    slot: &SlotRecord,
) -> Result<(), CoreError> {
    let db = database_error(path);
    schema::migrate(pool, path).await?;
    let check = key.seal(&associated_data(KEY_CHECK_PURPOSE, &id, b""), b"")?;
    let now = now_millis();
    let mut tx = pool.begin().await.map_err(&db)?;
    for (name, value) in [
        ("vault_id", id.to_hex()),
        ("protection", kind.as_str().to_owned()),
        (
            "key_check",
            format!("{}:{}", to_hex(&check.nonce), to_hex(&check.ciphertext)),
        ),
        ("created_at", now.to_string()),
    ] {
        sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?)")
            .bind(name)
            .bind(value)
            .execute(&mut *tx)
            .await
            .map_err(&db)?;
    }
    insert_slot(&mut tx, slot, now).await.map_err(&db)?;
    tx.commit().await.map_err(&db)?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await
        .map_err(&db)?;
    Ok(())
}

async fn insert_slot(
    conn: &mut sqlx::SqliteConnection,
    slot: &SlotRecord,
    now: i64,
) -> Result<(), sqlx::Error> {
    match slot {
        SlotRecord::Keyring { service, user } => {
            sqlx::query(
                "INSERT INTO key_slots (kind, keyring_service, keyring_user, created_at) \
                 VALUES ('keyring', ?, ?, ?)",
            )
            .bind(service)
            .bind(user)
            .bind(now)
            .execute(conn)
            .await?;
        }
        SlotRecord::Password {
            params,
            salt,
            nonce,
            wrapped_key,
        } => {
            sqlx::query(
                "INSERT INTO key_slots (kind, kdf_memory_kib, kdf_iterations, kdf_parallelism, \
                 kdf_salt, wrap_nonce, wrapped_key, created_at) \
                 VALUES ('password', ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(i64::from(params.memory_kib()))
            .bind(i64::from(params.iterations()))
            .bind(i64::from(params.parallelism()))
            .bind(salt.as_slice())
            .bind(nonce.as_slice())
            .bind(wrapped_key.as_slice())
            .bind(now)
            .execute(conn)
            .await?;
        }
    }
    Ok(())
}

/// Creates an empty file readable by its owner only. SQLite gives the -wal
/// and -shm files the database file's permissions, so they are private too.
fn create_private_file(path: &Path) -> Result<(), CoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|source| CoreError::DataDir {
            path: path.to_path_buf(),
            source,
        })
}

/// Puts the finished file at `kairos.db` without ever replacing one: a hard
/// link fails if the name is taken (another process created a vault
/// meanwhile). Where links are unsupported (FAT), falls back to a rename
/// after a last check.
fn install(dir: &Path, temp: &Path, path: &Path) -> Result<(), CoreError> {
    let io_error = |source| CoreError::DataDir {
        path: path.to_path_buf(),
        source,
    };
    let already = || CoreError::VaultAlreadyExists {
        dir: dir.to_path_buf(),
    };
    match std::fs::hard_link(temp, path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(already()),
        Err(_) if file_exists(path) => return Err(already()),
        Err(_) => std::fs::rename(temp, path).map_err(io_error)?,
    }
    // Make the new name durable before anyone relies on the vault.
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error)?;
    Ok(())
}

struct Meta {
    id: VaultId,
    protection: ProtectionKind,
    /// Nonce and tag of an empty plaintext sealed under the vault key.
    key_check: (Vec<u8>, Vec<u8>),
}

fn corrupt(reason: impl Into<String>) -> CoreError {
    CoreError::VaultCorrupt {
        account: None,
        reason: reason.into(),
    }
}

async fn meta_value(pool: &SqlitePool, path: &Path, name: &str) -> Result<String, CoreError> {
    sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = ?")
        .bind(name)
        .fetch_optional(pool)
        .await
        .map_err(database_error(path))?
        .ok_or_else(|| corrupt(format!("the vault has no `{name}` record")))
}

async fn read_protection(pool: &SqlitePool, path: &Path) -> Result<ProtectionKind, CoreError> {
    let text = meta_value(pool, path, "protection").await?;
    ProtectionKind::parse(&text).ok_or_else(|| corrupt(format!("unknown protection `{text}`")))
}

async fn read_meta(pool: &SqlitePool, path: &Path) -> Result<Meta, CoreError> {
    let id_text = meta_value(pool, path, "vault_id").await?;
    let id = VaultId::from_hex(&id_text).ok_or_else(|| corrupt("malformed vault id"))?;
    let protection = read_protection(pool, path).await?;
    let check_text = meta_value(pool, path, "key_check").await?;
    let key_check = check_text
        .split_once(':')
        .and_then(|(nonce, tag)| Some((from_hex(nonce)?, from_hex(tag)?)))
        .ok_or_else(|| corrupt("malformed key check"))?;
    Ok(Meta {
        id,
        protection,
        key_check,
    })
}

async fn read_slot(
    pool: &SqlitePool,
    path: &Path,
    kind: ProtectionKind,
) -> Result<SlotRecord, CoreError> {
    let row = sqlx::query(
        "SELECT keyring_service, keyring_user, kdf_memory_kib, kdf_iterations, \
         kdf_parallelism, kdf_salt, wrap_nonce, wrapped_key \
         FROM key_slots WHERE kind = ? ORDER BY id LIMIT 1",
    )
    .bind(kind.as_str())
    .fetch_optional(pool)
    .await
    .map_err(database_error(path))?
    .ok_or_else(|| corrupt(format!("the vault has no {} key slot", kind.as_str())))?;
    let malformed = |_| corrupt(format!("malformed {} key slot", kind.as_str()));
    Ok(match kind {
        ProtectionKind::Keyring => SlotRecord::Keyring {
            service: row.try_get("keyring_service").map_err(malformed)?,
            user: row.try_get("keyring_user").map_err(malformed)?,
        },
        ProtectionKind::Password => SlotRecord::Password {
            params: KdfParams::from_stored(
                row.try_get("kdf_memory_kib").map_err(malformed)?,
                row.try_get("kdf_iterations").map_err(malformed)?,
                row.try_get("kdf_parallelism").map_err(malformed)?,
            )
            .ok_or_else(|| corrupt("password slot parameters out of range"))?,
            salt: row.try_get("kdf_salt").map_err(malformed)?,
            nonce: row.try_get("wrap_nonce").map_err(malformed)?,
            wrapped_key: row.try_get("wrapped_key").map_err(malformed)?,
        },
    })
}
