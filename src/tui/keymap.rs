//! One keymap table: it decides what a key does on each screen, and the footer hints and
//! the help overlay are built from the same rows, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere (unless a text field takes the key).
    Global,
    Home,
    Setup,
    /// The criteria list of the Walk screen.
    Walk,
    /// A field of the criterion form.
    Form,
    /// The recommendations list in the form.
    Recommendations,
    Summary,
    Dashboard,
    /// Two inspections compared.
    Diff,
    /// The help overlay.
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Open,
    NextField,
    PrevField,
    VerdictMet,
    VerdictBasicallyMet,
    VerdictNotMet,
    VerdictClear,
    NextCriterion,
    PrevCriterion,
    Search,
    Summary,
    Help,
    Back,
    Quit,
    ForceQuit,
    New,
    Toggle,
    Add,
    Remove,
    Retry,
    Create,
    Dashboard,
    Conclude,
    Finalize,
    Seal,
    Reopen,
    Export,
    Mark,
    Compare,
    /// Handled by `conflict::on_walk_key` before the screen sees the key.
    Conflicts,
    Top,
    Bottom,
    HalfPageUp,
    HalfPageDown,
    /// Go to a criterion by its number (`:12` Enter).
    Jump,
    /// `g`: the first criterion; `g` then a number goes to that criterion (`g12`).
    GoTo,
    NextUnassessed,
    /// Show only the criteria not yet assessed (toggle).
    UnassessedOnly,
    /// Undo the last committed change to an answer.
    Undo,
    /// Open the long text field in `$EDITOR`.
    ExternalEditor,
    /// Edit the unit, team and date of the inspection.
    EditFacts,
    /// Move the inspection to `archive/` (asked first).
    Archive,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row: scope, the keys (the first is shown in hints), the action, and whether the
/// footer shows it.
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: bool,
}

