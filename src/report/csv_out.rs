//! The report as CSV, UTF-8 with a byte-order mark so that spreadsheet programs read
//! Vietnamese right. Every row names the inspection (id, unit, province, date, kind,
//! status, demo), so files from many wards can be pasted together and still told apart.
//! One row per criterion; a criterion with several recommendations gets one row for each
//! (`recommendation_no` 1, 2, …), so owner and due date have columns of their own: count
//! criteria on the rows whose `recommendation_no` is empty or 1. Each indicator the catalog
//! defines has its own column, `CODE:indicator`, holding the value in words.

use super::Report;
use super::escape::csv_cell;
use crate::domain::escape::for_terminal;
use crate::domain::inspection::{InspectionKind, Status, verdict_key};
use crate::i18n;

/// The columns before the catalog's indicator columns.
pub const HEADER: [&str; 31] = [
    "inspection_id",
    "unit",
    "ward",
    "district",
    "province",
    "date",
    "kind",
    "status",
    "demo",
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
    "recommendation_no",
    "recommendation",
    "owner",
    "due",
    "team",
    "representative",
    "catalog",
    "catalog_note",
    "seal",
    "finding",
];

pub fn csv(r: &Report) -> Vec<u8> {
    let l = r.lang;
    let i = r.inspection;
    let finding = r.finding();
    let indicators: Vec<(String, String)> = r
        .catalog
        .criteria()
        .flat_map(|(_, c)| {
            c.indicators
                .iter()
                .map(|ind| (c.code.clone(), ind.id.clone()))
        })
        .collect();
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(indicators.iter().map(|(c, id)| format!("{c}:{id}")));
    let kind = match i.kind {
        InspectionKind::Inspection => "inspection",
        InspectionKind::SelfAssessment => "self_assessment",
    };
    let status = match i.status {
        Status::Draft => "draft",
        Status::Final => "final",
        Status::Sealed if r.sealed() => "sealed",
        Status::Sealed => "seal_broken",
    };
    let date = i.date.to_string();
    let team = r.team();
    let catalog = r.catalog_name();
    let seal = r.seal_line();
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = w.write_record(&header);
    for row in r.rows() {
        let a = &row.answer;
        let values: Vec<String> = row
            .values
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let number = row.criterion.number.to_string();
        let shortcomings = row.shortcomings.join("\n");
        // A criterion without recommendations still has its row.
        let mut actions: Vec<(String, String, String, String)> = a
            .recommendations
            .iter()
            .enumerate()
            .map(|(n, rec)| {
                (
                    (n + 1).to_string(),
                    rec.action.clone(),
                    rec.owner.clone(),
                    rec.due.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        if actions.is_empty() {
            actions.push(Default::default());
        }
        let per_indicator: Vec<String> = indicators
            .iter()
            .map(|(code, id)| {
                if code != &row.criterion.code {
                    return String::new();
                }
                let ind = row.criterion.indicators.iter().find(|x| &x.id == id);
                a.values
                    .get(id)
                    .map(|v| super::words::value(l, ind, v))
                    .unwrap_or_default()
            })
            .collect();
        for (no, action, owner, due) in &actions {
            let fixed: [&str; 31] = [
                &i.id,
                &i.unit.name,
                &i.unit.ward,
                &i.unit.district,
                &i.unit.province,
                &date,
                kind,
                status,
                if i.demo { "true" } else { "false" },
                &number,
                &row.criterion.code,
                row.group.title.get(l),
                row.criterion.title.get(l),
                verdict_key(a.verdict),
                i18n::verdict(l, a.verdict),
                verdict_key(a.suggested),
                &row.suggestion,
                a.override_reason.as_deref().unwrap_or(""),
                &values.join("\n"),
                &a.evidence,
                &shortcomings,
                no,
                action,
                owner,
                due,
                &team,
                &i.minutes.representative,
                &catalog,
                r.catalog.note.get(l),
                &seal,
                &finding,
            ];
            let record = fixed
                .iter()
                .copied()
                .chain(per_indicator.iter().map(String::as_str))
                // Cells from a file: no formula, no control character (the BOM stays).
                .map(|c| csv_cell(&for_terminal(c)).into_owned());
            let _ = w.write_record(record);
        }
    }
    w.into_inner().unwrap_or_default()
}
