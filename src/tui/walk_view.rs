//! Drawing the Walk screen: the criteria list with marks and group counts, and the form
//! of the selected criterion.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Session};
use super::form::Field;
use super::theme::Role;
use super::walk::visible;
use super::widgets::{clip, wrapped_lines};
use crate::domain::rule::{IndicatorValue, suggest};
use crate::domain::{IndicatorKind, Progress};
use crate::i18n::{self, ui};

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

/// The Walk screen body (below the gauges).
pub fn render(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    // Two fifths of the width, no cap: a wider terminal shows more of each title.
    let left_w = (area.width * 2 / 5).max(30);
    let [list_area, form_area] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    render_list(app, s, frame, list_area);
    render_form(app, s, frame, form_area);
}

fn render_list(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let focused = s.form.focus.is_none();
    let block = Block::bordered()
        .border_set(sym.border)
        .border_style(t.style(if focused { Role::Focus } else { Role::Muted }))
        .title(Span::styled(
            if s.unassessed_only {
                ui::criteria_title_unassessed(app.lang)
            } else {
                ui::criteria_title(app.lang)
            },
            t.style(Role::Title),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let vis = visible(s);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut index = 0;
    for g in &s.catalog.groups {
        let p = Progress::of_group(g, &s.inspection);
        let group_start = index;
        index += g.criteria.len();
        let members: Vec<usize> = (group_start..index).filter(|i| vis.contains(i)).collect();
        if members.is_empty() {
            continue;
        }
        let count = format!(" {}/{}", p.assessed, p.total);
        let head = clip(
            &format!("{}. {}", g.code, g.title.get(app.lang)),
            w.saturating_sub(count.len()),
            sym.ellipsis,
        );
        let pad =
            w.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()) + count.len());
        lines.push(Line::from(vec![
            Span::styled(head, t.style(Role::Title)),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, t.style(Role::Muted)),
        ]));
        for i in members {
            let c = &g.criteria[i - group_start];
            let v = s.inspection.answer(&c.code).and_then(|a| a.verdict);
            let is_sel = i == s.selected;
            if is_sel {
                selected_line = lines.len();
            }
            let text = clip(
                &format!("{:>2} {}", c.number, c.title.get(app.lang)),
                w.saturating_sub(4),
                sym.ellipsis,
            );
            let lead = if is_sel { sym.pointer } else { " " };
            let style = if is_sel {
                t.style(Role::Selected)
            } else {
                t.style(Role::Normal)
            };
            lines.push(Line::from(vec![
                Span::styled(lead.to_string(), style),
                if super::conflict::criterion_has(app, &c.code) {
                    Span::styled("! ", t.style(Role::Error))
                } else {
                    Span::styled(
                        format!("{} ", sym.mark(v)),
                        if is_sel { style } else { t.verdict(v) },
                    )
                },
                // No padding: the List paints the selected row across its width.
                Span::styled(text, style),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(ui::no_match(app.lang), t.style(Role::Muted)));
    }
    // A List with its state keeps the selected criterion in view (no hand scroll math).
    let mut state = ratatui::widgets::ListState::default().with_selected(Some(selected_line));
    let list = ratatui::widgets::List::new(lines).highlight_style(t.style(Role::Selected));
    ratatui::widgets::StatefulWidget::render(list, inner, frame.buffer_mut(), &mut state);
}

fn render_form(app: &App, s: &Session, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let c = s.criterion();
    // Borrowed, not cloned: this runs on every keystroke.
    let empty;
    let answer = match s.inspection.answer(&c.code) {
        Some(a) => a,
        None => {
            empty = crate::domain::Answer::default();
            &empty
        }
    };
    let focus = s.form.focused_field();
    let block = form_block(app, c, focus.is_some());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let suggestion = suggest(c, &answer.values);
    let n_ind = c.indicators.len() as u16;
    // Title and guidance take the rows the fixed parts leave, the guidance as much of it as
    // fits, while the evidence area keeps at least one line.
    let sugg = super::widgets::plain(sym.ascii, &ui::suggestion_line(lang, c, &suggestion));
    let sugg_h = wrapped_lines(&format!("{}: {sugg}", i18n::label::suggested(lang)), w).clamp(1, 2);
    let sh_h = if focus == Some(Field::Shortcomings) || answer.shortcomings.contains('\n') {
        2
    } else {
        1
    };
    // Up to three recommendations show at once; the list scrolls to the selected one.
    let rec_h = 1 + u16::try_from(answer.recommendations.len().min(3)).unwrap_or(3);
    let fixed = n_ind + sugg_h + 4 + sh_h + rec_h + 1;
    let free = inner.height.saturating_sub(fixed);
    let title_h = wrapped_lines(c.title.get(lang), w)
        .min(2)
        .min(free.saturating_sub(1).max(1));
    // What an earlier visit left on this criterion comes first, above the guidance.
    let carried = carried_text(lang, answer);
    let carried_h = carried.as_deref().map_or(0, |k| wrapped_lines(k, w));
    let guide_h =
        (carried_h + wrapped_lines(c.guidance.get(lang), w)).min(free.saturating_sub(title_h));
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
    render_title_and_guide(app, c, carried, [title_a, guide_a], frame);
    for i in 0..c.indicators.len() {
        let Some(row) = ind_a.rows().nth(i) else {
            break;
        };
        render_indicator(app, s, answer, i, focus, row, frame);
    }
    render_verdict(
        app,
        (&suggestion, &sugg),
        answer,
        focus,
        s,
        [sugg_a, verdict_a],
        frame,
    );
    let label = |text: &str, f: Field| {
        let focused = focus == Some(f);
        Line::from(Span::styled(
            format!("{}{text}", if focused { sym.pointer } else { " " }),
            t.style(if focused { Role::Focus } else { Role::Normal }),
        ))
    };
    frame.render_widget(
        label(i18n::label::evidence(lang), Field::Evidence),
        ev_label,
    );
    render_area(
        app,
        &s.form.evidence,
        focus == Some(Field::Evidence),
        frame,
        ev_a,
    );
    frame.render_widget(
        label(i18n::label::shortcomings(lang), Field::Shortcomings),
        sh_label,
    );
    render_area(
        app,
        &s.form.shortcomings,
        focus == Some(Field::Shortcomings),
        frame,
        sh_a,
    );
    render_recs(app, s, answer, focus, rec_a, frame);
}

/// One indicator row of the form: its label and its value (a mark, a choice, or a field
/// being typed in, with the cursor).
fn render_indicator(
    app: &App,
    s: &Session,
    answer: &crate::domain::Answer,
    i: usize,
    focus: Option<Field>,
    row: Rect,
    frame: &mut Frame,
) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let c = s.criterion();
    let Some(ind) = c.indicators.get(i) else {
        return;
    };
    let w = row.width as usize;
    let focused = focus == Some(Field::Indicator(i));
    let lead = if focused { sym.pointer } else { " " };
    let value = answer.values.get(&ind.id);
    let label_style = t.style(if focused { Role::Focus } else { Role::Normal });
    let mut spans = vec![Span::styled(lead.to_string(), label_style)];
    match ind.kind {
        IndicatorKind::Check => {
            let mark = match value {
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
            };
            let label = clip(
                ind.label.get(lang),
                w.saturating_sub(mark.len() + 3),
                sym.ellipsis,
            );
            spans.push(Span::styled(format!("{label}: "), label_style));
            spans.push(Span::styled(mark, t.style(Role::Key)));
        }
        IndicatorKind::Choice => {
            let chosen = match value {
                Some(IndicatorValue::Choice(id)) => ind
                    .options
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| o.label.get(lang).to_string())
                    .unwrap_or_else(|| id.clone()),
                Some(IndicatorValue::NotApplicable) => {
                    i18n::programme::not_applicable(lang).to_string()
                }
                _ => "?".to_string(),
            };
            let shown = format!("< {chosen} >");
            let label = clip(
                ind.label.get(lang),
                w.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()) + 3),
                sym.ellipsis,
            );
            spans.push(Span::styled(format!("{label}: "), label_style));
            spans.push(Span::styled(shown, t.style(Role::Key)));
        }
        _ => typed_spans(app, s, i, value, focused, row, &mut spans, frame),
    }
    frame.render_widget(Line::from(spans), row);
}

