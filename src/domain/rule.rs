//! Indicator values and the verdict rule: how the values an inspector enters turn into a
//! suggested verdict, with a step-by-step account of why ("16/25 = 64% < 70%").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalog::{Criterion, Indicator, IndicatorKind};
use super::inspection::Verdict;

/// One condition of a criterion's rule, as written in the catalog file.
/// Exactly one of the test fields is set in a valid catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Condition {
    pub indicator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most_indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least_indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<String>>,
    /// How bad a failure is.
    #[serde(rename = "else", default = "not_met")]
    pub on_fail: Verdict,
}

fn not_met() -> Verdict {
    Verdict::NotMet
}

/// The test of a condition, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Expect(bool),
    AtMost(u64),
    AtLeast(u64),
    AtMostIndicator(String),
    AtLeastIndicator(String),
    MinPercent(f64),
    MaxPercent(f64),
    OneOf(Vec<String>),
}

impl Test {
    /// The indicator kind this test applies to.
    pub fn fits(&self) -> IndicatorKind {
        match self {
            Test::Expect(_) => IndicatorKind::Check,
            Test::AtMost(_)
            | Test::AtLeast(_)
            | Test::AtMostIndicator(_)
            | Test::AtLeastIndicator(_) => IndicatorKind::Count,
            Test::MinPercent(_) | Test::MaxPercent(_) => IndicatorKind::Ratio,
            Test::OneOf(_) => IndicatorKind::Choice,
        }
    }

    /// The key of this test in the catalog file.
    pub fn name(&self) -> &'static str {
        match self {
            Test::Expect(_) => "expect",
            Test::AtMost(_) => "at_most",
            Test::AtLeast(_) => "at_least",
            Test::AtMostIndicator(_) => "at_most_indicator",
            Test::AtLeastIndicator(_) => "at_least_indicator",
            Test::MinPercent(_) => "min_percent",
            Test::MaxPercent(_) => "max_percent",
            Test::OneOf(_) => "one_of",
        }
    }
}

impl Condition {
    /// All tests written on this condition (a valid catalog has exactly one).
    pub fn tests(&self) -> Vec<Test> {
        let mut t = Vec::new();
        if let Some(v) = self.expect {
            t.push(Test::Expect(v));
        }
        if let Some(v) = self.at_most {
            t.push(Test::AtMost(v));
        }
        if let Some(v) = self.at_least {
            t.push(Test::AtLeast(v));
        }
        if let Some(v) = &self.at_most_indicator {
            t.push(Test::AtMostIndicator(v.clone()));
        }
        if let Some(v) = &self.at_least_indicator {
            t.push(Test::AtLeastIndicator(v.clone()));
        }
        if let Some(v) = self.min_percent {
            t.push(Test::MinPercent(v));
        }
        if let Some(v) = self.max_percent {
            t.push(Test::MaxPercent(v));
        }
        if let Some(v) = &self.one_of {
            t.push(Test::OneOf(v.clone()));
        }
        t
    }
}

/// A value entered for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorValue {
    Check(bool),
    Count(u64),
    Ratio {
        numerator: u64,
        denominator: u64,
    },
    Choice(String),
    Text(String),
    /// The indicator does not apply to this unit (only where the catalog allows it).
    NotApplicable,
}

/// Words that mean "not applicable" when typed for an indicator (folded).
const NOT_APPLICABLE: [&str; 6] = ["n/a", "na", "kad", "khong ap dung", "not applicable", "-"];

/// Why a typed-in value does not fit its indicator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("expected yes or no")]
    NotYesNo,
    #[error("expected a whole number of 0 or more")]
    NotCount,
    #[error("expected two whole numbers as PART/WHOLE, for example 16/25")]
    NotRatio,
    #[error("the whole of a ratio must be more than 0")]
    ZeroDenominator,
    #[error("not one of the options: {0}")]
    UnknownOption(String),
    #[error("this kind of value does not fit the indicator")]
    WrongKind,
    #[error("the part of a ratio cannot be more than the whole")]
    PartOverWhole,
    #[error("this indicator cannot be marked not applicable")]
    NotApplicableNotAllowed,
}

impl IndicatorValue {
    /// The kind of indicator this value is for; `None` for "not applicable", which fits
    /// any kind whose indicator allows it.
    pub fn kind(&self) -> Option<IndicatorKind> {
        match self {
            IndicatorValue::Check(_) => Some(IndicatorKind::Check),
            IndicatorValue::Count(_) => Some(IndicatorKind::Count),
            IndicatorValue::Ratio { .. } => Some(IndicatorKind::Ratio),
            IndicatorValue::Choice(_) => Some(IndicatorKind::Choice),
            IndicatorValue::Text(_) => Some(IndicatorKind::Text),
            IndicatorValue::NotApplicable => None,
        }
    }

