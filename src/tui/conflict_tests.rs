//! The conflict marks and overlay, driven by keys with no terminal.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::inspection::{AnswerEdit, NewInspection, Unit};
use crate::domain::{Inspection, Lang, Verdict, merge::merge};
use crate::store::default_catalog;
use crate::tui::app::{App, Effect, Msg, Overlay, update};
use crate::tui::driver::buffer_text;
use crate::tui::theme::Look;
use crate::tui::view;

/// An inspection whose criterion I.1 was set to Met on one laptop (ours, by B) and Not
/// met on another (theirs, by A).
fn conflicted() -> Inspection {
    let catalog = default_catalog();
    let facts = NewInspection {
        unit: Unit {
            name: "Công an phường Sài Gòn".into(),
            ..Unit::default()
        },
        date: Some(jiff::civil::date(2025, 9, 1)),
        ..NewInspection::default()
    };
    let base = Inspection::new(
        "01900000-0000-7000-8000-000000000009".into(),
        &catalog,
        facts,
        Timestamp::from_second(1_756_000_000).unwrap(),
        "A",
    );
    let side = |v: Verdict, by: &str, at: i64| {
        let mut i = base.clone();
        let edit = AnswerEdit {
            verdict: Some(Some(v)),
            ..AnswerEdit::default()
        };
        i.apply(
            &catalog,
            "I.1",
            &edit,
            by,
            Timestamp::from_second(at).unwrap(),
        )
        .unwrap();
        serde_json::to_value(i).unwrap()
    };
    let b = serde_json::to_value(&base).unwrap();
    let merged = merge(
        Some(&b),
        &side(Verdict::Met, "B", 1_756_000_100),
        &side(Verdict::NotMet, "A", 1_756_000_200),
    );
    serde_json::from_value(merged).unwrap()
}

fn opened(lang: Lang, ascii: bool) -> App {
    let mut a = App::new(
        lang,
        Look::new(ascii, !ascii),
        "C".into(),
        vec![default_catalog()],
    );
    a.now = Timestamp::from_second(1_756_100_000).unwrap();
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(conflicted()),
            catalog: Box::new(default_catalog()),
            read_only: None,
        },
    );
    a
}

fn press(a: &mut App, c: char) -> Vec<Effect> {
    update(
        a,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    )
}

fn screen(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let frame = t.draw(|f| view::draw(a, f)).unwrap();
    buffer_text(frame.buffer)
}

#[test]
fn the_inspection_and_the_criterion_are_marked_and_c_shows_both_sides() {
    let mut a = opened(Lang::En, false);
    let before = screen(&a);
    assert!(before.contains("! 1 conflicts (c)"), "{before}");
    assert!(before.contains("! conflict: c to decide"), "{before}");
    assert!(
        before.contains("▸!  1 Party"),
        "the criterion's mark:\n{before}"
    );
    press(&mut a, 'c');
    assert!(matches!(
        a.overlay(),
        Some(Overlay::Conflict { selected: 0 })
    ));
    let shown = screen(&a);
    for needle in [
        "Conflict 1/1",
        "[I.1] verdict",
        "Ours",
        "Met",
        "Theirs",
        "Not met",
        "(B ",
        "(A ",
    ] {
        assert!(shown.contains(needle), "{needle} in:\n{shown}");
    }
    insta::assert_snapshot!("conflict_overlay_en", shown);
}

#[test]
fn taking_theirs_applies_their_verdict_records_it_and_saves() {
    let mut a = opened(Lang::Vi, true);
    press(&mut a, 'c');
    insta::assert_snapshot!("conflict_overlay_vi_ascii", screen(&a));
    let effects = press(&mut a, 't');
    assert_eq!(effects, vec![Effect::Save]);
    let s = a.session().unwrap();
    assert!(s.inspection.conflicts.is_empty());
    assert_eq!(s.inspection.answers["I.1"].verdict, Some(Verdict::NotMet));
    let last = s.inspection.history.last().unwrap();
    assert_eq!(last.by, "C");
    let what = last.what.as_deref().unwrap_or_default();
    assert!(what.contains("took theirs"), "{what}");
    assert!(a.overlays.is_empty(), "nothing left to decide");
    assert!(!screen(&a).contains("conflict"));
}

#[test]
fn edit_keeps_the_value_and_puts_the_cursor_in_the_form() {
    let mut a = opened(Lang::En, false);
    press(&mut a, 'c');
    press(&mut a, 'e');
    let s = a.session().unwrap();
    assert!(s.inspection.conflicts.is_empty());
    assert_eq!(s.inspection.answers["I.1"].verdict, Some(Verdict::Met));
    assert!(s.form.focused_field().is_some());
    assert!(
        s.inspection
            .history
            .last()
            .unwrap()
            .what
            .as_deref()
            .is_some_and(|w| w.contains("kept to edit"))
    );
}

#[test]
fn the_console_refuses_to_finalise_while_a_conflict_remains() {
    let mut a = opened(Lang::En, false);
    press(&mut a, 's');
    press(&mut a, 'f');
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let s = a.session().unwrap();
    assert_eq!(
        s.inspection.status,
        crate::domain::inspection::Status::Draft
    );
    assert!(
        a.notice
            .as_ref()
            .is_some_and(crate::tui::notice::Notice::is_error)
    );
    let error = a
        .notice
        .as_ref()
        .map(|n| n.text(a.lang))
        .unwrap_or_default();
    assert!(
        error.contains("1 conflicts from a merge are not resolved"),
        "{error:?}"
    );
}
