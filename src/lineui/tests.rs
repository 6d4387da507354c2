//! The line mode driven by text, without a terminal or a file: what is shown, what is
//! recorded, and that every change is handed to the saver.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::domain::Verdict;
use crate::domain::inspection::NewInspection;
use crate::store::default_catalog;

fn session(lang: Lang, input: &str) -> (String, Inspection, usize) {
    let catalog = default_catalog();
    let inspection = Inspection::new(
        "0190-test".into(),
        &catalog,
        NewInspection::default(),
        jiff::Timestamp::UNIX_EPOCH,
        "tester",
    );
    let saves = Rc::new(RefCell::new(0));
    let counter = saves.clone();
    let save: Save = Box::new(move |_| {
        *counter.borrow_mut() += 1;
        Ok(())
    });
    let mut walk = LineWalk::new(lang, &catalog, inspection, "Nguyễn Văn A".into(), save);
    let mut out = Vec::new();
    walk.run(&mut input.as_bytes(), &mut out).unwrap();
    let n = *saves.borrow();
    (String::from_utf8(out).unwrap(), walk.inspection, n)
}

#[test]
fn a_verdict_is_recorded_saved_and_moves_on() {
    let (out, inspection, saves) = session(Lang::Vi, "1\n3\n");
    assert_eq!(saves, 2);
    let verdicts: Vec<_> = inspection.answers.values().map(|a| a.verdict).collect();
    assert_eq!(verdicts, vec![Some(Verdict::Met), Some(Verdict::NotMet)]);
    assert!(out.contains("Tiêu chí 3 trên 22"), "{out}");
    assert_eq!(inspection.history.last().unwrap().by, "Nguyễn Văn A");
}

#[test]
fn an_override_asks_for_a_reason_and_an_empty_one_cancels() {
    // 9/10 staffing and a complete leadership suggest Met; "3" (not met) needs a reason.
    let (out, inspection, _) = session(Lang::En, "g 2\ni\n9/10\nyes\n3\n\n3\nShort of vehicles\n");
    assert!(out.contains("Reason (an empty line cancels)"), "{out}");
    assert!(out.contains("Cancelled, nothing recorded."), "{out}");
    let code = default_catalog().find("2").unwrap().code.clone();
    let a = inspection.answer(&code).unwrap();
    assert_eq!(a.verdict, Some(Verdict::NotMet));
    assert_eq!(a.override_reason.as_deref(), Some("Short of vehicles"));
}

#[test]
fn evidence_shortcomings_and_recommendations_are_added_line_by_line() {
    let input =
        "e\nSổ trực ban\ne\nCamera\ns\nThiếu xe\nr\nMua xe\nĐội 1\n2026-13-01\n2026-12-31\nq\n";
    let (_, inspection, saves) = session(Lang::Vi, input);
    let a = inspection.answer("I.1").unwrap();
    assert_eq!(a.evidence, "Sổ trực ban\nCamera");
    assert_eq!(a.shortcomings, "Thiếu xe");
    assert_eq!(a.recommendations.len(), 1);
    assert_eq!(a.recommendations[0].owner, "Đội 1");
    assert_eq!(a.recommendations[0].due.unwrap().to_string(), "2026-12-31");
    assert_eq!(saves, 4);
}

#[test]
fn navigation_stops_at_both_ends_and_unknown_input_is_named() {
    let (out, _, saves) = session(Lang::En, "p\ng 99\nx\ng 22\nn\n");
    assert!(out.contains("This is the first criterion."));
    assert!(out.contains("There is no criterion \"99\""));
    assert!(out.contains("Unknown command \"x\""));
    assert!(out.contains("This is the last criterion."));
    assert_eq!(saves, 0);
}

#[test]
fn hostile_text_from_the_file_is_shown_escaped() {
    let (out, _, _) = session(Lang::Vi, "e\nA\u{1b}[2Jb\u{202e}c\nl\n");
    assert!(out.contains("A\\x1B[2Jb\\u{202E}c"), "{out}");
    assert!(!out.contains('\u{1b}'));
}