/// The suggestion (or the focused field's error in its place) and the verdict line.
fn render_verdict(
    app: &App,
    (suggestion, sugg): (&crate::domain::rule::Suggestion, &str),
    answer: &crate::domain::Answer,
    focus: Option<Field>,
    s: &Session,
    [sugg_a, verdict_a]: [Rect; 2],
    frame: &mut Frame,
) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let w = verdict_a.width as usize;
    let field_error = match focus {
        Some(Field::Indicator(i)) => s.form.errors.get(i).cloned().flatten(),
        _ => None,
    };
    if let Some(e) = field_error {
        // Right under the field being typed in, in place of the suggestion.
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{} {e}", sym.pointer),
                t.style(Role::Error),
            ))
            .wrap(Wrap { trim: true }),
            sugg_a,
        );
    } else {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{}: ", i18n::label::suggested(lang)),
                    t.style(Role::Muted),
                ),
                Span::styled(sugg, t.verdict(suggestion.verdict)),
            ]))
            .wrap(Wrap { trim: true }),
            sugg_a,
        );
    }
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
    if let Some(r) = &answer.override_reason {
        let used: usize = vline.iter().map(Span::width).sum();
        let reason = format!(
            "  {}: {}",
            i18n::label::reason(lang),
            crate::domain::escape::for_terminal_line(r)
        );
        vline.push(Span::styled(
            clip(&reason, w.saturating_sub(used), sym.ellipsis),
            t.style(Role::Muted),
        ));
    } else {
        // The key hint is clipped like the reason, never cut mid-word without a mark.
        let used: usize = vline.iter().map(Span::width).sum();
        vline.push(Span::styled(
            clip(ui::verdict_keys(lang), w.saturating_sub(used), sym.ellipsis),
            t.style(Role::Muted),
        ));
    }
    frame.render_widget(Line::from(vline), verdict_a);
}

