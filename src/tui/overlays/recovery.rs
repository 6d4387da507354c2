//! Crash snapshots found at start: apply (a), discard (d), or later (l, Esc).

use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::{App, Effect, Overlay, RecoveryOffer};
use crate::tui::keymap::{self, Action, Scope};

#[derive(Debug, Clone)]
pub struct RecoveryDialog {
    pub offers: Vec<RecoveryOffer>,
    pub selected: usize,
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Recovery(RecoveryDialog { offers, selected })) = app.overlays.last_mut()
    else {
        return vec![];
    };
    let Some(offer) = offers.get(*selected).cloned() else {
        app.overlays.pop();
        return vec![];
    };
    let effect = match keymap::lookup(Scope::Recovery, ev) {
        Some(Action::Up) => {
            *selected = selected.saturating_sub(1);
            return vec![];
        }
        Some(Action::Down) => {
            *selected = (*selected + 1).min(offers.len() - 1);
            return vec![];
        }
        Some(Action::Apply) => Effect::ApplyRecovery(offer.path),
        Some(Action::Discard) => Effect::DiscardRecovery(offer.path),
        Some(Action::Back) => {
            app.overlays.pop();
            return vec![];
        }
        _ => return vec![],
    };
    offers.remove(*selected);
    *selected = (*selected).min(offers.len().saturating_sub(1));
    if offers.is_empty() {
        app.overlays.pop();
    }
    vec![effect, Effect::LoadHome]
}
