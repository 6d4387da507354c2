//! Issue 10's bugs, one scripted-key test each: every one failed before its fix.
#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Msg, Overlay, update};
use super::tests::{
    inspection, key, open_by_search, opened, press, safe_areas, screen, to_evidence,
};
use crate::domain::inspection::Status;
use crate::domain::{Lang, Verdict};
use crate::store::default_catalog;

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn evidence(a: &App, code: &str) -> String {
    let s = a.session().unwrap();
    s.inspection
        .answer(code)
        .map(|x| x.evidence.clone())
        .unwrap_or_default()
}

fn opened_with(lang: Lang, status: Status, read_only: Option<&str>) -> App {
    let mut a = super::tests::app(lang, false, true);
    let mut i = inspection();
    i.status = status;
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(i),
            catalog: Box::new(default_catalog()),
            read_only: read_only.map(str::to_string),
        },
    );
    a
}

#[test]
fn bug2_a_read_only_or_final_console_never_enters_a_field_and_says_why() {
    for (status, ro, why) in [
        (Status::Draft, Some("open elsewhere"), "open elsewhere"),
        (Status::Final, None, "cannot be changed"),
        (Status::Sealed, None, "cannot be changed"),
    ] {
        let mut a = opened_with(Lang::En, status, ro);
        a.notice = None;
        update(&mut a, key(KeyCode::Enter));
        let s = a.session().unwrap();
        assert_eq!(s.form.focus, None, "{status:?}: no field is entered");
        for _ in 0..3 {
            update(&mut a, key(KeyCode::Tab));
        }
        press(&mut a, "typed");
        let text = screen(&a, 80, 24);
        assert!(
            !text.contains("typed"),
            "{status:?}: nothing typed is shown\n{text}"
        );
        assert!(text.contains(why), "{status:?}: the key says why\n{text}");
    }
}

#[test]
fn bug3_a_paste_into_a_one_line_field_is_kept() {
    let mut a = opened(Lang::Vi);
    open_by_search(&mut a, "khu dan");
    update(&mut a, key(KeyCode::Tab));
    let effects = update(&mut a, Msg::Paste("16/25".into()));
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    let s = a.session().unwrap();
    let v = &s.inspection.answer("III.1").unwrap().values["safe_areas"];
    assert_eq!(format!("{v:?}"), "Ratio { numerator: 16, denominator: 25 }");
}

#[test]
fn bug4_keys_do_not_edit_the_hidden_screen_while_the_window_is_too_small() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    update(&mut a, Msg::Resize(60, 20));
    let effects = press(&mut a, "abc");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(update(&mut a, Msg::Paste("xyz".into())).is_empty());
    assert_eq!(evidence(&a, "I.1"), "");
    update(&mut a, Msg::Resize(80, 24));
    press(&mut a, "ok");
    assert_eq!(
        evidence(&a, "I.1"),
        "ok",
        "keys work again once it is big enough"
    );
    update(&mut a, Msg::Resize(60, 20));
    assert!(
        update(&mut a, ctrl('c')).contains(&Effect::Quit),
        "Ctrl-C still quits"
    );
}

#[test]
fn bug5_a_cancelled_notice_goes_stale_on_the_next_save_and_screen() {
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "16/25");
    press(&mut a, "1");
    update(&mut a, key(KeyCode::Esc));
    assert!(screen(&a, 80, 24).contains("Cancelled"));
    press(&mut a, "3");
    let now = a.now;
    update(&mut a, Msg::Saved(Ok(now)));
    let text = screen(&a, 80, 24);
    assert!(
        !text.contains("Cancelled"),
        "a later save clears it\n{text}"
    );
    press(&mut a, "1");
    update(&mut a, key(KeyCode::Esc));
    assert!(screen(&a, 80, 24).contains("Cancelled"));
    press(&mut a, "s");
    assert!(
        !screen(&a, 80, 24).contains("Cancelled"),
        "a new screen clears it"
    );
}

