//! Reading every inspection for its corrective actions (recommendations), for
//! `kiemtra actions` and the Dashboard. A file that cannot be read is passed over; the
//! summary and `validate` name it.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{StoreError, fsx, json_files, load::parse_inspection};
use crate::domain::actions::{ActionRow, current, rows};

/// Every action still tracked (see `domain::actions::current`) in a folder of inspection
/// files, and the files that could not be read.
pub fn collect(folder: &Path, today: Date) -> Result<(Vec<ActionRow>, Vec<PathBuf>), StoreError> {
    let (all, bad) = collect_all(folder, today)?;
    Ok((current(all), bad))
}

/// The actions whose id is `id` or, when none is, starts with it.
pub fn find(folder: &Path, id: &str, today: Date) -> Result<Vec<ActionRow>, StoreError> {
    let (rows, _) = collect_all(folder, today)?;
    let id = id.trim().to_lowercase();
    let exact: Vec<ActionRow> = rows.iter().filter(|r| r.id == id).cloned().collect();
    if !exact.is_empty() {
        return Ok(exact);
    }
    Ok(rows
        .into_iter()
        .filter(|r| !id.is_empty() && r.id.starts_with(&id))
        .collect())
}

/// Every action, carried originals included.
fn collect_all(folder: &Path, today: Date) -> Result<(Vec<ActionRow>, Vec<PathBuf>), StoreError> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for path in json_files(folder)? {
        match fsx::read_regular(&path)
            .ok()
            .and_then(|b| parse_inspection(&b).ok())
        {
            Some(i) => out.extend(rows(&i, today)),
            None => bad.push(path),
        }
    }
    Ok((out, bad))
}
