//! The export dialog: the format (Tab) and the file; Enter writes it.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

use super::Dialog;
use super::dialog::DialogView;
use crate::domain::Lang;
use crate::i18n::ui;
use crate::tui::app::{App, Effect, Overlay};
use crate::tui::input::{LineInput, edit_line};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::{Look, Role};

pub const FORMATS: [&str; 4] = ["html", "md", "csv", "json"];

#[derive(Debug, Clone)]
pub struct Export {
    /// Index into `FORMATS`.
    pub format: usize,
    pub path: LineInput,
    pub error: Option<String>,
}

impl Export {
    pub fn new(data_dir: &str, i: &crate::domain::Inspection) -> Export {
        Export {
            format: 0,
            path: LineInput::new(&export_path(data_dir, i, FORMATS[0])),
            error: None,
        }
    }

    /// The format, the file, any error, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> DialogView<'a> {
        let t = &look.theme;
        let (shown, col) = self.path.view(60);
        let mut lines = vec![
            Line::from(vec![
                Span::raw(format!("{}: ", ui::format_label(lang))),
                Span::styled(format!("< {} >", FORMATS[self.format]), t.style(Role::Key)),
            ]),
            Line::raw(ui::export_path_label(lang)),
            Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
        ];
        if let Some(e) = &self.error {
            lines.push(Line::styled(e.clone(), t.style(Role::Error)));
        }
        lines.push(Line::styled(ui::export_keys(lang), t.style(Role::Muted)));
        DialogView::new(look, ui::export_title(lang), lines, Some((2, col)))
    }
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

pub fn on_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let lang = app.lang;
    let paths: Vec<String> = match app.screen.session() {
        Some(s) => FORMATS
            .iter()
            .map(|f| export_path(&app.data_dir, &s.inspection, f))
            .collect(),
        None => vec![String::new(); FORMATS.len()],
    };
    let Some(Overlay::Summary(Dialog::Export(d))) = app.overlays.last_mut() else {
        return vec![];
    };
    match keymap::lookup(Scope::Export, ev) {
        Some(Action::NextChoice) => {
            let was_default = d.path.text() == paths[d.format];
            d.format = (d.format + 1) % FORMATS.len();
            // Follow the format while the path is still the suggested one.
            if was_default {
                d.path.set(&paths[d.format]);
            }
        }
        Some(Action::Accept) => {
            if d.path.text().trim().is_empty() {
                d.error = Some(ui::export_needs_path(lang).into());
                return vec![];
            }
            let effect = Effect::Export {
                format: FORMATS[d.format],
                path: d.path.text().trim().into(),
            };
            app.overlays.pop();
            return vec![effect];
        }
        _ => {
            edit_line(&mut d.path, ev);
            d.error = None;
        }
    }
    vec![]
}
