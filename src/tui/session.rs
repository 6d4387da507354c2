//! The open inspection: its state while the console shows it (selection, form, typing,
//! undo), and the edits of it: commit, the reason asked for an override, the history
//! entry written once a field is left, and closing it.

use super::app::{App, Effect, Overlay, Screen, ScreenKind, Search};
use super::form::Form;
use super::notice::Notice;
use crate::domain::inspection::{AnswerEdit, EditError};
use crate::domain::{Catalog, Inspection};
use crate::i18n::{self, ui};

/// The open inspection.
#[derive(Debug)]
pub struct Session {
    pub inspection: Inspection,
    pub catalog: Catalog,
    /// Why the inspection is read-only, when it is.
    pub read_only: Option<String>,
    /// Index of the selected criterion in catalog order.
    pub selected: usize,
    pub form: Form,
    pub search: Search,
    pub summary_scroll: u16,
    /// The inspection claims a seal that does not hold (checked when opened and saved).
    pub seal_broken: bool,
    /// The criterion and its answer as they were when typing in a field began: each key
    /// is saved at once, but the history gets one entry (old → new) when the field is left.
    pub typing_since: Option<(String, crate::domain::Answer)>,
    /// A value typed after a verdict that makes the verdict an override: kept in the field
    /// while typing, and the reason is asked when the field is left (never mid-edit).
    pub pending_override: Option<(usize, AnswerEdit)>,
    /// Answers as they were before each committed change (criterion code, answer), for
    /// undo while the console runs.
    pub undo: Vec<(String, crate::domain::Answer)>,
    /// Digits typed after `:` (or `g`), to go to a criterion by number.
    pub jump: Option<String>,
    /// The number was begun with `g`: it goes as soon as no longer number starts with
    /// what is typed (`g3`, `g12`), so no Enter and no pause is needed.
    pub jump_at_once: bool,
    /// The last key was `g`: a digit now begins a number instead of giving a verdict.
    pub after_g: bool,
    /// The list shows only the criteria not yet assessed.
    pub unassessed_only: bool,
    /// The criterion picked on the Summary (index among those not fully met).
    pub summary_pick: usize,
}

impl Session {
    pub fn new(inspection: Inspection, catalog: Catalog, read_only: Option<String>) -> Session {
        let form = Form::for_criterion(&catalog, &inspection, 0);
        let seal_broken = inspection.seal_broken(Some(&catalog.sha256));
        Session {
            seal_broken,
            inspection,
            catalog,
            read_only,
            selected: 0,
            form,
            search: Search::default(),
            summary_scroll: 0,
            typing_since: None,
            pending_override: None,
            undo: Vec::new(),
            jump: None,
            jump_at_once: false,
            after_g: false,
            unassessed_only: false,
            summary_pick: 0,
        }
    }

    /// Why nothing can be typed here, when that is so: a read-only console, or a final or
    /// sealed inspection. Such a console never enters a field.
    pub fn why_not_editable(&self) -> Option<Notice> {
        if let Some(why) = &self.read_only {
            return Some(Notice::ReadOnly(why.clone()));
        }
        let status = self.inspection.status;
        (status != crate::domain::inspection::Status::Draft).then_some(Notice::NotEditable(status))
    }

    pub fn criterion(&self) -> &crate::domain::Criterion {
        self.catalog
            .criteria()
            .nth(self.selected)
            .map(|(_, c)| c)
            .unwrap_or_else(|| &self.catalog.groups[0].criteria[0])
    }

    pub fn select(&mut self, index: usize) {
        let max = self.catalog.criterion_count().saturating_sub(1);
        self.selected = index.min(max);
        let focus = self.form.focus.is_some();
        self.form = Form::for_criterion(&self.catalog, &self.inspection, self.selected);
        if focus {
            self.form.focus = Some(0);
        }
    }
}

impl Session {
    /// The first field of the form holding text that is not a valid value (label, text).
    pub fn invalid_text(&self) -> Option<Notice> {
        let c = self.criterion();
        self.form.errors.iter().enumerate().find_map(|(i, e)| {
            e.as_ref()?;
            let text = self.form.inputs.get(i)?.as_ref()?.text().to_string();
            let label = c.indicators.get(i)?.label.clone();
            Some(Notice::ValueNotKept { label, text })
        })
    }
}

