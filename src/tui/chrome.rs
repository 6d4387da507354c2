//! What frames every screen: the header, the gauges of the open inspection, the status
//! line and the key hints. Each is a view of borrowed pieces, built in `view`.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::app::{Search, Session};
use super::keymap::{self, Scope};
use super::notice::{Kind as NoticeKind, Notice};
use super::theme::{Look, Role};
use super::widgets::{clip, gauge_spans, paint, plain, wrap_clip};
use crate::domain::inspection::Status;
use crate::domain::{Lang, Progress, Verdict};
use crate::i18n::{self, ui};

/// The top line: the program, and the open inspection's unit, date, kind and state.
pub struct HeaderView<'a> {
    pub session: Option<&'a Session>,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &HeaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let mut text = String::from("kiemtra");
        if let Some(s) = self.session {
            let i = &s.inspection;
            let sep = self.look.symbols.separator;
            let mut part = |p: &str| {
                text.push_str(sep);
                text.push_str(p);
            };
            part(&crate::domain::escape::for_terminal_line(&i.unit.name));
            part(&super::overlays::facts::show_date(lang, i.date));
            part(i18n::kind(lang, i.kind));
            if s.seal_broken {
                part(&i18n::trust::seal_broken_label(lang).to_uppercase());
            }
            if s.read_only.is_some() {
                part(ui::read_only_badge(lang));
            } else if i.status != Status::Draft && !s.seal_broken {
                part(&i18n::status(lang, i.status).to_uppercase());
            }
            if !i.conflicts.is_empty() {
                part(&i18n::sync::console::header(lang, i.conflicts.len()));
            }
        }
        let text = plain(self.look.symbols.ascii, &text);
        let text = clip(&text, area.width as usize, self.look.symbols.ellipsis);
        paint(
            &[Span::styled(text, self.look.theme.style(Role::Title))],
            area,
            buf,
        );
    }
}

/// Two rows of gauges: assessed and met overall, then assessed per group.
pub struct GaugesView<'a> {
    pub session: &'a Session,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &GaugesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let s = self.session;
        let groups: Vec<_> = s
            .catalog
            .groups
            .iter()
            .map(|g| (g, Progress::of_group(g, &s.inspection)))
            .collect();
        let p = Progress::of(&s.catalog, &s.inspection);
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
            t.verdict(Some(Verdict::BasicallyMet)),
        ));
        spans.push(Span::styled(
            format!(" {} {}", sym.not_met, p.not_met),
            t.verdict(Some(Verdict::NotMet)),
        ));
        let top = Rect { height: 1, ..area };
        paint(&spans, top, buf);
        let per = (area.width as usize / groups.len().max(1)).max(12);
        let mut spans = Vec::with_capacity(groups.len() * 5);
        for (g, gp) in groups {
            let label = format!("{} ", g.code);
            let count = format!(" {}/{}", gp.assessed, gp.total).len();
            let bar = per.saturating_sub(label.len() + count + 2).clamp(3, 14);
            spans.push(Span::styled(label, t.style(Role::Key)));
            spans.extend(gauge_spans(gp.assessed, gp.total, bar, sym, t, Role::Key));
            spans.push(Span::raw("  "));
        }
        if area.height > 1 {
            let row = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            paint(&spans, row, buf);
        }
    }
}

/// The status line: the box being typed in (a criterion number, a search), else the
/// notice, else when the work was last saved, else where the data is.
pub struct StatusView<'a> {
    /// Digits typed after `:` on the Walk screen.
    pub jump: Option<&'a str>,
    /// The current screen's search box, if it has one.
    pub search: Option<&'a Search>,
    /// What the status line says (a notice, else how the saving stands), if anything.
    pub notice: Option<Notice>,
    /// A notice of its own is shown (not just the resting "saved at"): it goes over a
    /// search filter left on.
    pub notice_shown: bool,
    pub data_dir: &'a str,
    pub overlay_open: bool,
    pub look: &'a Look,
    pub lang: Lang,
    pub cursor: Cell<Option<Position>>,
}

