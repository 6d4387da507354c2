//! The console's state and its pure `update`: a key or a driver report comes in, the
//! state changes, and the effects the driver must carry out (load, save, quit) come out.
//! Nothing here touches the terminal or the disk.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::form::Form;
use super::input::{LineInput, edit_line};
use super::keymap::{self, Action, Scope};
use super::notice::Notice;
use super::theme::Look;
use super::{dashboard, home, setup, summary, walk};
use crate::domain::inspection::{AnswerEdit, EditError, NewInspection};
use crate::domain::{Catalog, Inspection, Lang, Progress};
use crate::i18n::{self, ui};

/// One inspection as listed on Home.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeRow {
    pub id: String,
    pub unit: String,
    pub district: String,
    pub date: jiff::civil::Date,
    pub status: crate::domain::inspection::Status,
    pub progress: Option<Progress>,
    /// Unresolved conflicts left by a merge.
    pub conflicts: usize,
    /// The file claims a seal that does not hold.
    pub seal_broken: bool,
}

/// A crash snapshot found in `recovery/`, offered at start.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub path: std::path::PathBuf,
    pub unit: String,
    pub id: String,
    pub saved_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Setup,
    Walk,
    Summary,
    Dashboard,
    /// Two inspections marked on Home, compared.
    Diff,
}

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

/// What the Dashboard shows: the roll-out across the data folder.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardData {
    pub rollout: crate::domain::rollout::Rollout,
    /// Criterion code → title, for the most-failed chart.
    pub titles: std::collections::HashMap<String, String>,
    pub skipped: usize,
    /// Sealed files whose seal does not hold, left out of the counts.
    pub broken_seals: usize,
    /// Open corrective actions past their due date.
    pub overdue: Vec<crate::domain::actions::ActionRow>,
}

/// The open inspection.
#[derive(Debug)]
pub struct Session {
    pub inspection: Inspection,
    pub catalog: Catalog,
    /// Why the inspection is read-only, when it is.
    pub read_only: Option<String>,
    /// Index of the selected criterion in catalog order.
    pub selected: usize,
    pub form: Form,
    pub search: Search,
    pub summary_scroll: u16,
    /// The inspection claims a seal that does not hold (checked when opened and saved).
    pub seal_broken: bool,
    /// The criterion and its answer as they were when typing in a field began: each key
    /// is saved at once, but the history gets one entry (old → new) when the field is left.
    pub typing_since: Option<(String, crate::domain::Answer)>,
    /// A value typed after a verdict that makes the verdict an override: kept in the field
    /// while typing, and the reason is asked when the field is left (never mid-edit).
    pub pending_override: Option<(usize, AnswerEdit)>,
    /// Answers as they were before each committed change (criterion code, answer), for
    /// undo while the console runs.
    pub undo: Vec<(String, crate::domain::Answer)>,
    /// Digits typed after `:` (or `g`), to go to a criterion by number.
    pub jump: Option<String>,
    /// The number was begun with `g`: it goes as soon as no longer number starts with
    /// what is typed (`g3`, `g12`), so no Enter and no pause is needed.
    pub jump_at_once: bool,
    /// The last key was `g`: a digit now begins a number instead of giving a verdict.
    pub after_g: bool,
    /// The list shows only the criteria not yet assessed.
    pub unassessed_only: bool,
    /// The criterion picked on the Summary (index among those not fully met).
    pub summary_pick: usize,
}

impl Session {
    pub fn new(inspection: Inspection, catalog: Catalog, read_only: Option<String>) -> Session {
        let form = Form::for_criterion(&catalog, &inspection, 0);
        let seal_broken = inspection.seal_broken(Some(&catalog.sha256));
        Session {
            seal_broken,
            inspection,
            catalog,
            read_only,
            selected: 0,
            form,
            search: Search::default(),
            summary_scroll: 0,
            typing_since: None,
            pending_override: None,
            undo: Vec::new(),
            jump: None,
            jump_at_once: false,
            after_g: false,
            unassessed_only: false,
            summary_pick: 0,
        }
    }

    /// Why nothing can be typed here, when that is so: a read-only console, or a final or
    /// sealed inspection. Such a console never enters a field.
    pub fn why_not_editable(&self) -> Option<Notice> {
        if let Some(why) = &self.read_only {
            return Some(Notice::ReadOnly(why.clone()));
        }
        let status = self.inspection.status;
        (status != crate::domain::inspection::Status::Draft).then_some(Notice::NotEditable(status))
    }

    pub fn criterion(&self) -> &crate::domain::Criterion {
        self.catalog
            .criteria()
            .nth(self.selected)
            .map(|(_, c)| c)
            .unwrap_or_else(|| &self.catalog.groups[0].criteria[0])
    }

