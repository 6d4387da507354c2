//! The audit trail: one history entry per changed field, with who, when, the field's
//! path and its value before and after. Entries written before schema 3 carry a sentence
//! (`what`) instead and still load.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::inspection::{Answer, EditError, Inspection, Status, Team, Unit, clean};

/// One entry of the append-only history: who changed which field (`path`, such as
/// `answers.III.1.verdict`), when, from what to what. Entries of files written before
/// schema 3 carry a sentence in `what` instead and still load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: Timestamp,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The value before; `Some(null)` when the field was empty.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub old: Option<serde_json::Value>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub new: Option<serde_json::Value>,
    /// A note instead of a field change (an old file's entry, "created", a demo mark).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
}

/// A present field, even `null`, is `Some`: `old: null` means "was empty", not "unknown".
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

impl Inspection {
    /// Record one changed field in the history: its path, old value and new value (a
    /// value too long to repeat in every entry is kept as its digest, see [`kept_value`]).
    pub fn record_change(
        &mut self,
        by: &str,
        now: Timestamp,
        criterion: Option<&str>,
        path: String,
        old: serde_json::Value,
        new: serde_json::Value,
    ) {
        self.updated_at = now;
        self.history.push(Change {
            at: now,
            by: clean(by),
            criterion: criterion.map(str::to_string),
            path: Some(path),
            old: Some(kept_value(old)),
            new: Some(kept_value(new)),
            what: None,
        });
    }

    /// Record a change of status (draft → final, final → sealed, back to draft), with a
    /// note when there is more to say (the reason for reopening, criteria left out).
    pub fn record_status(&mut self, by: &str, now: Timestamp, old: Status, note: Option<String>) {
        self.record_change(
            by,
            now,
            None,
            "status".into(),
            serde_json::json!(old),
            serde_json::json!(self.status),
        );
        if let Some(last) = self.history.last_mut() {
            last.what = note;
        }
    }

    /// Change the inspected unit or the team (draft only), one history entry per changed
    /// field (`unit.name`, `team.members`, ...). Fields another program wrote are kept.
    /// Returns whether anything changed.
    pub fn set_unit_and_team(
        &mut self,
        unit: &Unit,
        team: &Team,
        date: jiff::civil::Date,
        by: &str,
        now: Timestamp,
    ) -> Result<bool, EditError> {
        use serde_json::json;
        if self.status != Status::Draft {
            return Err(EditError::NotEditable(self.status));
        }
        let new_unit = Unit {
            name: clean(&unit.name),
            ward: clean(&unit.ward),
            district: clean(&unit.district),
            province: clean(&unit.province),
            unit_code: clean(&unit.unit_code),
            former_district: clean(&unit.former_district),
            extra: self.unit.extra.clone(),
        };
        let new_team = Team {
            leader: clean(&team.leader),
            members: team
                .members
                .iter()
                .map(|m| clean(m))
                .filter(|m| !m.is_empty())
                .collect(),
            extra: self.team.extra.clone(),
        };
        let mut changes = Vec::new();
        for (field, old, new) in [
            ("unit.name", &self.unit.name, &new_unit.name),
            ("unit.ward", &self.unit.ward, &new_unit.ward),
            ("unit.district", &self.unit.district, &new_unit.district),
            ("unit.province", &self.unit.province, &new_unit.province),
            ("unit.unit_code", &self.unit.unit_code, &new_unit.unit_code),
            (
                "unit.former_district",
                &self.unit.former_district,
                &new_unit.former_district,
            ),
            ("team.leader", &self.team.leader, &new_team.leader),
        ] {
            if old != new {
                changes.push((field, json!(old), json!(new)));
            }
        }
        if self.team.members != new_team.members {
            changes.push((
                "team.members",
                json!(self.team.members),
                json!(new_team.members),
            ));
        }
        if self.date != date {
            changes.push((
                "date",
                json!(self.date.to_string()),
                json!(date.to_string()),
            ));
        }
        for (field, old, new) in &changes {
            self.record_change(by, now, None, field.to_string(), old.clone(), new.clone());
        }
        self.unit = new_unit;
        self.team = new_team;
        self.date = date;
        Ok(!changes.is_empty())
    }

    /// Record every field that differs between two states of one criterion's answer,
    /// one entry each. Returns how many entries were written.
    pub fn record_answer_change(
        &mut self,
        code: &str,
        before: &Answer,
        after: &Answer,
        by: &str,
        now: Timestamp,
    ) -> usize {
        let changes = answer_changes(code, before, after);
        let n = changes.len();
        for (path, old, new) in changes {
            self.record_change(by, now, Some(code), path, old, new);
        }
        n
    }
}

/// The fields that differ between two states of an answer: (path, old, new), in the
/// order a reader expects (verdict first). An empty field is `null`.
pub fn answer_changes(
    code: &str,
    before: &Answer,
    after: &Answer,
) -> Vec<(String, serde_json::Value, serde_json::Value)> {
    use serde_json::{Value, json};
    fn text(s: &str) -> Value {
        if s.is_empty() { Value::Null } else { json!(s) }
    }
    let base = format!("answers.{code}");
    let mut out = Vec::new();
    if before.verdict != after.verdict {
        out.push((
            format!("{base}.verdict"),
            json!(before.verdict),
            json!(after.verdict),
        ));
    }
    if before.override_reason != after.override_reason {
        out.push((
            format!("{base}.override_reason"),
            json!(before.override_reason),
            json!(after.override_reason),
        ));
    }
    let ids: std::collections::BTreeSet<&String> =
        before.values.keys().chain(after.values.keys()).collect();
    for id in ids {
        let (b, a) = (before.values.get(id), after.values.get(id));
        if b != a {
            out.push((format!("{base}.values.{id}"), json!(b), json!(a)));
        }
    }
    if before.evidence != after.evidence {
        out.push((
            format!("{base}.evidence"),
            text(&before.evidence),
            text(&after.evidence),
        ));
    }
    if before.shortcomings != after.shortcomings {
        out.push((
            format!("{base}.shortcomings"),
            text(&before.shortcomings),
            text(&after.shortcomings),
        ));
    }
    if before.recommendations != after.recommendations {
        out.push((
            format!("{base}.recommendations"),
            json!(before.recommendations),
            json!(after.recommendations),
        ));
    }
    out
}

/// The longest value (in bytes of its text, or of its JSON) a history entry repeats whole.
/// Evidence is a few lines; a pasted 100 KB text edited fifty times would otherwise grow
/// the file past what kiemtra reads.
pub const HISTORY_VALUE_LIMIT: usize = 4096;

/// A value as a history entry keeps it: whole when short; when longer, its SHA-256 (of the
/// text's UTF-8 bytes, or of the value's RFC 8785 JSON), its length and how it starts, so
/// that a copy can still be matched to the entry.
pub fn kept_value(v: serde_json::Value) -> serde_json::Value {
    use serde_json::{Value, json};
    // Short texts (nearly every change) are kept without copying them to measure them.
    let bytes = match &v {
        Value::Null | Value::Bool(_) | Value::Number(_) => return v,
        Value::String(s) if s.len() <= HISTORY_VALUE_LIMIT => return v,
        Value::String(s) => s.as_bytes().to_vec(),
        other => super::seal::jcs(other),
    };
    if bytes.len() <= HISTORY_VALUE_LIMIT {
        return v;
    }
    let text = String::from_utf8_lossy(&bytes);
    json!({
        "sha256": super::catalog::sha256_hex(&bytes),
        "bytes": bytes.len(),
        "start": text.chars().take(200).collect::<String>(),
    })
}
