//! Where `export` may write: a bare file name, a new path or over a regular file; never a
//! link, folder, FIFO or device; `-o -` is standard output. And `set` text that starts
//! with a dash, the common Vietnamese bullet.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};

use common::*;

/// `kiemtra ARGS` run inside `dir` (so a bare file name lands there).
fn run_in(kit: &Kit, dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut c = kit.cmd(args);
    c.current_dir(dir);
    run_guarded(c, std::time::Duration::from_secs(30))
}

#[test]
fn export_to_a_bare_file_name_works_in_every_format() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let work = kit.root().join("work");
    fs::create_dir(&work).unwrap();
    for format in ["md", "html", "csv", "json"] {
        let name = format!("bien-ban.{format}");
        let out = run_in(
            &kit,
            &work,
            &["export", &id, "--format", format, "-o", &name],
        );
        assert_eq!(code(&out), 0, "{format}: {}", describe(&out));
        assert!(stderr(&out).is_empty(), "{format}: {}", describe(&out));
        let written = fs::read(work.join(&name)).unwrap();
        let stdout_copy = kit.ok(&["export", &id, "--format", format]).stdout;
        if format == "json" {
            assert_eq!(written, stdout_copy, "{format}");
        } else {
            // Only the "made at" minute may differ between two runs.
            assert!(written.len() > 200, "{format}: {} bytes", written.len());
        }
        // Overwriting the same regular file again works too, and leaves no temp file.
        let again = run_in(
            &kit,
            &work,
            &["export", &id, "--format", format, "-o", &name],
        );
        assert_eq!(code(&again), 0, "{}", describe(&again));
    }
    let mut left = entries(&work);
    left.sort();
    assert_eq!(
        left,
        [
            "bien-ban.csv",
            "bien-ban.html",
            "bien-ban.json",
            "bien-ban.md"
        ]
    );
}

#[test]
fn a_relative_data_dir_is_written_to_as_well() {
    let kit = Kit::new();
    let work = kit.root().join("work");
    fs::create_dir(&work).unwrap();
    let mut c = hermetic(std::process::Command::new(bin()), kit.root());
    c.current_dir(&work)
        .args(["--data-dir", "data", "new", "--unit", "Công an phường A"]);
    let out = run_guarded(c, std::time::Duration::from_secs(30));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(entries(&work.join("data/inspections")).len(), 1);
}

#[test]
fn export_refuses_link_folder_fifo_and_device_and_keeps_them() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let dir = kit.root();
    let target = dir.join("real.md");
    fs::write(&target, "kept").unwrap();
    let link = dir.join("link.md");
    symlink(&target, &link).unwrap();
    let folder = dir.join("folder.md");
    fs::create_dir(&folder).unwrap();
    let fifo = dir.join("fifo.md");
    // mkfifo(1) is part of coreutils on every CI image.
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", fifo.display());
    for (path, vi, en) in [
        (&link, "liên kết", "symbolic link"),
        (&folder, "thư mục", "folder"),
        (&fifo, "FIFO", "FIFO"),
        (&std::path::PathBuf::from("/dev/null"), "thiết bị", "device"),
    ] {
        let p = path.to_str().unwrap();
        let msg = kit.fails(&["export", &id, "--format", "md", "-o", p]);
        assert!(msg.contains("CHƯA XUẤT") && msg.contains(vi), "{msg}");
        assert!(msg.contains("-o -"), "says what to do instead: {msg}");
        let msg = kit.fails(&["--lang", "en", "export", &id, "--format", "md", "-o", p]);
        assert!(msg.contains("NOT EXPORTED") && msg.contains(en), "{msg}");
    }
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "kept");
    assert!(folder.is_dir());
    assert!(entries(&folder).is_empty());
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let mut left = entries(dir);
    left.sort();
    assert!(
        !left.iter().any(|n| n.ends_with(".tmp")),
        "no temp file left: {left:?}"
    );
}

#[test]
fn export_dash_means_standard_output() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let work = kit.root().join("work");
    fs::create_dir(&work).unwrap();
    let out = run_in(&kit, &work, &["export", &id, "--format", "json", "-o", "-"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(out.stdout, kit.file_bytes(&id));
    assert!(entries(&work).is_empty(), "no file named '-'");
}

#[test]
fn set_takes_shortcomings_and_evidence_that_start_with_a_dash() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&[
        "set",
        &id,
        "1",
        "--shortcoming",
        "- Thiếu sổ tiếp dân",
        "--shortcoming",
        "- Camera ngã tư hỏng",
        "--evidence",
        "-- Sổ trực ban",
    ]);
    let a = kit.answer(&id, "I.1");
    assert_eq!(
        a["shortcomings"],
        "- Thiếu sổ tiếp dân\n- Camera ngã tư hỏng"
    );
    assert_eq!(a["evidence"], "-- Sổ trực ban");
    for lang in ["vi", "en"] {
        let help = stdout(&kit.ok(&["--lang", lang, "set", "--help"]));
        assert!(help.contains("--shortcoming \"- "), "{lang}: {help}");
    }
}

