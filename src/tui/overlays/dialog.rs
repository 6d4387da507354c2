//! The frame every dialog is drawn in: a titled box centred over the screen, its plain
//! lines broken at spaces to fit, and the text cursor where a field of it has the focus.
//! Each dialog's file makes its `DialogView`; `view.rs` only places and renders it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::domain::Lang;
use crate::i18n::ui;
use crate::tui::input::LineInput;
use crate::tui::theme::{Look, Role};
use crate::tui::widgets::{panel, plain_line};

/// The width of every dialog, border included.
pub const WIDTH: u16 = 66;

/// A dialog ready to draw.
pub struct DialogView<'a> {
    title: String,
    /// The lines as drawn: in the look's symbols, broken to the box's width.
    lines: Vec<Line<'static>>,
    /// Row and column of the text cursor inside the border, when a field has the focus.
    cursor: Option<(u16, usize)>,
    look: &'a Look,
}

impl<'a> DialogView<'a> {
    pub fn new(
        look: &'a Look,
        title: impl Into<String>,
        lines: Vec<Line<'static>>,
        cursor: Option<(u16, usize)>,
    ) -> DialogView<'a> {
        let inner_w = (WIDTH - 2) as usize;
        let ascii = look.symbols.ascii;
        let lines = lines
            .into_iter()
            .map(|l| plain_line(ascii, l))
            .flat_map(|l| wrap_line(l, inner_w))
            .collect();
        DialogView {
            title: title.into(),
            lines,
            cursor,
            look,
        }
    }

    /// Where the dialog goes within `area`: centred, as tall as its lines.
    pub fn area(&self, area: Rect) -> Rect {
        centered(
            area,
            WIDTH,
            u16::try_from(self.lines.len() + 2).unwrap_or(10),
        )
    }

    /// Where the terminal's cursor goes when the dialog is drawn at `rect`.
    pub fn cursor(&self, rect: Rect) -> Option<Position> {
        self.cursor.map(|(row, col)| Position {
            x: rect.x + 1 + u16::try_from(col).unwrap_or(0),
            y: rect.y + 1 + row,
        })
    }
}

impl Widget for &DialogView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        Paragraph::new(self.lines.clone())
            .block(panel(self.look, format!(" {} ", self.title)))
            .render(area, buf);
    }
}

/// A dialog that asks for one line of text and a confirmation.
pub fn one_line<'a>(
    look: &'a Look,
    lang: Lang,
    title: &str,
    intro: &str,
    input: &LineInput,
    error: Option<&str>,
) -> DialogView<'a> {
    let t = &look.theme;
    let (shown, col) = input.view(60);
    let mut lines = vec![
        Line::raw(intro.to_string()),
        Line::styled(format!("{shown:<60}"), t.style(Role::Focus)),
    ];
    if let Some(e) = error {
        lines.push(Line::styled(e.to_string(), t.style(Role::Error)));
    }
    lines.push(Line::styled(ui::confirm_keys(lang), t.style(Role::Muted)));
    DialogView::new(look, title, lines, Some((1, col)))
}

/// `width` × `height` in the middle of `area` (no bigger than it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Plain lines longer than the dialog are broken at spaces; styled lines stay whole.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    if line.spans.len() != 1 || line.width() <= width {
        return vec![line];
    }
    let style = line.spans[0].style;
    let text = line.spans[0].content.to_string();
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let cand = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if unicode_width::UnicodeWidthStr::width(cand.as_str()) > width && !cur.is_empty() {
            out.push(Line::styled(std::mem::take(&mut cur), style));
            cur = word.to_string();
        } else {
            cur = cand;
        }
    }
    out.push(Line::styled(cur, style));
    out
}
