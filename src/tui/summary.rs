//! Summary: per group and overall counts in a report's wording, the criteria not fully
//! met with their shortcomings and recommendations, the team's conclusion, and the steps
//! that close an inspection: finalise, seal, reopen, export.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Effect, Outcome, Overlay, Screen, Session};
use super::input::LineInput;
use super::keymap::{self, Action, Scope};
use super::notice::Notice;
pub use super::overlays::Dialog;
pub use super::overlays::export::{FORMATS, export_path};
pub use super::overlays::on_dialog_key;
use super::overlays::{
    conclude::Conclude, export::Export, finalize::Finalize, reopen::Reopen, seal::Seal,
};
use super::theme::Role;
use super::widgets::panel;
use crate::domain::finding::{not_assessed, standing};
use crate::domain::inspection::Status;
use crate::domain::{Progress, Verdict};
use crate::i18n::{self, report as words, ui};

/// The criteria listed as not fully met (catalog indices), in the Summary's order.
pub fn picks(s: &Session) -> Vec<usize> {
    s.catalog
        .criteria()
        .enumerate()
        .filter(|(_, (_, c))| {
            s.inspection.answer(&c.code).and_then(|a| a.verdict) != Some(Verdict::Met)
        })
        .map(|(i, _)| i)
        .collect()
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let lang = app.lang;
    let Some(s) = app.session.as_mut() else {
        app.screen = Screen::Home;
        return Outcome::Consumed(vec![]);
    };
    let writable = s.read_only.is_none();
    let action = keymap::lookup(Scope::Summary, ev);
    if let Some(a) = action
        && pick_key(app, a)
    {
        return Outcome::Consumed(vec![]);
    }
    let Some(s) = app.session.as_mut() else {
        return Outcome::Consumed(vec![]);
    };
    let dialog = match action {
        Some(Action::Up) => {
            s.summary_scroll = s.summary_scroll.saturating_sub(1);
            None
        }
        Some(Action::Down) => {
            s.summary_scroll = s.summary_scroll.saturating_add(1);
            None
        }
        Some(Action::EditFacts) => match s.why_not_editable() {
            Some(why) => {
                app.notice = Some(why);
                None
            }
            None => Some(Dialog::Facts(super::overlays::facts::FactsForm::of(
                &s.inspection,
                lang,
            ))),
        },
        Some(Action::Back) => {
            app.screen = Screen::Walk;
            None
        }
        Some(Action::Quit) => {
            app.quit = true;
            return Outcome::Consumed(vec![Effect::Quit]);
        }
        Some(Action::Export) => Some(Dialog::Export(Export::new(&app.data_dir, &s.inspection))),
        Some(_) if !writable => {
            let why = s.read_only.clone().unwrap_or_default();
            app.notice = Some(Notice::ReadOnly(why));
            None
        }
        Some(Action::Conclude) if s.inspection.status == Status::Draft => Some(Dialog::Conclusion(
            Conclude::of(s.inspection.conclusion.as_ref()),
        )),
        Some(Action::Finalize) if s.inspection.status == Status::Draft => {
            Some(Dialog::Finalize(Finalize {
                missing: not_assessed(&s.catalog, &s.inspection),
            }))
        }
        Some(Action::Seal) if s.inspection.status == Status::Final => {
            Some(Dialog::Seal(Seal::new(&s.inspection.team.leader)))
        }
        Some(Action::Reopen) if s.inspection.status != Status::Draft => {
            Some(Dialog::Reopen(Reopen::default()))
        }
        Some(Action::Conclude | Action::Finalize | Action::Seal | Action::Reopen) => {
            app.notice = Some(Notice::StepNotNow(s.inspection.status));
            None
        }
        _ => return Outcome::Ignored,
    };
    if let Some(d) = dialog {
        app.overlay = Some(Overlay::Summary(d));
    }
    Outcome::Consumed(vec![])
}

