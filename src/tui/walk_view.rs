//! Drawing the Walk screen: the criteria list with marks and group counts, and the form
//! of the selected criterion. [`WalkView`] borrows what it shows; `view::walk_view`
//! builds it from the state.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, HighlightSpacing, List, ListItem, ListState, StatefulWidget, Widget,
};
use unicode_width::UnicodeWidthStr;

use super::app::Session;
use super::editor::Editor;
use super::editor_view::TextAreaView;
use super::form::Field;
use super::theme::{Look, Role};
use super::widgets::{clip, paint, plain, wrap_clip, wrap_words};
use crate::domain::rule::{IndicatorValue, suggest};
use crate::domain::{Answer, Criterion, IndicatorKind, Lang, Progress};
use crate::i18n::{self, ui};

/// What the Walk screen body (below the gauges) draws, borrowed from the state.
pub struct WalkView<'a> {
    pub session: &'a Session,
    /// Catalog indices of the criteria the list shows (search and "unassessed only").
    pub visible: Vec<usize>,
    pub look: &'a Look,
    pub lang: Lang,
    /// An overlay is open on top: the form shows no cursor.
    pub overlay_open: bool,
    /// Where the terminal cursor goes, set while drawing the focused field.
    pub cursor: Cell<Option<Position>>,
}

/// Rows of `area` from the top, of the given heights; the one of height 0 takes what
/// the others leave (at least one row when there is room). Plain arithmetic: this runs on
/// every keystroke, where a constraint solver is not needed for fixed heights.
fn stack<const N: usize>(area: Rect, heights: [u16; N]) -> [Rect; N] {
    let fixed: u16 = heights.iter().sum();
    let flexible = area.height.saturating_sub(fixed);
    let mut y = area.y;
    heights.map(|h| {
        let h = if h == 0 { flexible } else { h };
        let h = h.min(area.bottom().saturating_sub(y));
        let r = Rect {
            y,
            height: h,
            ..area
        };
        y += h;
        r
    })
}

impl Widget for &WalkView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Two fifths of the width, no cap: a wider terminal shows more of each title.
        let left_w = (area.width * 2 / 5).max(30).min(area.width);
        let list_area = Rect {
            width: left_w,
            ..area
        };
        let form_area = Rect {
            x: area.x + left_w,
            width: area.width - left_w,
            ..area
        };
        self.render_list(list_area, buf);
        self.render_form(form_area, buf);
    }
}

/// The answer to show for a criterion not answered yet.
static NO_ANSWER: std::sync::LazyLock<Answer> = std::sync::LazyLock::new(Answer::default);

