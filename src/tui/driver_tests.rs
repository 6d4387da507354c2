//! The driver without a terminal (issue 11): saves on the worker while keys go on, Home's
//! rows kept up to date with the folder, the Dashboard cached until files change. The
//! workers are held or waited for, never timed.
#![allow(clippy::unwrap_used)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::domain::inspection::{NewInspection, Status, Unit};
use crate::store::default_catalog;

fn folder() -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().join("data"));
    (dir, data)
}

/// A new inspection of `unit`, written to the folder; its id.
fn add(data: &DataDir, unit: &str, day: i8) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let facts = NewInspection {
        unit: Unit {
            name: unit.into(),
            district: "Quận 1".into(),
            ..Unit::default()
        },
        date: Some(jiff::civil::date(2025, 6, day)),
        ..NewInspection::default()
    };
    let i = Inspection::new(id.clone(), &default_catalog(), facts, Timestamp::now(), "t");
    data.save(&i).unwrap();
    id
}

fn start(data: &DataDir) -> (Driver, App) {
    let catalogs = Catalogs::load(data).unwrap();
    let list = catalogs.entries.iter().map(|(c, _)| c.clone()).collect();
    let driver = Driver::new(data.clone(), catalogs, Lang::En, None);
    let mut app = App::new(Lang::En, Look::new(false, true), "t".into(), list);
    app.now = Timestamp::now();
    (driver, app)
}

/// Take in the workers' reports until none is busy.
fn settle(d: &mut Driver, app: &mut App) {
    loop {
        let busy = d.busy();
        // A report taken in may ask for more work (a saved file is read again).
        if !d.take_reports(app) && !busy {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn keys(d: &mut Driver, app: &mut App, keys: &[KeyCode]) {
    for k in keys {
        let effects = update(app, Msg::Key(KeyEvent::from(*k)));
        d.run_effects(app, effects);
    }
}

fn frame(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let f = t.draw(|f| view::draw(app, f)).unwrap();
    buffer_text(f.buffer)
}

fn units(app: &App) -> Vec<String> {
    super::super::rows::window(&app.library, 0, usize::MAX)
        .map(|r| r.unit.clone())
        .collect()
}

#[test]
fn keys_stay_responsive_while_a_save_is_slow_and_the_save_lands_after() {
    let (_t, data) = folder();
    let id = add(&data, "Công an phường Bến Thành", 1);
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome, Effect::Open(id.clone())]);
    assert_eq!(app.screen.kind(), super::super::app::ScreenKind::Walk);
    // The disk is slow: the worker holds every save.
    d.saver.hold(true);
    keys(&mut d, &mut app, &[KeyCode::Char('1')]);
    let s = app.session().unwrap();
    assert!(s.inspection.answer("I.1").unwrap().verdict.is_some());
    // The next frame is drawn, saying "Saving…", before the save has landed.
    assert!(frame(&app).contains("Saving…"), "{}", frame(&app));
    assert!(data.load(&id).unwrap().answer("I.1").is_none());
    // More keys are taken in meanwhile: the next criterion is selected and answered.
    keys(&mut d, &mut app, &[KeyCode::Char('n'), KeyCode::Char('3')]);
    assert_eq!(app.session().unwrap().selected, 1);
    assert!(data.load(&id).unwrap().answer("I.2").is_none());
    d.saver.hold(false);
    settle(&mut d, &mut app);
    let on_disk = data.load(&id).unwrap();
    assert!(on_disk.answer("I.1").unwrap().verdict.is_some());
    assert!(on_disk.answer("I.2").unwrap().verdict.is_some());
    assert!(!app.saving && !app.dirty);
    assert!(frame(&app).contains("Saved at"), "{}", frame(&app));
}

#[test]
fn a_failed_save_is_reported_and_a_later_retry_lands() {
    let (_t, data) = folder();
    let id = add(&data, "Công an xã Bình Mỹ", 1);
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::Open(id.clone())]);
    // A folder where the file should be: the rename onto it fails.
    let path = data.inspection_path(&id);
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    keys(&mut d, &mut app, &[KeyCode::Char('1')]);
    settle(&mut d, &mut app);
    let Some(Notice::SaveFailed(error)) = app.notice.clone() else {
        panic!("no save failure shown: {:?}", app.notice)
    };
    let error = error.text(app.lang);
    assert!(error.contains(&format!("{id}.json")), "{error}");
    assert!(app.dirty, "still unsaved, so it is retried");
    std::fs::remove_dir(&path).unwrap();
    // The retry the event loop makes after a quiet while (or r).
    d.run_effects(&mut app, vec![Effect::Save]);
    settle(&mut d, &mut app);
    assert!(!matches!(app.notice, Some(Notice::SaveFailed(_))) && !app.dirty);
    assert!(data.load(&id).unwrap().answer("I.1").is_some());
}

