//! `kiemtra list`: every inspection in the data directory; bad files are named on
//! standard error and never stop the listing.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{Ctx, Outcome, print, warn};
use crate::domain::Progress;
use crate::domain::escape::for_terminal_line;
use crate::domain::inspection::{InspectionKind, Status};
use crate::i18n;
use crate::store::Catalogs;
use crate::store::listing::{Listing, Row, read_rows};
use crate::store::seal_cache::SealCache;

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

/// One row of `list --json` (a stable interface for scripts).
#[derive(Debug, Serialize)]
pub struct ListRow<'a> {
    pub id: &'a str,
    pub unit: &'a str,
    pub ward: &'a str,
    pub district: &'a str,
    pub province: &'a str,
    pub unit_code: &'a str,
    pub former_district: &'a str,
    pub date: jiff::civil::Date,
    pub kind: InspectionKind,
    pub status: Status,
    pub catalog: String,
    pub progress: Option<Progress>,
    /// Unresolved conflicts left by a merge.
    pub conflicts: u32,
    /// The file claims a seal that does not hold (see `kiemtra verify`).
    pub seal_broken: bool,
}

impl<'a> ListRow<'a> {
    fn of(r: &'a Row, listing: &Listing) -> ListRow<'a> {
        let (catalog_id, catalog_version) = listing.catalog(r);
        ListRow {
            id: r.id(),
            unit: r.unit(),
            ward: r.ward(),
            district: r.district(),
            province: r.province(),
            unit_code: r.unit_code(),
            former_district: r.former_district(),
            date: r.date,
            kind: r.kind,
            status: r.status,
            catalog: format!("{catalog_id} {catalog_version}"),
            progress: r.progress(),
            conflicts: r.conflicts,
            seal_broken: r.seal_broken,
        }
    }
}

pub fn run(ctx: &Ctx, a: ListArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let exposed = data.exposed();
    if !exposed.is_empty() {
        warn(&crate::i18n::lifecycle::exposed(lang, &exposed, &data.root));
    }
    let catalogs = Catalogs::load(&data).map_err(|e| ctx.store(e))?;
    let seals = SealCache::open(&data.root);
    let (listing, bad) =
        read_rows(&data.inspections(), &catalogs, &seals).map_err(|e| ctx.store(e))?;
    seals.save();
    let rows = &listing.rows;
    // Two copies of one inspection are named as a pair.
    let dups = crate::store::duplicates::among(&bad.iter().collect::<Vec<_>>());
    for e in &bad {
        warn(&i18n::sync::skipped_or_duplicate(lang, e, &dups));
    }
    for r in rows.iter().filter(|r| r.progress().is_none()) {
        let (id, version) = listing.catalog(r);
        warn(&format!(
            "{}: {}",
            for_terminal_line(r.id()),
            i18n::unknown_catalog(lang, id, version)
        ));
    }
    let newest = crate::domain::inspection::SCHEMA_VERSION;
    for r in rows.iter().filter(|r| r.schema_version > newest) {
        warn(&format!(
            "{}: {}",
            for_terminal_line(r.id()),
            i18n::trust::newer_schema_read_only(lang, r.schema_version, newest)
        ));
    }
    if !a.json && rows.is_empty() {
        print(&format!("{}\n", i18n::no_inspections(lang, &data.root)))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Each row is written as it is made: the output is never held whole in memory.
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = if a.json {
        write_json(&mut out, &listing)
    } else {
        rows.iter()
            .try_for_each(|r| out.write_all(text_line(lang, r).as_bytes()))
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The rows as one pretty JSON array, object by object.
fn write_json(out: &mut impl Write, listing: &Listing) -> io::Result<()> {
    let rows = &listing.rows;
    if rows.is_empty() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[\n")?;
    for (n, r) in rows.iter().enumerate() {
        let object =
            serde_json::to_string_pretty(&ListRow::of(r, listing)).map_err(io::Error::other)?;
        // The same JSON, with C1 and bidi characters as \u escapes (see `print_json`).
        let object = super::json_for_terminal(&object);
        for (k, line) in object.lines().enumerate() {
            if k > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        out.write_all(if n + 1 < rows.len() { b",\n" } else { b"\n" })?;
    }
    out.write_all(b"]\n")
}

fn text_line(lang: crate::domain::Lang, r: &Row) -> String {
    let progress = r
        .progress()
        .map(|p| format!("{:>2}/{:<2}", p.assessed, p.total))
        .unwrap_or_else(|| "  ?  ".to_string());
    let status = if r.seal_broken {
        i18n::trust::seal_broken_label(lang)
    } else {
        i18n::status(lang, r.status)
    };
    format!(
        "{}{}  {}  {progress}  {status:<13}  {}{}\n",
        if r.conflicts > 0 { "! " } else { "" },
        for_terminal_line(r.id()),
        r.date,
        for_terminal_line(r.unit()),
        [r.district(), r.former_district(), r.province()]
            .into_iter()
            .find(|p| !p.is_empty())
            .map(|p| format!(", {}", for_terminal_line(p)))
            .unwrap_or_default()
    )
}
