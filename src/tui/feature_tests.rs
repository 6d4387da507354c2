//! Issue 10's features, by scripted keys.
#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, HomeRow, Msg, Overlay, ScreenKind, update};
use super::tests::{app, key, opened, press, screen, to_evidence};
use crate::domain::{Lang, Verdict};

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn selected_number(a: &App) -> u32 {
    let s = a.session().unwrap();
    s.criterion().number
}

#[test]
fn colon_and_a_number_go_to_that_criterion_and_digits_stay_verdicts() {
    let mut a = opened(Lang::En);
    press(&mut a, ":12");
    assert!(screen(&a, 80, 24).contains("Go to criterion number: 12"));
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(selected_number(&a), 12);
    assert_eq!(
        a.session()
            .unwrap()
            .inspection
            .answer("II.5")
            .and_then(|x| x.verdict),
        None
    );
    press(&mut a, ":99");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(selected_number(&a), 12);
    assert!(screen(&a, 80, 24).contains("No criterion number 99"));
    let e = press(&mut a, "1");
    assert_eq!(
        e,
        vec![Effect::Save],
        "a digit outside : is still a verdict"
    );
}

#[test]
fn top_bottom_half_pages_next_unassessed_and_the_unassessed_filter() {
    let mut a = opened(Lang::En);
    press(&mut a, "G");
    assert_eq!(selected_number(&a), 22);
    press(&mut a, "g");
    assert_eq!(selected_number(&a), 1);
    update(&mut a, ctrl('d'));
    assert_eq!(selected_number(&a), 7);
    update(&mut a, ctrl('u'));
    assert_eq!(selected_number(&a), 1);
    update(&mut a, key(KeyCode::End));
    assert_eq!(selected_number(&a), 22);
    update(&mut a, key(KeyCode::Home));
    press(&mut a, "1j1j1");
    press(&mut a, "g");
    press(&mut a, "N");
    assert_eq!(selected_number(&a), 4, "the next one without a verdict");
    press(&mut a, "f");
    let vis = super::walk::visible(a.session().unwrap());
    assert_eq!(vis.len(), 19);
    let text = screen(&a, 80, 24);
    assert!(!text.contains("2 Staffing"), "assessed ones hidden\n{text}");
    assert!(
        text.contains("Not yet assessed (f: all)"),
        "the title says so\n{text}"
    );
    press(&mut a, "f");
    assert_eq!(super::walk::visible(a.session().unwrap()).len(), 22);
}

#[test]
fn undo_takes_back_the_last_verdict_and_the_last_typed_field() {
    let mut a = opened(Lang::En);
    press(&mut a, "1");
    press(&mut a, "j2");
    let verdict = |a: &App, c: &str| {
        a.session()
            .unwrap()
            .inspection
            .answer(c)
            .and_then(|x| x.verdict)
    };
    assert_eq!(verdict(&a, "I.2"), Some(Verdict::BasicallyMet));
    assert_eq!(press(&mut a, "u"), vec![Effect::Save]);
    assert_eq!(verdict(&a, "I.2"), None);
    assert_eq!(verdict(&a, "I.1"), Some(Verdict::Met));
    update(&mut a, ctrl('z'));
    assert_eq!(verdict(&a, "I.1"), None);
    assert!(screen(&a, 80, 24).contains("Undone"));
    press(&mut a, "u");
    assert!(screen(&a, 80, 24).contains("Nothing to undo"));
    // Typed text is one change, undone whole, from inside the field too.
    to_evidence(&mut a);
    press(&mut a, "two words");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, ctrl('z'));
    let s = a.session().unwrap();
    assert_eq!(s.inspection.answer("I.1").unwrap().evidence, "");
}

