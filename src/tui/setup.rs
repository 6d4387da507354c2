//! Setup: the form for a new inspection (unit, place, date, team, kind, catalog).

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Effect, Outcome, Screen};
use super::input::LineInput;
use super::input::edit_line;
use super::keymap::{self, Action, Scope};
use super::theme::{Look, Role};
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
    let Screen::Setup(f) = &mut app.screen else {
        return Outcome::Ignored;
    };
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

/// What the Setup screen draws, borrowed from the state.
pub struct SetupView<'a> {
    pub form: &'a SetupForm,
    pub catalogs: &'a [crate::domain::Catalog],
    pub look: &'a Look,
    pub lang: Lang,
    /// An overlay is open on top: no cursor.
    pub overlay_open: bool,
    /// Where the terminal cursor goes, set while drawing the focused field.
    pub cursor: Cell<Option<Position>>,
}

impl Widget for &SetupView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let t = &self.look.theme;
        let sym = &self.look.symbols;
        let f = self.form;
        let block = panel(self.look, ui::setup_title(lang));
        let inner = block.inner(area);
        block.render(area, buf);
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
                if focused && !self.overlay_open {
                    let x = inner.x + u16::try_from(label_w + 2 + col).unwrap_or(0);
                    self.cursor.set(Some(Position::new(
                        x,
                        inner.y + u16::try_from(lines.len()).unwrap_or(0),
                    )));
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
                let name = self
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
        if let Some(c) = self.catalogs.get(f.catalog) {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                ui::catalog_line(lang, c),
                t.style(Role::Muted),
            ));
        }
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| super::widgets::plain_line(sym.ascii, l))
            .collect();
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
