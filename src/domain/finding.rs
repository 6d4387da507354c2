//! The formal finding of an inspection: whether the unit meets the model standard (a rule
//! kept in the catalog), the team's conclusion, and finalising and reopening.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::inspection::{Inspection, Status, Verdict, clean, clean_multiline};
use super::progress::Progress;

/// What the team proposes at the end of an inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Proposal {
    /// Recommend recognising the unit as a model unit.
    Recognition,
    /// Recommend replicating the model to other wards.
    Replication,
    /// Not yet: the unit should fix its shortcomings first.
    NotYet,
}

pub const PROPOSALS: [Proposal; 3] = [
    Proposal::Recognition,
    Proposal::Replication,
    Proposal::NotYet,
];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Conclusion {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub proposal: Option<Proposal>,
}

/// How an inspection stands against the catalog's model standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub progress: Progress,
    pub meets: bool,
    /// Required criteria (by code) that are not met or basically met.
    pub required_missing: Vec<String>,
}

/// Whether the unit meets the model standard of `catalog` (see docs/catalog-format.md):
/// every criterion assessed, at most `max_not_met` not met, at least `min_met` fully met,
/// and every `required` criterion met or basically met.
pub fn standing(catalog: &Catalog, inspection: &Inspection) -> Standing {
    standing_with(catalog, |code| {
        inspection.answer(code).and_then(|a| a.verdict)
    })
}

/// The same, with verdicts looked up by criterion code.
pub fn standing_with(catalog: &Catalog, verdict: impl Fn(&str) -> Option<Verdict>) -> Standing {
    let progress = Progress::of_verdicts(catalog, &verdict);
    let rule = &catalog.model_standard;
    let required_missing: Vec<String> = rule
        .required
        .iter()
        .filter(|code| !matches!(verdict(code), Some(Verdict::Met | Verdict::BasicallyMet)))
        .cloned()
        .collect();
    let meets = progress.total > 0
        && progress.is_complete()
        && progress.not_met <= rule.max_not_met
        && progress.met >= rule.min_met
        && required_missing.is_empty();
    Standing {
        progress,
        meets,
        required_missing,
    }
}

/// Codes of the criteria without a verdict, in catalog order.
pub fn not_assessed(catalog: &Catalog, inspection: &Inspection) -> Vec<String> {
    catalog
        .criteria()
        .filter(|(_, c)| inspection.answer(&c.code).and_then(|a| a.verdict).is_none())
        .map(|(_, c)| c.code.clone())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeError {
    #[error("the inspection is {0:?}, not a draft")]
    NotDraft(Status),
    #[error("criteria not assessed: {}", .0.join(", "))]
    Incomplete(Vec<String>),
    #[error("the inspection is {0:?}; only a final or sealed inspection can be reopened")]
    NotClosed(Status),
    #[error("a reason is needed")]
    NoReason,
    #[error("{0} conflicts from a merge are not resolved")]
    Conflicts(usize),
}

impl Inspection {
    /// Set the team's conclusion (draft only). Returns whether anything changed.
    pub fn set_conclusion(
        &mut self,
        conclusion: Conclusion,
        by: &str,
        now: Timestamp,
    ) -> Result<bool, FinalizeError> {
        if self.status != Status::Draft {
            return Err(FinalizeError::NotDraft(self.status));
        }
        let new = Conclusion {
            text: clean_multiline(&conclusion.text),
            proposal: conclusion.proposal,
        };
        if self.conclusion.as_ref() == Some(&new) {
            return Ok(false);
        }
        let old = serde_json::json!(self.conclusion);
        self.conclusion = Some(new);
        let new = serde_json::json!(self.conclusion);
        self.record_change(by, now, None, "conclusion".into(), old, new);
        Ok(true)
    }

    /// Finalise: every criterion assessed, or `confirm_missing` lists exactly the ones
    /// that are not (so nobody finalises an incomplete inspection by accident).
    pub fn finalize(
        &mut self,
        catalog: &Catalog,
        confirm_missing: bool,
        by: &str,
        now: Timestamp,
    ) -> Result<(), FinalizeError> {
        if self.status != Status::Draft {
            return Err(FinalizeError::NotDraft(self.status));
        }
        if !self.conflicts.is_empty() {
            return Err(FinalizeError::Conflicts(self.conflicts.len()));
        }
        let missing = not_assessed(catalog, self);
        if !missing.is_empty() && !confirm_missing {
            return Err(FinalizeError::Incomplete(missing));
        }
        self.status = Status::Final;
        let note = (!missing.is_empty()).then(|| {
            format!(
                "finalized with criteria not assessed: {}",
                missing.join(", ")
            )
        });
        self.record_status(by, now, Status::Draft, note);
        Ok(())
    }

    /// Reopen a final or sealed inspection for changes; the reason goes into the history
    /// and a seal is kept so that the next one chains to it.
    pub fn reopen(&mut self, reason: &str, by: &str, now: Timestamp) -> Result<(), FinalizeError> {
        if self.status == Status::Draft {
            return Err(FinalizeError::NotClosed(self.status));
        }
        let reason = clean(reason);
        if reason.is_empty() {
            return Err(FinalizeError::NoReason);
        }
        if let Some(seal) = self.seal.take() {
            self.previous_seal = Some(seal);
        }
        let old = self.status;
        self.status = Status::Draft;
        self.record_status(by, now, old, Some(format!("reopened: {reason}")));
        Ok(())
    }
}
