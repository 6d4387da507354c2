//! One editing model for every text field: the one-line ones (indicator values, remarks,
//! search boxes, dialog fields, Setup) and the multi-line ones (evidence, shortcomings).
//! Typing, paste, NFC, kill and yank, and the in-field undo live here; the screens only
//! choose the mode and decide what a change means. Drawing is in `editor_view`.

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::editor_view::{cells, cursor_row, rows};

/// How many steps the in-field undo keeps.
const UNDO_DEPTH: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// NFC. Lines are separated by `\n`, which typing and pasting never put into a
    /// one-line field.
    text: String,
    /// A byte offset on a grapheme boundary.
    cursor: usize,
    /// The rest, boxed: dialogs hold several one-line fields, and an overlay enum its
    /// dialogs, so a field stays about the size of its text.
    more: Box<More>,
}

#[derive(Debug, Clone, Default)]
struct More {
    multiline: bool,
    /// Text and cursor before each step, newest last; what undo took, for redo.
    undo: Vec<(String, usize)>,
    redo: Vec<(String, usize)>,
    /// What the last step was, so that a word typed is one undo step, not one per letter.
    last: Last,
    /// What Ctrl-K or Ctrl-W took, for Ctrl-Y.
    killed: String,
    /// The wrap width and first row of the last draw: Up and Down move by the rows the
    /// user sees, and the view scrolls only when the cursor leaves it. Drawing takes
    /// `&self` (it never changes the text), hence a `Cell`.
    shown: Cell<Shown>,
}

/// Two editors are equal when they hold the same text with the cursor at the same place;
/// history and scrolling are not what a user compares.
impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        (&self.text, self.cursor, self.more.multiline)
            == (&other.text, other.cursor, other.more.multiline)
    }
}

impl Eq for Editor {}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Last {
    #[default]
    Other,
    /// A character was typed; `space` when it was white space.
    Typed { space: bool },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    /// Columns of the last draw; 0 before the first.
    pub width: usize,
    pub top: usize,
}

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// The text changed.
    Edited,
    /// The key was the field's (a move, an undo with nothing to undo) but the text is as
    /// it was.
    Used,
    /// Not an editing key: it is the screen's or the dialog's.
    Unused,
}

impl KeyUse {
    pub fn used(self) -> bool {
        self != KeyUse::Unused
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Type(char),
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    WordLeft,
    WordRight,
    KillToEnd,
    KillWordBack,
    Yank,
    Undo,
    Redo,
}

/// The editing keys, from the keymap's `Text` rows (and `TextArea` rows in a multi-line
/// field); printable keys are text, never commands.
fn command(ev: &KeyEvent, multiline: bool) -> Option<Command> {
    use super::keymap::{Action as A, Scope, lookup};
    use Command as C;
    if ev.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    if multiline && super::keymap::is_line_feed(ev) {
        return Some(C::Newline);
    }
    let action = lookup(Scope::Text, ev)
        .or_else(|| multiline.then(|| lookup(Scope::TextArea, ev)).flatten());
    let Some(action) = action else {
        return match ev.code {
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => Some(C::Type(c)),
            _ => None,
        };
    };
    Some(match action {
        A::CursorLeft => C::Left,
        A::CursorRight => C::Right,
        A::LineStart => C::Home,
        A::LineEnd => C::End,
        A::WordLeft => C::WordLeft,
        A::WordRight => C::WordRight,
        A::DeleteBack => C::Backspace,
        A::DeleteForward => C::Delete,
        A::KillToEnd => C::KillToEnd,
        A::KillWordBack => C::KillWordBack,
        A::Yank => C::Yank,
        A::NewLine => C::Newline,
        A::LineUp => C::Up,
        A::LineDown => C::Down,
        A::UndoTyping => C::Undo,
        A::RedoTyping => C::Redo,
        _ => return None,
    })
}

impl Editor {
    /// A one-line field holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Editor {
        let text = nfc(text);
        Editor {
            cursor: text.len(),
            text,
            ..Editor::default()
        }
    }