    pub fn select(&mut self, index: usize) {
        let max = self.catalog.criterion_count().saturating_sub(1);
        self.selected = index.min(max);
        let focus = self.form.focus.is_some();
        self.form = Form::for_criterion(&self.catalog, &self.inspection, self.selected);
        if focus {
            self.form.focus = Some(0);
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
    pub overlay: Option<Overlay>,
    pub home_rows: Vec<HomeRow>,
    /// Home's search over the rows, kept in step with them (issue 11).
    pub home_view: super::rows::HomeView,
    pub home_problems: Vec<String>,
    pub home_selected: usize,
    pub home_search: Search,
    pub data_dir: String,
    pub catalogs: Vec<Catalog>,
    pub setup: setup::SetupForm,
    pub session: Option<Session>,
    pub dashboard: Option<DashboardData>,
    pub dashboard_scroll: usize,
    /// Ids of the inspections marked on Home for comparing (at most two).
    pub home_marked: Vec<String>,
    /// The comparison of the two marked inspections, as lines of text.
    pub diff: Option<Vec<String>>,
    pub diff_scroll: usize,
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
    Failed(String),
    Saved(Result<Timestamp, String>),
    Recovery(Vec<RecoveryOffer>),
    DashboardLoaded(Box<DashboardData>),
    /// The two marked inspections compared, as text lines.
    DiffLoaded(Vec<String>),
    Exported(Result<std::path::PathBuf, String>),
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
    /// Close the open inspection (release its lock).
    Close,
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
            overlay: None,
            home_rows: Vec::new(),
            home_view: super::rows::HomeView::default(),
            home_problems: Vec::new(),
            home_selected: 0,
            home_search: Search::default(),
            data_dir: String::new(),
            setup: setup::SetupForm::new(lang, catalogs.len()),
            catalogs,
            session: None,
            dashboard: None,
            dashboard_scroll: 0,
            home_marked: Vec::new(),
            diff: None,
            diff_scroll: 0,
            notice: None,
            saved_at: None,
            dirty: false,
            saving: false,
            quit: false,
            size: None,
            quit_armed: false,
        }
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
        match &self.overlay {
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
        match &self.overlay {
            Some(Overlay::Help(_)) => Scope::Help,
            Some(Overlay::Reason(_)) => Scope::Reason,
            Some(Overlay::Recommendation(_)) => Scope::Dialog,
            Some(Overlay::Recovery(_)) => Scope::Recovery,
            Some(Overlay::Summary(d)) => d.scope(),
            Some(Overlay::Conflict { .. }) => Scope::Conflict,
            Some(Overlay::Confirm(_)) => Scope::Confirm,
            None if self.screen == Screen::Home && self.home_search.active => Scope::Search,
            None => self
                .session
                .as_ref()
                .filter(|_| self.screen == Screen::Walk)
                .and_then(typing_in)
                .unwrap_or_else(|| self.screen_scope()),
        }
    }

    /// The conditions of the keymap's rows that hold now (for the footer).
    pub fn conditions(&self) -> Vec<keymap::When> {
        use keymap::When;
        let mut holds = Vec::new();
        if let Some(Overlay::Summary(super::overlays::Dialog::Conclusion(c))) = &self.overlay
            && c.focus == 1
        {
            holds.push(When::OnProposal);
        }
        let typing = match self.screen {
            Screen::Home => self.home_search.active,
            Screen::Setup => self.setup.focus < setup::TEXT_FIELDS,
            Screen::Walk => self.session.as_ref().is_some_and(|s| {
                if let Some(super::form::Field::Indicator(i)) = s.form.focused_field() {
                    let kind = s.criterion().indicators.get(i).map(|ind| ind.kind);
                    holds.push(match kind {
                        Some(crate::domain::IndicatorKind::Check) => When::Check,
                        Some(crate::domain::IndicatorKind::Choice) => When::Choice,
                        _ => When::LineField,
                    });
                }
                s.form.typing() || s.search.active || s.jump.is_some()
            }),
            _ => false,
        };
        if !typing && self.overlay.is_none() {
            holds.push(When::NotTyping);
        }
        holds
    }

    /// The scope of the screen under any dialog (what the help overlay lists).
    pub fn screen_scope(&self) -> Scope {
        match self.screen {
            Screen::Home => Scope::Home,
            Screen::Setup => Scope::Setup,
            Screen::Summary => Scope::Summary,
            Screen::Dashboard => Scope::Dashboard,
            Screen::Diff => Scope::Diff,
            Screen::Walk => match self.session.as_ref().and_then(|s| s.form.focused_field()) {
                None => Scope::Walk,
                Some(super::form::Field::Recommendations) => Scope::Recommendations,
                Some(_) => Scope::Form,
            },
        }
    }

    /// Apply an edit to the selected criterion; asks for a reason when it is an override.
    pub fn commit(&mut self, edit: AnswerEdit) -> Vec<Effect> {
        let lang = self.lang;
        let Some(s) = self.session.as_mut() else {
            return vec![];
        };
        if let Some(why) = &s.read_only {
            self.notice = Some(Notice::ReadOnly(why.clone()));
            return vec![];
        }
        let code = s.criterion().code.clone();
        // Keys typed into a field are saved as they come but recorded once, on leaving it.
        let typing = s.form.typing();
        if typing && s.typing_since.as_ref().is_none_or(|(c, _)| *c != code) {
            let before = s.inspection.answer(&code).cloned().unwrap_or_default();
            s.typing_since = Some((code.clone(), before));
        }
        let before = s.inspection.answer(&code).cloned().unwrap_or_default();
        match s
            .inspection
            .apply_with(&s.catalog, &code, &edit, &self.user, self.now, !typing)
        {
            Ok(true) => {
                if typing {
                    s.pending_override = None;
                } else {
                    s.undo.push((code.clone(), before));
                }
                s.form.refresh_from(&s.catalog, &s.inspection, s.selected);
                self.dirty = true;
                vec![Effect::Save]
            }
            Ok(false) => vec![],
            Err(EditError::OverrideNeedsReason { .. }) if typing => {
                // Never a dialog mid-edit: the field keeps what is typed, and the reason
                // is asked once the field is left.
                s.pending_override = Some((s.selected, edit));
                self.notice = Some(Notice::ReasonWhenLeaving);
                vec![]
            }
            Err(EditError::OverrideNeedsReason { chosen, suggestion }) => {
                s.pending_override = None;
                let line = ui::suggestion_line(lang, s.criterion(), &suggestion);
                self.overlay = Some(Overlay::Reason(super::overlays::reason::ReasonDialog::new(
                    edit,
                    ui::override_why(lang, chosen, suggestion.verdict, &line),
                )));
                vec![]
            }
            Err(e) => {
                // Indicators wanted before a verdict say so at their own field too.
                if let EditError::RequiredBeforeVerdict { indicators, .. } = &e {
                    let ids: Vec<String> = s
                        .catalog
                        .criterion(&code)
                        .map(|c| c.indicators.iter().map(|i| i.id.clone()).collect())
                        .unwrap_or_default();
                    for (k, id) in ids.iter().enumerate() {
                        if indicators.contains(id)
                            && let Some(slot) = s.form.errors.get_mut(k)
                        {
                            *slot = Some(i18n::programme::required_here(lang).into());
                        }
                    }
                }
                self.notice = Some(Notice::EditRefused(e));
                vec![]
            }
        }
    }
}

impl App {
    /// Remove recommendation `index` of criterion `code` (asked first, in a dialog).
    pub fn remove_recommendation(&mut self, code: &str, index: usize) -> Vec<Effect> {
        let Some(s) = self.session.as_ref() else {
            return vec![];
        };
        if s.criterion().code != code {
            return vec![];
        }
        let mut list = s
            .inspection
            .answer(code)
            .map(|a| a.recommendations.clone())
            .unwrap_or_default();
        if index >= list.len() {
            return vec![];
        }
        list.remove(index);
        self.commit(AnswerEdit {
            recommendations: Some(list),
            ..AnswerEdit::default()
        })
    }