use Action as A;
use Scope as S;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { scope: S::Global, keys: &[ctrl('c')], action: A::ForceQuit, hint: false },
    Binding { scope: S::Global, keys: &[code(KeyCode::F(1)), k('?')], action: A::Help, hint: true },
    Binding { scope: S::Global, keys: &[ctrl('s')], action: A::Retry, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Enter)], action: A::Open, hint: true },
    Binding { scope: S::Home, keys: &[k('n')], action: A::New, hint: true },
    Binding { scope: S::Home, keys: &[k('/')], action: A::Search, hint: true },
    Binding { scope: S::Home, keys: &[k('d')], action: A::Dashboard, hint: true },
    Binding { scope: S::Home, keys: &[k('m')], action: A::Mark, hint: false },
    Binding { scope: S::Home, keys: &[k('=')], action: A::Compare, hint: true },
    Binding { scope: S::Home, keys: &[code(KeyCode::Home), k('g')], action: A::Top, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, hint: false },
    Binding { scope: S::Home, keys: &[ctrl('u')], action: A::HalfPageUp, hint: false },
    Binding { scope: S::Home, keys: &[ctrl('d')], action: A::HalfPageDown, hint: false },
    Binding { scope: S::Home, keys: &[k('a')], action: A::Archive, hint: false },
    Binding { scope: S::Home, keys: &[k('q')], action: A::Quit, hint: true },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Tab), code(KeyCode::Down)], action: A::NextField, hint: true },
    Binding { scope: S::Setup, keys: &[code(KeyCode::BackTab), code(KeyCode::Up)], action: A::PrevField, hint: false },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Enter)], action: A::Create, hint: true },
    Binding { scope: S::Setup, keys: &[k(' ')], action: A::Toggle, hint: false },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Esc)], action: A::Back, hint: true },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Enter), code(KeyCode::Tab)], action: A::Open, hint: true },
    Binding { scope: S::Walk, keys: &[k('1')], action: A::VerdictMet, hint: true },
    Binding { scope: S::Walk, keys: &[k('2')], action: A::VerdictBasicallyMet, hint: true },
    Binding { scope: S::Walk, keys: &[k('3')], action: A::VerdictNotMet, hint: true },
    Binding { scope: S::Walk, keys: &[k('0')], action: A::VerdictClear, hint: false },
    Binding { scope: S::Walk, keys: &[k('n'), code(KeyCode::PageDown)], action: A::NextCriterion, hint: false },
    Binding { scope: S::Walk, keys: &[k('p'), code(KeyCode::PageUp)], action: A::PrevCriterion, hint: false },
    Binding { scope: S::Walk, keys: &[k('/')], action: A::Search, hint: true },
    Binding { scope: S::Walk, keys: &[k('s')], action: A::Summary, hint: true },
    Binding { scope: S::Walk, keys: &[k('c')], action: A::Conflicts, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Esc)], action: A::Back, hint: false },
    Binding { scope: S::Walk, keys: &[k(':')], action: A::Jump, hint: false },
    Binding { scope: S::Walk, keys: &[k('N')], action: A::NextUnassessed, hint: false },
    Binding { scope: S::Walk, keys: &[k('f')], action: A::UnassessedOnly, hint: false },
    Binding { scope: S::Walk, keys: &[k('u'), ctrl('z')], action: A::Undo, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Home)], action: A::Top, hint: false },
    Binding { scope: S::Walk, keys: &[k('g')], action: A::GoTo, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, hint: false },
    Binding { scope: S::Walk, keys: &[ctrl('u')], action: A::HalfPageUp, hint: false },
    Binding { scope: S::Walk, keys: &[ctrl('d')], action: A::HalfPageDown, hint: false },
    Binding { scope: S::Walk, keys: &[k('q')], action: A::Quit, hint: true },
    Binding { scope: S::Form, keys: &[code(KeyCode::Tab)], action: A::NextField, hint: true },
    Binding { scope: S::Form, keys: &[code(KeyCode::BackTab)], action: A::PrevField, hint: false },
    Binding { scope: S::Form, keys: &[k(' ')], action: A::Toggle, hint: true },
    Binding { scope: S::Form, keys: &[code(KeyCode::PageDown)], action: A::NextCriterion, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::PageUp)], action: A::PrevCriterion, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::Esc)], action: A::Back, hint: true },
    Binding { scope: S::Form, keys: &[ctrl('e')], action: A::ExternalEditor, hint: false },
    Binding { scope: S::Form, keys: &[ctrl('z')], action: A::Undo, hint: false },
    Binding { scope: S::Recommendations, keys: &[k('a'), code(KeyCode::Insert)], action: A::Add, hint: true },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Enter)], action: A::Open, hint: true },
    Binding { scope: S::Recommendations, keys: &[k('d'), code(KeyCode::Delete)], action: A::Remove, hint: true },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Summary, keys: &[k('c')], action: A::Conclude, hint: true },
    Binding { scope: S::Summary, keys: &[k('f')], action: A::Finalize, hint: true },
    Binding { scope: S::Summary, keys: &[k('x')], action: A::Seal, hint: true },
    Binding { scope: S::Summary, keys: &[k('r')], action: A::Reopen, hint: false },
    Binding { scope: S::Summary, keys: &[k('e')], action: A::Export, hint: true },
    Binding { scope: S::Summary, keys: &[k('i')], action: A::EditFacts, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Enter)], action: A::Open, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Home), k('g')], action: A::Top, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Esc)], action: A::Back, hint: true },
    Binding { scope: S::Summary, keys: &[k('q')], action: A::Quit, hint: true },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Esc)], action: A::Back, hint: true },
    Binding { scope: S::Dashboard, keys: &[k('q')], action: A::Quit, hint: true },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Esc)], action: A::Back, hint: true },
    Binding { scope: S::Diff, keys: &[k('q')], action: A::Quit, hint: true },
    Binding { scope: S::Help, keys: &[code(KeyCode::Up), k('k')], action: A::Up, hint: false },
    Binding { scope: S::Help, keys: &[code(KeyCode::Down), k('j')], action: A::Down, hint: false },
    Binding { scope: S::Help, keys: &[code(KeyCode::Esc), code(KeyCode::F(1)), k('?'), k('q'), code(KeyCode::Enter)], action: A::Back, hint: true },
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let has_ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if key.ctrl != has_ctrl {
        return false;
    }
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b || (key.ctrl && a == b.to_ascii_lowercase()),
        (a, b) => a == b,
    }
}

/// The action bound to `ev` in `scope`, if any.
pub fn lookup(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope)
        .find(|b| b.keys.iter().any(|key| matches(key, ev)))
        .map(|b| b.action)
}

/// The rows that apply in `scope` (its own, then the global ones).
pub fn rows(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.scope == scope)
        .chain(BINDINGS.iter().filter(|b| b.scope == Scope::Global))
}

/// How a key is written for people: "Enter", "Ctrl-C", "1"; arrows as words in ASCII.
pub fn key_label(key: &Key, ascii: bool) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Up if ascii => "Up".into(),
        KeyCode::Down if ascii => "Down".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

/// All actions, for the test that each has a description in both languages.
pub const ALL_ACTIONS: &[Action] = &[
    A::Up,
    A::Down,
    A::Open,
    A::NextField,
    A::PrevField,
    A::VerdictMet,
    A::VerdictBasicallyMet,
    A::VerdictNotMet,
    A::VerdictClear,
    A::NextCriterion,
    A::PrevCriterion,
    A::Search,
    A::Summary,
    A::Help,
    A::Back,
    A::Quit,
    A::ForceQuit,
    A::New,
    A::Toggle,
    A::Add,
    A::Remove,
    A::Retry,
    A::Create,
    A::Dashboard,
    A::Conclude,
    A::Finalize,
    A::Seal,
    A::Reopen,
    A::Export,
    A::Mark,
    A::Compare,
    A::Conflicts,
    A::Top,
    A::Bottom,
    A::HalfPageUp,
    A::HalfPageDown,
    A::Jump,
    A::GoTo,
    A::NextUnassessed,
    A::UnassessedOnly,
    A::Undo,
    A::ExternalEditor,
    A::EditFacts,
    A::Archive,
];