    /// A multi-line field holding `text`, the cursor at its end.
    pub fn multiline(text: &str) -> Editor {
        let mut e = Editor::new(text);
        e.more.multiline = true;
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The lines of a multi-line field (one for a one-line field).
    pub fn lines(&self) -> Vec<&str> {
        self.text.split('\n').collect()
    }

    /// The cursor, as a byte offset into `text()`.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Where the last draw of a multi-line field left the view.
    pub(super) fn shown(&self) -> Shown {
        self.more.shown.get()
    }

    pub(super) fn set_shown(&self, shown: Shown) {
        self.more.shown.set(shown);
    }

    /// Start again with `text`, history and all.
    pub fn set(&mut self, text: &str) {
        let multiline = self.more.multiline;
        *self = Editor::new(text);
        self.more.multiline = multiline;
    }

    pub fn clear(&mut self) {
        self.set("");
    }

    /// Put `text` in place of the whole content as one step that undo takes back (the
    /// text back from `$EDITOR`).
    pub fn replace_all(&mut self, text: &str) -> bool {
        let text = self.cleaned(text);
        self.change(None, |e| {
            e.text = text;
            e.cursor = e.text.len();
        })
    }

    /// A key: edit, move, or leave it to the screen.
    pub fn key(&mut self, ev: &KeyEvent) -> KeyUse {
        let Some(cmd) = command(ev, self.more.multiline) else {
            return KeyUse::Unused;
        };
        let edited = match cmd {
            Command::Type(c) => self.insert(c),
            Command::Newline => self.insert('\n'),
            Command::Backspace => self.backspace(),
            Command::Delete => self.delete(),
            Command::KillToEnd => self.kill_to_end(),
            Command::KillWordBack => self.kill_word_back(),
            Command::Yank => {
                let killed = self.more.killed.clone();
                self.paste(&killed)
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            moving => {
                self.more.last = Last::Other;
                self.cursor = match moving {
                    Command::Left => self.prev_boundary(self.cursor),
                    Command::Right => self.next_boundary(self.cursor),
                    Command::Home => self.line_start(),
                    Command::End => self.line_end(),
                    Command::WordLeft => self.word_left(),
                    Command::WordRight => self.word_right(),
                    Command::Up => self.vertical(false),
                    _ => self.vertical(true),
                };
                false
            }
        };
        if edited { KeyUse::Edited } else { KeyUse::Used }
    }

    /// Type one character. A line break goes only into a multi-line field, and other
    /// control characters nowhere. True when the text changed.
    pub fn insert(&mut self, c: char) -> bool {
        let c = if c == '\r' { '\n' } else { c };
        if (c == '\n' && !self.more.multiline) || (c != '\n' && c.is_control()) {
            return false;
        }
        self.change(Some(c), |e| {
            e.text.insert(e.cursor, c);
            e.cursor += c.len_utf8();
        })
    }

    /// A paste (or a yank). CR, CR LF and LF are each one line break; a one-line field
    /// takes the lines joined by spaces, without the break that ends the last one. A tab
    /// is a space; other control characters are dropped. True when the text changed.
    pub fn paste(&mut self, pasted: &str) -> bool {
        let clean = self.cleaned(pasted);
        self.change(None, |e| {
            e.text.insert_str(e.cursor, &clean);
            e.cursor += clean.len();
        })
    }

    /// The same as [`Editor::paste`]; the name the one-line fields' callers know.
    pub fn insert_str(&mut self, pasted: &str) -> bool {
        self.paste(pasted)
    }

    fn cleaned(&self, pasted: &str) -> String {
        let text = pasted.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.more.multiline {
            text
        } else {
            text.trim_end_matches('\n').replace('\n', " ")
        };
        text.chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| *c == '\n' || !c.is_control())
            .collect()
    }

    fn backspace(&mut self) -> bool {
        let from = self.prev_boundary(self.cursor);
        self.remove(from, self.cursor, false)
    }

    fn delete(&mut self) -> bool {
        let to = self.next_boundary(self.cursor);
        self.remove(self.cursor, to, false)
    }

    /// Ctrl-K: the rest of the line; at its end, the line break (the next line joins).
    fn kill_to_end(&mut self) -> bool {
        let end = self.line_end();
        let end = if end == self.cursor {
            self.next_boundary(end)
        } else {
            end
        };
        self.remove(self.cursor, end, true)
    }

    /// Ctrl-W: the word before the cursor; at the start of a line, the line break.
    fn kill_word_back(&mut self) -> bool {
        let from = if self.text[..self.cursor].ends_with('\n') {
            self.cursor - 1
        } else {
            self.word_left()
        };
        self.remove(from, self.cursor, true)
    }

    fn remove(&mut self, from: usize, to: usize, keep: bool) -> bool {
        if from >= to {
            return false;
        }
        if keep {
            self.more.killed = self.text[from..to].to_string();
        }
        self.change(None, |e| {
            e.text.replace_range(from..to, "");
            e.cursor = from;
        })
    }

    fn undo(&mut self) -> bool {
        self.more.last = Last::Other;
        let Some((text, cursor)) = self.more.undo.pop() else {
            return false;
        };
        self.more
            .redo
            .push((std::mem::replace(&mut self.text, text), self.cursor));
        self.cursor = cursor;
        true
    }

    fn redo(&mut self) -> bool {
        self.more.last = Last::Other;
        let Some((text, cursor)) = self.more.redo.pop() else {
            return false;
        };
        self.more
            .undo
            .push((std::mem::replace(&mut self.text, text), self.cursor));
        self.cursor = cursor;
        true
    }

    /// Run one edit as an undo step (a word typed joins the step it began), and keep the
    /// text NFC. True when the text changed.
    fn change(&mut self, typed: Option<char>, edit: impl FnOnce(&mut Editor)) -> bool {
        let before = (self.text.clone(), self.cursor);
        edit(self);
        self.normalize();
        if self.text == before.0 {
            self.cursor = before.1.min(self.text.len());
            return false;
        }
        let space = typed.map(char::is_whitespace);
        // A new step begins with each word: a letter after a space, or any other edit.
        let joins = matches!((self.more.last, space), (Last::Typed { space: prev }, Some(now)) if !prev || now);
        if !joins {
            self.more.undo.push(before);
            if self.more.undo.len() > UNDO_DEPTH {
                self.more.undo.remove(0);
            }
        }
        self.more.redo.clear();
        self.more.last = space.map_or(Last::Other, |space| Last::Typed { space });
        true
    }

    /// Keep the text NFC as combining marks arrive (an input method may send a letter
    /// and its marks one by one), with the cursor after the same number of letters.
    fn normalize(&mut self) {
        if self.text.is_ascii() || is_nfc_quick(self.text.chars()) == IsNormalized::Yes {
            return;
        }
        let letters = self.text[..self.cursor].graphemes(true).count();
        let composed: String = self.text.nfc().collect();
        if composed != self.text {
            self.text = composed;
            self.cursor = self
                .text
                .grapheme_indices(true)
                .nth(letters)
                .map_or(self.text.len(), |(i, _)| i);
        }
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i)
    }

