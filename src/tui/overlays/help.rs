//! The help overlay: the keymap's rows for the screen under it, scrolled with the arrows.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::{App, Effect, Overlay};
use crate::tui::keymap::{self, Action, Scope};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// Rows scrolled past (the drawing keeps it within the table).
    pub scroll: usize,
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Help(help)) = app.overlays.last_mut() else {
        return vec![];
    };
    match keymap::lookup(Scope::Help, ev) {
        Some(Action::Up) => help.scroll = help.scroll.saturating_sub(1),
        Some(Action::Down) => help.scroll += 1,
        Some(Action::Back) => {
            app.overlays.pop();
        }
        _ => {}
    }
    vec![]
}
