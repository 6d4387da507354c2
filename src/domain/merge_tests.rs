//! The merge driver's laws, over random edits of a base inspection on two sides.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{Conflict, Take, merge, resolve};
use crate::domain::Inspection;

const CODES: [&str; 4] = ["I.1", "I.2", "II.1", "III.1"];
const VERDICTS: [&str; 3] = ["met", "basically_met", "not_met"];

fn base() -> Value {
    json!({
        "schema_version": 2,
        "id": "0190a000-0000-7000-8000-000000000001",
        "catalog": {"id": "mini", "version": "1", "sha256": "00"},
        "unit": {"name": "Công an phường Sài Gòn", "ward": "", "district": "", "province": ""},
        "kind": "inspection",
        "team": {"leader": "A", "members": []},
        "date": "2025-05-19",
        "created_at": "2025-05-19T01:00:00Z",
        "updated_at": "2025-05-19T01:00:00Z",
        "status": "draft",
        "answers": {"I.1": {"verdict": "met", "evidence": "sổ", "changed_by": "A",
                            "changed_at": "2025-05-19T01:00:00Z"}},
        "history": [{"at": "2025-05-19T01:00:00Z", "by": "A", "what": "created"}]
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Verdict(usize, usize),
    Evidence(usize, u8),
    Value(usize, u8),
    Unit(u8),
    Finalize,
    Seal,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..CODES.len(), 0..VERDICTS.len()).prop_map(|(c, v)| Edit::Verdict(c, v)),
        (0..CODES.len(), 0u8..3).prop_map(|(c, t)| Edit::Evidence(c, t)),
        (0..CODES.len(), 0u8..3).prop_map(|(c, n)| Edit::Value(c, n)),
        (0u8..3).prop_map(Edit::Unit),
        Just(Edit::Finalize),
        Just(Edit::Seal),
    ]
}

/// Apply edits as a laptop would, each one second after the other, recorded in history.
fn side(edits: &[Edit], who: &str, day: u32) -> Value {
    let mut v = base();
    for (n, e) in edits.iter().enumerate() {
        let at = format!("2025-05-{day:02}T02:00:{n:02}Z");
        let mut criterion = None;
        match e {
            Edit::Verdict(c, x) => {
                criterion = Some(CODES[*c]);
                v["answers"][CODES[*c]]["verdict"] = json!(VERDICTS[*x]);
            }
            Edit::Evidence(c, t) => {
                criterion = Some(CODES[*c]);
                v["answers"][CODES[*c]]["evidence"] = json!(format!("minh chứng {t}"));
            }
            Edit::Value(c, n) => {
                criterion = Some(CODES[*c]);
                v["answers"][CODES[*c]]["values"]["count"] = json!({"count": n});
            }
            Edit::Unit(t) => v["unit"]["name"] = json!(format!("Công an phường {t}")),
            Edit::Finalize => v["status"] = json!("final"),
            Edit::Seal => {
                v["status"] = json!("sealed");
                v["seal"] =
                    json!({"sha256": format!("{who}{n}"), "by": who, "at": at, "parts": {}});
            }
        }
        if let Some(code) = criterion {
            v["answers"][code]["changed_by"] = json!(who);
            v["answers"][code]["changed_at"] = json!(at);
        }
        v["updated_at"] = json!(at);
        let entry = json!({"at": at, "by": who, "what": format!("{e:?}")});
        v["history"].as_array_mut().unwrap().push(entry);
    }
    v
}

fn conflicts(v: &Value) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = serde_json::from_value(v["conflicts"].clone()).unwrap_or_default();
    out.sort_by_key(|c| serde_json::to_string(c).unwrap());
    out
}

