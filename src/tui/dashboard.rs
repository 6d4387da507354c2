//! Dashboard: the roll-out across every inspection in the data folder: units meeting the
//! model standard against the target, per district, and the criteria that fail most.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Effect, Screen};
use super::keymap::{self, Action, Scope};
use super::theme::Role;
use super::widgets::{clip, gauge_spans, panel};
use crate::i18n::ui;

pub fn on_key(app: &mut App, ev: &KeyEvent) -> (bool, Vec<Effect>) {
    match keymap::lookup(Scope::Dashboard, ev) {
        Some(Action::Up) => app.dashboard_scroll = app.dashboard_scroll.saturating_sub(1),
        Some(Action::Down) => app.dashboard_scroll += 1,
        Some(Action::Back) => app.screen = Screen::Home,
        Some(Action::Quit) => {
            app.quit = true;
            return (true, vec![Effect::Quit]);
        }
        _ => return (false, vec![]),
    }
    (true, vec![])
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let block = panel(&app.look, ui::dashboard_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &app.dashboard else {
        frame.render_widget(
            Line::styled(ui::dashboard_loading(lang), t.style(Role::Muted)),
            inner,
        );
        return;
    };
    let r = &d.rollout;
    let [top, body] = Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(inner);
    let w = inner.width as usize;
    let bar = 24.min(w.saturating_sub(40));
    let head = head_lines(app, d, w, bar);
    let ascii = sym.ascii;
    let plain = |lines: Vec<Line<'static>>| -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|l| super::widgets::plain_line(ascii, l))
            .collect()
    };
    frame.render_widget(Paragraph::new(plain(head)), top);

    let left_w = (inner.width / 2).max(30);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(body);
    let lw = left.width as usize;
    let name_w = lw.saturating_sub(22).max(8);
    let [province, inspected, meeting, going, own] = crate::i18n::programme::province_columns(lang);
    let mut rows = vec![Line::styled(
        format!("{province:<name_w$} {inspected:>4} {meeting:>4} {going:>4} {own:>4}"),
        t.style(Role::Title),
    )];
    for p in &r.provinces {
        let name = if p.province.is_empty() {
            "?".into()
        } else {
            crate::domain::escape::for_terminal_line(&p.province)
        };
        let shown = clip(&name, name_w, sym.ellipsis);
        let pad = name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
        let spans = vec![Span::raw(format!(
            "{shown}{} {:>4} {:>4} {:>4} {:>4}",
            " ".repeat(pad),
            p.units_inspected,
            p.units_meeting_all,
            p.units_in_progress,
            p.units_self_assessed
        ))];
        rows.push(Line::from(spans));
    }
    // What the short column heads mean.
    for legend in crate::i18n::programme::province_legend(lang) {
        rows.push(Line::styled(
            clip(legend, lw.saturating_sub(1), sym.ellipsis),
            t.style(Role::Muted),
        ));
    }
    // Overdue actions under the provinces (their text escaped: it comes from the files).
    if !d.overdue.is_empty() {
        rows.push(Line::raw(""));
        rows.push(Line::styled(
            crate::i18n::programme::overdue_title(lang, d.overdue.len()),
            t.style(Role::Title),
        ));
        // Issue 11: only the lines that can be in view (a hub has thousands of them).
        let room = (app.dashboard_scroll + usize::from(left.height)).saturating_sub(rows.len());
        for a in d.overdue.iter().take(room) {
            let due = a.due.map(|d| d.to_string()).unwrap_or_default();
            let text = format!(
                "{due} {} [{}] {}",
                crate::domain::escape::for_terminal_line(&a.unit),
                crate::domain::escape::for_terminal_line(&a.criterion),
                crate::domain::escape::for_terminal_line(&a.text)
            );
            rows.push(Line::styled(
                clip(&text, lw.saturating_sub(1), sym.ellipsis),
                t.style(Role::Bad),
            ));
        }
    }
    // Down and Up scroll the provinces and the overdue actions below them.
    let scroll = u16::try_from(app.dashboard_scroll.min(rows.len().saturating_sub(1))).unwrap_or(0);
    frame.render_widget(Paragraph::new(plain(rows)).scroll((scroll, 0)), left);

    render_chart(app, d, frame, right);
}

/// The Dashboard's top lines: target, inspected, the other standings, notes.
fn head_lines(
    app: &App,
    d: &super::app::DashboardData,
    w: usize,
    bar: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
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
        clip(&notes.join(" · "), w, sym.ellipsis),
        t.style(Role::Muted),
    ));
    head
}

/// The criteria most often not met, each bar a share of the units inspected.
fn render_chart(app: &App, d: &super::app::DashboardData, frame: &mut Frame, right: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
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
    frame.render_widget(Paragraph::new(chart), right);
}
