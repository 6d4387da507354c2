//! Unit tests of the programme's domain: roll-out standings and renames, actions and
//! follow-ups, visits compared, and the catalog's indicator logic.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::date;

use super::actions::{ActionError, ActionStatus, current, follow_up, rows};
use super::catalog::Catalog;
use super::diff::compare;
use super::inspection::{
    AnswerEdit, EditError, Inspection, InspectionKind, NewInspection, Recommendation, Status, Unit,
};
use super::rollout::{Latest, Rename, RosterUnit, Standing, UnitRecord};
use super::rule::{IndicatorValue, ValueError, suggest};
use super::{Lang, Verdict};

const LOGIC: &str = r#"{
  "format": "kiemtra-catalog", "schema_version": 1, "id": "logic", "version": "1",
  "title": {"vi": "Bộ thử"}, "source": {"vi": "Tự viết cho kiểm thử"}, "note": {"vi": "Không chính thức"},
  "groups": [{"code": "A", "title": {"vi": "Nhóm A"}, "criteria": [
    {"number": 1, "code": "A.1", "title": {"vi": "Tỷ lệ"},
     "indicators": [
       {"id": "safe", "kind": "ratio", "label": {"vi": "Tỷ lệ"}, "numerator": {"vi": "T"}, "denominator": {"vi": "M"},
        "required_before_verdict": true},
       {"id": "growth", "kind": "ratio", "label": {"vi": "Tăng"}, "numerator": {"vi": "T"}, "denominator": {"vi": "M"},
        "allow_part_over_whole": true, "allow_not_applicable": true},
       {"id": "this_year", "kind": "count", "label": {"vi": "Năm nay"}},
       {"id": "last_year", "kind": "count", "label": {"vi": "Năm trước"}, "allow_not_applicable": true}],
     "rule": [
       {"indicator": "safe", "min_percent": 70},
       {"indicator": "growth", "min_percent": 110, "else": "basically_met"},
       {"indicator": "this_year", "at_most_indicator": "last_year", "else": "basically_met"}]}
  ]}]
}"#;

fn logic() -> Catalog {
    Catalog::from_json(LOGIC.as_bytes()).unwrap()
}

fn ind<'c>(c: &'c Catalog, id: &str) -> &'c crate::domain::Indicator {
    c.criterion("A.1")
        .unwrap()
        .indicators
        .iter()
        .find(|i| i.id == id)
        .unwrap()
}

#[test]
fn a_part_over_its_whole_is_refused_unless_the_catalog_allows_it() {
    let c = logic();
    assert_eq!(
        IndicatorValue::parse(ind(&c, "safe"), "30/25"),
        Err(ValueError::PartOverWhole)
    );
    assert!(IndicatorValue::parse(ind(&c, "growth"), "30/25").is_ok());
    // Also when the value comes another way than typed.
    let mut i = Inspection::new(
        "x".into(),
        &c,
        NewInspection::default(),
        Timestamp::UNIX_EPOCH,
        "t",
    );
    let edit = AnswerEdit {
        values: vec![(
            "safe".into(),
            IndicatorValue::Ratio {
                numerator: 30,
                denominator: 25,
            },
        )],
        ..AnswerEdit::default()
    };
    assert!(matches!(
        i.apply(&c, "A.1", &edit, "t", Timestamp::UNIX_EPOCH),
        Err(EditError::BadValue {
            error: ValueError::PartOverWhole,
            ..
        })
    ));
}