impl WalkView<'_> {
    /// The terminal cursor's place, when a field being typed in wants it (after drawing).
    pub fn cursor(&self) -> Option<Position> {
        self.cursor.get()
    }

    /// Rows of wrapped text from the top of `area`; when they do not all fit, the last one
    /// shown ends in the ellipsis.
    fn put_rows(&self, rows: &[&str], area: Rect, style: Style, buf: &mut Buffer) {
        let w = area.width as usize;
        let h = area.height as usize;
        let ellipsis = self.look.symbols.ellipsis;
        for (k, (row, y)) in rows.iter().zip(area.rows()).enumerate() {
            if k + 1 == h && rows.len() > h {
                let room = w.saturating_sub(ellipsis.width());
                let cut = format!("{}{ellipsis}", clip(row, room, "").trim_end());
                paint(&[Span::styled(cut, style)], y, buf);
            } else {
                paint(&[Span::styled(*row, style)], y, buf);
            }
        }
    }

    fn has_conflict(&self, code: &str) -> bool {
        self.session
            .inspection
            .conflicts
            .iter()
            .any(|c| c.criterion.as_deref() == Some(code))
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let s = self.session;
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let focused = s.form.focus.is_none();
        let block = Block::bordered()
            .border_set(sym.border)
            .border_style(t.style(if focused { Role::Focus } else { Role::Muted }))
            .title(Span::styled(
                if s.unassessed_only {
                    ui::criteria_title_unassessed(lang)
                } else {
                    ui::criteria_title(lang)
                },
                t.style(Role::Title),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let mut items: Vec<ListItem> = Vec::with_capacity(self.visible.len() + 4);
        let mut selected_line = 0;
        let mut index = 0;
        let mut vis = self.visible.iter().copied().peekable();
        for g in &s.catalog.groups {
            let group_start = index;
            index += g.criteria.len();
            // `visible` is in catalog order: this group's members come next.
            if vis.peek().is_none_or(|i| *i >= index) {
                continue;
            }
            let p = Progress::of_group(g, &s.inspection);
            let count = format!(" {}/{}", p.assessed, p.total);
            let head = clip(
                &format!("{}. {}", g.code, g.title.get(lang)),
                w.saturating_sub(count.len()),
                sym.ellipsis,
            );
            let pad = w
                .saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()) + count.len());
            items.push(ListItem::new(Line::from(vec![
                Span::styled(head, t.style(Role::Title)),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, t.style(Role::Muted)),
            ])));
            while let Some(i) = vis.next_if(|i| *i < index) {
                let c = &g.criteria[i - group_start];
                let is_sel = i == s.selected;
                if is_sel {
                    selected_line = items.len();
                }
                items.push(ListItem::new(self.criterion_line(c, is_sel, w)));
            }
        }
        if items.is_empty() {
            items.push(ListItem::new(Line::styled(
                ui::no_match(lang),
                t.style(Role::Muted),
            )));
        }
        // A List with its state keeps the selected criterion in view (no hand scroll math).
        let mut state = ListState::default().with_selected(Some(selected_line));
        let list = List::new(items).highlight_style(t.style(Role::Selected));
        StatefulWidget::render(list, inner, buf, &mut state);
    }

    /// One criterion of the list: pointer, mark (or a conflict), number and title.
    fn criterion_line(&self, c: &Criterion, is_sel: bool, w: usize) -> Line<'static> {
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let v = self
            .session
            .inspection
            .answer(&c.code)
            .and_then(|a| a.verdict);
        let text = clip(
            &format!("{:>2} {}", c.number, c.title.get(self.lang)),
            w.saturating_sub(4),
            sym.ellipsis,
        );
        let lead = if is_sel { sym.pointer } else { " " };
        let style = t.style(if is_sel { Role::Selected } else { Role::Normal });
        Line::from(vec![
            Span::styled(lead, style),
            if self.has_conflict(&c.code) {
                Span::styled("! ", t.style(Role::Error))
            } else {
                Span::styled(
                    format!("{} ", sym.mark(v)),
                    if is_sel { style } else { t.verdict(v) },
                )
            },
            // No padding: the List paints the selected row across its width.
            Span::styled(text, style),
        ])
    }

    fn render_form(&self, area: Rect, buf: &mut Buffer) {
        let s = self.session;
        let lang = self.lang;
        let c = s.criterion();
        // Borrowed, not cloned: this runs on every keystroke.
        let answer = s.inspection.answer(&c.code).unwrap_or(&NO_ANSWER);
        let focus = s.form.focused_field();
        let block = self.form_block(c, focus.is_some());
        let inner = block.inner(area);
        block.render(area, buf);
        let w = inner.width as usize;
        let suggestion = suggest(c, &answer.values);
        let n_ind = u16::try_from(c.indicators.len()).unwrap_or(u16::MAX);
        // The suggestion, or the focused field's error in its place (right under the field
        // being typed in), in at most two rows.
        let field_error = match focus {
            Some(Field::Indicator(i)) => s.form.errors.get(i).and_then(Option::as_ref),
            _ => None,
        };
        let sugg = match field_error {
            // Marked as a fault, not with the focus pointer (which marks the field above).
            Some(e) => Wrapped::new(format!("{} {e}", self.look.symbols.not_met), 0, w),
            None => {
                let label = format!("{}: ", i18n::label::suggested(lang));
                let text = plain(
                    self.look.symbols.ascii,
                    &ui::suggestion_line(lang, c, &suggestion),
                );
                Wrapped::new(format!("{label}{text}"), label.len(), w)
            }
        };
        let sugg_h = sugg.height().clamp(1, 2);
        let sh_h = if focus == Some(Field::Shortcomings) || answer.shortcomings.contains('\n') {
            2
        } else {
            1
        };
        // Up to three recommendations show at once; the list scrolls to the selected one.
        let rec_h = 1 + u16::try_from(answer.recommendations.len().min(3)).unwrap_or(3);
        let fixed = n_ind + sugg_h + 4 + sh_h + rec_h + 1;
        let free = inner.height.saturating_sub(fixed);
        // Title and guidance take the rows the fixed parts leave, the guidance as much of it
        // as fits, while the evidence area keeps at least one line. Each is wrapped once.
        let title = wrap_words(c.title.get(lang), w);
        let title_h = row_count(title.len())
            .min(2)
            .min(free.saturating_sub(1).max(1));
        // What an earlier visit left on this criterion comes first, above the guidance.
        let carried = carried_text(lang, answer);
        let carried_rows = carried
            .as_deref()
            .map(|k| wrap_words(k, w))
            .unwrap_or_default();
        let guide = wrap_words(c.guidance.get(lang), w);
        let guide_h = row_count(carried_rows.len() + guide.len()).min(free.saturating_sub(title_h));
        let [
            title_a,
            guide_a,
            ind_a,
            sugg_a,
            verdict_a,
            ev_label,
            ev_a,
            sh_label,
            sh_a,
            rec_a,
        ] = stack(
            inner,
            [title_h, guide_h, n_ind, sugg_h, 1, 1, 0, 1, sh_h, rec_h],
        );
        let t = &self.look.theme;
        self.put_rows(&title, title_a, t.style(Role::Title), buf);
        let carried_a = Rect {
            height: row_count(carried_rows.len()).min(guide_a.height),
            ..guide_a
        };
        self.put_rows(&carried_rows, carried_a, t.style(Role::Partial), buf);
        let guide_a = Rect {
            y: carried_a.bottom(),
            height: guide_a.height - carried_a.height,
            ..guide_a
        };
        self.put_rows(&guide, guide_a, t.style(Role::Muted), buf);
        for (i, row) in ind_a.rows().take(c.indicators.len()).enumerate() {
            self.render_indicator(answer, i, focus, row, buf);
        }
        let sugg_style = if field_error.is_some() {
            [t.style(Role::Error); 2]
        } else {
            [t.style(Role::Muted), t.verdict(suggestion.verdict)]
        };
        sugg.render(self, sugg_a, sugg_style, buf);
        self.render_verdict(answer, verdict_a, buf);
        let label = self.field_label(i18n::label::evidence(lang), Field::Evidence, focus);
        paint(&label.spans, ev_label, buf);
        self.render_area(&s.form.evidence, focus == Some(Field::Evidence), ev_a, buf);
        let label = self.field_label(i18n::label::shortcomings(lang), Field::Shortcomings, focus);
        paint(&label.spans, sh_label, buf);
        self.render_area(
            &s.form.shortcomings,
            focus == Some(Field::Shortcomings),
            sh_a,
            buf,
        );
        self.render_recs(answer, focus, rec_a, buf);
    }

    /// A field's label, with the pointer when it has the focus.
    fn field_label(&self, text: &str, f: Field, focus: Option<Field>) -> Line<'static> {
        let t = &self.look.theme;
        let focused = focus == Some(f);
        Line::from(Span::styled(
            format!(
                "{}{text}",
                if focused {
                    self.look.symbols.pointer
                } else {
                    " "
                }
            ),
            t.style(if focused { Role::Focus } else { Role::Normal }),
        ))
    }

    /// One indicator row of the form: its label and its value (a mark, a choice, or a
    /// field being typed in, with the cursor).
    fn render_indicator(
        &self,
        answer: &Answer,
        i: usize,
        focus: Option<Field>,
        row: Rect,
        buf: &mut Buffer,
    ) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let c = self.session.criterion();
        let Some(ind) = c.indicators.get(i) else {
            return;
        };
        let w = row.width as usize;
        let focused = focus == Some(Field::Indicator(i));
        let lead = if focused { sym.pointer } else { " " };
        let value = answer.values.get(&ind.id);
        let label_style = t.style(if focused { Role::Focus } else { Role::Normal });
        let mut spans = vec![Span::styled(lead, label_style)];
        let shown = match ind.kind {
            IndicatorKind::Check => match value {
                Some(IndicatorValue::Check(true)) => {
                    format!("{} {}", sym.check_on, i18n::yes_no(lang, true))
                }
                Some(IndicatorValue::Check(false)) => {
                    format!("{} {}", sym.check_off, i18n::yes_no(lang, false))
                }
                Some(IndicatorValue::NotApplicable) => {
                    format!("[{}]", i18n::programme::not_applicable(lang))
                }
                _ => "[?]".to_string(),
            },
            IndicatorKind::Choice => {
                let chosen = match value {
                    Some(IndicatorValue::Choice(id)) => ind
                        .options
                        .iter()
                        .find(|o| &o.id == id)
                        .map_or(id.as_str(), |o| o.label.get(lang)),
                    Some(IndicatorValue::NotApplicable) => i18n::programme::not_applicable(lang),
                    _ => "?",
                };
                format!("< {chosen} >")
            }
            _ => {
                self.typed_spans(i, value, focused, row, &mut spans);
                paint(&spans, row, buf);
                return;
            }
        };
        let label = clip(
            ind.label.get(lang),
            w.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()) + 3),
            sym.ellipsis,
        );
        spans.push(Span::styled(format!("{label}: "), label_style));
        spans.push(Span::styled(shown, t.style(Role::Key)));
        paint(&spans, row, buf);
    }

    /// The verdict line: the verdict, then the reason for an override or the keys.
    fn render_verdict(&self, answer: &Answer, verdict_a: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let w = verdict_a.width as usize;
        let mut vline = vec![
            Span::styled(
                format!("{}: ", ui::verdict_label(lang)),
                t.style(Role::Normal),
            ),
            Span::styled(
                format!(
                    "{} {}",
                    sym.mark(answer.verdict),
                    i18n::verdict(lang, answer.verdict)
                ),
                t.verdict(answer.verdict)
                    .add_modifier(ratatui::style::Modifier::BOLD),
            ),
        ];
        let used: usize = vline.iter().map(Span::width).sum();
        // The reason, or the key hint, is clipped with a mark, never cut mid-word silently.
        let rest = match &answer.override_reason {
            Some(r) => format!(
                "  {}: {}",
                i18n::label::reason(lang),
                crate::domain::escape::for_terminal_line(r)
            ),
            None => ui::verdict_keys(lang).to_string(),
        };
        vline.push(Span::styled(
            clip(&rest, w.saturating_sub(used), sym.ellipsis),
            t.style(Role::Muted),
        ));
        paint(&vline, verdict_a, buf);
    }

    /// The recommendations: a heading with the keys, and a List of up to three, the
    /// selected one marked.
    fn render_recs(&self, answer: &Answer, focus: Option<Field>, rec_a: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let w = rec_a.width as usize;
        let rec_focus = focus == Some(Field::Recommendations);
        let head = clip(
            &format!(
                "{} ({}){}",
                i18n::label::recommendations(lang),
                answer.recommendations.len(),
                if rec_focus { ui::rec_keys(lang) } else { "" }
            ),
            w.saturating_sub(1),
            sym.ellipsis,
        );
        let [head_a, list_a] = stack(rec_a, [1, 0]);
        let label = self.field_label(&head, Field::Recommendations, focus);
        paint(&label.spans, head_a, buf);
        if answer.recommendations.is_empty() {
            return;
        }
        let items: Vec<ListItem> = answer
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                ListItem::new(clip(
                    &plain(sym.ascii, &rec_text(lang, i, r)),
                    w.saturating_sub(2),
                    sym.ellipsis,
                ))
            })
            .collect();
        let mut state = ListState::default()
            .with_selected(Some(self.session.form.rec_selected.min(items.len() - 1)));
        let list = List::new(items)
            .highlight_symbol(Line::from(if rec_focus { sym.pointer } else { " " }))
            .highlight_spacing(HighlightSpacing::Always)
            .highlight_style(t.style(if rec_focus {
                Role::Selected
            } else {
                Role::Normal
            }));
        StatefulWidget::render(list, list_a, buf, &mut state);
    }

    /// Evidence or shortcomings: the text area while typing, else the text wrapped, its
    /// end replaced by an ellipsis when it does not fit.
    fn render_area(&self, area: &Editor, focused: bool, rect: Rect, buf: &mut Buffer) {
        let t = &self.look.theme;
        let inner = Rect {
            x: rect.x + 2,
            width: rect.width.saturating_sub(2),
            ..rect
        };
        if focused {
            TextAreaView {
                editor: area,
                cursor_style: t.style(Role::Selected),
            }
            .render(inner, buf);
            return;
        }
        let text = area.text();
        if text.trim().is_empty() {
            paint(
                &[Span::styled(
                    ui::empty_field(self.lang),
                    t.style(Role::Muted),
                )],
                inner,
                buf,
            );
            return;
        }
        // What does not fit ends in an ellipsis, so a cut is never silent.
        let rows = wrap_clip(
            &crate::domain::escape::for_terminal(text),
            inner.width as usize,
            inner.height as usize,
            self.look.symbols.ellipsis,
        );
        for (row, r) in inner.rows().zip(rows) {
            Line::raw(r).render(row, buf);
        }
    }

    /// The form's frame: the criterion's number and code, and a conflict note.
    fn form_block(&self, c: &Criterion, focused: bool) -> Block<'static> {
        let t = &self.look.theme;
        let block = Block::bordered()
            .border_set(self.look.symbols.border)
            .border_style(t.style(if focused { Role::Focus } else { Role::Muted }))
            .title(Span::styled(
                format!(" {}. [{}] ", c.number, c.code),
                t.style(Role::Title),
            ));
        if self.has_conflict(&c.code) {
            block.title(Span::styled(
                i18n::sync::console::criterion_note(self.lang),
                t.style(Role::Error),
            ))
        } else {
            block
        }
    }

    /// A count, ratio or text indicator: its label, the typed field, and the percentage
    /// or the error after it; the cursor when the field is focused.
    fn typed_spans(
        &self,
        i: usize,
        value: Option<&IndicatorValue>,
        focused: bool,
        row: Rect,
        spans: &mut Vec<Span<'_>>,
    ) {
        let s = self.session;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let w = row.width as usize;
        let Some(ind) = s.criterion().indicators.get(i) else {
            return;
        };
        let label_style = t.style(if focused { Role::Focus } else { Role::Normal });
        let input = s.form.inputs.get(i).and_then(Option::as_ref);
        let error = s.form.errors.get(i).and_then(Option::as_ref);
        let extra = match (error, value) {
            (Some(e), _) => format!(" {e}"),
            (
                None,
                Some(IndicatorValue::Ratio {
                    numerator,
                    denominator,
                }),
            ) if *denominator > 0 => {
                format!(" = {:.0}%", *numerator as f64 * 100.0 / *denominator as f64)
            }
            _ => String::new(),
        };
        let label = clip(
            ind.label.get(self.lang),
            (w * 3 / 5).saturating_sub(2),
            sym.ellipsis,
        );
        let label_w = unicode_width::UnicodeWidthStr::width(label.as_str()) + 2;
        let field_w = if ind.kind == IndicatorKind::Text {
            w.saturating_sub(label_w + 3).max(4)
        } else {
            9.min(w.saturating_sub(label_w + 3)).max(4)
        };
        spans.push(Span::styled(format!("{label}: "), label_style));
        let (shown, col) = input.map(|inp| inp.view(field_w)).unwrap_or_default();
        spans.push(Span::styled(
            format!("[{shown:<field_w$}]"),
            t.style(if focused { Role::Focus } else { Role::Key }),
        ));
        if !extra.is_empty() {
            let role = if error.is_some() {
                Role::Error
            } else {
                Role::Muted
            };
            let room = w.saturating_sub(label_w + field_w + 3);
            spans.push(Span::styled(
                clip(&extra, room, sym.ellipsis),
                t.style(role),
            ));
        }
        if focused && !self.overlay_open {
            let x = row.x + 1 + u16::try_from(label_w + 1 + col).unwrap_or(0);
            self.cursor.set(Some(Position::new(
                x.min(row.right().saturating_sub(1)),
                row.y,
            )));
        }
    }
}

