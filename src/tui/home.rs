//! Home: the inspections in the data directory, each with a small gauge; create, open,
//! search. An empty data directory gets a welcome that says what to do first.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    List, ListItem, ListState, Paragraph, ScrollbarState, StatefulWidget, Widget, Wrap,
};

use super::app::{App, Effect, HomeRow, Outcome, Screen};
use super::keymap::{self, Action, Scope};
use super::rows;
use super::theme::{Look, Role};
use super::widgets::{clip, gauge_spans, panel};
use crate::domain::Lang;
use crate::i18n::{self, ui};

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let lib = &mut app.library;
    if lib.search.key(ev) {
        lib.selected = 0;
        rows::query_changed(lib);
        return Outcome::Consumed(vec![]);
    }
    let n = rows::len(lib);
    match keymap::lookup(Scope::Home, ev) {
        Some(Action::Up) => lib.selected = lib.selected.saturating_sub(1),
        Some(Action::Down) => lib.selected = (lib.selected + 1).min(n.saturating_sub(1)),
        Some(Action::Open) => {
            if let Some(row) = rows::get(lib, lib.selected) {
                return Outcome::Consumed(vec![Effect::Open(row.id.clone())]);
            }
        }
        Some(Action::New) => {
            let form = super::setup::SetupForm::new(app.lang, app.catalogs.len());
            app.screen = Screen::Setup(Box::new(form));
        }
        Some(Action::Search) => lib.search.active = true,
        Some(Action::Mark) => {
            if let Some(id) = rows::get(lib, lib.selected).map(|r| r.id.clone()) {
                if let Some(k) = lib.marked.iter().position(|m| m == &id) {
                    lib.marked.remove(k);
                } else {
                    lib.marked.push(id);
                    // Two at most: marking a third lets go of the first.
                    if lib.marked.len() > 2 {
                        lib.marked.remove(0);
                    }
                }
            }
        }
        Some(Action::Compare) => {
            if let [a, b] = lib.marked.as_slice() {
                return Outcome::Consumed(vec![Effect::Diff(a.clone(), b.clone())]);
            }
            app.notice = Some(super::notice::Notice::MarkTwo);
        }
        Some(Action::Top) => lib.selected = 0,
        Some(Action::Bottom) => lib.selected = n.saturating_sub(1),
        Some(Action::HalfPageUp) => lib.selected = lib.selected.saturating_sub(8),
        Some(Action::HalfPageDown) => {
            lib.selected = (lib.selected + 8).min(n.saturating_sub(1));
        }
        Some(Action::Archive) => {
            if let Some(row) = rows::get(lib, lib.selected) {
                let c = super::overlays::confirm::Confirm::Archive {
                    id: row.id.clone(),
                    unit: row.unit.clone(),
                };
                app.overlays.push(super::app::Overlay::Confirm(c));
            }
        }
        Some(Action::Dashboard) => {
            // The roll-out shown last stays while the driver decides whether it still
            // holds (issue 11: it is kept until the files change).
            app.screen = Screen::Dashboard(Default::default());
            return Outcome::Consumed(vec![Effect::LoadDashboard]);
        }
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

/// What Home draws, borrowed from the state: every row and a filter, so that only the
/// rows in view are ever turned into lines (a data folder may hold 100,000 inspections).
pub struct HomeView<'a> {
    pub rows: &'a [HomeRow],
    /// Indices of the rows the search keeps (kept up to date as the query is typed, see
    /// `rows`); `None` shows every row.
    pub hits: Option<Cow<'a, [u32]>>,
    /// Files read and in all while the first reading runs: a gauge over the list.
    pub loading: Option<(usize, usize)>,
    /// Index of the selected row among those matching.
    pub selected: usize,
    pub marked: &'a [String],
    /// Files that could not be read, one line each.
    pub problems: &'a [String],
    pub data_dir: &'a str,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let block = panel(self.look, ui::home_title(lang));
        let inner = block.inner(area);
        block.render(area, buf);
        if self.rows.is_empty() && self.loading.is_none() {
            let mut lines = vec![
                Line::styled(ui::welcome_title(lang), t.style(Role::Title)),
                Line::raw(""),
            ];
            lines.extend(
                ui::welcome_body(lang, self.data_dir)
                    .into_iter()
                    .map(|l| Line::raw(super::widgets::plain(sym.ascii, &l))),
            );
            lines.extend(
                self.problems
                    .iter()
                    .map(|p| Line::styled(p.as_str(), t.style(Role::Error))),
            );
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
            return;
        }
        let mut inner = inner;
        if let Some((done, total)) = self.loading {
            let mut spans = vec![Span::styled(
                format!("{} ", i18n::scale::loading(lang, done, total)),
                t.style(Role::Muted),
            )];
            // The bar alone: the count is in the words before it.
            spans.extend(
                gauge_spans(done, total, 16, sym, t, Role::Key)
                    .into_iter()
                    .take(2),
            );
            Line::from(spans).render(inner, buf);
            inner.y += 1;
            inner.height = inner.height.saturating_sub(1);
        }
        let w = inner.width as usize;
        let h = inner.height as usize;
        let n = self.hits.as_ref().map_or(self.rows.len(), |h| h.len());
        // The problems go under the list, which keeps at least one row.
        let list_h = n.max(1).min(h.saturating_sub(self.problems.len()).max(1));
        let list_a = Rect {
            height: u16::try_from(list_h).unwrap_or(u16::MAX).min(inner.height),
            ..inner
        };
        let problems_a = Rect {
            y: list_a.bottom(),
            height: inner.height - list_a.height,
            ..inner
        };
        let problems: Vec<Line> = self
            .problems
            .iter()
            .map(|p| Line::styled(clip(p, w, sym.ellipsis), t.style(Role::Error)))
            .collect();
        Paragraph::new(problems).render(problems_a, buf);
        if n == 0 {
            if self.loading.is_none() {
                Line::styled(ui::no_match(lang), t.style(Role::Muted)).render(list_a, buf);
            }
            return;
        }
        // Only the rows in view become lines: the window ends at the selected row, as a
        // List would scroll it from the top.
        let selected = self.selected.min(n - 1);
        let first = selected.saturating_sub(list_h - 1);
        let scrolls = n > list_h;
        let row_w = if scrolls { w.saturating_sub(1) } else { w };
        let window: Box<dyn Iterator<Item = &HomeRow>> = match &self.hits {
            None => Box::new(self.rows.iter().skip(first).take(list_h)),
            Some(hits) => Box::new(
                hits.iter()
                    .skip(first)
                    .take(list_h)
                    .filter_map(|&i| self.rows.get(i as usize)),
            ),
        };
        let items: Vec<ListItem> = window
            .enumerate()
            .map(|(k, r)| ListItem::new(self.row_line(r, first + k == selected, row_w)))
            .collect();
        let mut state = ListState::default().with_selected(Some(selected - first));
        StatefulWidget::render(List::new(items), list_a, buf, &mut state);
        if scrolls {
            // Where the window is among all the rows.
            let mut bar = ScrollbarState::new(n - list_h + 1).position(first);
            StatefulWidget::render(super::widgets::scrollbar(self.look), list_a, buf, &mut bar);
        }
    }
}

