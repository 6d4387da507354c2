//! Reading the rows of `kiemtra list` from a folder of any size: the folder is walked in
//! batches (never all names at once), each batch is read on every core, only the fields a
//! row shows are decoded, and each row is kept packed in one allocation. A row costs about
//! 200 bytes, so 100,000 inspections list in a few tens of megabytes at most.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

use super::catalogs::Catalogs;
use super::fsx;
use super::load::{
    LoadError, check_named_by_id, checked_text, quick_read_failure, reason_of, seal_broken_in,
};
use super::seal_cache::SealCache;
use super::{StoreError, is_listed_name};
use crate::domain::inspection::{CatalogRef, InspectionKind, SCHEMA_VERSION, Status, Unit};
use crate::domain::{Progress, Verdict};

/// Files read together on all cores before their rows are handed on.
const BATCH: usize = 1024;

/// The part of an inspection file a list row needs (and the fields every valid file has).
#[derive(Deserialize)]
struct Brief {
    schema_version: u32,
    id: String,
    catalog: CatalogRef,
    unit: Unit,
    date: Date,
    #[allow(dead_code)]
    created_at: Timestamp,
    #[allow(dead_code)]
    updated_at: Timestamp,
    #[serde(default)]
    kind: InspectionKind,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    answers: BTreeMap<String, BriefAnswer>,
    #[serde(default)]
    seal: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    conflicts: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct BriefAnswer {
    #[serde(default)]
    verdict: Option<Verdict>,
}

/// One inspection as `list` shows it, its texts packed into one string.
#[derive(Debug, Clone)]
pub struct Row {
    text: Box<str>,
    ends: [u32; TEXTS],
    pub date: Date,
    pub kind: InspectionKind,
    pub status: Status,
    progress: Option<[u16; 5]>,
    /// Index of the inspection's catalog (id, version) in `Listing::catalogs`.
    catalog: u16,
    /// Unresolved conflicts left by a merge.
    pub conflicts: u32,
    /// The file claims a seal that does not hold ("sealed" is never the status alone).
    pub seal_broken: bool,
    /// Written by a newer kiemtra: listed, opened read-only.
    pub schema_version: u32,
}

/// The rows of a folder and the catalogs they name (each kept once).
#[derive(Debug, Default)]
pub struct Listing {
    pub rows: Vec<Row>,
    catalogs: Vec<(String, String)>,
}

impl Listing {
    /// The id and version of the catalog `row` was made with.
    pub fn catalog(&self, row: &Row) -> (&str, &str) {
        self.catalogs
            .get(usize::from(row.catalog))
            .map_or(("", ""), |(id, version)| (id.as_str(), version.as_str()))
    }