/// Title, lines and cursor (row, column) of a Summary dialog.
pub fn dialog_view(app: &App, d: &Dialog) -> (String, Vec<Line<'static>>, Option<(u16, usize)>) {
    let lang = app.lang;
    let t = &app.look.theme;
    match d {
        Dialog::Facts(form) => form.view(&app.look, lang),
        Dialog::Conclusion(Conclude {
            text,
            proposal,
            focus,
            warned,
        }) => {
            let (shown, col) = text.view(60);
            let prop = proposal.map(|p| words::proposal(lang, p)).unwrap_or("?");
            let mut lines = vec![
                Line::raw(ui::conclusion_prompt(lang)),
                Line::styled(
                    format!("{shown:<60}"),
                    t.style(if *focus == 0 { Role::Focus } else { Role::Key }),
                ),
                Line::raw(""),
                Line::from(vec![
                    Span::raw(format!("{}: ", ui::proposal_label(lang))),
                    Span::styled(
                        format!("< {prop} >"),
                        t.style(if *focus == 1 { Role::Focus } else { Role::Key }),
                    ),
                ]),
                Line::styled(ui::conclusion_keys(lang), t.style(Role::Muted)),
            ];
            if *warned {
                lines.insert(
                    4,
                    Line::styled(ui::proposal_against_standing(lang), t.style(Role::Error)),
                );
            }
            (
                words::conclusion(lang).into(),
                lines,
                (*focus == 0).then_some((1, col)),
            )
        }
        Dialog::Finalize(Finalize { missing }) => {
            let mut lines = vec![Line::raw(ui::finalize_intro(lang))];
            if !missing.is_empty() {
                lines.push(Line::styled(
                    ui::finalize_missing(lang, missing),
                    t.style(Role::Error),
                ));
            }
            lines.push(Line::styled(ui::confirm_keys(lang), t.style(Role::Muted)));
            (ui::finalize_title(lang).into(), lines, None)
        }
        Dialog::Seal(Seal { name, error }) => one_line(
            app,
            words::seal(lang),
            ui::seal_intro(lang),
            name,
            error.as_deref(),
        ),
        Dialog::Reopen(Reopen { reason, error }) => one_line(
            app,
            ui::reopen_title(lang),
            ui::reopen_intro(lang),
            reason,
            error.as_deref(),
        ),
        Dialog::Export(Export {
            format,
            path,
            error,
        }) => {
            let (shown, col) = path.view(60);
            let mut lines = vec![
                Line::from(vec![
                    Span::raw(format!("{}: ", ui::format_label(lang))),
                    Span::styled(format!("< {} >", FORMATS[*format]), t.style(Role::Key)),
                ]),
                Line::raw(ui::export_path_label(lang)),
                Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
            ];
            if let Some(e) = error {
                lines.push(Line::styled(e.clone(), t.style(Role::Error)));
            }
            lines.push(Line::styled(ui::export_keys(lang), t.style(Role::Muted)));
            (ui::export_title(lang).into(), lines, Some((2, col)))
        }
    }
}

