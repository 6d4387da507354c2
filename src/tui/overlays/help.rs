//! The help overlay: the keymap's rows for the screen under it, scrolled with the arrows.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, ScrollbarState, StatefulWidget, Widget};

use super::dialog::centered;
use crate::domain::Lang;
use crate::i18n::ui;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::{Look, Role};
use crate::tui::widgets::{clip_line, panel, plain_line, scrollbar};

/// The width of the help box, border included.
const WIDTH: u16 = 76;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// Rows scrolled past (the drawing keeps it within the table).
    pub scroll: usize,
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Help(help)) = app.overlays.last_mut() else {
        return vec![];
    };
    match keymap::lookup(Scope::Help, ev) {
        Some(Action::Up) => help.scroll = help.scroll.saturating_sub(1),
        Some(Action::Down) => help.scroll += 1,
        Some(Action::Back) => {
            app.overlays.pop();
        }
        _ => {}
    }
    vec![]
}

/// The help box: one row per key of `scope` (the dialog or screen under the help).
pub struct HelpView<'a> {
    pub scope: Scope,
    pub scroll: usize,
    pub look: &'a Look,
    pub lang: Lang,
}

impl HelpView<'_> {
    fn lines(&self) -> Vec<Line<'static>> {
        let t = &self.look.theme;
        let ascii = self.look.symbols.ascii;
        let mut lines = Vec::new();
        for b in keymap::help_rows(self.scope) {
            let keys: Vec<String> = b.keys.iter().map(|k| keymap::key_label(k, ascii)).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{:<16}", keys.join(" ")), t.style(Role::Key)),
                Span::raw(ui::action_long(self.lang, b.action)),
            ]));
        }
        if matches!(self.scope, Scope::Form | Scope::Recommendations) {
            lines.push(Line::styled(
                ui::typing_note(self.lang),
                t.style(Role::Muted),
            ));
        }
        // The rows inside the border and the scrollbar: a longer one ends in an ellipsis.
        let room = usize::from(WIDTH) - 3;
        let ellipsis = self.look.symbols.ellipsis;
        lines
            .into_iter()
            .map(|l| clip_line(plain_line(ascii, l), room, ellipsis))
            .collect()
    }

    /// Where the help goes within `area`: centred, as tall as its rows allow.
    pub fn area(&self, area: Rect) -> Rect {
        let rows = keymap::help_rows(self.scope).count()
            + usize::from(matches!(self.scope, Scope::Form | Scope::Recommendations));
        centered(area, WIDTH, u16::try_from(rows + 2).unwrap_or(20))
    }
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines();
        Clear.render(area, buf);
        // More rows than room: Up/Down scroll, and a scrollbar says where one is.
        let inner_h = area.height.saturating_sub(2) as usize;
        let max = lines.len().saturating_sub(inner_h);
        let scroll = self.scroll.min(max);
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(panel(self.look, ui::help_title(self.lang)))
            .render(area, buf);
        if max > 0 {
            let mut state = ScrollbarState::new(max).position(scroll);
            StatefulWidget::render(scrollbar(self.look), area, buf, &mut state);
        }
    }
}
