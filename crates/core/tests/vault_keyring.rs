//! Keyring vaults against a real gnome-keyring (the harness's private D-Bus
//! session), and against the ways a keyring goes missing.
//!
//! Every vault operation runs in a child process (this test executable run
//! again with a role, the session's environment applied): two processes
//! sharing a key proves the key lives in gnome-keyring, not in `keyring`'s
//! in-memory mock; and changing the D-Bus address in-process would need the
//! unsafe, racy `std::env::set_var`.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kairos_core::vault::{DB_FILE, KEYRING_SERVICE, Protection, Unlock, Vault};
use kairos_core::{CoreError, Locale, UserFacing};
use kairos_harness::DbusSession;
use kairos_harness::process::find_binary;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use support::{
    DIR_ENV, ROLE_ENV, child_command, drafts, report, run_child, run_child_with_stderr,
    secret_bytes,
};

const CHILD_TEST: &str = "child_role";

/// Not a test by itself: the entry point of the child processes below. Run
/// without a role (a normal `cargo test`), it does nothing.
#[test]
fn child_role() {
    let Ok(role) = std::env::var(ROLE_ENV) else {
        return;
    };
    let dir = std::path::PathBuf::from(std::env::var_os(DIR_ENV).expect("data dir"));
    if let Err(error) = support::runtime().block_on(play(&role, &dir)) {
        eprintln!("{}", error.report(Locale::En).one_line());
        eprintln!("{}", error.report(Locale::Fr).one_line());
        report(format!("error {}", error.code()));
    }
}

async fn play(role: &str, dir: &Path) -> Result<(), CoreError> {
    match role {
        "create" => {
            let vault = Vault::create(dir, Protection::Keyring).await?;
            vault.add_many(drafts(0..3)).await?;
            vault.close().await;
            report("created");
        }
        "open" => {
            let vault = Vault::open(dir, Unlock::Keyring).await?;
            for (account, secret) in vault.accounts_with_secrets().await? {
                report(format!(
                    "account {} {}",
                    account.issuer.replace(' ', "_"),
                    String::from_utf8_lossy(secret?.expose())
                ));
            }
            report("opened");
        }
        "open_with_password" => {
            Vault::open(dir, Unlock::Password(support::password())).await?;
            report("opened");
        }
        other => panic!("unknown role {other}"),
    }
    Ok(())
}

/// A child with only the given environment (no inherited bus or display).
fn child(role: &str, dir: &Path, env: &[(String, String)]) -> Command {
    let mut cmd = child_command(CHILD_TEST, role, dir);
    cmd.env_clear()
        .env(ROLE_ENV, role)
        .env(DIR_ENV, dir)
        .envs(env.iter().map(|(k, v)| (k, v)));
    cmd
}

fn in_session(role: &str, dir: &Path, session: &DbusSession) -> Vec<String> {
    run_child(child(role, dir, &session.env()))
}

/// `secret-tool lookup service app.kairos.desktop username <user>` in the session.
fn keyring_lookup(session: &DbusSession, user: &str) -> Option<Vec<u8>> {
    let binary = find_binary("secret-tool", "Debian package libsecret-tools").expect("secret-tool");
    let output = Command::new(binary)
        .args(["lookup", "service", KEYRING_SERVICE, "username", user])
        .env_clear()
        .envs(session.env())
        .stdin(Stdio::null())
        .output()
        .expect("run secret-tool");
    output.status.success().then_some(output.stdout)
}

fn keyring_clear(session: &DbusSession, user: &str) {
    let binary = find_binary("secret-tool", "Debian package libsecret-tools").expect("secret-tool");
    let status = Command::new(binary)
        .args(["clear", "service", KEYRING_SERVICE, "username", user])
        .env_clear()
        .envs(session.env())
        .status()
        .expect("run secret-tool");
    assert!(status.success(), "secret-tool clear failed");
}

/// The vault id (= keyring user name), read from the file without unlocking.
async fn vault_id(dir: &Path) -> String {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join(DB_FILE))
        .connect()
        .await
        .expect("connect");
    sqlx::query_scalar("SELECT value FROM meta WHERE key = 'vault_id'")
        .fetch_one(&mut conn)
        .await
        .expect("vault id")
}

#[tokio::test]
async fn a_keyring_vault_opens_in_another_process_of_the_same_session_only() {
    let session = DbusSession::start().expect("start D-Bus session and gnome-keyring");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");

    assert_eq!(in_session("create", &dir, &session), ["created"]);
    let user = vault_id(&dir).await;
    let stored = keyring_lookup(&session, &user).expect("the key is in gnome-keyring");
    assert_eq!(stored.len(), 32, "a 256-bit key");

    // A second process finds the key in gnome-keyring and decrypts.
    let expected: Vec<String> = (0..3)
        .map(|i| {
            format!(
                "account Issuer_{i} {}",
                String::from_utf8_lossy(&secret_bytes(i))
            )
        })
        .chain(["opened".to_owned()])
        .collect();
    assert_eq!(in_session("open", &dir, &session), expected);
    assert_eq!(
        in_session("open_with_password", &dir, &session),
        ["error vault.unlock_mismatch"]
    );

    // Another session's keyring has no key for this vault...
    let other = DbusSession::start().expect("start a second session");
    assert_eq!(
        in_session("open", &dir, &other),
        ["error vault.key_missing"]
    );
    drop(other);

    // ...and neither has this one once the entry is deleted.
    keyring_clear(&session, &user);
    assert_eq!(
        in_session("open", &dir, &session),
        ["error vault.key_missing"]
    );
}

