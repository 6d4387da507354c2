//! The one editor: typing Vietnamese in either form, paste, line breaks, undo, moving by
//! word and by row, and how it is drawn; then scripted keys through the Walk screen that
//! end in the saved inspection.
#![allow(clippy::unwrap_used)]

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::app::{App, Effect, Msg, update};
use super::editor::{Editor, KeyUse};
use super::editor_view::TextAreaView;
use super::tests::{key, opened, to_evidence};
use crate::domain::Lang;

const DECOMPOSED: &str = "Nguye\u{0302}\u{0303}n";
const PRECOMPOSED: &str = "Nguy\u{1ec5}n";

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(e: &mut Editor, text: &str) {
    for c in text.chars() {
        e.key(&plain(KeyCode::Char(c)));
    }
}

#[test]
fn nguyen_typed_decomposed_or_precomposed_is_the_same_nfc_text() {
    for keys in [DECOMPOSED, PRECOMPOSED] {
        for mut e in [Editor::default(), Editor::multiline("")] {
            typed(&mut e, keys);
            assert_eq!(e.text(), PRECOMPOSED, "{keys:?}");
            assert_eq!(e.text().chars().count(), 6, "one letter for ễ");
            assert_eq!(e.cursor(), e.text().len(), "the cursor is at the end");
        }
    }
}

#[test]
fn the_cursor_moves_by_letter_over_multi_byte_text() {
    let mut e = Editor::new(PRECOMPOSED);
    assert_eq!(e.cursor(), PRECOMPOSED.len());
    e.key(&plain(KeyCode::Left));
    e.key(&plain(KeyCode::Left));
    assert_eq!(e.cursor(), "Nguy".len(), "before ễ, on a char boundary");
    typed(&mut e, "x");
    assert_eq!(e.text(), "Nguyxễn");
    e.key(&plain(KeyCode::End));
    e.key(&plain(KeyCode::Right));
    assert_eq!(e.cursor(), e.text().len(), "Right at the end stays there");
    let (shown, col) = e.view(20);
    assert_eq!((shown.as_str(), col), ("Nguyxễn", 7), "columns, not bytes");
}

#[test]
fn backspace_takes_a_letter_with_its_combining_marks() {
    let mut e = Editor::default();
    typed(&mut e, DECOMPOSED);
    e.key(&plain(KeyCode::Backspace));
    e.key(&plain(KeyCode::Backspace));
    assert_eq!(e.text(), "Nguy", "ễ went whole, no mark left behind");
    // A letter with a mark that has no precomposed form is still one letter.
    let mut e = Editor::new("ax\u{0301}");
    e.key(&plain(KeyCode::Backspace));
    assert_eq!(e.text(), "a");
    let mut e = Editor::new("x\u{0301}b");
    e.key(&plain(KeyCode::Home));
    e.key(&plain(KeyCode::Delete));
    assert_eq!(e.text(), "b");
}

#[test]
fn combining_marks_typed_one_by_one_become_nfc() {
    let mut e = Editor::default();
    typed(&mut e, "Phu\u{031b}o\u{031b}\u{0300}ng");
    assert_eq!(e.text(), "Phường");
    for _ in 0..3 {
        e.key(&plain(KeyCode::Backspace));
    }
    assert_eq!(e.text(), "Phư", "backspace removes whole letters");
}

#[test]
fn a_long_one_line_text_scrolls_to_keep_the_cursor_visible() {
    let e = Editor::new("Công an phường Tân Chánh Hiệp");
    let (shown, col) = e.view(10);
    assert_eq!(
        (shown.as_str(), col),
        ("hánh Hiệp", 9),
        "the last column is the cursor's"
    );
}

#[test]
fn newlines_and_controls_are_not_typed_into_one_line() {
    let mut e = Editor::default();
    typed(&mut e, "a\nb\u{7}c\r");
    assert_eq!(e.text(), "abc");
}

#[test]
fn a_mark_pasted_after_its_letter_joins_it() {
    let mut e = Editor::new("Phu");
    assert!(e.paste("\u{031b}"));
    assert_eq!(e.text(), "Phư");
    assert_eq!(e.cursor(), e.text().len());
}

#[test]
fn paste_into_one_line_joins_lines_with_spaces() {
    let mut e = Editor::default();
    e.paste("sổ 1\r\nsổ 2\rsổ 3\nsổ\t4\u{1b}[2J\n");
    assert_eq!(
        e.text(),
        "sổ 1 sổ 2 sổ 3 sổ 4[2J",
        "no break, no control char"
    );
}

