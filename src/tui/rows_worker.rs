//! The rows worker (issue 11): reads Home's rows off the UI thread and keeps them up to
//! date. The first reading decodes only the fields a row shows (the quick read of `list`),
//! on every core, in chunks that grow, so the first rows come within a frame or two and a
//! gauge says how far it got. Later a rescan looks at each file's (size, modified time)
//! and reads again only what changed, appeared or went; a file the console just saved is
//! read again at once. What changed goes to the driver as `rows::Delta`s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::app::HomeRow;
use super::rows::Delta;
use super::rows_index::{self, Stamp};
use crate::domain::Lang;
use crate::domain::inspection::Status;
use crate::i18n;
use crate::store::listing::{Row, read_one, read_parallel};
use crate::store::seal_cache::SealCache;
use crate::store::{Catalogs, DataDir, LoadError, is_listed_name};

/// The first chunk is small so the first frame has rows; each next one is bigger, so a
/// big folder is merged into Home a few times only.
const FIRST_CHUNK: usize = 256;
const MAX_CHUNK: usize = 16_384;

enum Cmd {
    /// Look for files changed, added or removed (the first time: read them all).
    Scan,
    /// This file was just written by the console: read it again.
    Saved(PathBuf),
}

/// What the worker knows of one file: its stamp (a file whose stamp is unchanged is not
/// read again), and its row or why it could not be read.
struct Known {
    stamp: Stamp,
    row: Option<HomeRow>,
    error: Option<LoadError>,
}

impl Known {
    fn of(stamp: Stamp, result: Result<HomeRow, LoadError>) -> Known {
        match result {
            Ok(row) => Known {
                stamp,
                row: Some(row),
                error: None,
            },
            Err(e) => Known {
                stamp,
                row: None,
                error: Some(e),
            },
        }
    }
}

/// The driver's handle on the worker.
pub struct RowsWorker {
    tx: Sender<Cmd>,
    /// Commands sent and not yet finished (their deltas are sent before it drops).
    pending: Arc<AtomicUsize>,
    /// Bumped whenever a scan or a saved file changed a row: caches of anything computed
    /// from the files (the Dashboard) hold while it stays the same.
    generation: Arc<AtomicU64>,
}

impl RowsWorker {
    /// Start the worker; deltas come back on the receiver. Nothing is read until `scan`.
    pub fn start(
        data: DataDir,
        catalogs: Arc<Catalogs>,
        lang: Lang,
    ) -> (RowsWorker, Receiver<Delta>) {
        let (tx, rx) = channel::<Cmd>();
        let (out, deltas) = channel();
        let pending = Arc::new(AtomicUsize::new(0));
        let generation = Arc::new(AtomicU64::new(0));
        let mut state = State {
            fingerprint: rows_index::fingerprint(&catalogs),
            index_dirty: false,
            dir: data.inspections(),
            data,
            catalogs,
            lang,
            known: HashMap::new(),
            scanned: false,
            problems: Vec::new(),
            out,
            generation: Arc::clone(&generation),
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
        };
        let done = Arc::clone(&pending);
        // Should the thread not start, `send` fails and nothing waits for it.
        let _ = std::thread::Builder::new()
            .name("kiemtra-rows".into())
            .spawn(move || {
                while let Ok(cmd) = rx.recv() {
                    // Many scans asked while one ran are one scan.
                    let mut scan = matches!(cmd, Cmd::Scan);
                    let mut saved: Vec<PathBuf> = Vec::new();
                    if let Cmd::Saved(p) = cmd {
                        saved.push(p);
                    }
                    let mut taken = 1;
                    for more in rx.try_iter() {
                        taken += 1;
                        match more {
                            Cmd::Scan => scan = true,
                            Cmd::Saved(p) => saved.push(p),
                        }
                    }
                    if scan {
                        state.scan();
                    }
                    if !saved.is_empty() {
                        state.reread(&saved);
                    }
                    done.fetch_sub(taken, Ordering::SeqCst);
                }
            });
        (
            RowsWorker {
                tx,
                pending,
                generation,
            },
            deltas,
        )
    }

    fn send(&self, cmd: Cmd) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.tx.send(cmd).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Read the folder (the first time) or look for what changed in it.
    pub fn scan(&self) {
        self.send(Cmd::Scan);
    }

    /// The console wrote `path`: read its row again.
    pub fn saved(&self, path: PathBuf) {
        self.send(Cmd::Saved(path));
    }

    /// Something asked is not finished yet.
    pub fn busy(&self) -> bool {
        self.pending.load(Ordering::SeqCst) > 0
    }