#[test]
fn bug6_no_reason_dialog_while_a_value_is_typed_it_comes_on_leaving() {
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "20/25");
    press(&mut a, "1");
    let verdict = |a: &App| {
        a.session()
            .unwrap()
            .inspection
            .answer("III.1")
            .unwrap()
            .verdict
    };
    assert_eq!(verdict(&a), Some(Verdict::Met));
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Tab));
    for _ in 0..5 {
        update(&mut a, key(KeyCode::Backspace));
    }
    press(&mut a, "16/25");
    assert!(a.overlays.is_empty(), "no dialog mid-edit");
    let s = a.session().unwrap();
    assert_eq!(
        s.form.inputs[1].as_ref().unwrap().text(),
        "16/25",
        "every digit in the field"
    );
    assert!(screen(&a, 80, 24).contains("reason is asked when you leave"));
    update(&mut a, key(KeyCode::Tab));
    assert!(
        matches!(a.overlay(), Some(Overlay::Reason { .. })),
        "asked on leaving"
    );
    press(&mut a, "recounted");
    let effects = update(&mut a, key(KeyCode::Enter));
    assert!(effects.contains(&Effect::Save));
    let s = a.session().unwrap();
    let ans = s.inspection.answer("III.1").unwrap();
    assert_eq!(
        format!("{:?}", ans.values["safe_areas"]),
        "Ratio { numerator: 16, denominator: 25 }"
    );
    assert_eq!(ans.override_reason.as_deref(), Some("recounted"));
}

#[test]
fn bug7_a_pasted_cr_is_a_line_break_in_the_text_area() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    update(&mut a, Msg::Paste("sổ 1\rsổ 2\r\nsổ 3".into()));
    let s = a.session().unwrap();
    assert_eq!(s.form.evidence.lines(), ["sổ 1", "sổ 2", "sổ 3"]);
    assert_eq!(evidence(&a, "I.1"), "sổ 1\nsổ 2\nsổ 3");
}

#[test]
fn bug8_ascii_look_prints_no_arrows_or_comparison_signs() {
    let mut a = super::tests::app(Lang::En, true, false);
    update(
        &mut a,
        Msg::Opened {
            inspection: Box::new(inspection()),
            catalog: Box::new(default_catalog()),
            read_only: None,
        },
    );
    safe_areas(&mut a, "16/25");
    let list = screen(&a, 80, 24);
    press(&mut a, "1");
    let dialog = screen(&a, 80, 24);
    for text in [list, dialog] {
        assert!(text.contains("->"), "{text}");
        for sign in ['→', '≥', '≤', '…', '—'] {
            assert!(!text.contains(sign), "{sign} in\n{text}");
        }
    }
}

#[test]
fn bug9_next_and_previous_stay_inside_the_search_filter() {
    let mut a = opened(Lang::Vi);
    update(&mut a, key(KeyCode::Char('/')));
    press(&mut a, "khu dan");
    update(&mut a, key(KeyCode::Enter));
    let vis = super::walk::visible(a.session().unwrap());
    assert!(vis.len() < 22);
    for _ in 0..30 {
        press(&mut a, "n");
        assert!(vis.contains(&a.session().unwrap().selected));
    }
    for _ in 0..30 {
        press(&mut a, "p");
        assert!(vis.contains(&a.session().unwrap().selected));
    }
}

#[test]
fn bug10_ctrl_c_in_the_reason_dialog_asks_before_dropping_the_reason() {
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "16/25");
    press(&mut a, "1");
    press(&mut a, "why");
    assert!(
        update(&mut a, ctrl('c')).is_empty(),
        "the first Ctrl-C does not quit"
    );
    assert!(!a.quit);
    assert!(screen(&a, 80, 24).contains("Ctrl-C again"));
    assert!(
        matches!(a.overlay(), Some(Overlay::Reason { .. })),
        "the reason is still there"
    );
    assert_eq!(update(&mut a, ctrl('c')), vec![Effect::Quit]);
}

