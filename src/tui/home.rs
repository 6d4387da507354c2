//! Home: the inspections in the data directory, each with a small gauge; create, open,
//! search. An empty data directory gets a welcome that says what to do first.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Effect, HomeRow, Outcome, Screen};
use super::keymap::{self, Action, Scope};
use super::theme::Role;
use super::widgets::{clip, gauge_spans, panel};
use crate::domain::text::fold;
use crate::i18n::{self, ui};

/// Rows matching the search (all when it is empty).
pub fn visible(app: &App) -> Vec<&HomeRow> {
    let q = fold(app.home_search.query());
    app.home_rows
        .iter()
        .filter(|r| q.is_empty() || fold(&format!("{} {}", r.unit, r.district)).contains(&q))
        .collect()
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    if app.home_search.key(ev) {
        app.home_selected = 0;
        return Outcome::Consumed(vec![]);
    }
    let n = visible(app).len();
    match keymap::lookup(Scope::Home, ev) {
        Some(Action::Up) => app.home_selected = app.home_selected.saturating_sub(1),
        Some(Action::Down) => app.home_selected = (app.home_selected + 1).min(n.saturating_sub(1)),
        Some(Action::Open) => {
            if let Some(row) = visible(app).get(app.home_selected) {
                return Outcome::Consumed(vec![Effect::Open(row.id.clone())]);
            }
        }
        Some(Action::New) => {
            app.setup = super::setup::SetupForm::new(app.lang, app.catalogs.len());
            app.screen = Screen::Setup;
        }
        Some(Action::Search) => app.home_search.active = true,
        Some(Action::Mark) => {
            if let Some(id) = visible(app).get(app.home_selected).map(|r| r.id.clone()) {
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
                return Outcome::Consumed(vec![Effect::Diff(a.clone(), b.clone())]);
            }
            app.notice = Some(super::notice::Notice::MarkTwo);
        }
        Some(Action::Top) => app.home_selected = 0,
        Some(Action::Bottom) => app.home_selected = n.saturating_sub(1),
        Some(Action::HalfPageUp) => app.home_selected = app.home_selected.saturating_sub(8),
        Some(Action::HalfPageDown) => {
            app.home_selected = (app.home_selected + 8).min(n.saturating_sub(1));
        }
        Some(Action::Archive) => {
            if let Some(row) = visible(app).get(app.home_selected) {
                let c = super::overlays::confirm::Confirm::Archive {
                    id: row.id.clone(),
                    unit: row.unit.clone(),
                };
                app.overlay = Some(super::app::Overlay::Confirm(c));
            }
        }
        Some(Action::Dashboard) => {
            app.screen = Screen::Dashboard;
            app.dashboard = None;
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

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let block = panel(&app.look, ui::home_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.home_rows.is_empty() {
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
    let rows = visible(app);
    let mut lines: Vec<Line> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        lines.push(row_line(app, r, i == app.home_selected, w));
    }
    if rows.is_empty() {
        lines.push(Line::styled(ui::no_match(lang), t.style(Role::Muted)));
    }
    for p in &app.home_problems {
        lines.push(Line::styled(clip(p, w, sym.ellipsis), t.style(Role::Error)));
    }
    // A List keeps the selected row in view with its own offset (no u16 scroll limit, so
    // row 70,000 shows as well as row 7).
    let problems = lines.split_off(rows.len().min(lines.len()));
    let h = inner.height as usize;
    let list_h = lines.len().min(h.saturating_sub(problems.len())).max(1);
    let [list_a, problems_a] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(u16::try_from(list_h).unwrap_or(u16::MAX)),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(inner);
    let mut state = ratatui::widgets::ListState::default();
    if !rows.is_empty() {
        state.select(Some(app.home_selected.min(rows.len() - 1)));
    }
    let items: Vec<ratatui::widgets::ListItem> = lines
        .into_iter()
        .map(ratatui::widgets::ListItem::new)
        .collect();
    ratatui::widgets::StatefulWidget::render(
        ratatui::widgets::List::new(items),
        list_a,
        frame.buffer_mut(),
        &mut state,
    );
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