#[test]
fn not_applicable_leaves_its_conditions_out_of_the_rule() {
    let c = logic();
    let cr = c.criterion("A.1").unwrap();
    assert_eq!(
        IndicatorValue::parse(ind(&c, "safe"), "n/a"),
        Err(ValueError::NotApplicableNotAllowed)
    );
    assert_eq!(
        IndicatorValue::parse(ind(&c, "growth"), "Không áp dụng"),
        Ok(IndicatorValue::NotApplicable)
    );
    let v: BTreeMap<String, IndicatorValue> = [
        (
            "safe",
            IndicatorValue::Ratio {
                numerator: 20,
                denominator: 25,
            },
        ),
        ("growth", IndicatorValue::NotApplicable),
        ("this_year", IndicatorValue::Count(9)),
        ("last_year", IndicatorValue::NotApplicable),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let s = suggest(cr, &v);
    // growth and the comparison with last_year are left out; safe alone decides.
    assert_eq!(s.outcomes.len(), 1);
    assert_eq!(s.verdict, Some(Verdict::Met));
}

#[test]
fn a_verdict_waits_for_the_required_indicators() {
    let c = logic();
    let mut i = Inspection::new(
        "x".into(),
        &c,
        NewInspection::default(),
        Timestamp::UNIX_EPOCH,
        "t",
    );
    let verdict = AnswerEdit {
        verdict: Some(Some(Verdict::Met)),
        ..AnswerEdit::default()
    };
    assert_eq!(
        i.apply(&c, "A.1", &verdict, "t", Timestamp::UNIX_EPOCH),
        Err(EditError::RequiredBeforeVerdict {
            criterion: "A.1".into(),
            indicators: vec!["safe".into()],
        })
    );
    let with_value = AnswerEdit {
        values: vec![(
            "safe".into(),
            IndicatorValue::Ratio {
                numerator: 20,
                denominator: 25,
            },
        )],
        reason: Some("đủ".into()),
        ..verdict
    };
    assert_eq!(
        i.apply(&c, "A.1", &with_value, "t", Timestamp::UNIX_EPOCH),
        Ok(true)
    );
    // Clearing it under the verdict is refused too.
    let clear = AnswerEdit {
        clear_values: vec!["safe".into()],
        ..AnswerEdit::default()
    };
    assert!(matches!(
        i.apply(&c, "A.1", &clear, "t", Timestamp::UNIX_EPOCH),
        Err(EditError::RequiredBeforeVerdict { .. })
    ));
}

fn record(id: &str, unit: &str, standing: Standing, day: i8, meets: bool) -> UnitRecord {
    UnitRecord {
        id: id.into(),
        unit: unit.into(),
        unit_code: String::new(),
        district: String::new(),
        province: "Hà Nội".into(),
        date: date(2025, 6, day),
        updated_at: Timestamp::UNIX_EPOCH,
        standing,
        meets,
        assessed: 22,
        total: 22,
        not_met: vec![],
        demo: false,
    }
}

#[test]
fn each_unit_counts_once_under_its_best_standing() {
    let mut l = Latest::default();
    // Inspected last month, a draft visit under way now: inspected, the final one decides.
    l.add(record(
        "a1",
        "Công an phường Láng",
        Standing::Inspected,
        1,
        true,
    ));
    l.add(record(
        "a2",
        "CÔNG AN PHƯỜNG LÁNG",
        Standing::InProgress,
        20,
        false,
    ));
    // Only a draft inspection and a self-assessment: in progress.
    l.add(record(
        "b1",
        "Công an phường Kim Liên",
        Standing::SelfAssessed,
        1,
        true,
    ));
    l.add(record(
        "b2",
        "Công an phường Kim Liên",
        Standing::InProgress,
        2,
        false,
    ));
    // Only a self-assessment that would meet the standard: not inspected.
    l.add(record(
        "c1",
        "Công an phường Hồng Hà",
        Standing::SelfAssessed,
        3,
        true,
    ));
    let r = l.rollout(&[], None, 5);
    assert_eq!(
        (
            r.units_inspected,
            r.units_meeting_all,
            r.units_in_progress,
            r.units_self_assessed,
            r.inspections_read
        ),
        (1, 1, 1, 1, 5)
    );
    assert_eq!(r.provinces[0].units_in_progress, 1);
}

#[test]
fn a_rename_counts_the_old_ward_for_the_new_one_and_codes_match_first() {
    let map = vec![Rename {
        old_unit: "Công an phường Bến Nghé".into(),
        old_district: "Quận 1".into(),
        new_unit: "Công an phường Sài Gòn".into(),
        new_unit_code: "26734".into(),
        ..Rename::default()
    }];
    let mut old = record(
        "o",
        "Công an phường Bến Nghé",
        Standing::Inspected,
        1,
        false,
    );
    old.district = "quan 1".into();
    Rename::apply_all(&map, &mut old);
    let mut new = record("n", "Công an phường Sài Gòn", Standing::Inspected, 2, true);
    new.unit_code = "26734".into();
    let mut l = Latest::default();
    l.add(old);
    l.add(new);
    let roster = [RosterUnit {
        unit: "Tên khác".into(),
        unit_code: "26734".into(),
        ..RosterUnit::default()
    }];
    let r = l.rollout(&roster, None, 5);
    assert_eq!((r.units_inspected, r.units_meeting_all), (1, 1));
    assert!(r.never_inspected.is_empty(), "found by its code");
}

fn visit(c: &Catalog, id: &str, kind: InspectionKind) -> Inspection {
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Láng".into(),
            province: "Hà Nội".into(),
            ..Unit::default()
        },
        kind,
        date: Some(date(2024, 3, 1)),
        ..NewInspection::default()
    };
    Inspection::new(id.into(), c, facts, Timestamp::UNIX_EPOCH, "t")
}