    /// Where the words begin (a word, a number, a punctuation mark; not white space).
    fn word_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.text
            .split_word_bound_indices()
            .filter(|(_, w)| !w.chars().all(char::is_whitespace))
            .map(|(i, _)| i)
    }

    fn word_left(&self) -> usize {
        self.word_starts()
            .take_while(|i| *i < self.cursor)
            .last()
            .unwrap_or(0)
    }

    fn word_right(&self) -> usize {
        self.word_starts()
            .find(|i| *i > self.cursor)
            .unwrap_or(self.text.len())
    }

    /// The cursor one row up or down, at the same column where the row is long enough.
    /// Rows are those of the last draw (a long line wraps); before any, the lines.
    fn vertical(&self, down: bool) -> usize {
        let width = self.more.shown.get().width;
        let rows = rows(&self.text, if width == 0 { usize::MAX } else { width });
        let here = cursor_row(&rows, self.cursor);
        let there = if down {
            here + 1
        } else {
            match here.checked_sub(1) {
                Some(r) => r,
                None => return self.cursor,
            }
        };
        let Some(to) = rows.get(there) else {
            return self.cursor;
        };
        let col = cells(&self.text[rows[here].start..self.cursor]);
        let mut at = to.start;
        let mut used = 0;
        for (i, g) in self.text[to.start..to.end].grapheme_indices(true) {
            let w = cells(g);
            if used + w > col {
                return to.start + i;
            }
            used += w;
            at = to.start + i + g.len();
        }
        // The end of a row that wraps is the start of the next one: stay before it.
        if to.last {
            at
        } else {
            self.prev_boundary(to.end)
        }
    }

    /// The visible part for a one-line field `width` columns wide, and the cursor column
    /// in it. The text scrolls so that the cursor stays inside.
    pub fn view(&self, width: usize) -> (String, usize) {
        super::editor_view::one_line(&self.text, self.cursor, width)
    }
}

fn nfc(s: &str) -> String {
    crate::domain::nfc(s)
}
