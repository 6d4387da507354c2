//! Recommendations as corrective actions: each has a short id and a status (open, in
//! progress, done, verified) with a log of who changed it, when and why; a follow-up visit
//! carries what an earlier visit left open to the matching criteria.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, sha256_hex};
use super::inspection::{Answer, Inspection, NewInspection, Recommendation, Status, clean};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    Verified,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Verified,
    ];

    /// The key in the file and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Verified => "verified",
        }
    }

    /// Read a status typed on the command line ("in-progress" and "in_progress" alike).
    pub fn parse(s: &str) -> Option<ActionStatus> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::ALL.into_iter().find(|a| a.key() == s)
    }

    /// Still to be done: open or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// One change of an action's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatusChange {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: Timestamp,
    pub by: String,
    pub from: ActionStatus,
    pub to: ActionStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What an earlier visit left on a criterion: its shortcomings, to be checked again.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Carried {
    /// The id of the earlier visit.
    pub from: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub shortcomings: String,
}

/// The id of a recommendation without one: derived from where it is, so an older file
/// gives the same id every time it is read.
pub fn derived_id(inspection: &str, criterion: &str, index: usize) -> String {
    sha256_hex(format!("{inspection}\n{criterion}\n{index}").as_bytes())[..10].to_string()
}

/// Give every recommendation of a criterion that has none a short id.
pub fn give_ids(inspection: &str, criterion: &str, list: &mut [Recommendation], now: Timestamp) {
    for (i, r) in list.iter_mut().enumerate() {
        if r.id.is_empty() {
            let seed = format!("{inspection}\n{criterion}\n{i}\n{}\n{now}", r.action);
            r.id = sha256_hex(seed.as_bytes())[..10].to_string();
        }
    }
}

/// The id a recommendation is known by: its own, or the derived one.
pub fn id_of(inspection: &str, criterion: &str, index: usize, r: &Recommendation) -> String {
    if r.id.is_empty() {
        derived_id(inspection, criterion, index)
    } else {
        r.id.clone()
    }
}

/// Whether an open action is past its due date on `today`.
pub fn is_overdue(r: &Recommendation, today: Date) -> bool {
    r.status.is_open() && r.due.is_some_and(|d| d < today)
}

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("no recommendation {0} in this inspection")]
    NotFound(String),
    #[error("the inspection is sealed")]
    Sealed,
    #[error("the status is already {0:?}")]
    Unchanged(ActionStatus),
}

impl Inspection {
    /// Find a recommendation by its id (or derived id); returns criterion and index.
    pub fn find_action(&self, id: &str) -> Option<(String, usize)> {
        self.answers.iter().find_map(|(code, a)| {
            a.recommendations
                .iter()
                .enumerate()
                .find(|(i, r)| id_of(&self.id, code, *i, r) == id)
                .map(|(i, _)| (code.clone(), i))
        })
    }

    /// Change the status of one recommendation: the change goes into its log and into the
    /// inspection's history. A draft or final inspection can be changed; a sealed one
    /// cannot (its seal covers the recommendations).
    pub fn set_action_status(
        &mut self,
        id: &str,
        to: ActionStatus,
        note: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<(), ActionError> {
        let (code, index) = self
            .find_action(id)
            .ok_or_else(|| ActionError::NotFound(id.to_string()))?;
        if self.status == Status::Sealed || self.seal.is_some() {
            return Err(ActionError::Sealed);
        }
        let inspection_id = self.id.clone();
        let Some(r) = self
            .answers
            .get_mut(&code)
            .and_then(|a| a.recommendations.get_mut(index))
        else {
            return Err(ActionError::NotFound(id.to_string()));
        };
        let from = r.status;
        if from == to {
            return Err(ActionError::Unchanged(to));
        }
        if r.id.is_empty() {
            r.id = derived_id(&inspection_id, &code, index);
        }
        let note = super::inspection::clean_multiline(note);
        r.status = to;
        r.log.push(StatusChange {
            at: now,
            by: clean(by),
            from,
            to,
            note: note.clone(),
        });
        // One audit entry, old → new, with the note beside it.
        self.record_change(
            by,
            now,
            Some(&code),
            format!("answers.{code}.recommendations.{id}.status"),
            serde_json::json!(from.key()),
            serde_json::json!(to.key()),
        );
        if let Some(entry) = self.history.last_mut().filter(|_| !note.is_empty()) {
            entry.what = Some(note.clone());
        }
        Ok(())
    }
}

/// A new visit of the same unit that carries on from `previous`: for each criterion of
/// `catalog` the earlier visit left shortcomings or unverified recommendations on, the
/// answer starts with them marked as carried (recommendations keep their status and get a
/// new id, with `carried_from` naming the old one).
pub fn follow_up(
    previous: &Inspection,
    id: String,
    catalog: &Catalog,
    mut facts: NewInspection,
    now: Timestamp,
    by: &str,
) -> Inspection {
    facts.unit = previous.unit.clone();
    let mut next = Inspection::new(id, catalog, facts, now, by);
    next.follow_up_of = previous.id.clone();
    next.demo = previous.demo;
    let mut carried_codes = Vec::new();
    for (_, criterion) in catalog.criteria() {
        let Some(old) = previous.answers.get(&criterion.code) else {
            continue;
        };
        let recommendations: Vec<Recommendation> = old
            .recommendations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status != ActionStatus::Verified)
            .map(|(i, r)| Recommendation {
                id: String::new(),
                log: Vec::new(),
                carried_from: id_of(&previous.id, &criterion.code, i, r),
                ..r.clone()
            })
            .collect();
        if recommendations.is_empty() && old.shortcomings.trim().is_empty() {
            continue;
        }
        let mut answer = Answer {
            carried: Some(Carried {
                from: previous.id.clone(),
                date: Some(previous.date),
                shortcomings: old.shortcomings.clone(),
            }),
            recommendations,
            ..Answer::default()
        };
        give_ids(&next.id, &criterion.code, &mut answer.recommendations, now);
        next.answers.insert(criterion.code.clone(), answer);
        carried_codes.push(criterion.code.clone());
    }
    let what = format!(
        "follow-up of {} ({}); carried: {}",
        previous.id,
        previous.date,
        if carried_codes.is_empty() {
            "-".to_string()
        } else {
            carried_codes.join(", ")
        }
    );
    next.record(by, now, None, what);
    next
}

