//! Summary: per group and overall counts, and the criteria not fully met with their
//! shortcomings and recommendations.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Effect, Screen, Session};
use super::keymap::{self, Action, Scope};
use super::theme::Role;
use super::widgets::panel;
use crate::domain::{Progress, Verdict};
use crate::i18n::{self, ui};

pub fn on_key(app: &mut App, ev: &KeyEvent) -> (bool, Vec<Effect>) {
    let Some(s) = app.session.as_mut() else {
        app.screen = Screen::Home;
        return (true, vec![]);
    };
    match keymap::lookup(Scope::Summary, ev) {
        Some(Action::Up) => s.summary_scroll = s.summary_scroll.saturating_sub(1),
        Some(Action::Down) => s.summary_scroll = s.summary_scroll.saturating_add(1),
        Some(Action::Back) => app.screen = Screen::Walk,
        Some(Action::Quit) => {
            app.quit = true;
            return (true, vec![Effect::Quit]);
        }
        _ => return (false, vec![]),
    }
    (true, vec![])
}

fn counts(lang: crate::domain::Lang, p: &Progress) -> String {
    format!(
        "{} {}  {} {}  {} {}  {} {}",
        i18n::verdict(lang, Some(Verdict::Met)),
        p.met,
        i18n::verdict(lang, Some(Verdict::BasicallyMet)),
        p.basically_met,
        i18n::verdict(lang, Some(Verdict::NotMet)),
        p.not_met,
        i18n::verdict(lang, None),
        p.not_assessed()
    )
}

pub fn render(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let block = panel(&app.look, ui::summary_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let total = Progress::of(&s.catalog, &s.inspection);
    let mut lines = vec![
        Line::styled(ui::finding(lang, &total), t.style(Role::Title)),
        Line::raw(counts(lang, &total)),
        Line::raw(""),
    ];
    for g in &s.catalog.groups {
        let p = Progress::of_group(g, &s.inspection);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}. {}", g.code, g.title.get(lang)),
                t.style(Role::Key),
            ),
            Span::raw(format!("  {}/{}", p.at_least_basically_met(), p.total)),
        ]));
        lines.push(Line::raw(format!("   {}", counts(lang, &p))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(ui::not_fully_met(lang), t.style(Role::Title)));
    let mut any = false;
    for (_, c) in s.catalog.criteria() {
        let a = s.inspection.answer(&c.code).cloned().unwrap_or_default();
        if a.verdict == Some(Verdict::Met) {
            continue;
        }
        any = true;
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", sym.mark(a.verdict)), t.verdict(a.verdict)),
            Span::raw(format!("{}. {}: ", c.number, c.title.get(lang))),
            Span::styled(i18n::verdict(lang, a.verdict), t.verdict(a.verdict)),
        ]));
        if !a.shortcomings.is_empty() {
            lines.push(Line::raw(format!(
                "    {}: {}",
                i18n::label::shortcomings(lang),
                a.shortcomings.replace('\n', "; ")
            )));
        }
        for r in &a.recommendations {
            let mut text = format!("    {}: {}", i18n::label::recommendations(lang), r.action);
            if !r.owner.is_empty() {
                text.push_str(&format!(" ({})", r.owner));
            }
            if let Some(d) = r.due {
                text.push_str(&format!(", {} {d}", i18n::label::due(lang)));
            }
            lines.push(Line::raw(text));
        }
    }
    if !any {
        lines.push(Line::styled(ui::all_met(lang), t.style(Role::Ok)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        ui::catalog_line(lang, &s.catalog),
        t.style(Role::Muted),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((s.summary_scroll, 0)),
        inner,
    );
}
