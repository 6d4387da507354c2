//! Reading many inspection files for the roll-out summary: only the fields the summary
//! needs are decoded, files are spread over the available cores, and only one small record
//! per unit is kept, so memory stays flat however many files there are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

use super::catalogs::Catalogs;
use super::fsx;
use super::load::{LoadError, check_named_by_id, quick_read_failure, reason_of, seal_broken_in};
use super::seal_cache::SealCache;
use crate::domain::Verdict;
use crate::domain::finding::standing_with;
use crate::domain::inspection::{CatalogRef, InspectionKind, Status, Unit};
use crate::domain::rollout::{Latest, Rename, RosterUnit, Standing, UnitRecord};

/// The part of an inspection file the summary reads; everything else is skipped unread.
#[derive(Deserialize)]
struct Brief {
    schema_version: u32,
    id: String,
    catalog: CatalogRef,
    unit: Unit,
    date: Date,
    updated_at: Timestamp,
    #[serde(default)]
    kind: InspectionKind,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    answers: BTreeMap<String, BriefAnswer>,
    #[serde(default)]
    demo: bool,
    #[serde(default)]
    seal: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct BriefAnswer {
    #[serde(default)]
    verdict: Option<Verdict>,
}

/// Why a file was left out of the summary.
pub enum Skip {
    Bad(LoadError),
    /// The inspection's catalog is not known here.
    UnknownCatalog {
        path: PathBuf,
        id: String,
        version: String,
    },
    /// Sealed, but the seal does not hold: listed apart, never counted.
    BrokenSeal {
        path: PathBuf,
        id: String,
    },
}

/// One file's roll-out record, or why it is left out (the Dashboard keeps these per file).
pub fn record(
    path: &Path,
    catalogs: &Catalogs,
    renames: &[Rename],
    seals: &SealCache,
) -> Result<UnitRecord, Skip> {
    let bad = |reason| {
        Skip::Bad(LoadError {
            path: path.to_path_buf(),
            reason,
        })
    };
    let bytes = fsx::read_regular(path).map_err(|p| bad(reason_of(p)))?;
    // What `list` and a full load refuse is not counted either: a file with a key given
    // twice could be read one way here and another way by whoever checks it.
    let text = super::load::checked_text(&bytes).map_err(bad)?;
    record_of_text(path, &bytes, text, catalogs, renames, seals)
}

/// `record` of the bytes read from `path`, whose text passed `load::checked_text` (the
/// Dashboard checks it once, for the record and the actions).
pub fn record_of_text(
    path: &Path,
    bytes: &[u8],
    text: &str,
    catalogs: &Catalogs,
    renames: &[Rename],
    seals: &SealCache,
) -> Result<UnitRecord, Skip> {
    let bad = |reason| {
        Skip::Bad(LoadError {
            path: path.to_path_buf(),
            reason,
        })
    };
    let brief: Brief = match serde_json::from_str::<Brief>(text) {
        Ok(b) if b.schema_version >= 1 => b,
        // Only a file that fails the quick read pays for the full diagnosis.
        _ => return Err(bad(quick_read_failure(bytes))),
    };
    check_named_by_id(path, &brief.id).map_err(bad)?;
    let c = &brief.catalog;
    let Some(catalog) = catalogs.find(&c.id, &c.version, &c.sha256) else {
        return Err(Skip::UnknownCatalog {
            path: path.to_path_buf(),
            id: c.id.clone(),
            version: c.version.clone(),
        });
    };
    let verdict = |code: &str| brief.answers.get(code).and_then(|a| a.verdict);
    let standing = standing_with(catalog, verdict);
    // Only files that claim a seal pay for checking it; one whose seal does not hold (or
    // whose catalog is not the one sealed) is left out of the counts and listed apart.
    if (brief.seal.is_some() || brief.status == Status::Sealed)
        && seal_broken_in(bytes, &c.sha256, Some(&catalog.sha256), seals)
    {
        return Err(Skip::BrokenSeal {
            path: path.to_path_buf(),
            id: brief.id,
        });
    }
    let not_met = catalog
        .criteria()
        .filter(|(_, cr)| verdict(&cr.code) == Some(Verdict::NotMet))
        .map(|(_, cr)| cr.code.clone())
        .collect();
    let u = brief.unit;
    let mut r = UnitRecord {
        id: brief.id,
        unit: u.name,
        unit_code: u.unit_code,
        district: if u.district.trim().is_empty() {
            u.former_district
        } else {
            u.district
        },
        province: u.province,
        date: brief.date,
        updated_at: brief.updated_at,
        standing: Standing::of(brief.kind, brief.status),
        meets: standing.meets,
        assessed: standing.progress.assessed,
        total: standing.progress.total,
        not_met,
        demo: brief.demo,
    };
    Rename::apply_all(renames, &mut r);
    Ok(r)
}

/// Read every file of `folder` (in batches, each on every core), keep the latest record
/// per unit, collect the skips (by path). `tick` hears how many files were read; `seals`
/// answers for and remembers seals found intact.
pub fn read_all(
    folder: &Path,
    catalogs: &Catalogs,
    renames: &[Rename],
    seals: &SealCache,
    tick: &dyn Fn(u64),
) -> Result<(Latest, Vec<Skip>), super::StoreError> {
    let mut latest = Latest::default();
    let mut skips = Vec::new();
    super::listing::for_each_batch(
        folder,
        |path| record(path, catalogs, renames, seals),
        |r| {
            match r {
                Ok(r) => latest.add(r),
                Err(s) => skips.push(s),
            }
            tick(1);
        },
    )?;
    skips.sort_by(|a, b| a.path().cmp(b.path()));
    Ok((latest, skips))
}

impl Skip {
    pub fn path(&self) -> &Path {
        match self {
            Skip::Bad(e) => &e.path,
            Skip::UnknownCatalog { path, .. } | Skip::BrokenSeal { path, .. } => path,
        }
    }
}

/// Read a CSV with a header; `row` gets a getter by column name ("" when the column is
/// absent) and the line number. Errors give the line.
fn read_csv<T>(
    path: &Path,
    required: &str,
    mut row: impl FnMut(&dyn Fn(&str) -> String) -> Option<T>,
) -> Result<Vec<T>, (u64, String)> {
    let bytes = fsx::read_regular(path).map_err(|p| (0, p.to_string()))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers = reader.headers().map_err(|e| (1, e.to_string()))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    };
    col(required).ok_or((1, format!("no \"{required}\" column")))?;
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| (i as u64 + 2, e.to_string()))?;
        let get = |name: &str| {
            col(name)
                .and_then(|c| rec.get(c))
                .map(|s| crate::domain::nfc(s.trim()))
                .unwrap_or_default()
        };
        out.extend(row(&get));
    }
    Ok(out)
}

