//! How an `Editor` is drawn: a one-line field scrolls sideways to keep the cursor inside;
//! a multi-line field wraps at word boundaries and scrolls down with the cursor. Text
//! from a file is someone else's, so each letter is drawn escaped (`\x1B`, `\u{202E}`).

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::editor::{Editor, Shown};
use crate::domain::escape::for_terminal_line;

/// What a letter (a grapheme) looks like on the screen.
fn shown(g: &str) -> Cow<'_, str> {
    for_terminal_line(g)
}

/// The columns `s` takes when drawn.
pub fn cells(s: &str) -> usize {
    s.graphemes(true).map(|g| shown(g).width()).sum()
}

/// One screen row of a multi-line text: a byte range of it, and whether it ends its line
/// (a cursor at the end of a row that wraps is drawn at the start of the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub last: bool,
}

/// The rows of `text` at `width` columns: words move whole to the next row, a word wider
/// than a row is cut between letters, spaces stay where they were typed.
pub fn rows(text: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let first = out.len();
        wrap_line(line, at, width, &mut out);
        if out.len() == first {
            out.push(Row {
                start: at,
                end: at,
                last: true,
            });
        }
        if let Some(r) = out.last_mut() {
            r.last = true;
        }
        at += line.len() + 1;
    }
    out
}

fn wrap_line(line: &str, base: usize, width: usize, out: &mut Vec<Row>) {
    let (mut start, mut end, mut used) = (0, 0, 0);
    let mut push = |start: usize, end: usize| {
        out.push(Row {
            start: base + start,
            end: base + end,
            last: false,
        });
    };
    for (i, word) in line.split_word_bound_indices() {
        let w = cells(word);
        if used + w > width && end > start {
            push(start, end);
            (start, used) = (end, 0);
        }
        if used + w <= width {
            (end, used) = (i + word.len(), used + w);
            continue;
        }
        // A word wider than the row: cut it between letters.
        for (j, g) in word.grapheme_indices(true) {
            let gw = cells(g);
            if used + gw > width && end > start {
                push(start, end);
                (start, used) = (end, 0);
            }
            (end, used) = (i + j + g.len(), used + gw);
        }
    }
    if end > start {
        push(start, end);
    }
}

/// The row the cursor is on.
pub fn cursor_row(rows: &[Row], cursor: usize) -> usize {
    rows.iter()
        .position(|r| r.start <= cursor && (cursor < r.end || (r.last && cursor == r.end)))
        .unwrap_or(rows.len().saturating_sub(1))
}

/// The visible part of a one-line field `width` columns wide, and the cursor column in it.
pub fn one_line(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let cursor_col = cells(&text[..cursor]);
    if width == 0 {
        return (String::new(), 0);
    }
    // Scroll so that the cursor stays inside the field.
    let mut skip_cols = cursor_col.saturating_sub(width.saturating_sub(1));
    let mut out = String::new();
    let mut used = 0;
    let mut col = 0;
    for g in text.graphemes(true) {
        let w = cells(g);
        if skip_cols > 0 {
            col += w;
            skip_cols = skip_cols.saturating_sub(w);
            continue;
        }
        if used + w > width {
            break;
        }
        out.push_str(&shown(g));
        used += w;
    }
    (out, cursor_col - col)
}

/// A multi-line field being typed in, its cursor drawn as a cell in `cursor_style`.
pub struct TextAreaView<'a> {
    pub editor: &'a Editor,
    pub cursor_style: Style,
}

impl Widget for TextAreaView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (width, height) = (usize::from(area.width), usize::from(area.height));
        if width == 0 || height == 0 {
            return;
        }
        let (text, cursor) = (self.editor.text(), self.editor.cursor());
        let rows = rows(text, width);
        let here = cursor_row(&rows, cursor);
        // The view moves only when the cursor leaves it, or when the text got shorter
        // than the rows below the top.
        let mut top = self
            .editor
            .shown()
            .top
            .min(here)
            .min(rows.len().saturating_sub(height));
        if here >= top + height {
            top = here + 1 - height;
        }
        self.editor.set_shown(Shown { width, top });
        for (row, y) in rows.iter().skip(top).zip(area.top()..area.bottom()) {
            let mut x = area.x;
            for (i, g) in text[row.start..row.end].grapheme_indices(true) {
                let w = u16::try_from(cells(g)).unwrap_or(u16::MAX);
                if x.saturating_add(w) > area.right() {
                    break;
                }
                let style = if row.start + i == cursor {
                    self.cursor_style
                } else {
                    Style::default()
                };
                buf.set_stringn(x, y, shown(g), usize::from(w), style);
                x += w;
            }
            if row.last && cursor == row.end && x < area.right() {
                buf.set_string(x, y, " ", self.cursor_style);
            }
        }
    }
}
