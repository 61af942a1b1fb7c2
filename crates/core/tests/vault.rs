//! The vault's API on password vaults (cheap Argon2 parameters): no keyring
//! needed, so these run in-process. Keyring vaults: vault_keyring.rs; crash
//! safety: vault_atomicity.rs.

mod support;

use std::path::Path;

use kairos_core::otp::{AccountId, Secret};
use kairos_core::vault::{
    DB_FILE, KdfParams, Protection, ProtectionKind, Settings, Unlock, Vault, VaultStatus,
};
use kairos_core::{Locale, UserFacing};
use support::{create_fast, draft, drafts, hotp_draft, open_fast, password, secret_bytes};
use zeroize::Zeroizing;

fn code<T>(result: Result<T, kairos_core::CoreError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error) => error.code(),
    }
}

async fn raw_connection(dir: &Path) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join(DB_FILE))
        .connect()
        .await
        .expect("raw connection")
}

#[tokio::test]
async fn status_tells_whether_a_password_is_needed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let none = Vault::status(&dir).await.expect("status");
    assert_eq!(
        none,
        VaultStatus {
            exists: false,
            protection: None
        }
    );
    assert_eq!(
        code(Vault::open(&dir, Unlock::Keyring).await),
        "vault.not_found"
    );

    create_fast(&dir).await.close().await;
    let status = Vault::status(&dir).await.expect("status");
    assert_eq!(status.protection, Some(ProtectionKind::Password));
    assert!(status.exists);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join(DB_FILE))
            .expect("db")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "kairos.db must be private");
    }
    assert_eq!(support::files_in(&dir), vec![DB_FILE.to_owned()]);
}

#[tokio::test]
async fn password_vault_reopens_and_refuses_wrong_passwords() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let vault = create_fast(dir).await;
    vault.add_many(drafts(0..3)).await.expect("add");
    vault.close().await;
    let before = std::fs::read(dir.join(DB_FILE)).expect("read db");

    let wrong = Vault::open(dir, Unlock::Password(Zeroizing::new("wrong".into()))).await;
    assert_eq!(code(wrong), "vault.wrong_password");
    let mismatch = Vault::open(dir, Unlock::Keyring).await;
    assert_eq!(code(mismatch), "vault.unlock_mismatch");
    assert_eq!(
        std::fs::read(dir.join(DB_FILE)).expect("read db"),
        before,
        "a failed unlock must not change the file"
    );

    let vault = open_fast(dir).await;
    let accounts = vault.list().await.expect("list");
    assert_eq!(accounts.len(), 3);
    let secret = vault.secret(accounts[2].id).await.expect("secret");
    assert_eq!(secret.expose(), secret_bytes(2).as_slice());
}

#[tokio::test]
async fn create_refuses_an_existing_vault_and_an_empty_password() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let empty = Vault::create_with(
        dir,
        Protection::Password(Zeroizing::new(String::new())),
        KdfParams::insecure_fast_for_tests(),
    )
    .await;
    assert_eq!(code(empty), "vault.empty_password");
    assert!(support::files_in(dir).is_empty());

    create_fast(dir).await.close().await;
    let again = Vault::create_with(
        dir,
        Protection::Password(password()),
        KdfParams::insecure_fast_for_tests(),
    )
    .await;
    assert_eq!(code(again), "vault.already_exists");
    // The existing vault still opens with its own password.
    open_fast(dir).await.close().await;
}

