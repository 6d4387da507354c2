//! The one-line fields' names for the editor (`LineInput`, `edit_line`), and the small
//! key helpers the Walk screen's number entry shares with them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A one-line field: the one editor (`editor::Editor`) in its one-line mode.
pub type LineInput = super::editor::Editor;

/// The editing keys of a one-line field; true when the key was used.
pub fn edit_line(input: &mut LineInput, ev: &KeyEvent) -> bool {
    input.key(ev).used()
}

/// The character a key types, when it types one (no Ctrl or Alt held).
pub fn typed_char(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c)
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Whether a key erases the character before the cursor.
pub fn is_backspace(ev: &KeyEvent) -> bool {
    ev.code == KeyCode::Backspace
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_typed_one_by_one_become_nfc() {
        let mut i = LineInput::default();
        for c in "Phu\u{031b}o\u{031b}\u{0300}ng".chars() {
            i.insert(c);
        }
        assert_eq!(i.text(), "Phường");
        i.backspace();
        i.backspace();
        i.backspace();
        assert_eq!(i.text(), "Phư", "backspace removes whole letters");
    }

    #[test]
    fn cursor_moves_by_letter_and_width_is_columns() {
        let mut i = LineInput::new("Hiệp");
        i.left();
        i.insert('x');
        assert_eq!(i.text(), "Hiệxp");
        let (shown, col) = i.view(20);
        assert_eq!(shown, "Hiệxp");
        assert_eq!(col, 4);
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let i = LineInput::new("Công an phường Tân Chánh Hiệp");
        let (shown, col) = i.view(10);
        assert!(shown.ends_with("Hiệp"), "{shown}");
        assert!(col <= 9);
    }

    #[test]
    fn newlines_and_controls_are_not_typed_into_one_line() {
        let mut i = LineInput::default();
        for c in "a\nb\u{7}c\r".chars() {
            i.insert(c);
        }
        assert_eq!(i.text(), "abc");
    }
}