fn touched(edits: &[Edit]) -> Vec<usize> {
    edits
        .iter()
        .filter_map(|e| match e {
            Edit::Verdict(c, _) | Edit::Evidence(c, _) | Edit::Value(c, _) => Some(*c),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn merge_laws(xs in proptest::collection::vec(edit(), 0..6), ys in proptest::collection::vec(edit(), 0..6)) {
        let b = base();
        let x = side(&xs, "A", 20);
        let y = side(&ys, "B", 21);
        prop_assert_eq!(merge(Some(&b), &x, &x), x.clone());
        prop_assert_eq!(merge(Some(&b), &b, &x), x.clone());
        prop_assert_eq!(merge(Some(&b), &x, &b), x.clone());
        let xy = merge(Some(&b), &x, &y);
        let yx = merge(Some(&b), &y, &x);
        let swapped: Vec<Conflict> = {
            let mut s: Vec<Conflict> = conflicts(&yx).iter().map(Conflict::swapped).collect();
            s.sort_by_key(|c| serde_json::to_string(c).unwrap());
            s
        };
        prop_assert_eq!(conflicts(&xy), swapped);
        // The output always loads, and so does its mirror image.
        let loaded: Inspection = serde_json::from_value(xy.clone()).unwrap();
        serde_json::from_value::<Inspection>(yx).unwrap();
        // History: the union, in time order, nothing twice.
        let h = loaded.history.len();
        prop_assert_eq!(h, 1 + xs.len() + ys.len());
        prop_assert!(loaded.history.windows(2).all(|w| w[0].at <= w[1].at));
        // Edits of different criteria, on drafts, never conflict and all arrive.
        let only_answers = |es: &[Edit]| es.iter().all(|e| matches!(e, Edit::Verdict(..) | Edit::Evidence(..) | Edit::Value(..)));
        let (tx, ty) = (touched(&xs), touched(&ys));
        if only_answers(&xs) && only_answers(&ys) && !tx.iter().any(|c| ty.contains(c)) {
            prop_assert!(loaded.conflicts.is_empty(), "{:?}", loaded.conflicts);
            for c in tx.iter().chain(&ty) {
                let from = if tx.contains(c) { &x } else { &y };
                prop_assert_eq!(&xy["answers"][CODES[*c]], &from["answers"][CODES[*c]]);
            }
        }
    }
}

#[test]
fn a_conflict_resolved_by_taking_theirs_takes_their_value_and_is_recorded() {
    let b = base();
    let x = side(&[Edit::Verdict(0, 1)], "A", 20);
    let y = side(&[Edit::Verdict(0, 2)], "B", 21);
    let mut i: Inspection = serde_json::from_value(merge(Some(&b), &x, &y)).unwrap();
    assert_eq!(i.conflicts.len(), 1);
    let at = "2025-06-01T00:00:00Z".parse().unwrap();
    assert_eq!(resolve(&mut i, "I.1", Take::Theirs, "C", at), Ok(1));
    assert!(i.conflicts.is_empty());
    assert_eq!(
        i.answers["I.1"].verdict,
        Some(crate::domain::Verdict::NotMet)
    );
    let last = i.history.last().unwrap();
    assert_eq!(
        (last.by.as_str(), last.criterion.as_deref()),
        ("C", Some("I.1"))
    );
}

#[test]
fn two_copies_without_an_ancestor_combine_what_only_one_has() {
    let x = side(&[Edit::Verdict(1, 0)], "A", 20);
    let y = side(&[Edit::Verdict(2, 2)], "B", 21);
    let m = merge(None, &x, &y);
    assert_eq!(m["answers"]["I.2"]["verdict"], "met");
    assert_eq!(m["answers"]["II.1"]["verdict"], "not_met");
    assert!(m.get("conflicts").is_none(), "{m}");
}

#[test]
fn unknown_fields_travel_along() {
    let b = base();
    let mut x = side(&[Edit::Verdict(1, 0)], "A", 20);
    x["future_field"] = json!({"kept": true});
    x["answers"]["I.1"]["photo"] = json!("p.jpg");
    let y = side(&[Edit::Verdict(2, 2)], "B", 21);
    let m = merge(Some(&b), &x, &y);
    assert_eq!(m["future_field"]["kept"], true);
    assert_eq!(m["answers"]["I.1"]["photo"], "p.jpg");
}

#[test]
fn a_sealed_side_keeps_its_content_and_the_other_sides_change_becomes_a_conflict() {
    let b = base();
    let sealed = side(&[Edit::Seal], "A", 20);
    let edited = side(&[Edit::Verdict(0, 2), Edit::Verdict(1, 0)], "B", 21);
    for (ours, theirs, flip) in [(&sealed, &edited, false), (&edited, &sealed, true)] {
        let m = merge(Some(&b), ours, theirs);
        assert_eq!(m["status"], "sealed");
        assert_eq!(m["seal"], sealed["seal"]);
        assert_eq!(
            m["answers"]["I.1"]["verdict"], "met",
            "the sealed value stays"
        );
        assert!(m["answers"].get("I.2").is_none(), "nothing new slips in");
        let mut cs = conflicts(&m);
        if flip {
            cs = cs.iter().map(Conflict::swapped).collect();
        }
        let fields: Vec<(Option<&str>, &str, &Value)> = cs
            .iter()
            .map(|c| (c.criterion.as_deref(), c.field.as_str(), &c.theirs))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Some("I.1"), "verdict", &json!("not_met")),
                (Some("I.2"), "answer", &edited["answers"]["I.2"]),
            ]
        );
        assert_eq!(
            m["updated_at"], edited["updated_at"],
            "the later of the two"
        );
    }
}

#[test]
fn a_field_of_the_inspection_itself_is_resolved_by_its_name() {
    let b = base();
    let x = side(&[Edit::Unit(1)], "A", 20);
    let y = side(&[Edit::Unit(2)], "B", 21);
    let mut i: Inspection = serde_json::from_value(merge(Some(&b), &x, &y)).unwrap();
    assert_eq!(i.conflicts[0].field, "unit.name");
    assert_eq!(i.conflicts[0].criterion, None);
    let at = "2025-06-01T00:00:00Z".parse().unwrap();
    assert!(resolve(&mut i, "team", Take::Ours, "C", at).is_err());
    assert_eq!(resolve(&mut i, "unit", Take::Theirs, "C", at), Ok(1));
    assert_eq!(i.unit.name, "Công an phường 2");
}

#[test]
fn different_fields_of_one_criterion_combine_and_the_later_side_signs() {
    let b = base();
    let x = side(&[Edit::Evidence(1, 1)], "A", 20);
    let y = side(&[Edit::Verdict(1, 2), Edit::Value(1, 2)], "B", 21);
    let m = merge(Some(&b), &x, &y);
    assert!(m.get("conflicts").is_none(), "{m}");
    let a = &m["answers"]["I.2"];
    assert_eq!(a["evidence"], "minh chứng 1");
    assert_eq!(a["verdict"], "not_met");
    assert_eq!(a["values"]["count"], json!({"count": 2}));
    assert_eq!(a["changed_by"], "B", "B changed it last");
}