    /// Read a value typed by a person for `indicator` (command line or form).
    pub fn parse(indicator: &Indicator, input: &str) -> Result<IndicatorValue, ValueError> {
        let s = input.trim();
        let folded = super::text::fold(s);
        if NOT_APPLICABLE.contains(&folded.as_str()) {
            if indicator.allow_not_applicable {
                return Ok(IndicatorValue::NotApplicable);
            }
            // A text indicator takes the words as text; any other says why not.
            if indicator.kind != IndicatorKind::Text {
                return Err(ValueError::NotApplicableNotAllowed);
            }
        }
        let value = Self::parse_kind(indicator, input)?;
        value.check(indicator)?;
        Ok(value)
    }

    fn parse_kind(indicator: &Indicator, input: &str) -> Result<IndicatorValue, ValueError> {
        let s = input.trim();
        match indicator.kind {
            IndicatorKind::Check => parse_yes_no(s).map(IndicatorValue::Check),
            IndicatorKind::Count => parse_count(s).map(IndicatorValue::Count),
            IndicatorKind::Ratio => {
                let (a, b) = s.split_once('/').ok_or(ValueError::NotRatio)?;
                let numerator = parse_count(a.trim()).map_err(|_| ValueError::NotRatio)?;
                let denominator = parse_count(b.trim()).map_err(|_| ValueError::NotRatio)?;
                if denominator == 0 {
                    return Err(ValueError::ZeroDenominator);
                }
                Ok(IndicatorValue::Ratio {
                    numerator,
                    denominator,
                })
            }
            IndicatorKind::Choice => indicator
                .options
                .iter()
                .find(|o| o.id == s)
                .map(|o| IndicatorValue::Choice(o.id.clone()))
                .ok_or_else(|| {
                    let ids: Vec<&str> = indicator.options.iter().map(|o| o.id.as_str()).collect();
                    ValueError::UnknownOption(ids.join(", "))
                }),
            IndicatorKind::Text => Ok(IndicatorValue::Text(super::text::nfc(input))),
        }
    }

    /// Whether this value fits the indicator (kind and, for a choice, a known option).
    pub fn fits(&self, indicator: &Indicator) -> bool {
        self.check(indicator).is_ok()
    }

    /// Why this value does not fit the indicator: the wrong kind, an unknown option, a
    /// ratio whose part is more than its whole (unless the catalog allows it), "not
    /// applicable" where the catalog does not allow it.
    pub fn check(&self, indicator: &Indicator) -> Result<(), ValueError> {
        let ok = match self {
            IndicatorValue::NotApplicable => {
                return if indicator.allow_not_applicable {
                    Ok(())
                } else {
                    Err(ValueError::NotApplicableNotAllowed)
                };
            }
            IndicatorValue::Choice(id) => {
                indicator.kind == IndicatorKind::Choice
                    && indicator.options.iter().any(|o| &o.id == id)
            }
            IndicatorValue::Ratio {
                numerator,
                denominator,
            } => {
                if indicator.kind == IndicatorKind::Ratio
                    && *denominator > 0
                    && numerator > denominator
                    && !indicator.allow_part_over_whole
                {
                    return Err(ValueError::PartOverWhole);
                }
                indicator.kind == IndicatorKind::Ratio && *denominator > 0
            }
            v => v.kind() == Some(indicator.kind),
        };
        if ok {
            Ok(())
        } else {
            Err(ValueError::WrongKind)
        }
    }
}

fn parse_yes_no(s: &str) -> Result<bool, ValueError> {
    let folded = super::text::fold(s);
    match folded.as_str() {
        "yes" | "y" | "true" | "1" | "co" | "c" | "dat" => Ok(true),
        "no" | "n" | "false" | "0" | "khong" | "k" => Ok(false),
        _ => Err(ValueError::NotYesNo),
    }
}

fn parse_count(s: &str) -> Result<u64, ValueError> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValueError::NotCount);
    }
    s.parse().map_err(|_| ValueError::NotCount)
}

/// How one condition came out.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub indicator: String,
    pub on_fail: Verdict,
    pub state: OutcomeState,
    pub detail: Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeState {
    Pass,
    Fail,
    /// A value the condition needs has not been entered yet.
    Missing,
}

/// The facts behind an outcome, for the explanation shown to the inspector.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Missing,
    Check {
        actual: bool,
        expected: bool,
    },
    Count {
        formula: String,
    },
    Ratio {
        formula: String,
    },
    Choice {
        actual: String,
        allowed: Vec<String>,
    },
}

/// A suggested verdict and the outcome of every condition that led to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub verdict: Option<Verdict>,
    pub outcomes: Vec<Outcome>,
}

