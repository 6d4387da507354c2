//! `kiemtra summary`: the roll-out picture across every inspection in a folder. A bad
//! file is named on standard error and skipped; it never stops the summary.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{Ctx, Failure, Outcome, print, print_json};
use crate::domain::rollout::Rollout;
use crate::i18n::{self, lifecycle};
use crate::store::rollout::{Skip, inspection_folder, read_all, read_roster};
use crate::store::{Catalogs, DataDir, json_files};

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// A data folder or a folder of inspection files (default: the data folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// CSV of the units planned (columns unit, district, province).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// How many units are to reach the model standard (default: the roster's size).
    #[arg(long, value_name = "N")]
    pub target: Option<usize>,
    /// How many of the most-failed criteria to list.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    #[arg(long)]
    pub csv: bool,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    rollout: &'a Rollout,
    criteria_titles: std::collections::BTreeMap<String, String>,
    skipped_files: Vec<SkippedFile>,
}

#[derive(Serialize)]
struct SkippedFile {
    path: String,
    reason: String,
}

/// Everything the summary computes, for the command line and the Dashboard.
pub struct Computed {
    pub rollout: Rollout,
    pub skipped: Vec<(PathBuf, String)>,
    pub catalogs: Catalogs,
}

pub fn compute(
    ctx_lang: crate::domain::Lang,
    data: &DataDir,
    dir: Option<&std::path::Path>,
    roster: Option<&std::path::Path>,
    target: Option<usize>,
    top: usize,
) -> Result<Computed, String> {
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
    let files = json_files(&folder).map_err(|e| i18n::store_error(lang, &e))?;
    let (latest, skips) = read_all(&files, &catalogs);
    let skipped = skips
        .into_iter()
        .map(|s| match s {
            Skip::Bad(e) => (e.path.clone(), i18n::load_reason(lang, &e.reason)),
            Skip::UnknownCatalog { path, id, version } => {
                (path, i18n::unknown_catalog(lang, &id, &version))
            }
        })
        .collect();
    Ok(Computed {
        rollout: latest.rollout(&roster, target, top),
        skipped,
        catalogs,
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

pub fn run(ctx: &Ctx, a: SummaryArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let c = compute(
        lang,
        &data,
        a.dir.as_deref(),
        a.roster.as_deref(),
        a.target,
        a.top,
    )
    .map_err(Failure)?;
    for (path, reason) in &c.skipped {
        eprintln!("kiemtra: {}: {reason}", path.display());
    }
    let r = &c.rollout;
    if a.json {
        let titles = r
            .most_failed
            .iter()
            .map(|f| (f.criterion.clone(), c.title(lang, &f.criterion)))
            .collect();
        print_json(&JsonOut {
            rollout: r,
            criteria_titles: titles,
            skipped_files: c
                .skipped
                .iter()
                .map(|(p, why)| SkippedFile {
                    path: p.display().to_string(),
                    reason: why.clone(),
                })
                .collect(),
        })?;
    } else if a.csv {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let _ = w.write_record([
            "district",
            "units_inspected",
            "units_meeting_all",
            "units_in_roster",
        ]);
        for d in &r.districts {
            let roster = d.units_in_roster.map(|n| n.to_string()).unwrap_or_default();
            let _ = w.write_record([
                d.district.as_str(),
                &d.units_inspected.to_string(),
                &d.units_meeting_all.to_string(),
                &roster,
            ]);
        }
        let bytes = w.into_inner().unwrap_or_default();
        print(&String::from_utf8_lossy(&bytes))?;
    } else {
        let title = |code: &str| c.title(lang, code);
        print(&lifecycle::rollout_text(lang, r, &title, c.skipped.len()))?;
    }
    Ok(ExitCode::SUCCESS)
}
