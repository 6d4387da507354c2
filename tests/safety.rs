//! Data safety through the real binary: quarantine only on request, older schemas
//! migrated with the original kept, a warning when others can read the data, private
//! modes for everything created under `umask 000`.
#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use common::*;

/// Names (and file types) of the entries of a folder, for before/after comparisons.
fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            let kind = if t.is_symlink() {
                "link"
            } else if t.is_fifo() {
                "fifo"
            } else if t.is_dir() {
                "dir"
            } else {
                "file"
            };
            (
                e.file_name().to_string_lossy().into_owned(),
                kind.to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A data folder with one good inspection and every kind of bad file next to it.
fn corpus(kit: &Kit) -> (String, tempfile::TempDir) {
    let id = kit.new_inspection();
    let dir = kit.inspections();
    for entry in std::fs::read_dir(fixture("bad")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("elsewhere.json");
    std::fs::write(&target, kit.file_bytes(&id)).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("link.json")).unwrap();
    let ok = Command::new("mkfifo")
        .arg(dir.join("pipe.json"))
        .status()
        .unwrap();
    assert!(ok.success());
    std::fs::create_dir(dir.join("folder.json")).unwrap();
    std::fs::write(dir.join("huge.json"), vec![b' '; 9 * 1024 * 1024]).unwrap();
    (id, outside)
}

#[test]
fn bad_files_move_to_quarantine_only_when_asked_and_nothing_is_lost() {
    let kit = Kit::new();
    let (id, outside) = corpus(&kit);
    let before = listing(&kit.inspections());
    let bad_count = before.len() - 1;

    // Reading never moves anything: list, validate, show and a dry run leave it all.
    kit.ok(&["list", "--json"]);
    kit.run(&["validate"]);
    kit.ok(&["show", &id]);
    let dry = kit.ok(&["quarantine", "--dry-run"]);
    assert_eq!(
        stdout(&dry).lines().count(),
        bad_count,
        "{}",
        describe(&dry)
    );
    assert_eq!(listing(&kit.inspections()), before);
    assert!(!kit.data.join("quarantine").exists());

    let out = kit.ok(&["quarantine"]);
    let text = stdout(&out);
    for name in [
        "truncated.json",
        "empty.json",
        "link.json",
        "pipe.json",
        "folder.json",
        "huge.json",
    ] {
        assert!(text.contains(name), "{name} not reported:\n{text}");
    }
    // Only the good inspection stays; every bad entry is in quarantine/ with a note.
    assert_eq!(
        listing(&kit.inspections()),
        vec![(format!("{id}.json"), "file".to_string())]
    );
    let q = kit.data.join("quarantine");
    let moved = listing(&q);
    assert_eq!(
        moved
            .iter()
            .filter(|(n, _)| !n.ends_with(".why.txt"))
            .count(),
        bad_count
    );
    assert_eq!(
        moved
            .iter()
            .filter(|(n, _)| n.ends_with(".why.txt"))
            .count(),
        bad_count
    );
    assert!(
        moved.contains(&("link.json".into(), "link".into())),
        "a link stays a link"
    );
    assert!(moved.contains(&("pipe.json".into(), "fifo".into())));
    assert!(moved.contains(&("folder.json".into(), "dir".into())));
    let why = std::fs::read_to_string(q.join("truncated.json.why.txt")).unwrap();
    assert!(why.contains("cắt cụt"), "{why}");
    assert!(why.contains("mv "), "the note says how to recover: {why}");
    // The link's target outside the data folder was never touched.
    assert_eq!(
        std::fs::read(outside.path().join("elsewhere.json")).unwrap(),
        kit.file_bytes(&id)
    );
    assert_eq!(mode(&q), 0o700);
    kit.ok(&["validate"]);
    // Recovery: moving a file back brings it back to the checks.
    std::fs::rename(q.join("empty.json"), kit.inspections().join("empty.json")).unwrap();
    let out = kit.run(&["validate"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("empty.json"), "{}", describe(&out));
}

#[test]
fn console_and_list_still_start_with_the_bad_files_there() {
    let kit = Kit::new();
    let (id, _outside) = corpus(&kit);
    let out = kit.ok(&["list", "--json"]);
    let rows = json(&out);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["id"], id.as_str());
    let err = stderr(&out);
    for name in [
        "truncated.json",
        "link.json",
        "pipe.json",
        "folder.json",
        "huge.json",
        "future-schema.json",
    ] {
        assert!(err.contains(name), "{name} not named:\n{err}");
    }
}

#[test]
fn an_older_schema_is_read_then_written_new_with_the_original_kept() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let path = kit.inspection_file(&id);
    let v3 = std::fs::read_to_string(&path).unwrap();
    assert!(v3.contains("\"schema_version\": 3"));
    let v1 = v3.replace("\"schema_version\": 3", "\"schema_version\": 1");
    std::fs::write(&path, &v1).unwrap();
    // Reading does not rewrite.
    kit.ok(&["show", &id, "--json"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), v1);
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("\"schema_version\": 3"), "{now}");
    let kept = kit.data.join("migrated").join(format!("{id}.v1.json"));
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        v1,
        "the original, byte for byte"
    );
    kit.ok(&["set", &id, "2", "--verdict", "met"]);
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        v1,
        "never overwritten"
    );
    assert_eq!(mode(&kept), 0o600);
}