impl StatusView<'_> {
    /// Rows it needs at this width: a notice longer than the line (the holder of a lock:
    /// machine and process come last) takes a second row rather than losing its end.
    pub fn rows(&self, width: u16) -> u16 {
        match &self.notice {
            Some(n) if self.notice_shown && n.text(self.lang).width() > width as usize => 2,
            _ => 1,
        }
    }

    /// A prompt and what is typed after it, the cursor at `col` columns into the text.
    fn prompt(
        &self,
        prompt: &str,
        typed: String,
        col: Option<usize>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let prompt = format!("{prompt}: ");
        if let Some(col) = col {
            let x = area.x + u16::try_from(prompt.width() + col).unwrap_or(0);
            self.cursor.set(Some(Position::new(x, area.y)));
        }
        Line::from(vec![
            Span::styled(prompt, self.look.theme.style(Role::Key)),
            Span::raw(typed),
        ])
        .render(area, buf);
    }
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let w = area.width as usize;
        if let Some(typed) = self.jump {
            let prompt = ui::jump_prompt(lang);
            self.prompt(prompt, typed.to_string(), Some(typed.len()), area, buf);
            return;
        }
        // A notice shows over a search filter left on; the box being typed in comes first.
        let notice = self.notice_shown;
        if let Some(search) = self
            .search
            .filter(|s| s.active || (!notice && !s.query().is_empty()))
        {
            let (shown, col) = search.input.view(w.saturating_sub(12));
            let col = (search.active && !self.overlay_open).then_some(col);
            self.prompt(ui::search(lang), shown, col, area, buf);
            return;
        }
        let (text, role) = match &self.notice {
            Some(n) => (n.text(lang), notice_role(n.kind())),
            None => (ui::data_dir_line(lang, self.data_dir), Role::Muted),
        };
        let text = plain(self.look.symbols.ascii, &text);
        let style = self.look.theme.style(role);
        let rows = wrap_clip(&text, w, area.height as usize, self.look.symbols.ellipsis);
        for (row, r) in area.rows().zip(rows) {
            paint(&[Span::styled(r, style)], row, buf);
        }
    }
}

/// The colour of a notice: a success never looks like an error.
fn notice_role(kind: NoticeKind) -> Role {
    match kind {
        NoticeKind::Error => Role::Error,
        NoticeKind::Warning => Role::Partial,
        NoticeKind::Success => Role::Ok,
        NoticeKind::Quiet => Role::Muted,
    }
}

/// The key hints of the current scope whose conditions hold, from the keymap; help (F1)
/// last, except under a dialog (whose keys are its own).
pub struct FooterView<'a> {
    pub scope: Scope,
    pub holds: &'a [keymap::When],
    pub overlay_open: bool,
    pub look: &'a Look,
    pub lang: Lang,
}

impl Widget for &FooterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.look.theme;
        let ascii = self.look.symbols.ascii;
        let hint = |b: &keymap::Binding| {
            let key = keymap::key_label(&b.keys[0], ascii);
            let desc = plain(ascii, ui::action_short(self.lang, b.action));
            let len = key.width() + desc.width() + 3;
            (key, desc, len)
        };
        let help = keymap::BINDINGS
            .iter()
            .find(|b| b.action == keymap::Action::Help)
            .filter(|_| !self.overlay_open)
            .map(hint);
        // The rest takes the room before help.
        let room = (area.width as usize + 2).saturating_sub(help.as_ref().map_or(0, |h| h.2));
        let mut spans = Vec::new();
        let mut used = 0;
        let rows = keymap::rows_when(self.scope, self.holds)
            .filter(|b| b.hint && b.action != keymap::Action::Help);
        for (key, desc, len) in rows.map(hint) {
            if used + len > room {
                continue;
            }
            used += len;
            spans.push(Span::styled(key, t.style(Role::Key)));
            spans.push(Span::styled(format!(" {desc}  "), t.style(Role::Muted)));
        }
        if let Some((key, desc, _)) = help {
            spans.push(Span::styled(key, t.style(Role::Key)));
            spans.push(Span::styled(format!(" {desc}  "), t.style(Role::Muted)));
        }
        paint(&spans, area, buf);
    }
}
