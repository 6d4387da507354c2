//! The conclusion dialog: the team's text and its proposal, with a warning before
//! proposing to recognise a unit that does not meet the model standard.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

use super::dialog::DialogView;
use super::{Dialog, change};
use crate::domain::Lang;
use crate::domain::finding::{Conclusion, PROPOSALS, Proposal, standing};
use crate::i18n::{report as words, ui};
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::keymap::{self, Action, Scope, When};
use crate::tui::notice::StepError;
use crate::tui::theme::{Look, Role};

#[derive(Debug, Clone)]
pub struct Conclude {
    pub text: LineInput,
    pub proposal: Option<Proposal>,
    /// 0: the text; 1: the proposal.
    pub focus: usize,
    /// Enter was pressed once on a proposal the standing does not support: the warning
    /// is shown, and a second Enter keeps it.
    pub warned: bool,
}

impl Conclude {
    pub fn of(c: Option<&Conclusion>) -> Conclude {
        let c = c.cloned().unwrap_or_default();
        Conclude {
            text: LineInput::new(&c.text),
            proposal: c.proposal,
            focus: 0,
            warned: false,
        }
    }

    /// The text, the proposal, a warning when the proposal goes against the standing.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let focus = |on: bool| t.style(if on { Role::Focus } else { Role::Key });
        let (shown, col) = self.text.view(60);
        let prop = self.proposal.map_or("?", |p| words::proposal(lang, p));
        let mut lines = vec![
            Line::raw(ui::conclusion_prompt(lang)),
            Line::styled(format!("{shown:<60}"), focus(self.focus == 0)),
            Line::raw(""),
            Line::from(vec![
                Span::raw(format!("{}: ", ui::proposal_label(lang))),
                Span::styled(format!("< {prop} >"), focus(self.focus == 1)),
            ]),
            Line::styled(ui::conclusion_keys(lang), t.style(Role::Muted)),
        ];
        if self.warned {
            lines.insert(
                4,
                Line::styled(ui::proposal_against_standing(lang), t.style(Role::Error)),
            );
        }
        let cursor = (self.focus == 0).then_some((1, col));
        DialogView::new(look, words::conclusion(lang), lines, cursor)
    }
}

/// The proposal after `p` (or before it, `back`); none is one of the stops.
fn cycle(p: Option<Proposal>, back: bool) -> Option<Proposal> {
    let i = p.and_then(|p| PROPOSALS.iter().position(|x| *x == p));
    match (i, back) {
        (None, true) => PROPOSALS.last().copied(),
        (None, false) => Some(PROPOSALS[0]),
        (Some(0), true) => None,
        (Some(i), true) => Some(PROPOSALS[i - 1]),
        (Some(i), false) => PROPOSALS.get(i + 1).copied(),
    }
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let (now, user) = (app.now, app.user.clone());
    let meets = app
        .session()
        .is_some_and(|s| standing(&s.catalog, &s.inspection).meets);
    let Some(Overlay::Summary(Dialog::Conclusion(d))) = app.overlays.last_mut() else {
        return vec![];
    };
    let holds: &[When] = if d.focus == 1 {
        &[When::OnProposal]
    } else {
        &[]
    };
    let action = keymap::lookup_when(Scope::Conclusion, ev, holds);
    let enter = action == Some(Action::Accept);
    let against = !meets && d.proposal == Some(Proposal::Recognition);
    if enter && against && !d.warned {
        d.warned = true;
        return vec![];
    }
    if !enter {
        d.warned = false;
    }
    match action {
        Some(Action::NextField) => d.focus = 1 - d.focus,
        Some(a @ (Action::NextChoice | Action::PrevChoice)) => {
            d.proposal = cycle(d.proposal, a == Action::PrevChoice);
        }
        Some(Action::Accept) => {
            let c = Conclusion {
                text: d.text.text().to_string(),
                proposal: d.proposal,
            };
            app.overlays.pop();
            return change(app, |i| {
                i.set_conclusion(c, &user, now).map_err(StepError::Finalize)
            });
        }
        _ if d.focus == 0 => {
            edit_line(&mut d.text, ev);
        }
        _ => {}
    }
    vec![]
}
