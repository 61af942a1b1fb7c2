//! Wayland: the XDG desktop portal's `Screenshot` request over D-Bus.
//!
//! The portal answers the call with a request object and later emits that
//! object's `Response` signal, so the signal is subscribed to *before* the
//! call (its path is predictable from our bus name and a token we choose).
//! The compositor writes the picture to a file and the portal returns its
//! URI: Kairos reads it, deletes it when the portal made it for this request
//! (a fresh file in a temporary or pictures folder), and only then decodes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use kairos_core::qr::{self, LumaFrame};
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};
use zbus::{Connection, MatchRule, MessageStream};

use crate::error::CaptureError;

const DESTINATION: &str = "org.freedesktop.portal.Desktop";
const PATH: &str = "/org/freedesktop/portal/desktop";
const SCREENSHOT: &str = "org.freedesktop.portal.Screenshot";
const REQUEST: &str = "org.freedesktop.portal.Request";

/// A screenshot of the whole screen (or of what the user picks when
/// `interactive`), through the portal on the bus at `bus_address`
/// (`None`: the session bus).
pub(super) fn screenshot(
    bus_address: Option<&str>,
    interactive: bool,
    timeout: Duration,
) -> Result<LumaFrame, CaptureError> {
    let started = SystemTime::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(portal_failed)?;
    let uri = runtime.block_on(request(bus_address, interactive, timeout))?;
    let path = file_path(&uri).ok_or_else(|| CaptureError::PortalFailed {
        detail: format!("the portal returned {uri:?}, not a local file"),
    })?;
    let bytes = std::fs::read(&path);
    // Deleted before decoding, so no error below leaves the picture behind.
    let deleted = made_for_this_request(&path, started, &temporary_folders())
        .then(|| std::fs::remove_file(&path));
    let bytes = bytes.map_err(|e| CaptureError::PortalFailed {
        detail: format!("cannot read {}: {e}", path.display()),
    })?;
    if let Some(Err(e)) = deleted {
        return Err(CaptureError::PortalFailed {
            detail: format!("cannot delete {}: {e}", path.display()),
        });
    }
    qr::decode_image(&bytes).map_err(|detail| CaptureError::PortalFailed { detail })
}

fn unavailable(e: impl ToString) -> CaptureError {
    CaptureError::PortalUnavailable {
        detail: e.to_string(),
    }
}

fn portal_failed(e: impl ToString) -> CaptureError {
    CaptureError::PortalFailed {
        detail: e.to_string(),
    }
}

/// A token unique within this process, as the portal asks.
fn handle_token() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "kairos_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

async fn request(
    bus_address: Option<&str>,
    interactive: bool,
    timeout: Duration,
) -> Result<String, CaptureError> {
    let conn = match bus_address {
        Some(address) => zbus::connection::Builder::address(address)
            .map_err(unavailable)?
            .build()
            .await
            .map_err(unavailable)?,
        None => Connection::session().await.map_err(unavailable)?,
    };
    let sender = conn
        .unique_name()
        .ok_or_else(|| unavailable("the bus gave no name"))?
        .trim_start_matches(':')
        .replace('.', "_");
    let token = handle_token();
    let expected = format!("{PATH}/request/{sender}/{token}");
    let mut responses = responses(&conn, &expected).await?;

    let mut options: HashMap<&str, Value<'_>> = HashMap::new();
    options.insert("handle_token", Value::from(token.as_str()));
    options.insert("interactive", Value::from(interactive));
    options.insert("modal", Value::from(true));
    let reply = conn
        .call_method(
            Some(DESTINATION),
            PATH,
            Some(SCREENSHOT),
            "Screenshot",
            &("", options),
        )
        .await
        .map_err(call_error)?;
    let handle: OwnedObjectPath = reply.body().deserialize().map_err(portal_failed)?;
    if handle.as_str() != expected {
        // Portals older than 0.9 choose the path themselves.
        responses = self::responses(&conn, handle.as_str()).await?;
    }

    match tokio::time::timeout(timeout, responses.next()).await.ok() {
        Some(Some(Ok(message))) => {
            let (code, results): (u32, HashMap<String, OwnedValue>) =
                message.body().deserialize().map_err(portal_failed)?;
            outcome(code, results)
        }
        Some(Some(Err(e))) => Err(portal_failed(e)),
        Some(None) => Err(portal_failed("the bus closed before the portal answered")),
        None => {
            // Best effort: the dialog, if any, should not outlive the wait.
            let _ = conn
                .call_method(
                    Some(DESTINATION),
                    handle.as_str(),
                    Some(REQUEST),
                    "Close",
                    &(),
                )
                .await;
            Err(CaptureError::PortalTimeout {
                seconds: timeout.as_secs(),
            })
        }
    }
}

async fn responses(conn: &Connection, path: &str) -> Result<MessageStream, CaptureError> {
    let rule = MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface(REQUEST)
        .and_then(|b| b.member("Response"))
        .and_then(|b| b.path(path.to_owned()))
        .map_err(portal_failed)?
        .build();
    MessageStream::for_match_rule(rule, conn, Some(4))
        .await
        .map_err(unavailable)
}