impl HomeView<'_> {
    /// One inspection on Home: mark, unit and district, date, gauge, status.
    fn row_line(&self, r: &HomeRow, sel: bool, w: usize) -> Line<'static> {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let style = t.style(if sel { Role::Selected } else { Role::Normal });
        let lead = if sel { sym.pointer } else { " " };
        let marked = self.marked.contains(&r.id);
        let lead = if marked {
            format!("{lead}{}", if sym.ascii { "*" } else { "●" })
        } else {
            format!("{lead} ")
        };
        let gauge = match r.progress {
            Some(p) => gauge_spans(p.assessed, p.total, 8, sym, t, Role::Ok),
            None => vec![Span::styled("   ?    ", t.style(Role::Muted))],
        };
        let gauge_w: usize = gauge.iter().map(Span::width).sum();
        let status = if r.seal_broken {
            i18n::trust::seal_broken_label(lang)
        } else if r.conflicts > 0 {
            i18n::sync::console::mark(lang)
        } else {
            i18n::status(lang, r.status)
        };
        let fixed = 2 + 11 + gauge_w + 2 + 14;
        // Names come from other people's files: escaped before they reach the terminal.
        let unit = crate::domain::escape::for_terminal_line(&r.unit);
        let unit = clip(
            &if r.district.is_empty() {
                unit.into_owned()
            } else {
                format!(
                    "{unit}, {}",
                    crate::domain::escape::for_terminal_line(&r.district)
                )
            },
            w.saturating_sub(fixed),
            sym.ellipsis,
        );
        let unit_w = unicode_width::UnicodeWidthStr::width(unit.as_str());
        let mut spans = vec![
            Span::styled(lead, style),
            Span::styled(unit, style),
            Span::styled(" ".repeat(w.saturating_sub(fixed + unit_w)), style),
            Span::styled(
                format!(" {} ", super::overlays::facts::show_date(lang, r.date)),
                style,
            ),
        ];
        spans.extend(gauge);
        spans.push(Span::styled(
            format!("  {}", clip(status, 12, sym.ellipsis)),
            t.style(if r.conflicts > 0 {
                Role::Error
            } else {
                Role::Muted
            }),
        ));
        Line::from(spans)
    }
}
