//! Checks and installs through the real updater plugin, on Tauri's mock
//! runtime, against a feed server on 127.0.0.1 and a signing key made for
//! the test by Tauri's CLI. The plugin's settings are tauri.conf.json's,
//! with the test's public key in place of the project's.

use std::os::unix::fs::MetadataExt;

use kairos_core::UserFacing;
use kairos_harness::update_feed::{FeedServer, SigningKey, feed_json};
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};

use super::error::UpdateError;
use super::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The mock app's version (tauri::test's package info).
const CURRENT: &str = "0.1.0";

fn app_trusting(key: &SigningKey) -> Result<tauri::App<MockRuntime>, Box<dyn std::error::Error>> {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json"))?;
    let mut updater = conf["plugins"]["updater"].clone();
    updater["pubkey"] = key.public_key().into();
    let mut context = mock_context(noop_assets());
    context
        .config_mut()
        .plugins
        .0
        .insert("updater".into(), updater);
    Ok(mock_builder().plugin(plugin()).build(context)?)
}

fn on(endpoint: &str) -> UpdateSettings {
    UpdateSettings {
        enabled: true,
        endpoint: Some(endpoint.to_owned()),
    }
}

/// A feed offering `version`, whose file is `served` but whose signature is
/// `signed_bytes`'s by `key`.
fn publish(
    server: &FeedServer,
    key: &SigningKey,
    version: &str,
    served: &[u8],
    signed_bytes: &[u8],
) -> Result<(), Box<dyn std::error::Error>> {
    let signature = key.sign(signed_bytes, version)?;
    let file = format!("/Kairos_{version}.AppImage");
    server.put(&file, served.to_vec());
    let feed = feed_json(version, "Faster codes.", &server.url(&file), &signature);
    server.put("/latest.json", feed.into_bytes());
    Ok(())
}

fn code<T>(result: Result<T, UpdateError>) -> Option<&'static str> {
    result.err().map(|e| e.code())
}

#[test]
fn the_shipped_config_carries_a_key_and_no_endpoint() -> TestResult {
    // An endpoint here would be asked by every copy, whatever its settings.
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../tauri.conf.json"))?;
    let updater = &conf["plugins"]["updater"];
    assert!(
        updater["endpoints"]
            .as_array()
            .is_none_or(|list| list.is_empty()),
        "{updater}"
    );
    assert!(updater["pubkey"].as_str().is_some_and(|k| k.len() > 100));
    assert_eq!(updater["requireSignedVersion"], true);
    assert!(updater.get("dangerousInsecureTransportProtocol").is_none());
    Ok(())
}

#[tokio::test]
async fn off_means_no_request_and_a_refused_check() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    publish(&server, &key, "9.9.9", b"new", b"new")?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();

    let never_set = UpdateSettings::default();
    let turned_off = UpdateSettings {
        enabled: false,
        ..on(&server.url("/latest.json"))
    };
    for settings in [never_set, turned_off] {
        let refused = check(app.handle(), &settings, &pending).await;
        assert_eq!(code(refused), Some("update.disabled"));
    }
    assert_eq!(server.requests(), Vec::<String>::new());
    Ok(())
}

#[tokio::test]
async fn an_insecure_endpoint_is_refused_before_any_request() -> TestResult {
    let key = SigningKey::generate()?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();
    let dir = tempfile::tempdir()?;
    let insecure = on("http://example.com/latest.json");

    let saved = insecure
        .clone()
        .save(dir.path(), Transport::for_this_build());
    assert_eq!(code(saved), Some("update.insecure_endpoint"));
    // Even if such settings got in some other way, the check refuses them.
    let checked = check(app.handle(), &insecure, &pending).await;
    assert_eq!(code(checked), Some("update.insecure_endpoint"));
    Ok(())
}