fn add_rec(a: &mut App, action: &str) {
    press(a, "a");
    press(a, action);
    update(a, key(KeyCode::Enter));
}

#[test]
fn bug11_recommendations_show_three_mark_the_selected_and_ask_before_removing() {
    let mut a = opened(Lang::En);
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::BackTab));
    for r in ["Fix the ledger", "Train the team", "Post the hotline"] {
        add_rec(&mut a, r);
    }
    update(&mut a, key(KeyCode::Down));
    let text = screen(&a, 80, 24);
    for r in ["Fix the ledger", "Train the team", "Post the hotline"] {
        assert!(text.contains(r), "all three visible at 80x24\n{text}");
    }
    assert!(
        text.contains("▸ 2. Train the team"),
        "the selected one is marked\n{text}"
    );
    press(&mut a, "d");
    assert!(
        matches!(a.overlay(), Some(Overlay::Confirm(_))),
        "d asks first"
    );
    assert!(screen(&a, 80, 24).contains("Remove the recommendation?"));
    press(&mut a, "n");
    let recs = |a: &App| {
        a.session()
            .unwrap()
            .inspection
            .answer("I.1")
            .unwrap()
            .recommendations
            .len()
    };
    assert_eq!(recs(&a), 3, "n keeps it");
    press(&mut a, "d");
    assert_eq!(press(&mut a, "y"), vec![Effect::Save]);
    assert_eq!(recs(&a), 2);
    let s = a.session().unwrap();
    assert!(
        s.inspection
            .answer("I.1")
            .unwrap()
            .recommendations
            .iter()
            .all(|r| r.action != "Train the team")
    );
}

#[test]
fn bug13_dashboard_bars_are_shares_and_the_short_heads_are_explained() {
    let a = super::tests::dashboard_app(Lang::Vi, false, true);
    let text = screen(&a, 80, 24);
    // II.2 fails in 2 of the 4 units inspected: half a bar, and said as 2/4.
    assert!(
        text.contains("II.2  █████      2/4") || text.contains("II.2  █████░░░░░ 2/4"),
        "{text}"
    );
    assert!(text.contains("KT đã kiểm tra"), "{text}");
}

#[test]
fn bug14_proposing_recognition_for_a_unit_that_does_not_meet_is_warned_first() {
    let mut a = opened(Lang::En);
    press(&mut a, "s");
    press(&mut a, "c");
    press(&mut a, "Weak");
    update(&mut a, key(KeyCode::Tab));
    press(&mut a, " ");
    assert!(
        update(&mut a, key(KeyCode::Enter)).is_empty(),
        "not saved yet"
    );
    let text = screen(&a, 80, 24);
    assert!(
        text.contains("does not meet the model standard, yet"),
        "{text}"
    );
    assert!(
        update(&mut a, key(KeyCode::Enter)).contains(&Effect::Save),
        "a second Enter keeps it"
    );
}