#[test]
fn data_readable_by_others_is_reported_with_a_one_line_fix() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let out = kit.ok(&["list"]);
    assert!(
        !stderr(&out).contains("chmod"),
        "private data gives no warning"
    );
    std::fs::set_permissions(
        kit.inspection_file(&id),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = kit.ok(&["list"]);
    let err = stderr(&out);
    assert!(err.contains("chmod -R go-rwx"), "{err}");
    assert!(err.contains(&kit.data.display().to_string()), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.contains("chmod")).count(),
        1,
        "one line: {err}"
    );
    let out = kit.run(&["--lang", "en", "list"]);
    assert!(stderr(&out).contains("other users on this machine"));
}

#[test]
fn everything_created_under_umask_000_is_private() {
    let kit = Kit::new();
    let out = umask0(&kit, &["new", "--unit", "Công an phường Bến Thành"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let id = first_line(&out);
    assert_eq!(
        code(&umask0(&kit, &["set", &id, "1", "--verdict", "met"])),
        0
    );
    let export_dir = kit.root().join("out");
    let export = export_dir.join("bien-ban.html");
    std::fs::create_dir(&export_dir).unwrap();
    assert_eq!(
        code(&umask0(
            &kit,
            &[
                "export",
                &id,
                "--format",
                "html",
                "-o",
                export.to_str().unwrap()
            ]
        )),
        0
    );
    assert_eq!(mode(&export), 0o600, "exported minutes");
    assert_eq!(code(&umask0(&kit, &["catalog", "list"])), 0);
    assert_eq!(
        code(&umask0(
            &kit,
            &[
                "new",
                "--unit",
                "X",
                "--catalog",
                small_catalog().to_str().unwrap()
            ]
        )),
        0
    );
    std::fs::write(kit.inspections().join("bad.json"), b"{").unwrap();
    assert_eq!(code(&umask0(&kit, &["quarantine"])), 0);
    for p in walk(&kit.data) {
        let m = mode(&p);
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        // The test wrote bad.json itself with the process umask; everything else is kiemtra's.
        if p.file_name().unwrap() == "bad.json" {
            continue;
        }
        assert_eq!(m, want, "{}", p.display());
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn temp_files_of_dead_writers_are_cleared_and_live_ones_kept() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let dir = kit.inspections();
    let dead = dir.join(format!(".{id}.json.4194303.0.tmp"));
    let alive = dir.join(format!(".{id}.json.{}.0.tmp", std::process::id()));
    std::fs::write(&dead, b"{\"partial").unwrap();
    std::fs::write(&alive, b"{\"partial").unwrap();
    let before = kit.file_bytes(&id);
    // Reading commands never touch them and never read them as inspections.
    assert_eq!(
        json(&kit.ok(&["list", "--json"])).as_array().unwrap().len(),
        1
    );
    assert!(dead.exists());
    kit.ok(&["quarantine"]);
    assert!(!dead.exists(), "the dead writer's partial copy is gone");
    assert!(alive.exists(), "a running writer's temp file is left alone");
    assert_eq!(kit.file_bytes(&id), before);
    assert!(
        !kit.data.join("quarantine").exists(),
        "temp files are not quarantined"
    );
}
