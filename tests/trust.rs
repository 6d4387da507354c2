//! Trusting what a file says, beyond seals: unknown fields kept, duplicate keys refused,
//! the audit trail (from `set` and from a console walk), and the smaller guards (lock
//! wait, private parents, quarantine, plain messages, id prefixes).
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};

const UNIT: &str = "Công an phường Tân Chánh Hiệp";

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn write_json(path: &Path, v: &Value) {
    fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

#[test]
fn unknown_fields_survive_set_and_a_duplicate_key_is_refused() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&[
        "set",
        &id,
        "1",
        "--recommend",
        "Bổ sung",
        "--verdict",
        "met",
    ]);
    let path = kit.inspection_file(&id);
    let mut v = read_json(&path);
    v["x_top"] = json!({"a": [1, 2]});
    v["answers"]["I.1"]["x_answer"] = json!(true);
    v["answers"]["I.1"]["recommendations"][0]["x_rec"] = json!("r");
    v["unit"]["x_unit"] = json!(1);
    v["team"]["x_team"] = json!(2);
    write_json(&path, &v);
    kit.ok(&["set", &id, "1", "--evidence", "Sổ sách"]);
    kit.ok(&["set", &id, "2", "--verdict", "met"]);
    let after = read_json(&path);
    assert_eq!(after["x_top"], json!({"a": [1, 2]}));
    assert_eq!(after["answers"]["I.1"]["x_answer"], true);
    assert_eq!(after["answers"]["I.1"]["recommendations"][0]["x_rec"], "r");
    assert_eq!(after["unit"]["x_unit"], 1);
    assert_eq!(after["team"]["x_team"], 2);
    assert_eq!(after["answers"]["I.1"]["evidence"], "Sổ sách");

    // The same key twice: refused, naming where.
    let text = fs::read_to_string(&path).unwrap();
    let doubled = text.replacen(
        "\"evidence\": \"Sổ sách\",",
        "\"evidence\": \"Sổ sách\",\n      \"evidence\": \"Khác\",",
        1,
    );
    assert_ne!(doubled, text);
    fs::write(&path, doubled).unwrap();
    let err = kit.fails(&["--lang", "en", "show", &id]);
    assert!(
        err.contains("answers.I.1.evidence") && err.contains("twice"),
        "{err}"
    );
    let out = kit.run(&["--lang", "en", "validate"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("answers.I.1.evidence"),
        "{}",
        describe(&out)
    );
}

#[test]
fn a_catalog_with_a_duplicate_key_is_refused() {
    let kit = Kit::new();
    let text = fs::read_to_string(small_catalog()).unwrap();
    assert!(text.contains("\"version\""));
    let doubled = kit.root().join("doubled.json");
    fs::write(&doubled, text.replacen('{', "{\n  \"version\": \"9\",", 1)).unwrap();
    let err = kit.fails(&[
        "--lang",
        "en",
        "catalog",
        "validate",
        doubled.to_str().unwrap(),
    ]);
    assert!(err.contains("the key version appears twice"), "{err}");
}

#[test]
fn log_shows_who_when_and_old_to_new() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&[
        "set",
        &id,
        "2",
        "--value",
        "staffing_level=24/25",
        "--by",
        "Hà",
    ]);
    kit.ok(&[
        "set",
        &id,
        "2",
        "--value",
        "staffing_level=25/25",
        "--by",
        "Hà",
    ]);
    kit.ok(&[
        "set",
        &id,
        "2",
        "--evidence",
        "Danh sách quân số",
        "--by",
        "Bình",
    ]);
    let out = kit.ok(&["log", &id, "--json"]);
    let log = json(&out);
    let entries = log.as_array().unwrap();
    let last3: Vec<&Value> = entries.iter().rev().take(3).rev().collect();
    assert_eq!(last3[0]["path"], "answers.I.2.values.staffing_level");
    assert_eq!(last3[0]["old"], Value::Null);
    assert_eq!(last3[0]["by"], "Hà");
    assert_eq!(last3[1]["old"]["ratio"]["numerator"], 24);
    assert_eq!(last3[1]["new"]["ratio"]["numerator"], 25);
    assert_eq!(last3[2]["path"], "answers.I.2.evidence");
    assert_eq!(last3[2]["new"], "Danh sách quân số");
    assert_eq!(last3[2]["by"], "Bình");
    assert!(
        last3
            .iter()
            .all(|e| e["at"].is_string() && e["criterion"] == "I.2")
    );
    let text = stdout(&kit.ok(&["log", &id]));
    assert!(
        text.contains("Bình  answers.I.2.evidence: null → \"Danh sách quân số\""),
        "{text}"
    );
    // A very long text is kept whole in the answer, and by its digest in the history, so
    // that editing it many times cannot grow the file past what kiemtra reads.
    let long = "Biên bản ".repeat(1000).trim_end().to_string();
    kit.ok(&["set", &id, "2", "--evidence", &long]);
    let log = json(&kit.ok(&["log", &id, "--json"]));
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["old"], "Danh sách quân số");
    assert_eq!(last["new"]["bytes"], long.len());
    let digest = kiemtra::domain::catalog::sha256_hex(long.as_bytes());
    assert_eq!(last["new"]["sha256"], digest.as_str());
    assert_eq!(kit.answer(&id, "I.2")["evidence"], long.as_str());
    // Status changes are entries too.
    kit.ok(&["finalize", &id, "--confirm-incomplete"]);
    let log = json(&kit.ok(&["log", &id, "--json"]));
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (
            last["path"].clone(),
            last["old"].clone(),
            last["new"].clone()
        ),
        (json!("status"), json!("draft"), json!("final"))
    );
}