    /// Where the typist is: the screen, the criterion and the field.
    fn place(&self) -> (Screen, Option<(usize, Option<usize>)>) {
        (
            self.screen,
            self.session.as_ref().map(|s| (s.selected, s.form.focus)),
        )
    }

    /// The typist left a field whose value turned the verdict into an override: ask why
    /// now, with the value still pending.
    fn ask_pending_reason(
        &mut self,
        before: (Screen, Option<(usize, Option<usize>)>),
    ) -> Vec<Effect> {
        if self.place() == before || self.overlay.is_some() {
            return vec![];
        }
        let Some(s) = self.session.as_mut() else {
            return vec![];
        };
        let Some((index, edit)) = s.pending_override.take() else {
            return vec![];
        };
        // Back at the criterion whose value is pending, out of the field, so the edit is
        // a committed one: the domain asks for the reason, and the dialog opens.
        s.form.focus = None;
        if s.selected != index {
            s.select(index);
        }
        self.notice = None;
        self.commit(edit)
    }

    /// Record what was typed in the field just left: one history entry per changed field,
    /// old → new. True when an entry was written (the inspection needs saving).
    pub fn settle(&mut self) -> bool {
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        let Some((code, before)) = s.typing_since.take() else {
            return false;
        };
        let after = s.inspection.answer(&code).cloned().unwrap_or_default();
        let n = s
            .inspection
            .record_answer_change(&code, &before, &after, &self.user, self.now);
        if n > 0 {
            self.dirty = true;
            s.undo.push((code, before));
        }
        n > 0
    }