#[test]
fn bug12_text_that_does_not_fit_ends_in_an_ellipsis() {
    let mut a = opened(Lang::En);
    to_evidence(&mut a);
    update(
        &mut a,
        Msg::Paste("line one\nline two\nline three\nline four\nline five\nline six".into()),
    );
    update(&mut a, key(KeyCode::Esc));
    let text = screen(&a, 80, 24);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("line ")).collect();
    assert!(
        rows.last().is_some_and(|l| l.contains("…")),
        "evidence cut with an ellipsis\n{text}"
    );
    // A long reason on the verdict line.
    let mut a = opened(Lang::En);
    safe_areas(&mut a, "16/25");
    press(&mut a, "1");
    press(
        &mut a,
        "the ward submitted the missing decisions after the visit, checked by phone",
    );
    update(&mut a, key(KeyCode::Enter));
    let text = screen(&a, 80, 24);
    let verdict_row = text.lines().find(|l| l.contains("Reason:")).unwrap();
    let reason = &verdict_row[verdict_row.find("Reason:").unwrap()..];
    assert!(reason.contains('…'), "{verdict_row}");
    // The holder of a lock: its machine and process are not lost off the edge.
    let a = opened_with(
        Lang::Vi,
        Status::Draft,
        Some(&crate::i18n::lock_held(
            Lang::Vi,
            Some(&crate::store::lock::Holder {
                program: "kiemtra".into(),
                user: "lan".into(),
                host: "may-tram-2".into(),
                pid: 4242,
                since: "2026-11-30T07:00:00Z".into(),
            }),
        )),
    );
    let text = screen(&a, 80, 24);
    let flat = text.replace('\n', " ");
    assert!(flat.contains("may-tram-2"), "{text}");
    assert!(flat.contains("4242"), "{text}");
}

#[test]
fn bug12_the_criteria_list_widens_on_a_wider_terminal() {
    let a = opened(Lang::Vi);
    let narrow = screen(&a, 120, 40);
    let wide = screen(&a, 200, 40);
    let border = |t: &str| t.lines().nth(3).unwrap().find("┐").unwrap();
    assert!(border(&wide) > border(&narrow), "{wide}");
}

/// The colour of the status line where `text` begins.
fn status_colour(a: &App, text: &str) -> ratatui::style::Color {
    use ratatui::{Terminal, backend::TestBackend};
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let frame = t.draw(|f| super::view::draw(a, f)).unwrap();
    let buf = frame.buffer;
    let first = text.chars().next().unwrap().to_string();
    for y in (0..24).rev() {
        let row: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if row.starts_with(text) {
            assert_eq!(buf[(0, y)].symbol(), first);
            return buf[(0, y)].fg;
        }
    }
    panic!("{text:?} not on the screen");
}

#[test]
fn a_restored_inspection_is_said_as_a_success_and_a_failed_save_as_an_error() {
    use super::notice::Notice;
    use ratatui::style::Color;
    let mut a = opened(Lang::En);
    update(
        &mut a,
        Msg::Notice(Notice::Restored {
            unit: "Phường 1".into(),
        }),
    );
    assert_eq!(
        status_colour(&a, "Restored the inspection of Phường 1"),
        Color::Green
    );
    update(
        &mut a,
        Msg::Saved(Err("Not saved: the disk is full".into())),
    );
    assert_eq!(status_colour(&a, "Not saved: the disk is full"), Color::Red);
    update(
        &mut a,
        Msg::Saved(Ok(jiff::Timestamp::from_second(1_700_000_000).unwrap())),
    );
    assert!(
        a.notice.is_none(),
        "a save that worked makes the failure past"
    );
    assert!(screen(&a, 80, 24).contains("Saved at"));
}

#[test]
fn a_paste_lands_in_the_dialog_field_or_search_box_that_has_the_focus() {
    use super::overlays::Dialog;
    let mut a = opened_with(Lang::En, Status::Final, None);
    press(&mut a, "sr");
    update(&mut a, Msg::Paste("a late report\r\nfrom the ward".into()));
    let Some(Overlay::Summary(Dialog::Reopen(d))) = a.overlay() else {
        panic!("the reopen dialog is open");
    };
    assert_eq!(d.reason.text(), "a late report from the ward");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, key(KeyCode::Esc));
    press(&mut a, "/");
    update(&mut a, Msg::Paste("phuong".into()));
    assert_eq!(a.session().unwrap().search.query(), "phuong");
}