/// Require a UTF-8 byte-order mark and parse the rest as CSV: header and rows.
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let rest = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
        .expect("CSV starts with a UTF-8 byte-order mark");
    let mut r = csv::ReaderBuilder::new().from_reader(rest);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_names_the_inspection_on_every_row_and_gives_indicators_and_actions_columns() {
    let kit = Kit::new();
    let id = kit.new_inspection_with(&[
        "--unit",
        "Công an phường Bến Thành",
        "--province",
        "TP Hồ Chí Minh",
        "--date",
        "2024-05-20",
        "--self-assessment",
    ]);
    kit.ok(&[
        "set",
        &id,
        "I.1",
        "--value",
        "party_cell_rating=clean_strong",
        "--value",
        "unit_title=advanced",
        "--shortcoming",
        "- Thiếu sổ",
        "--recommend",
        "Bổ sung sổ",
        "--owner",
        "Đội CSKV",
        "--due",
        "2024-09-30",
    ]);
    kit.ok(&[
        "set",
        &id,
        "I.1",
        "--recommend",
        "=HYPERLINK(\"x\")",
        "--owner",
        "Công an phường",
        "--due",
        "2024-12-31",
    ]);
    let (header, rows) = parse_csv(&kit.ok(&["export", &id, "--format", "csv"]).stdout);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    assert_eq!(
        rows.len(),
        23,
        "22 criteria, I.1 twice for its two recommendations"
    );
    for r in &rows {
        assert_eq!(r.len(), header.len());
        assert_eq!(r[col("inspection_id")], id);
        assert_eq!(r[col("unit")], "Công an phường Bến Thành");
        assert_eq!(r[col("province")], "TP Hồ Chí Minh");
        assert_eq!(r[col("date")], "2024-05-20");
        assert_eq!(r[col("kind")], "self_assessment");
        assert_eq!(r[col("status")], "draft");
        assert_eq!(r[col("demo")], "false");
    }
    let i1: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("code")] == "I.1").collect();
    assert_eq!(i1.len(), 2);
    let cells = |r: &Vec<String>, names: &[&str]| -> Vec<String> {
        names.iter().map(|n| r[col(n)].clone()).collect()
    };
    let names = ["recommendation_no", "recommendation", "owner", "due"];
    assert_eq!(
        cells(i1[0], &names),
        ["1", "Bổ sung sổ", "Đội CSKV", "2024-09-30"]
    );
    assert_eq!(
        cells(i1[1], &names),
        ["2", "'=HYPERLINK(\"x\")", "Công an phường", "2024-12-31"],
        "a formula stays text"
    );
    for r in &i1 {
        assert_eq!(r[col("I.1:party_cell_rating")], "Trong sạch, vững mạnh");
        assert_eq!(r[col("I.1:unit_title")], "Đơn vị tiên tiến");
        assert_eq!(r[col("shortcomings")], "Thiếu sổ");
    }
    // Another criterion's indicator column stays empty on I.1's rows, and the reverse.
    let i2 = rows.iter().find(|r| r[col("code")] == "I.2").unwrap();
    assert_eq!(i2[col("I.1:party_cell_rating")], "");
    assert!(header.iter().any(|h| h.starts_with("I.2:")));
    // English labels with --lang en.
    let (h, en) = parse_csv(
        &kit.ok(&["--lang", "en", "export", &id, "--format", "csv"])
            .stdout,
    );
    let c = h.iter().position(|x| x == "I.1:party_cell_rating").unwrap();
    assert_eq!(en[0][c], "Clean and strong");
}

#[test]
fn csv_of_demo_data_says_so_on_every_row() {
    let kit = Kit::new();
    kit.ok(&["demo"]);
    let list = kit.list_json();
    let id = list[0]["id"].as_str().unwrap();
    let (header, rows) = parse_csv(&kit.ok(&["export", id, "--format", "csv"]).stdout);
    let demo = header.iter().position(|h| h == "demo").unwrap();
    assert!(rows.iter().all(|r| r[demo] == "true"));
}

#[test]
fn an_unsealed_minutes_digest_is_the_sha256_of_the_saved_file() {
    use sha2::{Digest, Sha256};
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&["set", &id, "1", "--evidence", "Sổ trực ban"]);
    let hex: String = Sha256::digest(kit.file_bytes(&id))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let md = stdout(&kit.ok(&["export", &id, "--format", "md"]));
    assert!(md.contains(&format!("`{hex}`")), "{hex} not in:\n{md}");
    let html = stdout(&kit.ok(&["export", &id, "--format", "html"]));
    // The page footer: the first 16 hex digits.
    assert!(
        html.contains(&format!(" {}\"", &hex[..16])),
        "{}",
        &hex[..16]
    );
}