#[test]
fn actions_change_status_with_a_log_and_follow_ups_carry_what_is_open() {
    let c = crate::store::default_catalog();
    let mut first = visit(&c, "first", InspectionKind::Inspection);
    for (code, action) in [("I.1", "Hồ sơ"), ("I.2", "Lãnh đạo")] {
        let edit = AnswerEdit {
            shortcomings: Some(format!("Thiếu {action}")),
            add_recommendation: Some(Recommendation {
                action: action.into(),
                due: Some(date(2024, 6, 1)),
                ..Recommendation::default()
            }),
            ..AnswerEdit::default()
        };
        first
            .apply(&c, code, &edit, "t", Timestamp::UNIX_EPOCH)
            .unwrap();
    }
    let list = rows(&first, date(2025, 1, 1));
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .all(|r| r.overdue && r.status == ActionStatus::Open)
    );
    let id = list[1].id.clone();
    first
        .set_action_status(
            &id,
            ActionStatus::Verified,
            "xong",
            "Lê Văn C",
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
    assert_eq!(
        first.set_action_status(&id, ActionStatus::Verified, "", "t", Timestamp::UNIX_EPOCH),
        Err(ActionError::Unchanged(ActionStatus::Verified))
    );
    let r = &first.answers["I.2"].recommendations[0];
    assert_eq!((r.log.len(), r.log[0].by.as_str()), (1, "Lê Văn C"));
    let entry = first.history.last().unwrap();
    assert_eq!(
        (entry.old.clone(), entry.new.clone(), entry.what.as_deref()),
        (
            Some(serde_json::json!("open")),
            Some(serde_json::json!("verified")),
            Some("xong")
        )
    );
    assert!(entry.path.as_deref().unwrap().ends_with(".status"));

    first.status = Status::Final;
    let next = follow_up(
        &first,
        "next".into(),
        &c,
        NewInspection::default(),
        Timestamp::UNIX_EPOCH,
        "t",
    );
    assert_eq!(next.follow_up_of, "first");
    assert_eq!(next.unit.name, "Công an phường Láng");
    assert_eq!(
        next.answers["I.1"].recommendations[0].carried_from,
        list[0].id
    );
    assert_eq!(
        next.answers["I.1"].carried.as_ref().unwrap().shortcomings,
        "Thiếu Hồ sơ"
    );
    assert!(
        next.answers["I.2"].recommendations.is_empty(),
        "verified stays behind"
    );
    assert!(
        next.answers["I.2"].carried.is_some(),
        "its shortcoming is still checked"
    );
    // Read briefly from the file (as the Dashboard reads every file), the same rows.
    for i in [&first, &next] {
        let text = serde_json::to_string(i).unwrap();
        let brief: super::actions::Brief = serde_json::from_str(&text).unwrap();
        let day = date(2025, 1, 1);
        assert_eq!(super::actions::brief_rows(&brief, day), rows(i, day));
    }
    // The original of a carried action is followed in the new visit.
    let mut all = rows(&first, date(2025, 1, 1));
    all.extend(rows(&next, date(2025, 1, 1)));
    let tracked = current(all);
    assert!(tracked.iter().all(|r| r.id != list[0].id));

    first.status = Status::Sealed;
    assert_eq!(
        first.set_action_status(
            &list[0].id,
            ActionStatus::Done,
            "",
            "t",
            Timestamp::UNIX_EPOCH
        ),
        Err(ActionError::Sealed)
    );
}

#[test]
fn a_diff_names_verdicts_values_and_shortcomings_that_differ() {
    let c = crate::store::default_catalog();
    let mut own = visit(&c, "own", InspectionKind::SelfAssessment);
    let mut team = visit(&c, "team", InspectionKind::Inspection);
    let met = AnswerEdit {
        verdict: Some(Some(Verdict::Met)),
        ..AnswerEdit::default()
    };
    own.apply(&c, "I.1", &met, "t", Timestamp::UNIX_EPOCH)
        .unwrap();
    team.apply(&c, "I.1", &met, "t", Timestamp::UNIX_EPOCH)
        .unwrap();
    let not_met = AnswerEdit {
        verdict: Some(Some(Verdict::NotMet)),
        shortcomings: Some("Thiếu".into()),
        ..AnswerEdit::default()
    };
    team.apply(&c, "II.4", &not_met, "t", Timestamp::UNIX_EPOCH)
        .unwrap();
    let d = compare(&own, &c, &team, &c, Lang::En);
    assert_eq!(d.changed.len(), 1);
    let ch = &d.changed[0];
    assert_eq!(
        (ch.criterion.as_str(), ch.a_verdict, ch.b_verdict),
        ("II.4", "not_assessed", "not_met")
    );
    assert_eq!(ch.b_shortcomings, "Thiếu");
    assert_eq!(d.unchanged, c.criterion_count() - 1);
    assert!(d.same_catalog);
}

