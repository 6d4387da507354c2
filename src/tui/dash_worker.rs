//! The Dashboard off the UI thread (issue 11): the roll-out of the whole folder is
//! computed on a worker thread and kept until the files change (the rows worker's
//! generation moves), so opening the Dashboard again costs a frame. What each file gave is
//! kept too (`dash_files`), so that after a change only the changed files are read again.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::app::{App, DashboardData, Msg};
use crate::domain::Lang;
use crate::store::DataDir;

/// The driver's handle: the cache and the computation running, if any.
pub struct DashWorker {
    tx: Sender<(u64, Result<DashboardData, String>)>,
    rx: Receiver<(u64, Result<DashboardData, String>)>,
    /// The last roll-out and the generation of the files it was computed from.
    cache: Option<(u64, DashboardData)>,
    /// The generation being computed now.
    running: Option<u64>,
    /// What each file gave the last computation.
    files: Arc<Mutex<super::dash_files::Files>>,
    /// A computation was ever started.
    started: bool,
}

impl Default for DashWorker {
    fn default() -> DashWorker {
        let (tx, rx) = channel();
        DashWorker {
            tx,
            rx,
            cache: None,
            running: None,
            files: Arc::default(),
            started: false,
        }
    }
}

impl DashWorker {
    /// The Dashboard is opened with the files at `generation`: what it shows stays when
    /// it is the roll-out of these files (nothing to copy, whatever the folder holds).
    /// Else it is computed again: an older roll-out stays on screen, marked as updating,
    /// until the worker reports (the first time it says "reading").
    pub fn open(
        &mut self,
        app: &mut App,
        generation: u64,
        data: &DataDir,
        lang: Lang,
        before: impl FnOnce() + Send + 'static,
    ) -> Option<Msg> {
        let fresh = self.cache.as_ref().is_some_and(|(g, _)| *g == generation);
        if fresh && app.library.rollout.is_some() {
            return None;
        }
        let shown = self.request(generation, data, lang, before);
        app.library.rollout_updating = shown.is_none() && app.library.rollout.is_some();
        shown
    }

    /// The Dashboard was asked for with the files at `generation`: the cached roll-out
    /// when it is of these files, else `None` (and a computation starts; `before` runs
    /// first on the worker, to let queued saves land).
    pub fn request(
        &mut self,
        generation: u64,
        data: &DataDir,
        lang: Lang,
        before: impl FnOnce() + Send + 'static,
    ) -> Option<Msg> {
        match &self.cache {
            Some((g, d)) if *g == generation => Some(Msg::DashboardLoaded(Box::new(d.clone()))),
            _ => {
                self.start(generation, data, lang, before);
                None
            }
        }
    }

    /// The cache is of older files than `generation` (and nothing newer is running).
    pub fn stale(&self, generation: u64) -> bool {
        self.running.is_none() && self.cache.as_ref().is_some_and(|(g, _)| *g != generation)
    }

    /// Compute again for `generation`, unless that is already running.
    pub fn start(
        &mut self,
        generation: u64,
        data: &DataDir,
        lang: Lang,
        before: impl FnOnce() + Send + 'static,
    ) {
        if self.running == Some(generation) {
            return;
        }
        self.running = Some(generation);
        self.started = true;
        let tx = self.tx.clone();
        let moved = data.clone();
        let files = Arc::clone(&self.files);
        let spawned = std::thread::Builder::new()
            .name("kiemtra-dashboard".into())
            .spawn(move || {
                before();
                let _ = tx.send((generation, update_files(&files, lang, &moved)));
            });
        if spawned.is_err() {
            // No thread: compute here, slower but shown.
            let _ = self
                .tx
                .send((generation, update_files(&self.files, lang, data)));
        }
    }

    /// Nothing was ever computed or asked for.
    pub fn untouched(&self) -> bool {
        !self.started
    }

    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// A finished computation, as the message for `update`.
    pub fn take(&mut self) -> Option<Msg> {
        let (generation, result) = self.rx.try_recv().ok()?;
        if self.running == Some(generation) {
            self.running = None;
        }
        match result {
            Ok(d) => {
                self.cache = Some((generation, d.clone()));
                Some(Msg::DashboardLoaded(Box::new(d)))
            }
            Err(e) => Some(Msg::Failed(super::error::ConsoleError::Worded(e))),
        }
    }
}

/// The Dashboard from the files kept, reading again what changed. One computation at a
/// time holds them (a later one waits and then reads only what changed meanwhile).
fn update_files(
    files: &Mutex<super::dash_files::Files>,
    lang: Lang,
    data: &DataDir,
) -> Result<DashboardData, String> {
    let mut files = files.lock().unwrap_or_else(|p| p.into_inner());
    files.compute(lang, data)
}

/// The roll-out of the folder, the criteria that fail most and the overdue actions, read
/// afresh (what `kiemtra summary` and `kiemtra actions` say of it).
pub fn compute(lang: Lang, data: &DataDir) -> Result<DashboardData, String> {
    super::dash_files::Files::default().compute(lang, data)
}

/// The same through `summary`'s and `actions`' own readings, to hold the Dashboard to them.
#[cfg(test)]
pub fn compute_as_summary(lang: Lang, data: &DataDir) -> Result<DashboardData, String> {
    let roster = ["roster.csv", "roster-demo.csv"]
        .iter()
        .map(|n| data.root.join(n))
        .find(|p| p.is_file());
    let renames = ["rename-map.csv", "rename-map-demo.csv"]
        .iter()
        .map(|n| data.root.join(n))
        .find(|p| p.is_file());
    let c = crate::report::rollout::compute(
        lang,
        data,
        None,
        roster.as_deref(),
        renames.as_deref(),
        None,
        8,
    )?;
    let titles = c
        .rollout
        .most_failed
        .iter()
        .map(|f| (f.criterion.clone(), c.title(lang, &f.criterion)))
        .collect();
    let today = jiff::ZonedDateTime::now().date();
    let overdue = crate::store::actions::collect(&data.inspections(), today)
        .map(|(rows, _)| {
            rows.into_iter()
                .filter(|r| r.overdue)
                .map(std::sync::Arc::new)
                .collect()
        })
        .unwrap_or_default();
    Ok(DashboardData {
        skipped: c.skipped.len(),
        broken_seals: c
            .excluded
            .iter()
            .filter(|e| e.reason_code == "broken_seal")
            .count(),
        // The Dashboard does not list the units.
        rollout: crate::domain::rollout::Rollout {
            units: Vec::new(),
            ..c.rollout
        },
        titles,
        overdue,
    })
}
