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
    /// A search box being typed in.
    Search,
    /// The number typed after `:` or `g`.
    Jump,
    /// The reason asked for an override.
    Reason,
    /// A dialog of several one-line fields (a recommendation, the inspection's facts).
    Dialog,
    /// The conclusion dialog: its text and the proposal.
    Conclusion,
    /// A dialog that only asks to go ahead (finalise, seal, reopen).
    Ask,
    /// The export dialog: the format and the file.
    Export,
    /// A yes/no question.
    Confirm,
    /// Crash snapshots offered at start.
    Recovery,
    /// A conflict left by a merge.
    Conflict,
    /// Typing in any text field, one-line or multi-line: the editor's own keys.
    Text,
    /// Typing in a multi-line field (evidence, shortcomings): its keys beyond `Text`.
    TextArea,
}

/// When a row applies, beyond its scope: some keys mean something only on some fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// No text field is taking printable keys.
    NotTyping,
    /// The focused indicator is a yes/no check.
    Check,
    /// The focused indicator is a choice among options.
    Choice,
    /// The focused indicator is typed on one line (a count, a ratio, a text).
    LineField,
    /// The proposal, not the text, has the focus in the conclusion dialog.
    OnProposal,
    /// The open inspection can be edited here (a draft this console holds the lock of).
    /// Such rows are still dispatched when it cannot, so that the key says why not; the
    /// footer only offers them when they can act. The same goes for the three below.
    Editable,
    /// Editable, and a draft: it can be concluded and finalised.
    Draft,
    /// Writable here, and final: it can be sealed.
    Final,
    /// Writable here, and final or sealed: it can be reopened.
    Closed,
}

/// The conditions that only decide what the footer offers (see `When::Editable`).
pub const OFFERED: &[When] = &[When::Editable, When::Draft, When::Final, When::Closed];

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
    /// Enter in a dialog: save it, answer yes, go ahead.
    Accept,
    /// The next option of a choice (a proposal, a format).
    NextChoice,
    PrevChoice,
    /// A conflict: keep this laptop's side, take the other's, or keep it to edit.
    TakeOurs,
    TakeTheirs,
    TakeEdited,
    /// Put a crash snapshot back.
    Apply,
    /// Set a crash snapshot aside (moved, never deleted).
    Discard,
    /// The editing keys of a text field (scopes `Text` and `TextArea`).
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    WordLeft,
    WordRight,
    DeleteBack,
    DeleteForward,
    /// Cut from the cursor to the end of the line (put back with `Yank`).
    KillToEnd,
    /// Cut the word before the cursor.
    KillWordBack,
    /// Put back what was cut last.
    Yank,
    NewLine,
    LineUp,
    LineDown,
    /// Undo / redo typing inside the field (before it is left).
    UndoTyping,
    RedoTyping,
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
const fn ctrl_code(code: KeyCode) -> Key {
    Key { code, ctrl: true }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row: scope, the keys (the first is shown in hints), the action, when it applies,
/// and whether the footer shows it. The words are `i18n::ui::action_short/long`.
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub when: When,
    pub hint: bool,
}