    /// Pack a row read on a worker thread here, on the thread that keeps it, so that the
    /// rows of a big folder sit together in memory rather than among the workers' garbage.
    fn keep(&mut self, loose: Loose) {
        let catalog = match self.catalogs.iter().position(|c| *c == loose.catalog) {
            Some(i) => i,
            None => {
                self.catalogs.push(loose.catalog);
                self.catalogs.len() - 1
            }
        };
        let u = &loose.unit;
        let mut row = Row::new(
            [
                &loose.id,
                &u.name,
                &u.ward,
                &u.district,
                &u.province,
                &u.unit_code,
                &u.former_district,
            ],
            loose.date,
            loose.kind,
            loose.status,
        );
        row.progress = loose.progress;
        row.catalog = u16::try_from(catalog).unwrap_or(u16::MAX);
        row.conflicts = loose.conflicts;
        row.seal_broken = loose.seal_broken;
        row.schema_version = loose.schema_version;
        self.rows.push(row);
    }
}

/// A row as read, before it is packed.
struct Loose {
    id: String,
    unit: Unit,
    catalog: (String, String),
    date: Date,
    kind: InspectionKind,
    status: Status,
    progress: Option<[u16; 5]>,
    conflicts: u32,
    seal_broken: bool,
    schema_version: u32,
}

const TEXTS: usize = 7;
const ID: usize = 0;
const UNIT: usize = 1;
const WARD: usize = 2;
const DISTRICT: usize = 3;
const PROVINCE: usize = 4;
const UNIT_CODE: usize = 5;
const FORMER_DISTRICT: usize = 6;

impl Row {
    fn new(texts: [&str; TEXTS], date: Date, kind: InspectionKind, status: Status) -> Row {
        let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ends = [0u32; TEXTS];
        for (end, t) in ends.iter_mut().zip(texts) {
            text.push_str(t);
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Row {
            text: text.into_boxed_str(),
            ends,
            date,
            kind,
            status,
            progress: None,
            catalog: 0,
            conflicts: 0,
            seal_broken: false,
            schema_version: SCHEMA_VERSION,
        }
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }

    pub fn id(&self) -> &str {
        self.get(ID)
    }
    pub fn unit(&self) -> &str {
        self.get(UNIT)
    }
    pub fn ward(&self) -> &str {
        self.get(WARD)
    }
    pub fn district(&self) -> &str {
        self.get(DISTRICT)
    }
    pub fn province(&self) -> &str {
        self.get(PROVINCE)
    }
    pub fn unit_code(&self) -> &str {
        self.get(UNIT_CODE)
    }
    pub fn former_district(&self) -> &str {
        self.get(FORMER_DISTRICT)
    }
    /// Progress over the inspection's catalog; `None` when that catalog is not known here.
    pub fn progress(&self) -> Option<Progress> {
        self.progress
            .map(|[total, assessed, met, basically_met, not_met]| Progress {
                total: total.into(),
                assessed: assessed.into(),
                met: met.into(),
                basically_met: basically_met.into(),
                not_met: not_met.into(),
            })
    }
}

/// Read one file into its row, checking it as a full load would check it.
fn read_row(path: &Path, catalogs: &Catalogs, seals: &SealCache) -> Result<Loose, LoadError> {
    let bad = |reason| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = fsx::read_regular(path).map_err(|p| bad(reason_of(p)))?;
    let text = checked_text(&bytes).map_err(bad)?;
    let brief = match serde_json::from_str::<Brief>(text) {
        // A newer schema is listed too (it opens read-only), as a full load allows.
        Ok(b) if b.schema_version >= 1 => b,
        // Only a file that fails the quick read pays for the full diagnosis.
        _ => return Err(bad(quick_read_failure(&bytes))),
    };
    check_named_by_id(path, &brief.id).map_err(bad)?;
    let c = &brief.catalog;
    let found = catalogs.find(&c.id, &c.version, &c.sha256);
    // Only files that claim a seal pay for checking it.
    let seal_broken = (brief.seal.is_some() || brief.status == Status::Sealed)
        && seal_broken_in(&bytes, &c.sha256, found.map(|k| k.sha256.as_str()), seals);
    let progress = found.map(|catalog| {
        let p = Progress::of_verdicts(catalog, |code| {
            brief.answers.get(code).and_then(|a| a.verdict)
        });
        let n = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
        [
            n(p.total),
            n(p.assessed),
            n(p.met),
            n(p.basically_met),
            n(p.not_met),
        ]
    });
    Ok(Loose {
        id: brief.id,
        unit: brief.unit,
        catalog: (brief.catalog.id, brief.catalog.version),
        date: brief.date,
        kind: brief.kind,
        status: brief.status,
        progress,
        conflicts: u32::try_from(brief.conflicts.len()).unwrap_or(u32::MAX),
        seal_broken,
        schema_version: brief.schema_version,
    })
}

/// One file's row on its own, checked as `read_rows` checks it (the console keeps its
/// rows and reads again only the files that changed).
pub fn read_one(path: &Path, catalogs: &Catalogs, seals: &SealCache) -> Result<Row, LoadError> {
    let mut one = Listing::default();
    one.keep(read_row(path, catalogs, seals)?);
    Ok(one.rows.pop().expect("one row was kept"))
}

/// Every row of the folder, newest first (then by unit name, then by id), and the files
/// that could not be read, by path. A missing folder has no rows. Seals found intact are
/// remembered in `seals` (saved by the caller once the rows are in).
pub fn read_rows(
    dir: &Path,
    catalogs: &Catalogs,
    seals: &SealCache,
) -> Result<(Listing, Vec<LoadError>), StoreError> {
    let mut listing = Listing {
        rows: Vec::with_capacity(usize::try_from(count(dir)).unwrap_or(0)),
        catalogs: Vec::new(),
    };
    let mut bad = Vec::new();
    for_each_batch(
        dir,
        |path| read_row(path, catalogs, seals),
        |r| match r {
            Ok(loose) => listing.keep(loose),
            Err(e) => bad.push(e),
        },
    )?;
    // Ids are unique, so the order is fully decided without a stable sort's buffer.
    listing.rows.sort_unstable_by(newest_first);
    bad.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((listing, bad))
}

/// The order of the rows of `list`: newest first, then by unit name, then by id.
pub fn newest_first(a: &Row, b: &Row) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.unit().cmp(b.unit()))
        .then_with(|| a.id().cmp(b.id()))
}

/// Every row of the folder as it is read, in no order, with the listing that names its
/// catalog, and every file that could not be read: for a caller that keeps no more than
/// it must (`list` sorts its output in bounded memory).
pub fn each_row(
    dir: &Path,
    catalogs: &Catalogs,
    seals: &SealCache,
    mut take: impl FnMut(Result<(&Row, &Listing), LoadError>),
) -> Result<(), StoreError> {
    let mut listing = Listing::default();
    for_each_batch(
        dir,
        |path| read_row(path, catalogs, seals),
        |r| match r {
            Ok(loose) => {
                listing.keep(loose);
                if let Some(row) = listing.rows.pop() {
                    take(Ok((&row, &listing)));
                }
            }
            Err(e) => take(Err(e)),
        },
    )
}

/// Walk the `*.json` files of `dir` (temp files left out) in batches, reading each batch
/// with `read` on every core and handing the results to `take` in the batch's order. The
/// names of a huge folder are never all held at once. A missing folder is empty.
pub fn for_each_batch<R: Send>(
    dir: &Path,
    read: impl Fn(&Path) -> R + Sync,
    mut take: impl FnMut(R),
) -> Result<(), StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::ReadDir {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let mut entries = entries
        .filter_map(Result::ok)
        .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path());
    loop {
        let batch: Vec<PathBuf> = entries.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(());
        }
        for r in read_parallel(&batch, threads, &read) {
            take(r);
        }
    }
}

/// `read` over `paths` on up to `threads` threads; results in the order of `paths`.
pub fn read_parallel<R: Send>(
    paths: &[PathBuf],
    threads: usize,
    read: &(impl Fn(&Path) -> R + Sync),
) -> Vec<R> {
    let chunk = paths.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| read(p)).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// How many files `for_each_batch` would visit in `dir` (for a progress bar); 0 when the
/// folder cannot be read.
pub fn count(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
            .count() as u64
    })
}
