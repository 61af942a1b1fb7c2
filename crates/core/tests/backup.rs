//! Backups in every format: fixtures written by an independent
//! implementation (fixtures/backup/generate.py, Python's `cryptography`),
//! real exports of other apps (tests/fixtures/backup/interop), and round trips.

use std::path::PathBuf;

use kairos_core::UserFacing;
use kairos_core::backup::kairos::KairosBackup;
use kairos_core::backup::{self, BackupError, Format, FormatKind};
use kairos_core::otp::{AccountDraft, OtpKind, code_at};
use kairos_core::vault::KdfParams;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/backup")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Real exports of other apps (Aegis, 2FAS, Ente…), copied into the
/// repository from the project's shared fixtures so a clean clone tests them.
fn interop(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/backup/interop")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Expected {
    password: String,
    at: u64,
    accounts: Vec<(String, String, String)>,
}

fn expected() -> Expected {
    let json: serde_json::Value =
        serde_json::from_slice(&fixture("expected.json")).expect("expected.json");
    let text = |v: &serde_json::Value| v.as_str().expect("string").to_owned();
    Expected {
        password: text(&json["password"]),
        at: json["at"].as_u64().expect("at"),
        accounts: json["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .map(|a| (text(&a["issuer"]), text(&a["label"]), text(&a["code"])))
            .collect(),
    }
}

/// (issuer, label, code at the expected instant) of each draft.
fn codes(drafts: &[AccountDraft], at: u64) -> Vec<(String, String, String)> {
    drafts
        .iter()
        .map(|d| {
            let code = code_at(&d.params, &d.secret, at).expect("code").value;
            (d.issuer.clone(), d.label.clone(), code)
        })
        .collect()
}

fn code_of<T>(result: Result<T, BackupError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.code().to_owned(),
    }
}

const ENCRYPTED: [(&str, FormatKind); 3] = [
    ("aegis_encrypted.json", FormatKind::Aegis),
    ("2fas_encrypted.2fas", FormatKind::TwoFas),
    ("kairos.kairos", FormatKind::Kairos),
];

const PLAIN: [(&str, FormatKind); 3] = [
    ("aegis_plain.json", FormatKind::Aegis),
    ("2fas_plain.2fas", FormatKind::TwoFas),
    ("uris.txt", FormatKind::Uris),
];

#[test]
fn every_format_imports_the_expected_accounts_and_codes() {
    let expected = expected();
    for (name, kind) in PLAIN.into_iter().chain(ENCRYPTED) {
        let bytes = fixture(name);
        assert_eq!(backup::detect(&bytes).ok(), Some(kind), "{name} detected");
        let (found, drafts) = backup::import(&bytes, None, Some(&expected.password)).expect(name);
        assert_eq!(found, kind);
        assert_eq!(codes(&drafts, expected.at), expected.accounts, "{name}");
        assert!(
            matches!(drafts[3].params.kind, OtpKind::Hotp { counter: 42 }),
            "{name}"
        );
        assert_eq!(drafts[4].params.kind, OtpKind::Steam, "{name}");
    }
}

#[test]
fn encrypted_files_need_the_right_password() {
    for (name, kind) in ENCRYPTED {
        let bytes = fixture(name);
        assert_eq!(
            code_of(backup::import(&bytes, Some(kind), None)),
            "backup.password_required",
            "{name}"
        );
        assert_eq!(
            code_of(backup::import(&bytes, Some(kind), Some(""))),
            "backup.password_required",
            "{name}"
        );
        let wrong = backup::import(&bytes, Some(kind), Some("Correct horse battery staple"));
        assert_eq!(code_of(wrong), "backup.wrong_password", "{name}");
    }
}

#[test]
fn truncated_files_are_corrupt_not_a_wrong_password() {
    let password = expected().password;
    for (name, kind) in ENCRYPTED.into_iter().chain(PLAIN.into_iter().take(2)) {
        let bytes = fixture(name);
        for cut in [bytes.len() / 2, bytes.len() - 40, 60] {
            let result = backup::import(&bytes[..cut], Some(kind), Some(&password));
            assert_eq!(code_of(result), "backup.corrupt", "{name} cut at {cut}");
        }
    }
}

#[test]
fn a_damaged_2fas_ciphertext_is_told_apart_from_a_wrong_password() -> TestResult {
    // The reference opens with the right password, so the services part is
    // what is damaged.
    let mut json: serde_json::Value = serde_json::from_slice(&fixture("2fas_encrypted.2fas"))?;
    let sealed = json["servicesEncrypted"]
        .as_str()
        .ok_or("no services")?
        .to_owned();
    let damaged = format!("AAAA{}", &sealed[4..]);
    json["servicesEncrypted"] = damaged.into();
    let bytes = serde_json::to_vec(&json)?;
    let result = backup::import(&bytes, None, Some(&expected().password));
    assert_eq!(code_of(result), "backup.corrupt");
    Ok(())
}

