//! A worker thread that reads a producer as fast as it delivers and keeps only
//! the newest item: a slow decoder then always works on what the camera sees
//! now, never on a backlog of stale frames.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use kairos_core::qr::{Frame, FrameSource};

/// An item as handed out, with how many newer ones replaced older ones unread.
#[derive(Debug)]
pub struct Taken<T> {
    pub item: T,
    /// The item's place in the producer's output, from 0.
    pub sequence: u64,
    /// Items produced and dropped unread since the previous `next`.
    pub dropped: u64,
}

struct State<T, E> {
    newest: Option<(T, u64)>,
    produced: u64,
    last_taken: Option<u64>,
    error: Option<E>,
    finished: bool,
}

struct Shared<T, E> {
    state: Mutex<State<T, E>>,
    changed: Condvar,
    stop: AtomicBool,
}

impl<T, E> Shared<T, E> {
    // A panic in the producer cannot leave the slot half-written (every
    // update is one assignment), so a poisoned lock is still usable.
    fn lock(&self) -> MutexGuard<'_, State<T, E>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The consumer's end. Dropping it stops the worker and waits for it, so a
/// camera is released when the scan page closes.
pub struct Latest<T, E> {
    shared: Arc<Shared<T, E>>,
    worker: Option<JoinHandle<()>>,
}

impl<T, E> std::fmt::Debug for Latest<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Latest").finish_non_exhaustive()
    }
}

impl<T: Send + 'static, E: Send + 'static> Latest<T, E> {
    /// Runs `open` on a new thread (a camera handle may not move between
    /// threads), returns its error if it fails, then feeds every item of
    /// the producer it returned into the slot until the producer says
    /// `Ok(None)`, fails, or the consumer is dropped.
    pub fn spawn<P, F>(open: F) -> Result<Self, E>
    where
        F: FnOnce() -> Result<P, E> + Send + 'static,
        P: FnMut() -> Result<Option<T>, E>,
    {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                newest: None,
                produced: 0,
                last_taken: None,
                error: None,
                finished: false,
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let (opened_tx, opened_rx) = mpsc::channel();
        let worker_shared = Arc::clone(&shared);
        let worker = std::thread::Builder::new()
            .name("kairos-frames".into())
            .spawn(move || {
                let mut produce = match open() {
                    Ok(producer) => {
                        let _ = opened_tx.send(Ok(()));
                        producer
                    }
                    Err(err) => {
                        let _ = opened_tx.send(Err(err));
                        return;
                    }
                };
                run(&worker_shared, &mut produce);
            });
        let worker = match worker {
            Ok(handle) => handle,
            // No thread: nothing was opened, report it as the producer ending.
            Err(_) => {
                shared.lock().finished = true;
                return Ok(Self {
                    shared,
                    worker: None,
                });
            }
        };
        match opened_rx.recv() {
            Ok(Ok(())) => Ok(Self {
                shared,
                worker: Some(worker),
            }),
            Ok(Err(err)) => {
                let _ = worker.join();
                Err(err)
            }
            // The opener panicked: the producer is gone.
            Err(_) => {
                let _ = worker.join();
                shared.lock().finished = true;
                Ok(Self {
                    shared,
                    worker: None,
                })
            }
        }
    }

    /// The newest item not yet taken, waiting for one if need be. `Ok(None)`
    /// once the producer has ended and its last item was taken; its error,
    /// once, if it failed.
    pub fn next(&self) -> Result<Option<Taken<T>>, E> {
        self.next_within(None)
    }

    /// Like [`Latest::next`], but `Ok(None)` also when nothing new comes within `timeout`.
    pub fn next_timeout(&self, timeout: Duration) -> Result<Option<Taken<T>>, E> {
        self.next_within(Some(timeout))
    }

    fn next_within(&self, timeout: Option<Duration>) -> Result<Option<Taken<T>>, E> {
        let mut state = self.shared.lock();
        loop {
            if let Some((item, sequence)) = state.newest.take() {
                let previous = state.last_taken.map_or(0, |last| last + 1);
                state.last_taken = Some(sequence);
                return Ok(Some(Taken {
                    item,
                    sequence,
                    dropped: sequence - previous,
                }));
            }
            if let Some(err) = state.error.take() {
                return Err(err);
            }
            if state.finished {
                return Ok(None);
            }
            state = match timeout {
                None => self
                    .shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(limit) => {
                    let (state, result) = self
                        .shared
                        .changed
                        .wait_timeout(state, limit)
                        .unwrap_or_else(PoisonError::into_inner);
                    if result.timed_out() && state.newest.is_none() {
                        return Ok(None);
                    }
                    state
                }
            };
        }
    }
}

impl<E: kairos_core::UserFacing + Send + 'static> Latest<Frame, E> {
    /// Any frame source on a worker thread, newest frame first: how a camera
    /// is read, and how tests read files as if from one.
    /// (The `Result` is the generic spawn's: opening a ready source never fails.)
    pub fn from_source<S>(source: S) -> Result<Self, E>
    where
        S: FrameSource<Error = E> + Send + 'static,
    {
        Self::spawn(move || {
            let mut source = source;
            Ok(move || source.next_frame())
        })
    }
}

