//! Drawing the whole console: header and gauges, the current screen, the status line,
//! the key hints, and any overlay on top. Drawing never changes the state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{App, Overlay, Screen, Session};
use super::home::HomeView;
use super::keymap::{self, Scope};
use super::theme::Role;
use super::walk_view::WalkView;
use super::widgets::{clip_line, panel};
use super::{chrome, dashboard, setup, summary};
use crate::i18n::{self, ui};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = ui::too_small(app.lang, area.width, area.height);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let session = app.session();
    let status_view = status_view(app);
    let status_rows = status_view.rows(area.width);
    let gauge_rows = if session.is_some() { 2 } else { 0 };
    // Fixed heights: plain arithmetic, no constraint solving on every keystroke.
    let body_h = area.height.saturating_sub(1 + gauge_rows + status_rows + 1);
    let row = |y: u16, height: u16| Rect {
        y: area.y + y,
        height,
        ..area
    };
    let head = row(0, 1);
    let gauges = row(1, gauge_rows);
    let body = row(1 + gauge_rows, body_h);
    let status = row(1 + gauge_rows + body_h, status_rows);
    let footer = row(area.height - 1, 1);
    let look = &app.look;
    let lang = app.lang;
    frame.render_widget(
        &chrome::HeaderView {
            session,
            look,
            lang,
        },
        head,
    );
    if let Some(session) = session {
        frame.render_widget(
            &chrome::GaugesView {
                session,
                look,
                lang,
            },
            gauges,
        );
    }
    match &app.screen {
        Screen::Walk(s) => {
            let v = walk_view(app, s);
            frame.render_widget(&v, body);
            if let Some(p) = v.cursor() {
                frame.set_cursor_position(p);
            }
        }
        Screen::Summary(s) => frame.render_widget(&summary_view(app, s), body),
        Screen::Setup(form) => {
            let v = setup_view(app, form);
            frame.render_widget(&v, body);
            if let Some(p) = v.cursor.get() {
                frame.set_cursor_position(p);
            }
        }
        Screen::Dashboard(d) => frame.render_widget(&dashboard_view(app, d), body),
        Screen::Diff(d) => frame.render_widget(&diff_view(app, d), body),
        Screen::Home => frame.render_widget(&home_view(app), body),
    }
    frame.render_widget(&status_view, status);
    if let Some(p) = status_view.cursor.get() {
        frame.set_cursor_position(p);
    }
    let holds = app.conditions();
    frame.render_widget(
        &chrome::FooterView {
            scope: app.scope(),
            holds: &holds,
            overlay_open: !app.overlays.is_empty(),
            look,
            lang,
        },
        footer,
    );
    match app.overlay() {
        Some(Overlay::Help(_)) => {
            // The whole height but the footer: the keymap has many rows.
            let full = Rect {
                height: frame.area().height.saturating_sub(1),
                ..frame.area()
            };
            render_help(app, frame, full);
        }
        Some(o) => render_dialog(app, o, frame, body),
        None => {}
    }
}

/// The Summary's view of the state.
pub fn summary_view<'a>(app: &'a App, s: &'a Session) -> summary::SummaryView<'a> {
    summary::SummaryView {
        session: s,
        look: &app.look,
        lang: app.lang,
    }
}

/// The Dashboard's view of the state.
pub fn dashboard_view<'a>(
    app: &'a App,
    state: &super::app::DashboardState,
) -> dashboard::DashboardView<'a> {
    dashboard::DashboardView {
        data: app.library.rollout.as_ref(),
        scroll: state.scroll,
        look: &app.look,
        lang: app.lang,
    }
}

/// The Setup form's view of the state.
pub fn setup_view<'a>(app: &'a App, form: &'a setup::SetupForm) -> setup::SetupView<'a> {
    setup::SetupView {
        form,
        catalogs: &app.catalogs,
        look: &app.look,
        lang: app.lang,
        overlay_open: !app.overlays.is_empty(),
        cursor: std::cell::Cell::new(None),
    }
}

