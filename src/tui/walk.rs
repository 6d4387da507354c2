//! The Walk screen's keys: they go to the focused field first, then the form, then the
//! criteria list. Drawing is in `walk_view`.

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Effect, Outcome, Overlay, Session};
use super::form::{Field, leaves_text_area, text_area_key, toggle_check};
use super::input::LineInput;
use super::input::{edit_line, is_backspace, typed_char};
use super::keymap::{self, Action, Scope, When};
use super::notice::Notice;
use crate::domain::IndicatorKind;
use crate::domain::inspection::{AnswerEdit, Verdict};
use crate::domain::rule::IndicatorValue;
use crate::domain::text::fold;
use crate::i18n;

/// Criteria indices (catalog order) that match the search, or all.
pub fn visible(s: &Session) -> Vec<usize> {
    let mut all = visible_by_search(s);
    if s.unassessed_only {
        let codes: Vec<&str> = s.catalog.criteria().map(|(_, c)| c.code.as_str()).collect();
        all.retain(|i| {
            s.inspection
                .answer(codes[*i])
                .and_then(|a| a.verdict)
                .is_none()
        });
    }
    all
}

fn visible_by_search(s: &Session) -> Vec<usize> {
    if s.search.query().is_empty() {
        return (0..s.catalog.criterion_count()).collect();
    }
    let q = fold(s.search.query());
    s.catalog
        .criteria()
        .enumerate()
        .filter(|(_, (_, c))| {
            q.is_empty() || {
                let hay = fold(&format!(
                    "{} {} {} {} {}",
                    c.number, c.code, c.title.vi, c.title.en, c.guidance.vi
                ));
                hay.contains(&q)
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// The next (`forward`) or previous criterion among those the search shows.
pub fn step(s: &mut Session, forward: bool) {
    let vis = visible(s);
    let next = if forward {
        vis.iter().find(|i| **i > s.selected)
    } else {
        vis.iter().rev().find(|i| **i < s.selected)
    };
    if let Some(i) = next.copied() {
        s.select(i);
    }
}

/// Keys while `:` (or `g` and a digit) waits for a criterion number: digits, Backspace,
/// Enter, Esc.
fn jump_key(app: &mut App, ev: &KeyEvent) -> bool {
    let Some(s) = app.screen.session_mut() else {
        return false;
    };
    // `g` then a digit: the digit begins a number (digits elsewhere stay verdicts).
    let digit = typed_char(ev).filter(char::is_ascii_digit);
    if std::mem::take(&mut s.after_g) && s.jump.is_none() && digit.is_some() {
        s.jump = Some(String::new());
        s.jump_at_once = true;
    }
    let Some(typed) = s.jump.as_mut() else {
        return false;
    };
    if let Some(c) = digit {
        if typed.len() < 3 {
            typed.push(c);
            if s.jump_at_once && !longer_number_starts_with(s, typed_number(s)) {
                go_to_number(app);
            }
        }
        return true;
    }
    if is_backspace(ev) {
        typed.pop();
        return true;
    }
    match keymap::lookup(Scope::Jump, ev) {
        Some(Action::Accept) => go_to_number(app),
        Some(Action::Back) => s.jump = None,
        _ => {}
    }
    true
}

fn typed_number(s: &Session) -> &str {
    s.jump.as_deref().unwrap_or_default()
}

/// Whether some criterion's number is longer than `typed` and begins with it (after `g1`
/// there may be a 12 to come; after `g3` in a catalog of 22 there is not).
fn longer_number_starts_with(s: &Session, typed: &str) -> bool {
    s.catalog.criteria().any(|(_, c)| {
        let n = c.number.to_string();
        n.len() > typed.len() && n.starts_with(typed)
    })
}

/// Go to the criterion whose number was typed, or say there is none.
fn go_to_number(app: &mut App) {
    let Some(s) = app.screen.session_mut() else {
        return;
    };
    let number = s.jump.take().unwrap_or_default();
    s.jump_at_once = false;
    let found = s
        .catalog
        .criteria()
        .position(|(_, c)| c.number.to_string() == number);
    match found {
        Some(i) => {
            s.search.input.clear();
            s.unassessed_only = false;
            s.select(i);
        }
        None => app.notice = Some(Notice::NoSuchCriterion(number)),
    }
}

/// Undo the last committed change: the criterion's answer goes back to what it was.
fn undo(app: &mut App) -> Vec<Effect> {
    let Some(s) = app.screen.session_mut() else {
        return vec![];
    };
    if let Some(why) = s.why_not_editable() {
        app.notice = Some(why);
        return vec![];
    }
    let Some((code, before)) = s.undo.pop() else {
        app.notice = Some(Notice::NothingToUndo);
        return vec![];
    };
    let Some(index) = s.catalog.criteria().position(|(_, c)| c.code == code) else {
        return vec![];
    };
    s.form.focus = None;
    s.select(index);
    let current = s.inspection.answer(&code).cloned().unwrap_or_default();
    let edit = AnswerEdit {
        verdict: Some(before.verdict),
        values: before.values.clone().into_iter().collect(),
        clear_values: current
            .values
            .keys()
            .filter(|k| !before.values.contains_key(*k))
            .cloned()
            .collect(),
        evidence: Some(before.evidence.clone()),
        shortcomings: Some(before.shortcomings.clone()),
        reason: before.override_reason.clone(),
        recommendations: Some(before.recommendations.clone()),
        ..AnswerEdit::default()
    };
    let depth = s.undo.len();
    let effects = app.commit(edit);
    if let Some(s) = app.screen.session_mut() {
        // The undo itself is not a change to undo again.
        s.undo.truncate(depth);
        s.form = super::form::Form::for_criterion(&s.catalog, &s.inspection, s.selected);
    }
    if !effects.is_empty() {
        app.notice = Some(Notice::Undone(code));
    }
    effects
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    if jump_key(app, ev) {
        return Outcome::Consumed(vec![]);
    }
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    if s.form.focused_field().is_some() {
        match keymap::lookup(Scope::Form, ev) {
            Some(Action::Undo) => {
                s.form.focus = None;
                return Outcome::Consumed(undo(app));
            }
            Some(Action::ExternalEditor)
                if matches!(
                    s.form.focused_field(),
                    Some(Field::Evidence | Field::Shortcomings)
                ) =>
            {
                let field = s.form.focused_field().unwrap_or(Field::Evidence);
                let area = if field == Field::Evidence {
                    &s.form.evidence
                } else {
                    &s.form.shortcomings
                };
                let text = area.text().to_string();
                return Outcome::Consumed(vec![Effect::EditExternally {
                    evidence: field == Field::Evidence,
                    text,
                }]);
            }
            _ => {}
        }
    }
    if s.search.key(ev) {
        let vis = visible(s);
        if !vis.contains(&s.selected)
            && let Some(first) = vis.first()
        {
            s.select(*first);
        }
        return Outcome::Consumed(vec![]);
    }
    if let Some(field) = s.form.focused_field() {
        if let Outcome::Consumed(effects) = field_key(app, field, ev) {
            return Outcome::Consumed(effects);
        }
        let Some(s) = app.screen.session_mut() else {
            return Outcome::Ignored;
        };
        match keymap::lookup(Scope::Form, ev) {
            Some(Action::NextField) => s.form.next(),
            Some(Action::PrevField) => s.form.prev(),
            Some(Action::Back) => s.form.focus = None,
            Some(Action::NextCriterion) => step(s, true),
            Some(Action::PrevCriterion) => step(s, false),
            _ if s.form.typing() => return Outcome::Ignored,
            _ => return list_key(app, ev),
        }
        return Outcome::Consumed(vec![]);
    }
    list_key(app, ev)
}

fn list_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    let vis = visible(s);
    let pos = vis.iter().position(|i| *i == s.selected).unwrap_or(0);
    let verdict = |v: Option<Verdict>| AnswerEdit {
        verdict: Some(v),
        ..AnswerEdit::default()
    };
    let action = keymap::lookup_when(Scope::Walk, ev, keymap::OFFERED);
    if let Some(a) = action
        && moving(app, a)
    {
        return Outcome::Consumed(vec![]);
    }
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    let edit = match action {
        Some(Action::Up) => {
            if let Some(i) = vis.get(pos.saturating_sub(1)) {
                s.select(*i);
            }
            None
        }
        Some(Action::Down) => {
            if let Some(i) = vis.get(pos + 1) {
                s.select(*i);
            }
            None
        }
        Some(Action::NextCriterion) => {
            step(s, true);
            None
        }
        Some(Action::PrevCriterion) => {
            step(s, false);
            None
        }
        Some(Action::Open) => {
            // A console that cannot write never enters a field; the key says why.
            match s.why_not_editable() {
                Some(why) => app.notice = Some(why),
                None => s.form.focus = Some(0),
            }
            None
        }
        Some(Action::Search) => {
            s.search.active = true;
            None
        }
        Some(Action::Summary) => {
            app.screen.turn_to(true);
            None
        }
        Some(Action::Back) => {
            if !s.search.query().is_empty() {
                s.search.input.clear();
                return Outcome::Consumed(vec![]);
            }
            return Outcome::Consumed(app.close_inspection());
        }
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        Some(Action::Undo) => return Outcome::Consumed(undo(app)),
        Some(Action::VerdictMet) => Some(verdict(Some(Verdict::Met))),
        Some(Action::VerdictBasicallyMet) => Some(verdict(Some(Verdict::BasicallyMet))),
        Some(Action::VerdictNotMet) => Some(verdict(Some(Verdict::NotMet))),
        Some(Action::VerdictClear) => Some(verdict(None)),
        _ => return Outcome::Ignored,
    };
    match edit {
        Some(e) => Outcome::Consumed(app.commit(e)),
        None => Outcome::Consumed(vec![]),
    }
}

fn field_key(app: &mut App, field: Field, ev: &KeyEvent) -> Outcome {
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    let criterion = s.criterion().clone();
    let answer = s
        .inspection
        .answer(&criterion.code)
        .cloned()
        .unwrap_or_default();
    match field {
        Field::Indicator(i) => {
            let Some(ind) = criterion.indicators.get(i) else {
                return Outcome::Ignored;
            };
            let set = |v: Option<IndicatorValue>| set_value(&ind.id, v);
            match ind.kind {
                IndicatorKind::Check => {
                    match keymap::lookup_when(Scope::Form, ev, &[When::Check]) {
                        Some(Action::Toggle) => {
                            let next =
                                toggle_check(answer.values.get(&ind.id), ind.allow_not_applicable);
                            let e = set(next);
                            Outcome::Consumed(app.commit(e))
                        }
                        _ => Outcome::Ignored,
                    }
                }
                IndicatorKind::Choice => {
                    let back = match keymap::lookup_when(Scope::Form, ev, &[When::Choice]) {
                        Some(Action::NextChoice) => false,
                        Some(Action::PrevChoice) => true,
                        _ => return Outcome::Ignored,
                    };
                    let e = set(super::form::cycle_choice(
                        ind,
                        answer.values.get(&ind.id),
                        back,
                    ));
                    Outcome::Consumed(app.commit(e))
                }
                _ => {
                    if keymap::lookup_when(Scope::Form, ev, &[When::LineField])
                        == Some(Action::NextField)
                    {
                        s.form.next();
                        return Outcome::Consumed(vec![]);
                    }
                    edit_indicator(app, i, |input| edit_line(input, ev))
                }
            }
        }
        Field::Evidence | Field::Shortcomings => {
            if leaves_text_area(ev) {
                return Outcome::Ignored;
            }
            let area = if field == Field::Evidence {
                &mut s.form.evidence
            } else {
                &mut s.form.shortcomings
            };
            if !text_area_key(area, ev) {
                return Outcome::Consumed(vec![]);
            }
            let e = text_edit(field, area.text().to_string());
            Outcome::Consumed(app.commit(e))
        }
        Field::Recommendations => rec_key(app, &criterion.code, answer.recommendations, ev),
    }
}

/// Keys on the recommendations list: move, add, edit, remove (asked first).
fn rec_key(
    app: &mut App,
    code: &str,
    recs: Vec<crate::domain::Recommendation>,
    ev: &KeyEvent,
) -> Outcome {
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    match keymap::lookup(Scope::Recommendations, ev) {
        Some(Action::Up) => s.form.rec_selected = s.form.rec_selected.saturating_sub(1),
        Some(Action::Down) => {
            s.form.rec_selected = (s.form.rec_selected + 1).min(recs.len().saturating_sub(1));
        }
        Some(Action::Add) => app.overlays.push(rec_overlay(None, None)),
        Some(Action::Open) => {
            let i = s.form.rec_selected;
            app.overlays.push(rec_overlay(recs.get(i), Some(i)));
        }
        Some(Action::Remove) if !recs.is_empty() => {
            // Asked first: a removed recommendation is gone from the report.
            let index = s.form.rec_selected.min(recs.len() - 1);
            app.overlays.push(Overlay::Confirm(
                super::overlays::confirm::Confirm::RemoveRecommendation {
                    code: code.to_string(),
                    index,
                    action: recs[index].action.clone(),
                },
            ));
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

fn rec_overlay(rec: Option<&crate::domain::Recommendation>, index: Option<usize>) -> Overlay {
    Overlay::Recommendation(super::overlays::recommendation::RecommendationDialog::new(
        rec, index,
    ))
}

/// The edit that stores a text area's content in its field of the answer.
fn text_edit(field: Field, text: String) -> AnswerEdit {
    if field == Field::Evidence {
        AnswerEdit {
            evidence: Some(text),
            ..AnswerEdit::default()
        }
    } else {
        AnswerEdit {
            shortcomings: Some(text),
            ..AnswerEdit::default()
        }
    }
}

/// The edit that sets (or, with `None`, clears) one indicator's value.
fn set_value(id: &str, v: Option<IndicatorValue>) -> AnswerEdit {
    match v {
        Some(v) => AnswerEdit {
            values: vec![(id.to_string(), v)],
            ..AnswerEdit::default()
        },
        None => AnswerEdit {
            clear_values: vec![id.to_string()],
            ..AnswerEdit::default()
        },
    }
}

/// Edit the typed text of one-line indicator `i`, by a key or a paste: the value is saved
/// as soon as it reads as one, and why it does not is shown at the field.
fn edit_indicator(app: &mut App, i: usize, edit: impl FnOnce(&mut LineInput) -> bool) -> Outcome {
    let lang = app.lang;
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    let Some(ind) = s.criterion().indicators.get(i).cloned() else {
        return Outcome::Ignored;
    };
    let Some(Some(input)) = s.form.inputs.get_mut(i) else {
        return Outcome::Ignored;
    };
    let before = input.text().to_string();
    if !edit(input) {
        return Outcome::Ignored;
    }
    if input.text() == before {
        return Outcome::Consumed(vec![]);
    }
    let text = input.text().to_string();
    if text.trim().is_empty() {
        s.form.errors[i] = None;
        return Outcome::Consumed(app.commit(set_value(&ind.id, None)));
    }
    match IndicatorValue::parse(&ind, &text) {
        Ok(v) => {
            s.form.errors[i] = None;
            Outcome::Consumed(app.commit(set_value(&ind.id, Some(v))))
        }
        Err(err) => {
            s.form.errors[i] = Some(i18n::value_error(lang, &err));
            Outcome::Consumed(vec![])
        }
    }
}

pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(s) = app.screen.session_mut() else {
        return vec![];
    };
    match s.form.focused_field() {
        Some(Field::Indicator(i)) if s.form.inputs.get(i).is_some_and(Option::is_some) => {
            // The editor takes line breaks as it should: joined by spaces, in one edit.
            match edit_indicator(app, i, |input| {
                input.paste(text);
                true
            }) {
                Outcome::Consumed(effects) => effects,
                Outcome::Ignored => vec![],
            }
        }
        Some(field @ (Field::Evidence | Field::Shortcomings)) => {
            let area = if field == Field::Evidence {
                &mut s.form.evidence
            } else {
                &mut s.form.shortcomings
            };
            if !area.paste(text) {
                return vec![];
            }
            let e = text_edit(field, area.text().to_string());
            app.commit(e)
        }
        _ => vec![],
    }
}

/// The text back from `$EDITOR`: NFC, into the field it came from (one step its undo
/// takes back), saved.
pub fn from_editor(app: &mut App, evidence: bool, text: &str) -> Vec<Effect> {
    let Some(s) = app.screen.session_mut() else {
        return vec![];
    };
    let (field, area) = if evidence {
        (Field::Evidence, &mut s.form.evidence)
    } else {
        (Field::Shortcomings, &mut s.form.shortcomings)
    };
    area.replace_all(text.trim_end_matches('\n'));
    let e = text_edit(field, area.text().to_string());
    app.commit(e)
}

/// The keys that only move the selection in the criteria list: top, bottom, half pages,
/// the next unassessed, the unassessed-only filter. True when `action` was one.
fn moving(app: &mut App, action: Action) -> bool {
    let info = &mut app.notice;
    let Some(s) = app.screen.session_mut() else {
        return false;
    };
    let vis = visible(s);
    let pos = vis.iter().position(|i| *i == s.selected).unwrap_or(0);
    match Some(action) {
        Some(Action::Top) => {
            if let Some(i) = vis.first() {
                s.select(*i);
            }
            true
        }
        Some(Action::Bottom) => {
            if let Some(i) = vis.last() {
                s.select(*i);
            }
            true
        }
        Some(a @ (Action::HalfPageUp | Action::HalfPageDown)) => {
            let half = 6;
            let to = if a == Action::HalfPageUp {
                pos.saturating_sub(half)
            } else {
                (pos + half).min(vis.len().saturating_sub(1))
            };
            if let Some(i) = vis.get(to) {
                s.select(*i);
            }
            true
        }
        Some(Action::Jump) => {
            s.jump = Some(String::new());
            s.jump_at_once = false;
            true
        }
        Some(Action::GoTo) => {
            if let Some(i) = vis.first() {
                s.select(*i);
            }
            s.after_g = true;
            true
        }
        Some(Action::NextUnassessed) => {
            let n = s.catalog.criterion_count();
            let codes: Vec<String> = s.catalog.criteria().map(|(_, c)| c.code.clone()).collect();
            let open = |i: usize| {
                s.inspection
                    .answer(&codes[i])
                    .and_then(|a| a.verdict)
                    .is_none()
            };
            let next = (1..=n).map(|k| (s.selected + k) % n).find(|i| open(*i));
            match next {
                Some(i) => {
                    s.search.input.clear();
                    s.select(i);
                }
                None => *info = Some(Notice::AllAssessed),
            }
            true
        }
        Some(Action::UnassessedOnly) => {
            s.unassessed_only = !s.unassessed_only;
            let vis = visible(s);
            if !vis.contains(&s.selected)
                && let Some(first) = vis.first()
            {
                s.select(*first);
            }
            true
        }
        _ => false,
    }
}
