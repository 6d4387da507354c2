//! A yes/no question before something that cannot be taken back with one key: removing a
//! recommendation, archiving an inspection. y or Enter does it; n or Esc keeps things.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Line;

use super::dialog::DialogView;
use crate::domain::Lang;
use crate::i18n::pick;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Look;

/// What a confirmed question does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Remove recommendation `index` of criterion `code`.
    RemoveRecommendation {
        code: String,
        index: usize,
        action: String,
    },
    /// Move an inspection (by id) to `archive/`.
    Archive { id: String, unit: String },
}

/// The answer to a key in the confirm dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// Any other key: the question stays.
    Wait,
}

pub fn on_key(ev: &KeyEvent) -> Answer {
    match keymap::lookup(Scope::Confirm, ev) {
        Some(Action::Accept) => Answer::Yes,
        Some(Action::Back) => Answer::No,
        _ => Answer::Wait,
    }
}

impl Confirm {
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        DialogView::new(look, self.title(lang), self.lines(lang), None)
    }

    pub fn title(&self, l: Lang) -> &'static str {
        match self {
            Confirm::RemoveRecommendation { .. } => {
                pick(l, "Xóa kiến nghị?", "Remove the recommendation?")
            }
            Confirm::Archive { .. } => pick(l, "Lưu trữ phiếu?", "Archive the inspection?"),
        }
    }

    pub fn lines(&self, l: Lang) -> Vec<Line<'static>> {
        let what = match self {
            Confirm::RemoveRecommendation { index, action, .. } => format!(
                "{}. {}",
                index + 1,
                crate::domain::escape::for_terminal_line(action)
            ),
            Confirm::Archive { unit, .. } => {
                let unit = crate::domain::escape::for_terminal_line(unit);
                pick(
                    l,
                    format!("{unit}: phiếu được chuyển vào thư mục archive/, không bị xóa."),
                    format!("{unit}: the file is moved to archive/, never deleted."),
                )
            }
        };
        vec![
            Line::raw(what),
            Line::raw(""),
            Line::raw(pick(
                l,
                "y/Enter đồng ý · n/Esc thôi",
                "y/Enter yes · n/Esc no",
            )),
        ]
    }
}
