//! Crash safety: a process SIGKILLed while writing leaves the vault in its
//! previous state and structurally sound.
//!
//! The writer is this test executable run again with a role (see
//! `support::child_command`), so the kill hits a real separate process
//! holding the SQLite file, exactly as a crash of the app would.

mod support;

use std::process::Child;
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use support::{DIR_ENV, ROLE_ENV, Reports, child_command, create_fast, drafts, open_fast, report};

const CHILD_TEST: &str = "child_role";
const BATCH: usize = 1000;
const PAUSE_AT: usize = 500;

/// Not a test by itself: the entry point of the child processes below. Run
/// without a role (a normal `cargo test`), it does nothing.
#[test]
fn child_role() {
    let Ok(role) = std::env::var(ROLE_ENV) else {
        return;
    };
    let dir = std::path::PathBuf::from(std::env::var_os(DIR_ENV).expect("data dir"));
    support::runtime().block_on(async {
        let mut vault = open_fast(&dir).await;
        match role.as_str() {
            // Writes half of a 1,000-row add_many, tells the parent, and
            // waits to be killed with the transaction still open.
            "add_many_then_wait" => {
                vault.set_add_many_observer(|written| {
                    if written == PAUSE_AT {
                        report(format!("inside-transaction {written}"));
                        loop {
                            std::thread::sleep(Duration::from_secs(60));
                        }
                    }
                });
                let _ = vault.add_many(drafts(0..BATCH)).await;
                report("committed (the parent should have killed us first)");
            }
            // Commits 1,000-row batches back to back until killed, so a kill
            // at a random instant often lands inside a commit.
            "add_many_forever" => {
                let mut total = vault.list().await.expect("list").len();
                loop {
                    vault.add_many(drafts(0..BATCH)).await.expect("add_many");
                    total += BATCH;
                    report(format!("committed {total}"));
                }
            }
            other => panic!("unknown role {other}"),
        }
    });
}

fn sigkill(child: &mut Child) {
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("pid fits"));
    kill(pid, Signal::SIGKILL).expect("SIGKILL the child");
    let status = child.wait().expect("reap child");
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "the child must die of SIGKILL, not finish ({status})"
    );
}

#[tokio::test]
async fn kill_inside_add_many_keeps_the_previous_state() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let vault = create_fast(dir).await;
    let before = vault.add_many(drafts(0..3)).await.expect("seed");
    vault.close().await;

    let mut child = child_command(CHILD_TEST, "add_many_then_wait", dir)
        .spawn()
        .expect("spawn writer");
    let reports = Reports::follow(&mut child);
    let first = reports.next(Duration::from_secs(120));
    // The observer only runs between an insert and the commit, so this line
    // proves the transaction is open with 500 of its rows written.
    if first.as_deref() != Some("inside-transaction 500") {
        let stderr = support::kill_for_diagnosis(child);
        panic!("the writer reported {first:?}, not the pause; stderr:\n{stderr}");
    }
    sigkill(&mut child);

    assert_eq!(support::integrity_check(dir).await, "ok");
    let vault = open_fast(dir).await;
    assert_eq!(
        vault.list().await.expect("list"),
        before,
        "no partial batch"
    );
    // And the vault still takes writes normally afterwards.
    assert_eq!(
        vault.add_many(drafts(0..BATCH)).await.expect("add").len(),
        BATCH
    );
    assert_eq!(vault.list().await.expect("list").len(), 3 + BATCH);
}

#[tokio::test]
async fn kill_at_random_instants_never_leaves_a_partial_batch() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    create_fast(dir).await.close().await;

    // Kill delays spread over a batch's duration; varied per round and run.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos())
        ^ std::process::id();
    for round in 0..4u32 {
        let mut child = child_command(CHILD_TEST, "add_many_forever", dir)
            .spawn()
            .expect("spawn writer");
        let reports = Reports::follow(&mut child);
        let first = reports.next(Duration::from_secs(120));
        let Some(first) = first else {
            let stderr = support::kill_for_diagnosis(child);
            panic!("round {round}: the writer never committed; stderr:\n{stderr}");
        };
        let delay = Duration::from_millis(u64::from((seed.wrapping_mul(round + 7)) % 150));
        std::thread::sleep(delay);
        sigkill(&mut child);
        let last_reported: usize = std::iter::once(first)
            .chain(reports.rest())
            .filter_map(|line| line.strip_prefix("committed ")?.parse().ok())
            .max()
            .expect("a committed count");

        assert_eq!(support::integrity_check(dir).await, "ok", "round {round}");
        let vault = open_fast(dir).await;
        let count = vault.list().await.expect("list").len();
        assert_eq!(
            count % BATCH,
            0,
            "round {round}: partial batch ({count} accounts)"
        );
        assert!(
            count >= last_reported,
            "round {round}: lost a reported commit ({count} < {last_reported})"
        );
        // Every surviving secret still decrypts.
        let all = vault.accounts_with_secrets().await.expect("all");
        assert!(all.iter().all(|(_, s)| s.is_ok()), "round {round}");
        vault.close().await;
    }
}
