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
