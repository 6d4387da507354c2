//! The data directory: bad files of every kind are named with their own reason and never
//! touched, temp files are invisible, the per-inspection lock keeps writers apart, and
//! saving is atomic, private and loses nothing.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use common::*;
use kiemtra::domain::inspection::{AnswerEdit, NewInspection, Team, Unit};
use kiemtra::domain::rule::IndicatorValue;
use kiemtra::domain::{Inspection, Verdict};
use kiemtra::store::{DataDir, default_catalog};
use proptest::prelude::*;

/// The guard for runs that could block on a named pipe.
const FIFO_LIMIT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------
// Bad files
// ---------------------------------------------------------------------------------------

/// What a bad entry looked like before kiemtra saw it, to prove it was left alone.
#[derive(Debug, PartialEq)]
enum Snapshot {
    File(Vec<u8>),
    Big {
        len: u64,
        modified: std::time::SystemTime,
    },
    Symlink {
        target: PathBuf,
        target_bytes: Vec<u8>,
    },
    Fifo,
    Folder(Vec<(String, Vec<u8>)>),
}

fn snapshot(path: &Path) -> Snapshot {
    let meta = fs::symlink_metadata(path).unwrap();
    let ft = meta.file_type();
    if ft.is_symlink() {
        let target = fs::read_link(path).unwrap();
        let target_bytes = fs::read(&target).unwrap();
        Snapshot::Symlink {
            target,
            target_bytes,
        }
    } else if ft.is_fifo() {
        Snapshot::Fifo
    } else if ft.is_dir() {
        let files = entries(path)
            .into_iter()
            .map(|n| {
                let b = fs::read(path.join(&n)).unwrap();
                (n, b)
            })
            .collect();
        Snapshot::Folder(files)
    } else if meta.len() > 1024 * 1024 {
        Snapshot::Big {
            len: meta.len(),
            modified: meta.modified().unwrap(),
        }
    } else {
        Snapshot::File(fs::read(path).unwrap())
    }
}

/// A data folder with one good inspection; returns its id.
fn with_one_good(kit: &Kit) -> String {
    let id = kit.new_inspection_with(&["--unit", "Công an phường Bến Nghé"]);
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    id
}

/// Run with the short guard: a run that blocks (e.g. on a named pipe) fails the test.
fn run(kit: &Kit, args: &[&str]) -> Output {
    run_guarded(kit.cmd(args), FIFO_LIMIT)
}

/// The checks every kind of bad file must pass. `name` is the entry in `inspections/`,
/// already in place next to the good inspection `good`; `word` is a distinctive part of
/// its own Vietnamese reason and `en_word` of the English one.
fn check_bad_entry(kit: &Kit, good: &str, name: &str, word: &str, en_word: &str) {
    let path = kit.inspections().join(name);
    let path_text = path.to_str().unwrap();
    let before = snapshot(&path);

    // (a) validate fails and names the file with its own reason.
    let out = run(kit, &["validate"]);
    assert_eq!(code(&out), 1, "{name}:\n{}", describe(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains(path_text))
        .unwrap_or_else(|| panic!("{name} is not named:\n{text}"));
    assert!(line.starts_with("LỖI"), "{name}: {line}");
    assert!(line.contains(word), "{name}: expected {word:?} in {line:?}");
    assert!(
        text.contains(&format!("{good}.json")),
        "the good file is still checked:\n{text}"
    );
    assert!(text.contains("1 tệp tốt, 1 tệp lỗi"), "{name}:\n{text}");

    let out = run(kit, &["--lang", "en", "validate"]);
    assert_eq!(code(&out), 1, "{name}:\n{}", describe(&out));
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains(path_text)).unwrap_or("");
    assert!(
        line.contains(en_word),
        "{name}: expected {en_word:?} in {line:?}"
    );

    // Naming the bad file itself gives the same verdict (a folder named on the command
    // line stands for the files in it, so that case is left out).
    if !matches!(before, Snapshot::Folder(_)) {
        let out = run(kit, &["validate", path_text]);
        assert_eq!(code(&out), 1, "{name}:\n{}", describe(&out));
        assert!(stdout(&out).contains(word), "{name}:\n{}", describe(&out));
    }

    // (b) list still works, shows the good one and names the bad file on stderr.
    let out = run(kit, &["list", "--json"]);
    assert_eq!(code(&out), 0, "{name}:\n{}", describe(&out));
    let list = json(&out);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{name}: only the good one is listed: {list}");
    assert_eq!(rows[0]["id"], good);
    let err = stderr(&out);
    assert!(
        err.contains(path_text),
        "{name}: the bad file is named on stderr: {err}"
    );
    assert!(err.contains(word), "{name}: with its reason: {err}");

    // The good inspection can still be worked on.
    let out = run(kit, &["set", good, "2", "--verdict", "met"]);
    assert_eq!(code(&out), 0, "{name}:\n{}", describe(&out));
    let out = run(kit, &["show", good, "--json"]);
    assert_eq!(json(&out)["progress"]["assessed"], 2, "{name}");

    // (c) the bad entry is still there, exactly as it was.
    assert_eq!(snapshot(&path), before, "{name} was changed");
    let mut names = entries(&kit.inspections());
    names.retain(|n| n != name);
    assert_eq!(
        names,
        vec![format!("{good}.json")],
        "nothing added, moved or removed"
    );
}