#[test]
fn a_visit_recorded_without_the_code_joins_the_coded_unit_of_that_name() {
    let mut coded = record("c", "Công an phường Láng", Standing::Inspected, 1, false);
    coded.unit_code = "00178".into();
    let bare = record("b", "CÔNG AN PHƯỜNG LÁNG", Standing::Inspected, 9, true);
    let mut l = Latest::default();
    l.add(coded);
    l.add(bare);
    let r = l.rollout(&[], None, 5);
    assert_eq!(
        (r.units_inspected, r.units_meeting_all),
        (1, 1),
        "the later visit decides"
    );
    assert_eq!(r.units[0].unit_code(), "00178");
}

#[test]
fn a_recommendation_of_an_older_file_keeps_the_id_actions_showed() {
    let c = crate::store::default_catalog();
    let mut i = visit(&c, "old", InspectionKind::Inspection);
    // As an older program wrote it: no id, no status.
    let mut a = super::Answer::default();
    a.recommendations.push(Recommendation {
        action: "Bổ sung hồ sơ".into(),
        ..Recommendation::default()
    });
    i.answers.insert("I.1".into(), a);
    let shown = rows(&i, date(2025, 1, 1))[0].id.clone();
    // The console gives the list back whole, edited.
    let mut list = i.answers["I.1"].recommendations.clone();
    list[0].owner = "Công an phường".into();
    let edit = AnswerEdit {
        recommendations: Some(list),
        evidence: Some("Biên bản".into()),
        ..AnswerEdit::default()
    };
    i.apply(&c, "I.1", &edit, "t", Timestamp::UNIX_EPOCH)
        .unwrap();
    assert_eq!(i.answers["I.1"].recommendations[0].id, shown);
    // Another edit of the criterion keeps it too, and the status can then be set by it.
    let evidence = AnswerEdit {
        evidence: Some("Biên bản mới".into()),
        ..AnswerEdit::default()
    };
    i.apply(&c, "I.1", &evidence, "t", Timestamp::UNIX_EPOCH)
        .unwrap();
    i.set_action_status(&shown, ActionStatus::Done, "", "t", Timestamp::UNIX_EPOCH)
        .unwrap();
}

/// The byte keys the roll-out sorts its units by order them as `natural_key` does.
#[test]
fn natural_bytes_sort_as_natural_keys() {
    use super::rollout::{natural_bytes, natural_key};
    let names = [
        "Phường 3",
        "Phường 10",
        "phuong 2",
        "Phường",
        "Phường 3A",
        "Phường 3 Mới",
        "Xã Mẫu 12345",
        "Xã Mẫu 9",
        "12 Bến Thành",
        "",
        "a",
        "ab",
        "a1",
        "a 1",
        "Cần Giờ",
        "Can Gio 2",
        "99999999999999999999999",
    ];
    for a in names {
        for b in names {
            assert_eq!(
                natural_bytes(a).cmp(&natural_bytes(b)),
                natural_key(a).cmp(&natural_key(b)),
                "{a:?} against {b:?}"
            );
        }
    }
}

/// Folds remembered give the keys folding afresh gives, whichever names came before.
#[test]
fn remembered_folds_give_the_keys_folded_afresh() {
    let names = [
        ("", "Công an phường  Sài Gòn", "TP Hồ Chí Minh", ""),
        ("", "CÔNG AN PHƯỜNG SÀI GÒN", "tp hồ chí minh", "Quận 1"),
        ("", "Công an xã Cần Giờ", "TP Hồ Chí Minh", "Huyện Cần Giờ"),
        (
            " DEMO-0001 ",
            "Công an phường Sài Gòn",
            "TP Hồ Chí Minh",
            "",
        ),
        ("", "Cong an phuong Sai Gon", "", ""),
        ("", "", "", ""),
    ];
    use super::rollout;
    let mut folds = rollout::Folds::default();
    for round in 0..2 {
        for (code, unit, province, district) in names {
            assert_eq!(
                folds.unit_key(code, unit, province, district),
                rollout::unit_key(code, unit, province, district),
                "round {round}: {unit}"
            );
            assert_eq!(folds.norm(unit), rollout::norm(unit));
        }
    }
}