/// Compute the suggested verdict for a criterion from the values entered so far.
pub fn suggest(criterion: &Criterion, values: &BTreeMap<String, IndicatorValue>) -> Suggestion {
    let outcomes: Vec<Outcome> = criterion
        .rule
        .iter()
        .filter_map(|cond| {
            let test = cond.tests().into_iter().next()?;
            // A condition on an indicator that does not apply is left out of the rule.
            let na = |id: &str| values.get(id) == Some(&IndicatorValue::NotApplicable);
            if na(&cond.indicator) {
                return None;
            }
            if let Test::AtMostIndicator(other) | Test::AtLeastIndicator(other) = &test
                && na(other)
            {
                return None;
            }
            let (state, detail) = evaluate(&test, values.get(&cond.indicator), values);
            Some(Outcome {
                indicator: cond.indicator.clone(),
                on_fail: cond.on_fail,
                state,
                detail,
            })
        })
        .collect();
    let failed = |v: Verdict| {
        outcomes
            .iter()
            .any(|o| o.state == OutcomeState::Fail && o.on_fail == v)
    };
    let verdict = if outcomes.is_empty() {
        None
    } else if failed(Verdict::NotMet) {
        Some(Verdict::NotMet)
    } else if outcomes.iter().any(|o| o.state == OutcomeState::Missing) {
        None
    } else if failed(Verdict::BasicallyMet) {
        Some(Verdict::BasicallyMet)
    } else {
        Some(Verdict::Met)
    };
    Suggestion { verdict, outcomes }
}

fn evaluate(
    test: &Test,
    value: Option<&IndicatorValue>,
    all: &BTreeMap<String, IndicatorValue>,
) -> (OutcomeState, Detail) {
    let missing = (OutcomeState::Missing, Detail::Missing);
    let state = |pass: bool| {
        if pass {
            OutcomeState::Pass
        } else {
            OutcomeState::Fail
        }
    };
    match (test, value) {
        (Test::Expect(expected), Some(IndicatorValue::Check(actual))) => (
            state(actual == expected),
            Detail::Check {
                actual: *actual,
                expected: *expected,
            },
        ),
        (Test::AtMost(limit), Some(IndicatorValue::Count(n))) => count(*n, *limit, true),
        (Test::AtLeast(limit), Some(IndicatorValue::Count(n))) => count(*n, *limit, false),
        (Test::AtMostIndicator(other), Some(IndicatorValue::Count(n)))
        | (Test::AtLeastIndicator(other), Some(IndicatorValue::Count(n))) => match all.get(other) {
            Some(IndicatorValue::Count(limit)) => {
                count(*n, *limit, matches!(test, Test::AtMostIndicator(_)))
            }
            _ => missing,
        },
        (
            Test::MinPercent(p) | Test::MaxPercent(p),
            Some(IndicatorValue::Ratio {
                numerator,
                denominator,
            }),
        ) if *denominator > 0 => {
            let at_least = matches!(test, Test::MinPercent(_));
            let pass = ratio_passes(*numerator, *denominator, *p, at_least);
            (
                state(pass),
                Detail::Ratio {
                    formula: ratio_formula(*numerator, *denominator, *p, at_least, pass),
                },
            )
        }
        (Test::OneOf(allowed), Some(IndicatorValue::Choice(actual))) => (
            state(allowed.contains(actual)),
            Detail::Choice {
                actual: actual.clone(),
                allowed: allowed.clone(),
            },
        ),
        _ => missing,
    }
}

fn count(n: u64, limit: u64, at_most: bool) -> (OutcomeState, Detail) {
    let pass = if at_most { n <= limit } else { n >= limit };
    let op = match (at_most, pass) {
        (true, true) => "≤",
        (true, false) => ">",
        (false, true) => "≥",
        (false, false) => "<",
    };
    let state = if pass {
        OutcomeState::Pass
    } else {
        OutcomeState::Fail
    };
    (
        state,
        Detail::Count {
            formula: format!("{n} {op} {limit}"),
        },
    )
}

/// Whether part/whole, in percent, is at least (or at most) `percent`; exact for the
/// whole numbers an inspection deals in.
pub fn ratio_passes(part: u64, whole: u64, percent: f64, at_least: bool) -> bool {
    let lhs = part as f64 * 100.0;
    let rhs = percent * whole as f64;
    if at_least { lhs >= rhs } else { lhs <= rhs }
}

/// "16/25 = 64% < 70%": the ratio, its percentage and how it compares with the threshold.
pub fn ratio_formula(part: u64, whole: u64, percent: f64, at_least: bool, pass: bool) -> String {
    let op = match (at_least, pass) {
        (true, true) => "≥",
        (true, false) => "<",
        (false, true) => "≤",
        (false, false) => ">",
    };
    let actual = part as f64 * 100.0 / whole as f64;
    let limit = format_percent(percent, 1);
    // Show enough decimals that a value just under the threshold never reads as equal to it.
    let mut shown = format_percent(actual, 1);
    let mut decimals = 1;
    while shown == limit && actual != percent && decimals < 6 {
        decimals += 1;
        shown = format_percent(actual, decimals);
    }
    format!("{part}/{whole} = {shown}% {op} {limit}%")
}

fn format_percent(p: f64, decimals: usize) -> String {
    let s = format!("{p:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}
