//! The drawing side: what `--ascii` may print, Home drawing only the rows in view, the
//! criteria list widening with the terminal, and text cut with an ellipsis.
#![allow(clippy::unwrap_used)]

use ratatui::crossterm::event::KeyCode;

use super::app::{App, HomeRow, Msg, RecoveryOffer, update};
use super::tests::{app, dashboard_app, key, opened, press, safe_areas, screen};
use crate::domain::inspection::Status;
use crate::domain::{Lang, Progress};

/// Characters on screen that are neither ASCII nor letters (Vietnamese letters are
/// allowed; arrows, dots, ellipses, box drawing and blocks are not).
fn decorations(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_ascii() && !c.is_alphabetic())
        .collect()
}

fn home_rows(n: usize) -> Vec<HomeRow> {
    (0..n)
        .map(|i| HomeRow {
            id: format!("id{i:06}"),
            unit: format!("Công an phường số {i}"),
            district: "Quận 12".into(),
            date: jiff::civil::date(2022, 5, 19),
            status: Status::Draft,
            conflicts: 0,
            seal_broken: false,
            progress: Some(Progress {
                total: 22,
                assessed: i % 23,
                met: 0,
                basically_met: 0,
                not_met: 0,
            }),
        })
        .collect()
}

fn home(lang: Lang, ascii: bool, n: usize) -> App {
    let mut a = app(lang, ascii, !ascii);
    update(
        &mut a,
        Msg::HomeLoaded {
            rows: home_rows(n),
            problems: vec!["bỏ qua /data/inspections/x.json: tệp rỗng".into()],
        },
    );
    a
}

/// Every screen and dialog that can be reached by keys, as text at 80×24.
fn every_screen(lang: Lang, ascii: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut shot = |name: &str, a: &App| out.push((name.to_string(), screen(a, 80, 24)));
    shot("home empty", &app(lang, ascii, false));
    let mut h = home(lang, ascii, 40);
    shot("home", &h);
    press(&mut h, "a");
    shot("archive confirm", &h);
    update(&mut h, key(KeyCode::Esc));
    update(
        &mut h,
        Msg::Recovery(vec![RecoveryOffer {
            path: "/data/recovery/x.json".into(),
            unit: "Công an phường Tân Chánh Hiệp".into(),
            id: "0190".into(),
            saved_at: "2022-05-19 10:00".into(),
        }]),
    );
    shot("recovery", &h);
    let mut s = home(lang, ascii, 1);
    press(&mut s, "n");
    shot("setup", &s);
    shot("dashboard", &dashboard_app(lang, ascii, !ascii));

    let mut a = opened(lang);
    a.look = super::theme::Look::new(ascii, !ascii);
    safe_areas(&mut a, "16/25");
    shot("walk with a suggestion", &a);
    press(&mut a, "1");
    shot("reason", &a);
    press(&mut a, "why");
    update(&mut a, key(KeyCode::Enter));
    press(&mut a, "?");
    shot("help", &a);
    update(&mut a, key(KeyCode::Esc));
    press(&mut a, "s");
    shot("summary", &a);
    for (k, name) in [('c', "conclusion"), ('e', "export"), ('i', "facts")] {
        press(&mut a, &k.to_string());
        shot(name, &a);
        update(&mut a, key(KeyCode::Esc));
    }
    press(&mut a, "f");
    shot("finalise", &a);
    update(&mut a, key(KeyCode::Enter));
    press(&mut a, "x");
    shot("seal", &a);
    out
}

#[test]
fn ascii_look_prints_no_decoration_outside_ascii_on_any_screen() {
    for lang in [Lang::Vi, Lang::En] {
        for (name, text) in every_screen(lang, true) {
            assert_eq!(decorations(&text), "", "{lang:?} {name}:\n{text}");
        }
    }
}

#[test]
fn home_draws_the_selected_row_of_a_long_list_and_a_scrollbar() {
    let mut a = home(Lang::En, false, 5000);
    let text = screen(&a, 80, 24);
    assert!(text.contains("số 0,"), "{text}");
    for _ in 0..4000 {
        update(&mut a, key(KeyCode::Char('j')));
    }
    let text = screen(&a, 80, 24);
    assert!(text.contains("▸ Công an phường số 4000,"), "{text}");
    assert!(!text.contains("số 0,"), "{text}");
    assert!(text.contains('█'), "a scrollbar thumb:\n{text}");
    // The search filters the rows the window is built from.
    press(&mut a, "/");
    press(&mut a, "so 4321");
    let text = screen(&a, 80, 24);
    assert!(text.contains("▸ Công an phường số 4321,"), "{text}");
    assert!(!text.contains("số 4000,"), "{text}");
}

#[test]
fn the_criteria_list_widens_on_a_wider_terminal() {
    let a = opened(Lang::Vi);
    let narrow = screen(&a, 80, 24);
    let wide = screen(&a, 160, 40);
    let title = "Không để xảy ra hoạt động";
    assert!(!narrow.contains(title), "cut at 80 columns:\n{narrow}");
    assert!(wide.contains(title), "whole at 160 columns:\n{wide}");
}

#[test]
fn long_text_is_cut_with_an_ellipsis_in_the_look() {
    let a = opened(Lang::Vi);
    let text = screen(&a, 80, 24);
    assert!(text.contains("1 Xếp loại chi bộ và dan…"), "{text}");
    let mut b = opened(Lang::En);
    b.look = super::theme::Look::new(true, false);
    let text = screen(&b, 80, 24);
    assert!(text.contains("..."), "{text}");
    assert!(!text.contains('…'), "{text}");
}
