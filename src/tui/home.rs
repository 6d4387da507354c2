//! Home: the inspections in the data directory, each with a small gauge; create, open,
//! search. An empty data directory gets a welcome that says what to do first.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Effect, HomeRow, Screen};
use super::keymap::{self, Action, Scope};
use super::rows;
use super::theme::Role;
use super::widgets::{clip, gauge_spans, panel};
use crate::i18n::{self, ui};

/// Rows matching the search (all when it is empty). At a hub's scale use `rows::len`,
/// `rows::get` and `rows::window`, which never walk every row.
pub fn visible(app: &App) -> Vec<&HomeRow> {
    rows::window(app, 0, usize::MAX).collect()
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> (bool, Vec<Effect>) {
    if app.home_search.key(ev) {
        app.home_selected = 0;
        rows::query_changed(app);
        return (true, vec![]);
    }
    let n = rows::len(app);
    match keymap::lookup(Scope::Home, ev) {
        Some(Action::Up) => app.home_selected = app.home_selected.saturating_sub(1),
        Some(Action::Down) => app.home_selected = (app.home_selected + 1).min(n.saturating_sub(1)),
        Some(Action::Open) => {
            if let Some(row) = rows::get(app, app.home_selected) {
                return (true, vec![Effect::Open(row.id.clone())]);
            }
        }
        Some(Action::New) => {
            app.setup = super::setup::SetupForm::new(app.lang, app.catalogs.len());
            app.screen = Screen::Setup;
        }
        Some(Action::Search) => app.home_search.active = true,
        Some(Action::Mark) => {
            if let Some(id) = rows::get(app, app.home_selected).map(|r| r.id.clone()) {
                if let Some(k) = app.home_marked.iter().position(|m| m == &id) {
                    app.home_marked.remove(k);
                } else {
                    app.home_marked.push(id);
                    // Two at most: marking a third lets go of the first.
                    if app.home_marked.len() > 2 {
                        app.home_marked.remove(0);
                    }
                }
            }
        }
        Some(Action::Compare) => {
            if let [a, b] = app.home_marked.as_slice() {
                return (true, vec![Effect::Diff(a.clone(), b.clone())]);
            }
            app.status.info = Some(i18n::programme::mark_two(app.lang).into());
        }
        Some(Action::Top) => app.home_selected = 0,
        Some(Action::Bottom) => app.home_selected = n.saturating_sub(1),
        Some(Action::HalfPageUp) => app.home_selected = app.home_selected.saturating_sub(8),
        Some(Action::HalfPageDown) => {
            app.home_selected = (app.home_selected + 8).min(n.saturating_sub(1));
        }
        Some(Action::Archive) => {
            if let Some(row) = rows::get(app, app.home_selected) {
                let c = super::overlays::confirm::Confirm::Archive {
                    id: row.id.clone(),
                    unit: row.unit.clone(),
                };
                app.overlay = Some(super::app::Overlay::Confirm(c));
            }
        }
        Some(Action::Dashboard) => {
            // The roll-out shown last stays while the driver decides whether it still
            // holds (issue 11: it is kept until the files change).
            app.screen = Screen::Dashboard;
            return (true, vec![Effect::LoadDashboard]);
        }
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
    let block = panel(&app.look, ui::home_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let loading = rows::loading(app);
    if app.home_rows.is_empty() && loading.is_none() {
        let mut lines = vec![
            Line::styled(ui::welcome_title(lang), t.style(Role::Title)),
            Line::raw(""),
        ];
        for l in ui::welcome_body(lang, &app.data_dir) {
            lines.push(Line::raw(l));
        }
        for p in &app.home_problems {
            lines.push(Line::styled(p.clone(), t.style(Role::Error)));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    let w = inner.width as usize;
    // Issue 11: only the rows in view are drawn, whatever the folder holds.
    let n = rows::len(app);
    let mut head: Vec<Line> = Vec::new();
    if let Some((done, total)) = loading {
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
        head.push(Line::from(spans));
    }
    if n == 0 && loading.is_none() {
        head.push(Line::styled(ui::no_match(lang), t.style(Role::Muted)));
    }
    let problems: Vec<Line> = app
        .home_problems
        .iter()
        .map(|p| Line::styled(clip(p, w, sym.ellipsis), t.style(Role::Error)))
        .collect();
    let h = inner.height as usize;
    let list_h = n.min(h.saturating_sub(problems.len() + head.len())).max(1);
    let head_h = head.len().min(h);
    let [head_a, list_a, problems_a] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(u16::try_from(head_h).unwrap_or(u16::MAX)),
        ratatui::layout::Constraint::Length(u16::try_from(list_h).unwrap_or(u16::MAX)),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head), head_a);
    // The selected row kept in view at the bottom edge, as a List scrolls from the top;
    // the offset is a usize, so row 70,000 shows as well as row 7.
    let selected = app.home_selected.min(n.saturating_sub(1));
    let list_h = list_a.height as usize;
    let offset = selected.saturating_sub(list_h.saturating_sub(1));
    let lines: Vec<Line> = rows::window(app, offset, list_h)
        .enumerate()
        .map(|(k, r)| row_line(app, r, offset + k == selected, w))
        .collect();
    frame.render_widget(Paragraph::new(lines), list_a);
    frame.render_widget(Paragraph::new(problems), problems_a);
}

/// One inspection on Home: mark, unit and district, date, gauge, status.
fn row_line(app: &App, r: &HomeRow, sel: bool, w: usize) -> Line<'static> {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let style = t.style(if sel { Role::Selected } else { Role::Normal });
    let lead = if sel { sym.pointer } else { " " };
    let marked = app.home_marked.contains(&r.id);
    let lead = if marked {
        format!("{lead}{}", if sym.ascii { "*" } else { "●" })
    } else {
        format!("{lead} ")
    };
    let gauge = match r.progress {
        Some(p) => gauge_spans(p.assessed, p.total, 8, sym, t, Role::Ok),
        None => vec![Span::styled("   ?    ", t.style(Role::Muted))],
    };
    let gauge_w: usize = gauge.iter().map(|s| s.width()).sum();
    let status = if r.seal_broken {
        i18n::trust::seal_broken_label(lang)
    } else if r.conflicts > 0 {
        i18n::sync::console::mark(lang)
    } else {
        i18n::status(lang, r.status)
    };
    let fixed = 2 + 11 + gauge_w + 2 + 14;
    let unit = clip(
        &if r.district.is_empty() {
            r.unit.clone()
        } else {
            format!("{}, {}", r.unit, r.district)
        },
        w.saturating_sub(fixed),
        sym.ellipsis,
    );
    let unit_w = unicode_width::UnicodeWidthStr::width(unit.as_str());
    let mut spans = vec![
        Span::styled(lead, style),
        Span::styled(unit.clone(), style),
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