#[test]
fn cr_crlf_and_lf_are_each_one_line_break_in_a_multi_line_field() {
    let mut e = Editor::multiline("");
    e.paste("sổ 1\rsổ 2\r\nsổ 3\nNguye\u{0302}\u{0303}n");
    assert_eq!(e.lines(), ["sổ 1", "sổ 2", "sổ 3", PRECOMPOSED]);
    // Typed: Enter and Ctrl-J are line breaks too.
    e.key(&plain(KeyCode::Enter));
    e.key(&ctrl('j'));
    assert_eq!(e.text().matches('\n').count(), 5);
}

#[test]
fn undo_takes_back_a_word_at_a_time_and_redo_puts_it_back() {
    let mut e = Editor::multiline("");
    typed(&mut e, "hai từ");
    assert_eq!(e.key(&ctrl('u')), KeyUse::Edited);
    assert_eq!(e.text(), "hai ");
    e.key(&ctrl('u'));
    assert_eq!(e.text(), "");
    assert_eq!(e.key(&ctrl('u')), KeyUse::Used, "nothing more to undo");
    e.key(&ctrl('r'));
    assert_eq!(e.text(), "hai ");
    // A paste is one step, and a new edit forgets what was undone.
    e.paste("một\ndòng");
    e.key(&ctrl('u'));
    assert_eq!(e.text(), "hai ");
    typed(&mut e, "x");
    assert_eq!(e.key(&ctrl('r')), KeyUse::Used);
    assert_eq!(e.text(), "hai x");
}

#[test]
fn the_text_from_an_external_editor_is_one_step_to_undo() {
    let mut e = Editor::multiline("cũ");
    e.replace_all("mới\r\nNguye\u{0302}\u{0303}n");
    assert_eq!(e.text(), "mới\nNguyễn");
    e.key(&ctrl('u'));
    assert_eq!(e.text(), "cũ");
}

