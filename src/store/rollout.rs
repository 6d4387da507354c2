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
use super::load::{LoadError, LoadReason, parse_inspection, reason_of};
use crate::domain::Verdict;
use crate::domain::finding::standing_with;
use crate::domain::inspection::{CatalogRef, Unit};
use crate::domain::rollout::{Latest, RosterUnit, UnitRecord};

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
    answers: BTreeMap<String, BriefAnswer>,
    #[serde(default)]
    demo: bool,
    #[serde(default)]
    status: crate::domain::inspection::Status,
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
}

fn record(path: &Path, catalogs: &Catalogs) -> Result<UnitRecord, Skip> {
    let bad = |reason| {
        Skip::Bad(LoadError {
            path: path.to_path_buf(),
            reason,
        })
    };
    let bytes = fsx::read_regular(path).map_err(|p| bad(reason_of(p)))?;
    let brief: Brief = match serde_json::from_slice::<Brief>(&bytes) {
        Ok(b) if b.schema_version >= 1 => b,
        // Only a file that fails the quick read pays for the full diagnosis.
        _ => {
            return Err(bad(match parse_inspection(&bytes) {
                Err(reason) => reason,
                Ok(_) => LoadReason::NoSchemaVersion,
            }));
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if brief.id != stem {
        return Err(bad(LoadReason::IdMismatch { in_file: brief.id }));
    }
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
    // Only files that claim a seal pay for checking it.
    let seal_broken = (brief.seal.is_some()
        || brief.status == crate::domain::inspection::Status::Sealed)
        && (catalog.sha256 != c.sha256
            || serde_json::from_slice::<serde_json::Value>(&bytes)
                .map(|v| crate::domain::seal::verify_value(&v).is_broken())
                .unwrap_or(true));
    let not_met = catalog
        .criteria()
        .filter(|(_, cr)| verdict(&cr.code) == Some(Verdict::NotMet))
        .map(|(_, cr)| cr.code.clone())
        .collect();
    Ok(UnitRecord {
        id: brief.id,
        unit: brief.unit.name,
        district: brief.unit.district,
        province: brief.unit.province,
        date: brief.date,
        updated_at: brief.updated_at,
        meets: standing.meets && !seal_broken,
        assessed: standing.progress.assessed,
        total: standing.progress.total,
        not_met,
        demo: brief.demo,
        seal_broken,
    })
}

/// Read every file (in parallel), keep the latest record per unit, collect the skips.
pub fn read_all(files: &[PathBuf], catalogs: &Catalogs) -> (Latest, Vec<Skip>) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut latest = Latest::default();
                    let mut skips = Vec::new();
                    for path in part {
                        match record(path, catalogs) {
                            Ok(r) => latest.add(r),
                            Err(s) => skips.push(s),
                        }
                    }
                    (latest, skips)
                })
            })
            .collect();
        let mut latest = Latest::default();
        let mut skips = Vec::new();
        for h in handles {
            if let Ok((l, s)) = h.join() {
                latest.merge(l);
                skips.extend(s);
            }
        }
        (latest, skips)
    })
}

/// Read a roster: a CSV with a header naming `unit`, and optionally `district` and
/// `province` (in any order). Errors give the line.
pub fn read_roster(path: &Path) -> Result<Vec<RosterUnit>, (u64, String)> {
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
    let unit = col("unit").ok_or((1, "no \"unit\" column".to_string()))?;
    let (district, province) = (col("district"), col("province"));
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| (i as u64 + 2, e.to_string()))?;
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(|s| crate::domain::nfc(s.trim()))
                .unwrap_or_default()
        };
        let name = get(Some(unit));
        if name.is_empty() {
            continue;
        }
        out.push(RosterUnit {
            unit: name,
            district: get(district),
            province: get(province),
        });
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
