//! Three-way merge of one inspection file, per criterion and per field. It works on JSON
//! values, not on the typed struct, so fields this version does not know travel along.
//! A field changed differently on both sides becomes an entry of `conflicts`, never a
//! silent pick; so does a change from the other side to a final or sealed inspection.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::inspection::{Inspection, Status};

/// One field changed differently on the two sides of a merge. `null` stands for "absent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Conflict {
    /// The criterion's code; `None` for a field of the inspection itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The field: "verdict", "values.safe_areas", "unit.name", "status", "answer" (the
    /// whole answer) ...
    pub field: String,
    #[serde(default)]
    pub base: Value,
    #[serde(default)]
    pub ours: Value,
    #[serde(default)]
    pub theirs: Value,
    #[serde(default)]
    pub ours_by: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date-time"))]
    pub ours_at: Option<Timestamp>,
    #[serde(default)]
    pub theirs_by: String,
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date-time"))]
    pub theirs_at: Option<Timestamp>,
}

impl Conflict {
    /// The same conflict seen from the other side.
    pub fn swapped(&self) -> Conflict {
        Conflict {
            criterion: self.criterion.clone(),
            field: self.field.clone(),
            base: self.base.clone(),
            ours: self.theirs.clone(),
            theirs: self.ours.clone(),
            ours_by: self.theirs_by.clone(),
            ours_at: self.theirs_at,
            theirs_by: self.ours_by.clone(),
            theirs_at: self.ours_at,
        }
    }

    /// Where the field lives in the file, as keys from the top: `answers`, code, field...
    pub fn path(&self) -> Vec<String> {
        let mut path = Vec::new();
        if let Some(code) = &self.criterion {
            path.push("answers".to_string());
            path.push(code.clone());
        }
        if self.field != "answer" {
            path.extend(self.field.split('.').map(str::to_string));
        }
        path
    }
}

/// Fields of an answer that follow from the others or say who changed it last: they never
/// conflict on their own; they follow the side whose answer was changed last.
const ANSWER_META: [&str; 3] = ["changed_by", "changed_at", "suggested"];

/// Who changed something last on one side, and when.
#[derive(Debug, Clone, Default)]
struct Who {
    by: String,
    at: Option<Timestamp>,
}

struct Merger {
    conflicts: Vec<Conflict>,
    ours_top: Who,
    theirs_top: Who,
    /// Set when both sides changed and that side is final or sealed: a one-sided change
    /// from the other side becomes a conflict instead of being taken.
    ours_closed: bool,
    theirs_closed: bool,
}

/// Merge `ours` and `theirs` (whole inspection files as JSON objects), given their common
/// ancestor `base` (`None` when there is none, as for two copies merged by hand). The
/// result carries every conflict in `conflicts`; it is always an object built only from
/// pieces of the inputs.
pub fn merge(base: Option<&Value>, ours: &Value, theirs: &Value) -> Value {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    let empty = Map::new();
    let (Some(o), Some(t)) = (ours.as_object(), theirs.as_object()) else {
        return ours.clone();
    };
    let b = base.and_then(Value::as_object);
    let mut m = Merger {
        conflicts: Vec::new(),
        ours_top: last_change(o),
        theirs_top: last_change(t),
        ours_closed: is_closed(o),
        theirs_closed: is_closed(t),
    };
    let mut out = Map::new();
    for key in union_keys(b.unwrap_or(&empty), o, t) {
        let (bv, ov, tv) = (b.and_then(|b| b.get(&key)), o.get(&key), t.get(&key));
        let merged = match key.as_str() {
            "history" => Some(history_union(ov, tv)),
            "updated_at" => later(ov, tv),
            "conflicts" => continue,
            "answers" => Some(m.answers(
                bv.and_then(Value::as_object).unwrap_or(&empty),
                ov.and_then(Value::as_object).unwrap_or(&empty),
                tv.and_then(Value::as_object).unwrap_or(&empty),
            )),
            _ => m.field_in(None, None, &key, bv, ov, tv),
        };
        if let Some(v) = merged {
            out.insert(key, v);
        }
    }
    let mut conflicts = carried_conflicts(
        b.and_then(|b| b.get("conflicts")),
        o.get("conflicts"),
        t.get("conflicts"),
    );
    for c in m.conflicts {
        if let Ok(v) = serde_json::to_value(&c)
            && !conflicts.contains(&v)
        {
            conflicts.push(v);
        }
    }
    if !conflicts.is_empty() {
        out.insert("conflicts".into(), Value::Array(conflicts));
    }
    Value::Object(out)
}

