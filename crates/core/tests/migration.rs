//! Google Authenticator's `otpauth-migration://` export: links written by an
//! independent encoder (fixtures/backup/generate.py), errors, batch sets,
//! and round trips of Kairos's own export.

use std::path::PathBuf;

use kairos_core::UserFacing;
use kairos_core::otp::{AccountDraft, Algorithm, OtpKind, OtpParams, Secret, code_at};
use kairos_core::uri::migration::{
    self, BatchAdded, MAX_ACCOUNTS_PER_BATCH, MigrationBatchSet, MigrationError, Unrepresentable,
};
use proptest::prelude::*;

fn fixture_links() -> Vec<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backup/migration.txt");
    std::fs::read_to_string(&path)
        .expect("migration.txt")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn code(result: Result<impl Sized, MigrationError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn links_from_an_independent_encoder_read_with_their_batch_info() {
    let links = fixture_links();
    let second = migration::parse(&links[0]).expect("batch 1");
    assert_eq!(
        (second.batch_index, second.batch_size, second.batch_id),
        (1, 2, -1_234_567)
    );
    assert_eq!(second.version, 1);
    assert_eq!(second.accounts.len(), 1);
    let hotp = &second.accounts[0];
    assert_eq!(
        (hotp.issuer.as_str(), hotp.label.as_str()),
        ("Issuu", "james")
    );
    assert_eq!(hotp.params.kind, OtpKind::Hotp { counter: 42 });
    assert_eq!(
        code_at(&hotp.params, &hotp.secret, 0).expect("code").value,
        "501091"
    );

    let first = migration::parse(&links[1]).expect("batch 0");
    assert_eq!(first.batch_index, 0);
    let names: Vec<_> = first
        .accounts
        .iter()
        .map(|a| (a.issuer.as_str(), a.label.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("GitHub", "alice@example.com"),
            ("Société Générale", "chloé")
        ]
    );
    assert_eq!(first.accounts[1].params.algorithm, Algorithm::Sha512);
    assert_eq!(first.accounts[1].params.digits, 8);
    // Codes as expected.json has them (Python's hmac, and oathtool agrees).
    assert_eq!(
        code_at(
            &first.accounts[0].params,
            &first.accounts[0].secret,
            1_700_000_000
        )
        .expect("code")
        .value,
        "324550"
    );
    assert_eq!(
        code_at(
            &first.accounts[1].params,
            &first.accounts[1].secret,
            1_700_000_000
        )
        .expect("code")
        .value,
        "65481285"
    );
}

#[test]
fn a_batch_set_collects_in_any_order_and_says_how_far_it_is() {
    let links = fixture_links();
    let mut set = MigrationBatchSet::new();
    assert_eq!(set.progress().total, None);
    assert!(!set.complete());
    assert_eq!(set.add_uri(&links[0]).ok(), Some(BatchAdded::New));
    assert_eq!(
        set.progress().text(kairos_core::Locale::En),
        "1 of 2 codes scanned"
    );
    assert_eq!(set.missing(), vec![0]);
    assert!(!set.complete());
    // The partial set can be imported as it is.
    assert_eq!(set.accounts().len(), 1);
    assert_eq!(set.add_uri(&links[0]).ok(), Some(BatchAdded::Repeated));
    assert_eq!(set.progress().scanned, 1);
    assert_eq!(set.add_uri(&links[1]).ok(), Some(BatchAdded::New));
    assert!(set.complete());
    assert_eq!(
        set.progress().text(kairos_core::Locale::Fr),
        "2 code(s) scanné(s) sur 2"
    );
    let labels: Vec<String> = set.accounts().into_iter().map(|a| a.label).collect();
    assert_eq!(
        labels,
        ["alice@example.com", "chloé", "james"],
        "export order, not scan order"
    );
}

#[test]
fn a_code_of_another_export_is_refused_and_changes_nothing() {
    let links = fixture_links();
    let mut set = MigrationBatchSet::new();
    set.add_uri(&links[0]).expect("first");
    let other = migration::export_with_batch_id(&[draft("x", 1)], 99);
    let err = set.add_uri(&other.uris[0]).err();
    assert_eq!(
        err.as_ref().map(UserFacing::code),
        Some("uri.migration_other_export")
    );
    assert_eq!(set.progress().scanned, 1);
    assert_eq!(set.batch_id(), Some(-1_234_567));
}

#[test]
fn malformed_links_have_their_own_codes() {
    let good = &fixture_links()[1];
    let data = good.split("data=").nth(1).expect("data");
    let cases = [
        ("otpauth://totp/x?secret=JBSWY3DP", "uri.migration_scheme"),
        (
            "otpauth-migration://online?data=CgA",
            "uri.migration_scheme",
        ),
        (
            "otpauth-migration://offline?foo=bar",
            "uri.migration_data_missing",
        ),
        (
            "otpauth-migration://offline?data=!!!!",
            "uri.migration_base64",
        ),
        (
            "otpauth-migration://offline?data=%zz",
            "uri.migration_base64",
        ),
    ];
    for (link, expected) in cases {
        assert_eq!(code(migration::parse(link)), expected, "{link}");
    }
    // Cut payloads: valid base64 of a truncated protobuf.
    use base64::Engine;
    let decoded = urlencoding_decode(data);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(decoded)
        .expect("base64");
    for cut in [1, 10, bytes.len() / 2, bytes.len() - 1] {
        let link = format!(
            "otpauth-migration://offline?data={}",
            base64::engine::general_purpose::URL_SAFE.encode(&bytes[..cut])
        );
        let result = migration::parse(&link);
        assert!(
            matches!(
                code(result.clone()),
                "uri.migration_protobuf" | "uri.migration_batch"
            ),
            "cut at {cut}: {:?}",
            result.map(|b| b.accounts.len())
        );
    }
    let huge = format!("otpauth-migration://offline?data={}", "A".repeat(70_000));
    assert_eq!(code(migration::parse(&huge)), "uri.migration_too_long");
}

fn urlencoding_decode(text: &str) -> String {
    text.replace("%2B", "+")
        .replace("%2F", "/")
        .replace("%3D", "=")
}

/// A payload built by hand, byte by byte, for the cases no export writes.
fn payload_link(account: &[u8], trailer: &[u8]) -> String {
    use base64::Engine;
    let mut bytes = vec![0x0a, u8::try_from(account.len()).expect("short")];
    bytes.extend_from_slice(account);
    bytes.extend_from_slice(trailer);
    format!(
        "otpauth-migration://offline?data={}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
    )
}

#[test]
fn md5_and_unknown_values_are_refused_with_the_account_name() {
    // secret "ab", name "x", algorithm 4 (MD5)
    let md5 = payload_link(&[0x0a, 2, b'a', b'b', 0x12, 1, b'x', 0x20, 4], &[]);
    let err = migration::parse(&md5).expect_err("refused");
    assert_eq!(err.code(), "uri.migration_md5");
    assert!(err.message(kairos_core::Locale::En).contains("“x”"));
    let digits = payload_link(&[0x0a, 2, b'a', b'b', 0x28, 3], &[]);
    assert_eq!(
        code(migration::parse(&digits)),
        "uri.migration_unknown_value"
    );
    let kind = payload_link(&[0x0a, 2, b'a', b'b', 0x30, 7], &[]);
    assert_eq!(code(migration::parse(&kind)), "uri.migration_unknown_value");
    let no_secret = payload_link(&[0x12, 1, b'x'], &[]);
    assert_eq!(code(migration::parse(&no_secret)), "uri.migration_secret");
    // batch_index 2 of batch_size 2
    let batch = payload_link(&[0x0a, 2, b'a', b'b'], &[0x18, 2, 0x20, 2]);
    assert_eq!(code(migration::parse(&batch)), "uri.migration_batch");
}

#[test]
fn defaults_and_unknown_fields_read_like_google_authenticator() {
    // Only a secret and a name, plus an unknown field 15: TOTP, SHA-1, 6, 30 s.
    let link = payload_link(&[0x0a, 2, b'a', b'b', 0x12, 1, b'x', 0x78, 5], &[]);
    let batch = migration::parse(&link).expect("read");
    assert_eq!(batch.accounts[0].params, OtpParams::default_totp());
    assert_eq!((batch.batch_size, batch.batch_index), (1, 0));
    // A `+` turned into a space by a form decoder is read back.
    let links = fixture_links();
    let spaced = links[1].replace("%2B", " ");
    assert_eq!(
        migration::parse(&spaced).ok(),
        migration::parse(&links[1]).ok()
    );
}

fn draft(name: &str, n: u8) -> AccountDraft {
    AccountDraft {
        issuer: format!("Issuer {n}"),
        label: name.to_owned(),
        params: OtpParams::default_totp(),
        secret: Secret::from_bytes(vec![n; 20]).expect("secret"),
    }
}

#[test]
fn exports_come_in_batches_of_ten_sharing_one_id() {
    let accounts: Vec<AccountDraft> = (0..23).map(|n| draft(&format!("user{n}"), n)).collect();
    let export = migration::export(&accounts);
    assert_eq!(export.uris.len(), 3);
    let mut set = MigrationBatchSet::new();
    for (index, uri) in export.uris.iter().enumerate().rev() {
        let batch = migration::parse(uri).expect("parse");
        assert_eq!(batch.batch_index, i32::try_from(index).expect("small"));
        assert_eq!(batch.batch_size, 3);
        assert_eq!(batch.batch_id, export.batch_id);
        assert!(batch.accounts.len() <= MAX_ACCOUNTS_PER_BATCH);
        set.add(batch).expect("same export");
    }
    assert!(set.complete());
    assert_eq!(set.into_accounts(), accounts);
    // Another export gets another id.
    assert_ne!(migration::export(&accounts).batch_id, export.batch_id);
}

#[test]
fn debug_output_of_an_export_shows_no_link() {
    let export = migration::export(&[draft("alice", 7)]);
    let shown = format!("{export:?}");
    let data = export.uris[0]
        .split("data=")
        .nth(1)
        .expect("data")
        .to_owned();
    assert!(!shown.contains(&data[..20]), "{shown}");
    assert!(shown.contains("1 redacted links"), "{shown}");
}

#[test]
fn long_names_make_smaller_batches_that_still_fit_a_qr_code() {
    let accounts: Vec<AccountDraft> = (0..10).map(|n| draft(&"x".repeat(250), n)).collect();
    let export = migration::export(&accounts);
    assert!(export.uris.len() > 1);
    for uri in &export.uris {
        assert!(uri.len() < 2_300, "{} bytes", uri.len());
    }
}

#[test]
fn what_the_format_cannot_hold_is_left_out_and_listed() {
    let mut accounts = vec![
        draft("ok", 1),
        draft("steam", 2),
        draft("60s", 3),
        draft("7 digits", 4),
    ];
    accounts[1].params = OtpParams::steam();
    accounts[2].params.kind = OtpKind::Totp { period: 60 };
    accounts[3].params.digits = 7;
    let export = migration::export(&accounts);
    assert_eq!(
        export.skipped,
        vec![
            (1, Unrepresentable::Steam),
            (2, Unrepresentable::Period(60)),
            (3, Unrepresentable::Digits(7))
        ]
    );
    let back = migration::parse(&export.uris[0]).expect("parse").accounts;
    assert_eq!(back, vec![accounts[0].clone()]);
}

fn representable() -> impl Strategy<Value = AccountDraft> {
    (
        "[a-zA-Z0-9 éß@._:-]{0,40}",
        "[a-zA-Z0-9 éß@._:-]{1,60}",
        prop::collection::vec(any::<u8>(), 1..64),
        prop::sample::select(vec![Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512]),
        prop::sample::select(vec![6u8, 8]),
        prop::option::of(0u64..=i64::MAX as u64),
    )
        .prop_map(
            |(issuer, label, secret, algorithm, digits, counter)| AccountDraft {
                // Names are read trimmed, around colons too.
                issuer: issuer
                    .split(':')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(":")
                    .trim()
                    .to_owned(),
                label: label
                    .split(':')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(":")
                    .trim()
                    .to_owned(),
                params: OtpParams {
                    kind: match counter {
                        Some(counter) => OtpKind::Hotp { counter },
                        None => OtpKind::Totp { period: 30 },
                    },
                    algorithm,
                    digits,
                },
                secret: Secret::from_bytes(secret).expect("secret"),
            },
        )
}

proptest! {
    #[test]
    fn parse_of_export_gives_back_the_accounts(
        accounts in prop::collection::vec(representable(), 1..25),
        batch_id in any::<i32>(),
    ) {
        let export = migration::export_with_batch_id(&accounts, batch_id);
        prop_assert!(export.skipped.is_empty());
        let mut set = MigrationBatchSet::new();
        for uri in &export.uris {
            let batch = migration::parse(uri).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(batch.batch_id, batch_id);
            set.add(batch).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert!(set.complete());
        prop_assert_eq!(set.into_accounts(), accounts);
    }

    #[test]
    fn parse_never_panics(data in "[A-Za-z0-9+/=%]{0,300}") {
        let _ = migration::parse(&format!("otpauth-migration://offline?data={data}"));
    }
}
