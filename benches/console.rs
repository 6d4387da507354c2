//! The console at 1,000, 10,000 and 100,000 demo units (issue 11): what each path costs
//! on the UI thread, from key to drawn 80x24 frame, and what the workers take behind it.
//! The data is the folder `benches/scale.rs` generates once into
//! `target/bench-data/scale-<N>/` (never in CI). Compare each figure with the same path
//! at 1,000 files in the same run.
#![allow(clippy::unwrap_used)]

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use kiemtra::domain::Lang;
use kiemtra::store::{Catalogs, DataDir};
use kiemtra::tui::app::{App, Effect, Msg, ScreenKind, update};
use kiemtra::tui::dash_worker::DashWorker;
use kiemtra::tui::rows::Delta;
use kiemtra::tui::rows_worker::RowsWorker;
use kiemtra::tui::theme::Look;
use kiemtra::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

mod common;

use common::{SIZES, data};

fn main() {
    divan::main();
}

fn catalogs(data: &DataDir) -> Arc<Catalogs> {
    Arc::new(Catalogs::load(data).unwrap())
}

fn app(catalogs: &Catalogs) -> App {
    let list = catalogs.entries.iter().map(|(c, _)| c.clone()).collect();
    let mut app = App::new(Lang::Vi, Look::new(false, true), "b".into(), list);
    update(&mut app, Msg::Resize(80, 24));
    app
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::from(code)))
}

/// Take in the worker's deltas until `done` says so.
fn take_until(app: &mut App, rx: &Receiver<Delta>, done: impl Fn(&Delta) -> bool) {
    loop {
        let d = rx.recv().unwrap();
        let stop = done(&d);
        update(app, Msg::HomeChanged(Box::new(d)));
        if stop {
            return;
        }
    }
}

/// An App on Home with every row of the folder, read as the console reads them.
fn loaded(n: usize) -> (DataDir, Arc<Catalogs>, App, RowsWorker, Receiver<Delta>) {
    let data = data(n);
    let catalogs = catalogs(&data);
    let mut app = app(&catalogs);
    let (worker, rx) = RowsWorker::start(data.clone(), Arc::clone(&catalogs), Lang::Vi);
    worker.scan();
    take_until(&mut app, &rx, |d| d.problems.is_some());
    // The index is written last.
    while worker.busy() {
        std::thread::yield_now();
    }
    (data, catalogs, app, worker, rx)
}

/// The first Home frame with rows, from start: the worker starts, and the frame draws the
/// first rows it hands over under the gauge. Without the index that is the first chunk
/// of files read; with it, every row.
fn first_frame(
    data: &DataDir,
    catalogs: &Arc<Catalogs>,
    terminal: &mut Terminal<TestBackend>,
    last: &RefCell<Option<Worker>>,
) -> usize {
    let mut app = app(catalogs);
    let (worker, rx) = RowsWorker::start(data.clone(), Arc::clone(catalogs), Lang::Vi);
    worker.scan();
    take_until(&mut app, &rx, |d| !d.rows.is_empty());
    terminal.draw(|f| view::draw(&app, f)).unwrap();
    *last.borrow_mut() = Some((worker, rx));
    app.library.rows.len()
}

type Worker = (RowsWorker, Receiver<Delta>);

/// Let the last sample's worker finish what it does behind its first frame, untimed, so
/// that it does not share the cores with the next sample's start.
fn finish(last: &RefCell<Option<Worker>>) {
    if let Some((worker, _rx)) = last.borrow_mut().take() {
        while worker.busy() {
            std::thread::yield_now();
        }
    }
}

/// No index (first start, or it was removed): the first chunk of files read.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn first_home_frame_without_index(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    let catalogs = catalogs(&data);
    let index = kiemtra::tui::rows_index::path(&data);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let last = RefCell::new(None);
    bencher
        .with_inputs(|| {
            finish(&last);
            let _ = std::fs::remove_file(&index);
        })
        .bench_local_values(|()| first_frame(&data, &catalogs, &mut terminal, &last));
}