impl Merger {
    /// A three-way merge of one field; `None` is "absent in the result".
    fn field_in(
        &mut self,
        code: Option<&str>,
        who: Option<(&Who, &Who)>,
        path: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if o == t {
            return o.cloned();
        }
        let theirs_only = b == o;
        let ours_only = b == t;
        let guarded = (theirs_only && self.ours_closed) || (ours_only && self.theirs_closed);
        if (theirs_only || ours_only) && !guarded {
            return if theirs_only { t.cloned() } else { o.cloned() };
        }
        // Both changed, or one side changed a closed inspection: look closer inside
        // objects, so that the conflict names the smallest field.
        if let (Some(Value::Object(oo)), Some(Value::Object(to))) = (o, t)
            && b.is_none_or(Value::is_object)
        {
            let empty = Map::new();
            let bo = b.and_then(Value::as_object).unwrap_or(&empty);
            let mut out = Map::new();
            for key in union_keys(bo, oo, to) {
                let sub = format!("{path}.{key}");
                if let Some(v) =
                    self.field_in(code, who, &sub, bo.get(&key), oo.get(&key), to.get(&key))
                {
                    out.insert(key, v);
                }
            }
            return Some(Value::Object(out));
        }
        let (ours_who, theirs_who) = match who {
            Some((o, t)) => (o.clone(), t.clone()),
            None => (self.ours_top.clone(), self.theirs_top.clone()),
        };
        self.conflicts.push(Conflict {
            criterion: code.map(str::to_string),
            field: path.to_string(),
            base: b.cloned().unwrap_or(Value::Null),
            ours: o.cloned().unwrap_or(Value::Null),
            theirs: t.cloned().unwrap_or(Value::Null),
            ours_by: ours_who.by,
            ours_at: ours_who.at,
            theirs_by: theirs_who.by,
            theirs_at: theirs_who.at,
        });
        // The file keeps the closed side's value, so that its seal still holds;
        // otherwise ours, as git expects.
        if self.theirs_closed && !self.ours_closed {
            t.cloned()
        } else {
            o.cloned()
        }
    }

    fn answers(
        &mut self,
        b: &Map<String, Value>,
        o: &Map<String, Value>,
        t: &Map<String, Value>,
    ) -> Value {
        let mut codes: Vec<String> = union_keys(b, o, t);
        codes.sort();
        let empty = Map::new();
        let mut out = Map::new();
        for code in codes {
            let (bv, ov, tv) = (b.get(&code), o.get(&code), t.get(&code));
            let who = (answer_who(ov), answer_who(tv));
            let merged = match (ov, tv) {
                (Some(Value::Object(oa)), Some(Value::Object(ta)))
                    if bv.is_none_or(Value::is_object) && ov != tv =>
                {
                    let ba = bv.and_then(Value::as_object).unwrap_or(&empty);
                    Some(self.answer(&code, (&who.0, &who.1), ba, oa, ta))
                }
                _ => self.field_in(Some(&code), Some((&who.0, &who.1)), "answer", bv, ov, tv),
            };
            if let Some(v) = merged {
                out.insert(code, v);
            }
        }
        Value::Object(out)
    }