#[test]
fn set_waits_for_a_short_holder_and_names_a_long_one() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let data = kiemtra::store::DataDir::at(&kit.data);
    // Held for a moment by another short command: set waits and succeeds.
    let lock = data.lock(&id, "kiemtra set").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(lock);
    });
    let start = Instant::now();
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert!(start.elapsed() >= Duration::from_millis(250));
    releaser.join().unwrap();
    // Held for longer than the wait: refused, naming the holder and how long it held it.
    let _held = data.lock(&id, "kiemtra seal").unwrap();
    let start = Instant::now();
    let err = kit.fails(&[
        "--lang",
        "en",
        "set",
        &id,
        "2",
        "--verdict",
        "met",
        "--wait",
        "0.2",
    ]);
    assert!(start.elapsed() >= Duration::from_millis(200));
    assert!(
        err.contains("kiemtra seal") && err.contains("held for"),
        "{err}"
    );
}

#[test]
fn missing_parents_of_the_data_dir_are_private_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let kit = Kit::new();
    let deep = kit.root().join("a/b/data");
    let mut c = hermetic(Command::new("sh"), kit.root());
    c.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(bin())
        .arg("--data-dir")
        .arg(&deep)
        .args(["new", "--unit", UNIT]);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    for p in ["a", "a/b", "a/b/data"] {
        let m = fs::metadata(kit.root().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(m, 0o700, "{p} is {m:o}");
    }
}

#[test]
fn quarantine_never_follows_a_linked_folder_and_never_overwrites() {
    let kit = Kit::new();
    kit.new_inspection();
    let bad = kit.inspections().join("bad.json");
    fs::write(&bad, b"{ not json").unwrap();
    // quarantine/ is a link to somewhere else: refused, nothing moved.
    let elsewhere = kit.root().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, kit.data.join("quarantine")).unwrap();
    let err = kit.fails(&["--lang", "en", "quarantine"]);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(bad.exists());
    assert!(entries(&elsewhere).is_empty());
    // A real folder holding an orphaned note of the same name: both are kept.
    fs::remove_file(kit.data.join("quarantine")).unwrap();
    fs::create_dir(kit.data.join("quarantine")).unwrap();
    let orphan = kit.data.join("quarantine/bad.json.why.txt");
    fs::write(&orphan, "an old note").unwrap();
    kit.ok(&["quarantine"]);
    assert_eq!(fs::read_to_string(&orphan).unwrap(), "an old note");
    let kept = entries(&kit.data.join("quarantine"));
    assert!(kept.contains(&"bad.json.1".to_string()), "{kept:?}");
    assert!(kept.contains(&"bad.json.1.why.txt".to_string()), "{kept:?}");
}

#[test]
fn messages_use_plain_words_for_bom_socket_and_device() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(kit.file_bytes(&id));
    fs::write(kit.inspection_file(&id), bytes).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(kit.inspections().join("s.json")).unwrap();
    let out = kit.run(&["--lang", "en", "validate"]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("UTF-8 BOM"), "{text}");
    assert!(text.contains("socket"), "{text}");
    let out = kit.run(&["--lang", "en", "validate", "/dev/null"]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("device"), "{text}");
    for out in [
        kit.run(&["--lang", "en", "verify", "/dev/null"]),
        kit.run(&["--lang", "en", "summary", "--roster", "/dev/null"]),
    ] {
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !text.contains("os error") && !text.contains("NotRegular"),
            "{text}"
        );
    }
}

#[test]
fn an_id_prefix_resolves_only_to_ids_inside_valid_files() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let prefix = &id[..8];
    // A planted file named with the prefix: a copy under another name, and garbage.
    fs::write(
        kit.inspections().join(format!("{prefix}-planted.json")),
        kit.file_bytes(&id),
    )
    .unwrap();
    fs::write(kit.inspections().join(format!("{prefix}zz.json")), b"{}").unwrap();
    let shown = kit.show_json(prefix);
    assert_eq!(shown["id"], id.as_str());
}

#[test]
fn a_console_walk_typing_evidence_gives_one_entry_per_field_in_log() {
    let kit = Kit::new();
    let id = kit.new_inspection_with(&["--unit", UNIT]);
    let mut c = common::pty::Console::open_first(&kit.data, &[]);
    c.send("1");
    c.wait_for("1/22");
    // Criterion 1: two choices and a text note come before the evidence.
    c.send("\r\t\t\t");
    c.wait_for("Tab");
    c.send("Sổ họp số 12");
    c.wait_for("Sổ họp số 12");
    c.wait_for("Đã lưu");
    c.send("\x1b");
    c.wait_for("1 Đạt");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    let log = json(&kit.ok(&["log", &id, "--json"]));
    let entries: Vec<(Value, Value, Value)> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["path"].is_string())
        .map(|e| (e["path"].clone(), e["old"].clone(), e["new"].clone()))
        .collect();
    assert_eq!(
        entries,
        vec![
            (json!("answers.I.1.verdict"), Value::Null, json!("met")),
            (
                json!("answers.I.1.evidence"),
                Value::Null,
                json!("Sổ họp số 12")
            ),
        ],
        "one entry per field, never one per key"
    );
}