/// A dialog that asks for one line of text and a confirmation.
fn one_line(
    app: &App,
    title: &str,
    intro: &str,
    input: &LineInput,
    error: Option<&str>,
) -> (String, Vec<Line<'static>>, Option<(u16, usize)>) {
    let t = &app.look.theme;
    let (shown, col) = input.view(60);
    let mut lines = vec![
        Line::raw(intro.to_string()),
        Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
    ];
    if let Some(e) = error {
        lines.push(Line::styled(e.to_string(), t.style(Role::Error)));
    }
    lines.push(Line::styled(
        ui::confirm_keys(app.lang),
        t.style(Role::Muted),
    ));
    (title.to_string(), lines, Some((1, col)))
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
    let block = panel(&app.look, ui::summary_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let st = standing(&s.catalog, &s.inspection);
    let total = st.progress;
    let mut lines = vec![
        Line::styled(ui::finding(lang, &total), t.style(Role::Title)),
        Line::styled(
            format!(
                "{}. {}",
                words::standard(lang, st.meets),
                counts(lang, &total)
            ),
            t.style(if st.meets { Role::Ok } else { Role::Normal }),
        ),
    ];
    // Right under the finding, so it is in view the moment the seal dialog closes.
    if let Some(seal) = &s.inspection.seal {
        lines.push(Line::styled(
            format!(
                "{}: {}",
                words::seal(lang),
                words::sealed_by(lang, &seal.by, &crate::report::local_time(seal.at)),
            ),
            t.style(Role::Key),
        ));
        lines.push(Line::raw(format!("SHA-256 {}", seal.sha256)));
        if seal.signature.is_some() {
            let who = seal.principal.as_deref().unwrap_or("?");
            let fp = seal.fingerprint.as_deref().unwrap_or("");
            lines.push(Line::raw(ui::signed_by(
                lang,
                &crate::domain::escape::for_terminal_line(who),
                fp,
            )));
        }
    }
    lines.push(Line::raw(""));
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
    let picked_line = not_fully_met_lines(app, s, &mut lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled(words::conclusion(lang), t.style(Role::Title)));
    match &s.inspection.conclusion {
        Some(c) => {
            if let Some(p) = c.proposal {
                lines.push(Line::styled(words::proposal(lang, p), t.style(Role::Key)));
            }
            lines.push(Line::raw(c.text.clone()));
        }
        None => lines.push(Line::styled(
            words::no_conclusion(lang),
            t.style(Role::Muted),
        )),
    }
    lines.push(Line::raw(format!(
        "{}: {}",
        i18n::label::status(lang),
        if s.seal_broken {
            i18n::trust::seal_broken_label(lang)
        } else {
            i18n::status(lang, s.inspection.status)
        }
    )));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        ui::catalog_line(lang, &s.catalog),
        t.style(Role::Muted),
    ));
    // The picked criterion stays in view (lines are short: one row each, near enough).
    let h = inner.height as usize;
    let scroll = match picked_line {
        Some(l) if l + 2 > h + usize::from(s.summary_scroll) => l + 2 - h,
        _ => usize::from(s.summary_scroll),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
}

/// Up and Down pick a criterion not fully met (Enter opens it in the Walk screen); with
/// none listed, they fall through and scroll. True when the key was used here.
fn pick_key(app: &mut App, action: Action) -> bool {
    let Some(s) = app.session.as_mut() else {
        return false;
    };
    let picks = picks(s);
    match Some(action) {
        // Up and Down pick a criterion not fully met (Enter opens it); with none, they scroll.
        Some(Action::Up) if !picks.is_empty() => {
            s.summary_pick = s.summary_pick.saturating_sub(1);
            true
        }
        Some(Action::Down) if !picks.is_empty() => {
            s.summary_pick = (s.summary_pick + 1).min(picks.len() - 1);
            true
        }
        Some(Action::Top) => {
            s.summary_pick = 0;
            s.summary_scroll = 0;
            true
        }
        Some(Action::Bottom) => {
            s.summary_pick = picks.len().saturating_sub(1);
            true
        }
        Some(Action::Open) => {
            if let Some(i) = picks.get(s.summary_pick) {
                s.form.focus = None;
                s.search.input.clear();
                s.unassessed_only = false;
                s.select(*i);
                app.screen = Screen::Walk;
            }
            true
        }
        _ => false,
    }
}

/// The criteria not fully met, each with its shortcomings and recommendations; returns
/// the line of the picked one.
fn not_fully_met_lines(app: &App, s: &Session, lines: &mut Vec<Line<'static>>) -> Option<usize> {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    lines.push(Line::styled(ui::not_fully_met(lang), t.style(Role::Title)));
    let mut any = false;
    let mut picked_line = None;
    let mut k = 0;
    for (_, c) in s.catalog.criteria() {
        let a = s.inspection.answer(&c.code).cloned().unwrap_or_default();
        if a.verdict == Some(Verdict::Met) {
            continue;
        }
        any = true;
        let picked = k == s.summary_pick;
        if picked {
            picked_line = Some(lines.len());
        }
        k += 1;
        lines.push(Line::from(vec![
            Span::styled(
                if picked { sym.pointer } else { " " },
                t.style(Role::Selected),
            ),
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
    picked_line
}