    /// Both sides have an answer for `code`: merge it field by field.
    fn answer(
        &mut self,
        code: &str,
        who: (&Who, &Who),
        b: &Map<String, Value>,
        o: &Map<String, Value>,
        t: &Map<String, Value>,
    ) -> Value {
        let mut out = Map::new();
        for key in union_keys(b, o, t) {
            if ANSWER_META.contains(&key.as_str()) {
                continue;
            }
            if let Some(v) = self.field_in(
                Some(code),
                Some(who),
                &key,
                b.get(&key),
                o.get(&key),
                t.get(&key),
            ) {
                out.insert(key, v);
            }
        }
        // Who changed it last and the rule's suggestion follow the side changed last (the
        // closed side when the other one may not change it).
        let take_theirs = if self.ours_closed != self.theirs_closed {
            self.theirs_closed
        } else {
            who.1.at > who.0.at
        };
        let side = if take_theirs { t } else { o };
        for key in ANSWER_META {
            if let Some(v) = side.get(key) {
                out.insert(key.to_string(), v.clone());
            }
        }
        Value::Object(out)
    }
}

/// Keys of the three maps: ours in its order, then those only theirs has, then those only
/// the base had.
fn union_keys(
    b: &Map<String, Value>,
    o: &Map<String, Value>,
    t: &Map<String, Value>,
) -> Vec<String> {
    let mut keys: Vec<String> = o.keys().cloned().collect();
    for k in t.keys().chain(b.keys()) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    keys
}

/// Final or sealed: its content may change only after reopening.
fn is_closed(o: &Map<String, Value>) -> bool {
    let status = o.get("status").and_then(Value::as_str).unwrap_or("draft");
    status != "draft" || o.get("seal").is_some_and(|s| !s.is_null())
}

fn timestamp(v: Option<&Value>) -> Option<Timestamp> {
    v.and_then(Value::as_str).and_then(|s| s.parse().ok())
}