use Action as A;
use Scope as S;
use When as W;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { scope: S::Global, keys: &[ctrl('c')], action: A::ForceQuit, when: W::Always, hint: false },
    Binding { scope: S::Global, keys: &[code(KeyCode::F(1))], action: A::Help, when: W::Always, hint: true },
    // In a text field `?` is text; F1 is help everywhere.
    Binding { scope: S::Global, keys: &[k('?')], action: A::Help, when: W::NotTyping, hint: false },
    Binding { scope: S::Global, keys: &[ctrl('s')], action: A::Retry, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::Enter)], action: A::Open, when: W::Always, hint: true },
    Binding { scope: S::Home, keys: &[k('n')], action: A::New, when: W::Always, hint: true },
    Binding { scope: S::Home, keys: &[k('/')], action: A::Search, when: W::Always, hint: true },
    Binding { scope: S::Home, keys: &[k('d')], action: A::Dashboard, when: W::Always, hint: true },
    Binding { scope: S::Home, keys: &[k('m')], action: A::Mark, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[k('=')], action: A::Compare, when: W::Always, hint: true },
    Binding { scope: S::Home, keys: &[code(KeyCode::Home), k('g')], action: A::Top, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[ctrl('u')], action: A::HalfPageUp, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[ctrl('d')], action: A::HalfPageDown, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[k('a')], action: A::Archive, when: W::Always, hint: false },
    Binding { scope: S::Home, keys: &[k('q')], action: A::Quit, when: W::Always, hint: true },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Tab), code(KeyCode::Down)], action: A::NextField, when: W::Always, hint: true },
    Binding { scope: S::Setup, keys: &[code(KeyCode::BackTab), code(KeyCode::Up)], action: A::PrevField, when: W::Always, hint: false },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Enter)], action: A::Create, when: W::Always, hint: true },
    Binding { scope: S::Setup, keys: &[k(' '), code(KeyCode::Left), code(KeyCode::Right)], action: A::Toggle, when: W::Always, hint: false },
    Binding { scope: S::Setup, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Enter), code(KeyCode::Tab)], action: A::Open, when: W::Always, hint: true },
    Binding { scope: S::Walk, keys: &[k('1')], action: A::VerdictMet, when: W::Editable, hint: true },
    Binding { scope: S::Walk, keys: &[k('2')], action: A::VerdictBasicallyMet, when: W::Editable, hint: true },
    Binding { scope: S::Walk, keys: &[k('3')], action: A::VerdictNotMet, when: W::Editable, hint: true },
    Binding { scope: S::Walk, keys: &[k('0')], action: A::VerdictClear, when: W::Editable, hint: false },
    Binding { scope: S::Walk, keys: &[k('n'), code(KeyCode::PageDown)], action: A::NextCriterion, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('p'), code(KeyCode::PageUp)], action: A::PrevCriterion, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('/')], action: A::Search, when: W::Always, hint: true },
    Binding { scope: S::Walk, keys: &[k('s')], action: A::Summary, when: W::Always, hint: true },
    Binding { scope: S::Walk, keys: &[k('c')], action: A::Conflicts, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k(':')], action: A::Jump, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('N')], action: A::NextUnassessed, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('f')], action: A::UnassessedOnly, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('u'), ctrl('z')], action: A::Undo, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::Home)], action: A::Top, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('g')], action: A::GoTo, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[ctrl('u')], action: A::HalfPageUp, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[ctrl('d')], action: A::HalfPageDown, when: W::Always, hint: false },
    Binding { scope: S::Walk, keys: &[k('q')], action: A::Quit, when: W::Always, hint: true },
    Binding { scope: S::Form, keys: &[code(KeyCode::Tab)], action: A::NextField, when: W::Always, hint: true },
    Binding { scope: S::Form, keys: &[code(KeyCode::BackTab)], action: A::PrevField, when: W::Always, hint: false },
    Binding { scope: S::Form, keys: &[k(' '), code(KeyCode::Enter)], action: A::Toggle, when: W::Check, hint: true },
    Binding { scope: S::Form, keys: &[k(' '), code(KeyCode::Right), code(KeyCode::Enter)], action: A::NextChoice, when: W::Choice, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::Left)], action: A::PrevChoice, when: W::Choice, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::Enter)], action: A::NextField, when: W::LineField, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::PageDown)], action: A::NextCriterion, when: W::Always, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::PageUp)], action: A::PrevCriterion, when: W::Always, hint: false },
    Binding { scope: S::Form, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Form, keys: &[ctrl('e')], action: A::ExternalEditor, when: W::Always, hint: false },
    Binding { scope: S::Form, keys: &[ctrl('z')], action: A::Undo, when: W::Always, hint: false },
    Binding { scope: S::Recommendations, keys: &[k('a'), code(KeyCode::Insert)], action: A::Add, when: W::Always, hint: true },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Enter)], action: A::Open, when: W::Always, hint: true },
    Binding { scope: S::Recommendations, keys: &[k('d'), code(KeyCode::Delete)], action: A::Remove, when: W::Always, hint: true },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Recommendations, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[k('c')], action: A::Conclude, when: W::Draft, hint: true },
    Binding { scope: S::Summary, keys: &[k('f')], action: A::Finalize, when: W::Draft, hint: true },
    Binding { scope: S::Summary, keys: &[k('x')], action: A::Seal, when: W::Final, hint: true },
    Binding { scope: S::Summary, keys: &[k('r')], action: A::Reopen, when: W::Closed, hint: true },
    Binding { scope: S::Summary, keys: &[k('e')], action: A::Export, when: W::Always, hint: true },
    Binding { scope: S::Summary, keys: &[k('i')], action: A::EditFacts, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Enter)], action: A::Open, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Home), k('g')], action: A::Top, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::End), k('G')], action: A::Bottom, when: W::Always, hint: false },
    Binding { scope: S::Summary, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Summary, keys: &[k('q')], action: A::Quit, when: W::Always, hint: true },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Dashboard, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Dashboard, keys: &[k('q')], action: A::Quit, when: W::Always, hint: true },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Diff, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Diff, keys: &[k('q')], action: A::Quit, when: W::Always, hint: true },
    Binding { scope: S::Help, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Help, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Help, keys: &[code(KeyCode::Esc), code(KeyCode::F(1)), k('?'), k('q'), code(KeyCode::Enter)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Search, keys: &[code(KeyCode::Enter), code(KeyCode::Down), code(KeyCode::Up), code(KeyCode::Tab)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Search, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Jump, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Jump, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Reason, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Reason, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Dialog, keys: &[code(KeyCode::Tab), code(KeyCode::Down)], action: A::NextField, when: W::Always, hint: true },
    Binding { scope: S::Dialog, keys: &[code(KeyCode::BackTab), code(KeyCode::Up)], action: A::PrevField, when: W::Always, hint: false },
    Binding { scope: S::Dialog, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Dialog, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Conclusion, keys: &[code(KeyCode::Tab), code(KeyCode::BackTab), code(KeyCode::Up), code(KeyCode::Down)], action: A::NextField, when: W::Always, hint: true },
    Binding { scope: S::Conclusion, keys: &[k(' '), code(KeyCode::Right)], action: A::NextChoice, when: W::OnProposal, hint: true },
    Binding { scope: S::Conclusion, keys: &[code(KeyCode::Left)], action: A::PrevChoice, when: W::OnProposal, hint: false },
    Binding { scope: S::Conclusion, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Conclusion, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Ask, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Ask, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Export, keys: &[code(KeyCode::Tab), code(KeyCode::Up), code(KeyCode::Down)], action: A::NextChoice, when: W::Always, hint: true },
    Binding { scope: S::Export, keys: &[code(KeyCode::Enter)], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Export, keys: &[code(KeyCode::Esc)], action: A::Back, when: W::Always, hint: true },
    // y/n, and c/k for "có"/"không" in Vietnamese.
    Binding { scope: S::Confirm, keys: &[k('y'), code(KeyCode::Enter), k('Y'), k('c'), k('C')], action: A::Accept, when: W::Always, hint: true },
    Binding { scope: S::Confirm, keys: &[k('n'), code(KeyCode::Esc), k('N'), k('k'), k('K')], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Recovery, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Recovery, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Recovery, keys: &[k('a')], action: A::Apply, when: W::Always, hint: true },
    Binding { scope: S::Recovery, keys: &[k('d')], action: A::Discard, when: W::Always, hint: true },
    Binding { scope: S::Recovery, keys: &[code(KeyCode::Esc), k('l')], action: A::Back, when: W::Always, hint: true },
    Binding { scope: S::Conflict, keys: &[code(KeyCode::Up), k('k')], action: A::Up, when: W::Always, hint: false },
    Binding { scope: S::Conflict, keys: &[code(KeyCode::Down), k('j')], action: A::Down, when: W::Always, hint: false },
    Binding { scope: S::Conflict, keys: &[k('o')], action: A::TakeOurs, when: W::Always, hint: true },
    Binding { scope: S::Conflict, keys: &[k('t')], action: A::TakeTheirs, when: W::Always, hint: true },
    Binding { scope: S::Conflict, keys: &[k('e')], action: A::TakeEdited, when: W::Always, hint: true },
    Binding { scope: S::Conflict, keys: &[code(KeyCode::Esc), k('q')], action: A::Back, when: W::Always, hint: true },
    // The editor's keys (printable keys are text). Enter, Up and Down belong to the form
    // or dialog around a one-line field, and Ctrl-U/Ctrl-D to the lists a search box
    // filters, so those are the multi-line fields' only.
    Binding { scope: S::Text, keys: &[code(KeyCode::Left), ctrl('b')], action: A::CursorLeft, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[code(KeyCode::Right), ctrl('f')], action: A::CursorRight, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[code(KeyCode::Home), ctrl('a'), ctrl_code(KeyCode::Home)], action: A::LineStart, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[code(KeyCode::End), ctrl_code(KeyCode::End)], action: A::LineEnd, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[ctrl_code(KeyCode::Left)], action: A::WordLeft, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[ctrl_code(KeyCode::Right)], action: A::WordRight, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[code(KeyCode::Backspace), ctrl('h')], action: A::DeleteBack, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[code(KeyCode::Delete)], action: A::DeleteForward, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[ctrl('k')], action: A::KillToEnd, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[ctrl('w')], action: A::KillWordBack, when: W::Always, hint: false },
    Binding { scope: S::Text, keys: &[ctrl('y')], action: A::Yank, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[code(KeyCode::Enter), ctrl('j'), ctrl('m')], action: A::NewLine, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[code(KeyCode::Up), ctrl('p')], action: A::LineUp, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[code(KeyCode::Down), ctrl('n')], action: A::LineDown, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[ctrl('d')], action: A::DeleteForward, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[ctrl('u')], action: A::UndoTyping, when: W::Always, hint: false },
    Binding { scope: S::TextArea, keys: &[ctrl('r')], action: A::RedoTyping, when: W::Always, hint: false },
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

/// The action bound to `ev` in `scope` by a row that always applies, if any.
pub fn lookup(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    lookup_when(scope, ev, &[])
}

/// The action bound to `ev` in `scope` by a row that applies now: always, or under one of
/// the conditions in `holds`.
pub fn lookup_when(scope: Scope, ev: &KeyEvent, holds: &[When]) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope && (b.when == When::Always || holds.contains(&b.when)))
        .find(|b| b.keys.iter().any(|key| matches(key, ev)))
        .map(|b| b.action)
}