/// With the index a previous start left: every row at once.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn first_home_frame_from_index(bencher: divan::Bencher, n: usize) {
    // A full reading writes the index.
    let _ = loaded(n);
    let data = data(n);
    let catalogs = catalogs(&data);
    assert!(kiemtra::tui::rows_index::path(&data).is_file());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let last = RefCell::new(None);
    bencher
        .with_inputs(|| finish(&last))
        .bench_local_values(|()| first_frame(&data, &catalogs, &mut terminal, &last));
}

/// With the index: start to every row of the index merged into Home (the rest streamed in
/// after the first screenful), the UI thread's share included. The files are still
/// checked behind it (`rescan_background`).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn all_home_rows_from_index(bencher: divan::Bencher, n: usize) {
    let files = loaded(n).2.library.rows.len();
    let data = data(n);
    let catalogs = catalogs(&data);
    bencher.bench_local(|| {
        let mut app = app(&catalogs);
        let (worker, rx) = RowsWorker::start(data.clone(), Arc::clone(&catalogs), Lang::Vi);
        worker.scan();
        take_until(&mut app, &rx, |d| !d.rows.is_empty() && d.loading.is_none());
        assert_eq!(app.library.rows.len(), files);
    });
}

/// The UI thread's share of the above: merging the rest of the index (all but the first
/// screenful) into Home, as one delta (its search keys already folded by the worker).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn home_merge_index_rest(bencher: divan::Bencher, n: usize) {
    let (_data, catalogs, full, _worker, _rx) = loaded(n);
    let n = full.library.rows.len();
    let split = 256.min(n);
    bencher
        .with_inputs(|| {
            let mut app = app(&catalogs);
            let top = Delta {
                rows: full.library.rows[..split].to_vec(),
                fresh: true,
                loading: Some((split, n)),
                ..Delta::default()
            };
            update(&mut app, Msg::HomeChanged(Box::new(top)));
            // As the worker sends them: with the search keys folded on its threads.
            let rows = full.library.rows[split..].to_vec();
            let rest = Delta {
                keys: kiemtra::tui::rows::keys_of(&rows, 2),
                rows,
                fresh: true,
                ..Delta::default()
            };
            (app, rest)
        })
        .bench_local_values(|(mut app, rest)| {
            update(&mut app, Msg::HomeChanged(Box::new(rest)));
            app
        });
}

/// Start to every file read and checked (the gauge gone), behind the frame, without the
/// index.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn all_home_rows_background(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    let catalogs = catalogs(&data);
    let index = kiemtra::tui::rows_index::path(&data);
    bencher
        .with_inputs(|| {
            let _ = std::fs::remove_file(&index);
        })
        .bench_local_values(|()| {
            let mut app = app(&catalogs);
            let (worker, rx) = RowsWorker::start(data.clone(), Arc::clone(&catalogs), Lang::Vi);
            worker.scan();
            take_until(&mut app, &rx, |d| d.problems.is_some());
            app.library.rows.len()
        });
}

/// Esc from an open inspection back to Home: the key, the worker asked to look for
/// changes (in the background), and the Home frame drawn. Each round opens the
/// inspection again first (a message, no disk).
#[divan::bench(args = SIZES, sample_count = 20)]
fn esc_to_home(bencher: divan::Bencher, n: usize) {
    let (data, catalogs, mut app, worker, rx) = loaded(n);
    let id = app.library.rows[app.library.rows.len() / 2].id.clone();
    let inspection = data.load(&id).unwrap();
    let catalog = catalogs.entries[0].0.clone();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        update(
            &mut app,
            Msg::Opened {
                inspection: Box::new(inspection.clone()),
                catalog: Box::new(catalog.clone()),
                read_only: None,
            },
        );
        let effects = key(&mut app, KeyCode::Esc);
        assert!(effects.contains(&Effect::LoadHome));
        worker.scan();
        for d in rx.try_iter() {
            update(&mut app, Msg::HomeChanged(Box::new(d)));
        }
        terminal.draw(|f| view::draw(&app, f)).unwrap();
        assert_eq!(app.screen.kind(), ScreenKind::Home);
    });
}