fn answer_who(a: Option<&Value>) -> Who {
    Who {
        by: a
            .and_then(|a| a.get("changed_by"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        at: timestamp(a.and_then(|a| a.get("changed_at"))),
    }
}

/// The last entry of a side's history: who changed the inspection last, and when.
fn last_change(o: &Map<String, Value>) -> Who {
    let last = o
        .get("history")
        .and_then(Value::as_array)
        .and_then(|h| h.last());
    Who {
        by: last
            .and_then(|e| e.get("by"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        at: timestamp(last.and_then(|e| e.get("at"))).or_else(|| timestamp(o.get("updated_at"))),
    }
}

/// Both histories, without duplicates, ordered by time (entries at the same time keep
/// their order, ours first).
fn history_union(o: Option<&Value>, t: Option<&Value>) -> Value {
    let mut all: Vec<Value> = Vec::new();
    for e in [o, t]
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
    {
        if !all.contains(e) {
            all.push(e.clone());
        }
    }
    all.sort_by_key(|e| timestamp(e.get("at")));
    Value::Array(all)
}

/// The later of two timestamps (ours when they cannot be compared).
fn later(o: Option<&Value>, t: Option<&Value>) -> Option<Value> {
    match (timestamp(o), timestamp(t)) {
        (Some(a), Some(b)) if b > a => t.cloned(),
        (None, Some(_)) => t.cloned(),
        _ => o.or(t).cloned(),
    }
}

/// Conflicts already in the files: those a side resolved (removed) stay removed, those a
/// side found stay.
fn carried_conflicts(b: Option<&Value>, o: Option<&Value>, t: Option<&Value>) -> Vec<Value> {
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let (b, o, t) = (list(b), list(o), list(t));
    let mut out: Vec<Value> = o
        .iter()
        .filter(|c| !b.contains(c) || t.contains(c))
        .cloned()
        .collect();
    for c in t {
        if !o.contains(&c) && !b.contains(&c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Set the value at `path` in a JSON object; `null` removes the key (it stands for
/// "absent" in a conflict).
pub fn set_path(root: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        if !value.is_null() {
            *root = value;
        }
        return;
    };
    let mut cur = root;
    for key in parents {
        let Some(obj) = cur.as_object_mut() else {
            return;
        };
        cur = obj
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Some(obj) = cur.as_object_mut() {
        if value.is_null() {
            obj.remove(last);
        } else {
            obj.insert(last.clone(), value);
        }
    }
}

/// Which side a person chose for a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    Ours,
    Theirs,
    /// Keep what the file holds now; the person edits it next.
    Edited,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no conflict on {0}")]
    NoConflict(String),
    /// A final or sealed inspection is resolved only after reopening it.
    #[error("the inspection is {0:?}; reopen it first")]
    NotDraft(Status),
    #[error("the result does not fit the inspection format: {0}")]
    Invalid(String),
}

/// Whether a conflict is on `target`: a criterion's code, or a field of the inspection
/// itself ("unit", "unit.name", "status"...).
pub fn concerns(c: &Conflict, target: &str) -> bool {
    match &c.criterion {
        Some(code) => code == target,
        None => c.field == target || c.field.split('.').next() == Some(target),
    }
}

/// Decide every conflict on `target` by taking one side; the choice goes into the history.
/// Returns how many conflicts were decided.
pub fn resolve(
    inspection: &mut Inspection,
    target: &str,
    take: Take,
    by: &str,
    now: Timestamp,
) -> Result<usize, ResolveError> {
    resolve_where(inspection, |_, c| concerns(c, target), take, by, now)
        .map_err(|_| ResolveError::NoConflict(target.to_string()))
        .and_then(|r| r)
}

/// Decide the one conflict at `index` of `conflicts` (the console's choice).
pub fn resolve_at(
    inspection: &mut Inspection,
    index: usize,
    take: Take,
    by: &str,
    now: Timestamp,
) -> Result<usize, ResolveError> {
    resolve_where(inspection, |i, _| i == index, take, by, now)
        .map_err(|_| ResolveError::NoConflict(format!("#{}", index + 1)))
        .and_then(|r| r)
}

/// The conflicts `pick` chooses are decided; `Err(())` when it chooses none.
fn resolve_where(
    inspection: &mut Inspection,
    pick: impl Fn(usize, &Conflict) -> bool,
    take: Take,
    by: &str,
    now: Timestamp,
) -> Result<Result<usize, ResolveError>, ()> {
    let mut chosen = Vec::new();
    let mut kept = Vec::new();
    for (i, c) in inspection.conflicts.iter().enumerate() {
        if pick(i, c) {
            chosen.push(c.clone());
        } else {
            kept.push(c.clone());
        }
    }
    if chosen.is_empty() {
        return Err(());
    }
    Ok(apply_choice(inspection, chosen, kept, take, by, now))
}

fn apply_choice(
    inspection: &mut Inspection,
    chosen: Vec<Conflict>,
    kept: Vec<Conflict>,
    take: Take,
    by: &str,
    now: Timestamp,
) -> Result<usize, ResolveError> {
    if inspection.status != Status::Draft {
        return Err(ResolveError::NotDraft(inspection.status));
    }
    let mut value =
        serde_json::to_value(&*inspection).map_err(|e| ResolveError::Invalid(e.to_string()))?;
    for c in &chosen {
        // The lifecycle was decided by reopening: nothing to copy.
        let lifecycle = c.criterion.is_none()
            && matches!(c.field.as_str(), "status" | "seal" | "previous_seal");
        let side = match take {
            Take::Ours => &c.ours,
            Take::Theirs => &c.theirs,
            Take::Edited => continue,
        };
        if !lifecycle {
            set_path(&mut value, &c.path(), side.clone());
        }
    }
    let mut resolved: Inspection =
        serde_json::from_value(value).map_err(|e| ResolveError::Invalid(e.to_string()))?;
    resolved.conflicts = kept;
    let criterion = chosen[0].criterion.clone();
    if let Some(code) = &criterion
        && let Some(answer) = resolved.answers.get_mut(code)
    {
        answer.changed_by = super::inspection::clean(by);
        answer.changed_at = Some(now);
    }
    let fields: Vec<&str> = chosen.iter().map(|c| c.field.as_str()).collect();
    let how = match take {
        Take::Ours => "took ours",
        Take::Theirs => "took theirs",
        Take::Edited => "kept to edit",
    };
    resolved.record(
        by,
        now,
        criterion.as_deref(),
        format!("conflict resolved ({how}): {}", fields.join(", ")),
    );
    *inspection = resolved;
    Ok(chosen.len())
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