/// One corrective action as listed across inspections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    pub id: String,
    pub inspection: String,
    pub unit: String,
    pub unit_code: String,
    pub province: String,
    pub date: Date,
    pub criterion: String,
    pub text: String,
    pub owner: String,
    pub due: Option<Date>,
    pub status: ActionStatus,
    pub overdue: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub carried_from: String,
    pub demo: bool,
}

/// The actions of one inspection as rows.
pub fn rows(i: &Inspection, today: Date) -> Vec<ActionRow> {
    let answers = i
        .answers
        .iter()
        .map(|(code, a)| (code, a.recommendations.as_slice()));
    let whose = Whose {
        id: &i.id,
        unit: &i.unit.name,
        unit_code: &i.unit.unit_code,
        province: &i.unit.province,
        date: i.date,
        demo: i.demo,
    };
    rows_of(&whose, answers, today)
}

/// What `rows` needs of an inspection file, read without the rest of it (its history,
/// indicator values, minutes...): the Dashboard reads it from every file of a hub.
#[derive(Debug, Deserialize)]
pub struct Brief {
    schema_version: u32,
    id: String,
    unit: BriefUnit,
    date: Date,
    #[serde(default)]
    demo: bool,
    #[serde(default)]
    answers: std::collections::BTreeMap<String, BriefAnswer>,
}

#[derive(Debug, Deserialize)]
struct BriefUnit {
    name: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    unit_code: String,
}

#[derive(Debug, Deserialize)]
struct BriefAnswer {
    #[serde(default)]
    recommendations: Vec<Recommendation>,
}

/// `rows` of an inspection read briefly; none for a file of no known schema (which a
/// full reading refuses).
pub fn brief_rows(b: &Brief, today: Date) -> Vec<ActionRow> {
    if b.schema_version < 1 {
        return Vec::new();
    }
    let answers = b
        .answers
        .iter()
        .map(|(code, a)| (code, a.recommendations.as_slice()));
    let whose = Whose {
        id: &b.id,
        unit: &b.unit.name,
        unit_code: &b.unit.unit_code,
        province: &b.unit.province,
        date: b.date,
        demo: b.demo,
    };
    rows_of(&whose, answers, today)
}

/// The inspection an action row is of.
struct Whose<'a> {
    id: &'a str,
    unit: &'a str,
    unit_code: &'a str,
    province: &'a str,
    date: Date,
    demo: bool,
}

fn rows_of<'a>(
    w: &Whose<'_>,
    answers: impl Iterator<Item = (&'a String, &'a [Recommendation])>,
    today: Date,
) -> Vec<ActionRow> {
    let mut out = Vec::new();
    for (code, recommendations) in answers {
        for (k, r) in recommendations.iter().enumerate() {
            out.push(ActionRow {
                id: id_of(w.id, code, k, r),
                inspection: w.id.to_string(),
                unit: w.unit.to_string(),
                unit_code: w.unit_code.to_string(),
                province: w.province.to_string(),
                date: w.date,
                criterion: code.clone(),
                text: r.action.clone(),
                owner: r.owner.clone(),
                due: r.due,
                status: r.status,
                overdue: is_overdue(r, today),
                carried_from: r.carried_from.clone(),
                demo: w.demo,
            });
        }
    }
    out
}