#[tokio::test]
async fn a_newer_version_is_offered_with_its_notes() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    publish(&server, &key, "9.9.9", b"new", b"new")?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();

    let outcome = check(app.handle(), &on(&server.url("/latest.json")), &pending).await?;
    assert_eq!(
        outcome,
        CheckOutcome::Available {
            current_version: CURRENT.into(),
            version: "9.9.9".into(),
            notes: Some("Faster codes.".into()),
            date: Some("2026-12-01T12:00:00Z".into()),
        }
    );
    // The window's contract (ui/src/lib/updates/types.ts).
    assert_eq!(serde_json::to_value(&outcome)?["status"], "available");
    assert_eq!(server.requests(), ["/latest.json"]);
    Ok(())
}

#[tokio::test]
async fn the_same_version_is_up_to_date() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    publish(&server, &key, CURRENT, b"same", b"same")?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();

    let outcome = check(app.handle(), &on(&server.url("/latest.json")), &pending).await?;
    assert_eq!(
        outcome,
        CheckOutcome::UpToDate {
            current_version: CURRENT.into()
        }
    );
    assert_eq!(
        code(install(&pending, CURRENT).await),
        Some("update.nothing_to_install")
    );
    Ok(())
}

#[tokio::test]
async fn an_unreachable_feed_is_a_clear_error() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();
    // Nothing published: the server answers 404.
    let checked = check(app.handle(), &on(&server.url("/latest.json")), &pending).await;
    assert_eq!(code(checked), Some("update.unreachable"));
    Ok(())
}

/// What identifies the running executable's file: a replaced file has a new
/// inode or modification time.
fn executable_identity() -> Result<(u64, u64, i64, i64), Box<dyn std::error::Error>> {
    let meta = std::fs::metadata(std::env::current_exe()?)?;
    Ok((meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec()))
}

#[tokio::test]
async fn a_tampered_update_is_refused_and_nothing_is_replaced() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    let someone_else = SigningKey::generate()?;
    let app = app_trusting(&key)?;
    let before = executable_identity()?;

    // The file changed after signing; then a file signed by another key.
    for (signer, signed) in [(&key, &b"original"[..]), (&someone_else, &b"tampered"[..])] {
        publish(&server, signer, "9.9.9", b"tampered", signed)?;
        let pending = PendingUpdate::default();
        let outcome = check(app.handle(), &on(&server.url("/latest.json")), &pending).await?;
        assert!(matches!(outcome, CheckOutcome::Available { .. }));

        let refused = install(&pending, "9.9.9").await;
        assert_eq!(code(refused), Some("update.bad_signature"));
        // The file was fetched: the refusal is the signature's, not the network's.
        assert_eq!(
            server.requests().last().map(String::as_str),
            Some("/Kairos_9.9.9.AppImage")
        );
        // Used once: a second try needs a new check.
        assert_eq!(
            code(install(&pending, "9.9.9").await),
            Some("update.nothing_to_install")
        );
    }
    assert_eq!(executable_identity()?, before);
    Ok(())
}

#[tokio::test]
async fn only_the_offered_version_installs() -> TestResult {
    let server = FeedServer::start()?;
    let key = SigningKey::generate()?;
    publish(&server, &key, "9.9.9", b"new", b"new")?;
    let app = app_trusting(&key)?;
    let pending = PendingUpdate::default();
    check(app.handle(), &on(&server.url("/latest.json")), &pending).await?;
    let requests = server.requests().len();

    assert_eq!(
        code(install(&pending, "10.0.0").await),
        Some("update.nothing_to_install")
    );
    // Nothing downloaded for a version nobody was offered.
    assert_eq!(server.requests().len(), requests);
    Ok(())
}

#[test]
fn messages_exist_in_both_languages() {
    use kairos_core::Locale;
    let err = UpdateError::InsecureEndpoint {
        endpoint: "http://example.com".into(),
    };
    assert!(err.message(Locale::En).contains("not a secure"));
    assert!(
        err.message(Locale::Fr)
            .contains("pas une adresse sécurisée")
    );
    let err = UpdateError::BadSignature {
        detail: "bad".into(),
    };
    assert!(
        err.hint(Locale::Fr)
            .is_some_and(|h| h.contains("n’a pas changé"))
    );
}
