//! Crash snapshots found at start: apply (a), discard (d), or later (l, Esc).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::tui::app::{App, Effect, Overlay};

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Recovery { offers, selected }) = app.overlay.as_mut() else {
        return vec![];
    };
    let Some(offer) = offers.get(*selected).cloned() else {
        app.overlay = None;
        return vec![];
    };
    let effect = match ev.code {
        KeyCode::Up | KeyCode::Char('k') => {
            *selected = selected.saturating_sub(1);
            return vec![];
        }
        KeyCode::Down | KeyCode::Char('j') => {
            *selected = (*selected + 1).min(offers.len() - 1);
            return vec![];
        }
        KeyCode::Char('a') => Effect::ApplyRecovery(offer.path),
        KeyCode::Char('d') => Effect::DiscardRecovery(offer.path),
        KeyCode::Esc | KeyCode::Char('l') => {
            app.overlay = None;
            return vec![];
        }
        _ => return vec![],
    };
    offers.remove(*selected);
    *selected = (*selected).min(offers.len().saturating_sub(1));
    if offers.is_empty() {
        app.overlay = None;
    }
    vec![effect, Effect::LoadHome]
}
