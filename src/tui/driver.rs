//! The driver: owns the terminal, the data directory and the inspection lock; reads
//! events, feeds `update`, carries out effects and draws only when something changed.
//! Leaving (signals, hang-up watchdog, panic snapshot) is in `exit`.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, EnableBracketedPaste, Event, KeyCode};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::app::{App, Effect, Msg, RecoveryOffer, update};
use super::dash_worker::DashWorker;
use super::error::ConsoleError;
use super::exit::{
    SHARED, Shared, Snapshot, hangup, install_panic_hook, restore_terminal, save_latest,
    spawn_signal_thread, spawn_watchdog,
};
use super::notice::Notice;
use super::rows_worker::RowsWorker;
use super::saver::{self, Saver};
use super::theme::Look;
use super::view;
use crate::domain::{Catalog, Inspection, Lang};
use crate::i18n::{self, ui};
use crate::store::{Catalogs, DataDir, InspectionLock, LockError, StoreError, fsx, json_files};

pub struct Options {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    pub data: DataDir,
    /// Who records changes (the configured inspector, else the login name).
    pub user: String,
    /// An inspection to open at once (`kiemtra walk ID`), by full id.
    pub open: Option<String>,
}

/// Open the console; returns when the user quits.
pub fn run(opts: Options) -> Result<ExitCode, String> {
    let lang = opts.lang;
    let catalogs = Catalogs::load(&opts.data).map_err(|e| i18n::store_error(lang, &e))?;
    let catalog_list: Vec<Catalog> = catalogs.entries.iter().map(|(c, _)| c.clone()).collect();
    let mut app = App::new(
        lang,
        Look::new(opts.ascii, opts.color),
        opts.user.clone(),
        catalog_list,
    );
    app.data_dir = opts.data.root.display().to_string();
    let _ = SHARED.set(Mutex::new(Shared {
        data: opts.data.clone(),
        latest: None,
        dirty: false,
        screen: String::new(),
    }));
    install_panic_hook();
    spawn_signal_thread().map_err(|e| e.to_string())?;
    enable_raw_mode().map_err(|e| e.to_string())?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableBracketedPaste) {
        restore_terminal();
        return Err(e.to_string());
    }
    spawn_watchdog();
    let mut terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            return Err(e.to_string());
        }
    };
    let mut driver = Driver::new(opts.data, catalogs, lang, Saver::delay_from_env());
    driver.saver.make_global();
    app.now = Timestamp::now();
    if let Ok(size) = terminal.size() {
        update(&mut app, Msg::Resize(size.width, size.height));
    }
    driver.data.remove_stale_temps();
    let mut first = vec![Effect::LoadHome];
    first.extend(opts.open.clone().map(Effect::Open));
    driver.run_effects(&mut app, first);
    let offers = driver.recovery_offers();
    update(&mut app, Msg::Recovery(offers));
    let result = driver.event_loop(&mut app, &mut terminal);
    let problem = save_latest();
    restore_terminal();
    drop(driver.lock.take());
    if let Some(p) = problem {
        return Err(p);
    }
    result.map(|_| ExitCode::SUCCESS)
}

struct Driver {
    data: DataDir,
    catalogs: Arc<Catalogs>,
    lock: Option<InspectionLock>,
    /// The screen was handed to another program: draw everything afresh.
    clear: bool,
    /// Saves run on this worker, off the input path (issue 11).
    saver: Saver,
    saves: std::sync::mpsc::Receiver<saver::Outcome>,
    /// Home's rows, read and kept up to date off the UI thread (issue 11).
    rows: RowsWorker,
    row_deltas: std::sync::mpsc::Receiver<super::rows::Delta>,
    home_asked: bool,
    dash: DashWorker,
}

/// How often the event loop looks at the workers' reports while they are busy.
const BUSY_POLL: Duration = Duration::from_millis(20);

impl Driver {
    fn new(data: DataDir, catalogs: Catalogs, lang: Lang, save_delay: Option<Duration>) -> Driver {
        let catalogs = Arc::new(catalogs);
        let (saver, saves) = Saver::start(data.clone(), save_delay);
        let (rows, row_deltas) = RowsWorker::start(data.clone(), Arc::clone(&catalogs), lang);
        Driver {
            data,
            catalogs,
            lock: None,
            clear: false,
            saver,
            saves,
            rows,
            row_deltas,
            home_asked: false,
            dash: DashWorker::default(),
        }
    }

