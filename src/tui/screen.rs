//! The screen shown, holding its own data: which screens there are and how the open
//! inspection moves between Walk and Summary.

use super::session::Session;
use super::setup;

/// Which screen is shown, without its data: for routing and comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Home,
    Setup,
    Walk,
    Summary,
    Dashboard,
    Diff,
}

/// The screen shown, holding its own data. The open inspection lives only inside Walk and
/// Summary (moved between them), so no other screen can reach for one that is not there.
#[derive(Debug)]
pub enum Screen {
    /// Home's rows are in `App::library`: the rows worker updates them wherever the user
    /// is, and a trip into an inspection and back finds Home as it was left.
    Home,
    Setup(Box<setup::SetupForm>),
    Walk(Box<Session>),
    Summary(Box<Session>),
    Dashboard(DashboardState),
    /// Two inspections marked on Home, compared.
    Diff(DiffState),
}

/// Where the Dashboard is scrolled (its roll-out is kept in `App::library`, a cache that
/// outlives the screen).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DashboardState {
    pub scroll: usize,
}

/// The comparison of the two marked inspections, as lines of text, and its scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffState {
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Home => ScreenKind::Home,
            Screen::Setup(_) => ScreenKind::Setup,
            Screen::Walk(_) => ScreenKind::Walk,
            Screen::Summary(_) => ScreenKind::Summary,
            Screen::Dashboard(_) => ScreenKind::Dashboard,
            Screen::Diff(_) => ScreenKind::Diff,
        }
    }

    /// The open inspection, on the screens that have one.
    pub fn session(&self) -> Option<&Session> {
        match self {
            Screen::Walk(s) | Screen::Summary(s) => Some(s),
            _ => None,
        }
    }

    pub fn session_mut(&mut self) -> Option<&mut Session> {
        match self {
            Screen::Walk(s) | Screen::Summary(s) => Some(s),
            _ => None,
        }
    }

    /// Walk ↔ Summary: the open inspection moves with the user. Other screens stay.
    pub fn turn_to(&mut self, summary: bool) {
        match std::mem::replace(self, Screen::Home) {
            Screen::Walk(s) | Screen::Summary(s) if summary => *self = Screen::Summary(s),
            Screen::Walk(s) | Screen::Summary(s) => *self = Screen::Walk(s),
            other => *self = other,
        }
    }
}
