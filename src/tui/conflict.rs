//! The conflict overlay: a field changed differently on two laptops, both sides shown,
//! and the person takes ours, takes theirs, or keeps it to edit. Every choice goes into
//! the inspection's history (`domain::merge::resolve_at`).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use serde_json::Value;

use super::app::{App, Effect, Outcome, Overlay, Screen};
use super::keymap::{self, Action, Scope};
use super::notice::Notice;
use super::theme::Role;
use crate::domain::Verdict;
use crate::domain::escape::for_terminal_line;
use crate::domain::merge::{Conflict, Take, resolve_at};
use crate::i18n::{self, sync::console as words};

/// `c` on the Walk screen (outside a text field) opens the overlay on the selected
/// criterion's first conflict, or the first of the inspection.
pub fn on_walk_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let Screen::Walk(s) = &app.screen else {
        return Outcome::Ignored;
    };
    if s.form.focused_field().is_some()
        || s.search.active
        || s.jump.is_some()
        || keymap::lookup(Scope::Walk, ev) != Some(Action::Conflicts)
        || s.inspection.conflicts.is_empty()
    {
        return Outcome::Ignored;
    }
    let code = &s.criterion().code;
    let selected = s
        .inspection
        .conflicts
        .iter()
        .position(|c| c.criterion.as_ref() == Some(code))
        .unwrap_or(0);
    app.overlays.push(Overlay::Conflict { selected });
    Outcome::Consumed(vec![])
}

/// Whether a criterion of the open inspection has a conflict (for its mark).
pub fn criterion_has(app: &App, code: &str) -> bool {
    app.screen.session().is_some_and(|s| {
        s.inspection
            .conflicts
            .iter()
            .any(|c| c.criterion.as_deref() == Some(code))
    })
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(&Overlay::Conflict { selected }) = app.overlay() else {
        return vec![];
    };
    let Some(s) = app.screen.session_mut() else {
        app.overlays.pop();
        return vec![];
    };
    let count = s.inspection.conflicts.len();
    let take = match keymap::lookup(Scope::Conflict, ev) {
        Some(Action::Up) => {
            app.replace_overlay(Some(Overlay::Conflict {
                selected: selected.saturating_sub(1),
            }));
            return vec![];
        }
        Some(Action::Down) => {
            app.replace_overlay(Some(Overlay::Conflict {
                selected: (selected + 1).min(count.saturating_sub(1)),
            }));
            return vec![];
        }
        Some(Action::Back) => {
            app.overlays.pop();
            return vec![];
        }
        Some(Action::TakeOurs) => Take::Ours,
        Some(Action::TakeTheirs) => Take::Theirs,
        Some(Action::TakeEdited) => Take::Edited,
        _ => return vec![],
    };
    if let Some(why) = &s.read_only {
        app.notice = Some(Notice::ReadOnly(why.clone()));
        return vec![];
    }
    let criterion = s
        .inspection
        .conflicts
        .get(selected)
        .and_then(|c| c.criterion.clone());
    match resolve_at(&mut s.inspection, selected, take, &app.user, app.now) {
        Ok(_) => {
            let left = s.inspection.conflicts.len();
            if let Some(index) =
                criterion.and_then(|code| s.catalog.criteria().position(|(_, c)| c.code == code))
            {
                s.select(index);
                if take == Take::Edited {
                    s.form.focus = Some(0);
                }
            } else {
                s.form.refresh_from(&s.catalog, &s.inspection, s.selected);
            }
            let next = (left > 0 && take != Take::Edited).then_some(Overlay::Conflict {
                selected: selected.min(left.saturating_sub(1)),
            });
            app.replace_overlay(next);
            app.notice = Some(Notice::Resolved { left });
            app.dirty = true;
            vec![Effect::Save]
        }
        Err(e) => {
            app.overlays.pop();
            app.notice = Some(Notice::ResolveFailed(e));
            vec![]
        }
    }
}

/// One side's value as a person reads it: verdicts in words, absent as "(none)".
fn shown(app: &App, c: &Conflict, v: &Value) -> String {
    let lang = app.lang;
    if c.field == "verdict" {
        let verdict = serde_json::from_value::<Option<Verdict>>(v.clone()).unwrap_or(None);
        return i18n::verdict(lang, verdict).to_string();
    }
    let text = match v {
        Value::Null => words::none(lang).to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for_terminal_line(&text).into_owned()
}

fn side_line(
    app: &App,
    label: &str,
    value: String,
    by: &str,
    at: Option<jiff::Timestamp>,
) -> Line<'static> {
    let t = &app.look.theme;
    let when = at
        .map(|a| {
            a.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .strftime("%Y-%m-%d %H:%M UTC")
                .to_string()
        })
        .unwrap_or_default();
    let who = format!("{} {when}", for_terminal_line(by));
    let mut spans = vec![
        Span::styled(format!("{label:<10}"), t.style(Role::Key)),
        Span::styled(value, t.style(Role::Normal)),
    ];
    if !who.trim().is_empty() {
        spans.push(Span::styled(
            format!("  ({})", who.trim()),
            t.style(Role::Muted),
        ));
    }
    Line::from(spans)
}

/// The overlay: where the conflict is, both sides and the base, and the keys.
pub fn dialog_view(app: &App, selected: usize) -> super::overlays::dialog::DialogView<'_> {
    use super::overlays::dialog::DialogView;
    let lang = app.lang;
    let t = &app.look.theme;
    let Some(c) = app
        .session()
        .and_then(|s| s.inspection.conflicts.get(selected))
    else {
        return DialogView::new(&app.look, words::title(lang, 0, 0), vec![], None);
    };
    let total = app.session().map_or(0, |s| s.inspection.conflicts.len());
    let place = match &c.criterion {
        Some(code) => format!(
            "[{}] {}",
            for_terminal_line(code),
            words::field(lang, &c.field)
        ),
        None => for_terminal_line(&c.field).into_owned(),
    };
    let lines = vec![
        Line::styled(words::intro(lang, &place), t.style(Role::Error)),
        Line::raw(""),
        side_line(app, words::base(lang), shown(app, c, &c.base), "", None),
        side_line(
            app,
            words::ours(lang),
            shown(app, c, &c.ours),
            &c.ours_by,
            c.ours_at,
        ),
        side_line(
            app,
            words::theirs(lang),
            shown(app, c, &c.theirs),
            &c.theirs_by,
            c.theirs_at,
        ),
        Line::raw(""),
        Line::styled(words::keys(lang), t.style(Role::Muted)),
    ];
    let title = words::title(lang, selected + 1, total);
    DialogView::new(&app.look, title, lines, None)
}

#[cfg(test)]
#[path = "conflict_tests.rs"]
mod tests;
