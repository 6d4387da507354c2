//! How the minutes put recorded facts into words: dates and numbers in the reader's
//! convention (19/05/2022 and 64,5% in Vietnamese; 19 May 2022 and 64.5% in English),
//! indicator values by their labels, and the rule's suggestion with indicator names.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::catalog::{Criterion, Indicator};
use crate::domain::rule::{Condition, IndicatorValue, OutcomeState, Test, ratio_passes};
use crate::domain::{Lang, Verdict};
use crate::i18n::{self, pick};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the reader writes it: 19/05/2022, or 19 May 2022.
pub fn date(l: Lang, d: Date) -> String {
    match l {
        Lang::Vi => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Lang::En => format!("{} {} {}", d.day(), month(d), d.year()),
    }
}

fn month(d: Date) -> &'static str {
    MONTHS[(d.month() as usize).saturating_sub(1) % 12]
}

/// The place and date line of an administrative document: "Phường X, ngày 19 tháng 5 năm
/// 2022" (the place is left out when none was recorded).
pub fn place_date(l: Lang, place: &str, d: Date) -> String {
    let when = pick(
        l,
        format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year()),
        format!("{} {} {}", d.day(), month(d), d.year()),
    );
    if place.is_empty() {
        // "ngày …" opens the line, so it takes a capital.
        let mut c = when.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        format!("{place}, {when}")
    }
}

/// A moment in local time: 19/05/2022 10:30, or 19 May 2022 10:30.
pub fn time(l: Lang, t: Timestamp) -> String {
    let z = t.to_zoned_datetime(jiff::tz::TimeZone::system());
    format!("{} {:02}:{:02}", date(l, z.date()), z.hour(), z.minute())
}

/// A decimal number in the reader's convention (the point becomes a comma in Vietnamese).
pub fn decimal(l: Lang, s: &str) -> String {
    match l {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s.to_string(),
    }
}

/// A percentage with at most `decimals` decimals, trailing zeros dropped.
fn percent(l: Lang, p: f64, decimals: usize) -> String {
    let s = format!("{p:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    decimal(l, &s)
}

/// A recorded value, as a reader understands it: choice labels, yes/no, 16/25 = 64%.
pub fn value(l: Lang, indicator: Option<&Indicator>, v: &IndicatorValue) -> String {
    match v {
        IndicatorValue::Check(b) => i18n::yes_no(l, *b).to_string(),
        IndicatorValue::NotApplicable => crate::i18n::programme::not_applicable(l).to_string(),
        IndicatorValue::Count(n) => n.to_string(),
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => {
            if *denominator == 0 {
                format!("{numerator}/{denominator}")
            } else {
                let p = *numerator as f64 * 100.0 / *denominator as f64;
                format!("{numerator}/{denominator} = {}%", percent(l, p, 1))
            }
        }
        IndicatorValue::Choice(id) => indicator
            .and_then(|i| i.options.iter().find(|o| &o.id == id))
            .map(|o| o.label.get(l).to_string())
            .unwrap_or_else(|| id.clone()),
        IndicatorValue::Text(t) => t.clone(),
    }
}

/// Every value recorded for a criterion, as (label, value) in catalog order, then any
/// value for an indicator the catalog does not know (by its id), so nothing is lost.
/// Indicators without a value are listed with "not entered".
pub fn values(
    l: Lang,
    c: &Criterion,
    recorded: &std::collections::BTreeMap<String, IndicatorValue>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = c
        .indicators
        .iter()
        .map(|ind| {
            let shown = recorded
                .get(&ind.id)
                .map(|v| value(l, Some(ind), v))
                .unwrap_or_else(|| not_entered(l).to_string());
            (ind.label.get(l).to_string(), shown)
        })
        .collect();
    for (id, v) in recorded {
        if !c.indicators.iter().any(|i| &i.id == id) {
            out.push((id.clone(), value(l, None, v)));
        }
    }
    out
}

pub fn not_entered(l: Lang) -> &'static str {
    pick(l, "(chưa nhập)", "(not entered)")
}

