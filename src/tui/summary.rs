//! Summary: per group and overall counts in a report's wording, the criteria not fully
//! met with their shortcomings and recommendations, the team's conclusion, and the steps
//! that close an inspection: finalise, seal, reopen, export.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, ScrollbarState, StatefulWidget, Widget};

use super::app::{App, Effect, Overlay, Screen, Session, edit_line};
use super::input::LineInput;
use super::keymap::{self, Action, Scope};
use super::theme::{Look, Role};
use super::widgets::{clip, clip_line, panel, plain, plain_line, scrollbar, wrap_clip};
use crate::domain::escape::for_terminal_line;
use crate::domain::finding::{Conclusion, PROPOSALS, Proposal, not_assessed, standing};
use crate::domain::inspection::Status;
use crate::domain::{Lang, Progress, Verdict};
use crate::i18n::{self, lifecycle, report as words, ui};

pub const FORMATS: [&str; 4] = ["html", "md", "csv", "json"];

/// The dialogs of the Summary screen.
#[derive(Debug, Clone)]
pub enum Dialog {
    Conclusion {
        text: LineInput,
        proposal: Option<Proposal>,
        focus: usize,
        /// Enter was pressed once on a proposal the standing does not support: the
        /// warning is shown, and a second Enter keeps it.
        warned: bool,
    },
    Finalize {
        missing: Vec<String>,
    },
    Seal {
        name: LineInput,
        error: Option<String>,
    },
    Reopen {
        reason: LineInput,
        error: Option<String>,
    },
    Export {
        format: usize,
        path: LineInput,
        error: Option<String>,
    },
    /// The unit, team and date, edited after creation.
    Facts(super::overlays::facts::FactsForm),
}

