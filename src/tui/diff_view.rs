//! Two inspections marked on Home (`m`) and compared (`=`): the comparison as text,
//! scrolled with the arrows; Esc goes back to Home.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::app::{App, Effect, Outcome, Screen};
use super::keymap::{self, Action, Scope};
use super::theme::Role;
use super::widgets::{clip, panel};

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    match keymap::lookup(Scope::Diff, ev) {
        Some(Action::Up) => app.diff_scroll = app.diff_scroll.saturating_sub(1),
        Some(Action::Down) => {
            let n = app.diff.as_ref().map_or(0, Vec::len);
            app.diff_scroll = (app.diff_scroll + 1).min(n.saturating_sub(1));
        }
        Some(Action::Back) => app.screen = Screen::Home,
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let block = panel(&app.look, crate::i18n::programme::diff_title(app.lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let lines: Vec<Line> = app
        .diff
        .iter()
        .flatten()
        .skip(app.diff_scroll)
        .map(|l| {
            // The text was escaped when it was made; criterion heads stand out.
            let role = if l.starts_with('[') {
                Role::Title
            } else {
                Role::Normal
            };
            Line::styled(clip(l, w, sym.ellipsis), t.style(role))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
