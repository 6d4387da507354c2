//! Drawing the whole console: header and gauges, the current screen, the status line,
//! the key hints, and any overlay on top. Drawing never changes the state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{App, Overlay, Screen, Session};
use super::keymap::{self, Scope};
use super::theme::Role;
use super::widgets::{clip, gauge_spans, panel};
use super::{dashboard, home, setup, summary, walk_view};
use crate::domain::Progress;
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
    let session = app
        .session
        .as_ref()
        .filter(|_| matches!(app.screen, Screen::Walk | Screen::Summary));
    let gauge_rows = if session.is_some() { 2 } else { 0 };
    // A notice longer than the line (the holder of a lock: machine and process come last)
    // takes a second row rather than losing its end.
    let status_rows = match app.notice.as_ref().map(|n| n.text(app.lang)) {
        Some(text)
            if unicode_width::UnicodeWidthStr::width(text.as_str()) > area.width as usize =>
        {
            2
        }
        _ => 1,
    };
    let [head, gauges, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(gauge_rows),
        Constraint::Min(5),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, head);
    if let Some(s) = session {
        render_gauges(app, s, frame, gauges);
    }
    match (app.screen, session) {
        (Screen::Walk, Some(s)) => walk_view::render(app, s, frame, body),
        (Screen::Summary, Some(s)) => summary::render(app, s, frame, body),
        (Screen::Setup, _) => setup::render(app, frame, body),
        (Screen::Dashboard, _) => dashboard::render(app, frame, body),
        (Screen::Diff, _) => super::diff_view::render(app, frame, body),
        _ => home::render(app, frame, body),
    }
    render_status(app, frame, status);
    render_footer(app, frame, footer);
    match &app.overlay {
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

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.look.theme;
    let w = area.width as usize;
    let mut text = String::from("kiemtra");
    if let Some(s) = app
        .session
        .as_ref()
        .filter(|_| matches!(app.screen, Screen::Walk | Screen::Summary))
    {
        let i = &s.inspection;
        let sep = app.look.symbols.separator;
        text.push_str(&format!(
            "{sep}{}{sep}{}{sep}{}",
            i.unit.name,
            super::overlays::facts::show_date(app.lang, i.date),
            i18n::kind(app.lang, i.kind)
        ));
        if s.seal_broken {
            text.push_str(&format!(
                "{sep}{}",
                i18n::trust::seal_broken_label(app.lang).to_uppercase()
            ));
        }
        if s.read_only.is_some() {
            text.push_str(&format!("{sep}{}", ui::read_only_badge(app.lang)));
        } else if i.status != crate::domain::inspection::Status::Draft && !s.seal_broken {
            text.push_str(&format!(
                "{sep}{}",
                i18n::status(app.lang, i.status).to_uppercase()
            ));
        }
        if !i.conflicts.is_empty() {
            let n = i.conflicts.len();
            text.push_str(&format!(
                "{sep}{}",
                i18n::sync::console::header(app.lang, n)
            ));
        }
    }
    let text = super::widgets::plain(app.look.symbols.ascii, &text);
    frame.render_widget(
        Line::styled(
            clip(&text, w, app.look.symbols.ellipsis),
            t.style(Role::Title),
        ),
        area,
    );
}

