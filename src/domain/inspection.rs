//! The inspection: who inspected which unit, when, and the answer recorded for each
//! criterion, with an append-only history of changes.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::rule::{IndicatorValue, Suggestion, ValueError, suggest};
use super::text::nfc;

/// The inspection file schema this program writes (and the newest it reads).
/// Version 2 added the conclusion, the seal and the demo mark; a version 1 file reads as
/// it is and is written as version 2, its original kept in `migrated/`.
pub const SCHEMA_VERSION: u32 = 2;

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
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Team {
    #[serde(default)]
    pub leader: String,
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recommendation {
    pub action: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub due: Option<Date>,
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
}

/// One entry of the append-only history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: Timestamp,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    pub what: String,
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
                what: format!("created for {}", unit.name),
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
        }
    }

    /// Record one entry in the history.
    pub fn record(&mut self, by: &str, now: Timestamp, criterion: Option<&str>, what: String) {
        self.updated_at = now;
        self.history.push(Change {
            at: now,
            by: clean(by),
            criterion: criterion.map(str::to_string),
            what,
        });
    }

    pub fn answer(&self, code: &str) -> Option<&Answer> {
        self.answers.get(code)
    }

    /// Apply an edit to one criterion's answer. On error nothing changes. Returns whether
    /// anything changed.
    pub fn apply(
        &mut self,
        catalog: &Catalog,
        code: &str,
        edit: &AnswerEdit,
        by: &str,
        now: Timestamp,
    ) -> Result<bool, EditError> {
        if self.status != Status::Draft {
            return Err(EditError::NotEditable(self.status));
        }
        let criterion = catalog
            .criterion(code)
            .ok_or_else(|| EditError::UnknownCriterion(code.to_string()))?;
        let before = self.answers.get(code).cloned().unwrap_or_default();
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
            if !value.fits(indicator) {
                return Err(EditError::BadValue {
                    indicator: id.clone(),
                    error: ValueError::WrongKind,
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
        if let Some(r) = &edit.reason {
            let r = clean_multiline(r);
            after.override_reason = (!r.is_empty()).then_some(r);
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
        let what = describe_change(&before, &after);
        if what.is_empty() {
            return Ok(false);
        }
        let by = clean(by);
        after.changed_by = by.clone();
        after.changed_at = Some(now);
        self.answers.insert(code.to_string(), after);
        self.updated_at = now;
        self.history.push(Change {
            at: now,
            by,
            criterion: Some(code.to_string()),
            what: what.join("; "),
        });
        Ok(true)
    }
}

fn describe_change(before: &Answer, after: &Answer) -> Vec<String> {
    let mut what = Vec::new();
    if before.verdict != after.verdict {
        what.push(format!(
            "verdict {} -> {}",
            verdict_key(before.verdict),
            verdict_key(after.verdict)
        ));
    }
    if before.override_reason != after.override_reason {
        what.push("override reason".to_string());
    }
    for (id, v) in &after.values {
        if before.values.get(id) != Some(v) {
            what.push(format!("value {id} = {}", value_text(v)));
        }
    }
    for id in before.values.keys() {
        if !after.values.contains_key(id) {
            what.push(format!("value {id} cleared"));
        }
    }
    if before.evidence != after.evidence {
        what.push("evidence".to_string());
    }
    if before.shortcomings != after.shortcomings {
        what.push("shortcomings".to_string());
    }
    if before.recommendations != after.recommendations {
        what.push("recommendations".to_string());
    }
    what
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