/// Over SSH an Esc and the key typed right after it can arrive together and read as
/// Alt+key; the console binds nothing to Alt, so such a key is the two keys.
pub fn split_alt(ev: &KeyEvent) -> Option<[KeyEvent; 2]> {
    (ev.modifiers == KeyModifiers::ALT && matches!(ev.code, KeyCode::Char(_))).then(|| {
        [
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(ev.code, KeyModifiers::NONE),
        ]
    })
}

/// A line feed: Ctrl-J, which is also what some terminals and serial or SSH links send for
/// Enter. In a text area it starts a new line.
pub fn is_line_feed(ev: &KeyEvent) -> bool {
    ev.code == KeyCode::Char('j') && ev.modifiers == KeyModifiers::CONTROL
}

/// Whether a key belongs to the form around a multi-line text field rather than to the
/// text: moving between fields and criteria, leaving, help.
pub fn leaves_text(ev: &KeyEvent) -> bool {
    matches!(
        lookup(Scope::Form, ev),
        Some(
            Action::NextField
                | Action::PrevField
                | Action::Back
                | Action::NextCriterion
                | Action::PrevCriterion
        )
    ) || lookup(Scope::Global, ev) == Some(Action::Help)
}

/// The rows that apply in `scope` (its own, then the global ones).
pub fn rows(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.scope == scope)
        .chain(BINDINGS.iter().filter(|b| b.scope == Scope::Global))
}

