//! Semantic styles and symbol sets. The "none" theme applies no colour at all (only
//! `Color::Reset` with bold, reverse and underline: crossterm resets attributes on every
//! colour change under NO_COLOR); the ASCII symbol set draws borders, gauges and marks
//! with ASCII only.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::domain::Verdict;

/// What a piece of text means; the theme decides how that looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Normal,
    Title,
    Muted,
    Selected,
    Focus,
    Error,
    Ok,
    Partial,
    Bad,
    Key,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn style(&self, role: Role) -> Style {
        let plain = Style::new().fg(Color::Reset).bg(Color::Reset);
        if !self.color {
            return match role {
                Role::Title | Role::Key => plain.add_modifier(Modifier::BOLD),
                Role::Selected => plain.add_modifier(Modifier::REVERSED),
                Role::Focus => plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                Role::Error | Role::Bad => plain.add_modifier(Modifier::BOLD),
                _ => plain,
            };
        }
        match role {
            Role::Normal => Style::new(),
            Role::Title => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Muted => Style::new().fg(Color::DarkGray),
            Role::Selected => Style::new().fg(Color::Black).bg(Color::Cyan),
            Role::Focus => Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            Role::Error => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Role::Ok => Style::new().fg(Color::Green),
            Role::Partial => Style::new().fg(Color::Yellow),
            Role::Bad => Style::new().fg(Color::Red),
            Role::Key => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    pub fn verdict(&self, v: Option<Verdict>) -> Style {
        self.style(match v {
            Some(Verdict::Met) => Role::Ok,
            Some(Verdict::BasicallyMet) => Role::Partial,
            Some(Verdict::NotMet) => Role::Bad,
            None => Role::Muted,
        })
    }
}

/// Characters for borders, gauges and status marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub border: border::Set<'static>,
    pub gauge_full: &'static str,
    pub gauge_empty: &'static str,
    pub met: &'static str,
    pub basically_met: &'static str,
    pub not_met: &'static str,
    pub not_assessed: &'static str,
    pub pointer: &'static str,
    pub check_on: &'static str,
    pub check_off: &'static str,
    pub ellipsis: &'static str,
    pub separator: &'static str,
    /// Whether this is the ASCII set (key names are then spelled out).
    pub ascii: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    pub const UNICODE: Symbols = Symbols {
        border: border::PLAIN,
        gauge_full: "█",
        gauge_empty: "░",
        met: "✔",
        basically_met: "◐",
        not_met: "✘",
        not_assessed: "·",
        pointer: "▸",
        check_on: "[x]",
        check_off: "[ ]",
        ellipsis: "…",
        separator: " · ",
        ascii: false,
    };

    pub const ASCII: Symbols = Symbols {
        border: ASCII_BORDER,
        gauge_full: "#",
        gauge_empty: "-",
        met: "+",
        basically_met: "~",
        not_met: "x",
        not_assessed: ".",
        pointer: ">",
        check_on: "[x]",
        check_off: "[ ]",
        ellipsis: "...",
        separator: " | ",
        ascii: true,
    };

    /// The mark of a verdict: a shape, so it never relies on colour.
    pub fn mark(&self, v: Option<Verdict>) -> &'static str {
        match v {
            Some(Verdict::Met) => self.met,
            Some(Verdict::BasicallyMet) => self.basically_met,
            Some(Verdict::NotMet) => self.not_met,
            None => self.not_assessed,
        }
    }
}

/// How the console looks: language-independent presentation choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub theme: Theme,
    pub symbols: Symbols,
}

impl Look {
    pub fn new(ascii: bool, color: bool) -> Look {
        Look {
            theme: Theme { color },
            symbols: if ascii {
                Symbols::ASCII
            } else {
                Symbols::UNICODE
            },
        }
    }
}