/// The default file of an export: `<data>/exports/<unit>-<date>.<ext>`.
pub fn export_path(data_dir: &str, i: &crate::domain::Inspection, format: &str) -> String {
    let slug: String = crate::domain::text::fold(&i.unit.name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{data_dir}/exports/{slug}-{}.{format}", i.date)
}

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

pub fn on_key(app: &mut App, ev: &KeyEvent) -> (bool, Vec<Effect>) {
    let lang = app.lang;
    let Some(s) = app.session.as_mut() else {
        app.screen = Screen::Home;
        return (true, vec![]);
    };
    let writable = s.read_only.is_none();
    let action = keymap::lookup(Scope::Summary, ev);
    if let Some(a) = action
        && pick_key(app, a)
    {
        return (true, vec![]);
    }
    let Some(s) = app.session.as_mut() else {
        return (true, vec![]);
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
        Some(Action::EditFacts) => match s.why_not_editable(lang) {
            Some(why) => {
                app.status.info = Some(why);
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
            return (true, vec![Effect::Quit]);
        }
        Some(Action::Export) => {
            let path = export_path(&app.data_dir, &s.inspection, FORMATS[0]);
            Some(Dialog::Export {
                format: 0,
                path: LineInput::new(&path),
                error: None,
            })
        }
        Some(_) if !writable => {
            let why = s.read_only.clone().unwrap_or_default();
            app.status.info = Some(ui::read_only(lang, &why));
            None
        }
        Some(Action::Conclude) if s.inspection.status == Status::Draft => {
            let c = s.inspection.conclusion.clone().unwrap_or_default();
            Some(Dialog::Conclusion {
                text: LineInput::new(&c.text),
                proposal: c.proposal,
                focus: 0,
                warned: false,
            })
        }
        Some(Action::Finalize) if s.inspection.status == Status::Draft => Some(Dialog::Finalize {
            missing: not_assessed(&s.catalog, &s.inspection),
        }),
        Some(Action::Seal) if s.inspection.status == Status::Final => Some(Dialog::Seal {
            name: LineInput::new(&s.inspection.team.leader),
            error: None,
        }),
        Some(Action::Reopen) if s.inspection.status != Status::Draft => Some(Dialog::Reopen {
            reason: LineInput::default(),
            error: None,
        }),
        Some(Action::Conclude | Action::Finalize | Action::Seal | Action::Reopen) => {
            app.status.info = Some(ui::step_not_now(lang, s.inspection.status).into());
            None
        }
        _ => return (false, vec![]),
    };
    if let Some(d) = dialog {
        app.overlay = Some(Overlay::Summary(d));
    }
    (true, vec![])
}

/// Keys in a Summary dialog.
pub fn on_dialog_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let lang = app.lang;
    let (user, now) = (app.user.clone(), app.now);
    let paths: Vec<String> = match app.session.as_ref() {
        Some(s) => FORMATS
            .iter()
            .map(|f| export_path(&app.data_dir, &s.inspection, f))
            .collect(),
        None => vec![String::new(); FORMATS.len()],
    };
    let meets = app
        .session
        .as_ref()
        .is_some_and(|s| standing(&s.catalog, &s.inspection).meets);
    let Some(Overlay::Summary(d)) = app.overlay.as_mut() else {
        return vec![];
    };
    if ev.code == KeyCode::Esc {
        app.overlay = None;
        return vec![];
    }
    let enter = ev.code == KeyCode::Enter;
    if matches!(d, Dialog::Facts(_)) {
        return facts_key(app, ev);
    }
    match d {
        Dialog::Conclusion { .. } => conclusion_key(app, ev, meets),
        Dialog::Finalize { .. } if enter => {
            app.overlay = None;
            let catalog = app.session.as_ref().map(|s| s.catalog.clone());
            let Some(catalog) = catalog else {
                return vec![];
            };
            change(app, |i| {
                i.finalize(&catalog, true, &user, now)
                    .map(|_| true)
                    .map_err(|e| lifecycle::finalize_error(lang, &e))
            })
        }
        Dialog::Finalize { .. } | Dialog::Facts(_) => vec![],
        Dialog::Seal { name, error } => {
            if !enter {
                edit_line(name, ev);
                *error = None;
                return vec![];
            }
            let by = name.text().to_string();
            if by.trim().is_empty() {
                *error = Some(lifecycle::seal_error(
                    lang,
                    &crate::domain::seal::SealError::NoName,
                ));
                return vec![];
            }
            app.overlay = None;
            change(app, |i| {
                if !i.conflicts.is_empty() {
                    return Err(crate::i18n::sync::conflicts_block(lang, i.conflicts.len()));
                }
                i.seal(&by, now, None)
                    .map(|_| true)
                    .map_err(|e| lifecycle::seal_error(lang, &e))
            })
        }
        Dialog::Reopen { reason, error } => {
            if !enter {
                edit_line(reason, ev);
                *error = None;
                return vec![];
            }
            if reason.text().trim().is_empty() {
                *error = Some(lifecycle::finalize_error(
                    lang,
                    &crate::domain::finding::FinalizeError::NoReason,
                ));
                return vec![];
            }
            let why = reason.text().to_string();
            app.overlay = None;
            change(app, |i| {
                i.reopen(&why, &user, now)
                    .map(|_| true)
                    .map_err(|e| lifecycle::finalize_error(lang, &e))
            })
        }
        Dialog::Export { .. } => export_key(app, ev, &paths),
    }
}

/// Apply a change to the open inspection; save it if it changed, show why if refused.
fn change(
    app: &mut App,
    f: impl FnOnce(&mut crate::domain::Inspection) -> Result<bool, String>,
) -> Vec<Effect> {
    let Some(s) = app.session.as_mut() else {
        return vec![];
    };
    match f(&mut s.inspection) {
        Ok(true) => {
            app.dirty = true;
            vec![Effect::Save]
        }
        Ok(false) => vec![],
        Err(e) => {
            app.status.error = Some(e);
            vec![]
        }
    }
}

/// Title, lines and cursor (row, column) of a Summary dialog.
pub fn dialog_view(app: &App, d: &Dialog) -> (String, Vec<Line<'static>>, Option<(u16, usize)>) {
    let lang = app.lang;
    let t = &app.look.theme;
    match d {
        Dialog::Facts(form) => form.view(&app.look, lang),
        Dialog::Conclusion {
            text,
            proposal,
            focus,
            warned,
        } => {
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
        Dialog::Finalize { missing } => {
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
        Dialog::Seal { name, error } => one_line(
            app,
            words::seal(lang),
            ui::seal_intro(lang),
            name,
            error.as_deref(),
        ),
        Dialog::Reopen { reason, error } => one_line(
            app,
            ui::reopen_title(lang),
            ui::reopen_intro(lang),
            reason,
            error.as_deref(),
        ),
        Dialog::Export {
            format,
            path,
            error,
        } => {
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

/// Keys in the dialog of the inspection's facts (unit, team, date).
fn facts_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    use super::overlays::facts::Outcome;
    let lang = app.lang;
    let (user, now) = (app.user.clone(), app.now);
    let Some(Overlay::Summary(Dialog::Facts(form))) = app.overlay.as_mut() else {
        return vec![];
    };
    let Some(s) = app.session.as_ref() else {
        return vec![];
    };
    match form.on_key(ev, &s.inspection, lang) {
        Outcome::Stay => vec![],
        Outcome::Cancel => {
            app.overlay = None;
            vec![]
        }
        Outcome::Apply(facts) => {
            app.overlay = None;
            let (unit, team, date) = *facts;
            change(app, |i| {
                i.set_unit_and_team(&unit, &team, date, &user, now)
                    .map_err(|e| i18n::edit_error(lang, &e))
            })
        }
    }
}

/// Keys in the export dialog: Tab changes the format, Enter writes.
fn export_key(app: &mut App, ev: &KeyEvent, paths: &[String]) -> Vec<Effect> {
    let lang = app.lang;
    let Some(Overlay::Summary(Dialog::Export {
        format,
        path,
        error,
    })) = app.overlay.as_mut()
    else {
        return vec![];
    };
    match ev.code {
        KeyCode::Tab | KeyCode::Up | KeyCode::Down => {
            let was_default = path.text() == paths[*format];
            *format = (*format + 1) % FORMATS.len();
            // Follow the format while the path is still the suggested one.
            if was_default {
                path.set(&paths[*format]);
            }
        }
        KeyCode::Enter => {
            if path.text().trim().is_empty() {
                *error = Some(ui::export_needs_path(lang).into());
                return vec![];
            }
            let effect = Effect::Export {
                format: FORMATS[*format],
                path: path.text().trim().into(),
            };
            app.overlay = None;
            return vec![effect];
        }
        _ => {
            edit_line(path, ev);
            *error = None;
        }
    }
    vec![]
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

/// Keys in the conclusion dialog: the text, the proposal, and a warning before proposing
/// to recognise a unit that does not meet the model standard.
fn conclusion_key(app: &mut App, ev: &KeyEvent, meets: bool) -> Vec<Effect> {
    let lang = app.lang;
    let (user, now) = (app.user.clone(), app.now);
    let enter = ev.code == KeyCode::Enter;
    let Some(Overlay::Summary(Dialog::Conclusion {
        text,
        proposal,
        focus,
        warned,
    })) = app.overlay.as_mut()
    else {
        return vec![];
    };
    let against = !meets && *proposal == Some(Proposal::Recognition);
    if enter && against && !*warned {
        *warned = true;
        return vec![];
    }
    if !enter {
        *warned = false;
    }
    match ev.code {
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => *focus = 1 - *focus,
        KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right if *focus == 1 => {
            let i = proposal.and_then(|p| PROPOSALS.iter().position(|x| *x == p));
            *proposal = match (i, ev.code) {
                (None, KeyCode::Left) => PROPOSALS.last().copied(),
                (None, _) => Some(PROPOSALS[0]),
                (Some(0), KeyCode::Left) => None,
                (Some(i), KeyCode::Left) => Some(PROPOSALS[i - 1]),
                (Some(i), _) => PROPOSALS.get(i + 1).copied(),
            };
        }
        KeyCode::Enter => {
            let c = Conclusion {
                text: text.text().to_string(),
                proposal: *proposal,
            };
            app.overlay = None;
            return change(app, |i| {
                i.set_conclusion(c, &user, now)
                    .map_err(|e| lifecycle::finalize_error(lang, &e))
            });
        }
        _ if *focus == 0 => {
            edit_line(text, ev);
        }
        _ => {}
    }
    vec![]
}

/// What the Summary screen draws, borrowed from the state.
pub struct SummaryView<'a> {
    pub session: &'a Session,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &SummaryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = panel(self.look, ui::summary_title(self.lang));
        let inner = block.inner(area);
        block.render(area, buf);
        // The last column is the scrollbar's.
        let w = inner.width.saturating_sub(1) as usize;
        let mut items = Items {
            items: Vec::new(),
            rows: 0,
            width: w,
            look: self.look,
        };
        let picked = self.fill(&mut items);
        let Items { items, rows, .. } = items;
        let n = items.len();
        let s = self.session;
        // A List keeps the picked criterion in view, a row of context under it; without
        // one, Up and Down scroll.
        let mut state = ListState::default()
            .with_offset(usize::from(s.summary_scroll).min(n.saturating_sub(1)))
            .with_selected(picked);
        StatefulWidget::render(List::new(items).scroll_padding(1), inner, buf, &mut state);
        if rows > inner.height as usize {
            let mut bar = ScrollbarState::new(n).position(state.offset());
            StatefulWidget::render(scrollbar(self.look), inner, buf, &mut bar);
        }
    }
}

/// The Summary's items, each a paragraph wrapped to the width or a line cut to it.
struct Items<'a> {
    items: Vec<ListItem<'static>>,
    /// Rows they take, for the scrollbar.
    rows: usize,
    width: usize,
    look: &'a Look,
}

impl Items<'_> {
    /// Text wrapped to the width, in one style.
    fn para(&mut self, text: &str, style: Style) {
        let text = plain(self.look.symbols.ascii, text);
        let lines: Vec<Line<'static>> = wrap_clip(&text, self.width, usize::MAX, "")
            .into_iter()
            .map(|r| Line::styled(r, style))
            .collect();
        self.rows += lines.len();
        self.items.push(ListItem::new(Text::from(lines)));
    }

    /// A line of several styles, cut with an ellipsis when it is too long.
    fn line(&mut self, line: Line<'static>) {
        let ascii = self.look.symbols.ascii;
        let line = clip_line(
            plain_line(ascii, line),
            self.width,
            self.look.symbols.ellipsis,
        );
        self.rows += 1;
        self.items.push(ListItem::new(line));
    }

    fn blank(&mut self) {
        self.rows += 1;
        self.items.push(ListItem::new(""));
    }
}

impl SummaryView<'_> {
    /// Every item of the Summary; returns the index of the picked criterion's.
    fn fill(&self, out: &mut Items) -> Option<usize> {
        let s = self.session;
        let lang = self.lang;
        let t = &self.look.theme;
        let st = standing(&s.catalog, &s.inspection);
        let total = st.progress;
        out.para(&ui::finding(lang, &total), t.style(Role::Title));
        out.para(
            &format!(
                "{}. {}",
                words::standard(lang, st.meets),
                counts(lang, &total)
            ),
            t.style(if st.meets { Role::Ok } else { Role::Normal }),
        );
        // Right under the finding, so it is in view the moment the seal dialog closes.
        if let Some(seal) = &s.inspection.seal {
            let by = for_terminal_line(&seal.by);
            out.para(
                &format!(
                    "{}: {}",
                    words::seal(lang),
                    words::sealed_by(lang, &by, &crate::report::local_time(seal.at)),
                ),
                t.style(Role::Key),
            );
            out.para(&format!("SHA-256 {}", seal.sha256), Style::new());
            if seal.signature.is_some() {
                let who = seal.principal.as_deref().unwrap_or("?");
                let fp = seal.fingerprint.as_deref().unwrap_or("");
                out.para(
                    &ui::signed_by(lang, &for_terminal_line(who), &for_terminal_line(fp)),
                    Style::new(),
                );
            }
        }
        out.blank();
        for g in &s.catalog.groups {
            let p = Progress::of_group(g, &s.inspection);
            // The count stays whole; a long group title gives way.
            let count = format!("  {}/{}", p.at_least_basically_met(), p.total);
            let title = clip(
                &format!("{}. {}", g.code, g.title.get(lang)),
                out.width.saturating_sub(count.len()),
                self.look.symbols.ellipsis,
            );
            out.line(Line::from(vec![
                Span::styled(title, t.style(Role::Key)),
                Span::raw(count),
            ]));
            out.para(&format!("   {}", counts(lang, &p)), Style::new());
        }
        out.blank();
        let picked = self.not_fully_met(out);
        out.blank();
        out.para(words::conclusion(lang), t.style(Role::Title));
        match &s.inspection.conclusion {
            Some(c) => {
                if let Some(p) = c.proposal {
                    out.para(words::proposal(lang, p), t.style(Role::Key));
                }
                out.para(&for_terminal_line(&c.text), Style::new());
            }
            None => out.para(words::no_conclusion(lang), t.style(Role::Muted)),
        }
        out.para(
            &format!(
                "{}: {}",
                i18n::label::status(lang),
                if s.seal_broken {
                    i18n::trust::seal_broken_label(lang)
                } else {
                    i18n::status(lang, s.inspection.status)
                }
            ),
            Style::new(),
        );
        out.blank();
        out.para(&ui::catalog_line(lang, &s.catalog), t.style(Role::Muted));
        picked
    }

    /// The criteria not fully met, each with its shortcomings and recommendations;
    /// returns the item of the picked one.
    fn not_fully_met(&self, out: &mut Items) -> Option<usize> {
        let s = self.session;
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        out.para(ui::not_fully_met(lang), t.style(Role::Title));
        let mut picked_item = None;
        let mut k = 0;
        let no_answer = crate::domain::Answer::default();
        for (_, c) in s.catalog.criteria() {
            let a = s.inspection.answer(&c.code).unwrap_or(&no_answer);
            if a.verdict == Some(Verdict::Met) {
                continue;
            }
            let picked = k == s.summary_pick;
            if picked {
                picked_item = Some(out.items.len());
            }
            k += 1;
            out.line(Line::from(vec![
                Span::styled(
                    if picked { sym.pointer } else { " " },
                    t.style(Role::Selected),
                ),
                Span::styled(format!("{} ", sym.mark(a.verdict)), t.verdict(a.verdict)),
                Span::raw(format!("{}. {}: ", c.number, c.title.get(lang))),
                Span::styled(i18n::verdict(lang, a.verdict), t.verdict(a.verdict)),
            ]));
            if !a.shortcomings.is_empty() {
                let joined = a.shortcomings.replace('\n', "; ");
                let text = for_terminal_line(&joined);
                out.para(
                    &format!("    {}: {text}", i18n::label::shortcomings(lang)),
                    Style::new(),
                );
            }
            for r in &a.recommendations {
                let mut text = format!("    {}: {}", i18n::label::recommendations(lang), r.action);
                if !r.owner.is_empty() {
                    text.push_str(&format!(" ({})", r.owner));
                }
                if let Some(d) = r.due {
                    text.push_str(&format!(", {} {d}", i18n::label::due(lang)));
                }
                out.para(&for_terminal_line(&text), Style::new());
            }
        }
        if k == 0 {
            out.para(ui::all_met(lang), t.style(Role::Ok));
        }
        picked_item
    }
}