#[tokio::test]
async fn accounts_are_added_listed_and_edited() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let a = vault.add(draft(1)).await.expect("add");
    let many = vault.add_many(drafts(2..5)).await.expect("add many");
    assert_eq!(a.position, 0);
    assert_eq!(
        many.iter().map(|x| x.position).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(a.verified && a.note.is_none() && !a.pinned && a.color.is_none());
    assert_eq!(vault.list().await.expect("list"), {
        let mut all = vec![a.clone()];
        all.extend(many.clone());
        all
    });

    vault.rename(a.id, "GitHub", "alice").await.expect("rename");
    vault.set_pinned(a.id, true).await.expect("pin");
    vault.set_color(a.id, Some("#FFaa00")).await.expect("color");
    let edited = vault.account(a.id).await.expect("account");
    assert_eq!(
        (edited.issuer.as_str(), edited.label.as_str()),
        ("GitHub", "alice")
    );
    assert!(edited.pinned);
    assert_eq!(edited.color.as_deref(), Some("#ffaa00"));
    assert_eq!(
        vault.secret(a.id).await.expect("secret").expose(),
        secret_bytes(1).as_slice(),
        "renaming keeps the secret"
    );
    assert_eq!(
        code(vault.set_color(a.id, Some("orange")).await),
        "vault.invalid_account"
    );
    vault.set_color(a.id, None).await.expect("clear color");

    vault.delete(many[0].id).await.expect("delete");
    assert_eq!(
        code(vault.secret(many[0].id).await),
        "vault.account_not_found"
    );
    assert_eq!(
        code(vault.delete(many[0].id).await),
        "vault.account_not_found"
    );
    assert_eq!(
        code(vault.rename(AccountId(9999), "x", "y").await),
        "vault.account_not_found"
    );
    assert_eq!(
        code(vault.rename(a.id, "", " ").await),
        "vault.invalid_account"
    );

    // A deleted id is never handed out again.
    let next = vault.add(draft(9)).await.expect("add");
    assert!(next.id > many[2].id);
}

#[tokio::test]
async fn unverified_accounts_keep_their_reason_until_verified() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let pending = vault
        .add_unverified(draft(1), "waiting for the first code")
        .await
        .expect("add unverified");
    let stored = vault.account(pending.id).await.expect("account");
    assert!(!stored.verified);
    assert_eq!(stored.note.as_deref(), Some("waiting for the first code"));
    vault
        .set_verified(pending.id, true, None)
        .await
        .expect("verify");
    let stored = vault.account(pending.id).await.expect("account");
    assert!(stored.verified && stored.note.is_none());
}

#[tokio::test]
async fn reorder_puts_named_accounts_first() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let ids: Vec<AccountId> = vault
        .add_many(drafts(0..4))
        .await
        .expect("add")
        .iter()
        .map(|a| a.id)
        .collect();
    vault.reorder(&[ids[3], ids[1]]).await.expect("reorder");
    let order: Vec<AccountId> = vault
        .list()
        .await
        .expect("list")
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(order, [ids[3], ids[1], ids[0], ids[2]]);
    let positions: Vec<i64> = vault
        .list()
        .await
        .expect("list")
        .iter()
        .map(|a| a.position)
        .collect();
    assert_eq!(positions, [0, 1, 2, 3]);

    assert_eq!(
        code(vault.reorder(&[ids[0], ids[0]]).await),
        "vault.invalid_order"
    );
    assert_eq!(
        code(vault.reorder(&[AccountId(12345)]).await),
        "vault.account_not_found"
    );
    let unchanged: Vec<AccountId> = vault
        .list()
        .await
        .expect("list")
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(unchanged, order);
}

#[tokio::test]
async fn search_ignores_case_and_accents() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let mut bank = draft(1);
    bank.issuer = "Société Générale".into();
    bank.label = "Élodie".into();
    vault.add(bank).await.expect("add");
    vault.add_many(drafts(2..4)).await.expect("add");
    let found = vault.search("societe elodie").await.expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].issuer, "Société Générale");
    assert_eq!(vault.search("ISSUER").await.expect("search").len(), 2);
    assert_eq!(vault.search("").await.expect("search").len(), 3);
    assert!(vault.search("nothing").await.expect("search").is_empty());
}