    /// True while a worker has something to report: the loop then wakes to look.
    fn busy(&self) -> bool {
        self.saver.pending() || self.rows.busy() || self.dash.busy()
    }

    /// Take in what the workers report; true when the screen may have changed.
    fn take_reports(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        while let Ok(outcome) = self.saves.try_recv() {
            changed = true;
            if outcome.result.is_ok() {
                self.rows.saved(self.data.inspection_path(&outcome.id));
            }
            match outcome.result {
                // Only the latest save tells the status line "saved": an earlier one
                // landing says nothing about the edits queued after it.
                Ok(at) if outcome.seq == self.saver.last_seq() => {
                    if let Some(shared) = SHARED.get() {
                        shared.lock().unwrap_or_else(|p| p.into_inner()).dirty = false;
                    }
                    update(app, Msg::Saved(Ok(at)));
                }
                Ok(_) => {}
                Err(text) => {
                    // Unsaved until a later save lands: retried as before.
                    app.dirty = true;
                    update(app, Msg::Saved(Err(text)));
                }
            }
        }
        // What arrived since the last frame is merged into Home at once.
        let mut delta: Option<super::rows::Delta> = None;
        for d in self.row_deltas.try_iter() {
            match delta.as_mut() {
                Some(all) => all.absorb(d),
                None => delta = Some(d),
            }
        }
        if let Some(d) = delta {
            update(app, Msg::HomeChanged(Box::new(d)));
            changed = true;
        }
        let generation = self.rows.generation();
        // Computed again when the files changed under an open Dashboard; and first right
        // behind Home's first reading, so that opening it the first time shows the numbers
        // at once (at 100,000 files its first computation takes a quarter of a minute).
        let stale =
            app.screen.kind() == super::app::ScreenKind::Dashboard && self.dash.stale(generation);
        let first = self.home_asked && self.dash.untouched() && !self.rows.busy();
        if stale || first {
            let wait = self.saver.waiter();
            self.dash
                .start(generation, &self.data, app.lang, move || wait.wait());
            changed = true;
        }
        while let Some(msg) = self.dash.take() {
            update(app, msg);
            changed = true;
        }
        // Numbers shown while newer ones are computed are marked; a computation that
        // failed said so, and leaves the last known unmarked.
        let updating = app.library.rollout.is_some() && self.dash.busy();
        if app.library.rollout_updating != updating {
            app.library.rollout_updating = updating;
            changed = true;
        }
        let saving = self.saver.pending();
        if app.saving != saving {
            app.saving = saving;
            changed = true;
        }
        changed
    }

    fn event_loop(
        &mut self,
        app: &mut App,
        terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    ) -> Result<(), String> {
        let mut redraw = true;
        let panic_key = std::env::var_os("KIEMTRA_TEST_PANIC").is_some();
        loop {
            redraw |= self.take_reports(app);
            if std::mem::take(&mut self.clear) {
                let _ = terminal.clear();
                redraw = true;
            }
            if redraw {
                let frame = match terminal.draw(|f| view::draw(app, f)) {
                    Ok(f) => f,
                    // The terminal is gone: leave as on a hang-up, with the work saved.
                    Err(_) => hangup(),
                };
                let text = buffer_text(frame.buffer);
                if let Some(shared) = SHARED.get() {
                    shared.lock().unwrap_or_else(|p| p.into_inner()).screen = text;
                }
                redraw = false;
            }
            if app.quit {
                return Ok(());
            }
            // Block until something happens; wake to take in the workers' reports while
            // they are busy, and to retry a failed save.
            let busy = self.busy();
            // A worker may have reported (and gone idle) since the last look: take that
            // in before blocking on the terminal.
            if !busy && self.take_reports(app) {
                redraw = true;
                continue;
            }
            let ready = if busy {
                event::poll(BUSY_POLL).unwrap_or_else(|_| hangup())
            } else if app.dirty {
                event::poll(Duration::from_secs(3)).unwrap_or_else(|_| hangup())
            } else {
                true
            };
            if !ready && busy {
                continue;
            }
            if !ready {
                app.now = Timestamp::now();
                self.run_effects(app, vec![Effect::Save]);
                redraw = true;
                continue;
            }
            let mut events = vec![event::read().unwrap_or_else(|_| hangup())];
            while events.len() < 256 && event::poll(Duration::ZERO).unwrap_or_else(|_| hangup()) {
                events.push(event::read().unwrap_or_else(|_| hangup()));
            }
            app.now = Timestamp::now();
            let mut save = false;
            for ev in events {
                let msg = match ev {
                    Event::Key(k) => {
                        if panic_key && k.code == KeyCode::F(12) {
                            panic!("test panic requested with F12");
                        }
                        Msg::Key(k)
                    }
                    Event::Paste(p) => Msg::Paste(p),
                    Event::Resize(w, h) => Msg::Resize(w, h),
                    _ => continue,
                };
                let mut effects = update(app, msg);
                redraw = true;
                // Saves coalesce into one durable write per batch of keys; every other
                // effect runs before the next key, which may depend on it (Enter opens,
                // then 1 answers).
                save |= effects.contains(&Effect::Save);
                effects.retain(|e| *e != Effect::Save);
                self.run_effects(app, effects);
            }
            if save {
                self.run_effects(app, vec![Effect::Save]);
            }
        }
    }

