//! Two visits compared criterion by criterion: the verdict, each indicator value and the
//! shortcomings. Typical uses: a unit's self-assessment against the team's inspection, and
//! last year's visit against this year's.

use jiff::civil::Date;
use serde::Serialize;

use super::catalog::Catalog;
use super::inspection::{Answer, Inspection, InspectionKind, Status, value_text, verdict_key};

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub id: String,
    pub unit: String,
    pub province: String,
    pub date: Date,
    pub kind: InspectionKind,
    pub status: Status,
}

/// An indicator whose value differs ("" when not entered).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueChange {
    pub indicator: String,
    pub a: String,
    pub b: String,
}

/// A criterion on which the two differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    pub criterion: String,
    pub title: String,
    /// "met", "basically_met", "not_met" or "not_assessed".
    pub a_verdict: &'static str,
    pub b_verdict: &'static str,
    pub values: Vec<ValueChange>,
    pub a_shortcomings: String,
    pub b_shortcomings: String,
}

impl Changed {
    pub fn verdict_changed(&self) -> bool {
        self.a_verdict != self.b_verdict
    }
    pub fn shortcomings_changed(&self) -> bool {
        self.a_shortcomings != self.b_shortcomings
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub a: Side,
    pub b: Side,
    /// Whether both were made with the same catalog (id and version).
    pub same_catalog: bool,
    pub changed: Vec<Changed>,
    /// How many criteria agree in every respect.
    pub unchanged: usize,
}

fn side(i: &Inspection) -> Side {
    Side {
        id: i.id.clone(),
        unit: i.unit.name.clone(),
        province: i.unit.province.clone(),
        date: i.date,
        kind: i.kind,
        status: i.status,
    }
}

/// Compare `a` with `b`, in the order of `b`'s catalog (then criteria only `a`'s catalog
/// has); titles in `lang`.
pub fn compare(
    a: &Inspection,
    a_catalog: &Catalog,
    b: &Inspection,
    b_catalog: &Catalog,
    lang: super::Lang,
) -> Diff {
    let mut codes: Vec<(String, String)> = b_catalog
        .criteria()
        .map(|(_, c)| (c.code.clone(), c.title.get(lang).to_string()))
        .collect();
    for (_, c) in a_catalog.criteria() {
        if !codes.iter().any(|(code, _)| code == &c.code) {
            codes.push((c.code.clone(), c.title.get(lang).to_string()));
        }
    }
    let empty = Answer::default();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for (code, title) in codes {
        let x = a.answers.get(&code).unwrap_or(&empty);
        let y = b.answers.get(&code).unwrap_or(&empty);
        let mut ids: Vec<&String> = x.values.keys().chain(y.values.keys()).collect();
        ids.sort();
        ids.dedup();
        let values: Vec<ValueChange> = ids
            .into_iter()
            .filter(|id| x.values.get(*id) != y.values.get(*id))
            .map(|id| ValueChange {
                indicator: id.clone(),
                a: x.values.get(id).map(value_text).unwrap_or_default(),
                b: y.values.get(id).map(value_text).unwrap_or_default(),
            })
            .collect();
        let c = Changed {
            criterion: code,
            title,
            a_verdict: verdict_key(x.verdict),
            b_verdict: verdict_key(y.verdict),
            values,
            a_shortcomings: x.shortcomings.clone(),
            b_shortcomings: y.shortcomings.clone(),
        };
        if c.verdict_changed() || c.shortcomings_changed() || !c.values.is_empty() {
            changed.push(c);
        } else {
            unchanged += 1;
        }
    }
    Diff {
        a: side(a),
        b: side(b),
        same_catalog: a.catalog.id == b.catalog.id && a.catalog.version == b.catalog.version,
        changed,
        unchanged,
    }
}
