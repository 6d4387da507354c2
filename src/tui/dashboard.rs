//! Dashboard: the roll-out across every inspection in the data folder: units meeting the
//! model standard against the target, per district, and the criteria that fail most.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Cell, List, ListItem, ListState, Paragraph, Row, StatefulWidget, Table, TableState, Widget,
};

use super::app::{App, DashboardData, Effect, Outcome, Screen};
use super::keymap::{self, Action, Scope};
use super::theme::{Look, Role};
use super::widgets::{clip, gauge_spans, panel};
use crate::domain::Lang;
use crate::i18n::ui;

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let Screen::Dashboard(d) = &mut app.screen else {
        return Outcome::Ignored;
    };
    match keymap::lookup(Scope::Dashboard, ev) {
        Some(Action::Up) => d.scroll = d.scroll.saturating_sub(1),
        Some(Action::Down) => d.scroll += 1,
        Some(Action::Back) => app.screen = Screen::Home,
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

/// What the Dashboard draws, borrowed from the state.
pub struct DashboardView<'a> {
    /// `None` while the roll-up is being computed.
    pub data: Option<&'a DashboardData>,
    /// `data` is of older files and being computed again.
    pub updating: bool,
    /// How far Up and Down have scrolled the provinces and the overdue actions.
    pub scroll: usize,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &DashboardView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let title = if self.updating && self.data.is_some() {
            ui::dashboard_title_updating(lang)
        } else {
            ui::dashboard_title(lang)
        };
        let block = panel(self.look, title);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(d) = self.data else {
            Line::styled(ui::dashboard_loading(lang), t.style(Role::Muted)).render(inner, buf);
            return;
        };
        let [top, body] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(inner);
        let w = inner.width as usize;
        let bar = 24.min(w.saturating_sub(40));
        Paragraph::new(self.plain(self.head_lines(d, w, bar))).render(top, buf);
        let left_w = (inner.width / 2).max(30);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(body);
        self.render_left(d, left, buf);
        self.render_chart(d, right, buf);
    }
}

