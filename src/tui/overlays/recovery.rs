//! Crash snapshots found at start: apply (a), discard (d), or later (l, Esc).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;

use super::dialog::DialogView;
use crate::domain::Lang;
use crate::i18n::ui;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::{Look, Role};

/// A crash snapshot found in `recovery/`, offered at start.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub path: std::path::PathBuf,
    pub unit: String,
    pub id: String,
    pub saved_at: String,
}

#[derive(Debug, Clone)]
pub struct RecoveryDialog {
    pub offers: Vec<RecoveryOffer>,
    pub selected: usize,
}

impl RecoveryDialog {
    /// One snapshot a line, the selected one marked, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let sym = &look.symbols;
        let mut l = vec![Line::raw(ui::recovery_intro(lang)), Line::raw("")];
        for (i, o) in self.offers.iter().enumerate() {
            let style = t.style(if i == self.selected {
                Role::Selected
            } else {
                Role::Normal
            });
            l.push(Line::styled(
                format!(
                    "{}{sep}{}{sep}{}",
                    o.saved_at,
                    crate::domain::escape::for_terminal_line(&o.unit),
                    &o.id,
                    sep = sym.separator
                ),
                style,
            ));
        }
        l.push(Line::raw(""));
        l.push(Line::styled(ui::recovery_keys(lang), t.style(Role::Muted)));
        DialogView::new(look, ui::recovery_title(lang), l, None)
    }
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
