//! `kiemtra summary`: the roll-out picture across every inspection in a folder. A bad
//! file is named on standard error and skipped; it never stops the summary.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::progress::Bar;
use super::{Ctx, Failure, Outcome, print};
use crate::domain::rollout::Rollout;
use crate::i18n::programme;
use crate::i18n::progress::Task;
use crate::report::rollout::{Paths, compute_with_progress};

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// A data folder or a folder of inspection files (default: the data folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// CSV of the units planned (columns unit, unit_code, province, district).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// CSV mapping old units to new ones (columns old_unit, new_unit, ...).
    #[arg(long, value_name = "FILE")]
    pub rename_map: Option<PathBuf>,
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
    excluded_files: &'a [crate::report::rollout::Excluded],
    /// Two files of one inspection: counted once, both named.
    duplicates: &'a [crate::store::duplicates::Duplicate],
}

#[derive(Serialize)]
struct SkippedFile {
    path: String,
    reason: String,
}

pub fn run(ctx: &Ctx, a: SummaryArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let bar = Bar::new(lang, Task::Summary, 0);
    let paths = Paths {
        dir: a.dir.as_deref(),
        roster: a.roster.as_deref(),
        rename_map: a.rename_map.as_deref(),
    };
    let c = compute_with_progress(
        lang,
        &data,
        paths,
        a.target,
        a.top,
        &|n| bar.set_total(n),
        &|n| bar.inc(n),
    )
    .map_err(Failure)?;
    bar.finish();
    for (path, reason) in &c.skipped {
        super::warn(&format!("{}: {reason}", path.display()));
    }
    let r = &c.rollout;
    if a.json {
        let titles = r
            .most_failed
            .iter()
            .map(|f| (f.criterion.clone(), c.title(lang, &f.criterion)))
            .collect();
        print_json_streamed(&JsonOut {
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
            excluded_files: &c.excluded,
            duplicates: &c.duplicates,
        })?;
    } else if a.csv {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let _ = w.write_record([
            "province",
            "units_inspected",
            "units_meeting_all",
            "units_in_progress",
            "units_self_assessed",
            "units_in_roster",
        ]);
        for p in &r.provinces {
            let roster = p.units_in_roster.map(|n| n.to_string()).unwrap_or_default();
            let _ = w.write_record([
                &*crate::report::escape::csv_cell(&p.province),
                &p.units_inspected.to_string(),
                &p.units_meeting_all.to_string(),
                &p.units_in_progress.to_string(),
                &p.units_self_assessed.to_string(),
                &roster,
            ]);
        }
        let bytes = w.into_inner().unwrap_or_default();
        print(&String::from_utf8_lossy(&bytes))?;
    } else {
        let title = |code: &str| c.title(lang, code);
        print(&programme::rollout_text(lang, r, &title, &c.excluded))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Pretty JSON written straight to standard output: a summary of 100,000 units is never
/// held as one string. A closed pipe ends quietly.
fn print_json_streamed(value: &impl Serialize) -> Result<(), Failure> {
    use std::io::Write;
    // The same JSON, with C1 and bidi characters as \u escapes, as `print_json` gives.
    let mut out =
        super::output::Escaped::new(std::io::BufWriter::new(std::io::stdout().lock()), true);
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.finish().map(drop));
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
