//! The console's state and its pure `update`: a key or a driver report comes in, the
//! state changes, and the effects the driver must carry out (load, save, quit) come out.
//! Nothing here touches the terminal or the disk.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::input::{LineInput, edit_line};
use super::keymap::{self, Action, Scope};
use super::notice::Notice;
// The types of the state live with what owns them; named here too, where the state is.
pub use super::library::{DashboardData, HomeRow};
pub use super::overlays::recovery::RecoveryOffer;
pub use super::screen::{DashboardState, DiffState, Screen, ScreenKind};
pub use super::session::Session;
use super::theme::Look;
use super::{dashboard, home, setup, summary, walk};
use crate::domain::inspection::NewInspection;
use crate::domain::{Catalog, Inspection, Lang};

/// A search box: accent-insensitive filter over a list.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub active: bool,
    pub input: LineInput,
}

impl Search {
    pub fn query(&self) -> &str {
        self.input.text()
    }
    /// Keys typed into an active search box; true when consumed.
    pub fn key(&mut self, ev: &KeyEvent) -> bool {
        if !self.active {
            return false;
        }
        match keymap::lookup(Scope::Search, ev) {
            Some(Action::Back) => {
                self.active = false;
                self.input.clear();
            }
            Some(Action::Accept) => self.active = false,
            _ => return edit_line(&mut self.input, ev),
        }
        true
    }
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Help(super::overlays::help::Help),
    /// The verdict (or values) differ from the suggestion: ask why before saving.
    Reason(super::overlays::reason::ReasonDialog),
    Recommendation(super::overlays::recommendation::RecommendationDialog),
    Recovery(super::overlays::recovery::RecoveryDialog),
    /// A dialog of the Summary screen (conclusion, finalise, seal, reopen, export).
    Summary(summary::Dialog),
    /// A conflict left by a merge: both sides, take ours / theirs / edit.
    Conflict {
        selected: usize,
    },
    /// A yes/no question before removing or archiving.
    Confirm(super::overlays::confirm::Confirm),
}

impl Overlay {
    /// The keymap scope of the dialog's keys.
    pub fn scope(&self) -> Scope {
        match self {
            Overlay::Help(_) => Scope::Help,
            Overlay::Reason(_) => Scope::Reason,
            Overlay::Recommendation(_) => Scope::Dialog,
            Overlay::Recovery(_) => Scope::Recovery,
            Overlay::Summary(d) => d.scope(),
            Overlay::Conflict { .. } => Scope::Conflict,
            Overlay::Confirm(_) => Scope::Confirm,
        }
    }
}

#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub look: Look,
    pub user: String,
    /// The time the driver last read; stamps history entries so `update` stays pure.
    pub now: Timestamp,
    pub screen: Screen,
    /// Dialogs over the screen, the top one last: closing one shows the one beneath.
    pub overlays: Vec<Overlay>,
    /// Home's rows and the last roll-out, kept while other screens show.
    pub library: super::library::Library,
    pub data_dir: String,
    pub catalogs: Vec<Catalog>,
    /// What the status line says until something else happens (worded when drawn).
    pub notice: Option<Notice>,
    /// When the open inspection last reached the disk.
    pub saved_at: Option<Timestamp>,
    /// The open inspection has changes not yet on disk.
    pub dirty: bool,
    /// Saves are queued on the save worker and not yet written (issue 11).
    pub saving: bool,
    pub quit: bool,
    /// The terminal's size as last reported; `None` until the driver says (taken as big
    /// enough). While it is too small no key reaches the hidden screen.
    pub size: Option<(u16, u16)>,
    /// Ctrl-C was pressed once while a reason was being typed: a second one quits.
    pub quit_armed: bool,
}