fn render_gauges(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let p = Progress::of(&s.catalog, &s.inspection);
    let [top, groups] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let mut spans = vec![Span::styled(
        format!("{} ", ui::assessed(lang)),
        t.style(Role::Normal),
    )];
    spans.extend(gauge_spans(p.assessed, p.total, 16, sym, t, Role::Key));
    spans.push(Span::raw("   "));
    spans.push(Span::styled(
        format!("{} ", ui::met_gauge(lang)),
        t.style(Role::Normal),
    ));
    spans.extend(gauge_spans(p.met, p.total, 16, sym, t, Role::Ok));
    spans.push(Span::styled(
        format!("  {} {}", sym.basically_met, p.basically_met),
        t.verdict(Some(crate::domain::Verdict::BasicallyMet)),
    ));
    spans.push(Span::styled(
        format!(" {} {}", sym.not_met, p.not_met),
        t.verdict(Some(crate::domain::Verdict::NotMet)),
    ));
    frame.render_widget(Line::from(spans), top);
    let n = s.catalog.groups.len().max(1);
    let per = (area.width as usize / n).max(12);
    let mut spans = Vec::new();
    for g in &s.catalog.groups {
        let gp = Progress::of_group(g, &s.inspection);
        let label = format!("{} ", g.code);
        let count = format!(" {}/{}", gp.assessed, gp.total).len();
        let bar = per.saturating_sub(label.len() + count + 2).clamp(3, 14);
        spans.push(Span::styled(label, t.style(Role::Key)));
        spans.extend(gauge_spans(gp.assessed, gp.total, bar, sym, t, Role::Key));
        spans.push(Span::raw("  "));
    }
    frame.render_widget(Line::from(spans), groups);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let w = area.width as usize;
    let search = match app.screen {
        Screen::Home => Some(&app.home_search),
        Screen::Walk => app.session.as_ref().map(|s| &s.search),
        _ => None,
    };
    if let Some(typed) = app
        .session
        .as_ref()
        .filter(|_| app.screen == Screen::Walk)
        .and_then(|s| s.jump.as_ref())
    {
        let prompt = format!("{}: ", ui::jump_prompt(lang));
        let x = area.x
            + u16::try_from(unicode_width::UnicodeWidthStr::width(prompt.as_str()) + typed.len())
                .unwrap_or(0);
        frame.set_cursor_position((x, area.y));
        frame.render_widget(
            Line::from(vec![
                Span::styled(prompt, t.style(Role::Key)),
                Span::raw(typed.clone()),
            ]),
            area,
        );
        return;
    }
    // A notice shows over a search filter left on; the box being typed in comes first.
    let notice = app.notice.is_some() || app.saving;
    if let Some(search) = search.filter(|s| s.active || (!notice && !s.query().is_empty())) {
        let (shown, col) = search.input.view(w.saturating_sub(12));
        let prompt = format!("{}: ", ui::search(lang));
        if search.active && app.overlay.is_none() {
            let x = area.x
                + u16::try_from(unicode_width::UnicodeWidthStr::width(prompt.as_str()) + col)
                    .unwrap_or(0);
            frame.set_cursor_position((x, area.y));
        }
        frame.render_widget(
            Line::from(vec![
                Span::styled(prompt, t.style(Role::Key)),
                Span::raw(shown),
            ]),
            area,
        );
        return;
    }
    let (text, role) = match app.status_notice() {
        Some(n) => (n.text(lang), notice_role(n.kind())),
        None => (ui::data_dir_line(lang, &app.data_dir), Role::Muted),
    };
    let text = super::widgets::plain(app.look.symbols.ascii, &text);
    let rows = super::widgets::wrap_clip(&text, w, area.height as usize, app.look.symbols.ellipsis);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|r| Line::styled(r, t.style(role)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The colour of a notice: a success never looks like an error.
fn notice_role(kind: super::notice::Kind) -> Role {
    use super::notice::Kind;
    match kind {
        Kind::Error => Role::Error,
        Kind::Warning => Role::Partial,
        Kind::Success => Role::Ok,
        Kind::Quiet => Role::Muted,
    }
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.look.theme;
    let scope = app.scope();
    let hint = |b: &keymap::Binding| {
        let key = keymap::key_label(&b.keys[0], app.look.symbols.ascii);
        let desc = ui::action_short(app.lang, b.action);
        let len = unicode_width::UnicodeWidthStr::width(format!("{key} {desc}  ").as_str());
        (key, desc, len)
    };
    // Help (F1) is shown last, the rest taking the room before it; a dialog's keys are
    // its own, and help is not one of them.
    let help = keymap::BINDINGS
        .iter()
        .find(|b| b.action == keymap::Action::Help)
        .filter(|_| app.overlay.is_none())
        .map(hint);
    let room = (area.width as usize + 2).saturating_sub(help.as_ref().map_or(0, |h| h.2));
    let mut spans = Vec::new();
    let mut used = 0;
    let holds = app.conditions();
    let rows =
        keymap::rows_when(scope, &holds).filter(|b| b.hint && b.action != keymap::Action::Help);
    let n_rows = keymap::rows_when(scope, &holds)
        .filter(|b| b.hint && b.action != keymap::Action::Help)
        .count();
    for (k, (key, desc, len)) in rows.map(hint).chain(help).enumerate() {
        if k < n_rows && used + len > room {
            continue;
        }
        used += len;
        spans.push(Span::styled(key, t.style(Role::Key)));
        spans.push(Span::styled(format!(" {desc}  "), t.style(Role::Muted)));
    }
    frame.render_widget(Line::from(spans), area);
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
    let scope = app.screen_scope();
    let mut lines = Vec::new();
    for b in keymap::rows(scope) {
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| keymap::key_label(k, app.look.symbols.ascii))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{:<16}", keys.join(" ")), t.style(Role::Key)),
            Span::raw(ui::action_long(lang, b.action)),
        ]));
    }
    if matches!(scope, Scope::Form | Scope::Recommendations) {
        lines.push(Line::styled(ui::typing_note(lang), t.style(Role::Muted)));
    }
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
        let bar =
            ratatui::widgets::Scrollbar::new(ratatui::widgets::ScrollbarOrientation::VerticalRight)
                .symbols(if app.look.symbols.ascii {
                    ratatui::symbols::scrollbar::Set {
                        track: "|",
                        thumb: "#",
                        begin: "^",
                        end: "v",
                    }
                } else {
                    ratatui::symbols::scrollbar::VERTICAL
                });
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
            let mut l = vec![Line::raw(ui::recovery_intro(lang)), Line::raw("")];
            for (i, o) in offers.iter().enumerate() {
                let style = t.style(if i == *selected {
                    Role::Selected
                } else {
                    Role::Normal
                });
                l.push(Line::styled(
                    format!("{} · {} · {}", o.saved_at, o.unit, &o.id),
                    style,
                ));
            }
            l.push(Line::raw(""));
            l.push(Line::styled(ui::recovery_keys(lang), t.style(Role::Muted)));
            (ui::recovery_title(lang).into(), l, None)
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