/// Filters of `kiemtra actions`.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub overdue: bool,
    pub unit: Option<String>,
    pub province: Option<String>,
}

impl ActionFilter {
    pub fn keeps(&self, r: &ActionRow) -> bool {
        let has = |hay: &str, needle: &Option<String>| {
            needle.as_ref().is_none_or(|n| {
                let n = super::text::fold(n.trim());
                super::text::fold(hay).contains(&n)
            })
        };
        (!self.overdue || r.overdue)
            && (has(&r.unit, &self.unit) || self.unit.as_deref() == Some(r.unit_code.as_str()))
            && has(&r.province, &self.province)
    }
}

/// Keep the rows still being tracked: an action carried on to a later visit is followed
/// there, so its original is left out. Sorted by province, unit, due date, criterion, id.
pub fn current(mut rows: Vec<ActionRow>) -> Vec<ActionRow> {
    let carried: std::collections::HashSet<String> =
        rows.iter().map(|r| r.carried_from.clone()).collect();
    rows.retain(|r| !carried.contains(&r.id));
    // Each row's key made once: made in every comparison, the natural keys allocated
    // O(n log n) times (suspected cost of the Dashboard's actions at 100,000 files).
    rows.sort_by_cached_key(current_key);
    rows
}

/// Where a row stands in `current`'s order, as bytes that compare as the order does:
/// province and unit in natural order, then the due date (none last), the criterion and
/// the id. The Dashboard makes it once per action when it reads a file, and keeps it.
pub type CurrentKey = Box<[u8]>;

pub fn current_key(r: &ActionRow) -> CurrentKey {
    let mut out = super::rollout::natural_bytes(&r.province);
    out.extend(super::rollout::natural_bytes(&r.unit));
    match r.due {
        Some(d) => {
            out.push(0);
            // The year's sign bit flipped, so that its bytes sort as its value does.
            out.extend((d.year() as u16 ^ 0x8000).to_be_bytes());
            out.extend([d.month() as u8, d.day() as u8]);
        }
        None => out.push(1),
    }
    for text in [&r.criterion, &r.id] {
        // 0 ends the text; 0 and 1 inside it are written 1 1 and 1 2, so that no text is
        // cut short by its own bytes and the order stays the bytes' order.
        for b in text.bytes() {
            match b {
                0 | 1 => out.extend([1, b + 1]),
                _ => out.push(b),
            }
        }
        out.push(0);
    }
    out.into_boxed_slice()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod current_key_tests {
    use super::*;
    use proptest::prelude::*;

    fn row(
        province: String,
        unit: String,
        due: Option<Date>,
        criterion: String,
        id: String,
    ) -> ActionRow {
        ActionRow {
            id,
            inspection: String::new(),
            unit,
            unit_code: String::new(),
            province,
            date: Date::constant(2025, 7, 1),
            criterion,
            text: String::new(),
            owner: String::new(),
            due,
            status: ActionStatus::Open,
            overdue: false,
            carried_from: String::new(),
            demo: false,
        }
    }

    /// The order `current` had before its key became bytes: what the bytes must keep.
    fn reference(r: &ActionRow) -> impl Ord {
        (
            super::super::rollout::natural_key(&r.province),
            super::super::rollout::natural_key(&r.unit),
            r.due.is_none(),
            r.due,
            r.criterion.clone(),
            r.id.clone(),
        )
    }

    fn text() -> impl Strategy<Value = String> {
        // Digits (natural order), letters with and without accents, and the bytes the
        // key writes specially.
        // A narrow choice too, so that two rows often share their first fields and the
        // later ones decide.
        prop_oneof![
            proptest::string::string_regex("[a1]{0,2}").unwrap(),
            proptest::string::string_regex("[a-c0-9\\x00\\x01 ÁáĐđ]{0,6}").unwrap(),
        ]
    }

    fn action() -> impl Strategy<Value = ActionRow> {
        let due = proptest::option::of(prop_oneof![
            (2025i16..=2025, 1i8..=1, 1i8..=2),
            (-5i16..=9999, 1i8..=12, 1i8..=28)
        ])
        .prop_map(|d| d.map(|(y, m, day)| Date::new(y, m, day).unwrap()));
        (text(), text(), due, text(), text()).prop_map(|(p, u, due, c, id)| row(p, u, due, c, id))
    }

    proptest! {
        #[test]
        fn the_byte_key_orders_actions_as_the_fields_do(a in action(), b in action()) {
            prop_assert_eq!(
                current_key(&a).cmp(&current_key(&b)),
                reference(&a).cmp(&reference(&b)),
                "{:?} {:?}", a, b
            );
        }
    }
}