/// One recommendation as a line: number, carried mark, action, owner, due date.
fn rec_text(lang: Lang, i: usize, r: &crate::domain::Recommendation) -> String {
    let mut text = format!(" {}. {}", i + 1, r.action);
    if !r.carried_from.is_empty() {
        // Carried from the earlier visit: say so first, with how far it has come.
        text = format!(
            " {}. ({}, {}) {}",
            i + 1,
            i18n::programme::carried_mark(lang),
            i18n::programme::action_status(lang, r.status),
            r.action
        );
    }
    if !r.owner.is_empty() {
        text.push_str(&format!(" — {}", r.owner));
    }
    if let Some(d) = r.due {
        text.push_str(&format!(", {}", super::overlays::facts::show_date(lang, d)));
    }
    crate::domain::escape::for_terminal_line(&text).to_string()
}

/// What an earlier visit left on this criterion, as one line (shown above the guidance).
fn carried_text(lang: Lang, answer: &Answer) -> Option<String> {
    answer.carried.as_ref().map(|k| {
        let date = k.date.map(|d| d.to_string()).unwrap_or_default();
        let what = if k.shortcomings.is_empty() {
            String::new()
        } else {
            format!(
                " {}",
                crate::domain::escape::for_terminal_line(&k.shortcomings)
            )
        };
        format!("{}{what}", i18n::programme::carried_label(lang, &date))
    })
}

