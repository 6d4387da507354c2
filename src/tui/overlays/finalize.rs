//! The finalise dialog: what is still not assessed, and Enter to finalise anyway.

use super::{Dialog, change};
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::notice::StepError;

#[derive(Debug, Clone)]
pub struct Finalize {
    /// Criteria not assessed yet (codes), said before finalising.
    pub missing: Vec<String>,
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
