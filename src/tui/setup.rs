//! Setup: the form for a new inspection (unit, place, date, team, kind, catalog).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Effect, Outcome, Screen};
use super::input::LineInput;
use super::input::edit_line;
use super::keymap::{self, Action, Scope};
use super::theme::Role;
use super::widgets::{clip, panel};
use crate::domain::Lang;
use crate::domain::inspection::{InspectionKind, NewInspection, Team, Unit};
use crate::i18n::{self, ui};

/// The text fields, in order; then come the kind and the catalog.
pub const TEXT_FIELDS: usize = 7;
const UNIT: usize = 0;
const DATE: usize = 4;
const MEMBERS: usize = 6;
const KIND: usize = 7;
const CATALOG: usize = 8;

#[derive(Debug, Clone)]
pub struct SetupForm {
    pub inputs: Vec<LineInput>,
    pub self_assessment: bool,
    pub catalog: usize,
    pub catalogs: usize,
    pub focus: usize,
    pub error: Option<(usize, String)>,
}

impl SetupForm {
    pub fn new(_lang: Lang, catalogs: usize) -> SetupForm {
        SetupForm {
            inputs: vec![LineInput::default(); TEXT_FIELDS],
            self_assessment: false,
            catalog: 0,
            catalogs,
            focus: 0,
            error: None,
        }
    }

    /// The facts for a new inspection, or the field that is wrong and why.
    pub fn facts(&self, lang: Lang) -> Result<NewInspection, (usize, String)> {
        let get = |i: usize| self.inputs[i].text().trim().to_string();
        if get(UNIT).is_empty() {
            return Err((UNIT, ui::required(lang).into()));
        }
        let date = match get(DATE) {
            d if d.is_empty() => None,
            d => Some(d.parse().map_err(|_| (DATE, i18n::bad_date(lang, &d)))?),
        };
        Ok(NewInspection {
            unit: Unit {
                name: get(UNIT),
                ward: get(1),
                // Districts ended in July 2025: what is typed here is a former district.
                former_district: get(2),
                province: get(3),
                ..Unit::default()
            },
            kind: if self.self_assessment {
                InspectionKind::SelfAssessment
            } else {
                InspectionKind::Inspection
            },
            team: Team {
                leader: get(5),
                members: get(MEMBERS)
                    .split([',', ';'])
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect(),
                ..Team::default()
            },
            date,
        })
    }
}

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Outcome {
    let lang = app.lang;
    let f = &mut app.setup;
    let fields = CATALOG + 1;
    // Text fields take printable keys first.
    if f.focus < TEXT_FIELDS && edit_line(&mut f.inputs[f.focus], ev) {
        f.error = None;
        return Outcome::Consumed(vec![]);
    }
    match keymap::lookup(Scope::Setup, ev) {
        Some(Action::NextField) => f.focus = (f.focus + 1) % fields,
        Some(Action::PrevField) => f.focus = (f.focus + fields - 1) % fields,
        Some(Action::Toggle) if f.focus == KIND => f.self_assessment = !f.self_assessment,
        Some(Action::Toggle) if f.focus == CATALOG => {
            f.catalog = (f.catalog + 1) % f.catalogs.max(1)
        }
        Some(Action::Back) => app.screen = Screen::Home,
        Some(Action::Create) => match f.facts(lang) {
            Ok(facts) => {
                return Outcome::Consumed(vec![Effect::Create(Box::new(facts), f.catalog)]);
            }
            Err((field, msg)) => {
                f.focus = field;
                f.error = Some((field, msg));
            }
        },
        _ => return Outcome::Ignored,
    }
    Outcome::Consumed(vec![])
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let t = &app.look.theme;
    let sym = &app.look.symbols;
    let f = &app.setup;
    let block = panel(&app.look, ui::setup_title(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let labels = ui::setup_labels(lang);
    let label_w = 22usize;
    let field_w = (inner.width as usize).saturating_sub(label_w + 3).min(50);
    let mut lines: Vec<Line> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let focused = f.focus == i;
        let lead = if focused { sym.pointer } else { " " };
        let lstyle = t.style(if focused { Role::Focus } else { Role::Normal });
        let value: Span = if i < TEXT_FIELDS {
            let (shown, col) = f.inputs[i].view(field_w);
            if focused && app.overlay.is_none() {
                let x = inner.x + u16::try_from(label_w + 2 + col).unwrap_or(0);
                frame.set_cursor_position((x, inner.y + u16::try_from(lines.len()).unwrap_or(0)));
            }
            let shown = if shown.is_empty() && !focused {
                ui::setup_placeholder(lang, i).to_string()
            } else {
                shown
            };
            Span::styled(
                format!("{shown:<field_w$}"),
                t.style(if focused { Role::Focus } else { Role::Key }),
            )
        } else if i == KIND {
            Span::styled(
                format!(
                    "< {} >",
                    i18n::kind(
                        lang,
                        if f.self_assessment {
                            InspectionKind::SelfAssessment
                        } else {
                            InspectionKind::Inspection
                        }
                    )
                ),
                t.style(Role::Key),
            )
        } else {
            let name = app
                .catalogs
                .get(f.catalog)
                .map(|c| format!("{} ({} {})", c.title.get(lang), c.id, c.version))
                .unwrap_or_default();
            Span::styled(
                format!(
                    "< {} >",
                    clip(&name, field_w.saturating_sub(4), sym.ellipsis)
                ),
                t.style(Role::Key),
            )
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{lead}{label:<w$} ", w = label_w), lstyle),
            value,
        ]));
        if let Some((field, msg)) = &f.error
            && *field == i
        {
            lines.push(Line::from(Span::styled(
                format!("{:w$}{msg}", "", w = label_w + 2),
                t.style(Role::Error),
            )));
        }
    }
    lines.push(Line::raw(""));
    for l in ui::setup_help(lang) {
        lines.push(Line::styled(l, t.style(Role::Muted)));
    }
    if let Some(c) = app.catalogs.get(f.catalog) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            ui::catalog_line(lang, c),
            t.style(Role::Muted),
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