/// A refused call: no portal (or no Screenshot in it) is "unavailable",
/// an explicit refusal is "denied".
fn call_error(e: zbus::Error) -> CaptureError {
    if let zbus::Error::MethodError(name, _, _) = &e {
        let name = name.as_str();
        if name.ends_with(".NotAllowed") || name.ends_with(".AccessDenied") {
            return CaptureError::PortalDenied;
        }
        if name.ends_with(".ServiceUnknown")
            || name.ends_with(".UnknownMethod")
            || name.ends_with(".UnknownInterface")
            || name.ends_with(".UnknownObject")
            || name.ends_with(".NameHasNoOwner")
        {
            return unavailable(e);
        }
    }
    portal_failed(e)
}

/// The portal's response codes: 0 success, 1 cancelled by the user, 2
/// ended otherwise (which is how a refused permission comes back).
fn outcome(code: u32, mut results: HashMap<String, OwnedValue>) -> Result<String, CaptureError> {
    match code {
        0 => results
            .remove("uri")
            .and_then(|uri| String::try_from(uri).ok())
            .ok_or_else(|| portal_failed("the portal answered without a picture")),
        1 => Err(CaptureError::PortalCancelled),
        2 => Err(CaptureError::PortalDenied),
        other => Err(portal_failed(format!("response code {other}"))),
    }
}

/// The local path of a `file://` URI (percent-decoded), nothing else.
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path` names another machine; only "" or localhost are ours.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    kairos_core::uri::percent_decode(path).map(PathBuf::from)
}

/// Folders where a portal puts the pictures it makes: the temporary
/// folders, the session's runtime folder, and the pictures folder (GNOME
/// saves screenshots there).
fn temporary_folders() -> Vec<PathBuf> {
    let mut folders = vec![
        std::env::temp_dir(),
        PathBuf::from("/tmp"),
        PathBuf::from("/var/tmp"),
    ];
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    folders.extend(var("XDG_RUNTIME_DIR"));
    match var("XDG_PICTURES_DIR") {
        Some(pictures) => folders.push(pictures),
        None => folders.extend(var("HOME").map(|home| home.join("Pictures"))),
    }
    folders
}

/// Whether Kairos may delete `path`: a plain file (not a link) inside one of
/// `folders`, written since the request started. A picture the user already
/// had, or a file anywhere else, is never touched.
fn made_for_this_request(path: &Path, started: SystemTime, folders: &[PathBuf]) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    // File systems with coarse timestamps round down by up to a second or two.
    let since = started
        .checked_sub(Duration::from_secs(2))
        .unwrap_or(started);
    let fresh = meta.modified().is_ok_and(|modified| modified >= since);
    let Some(parent) = path.parent().and_then(|p| p.canonicalize().ok()) else {
        return false;
    };
    let inside = folders
        .iter()
        .filter_map(|folder| folder.canonicalize().ok())
        .any(|folder| parent.starts_with(folder));
    meta.file_type().is_file() && fresh && inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

    #[test]
    fn only_local_file_uris_are_read() {
        assert_eq!(
            file_path("file:///tmp/out.png"),
            Some(PathBuf::from("/tmp/out.png"))
        );
        assert_eq!(
            file_path("file:///home/a/Pictures/Capture%20d%E2%80%99%C3%A9cran.png"),
            Some(PathBuf::from("/home/a/Pictures/Capture d’écran.png"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/x.png"),
            Some(PathBuf::from("/tmp/x.png"))
        );
        assert_eq!(file_path("file://server/tmp/x.png"), None);
        assert_eq!(file_path("https://example.com/x.png"), None);
    }

    #[test]
    fn response_codes_map_to_outcomes() {
        let uri = |text: &str| {
            HashMap::from([(
                "uri".to_owned(),
                OwnedValue::try_from(Value::from(text)).expect("a string"),
            )])
        };
        assert_eq!(
            outcome(0, uri("file:///tmp/out.png")).ok().as_deref(),
            Some("file:///tmp/out.png")
        );
        let code = |code, results| outcome(code, results).expect_err("an error").code();
        assert_eq!(code(0, HashMap::new()), "capture.portal_failed");
        assert_eq!(
            code(1, uri("file:///tmp/a.png")),
            "capture.portal_cancelled"
        );
        assert_eq!(code(2, HashMap::new()), "capture.portal_denied");
        assert_eq!(code(7, HashMap::new()), "capture.portal_failed");
    }

    #[test]
    fn only_fresh_files_in_temporary_folders_are_deleted() {
        let temp = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("another dir");
        let folders = vec![temp.path().to_path_buf()];
        let fresh = temp.path().join("out.png");
        std::fs::write(&fresh, b"png").expect("write");
        let before = SystemTime::now() - Duration::from_secs(60);
        assert!(made_for_this_request(&fresh, before, &folders));
        // An older picture the user had, even in the same folder.
        let later = SystemTime::now() + Duration::from_secs(60);
        assert!(!made_for_this_request(&fresh, later, &folders));
        // A fresh file outside the folders.
        let outside = elsewhere.path().join("out.png");
        std::fs::write(&outside, b"png").expect("write");
        assert!(!made_for_this_request(&outside, before, &folders));
        // A link, and a missing file.
        let link = temp.path().join("link.png");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        assert!(!made_for_this_request(&link, before, &folders));
        assert!(!made_for_this_request(
            &temp.path().join("none.png"),
            before,
            &folders
        ));
    }

    #[test]
    fn no_bus_means_no_portal() {
        let err = screenshot(
            Some("unix:path=/nonexistent/kairos-bus"),
            false,
            Duration::from_secs(5),
        )
        .expect_err("no bus");
        assert_eq!(err.code(), "capture.portal_unavailable");
    }
}