    fn run_effects(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for effect in queue {
                if let Some(msg) = self.effect(app, effect) {
                    next.extend(update(app, msg));
                }
            }
            queue = next;
        }
    }

    fn effect(&mut self, app: &mut App, effect: Effect) -> Option<Msg> {
        let lang = app.lang;
        match effect {
            Effect::LoadHome => {
                // Issue 11: the rows stay in memory; the worker reads the folder the first
                // time (Home shows a gauge meanwhile) and later reads only what changed.
                let first = !std::mem::replace(&mut self.home_asked, true);
                self.rows.scan();
                first.then(|| {
                    Msg::HomeChanged(Box::new(super::rows::Delta {
                        loading: Some((0, 0)),
                        fresh: true,
                        ..Default::default()
                    }))
                })
            }
            Effect::Open(id) => {
                // The file must be read as the queued saves leave it, and their lock let go.
                self.saver.wait_idle();
                Some(self.open(lang, &id))
            }
            Effect::Create(facts, index) => {
                let catalog = self.catalogs.entries.get(index).map(|(c, _)| c.clone())?;
                let id = uuid::Uuid::now_v7().to_string();
                let inspection = Inspection::new(id.clone(), &catalog, *facts, app.now, &app.user);
                match self.data.save(&inspection) {
                    Ok(path) => self.rows.saved(path),
                    Err(e) => return Some(Msg::Failed(ConsoleError::store(e))),
                }
                Some(self.open(lang, &id))
            }
            Effect::Save => self.queue_save(app),
            Effect::Close(inspection) => {
                self.close(app, *inspection);
                None
            }
            Effect::ApplyRecovery(path) => {
                self.saver.wait_idle();
                Some(self.apply_recovery(&path))
            }
            Effect::DiscardRecovery(path) => {
                let dir = self.data.recovery().join("discarded");
                let moved = self
                    .data
                    .ensure(&dir)
                    .map_err(ConsoleError::store)
                    .and_then(|_| {
                        move_into(&path, &dir).map_err(|e| ConsoleError::io(Some(path.clone()), e))
                    });
                moved.err().map(Msg::Failed)
            }
            Effect::LoadDashboard => {
                // Issue 11: from the cache when the files are unchanged, else computed on
                // a worker (after the queued saves) and reported when done.
                self.rows.scan();
                let wait = self.saver.waiter();
                let generation = self.rows.generation();
                self.dash
                    .open(app, generation, &self.data, lang, move || wait.wait())
            }
            Effect::Archive(id) => {
                self.saver.wait_idle();
                Some(self.archive(&id))
            }
            Effect::EditExternally { evidence, text } => {
                Some(self.edit_externally(evidence, &text))
            }
            Effect::Diff(a, b) => {
                self.saver.wait_idle();
                Some(self.diff(lang, &a, &b))
            }
            Effect::Export { format, path } => {
                let s = app.session()?;
                Some(Msg::Exported(export(s, lang, format, &path).map(|()| path)))
            }
            Effect::Quit => {
                app.quit = true;
                None
            }
        }
    }

    /// Hand the open inspection to the save worker; `Msg::Saved` comes when it is written.
    fn queue_save(&mut self, app: &mut App) -> Option<Msg> {
        // Queued for the save worker; `Msg::Saved` comes when it is written. Until
        // then the latest state waits in SHARED for any way out to write.
        let inspection = app.session()?.inspection.clone();
        self.queue_save_of(app, inspection);
        None
    }

    /// Hand `inspection` to the save worker.
    fn queue_save_of(&mut self, app: &mut App, inspection: Inspection) {
        if let Some(shared) = SHARED.get() {
            let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
            s.latest = Some(inspection.clone());
            s.dirty = true;
        }
        self.saver.save(inspection);
        app.saving = true;
    }

    fn close(&mut self, app: &mut App, inspection: Inspection) {
        // What was settled on leaving is written while the lock is still held:
        // the worker lets go of the lock after the saves queued before it.
        if app.dirty {
            self.queue_save_of(app, inspection);
        }
        if let Some(lock) = self.lock.take() {
            self.saver.release_after(lock);
        }
        if let Some(shared) = SHARED.get() {
            let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
            if !s.dirty {
                s.latest = None;
            }
        }
    }

    fn open(&mut self, lang: Lang, id: &str) -> Msg {
        self.lock = None;
        let mut read_only = None;
        match self.data.lock(id, "kiemtra") {
            Ok(lock) => self.lock = Some(lock),
            Err(StoreError::Lock(LockError::Held { holder })) => {
                read_only = Some(i18n::lock_held(lang, holder.as_ref()));
            }
            Err(e) => read_only = Some(ui::cannot_write(lang, &e)),
        }
        let inspection = match self.data.load(id) {
            Ok(i) => i,
            Err(e) => {
                self.lock = None;
                return Msg::Failed(ConsoleError::store(e));
            }
        };
        let c = &inspection.catalog;
        let Some(catalog) = self.catalogs.find(&c.id, &c.version, &c.sha256).cloned() else {
            self.lock = None;
            return Msg::Failed(ConsoleError::UnknownCatalog {
                id: c.id.clone(),
                version: c.version.clone(),
            });
        };
        let newest = crate::domain::inspection::SCHEMA_VERSION;
        if inspection.schema_version > newest {
            read_only = Some(i18n::trust::newer_schema_read_only(
                lang,
                inspection.schema_version,
                newest,
            ));
        }
        // A final or sealed inspection keeps its lock (it may be reopened here) but cannot
        // be edited: the domain refuses, and the header says so.
        if read_only.is_some() {
            self.lock = None;
        }
        if let Some(shared) = SHARED.get() {
            let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
            s.latest = Some(inspection.clone());
            s.dirty = false;
        }
        Msg::Opened {
            inspection: Box::new(inspection),
            catalog: Box::new(catalog),
            read_only,
        }
    }

    fn diff(&self, lang: Lang, a: &str, b: &str) -> Msg {
        let open = |id: &str| -> Result<(Inspection, crate::domain::Catalog), ConsoleError> {
            let i = self.data.load(id).map_err(ConsoleError::store)?;
            let c = &i.catalog;
            let catalog = self
                .catalogs
                .find(&c.id, &c.version, &c.sha256)
                .cloned()
                .ok_or_else(|| ConsoleError::UnknownCatalog {
                    id: c.id.clone(),
                    version: c.version.clone(),
                })?;
            Ok((i, catalog))
        };
        match (open(a), open(b)) {
            (Ok((x, xc)), Ok((y, yc))) => {
                let d = crate::domain::diff::compare(&x, &xc, &y, &yc, lang);
                let text = crate::report::diff::text(lang, &d);
                Msg::DiffLoaded(text.lines().map(str::to_string).collect())
            }
            (Err(e), _) | (_, Err(e)) => Msg::Failed(e),
        }
    }

    fn recovery_offers(&self) -> Vec<RecoveryOffer> {
        let Ok(files) = json_files(&self.data.recovery()) else {
            return Vec::new();
        };
        files
            .into_iter()
            .filter_map(|path| {
                let bytes = fsx::read_regular(&path).ok()?;
                let snap: Snapshot = serde_json::from_slice(&bytes).ok()?;
                let local = snap
                    .saved_at
                    .to_zoned_datetime(jiff::tz::TimeZone::system());
                Some(RecoveryOffer {
                    unit: snap
                        .inspection
                        .as_ref()
                        .map(|i| i.unit.name.clone())
                        .unwrap_or_default(),
                    id: snap
                        .inspection
                        .as_ref()
                        .map(|i| i.id.clone())
                        .unwrap_or_default(),
                    saved_at: local.strftime("%Y-%m-%d %H:%M").to_string(),
                    path,
                })
            })
            .collect()
    }

    /// Hand a long text to `$VISUAL` or `$EDITOR` (as git does: a shell command, so it may
    /// carry flags), with the console's screen put away meanwhile; the text comes back.
    fn edit_externally(&mut self, evidence: bool, text: &str) -> Msg {
        let editor = ["VISUAL", "EDITOR"]
            .iter()
            .filter_map(std::env::var_os)
            .find(|v| !v.is_empty())
            .map(|v| v.to_string_lossy().into_owned())
            .unwrap_or_else(|| "vi".into());
        let file = tempfile::Builder::new()
            .prefix("kiemtra-")
            .suffix(".txt")
            .tempfile()
            .and_then(|mut f| {
                use std::io::Write;
                f.write_all(text.as_bytes())?;
                f.write_all(b"\n")?;
                Ok(f)
            });
        let file = match file {
            Ok(f) => f,
            Err(e) => return Msg::Failed(ConsoleError::io(None, e)),
        };
        restore_terminal();
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(file.path())
            .status();
        let _ = enable_raw_mode();
        let _ = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste);
        self.clear = true;
        match status {
            Ok(st) if st.success() => match std::fs::read_to_string(file.path()) {
                Ok(text) => Msg::Edited { evidence, text },
                Err(e) => Msg::Failed(ConsoleError::io(None, e)),
            },
            _ => Msg::Failed(ConsoleError::Editor(editor)),
        }
    }

    /// Move an inspection file to `archive/` beside `inspections/`: never deleted, and
    /// only while no other console holds it.
    fn archive(&mut self, id: &str) -> Msg {
        let lock = match self.data.lock(id, "kiemtra") {
            Ok(l) => l,
            Err(e) => return Msg::Failed(ConsoleError::store(e)),
        };
        let from = self.data.inspection_path(id);
        let dir = self.data.root.join("archive");
        if let Err(e) = self.data.ensure(&dir) {
            return Msg::Failed(ConsoleError::store(e));
        }
        let moved = move_into(&from, &dir);
        drop(lock);
        match moved {
            Ok(()) => Msg::Notice(Notice::Archived(dir.join(format!("{id}.json")))),
            Err(e) => Msg::Failed(ConsoleError::io(Some(from), e)),
        }
    }

    fn apply_recovery(&mut self, path: &Path) -> Msg {
        let snap: Option<Snapshot> = fsx::read_regular(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let Some(inspection) = snap.and_then(|s| s.inspection) else {
            return Msg::Failed(ConsoleError::BadSnapshot(path.to_path_buf()));
        };
        let lock = match self.data.lock(&inspection.id, "kiemtra") {
            Ok(l) => l,
            Err(e) => return Msg::Failed(ConsoleError::store(e)),
        };
        if let Err(e) = self.data.save(&inspection) {
            return Msg::Failed(ConsoleError::store(e));
        }
        drop(lock);
        let dir = self.data.recovery().join("applied");
        if let Err(e) = self.data.ensure(&dir) {
            return Msg::Failed(ConsoleError::store(e));
        }
        if let Err(e) = move_into(path, &dir) {
            return Msg::Failed(ConsoleError::io(None, e));
        }
        Msg::Notice(Notice::Restored {
            unit: inspection.unit.name.clone(),
        })
    }
}