/// A refused verdict on a sealed inspection is said on that screen only: it does not follow
/// the user to the Summary, nor back Home.
#[test]
fn bug5_a_refusal_does_not_follow_to_the_next_screen() {
    let mut a = opened_with(Lang::En, Status::Sealed, None);
    a.notice = None;
    press(&mut a, "1");
    assert!(screen(&a, 80, 24).contains("cannot be changed"));
    press(&mut a, "s");
    let text = screen(&a, 80, 24);
    assert!(!text.contains("cannot be changed"), "{text}");
}

/// A line feed (Ctrl-J; some terminals send it for Enter, and a closing pseudo-terminal
/// sends one) starts a new line in a text area: it used to delete the line just typed.
#[test]
fn a_line_feed_in_a_text_area_is_a_new_line_not_a_deleted_line() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    press(&mut a, "Sổ theo dõi");
    update(&mut a, ctrl('j'));
    press(&mut a, "x");
    assert_eq!(evidence(&a, "I.1"), "Sổ theo dõi\nx");
    // Ctrl-D at the end of the text deletes nothing.
    update(&mut a, ctrl('d'));
    assert_eq!(evidence(&a, "I.1"), "Sổ theo dõi\nx");
}

#[test]
fn text_that_is_not_a_valid_value_stays_in_its_field_and_is_never_dropped_in_silence() {
    let mut a = opened(Lang::En);
    press(&mut a, "n");
    update(&mut a, key(KeyCode::Enter));
    // A ratio wants "part/whole": "95" is refused, then the next field (a check) is set.
    press(&mut a, "95");
    update(&mut a, key(KeyCode::Tab));
    let e = press(&mut a, " ");
    assert_eq!(e, vec![Effect::Save]);
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("[95 "),
        "the typed text stays after another field is saved: {shown}"
    );
    assert!(shown.contains("two whole numbers"), "{shown}");
    let s = a.session().unwrap();
    let stored = s
        .inspection
        .answer("I.2")
        .map(|x| x.values.len())
        .unwrap_or(0);
    assert_eq!(stored, 1, "only the check is stored, not the refused ratio");
    // Leaving the criterion says that the text was not recorded.
    update(&mut a, key(KeyCode::Esc));
    press(&mut a, "n");
    let shown = screen(&a, 100, 30);
    assert!(
        shown.contains("\"95\" was not recorded in Staffing"),
        "{shown}"
    );
}

#[test]
fn the_footer_offers_only_the_steps_that_can_act_and_a_refused_key_still_says_why() {
    let footer = |a: &App| {
        let text = screen(a, 80, 24);
        text.lines().last().unwrap_or_default().to_string()
    };
    for (status, ro, offered, not_offered) in [
        (
            Status::Draft,
            None,
            &["1 Met", "c conclude", "f finalise"][..],
            &["x seal", "r reopen"][..],
        ),
        (
            Status::Final,
            None,
            &["x seal", "r reopen"],
            &["1 Met", "c conclude", "f finalise"],
        ),
        (
            Status::Sealed,
            None,
            &["r reopen"],
            &["1 Met", "c conclude", "x seal"],
        ),
        (
            Status::Draft,
            Some("open elsewhere"),
            &["e export"],
            &["1 Met", "c conclude", "x seal"],
        ),
    ] {
        let mut a = opened_with(Lang::En, status, ro);
        let walk = footer(&a);
        press(&mut a, "s");
        let summary = footer(&a);
        for want in offered {
            assert!(
                walk.contains(want) || summary.contains(want),
                "{status:?} {ro:?}: {want} offered\n{walk}\n{summary}"
            );
        }
        for not in not_offered {
            assert!(
                !walk.contains(not) && !summary.contains(not),
                "{status:?} {ro:?}: {not} not offered\n{walk}\n{summary}"
            );
        }
    }
    // Pressed anyway, a step that cannot act here says why.
    let mut a = opened_with(Lang::En, Status::Sealed, None);
    press(&mut a, "sc");
    assert!(matches!(
        a.notice,
        Some(super::notice::Notice::StepNotNow(Status::Sealed))
    ));
}