    /// After a key: when the typist has left the field (or is leaving the inspection),
    /// its change goes into the history.
    fn settle_if_left(
        &mut self,
        before: (Screen, Option<(usize, Option<usize>)>),
        effects: &mut Vec<Effect>,
    ) {
        let leaving = effects
            .iter()
            .any(|e| matches!(e, Effect::Close | Effect::Quit));
        if (leaving || self.place() != before) && self.settle() && !effects.contains(&Effect::Save)
        {
            effects.insert(0, Effect::Save);
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
            app.home_rows = rows;
            app.home_problems = problems;
            super::rows::rows_replaced(app);
            app.home_selected = app.home_selected.min(app.home_rows.len().saturating_sub(1));
            vec![]
        }
        Msg::HomeChanged(delta) => {
            super::rows::apply(app, *delta);
            vec![]
        }
        Msg::Opened {
            inspection,
            catalog,
            read_only,
        } => {
            app.session = Some(Session::new(*inspection, *catalog, read_only));
            app.notice = app.session.as_ref().and_then(Session::why_not_editable);
            app.screen = Screen::Walk;
            vec![]
        }
        Msg::Failed(text) => {
            app.notice = Some(Notice::Failed(text));
            vec![]
        }
        Msg::Saved(Ok(at)) => {
            app.dirty = false;
            if let Some(s) = app.session.as_mut() {
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
            app.dashboard = Some(*data);
            vec![]
        }
        Msg::DiffLoaded(lines) => {
            app.diff = Some(lines);
            app.diff_scroll = 0;
            app.screen = Screen::Diff;
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
                app.overlay = Some(Overlay::Recovery(
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
    if app.overlay.is_some() || app.screen != Screen::Walk {
        // `g` then a digit is a number only as the very next key of the list.
        if let Some(s) = app.session.as_mut() {
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
        let typed = matches!(&app.overlay, Some(Overlay::Reason(r)) if r.has_text());
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
    if app.overlay.is_some() {
        return on_overlay_key(app, &ev);
    }
    if let Outcome::Consumed(effects) = super::conflict::on_walk_key(app, &ev) {
        return effects;
    }
    let outcome = match app.screen {
        Screen::Home => home::on_key(app, &ev),
        Screen::Setup => setup::on_key(app, &ev),
        Screen::Walk => walk::on_key(app, &ev),
        Screen::Summary => summary::on_key(app, &ev),
        Screen::Dashboard => dashboard::on_key(app, &ev),
        Screen::Diff => super::diff_view::on_key(app, &ev),
    };
    if let Outcome::Consumed(effects) = outcome {
        return effects;
    }
    let mut effects = Vec::new();
    // No text field took the key, so none is being typed in.
    match keymap::lookup_when(Scope::Global, &ev, &[keymap::When::NotTyping]) {
        Some(Action::Help) => app.overlay = Some(Overlay::Help(Default::default())),
        Some(Action::Retry) if app.dirty => effects.push(Effect::Save),
        _ => {}
    }
    effects
}

/// A paste: into the one-line field that has the focus (its lines joined), or the
/// Walk screen's field, which saves it.
fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    // CR LF is one break, so one space.
    let line = text.replace("\r\n", "\n").replace(['\r', '\n'], " ");
    if let Some(input) = app.focused_line() {
        input.insert_str(&line);
        return vec![];
    }
    match (&app.overlay, app.screen) {
        (None, Screen::Walk) => walk::on_paste(app, text),
        _ => vec![],
    }
}

impl App {
    /// The one-line field that takes typed text now outside the criterion form: a
    /// dialog's focused field, a search box, a Setup field.
    fn focused_line(&mut self) -> Option<&mut LineInput> {
        use super::overlays::Dialog as D;
        match &mut self.overlay {
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
        match self.screen {
            Screen::Home if self.home_search.active => Some(&mut self.home_search.input),
            Screen::Setup => self.setup.inputs.get_mut(self.setup.focus),
            Screen::Walk => self
                .session
                .as_mut()
                .filter(|s| s.search.active)
                .map(|s| &mut s.search.input),
            _ => None,
        }
    }
}

fn on_overlay_key(app: &mut App, ev: &KeyEvent) -> Vec<Effect> {
    let Some(overlay) = app.overlay.as_mut() else {
        return vec![];
    };
    match overlay {
        Overlay::Confirm(c) => {
            use super::overlays::confirm::{Answer, Confirm, on_key};
            match on_key(ev) {
                Answer::Wait => vec![],
                Answer::No => {
                    app.overlay = None;
                    vec![]
                }
                Answer::Yes => {
                    let c = c.clone();
                    app.overlay = None;
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
