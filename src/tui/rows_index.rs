//! Home's index (issue 11): the rows of the last reading with each file's (size, modified
//! time), in `<data>/.cache/home-rows.json`, so that the next start shows every row at
//! once. It is never the source of truth: the rows worker still looks at every file's
//! stamp behind the first frame and reads again what differs, appeared or went, so an
//! index that is missing, stale or corrupt costs time, never a row. It is rebuilt without
//! a word. `.cache/` never travels with sync (its `.gitignore` lets only the data through).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::app::HomeRow;
use crate::domain::Progress;
use crate::domain::inspection::Status;
use crate::store::{Catalogs, DataDir, is_listed_name};

const FORMAT: &str = "kiemtra-home-rows-1";

/// (size, modified time) of a file, as the rows worker compares them.
pub type Stamp = (u64, Option<SystemTime>);

#[derive(Serialize, Deserialize)]
struct Index {
    format: String,
    /// The catalogs a row's progress was counted with: another set, another index.
    catalogs: Vec<String>,
    rows: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The file's name in `inspections/`.
    file: String,
    size: u64,
    /// Modified time since 1970 (seconds, nanoseconds).
    modified: Option<(u64, u32)>,
    id: String,
    unit: String,
    district: String,
    date: jiff::civil::Date,
    status: Status,
    progress: Option<Progress>,
    conflicts: usize,
    seal_broken: bool,
}

pub fn path(data: &DataDir) -> PathBuf {
    data.root.join(".cache").join("home-rows.json")
}

/// What tells the catalogs apart: an index made with other catalogs is not used.
pub fn fingerprint(catalogs: &Catalogs) -> Vec<String> {
    catalogs
        .entries
        .iter()
        .map(|(c, _)| format!("{} {} {}", c.id, c.version, c.sha256))
        .collect()
}

/// The rows of the index, with the path and stamp of each file; `None` when there is no
/// usable index (missing, unreadable, another format or other catalogs).
pub fn load(data: &DataDir, catalogs: &[String]) -> Option<Vec<(PathBuf, Stamp, HomeRow)>> {
    // Our own file, and bigger than an inspection may be: read plainly, if a plain file.
    let at = path(data);
    if !std::fs::symlink_metadata(&at).ok()?.is_file() {
        return None;
    }
    let bytes = std::fs::read(&at).ok()?;
    let index: Index = serde_json::from_slice(&bytes).ok()?;
    if index.format != FORMAT || index.catalogs != catalogs {
        return None;
    }
    let dir = data.inspections();
    let rows = index
        .rows
        .into_iter()
        // Only a plain name of the folder, and the file named by the row's id: an entry
        // cannot point anywhere else nor stand for another file's inspection.
        .filter(|e| {
            is_listed_name(&e.file)
                && !e.file.contains(['/', '\\'])
                && e.file.strip_suffix(".json") == Some(e.id.as_str())
        })
        .map(|e| {
            let modified = e
                .modified
                .and_then(|(s, n)| UNIX_EPOCH.checked_add(Duration::new(s, n)));
            let row = HomeRow {
                id: e.id,
                unit: e.unit,
                district: e.district,
                date: e.date,
                status: e.status,
                progress: e.progress,
                conflicts: e.conflicts,
                seal_broken: e.seal_broken,
            };
            (dir.join(&e.file), (e.size, modified), row)
        })
        .collect();
    Some(rows)
}

/// Write the index of `rows` (best effort: a cache that cannot be written is no error).
pub fn save<'a>(
    data: &DataDir,
    catalogs: &[String],
    rows: impl Iterator<Item = (&'a Path, Stamp, &'a HomeRow)>,
) {
    let rows = rows
        .filter_map(|(p, (size, modified), r)| {
            Some(Entry {
                file: p.file_name()?.to_str()?.to_string(),
                size,
                modified: modified
                    .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                    .map(|d| (d.as_secs(), d.subsec_nanos())),
                id: r.id.clone(),
                unit: r.unit.clone(),
                district: r.district.clone(),
                date: r.date,
                status: r.status,
                progress: r.progress,
                conflicts: r.conflicts,
                seal_broken: r.seal_broken,
            })
        })
        .collect();
    let index = Index {
        format: FORMAT.into(),
        catalogs: catalogs.to_vec(),
        rows,
    };
    let target = path(data);
    let Some(dir) = target.parent() else {
        return;
    };
    if data.ensure(dir).is_err() {
        return;
    }
    // Renamed into place so a reader never sees half a file; not fsynced: after a crash
    // a lost or torn index is only a slower start.
    let part = target.with_extension(format!("json.{}.part", std::process::id()));
    let written = serde_json::to_vec(&index)
        .map_err(std::io::Error::other)
        .and_then(|bytes| {
            use std::io::Write;
            use std::os::unix::fs::OpenOptionsExt;
            // 0600 whatever the umask, as every file of the data folder.
            std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&part)?
                .write_all(&bytes)
        })
        .and_then(|()| std::fs::rename(&part, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
}
