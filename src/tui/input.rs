//! A single-line text input that edits by grapheme and measures display width, so
//! Vietnamese typed through an input method (composed or combining) edits and shows right.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::domain::nfc;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor as a byte offset on a grapheme boundary.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let text = nfc(text);
        LineInput {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    pub fn insert(&mut self, c: char) {
        if c == '\n' || c == '\r' || c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.renormalize();
    }

    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(c);
        }
    }

    /// Keep the text NFC as combining marks arrive, with the cursor after the same
    /// number of graphemes as before.
    fn renormalize(&mut self) {
        let before = self.text[..self.cursor].graphemes(true).count();
        let normalized = nfc(&self.text);
        if normalized != self.text {
            self.text = normalized;
            self.cursor = self
                .text
                .grapheme_indices(true)
                .nth(before)
                .map(|(i, _)| i)
                .unwrap_or(self.text.len());
        }
    }

    pub fn backspace(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(i..self.cursor, "");
            self.cursor = i;
        }
    }

    pub fn delete(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = i;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The visible part for a field `width` columns wide, and the cursor column in it.
    pub fn view(&self, width: usize) -> (String, usize) {
        let before = &self.text[..self.cursor];
        let cursor_col = before.width();
        if width == 0 {
            return (String::new(), 0);
        }
        // Scroll so that the cursor stays inside the field.
        let mut skip_cols = cursor_col.saturating_sub(width.saturating_sub(1));
        let mut out = String::new();
        let mut used = 0;
        let mut col = 0;
        for g in self.text.graphemes(true) {
            let w = g.width();
            if skip_cols > 0 {
                col += w;
                skip_cols = skip_cols.saturating_sub(w);
                continue;
            }
            if used + w > width {
                break;
            }
            out.push_str(g);
            used += w;
        }
        (out, cursor_col - col)
    }
}

/// The editing keys of a one-line field (this is the text model's own small keymap:
/// printable keys are text, never commands); true when the key was used.
pub fn edit_line(input: &mut LineInput, ev: &KeyEvent) -> bool {
    if let Some(c) = typed_char(ev) {
        input.insert(c);
        return true;
    }
    if ev
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return false;
    }
    match ev.code {
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        _ => return false,
    }
    true
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
    fn newlines_and_controls_are_not_inserted() {
        let mut i = LineInput::default();
        i.insert_str("a\nb\u{7}c");
        assert_eq!(i.text(), "abc");
    }
}
