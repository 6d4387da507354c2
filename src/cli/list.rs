//! `kiemtra list`: every inspection in the data directory; bad files are named on
//! standard error and never stop the listing.

use std::cmp::Reverse;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::sorted_rows::SortedRows;
use super::{Ctx, Outcome, print, warn};
use crate::domain::Progress;
use crate::domain::escape::for_terminal_line;
use crate::domain::inspection::{InspectionKind, Status};
use crate::i18n;
use crate::store::Catalogs;
use crate::store::listing::{Listing, Row, each_row};
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
    // Each row is rendered as it is read and kept only as its output, in bounded memory;
    // the few rows that need a word on standard error are noted aside.
    let mut rows = SortedRows::from_env();
    let mut bad = Vec::new();
    let mut unknown_catalog = Vec::new();
    let mut newer_schema = Vec::new();
    let newest = crate::domain::inspection::SCHEMA_VERSION;
    each_row(&data.inspections(), &catalogs, &seals, |r| {
        let (r, listing) = match r {
            Ok(row) => row,
            Err(e) => return bad.push(e),
        };
        let line = |note: String| {
            (
                Reverse(r.date),
                r.unit().to_string(),
                r.id().to_string(),
                note,
            )
        };
        if r.progress().is_none() {
            let (id, version) = listing.catalog(r);
            unknown_catalog.push(line(i18n::unknown_catalog(lang, id, version)));
        }
        if r.schema_version > newest {
            newer_schema.push(line(i18n::trust::newer_schema_read_only(
                lang,
                r.schema_version,
                newest,
            )));
        }
        let output = if a.json {
            json_object(&ListRow::of(r, listing))
        } else {
            text_line(lang, r)
        };
        rows.push(r.date, r.unit(), r.id(), output.as_bytes());
    })
    .map_err(|e| ctx.store(e))?;
    seals.save();
    bad.sort_by(|a, b| a.path.cmp(&b.path));
    // Two copies of one inspection are named as a pair.
    let dups = crate::store::duplicates::among(&bad.iter().collect::<Vec<_>>());
    for e in &bad {
        warn(&i18n::sync::skipped_or_duplicate(lang, e, &dups));
    }
    for notes in [&mut unknown_catalog, &mut newer_schema] {
        notes.sort();
        for (_, _, id, note) in notes.iter() {
            warn(&format!("{}: {note}", for_terminal_line(id)));
        }
    }
    if !a.json && rows.is_empty() {
        print(&format!("{}\n", i18n::no_inspections(lang, &data.root)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = if a.json {
        write_json(&mut out, rows)
    } else {
        rows.write(|line, _| out.write_all(line))
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// One row as an element of the pretty JSON array: indented, with no comma after it.
fn json_object(row: &ListRow) -> String {
    let object = serde_json::to_string_pretty(row).expect("a row of texts, dates and counts");
    // The same JSON, with C1 and bidi characters as \u escapes (see `print_json`).
    let object = super::json_for_terminal(&object);
    let mut out = String::with_capacity(object.len() + 64);
    for (k, line) in object.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// The rows as one pretty JSON array, object by object.
fn write_json(out: &mut impl Write, rows: SortedRows) -> io::Result<()> {
    if rows.is_empty() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[\n")?;
    rows.write(|object, last| {
        out.write_all(object)?;
        out.write_all(if last { b"\n" } else { b",\n" })
    })?;
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