/// What the worker does after that Esc, behind the frame: (size, mtime) of every file.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn rescan_background(bencher: divan::Bencher, n: usize) {
    let (_data, _catalogs, _app, worker, _rx) = loaded(n);
    bencher.bench_local(|| {
        worker.scan();
        while worker.busy() {
            std::thread::yield_now();
        }
    });
}

/// d on Home to the Dashboard frame, the roll-out from the cache (files unchanged).
#[divan::bench(args = SIZES, sample_count = 20)]
fn dashboard_open(bencher: divan::Bencher, n: usize) {
    let (data, _catalogs, mut app, worker, _rx) = loaded(n);
    let mut dash = DashWorker::default();
    dash.request(worker.generation(), &data, Lang::Vi, || {});
    while dash.busy() {
        if let Some(msg) = dash.take() {
            update(&mut app, msg);
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let effects = key(&mut app, KeyCode::Char('d'));
        assert_eq!(effects, vec![Effect::LoadDashboard]);
        // As the driver does: the roll-out shown stays while the files are unchanged.
        if let Some(msg) = dash.open(&mut app, worker.generation(), &data, Lang::Vi, || {}) {
            update(&mut app, msg);
        }
        assert!(app.library.rollout.is_some());
        terminal.draw(|f| view::draw(&app, f)).unwrap();
        key(&mut app, KeyCode::Esc);
    });
}

/// The first open after start: d on Home, the frame drawn at once (it says "reading"),
/// then the worker computing the roll-out, until the frame with the numbers.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn dashboard_first_open(bencher: divan::Bencher, n: usize) {
    let (data, _catalogs, mut app, worker, _rx) = loaded(n);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        // As after a start: nothing computed yet.
        let mut dash = DashWorker::default();
        app.library.rollout = None;
        key(&mut app, KeyCode::Char('d'));
        assert!(
            dash.open(&mut app, worker.generation(), &data, Lang::Vi, || {})
                .is_none()
        );
        terminal.draw(|f| view::draw(&app, f)).unwrap();
        assert!(app.library.rollout.is_none());
        shown_when_computed(&mut app, &mut dash, &mut terminal);
        key(&mut app, KeyCode::Esc);
    });
}

/// Wait for the Dashboard's worker and draw what it reports.
fn shown_when_computed(app: &mut App, dash: &mut DashWorker, terminal: &mut Terminal<TestBackend>) {
    while dash.busy() {
        match dash.take() {
            Some(msg) => {
                update(app, msg);
            }
            None => std::thread::yield_now(),
        }
    }
    assert!(app.library.rollout.is_some());
    terminal.draw(|f| view::draw(app, f)).unwrap();
}

/// Reopening the Dashboard after one file changed: the rows worker sees it (its rescan is
/// `rescan_background`), and the roll-out is computed again, until the frame with the
/// numbers. The file is written anew with the same bytes (a new file by rename: the bench
/// data is never written in place).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn dashboard_after_one_file_changed(bencher: divan::Bencher, n: usize) {
    let (data, _catalogs, mut app, worker, rx) = loaded(n);
    let mut dash = DashWorker::default();
    dash.request(worker.generation(), &data, Lang::Vi, || {});
    shown_when_computed(
        &mut app,
        &mut dash,
        &mut Terminal::new(TestBackend::new(80, 24)).unwrap(),
    );
    let path = data.inspection_path(&app.library.rows[n / 2].id);
    let bytes = std::fs::read(&path).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher
        .with_inputs(|| rewrite_and_rescan(&path, &bytes, &worker, &rx))
        .bench_local_values(|()| {
            key(&mut app, KeyCode::Char('d'));
            let cached = dash.open(&mut app, worker.generation(), &data, Lang::Vi, || {});
            assert!(cached.is_none(), "computed again");
            terminal.draw(|f| view::draw(&app, f)).unwrap();
            shown_when_computed(&mut app, &mut dash, &mut terminal);
            key(&mut app, KeyCode::Esc);
        });
}

