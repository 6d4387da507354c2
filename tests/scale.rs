//! A hub of many inspections: single-inspection commands open the file of a whole id
//! directly, `list` and `summary` read folders of more than one batch the same as small
//! ones, `demo` writes whole files in batches, and long commands draw a progress bar on a
//! terminal only.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;
use std::fs;

use common::*;

/// A whole id opens its file and is checked against the id inside it: a file named with
/// an id but carrying another is refused (and nothing is written to either), and a
/// prefix still resolves.
#[test]
fn a_whole_id_opens_its_file_and_the_id_inside_must_agree() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let other = kit.new_inspection_with(&["--unit", "Công an phường Bến Thành"]);
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert_eq!(kit.show_json(&id)["progress"]["assessed"], 1);
    assert_eq!(kit.show_json(&id[..13])["id"], id.as_str());

    // A copy of `other` saved under a made-up whole id: its inside says otherwise.
    let forged = "01a00000-0000-7000-8000-00000000abcd";
    fs::copy(kit.inspection_file(&other), kit.inspection_file(forged)).unwrap();
    let err = kit.fails(&["show", forged]);
    assert!(err.contains(&other), "the id inside is named: {err}");
    kit.fails(&["set", forged, "1", "--verdict", "met"]);
    assert_eq!(kit.show_json(&other)["progress"]["assessed"], 0);
}

/// More files than one batch of the parallel reader: `list --json` has every good file
/// once, newest first, names the bad one on stderr, and `summary` reads the same count.
#[test]
fn list_and_summary_read_a_folder_of_several_batches_whole() {
    let kit = Kit::new();
    kit.ok(&["demo", "--wards", "900"]);
    let files = entries(&kit.inspections());
    assert!(files.len() > 1024, "{} files", files.len());
    fs::write(kit.inspections().join("bad.json"), "{ not json").unwrap();

    let out = kit.ok(&["list", "--json"]);
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), files.len());
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), files.len(), "every inspection once");
    let keys: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("date"), s("unit"), s("id"))
        })
        .collect();
    for w in keys.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            a.0 > b.0 || (a.0 == b.0 && (&a.1, &a.2) < (&b.1, &b.2)),
            "newest first, then by unit: {a:?} before {b:?}"
        );
    }
    assert!(stderr(&out).contains("bad.json"), "{}", stderr(&out));
    let text = stdout(&kit.ok(&["list"]));
    assert_eq!(text.lines().count(), files.len());

    let summary = json(&kit.ok(&["summary", "--json"]));
    assert_eq!(summary["inspections_read"], files.len());
    assert_eq!(summary["skipped_files"].as_array().unwrap().len(), 1);
}

/// `demo` writes in batches: every file whole, private and valid, no temp file left, and
/// the same seed gives the same units and verdicts.
#[test]
fn demo_batches_leave_whole_private_files_and_a_seed_repeats() {
    let a = Kit::new();
    let b = Kit::new();
    for kit in [&a, &b] {
        kit.ok(&["demo", "--wards", "300", "--seed", "11"]);
    }
    let names = entries(&a.inspections());
    assert!(names.iter().all(|n| n.ends_with(".json")), "{names:?}");
    for n in &names {
        assert_eq!(mode(&a.inspections().join(n)), 0o600, "{n}");
    }
    let report = stdout(&a.ok(&["validate"]));
    assert!(report.contains(", 0 tệp lỗi"), "{report}");
    // Sealed ones among them, every seal intact (checked in full: no seal cache yet).
    let rows = a.list_json();
    let rows = rows.as_array().unwrap();
    let sealed = rows.iter().filter(|r| r["status"] == "sealed").count();
    assert!(sealed > 20, "{sealed} sealed of {}", rows.len());
    assert!(
        rows.iter().all(|r| r["seal_broken"] == false),
        "every seal holds"
    );
    let picture = |kit: &Kit| {
        let mut s = json(&kit.ok(&["summary", "--json"]));
        for u in s["units"].as_array_mut().unwrap() {
            u["inspection"] = serde_json::Value::Null;
        }
        s
    };
    assert_eq!(picture(&a), picture(&b));
}

