//! The finalise dialog: what is still not assessed, and Enter to finalise anyway.

use super::{Dialog, change};
use crate::i18n::lifecycle;
use crate::tui::app::{App, Effect, Overlay};

#[derive(Debug, Clone)]
pub struct Finalize {
    /// Criteria not assessed yet (codes), said before finalising.
    pub missing: Vec<String>,
}

/// A key in the dialog; only going ahead (`enter`) does anything.
pub fn on_key(app: &mut App, enter: bool) -> Vec<Effect> {
    let (lang, now, user) = (app.lang, app.now, app.user.clone());
    if !enter || !matches!(app.overlay, Some(Overlay::Summary(Dialog::Finalize(_)))) {
        return vec![];
    }
    app.overlay = None;
    let Some(catalog) = app.session.as_ref().map(|s| s.catalog.clone()) else {
        return vec![];
    };
    change(app, |i| {
        i.finalize(&catalog, true, &user, now)
            .map(|_| true)
            .map_err(|e| lifecycle::finalize_error(lang, &e))
    })
}
