//! Unit tests of the pure domain: every indicator kind and rule, overrides, progress.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::catalog::{Catalog, CatalogError, ProblemKind};
use super::inspection::{AnswerEdit, EditError, Inspection, NewInspection, Unit};
use super::rule::{IndicatorValue, OutcomeState, ValueError, ratio_formula, suggest};
use super::{Progress, Verdict};

const MINI: &str = r#"{
  "format": "kiemtra-catalog", "schema_version": 1, "id": "mini", "version": "1",
  "title": {"vi": "Bộ thử", "en": "Test set"},
  "source": {"vi": "Tự viết cho kiểm thử"}, "note": {"vi": "Không chính thức"},
  "groups": [
    {"code": "A", "title": {"vi": "Nhóm A"}, "criteria": [
      {"number": 1, "code": "A.1", "title": {"vi": "Kỷ luật"},
       "indicators": [{"id": "clean", "kind": "check", "label": {"vi": "Không vi phạm"}}],
       "rule": [{"indicator": "clean", "expect": true}]},
      {"number": 2, "code": "A.2", "title": {"vi": "Tội phạm"},
       "indicators": [
         {"id": "this_year", "kind": "count", "label": {"vi": "Năm nay"}},
         {"id": "last_year", "kind": "count", "label": {"vi": "Năm trước"}},
         {"id": "hotspots", "kind": "count", "label": {"vi": "Điểm nóng"}}],
       "rule": [
         {"indicator": "this_year", "at_most_indicator": "last_year", "else": "basically_met"},
         {"indicator": "hotspots", "at_most": 0}]}
    ]},
    {"code": "B", "title": {"vi": "Nhóm B"}, "criteria": [
      {"number": 3, "code": "B.1", "title": {"vi": "Khu dân cư an toàn"},
       "indicators": [
         {"id": "safe", "kind": "ratio", "label": {"vi": "Tỷ lệ"},
          "numerator": {"vi": "An toàn"}, "denominator": {"vi": "Tổng"}},
         {"id": "rating", "kind": "choice", "label": {"vi": "Xếp loại"},
          "options": [{"id": "good", "label": {"vi": "Khá"}}, {"id": "weak", "label": {"vi": "Yếu"}}]},
         {"id": "models", "kind": "count", "label": {"vi": "Mô hình"}},
         {"id": "note", "kind": "text", "label": {"vi": "Ghi chú"}}],
       "rule": [
         {"indicator": "safe", "min_percent": 70},
         {"indicator": "rating", "one_of": ["good"], "else": "basically_met"},
         {"indicator": "models", "at_least": 2, "else": "basically_met"}]},
      {"number": 4, "code": "B.2", "title": {"vi": "Nhận xét"},
       "indicators": [{"id": "note", "kind": "text", "label": {"vi": "Ghi chú"}}]}
    ]}
  ]
}"#;

fn mini() -> Catalog {
    Catalog::from_json(MINI.as_bytes()).unwrap()
}

fn values(pairs: &[(&str, IndicatorValue)]) -> BTreeMap<String, IndicatorValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn ratio(n: u64, d: u64) -> IndicatorValue {
    IndicatorValue::Ratio {
        numerator: n,
        denominator: d,
    }
}

fn fresh(c: &Catalog) -> Inspection {
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Thử".into(),
            ..Unit::default()
        },
        ..NewInspection::default()
    };
    Inspection::new("id-1".into(), c, facts, Timestamp::UNIX_EPOCH, "tester")
}

#[test]
fn check_rule_meets_and_fails() {
    let c = mini();
    let cr = c.find("1").unwrap();
    let ok = suggest(cr, &values(&[("clean", IndicatorValue::Check(true))]));
    assert_eq!(ok.verdict, Some(Verdict::Met));
    let bad = suggest(cr, &values(&[("clean", IndicatorValue::Check(false))]));
    assert_eq!(bad.verdict, Some(Verdict::NotMet));
    assert_eq!(suggest(cr, &BTreeMap::new()).verdict, None);
}

