//! The recommendation dialog: action, owner and due date (dd/mm/yyyy or yyyy-mm-dd).

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

use super::dialog::DialogView;
use crate::domain::Lang;
use crate::domain::inspection::AnswerEdit;
use crate::i18n::{self, ui};
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::{Look, Role};

#[derive(Debug, Clone)]
pub struct RecommendationDialog {
    /// Action, owner, due date.
    pub fields: [LineInput; 3],
    pub focus: usize,
    /// The recommendation edited, or `None` for a new one.
    pub index: Option<usize>,
    pub error: Option<String>,
}

impl RecommendationDialog {
    /// A dialog to edit `rec` (at `index`), or to add one when `rec` is `None`.
    pub fn new(
        rec: Option<&crate::domain::Recommendation>,
        index: Option<usize>,
    ) -> RecommendationDialog {
        let (a, o, d) = rec
            .map(|r| {
                (
                    r.action.clone(),
                    r.owner.clone(),
                    r.due.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .unwrap_or_default();
        RecommendationDialog {
            fields: [LineInput::new(&a), LineInput::new(&o), LineInput::new(&d)],
            focus: 0,
            index: if rec.is_some() { index } else { None },
            error: None,
        }
    }

    /// The three fields, the focused one marked, any error, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let mut l = Vec::new();
        let mut cur = None;
        for (i, label) in ui::recommendation_labels(lang).iter().enumerate() {
            let (shown, col) = self.fields[i].view(44);
            let focused = i == self.focus;
            if focused {
                cur = Some((u16::try_from(l.len()).unwrap_or(0), col + 18));
            }
            let lead = if focused { look.symbols.pointer } else { " " };
            l.push(Line::from(vec![
                Span::raw(format!("{lead}{label:<17}")),
                Span::styled(
                    format!("{shown:<44}"),
                    t.style(if focused { Role::Focus } else { Role::Key }),
                ),
            ]));
        }
        if let Some(e) = &self.error {
            l.push(Line::styled(e.clone(), t.style(Role::Error)));
        }
        l.push(Line::styled(
            ui::recommendation_keys(lang),
            t.style(Role::Muted),
        ));
        DialogView::new(look, i18n::label::recommendations(lang), l, cur)
    }
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let lang = app.lang;
    let Some(Overlay::Recommendation(RecommendationDialog {
        fields,
        focus,
        index,
        error,
    })) = app.overlays.last_mut()
    else {
        return vec![];
    };
    match keymap::lookup(Scope::Dialog, ev) {
        Some(Action::Back) => {
            app.overlays.pop();
            vec![]
        }
        Some(Action::NextField) => {
            *focus = (*focus + 1) % 3;
            vec![]
        }
        Some(Action::PrevField) => {
            *focus = (*focus + 2) % 3;
            vec![]
        }
        Some(Action::Accept) => {
            let action = fields[0].text().trim().to_string();
            if action.is_empty() {
                *error = Some(ui::recommendation_needs_action(lang).into());
                *focus = 0;
                return vec![];
            }
            let due = fields[2].text().trim();
            let due = if due.is_empty() {
                None
            } else {
                match super::facts::parse_date(due).ok_or(()) {
                    Ok(d) => Some(d),
                    Err(()) => {
                        *error = Some(i18n::bad_date(lang, due));
                        *focus = 2;
                        return vec![];
                    }
                }
            };
            let owner = fields[1].text().trim().to_string();
            let index = *index;
            app.overlays.pop();
            let Some(s) = app.screen.session() else {
                return vec![];
            };
            let mut list = s
                .inspection
                .answer(&s.criterion().code)
                .map(|a| a.recommendations.clone())
                .unwrap_or_default();
            // An edit keeps the recommendation's id, status and log.
            let mut rec = index.and_then(|i| list.get(i).cloned()).unwrap_or_default();
            (rec.action, rec.owner, rec.due) = (action, owner, due);
            match index {
                // The edited copy carries the fields another program wrote, too.
                Some(i) if i < list.len() => list[i] = rec,
                _ => list.push(rec),
            }
            app.commit(AnswerEdit {
                recommendations: Some(list),
                ..AnswerEdit::default()
            })
        }
        _ => {
            edit_line(&mut fields[*focus], ev);
            *error = None;
            vec![]
        }
    }
}