#[test]
fn a_bad_line_names_its_number_and_nothing_is_imported() -> TestResult {
    let text = String::from_utf8(fixture("uris.txt"))?;
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "otpauth://totp/Broken?secret=NOT-BASE32!";
    let err = backup::import(lines.join("\n").as_bytes(), None, None)
        .err()
        .ok_or("imported")?;
    assert_eq!(err.code(), "backup.uri_line");
    assert!(
        err.message(kairos_core::Locale::En).starts_with("Line 5 "),
        "{}",
        err.message(kairos_core::Locale::En)
    );
    // A link cut before its secret is a bad line too. (One cut inside the
    // secret still reads as a shorter secret: a text list has no checksum.)
    let cut = &text[..text.rfind("?secret").ok_or("no secret")?];
    assert_eq!(
        code_of(backup::import(cut.as_bytes(), Some(FormatKind::Uris), None)),
        "backup.uri_line"
    );
    Ok(())
}

#[test]
fn unknown_content_is_refused() {
    for bytes in [
        &b"hello"[..],
        b"{\"a\": 1}",
        b"",
        b"\x00\x01KAIROS",
        b"[1, 2]",
    ] {
        assert_eq!(
            code_of(backup::import(bytes, None, None)),
            "backup.unknown_format"
        );
    }
}

#[test]
fn aegis_entries_kairos_cannot_use_are_named() -> TestResult {
    let mut json: serde_json::Value = serde_json::from_slice(&fixture("aegis_plain.json"))?;
    json["db"]["entries"][1]["type"] = "motp".into();
    let err = backup::import(&serde_json::to_vec(&json)?, None, None)
        .err()
        .ok_or("imported")?;
    assert_eq!(err.code(), "backup.unsupported_entry");
    assert!(
        err.message(kairos_core::Locale::En)
            .contains("Big Bank: bob")
    );

    let mut json: serde_json::Value = serde_json::from_slice(&fixture("aegis_plain.json"))?;
    json["db"]["entries"][0]["info"]["secret"] = "ABC1".into();
    let err = backup::import(&serde_json::to_vec(&json)?, None, None)
        .err()
        .ok_or("imported")?;
    assert_eq!(err.code(), "backup.invalid_entry");
    assert!(matches!(err, BackupError::InvalidEntry { position: 1, .. }));
    Ok(())
}

#[test]
fn newer_versions_are_refused_rather_than_misread() -> TestResult {
    let mut aegis: serde_json::Value = serde_json::from_slice(&fixture("aegis_plain.json"))?;
    aegis["db"]["version"] = 4.into();
    assert_eq!(
        code_of(backup::import(&serde_json::to_vec(&aegis)?, None, None)),
        "backup.unsupported_version"
    );
    let mut kairos = fixture("kairos.kairos");
    kairos[8] = 2;
    assert_eq!(
        code_of(backup::import(&kairos, None, Some("x"))),
        "backup.unsupported_version"
    );
    Ok(())
}

#[test]
fn a_kairos_header_change_fails_authentication() {
    // The header is associated data: raising the cost or swapping the salt
    // in a stored file cannot go unnoticed.
    let password = expected().password;
    let mut bytes = fixture("kairos.kairos");
    bytes[30] ^= 1; // in the salt
    assert_eq!(
        code_of(backup::import(&bytes, None, Some(&password))),
        "backup.wrong_password"
    );
}

// --- real exports of other apps ---------------------------------------------

#[test]
fn real_aegis_and_2fas_exports_import_alike_plain_and_encrypted() {
    let (_, aegis_plain) =
        backup::import(&interop("aegis_plain.json"), None, None).expect("aegis plain");
    let (_, aegis_encrypted) = backup::import(&interop("aegis_encrypted.json"), None, Some("test"))
        .expect("aegis encrypted");
    assert_eq!(aegis_plain.len(), 7);
    assert_eq!(aegis_plain, aegis_encrypted);
    assert_eq!(
        code_of(backup::import(
            &interop("aegis_encrypted.json"),
            None,
            Some("tesT")
        )),
        "backup.wrong_password"
    );

    let (kind, twofas_plain) =
        backup::import(&interop("2fas_authenticator_plain_v4.2fas"), None, None)
            .expect("2fas plain");
    assert_eq!(kind, FormatKind::TwoFas);
    let (_, twofas_encrypted) = backup::import(
        &interop("2fas_authenticator_encrypted_v4.2fas"),
        None,
        Some("test"),
    )
    .expect("2fas encrypted");
    assert_eq!(twofas_plain.len(), 5);
    assert_eq!(twofas_plain, twofas_encrypted);
    // Every 2FAS account is also in the Aegis vault, identically.
    for account in &twofas_plain {
        assert!(
            aegis_plain.contains(account),
            "{} {}",
            account.issuer,
            account.label
        );
    }

    // Schema 1: no type, digits or period (TOTP, 6, 30 s); names from `label`.
    let (_, v1) = backup::import(&interop("2fas_authenticator.json"), None, None).expect("2fas v1");
    assert_eq!(v1.len(), 6);
    assert_eq!(
        (v1[0].issuer.as_str(), v1[0].label.as_str()),
        ("Deno", "Mason")
    );
    assert_eq!(v1[0].secret, aegis_plain[0].secret);

    // The plain URI list of the same accounts, `issuer=Air+Canada` included.
    let (kind, uris) = backup::import(&interop("plain.txt"), None, None).expect("plain.txt");
    assert_eq!(kind, FormatKind::Uris);
    assert_eq!(uris, aegis_plain);
    let (_, ente) = backup::import(&interop("ente_auth.txt"), None, None).expect("ente");
    assert!(ente.iter().all(|d| aegis_plain.contains(d)));
    assert!(ente.iter().any(|d| d.params.kind == OtpKind::Steam));
}