/// The recommendations: a heading with the keys, and a List of up to three, the selected
/// one marked.
fn render_recs(
    app: &App,
    s: &Session,
    answer: &crate::domain::Answer,
    focus: Option<Field>,
    rec_a: Rect,
    frame: &mut Frame,
) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let w = rec_a.width as usize;
    let label = |text: &str, f: Field| {
        let focused = focus == Some(f);
        Line::from(Span::styled(
            format!("{}{text}", if focused { sym.pointer } else { " " }),
            t.style(if focused { Role::Focus } else { Role::Normal }),
        ))
    };
    let rec_focus = focus == Some(Field::Recommendations);
    let rec_lines = vec![label(
        &clip(
            &format!(
                "{} ({}){}",
                i18n::label::recommendations(lang),
                answer.recommendations.len(),
                if rec_focus { ui::rec_keys(lang) } else { "" }
            ),
            w.saturating_sub(1),
            sym.ellipsis,
        ),
        Field::Recommendations,
    )];
    let items: Vec<ratatui::widgets::ListItem> = answer
        .recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            ratatui::widgets::ListItem::new(clip(
                &super::widgets::plain(sym.ascii, &rec_text(lang, i, r)),
                w.saturating_sub(2),
                sym.ellipsis,
            ))
        })
        .collect();
    let [head_a, list_a] = stack(rec_a, [1, 0]);
    frame.render_widget(Paragraph::new(rec_lines), head_a);
    let mut state = ratatui::widgets::ListState::default();
    if !items.is_empty() {
        state.select(Some(s.form.rec_selected.min(items.len() - 1)));
    }
    let list = ratatui::widgets::List::new(items)
        .highlight_symbol(if rec_focus { sym.pointer } else { " " })
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
        .highlight_style(if rec_focus {
            t.style(Role::Selected)
        } else {
            t.style(Role::Normal)
        });
    ratatui::widgets::StatefulWidget::render(list, list_a, frame.buffer_mut(), &mut state);
}

