//! The report as CSV: a header and one row per criterion, UTF-8 with a byte-order mark so
//! that spreadsheet programs read Vietnamese right. Each row also names the unit, date,
//! team, catalog and seal, so a row stands on its own when rows are pasted together.

use super::Report;
use crate::domain::escape::for_terminal;
use crate::domain::inspection::{value_text, verdict_key};
use crate::i18n;
use crate::report::escape::csv_cell;

pub const HEADER: [&str; 21] = [
    "number",
    "code",
    "group",
    "criterion",
    "verdict",
    "verdict_label",
    "suggested",
    "suggestion",
    "override_reason",
    "values",
    "evidence",
    "shortcomings",
    "recommendations",
    "unit",
    "date",
    "team",
    "catalog",
    "catalog_note",
    "status",
    "seal",
    "finding",
];

pub fn csv(r: &Report) -> Vec<u8> {
    let l = r.lang;
    let i = r.inspection;
    let finding = r.finding();
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(HEADER);
    for row in r.rows() {
        let a = &row.answer;
        let values: Vec<String> = a
            .values
            .iter()
            .map(|(k, v)| format!("{k}={}", value_text(v)))
            .collect();
        let number = row.criterion.number.to_string();
        let record: [&str; 21] = [
            &number,
            &row.criterion.code,
            row.group.title.get(l),
            row.criterion.title.get(l),
            verdict_key(a.verdict),
            i18n::verdict(l, a.verdict),
            verdict_key(a.suggested),
            &row.suggestion,
            a.override_reason.as_deref().unwrap_or(""),
            &values.join("; "),
            &a.evidence,
            &a.shortcomings,
            &r.recommendations(a).join("\n"),
            &i.unit.name,
            &i.date.to_string(),
            &r.team(),
            &r.catalog_name(),
            r.catalog.note.get(l),
            i18n::status(l, i.status),
            &r.seal_line(),
            &finding,
        ];
        // Cells from a file: no formula, no control character (the BOM stays).
        let _ = w.write_record(
            record
                .iter()
                .map(|c| csv_cell(&for_terminal(c)).into_owned()),
        );
    }
    w.into_inner().unwrap_or_default()
}
