//! The save worker: the console's saves leave the input path. Saves are queued and written
//! in order on one thread, each as durable as before (temp file, fsync, rename, folder
//! fsync); a save queued behind another of the same inspection replaces it with the later
//! state, so a slow disk writes fewer, never older, versions. Quitting waits for the queue.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use jiff::Timestamp;

use crate::domain::Inspection;
use crate::store::{DataDir, InspectionLock};

/// Test hook: `KIEMTRA_SAVE_DELAY_MS=N` makes the worker wait N milliseconds before each
/// save, as a USB stick or a network home folder would. Read once, when the console starts.
pub const DELAY_VAR: &str = "KIEMTRA_SAVE_DELAY_MS";

/// The worker's thread name (the panic hook must not wait for the thread that panicked).
const THREAD: &str = "kiemtra-saver";

/// What the worker reports for each save it wrote (or failed to write).
#[derive(Debug)]
pub struct Outcome {
    /// The number `Saver::save` gave this save (a later one that replaced it has its own).
    pub seq: u64,
    pub id: String,
    /// When it was written, or the message the status line shows, as before the worker.
    pub result: Result<Timestamp, super::error::ConsoleError>,
}

enum Job {
    Save {
        seq: u64,
        inspection: Box<Inspection>,
    },
    /// Let go of an inspection's lock once everything queued before has been written.
    Release(InspectionLock),
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    /// A job is being carried out.
    busy: bool,
    /// Tests hold the worker to see what happens while a save is slow.
    held: bool,
    last_seq: u64,
}