/// Copy a committed fixture from `tests/fixtures/bad/` next to a good inspection and run
/// the checks.
fn check_bad_fixture(file: &str, word: &str, en_word: &str) {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let src = fixture(&format!("bad/{file}"));
    fs::copy(&src, kit.inspections().join(file)).unwrap();
    check_bad_entry(&kit, &good, file, word, en_word);
    // The committed fixture itself is untouched too.
    assert_eq!(
        fs::read(&src).unwrap(),
        fs::read(kit.inspections().join(file)).unwrap()
    );
}

#[test]
fn bad_truncated() {
    check_bad_fixture("truncated.json", "cắt cụt", "truncated");
}

#[test]
fn bad_empty() {
    assert_eq!(fs::metadata(fixture("bad/empty.json")).unwrap().len(), 0);
    check_bad_fixture("empty.json", "rỗng", "empty");
}

#[test]
fn bad_invalid_utf8() {
    let bytes = fs::read(fixture("bad/invalid-utf8.json")).unwrap();
    assert!(bytes.windows(2).any(|w| w == [0xff, 0xfe]));
    check_bad_fixture("invalid-utf8.json", "UTF-8", "UTF-8");
}

#[test]
fn bad_wrong_types() {
    check_bad_fixture("wrong-types.json", "sai kiểu", "wrong type");
}

