//! The console's dialogs, each in its own file with its own state and keys.

pub mod conclude;
pub mod confirm;
pub mod dialog;
pub mod export;
pub mod facts;
pub mod finalize;
pub mod help;
pub mod reason;
pub mod recommendation;
pub mod recovery;
pub mod reopen;
pub mod seal;

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Effect, Overlay};
use super::keymap::{self, Action, Scope};
use super::notice::{Notice, StepError};
use super::theme::Look;
use crate::domain::Lang;

/// The dialogs of the Summary screen: the steps that close an inspection.
#[derive(Debug, Clone)]
pub enum Dialog {
    Conclusion(conclude::Conclude),
    Finalize(finalize::Finalize),
    Seal(seal::Seal),
    Reopen(reopen::Reopen),
    Export(export::Export),
    /// The unit, team and date, edited after creation.
    Facts(facts::FactsForm),
}

impl Dialog {
    /// The keymap scope of the dialog's keys.
    pub fn scope(&self) -> Scope {
        match self {
            Dialog::Conclusion(_) => Scope::Conclusion,
            Dialog::Finalize(_) | Dialog::Seal(_) | Dialog::Reopen(_) => Scope::Ask,
            Dialog::Export(_) => Scope::Export,
            Dialog::Facts(_) => Scope::Dialog,
        }
    }

    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> dialog::DialogView<'a> {
        match self {
            Dialog::Conclusion(d) => d.view(look, lang),
            Dialog::Finalize(d) => d.view(look, lang),
            Dialog::Seal(d) => d.view(look, lang),
            Dialog::Reopen(d) => d.view(look, lang),
            Dialog::Export(d) => d.view(look, lang),
            Dialog::Facts(d) => d.view(look, lang),
        }
    }
}

/// Keys in a Summary dialog: Esc closes any of them, the rest is the dialog's own.
pub fn on_dialog_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Summary(d)) = app.overlay() else {
        return vec![];
    };
    let action = keymap::lookup(d.scope(), ev);
    if action == Some(Action::Back) {
        app.overlays.pop();
        return vec![];
    }
    let enter = action == Some(Action::Accept);
    match d {
        Dialog::Conclusion(_) => conclude::on_key(app, ev),
        Dialog::Finalize(_) => finalize::on_key(app, enter),
        Dialog::Seal(_) => seal::on_key(app, ev, enter),
        Dialog::Reopen(_) => reopen::on_key(app, ev, enter),
        Dialog::Export(_) => export::on_key(app, ev),
        Dialog::Facts(_) => facts_key(app, ev),
    }
}

/// Keys in the dialog of the inspection's facts (unit, team, date).
fn facts_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    use facts::Outcome;
    let lang = app.lang;
    let (user, now) = (app.user.clone(), app.now);
    let Some(Overlay::Summary(Dialog::Facts(form))) = app.overlays.last_mut() else {
        return vec![];
    };
    let Some(s) = app.screen.session() else {
        return vec![];
    };
    match form.on_key(ev, &s.inspection, lang) {
        Outcome::Stay => vec![],
        Outcome::Cancel => {
            app.overlays.pop();
            vec![]
        }
        Outcome::Apply(facts) => {
            app.overlays.pop();
            let (unit, team, date) = *facts;
            change(app, |i| {
                i.set_unit_and_team(&unit, &team, date, &user, now)
                    .map_err(StepError::Edit)
            })
        }
    }
}

/// Apply a change to the open inspection; save it if it changed, show why if refused.
fn change(
    app: &mut App,
    f: impl FnOnce(&mut crate::domain::Inspection) -> Result<bool, StepError>,
) -> Vec<Effect> {
    let Some(s) = app.screen.session_mut() else {
        return vec![];
    };
    match f(&mut s.inspection) {
        Ok(true) => {
            app.dirty = true;
            vec![Effect::Save]
        }
        Ok(false) => vec![],
        Err(e) => {
            app.notice = Some(Notice::StepRefused(e));
            vec![]
        }
    }
}