/// The comparison's view of the state.
pub fn diff_view<'a>(
    app: &'a App,
    state: &'a super::app::DiffState,
) -> super::diff_view::DiffView<'a> {
    super::diff_view::DiffView {
        lines: Some(&state.lines),
        scroll: state.scroll,
        look: &app.look,
        lang: app.lang,
    }
}

/// The status line's view of the state.
pub fn status_view(app: &App) -> chrome::StatusView<'_> {
    let walk = match &app.screen {
        Screen::Walk(s) => Some(s.as_ref()),
        _ => None,
    };
    chrome::StatusView {
        jump: walk.and_then(|s| s.jump.as_deref()),
        search: match &app.screen {
            Screen::Home => Some(&app.library.search),
            Screen::Walk(s) => Some(&s.search),
            _ => None,
        },
        notice: app.status_notice(),
        notice_shown: app.notice.is_some() || app.saving,
        data_dir: &app.data_dir,
        overlay_open: !app.overlays.is_empty(),
        look: &app.look,
        lang: app.lang,
        cursor: std::cell::Cell::new(None),
    }
}

/// Home's view of the state.
pub fn home_view(app: &App) -> HomeView<'_> {
    let lib = &app.library;
    HomeView {
        rows: &lib.rows,
        hits: super::rows::hits(lib),
        loading: super::rows::loading(lib),
        selected: lib.selected,
        marked: &lib.marked,
        problems: &lib.problems,
        data_dir: &app.data_dir,
        look: &app.look,
        lang: app.lang,
    }
}

/// The Walk screen's view of the state; the one place that knows where its pieces live.
pub fn walk_view<'a>(app: &'a App, s: &'a Session) -> WalkView<'a> {
    WalkView {
        session: s,
        visible: super::walk::visible(s),
        look: &app.look,
        lang: app.lang,
        overlay_open: !app.overlays.is_empty(),
        cursor: std::cell::Cell::new(None),
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let scope = app.help_scope();
    let ascii = app.look.symbols.ascii;
    // The rows inside the border and the scrollbar: a longer one ends in an ellipsis.
    let room = 76 - 3;
    let mut lines = Vec::new();
    for b in keymap::rows(scope) {
        let keys: Vec<String> = b.keys.iter().map(|k| keymap::key_label(k, ascii)).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", keys.join(" ")), t.style(Role::Key)),
            Span::raw(ui::action_long(lang, b.action)),
        ]));
    }
    if matches!(scope, Scope::Form | Scope::Recommendations) {
        lines.push(Line::styled(ui::typing_note(lang), t.style(Role::Muted)));
    }
    let ellipsis = app.look.symbols.ellipsis;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| clip_line(super::widgets::plain_line(ascii, l), room, ellipsis))
        .collect();
    let rect = centered(area, 76, u16::try_from(lines.len() + 2).unwrap_or(20));
    frame.render_widget(Clear, rect);
    // More rows than room: Up/Down scroll, and a scrollbar says where one is.
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(inner_h);
    let scroll = app.help_scroll().min(max);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(panel(&app.look, ui::help_title(lang))),
        rect,
    );
    if max > 0 {
        let mut state = ratatui::widgets::ScrollbarState::new(max).position(scroll);
        let bar = super::widgets::scrollbar(&app.look);
        frame.render_stateful_widget(bar, rect, &mut state);
    }
}