#[tokio::test]
async fn hotp_counters_advance_and_persist() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let vault = create_fast(dir).await;
    let hotp = vault.add(hotp_draft(7)).await.expect("add hotp");
    let totp = vault.add(draft(1)).await.expect("add totp");
    assert_eq!(
        vault.advance_hotp_counter(hotp.id).await.expect("advance"),
        8
    );
    assert_eq!(
        vault.advance_hotp_counter(hotp.id).await.expect("advance"),
        9
    );
    assert_eq!(
        code(vault.advance_hotp_counter(totp.id).await),
        "vault.not_hotp"
    );
    assert_eq!(
        code(vault.advance_hotp_counter(AccountId(777)).await),
        "vault.account_not_found"
    );
    vault.close().await;

    let vault = open_fast(dir).await;
    let stored = vault.account(hotp.id).await.expect("account");
    assert_eq!(
        stored.params.kind,
        kairos_core::otp::OtpKind::Hotp { counter: 9 }
    );
}

#[tokio::test]
async fn concurrent_counter_advances_never_collide() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = std::sync::Arc::new(create_fast(tmp.path()).await);
    let hotp = vault.add(hotp_draft(0)).await.expect("add hotp");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let vault = vault.clone();
            tokio::spawn(async move { vault.advance_hotp_counter(hotp.id).await })
        })
        .collect();
    let mut seen = Vec::new();
    for task in tasks {
        seen.push(task.await.expect("join").expect("advance"));
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=20).collect::<Vec<u64>>());
}

#[tokio::test]
async fn settings_have_defaults_and_are_validated() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let vault = create_fast(dir).await;
    let defaults = vault.settings().await.expect("settings");
    assert_eq!(defaults, Settings::default());
    assert_eq!(defaults.clipboard_clear_seconds, 30);
    let wanted = Settings {
        clipboard_clear_seconds: 0,
        lock_after_idle_minutes: 15,
    };
    vault.set_settings(wanted).await.expect("set");
    let too_long = Settings {
        clipboard_clear_seconds: 100_000,
        ..wanted
    };
    assert_eq!(
        code(vault.set_settings(too_long).await),
        "vault.invalid_setting"
    );
    vault.close().await;
    assert_eq!(
        open_fast(dir).await.settings().await.expect("settings"),
        wanted
    );
}

#[tokio::test]
async fn invalid_drafts_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let mut bad = draft(2);
    bad.params.digits = 0;
    let result = vault.add_many(vec![draft(1), bad]).await;
    assert_eq!(code(result), "vault.invalid_account");
    assert!(vault.list().await.expect("list").is_empty());
}

/// The secret's bytes, its base32 and its hex must not appear anywhere in
/// the files SQLite writes, neither while the vault is open (WAL) nor after.
#[tokio::test]
async fn secrets_never_reach_the_disk_in_clear() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let canary = b"KAIROS-CANARY-\x01\x02\x03-SECRET".to_vec();
    let base32 = Secret::from_bytes(canary.clone())
        .expect("secret")
        .to_base32()
        .to_string();
    let hex: String = canary.iter().map(|b| format!("{b:02x}")).collect();
    let needles: Vec<Vec<u8>> = vec![
        canary.clone(),
        base32.clone().into_bytes(),
        base32.to_lowercase().into_bytes(),
        hex.into_bytes(),
        b"correct horse".to_vec(), // the password either
    ];
    let scan = |when: &str| {
        let mut scanned = 0;
        for name in [DB_FILE, "kairos.db-wal", "kairos.db-shm"] {
            let Ok(bytes) = std::fs::read(dir.join(name)) else {
                continue;
            };
            scanned += bytes.len();
            for needle in &needles {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                    "{when}: {name} contains {:?}",
                    String::from_utf8_lossy(needle)
                );
            }
        }
        assert!(scanned > 0, "{when}: nothing to scan");
    };

    let vault = create_fast(dir).await;
    let mut with_canary = draft(1);
    with_canary.secret = Secret::from_bytes(canary.clone()).expect("secret");
    let added = vault.add(with_canary).await.expect("add");
    vault.add_many(drafts(2..50)).await.expect("add more");
    assert_eq!(
        vault.secret(added.id).await.expect("secret").expose(),
        canary.as_slice()
    );
    assert!(
        dir.join("kairos.db-wal").exists(),
        "the open vault should have a WAL to scan"
    );
    scan("while open");
    vault.close().await;
    scan("after close");
}