impl DashboardView<'_> {
    /// Lines for the look: ASCII signs with `--ascii`.
    fn plain(&self, lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
        let ascii = self.look.symbols.ascii;
        lines
            .into_iter()
            .map(|l| super::widgets::plain_line(ascii, l))
            .collect()
    }

    /// The provinces as a table, the key to its column heads, and the overdue actions;
    /// Down and Up scroll the table and the actions.
    fn render_left(&self, d: &DashboardData, left: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let r = &d.rollout;
        let lw = left.width as usize;
        let legend = crate::i18n::programme::province_legend(lang);
        let overdue_h = if d.overdue.is_empty() {
            0
        } else {
            // A blank row, the title, and the actions: at most half the room.
            (2 + d.overdue.len()).min(left.height as usize / 2)
        };
        let table_h = (r.provinces.len() + 1)
            .min((left.height as usize).saturating_sub(legend.len() + overdue_h))
            .max(2);
        let [table_a, legend_a, overdue_a] = Layout::vertical([
            Constraint::Length(u16::try_from(table_h).unwrap_or(u16::MAX)),
            Constraint::Length(u16::try_from(legend.len()).unwrap_or(2)),
            Constraint::Min(0),
        ])
        .areas(left);
        let [province, inspected, meeting, going, own] =
            crate::i18n::programme::province_columns(lang);
        // Each count column as wide as its head (at least four), the name takes the rest.
        let count_w = [inspected, meeting, going, own]
            .map(|h| u16::try_from(unicode_width::UnicodeWidthStr::width(h).max(4)).unwrap_or(4));
        let counts: usize = count_w.iter().map(|w| usize::from(*w) + 1).sum();
        let name_w = lw.saturating_sub(counts + 2).max(8);
        let right = |text: String| Cell::from(Line::from(text).right_aligned());
        let header = Row::new([
            Cell::from(province),
            right(inspected.into()),
            right(meeting.into()),
            right(going.into()),
            right(own.into()),
        ])
        .style(t.style(Role::Title));
        let rows = r.provinces.iter().map(|p| {
            let name = if p.province.is_empty() {
                "?".into()
            } else {
                crate::domain::escape::for_terminal_line(&p.province)
            };
            Row::new([
                Cell::from(clip(&name, name_w, sym.ellipsis)),
                right(p.units_inspected.to_string()),
                right(p.units_meeting_all.to_string()),
                right(p.units_in_progress.to_string()),
                right(p.units_self_assessed.to_string()),
            ])
        });
        let widths = [
            Constraint::Length(u16::try_from(name_w).unwrap_or(8)),
            Constraint::Length(count_w[0]),
            Constraint::Length(count_w[1]),
            Constraint::Length(count_w[2]),
            Constraint::Length(count_w[3]),
        ];
        let table = Table::new(rows, widths).header(header).column_spacing(1);
        let shown = table_h.saturating_sub(1);
        let mut state = TableState::default()
            .with_offset(self.scroll.min(r.provinces.len().saturating_sub(shown)));
        StatefulWidget::render(table, table_a, buf, &mut state);
        // What the short column heads mean.
        let legend: Vec<Line> = legend
            .iter()
            .map(|l| {
                Line::styled(
                    clip(l, lw.saturating_sub(1), sym.ellipsis),
                    t.style(Role::Muted),
                )
            })
            .collect();
        Paragraph::new(self.plain(legend)).render(legend_a, buf);
        self.render_overdue(d, overdue_a, buf);
    }

    /// The overdue actions (their text escaped: it comes from the files).
    fn render_overdue(&self, d: &DashboardData, overdue_a: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let lw = overdue_a.width as usize;
        if d.overdue.is_empty() {
            return;
        }
        let [_, title_a, list_a] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(overdue_a);
        Line::styled(
            crate::i18n::programme::overdue_title(lang, d.overdue.len()),
            t.style(Role::Title),
        )
        .render(title_a, buf);
        // Only the items that can be in view (a hub has thousands of overdue actions).
        let max = d.overdue.len().saturating_sub(list_a.height as usize);
        let first = self.scroll.min(max);
        let items: Vec<ListItem> = d
            .overdue
            .iter()
            .skip(first)
            .take(list_a.height as usize)
            .map(|a| {
                let due = a.due.map(|d| d.to_string()).unwrap_or_default();
                let text = format!(
                    "{due} {} [{}] {}",
                    crate::domain::escape::for_terminal_line(&a.unit),
                    crate::domain::escape::for_terminal_line(&a.criterion),
                    crate::domain::escape::for_terminal_line(&a.text)
                );
                let text = super::widgets::plain(sym.ascii, &text);
                ListItem::new(Line::styled(
                    clip(&text, lw.saturating_sub(1), sym.ellipsis),
                    t.style(Role::Bad),
                ))
            })
            .collect();
        let mut state = ListState::default();
        StatefulWidget::render(List::new(items), list_a, buf, &mut state);
    }

    /// The Dashboard's top lines: target, inspected, the other standings, notes.
    fn head_lines(&self, d: &DashboardData, w: usize, bar: usize) -> Vec<Line<'static>> {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let r = &d.rollout;
        let mut head = Vec::new();
        match r.target {
            Some(target) => {
                let mut spans = vec![Span::styled(
                    format!("{:<22}", ui::meeting_vs_target(lang)),
                    t.style(Role::Normal),
                )];
                spans.extend(gauge_spans(
                    r.units_meeting_all,
                    target,
                    bar,
                    sym,
                    t,
                    Role::Ok,
                ));
                let percent = format!("{:.1}", r.percent_of_target.unwrap_or(0.0));
                // A decimal comma in Vietnamese (47,7%), a point in English.
                let percent = match lang {
                    crate::domain::Lang::Vi => percent.replace('.', ","),
                    crate::domain::Lang::En => percent,
                };
                spans.push(Span::raw(format!(" ({percent}%)")));
                head.push(Line::from(spans));
            }
            None => head.push(Line::styled(ui::no_target(lang), t.style(Role::Muted))),
        }
        let mut spans = vec![Span::styled(
            format!("{:<22}", ui::inspected_label(lang)),
            t.style(Role::Normal),
        )];
        let whole = r.target.unwrap_or(r.units_inspected).max(r.units_inspected);
        spans.extend(gauge_spans(
            r.units_inspected,
            whole,
            bar,
            sym,
            t,
            Role::Key,
        ));
        head.push(Line::from(spans));
        head.push(Line::styled(
            clip(
                &crate::i18n::programme::dashboard_counts(
                    lang,
                    r.units_in_progress,
                    r.units_self_assessed,
                    d.broken_seals,
                ),
                w,
                sym.ellipsis,
            ),
            t.style(Role::Normal),
        ));
        let mut notes = Vec::new();
        if !r.never_inspected.is_empty() {
            notes.push(ui::never_inspected_count(lang, r.never_inspected.len()));
        }
        if d.skipped > 0 {
            notes.push(ui::skipped_files(lang, d.skipped));
        }
        if r.demo_inspections > 0 {
            notes.push(crate::i18n::report::demo_banner(lang).to_string());
        }
        head.push(Line::styled(
            clip(&notes.join(sym.separator), w, sym.ellipsis),
            t.style(Role::Muted),
        ));
        head
    }

    /// The criteria most often not met, each bar a share of the units inspected.
    fn render_chart(&self, d: &DashboardData, right: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let r = &d.rollout;
        let ascii = sym.ascii;
        let rw = right.width as usize;
        let mut chart = vec![Line::styled(ui::most_failed(lang), t.style(Role::Title))];
        // Each bar is a share: the units failing the criterion out of the units inspected,
        // so two dashboards of different sizes read alike.
        let whole = r.units_inspected.max(1);
        let bar_w = 10.min(rw.saturating_sub(14));
        for f in &r.most_failed {
            let filled = (f.units * bar_w).div_ceil(whole).min(bar_w);
            chart.push(Line::from(vec![
                Span::styled(format!("{:<6}", f.criterion), t.style(Role::Key)),
                Span::styled(sym.gauge_full.repeat(filled), t.style(Role::Bad)),
                Span::styled(sym.gauge_empty.repeat(bar_w - filled), t.style(Role::Muted)),
                Span::raw(format!(" {}/{}", f.units, r.units_inspected)),
            ]));
            let title = d.titles.get(&f.criterion).cloned().unwrap_or_default();
            chart.push(Line::styled(
                format!("      {}", clip(&title, rw.saturating_sub(6), sym.ellipsis)),
                t.style(Role::Muted),
            ));
        }
        let chart: Vec<Line> = chart
            .into_iter()
            .map(|l| super::widgets::plain_line(ascii, l))
            .collect();
        Paragraph::new(chart).render(right, buf);
    }
}