/// Rows as a height.
fn row_count(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A text wrapped once, its first `prefix` bytes (a label) drawn in their own style.
struct Wrapped {
    text: String,
    prefix: usize,
    /// Byte ranges of the rows in `text`.
    rows: Vec<std::ops::Range<usize>>,
}

impl Wrapped {
    fn new(text: String, prefix: usize, width: usize) -> Wrapped {
        let base = text.as_ptr() as usize;
        let rows = wrap_words(&text, width)
            .into_iter()
            .map(|r| {
                let at = r.as_ptr() as usize - base;
                at..at + r.len()
            })
            .collect();
        Wrapped { text, prefix, rows }
    }

    fn height(&self) -> u16 {
        row_count(self.rows.len())
    }

    fn render(
        &self,
        view: &WalkView,
        area: Rect,
        [prefix_style, style]: [Style; 2],
        buf: &mut Buffer,
    ) {
        let rows: Vec<&str> = self.rows.iter().map(|r| &self.text[r.clone()]).collect();
        view.put_rows(&rows, area, style, buf);
        // The label's cells, in their style (it is never cut: rows are wider than it).
        if let Some(first) = self.rows.first().filter(|r| r.start < self.prefix) {
            let cols = self.text[first.start..self.prefix.min(first.end)].width();
            let cells = Rect {
                width: row_count(cols).min(area.width),
                height: area.height.min(1),
                ..area
            };
            buf.set_style(cells, prefix_style);
        }
    }
}
