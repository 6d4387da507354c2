//! The reason dialog: the verdict (or a value) differs from the suggestion, so why is
//! asked before the change is recorded. Esc records nothing and says so.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;

use super::dialog::DialogView;
use crate::domain::Lang;
use crate::domain::inspection::AnswerEdit;
use crate::i18n::ui;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::notice::Notice;
use crate::tui::theme::{Look, Role};

#[derive(Debug, Clone)]
pub struct ReasonDialog {
    pub input: LineInput,
    /// The change waiting for its reason.
    pub pending: Box<AnswerEdit>,
    /// What differs from the suggestion, worded when the dialog opened.
    pub why: String,
    /// Enter was pressed with no reason typed.
    pub empty_error: bool,
}

impl ReasonDialog {
    pub fn new(pending: AnswerEdit, why: String) -> ReasonDialog {
        ReasonDialog {
            input: LineInput::default(),
            pending: Box::new(pending),
            why,
            empty_error: false,
        }
    }

    /// Something is typed that a quit would drop.
    pub fn has_text(&self) -> bool {
        !self.input.text().trim().is_empty()
    }

    /// What differs, the reason typed so far, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let (shown, col) = self.input.view(60);
        let mut l = vec![
            Line::raw(self.why.clone()),
            Line::raw(""),
            Line::styled(ui::reason_prompt(lang), t.style(Role::Normal)),
            Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
        ];
        if self.empty_error {
            l.push(Line::styled(
                ui::reason_required(lang),
                t.style(Role::Error),
            ));
        }
        l.push(Line::styled(ui::reason_keys(lang), t.style(Role::Muted)));
        DialogView::new(look, ui::reason_title(lang), l, Some((3, col)))
    }
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Reason(dialog)) = app.overlays.last_mut() else {
        return vec![];
    };
    match keymap::lookup(Scope::Reason, ev) {
        Some(Action::Back) => {
            app.overlays.pop();
            if let Some(s) = app.screen.session_mut() {
                s.form.refresh_from(&s.catalog, &s.inspection, s.selected);
            }
            app.notice = Some(Notice::Cancelled);
            vec![]
        }
        Some(Action::Accept) => {
            if !dialog.has_text() {
                dialog.empty_error = true;
                return vec![];
            }
            let mut edit = (*dialog.pending).clone();
            edit.reason = Some(dialog.input.text().to_string());
            app.overlays.pop();
            app.commit(edit)
        }
        _ => {
            edit_line(&mut dialog.input, ev);
            dialog.empty_error = false;
            vec![]
        }
    }
}