/// d on Home after one file changed, to the first frame: the numbers of before, titled as
/// updating, while the worker computes the new ones (which `dashboard_after_one_file_changed`
/// waits for).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn dashboard_open_after_change_first_frame(bencher: divan::Bencher, n: usize) {
    let (data, _catalogs, app, worker, rx) = loaded(n);
    let app = RefCell::new(app);
    let dash = RefCell::new(DashWorker::default());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    dash.borrow_mut()
        .request(worker.generation(), &data, Lang::Vi, || {});
    shown_when_computed(&mut app.borrow_mut(), &mut dash.borrow_mut(), &mut terminal);
    let path = data.inspection_path(&app.borrow().library.rows[n / 2].id);
    let bytes = std::fs::read(&path).unwrap();
    bencher
        .with_inputs(|| {
            // The computation the last open started ends, and the Dashboard is left.
            let (mut app, mut dash) = (app.borrow_mut(), dash.borrow_mut());
            if dash.busy() {
                let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
                shown_when_computed(&mut app, &mut dash, &mut t);
            }
            key(&mut app, KeyCode::Esc);
            rewrite_and_rescan(&path, &bytes, &worker, &rx);
        })
        .bench_local_values(|()| {
            let (mut app, mut dash) = (app.borrow_mut(), dash.borrow_mut());
            key(&mut app, KeyCode::Char('d'));
            let shown = dash.open(&mut app, worker.generation(), &data, Lang::Vi, || {});
            assert!(shown.is_none() && app.library.rollout_updating);
            terminal.draw(|f| view::draw(&app, f)).unwrap();
        });
}

/// `path` written anew with the same bytes (a new file by rename: the bench data is never
/// written in place), and seen by the rows worker's rescan. Home is not drawn here: its
/// deltas are dropped.
fn rewrite_and_rescan(path: &Path, bytes: &[u8], worker: &RowsWorker, rx: &Receiver<Delta>) {
    let part = path.with_extension("bench-part");
    std::fs::write(&part, bytes).unwrap();
    std::fs::rename(&part, path).unwrap();
    let before = worker.generation();
    worker.scan();
    while worker.busy() {
        std::thread::yield_now();
    }
    let _ = rx.try_iter().count();
    assert_ne!(worker.generation(), before, "the change is seen");
}

/// The roll-out the Dashboard shows, computed on its worker when files changed.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn dashboard_compute_background(bencher: divan::Bencher, n: usize) {
    let data = data(n);
    bencher.bench_local(|| kiemtra::tui::dash_worker::compute(Lang::Vi, &data).is_ok());
}

/// j or k on Home (in the middle of the list) to the drawn frame.
#[divan::bench(args = SIZES, sample_count = 50)]
fn home_j_k(bencher: divan::Bencher, n: usize) {
    let (_data, _catalogs, mut app, _worker, _rx) = loaded(n);
    app.library.selected = app.library.rows.len() / 2;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        key(&mut app, KeyCode::Char(if down { 'j' } else { 'k' }));
        down = !down;
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}

/// One key typed into Home's search to the drawn frame, averaged over typing "phuong",
/// erasing it and leaving the search (narrowing keys filter the last hits; the others
/// filter every row).
#[divan::bench(args = SIZES, sample_count = 56)]
fn home_search_key(bencher: divan::Bencher, n: usize) {
    let (_data, _catalogs, mut app, _worker, _rx) = loaded(n);
    let mut cycle: Vec<KeyCode> = vec![KeyCode::Char('/')];
    cycle.extend("phuong".chars().map(KeyCode::Char));
    cycle.extend([KeyCode::Backspace; 6]);
    cycle.push(KeyCode::Esc);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut k = 0;
    bencher.bench_local(|| {
        key(&mut app, cycle[k % cycle.len()]);
        k += 1;
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}