#[test]
fn count_against_another_count_and_a_threshold() {
    let c = mini();
    let cr = c.find("A.2").unwrap();
    let v = |this, last, hot| {
        suggest(
            cr,
            &values(&[
                ("this_year", IndicatorValue::Count(this)),
                ("last_year", IndicatorValue::Count(last)),
                ("hotspots", IndicatorValue::Count(hot)),
            ]),
        )
    };
    assert_eq!(
        v(5, 5, 0).verdict,
        Some(Verdict::Met),
        "equal to last year is held down"
    );
    assert_eq!(v(6, 5, 0).verdict, Some(Verdict::BasicallyMet));
    assert_eq!(v(4, 5, 1).verdict, Some(Verdict::NotMet));
    let detail = format!("{:?}", v(6, 5, 0).outcomes[0].detail);
    assert!(detail.contains("6 > 5"), "{detail}");
}

#[test]
fn ratio_just_below_and_at_threshold() {
    let c = mini();
    let cr = c.find("B.1").unwrap();
    let with = |v: IndicatorValue| {
        suggest(
            cr,
            &values(&[
                ("safe", v),
                ("rating", IndicatorValue::Choice("good".into())),
                ("models", IndicatorValue::Count(3)),
            ]),
        )
    };
    assert_eq!(with(ratio(16, 25)).verdict, Some(Verdict::NotMet));
    assert_eq!(
        with(ratio(7, 10)).verdict,
        Some(Verdict::Met),
        "exactly 70% meets 70%"
    );
    assert_eq!(with(ratio(6999, 10000)).verdict, Some(Verdict::NotMet));
    assert_eq!(with(ratio(69, 100)).verdict, Some(Verdict::NotMet));
    assert_eq!(
        ratio_formula(16, 25, 70.0, true, false),
        "16/25 = 64% < 70%"
    );
    assert_eq!(ratio_formula(7, 10, 70.0, true, true), "7/10 = 70% ≥ 70%");
    // Just under never reads as equal to the threshold.
    assert_eq!(
        ratio_formula(6999, 10000, 70.0, true, false),
        "6999/10000 = 69.99% < 70%"
    );
    assert_eq!(ratio_formula(2, 3, 70.0, true, false), "2/3 = 66.7% < 70%");
}

#[test]
fn choice_and_minimum_count_give_basically_met() {
    let c = mini();
    let cr = c.find("B.1").unwrap();
    let s = suggest(
        cr,
        &values(&[
            ("safe", ratio(20, 25)),
            ("rating", IndicatorValue::Choice("weak".into())),
            ("models", IndicatorValue::Count(2)),
        ]),
    );
    assert_eq!(s.verdict, Some(Verdict::BasicallyMet));
    let s = suggest(
        cr,
        &values(&[
            ("safe", ratio(20, 25)),
            ("rating", IndicatorValue::Choice("good".into())),
            ("models", IndicatorValue::Count(1)),
        ]),
    );
    assert_eq!(s.verdict, Some(Verdict::BasicallyMet));
}

#[test]
fn a_hard_failure_decides_even_while_values_are_missing() {
    let c = mini();
    let cr = c.find("B.1").unwrap();
    let s = suggest(cr, &values(&[("safe", ratio(1, 25))]));
    assert_eq!(s.verdict, Some(Verdict::NotMet));
    let s = suggest(cr, &values(&[("safe", ratio(25, 25))]));
    assert_eq!(s.verdict, None, "no suggestion while a value is missing");
    assert!(s.outcomes.iter().any(|o| o.state == OutcomeState::Missing));
}

#[test]
fn text_only_criterion_never_suggests() {
    let c = mini();
    let cr = c.find("B.2").unwrap();
    let s = suggest(cr, &values(&[("note", IndicatorValue::Text("x".into()))]));
    assert_eq!(s.verdict, None);
}

