//! Importing a backup into a real vault: the preview marks accounts the
//! vault already has, and the commit adds the others in one transaction.

mod support;

use kairos_core::backup::{self, Duplicate, ImportPlan};
use kairos_core::otp::{OtpKind, OtpParams};
use support::{create_fast, draft, drafts};

#[tokio::test]
async fn duplicates_by_secret_and_kind_are_previewed_then_skipped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let existing = vault.add_many(drafts(0..2)).await.expect("add");

    // Same secret as account 1 under another name: still a duplicate.
    let mut renamed = draft(1);
    renamed.issuer = "Renamed".into();
    // Same secret as account 0 but HOTP: another account.
    let mut hotp = draft(0);
    hotp.params = OtpParams {
        kind: OtpKind::Hotp { counter: 0 },
        ..OtpParams::default_totp()
    };
    let incoming = vec![draft(5), renamed, hotp, draft(5)];
    let plan = ImportPlan::new(&vault, incoming).await.expect("plan");
    let marks: Vec<_> = plan.accounts.iter().map(|a| a.duplicate).collect();
    assert_eq!(
        marks,
        vec![
            None,
            Some(Duplicate::Existing(existing[1].id)),
            None,
            Some(Duplicate::InImport(0))
        ]
    );
    assert_eq!((plan.new_count(), plan.duplicate_count()), (2, 2));
    // The preview saved nothing.
    assert_eq!(vault.list().await.expect("list").len(), 2);

    let outcome = plan.commit(&vault).await.expect("commit");
    assert_eq!(outcome.skipped_duplicates, 2);
    let added: Vec<_> = outcome.added.iter().map(|a| a.issuer.as_str()).collect();
    assert_eq!(added, ["Issuer 5", "Issuer 0"]);
    assert_eq!(vault.list().await.expect("list").len(), 4);
}

#[tokio::test]
async fn an_account_added_between_preview_and_commit_is_not_added_twice() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let plan = ImportPlan::new(&vault, drafts(0..3)).await.expect("plan");
    assert_eq!(plan.new_count(), 3);
    vault.add(draft(1)).await.expect("added meanwhile");
    let outcome = plan.commit(&vault).await.expect("commit");
    assert_eq!((outcome.added.len(), outcome.skipped_duplicates), (2, 1));
    assert_eq!(vault.list().await.expect("list").len(), 3);
}

#[tokio::test]
async fn one_invalid_account_saves_none_of_the_import() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let mut nameless = draft(7);
    nameless.issuer.clear();
    nameless.label.clear();
    let plan = ImportPlan::new(&vault, vec![draft(6), nameless])
        .await
        .expect("plan");
    let err = plan.commit(&vault).await.expect_err("refused");
    assert_eq!(kairos_core::UserFacing::code(&err), "vault.invalid_account");
    assert!(vault.list().await.expect("list").is_empty());
}

#[tokio::test]
async fn a_whole_fixture_imports_once_and_a_second_time_adds_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let vault = create_fast(tmp.path()).await;
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/backup/aegis_plain.json"),
    )
    .expect("fixture");
    let (_, drafts) = backup::import(&bytes, None, None).expect("import");
    let first = ImportPlan::new(&vault, drafts.clone())
        .await
        .expect("plan")
        .commit(&vault)
        .await
        .expect("commit");
    assert_eq!((first.added.len(), first.skipped_duplicates), (5, 0));
    let again = ImportPlan::new(&vault, drafts)
        .await
        .expect("plan")
        .commit(&vault)
        .await
        .expect("commit");
    assert_eq!((again.added.len(), again.skipped_duplicates), (0, 5));
    // Secrets went in intact: the stored HOTP code is the fixture's.
    let hotp = &first.added[3];
    let secret = vault.secret(hotp.id).await.expect("secret");
    assert_eq!(
        kairos_core::otp::code_at(&hotp.params, &secret, 0)
            .expect("code")
            .value,
        "501091"
    );
}