impl App {
    /// Apply an edit to the selected criterion; asks for a reason when it is an override.
    pub fn commit(&mut self, edit: AnswerEdit) -> Vec<Effect> {
        let lang = self.lang;
        let Some(s) = self.screen.session_mut() else {
            return vec![];
        };
        if let Some(why) = &s.read_only {
            self.notice = Some(Notice::ReadOnly(why.clone()));
            return vec![];
        }
        let code = s.criterion().code.clone();
        // Keys typed into a field are saved as they come but recorded once, on leaving it.
        let typing = s.form.typing();
        if typing && s.typing_since.as_ref().is_none_or(|(c, _)| *c != code) {
            let before = s.inspection.answer(&code).cloned().unwrap_or_default();
            s.typing_since = Some((code.clone(), before));
        }
        let before = s.inspection.answer(&code).cloned().unwrap_or_default();
        match s
            .inspection
            .apply_with(&s.catalog, &code, &edit, &self.user, self.now, !typing)
        {
            Ok(true) => {
                if typing {
                    s.pending_override = None;
                } else {
                    s.undo.push((code.clone(), before));
                }
                s.form.refresh_from(&s.catalog, &s.inspection, s.selected);
                self.dirty = true;
                vec![Effect::Save]
            }
            Ok(false) => vec![],
            Err(EditError::OverrideNeedsReason { .. }) if typing => {
                // Never a dialog mid-edit: the field keeps what is typed, and the reason
                // is asked once the field is left.
                s.pending_override = Some((s.selected, edit));
                self.notice = Some(Notice::ReasonWhenLeaving);
                vec![]
            }
            Err(EditError::OverrideNeedsReason { chosen, suggestion }) => {
                s.pending_override = None;
                let line = ui::suggestion_line(lang, s.criterion(), &suggestion);
                self.overlays
                    .push(Overlay::Reason(super::overlays::reason::ReasonDialog::new(
                        edit,
                        ui::override_why(lang, chosen, suggestion.verdict, &line),
                    )));
                vec![]
            }
            Err(e) => {
                // Indicators wanted before a verdict say so at their own field too.
                if let EditError::RequiredBeforeVerdict { indicators, .. } = &e {
                    let ids: Vec<String> = s
                        .catalog
                        .criterion(&code)
                        .map(|c| c.indicators.iter().map(|i| i.id.clone()).collect())
                        .unwrap_or_default();
                    for (k, id) in ids.iter().enumerate() {
                        if indicators.contains(id)
                            && let Some(slot) = s.form.errors.get_mut(k)
                        {
                            *slot = Some(i18n::programme::required_here(lang).into());
                        }
                    }
                }
                self.notice = Some(Notice::EditRefused(e));
                vec![]
            }
        }
    }
    /// Remove recommendation `index` of criterion `code` (asked first, in a dialog).
    pub fn remove_recommendation(&mut self, code: &str, index: usize) -> Vec<Effect> {
        let Some(s) = self.session() else {
            return vec![];
        };
        if s.criterion().code != code {
            return vec![];
        }
        let mut list = s
            .inspection
            .answer(code)
            .map(|a| a.recommendations.clone())
            .unwrap_or_default();
        if index >= list.len() {
            return vec![];
        }
        list.remove(index);
        self.commit(AnswerEdit {
            recommendations: Some(list),
            ..AnswerEdit::default()
        })
    }

    /// Leave the open inspection for Home: what was typed in a field is recorded first,
    /// then the inspection goes to the driver to be written and its lock let go.
    pub fn close_inspection(&mut self) -> Vec<Effect> {
        self.settle();
        match std::mem::replace(&mut self.screen, Screen::Home) {
            Screen::Walk(s) | Screen::Summary(s) => {
                vec![Effect::Close(Box::new(s.inspection)), Effect::LoadHome]
            }
            other => {
                self.screen = other;
                vec![]
            }
        }
    }

    /// Where the typist is: the screen, the criterion and the field.
    pub(super) fn place(&self) -> (ScreenKind, Option<(usize, Option<usize>)>) {
        (
            self.screen.kind(),
            self.session().map(|s| (s.selected, s.form.focus)),
        )
    }

    /// The typist left a field whose value turned the verdict into an override: ask why
    /// now, with the value still pending.
    pub(super) fn ask_pending_reason(
        &mut self,
        before: (ScreenKind, Option<(usize, Option<usize>)>),
    ) -> Vec<Effect> {
        if self.place() == before || !self.overlays.is_empty() {
            return vec![];
        }
        let Some(s) = self.screen.session_mut() else {
            return vec![];
        };
        let Some((index, edit)) = s.pending_override.take() else {
            return vec![];
        };
        // Back at the criterion whose value is pending, out of the field, so the edit is
        // a committed one: the domain asks for the reason, and the dialog opens.
        s.form.focus = None;
        if s.selected != index {
            s.select(index);
        }
        self.notice = None;
        self.commit(edit)
    }

    /// Record what was typed in the field just left: one history entry per changed field,
    /// old → new. True when an entry was written (the inspection needs saving).
    pub fn settle(&mut self) -> bool {
        let Some(s) = self.screen.session_mut() else {
            return false;
        };
        let Some((code, before)) = s.typing_since.take() else {
            return false;
        };
        let after = s.inspection.answer(&code).cloned().unwrap_or_default();
        let n = s
            .inspection
            .record_answer_change(&code, &before, &after, &self.user, self.now);
        if n > 0 {
            self.dirty = true;
            s.undo.push((code, before));
        }
        n > 0
    }

    /// After a key: when the typist has left the field (or is leaving the inspection),
    /// its change goes into the history.
    pub(super) fn settle_if_left(
        &mut self,
        before: (ScreenKind, Option<(usize, Option<usize>)>),
        effects: &mut Vec<Effect>,
    ) {
        let leaving = effects
            .iter()
            .any(|e| matches!(e, Effect::Close(_) | Effect::Quit));
        if (leaving || self.place() != before) && self.settle() && !effects.contains(&Effect::Save)
        {
            effects.insert(0, Effect::Save);
        }
    }
}