/// The rule's suggestion in words, one condition after another, with indicator labels:
/// "Tỷ lệ khu dân cư an toàn 16/25 = 64% < 70%; … → Chưa đạt". Empty without a rule.
pub fn suggestion(
    l: Lang,
    c: &Criterion,
    recorded: &std::collections::BTreeMap<String, IndicatorValue>,
    suggested: Option<Verdict>,
    outcomes: &[crate::domain::rule::Outcome],
) -> String {
    let conditions: Vec<&Condition> = c.rule.iter().filter(|r| !r.tests().is_empty()).collect();
    if conditions.is_empty() {
        return String::new();
    }
    let label = |id: &str| {
        c.indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.label.get(l).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let parts: Vec<String> = conditions
        .iter()
        .zip(outcomes)
        .filter_map(|(cond, outcome)| {
            let test = cond.tests().into_iter().next()?;
            let name = label(&cond.indicator);
            let v = recorded.get(&cond.indicator);
            if outcome.state == OutcomeState::Missing {
                return Some(format!("{name}: {}", not_entered(l)));
            }
            let pass = outcome.state == OutcomeState::Pass;
            Some(match (&test, v) {
                (Test::AtMost(limit), Some(IndicatorValue::Count(n))) => {
                    format!("{name} {n} {} {limit}", op(true, pass))
                }
                (Test::AtLeast(limit), Some(IndicatorValue::Count(n))) => {
                    format!("{name} {n} {} {limit}", op(false, pass))
                }
                (Test::AtMostIndicator(other), Some(IndicatorValue::Count(n)))
                | (Test::AtLeastIndicator(other), Some(IndicatorValue::Count(n))) => {
                    let at_most = matches!(test, Test::AtMostIndicator(_));
                    let limit = match recorded.get(other) {
                        Some(IndicatorValue::Count(m)) => m.to_string(),
                        _ => "?".into(),
                    };
                    format!("{name} {n} {} {} {limit}", op(at_most, pass), label(other))
                }
                (
                    Test::MinPercent(p) | Test::MaxPercent(p),
                    Some(IndicatorValue::Ratio {
                        numerator,
                        denominator,
                    }),
                ) if *denominator > 0 => {
                    let at_least = matches!(test, Test::MinPercent(_));
                    let pass = ratio_passes(*numerator, *denominator, *p, at_least);
                    format!(
                        "{name} {numerator}/{denominator} = {}% {} {}%",
                        shown_percent(l, *numerator, *denominator, *p),
                        op(!at_least, pass),
                        percent(l, *p, 1)
                    )
                }
                (_, Some(v)) => format!("{name}: {}", value(l, find(c, &cond.indicator), v)),
                (_, None) => format!("{name}: {}", not_entered(l)),
            })
        })
        .collect();
    format!("{} → {}", parts.join("; "), i18n::verdict(l, suggested))
}

fn find<'a>(c: &'a Criterion, id: &str) -> Option<&'a Indicator> {
    c.indicators.iter().find(|i| i.id == id)
}

/// The comparison sign: `at_most` tests read ≤ when they pass and > when they fail.
fn op(at_most: bool, pass: bool) -> &'static str {
    match (at_most, pass) {
        (true, true) => "≤",
        (true, false) => ">",
        (false, true) => "≥",
        (false, false) => "<",
    }
}

/// Enough decimals that a value just beside the threshold never reads as equal to it.
fn shown_percent(l: Lang, part: u64, whole: u64, limit: f64) -> String {
    let actual = part as f64 * 100.0 / whole as f64;
    let limit_text = percent(l, limit, 1);
    let mut decimals = 1;
    let mut shown = percent(l, actual, decimals);
    while shown == limit_text && actual != limit && decimals < 6 {
        decimals += 1;
        shown = percent(l, actual, decimals);
    }
    shown
}

/// The lines of a multi-line text, each without a typed bullet ("- ", "• ", "+ ", "* "):
/// the list the minutes draw gives each line its own bullet.
pub fn items(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            for bullet in ["- ", "– ", "• ", "+ ", "* "] {
                if let Some(rest) = s.strip_prefix(bullet) {
                    return rest.trim_start().to_string();
                }
            }
            s.to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_decimals_follow_the_reader() {
        let d = jiff::civil::date(2022, 5, 19);
        assert_eq!(date(Lang::Vi, d), "19/05/2022");
        assert_eq!(date(Lang::En, d), "19 May 2022");
        assert_eq!(
            place_date(Lang::Vi, "Phường Tân Chánh Hiệp", d),
            "Phường Tân Chánh Hiệp, ngày 19 tháng 5 năm 2022"
        );
        assert_eq!(place_date(Lang::Vi, "", d), "Ngày 19 tháng 5 năm 2022");
        assert_eq!(decimal(Lang::Vi, "94.7"), "94,7");
        let r = IndicatorValue::Ratio {
            numerator: 18,
            denominator: 19,
        };
        assert_eq!(value(Lang::Vi, None, &r), "18/19 = 94,7%");
        assert_eq!(value(Lang::En, None, &r), "18/19 = 94.7%");
    }

    #[test]
    fn typed_bullets_become_items() {
        assert_eq!(
            items("- Thiếu sổ\n\n• Camera hỏng\nKhông bullet"),
            ["Thiếu sổ", "Camera hỏng", "Không bullet"]
        );
    }
}