#[test]
fn home_follows_files_changed_added_and_removed_behind_the_consoles_back() {
    let (_t, data) = folder();
    let a = add(&data, "Công an phường An Khánh", 1);
    let b = add(&data, "Công an phường Bến Thành", 2);
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    // The first frame comes before the rows, with the gauge.
    assert!(frame(&app).contains("Loading"), "{}", frame(&app));
    settle(&mut d, &mut app);
    assert_eq!(
        units(&app),
        ["Công an phường Bến Thành", "Công an phường An Khánh"]
    );
    assert!(!frame(&app).contains("Loading"));
    // Another program renames a unit, adds an inspection and removes one.
    let mut changed = data.load(&a).unwrap();
    changed.unit.name = "Công an phường An Khánh (mới)".into();
    data.save(&changed).unwrap();
    add(&data, "Công an xã Cần Giờ", 3);
    std::fs::remove_file(data.inspection_path(&b)).unwrap();
    // Back to Home (Esc from an inspection asks for this).
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    assert_eq!(
        units(&app),
        ["Công an xã Cần Giờ", "Công an phường An Khánh (mới)"]
    );
    // A file that turns unreadable leaves the list and is named under it.
    std::fs::write(data.inspection_path(&a), b"{ not json").unwrap();
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    assert_eq!(units(&app), ["Công an xã Cần Giờ"]);
    assert!(
        app.library.problems.iter().any(|p| p.contains(&a)),
        "{:?}",
        app.library.problems
    );
}

#[test]
fn a_saved_inspection_shows_its_new_progress_on_home() {
    let (_t, data) = folder();
    let id = add(&data, "Công an phường Sài Gòn", 1);
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    assert_eq!(app.library.rows[0].progress.unwrap().assessed, 0);
    d.run_effects(&mut app, vec![Effect::Open(id)]);
    keys(&mut d, &mut app, &[KeyCode::Char('1'), KeyCode::Esc]);
    settle(&mut d, &mut app);
    assert_eq!(app.library.rows[0].progress.unwrap().assessed, 1);
}

#[test]
fn the_dashboard_is_kept_until_the_files_change() {
    let (_t, data) = folder();
    add(&data, "Công an phường Sài Gòn", 1);
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    // Computed behind Home's first reading: the first open shows it at once.
    assert_eq!(app.library.rollout.as_ref().unwrap().skipped, 0);
    assert!(d.effect(&mut app, Effect::LoadDashboard).is_none());
    assert!(!d.dash.busy() && !app.library.rollout_updating);
    settle(&mut d, &mut app);
    // Unchanged files: what is shown stays, nothing to compute.
    assert!(d.effect(&mut app, Effect::LoadDashboard).is_none());
    assert!(!d.dash.busy() && app.library.rollout.is_some());
    settle(&mut d, &mut app);
    // A new file (one the roll-out skips): computed again.
    let broken = data.inspection_path(&uuid::Uuid::now_v7().to_string());
    std::fs::write(broken, b"{").unwrap();
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    keys(&mut d, &mut app, &[KeyCode::Char('d')]);
    // Meanwhile the numbers of before stay on screen, marked as being updated.
    assert_eq!(app.library.rollout.as_ref().unwrap().skipped, 0);
    assert!(app.library.rollout_updating);
    let screen = frame(&app);
    assert!(screen.contains("Roll-out (updating...)"), "{screen}");
    assert!(screen.contains("In progress 1"), "{screen}");
    settle(&mut d, &mut app);
    assert_eq!(app.library.rollout.as_ref().unwrap().skipped, 1);
    assert!(!app.library.rollout_updating);
    let screen = frame(&app);
    assert!(!screen.contains("updating"), "{screen}");
}

#[test]
fn an_index_that_is_deleted_corrupt_or_stale_never_changes_what_home_shows() {
    let (_t, data) = folder();
    let a = add(&data, "Công an phường An Khánh", 1);
    let b = add(&data, "Công an phường Bến Thành", 2);
    let home = |data: &DataDir| {
        let (mut d, mut app) = start(data);
        d.run_effects(&mut app, vec![Effect::LoadHome]);
        settle(&mut d, &mut app);
        let rows: Vec<(String, String)> = super::super::rows::window(&app.library, 0, usize::MAX)
            .map(|r| (r.unit.clone(), r.id.clone()))
            .collect();
        rows
    };
    let pair = |unit: &str, id: &str| (unit.to_string(), id.to_string());
    assert_eq!(
        home(&data),
        [
            pair("Công an phường Bến Thành", &b),
            pair("Công an phường An Khánh", &a)
        ]
    );
    let index = super::super::rows_index::path(&data);
    assert!(index.is_file(), "written after the first reading");
    // Stale: a file changed, one removed and one added since the index was written.
    let mut changed = data.load(&a).unwrap();
    changed.unit.name = "Công an phường An Khánh (mới)".into();
    data.save(&changed).unwrap();
    std::fs::remove_file(data.inspection_path(&b)).unwrap();
    let c = add(&data, "Công an xã Cần Giờ", 3);
    let truth = [
        pair("Công an xã Cần Giờ", &c),
        pair("Công an phường An Khánh (mới)", &a),
    ];
    assert_eq!(home(&data), truth);
    // Corrupt: garbage, then cut short, then an entry that claims another file's
    // inspection.
    std::fs::write(&index, b"\x00{ garbage").unwrap();
    assert_eq!(home(&data), truth);
    let bytes = std::fs::read(&index).unwrap();
    std::fs::write(&index, &bytes[..bytes.len() * 2 / 3]).unwrap();
    assert_eq!(home(&data), truth);
    let text = std::fs::read_to_string(&index).unwrap();
    let claim = text.replace(&a, &c);
    assert_ne!(claim, text);
    std::fs::write(&index, claim).unwrap();
    assert_eq!(home(&data), truth);
    // An entry for a file that is gone.
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replace(&a, "0190a000-0000-7000-8000-00000000dead"),
    )
    .unwrap();
    assert_eq!(home(&data), truth);
    // Deleted: read from the files, and written again.
    std::fs::remove_file(&index).unwrap();
    assert_eq!(home(&data), truth);
    assert!(index.is_file());
}