#[test]
fn a_newer_schema_opens_read_only_and_is_never_rewritten() {
    let kit = Kit::new();
    let id = "01a22665-74cc-7453-b112-11b7fcf6ab91";
    let path = kit.inspection_file(id);
    let mut text = fs::read_to_string(fixture("bad/future-schema.json")).unwrap();
    // A field this kiemtra does not know, as a newer one might write.
    text = text.replacen("{", "{\n  \"field_from_the_future\": {\"x\": 1},", 1);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, &text).unwrap();
    let before = fs::read(&path).unwrap();
    // Listed and shown, with a note that it is read-only here.
    let out = kit.run(&["list", "--json"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(json(&out)[0]["id"], id);
    assert!(stderr(&out).contains("schema 99"), "{}", describe(&out));
    let out = kit.run(&["--lang", "en", "show", id]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stderr(&out).contains("read-only"), "{}", describe(&out));
    // Any change is refused, naming why; the file stays as it was.
    let err = kit.fails(&["--lang", "en", "set", id, "1", "--verdict", "met"]);
    assert!(err.contains("newer kiemtra (schema 99"), "{err}");
    let err = kit.fails(&["finalize", id, "--confirm-incomplete"]);
    assert!(err.contains("schema 99"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn bad_missing_schema() {
    check_bad_fixture(
        "missing-schema.json",
        "thiếu schema_version",
        "no schema_version",
    );
}

#[test]
fn bad_not_an_object() {
    check_bad_fixture(
        "not-an-object.json",
        "không phải một đối tượng",
        "not an object",
    );
}

#[test]
fn bad_id_mismatch() {
    check_bad_fixture(
        "id-mismatch.json",
        "không khớp",
        "does not match the file name",
    );
}

#[test]
fn bad_id_mismatch_under_a_real_looking_name() {
    // The more likely case: a copy of one inspection saved under another inspection's id.
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let name = "01a00000-0000-7000-8000-000000000000.json";
    fs::copy(
        fixture("bad/id-mismatch.json"),
        kit.inspections().join(name),
    )
    .unwrap();
    check_bad_entry(&kit, &good, name, "không khớp", "does not match");
    // Named in full, it is refused with its reason; a prefix never resolves to it, since
    // the id inside is another (a planted file cannot take an id prefix).
    let err = kit.fails(&["show", name.trim_end_matches(".json")]);
    assert!(err.contains("không khớp"), "{err}");
    let err = kit.fails(&["show", "01a00000"]);
    assert!(err.contains("không có phiếu"), "{err}");
}

#[test]
fn bad_too_large() {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let name = "huge.json";
    let f = fs::File::create(kit.inspections().join(name)).unwrap();
    f.set_len(64 * 1024 * 1024).unwrap(); // sparse: far over the 8 MiB cap, costs no disk
    drop(f);
    check_bad_entry(&kit, &good, name, "quá lớn", "too large");
}

#[test]
fn bad_symlink_to_a_file_outside() {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let outside = kit.root().join("outside");
    fs::create_dir(&outside).unwrap();
    let target = outside.join("elsewhere.json");
    // The target is a perfectly good inspection: it must still not be followed.
    fs::write(&target, kit.file_bytes(&good)).unwrap();
    let name = "link.json";
    std::os::unix::fs::symlink(&target, kit.inspections().join(name)).unwrap();
    check_bad_entry(&kit, &good, name, "symlink", "symbolic link");
    assert!(
        fs::symlink_metadata(kit.inspections().join(name))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn bad_named_pipe_is_not_read_and_does_not_block() {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let name = "pipe.json";
    let out = Command::new("mkfifo")
        .arg(kit.inspections().join(name))
        .output()
        .unwrap();
    assert!(out.status.success(), "mkfifo failed: {out:?}");
    check_bad_entry(&kit, &good, name, "named pipe", "named pipe");
}

#[test]
fn bad_folder_named_like_a_file() {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let name = "x.json";
    let dir = kit.inspections().join(name);
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("inside.json"), b"{}").unwrap();
    check_bad_entry(&kit, &good, name, "thư mục", "folder");
}

#[test]
fn show_and_set_refuse_a_bad_file_and_leave_it_alone() {
    let kit = Kit::new();
    kit.new_inspection();
    let id = "01a00000-1111-7000-8000-000000000000";
    let path = kit.inspection_file(id);
    fs::copy(fixture("bad/future-schema.json"), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let err = kit.fails(&["show", id]);
    assert!(err.contains("không khớp"), "{err}");
    let err = kit.fails(&["set", id, "1", "--verdict", "met"]);
    assert!(err.contains("không khớp"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn schema_version_zero_is_not_called_newer() {
    // A file claiming schema 0 was never written by any kiemtra; it must be refused, but
    // telling the user it comes from a *newer* kiemtra (and to upgrade) is wrong.
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let text = String::from_utf8(kit.file_bytes(&good)).unwrap();
    let copy = kit.root().join(format!("{good}.json"));
    fs::write(
        &copy,
        text.replacen("\"schema_version\": 3,", "\"schema_version\": 0,", 1),
    )
    .unwrap();
    let out = kit.run(&["validate", copy.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    assert!(
        !text.contains("mới hơn"),
        "schema 0 is reported as newer:\n{text}"
    );
    let out = kit.run(&["--lang", "en", "validate", copy.to_str().unwrap()]);
    assert!(!stdout(&out).contains("newer"), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// Temp files
// ---------------------------------------------------------------------------------------

#[test]
fn leftover_temp_files_are_never_listed_or_loaded() {
    let kit = Kit::new();
    let good = with_one_good(&kit);
    let bytes = kit.file_bytes(&good);
    // A half-written temp of the good file, and a complete one of another inspection.
    let half = kit.inspections().join(format!(".{good}.json.123.0.tmp"));
    fs::write(&half, &bytes[..bytes.len() / 3]).unwrap();
    let other = "01a00000-2222-7000-8000-000000000000";
    let whole = kit.inspections().join(format!(".{other}.json.4567.3.tmp"));
    let text = String::from_utf8(bytes.clone())
        .unwrap()
        .replace(&good, other);
    fs::write(&whole, &text).unwrap();

    let out = kit.ok(&["validate"]);
    let report = stdout(&out);
    assert!(!report.contains(".tmp"), "{report}");
    assert!(report.contains("1 tệp tốt, 0 tệp lỗi"), "{report}");

    let out = kit.ok(&["list", "--json"]);
    let list = json(&out);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["id"], good.as_str());
    assert!(
        stderr(&out).is_empty(),
        "temp files are not even mentioned: {}",
        stderr(&out)
    );

    let err = kit.fails(&["show", other]);
    assert!(err.contains(other), "{err}");
    kit.fails(&["show", "."]);
    // The good one is unaffected and can be saved; the temp files are not loaded into it.
    kit.ok(&["set", &good, "2", "--verdict", "met"]);
    assert_eq!(kit.show_json(&good)["progress"]["assessed"], 2);
}

// ---------------------------------------------------------------------------------------
// Locking
// ---------------------------------------------------------------------------------------

#[test]
fn a_held_lock_refuses_set_and_names_the_holder() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let before = kit.file_bytes(&id);
    let lock = DataDir::at(&kit.data).lock(&id, "test").unwrap();

    let err = kit.fails(&["set", &id, "1", "--verdict", "met"]);
    assert!(err.contains("nơi khác"), "{err}");
    assert!(err.contains("(test,"), "the holder program is named: {err}");
    assert!(
        err.contains(&std::process::id().to_string()),
        "and its process: {err}"
    );
    assert_eq!(kit.file_bytes(&id), before, "a refused set changes nothing");
    let err = kit.fails(&["--lang", "en", "set", &id, "1", "--verdict", "met"]);
    assert!(err.contains("open elsewhere (test,"), "{err}");
    // Reading is not blocked by the lock.
    assert_eq!(kit.show_json(&id)["id"], id.as_str());
    // Locking by prefix resolves to the same lock.
    kit.fails(&["set", &id[..13], "1", "--verdict", "met"]);
    assert_eq!(kit.file_bytes(&id), before);

    drop(lock);
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert_eq!(kit.answer(&id, "I.1")["verdict"], "met");
}

#[test]
fn a_lock_on_one_inspection_does_not_block_another() {
    let kit = Kit::new();
    let a = kit.new_inspection();
    let b = kit.new_inspection();
    let _lock = DataDir::at(&kit.data).lock(&a, "test").unwrap();
    kit.ok(&["set", &b, "1", "--verdict", "met"]);
    kit.fails(&["set", &a, "1", "--verdict", "met"]);
}

#[test]
fn concurrent_sets_never_lose_a_reported_success() {
    let kit = Arc::new(Kit::new());
    let id = kit.new_inspection();
    let (mut succeeded, mut refused) = (0, 0);
    for round in 0..20usize {
        let codes = [1 + (2 * round) % 22, 1 + (2 * round + 1) % 22];
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = codes
            .iter()
            .enumerate()
            .map(|(side, number)| {
                let kit = Arc::clone(&kit);
                let barrier = Arc::clone(&barrier);
                let id = id.clone();
                let evidence = format!("vòng {round} bên {side}");
                let number = number.to_string();
                thread::spawn(move || {
                    let cmd = kit.cmd(&["set", &id, &number, "--evidence", &evidence]);
                    barrier.wait();
                    (number, evidence, run_guarded(cmd, RUN_LIMIT))
                })
            })
            .collect();
        let results: Vec<(String, String, Output)> =
            handles.into_iter().map(|h| h.join().unwrap()).collect();
        // The file always parses as a good inspection.
        let show = kit.show_json(&id);
        for (number, evidence, out) in &results {
            match code(out) {
                0 => {
                    succeeded += 1;
                    let code = code_of(number);
                    assert_eq!(
                        show["answers"][&code]["evidence"],
                        evidence.as_str(),
                        "round {round}: a reported success was lost"
                    );
                }
                1 => {
                    refused += 1;
                    assert!(
                        stderr(out).contains("nơi khác"),
                        "round {round}: a refusal says why:\n{}",
                        describe(out)
                    );
                }
                _ => panic!("round {round}: unexpected exit:\n{}", describe(out)),
            }
        }
        let mut names = entries(&kit.inspections());
        names.retain(|n| !n.starts_with('.'));
        assert_eq!(names, vec![format!("{id}.json")]);
    }
    assert!(
        succeeded >= 20,
        "at least one of each pair gets through ({succeeded})"
    );
    // Not asserted (timing decides), but shown with --nocapture.
    eprintln!("concurrent sets: {succeeded} saved, {refused} refused as open elsewhere");
    assert!(
        entries(&kit.inspections())
            .iter()
            .all(|n| !n.ends_with(".tmp")),
        "no temp files left"
    );
    json_file(&kit.inspection_file(&id));
}

/// The code of criterion `number` of the default catalog.
fn code_of(number: &str) -> String {
    let n: u32 = number.parse().unwrap();
    default_catalog()
        .criteria()
        .map(|(_, c)| c)
        .find(|c| c.number == n)
        .unwrap()
        .code
        .clone()
}

// ---------------------------------------------------------------------------------------
// Save and load through the library
// ---------------------------------------------------------------------------------------

fn sample(id: &str, unit: &str) -> Inspection {
    let catalog = default_catalog();
    Inspection::new(
        id.to_string(),
        &catalog,
        NewInspection {
            unit: Unit {
                name: unit.to_string(),
                ward: "Tân Chánh Hiệp".into(),
                district: "Quận 12".into(),
                province: "TP. Hồ Chí Minh".into(),
                ..Unit::default()
            },
            team: Team {
                leader: "Nguyễn Văn An".into(),
                members: vec!["Trần Thị Bình".into()],
                ..Team::default()
            },
            date: Some("2024-05-20".parse().unwrap()),
            ..NewInspection::default()
        },
        jiff::Timestamp::now(),
        "tester",
    )
}

#[test]
fn save_then_load_is_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path().join("data"));
    let catalog = default_catalog();
    let id = "01a00000-3333-7000-8000-000000000000";
    let mut i = sample(id, "Công an phường Tân Chánh Hiệp");
    let edit = AnswerEdit {
        verdict: Some(Some(Verdict::Met)),
        values: vec![
            (
                "safe_areas".into(),
                IndicatorValue::Ratio {
                    numerator: 16,
                    denominator: 25,
                },
            ),
            (
                "movement_rating".into(),
                IndicatorValue::Choice("good".into()),
            ),
            ("remarks".into(), IndicatorValue::Text("Ghi chú: ổn".into())),
        ],
        evidence: Some("Đã xem quyết định công nhận".into()),
        reason: Some("Khu dân cư mới sáp nhập".into()),
        ..AnswerEdit::default()
    };
    assert!(
        i.apply(&catalog, "III.1", &edit, "tester", jiff::Timestamp::now())
            .unwrap()
    );
    let counts = AnswerEdit {
        values: vec![
            ("crimes_this_year".into(), IndicatorValue::Count(u64::MAX)),
            ("crimes_last_year".into(), IndicatorValue::Count(0)),
        ],
        verdict: Some(Some(Verdict::NotMet)),
        ..AnswerEdit::default()
    };
    assert!(
        i.apply(&catalog, "II.2", &counts, "tester", jiff::Timestamp::now())
            .unwrap()
    );

    let path = data.save(&i).unwrap();
    assert_eq!(path, data.inspection_path(id));
    assert_eq!(data.load(id).unwrap(), i);
    // Saving again over the existing file is still the identity.
    assert_eq!(data.load(id).unwrap(), data.load(id).unwrap());
    data.save(&i).unwrap();
    assert_eq!(data.load(id).unwrap(), i);
}

#[test]
fn a_file_saved_by_the_library_is_good_for_the_binary() {
    let kit = Kit::new();
    let data = DataDir::at(&kit.data);
    let id = "01a00000-4444-7000-8000-000000000000";
    data.save(&sample(id, "Công an phường Đa Kao")).unwrap();
    let out = kit.ok(&["validate"]);
    assert!(
        stdout(&out).contains("1 tệp tốt, 0 tệp lỗi"),
        "{}",
        stdout(&out)
    );
    assert_eq!(kit.show_json(id)["unit"]["name"], "Công an phường Đa Kao");
    // And what the binary writes loads back through the library.
    kit.ok(&["set", id, "1", "--verdict", "met"]);
    let loaded = data.load(id).unwrap();
    assert_eq!(loaded.answer("I.1").unwrap().verdict, Some(Verdict::Met));
}

#[test]
fn atomic_save_leaves_no_temp_files_and_writes_private_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path().join("data"));
    let id = "01a00000-5555-7000-8000-000000000000";
    let mut i = sample(id, "Công an phường 1");
    data.save(&i).unwrap();
    let path = data.inspection_path(id);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&data.root), 0o700);
    assert_eq!(mode(&data.inspections()), 0o700);
    // Even if someone opened the file up, the next save makes it private again.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    for n in 0..10 {
        i.unit.name = format!("Công an phường {n}");
        data.save(&i).unwrap();
    }
    assert_eq!(mode(&path), 0o600);
    assert_eq!(entries(&data.inspections()), vec![format!("{id}.json")]);
    assert_eq!(data.load(id).unwrap().unit.name, "Công an phường 9");

    // Through the binary as well.
    let kit = Kit::new();
    let id = kit.new_inspection();
    for n in 1..=5 {
        kit.ok(&["set", &id, &n.to_string(), "--verdict", "met"]);
    }
    assert_eq!(entries(&kit.inspections()), vec![format!("{id}.json")]);
    assert_eq!(mode(&kit.inspection_file(&id)), 0o600);
}

fn verdict_strategy() -> impl Strategy<Value = Option<Option<Verdict>>> {
    prop_oneof![
        Just(None),
        Just(Some(None)),
        Just(Some(Some(Verdict::Met))),
        Just(Some(Some(Verdict::BasicallyMet))),
        Just(Some(Some(Verdict::NotMet))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn save_then_load_is_identity_for_any_content(
        unit in any::<String>(),
        ward in any::<String>(),
        verdict in verdict_strategy(),
        numerator in any::<u64>(),
        denominator in 1..=u64::MAX,
        rating in 0usize..3,
        remarks in any::<String>(),
        evidence in any::<String>(),
        reason in proptest::option::of(any::<String>()),
        crimes in any::<u64>(),
        second_verdict in verdict_strategy(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::at(tmp.path().join("data"));
        let catalog = default_catalog();
        let id = "01a00000-6666-7000-8000-000000000000";
        let mut i = sample(id, &unit);
        i.unit.ward = ward;
        let edit = AnswerEdit {
            verdict,
            values: vec![
                ("safe_areas".into(), IndicatorValue::Ratio { numerator, denominator }),
                (
                    "movement_rating".into(),
                    IndicatorValue::Choice(["excellent", "good", "average"][rating].into()),
                ),
                ("remarks".into(), IndicatorValue::Text(remarks)),
            ],
            evidence: Some(evidence),
            reason,
            ..AnswerEdit::default()
        };
        // An edit may be refused (an override without a reason); either way the
        // inspection in memory is what must come back.
        let _ = i.apply(&catalog, "III.1", &edit, "tester", jiff::Timestamp::now());
        let counts = AnswerEdit {
            verdict: second_verdict,
            values: vec![("very_serious_unsolved".into(), IndicatorValue::Count(crimes))],
            ..AnswerEdit::default()
        };
        let _ = i.apply(&catalog, "II.2", &counts, "tester", jiff::Timestamp::now());
        data.save(&i).unwrap();
        let loaded = data.load(id).unwrap();
        prop_assert_eq!(&loaded, &i);
        prop_assert_eq!(entries(&data.inspections()), vec![format!("{id}.json")]);
        prop_assert_eq!(mode(&data.inspection_path(id)), 0o600);
    }
}
