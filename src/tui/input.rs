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