    /// Changes seen so far (see `generation`).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

struct State {
    data: DataDir,
    /// The catalogs' fingerprint the index is written with.
    fingerprint: Vec<String>,
    /// The rows differ from the index on disk.
    index_dirty: bool,
    dir: PathBuf,
    catalogs: Arc<Catalogs>,
    lang: Lang,
    known: HashMap<PathBuf, Known>,
    scanned: bool,
    problems: Vec<String>,
    out: Sender<Delta>,
    generation: Arc<AtomicU64>,
    /// Threads to read, parse and fold on.
    threads: usize,
}

fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    (meta.len(), meta.modified().ok())
}

/// One file: its stamp as it was before reading (a change while reading is seen next
/// time), and its row or why it could not be read.
fn read(path: &Path, catalogs: &Catalogs, seals: &SealCache) -> (Stamp, Result<Row, LoadError>) {
    let stamp = std::fs::metadata(path).map_or((0, None), |m| stamp_of(&m));
    (stamp, read_one(path, catalogs, seals))
}

/// A `list` row as Home shows it.
pub fn home_row(r: &Row) -> HomeRow {
    HomeRow {
        id: r.id().to_string(),
        unit: r.unit().to_string(),
        // Where the unit is: its old district, else its province.
        district: [r.district(), r.former_district(), r.province()]
            .into_iter()
            .find(|p| !p.is_empty())
            .unwrap_or_default()
            .to_string(),
        date: r.date,
        status: r.status,
        progress: r.progress(),
        conflicts: r.conflicts as usize,
        seal_broken: r.seal_broken,
    }
}

impl State {
    fn names(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect()
    }

    /// The first time: the rows of the index, when there is a usable one; the top of
    /// Home first (the first frame needs no more), then the rest, parsed on every core.
    fn take_index(&mut self, threads: usize) -> bool {
        let Some(mut index) = rows_index::open(&self.data, &self.fingerprint) else {
            self.index_dirty = true;
            return false;
        };
        let total = index.total();
        let top = index.take(FIRST_CHUNK);
        let loading = (top.len() < total).then_some((top.len(), total));
        self.take_entries(top, loading);
        let rest = index.rest(threads);
        if !rest.is_empty() || loading.is_some() {
            self.take_entries(rest, None);
        }
        // Lines that were not rows: their files are read, and the index written again.
        self.index_dirty |= index.flawed();
        true
    }

    /// Rows of the index, each file once, sent as the first reading's.
    fn take_entries(&mut self, entries: Vec<rows_index::Entry>, loading: Option<(usize, usize)>) {
        let mut rows = Vec::with_capacity(entries.len());
        for e in entries {
            if let std::collections::hash_map::Entry::Vacant(v) = self.known.entry(e.path) {
                rows.push(e.row.clone());
                v.insert(Known::of(e.stamp, Ok(e.row)));
            }
        }
        self.send(Delta {
            rows,
            fresh: true,
            loading,
            ..Delta::default()
        });
    }

    /// The files whose stamp moved since they were read, and, just after the index was
    /// taken, the rows that claim an intact seal.
    fn moved(&self, names: &[PathBuf], threads: usize, from_index: bool) -> Vec<PathBuf> {
        let stamps = read_parallel(names, threads, &|p: &Path| {
            std::fs::metadata(p).map_or((0, None), |m| stamp_of(&m))
        });
        // "Sealed" is never taken from the index: whoever can write the data folder can
        // write the index, and a file's size and time can be put back after tampering.
        // A row of the index that claims an intact seal is checked against its file
        // (cheaply, through the keyed cache of seal checks).
        let claims_seal = |k: &Known| {
            from_index
                && k.row
                    .as_ref()
                    .is_some_and(|r| r.status == Status::Sealed && !r.seal_broken)
        };
        names
            .iter()
            .zip(stamps)
            .filter(|(p, s)| {
                self.known
                    .get(*p)
                    .is_none_or(|k| k.stamp != *s || claims_seal(k))
            })
            .map(|(p, _)| p.clone())
            .collect()
    }

