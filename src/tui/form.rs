//! The criterion form's editing state: one input per indicator, the evidence and
//! shortcomings text areas, and the recommendations list, built from the stored answer.

use ratatui::crossterm::event::KeyEvent;

use super::editor::{Editor, KeyUse};
use super::input::LineInput;
use crate::domain::inspection::value_text;
use crate::domain::rule::IndicatorValue;
use crate::domain::{Catalog, IndicatorKind, Inspection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Indicator(usize),
    Evidence,
    Shortcomings,
    Recommendations,
}

#[derive(Debug)]
pub struct Form {
    /// Index into `fields`; `None` while the criteria list has the focus.
    pub focus: Option<usize>,
    pub fields: Vec<Field>,
    /// The typed text of count, ratio and text indicators (None for check and choice).
    pub inputs: Vec<Option<LineInput>>,
    /// Why the typed text of an indicator is not (yet) a value.
    pub errors: Vec<Option<String>>,
    pub evidence: Editor,
    pub shortcomings: Editor,
    pub rec_selected: usize,
}

impl Form {
    pub fn for_criterion(catalog: &Catalog, inspection: &Inspection, index: usize) -> Form {
        let Some((_, criterion)) = catalog.criteria().nth(index) else {
            return Form::empty();
        };
        let answer = inspection
            .answer(&criterion.code)
            .cloned()
            .unwrap_or_default();
        let mut fields: Vec<Field> = (0..criterion.indicators.len())
            .map(Field::Indicator)
            .collect();
        fields.extend([Field::Evidence, Field::Shortcomings, Field::Recommendations]);
        let inputs = criterion
            .indicators
            .iter()
            .map(|ind| match ind.kind {
                IndicatorKind::Count | IndicatorKind::Ratio | IndicatorKind::Text => {
                    Some(LineInput::new(
                        &answer
                            .values
                            .get(&ind.id)
                            .map(value_text)
                            .unwrap_or_default(),
                    ))
                }
                _ => None,
            })
            .collect();
        Form {
            focus: None,
            fields,
            inputs,
            errors: vec![None; criterion.indicators.len()],
            evidence: Editor::multiline(&answer.evidence),
            shortcomings: Editor::multiline(&answer.shortcomings),
            rec_selected: 0,
        }
    }

    fn empty() -> Form {
        Form {
            focus: None,
            fields: Vec::new(),
            inputs: Vec::new(),
            errors: Vec::new(),
            evidence: Editor::multiline(""),
            shortcomings: Editor::multiline(""),
            rec_selected: 0,
        }
    }

    /// After a saved change: take stored values into every field except the one being
    /// typed in, so the typist's cursor and half-typed text stay as they are.
    pub fn refresh_from(&mut self, catalog: &Catalog, inspection: &Inspection, index: usize) {
        let fresh = Form::for_criterion(catalog, inspection, index);
        let focused = self.focused_field();
        for (i, input) in fresh.inputs.into_iter().enumerate() {
            // A field holding text that is not a valid value keeps it, and its error, until
            // it is corrected: nothing was stored, so the stored value would wipe the typing.
            let invalid = self.errors.get(i).is_some_and(Option::is_some);
            if focused != Some(Field::Indicator(i)) && i < self.inputs.len() && !invalid {
                self.inputs[i] = input;
                self.errors[i] = None;
            }
        }
        if focused != Some(Field::Evidence) {
            self.evidence = fresh.evidence;
        }
        if focused != Some(Field::Shortcomings) {
            self.shortcomings = fresh.shortcomings;
        }
        let recs = inspection
            .answer(
                &catalog
                    .criteria()
                    .nth(index)
                    .map(|(_, c)| c.code.clone())
                    .unwrap_or_default(),
            )
            .map(|a| a.recommendations.len())
            .unwrap_or(0);
        self.rec_selected = self.rec_selected.min(recs.saturating_sub(1));
    }

    pub fn focused_field(&self) -> Option<Field> {
        self.focus.and_then(|i| self.fields.get(i).copied())
    }

    /// Whether the focused field takes printable keys as text.
    pub fn typing(&self) -> bool {
        match self.focused_field() {
            Some(Field::Indicator(i)) => self.inputs.get(i).is_some_and(Option::is_some),
            Some(Field::Evidence | Field::Shortcomings) => true,
            _ => false,
        }
    }

    pub fn next(&mut self) {
        let n = self.fields.len();
        self.focus = Some(match self.focus {
            None => 0,
            Some(i) => (i + 1) % n.max(1),
        });
    }

    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = Some(match self.focus {
            None | Some(0) => n - 1,
            Some(i) => i - 1,
        });
    }
}

/// Feed a key to a text area (the editor keeps its text NFC). True when the text changed.
pub fn text_area_key(area: &mut Editor, ev: &KeyEvent) -> bool {
    area.key(ev) == KeyUse::Edited
}

/// Whether a key is one a text area should never take (it moves between fields).
pub fn leaves_text_area(ev: &KeyEvent) -> bool {
    super::keymap::leaves_text(ev)
}

/// The next value of a check when toggled: not entered → yes → no → (not applicable,
/// where the catalog allows it) → not entered.
pub fn toggle_check(current: Option<&IndicatorValue>, allow_na: bool) -> Option<IndicatorValue> {
    match current {
        None => Some(IndicatorValue::Check(true)),
        Some(IndicatorValue::Check(true)) => Some(IndicatorValue::Check(false)),
        Some(IndicatorValue::Check(false)) if allow_na => Some(IndicatorValue::NotApplicable),
        _ => None,
    }
}

/// The next value of a choice: not entered, each option in turn, then (where the catalog
/// allows it) not applicable; `back` walks the other way.
pub fn cycle_choice(
    ind: &crate::domain::Indicator,
    current: Option<&IndicatorValue>,
    back: bool,
) -> Option<IndicatorValue> {
    // Positions: 0 not entered, 1..=n the options, n + 1 not applicable.
    let n = ind.options.len();
    let stops = n + 1 + usize::from(ind.allow_not_applicable);
    let pos = match current {
        Some(IndicatorValue::Choice(c)) => ind
            .options
            .iter()
            .position(|o| &o.id == c)
            .map_or(0, |k| k + 1),
        Some(IndicatorValue::NotApplicable) => n + 1,
        _ => 0,
    };
    let next = if back {
        (pos + stops - 1) % stops
    } else {
        (pos + 1) % stops
    };
    match next {
        0 => None,
        k if k <= n => Some(IndicatorValue::Choice(ind.options[k - 1].id.clone())),
        _ => Some(IndicatorValue::NotApplicable),
    }
}