#[test]
fn in_a_text_field_question_mark_is_text_and_f1_is_help() {
    let mut a = opened(Lang::En);
    to_evidence(&mut a);
    press(&mut a, "?");
    assert!(a.overlays.is_empty());
    assert!(
        screen(&a, 80, 24).contains("F1 help"),
        "the footer names F1"
    );
    update(&mut a, key(KeyCode::F(1)));
    assert!(matches!(a.overlay(), Some(Overlay::Help(_))));
}

#[test]
fn text_back_from_the_editor_is_nfc_and_saved() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    let e = update(&mut a, ctrl('e'));
    assert!(
        matches!(
            e.as_slice(),
            [Effect::EditExternally { evidence: true, .. }]
        ),
        "{e:?}"
    );
    let e = update(
        &mut a,
        Msg::Edited {
            evidence: true,
            text: "phu\u{031b}o\u{031b}\u{0300}ng\nsổ 2\n".into(),
        },
    );
    assert_eq!(e, vec![Effect::Save]);
    let s = a.session().unwrap();
    assert_eq!(s.inspection.answer("I.1").unwrap().evidence, "phường\nsổ 2");
}

fn home_with(n: usize) -> App {
    let mut a = app(Lang::En, false, true);
    let rows = (0..n)
        .map(|i| HomeRow {
            id: format!("id{i}"),
            unit: format!("Ward {i}"),
            district: String::new(),
            date: jiff::civil::date(2025, 5, 19),
            status: crate::domain::inspection::Status::Draft,
            progress: None,
            conflicts: 0,
            seal_broken: false,
        })
        .collect();
    update(
        &mut a,
        Msg::HomeLoaded {
            rows,
            problems: vec![],
        },
    );
    a
}

#[test]
fn archiving_from_home_is_asked_first_and_moves_the_file() {
    let mut a = home_with(3);
    press(&mut a, "ja");
    assert!(matches!(a.overlay(), Some(Overlay::Confirm(_))));
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("Archive the inspection?") && text.contains("never deleted"),
        "{text}"
    );
    let footer = text.lines().last().unwrap_or_default();
    assert!(
        footer.contains("y ok") && footer.contains("n back") && !footer.contains("q quit"),
        "the footer gives the dialog's keys, from the keymap: {footer}"
    );
    assert!(press(&mut a, "n").is_empty());
    press(&mut a, "a");
    assert_eq!(
        press(&mut a, "y"),
        vec![Effect::Archive("id1".into()), Effect::LoadHome]
    );
}

#[test]
fn home_keeps_the_selected_row_in_view_past_row_65535() {
    let mut a = home_with(70_000);
    press(&mut a, "G");
    assert_eq!(a.library.selected, 69_999);
    let text = screen(&a, 80, 24);
    assert!(text.contains("Ward 69999"), "{text}");
    assert_eq!(a.screen.kind(), ScreenKind::Home);
}

#[test]
fn enter_on_a_summary_line_opens_that_criterion() {
    let mut a = opened(Lang::En);
    press(&mut a, "1");
    press(&mut a, "s");
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("▸· 2. Staffing"),
        "the first not fully met is picked\n{text}"
    );
    press(&mut a, "jj");
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(a.screen.kind(), ScreenKind::Walk);
    assert_eq!(selected_number(&a), 4);
}

#[test]
fn the_unit_team_and_date_are_edited_after_creation_and_recorded() {
    let mut a = opened(Lang::Vi);
    press(&mut a, "si");
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("Thông tin phiếu") && text.contains("19/05/2022"),
        "{text}"
    );
    for _ in 0..5 {
        update(&mut a, key(KeyCode::Tab));
    }
    for _ in 0..10 {
        update(&mut a, key(KeyCode::Backspace));
    }
    press(&mut a, "31/02/2022");
    assert!(
        update(&mut a, key(KeyCode::Enter)).is_empty(),
        "a date that does not exist"
    );
    for _ in 0..10 {
        update(&mut a, key(KeyCode::Backspace));
    }
    press(&mut a, "20/05/2022");
    update(&mut a, key(KeyCode::BackTab));
    press(&mut a, ", Lê C");
    assert_eq!(update(&mut a, key(KeyCode::Enter)), vec![Effect::Save]);
    let i = &a.session().unwrap().inspection;
    assert_eq!(i.date, jiff::civil::date(2022, 5, 20));
    assert_eq!(i.team.members, vec!["Trần Thị B", "Lê C"]);
    let paths: Vec<String> = i.history.iter().filter_map(|h| h.path.clone()).collect();
    assert!(
        paths.contains(&"date".to_string()) && paths.contains(&"team.members".to_string()),
        "{paths:?}"
    );
    assert!(screen(&a, 80, 24).contains("20/05/2022"));
}