#[test]
fn words_are_moved_over_killed_and_yanked() {
    let mut e = Editor::new("Công an phường");
    e.key(&KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
    assert_eq!(&e.text()[e.cursor()..], "phường");
    e.key(&KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
    assert_eq!(&e.text()[e.cursor()..], "an phường");
    e.key(&KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL));
    assert_eq!(&e.text()[e.cursor()..], "phường");
    e.key(&ctrl('k'));
    assert_eq!(e.text(), "Công an ");
    e.key(&ctrl('w'));
    assert_eq!(e.text(), "Công ");
    e.key(&ctrl('y'));
    assert_eq!(e.text(), "Công an ");
}

#[test]
fn one_line_fields_leave_enter_up_down_and_list_keys_to_the_screen() {
    let mut e = Editor::new("abc");
    for ev in [
        plain(KeyCode::Enter),
        plain(KeyCode::Up),
        plain(KeyCode::Down),
        plain(KeyCode::Tab),
        plain(KeyCode::Esc),
        ctrl('u'),
        ctrl('d'),
        ctrl('j'),
        ctrl('s'),
    ] {
        assert_eq!(e.key(&ev), KeyUse::Unused, "{ev:?}");
    }
    assert_eq!(e.text(), "abc");
}

#[test]
fn up_and_down_move_between_lines_then_between_the_rows_drawn() {
    let mut e = Editor::multiline("một\nhai ba bốn");
    e.key(&plain(KeyCode::Up));
    assert_eq!(
        e.cursor(),
        "một".len(),
        "same column, clamped to the shorter line"
    );
    e.key(&plain(KeyCode::Home));
    e.key(&plain(KeyCode::Down));
    assert_eq!(e.cursor(), "một\n".len());
    // Drawn 8 columns wide, "hai ba bốn" is two rows: Down goes to the second.
    let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
    draw(&e, &mut buf);
    e.key(&plain(KeyCode::Down));
    assert_eq!(&e.text()[e.cursor()..], "bốn");
}

/// A frame: drawn on a blank buffer, as the terminal does.
fn draw(e: &Editor, buf: &mut Buffer) {
    buf.reset();
    let area = buf.area;
    TextAreaView {
        editor: e,
        cursor_style: Style::new().add_modifier(Modifier::REVERSED),
    }
    .render(area, buf);
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn cursor_cells(buf: &Buffer) -> Vec<(u16, u16)> {
    buf.area
        .positions()
        .filter(|p| buf[*p].modifier.contains(Modifier::REVERSED))
        .map(|p| (p.x, p.y))
        .collect()
}

#[test]
fn a_multi_line_field_wraps_words_shows_its_breaks_and_follows_the_cursor() {
    let e = Editor::multiline("Sổ theo dõi an ninh\nBiên bản");
    let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
    draw(&e, &mut buf);
    // Four rows do not fit in two: the view scrolls to the cursor, after "bản".
    assert_eq!(rows(&buf), ["an ninh     ", "Biên bản    "]);
    assert_eq!(cursor_cells(&buf), [(8, 1)]);
    // Going up leaves the view where it is until the cursor leaves it.
    let mut e = e;
    e.key(&plain(KeyCode::Up));
    draw(&e, &mut buf);
    assert_eq!(rows(&buf), ["an ninh     ", "Biên bản    "]);
    assert_eq!(cursor_cells(&buf), [(7, 0)], "after \"an ninh\"");
    e.key(&plain(KeyCode::Up));
    draw(&e, &mut buf);
    assert_eq!(rows(&buf), ["Sổ theo dõi ", "an ninh     "]);
    let mut buf = Buffer::empty(Rect::new(0, 0, 12, 4));
    draw(
        &Editor::multiline("Sổ theo dõi an ninh\nBiên bản"),
        &mut buf,
    );
    assert_eq!(
        rows(&buf),
        [
            "Sổ theo dõi ",
            "an ninh     ",
            "Biên bản    ",
            "            "
        ]
    );
}

#[test]
fn text_that_got_shorter_fills_the_view_again() {
    let mut e = Editor::multiline("một\nhai");
    e.paste("\nba\nbốn");
    let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
    draw(&e, &mut buf);
    assert_eq!(rows(&buf), ["ba    ", "bốn   "]);
    e.key(&ctrl('u'));
    draw(&e, &mut buf);
    assert_eq!(
        rows(&buf),
        ["một   ", "hai   "],
        "not a blank row under \"hai\""
    );
}

#[test]
fn a_word_wider_than_the_field_is_cut_not_hidden() {
    let e = Editor::multiline("Sổ: abcdefghijklmnopqrstuvwxyz");
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
    draw(&e, &mut buf);
    assert_eq!(
        rows(&buf),
        ["Sổ: ", "abcdefghij", "klmnopqrst", "uvwxyz    "].map(|r| format!("{r:<10}"))
    );
    assert_eq!(cursor_cells(&buf), [(6, 3)], "the cursor stays in sight");
}

#[test]
fn control_and_bidi_characters_from_a_file_are_drawn_escaped() {
    let e = Editor::new("a\u{202E}b\u{1b}");
    let (shown, col) = e.view(40);
    assert_eq!(shown, "a\\u{202E}b\\x1B");
    assert_eq!(col, shown.chars().count(), "the cursor after what is drawn");
    let e = Editor::multiline("x\u{202E}y");
    let mut buf = Buffer::empty(Rect::new(0, 0, 16, 1));
    draw(&e, &mut buf);
    assert_eq!(rows(&buf), ["x\\u{202E}y      "]);
}

fn press(a: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| update(a, key(KeyCode::Char(c))))
        .collect()
}

fn send(a: &mut App, ev: KeyEvent) -> Vec<Effect> {
    update(a, Msg::Key(ev))
}

/// The file the save would write, read back as JSON.
fn saved(a: &App, field: &str) -> serde_json::Value {
    let s = a.session().unwrap();
    let v = serde_json::to_value(&s.inspection).unwrap();
    v["answers"]["I.1"][field].clone()
}

#[test]
fn typing_and_pasting_into_evidence_and_a_remark_is_what_gets_saved() {
    let mut a = opened(Lang::Vi);
    to_evidence(&mut a);
    // Evidence: decomposed Vietnamese, a pasted list with CR breaks, a move, an undo.
    let mut effects = press(&mut a, "Sổ của ");
    effects.extend(press(&mut a, DECOMPOSED));
    effects.extend(update(&mut a, Msg::Paste("\r- biên bản\r\n- ảnh".into())));
    effects.extend(press(&mut a, " chụp"));
    // The word, then the space before it.
    send(&mut a, ctrl('u'));
    send(&mut a, ctrl('u'));
    send(&mut a, plain(KeyCode::Up));
    send(&mut a, plain(KeyCode::End));
    effects.extend(press(&mut a, " (2 bản)"));
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    assert_eq!(
        saved(&a, "evidence"),
        "Sổ của Nguyễn\n- biên bản (2 bản)\n- ảnh",
        "NFC, one break per CR or CR LF, the undone word gone, the insert in its line"
    );
    // The team's remark, a one-line field: typed, then a paste with a break.
    send(&mut a, plain(KeyCode::Esc));
    update(&mut a, key(KeyCode::Enter));
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab));
    press(&mut a, "Đã xem ");
    let effects = update(&mut a, Msg::Paste("sổ\r\ntại chỗ\n".into()));
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    assert_eq!(saved(&a, "values")["remarks"]["text"], "Đã xem sổ tại chỗ");
}
