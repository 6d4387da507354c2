//! Drawing the whole console: header and gauges, the current screen, the status line,
//! the key hints, and any overlay on top. Drawing never changes the state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Overlay, Screen, Session};
use super::home::HomeView;
use super::overlays::dialog::DialogView;
use super::overlays::help::HelpView;
use super::walk_view::WalkView;
use super::{chrome, dashboard, setup, summary};
use crate::i18n::ui;

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
    draw_screen(app, frame, body);
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
    draw_overlay(app, frame, body);
}

/// The current screen, in the body of the frame.
fn draw_screen(app: &App, frame: &mut Frame, body: Rect) {
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
}

/// The dialog on top, over the body (help takes the whole height but the footer).
fn draw_overlay(app: &App, frame: &mut Frame, body: Rect) {
    match app.overlay() {
        Some(Overlay::Help(h)) => {
            let v = HelpView {
                scope: app.help_scope(),
                scroll: h.scroll,
                look: &app.look,
                lang: app.lang,
            };
            // The whole height but the footer: the keymap has many rows.
            let area = frame.area();
            let full = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            frame.render_widget(&v, v.area(full));
        }
        Some(o) => {
            if let Some(v) = dialog_view(app, o) {
                let rect = v.area(body);
                frame.render_widget(&v, rect);
                if let Some(p) = v.cursor(rect) {
                    frame.set_cursor_position(p);
                }
            }
        }
        None => {}
    }
}

/// The view of the dialog `o` (any but help, which is drawn as `HelpView`).
pub fn dialog_view<'a>(app: &'a App, o: &'a Overlay) -> Option<DialogView<'a>> {
    let (look, lang) = (&app.look, app.lang);
    Some(match o {
        Overlay::Reason(r) => r.view(look, lang),
        Overlay::Recommendation(r) => r.view(look, lang),
        Overlay::Recovery(r) => r.view(look, lang),
        Overlay::Summary(d) => d.view(look, lang),
        Overlay::Conflict { selected } => super::conflict::dialog_view(app, *selected),
        Overlay::Confirm(c) => c.view(look, lang),
        Overlay::Help(_) => return None,
    })
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
        updating: app.library.rollout_updating,
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
