//! A hostile inspection pushed through every command: escape sequences (terminal title,
//! clear screen, clipboard write), C1 controls and bidi overrides in every text field and in
//! a file name must never reach standard output or error raw. JSON stays exact JSON, a CSV
//! cell never starts a formula, Markdown never carries live HTML.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::process::Output;

use common::*;
use kiemtra::domain::escape::is_terminal_safe;

/// OSC 0 (title), CSI 2J (clear), OSC 52 (clipboard), a C1 CSI, a bidi override, BEL, DEL.
const EVIL: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\u{9b}31m\u{202e}gnp.exe\u{7f}";

fn evil(label: &str) -> String {
    format!("{label}{EVIL}")
}

/// Every byte a terminal acts on is absent: C0 but line feed, DEL, C1, bidi overrides.
fn assert_clean(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            is_terminal_safe(&text),
            "{what}: raw control characters on {stream}:\n{text:?}"
        );
    }
}

#[test]
fn no_command_lets_a_control_sequence_through() {
    let kit = Kit::new();
    let unit = evil("Công an phường ");
    let id = kit.new_inspection_with(&[
        "--unit",
        &unit,
        "--ward",
        &evil("Tân Chánh Hiệp"),
        "--district",
        &evil("Quận 12"),
        "--province",
        &evil("TP HCM"),
        "--leader",
        &evil("Nguyễn Văn An"),
        "--member",
        &evil("Trần Thị Bình"),
    ]);
    kit.ok(&[
        "set",
        &id,
        "III.1",
        "--verdict",
        "basically-met",
        "--evidence",
        &format!("<script>alert(1)</script> <img src=x onerror=alert(1)>{EVIL}"),
        "--shortcoming",
        &evil("Sổ thiếu"),
        "--recommend",
        &format!("=HYPERLINK(\"http://x\",\"bấm\"){EVIL}"),
        "--owner",
        &evil("@Trưởng"),
        "--by",
        &evil("Lê"),
    ]);
    kit.ok(&[
        "set",
        &id,
        "I.1",
        "--value",
        &format!("remarks={}", evil("ghi chú")),
    ]);
    kit.ok(&[
        "conclude",
        &id,
        "--text",
        &evil("Kết luận"),
        "--proposal",
        "replication",
    ]);
    // A file whose name carries the sequences, and a bad file beside it.
    let bad_name = format!("bad{EVIL}.json");
    fs::write(kit.inspections().join(&bad_name), b"{ broken").unwrap();

    let export = kit.root().join("out.md");
    let export = export.to_str().unwrap();
    let mut runs: Vec<(String, Output)> = Vec::new();
    let mut go = |args: &[&str]| {
        let out = kit.run(args);
        runs.push((args.join(" "), out));
    };
    for lang in ["vi", "en"] {
        go(&["--lang", lang, "list"]);
        go(&["--lang", lang, "list", "--json"]);
        go(&["--lang", lang, "show", &id]);
        go(&["--lang", lang, "show", &id, "--json"]);
        go(&["--lang", lang, "log", &id]);
        go(&["--lang", lang, "log", &id, "--json"]);
        go(&["--lang", lang, "validate"]);
        go(&["--lang", lang, "verify", &id]);
        go(&["--lang", lang, "summary"]);
        go(&["--lang", lang, "summary", "--json"]);
        go(&["--lang", lang, "summary", "--csv"]);
        for format in ["md", "html", "csv", "json"] {
            go(&["--lang", lang, "export", &id, "--format", format]);
        }
        go(&[
            "--lang", lang, "export", &id, "--format", "md", "-o", export,
        ]);
        go(&[
            "--lang",
            lang,
            "set",
            &id,
            "I.1",
            "--evidence",
            &evil("Mới"),
        ]);
        go(&["--lang", lang, "set", &id, &evil("I.9"), "--verdict", "met"]);
        go(&["--lang", lang, "show", &evil("nope")]);
        go(&["--lang", lang, "quarantine", "--dry-run"]);
        go(&["--lang", lang, "catalog", "list"]);
    }
    go(&[
        "--lang",
        "en",
        "seal",
        &id,
        "--by",
        &evil("Người niêm phong"),
        "--confirm-incomplete",
    ]);
    go(&["--lang", "en", "verify", &id]);
    go(&["--lang", "en", "show", &id]);
    go(&["--lang", "en", "quarantine"]);
    let copy = kit.root().join(format!("copy{EVIL}.json"));
    fs::copy(kit.inspection_file(&id), &copy).unwrap();
    let text = fs::read_to_string(&copy).unwrap();
    fs::write(&copy, text.replacen("Kết luận", "Kết_luận", 1)).unwrap();
    go(&["--lang", "en", "verify", copy.to_str().unwrap()]);
    go(&["--lang", "en", "validate", copy.to_str().unwrap()]);

    for (what, out) in &runs {
        assert_clean(what, out);
    }
    let run = |what: &str| {
        &runs
            .iter()
            .find(|(w, _)| w == what)
            .unwrap_or_else(|| panic!("no run {what}"))
            .1
    };
    // The hostile text is still there, made visible.
    let list = stdout(run("--lang en list"));
    assert!(list.contains("\\x1B]0;pwned\\x07"), "{list}");
    // JSON is still exact JSON with the same strings.
    let listed: serde_json::Value =
        serde_json::from_str(&stdout(run("--lang en list --json"))).unwrap();
    assert_eq!(listed[0]["unit"].as_str().unwrap(), unit.trim());
    // CSV: no cell starts a formula, and the BOM stays.
    let csv = &run(&format!("--lang en export {id} --format csv")).stdout;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "the BOM stays");
    let csv = String::from_utf8_lossy(csv);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains("\"=HYPERLINK"),
        "{csv}"
    );
    // Markdown: HTML from the file is inert text.
    let md = stdout(run(&format!("--lang en export {id} --format md")));
    assert!(md.contains("&lt;script&gt;"), "{md}");
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
    let file = fs::read_to_string(export).unwrap();
    assert!(!file.contains("<script>"), "{file}");
}