#[test]
fn a_signed_seal_shows_its_hash_and_signer_on_the_summary() {
    let mut a = app(Lang::En, false, true);
    let mut i = super::tests::inspection();
    i.status = crate::domain::inspection::Status::Sealed;
    i.seal = Some(crate::domain::seal::Seal {
        sha256: "ab".repeat(32),
        by: "Nguyễn Văn A".into(),
        principal: Some("lan@ca.hcm".into()),
        fingerprint: Some("SHA256:xyz".into()),
        signature: Some("-----BEGIN SSH SIGNATURE-----".into()),
        version: 2,
        at: jiff::Timestamp::UNIX_EPOCH,
        parts: Default::default(),
        previous: None,
        extra: Default::default(),
    });
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(i),
            catalog: Box::new(crate::store::default_catalog()),
            read_only: None,
        },
    );
    press(&mut a, "s");
    let text = screen(&a, 80, 24);
    assert!(
        text.contains(&format!("SHA-256 {}", "ab".repeat(32))),
        "{text}"
    );
    assert!(text.contains("Signed by lan@ca.hcm"), "{text}");
}

#[test]
fn not_applicable_is_one_more_step_where_the_catalog_allows_it() {
    use crate::domain::rule::IndicatorValue;
    let mut catalog = crate::store::default_catalog();
    for g in &mut catalog.groups {
        for c in &mut g.criteria {
            if c.code == "I.1" || c.code == "I.4" {
                c.indicators[0].allow_not_applicable = true;
            }
        }
    }
    let mut a = app(Lang::Vi, false, true);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(super::tests::inspection()),
            catalog: Box::new(catalog),
            read_only: None,
        },
    );
    let value = |a: &App, c: &str| {
        let s = a.session().unwrap();
        let id = s.catalog.criterion(c).unwrap().indicators[0].id.clone();
        s.inspection
            .answer(c)
            .and_then(|x| x.values.get(&id).cloned())
    };
    // A choice: Left from "not entered" is the step before it, not applicable.
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Left));
    assert_eq!(value(&a, "I.1"), Some(IndicatorValue::NotApplicable));
    assert!(screen(&a, 80, 24).contains("< không áp dụng >"));
    update(&mut a, key(KeyCode::Right));
    assert_eq!(value(&a, "I.1"), None);
    // A check: yes, no, not applicable, not entered.
    update(&mut a, key(KeyCode::Esc));
    press(&mut a, ":4");
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Enter));
    press(&mut a, "   ");
    assert_eq!(value(&a, "I.4"), Some(IndicatorValue::NotApplicable));
    assert!(screen(&a, 80, 24).contains("[không áp dụng]"));
    press(&mut a, " ");
    assert_eq!(value(&a, "I.4"), None);
    // Where the catalog does not allow it, the cycle skips it.
    let mut b = opened(Lang::Vi);
    update(&mut b, key(KeyCode::Enter));
    update(&mut b, key(KeyCode::Left));
    assert!(matches!(value(&b, "I.1"), Some(IndicatorValue::Choice(_))));
}

