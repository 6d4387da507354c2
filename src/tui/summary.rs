//! Summary: per group and overall counts in a report's wording, the criteria not fully
//! met with their shortcomings and recommendations, the team's conclusion, and the steps
//! that close an inspection: finalise, seal, reopen, export.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, ScrollbarState, StatefulWidget, Widget};

use super::app::{App, Effect, Outcome, Overlay, Session};
use super::keymap::{self, Action, Scope};
use super::notice::Notice;
pub use super::overlays::Dialog;
pub use super::overlays::export::{FORMATS, export_path};
pub use super::overlays::on_dialog_key;
use super::overlays::{
    conclude::Conclude, export::Export, finalize::Finalize, reopen::Reopen, seal::Seal,
};
use super::theme::{Look, Role};
use super::widgets::{clip, clip_line, panel, plain, plain_line, scrollbar, wrap_clip};
use crate::domain::escape::for_terminal_line;
use crate::domain::finding::{not_assessed, standing};
use crate::domain::inspection::Status;
use crate::domain::{Lang, Progress, Verdict};
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
    let Some(s) = app.screen.session_mut() else {
        return Outcome::Ignored;
    };
    let writable = s.read_only.is_none();
    let action = keymap::lookup_when(Scope::Summary, ev, keymap::OFFERED);
    if let Some(a) = action
        && pick_key(app, a)
    {
        return Outcome::Consumed(vec![]);
    }
    let Some(s) = app.screen.session_mut() else {
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
            app.screen.turn_to(false);
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
        app.overlays.push(Overlay::Summary(d));
    }
    Outcome::Consumed(vec![])
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

/// Up and Down pick a criterion not fully met (Enter opens it in the Walk screen); with
/// none listed, they fall through and scroll. True when the key was used here.
fn pick_key(app: &mut App, action: Action) -> bool {
    let Some(s) = app.screen.session_mut() else {
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
                app.screen.turn_to(false);
            }
            true
        }
        _ => false,
    }
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
        // The standing, then the counts on their own line (run together they read as one
        // sentence that wraps mid-count).
        out.para(
            &format!("{}.", words::standard(lang, st.meets)),
            t.style(if st.meets { Role::Ok } else { Role::Normal }),
        );
        out.para(&counts(lang, &total), Style::new());
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
