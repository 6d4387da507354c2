//! The inspection: who inspected which unit, when, and the answer recorded for each
//! criterion, with an append-only history of changes.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::rule::{IndicatorValue, Suggestion, ValueError, suggest};
use super::text::nfc;

pub use super::history::{Change, answer_changes};

/// The inspection file schema this program writes (and the newest it reads).
/// Version 2 added the conclusion, the seal and the demo mark; version 3 the field-level
/// history (path, old → new), seal v2 and kept unknown fields. An older file reads as it
/// is and is written as the current version, its original kept in `migrated/`.
pub const SCHEMA_VERSION: u32 = 3;

/// Fields this program does not know, kept as they were so that a file written by a newer
/// kiemtra (or another tool) loses nothing when saved here, and so that the seal covers them.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A criterion's verdict. "Not assessed" is the absence of a verdict.
/// Ordered from best to worst.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Met,
    BasicallyMet,
    NotMet,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    #[default]
    Inspection,
    SelfAssessment,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    Final,
    Sealed,
}

/// Which catalog an inspection was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unit {
    pub name: String,
    #[serde(default)]
    pub ward: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub province: String,
    /// The official administrative code of the commune-level unit, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit_code: String,
    /// The district (quận / huyện) of an inspection made before July 2025, as it was then.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub former_district: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Team {
    #[serde(default)]
    pub leader: String,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub action: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub due: Option<Date>,
    /// A short stable id ("a1b2c3d4e5"), given when the recommendation is first saved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// How far the corrective action has come.
    #[serde(default)]
    pub status: super::actions::ActionStatus,
    /// Every change of status: who, when, a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<super::actions::StatusChange>,
    /// The id of the recommendation of an earlier visit that this one carries on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub carried_from: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What was recorded for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Answer {
    #[serde(default)]
    pub verdict: Option<Verdict>,
    /// The verdict the rule suggested when the answer was last changed.
    #[serde(default)]
    pub suggested: Option<Verdict>,
    /// Why the verdict differs from the suggestion; required for an override.
    #[serde(default)]
    pub override_reason: Option<String>,
    #[serde(default)]
    pub values: BTreeMap<String, IndicatorValue>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub shortcomings: String,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    #[serde(default)]
    pub changed_by: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date-time"))]
    pub changed_at: Option<Timestamp>,
    /// What an earlier visit left open on this criterion, to be checked on this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried: Option<super::actions::Carried>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Inspection {
    pub schema_version: u32,
    pub id: String,
    pub catalog: CatalogRef,
    pub unit: Unit,
    #[serde(default)]
    pub kind: InspectionKind,
    #[serde(default)]
    pub team: Team,
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Date,
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub created_at: Timestamp,
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub updated_at: Timestamp,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// The team's conclusion (free text and a proposal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<super::finding::Conclusion>,
    #[serde(default)]
    pub history: Vec<Change>,
    /// Set when the inspection is sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<super::seal::Seal>,
    /// The seal of a sealed inspection that was reopened; the next seal chains to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_seal: Option<super::seal::Seal>,
    /// Synthetic data written by `kiemtra demo`, never a real inspection.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    /// Fields changed differently on two laptops, left by a merge for a person to decide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::merge::Conflict>,
    /// The id of the earlier visit this one follows up.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub follow_up_of: String,
    /// Facts only the printed minutes need: the issuing body and who signs for the unit.
    #[serde(default, skip_serializing_if = "MinutesFacts::is_empty")]
    pub minutes: MinutesFacts,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What the heading and the signature block of the minutes name, beyond unit and team.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MinutesFacts {
    /// The issuing body ("cơ quan") at the top left, e.g. "CÔNG AN QUẬN 12".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// The unit's representative who signs the minutes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub representative: String,
    #[serde(flatten)]
    pub extra: Extra,
}

impl MinutesFacts {
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.representative.is_empty() && self.extra.is_empty()
    }
}

/// A change to one criterion's answer. `None` fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerEdit {
    /// `Some(None)` clears the verdict.
    pub verdict: Option<Option<Verdict>>,
    pub values: Vec<(String, IndicatorValue)>,
    pub clear_values: Vec<String>,
    pub evidence: Option<String>,
    pub shortcomings: Option<String>,
    pub reason: Option<String>,
    pub add_recommendation: Option<Recommendation>,
    pub recommendations: Option<Vec<Recommendation>>,
}

/// Why an edit was refused; nothing is changed when it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("criterion {0} is not in the catalog")]
    UnknownCriterion(String),
    #[error("criterion {criterion} has no indicator {indicator}")]
    UnknownIndicator {
        criterion: String,
        indicator: String,
    },
    #[error("indicator {indicator}: {error}")]
    BadValue {
        indicator: String,
        error: ValueError,
    },
    #[error("the verdict differs from the suggestion and needs a written reason")]
    OverrideNeedsReason {
        chosen: Verdict,
        suggestion: Suggestion,
    },
    #[error("the inspection is {0:?} and cannot be changed")]
    NotEditable(Status),
    /// The catalog wants these indicators filled in before a verdict is given.
    #[error("a verdict needs values for: {}", .indicators.join(", "))]
    RequiredBeforeVerdict {
        criterion: String,
        indicators: Vec<String>,
    },
}