/// What happened: a key, or a report from the driver.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// Something worth saying from the driver (a success, such as "restored").
    Notice(Notice),
    /// The text back from `$EDITOR` for the evidence (true) or shortcomings field.
    Edited {
        evidence: bool,
        text: String,
    },
    HomeLoaded {
        rows: Vec<HomeRow>,
        problems: Vec<String>,
    },
    /// Home's rows changed on disk (the rows worker's report; issue 11).
    HomeChanged(Box<super::rows::Delta>),
    Opened {
        inspection: Box<Inspection>,
        catalog: Box<Catalog>,
        read_only: Option<String>,
    },
    Failed(super::error::ConsoleError),
    Saved(Result<Timestamp, super::error::ConsoleError>),
    Recovery(Vec<RecoveryOffer>),
    DashboardLoaded(Box<DashboardData>),
    /// The two marked inspections compared, as text lines.
    DiffLoaded(Vec<String>),
    Exported(Result<std::path::PathBuf, super::error::ConsoleError>),
}

/// What a screen, a form or a field did with a key.
#[derive(Debug, PartialEq)]
#[must_use]
pub enum Outcome {
    /// Used here; the driver carries out the effects (none, often).
    Consumed(Vec<Effect>),
    /// Not for this layer: the key goes on to the next one (field, form, list, global).
    Ignored,
}

/// What the driver must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadHome,
    Open(String),
    Create(Box<NewInspection>, usize),
    /// Save the open inspection durably.
    Save,
    /// Close the inspection just left: write it if it has changes not yet on disk, then
    /// release its lock.
    Close(Box<Inspection>),
    ApplyRecovery(std::path::PathBuf),
    DiscardRecovery(std::path::PathBuf),
    LoadDashboard,
    Export {
        format: &'static str,
        path: std::path::PathBuf,
    },
    Quit,
    /// Compare two inspections (ids).
    Diff(String, String),
    /// Move an inspection (by id) to `archive/`.
    Archive(String),
    /// Open a long text field in `$EDITOR`; the text comes back as `Msg::Edited`.
    EditExternally {
        evidence: bool,
        text: String,
    },
}

impl App {
    pub fn new(lang: Lang, look: Look, user: String, catalogs: Vec<Catalog>) -> App {
        App {
            lang,
            look,
            user,
            now: Timestamp::UNIX_EPOCH,
            screen: Screen::Home,
            overlays: Vec::new(),
            library: super::library::Library::default(),
            data_dir: String::new(),
            catalogs,
            notice: None,
            saved_at: None,
            dirty: false,
            saving: false,
            quit: false,
            size: None,
            quit_armed: false,
        }
    }

    /// The open inspection, when the screen has one.
    pub fn session(&self) -> Option<&Session> {
        self.screen.session()
    }

    /// The dialog on top, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// Put `next` in place of the dialog on top (or just close it).
    pub fn replace_overlay(&mut self, next: Option<Overlay>) {
        self.overlays.pop();
        self.overlays.extend(next);
    }

    /// What the status line says now: the notice, else how the saving stands.
    pub fn status_notice(&self) -> Option<Notice> {
        // A failure shows first; then saves still queued on the worker; then the rest.
        match &self.notice {
            Some(n) if n.kind() == super::notice::Kind::Error => return Some(n.clone()),
            _ if self.saving => return Some(Notice::Saving),
            Some(n) => return Some(n.clone()),
            None => {}
        }
        match self.saved_at {
            Some(at) => Some(Notice::Saved(at)),
            None => self.dirty.then_some(Notice::Unsaved),
        }
    }

    /// How far the help overlay is scrolled (0 when it is not open).
    pub fn help_scroll(&self) -> usize {
        match self.overlay() {
            Some(Overlay::Help(h)) => h.scroll,
            _ => 0,
        }
    }

