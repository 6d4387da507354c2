//! The analysts' dataset: one row per inspection × criterion, written as the files are
//! read (one inspection in memory at a time). The columns and their order are documented
//! in docs/dataset.md and never change order; new columns are only ever added at the end.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::domain::actions::ActionStatus;
use crate::domain::catalog::Catalog;
use crate::domain::inspection::{InspectionKind, Status, value_text, verdict_key};
use crate::domain::rollout::seal_holds;
use crate::domain::rule::{IndicatorValue, suggest};
use crate::domain::{Answer, Inspection};
use crate::report::escape::csv_cell;

/// The columns, in their order.
pub const COLUMNS: [&str; 17] = [
    "inspection_id",
    "unit_code",
    "unit",
    "province",
    "former_district",
    "date",
    "kind",
    "status",
    "sealed",
    "demo",
    "criterion",
    "verdict",
    "suggested_verdict",
    "overridden",
    "recommendations_open",
    "recommendations_closed",
    "values",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ndjson,
}

fn kind_key(k: InspectionKind) -> &'static str {
    match k {
        InspectionKind::Inspection => "inspection",
        InspectionKind::SelfAssessment => "self_assessment",
    }
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Final => "final",
        Status::Sealed => "sealed",
    }
}

/// A value in the long CSV column: `;` and `\` inside a value get a backslash.
fn long_value(v: &IndicatorValue) -> String {
    value_text(v).replace('\\', "\\\\").replace(';', "\\;")
}

fn json_value(v: &IndicatorValue) -> Value {
    match v {
        IndicatorValue::Check(b) => json!(b),
        IndicatorValue::Count(n) => json!(n),
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => json!({"numerator": numerator, "denominator": denominator}),
        IndicatorValue::Choice(c) | IndicatorValue::Text(c) => json!(c),
        IndicatorValue::NotApplicable => json!("not_applicable"),
    }
}

/// Writes rows as inspections come.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    pub rows: usize,
}

impl<W: Write> Writer<W> {
    /// Start the output: for CSV, the byte-order mark and the header.
    pub fn new(mut out: W, format: Format) -> io::Result<Writer<W>> {
        if format == Format::Csv {
            out.write_all(&[0xEF, 0xBB, 0xBF])?;
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(COLUMNS).map_err(io::Error::other)?;
            out.write_all(
                &w.into_inner()
                    .map_err(|e| io::Error::other(e.to_string()))?,
            )?;
        }
        Ok(Writer {
            out,
            format,
            rows: 0,
        })
    }

    /// The rows of one inspection: every criterion of its catalog, in catalog order.
    pub fn inspection(&mut self, i: &Inspection, catalog: &Catalog) -> io::Result<()> {
        let sealed = seal_holds(i, Some(&catalog.sha256));
        let empty = Answer::default();
        let mut csv = csv::Writer::from_writer(Vec::new());
        for (_, criterion) in catalog.criteria() {
            let a = i.answers.get(&criterion.code).unwrap_or(&empty);
            let suggested = suggest(criterion, &a.values).verdict;
            let overridden = matches!((a.verdict, suggested), (Some(v), Some(s)) if v != s);
            let open = a
                .recommendations
                .iter()
                .filter(|r| r.status.is_open())
                .count();
            let closed = a
                .recommendations
                .iter()
                .filter(|r| matches!(r.status, ActionStatus::Done | ActionStatus::Verified))
                .count();
            let suggested_key = suggested.map(|v| verdict_key(Some(v)));
            match self.format {
                Format::Csv => {
                    let values: Vec<String> = a
                        .values
                        .iter()
                        .map(|(k, v)| format!("{k}={}", long_value(v)))
                        .collect();
                    let cells: [String; 17] = [
                        i.id.clone(),
                        i.unit.unit_code.clone(),
                        i.unit.name.clone(),
                        i.unit.province.clone(),
                        if i.unit.former_district.is_empty() {
                            i.unit.district.clone()
                        } else {
                            i.unit.former_district.clone()
                        },
                        i.date.to_string(),
                        kind_key(i.kind).into(),
                        status_key(i.status).into(),
                        sealed.to_string(),
                        i.demo.to_string(),
                        criterion.code.clone(),
                        verdict_key(a.verdict).into(),
                        suggested_key.unwrap_or_default().into(),
                        overridden.to_string(),
                        open.to_string(),
                        closed.to_string(),
                        values.join(";"),
                    ];
                    csv.write_record(cells.iter().map(|c| csv_cell(c).into_owned()))
                        .map_err(io::Error::other)?;
                }
                Format::Ndjson => {
                    let values: Map<String, Value> = a
                        .values
                        .iter()
                        .map(|(k, v)| (k.clone(), json_value(v)))
                        .collect();
                    let row = json!({
                        "inspection_id": i.id,
                        "unit_code": i.unit.unit_code,
                        "unit": i.unit.name,
                        "province": i.unit.province,
                        "former_district": if i.unit.former_district.is_empty() {
                            &i.unit.district
                        } else {
                            &i.unit.former_district
                        },
                        "date": i.date.to_string(),
                        "kind": kind_key(i.kind),
                        "status": status_key(i.status),
                        "sealed": sealed,
                        "demo": i.demo,
                        "criterion": criterion.code,
                        "verdict": verdict_key(a.verdict),
                        "suggested_verdict": suggested_key,
                        "overridden": overridden,
                        "recommendations_open": open,
                        "recommendations_closed": closed,
                        "values": values,
                    });
                    serde_json::to_writer(&mut self.out, &row)?;
                    self.out.write_all(b"\n")?;
                }
            }
            self.rows += 1;
        }
        if self.format == Format::Csv {
            let bytes = csv
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            self.out.write_all(&bytes)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}