#[test]
fn parsing_typed_values_per_kind() {
    let c = mini();
    let b1 = c.find("B.1").unwrap();
    let ind = |id: &str| b1.indicators.iter().find(|i| i.id == id).unwrap();
    assert_eq!(
        IndicatorValue::parse(ind("safe"), " 16 / 25 "),
        Ok(ratio(16, 25))
    );
    assert_eq!(
        IndicatorValue::parse(ind("safe"), "3/0"),
        Err(ValueError::ZeroDenominator)
    );
    assert_eq!(
        IndicatorValue::parse(ind("safe"), "64%"),
        Err(ValueError::NotRatio)
    );
    assert_eq!(
        IndicatorValue::parse(ind("models"), "-1"),
        Err(ValueError::NotCount)
    );
    assert_eq!(
        IndicatorValue::parse(ind("models"), "12"),
        Ok(IndicatorValue::Count(12))
    );
    assert!(matches!(
        IndicatorValue::parse(ind("rating"), "excellent"),
        Err(ValueError::UnknownOption(_))
    ));
    let a1 = c.find("1").unwrap();
    for yes in ["có", "co", "yes", "Y", "1"] {
        assert_eq!(
            IndicatorValue::parse(&a1.indicators[0], yes),
            Ok(IndicatorValue::Check(true))
        );
    }
    for no in ["không", "khong", "no", "0"] {
        assert_eq!(
            IndicatorValue::parse(&a1.indicators[0], no),
            Ok(IndicatorValue::Check(false))
        );
    }
    assert_eq!(
        IndicatorValue::parse(&a1.indicators[0], "maybe"),
        Err(ValueError::NotYesNo)
    );
}

#[test]
fn override_needs_a_written_reason() {
    let c = mini();
    let mut i = fresh(&c);
    let set_clean = AnswerEdit {
        values: vec![("clean".into(), IndicatorValue::Check(false))],
        ..AnswerEdit::default()
    };
    i.apply(&c, "A.1", &set_clean, "a", Timestamp::UNIX_EPOCH)
        .unwrap();
    let before = i.clone();
    let met = AnswerEdit {
        verdict: Some(Some(Verdict::Met)),
        ..AnswerEdit::default()
    };
    let err = i
        .apply(&c, "A.1", &met, "a", Timestamp::UNIX_EPOCH)
        .unwrap_err();
    assert!(matches!(
        err,
        EditError::OverrideNeedsReason {
            chosen: Verdict::Met,
            ..
        }
    ));
    assert_eq!(i, before, "a refused edit changes nothing");
    let blank = AnswerEdit {
        reason: Some("   ".into()),
        ..met.clone()
    };
    assert!(
        i.apply(&c, "A.1", &blank, "a", Timestamp::UNIX_EPOCH)
            .is_err()
    );
    let with_reason = AnswerEdit {
        reason: Some("Đã khắc phục sau kiểm tra".into()),
        ..met
    };
    assert!(
        i.apply(&c, "A.1", &with_reason, "a", Timestamp::UNIX_EPOCH)
            .unwrap()
    );
    let a = i.answer("A.1").unwrap();
    assert_eq!(a.verdict, Some(Verdict::Met));
    assert_eq!(a.suggested, Some(Verdict::NotMet));
    assert_eq!(
        a.override_reason.as_deref(),
        Some("Đã khắc phục sau kiểm tra")
    );
    assert!(i.problems(&c).is_empty());
}

#[test]
fn agreeing_with_the_suggestion_needs_no_reason_and_drops_an_old_one() {
    let c = mini();
    let mut i = fresh(&c);
    let edit = AnswerEdit {
        values: vec![("clean".into(), IndicatorValue::Check(true))],
        verdict: Some(Some(Verdict::Met)),
        reason: Some("thừa".into()),
        ..AnswerEdit::default()
    };
    i.apply(&c, "A.1", &edit, "a", Timestamp::UNIX_EPOCH)
        .unwrap();
    assert_eq!(i.answer("A.1").unwrap().override_reason, None);
}