#[tokio::test]
async fn swapped_or_altered_ciphertexts_are_reported_with_the_account() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let vault = create_fast(dir).await;
    let a = vault.add(draft(1)).await.expect("add");
    let mut bank = draft(2);
    bank.issuer = "Bank".into();
    bank.label = "me".into();
    let b = vault.add(bank).await.expect("add");
    let c = vault.add(draft(3)).await.expect("add");
    vault.close().await;

    // Give B the secret of A (nonce and ciphertext, as an attacker with
    // write access to the file could), and flip one bit of C's ciphertext.
    let mut conn = raw_connection(dir).await;
    sqlx::query(
        "UPDATE accounts SET (secret_nonce, secret_ciphertext) = \
         (SELECT secret_nonce, secret_ciphertext FROM accounts WHERE id = ?) WHERE id = ?",
    )
    .bind(a.id.0)
    .bind(b.id.0)
    .execute(&mut conn)
    .await
    .expect("swap");
    let mut ciphertext: Vec<u8> =
        sqlx::query_scalar("SELECT secret_ciphertext FROM accounts WHERE id = ?")
            .bind(c.id.0)
            .fetch_one(&mut conn)
            .await
            .expect("read");
    ciphertext[0] ^= 1;
    sqlx::query("UPDATE accounts SET secret_ciphertext = ? WHERE id = ?")
        .bind(ciphertext)
        .bind(c.id.0)
        .execute(&mut conn)
        .await
        .expect("alter");
    drop(conn);

    let vault = open_fast(dir).await;
    let error = vault
        .secret(b.id)
        .await
        .expect_err("swapped secret must not open");
    assert_eq!(error.code(), "vault.corrupt");
    let message = error.message(Locale::En);
    assert!(message.contains("Bank: me"), "{message}");
    assert!(error.message(Locale::Fr).contains("Bank: me"));
    assert_eq!(code(vault.secret(c.id).await), "vault.corrupt");

    // The list still works and the intact account still decrypts.
    let all = vault.accounts_with_secrets().await.expect("all");
    let states: Vec<(AccountId, &str)> = all
        .iter()
        .map(|(account, secret)| {
            (
                account.id,
                secret.as_ref().map_or_else(|e| e.code(), |_| "ok"),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            (a.id, "ok"),
            (b.id, "vault.corrupt"),
            (c.id, "vault.corrupt")
        ]
    );
}

#[tokio::test]
async fn a_vault_from_a_newer_kairos_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    create_fast(dir).await.close().await;
    let mut conn = raw_connection(dir).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99, 'from the future', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("fake future migration");
    drop(conn);
    let error = Vault::open(dir, Unlock::Password(password()))
        .await
        .expect_err("too new");
    assert_eq!(error.code(), "vault.too_new");
    assert!(error.message(Locale::En).contains("99"));
}

#[tokio::test]
async fn a_file_that_is_not_a_vault_is_a_database_error_with_its_path() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::write(
        dir.join(DB_FILE),
        b"this is not sqlite at all, just text....",
    )
    .expect("write");
    let error = Vault::open(dir, Unlock::Password(password()))
        .await
        .expect_err("not a vault");
    assert_eq!(error.code(), "vault.database");
    assert!(error.message(Locale::En).contains(DB_FILE));
}

#[tokio::test]
async fn debug_output_shows_no_key_or_password() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let shown = format!("{vault:?}");
    assert!(shown.contains("VaultKey(<redacted>)"), "{shown}");
    let protection = format!("{:?}", Protection::Password(password()));
    let unlock = format!("{:?}", Unlock::Password(password()));
    for text in [&shown, &protection, &unlock] {
        assert!(!text.contains("correct horse"), "{text}");
    }
}