    /// The terminal is smaller than the console needs: the screen is hidden.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < super::view::MIN_WIDTH || h < super::view::MIN_HEIGHT)
    }

    /// The keymap scope the user is in now (for hints and help).
    pub fn scope(&self) -> Scope {
        let typing_in = |s: &Session| {
            if s.jump.is_some() {
                Some(Scope::Jump)
            } else {
                s.search.active.then_some(Scope::Search)
            }
        };
        if let Some(o) = self.overlay() {
            return o.scope();
        }
        match &self.screen {
            Screen::Home if self.library.search.active => Scope::Search,
            Screen::Walk(s) => typing_in(s).unwrap_or_else(|| self.screen_scope()),
            _ => self.screen_scope(),
        }
    }

    /// What the help overlay lists: the keys of the dialog or screen under it.
    pub fn help_scope(&self) -> Scope {
        let under = match self.overlays.split_last() {
            Some((Overlay::Help(_), rest)) => rest.last(),
            _ => self.overlay(),
        };
        under.map_or_else(|| self.screen_scope(), Overlay::scope)
    }

    /// The conditions of the keymap's rows that hold now (for the footer).
    pub fn conditions(&self) -> Vec<keymap::When> {
        use keymap::When;
        let mut holds = Vec::new();
        if let Some(Overlay::Summary(super::overlays::Dialog::Conclusion(c))) = self.overlay()
            && c.focus == 1
        {
            holds.push(When::OnProposal);
        }
        let typing = match &self.screen {
            Screen::Home => self.library.search.active,
            Screen::Setup(f) => f.focus < setup::TEXT_FIELDS,
            Screen::Walk(s) => {
                if let Some(super::form::Field::Indicator(i)) = s.form.focused_field() {
                    let kind = s.criterion().indicators.get(i).map(|ind| ind.kind);
                    holds.push(match kind {
                        Some(crate::domain::IndicatorKind::Check) => When::Check,
                        Some(crate::domain::IndicatorKind::Choice) => When::Choice,
                        _ => When::LineField,
                    });
                }
                s.form.typing() || s.search.active || s.jump.is_some()
            }
            _ => false,
        };
        if !typing && self.overlays.is_empty() {
            holds.push(When::NotTyping);
        }
        if let Some(s) = self.session().filter(|s| s.read_only.is_none()) {
            use crate::domain::inspection::Status;
            holds.extend_from_slice(match s.inspection.status {
                Status::Draft => &[When::Editable, When::Draft][..],
                Status::Final => &[When::Final, When::Closed],
                Status::Sealed => &[When::Closed],
            });
        }
        holds
    }

    /// The scope of the screen under any dialog (what the help overlay lists).
    pub fn screen_scope(&self) -> Scope {
        match &self.screen {
            Screen::Home => Scope::Home,
            Screen::Setup(_) => Scope::Setup,
            Screen::Summary(_) => Scope::Summary,
            Screen::Dashboard(_) => Scope::Dashboard,
            Screen::Diff(_) => Scope::Diff,
            Screen::Walk(s) => match s.form.focused_field() {
                None => Scope::Walk,
                Some(super::form::Field::Recommendations) => Scope::Recommendations,
                Some(_) => Scope::Form,
            },
        }
    }
}

/// The one entry point: feed a message, get the effects.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        // Esc and a key arriving together over SSH read as Alt+key: both keys, in turn.
        Msg::Key(ev) => match keymap::split_alt(&ev) {
            Some([esc, key]) => {
                let mut effects = update(app, Msg::Key(esc));
                effects.extend(update(app, Msg::Key(key)));
                effects
            }
            None => key_msg(app, ev),
        },
        Msg::Paste(_) if app.too_small() => vec![],
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Resize(w, h) => {
            app.size = Some((w, h));
            vec![]
        }
        Msg::Edited { evidence, text } => super::walk::from_editor(app, evidence, &text),
        Msg::Notice(notice) => {
            app.notice = Some(notice);
            vec![]
        }
        Msg::HomeLoaded { rows, problems } => {
            let lib = &mut app.library;
            lib.rows = rows;
            lib.problems = problems;
            super::rows::rows_replaced(lib);
            lib.selected = lib.selected.min(lib.rows.len().saturating_sub(1));
            vec![]
        }
        Msg::HomeChanged(delta) => {
            super::rows::apply(&mut app.library, *delta);
            vec![]
        }
        Msg::Opened {
            inspection,
            catalog,
            read_only,
        } => {
            let session = Session::new(*inspection, *catalog, read_only);
            app.notice = session.why_not_editable();
            app.screen = Screen::Walk(Box::new(session));
            vec![]
        }
        Msg::Failed(text) => {
            app.notice = Some(Notice::Failed(text));
            vec![]
        }
        Msg::Saved(Ok(at)) => {
            app.dirty = false;
            if let Some(s) = app.screen.session_mut() {
                s.seal_broken = s.inspection.seal_broken(Some(&s.catalog.sha256));
            }
            app.saved_at = Some(at);
            // Saved: an error on the line is past (a notice that is not one stays).
            if app.notice.as_ref().is_some_and(Notice::is_error) {
                app.notice = None;
            }
            vec![]
        }
        Msg::Saved(Err(text)) => {
            app.notice = Some(Notice::SaveFailed(text));
            vec![]
        }
        Msg::DashboardLoaded(data) => {
            app.library.rollout = Some(*data);
            app.library.rollout_updating = false;
            vec![]
        }
        Msg::DiffLoaded(lines) => {
            app.screen = Screen::Diff(DiffState { lines, scroll: 0 });
            vec![]
        }
        Msg::Exported(Ok(path)) => {
            app.notice = Some(Notice::Exported(path));
            vec![]
        }
        Msg::Exported(Err(e)) => {
            app.notice = Some(Notice::Failed(e));
            vec![]
        }
        Msg::Recovery(offers) => {
            if !offers.is_empty() {
                app.overlays.push(Overlay::Recovery(
                    super::overlays::recovery::RecoveryDialog {
                        offers,
                        selected: 0,
                    },
                ));
            }
            vec![]
        }
    }
}