/// Read a roster: a CSV with a header naming `unit`, and optionally `unit_code`,
/// `province` and `district` (in any order). Errors give the line.
pub fn read_roster(path: &Path) -> Result<Vec<RosterUnit>, (u64, String)> {
    read_csv(path, "unit", |get| {
        let unit = get("unit");
        (!unit.is_empty()).then(|| RosterUnit {
            unit,
            unit_code: get("unit_code"),
            province: get("province"),
            district: get("district"),
        })
    })
}

/// Read a rename map: a CSV with columns `old_unit` and `new_unit`, and optionally
/// `old_district`, `old_province`, `new_unit_code` and `new_province`.
pub fn read_rename_map(path: &Path) -> Result<Vec<Rename>, (u64, String)> {
    let mut line = 1;
    let rows = read_csv(path, "old_unit", |get| {
        line += 1;
        let r = Rename {
            old_unit: get("old_unit"),
            old_district: get("old_district"),
            old_province: get("old_province"),
            new_unit: get("new_unit"),
            new_unit_code: get("new_unit_code"),
            new_province: get("new_province"),
        };
        if r.old_unit.is_empty() && r.new_unit.is_empty() {
            return None;
        }
        Some((line, r))
    })?;
    let mut out = Vec::new();
    for (line, r) in rows {
        if r.old_unit.is_empty() || r.new_unit.is_empty() {
            return Err((line, "old_unit and new_unit must both be filled in".into()));
        }
        out.push(r);
    }
    Ok(out)
}

/// The folder of inspection files for a path given by the user: a data directory's
/// `inspections/`, or the folder itself.
pub fn inspection_folder(dir: &Path) -> PathBuf {
    let inner = dir.join("inspections");
    if inner.is_dir() {
        inner
    } else {
        dir.to_path_buf()
    }
}