/// Every Kairos entry in the session's keyring, as `secret-tool search` lists them.
fn kairos_entries(session: &DbusSession) -> usize {
    let binary = find_binary("secret-tool", "Debian package libsecret-tools").expect("secret-tool");
    let output = Command::new(binary)
        .args(["search", "--all", "service", KEYRING_SERVICE])
        .env_clear()
        .envs(session.env())
        .output()
        .expect("run secret-tool");
    let listing = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    listing
        .lines()
        .filter(|line| line.trim() == format!("attribute.service = {KEYRING_SERVICE}"))
        .count()
}

#[tokio::test]
async fn a_failed_creation_takes_its_key_back_out_of_the_keyring() {
    let session = DbusSession::start().expect("start D-Bus session and gnome-keyring");
    let tmp = tempfile::tempdir().expect("temp dir");
    // One real vault, so we know the listing below does show entries.
    assert_eq!(
        in_session("create", &tmp.path().join("good"), &session),
        ["created"]
    );
    assert_eq!(kairos_entries(&session), 1);

    // This data folder cannot be created: a file stands in the way. The key
    // is already in the keyring by then, and must be taken back out.
    std::fs::write(tmp.path().join("file"), b"x").expect("write");
    let dir = tmp.path().join("file").join("data");
    assert_eq!(
        in_session("create", &dir, &session),
        ["error data_dir.unavailable"]
    );
    assert_eq!(
        kairos_entries(&session),
        1,
        "the failed vault's key is left behind"
    );
}

/// Environment of a process whose session bus is not there: `address` is
/// None (unset) or a socket nobody listens on. XDG_RUNTIME_DIR points at an
/// empty folder so libdbus cannot fall back to `$XDG_RUNTIME_DIR/bus`, and
/// there is no DISPLAY to autolaunch a bus on.
fn env_without_bus(tmp: &Path, address: Option<String>) -> Vec<(String, String)> {
    let runtime = tmp.join("run");
    let home = tmp.join("home");
    for d in [&runtime, &home] {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    let mut env = vec![
        ("XDG_RUNTIME_DIR".to_owned(), runtime.display().to_string()),
        ("HOME".to_owned(), home.display().to_string()),
    ];
    if let Some(address) = address {
        env.push(("DBUS_SESSION_BUS_ADDRESS".to_owned(), address));
    }
    env
}

fn assert_refused_without_a_trace(env: &[(String, String)], tmp: &Path) {
    let dir = tmp.join("data");
    let started = Instant::now();
    let (reports, stderr) = run_child_with_stderr(child("create", &dir, env));
    // The child prints the full error; shown with --nocapture.
    eprintln!(
        "{}",
        stderr
            .lines()
            .find(|l| l.starts_with("error["))
            .unwrap_or("")
    );
    assert_eq!(reports, ["error vault.keyring_unavailable"], "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "failing took {:?}",
        started.elapsed()
    );
    assert!(
        !dir.exists(),
        "nothing may be written: {:?}",
        support::files_in(&dir)
    );
}

#[test]
fn a_dead_bus_means_keyring_unavailable_and_no_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // A socket file whose listener is gone: connecting is refused.
    let socket = tmp.path().join("dead-bus");
    drop(std::os::unix::net::UnixListener::bind(&socket).expect("bind"));
    let env = env_without_bus(tmp.path(), Some(format!("unix:path={}", socket.display())));
    assert_refused_without_a_trace(&env, tmp.path());
}

#[test]
fn no_bus_address_means_keyring_unavailable_and_no_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let env = env_without_bus(tmp.path(), None);
    assert_refused_without_a_trace(&env, tmp.path());
}

#[test]
fn a_bus_without_secret_service_means_keyring_unavailable_and_no_files() {
    let session = DbusSession::start().expect("start D-Bus session and gnome-keyring");
    let [_, keyring] = session.pids();
    kill(
        Pid::from_raw(i32::try_from(keyring).expect("pid")),
        Signal::SIGKILL,
    )
    .expect("stop gnome-keyring");
    // Wait until the bus has noticed: the name must have no owner.
    let dbus_send = find_binary("dbus-send", "Debian package dbus-bin").expect("dbus-send");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = Command::new(&dbus_send)
            .arg(format!("--bus={}", session.address()))
            .args([
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.secrets",
            ])
            .output()
            .expect("dbus-send");
        if String::from_utf8_lossy(&reply.stdout).contains("boolean false") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the Secret Service name stays owned"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_refused_without_a_trace(&session.env(), tmp.path());
}

#[test]
fn a_locked_keyring_means_keyring_unavailable_and_no_files() {
    let session = DbusSession::start().expect("start D-Bus session and gnome-keyring");
    let dbus_send = find_binary("dbus-send", "Debian package dbus-bin").expect("dbus-send");
    let locked = Command::new(&dbus_send)
        .arg(format!("--bus={}", session.address()))
        .args([
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .output()
        .expect("dbus-send");
    assert!(
        locked.status.success(),
        "locking the login keyring failed: {}",
        String::from_utf8_lossy(&locked.stderr)
    );
    // Unlocking needs a prompt, and this bus has no prompter to show one.
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_refused_without_a_trace(&session.env(), tmp.path());
}
