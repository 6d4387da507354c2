//! The cache of seal checks in `<data>/.cache/`: it is never the source of truth. Deleted,
//! truncated, garbage, stale or forged, it changes nothing `list` and `summary` say, a
//! broken seal never looks intact through it, and a cache that cannot be written fails
//! nothing. Other commands never take it for an inspection, and git never carries it.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::{Value, json};

const MAGIC: &[u8] = b"kiemtra seal cache v1\n";

fn cache_file(kit: &Kit) -> PathBuf {
    kit.data.join(".cache/seals-v1")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

/// A sealed inspection of `unit`.
fn sealed(kit: &Kit, unit: &str) -> String {
    let id = kit.new_inspection_with(&["--unit", unit]);
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    kit.ok(&["seal", &id, "--by", "Trần Thị Bình", "--confirm-incomplete"]);
    id
}

/// Change the unit's name in a sealed file, leaving the seal as it was: the seal is broken.
fn tamper(kit: &Kit, id: &str) {
    let path = kit.inspection_file(id);
    let mut v = read_json(&path);
    v["unit"]["name"] = json!("Công an phường Giả Mạo");
    fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

/// What `list --json` and `summary --json` say, the things a cache could get wrong.
fn outputs(kit: &Kit) -> (Value, Value) {
    let list = kit.list_json();
    let summary = json(&kit.ok(&["summary", "--json"]));
    (list, summary)
}

fn broken_in_list(list: &Value, id: &str) -> bool {
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap();
    row["seal_broken"].as_bool().unwrap()
}

fn excluded(summary: &Value) -> Vec<String> {
    summary["excluded_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_tampered_file_stays_broken_whatever_the_cache_holds() {
    let kit = Kit::new();
    let id = sealed(&kit, "Công an phường Bến Thành");
    let intact = kit.file_bytes(&id);
    let (list, summary) = outputs(&kit);
    assert!(!broken_in_list(&list, &id));
    assert_eq!(summary["units_inspected"], 1, "{summary}");
    let honest = fs::read(cache_file(&kit)).unwrap();
    assert!(honest.starts_with(MAGIC), "the cache was written");
    assert_eq!(
        fs::read_to_string(kit.data.join(".cache/.gitignore")).unwrap(),
        "# kiemtra's caches: never shared.\n*\n"
    );

    tamper(&kit, &id);
    let tampered = kit.file_bytes(&id);
    // A forger who can write the data folder but not read the user's key: the honest
    // cache, tags of the tampered bytes under keys of their own, and junk.
    let mut forged = honest.clone();
    for guess in [[0u8; 32], [0xff; 32], *b"kiemtra seal cache key, guessed!"] {
        forged.extend_from_slice(&kiemtra::store::seal_cache::tag(&guess, &tampered));
    }
    forged.extend_from_slice(b"\x00\x01junk");
    fs::write(cache_file(&kit), &forged).unwrap();
    let (list, summary) = outputs(&kit);
    assert!(broken_in_list(&list, &id), "{list}");
    assert_eq!(excluded(&summary), [id.as_str()], "{summary}");
    assert_eq!(summary["units_inspected"], 0, "{summary}");

    // The original bytes back: intact again (their entry was dropped meanwhile, so the
    // seal is checked in full, and remembered once more).
    fs::write(kit.inspection_file(&id), &intact).unwrap();
    let (list, summary) = outputs(&kit);
    assert!(!broken_in_list(&list, &id), "{list}");
    assert!(excluded(&summary).is_empty(), "{summary}");
    assert_eq!(fs::read(cache_file(&kit)).unwrap(), honest);
}

#[test]
fn a_deleted_truncated_garbage_or_stale_cache_changes_nothing() {
    let kit = Kit::new();
    let good = sealed(&kit, "Công an phường Sài Gòn");
    let bad = sealed(&kit, "Công an phường Tân Định");
    kit.new_inspection_with(&["--unit", "Công an phường Đa Kao"]);
    // Written while both seals held: stale once one of them is broken.
    outputs(&kit);
    let stale = fs::read(cache_file(&kit)).unwrap();
    tamper(&kit, &bad);
    fs::remove_dir_all(kit.data.join(".cache")).unwrap();
    let truth = outputs(&kit);
    assert!(!broken_in_list(&truth.0, &good) && broken_in_list(&truth.0, &bad));
    assert_eq!(excluded(&truth.1), [bad.as_str()]);
    assert_eq!(truth.1["inspections_read"], 2, "{}", truth.1);
    let fresh = fs::read(cache_file(&kit)).unwrap();
    assert_eq!(fresh.len(), MAGIC.len() + 16, "one intact seal remembered");

    let caches: [(&str, Vec<u8>); 5] = [
        ("stale", stale.clone()),
        ("truncated", stale[..MAGIC.len() + 20].to_vec()),
        (
            "garbage",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("empty", Vec::new()),
        ("header only", MAGIC.to_vec()),
    ];
    for (what, bytes) in caches {
        fs::write(cache_file(&kit), &bytes).unwrap();
        assert_eq!(outputs(&kit), truth, "with a {what} cache");
        assert_eq!(
            fs::read(cache_file(&kit)).unwrap(),
            fresh,
            "a {what} cache is rebuilt"
        );
    }
    fs::remove_file(cache_file(&kit)).unwrap();
    assert_eq!(outputs(&kit), truth, "with the cache deleted");
    // A folder where the cache file should be.
    fs::remove_file(cache_file(&kit)).unwrap();
    fs::create_dir(cache_file(&kit)).unwrap();
    assert_eq!(outputs(&kit), truth, "with a folder in the cache's place");
}

#[test]
fn a_cache_that_cannot_be_written_fails_nothing() {
    let kit = Kit::new();
    let id = sealed(&kit, "Công an phường Bến Nghé");
    // `.cache` is a file: no cache can be made (this works even for root, unlike chmod).
    fs::write(kit.data.join(".cache"), "not a folder").unwrap();
    let (list, summary) = outputs(&kit);
    assert!(!broken_in_list(&list, &id));
    assert_eq!(summary["units_inspected"], 1);
    tamper(&kit, &id);
    let (list, summary) = outputs(&kit);
    assert!(broken_in_list(&list, &id));
    assert_eq!(excluded(&summary), [id.as_str()]);
    assert_eq!(
        fs::read_to_string(kit.data.join(".cache")).unwrap(),
        "not a folder"
    );

    // `.cache` a link to another folder: nothing is written through it.
    let elsewhere = kit.root().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::remove_file(kit.data.join(".cache")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, kit.data.join(".cache")).unwrap();
    let (list, _) = outputs(&kit);
    assert!(broken_in_list(&list, &id));
    assert!(entries(&elsewhere).is_empty(), "{:?}", entries(&elsewhere));
}

#[test]
fn no_command_takes_the_cache_for_an_inspection_and_git_ignores_it() {
    let kit = Kit::new();
    sealed(&kit, "Công an phường Cầu Ông Lãnh");
    kit.new_inspection_with(&["--unit", "Công an phường Tân Định"]);
    kit.ok(&["list"]);
    assert!(cache_file(&kit).exists());
    assert_eq!(kit.list_json().as_array().unwrap().len(), 2);
    let out = kit.ok(&["--lang", "en", "validate"]);
    assert!(!describe(&out).contains(".cache"), "{}", describe(&out));
    let out = kit.ok(&["--lang", "en", "quarantine", "--dry-run"]);
    assert!(!describe(&out).contains(".cache"), "{}", describe(&out));

    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git not installed: the sync part is skipped");
        return;
    }
    let mut init = kit.cmd(&["--lang", "en", "sync", "init"]);
    init.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", kit.root().join("home/.gitconfig"));
    let out = run_guarded(init, RUN_LIMIT);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    kit.ok(&["summary"]);
    let status = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", kit.root().join("home/.gitconfig"))
        .arg("-C")
        .arg(&kit.data)
        .args([
            "status",
            "--porcelain",
            "--ignored=no",
            "--untracked-files=all",
        ])
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(!status.contains(".cache"), "{status}");
}