/// Off a terminal, long commands print no progress at all, so scripts see clean output.
#[test]
fn no_progress_bar_off_a_terminal() {
    let kit = Kit::new();
    for args in [
        &["demo", "--wards", "200"][..],
        &["summary"],
        &["validate"],
        &["quarantine", "--dry-run"],
    ] {
        let mut cmd = kit.cmd(args);
        cmd.env("KIEMTRA_PROGRESS_DELAY_MS", "0");
        let out = run_guarded(cmd, RUN_LIMIT);
        assert_eq!(code(&out), 0, "{args:?}: {}", describe(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
        assert!(!stdout(&out).contains('\r'), "{args:?}");
    }
}

/// On a terminal, `demo` draws its bar on standard error and wipes it before its result.
#[test]
fn demo_draws_a_progress_bar_on_a_terminal_and_wipes_it() {
    let kit = Kit::new();
    let mut cmd = portable_pty::CommandBuilder::new(bin());
    cmd.args(["--lang", "en", "--data-dir"]);
    cmd.arg(&kit.data);
    cmd.args(["demo", "--wards", "300"]);
    cmd.env("KIEMTRA_PROGRESS_DELAY_MS", "0");
    cmd.env("HOME", kit.root().join("home"));
    let raw = raw_on_terminal(cmd, "DEMO inspections");
    let bar = raw.find("Writing demo data [").expect(&raw);
    let wiped = raw.rfind("\r\x1b[K").expect(&raw);
    let result = raw.find("Wrote ").expect(&raw);
    assert!(bar < wiped && wiped < result, "{raw:?}");
}

/// On a terminal, `summary`, `validate` and `quarantine` draw their bar on standard error
/// too, and wipe it before their result.
#[test]
fn summary_validate_and_quarantine_draw_a_progress_bar_on_a_terminal() {
    let kit = Kit::new();
    kit.ok(&["demo", "--wards", "40"]);
    for (args, label, until) in [
        (&["summary", "--json"][..], "Reading inspections [", "\n}"),
        (&["validate"], "Checking files [", "bad file(s)"),
        (
            &["quarantine", "--dry-run"],
            "Checking files [",
            "no bad files",
        ),
    ] {
        let mut cmd = portable_pty::CommandBuilder::new(bin());
        cmd.args(["--lang", "en", "--data-dir"]);
        cmd.arg(&kit.data);
        cmd.args(args);
        cmd.env("KIEMTRA_PROGRESS_DELAY_MS", "0");
        cmd.env("HOME", kit.root().join("home"));
        let raw = raw_on_terminal(cmd, until);
        let bar = raw.find(label).expect(&raw);
        let wiped = raw.rfind("\r\x1b[K").expect(&raw);
        assert!(bar < wiped, "{args:?}: {raw:?}");
        assert!(!raw[wiped..].contains(label), "{args:?}: {raw:?}");
    }
}

/// `list` sorts its rows in bounded memory, spilling runs to a temporary file past a
/// budget: with a budget of one byte (a run per row) it prints exactly what it prints when
/// every row fits in memory, for odd rows too (one date shared, a unit name that is the
/// start of another, escapes, an unknown catalog), and it refuses, as `show` does, a file
/// with a repeated key or bytes that are not UTF-8.
#[test]
fn list_prints_the_same_rows_whether_sorted_in_memory_or_through_runs_on_disk() {
    let kit = Kit::new();
    let on = |unit: &str, date: &str| kit.new_inspection_with(&["--unit", unit, "--date", date]);
    let shared = "2025-03-01";
    let hostile = "Công an phường \u{9b}31m\u{202e}Bến\u{1b}]0;x\u{7}";
    let mut good = vec![
        on("Công an phường Bến Thành", shared),
        on("Công an phường Bến", shared),
        on(hostile, shared),
        on("Công an xã Cần Giờ", "2024-12-31"),
        on("Công an phường Sài Gòn", "2025-11-02"),
        on("Công an phường Bến Thành", shared),
    ];
    let repeated = on("Công an phường Chợ Lớn", shared);
    let not_utf8 = on("Công an phường Phú Lâm", shared);
    let unknown = good[3].clone();
    let edit = |id: &str, f: &dyn Fn(Vec<u8>) -> Vec<u8>| {
        let path = kit.inspection_file(id);
        fs::write(&path, f(fs::read(&path).unwrap())).unwrap();
    };
    let replace = |from: &str, to: &str| {
        let (from, to) = (from.to_string(), to.to_string());
        move |b: Vec<u8>| {
            String::from_utf8(b)
                .unwrap()
                .replacen(&from, &to, 1)
                .into_bytes()
        }
    };
    edit(
        &repeated,
        &replace(
            "\"status\": \"draft\",",
            "\"status\": \"draft\",\n  \"status\": \"final\",",
        ),
    );
    // A stray byte in a field no row shows (the team leader's name).
    edit(&not_utf8, &|b: Vec<u8>| {
        let at = b.windows(8).position(|w| w == b"\"leader\"").unwrap() + 11;
        let mut b = b;
        b.insert(at, 0xff);
        b
    });
    edit(&unknown, &|b: Vec<u8>| {
        let b = replace("\"version\": \"", "\"version\": \"9-")(b);
        replace("\"sha256\": \"", "\"sha256\": \"00")(b)
    });
    good.sort();

    let list = |args: &[&str], budget: Option<&str>| {
        let mut cmd = kit.cmd(args);
        if let Some(b) = budget {
            cmd.env("KIEMTRA_LIST_RUN_BYTES", b);
        }
        let out = run_guarded(cmd, RUN_LIMIT);
        assert_eq!(code(&out), 0, "{args:?}: {}", describe(&out));
        (stdout(&out), stderr(&out))
    };
    for args in [
        &["--lang", "en", "list", "--json"][..],
        &["--lang", "vi", "list"],
    ] {
        let (out, err) = list(args, None);
        assert_eq!(
            list(args, Some("1")),
            (out.clone(), err.clone()),
            "{args:?}"
        );
        for id in [&repeated, &not_utf8] {
            assert!(!out.contains(id.as_str()), "{id} is not listed: {out}");
            assert!(err.contains(id.as_str()), "{id} is named: {err}");
        }
        assert!(err.contains(&format!("{unknown}: ")), "{err}");
    }
    let rows = json_text(&list(&["list", "--json"], Some("1")).0);
    let rows = rows.as_array().unwrap();
    let mut ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let units: Vec<&str> = rows.iter().map(|r| r["unit"].as_str().unwrap()).collect();
    assert_eq!(units[0], "Công an phường Sài Gòn", "newest first");
    // By unit name, byte by byte (a C1 character sorts after ASCII), then by id.
    let ben_thanh = "Công an phường Bến Thành";
    assert_eq!(
        units[1..5],
        ["Công an phường Bến", ben_thanh, ben_thanh, hostile]
    );
    assert!(
        rows[2]["id"].as_str() < rows[3]["id"].as_str(),
        "then by id"
    );
    assert_eq!(units[5], "Công an xã Cần Giờ");
    assert_eq!(
        rows[5]["progress"],
        serde_json::Value::Null,
        "unknown catalog"
    );
    ids.sort_unstable();
    assert_eq!(ids, good);
}

fn json_text(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

/// `summary` refuses what `list` and a full load refuse: a file with a key given twice
/// (`"status": "draft"` and then `"final"`) is not counted, whichever reading would win,
/// and is named with the reason.
#[test]
fn summary_does_not_count_a_file_that_gives_a_key_twice() {
    let kit = Kit::new();
    let kept = kit.new_inspection_with(&["--unit", "Công an phường Bến Thành"]);
    let twice = kit.new_inspection_with(&["--unit", "Công an phường Chợ Lớn"]);
    let path = kit.inspection_file(&twice);
    let text = fs::read_to_string(&path).unwrap().replacen(
        "\"status\": \"draft\",",
        "\"status\": \"draft\",\n  \"status\": \"final\",",
        1,
    );
    fs::write(&path, text).unwrap();
    let out = run_guarded(kit.cmd(&["--lang", "en", "summary", "--json"]), RUN_LIMIT);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let json = json_text(&stdout(&out));
    let units: Vec<&str> = json["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["inspection"].as_str().unwrap())
        .collect();
    assert_eq!(units, [kept.as_str()]);
    let skipped = json["skipped_files"].to_string();
    assert!(skipped.contains(&twice), "{skipped}");
    assert!(skipped.contains("status appears twice"), "{skipped}");
}
