//! The finalise dialog: what is still not assessed, and Enter to finalise anyway.

use ratatui::text::Line;

use super::dialog::DialogView;
use super::{Dialog, change};
use crate::domain::Lang;
use crate::i18n::ui;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::notice::StepError;
use crate::tui::theme::{Look, Role};

#[derive(Debug, Clone)]
pub struct Finalize {
    /// Criteria not assessed yet (codes), said before finalising.
    pub missing: Vec<String>,
}

impl Finalize {
    /// What finalising means, what is still not assessed, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let mut lines = vec![Line::raw(ui::finalize_intro(lang))];
        if !self.missing.is_empty() {
            lines.push(Line::styled(
                ui::finalize_missing(lang, &self.missing),
                t.style(Role::Error),
            ));
        }
        lines.push(Line::styled(ui::confirm_keys(lang), t.style(Role::Muted)));
        DialogView::new(look, ui::finalize_title(lang), lines, None)
    }
}

/// A key in the dialog; only going ahead (`enter`) does anything.
pub fn on_key(app: &mut App, enter: bool) -> Vec<Effect> {
    let (now, user) = (app.now, app.user.clone());
    if !enter || !matches!(app.overlay(), Some(Overlay::Summary(Dialog::Finalize(_)))) {
        return vec![];
    }
    app.overlays.pop();
    let Some(catalog) = app.screen.session().map(|s| s.catalog.clone()) else {
        return vec![];
    };
    change(app, |i| {
        i.finalize(&catalog, true, &user, now)
            .map(|_| true)
            .map_err(StepError::Finalize)
    })
}