/// Facts for a new inspection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewInspection {
    pub unit: Unit,
    pub kind: InspectionKind,
    pub team: Team,
    pub date: Option<Date>,
}

impl Inspection {
    pub fn new(
        id: String,
        catalog: &Catalog,
        facts: NewInspection,
        now: Timestamp,
        by: &str,
    ) -> Inspection {
        let date = facts
            .date
            .unwrap_or_else(|| now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
        let unit = Unit {
            name: clean(&facts.unit.name),
            ward: clean(&facts.unit.ward),
            district: clean(&facts.unit.district),
            province: clean(&facts.unit.province),
            unit_code: clean(&facts.unit.unit_code),
            former_district: clean(&facts.unit.former_district),
            extra: facts.unit.extra.clone(),
        };
        let team = Team {
            leader: clean(&facts.team.leader),
            members: facts
                .team
                .members
                .iter()
                .map(|m| clean(m))
                .filter(|m| !m.is_empty())
                .collect(),
            extra: facts.team.extra.clone(),
        };
        Inspection {
            schema_version: SCHEMA_VERSION,
            id,
            catalog: CatalogRef {
                id: catalog.id.clone(),
                version: catalog.version.clone(),
                sha256: catalog.sha256.clone(),
            },
            history: vec![Change {
                at: now,
                by: clean(by),
                criterion: None,
                path: None,
                old: None,
                new: None,
                what: Some(format!("created for {}", unit.name)),
            }],
            unit,
            kind: facts.kind,
            team,
            date,
            created_at: now,
            updated_at: now,
            status: Status::Draft,
            answers: BTreeMap::new(),
            conclusion: None,
            seal: None,
            previous_seal: None,
            demo: false,
            minutes: MinutesFacts::default(),
            follow_up_of: String::new(),
            conflicts: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Record a note in the history.
    pub fn record(&mut self, by: &str, now: Timestamp, criterion: Option<&str>, what: String) {
        self.updated_at = now;
        self.history.push(Change {
            at: now,
            by: clean(by),
            criterion: criterion.map(str::to_string),
            path: None,
            old: None,
            new: None,
            what: Some(what),
        });
    }

    pub fn answer(&self, code: &str) -> Option<&Answer> {
        self.answers.get(code)
    }

    /// Apply an edit to one criterion's answer, one history entry per changed field.
    /// On error nothing changes. Returns whether anything changed.
    pub fn apply(
        &mut self,
        catalog: &Catalog,
        code: &str,
        edit: &AnswerEdit,
        by: &str,
        now: Timestamp,
    ) -> Result<bool, EditError> {
        self.apply_with(catalog, code, edit, by, now, true)
    }

    /// Like [`Inspection::apply`]; with `record` false the history is left alone, for a
    /// field still being typed in (the console records it once, when the field is left).
    pub fn apply_with(
        &mut self,
        catalog: &Catalog,
        code: &str,
        edit: &AnswerEdit,
        by: &str,
        now: Timestamp,
        record: bool,
    ) -> Result<bool, EditError> {
        if self.status != Status::Draft {
            return Err(EditError::NotEditable(self.status));
        }
        let criterion = catalog
            .criterion(code)
            .ok_or_else(|| EditError::UnknownCriterion(code.to_string()))?;
        let mut before = self.answers.get(code).cloned().unwrap_or_default();
        // Recommendations of older files have no id yet: they keep the one derived from
        // where they are, which `kiemtra actions` already shows.
        for (i, r) in before.recommendations.iter_mut().enumerate() {
            if r.id.is_empty() {
                r.id = super::actions::derived_id(&self.id, code, i);
            }
        }
        let mut after = before.clone();
        for (id, value) in &edit.values {
            let indicator = criterion
                .indicators
                .iter()
                .find(|i| &i.id == id)
                .ok_or_else(|| EditError::UnknownIndicator {
                    criterion: code.to_string(),
                    indicator: id.clone(),
                })?;
            let value = match value {
                IndicatorValue::Text(t) => IndicatorValue::Text(nfc(t)),
                v => v.clone(),
            };
            if let Err(error) = value.check(indicator) {
                return Err(EditError::BadValue {
                    indicator: id.clone(),
                    error,
                });
            }
            after.values.insert(id.clone(), value);
        }
        for id in &edit.clear_values {
            after.values.remove(id);
        }
        if let Some(v) = edit.verdict {
            after.verdict = v;
        }
        if let Some(t) = &edit.evidence {
            after.evidence = clean_multiline(t);
        }
        if let Some(t) = &edit.shortcomings {
            after.shortcomings = clean_multiline(t);
        }
        if let Some(list) = &edit.recommendations {
            after.recommendations = list.iter().map(clean_recommendation).collect();
        }
        if let Some(r) = &edit.add_recommendation {
            after.recommendations.push(clean_recommendation(r));
        }
        // A list given whole (the console's) may carry those recommendations without ids.
        let stored = self.answers.get(code).map(|a| a.recommendations.as_slice());
        for (i, r) in after.recommendations.iter_mut().enumerate() {
            let was_without_id = stored
                .and_then(|list| list.get(i))
                .is_some_and(|o| o.id.is_empty());
            if r.id.is_empty() && was_without_id {
                r.id = super::actions::derived_id(&self.id, code, i);
            }
        }
        super::actions::give_ids(&self.id, code, &mut after.recommendations, now);
        if let Some(r) = &edit.reason {
            let r = clean_multiline(r);
            after.override_reason = (!r.is_empty()).then_some(r);
        }
        // Indicators the catalog wants before a verdict: checked when a verdict is given, or
        // when a value is cleared under one.
        if after.verdict.is_some()
            && (matches!(edit.verdict, Some(Some(_))) || !edit.clear_values.is_empty())
        {
            let missing: Vec<String> = criterion
                .indicators
                .iter()
                .filter(|i| i.required_before_verdict && !after.values.contains_key(&i.id))
                .map(|i| i.id.clone())
                .collect();
            if !missing.is_empty() {
                return Err(EditError::RequiredBeforeVerdict {
                    criterion: code.to_string(),
                    indicators: missing,
                });
            }
        }
        let suggestion = suggest(criterion, &after.values);
        after.suggested = suggestion.verdict;
        match (after.verdict, suggestion.verdict) {
            (Some(chosen), Some(s)) if chosen != s => {
                if after.override_reason.is_none() {
                    return Err(EditError::OverrideNeedsReason { chosen, suggestion });
                }
            }
            // No override: a reason would only mislead a later reader.
            _ => after.override_reason = None,
        }
        // Worked out once: the same list decides whether anything changed and is recorded.
        let changes = answer_changes(code, &before, &after);
        if changes.is_empty() {
            return Ok(false);
        }
        let by = clean(by);
        after.changed_by = by.clone();
        after.changed_at = Some(now);
        self.answers.insert(code.to_string(), after);
        self.updated_at = now;
        if record {
            for (path, old, new) in changes {
                self.record_change(&by, now, Some(code), path, old, new);
            }
        }
        Ok(true)
    }
}

/// The stable key of a verdict, as in the file and on the command line.
pub fn verdict_key(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Met) => "met",
        Some(Verdict::BasicallyMet) => "basically_met",
        Some(Verdict::NotMet) => "not_met",
        None => "not_assessed",
    }
}

/// A value as a short neutral text ("16/25", "yes", "12").
pub fn value_text(v: &IndicatorValue) -> String {
    match v {
        IndicatorValue::Check(b) => if *b { "yes" } else { "no" }.to_string(),
        IndicatorValue::Count(n) => n.to_string(),
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => format!("{numerator}/{denominator}"),
        IndicatorValue::Choice(c) => c.clone(),
        IndicatorValue::Text(t) => t.clone(),
        IndicatorValue::NotApplicable => "n/a".to_string(),
    }
}

/// NFC, trimmed, on one line.
pub fn clean(s: &str) -> String {
    nfc(s.trim())
}

/// NFC with line endings unified and trailing blank space removed.
pub fn clean_multiline(s: &str) -> String {
    nfc(&s.replace("\r\n", "\n").replace('\r', "\n"))
        .trim_end()
        .to_string()
}

fn clean_recommendation(r: &Recommendation) -> Recommendation {
    Recommendation {
        action: clean_multiline(&r.action),
        owner: clean(&r.owner),
        due: r.due,
        ..r.clone()
    }
}

/// Something in an inspection that does not fit its catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    UnknownCriterion(String),
    UnknownIndicator {
        criterion: String,
        indicator: String,
    },
    ValueDoesNotFit {
        criterion: String,
        indicator: String,
    },
    OverrideWithoutReason(String),
}

impl Inspection {
    /// Answers that do not fit `catalog`: unknown criteria or indicators, values of the
    /// wrong kind, overrides without a reason.
    pub fn problems(&self, catalog: &Catalog) -> Vec<AnswerProblem> {
        let mut out = Vec::new();
        for (code, answer) in &self.answers {
            let Some(criterion) = catalog.criterion(code) else {
                out.push(AnswerProblem::UnknownCriterion(code.clone()));
                continue;
            };
            for (id, value) in &answer.values {
                match criterion.indicators.iter().find(|i| &i.id == id) {
                    None => out.push(AnswerProblem::UnknownIndicator {
                        criterion: code.clone(),
                        indicator: id.clone(),
                    }),
                    Some(ind) if !value.fits(ind) => out.push(AnswerProblem::ValueDoesNotFit {
                        criterion: code.clone(),
                        indicator: id.clone(),
                    }),
                    Some(_) => {}
                }
            }
            let suggested = suggest(criterion, &answer.values).verdict;
            if let (Some(v), Some(s)) = (answer.verdict, suggested)
                && v != s
                && answer
                    .override_reason
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .is_empty()
            {
                out.push(AnswerProblem::OverrideWithoutReason(code.clone()));
            }
        }
        out
    }
}