/// The rows the help overlay lists for `scope`: in the criterion form, the editing keys
/// of its text fields come after the form's own.
pub fn help_rows(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    let typing: &[Scope] = match scope {
        Scope::Form => &[Scope::Text, Scope::TextArea],
        _ => &[],
    };
    rows(scope).chain(BINDINGS.iter().filter(move |b| typing.contains(&b.scope)))
}

/// The rows that apply in `scope` under the conditions that hold now.
pub fn rows_when<'a>(
    scope: Scope,
    holds: &'a [When],
) -> impl Iterator<Item = &'static Binding> + 'a {
    rows(scope).filter(move |b| b.when == When::Always || holds.contains(&b.when))
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
        KeyCode::Left if ascii => "Left".into(),
        KeyCode::Right if ascii => "Right".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
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
    if key.ctrl && name.chars().count() == 1 {
        format!("Ctrl-{}", name.to_uppercase())
    } else if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// All actions, for the test that each has a description in both languages.
pub const ALL_ACTIONS: &[Action] = &[
    A::CursorLeft,
    A::CursorRight,
    A::LineStart,
    A::LineEnd,
    A::WordLeft,
    A::WordRight,
    A::DeleteBack,
    A::DeleteForward,
    A::KillToEnd,
    A::KillWordBack,
    A::Yank,
    A::NewLine,
    A::LineUp,
    A::LineDown,
    A::UndoTyping,
    A::RedoTyping,
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
    A::Accept,
    A::NextChoice,
    A::PrevChoice,
    A::TakeOurs,
    A::TakeTheirs,
    A::TakeEdited,
    A::Apply,
    A::Discard,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A key bound twice where both rows can apply at once would reach only the first:
    /// the second row would be a lie in the help.
    #[test]
    fn no_key_is_bound_twice_where_both_rows_apply() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = a.scope == b.scope
                    && (a.when == b.when || a.when == When::Always || b.when == When::Always);
                if !overlap {
                    continue;
                }
                for key in a.keys {
                    assert!(
                        !b.keys.contains(key),
                        "{key:?} is bound to {:?} and {:?} in {:?}",
                        a.action,
                        b.action,
                        a.scope
                    );
                }
            }
        }
    }

    #[test]
    fn question_mark_is_help_only_outside_a_text_field_and_f1_always() {
        let ev = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let q = ev(KeyCode::Char('?'));
        assert_eq!(lookup(Scope::Global, &q), None);
        assert_eq!(
            lookup_when(Scope::Global, &q, &[When::NotTyping]),
            Some(Action::Help)
        );
        assert_eq!(
            lookup(Scope::Global, &ev(KeyCode::F(1))),
            Some(Action::Help)
        );
    }
}
