//! Two inspections marked on Home (`m`) and compared (`=`): the comparison as text,
//! scrolled with the arrows; Esc goes back to Home.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Effect, Outcome, Screen};
use super::keymap::{self, Action, Scope};
use super::theme::{Look, Role};
use super::widgets::{clip, panel};
use crate::domain::Lang;

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let Screen::Diff(d) = &mut app.screen else {
        return Outcome::Ignored;
    };
    match keymap::lookup(Scope::Diff, ev) {
        Some(Action::Up) => d.scroll = d.scroll.saturating_sub(1),
        Some(Action::Down) => d.scroll = (d.scroll + 1).min(d.lines.len().saturating_sub(1)),
        Some(Action::Back) => app.screen = Screen::Home,
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

/// What the comparison screen draws, borrowed from the state.
pub struct DiffView<'a> {
    /// The comparison as lines of text (escaped when made), `None` while it loads.
    pub lines: Option<&'a [String]>,
    pub scroll: usize,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &DiffView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let block = panel(self.look, crate::i18n::programme::diff_title(self.lang));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let lines: Vec<Line> = self
            .lines
            .unwrap_or_default()
            .iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .map(|l| {
                // Criterion heads stand out.
                let role = if l.starts_with('[') {
                    Role::Title
                } else {
                    Role::Normal
                };
                let l = super::widgets::plain(sym.ascii, l);
                Line::styled(clip(&l, w, sym.ellipsis), t.style(role))
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
