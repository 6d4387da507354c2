//! Sealing: a SHA-256 over a canonical form of the inspection, with digests of its parts
//! so that a broken seal can say where the content changed, chained to earlier seals.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::catalog::sha256_hex;
use super::inspection::{Inspection, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Seal {
    /// SHA-256 (hex) of the canonical content.
    pub sha256: String,
    pub by: String,
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: Timestamp,
    /// SHA-256 of each part of the content ("unit", "answers.II.3", ...), to say where a
    /// later change was made.
    #[serde(default)]
    pub parts: BTreeMap<String, String>,
    /// The seal this one replaced after a reopen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<Seal>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("only a final inspection can be sealed (it is {0:?})")]
    NotFinal(Status),
    #[error("the sealer's name is empty")]
    NoName,
}

/// What verifying a seal found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    NotSealed,
    Intact,
    /// The content changed since sealing; the parts that differ (empty when only the
    /// seal record itself was altered).
    Broken {
        changed: Vec<String>,
        expected: String,
        actual: String,
    },
}

/// JSON with object keys sorted at every level and no whitespace: the same content always
/// gives the same bytes.
pub fn canonical_json(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String(k.clone()),
                        canonical_json(&map[k.as_str()])
                    )
                })
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(canonical_json).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

/// The sealed content: everything but the seal itself, plus the hash of the seal before it.
fn content(inspection: &Inspection, previous: Option<&Seal>) -> Value {
    let mut copy = inspection.clone();
    copy.seal = None;
    copy.previous_seal = None;
    let mut value = serde_json::to_value(&copy).unwrap_or(Value::Null);
    if let (Some(obj), Some(p)) = (value.as_object_mut(), previous) {
        obj.insert(
            "previous_seal_sha256".into(),
            Value::String(p.sha256.clone()),
        );
    }
    value
}

fn parts(content: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(obj) = content.as_object() {
        for (k, v) in obj {
            match (k.as_str(), v.as_object()) {
                ("answers", Some(answers)) => {
                    for (code, a) in answers {
                        out.insert(
                            format!("answers.{code}"),
                            sha256_hex(canonical_json(a).as_bytes()),
                        );
                    }
                }
                _ => {
                    out.insert(k.clone(), sha256_hex(canonical_json(v).as_bytes()));
                }
            }
        }
    }
    out
}

impl Inspection {
    /// Seal a final inspection: status becomes sealed, the history says who and when, and
    /// the seal covers all of it and chains to any earlier seal.
    pub fn seal(&mut self, by: &str, now: Timestamp) -> Result<(), SealError> {
        if self.status != Status::Final {
            return Err(SealError::NotFinal(self.status));
        }
        let by = super::inspection::clean(by);
        if by.is_empty() {
            return Err(SealError::NoName);
        }
        let previous = self.previous_seal.take();
        self.status = Status::Sealed;
        self.record(&by, now, None, "sealed".into());
        let c = content(self, previous.as_ref());
        self.seal = Some(Seal {
            sha256: sha256_hex(canonical_json(&c).as_bytes()),
            by,
            at: now,
            parts: parts(&c),
            previous: previous.map(Box::new),
        });
        Ok(())
    }

    /// Check the seal against the content as it is now.
    pub fn verify(&self) -> Verification {
        let Some(seal) = &self.seal else {
            return Verification::NotSealed;
        };
        let c = content(self, seal.previous.as_deref());
        let actual = sha256_hex(canonical_json(&c).as_bytes());
        if actual == seal.sha256 {
            return Verification::Intact;
        }
        let now = parts(&c);
        let mut changed: Vec<String> = now
            .iter()
            .filter(|(k, v)| seal.parts.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        changed.extend(seal.parts.keys().filter(|k| !now.contains_key(*k)).cloned());
        changed.sort();
        changed.dedup();
        Verification::Broken {
            changed,
            expected: seal.sha256.clone(),
            actual,
        }
    }
}
