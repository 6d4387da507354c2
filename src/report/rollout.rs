//! The roll-out picture across a folder of inspections, as the command line and the
//! Dashboard both show it.

use std::path::PathBuf;

use crate::domain::rollout::Rollout;
use crate::i18n::{self, lifecycle};
use crate::store::rollout::{Skip, inspection_folder, read_all, read_rename_map, read_roster};
use crate::store::seal_cache::SealCache;
use crate::store::{Catalogs, DataDir};

/// Everything the summary computes, for the command line and the Dashboard.
pub struct Computed {
    pub rollout: Rollout,
    pub skipped: Vec<(PathBuf, String)>,
    /// Every file left out of the counts, with why (unreadable files included).
    pub excluded: Vec<Excluded>,
    pub catalogs: Catalogs,
    /// Second copies of an inspection in the folder, counted once.
    pub duplicates: Vec<crate::store::duplicates::Duplicate>,
}

/// A file left out of the roll-out and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Excluded {
    pub path: String,
    /// The inspection id, when the file could be read that far.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// `broken_seal`, `unknown_catalog` or `unreadable`.
    pub reason_code: &'static str,
    pub reason: String,
}

pub fn compute(
    ctx_lang: crate::domain::Lang,
    data: &DataDir,
    dir: Option<&std::path::Path>,
    roster: Option<&std::path::Path>,
    rename_map: Option<&std::path::Path>,
    target: Option<usize>,
    top: usize,
) -> Result<Computed, String> {
    let paths = Paths {
        dir,
        roster,
        rename_map,
    };
    compute_with_progress(ctx_lang, data, paths, target, top, &|_| {}, &|_| {})
}

/// The folders and files a summary is asked about (all optional).
#[derive(Debug, Clone, Copy, Default)]
pub struct Paths<'a> {
    pub dir: Option<&'a std::path::Path>,
    pub roster: Option<&'a std::path::Path>,
    pub rename_map: Option<&'a std::path::Path>,
}

/// `compute`, telling `total` how many files there are and `tick` how many were read.
pub fn compute_with_progress(
    ctx_lang: crate::domain::Lang,
    data: &DataDir,
    paths: Paths,
    target: Option<usize>,
    top: usize,
    total: &dyn Fn(u64),
    tick: &dyn Fn(u64),
) -> Result<Computed, String> {
    let Paths {
        dir,
        roster,
        rename_map,
    } = paths;
    let lang = ctx_lang;
    let folder = match dir {
        Some(d) => {
            if !d.is_dir() {
                return Err(lifecycle::not_a_folder(lang, d));
            }
            inspection_folder(d)
        }
        None => data.inspections(),
    };
    // Only a data folder keeps a cache of seal checks; a bare folder of files gets none
    // written into it.
    let seals = match dir {
        Some(d) if folder == d => SealCache::off(),
        Some(d) => SealCache::open(d),
        None => SealCache::open(&data.root),
    };
    let mut catalogs = Catalogs::load(data).map_err(|e| i18n::store_error(lang, &e))?;
    if let Some(d) = dir {
        // Catalogs shipped alongside the inspections of another data folder count too.
        let other = Catalogs::load(&DataDir::at(d)).map_err(|e| i18n::store_error(lang, &e))?;
        catalogs.entries.extend(other.entries.into_iter().skip(1));
    }
    let roster = match roster {
        Some(p) => {
            read_roster(p).map_err(|(line, why)| lifecycle::roster_error(lang, p, line, &why))?
        }
        None => Vec::new(),
    };
    let renames = match rename_map {
        Some(p) => read_rename_map(p)
            .map_err(|(line, why)| i18n::programme::rename_map_error(lang, p, line, &why))?,
        None => Vec::new(),
    };
    total(crate::store::listing::count(&folder));
    let (latest, skips) = read_all(&folder, &catalogs, &renames, &seals, tick)
        .map_err(|e| i18n::store_error(lang, &e))?;
    seals.save();
    let bad: Vec<_> = skips
        .iter()
        .filter_map(|s| match s {
            Skip::Bad(e) => Some(e),
            _ => None,
        })
        .collect();
    let duplicates = crate::store::duplicates::among(&bad);
    let mut skipped = Vec::new();
    let mut excluded = Vec::new();
    for s in skips {
        let (path, id, code, why) = match s {
            Skip::Bad(e) => match crate::store::duplicates::pair_of(&duplicates, &e) {
                Some(d) => (
                    e.path.clone(),
                    d.id.clone(),
                    "duplicate",
                    i18n::sync::duplicate_pair(lang, &d.id, &d.first, &d.second),
                ),
                None => (
                    e.path.clone(),
                    String::new(),
                    "unreadable",
                    i18n::load_reason(lang, &e.reason),
                ),
            },
            Skip::UnknownCatalog { path, id, version } => (
                path,
                String::new(),
                "unknown_catalog",
                i18n::unknown_catalog(lang, &id, &version),
            ),
            Skip::BrokenSeal { path, id } => {
                let why = i18n::programme::broken_seal_excluded(lang).to_string();
                excluded.push(Excluded {
                    path: path.display().to_string(),
                    id,
                    reason_code: "broken_seal",
                    reason: why,
                });
                continue;
            }
        };
        excluded.push(Excluded {
            path: path.display().to_string(),
            id,
            reason_code: code,
            reason: why.clone(),
        });
        skipped.push((path, why));
    }
    excluded.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Computed {
        rollout: latest.rollout(&roster, target, top),
        skipped,
        excluded,
        catalogs,
        duplicates,
    })
}

impl Computed {
    /// A criterion's title from whichever known catalog has that code.
    pub fn title(&self, lang: crate::domain::Lang, code: &str) -> String {
        self.catalogs
            .entries
            .iter()
            .find_map(|(c, _)| c.criterion(code))
            .map(|c| c.title.get(lang).to_string())
            .unwrap_or_default()
    }
}