fn render_dialog(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let (title, mut lines, cursor): (String, Vec<Line>, Option<(u16, usize)>) = match overlay {
        Overlay::Reason(r) => {
            let (input, why, empty_error) = (&r.input, &r.why, &r.empty_error);
            let (shown, col) = input.view(60);
            let mut l = vec![
                Line::raw(why.clone()),
                Line::raw(""),
                Line::styled(ui::reason_prompt(lang), t.style(Role::Normal)),
                Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
            ];
            if *empty_error {
                l.push(Line::styled(
                    ui::reason_required(lang),
                    t.style(Role::Error),
                ));
            }
            l.push(Line::styled(ui::reason_keys(lang), t.style(Role::Muted)));
            (ui::reason_title(lang).into(), l, Some((3, col)))
        }
        Overlay::Recommendation(super::overlays::recommendation::RecommendationDialog {
            fields,
            focus,
            error,
            ..
        }) => {
            let mut l = Vec::new();
            let mut cur = None;
            for (i, label) in ui::recommendation_labels(lang).iter().enumerate() {
                let (shown, col) = fields[i].view(44);
                if i == *focus {
                    cur = Some((u16::try_from(l.len()).unwrap_or(0), col + 18));
                }
                let lead = if i == *focus { sym.pointer } else { " " };
                l.push(Line::from(vec![
                    Span::raw(format!("{lead}{label:<17}")),
                    Span::styled(
                        format!("{shown:<44}"),
                        t.style(if i == *focus { Role::Focus } else { Role::Key }),
                    ),
                ]));
            }
            if let Some(e) = error {
                l.push(Line::styled(e.clone(), t.style(Role::Error)));
            }
            l.push(Line::styled(
                ui::recommendation_keys(lang),
                t.style(Role::Muted),
            ));
            (i18n::label::recommendations(lang).into(), l, cur)
        }
        Overlay::Recovery(super::overlays::recovery::RecoveryDialog { offers, selected }) => {
            recovery_view(app, offers, *selected)
        }
        Overlay::Summary(d) => summary::dialog_view(app, d),
        Overlay::Conflict { selected } => super::conflict::dialog_view(app, *selected),
        Overlay::Confirm(c) => (c.title(lang).into(), c.lines(lang), None),
        Overlay::Help(_) => return,
    };
    let width = 66u16;
    let inner_w = (width - 2) as usize;
    let ascii = sym.ascii;
    lines = lines
        .into_iter()
        .map(|l| super::widgets::plain_line(ascii, l))
        .flat_map(|l| wrap_line(l, inner_w))
        .collect();
    let rect = centered(area, width, u16::try_from(lines.len() + 2).unwrap_or(10));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(panel(&app.look, format!(" {title} "))),
        rect,
    );
    if let Some((row, col)) = cursor {
        frame.set_cursor_position((
            rect.x + 1 + u16::try_from(col).unwrap_or(0),
            rect.y + 1 + row,
        ));
    }
}

/// Title and lines of the recovery offer: one snapshot a line, the selected one marked.
fn recovery_view(
    app: &App,
    offers: &[super::app::RecoveryOffer],
    selected: usize,
) -> (String, Vec<Line<'static>>, Option<(u16, usize)>) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let mut l = vec![Line::raw(ui::recovery_intro(lang)), Line::raw("")];
    for (i, o) in offers.iter().enumerate() {
        let style = t.style(if i == selected {
            Role::Selected
        } else {
            Role::Normal
        });
        l.push(Line::styled(
            format!(
                "{}{sep}{}{sep}{}",
                o.saved_at,
                crate::domain::escape::for_terminal_line(&o.unit),
                &o.id,
                sep = sym.separator
            ),
            style,
        ));
    }
    l.push(Line::raw(""));
    l.push(Line::styled(ui::recovery_keys(lang), t.style(Role::Muted)));
    (ui::recovery_title(lang).into(), l, None)
}

/// Plain lines longer than the dialog are broken at spaces; styled lines stay whole.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.spans.len() != 1 || line.width() <= width {
        return vec![line];
    }
    let style = line.spans[0].style;
    let text = line.spans[0].content.to_string();
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let cand = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if unicode_width::UnicodeWidthStr::width(cand.as_str()) > width && !cur.is_empty() {
            out.push(Line::styled(std::mem::take(&mut cur), style));
            cur = word.to_string();
        } else {
            cur = cand;
        }
    }
    out.push(Line::styled(cur, style));
    out
}