/// A key: handled, then a stale notice dropped on a new screen, a pending reason asked
/// when its field was left, and typing recorded once the field is left.
fn key_msg(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    let before = app.place();
    let notice_before = app.notice.clone();
    let invalid = app
        .session()
        .filter(|_| app.screen.kind() == ScreenKind::Walk)
        .and_then(|s| Some((s.selected, s.invalid_text()?)));
    let mut effects = on_key(app, ev);
    // A change recorded by this key makes an earlier notice ("cancelled, not recorded")
    // stale; a notice this key gave stays, and an error stays until it is past.
    let stale = effects.contains(&Effect::Save) && app.notice == notice_before;
    // A notice belongs to the screen it was given on; only a failed save (work not on
    // disk yet) follows the user to the next screen. On the same screen an error stays
    // until it is past.
    let moved = app.place().0 != before.0;
    let keep = match &app.notice {
        Some(Notice::SaveFailed(_)) => true,
        Some(n) => n.is_error() && !moved,
        None => false,
    };
    if (stale || moved) && !keep {
        app.notice = None;
    }
    // Text that is not a valid value was never stored: leaving its criterion drops it,
    // and the status line says so rather than letting it vanish.
    if let Some((at, n)) = invalid {
        let stays = app.screen.kind() == ScreenKind::Walk
            && app.session().is_some_and(|s| s.selected == at);
        if !stays {
            app.notice = Some(n);
        }
    }
    if !app.overlays.is_empty() || app.screen.kind() != ScreenKind::Walk {
        // `g` then a digit is a number only as the very next key of the list.
        if let Some(s) = app.screen.session_mut() {
            s.after_g = false;
        }
    }
    effects.extend(app.ask_pending_reason(before));
    app.settle_if_left(before, &mut effects);
    effects
}

fn on_key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    if ev.kind == KeyEventKind::Release {
        return vec![];
    }
    if keymap::lookup(Scope::Global, &ev) == Some(Action::ForceQuit) {
        // A typed reason is not dropped without a word: the first Ctrl-C asks.
        let typed = app
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Reason(r) if r.has_text()));
        if typed && !app.quit_armed {
            app.quit_armed = true;
            app.notice = Some(Notice::QuitDropsReason);
            return vec![];
        }
        app.quit = true;
        return vec![Effect::Quit];
    }
    app.quit_armed = false;
    if app.too_small() {
        // The screen is hidden: no key may edit what cannot be seen.
        return vec![];
    }
    if !app.overlays.is_empty() {
        return on_overlay_key(app, &ev);
    }
    if let Outcome::Consumed(effects) = super::conflict::on_walk_key(app, &ev) {
        return effects;
    }
    let outcome = match app.screen.kind() {
        ScreenKind::Home => home::on_key(app, &ev),
        ScreenKind::Setup => setup::on_key(app, &ev),
        ScreenKind::Walk => walk::on_key(app, &ev),
        ScreenKind::Summary => summary::on_key(app, &ev),
        ScreenKind::Dashboard => dashboard::on_key(app, &ev),
        ScreenKind::Diff => super::diff_view::on_key(app, &ev),
    };
    if let Outcome::Consumed(effects) = outcome {
        return effects;
    }
    let mut effects = Vec::new();
    // No text field took the key, so none is being typed in.
    match keymap::lookup_when(Scope::Global, &ev, &[keymap::When::NotTyping]) {
        Some(Action::Help) => app.overlays.push(Overlay::Help(Default::default())),
        Some(Action::Retry) if app.dirty => effects.push(Effect::Save),
        _ => {}
    }
    effects
}