/// One recommendation as a line: number, carried mark, action, owner, due date.
fn rec_text(lang: crate::domain::Lang, i: usize, r: &crate::domain::Recommendation) -> String {
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

fn render_area(
    app: &App,
    area: &ratatui_textarea::TextArea<'static>,
    focused: bool,
    frame: &mut Frame,
    rect: Rect,
) {
    let t = &app.look.theme;
    let inner = Rect {
        x: rect.x + 2,
        width: rect.width.saturating_sub(2),
        ..rect
    };
    if focused {
        let mut a = area.clone();
        a.set_cursor_line_style(ratatui::style::Style::new());
        a.set_cursor_style(t.style(Role::Selected));
        frame.render_widget(&a, inner);
    } else {
        let text = area.lines().join("\n");
        let shown = if text.trim().is_empty() {
            Paragraph::new(Span::styled(
                ui::empty_field(app.lang),
                t.style(Role::Muted),
            ))
        } else {
            // What does not fit ends in an ellipsis, so a cut is never silent.
            let rows = super::widgets::wrap_clip(
                &crate::domain::escape::for_terminal(&text),
                inner.width as usize,
                inner.height as usize,
                app.look.symbols.ellipsis,
            );
            Paragraph::new(rows.into_iter().map(Line::raw).collect::<Vec<_>>())
        };
        frame.render_widget(shown, inner);
    }
}

/// The form's frame: the criterion's number and code, and a conflict note.
fn form_block<'a>(app: &App, c: &crate::domain::Criterion, focused: bool) -> Block<'a> {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let focus = focused.then_some(());
    Block::bordered()
        .border_set(sym.border)
        .border_style(t.style(if focus.is_some() {
            Role::Focus
        } else {
            Role::Muted
        }))
        .title(Span::styled(
            format!(" {}. [{}] ", c.number, c.code),
            t.style(Role::Title),
        ))
        .title(if super::conflict::criterion_has(app, &c.code) {
            Span::styled(
                i18n::sync::console::criterion_note(lang),
                t.style(Role::Error),
            )
        } else {
            Span::raw("")
        })
}

/// What an earlier visit left on this criterion, as one line (shown above the guidance).
fn carried_text(lang: crate::domain::Lang, answer: &crate::domain::Answer) -> Option<String> {
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

/// A count, ratio or text indicator: its label, the typed field, and the percentage or
/// the error after it; the cursor when the field is focused.
#[allow(clippy::too_many_arguments)]
fn typed_spans(
    app: &App,
    s: &Session,
    i: usize,
    value: Option<&IndicatorValue>,
    focused: bool,
    row: Rect,
    spans: &mut Vec<Span<'static>>,
    frame: &mut Frame,
) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
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
        ind.label.get(lang),
        (w * 3 / 5).saturating_sub(2),
        sym.ellipsis,
    );
    let used = unicode_width::UnicodeWidthStr::width(label.as_str()) + 5;
    let field_w = if ind.kind == IndicatorKind::Text {
        w.saturating_sub(used).max(4)
    } else {
        9.min(w.saturating_sub(used)).max(4)
    };
    let label_w = unicode_width::UnicodeWidthStr::width(label.as_str()) + 2;
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
    if focused && app.overlay.is_none() {
        let x = row.x + 1 + u16::try_from(label_w + 1 + col).unwrap_or(0);
        frame.set_cursor_position((x.min(row.right().saturating_sub(1)), row.y));
    }
}

/// The criterion's title, and the guidance under what an earlier visit left.
fn render_title_and_guide(
    app: &App,
    c: &crate::domain::Criterion,
    carried: Option<String>,
    [title_a, guide_a]: [Rect; 2],
    frame: &mut Frame,
) {
    let lang = app.lang;
    let t = &app.look.theme;
    frame.render_widget(
        Paragraph::new(c.title.get(lang))
            .style(t.style(Role::Title))
            .wrap(Wrap { trim: true }),
        title_a,
    );
    let mut guide_lines = Vec::new();
    if let Some(k) = carried {
        guide_lines.push(Line::styled(k, t.style(Role::Partial)));
    }
    guide_lines.push(Line::styled(c.guidance.get(lang), t.style(Role::Muted)));
    frame.render_widget(
        Paragraph::new(guide_lines).wrap(Wrap { trim: true }),
        guide_a,
    );
}