/// A TOML basic string holding `s`, control characters written as \u escapes.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The commands of the second stage get the same treatment: actions, diff, dataset, sync,
/// merge-files, resolve, the line mode, config show, and the messages about a duplicate
/// copy and a broken seal.
#[test]
fn the_second_stage_commands_let_no_control_sequence_through() {
    let kit = Kit::new();
    let git_env = |c: &mut std::process::Command| {
        c.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", kit.root().join("home/.gitconfig"))
            .env("LC_ALL", "C");
    };
    let id = kit.new_inspection_with(&[
        "--unit",
        &evil("Công an phường "),
        "--province",
        &evil("Hà Nội"),
    ]);
    let recommendation = evil("Lắp camera");
    kit.ok(&[
        "set",
        &id,
        "III.1",
        "--verdict",
        "not-met",
        "--shortcoming",
        &evil("Sổ thiếu"),
        "--recommend",
        &recommendation,
        "--owner",
        &evil("Trưởng"),
        "--due",
        "2020-01-01",
        "--by",
        &evil("Lê"),
    ]);
    let other = kit.new_inspection_with(&["--unit", &evil("Phường B")]);
    kit.ok(&[
        "set",
        &other,
        "III.1",
        "--verdict",
        "met",
        "--evidence",
        &evil("Đủ"),
    ]);
    let actions = json(&kit.ok(&["actions", "--json"]));
    let action = actions[0]["id"].as_str().unwrap().to_string();
    let mut init = kit.cmd(&["sync", "init", "--by", &evil("Người đồng bộ")]);
    git_env(&mut init);
    let sync_out = run_guarded(init, RUN_LIMIT);
    // A config file whose every value is hostile, and one that is not TOML.
    let config = kit.root().join("config.toml");
    let e = |l: &str| toml_string(&evil(l));
    fs::write(
        &config,
        format!(
            "[inspector]\nname = {}\nteam = {}\n[data]\ncatalog = {}\n[trust]\nallowed_signers = {}\n[sync]\nremote = {}\n",
            e("An"),
            e("Đoàn"),
            e("/c"),
            e("/s"),
            e("ssh://hub"),
        ),
    )
    .unwrap();
    let broken_config = kit.root().join(format!("bad{EVIL}.toml"));
    fs::write(&broken_config, format!("[inspector\nname = \"{EVIL}\"\n")).unwrap();

    let mut runs: Vec<(String, Output)> = vec![("sync init".into(), sync_out)];
    let mut runs_piped: Vec<(String, Output)> = Vec::new();
    let mut go = |what: String, c: std::process::Command| {
        runs.push((what, run_guarded(c, RUN_LIMIT)));
    };
    for lang in ["vi", "en"] {
        let l = |args: &[&str]| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            (all.join(" "), kit.cmd(&all))
        };
        for args in [
            vec!["actions"],
            vec!["actions", "--json"],
            vec!["actions", "--overdue"],
            vec![
                "actions",
                "set",
                &action,
                "--status",
                "in-progress",
                "--note",
                &EVIL,
                "--by",
                &EVIL,
            ],
            vec!["actions", "set", &action, "--status", &EVIL],
            vec!["actions", "set", &EVIL, "--status", "done"],
            vec!["diff", &id, &other],
            vec!["diff", &id, &other, "--json"],
            vec!["diff", &id, &other, "--format", "md"],
            vec!["diff", &id, &other, "--format", "html"],
            vec!["dataset"],
            vec!["dataset", "--format", "ndjson"],
            vec!["log", &id],
            vec!["resolve", &id, &EVIL, "--take", "ours"],
        ] {
            let (what, c) = l(&args);
            go(what, c);
        }
        for args in [vec!["sync", "status"], vec!["sync", "status", "--json"]] {
            let (what, mut c) = l(&args);
            git_env(&mut c);
            go(what, c);
        }
        let (what, mut c) = l(&["config", "show"]);
        c.env("KIEMTRA_CONFIG", &config);
        go(what, c);
        let (what, mut c) = l(&["list"]);
        c.env("KIEMTRA_CONFIG", &broken_config);
        go(format!("{what} (bad config)"), c);
        // The line mode, driven through a pipe, with hostile answers typed in.
        let (what, c) = l(&["walk", &id, "--plain", "--by", EVIL]);
        let input = format!("g III.1\ne\n{EVIL}\nr\n{EVIL}\n{EVIL}\n{EVIL}\n\n?\nq\n");
        let out = run_with_input(c, &input);
        runs_piped.push((what, out));
    }
    runs.append(&mut runs_piped);

    // Two copies of one inspection: a duplicate in the folder, then merged by hand with
    // a conflicting edit, and the conflict resolved.
    let dup = kit.inspections().join(format!("dup{EVIL}.json"));
    let text = fs::read_to_string(kit.inspection_file(&id)).unwrap();
    fs::write(&dup, text.replacen("Sổ thiếu", "Sổ_thiếu", 1)).unwrap();
    // A sealed inspection changed in place: a broken seal.
    kit.ok(&["seal", &other, "--by", &evil("An"), "--confirm-incomplete"]);
    let sealed = kit.inspection_file(&other);
    let text = fs::read_to_string(&sealed).unwrap();
    fs::write(&sealed, text.replacen("Đủ", "Thiếu", 1)).unwrap();
    let mut go = |args: &[&str]| runs.push((args.join(" "), kit.run(args)));
    for lang in ["vi", "en"] {
        go(&["--lang", lang, "list"]);
        go(&["--lang", lang, "list", "--json"]);
        go(&["--lang", lang, "validate"]);
        go(&["--lang", lang, "summary"]);
        go(&["--lang", lang, "verify", &other]);
        go(&["--lang", lang, "actions"]);
        go(&["--lang", lang, "dataset"]);
    }
    let main_file = kit.inspection_file(&id);
    go(&[
        "--lang",
        "en",
        "merge-files",
        main_file.to_str().unwrap(),
        dup.to_str().unwrap(),
    ]);
    go(&["--lang", "en", "show", &id]);
    go(&[
        "--lang", "en", "resolve", &id, "III.1", "--take", "theirs", "--by", EVIL,
    ]);
    go(&["--lang", "vi", "log", &id]);

    let leaks: Vec<String> = runs
        .iter()
        .flat_map(|(what, out)| {
            [("stdout", &out.stdout), ("stderr", &out.stderr)]
                .into_iter()
                .filter(|(_, b)| !is_terminal_safe(&String::from_utf8_lossy(b)))
                .map(move |(stream, b)| {
                    let text = String::from_utf8_lossy(b);
                    let chars: Vec<char> = text.chars().collect();
                    let at = chars
                        .iter()
                        .position(|c| !is_terminal_safe(&c.to_string()))
                        .unwrap_or(0);
                    let near: String = chars[at.saturating_sub(60)..=at].iter().collect();
                    format!("{what} ({stream}): ...{near:?}")
                })
        })
        .collect();
    assert!(
        leaks.is_empty(),
        "raw control characters:\n{}",
        leaks.join("\n")
    );
    let run = |what: &str| {
        &runs
            .iter()
            .find(|(w, _)| w == what)
            .unwrap_or_else(|| panic!("no run {what}"))
            .1
    };
    // JSON stays exact JSON, with the same strings.
    let listed: serde_json::Value = json(run("--lang en actions --json"));
    assert_eq!(listed[0]["text"].as_str().unwrap(), recommendation);
    let diff: serde_json::Value = json(run(&format!("--lang en diff {id} {other} --json")));
    assert!(diff.to_string().contains("\\u001b]0;pwned"), "{diff}");
    let ndjson = stdout(run("--lang en dataset --format ndjson"));
    assert!(ndjson.lines().count() > 1, "{ndjson}");
    for line in ndjson.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    let status: serde_json::Value = json(run("--lang en sync status --json"));
    assert!(status.is_object(), "{status}");
    // The hostile text is still there, made visible.
    let text = stdout(run("--lang en actions"));
    assert!(text.contains("\\x1B]0;pwned\\x07"), "{text}");
    let shown = stdout(run("--lang en config show"));
    assert!(shown.contains("\\x1B]0;pwned\\x07"), "{shown}");
    // Each run did its work (a refusal is a run too, but these must go through).
    for what in [
        "sync init".to_string(),
        "--lang en sync status".into(),
        format!("--lang vi actions set {action} --status in-progress --note {EVIL} --by {EVIL}"),
        format!("--lang en walk {id} --plain --by {EVIL}"),
        format!("--lang en resolve {id} III.1 --take theirs --by {EVIL}"),
    ] {
        assert_eq!(code(run(&what)), 0, "{what}: {}", describe(run(&what)));
    }
    let walked = stdout(run(&format!("--lang en walk {id} --plain --by {EVIL}")));
    assert!(walked.contains("\\x1B]0;pwned\\x07"), "{walked}");
    let bad = run("--lang en list (bad config)");
    assert_eq!(code(bad), 1);
    assert!(
        stderr(bad).contains("bad\\x1B]0;pwned"),
        "{}",
        describe(bad)
    );
    let listed = describe(run("--lang en list"));
    assert!(
        listed.contains("dup\\x1B]0;pwned"),
        "the duplicate pair: {listed}"
    );
    let verified = run(&format!("--lang en verify {other}"));
    assert_eq!(code(verified), 1, "a broken seal: {}", describe(verified));
    // The merge found the conflicting copy and the resolve settled it.
    let merged = describe(run(&format!(
        "--lang en merge-files {} {}",
        main_file.display(),
        dup.display()
    )));
    assert!(merged.contains("dup\\x1B]0;pwned"), "{merged}");
}

/// A usage error quotes the argument it did not understand: that quote is escaped too, in
/// both languages, and the error still names the argument and exits 2.
#[test]
fn a_usage_error_quotes_a_hostile_argument_escaped() {
    let kit = Kit::new();
    for lang in ["vi", "en"] {
        let stray = format!("stray{EVIL}");
        let out = kit.run(&["--lang", lang, "list", &stray]);
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert_clean(&format!("usage error ({lang})"), &out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("stray"), "{lang}: {err}");
        // clap drops ESC sequences itself; what is left (C1, bidi) is shown escaped.
        assert!(err.contains("\\u{009B}31m\\u{202E}"), "{lang}: {err}");
        let out = kit.run(&["--lang", lang, "list", "--sort", EVIL]);
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert_clean(&format!("bad value ({lang})"), &out);
    }
}