fn move_into(path: &Path, dir: &Path) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default();
    std::fs::rename(path, dir.join(name))?;
    std::fs::File::open(dir)?.sync_all()
}

/// The text of a drawn frame, one line per row.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out =
        String::with_capacity(usize::from(buf.area.width + 1) * usize::from(buf.area.height));
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[path = "driver_tests.rs"]
mod tests;

/// Write the open inspection as a report at `path` (Summary's export dialog).
fn export(
    s: &super::app::Session,
    lang: Lang,
    format: &str,
    path: &Path,
) -> Result<(), ConsoleError> {
    let r = crate::report::Report {
        inspection: &s.inspection,
        catalog: &s.catalog,
        lang,
        made_at: Timestamp::now(),
    };
    let bytes = crate::report::render(&r, format);
    let path_buf = path.to_path_buf();
    path.parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        .map_or(Ok(()), fsx::ensure_private_dir)
        .map_err(|e| ConsoleError::io(Some(path_buf.clone()), e))?;
    // Only a new file or a regular one is replaced, as with `export -o`.
    match fsx::check_output_target(path) {
        Ok(None) => {}
        Ok(Some(target)) => {
            return Err(ConsoleError::OutputRefused {
                path: path_buf,
                target,
            });
        }
        Err(e) => {
            return Err(ConsoleError::OutputUnreadable {
                path: path_buf,
                error: std::sync::Arc::new(e),
            });
        }
    }
    fsx::write_atomic(path, &bytes).map_err(|e| ConsoleError::Write(std::sync::Arc::new(e)))
}