impl<E: kairos_core::UserFacing + Send + 'static> FrameSource for Latest<Frame, E> {
    type Error = E;

    fn next_frame(&mut self) -> Result<Option<Frame>, E> {
        Ok(self.next()?.map(|taken| {
            let mut frame = taken.item;
            frame.meta.sequence = taken.sequence;
            frame.meta.dropped = taken.dropped;
            frame
        }))
    }
}

fn run<T, E>(shared: &Shared<T, E>, produce: &mut impl FnMut() -> Result<Option<T>, E>) {
    while !shared.stop.load(Ordering::Acquire) {
        let outcome = produce();
        let mut state = shared.lock();
        match outcome {
            Ok(Some(item)) => {
                let sequence = state.produced;
                state.produced += 1;
                // The older item, if unread, is dropped here: newest wins.
                state.newest = Some((item, sequence));
            }
            Ok(None) => state.finished = true,
            Err(err) => {
                state.error = Some(err);
                state.finished = true;
            }
        }
        let finished = state.finished;
        drop(state);
        shared.changed.notify_all();
        if finished {
            return;
        }
    }
    shared.lock().finished = true;
    shared.changed.notify_all();
}

impl<T, E> Drop for Latest<T, E> {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        if let Some(worker) = self.worker.take() {
            // The producer returns within one frame interval; a panic in it
            // has already been reported as the end of the stream.
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;
    use std::time::Instant;

    #[test]
    fn a_slow_consumer_gets_the_newest_item_and_the_count_of_dropped_ones() {
        // A fast producer (a frame every millisecond) and a consumer ten times slower.
        let latest: Latest<u64, String> = Latest::spawn(|| {
            let mut n = 0u64;
            Ok(move || {
                std::thread::sleep(Duration::from_millis(1));
                n += 1;
                Ok(if n <= 200 { Some(n - 1) } else { None })
            })
        })
        .expect("opens");
        let mut taken = Vec::new();
        while let Some(item) = latest.next().expect("no error") {
            taken.push(item);
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(taken.len() < 60, "stale items were queued: {}", taken.len());
        // Items arrive in order, their sequence is the item, and dropped
        // counts exactly the items skipped between two takes.
        let mut expected_next = 0;
        for t in &taken {
            assert_eq!(t.item, t.sequence);
            assert_eq!(t.dropped, t.sequence - expected_next);
            expected_next = t.sequence + 1;
        }
        assert!(taken.iter().any(|t| t.dropped > 0));
        assert_eq!(
            taken.last().map(|t| t.item),
            Some(199),
            "the last item is never lost"
        );
    }

    #[test]
    fn an_open_failure_is_returned_and_no_thread_lingers() {
        let result: Result<Latest<u64, &str>, &str> =
            Latest::spawn(|| Err::<fn() -> Result<Option<u64>, &'static str>, _>("no camera"));
        assert_eq!(result.err(), Some("no camera"));
    }

    #[test]
    fn a_producer_error_reaches_the_consumer_once() {
        let latest: Latest<u64, &str> = Latest::spawn(|| {
            let mut n = 0;
            Ok(move || {
                n += 1;
                if n == 1 {
                    Ok(Some(7))
                } else {
                    Err("unplugged")
                }
            })
        })
        .expect("opens");
        let mut seen_error = false;
        let mut items = Vec::new();
        loop {
            match latest.next() {
                Ok(Some(t)) => items.push(t.item),
                Ok(None) => break,
                Err(e) => {
                    assert_eq!(e, "unplugged");
                    seen_error = true;
                }
            }
        }
        assert!(seen_error);
        assert!(items.len() <= 1);
    }

    #[test]
    fn dropping_the_consumer_stops_the_producer() {
        let calls = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&calls);
        let latest: Latest<u64, ()> = Latest::spawn(move || {
            Ok(move || {
                std::thread::sleep(Duration::from_millis(2));
                Ok(Some(counter.fetch_add(1, Ordering::SeqCst)))
            })
        })
        .expect("opens");
        assert!(
            latest
                .next_timeout(Duration::from_secs(5))
                .expect("ok")
                .is_some()
        );
        let started = Instant::now();
        drop(latest);
        assert!(started.elapsed() < Duration::from_secs(1));
        let after_drop = calls.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            after_drop,
            "the worker kept running"
        );
    }

    #[test]
    fn next_timeout_returns_none_when_nothing_comes() {
        let latest: Latest<u64, ()> = Latest::spawn(|| {
            Ok(|| {
                std::thread::sleep(Duration::from_millis(300));
                Ok(None)
            })
        })
        .expect("opens");
        let started = Instant::now();
        assert!(
            latest
                .next_timeout(Duration::from_millis(50))
                .expect("ok")
                .is_none()
        );
        assert!(started.elapsed() < Duration::from_millis(250));
    }
}
