//! The reopen dialog: a final or sealed inspection goes back to draft, with a reason
//! that is recorded in the history.

use ratatui::crossterm::event::KeyEvent;

use super::dialog::{DialogView, one_line};
use super::{Dialog, change};
use crate::domain::Lang;
use crate::domain::finding::FinalizeError;
use crate::i18n::{lifecycle, ui};
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::notice::StepError;
use crate::tui::theme::Look;

#[derive(Debug, Clone, Default)]
pub struct Reopen {
    pub reason: LineInput,
    pub error: Option<String>,
}

impl Reopen {
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let (title, intro) = (ui::reopen_title(lang), ui::reopen_intro(lang));
        one_line(
            look,
            lang,
            title,
            intro,
            &self.reason,
            self.error.as_deref(),
        )
    }
}

/// A key in the dialog; `enter` when the keymap read it as going ahead.
pub fn on_key(app: &mut App, ev: &KeyEvent, enter: bool) -> Vec<Effect> {
    let (lang, now, user) = (app.lang, app.now, app.user.clone());
    let Some(Overlay::Summary(Dialog::Reopen(d))) = app.overlays.last_mut() else {
        return vec![];
    };
    if !enter {
        edit_line(&mut d.reason, ev);
        d.error = None;
        return vec![];
    }
    if d.reason.text().trim().is_empty() {
        d.error = Some(lifecycle::finalize_error(lang, &FinalizeError::NoReason));
        return vec![];
    }
    let why = d.reason.text().to_string();
    app.overlays.pop();
    change(app, |i| {
        i.reopen(&why, &user, now)
            .map(|_| true)
            .map_err(StepError::Finalize)
    })
}
