//! The seal dialog: who seals the final inspection (the team leader, by default).

use ratatui::crossterm::event::KeyEvent;

use super::dialog::{DialogView, one_line};
use super::{Dialog, change};
use crate::domain::Lang;
use crate::domain::seal::SealError;
use crate::i18n::{lifecycle, report as words, ui};
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::notice::StepError;
use crate::tui::theme::Look;

#[derive(Debug, Clone)]
pub struct Seal {
    pub name: LineInput,
    pub error: Option<String>,
}

impl Seal {
    pub fn new(leader: &str) -> Seal {
        Seal {
            name: LineInput::new(leader),
            error: None,
        }
    }

    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let (title, intro) = (words::seal(lang), ui::seal_intro(lang));
        one_line(look, lang, title, intro, &self.name, self.error.as_deref())
    }
}

/// A key in the dialog; `enter` when the keymap read it as going ahead.
pub fn on_key(app: &mut App, ev: &KeyEvent, enter: bool) -> Vec<Effect> {
    let (lang, now) = (app.lang, app.now);
    let Some(Overlay::Summary(Dialog::Seal(d))) = app.overlays.last_mut() else {
        return vec![];
    };
    if !enter {
        edit_line(&mut d.name, ev);
        d.error = None;
        return vec![];
    }
    let by = d.name.text().to_string();
    if by.trim().is_empty() {
        d.error = Some(lifecycle::seal_error(lang, &SealError::NoName));
        return vec![];
    }
    app.overlays.pop();
    change(app, |i| {
        if !i.conflicts.is_empty() {
            return Err(StepError::Conflicts(i.conflicts.len()));
        }
        i.seal(&by, now, None)
            .map(|_| true)
            .map_err(StepError::Seal)
    })
}