/// "Sealed" is never taken from the index: a sealed file tampered with after the index was
/// written, its size and modified time put back, shows its broken seal once the rows are
/// checked behind the first frame.
#[test]
fn an_index_never_vouches_for_a_seal_of_a_file_changed_behind_its_back() {
    let (_t, data) = folder();
    let id = add(&data, "Công an phường Sài Gòn", 1);
    let catalog = default_catalog();
    let mut i = data.load(&id).unwrap();
    let now = Timestamp::now();
    i.finalize(&catalog, true, "t", now).unwrap();
    i.seal("Nguyễn Văn An", now, None).unwrap();
    data.save(&i).unwrap();
    let home = |data: &DataDir| {
        let (mut d, mut app) = start(data);
        d.run_effects(&mut app, vec![Effect::LoadHome]);
        settle(&mut d, &mut app);
        app.library.rows.clone()
    };
    let rows = home(&data);
    assert!(rows[0].status == Status::Sealed && !rows[0].seal_broken);
    assert!(super::super::rows_index::path(&data).is_file());
    // Same length, same modified time: only the bytes differ.
    let path = data.inspection_path(&id);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let forged = text.replace("phường Sài Gòn", "phường Tài Gòn");
    assert_eq!(forged.len(), text.len());
    std::fs::write(&path, forged).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let rows = home(&data);
    assert_eq!(rows[0].unit, "Công an phường Tài Gòn");
    assert!(rows[0].seal_broken, "{:?}", rows[0]);
}

/// A big folder (more rows than the first screenful) read from its index: the top of Home
/// comes first with a gauge, then the rest; a torn index loses no row and says nothing.
#[test]
fn a_big_index_gives_the_top_of_home_first_and_a_torn_one_loses_no_row() {
    let (_t, data) = folder();
    let id = add(&data, "Công an phường 000", 1);
    let text = std::fs::read_to_string(data.inspection_path(&id)).unwrap();
    // Copies under other ids, written plainly (no fsync): many files, quickly.
    let n = 300;
    for i in 1..n {
        let other = uuid::Uuid::now_v7().to_string();
        let copy = text
            .replace(&id, &other)
            .replace("phường 000", &format!("phường {i:03}"))
            .replace("2025-06-01", &format!("2025-06-{:02}", 1 + i % 28));
        let path = data.inspection_path(&other);
        std::fs::write(&path, copy).unwrap();
        // Private, as kiemtra writes them (else Home warns of it).
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    let truth = units(&app);
    assert_eq!(truth.len(), n);
    assert!(
        app.library.problems.is_empty(),
        "{:?}",
        app.library.problems
    );
    let index = super::super::rows_index::path(&data);
    assert!(index.is_file());

    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    let first = loop {
        let delta = d.row_deltas.recv().unwrap();
        if !delta.rows.is_empty() {
            break delta;
        }
    };
    let (shown, total) = first.loading.unwrap();
    assert!(shown < n && total == n, "{shown} of {total}");
    update(&mut app, Msg::HomeChanged(Box::new(first)));
    assert_eq!(units(&app), truth[..shown], "the top of Home, in order");
    assert!(frame(&app).contains(&truth[0]));
    settle(&mut d, &mut app);
    assert_eq!(units(&app), truth);
    assert_eq!(super::super::rows::loading(&app.library), None);

    // Torn: every row is still there, without a word, and the index is whole again.
    let bytes = std::fs::read(&index).unwrap();
    std::fs::write(&index, &bytes[..bytes.len() / 2]).unwrap();
    let (mut d, mut app) = start(&data);
    d.run_effects(&mut app, vec![Effect::LoadHome]);
    settle(&mut d, &mut app);
    assert_eq!(units(&app), truth);
    assert!(
        app.library.problems.is_empty(),
        "{:?}",
        app.library.problems
    );
    assert_eq!(std::fs::read(&index).unwrap().len(), bytes.len());
}