    fn scan(&mut self) {
        let threads = self.threads;
        let from_index = !self.scanned && self.take_index(threads);
        let names = self.names();
        // Read every file the first time, unless the index gave the rows to check.
        let first = !self.scanned && !from_index;
        self.scanned = true;
        // Which files to read: all the first time; later those whose stamp moved.
        let todo = if first {
            names.clone()
        } else {
            self.moved(&names, threads, from_index)
        };
        let seals = SealCache::open(&self.data.root);
        let present: std::collections::HashSet<&PathBuf> = names.iter().collect();
        let gone_paths: Vec<PathBuf> = self
            .known
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        let mut gone: Vec<String> = Vec::new();
        for p in gone_paths {
            if let Some(k) = self.known.remove(&p)
                && k.row.is_some()
            {
                gone.push(id_of(&p));
            }
        }
        let total = todo.len();
        let mut done = 0;
        let mut chunk = FIRST_CHUNK;
        let mut changed = !gone.is_empty();
        if first {
            // The gauge at 0 before the first file is read (a big folder takes a while).
            self.send(Delta {
                loading: Some((0, total)),
                fresh: true,
                ..Delta::default()
            });
        }
        let mut rest: &[PathBuf] = &todo;
        while !rest.is_empty() {
            let (part, tail) = rest.split_at(chunk.min(rest.len()));
            rest = tail;
            chunk = (chunk * 4).min(MAX_CHUNK);
            let catalogs = &self.catalogs;
            let results = read_parallel(part, threads, &|p: &Path| read(p, catalogs, &seals));
            done += part.len();
            let mut delta = Delta {
                fresh: first,
                loading: (first && done < total).then_some((done, total)),
                gone: std::mem::take(&mut gone),
                ..Delta::default()
            };
            for (path, (stamp, result)) in part.iter().zip(results) {
                let known = Known::of(stamp, result.map(|r| home_row(&r)));
                match &known.row {
                    Some(row) => delta.rows.push(row.clone()),
                    None if self.known.get(path).is_some_and(|k| k.row.is_some()) => {
                        delta.gone.push(id_of(path));
                    }
                    None => {}
                }
                self.known.insert(path.clone(), known);
            }
            changed = true;
            // Nobody listens any more (the console is gone): stop reading.
            if (first || !delta.rows.is_empty() || !delta.gone.is_empty()) && !self.send(delta) {
                return;
            }
        }
        if !gone.is_empty() {
            self.send(Delta {
                gone,
                ..Delta::default()
            });
        }
        if first || from_index {
            seals.save();
        }
        if first || from_index || changed {
            self.say_problems(&names, first || from_index);
        }
        if changed {
            self.generation.fetch_add(1, Ordering::SeqCst);
            self.index_dirty = true;
        }
        if self.index_dirty {
            self.index_dirty = false;
            // In Home's order, so that the next start reads the top of Home first.
            let mut rows: Vec<(&Path, Stamp, &HomeRow)> = self
                .known
                .iter()
                .filter_map(|(p, k)| Some((p.as_path(), k.stamp, k.row.as_ref()?)))
                .collect();
            rows.sort_unstable_by(|a, b| super::rows::order(a.2, b.2));
            rows_index::save(&self.data, &self.fingerprint, rows.into_iter());
        }
    }

    /// Files the console wrote itself: read again whatever their stamp.
    fn reread(&mut self, paths: &[PathBuf]) {
        let mut delta = Delta::default();
        for path in paths {
            let (stamp, result) = read(path, &self.catalogs, &SealCache::off());
            let known = Known::of(stamp, result.map(|r| home_row(&r)));
            match &known.row {
                Some(row) => delta.rows.push(row.clone()),
                None => delta.gone.push(id_of(path)),
            }
            self.known.insert(path.clone(), known);
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
        // Written with the next scan (an Esc to Home), not after every save.
        self.index_dirty = true;
        self.send(delta);
    }

    /// The files that could not be read (and copies of one inspection), as Home lists
    /// them under the rows; sent when that list changed.
    fn say_problems(&mut self, names: &[PathBuf], first: bool) {
        let lang = self.lang;
        let mut errors: Vec<&LoadError> = self
            .known
            .values()
            .filter_map(|k| k.error.as_ref())
            .collect();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        let dups = crate::store::duplicates::duplicates(names, &errors);
        let mut problems: Vec<String> = errors
            .iter()
            .flat_map(|e| i18n::sync::console::skipped_or_duplicate(lang, e, &dups))
            .collect();
        let exposed = self.data.exposed();
        if !exposed.is_empty() {
            problems.insert(0, i18n::lifecycle::exposed(lang, &exposed, &self.data.root));
        }
        if first || problems != self.problems {
            self.problems = problems.clone();
            self.send(Delta {
                problems: Some(problems),
                ..Delta::default()
            });
        }
    }

    /// False when nobody listens any more.
    fn send(&self, mut delta: Delta) -> bool {
        if delta.keys.len() != delta.rows.len() {
            delta.keys = super::rows::keys_of(&delta.rows, self.threads);
        }
        self.out.send(delta).is_ok()
    }
}

/// The inspection id a file is named by.
fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