#[test]
fn esc_then_a_key_arriving_together_as_alt_key_is_taken_as_both() {
    let mut a = opened(Lang::En);
    to_evidence(&mut a);
    press(&mut a, "ok");
    let e = update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::ALT)),
    );
    assert!(e.contains(&Effect::Save), "{e:?}");
    let s = a.session().unwrap();
    assert_eq!(s.form.focus, None, "Esc left the field");
    let answer = s.inspection.answer("I.1").unwrap();
    assert_eq!(answer.evidence, "ok", "the 1 was not typed into the field");
    assert_eq!(answer.verdict, Some(Verdict::Met), "1 gave the verdict");
}

#[test]
fn g_and_a_number_go_to_that_criterion_without_enter_and_gg_is_still_the_first() {
    let mut a = opened(Lang::En);
    let e = press(&mut a, "g12");
    assert_eq!(
        selected_number(&a),
        12,
        "two digits: no longer number begins 12"
    );
    assert!(e.is_empty(), "no verdict was given: {e:?}");
    assert!(
        !screen(&a, 80, 24).contains("Go to criterion number"),
        "the prompt is gone once it went"
    );
    press(&mut a, "g3");
    assert_eq!(
        selected_number(&a),
        3,
        "no criterion 30-39 in 22: 3 goes at once"
    );
    press(&mut a, "g1");
    assert_eq!(selected_number(&a), 1, "g alone already went to the first");
    assert!(screen(&a, 80, 24).contains("Go to criterion number: 1"));
    update(&mut a, key(KeyCode::Enter));
    assert_eq!(selected_number(&a), 1, "g1 Enter is criterion 1");
    press(&mut a, "G");
    press(&mut a, "gg");
    assert_eq!(selected_number(&a), 1, "gg is still the first");
    press(&mut a, "G");
    press(&mut a, "gj");
    assert_eq!(
        selected_number(&a),
        2,
        "after g a key that is not a digit does its own thing"
    );
    let e = press(&mut a, "1");
    assert_eq!(
        e,
        vec![Effect::Save],
        "a digit not right after g is a verdict"
    );
    let answer = |a: &App, code: &str| {
        a.session()
            .unwrap()
            .inspection
            .answer(code)
            .and_then(|x| x.verdict)
    };
    assert_eq!(answer(&a, "I.2"), Some(Verdict::Met));
    assert_eq!(answer(&a, "II.5"), None, "g12 gave no verdict to 12");
}

#[test]
fn the_footer_gives_only_the_keys_that_work_where_the_focus_is() {
    let mut a = opened(Lang::En);
    let footer = |a: &App| {
        screen(a, 80, 24)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    press(&mut a, "sc");
    assert!(
        !footer(&a).contains("next choice"),
        "Space is text in the conclusion's text: {}",
        footer(&a)
    );
    update(&mut a, key(KeyCode::Tab));
    assert!(
        footer(&a).contains("Space next choice"),
        "on the proposal Space changes it: {}",
        footer(&a)
    );
}

#[test]
fn the_editing_keys_are_keymap_rows_that_help_lists_in_the_form() {
    for (lang, cut) in [
        (Lang::En, "Text field: cut the word before the cursor"),
        (Lang::Vi, "Ô chữ: cắt từ đứng trước con trỏ"),
    ] {
        let mut a = opened(lang);
        to_evidence(&mut a);
        update(&mut a, key(KeyCode::F(1)));
        let help = screen(&a, 80, 90);
        assert!(help.contains("Ctrl-W"), "{help}");
        assert!(help.contains(cut), "{help}");
        assert!(help.contains("Ctrl-R"), "the multi-line keys too: {help}");
    }
    // The row is what the editor obeys: Ctrl-W cuts the last word typed.
    let mut a = opened(Lang::En);
    to_evidence(&mut a);
    press(&mut a, "two words");
    update(&mut a, ctrl('w'));
    let s = a.session().unwrap();
    assert_eq!(s.form.evidence.text(), "two ");
}
