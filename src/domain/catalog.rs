//! The criteria catalog: groups, criteria, indicators and verdict rules, loaded from JSON
//! and validated. A catalog is data; nothing here knows how many criteria there are.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::rule::{Condition, Test};
use super::text::Localized;

/// The catalog schema this program reads.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;
const FORMAT: &str = "kiemtra-catalog";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Catalog {
    #[serde(default = "default_format")]
    pub format: String,
    pub schema_version: u32,
    pub id: String,
    pub version: String,
    pub title: Localized,
    pub source: Localized,
    pub note: Localized,
    #[serde(default)]
    pub model_standard: ModelStandard,
    pub groups: Vec<Group>,
    /// SHA-256 of the file the catalog was read from (hex); not part of the JSON.
    #[serde(skip)]
    pub sha256: String,
}

fn default_format() -> String {
    FORMAT.to_string()
}

/// When a unit "meets the model standard" (see docs/catalog-format.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ModelStandard {
    #[serde(default)]
    pub max_not_met: usize,
    #[serde(default)]
    pub min_met: usize,
    #[serde(default)]
    pub required: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Group {
    pub code: String,
    pub title: Localized,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Criterion {
    pub number: u32,
    pub code: String,
    pub title: Localized,
    #[serde(default)]
    pub guidance: Localized,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub rule: Vec<Condition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Check,
    Count,
    Ratio,
    Choice,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Indicator {
    pub id: String,
    pub kind: IndicatorKind,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Localized>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Localized>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// A ratio whose part may be more than its whole (say, "tickets handled this year / last
    /// year"). Off by default: 30/25 is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_part_over_whole: bool,
    /// The inspector may mark the indicator "not applicable"; its conditions are then left
    /// out of the rule.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_not_applicable: bool,
    /// No verdict for the criterion until this indicator has a value (or is marked not
    /// applicable).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required_before_verdict: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Localized,
}

/// One thing wrong with a catalog; `criterion` names the criterion when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProblem {
    pub criterion: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    WrongFormat(String),
    NewerSchema(u32),
    EmptyField(&'static str),
    NoCriteria,
    DuplicateGroup(String),
    DuplicateCode(String),
    DuplicateNumber(u32),
    DuplicateIndicator(String),
    UnknownIndicator(String),
    /// The condition on this indicator has no test, or more than one.
    TestCount(String, usize),
    /// The test does not fit the indicator's kind.
    TestKind {
        indicator: String,
        test: &'static str,
        kind: IndicatorKind,
    },
    NoOptions(String),
    UnknownOption {
        indicator: String,
        option: String,
    },
    DuplicateOption {
        indicator: String,
        option: String,
    },
    BadPercent(String, String),
    /// `allow_part_over_whole` on an indicator that is not a ratio.
    PartOverWholeNotRatio(String),
    MissingRatioLabels(String),
    /// The indicator compares against itself.
    SelfComparison(String),
    UnknownRequired(String),
    BadElse(String),
}

/// Why a catalog file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("not valid JSON for a catalog: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the catalog has {} problem(s)", .0.len())]
    Invalid(Vec<CatalogProblem>),
}

impl Catalog {
    /// Parse and validate a catalog from the bytes of its file.
    pub fn from_json(bytes: &[u8]) -> Result<Catalog, CatalogError> {
        let mut catalog: Catalog = serde_json::from_slice(bytes)?;
        catalog.sha256 = sha256_hex(bytes);
        catalog.normalize();
        let problems = catalog.problems();
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }

    fn normalize(&mut self) {
        let fix = |t: &mut Localized| *t = Localized::new(&t.vi, &t.en);
        fix(&mut self.title);
        fix(&mut self.source);
        fix(&mut self.note);
        for g in &mut self.groups {
            fix(&mut g.title);
            for c in &mut g.criteria {
                fix(&mut c.title);
                fix(&mut c.guidance);
                for i in &mut c.indicators {
                    fix(&mut i.label);
                    i.numerator.iter_mut().for_each(fix);
                    i.denominator.iter_mut().for_each(fix);
                    i.options.iter_mut().for_each(|o| fix(&mut o.label));
                }
            }
        }
    }

    /// Every criterion in catalog order, with its group.
    pub fn criteria(&self) -> impl Iterator<Item = (&Group, &Criterion)> {
        self.groups
            .iter()
            .flat_map(|g| g.criteria.iter().map(move |c| (g, c)))
    }

    pub fn criterion_count(&self) -> usize {
        self.groups.iter().map(|g| g.criteria.len()).sum()
    }

    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, c)| c).find(|c| c.code == code)
    }

    /// Find a criterion by its number ("7") or its code ("II.3", case-insensitive).
    pub fn find(&self, reference: &str) -> Option<&Criterion> {
        let reference = reference.trim();
        if let Ok(n) = reference.parse::<u32>() {
            return self.criteria().map(|(_, c)| c).find(|c| c.number == n);
        }
        self.criteria()
            .map(|(_, c)| c)
            .find(|c| c.code.eq_ignore_ascii_case(reference))
    }

    /// Everything wrong with this catalog; empty when it is usable.
    pub fn problems(&self) -> Vec<CatalogProblem> {
        let mut out = Vec::new();
        let mut top = |kind| {
            out.push(CatalogProblem {
                criterion: None,
                kind,
            })
        };
        if self.format != FORMAT {
            top(ProblemKind::WrongFormat(self.format.clone()));
        }
        if self.schema_version > CATALOG_SCHEMA_VERSION {
            top(ProblemKind::NewerSchema(self.schema_version));
        }
        for (name, value) in [
            ("id", &self.id),
            ("version", &self.version),
            ("title", &self.title.vi),
            ("source", &self.source.vi),
            ("note", &self.note.vi),
        ] {
            if value.trim().is_empty() {
                top(ProblemKind::EmptyField(name));
            }
        }
        if self.criterion_count() == 0 {
            top(ProblemKind::NoCriteria);
        }
        let mut groups = HashSet::new();
        for g in &self.groups {
            if !groups.insert(g.code.as_str()) {
                top(ProblemKind::DuplicateGroup(g.code.clone()));
            }
        }
        let mut codes = HashSet::new();
        let mut numbers = HashSet::new();
        for (_, c) in self.criteria() {
            if !codes.insert(c.code.as_str()) {
                top(ProblemKind::DuplicateCode(c.code.clone()));
            }
            if !numbers.insert(c.number) {
                top(ProblemKind::DuplicateNumber(c.number));
            }
        }
        for code in &self.model_standard.required {
            if !codes.contains(code.as_str()) {
                top(ProblemKind::UnknownRequired(code.clone()));
            }
        }
        for (_, c) in self.criteria() {
            for kind in criterion_problems(c) {
                out.push(CatalogProblem {
                    criterion: Some(c.code.clone()),
                    kind,
                });
            }
        }
        out
    }
}