#[test]
fn edits_are_recorded_in_history_with_who_and_when() {
    let c = mini();
    let mut i = fresh(&c);
    let at = Timestamp::from_second(1_700_000_000).unwrap();
    let edit = AnswerEdit {
        verdict: Some(Some(Verdict::NotMet)),
        evidence: Some("Sổ đăng ký".into()),
        ..AnswerEdit::default()
    };
    assert!(i.apply(&c, "B.2", &edit, "Trần B", at).unwrap());
    assert!(
        !i.apply(&c, "B.2", &edit, "Trần B", at).unwrap(),
        "same edit twice is no change"
    );
    let last = i.history.last().unwrap();
    assert_eq!(last.by, "Trần B");
    assert_eq!(last.at, at);
    assert_eq!(last.criterion.as_deref(), Some("B.2"));
    // One entry per changed field, each with its path and old → new.
    assert_eq!(i.history.len(), 3);
    let verdict = &i.history[1];
    assert_eq!(verdict.path.as_deref(), Some("answers.B.2.verdict"));
    assert_eq!(verdict.old, Some(serde_json::Value::Null));
    assert_eq!(verdict.new, Some(serde_json::json!("not_met")));
    assert_eq!(last.path.as_deref(), Some("answers.B.2.evidence"));
    assert_eq!(last.new, Some(serde_json::json!("Sổ đăng ký")));
    assert_eq!(i.answer("B.2").unwrap().changed_by, "Trần B");
}

#[test]
fn edits_are_stored_as_nfc() {
    let c = mini();
    let mut i = fresh(&c);
    let decomposed = "Phu\u{031b}o\u{031b}\u{0300}ng";
    let edit = AnswerEdit {
        evidence: Some(decomposed.into()),
        values: vec![("note".into(), IndicatorValue::Text(decomposed.into()))],
        ..AnswerEdit::default()
    };
    i.apply(&c, "B.2", &edit, "a", Timestamp::UNIX_EPOCH)
        .unwrap();
    let a = i.answer("B.2").unwrap();
    assert_eq!(a.evidence, "Phường");
    assert_eq!(a.values["note"], IndicatorValue::Text("Phường".into()));
    let facts = NewInspection {
        unit: Unit {
            name: format!("Công an {decomposed}"),
            ..Unit::default()
        },
        ..NewInspection::default()
    };
    let n = Inspection::new("x".into(), &c, facts, Timestamp::UNIX_EPOCH, "a");
    assert_eq!(n.unit.name, "Công an Phường");
}

#[test]
fn unknown_criterion_or_indicator_or_wrong_kind_is_refused() {
    let c = mini();
    let mut i = fresh(&c);
    let e = AnswerEdit {
        values: vec![("nope".into(), IndicatorValue::Count(1))],
        ..AnswerEdit::default()
    };
    assert!(matches!(
        i.apply(&c, "A.1", &e, "a", Timestamp::UNIX_EPOCH),
        Err(EditError::UnknownIndicator { .. })
    ));
    assert!(matches!(
        i.apply(&c, "Z.9", &e, "a", Timestamp::UNIX_EPOCH),
        Err(EditError::UnknownCriterion(_))
    ));
    let wrong = AnswerEdit {
        values: vec![("clean".into(), IndicatorValue::Count(1))],
        ..AnswerEdit::default()
    };
    assert!(matches!(
        i.apply(&c, "A.1", &wrong, "a", Timestamp::UNIX_EPOCH),
        Err(EditError::BadValue { .. })
    ));
}