/// A paste: into the one-line field that has the focus (its lines joined), or the
/// Walk screen's field, which saves it.
fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    // The editor's one-line paste: line breaks become spaces, a final one goes.
    if let Some(input) = app.focused_line() {
        input.paste(text);
        return vec![];
    }
    match (app.overlay(), app.screen.kind()) {
        (None, ScreenKind::Walk) => walk::on_paste(app, text),
        _ => vec![],
    }
}

impl App {
    /// The one-line field that takes typed text now outside the criterion form: a
    /// dialog's focused field, a search box, a Setup field.
    fn focused_line(&mut self) -> Option<&mut LineInput> {
        use super::overlays::Dialog as D;
        match self.overlays.last_mut() {
            Some(Overlay::Reason(r)) => return Some(&mut r.input),
            Some(Overlay::Recommendation(d)) => return d.fields.get_mut(d.focus),
            Some(Overlay::Summary(D::Conclusion(c))) if c.focus == 0 => return Some(&mut c.text),
            Some(Overlay::Summary(D::Seal(d))) => return Some(&mut d.name),
            Some(Overlay::Summary(D::Reopen(d))) => return Some(&mut d.reason),
            Some(Overlay::Summary(D::Export(d))) => return Some(&mut d.path),
            Some(Overlay::Summary(D::Facts(f))) => return f.fields.get_mut(f.focus),
            Some(_) => return None,
            None => {}
        }
        match &mut self.screen {
            Screen::Home if self.library.search.active => Some(&mut self.library.search.input),
            Screen::Setup(f) => f.inputs.get_mut(f.focus),
            Screen::Walk(s) if s.search.active => Some(&mut s.search.input),
            _ => None,
        }
    }
}

fn on_overlay_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(overlay) = app.overlays.last_mut() else {
        return vec![];
    };
    // Help over a dialog: Esc comes back to the dialog as it was left.
    if !matches!(overlay, Overlay::Help(_))
        && keymap::lookup(Scope::Global, ev) == Some(Action::Help)
    {
        app.overlays.push(Overlay::Help(Default::default()));
        return vec![];
    }
    match overlay {
        Overlay::Confirm(c) => {
            use super::overlays::confirm::{Answer, Confirm, on_key};
            match on_key(ev) {
                Answer::Wait => vec![],
                Answer::No => {
                    app.overlays.pop();
                    vec![]
                }
                Answer::Yes => {
                    let c = c.clone();
                    app.overlays.pop();
                    match c {
                        Confirm::RemoveRecommendation { code, index, .. } => {
                            app.remove_recommendation(&code, index)
                        }
                        Confirm::Archive { id, .. } => vec![Effect::Archive(id), Effect::LoadHome],
                    }
                }
            }
        }
        Overlay::Summary(_) => summary::on_dialog_key(app, ev),
        Overlay::Conflict { .. } => super::conflict::on_key(app, ev),
        Overlay::Help(_) => super::overlays::help::on_key(app, ev),
        Overlay::Reason(_) => super::overlays::reason::on_key(app, ev),
        Overlay::Recommendation(_) => super::overlays::recommendation::on_key(app, ev),
        Overlay::Recovery(_) => super::overlays::recovery::on_key(app, ev),
    }
}