fn criterion_problems(c: &Criterion) -> Vec<ProblemKind> {
    let mut out = Vec::new();
    if c.code.trim().is_empty() {
        out.push(ProblemKind::EmptyField("code"));
    }
    if c.title.vi.trim().is_empty() {
        out.push(ProblemKind::EmptyField("title"));
    }
    let mut ids = HashSet::new();
    for ind in &c.indicators {
        if !ids.insert(ind.id.as_str()) {
            out.push(ProblemKind::DuplicateIndicator(ind.id.clone()));
        }
        match ind.kind {
            IndicatorKind::Choice => {
                if ind.options.is_empty() {
                    out.push(ProblemKind::NoOptions(ind.id.clone()));
                }
                let mut seen = BTreeSet::new();
                for o in &ind.options {
                    if !seen.insert(o.id.as_str()) {
                        out.push(ProblemKind::DuplicateOption {
                            indicator: ind.id.clone(),
                            option: o.id.clone(),
                        });
                    }
                }
            }
            IndicatorKind::Ratio if ind.numerator.is_none() || ind.denominator.is_none() => {
                out.push(ProblemKind::MissingRatioLabels(ind.id.clone()));
            }
            _ => {}
        }
        if ind.allow_part_over_whole && ind.kind != IndicatorKind::Ratio {
            out.push(ProblemKind::PartOverWholeNotRatio(ind.id.clone()));
        }
    }
    for cond in &c.rule {
        let Some(ind) = c.indicators.iter().find(|i| i.id == cond.indicator) else {
            out.push(ProblemKind::UnknownIndicator(cond.indicator.clone()));
            continue;
        };
        if cond.on_fail == super::Verdict::Met {
            out.push(ProblemKind::BadElse(cond.indicator.clone()));
        }
        let tests = cond.tests();
        if tests.len() != 1 {
            out.push(ProblemKind::TestCount(cond.indicator.clone(), tests.len()));
            continue;
        }
        let test = &tests[0];
        if test.fits() != ind.kind {
            out.push(ProblemKind::TestKind {
                indicator: ind.id.clone(),
                test: test.name(),
                kind: ind.kind,
            });
            continue;
        }
        match test {
            Test::AtMostIndicator(other) | Test::AtLeastIndicator(other) => {
                if other == &ind.id {
                    out.push(ProblemKind::SelfComparison(ind.id.clone()));
                } else if !c
                    .indicators
                    .iter()
                    .any(|i| &i.id == other && i.kind == IndicatorKind::Count)
                {
                    out.push(ProblemKind::UnknownIndicator(other.clone()));
                }
            }
            // Above 100% only makes sense where the part may exceed the whole.
            Test::MinPercent(p) | Test::MaxPercent(p)
                if !((0.0..=100.0).contains(p)
                    || (ind.allow_part_over_whole && p.is_finite() && *p >= 0.0)) =>
            {
                out.push(ProblemKind::BadPercent(ind.id.clone(), p.to_string()));
            }
            Test::OneOf(options) => {
                for o in options {
                    if !ind.options.iter().any(|opt| &opt.id == o) {
                        out.push(ProblemKind::UnknownOption {
                            indicator: ind.id.clone(),
                            option: o.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(2 * digest.len());
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// The keys an indicator may have in a catalog file.
const INDICATOR_KEYS: [&str; 9] = [
    "id",
    "kind",
    "label",
    "numerator",
    "denominator",
    "options",
    "allow_part_over_whole",
    "allow_not_applicable",
    "required_before_verdict",
];

/// Keys of indicators this program does not know (a misspelt flag such as
/// `required_before_verdit` would otherwise do nothing): (criterion code, indicator, key).
pub fn unknown_indicator_keys(raw: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let list = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_array()).cloned();
    for g in list(raw, "groups").unwrap_or_default() {
        for c in list(&g, "criteria").unwrap_or_default() {
            let code = c.get("code").and_then(|v| v.as_str()).unwrap_or("?");
            for ind in list(&c, "indicators").unwrap_or_default() {
                let id = ind.get("id").and_then(|v| v.as_str()).unwrap_or("?");
                for key in ind.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !INDICATOR_KEYS.contains(&key.as_str()) {
                        out.push((code.to_string(), id.to_string(), key.clone()));
                    }
                }
            }
        }
    }
    out
}