struct Inner {
    state: Mutex<State>,
    changed: Condvar,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait_idle(&self) {
        let mut s = self.lock();
        while !s.queue.is_empty() || s.busy {
            s = self.changed.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// The worker of this process, for the ways out that do not pass the event loop (signals,
/// the hang-up watchdog, the panic hook).
static GLOBAL: OnceLock<Arc<Inner>> = OnceLock::new();

/// The handle the driver keeps; the worker ends with the process.
pub struct Saver {
    inner: Arc<Inner>,
}

impl Saver {
    /// Start the worker; outcomes come back on the receiver, in the order of the saves.
    pub fn start(data: DataDir, delay: Option<Duration>) -> (Saver, Receiver<Outcome>) {
        let inner = Arc::new(Inner {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let (tx, rx) = channel();
        let worker = Arc::clone(&inner);
        // Should the thread not start, saves are still written: `save` writes in place.
        let started = std::thread::Builder::new()
            .name(THREAD.into())
            .spawn(move || work(&worker, &data, delay, &tx));
        if started.is_err() {
            inner.lock().held = true;
        }
        (Saver { inner }, rx)
    }

    /// The delay of the test hook, read from the environment.
    pub fn delay_from_env() -> Option<Duration> {
        std::env::var(DELAY_VAR)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .map(Duration::from_millis)
    }

    /// Make this the worker that signals, the watchdog and the panic hook wait for.
    pub fn make_global(&self) {
        let _ = GLOBAL.set(Arc::clone(&self.inner));
    }

    /// Queue a save of `inspection`; returns its number. A save of the same inspection
    /// still waiting at the back of the queue is replaced (it would be overwritten anyway).
    pub fn save(&self, inspection: Inspection) -> u64 {
        let mut s = self.inner.lock();
        s.last_seq += 1;
        let seq = s.last_seq;
        if let Some(Job::Save {
            seq: queued_seq,
            inspection: queued,
        }) = s.queue.back_mut()
            && queued.id == inspection.id
        {
            *queued_seq = seq;
            **queued = inspection;
        } else {
            s.queue.push_back(Job::Save {
                seq,
                inspection: Box::new(inspection),
            });
        }
        self.inner.changed.notify_all();
        seq
    }

    /// Let go of `lock` once what is queued now has been written.
    pub fn release_after(&self, lock: InspectionLock) {
        let mut s = self.inner.lock();
        if s.queue.is_empty() && !s.busy {
            drop(s);
            drop(lock);
            return;
        }
        s.queue.push_back(Job::Release(lock));
        self.inner.changed.notify_all();
    }

    /// The number of the latest save asked for.
    pub fn last_seq(&self) -> u64 {
        self.inner.lock().last_seq
    }

    /// Something is queued or being written.
    pub fn pending(&self) -> bool {
        let s = self.inner.lock();
        !s.queue.is_empty() || s.busy
    }

    /// Block until everything queued has been written (or has failed).
    pub fn wait_idle(&self) {
        self.inner.wait_idle();
    }

    /// A handle another thread can wait on until the queue is written.
    pub fn waiter(&self) -> Waiter {
        Waiter(Arc::clone(&self.inner))
    }

    /// Hold the worker before its next job (true) or let it go on (false). For tests: what
    /// the console does while a save is slow, without timing anything.
    pub fn hold(&self, on: bool) {
        self.inner.lock().held = on;
        self.inner.changed.notify_all();
    }
}

/// Waits for a save worker's queue from another thread (the Dashboard's).
pub struct Waiter(Arc<Inner>);

impl Waiter {
    pub fn wait(&self) {
        if !self.0.lock().held {
            self.0.wait_idle();
        }
    }
}

/// Wait for the saves of this process's console, if it runs one; from any thread but the
/// worker's own (a panic there must not wait for itself).
pub fn wait_all() {
    if std::thread::current().name() == Some(THREAD) {
        return;
    }
    if let Some(inner) = GLOBAL.get() {
        // A held worker (tests, or a thread that never started) writes nothing: do not
        // wait for it forever; whoever waits saves the latest state itself.
        if inner.lock().held {
            return;
        }
        inner.wait_idle();
    }
}

fn work(inner: &Inner, data: &DataDir, delay: Option<Duration>, tx: &Sender<Outcome>) {
    loop {
        let job = {
            let mut s = inner.lock();
            while s.held || s.queue.is_empty() {
                s = inner.changed.wait(s).unwrap_or_else(|p| p.into_inner());
            }
            s.busy = true;
            s.queue.pop_front()
        };
        match job {
            Some(Job::Save { seq, inspection }) => {
                if let Some(d) = delay {
                    std::thread::sleep(d);
                }
                let result = write(data, &inspection);
                // The driver may be gone (the console is quitting): the file is written
                // all the same, and nobody needs the report.
                let _ = tx.send(Outcome {
                    seq,
                    id: inspection.id.clone(),
                    result,
                });
            }
            Some(Job::Release(lock)) => drop(lock),
            None => {}
        }
        inner.lock().busy = false;
        inner.changed.notify_all();
    }
}

/// One durable save, with the message the status line has always shown when it fails.
pub fn write(
    data: &DataDir,
    inspection: &Inspection,
) -> Result<Timestamp, super::error::ConsoleError> {
    match data.save(inspection) {
        Ok(_) => Ok(Timestamp::now()),
        Err(e) => Err(super::error::ConsoleError::Save(std::sync::Arc::new(e))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::inspection::NewInspection;
    use crate::store::default_catalog;

    fn inspection(id: &str, unit: &str) -> Inspection {
        let facts = NewInspection {
            unit: crate::domain::inspection::Unit {
                name: unit.into(),
                ..Default::default()
            },
            ..NewInspection::default()
        };
        Inspection::new(
            id.into(),
            &default_catalog(),
            facts,
            Timestamp::UNIX_EPOCH,
            "t",
        )
    }

    fn on_disk(data: &DataDir, id: &str) -> String {
        data.load(id).map(|i| i.unit.name).unwrap_or_default()
    }

    #[test]
    fn saves_land_in_order_and_queued_ones_of_one_inspection_collapse() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().to_path_buf());
        let (saver, rx) = Saver::start(data.clone(), None);
        saver.hold(true);
        let id_a = "0190a000-0000-7000-8000-000000000001";
        let id_b = "0190a000-0000-7000-8000-000000000002";
        saver.save(inspection(id_a, "A1"));
        saver.save(inspection(id_a, "A2"));
        saver.save(inspection(id_b, "B1"));
        let last = saver.save(inspection(id_a, "A3"));
        assert!(saver.pending());
        // Nothing is written while the worker is held.
        assert_eq!(on_disk(&data, id_a), "");
        saver.hold(false);
        saver.wait_idle();
        assert!(!saver.pending());
        let outcomes: Vec<Outcome> = rx.try_iter().collect();
        let order: Vec<(&str, u64)> = outcomes.iter().map(|o| (o.id.as_str(), o.seq)).collect();
        // A1 was replaced by A2 while both waited; A3 came after B1, so it stays after it.
        assert_eq!(order, vec![(id_a, 2), (id_b, 3), (id_a, last)]);
        assert!(outcomes.iter().all(|o| o.result.is_ok()));
        assert_eq!(on_disk(&data, id_a), "A3");
        assert_eq!(on_disk(&data, id_b), "B1");
    }

    #[test]
    fn a_failed_save_is_reported_with_the_usual_message() {
        let dir = tempfile::tempdir().unwrap();
        // The data folder is a file: nothing can be written under it.
        let root = dir.path().join("not-a-folder");
        std::fs::write(&root, b"x").unwrap();
        let data = DataDir::at(root);
        let insp = inspection("0190a000-0000-7000-8000-000000000003", "A");
        let expected = write(&data, &insp).unwrap_err();
        let (saver, rx) = Saver::start(data, None);
        saver.save(insp);
        saver.wait_idle();
        let outcome = rx.try_recv().unwrap();
        let said = |r: Result<Timestamp, super::super::error::ConsoleError>| {
            r.map_err(|e| e.text(crate::domain::Lang::En))
        };
        let said = said(outcome.result).unwrap_err();
        assert_eq!(said, expected.text(crate::domain::Lang::En));
        assert!(said.contains("not-a-folder"), "{said}");
    }

    #[test]
    fn a_lock_is_let_go_only_after_the_saves_queued_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path().to_path_buf());
        let id = "0190a000-0000-7000-8000-000000000004";
        let lock = data.lock(id, "kiemtra").unwrap();
        let (saver, _rx) = Saver::start(data.clone(), None);
        saver.hold(true);
        saver.save(inspection(id, "A"));
        saver.release_after(lock);
        // Still held by the queue: another console cannot take it yet.
        assert!(data.lock(id, "other").is_err());
        saver.hold(false);
        saver.wait_idle();
        assert_eq!(on_disk(&data, id), "A");
        assert!(data.lock(id, "other").is_ok());
    }
}
