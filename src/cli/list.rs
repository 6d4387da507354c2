//! `kiemtra list`: every inspection in the data directory; bad files are named on
//! standard error and never stop the listing.

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{Ctx, Outcome, print, print_json, warn};
use crate::domain::escape::for_terminal_line;
use crate::domain::inspection::{InspectionKind, Status};
use crate::domain::{Inspection, Progress};
use crate::i18n;
use crate::store::duplicates::duplicates;
use crate::store::{Catalogs, load_inspection_file};

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

/// One row of `list --json` (a stable interface for scripts).
#[derive(Debug, Serialize)]
pub struct ListRow {
    pub id: String,
    pub unit: String,
    pub ward: String,
    pub district: String,
    pub province: String,
    pub unit_code: String,
    pub former_district: String,
    pub date: jiff::civil::Date,
    pub kind: InspectionKind,
    pub status: Status,
    pub catalog: String,
    pub progress: Option<Progress>,
    /// Unresolved conflicts left by a merge.
    pub conflicts: usize,
    /// The file claims a seal that does not hold (see `kiemtra verify`).
    pub seal_broken: bool,
}

pub fn run(ctx: &Ctx, a: ListArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let files = data.inspection_files().map_err(|e| ctx.store(e))?;
    let exposed = data.exposed();
    if !exposed.is_empty() {
        warn(&crate::i18n::lifecycle::exposed(lang, &exposed, &data.root));
    }
    let catalogs = Catalogs::load(&data).map_err(|e| ctx.store(e))?;
    let mut inspections: Vec<Inspection> = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        match load_inspection_file(path) {
            Ok(i) => inspections.push(i),
            Err(e) => errors.push(e),
        }
    }
    let dups = duplicates(&files, &errors.iter().collect::<Vec<_>>());
    for e in &errors {
        warn(&i18n::sync::skipped_or_duplicate(lang, e, &dups));
    }
    inspections.sort_by(|a, b| b.date.cmp(&a.date).then(a.unit.name.cmp(&b.unit.name)));
    let rows: Vec<ListRow> = inspections
        .iter()
        .map(|i| {
            let c = &i.catalog;
            let catalog = catalogs.find(&c.id, &c.version, &c.sha256);
            if catalog.is_none() {
                warn(&format!(
                    "{}: {}",
                    i.id,
                    i18n::unknown_catalog(lang, &c.id, &c.version)
                ));
            }
            if i.schema_version > crate::domain::inspection::SCHEMA_VERSION {
                warn(&format!(
                    "{}: {}",
                    i.id,
                    i18n::trust::newer_schema_read_only(
                        lang,
                        i.schema_version,
                        crate::domain::inspection::SCHEMA_VERSION
                    )
                ));
            }
            ListRow {
                id: i.id.clone(),
                unit: i.unit.name.clone(),
                ward: i.unit.ward.clone(),
                district: i.unit.district.clone(),
                province: i.unit.province.clone(),
                unit_code: i.unit.unit_code.clone(),
                former_district: i.unit.former_district.clone(),
                date: i.date,
                kind: i.kind,
                status: i.status,
                catalog: format!("{} {}", c.id, c.version),
                progress: catalog.map(|cat| Progress::of(cat, i)),
                conflicts: i.conflicts.len(),
                seal_broken: i.seal_broken(catalog.map(|c| c.sha256.as_str())),
            }
        })
        .collect();
    if a.json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        print(&format!("{}\n", i18n::no_inspections(lang, &data.root)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for r in &rows {
        let progress = r
            .progress
            .map(|p| format!("{:>2}/{:<2}", p.assessed, p.total))
            .unwrap_or_else(|| "  ?  ".to_string());
        let status = if r.seal_broken {
            i18n::trust::seal_broken_label(lang)
        } else {
            i18n::status(lang, r.status)
        };
        text.push_str(&format!(
            "{}{}  {}  {progress}  {status:<13}  {}{}\n",
            if r.conflicts > 0 { "! " } else { "" },
            for_terminal_line(&r.id),
            r.date,
            for_terminal_line(&r.unit),
            [&r.district, &r.former_district, &r.province]
                .into_iter()
                .find(|p| !p.is_empty())
                .map(|p| format!(", {}", for_terminal_line(p)))
                .unwrap_or_default()
        ));
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