#[test]
fn progress_per_group_and_overall() {
    let c = mini();
    let mut i = fresh(&c);
    for (code, v) in [
        ("A.1", Verdict::Met),
        ("A.2", Verdict::NotMet),
        ("B.2", Verdict::BasicallyMet),
    ] {
        let e = AnswerEdit {
            verdict: Some(Some(v)),
            ..AnswerEdit::default()
        };
        i.apply(&c, code, &e, "a", Timestamp::UNIX_EPOCH).unwrap();
    }
    let p = Progress::of(&c, &i);
    assert_eq!(
        (p.total, p.assessed, p.met, p.basically_met, p.not_met),
        (4, 3, 1, 1, 1)
    );
    assert_eq!(p.not_assessed(), 1);
    let a = Progress::of_group(&c.groups[0], &i);
    assert_eq!((a.total, a.assessed, a.met, a.not_met), (2, 2, 1, 1));
    let clear = AnswerEdit {
        verdict: Some(None),
        ..AnswerEdit::default()
    };
    i.apply(&c, "A.1", &clear, "a", Timestamp::UNIX_EPOCH)
        .unwrap();
    assert_eq!(Progress::of(&c, &i).assessed, 2);
}

#[test]
fn catalog_validation_names_the_criterion() {
    let broken = MINI
        .replace(r#""code": "A.2""#, r#""code": "A.1""#)
        .replace(
            r#""indicator": "hotspots", "at_most": 0"#,
            r#""indicator": "ghost", "at_most": 0"#,
        )
        .replace(r#""one_of": ["good"]"#, r#""min_percent": 50"#);
    let Err(CatalogError::Invalid(problems)) = Catalog::from_json(broken.as_bytes()) else {
        panic!("broken catalog accepted");
    };
    let kinds: Vec<_> = problems.iter().map(|p| (&p.criterion, &p.kind)).collect();
    assert!(
        kinds.contains(&(&None, &ProblemKind::DuplicateCode("A.1".into()))),
        "{kinds:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.criterion.as_deref() == Some("A.1")
                && p.kind == ProblemKind::UnknownIndicator("ghost".into()))
    );
    assert!(problems.iter().any(|p| p.criterion.as_deref() == Some("B.1")
        && matches!(&p.kind, ProblemKind::TestKind { indicator, .. } if indicator == "rating")));
}

#[test]
fn catalog_validation_checks_thresholds_and_options() {
    let broken = MINI
        .replace(r#""min_percent": 70"#, r#""min_percent": 170"#)
        .replace(r#""one_of": ["good"]"#, r#""one_of": ["great"]"#);
    let Err(CatalogError::Invalid(problems)) = Catalog::from_json(broken.as_bytes()) else {
        panic!("broken catalog accepted");
    };
    assert!(
        problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::BadPercent(..)))
    );
    assert!(problems.iter().any(
        |p| matches!(&p.kind, ProblemKind::UnknownOption { option, .. } if option == "great")
    ));
}

#[test]
fn finds_criteria_by_number_or_code_whatever_the_count() {
    let c = mini();
    assert_eq!(c.criterion_count(), 4);
    assert_eq!(c.find("3").unwrap().code, "B.1");
    assert_eq!(c.find("b.1").unwrap().number, 3);
    assert!(c.find("5").is_none());
}

#[test]
fn unit_and_team_changes_are_recorded_old_to_new() {
    let c = mini();
    let mut i = fresh(&c);
    let start = i.history.len();
    let mut unit = i.unit.clone();
    unit.name = "Công an phường Mới".into();
    let mut team = i.team.clone();
    team.members.push("Lê C".into());
    let at = Timestamp::from_second(1_700_000_000).unwrap();
    assert!(i.set_unit_and_team(&unit, &team, i.date, "Hà", at).unwrap());
    let paths: Vec<_> = i.history[start..]
        .iter()
        .map(|c| c.path.clone().unwrap())
        .collect();
    assert_eq!(paths, vec!["unit.name", "team.members"]);
    assert_eq!(
        i.history[start].new,
        Some(serde_json::json!("Công an phường Mới"))
    );
    assert!(
        !i.set_unit_and_team(&unit, &team, i.date, "Hà", at).unwrap(),
        "no change twice"
    );
}