#[test]
fn real_exports_give_the_codes_of_an_independent_computation() {
    // Aegis's Deno/Mason is RFC 6238 SHA-1, 6 digits, 30 s; the code at
    // 1,700,000,000 from Python's hmac (as in generate.py): 4SJHB4GSD43FZBAI7C2HLRJGPQ.
    let (_, drafts) = backup::import(&interop("aegis_plain.json"), None, None).expect("aegis");
    let codes = codes(&drafts, 1_700_000_000);
    assert_eq!(codes[0].0, "Deno");
    assert_eq!(
        codes[0].2,
        oath_totp("4SJHB4GSD43FZBAI7C2HLRJGPQ", 1_700_000_000)
    );
}

/// RFC 6238 SHA-1 6 digits 30 s, written out here once more from the RFC.
fn oath_totp(base32: &str, at: u64) -> String {
    use hmac::{KeyInit, Mac};
    let secret = kairos_core::otp::Secret::from_base32(base32).expect("base32");
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret.expose()).expect("key");
    mac.update(&(at / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]) & 0x7fff_ffff;
    format!("{:06}", value % 1_000_000)
}

// --- round trips ----------------------------------------------------------------

fn sample() -> Vec<AccountDraft> {
    backup::import(&fixture("uris.txt"), None, None)
        .expect("uris")
        .1
}

#[test]
fn exports_import_back_identically() {
    let accounts = sample();
    let kairos = KairosBackup::with_kdf(KdfParams::insecure_fast_for_tests());
    let cases: [(&dyn Format, Option<&str>, bool); 4] = [
        (&kairos, Some("pässword"), false),
        (&backup::aegis::Aegis, None, true),
        (&backup::aegis::Aegis, Some("pässword"), false),
        (&backup::uri_list::UriList, None, true),
    ];
    for (format, password, plaintext) in cases {
        let exported = format.export(&accounts, password).expect("export");
        assert_eq!(exported.plaintext_secrets, plaintext, "{:?}", format.kind());
        assert_eq!(backup::detect(&exported.bytes).ok(), Some(format.kind()));
        let back = format.import(&exported.bytes, password).expect("import");
        assert_eq!(back, accounts, "{:?} {password:?}", format.kind());
        let secret = accounts[0].secret.to_base32();
        let shows = String::from_utf8_lossy(&exported.bytes).contains(secret.as_str());
        assert_eq!(shows, plaintext, "{:?}: secret in clear", format.kind());
    }
    // Decomposed accents are the same password (NFC), as for the vault.
    let exported = kairos
        .export(&accounts, Some("pa\u{301}ss"))
        .expect("export");
    assert_eq!(
        kairos.import(&exported.bytes, Some("p\u{e1}ss")).ok(),
        Some(accounts)
    );
}

#[test]
fn debug_output_of_an_export_shows_no_secret() {
    let exported = backup::uri_list::UriList
        .export(&sample(), None)
        .expect("export");
    let shown = format!("{exported:?}");
    assert!(
        !shown.contains("JBSW") && !shown.contains("111, 116"),
        "{shown}"
    );
    assert!(shown.contains("redacted"));
}

#[test]
fn exports_refuse_what_they_cannot_do() {
    let accounts = sample();
    let kairos = KairosBackup::with_kdf(KdfParams::insecure_fast_for_tests());
    assert_eq!(
        code_of(kairos.export(&accounts, None)),
        "backup.empty_password"
    );
    assert_eq!(
        code_of(kairos.export(&accounts, Some(""))),
        "backup.empty_password"
    );
    assert_eq!(
        code_of(backup::aegis::Aegis.export(&accounts, Some(""))),
        "backup.empty_password"
    );
    assert_eq!(
        code_of(backup::uri_list::UriList.export(&accounts, Some("x"))),
        "backup.encryption_unsupported"
    );
    assert_eq!(
        code_of(backup::twofas::TwoFas.export(&accounts, None)),
        "backup.export_unsupported"
    );
}

#[test]
fn two_kairos_exports_of_the_same_accounts_differ() {
    // Fresh salt and nonce every time: equal files would leak equal content.
    let kairos = KairosBackup::with_kdf(KdfParams::insecure_fast_for_tests());
    let a = kairos.export(&sample(), Some("pw")).expect("export");
    let b = kairos.export(&sample(), Some("pw")).expect("export");
    assert_ne!(a.bytes[22..62], b.bytes[22..62]);
    assert_ne!(a.bytes[70..], b.bytes[70..]);
}
