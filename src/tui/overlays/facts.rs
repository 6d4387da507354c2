//! Editing the inspection's own facts after creation: the unit, the team and the date.
//! Each changed field goes into the history, old → new (`Inspection::set_unit_and_team`).

use jiff::civil::Date;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};

use crate::domain::inspection::{Team, Unit};
use crate::domain::{Inspection, Lang};
use crate::i18n::pick;
use crate::tui::input::LineInput;
use crate::tui::input::edit_line;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::{Look, Role};

/// Unit name, district, province, team leader, members (comma-separated), date.
pub const FIELDS: usize = 6;

#[derive(Debug, Clone)]
pub struct FactsForm {
    pub fields: [LineInput; FIELDS],
    pub focus: usize,
    pub error: Option<String>,
}

/// A date as typed: dd/mm/yyyy (the Vietnamese habit, also with `-` or `.`) or yyyy-mm-dd.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// A date for people: dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English.
pub fn show_date(l: Lang, d: Date) -> String {
    match l {
        Lang::Vi => d.strftime("%d/%m/%Y").to_string(),
        _ => d.to_string(),
    }
}

fn labels(l: Lang) -> [&'static str; FIELDS] {
    pick(
        l,
        [
            "Đơn vị",
            "Quận/huyện",
            "Tỉnh/thành phố",
            "Trưởng đoàn",
            "Thành viên (dấu phẩy)",
            "Ngày kiểm tra",
        ],
        [
            "Unit",
            "District",
            "Province",
            "Team leader",
            "Members (commas)",
            "Date",
        ],
    )
}

pub enum Outcome {
    /// Still editing.
    Stay,
    Cancel,
    /// The new facts, to apply.
    Apply(Box<(Unit, Team, Date)>),
}

impl FactsForm {
    pub fn of(i: &Inspection, lang: Lang) -> FactsForm {
        FactsForm {
            fields: [
                LineInput::new(&i.unit.name),
                LineInput::new(&i.unit.district),
                LineInput::new(&i.unit.province),
                LineInput::new(&i.team.leader),
                LineInput::new(&i.team.members.join(", ")),
                LineInput::new(&show_date(lang, i.date)),
            ],
            focus: 0,
            error: None,
        }
    }

    pub fn on_key(&mut self, ev: &KeyEvent, i: &Inspection, lang: Lang) -> Outcome {
        match keymap::lookup(Scope::Dialog, ev) {
            Some(Action::Back) => return Outcome::Cancel,
            Some(Action::NextField) => self.focus = (self.focus + 1) % FIELDS,
            Some(Action::PrevField) => self.focus = (self.focus + FIELDS - 1) % FIELDS,
            Some(Action::Accept) => return self.submit(i, lang),
            _ => {
                edit_line(&mut self.fields[self.focus], ev);
                self.error = None;
            }
        }
        Outcome::Stay
    }

    fn submit(&mut self, i: &Inspection, lang: Lang) -> Outcome {
        let text = |k: usize| self.fields[k].text().trim().to_string();
        if text(0).is_empty() {
            self.error = Some(pick(lang, "Cần tên đơn vị", "The unit needs a name").into());
            self.focus = 0;
            return Outcome::Stay;
        }
        let Some(date) = parse_date(&text(5)) else {
            self.error = Some(crate::i18n::bad_date(lang, &text(5)));
            self.focus = 5;
            return Outcome::Stay;
        };
        let unit = Unit {
            name: text(0),
            district: text(1),
            province: text(2),
            ..i.unit.clone()
        };
        let team = Team {
            leader: text(3),
            members: text(4).split(',').map(|m| m.trim().to_string()).collect(),
            ..i.team.clone()
        };
        Outcome::Apply(Box::new((unit, team, date)))
    }

    /// The fields, the focused one marked, any error, and the keys.
    pub fn view<'a>(&self, look: &'a Look, lang: Lang) -> super::dialog::DialogView<'a> {
        let t = &look.theme;
        let mut lines = Vec::new();
        let mut cursor = None;
        for (k, label) in labels(lang).iter().enumerate() {
            let (shown, col) = self.fields[k].view(38);
            let focused = k == self.focus;
            if focused {
                cursor = Some((u16::try_from(k).unwrap_or(0), col + 24));
            }
            let lead = if focused { look.symbols.pointer } else { " " };
            lines.push(Line::from(vec![
                Span::raw(format!("{lead}{label:<23}")),
                Span::styled(
                    format!("{shown:<38}"),
                    t.style(if focused { Role::Focus } else { Role::Key }),
                ),
            ]));
        }
        if let Some(e) = &self.error {
            lines.push(Line::styled(e.clone(), t.style(Role::Error)));
        }
        lines.push(Line::styled(
            pick(
                lang,
                "Tab ô sau · Enter ghi (mỗi thay đổi vào lịch sử) · Esc thôi · ngày dd/mm/yyyy",
                "Tab next · Enter saves (each change goes into the history) · Esc cancels · date yyyy-mm-dd or dd/mm/yyyy",
            ),
            t.style(Role::Muted),
        ));
        let title = pick(lang, "Thông tin phiếu", "Inspection facts");
        super::dialog::DialogView::new(look, title, lines, cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_vietnamese_way_and_the_iso_way() {
        let d = jiff::civil::date(2026, 3, 9);
        assert_eq!(parse_date("09/03/2026"), Some(d));
        assert_eq!(parse_date("9/3/2026"), Some(d));
        assert_eq!(parse_date("2026-03-09"), Some(d));
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("09/03/26"), None);
        assert_eq!(show_date(Lang::Vi, d), "09/03/2026");
        assert_eq!(show_date(Lang::En, d), "2026-03-09");
    }
}
