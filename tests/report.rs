//! Concluding, finalising, sealing, verifying, exporting and the roll-out summary, end to
//! end through the real binary, each test in its own data folder.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

const UNIT: &str = "Công an phường Bến Thành";
const DATE: &str = "2024-05-20";
const LEADER: &str = "Nguyễn Văn An";
/// A shortcoming with a comma, a double quote, a newline and Vietnamese letters.
const SHORTCOMING: &str = "Hồ sơ lưu trữ thiếu, sổ \"tiếp dân\" ghi chép chưa kịp thời\nCamera ở ngã tư Bến Thành chưa hoạt động";
const EVIDENCE: &str = "Biên bản họp dân số 12 <bản gốc> & phụ lục";
const CONCLUSION: &str = "Đơn vị đạt yêu cầu <kiểu mẫu> & đề nghị nhân rộng";
const OWNER: &str = "Đội Cảnh sát khu vực";
const DUE: &str = "2024-09-30";
/// DATE and DUE as the Vietnamese minutes write them.
const DATE_VI: &str = "20/05/2024";
const DUE_VI: &str = "30/09/2024";

// ---------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------

/// A catalog as `kiemtra catalog show [FILE] --json` prints it.
fn catalog_json(kit: &Kit, file: Option<&Path>) -> Value {
    let mut args = vec!["catalog", "show", "--json"];
    let f;
    if let Some(p) = file {
        f = p.to_str().unwrap().to_string();
        args.push(&f);
    }
    json(&kit.ok(&args))
}

/// Criterion codes of a catalog, in catalog order.
fn codes_of(catalog: &Value) -> Vec<String> {
    catalog["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap().iter())
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

fn default_codes(kit: &Kit) -> Vec<String> {
    codes_of(&catalog_json(kit, None))
}

/// `set ID CODE --verdict VERDICT`, required to succeed.
fn set(kit: &Kit, id: &str, code: &str, verdict: &str) {
    kit.ok(&["set", id, code, "--verdict", verdict]);
}

/// Set every code to the verdict `verdict_of` gives it.
fn set_all(kit: &Kit, id: &str, codes: &[String], verdict_of: impl Fn(&str) -> &'static str) {
    for c in codes {
        set(kit, id, c, verdict_of(c));
    }
}

/// An export on standard output, as text.
fn export(kit: &Kit, lang: &str, id: &str, format: &str) -> String {
    stdout(&kit.ok(&["--lang", lang, "export", id, "--format", format]))
}

/// The same escaping the HTML minutes use for user and catalog text.
fn html_esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace('\n', "<br>")
}

/// Require a UTF-8 byte-order mark and parse the rest as CSV: header and rows.
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let rest = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
        .expect("CSV starts with a UTF-8 byte-order mark");
    let mut r = csv::ReaderBuilder::new().from_reader(rest);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

/// `summary ARGS --json` (with `--data-dir`) parsed, plus its stderr.
fn summary_json(kit: &Kit, args: &[&str]) -> (Value, String) {
    let mut all = vec!["summary"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = kit.ok(&all);
    (json(&out), stderr(&out))
}

fn status_of(kit: &Kit, id: &str) -> String {
    kit.show_json(id)["status"].as_str().unwrap().to_string()
}

fn history_texts(kit: &Kit, id: &str) -> Vec<String> {
    kit.show_json(id)["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["what"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A new inspection of UNIT with every default criterion met (III.1 with EVIDENCE).
fn complete_inspection(kit: &Kit) -> String {
    let id = kit.new_inspection_with(&["--unit", UNIT, "--date", DATE, "--leader", LEADER]);
    set_all(kit, &id, &default_codes(kit), |_| "met");
    kit.ok(&["set", &id, "III.1", "--evidence", EVIDENCE]);
    id
}

// ---------------------------------------------------------------------------------------
// 1. the main flow: new, set all, conclude, export in every format
// ---------------------------------------------------------------------------------------

/// The inspection of the main flow: 20 met, III.1 and III.6 basically met with a
/// shortcoming and a recommendation (owner, due date), a conclusion proposing replication.
fn main_flow(kit: &Kit) -> (String, Value) {
    let catalog = catalog_json(kit, None);
    let codes = codes_of(&catalog);
    assert_eq!(codes.len(), 22, "the default catalog has 22 criteria");
    assert!(codes.contains(&"III.1".to_string()) && codes.contains(&"III.6".to_string()));
    let id = kit.new_inspection_with(&[
        "--unit",
        UNIT,
        "--district",
        "Quận 1",
        "--province",
        "TP Hồ Chí Minh",
        "--date",
        DATE,
        "--leader",
        LEADER,
        "--member",
        "Trần Thị Bình",
    ]);
    for c in codes
        .iter()
        .filter(|c| !matches!(c.as_str(), "III.1" | "III.6"))
    {
        set(kit, &id, c, "met");
    }
    kit.ok(&[
        "set",
        &id,
        "III.1",
        "--verdict",
        "basically-met",
        "--evidence",
        EVIDENCE,
        "--shortcoming",
        SHORTCOMING,
        "--recommend",
        "Bổ sung hồ sơ, sổ sách còn thiếu",
        "--owner",
        OWNER,
        "--due",
        DUE,
    ]);
    kit.ok(&[
        "set",
        &id,
        "III.6",
        "--verdict",
        "basically-met",
        "--shortcoming",
        "Tỷ lệ hài lòng còn thấp",
        "--recommend",
        "Tổ chức khảo sát lại",
        "--owner",
        "Công an phường",
        "--due",
        "2024-12-31",
    ]);
    let out = kit.ok(&[
        "conclude",
        &id,
        "--text",
        CONCLUSION,
        "--proposal",
        "replication",
    ]);
    assert!(stdout(&out).contains("kết luận"), "{}", describe(&out));
    let c = kit.show_json(&id)["conclusion"].clone();
    assert_eq!(c["text"], CONCLUSION);
    assert_eq!(c["proposal"], "replication");
    (id, catalog)
}

/// What every human-readable report (Markdown or HTML) must say, in Vietnamese.
fn assert_report_facts(text: &str, note: &str, what: &str) {
    for needle in [
        UNIT,
        DATE_VI,
        "ngày 20 tháng 5 năm 2024",
        LEADER,
        "bca-5764-2021-reconstruction",
        note,
        "22/22 tiêu chí cơ bản đạt",
        "Đạt chuẩn mô hình",
        "Đề nghị nhân rộng",
        OWNER,
        DUE_VI,
    ] {
        assert!(text.contains(needle), "{what} lacks {needle:?}:\n{text}");
    }
    assert!(!text.contains("Chưa đạt chuẩn mô hình"), "{what}:\n{text}");
    assert!(
        !text.contains(DATE) && !text.contains(DUE),
        "ISO dates in {what}"
    );
}

#[test]
fn main_flow_markdown_and_html_name_unit_date_leader_catalog_note_and_finding() {
    let kit = Kit::new();
    let (id, catalog) = main_flow(&kit);
    let note = catalog["note"]["vi"].as_str().unwrap();
    assert!(!note.is_empty());

    let md = export(&kit, "vi", &id, "md");
    assert_report_facts(&md, note, "Markdown");
    // User text is inert Markdown: its markup shows as text.
    assert!(
        md.contains("Đơn vị đạt yêu cầu &lt;kiểu mẫu&gt; &amp; đề nghị nhân rộng"),
        "{md}"
    );
    assert!(
        md.contains("Biên bản họp dân số 12 &lt;bản gốc&gt; &amp; phụ lục"),
        "{md}"
    );
    for line in SHORTCOMING.lines() {
        assert!(
            md.contains(&format!("\n  - {line}\n")),
            "shortcoming line {line:?} is its own item in:\n{md}"
        );
    }
    assert!(md.contains("Chưa niêm phong"), "{md}");

    // Into a file: the same report, and stdout says where it went.
    let file = kit.root().join("bien-ban.md");
    let out = kit.ok(&[
        "export",
        &id,
        "--format",
        "md",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(stdout(&out).contains("bien-ban.md"), "{}", describe(&out));
    let from_file = fs::read_to_string(&file).unwrap();
    assert_report_facts(&from_file, note, "Markdown file");

    // English.
    let en = export(&kit, "en", &id, "md");
    let note_en = catalog["note"]["en"].as_str().unwrap();
    for needle in [
        UNIT,
        "20 May 2024",
        "30 September 2024",
        LEADER,
        "bca-5764-2021-reconstruction",
        note_en,
        "22/22 criteria basically met",
        "Meets the model standard",
        "Recommend replication",
    ] {
        assert!(
            en.contains(needle),
            "English Markdown lacks {needle:?}:\n{en}"
        );
    }

    // HTML minutes: self-contained, A4, escaped.
    let html = export(&kit, "vi", &id, "html");
    assert_report_facts(&html, &html_esc(note), "HTML");
    for forbidden in ["http://", "https://", "src=", "<link"] {
        assert!(!html.contains(forbidden), "HTML has {forbidden:?}:\n{html}");
    }
    assert!(html.contains("@page") && html.contains("A4"), "{html}");
    assert!(html.contains("lang=\"vi\""), "{html}");
    // User text is escaped, never passed through as markup.
    assert!(
        !html.contains(CONCLUSION) && !html.contains("<kiểu mẫu>"),
        "{html}"
    );
    assert!(html.contains(&html_esc(CONCLUSION)), "{html}");
    assert!(!html.contains("<bản gốc>"), "{html}");
    assert!(html.contains(&html_esc(EVIDENCE)), "{html}");
    assert!(html.contains("&lt;bản gốc&gt; &amp; phụ lục"), "{html}");
    for line in SHORTCOMING.lines() {
        assert!(
            html.contains(&format!("<li>{}</li>", html_esc(line))),
            "each shortcoming is its own item: {line:?}\n{html}"
        );
    }

    let file = kit.root().join("bien-ban.html");
    kit.ok(&[
        "export",
        &id,
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    let from_file = fs::read_to_string(&file).unwrap();
    assert_report_facts(&from_file, &html_esc(note), "HTML file");
    assert!(!from_file.contains("https://"));

    let en = export(&kit, "en", &id, "html");
    assert!(en.contains("lang=\"en\""), "{en}");
    assert!(en.contains("22/22 criteria basically met"), "{en}");
    assert!(
        en.contains(&html_esc(catalog["note"]["en"].as_str().unwrap())),
        "{en}"
    );
}

#[test]
fn main_flow_csv_round_trips_text_and_json_is_the_stored_file() {
    let kit = Kit::new();
    let (id, catalog) = main_flow(&kit);
    let note = catalog["note"]["vi"].as_str().unwrap();
    let codes = codes_of(&catalog);

    let out = kit.ok(&["export", &id, "--format", "csv"]);
    let (header, rows) = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 22, "one row per criterion");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let code = col(&header, "code");
    let got: Vec<&str> = rows.iter().map(|r| r[code].as_str()).collect();
    assert_eq!(got, codes.iter().map(String::as_str).collect::<Vec<_>>());

    let (unit, date, team, cat, cat_note, verdict, short, evid) = (
        col(&header, "unit"),
        col(&header, "date"),
        col(&header, "team"),
        col(&header, "catalog"),
        col(&header, "catalog_note"),
        col(&header, "verdict"),
        col(&header, "shortcomings"),
        col(&header, "evidence"),
    );
    let (rec, owner, due) = (
        col(&header, "recommendation"),
        col(&header, "owner"),
        col(&header, "due"),
    );
    for r in &rows {
        assert_eq!(r[unit], UNIT);
        assert_eq!(r[date], DATE);
        assert!(r[team].contains(LEADER), "{:?}", r[team]);
        assert!(
            r[cat].contains("bca-5764-2021-reconstruction"),
            "{:?}",
            r[cat]
        );
        assert_eq!(r[cat_note], note);
    }
    let row = |c: &str| rows.iter().find(|r| r[code] == c).unwrap();
    let iii1 = row("III.1");
    assert_eq!(
        iii1[short], SHORTCOMING,
        "the shortcoming round-trips exactly"
    );
    assert_eq!(iii1[evid], EVIDENCE);
    assert_eq!(iii1[verdict], "basically_met");
    assert_eq!(iii1[rec], "Bổ sung hồ sơ, sổ sách còn thiếu");
    assert_eq!((iii1[owner].as_str(), iii1[due].as_str()), (OWNER, DUE));
    assert_eq!(row("I.1")[verdict], "met");
    let met = rows.iter().filter(|r| r[verdict] == "met").count();
    let basically = rows
        .iter()
        .filter(|r| r[verdict] == "basically_met")
        .count();
    assert_eq!((met, basically), (20, 2));

    // Into a file: the very same bytes (a CSV carries no timestamp).
    let file = kit.root().join("bien-ban.csv");
    kit.ok(&[
        "export",
        &id,
        "--format",
        "csv",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(fs::read(&file).unwrap(), out.stdout);

    // English: the note in English.
    let en = kit.ok(&["--lang", "en", "export", &id, "--format", "csv"]);
    let (h, en_rows) = parse_csv(&en.stdout);
    let n = col(&h, "catalog_note");
    assert_eq!(en_rows[0][n], catalog["note"]["en"].as_str().unwrap());

    // JSON: the stored file, byte for byte.
    let stored = kit.file_bytes(&id);
    let out = kit.ok(&["export", &id, "--format", "json"]);
    assert_eq!(out.stdout, stored, "JSON on stdout equals the stored file");
    let file = kit.root().join("phieu.json");
    kit.ok(&[
        "export",
        &id,
        "--format",
        "json",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        fs::read(&file).unwrap(),
        stored,
        "JSON file equals the stored file"
    );
    let v = json_file(&file);
    assert_eq!(v["unit"]["name"], UNIT);
    assert_eq!(v["date"], DATE);
    assert_eq!(v["team"]["leader"], LEADER);
    assert_eq!(v["catalog"]["id"], "bca-5764-2021-reconstruction");
    assert_eq!(v["answers"]["III.1"]["shortcomings"], SHORTCOMING);
}

// ---------------------------------------------------------------------------------------
// 2. the model standard rule comes from the catalog
// ---------------------------------------------------------------------------------------

/// Units meeting the model standard, by the summary, were the inspections finished: only a
/// final or sealed inspection counts, so a copy of each file marked final is summed up.
fn meeting(kit: &Kit) -> u64 {
    let copy = kit.root().join("final-copy");
    let _ = fs::remove_dir_all(&copy);
    fs::create_dir(&copy).unwrap();
    for f in entries(&kit.inspections()) {
        let mut v = json_file(&kit.inspections().join(&f));
        v["status"] = "final".into();
        fs::write(copy.join(&f), serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    }
    summary_json(kit, &[copy.to_str().unwrap()]).0["units_meeting_all"]
        .as_u64()
        .unwrap()
}

#[test]
fn default_catalog_allows_no_criterion_not_met() {
    let kit = Kit::new();
    let codes = default_codes(&kit);
    let id = kit.new_inspection_with(&["--unit", UNIT, "--date", DATE]);
    set_all(&kit, &id, &codes, |c| {
        if c == "II.4" { "not-met" } else { "met" }
    });
    let md = export(&kit, "vi", &id, "md");
    assert!(md.contains("Chưa đạt chuẩn mô hình"), "{md}");
    assert!(!md.contains("Đạt chuẩn mô hình"), "{md}");
    assert_eq!(meeting(&kit), 0);
    let en = export(&kit, "en", &id, "md");
    assert!(en.contains("Does not yet meet the model standard"), "{en}");

    set(&kit, &id, "II.4", "basically-met");
    let md = export(&kit, "vi", &id, "md");
    assert!(md.contains("Đạt chuẩn mô hình"), "{md}");
    assert!(!md.contains("Chưa đạt chuẩn mô hình"), "{md}");
    assert_eq!(meeting(&kit), 1);
}

#[test]
fn local_catalog_allows_one_not_met_but_requires_a1_and_every_criterion_assessed() {
    let kit = Kit::new();
    let small = small_catalog();
    let catalog = catalog_json(&kit, Some(&small));
    assert_eq!(catalog["model_standard"]["max_not_met"], 1);
    assert_eq!(
        catalog["model_standard"]["required"],
        serde_json::json!(["A.1"])
    );
    let codes = codes_of(&catalog);
    let id = kit.new_inspection_with(&[
        "--unit",
        UNIT,
        "--date",
        DATE,
        "--catalog",
        small.to_str().unwrap(),
    ]);
    let meets = |kit: &Kit| -> bool {
        let md = export(kit, "vi", &id, "md");
        let yes = md.contains("Đạt chuẩn mô hình");
        let no = md.contains("Chưa đạt chuẩn mô hình");
        assert!(yes != no, "exactly one standing in:\n{md}");
        assert_eq!(
            meeting(kit),
            u64::from(yes),
            "summary agrees with the report"
        );
        yes
    };

    // One criterion other than A.1 not met: still meets (max_not_met 1).
    set_all(&kit, &id, &codes, |c| {
        if c == "A.2" { "not-met" } else { "met" }
    });
    assert!(
        meets(&kit),
        "one not-met criterion other than A.1 is allowed"
    );

    // Two not met: too many.
    set(&kit, &id, "A.3", "not-met");
    assert!(!meets(&kit), "two not-met criteria exceed max_not_met 1");
    set(&kit, &id, "A.3", "met");

    // A.1 (required) basically met still counts.
    set(&kit, &id, "A.1", "basically-met");
    assert!(meets(&kit), "a required criterion basically met is enough");

    // A.1 not met: never meets, even as the only not-met criterion.
    set(&kit, &id, "A.2", "met");
    set(&kit, &id, "A.1", "not-met");
    assert!(!meets(&kit), "the required A.1 not met");

    // An unassessed criterion: does not meet.
    set(&kit, &id, "A.1", "met");
    assert!(meets(&kit));
    set(&kit, &id, "B.2", "clear");
    assert!(!meets(&kit), "B.2 not assessed");
}

// ---------------------------------------------------------------------------------------
// 3. finalize
// ---------------------------------------------------------------------------------------

#[test]
fn finalize_lists_missing_criteria_and_needs_confirmation() {
    let kit = Kit::new();
    let codes = default_codes(&kit);
    let id = kit.new_inspection_with(&["--unit", UNIT, "--date", DATE]);
    for c in codes
        .iter()
        .filter(|c| !matches!(c.as_str(), "I.2" | "III.6"))
    {
        set(&kit, &id, c, "met");
    }

    let err = kit.fails(&["finalize", &id]);
    assert!(
        err.contains("I.2, III.6"),
        "names exactly the missing codes: {err}"
    );
    assert!(err.contains("--confirm-incomplete"), "{err}");
    assert_eq!(
        status_of(&kit, &id),
        "draft",
        "a refused finalize changes nothing"
    );
    let en = kit.fails(&["--lang", "en", "finalize", &id]);
    assert!(
        en.contains("I.2, III.6") && en.contains("--confirm-incomplete"),
        "{en}"
    );

    let out = kit.ok(&[
        "finalize",
        &id,
        "--confirm-incomplete",
        "--by",
        "Lê Văn Cường",
    ]);
    assert!(stdout(&out).contains('2'), "{}", describe(&out));
    assert_eq!(status_of(&kit, &id), "final");
    let history = history_texts(&kit, &id);
    let last = history.last().unwrap();
    assert!(
        last.contains("I.2") && last.contains("III.6"),
        "{history:?}"
    );

    let err = kit.fails(&["set", &id, "I.2", "--verdict", "met"]);
    assert!(
        err.contains("Đã hoàn tất") && err.contains("không sửa được"),
        "{err}"
    );
    let err = kit.fails(&["--lang", "en", "set", &id, "I.2", "--verdict", "met"]);
    assert!(
        err.contains("Final") && err.contains("cannot be changed"),
        "{err}"
    );
    assert!(
        kit.answer(&id, "I.2")["verdict"].is_null(),
        "nothing was recorded"
    );
}

#[test]
fn finalize_of_a_complete_inspection_needs_no_confirmation() {
    let kit = Kit::new();
    let small = small_catalog();
    let codes = codes_of(&catalog_json(&kit, Some(&small)));
    let id = kit.new_inspection_with(&["--unit", UNIT, "--catalog", small.to_str().unwrap()]);
    set_all(&kit, &id, &codes, |_| "met");
    kit.ok(&["finalize", &id]);
    assert_eq!(status_of(&kit, &id), "final");
    // Finalising twice is refused.
    let err = kit.fails(&["finalize", &id]);
    assert!(err.contains("Đã hoàn tất"), "{err}");
}

// ---------------------------------------------------------------------------------------
// 4. seal, verify, reopen, chain
// ---------------------------------------------------------------------------------------

#[test]
fn seal_verify_tamper_reopen_and_chain() {
    let kit = Kit::new();
    let id = complete_inspection(&kit);
    let sealer = "Trần Thị Bình";

    let out = kit.ok(&["seal", &id, "--by", sealer]);
    let shown = kit.show_json(&id);
    assert_eq!(shown["status"], "sealed");
    let sha1 = shown["seal"]["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha1.len(), 64, "{sha1}");
    assert!(sha1.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(shown["seal"]["by"], sealer);
    let said = stdout(&out);
    assert!(said.contains(&sha1) && said.contains(sealer), "{said}");

    // Intact: by id, by path, and by the path of a copy under another name.
    let out = kit.ok(&["verify", &id]);
    assert!(stdout(&out).contains(&sha1), "{}", describe(&out));
    let file = kit.inspection_file(&id);
    kit.ok(&["verify", file.to_str().unwrap()]);
    let copy = kit.root().join("bien-ban-da-niem-phong.json");
    fs::copy(&file, &copy).unwrap();
    kit.ok(&["verify", copy.to_str().unwrap()]);

    // One evidence text changed: verify fails and names the criterion.
    let original = fs::read_to_string(&file).unwrap();
    // Once in the answer, once in the history entry that recorded it (old → new).
    assert_eq!(original.matches("họp dân số 12").count(), 2);
    let forged = kit.root().join("forged-evidence.json");
    fs::write(
        &forged,
        original.replacen("họp dân số 12", "họp dân số 13", 1),
    )
    .unwrap();
    let err = kit.fails(&["verify", forged.to_str().unwrap()]);
    assert!(err.contains("III.1"), "names the criterion: {err}");
    assert!(err.contains(&sha1), "shows the sealed hash: {err}");
    assert_eq!(
        err.matches("(answers.").count(),
        1,
        "only the changed criterion: {err}"
    );
    let err = kit.fails(&["--lang", "en", "verify", forged.to_str().unwrap()]);
    assert!(err.contains("criterion III.1"), "{err}");

    // The unit name changed: verify names the unit part.
    let needle = format!("\"name\": \"{UNIT}\"");
    assert_eq!(original.matches(&needle).count(), 1, "{original}");
    let forged = kit.root().join("forged-unit.json");
    fs::write(
        &forged,
        original.replace(&needle, "\"name\": \"Công an phường Bến Nghé\""),
    )
    .unwrap();
    let err = kit.fails(&["verify", forged.to_str().unwrap()]);
    assert!(
        err.contains("đơn vị được kiểm tra"),
        "names the unit: {err}"
    );
    assert!(!err.contains("III.1"), "{err}");
    let err = kit.fails(&["--lang", "en", "verify", forged.to_str().unwrap()]);
    assert!(err.contains("inspected unit"), "{err}");

    // The stored file itself is untouched and still intact.
    kit.ok(&["verify", &id]);

    // Sealed: no changes.
    let err = kit.fails(&["set", &id, "III.1", "--evidence", "khác"]);
    assert!(err.contains("Đã niêm phong"), "{err}");
    assert_eq!(
        kit.file_bytes(&id),
        original.as_bytes(),
        "nothing was written"
    );

    // Reopen: the reason is required and must not be empty.
    let out = kit.run(&["reopen", &id]);
    assert_eq!(
        code(&out),
        2,
        "missing --reason is a usage error:\n{}",
        describe(&out)
    );
    let err = kit.fails(&["reopen", &id, "--reason", ""]);
    assert!(err.contains("lý do"), "{err}");
    let err = kit.fails(&["reopen", &id, "--reason", "   "]);
    assert!(err.contains("lý do"), "{err}");
    assert_eq!(status_of(&kit, &id), "sealed");

    let reason = "Bổ sung minh chứng tiêu chí III.1";
    kit.ok(&["reopen", &id, "--reason", reason]);
    assert_eq!(status_of(&kit, &id), "draft");
    assert!(
        history_texts(&kit, &id).iter().any(|h| h.contains(reason)),
        "the reason is in the history"
    );
    // Not sealed any more.
    let err = kit.fails(&["verify", &id]);
    assert!(err.contains("chưa được niêm phong"), "{err}");

    kit.ok(&[
        "set",
        &id,
        "III.1",
        "--evidence",
        "Biên bản họp dân số 12 và số 13",
    ]);
    kit.ok(&["seal", &id, "--by", "Phạm Văn Dũng"]);
    let shown = kit.show_json(&id);
    assert_eq!(shown["status"], "sealed");
    let sha2 = shown["seal"]["sha256"].as_str().unwrap().to_string();
    assert_ne!(sha2, sha1);
    assert_eq!(
        shown["seal"]["previous"]["sha256"], sha1,
        "the new seal chains to the old one"
    );
    kit.ok(&["verify", &id]);
    kit.ok(&["verify", kit.inspection_file(&id).to_str().unwrap()]);

    let md = export(&kit, "vi", &id, "md");
    assert!(md.contains(&sha2), "{md}");
    assert!(
        md.contains("nối tiếp 1 niêm phong trước"),
        "mentions the chain:\n{md}"
    );
    let en = export(&kit, "en", &id, "md");
    assert!(en.contains("chained to 1 earlier seal"), "{en}");

    // The copy made before reopening is still a valid sealed file on its own.
    kit.ok(&["verify", copy.to_str().unwrap()]);
}

#[test]
fn verify_of_an_unsealed_inspection_fails() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let err = kit.fails(&["verify", &id]);
    assert!(err.contains("chưa được niêm phong"), "{err}");
    let err = kit.fails(&[
        "--lang",
        "en",
        "verify",
        kit.inspection_file(&id).to_str().unwrap(),
    ]);
    assert!(err.contains("not sealed"), "{err}");
}

#[test]
fn seal_of_an_incomplete_draft_needs_confirmation() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    set(&kit, &id, "I.1", "met");
    let err = kit.fails(&["seal", &id, "--by", "Trần Thị Bình"]);
    assert!(err.contains("--confirm-incomplete"), "{err}");
    assert_eq!(status_of(&kit, &id), "draft");
    kit.ok(&["seal", &id, "--by", "Trần Thị Bình", "--confirm-incomplete"]);
    assert_eq!(status_of(&kit, &id), "sealed");
    kit.ok(&["verify", &id]);
}

// ---------------------------------------------------------------------------------------
// 5. summary
// ---------------------------------------------------------------------------------------

const BROKEN: &str = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.json";

#[test]
fn summary_of_demo_data_with_a_broken_file_roster_and_folders() {
    let kit = Kit::new();
    let out = kit.ok(&["demo", "--wards", "249"]);
    assert!(stdout(&out).contains("DỮ LIỆU MẪU"), "{}", describe(&out));

    // Every demo file says so.
    let files = entries(&kit.inspections());
    assert!(files.len() > 249, "follow-ups add files: {}", files.len());
    for f in &files {
        let v = json_file(&kit.inspections().join(f));
        assert_eq!(v["demo"], true, "{f} is not marked as demo data");
    }

    // One broken file: a truncated copy under a new uuid-like name.
    let bytes = fs::read(kit.inspections().join(&files[0])).unwrap();
    fs::write(kit.inspections().join(BROKEN), &bytes[..bytes.len() / 2]).unwrap();

    let (s, err) = summary_json(&kit, &["--target", "249"]);
    let n = |k: &str| s[k].as_u64().unwrap();
    // 249 units, and two 2024 inspections of wards since merged (no rename map given).
    assert_eq!(
        n("units_inspected") + n("units_in_progress") + n("units_self_assessed"),
        251,
        "{s}"
    );
    assert!(
        n("units_in_progress") > 0 && n("units_self_assessed") > 0,
        "{s}"
    );
    assert_eq!(n("inspections_read") as usize, files.len(), "{s}");
    assert_eq!(s["target"], 249);
    let meeting = n("units_meeting_all");
    assert!(meeting <= n("units_inspected"), "{s}");
    assert!(meeting > 0, "many demo units meet the standard: {s}");
    let pct = s["percent_of_target"].as_f64().unwrap();
    assert!(
        (pct - meeting as f64 * 100.0 / 249.0).abs() < 1e-9,
        "{pct} vs {meeting}"
    );
    assert!(err.contains(BROKEN), "stderr names the broken file: {err}");
    let skipped = s["skipped_files"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{s}");
    assert!(skipped[0]["path"].as_str().unwrap().ends_with(BROKEN));
    let excluded = s["excluded_files"].as_array().unwrap();
    assert_eq!(excluded.len(), 1, "{s}");
    assert_eq!(excluded[0]["reason_code"], "unreadable", "{s}");
    let provinces = s["provinces"].as_array().unwrap();
    assert_eq!(provinces.len(), 4, "{s}");
    let sum = |key: &str| -> u64 { provinces.iter().map(|d| d[key].as_u64().unwrap()).sum() };
    assert_eq!(sum("units_inspected"), n("units_inspected"));
    assert_eq!(sum("units_meeting_all"), meeting);
    assert_eq!(sum("units_in_progress"), n("units_in_progress"));
    assert_eq!(sum("units_self_assessed"), n("units_self_assessed"));
    let units = s["units"].as_array().unwrap();
    assert_eq!(units.len(), 251, "{s}");

    // The rename map counts the two old wards for the wards they went into.
    let map = kit.data.join("rename-map-demo.csv");
    let (r, _) = summary_json(&kit, &["--rename-map", map.to_str().unwrap()]);
    let rn = |k: &str| r[k].as_u64().unwrap();
    assert_eq!(
        rn("units_inspected") + rn("units_in_progress") + rn("units_self_assessed"),
        249,
        "{r}"
    );

    // The plain text says the same and mentions the skipped file.
    let out = kit.ok(&["summary", "--target", "249"]);
    let text = stdout(&out);
    assert!(
        text.contains("249") && text.contains(&meeting.to_string()),
        "{text}"
    );
    assert!(text.contains("DỮ LIỆU MẪU"), "{text}");
    assert!(text.contains("Theo tỉnh/thành phố"), "{text}");
    assert!(stderr(&out).contains(BROKEN));

    // CSV by province.
    let out = kit.ok(&["summary", "--csv"]);
    let (header, rows) = parse_csv(&out.stdout);
    assert_eq!(
        header,
        [
            "province",
            "units_inspected",
            "units_meeting_all",
            "units_in_progress",
            "units_self_assessed",
            "units_in_roster"
        ]
    );
    assert_eq!(rows.len(), 4);
    let total: u64 = rows.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    let met: u64 = rows.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
    assert_eq!((total, met), (n("units_inspected"), meeting));
    assert!(rows.iter().any(|r| r[0] == "Hà Nội"), "{rows:?}");

    // A roster: inspected units found by code (whatever the name), by name written
    // differently; two units never inspected.
    let inspected: Vec<&Value> = units
        .iter()
        .filter(|u| u["standing"] == "inspected" && u["unit_code"].is_string())
        .collect();
    let (a, b) = (inspected[0], inspected[1]);
    let roster = kit.root().join("roster.csv");
    fs::write(
        &roster,
        format!(
            "province,unit,unit_code\n\
             {},Tên khác hẳn,{}\n\
             {},{},\n\
             Hà Nội,Công an phường Không Có,\n\
             Hà Nội,Công an xã Chưa Kiểm Tra,DEMO-9999\n",
            a["province"].as_str().unwrap(),
            a["unit_code"].as_str().unwrap(),
            b["province"].as_str().unwrap().to_uppercase(),
            b["unit"].as_str().unwrap().to_uppercase(),
        ),
    )
    .unwrap();
    let (s, _) = summary_json(&kit, &["--roster", roster.to_str().unwrap()]);
    let never: Vec<String> = s["never_inspected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        never,
        ["Công an phường Không Có", "Công an xã Chưa Kiểm Tra"],
        "{s}"
    );
    assert_eq!(s["target"], 4, "the target defaults to the roster's size");
    let out = kit.ok(&["summary", "--roster", roster.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("Công an phường Không Có, Hà Nội"), "{text}");

    // A data folder given as DIR (from another, empty data folder), or its inspections/.
    let other = Kit::new();
    let data = kit.data.to_str().unwrap();
    let (s, err) = summary_json(&other, &[data]);
    assert_eq!(s["units_inspected"], n("units_inspected") as usize, "{s}");
    assert_eq!(s["units_meeting_all"], meeting, "{s}");
    assert!(err.contains(BROKEN), "{err}");
    let (s, _) = summary_json(&other, &[kit.inspections().to_str().unwrap()]);
    assert_eq!(s["units_inspected"], n("units_inspected") as usize, "{s}");
}

#[test]
fn summary_of_a_missing_folder_fails_clearly() {
    let kit = Kit::new();
    let missing = kit.root().join("khong-co-thu-muc");
    let err = kit.fails(&["summary", missing.to_str().unwrap()]);
    assert!(err.contains("khong-co-thu-muc"), "{err}");
    assert!(err.contains("không có thư mục này"), "{err}");
    let err = kit.fails(&[
        "--lang",
        "en",
        "summary",
        missing.to_str().unwrap(),
        "--json",
    ]);
    assert!(err.contains("no such folder"), "{err}");
}

/// A copy of the complete inspection `base` as a file of its own (id `n`), of `unit` in
/// `district` on `date`, last changed at `updated_at`; II.4 not met unless `meets`.
#[allow(clippy::too_many_arguments)]
fn variant(
    kit: &Kit,
    base: &Value,
    n: u32,
    unit: &str,
    district: &str,
    date: &str,
    updated_at: &str,
    meets: bool,
) -> String {
    let mut v = base.clone();
    let id = format!("0190aaaa-0000-7000-8000-{n:012}");
    v["id"] = id.clone().into();
    v["unit"]["name"] = unit.into();
    v["unit"]["district"] = district.into();
    v["date"] = date.into();
    v["updated_at"] = updated_at.into();
    v["status"] = "final".into();
    if !meets {
        v["answers"]["II.4"]["verdict"] = "not_met".into();
    }
    fs::write(
        kit.inspection_file(&id),
        serde_json::to_vec_pretty(&v).unwrap(),
    )
    .unwrap();
    id
}

#[test]
fn summary_counts_each_unit_once_and_the_latest_inspection_decides() {
    let kit = Kit::new();
    // One complete inspection made through the command line is the model for four files.
    let base_id = complete_inspection(&kit);
    let base = json_file(&kit.inspection_file(&base_id));
    fs::remove_file(kit.inspection_file(&base_id)).unwrap();
    // The later inspection was changed earlier, so that the date of the inspection, not
    // the time of the last edit, has to decide.
    let (early_edit, late_edit) = ("2024-07-01T00:00:00Z", "2025-01-01T00:00:00Z");
    // Bến Nghé (Quận 1): met in 2023, not met in 2024.
    let q1_new = variant(
        &kit,
        &base,
        1,
        "Công an phường Bến Nghé",
        "Quận 1",
        "2024-06-01",
        early_edit,
        false,
    );
    variant(
        &kit,
        &base,
        2,
        "Công an phường Bến Nghé",
        "Quận 1",
        "2023-03-01",
        late_edit,
        true,
    );
    // Võ Thị Sáu (Quận 3): not met in 2023 (written in capitals), met in 2024.
    variant(
        &kit,
        &base,
        3,
        "Công an phường Võ Thị Sáu",
        "Quận 3",
        "2024-06-01",
        early_edit,
        true,
    );
    variant(
        &kit,
        &base,
        4,
        "CÔNG AN PHƯỜNG VÕ THỊ SÁU",
        "Quận 3",
        "2023-03-01",
        late_edit,
        false,
    );
    // The files are real inspections to kiemtra.
    assert_eq!(
        kit.show_json(&q1_new)["answers"]["II.4"]["verdict"],
        "not_met"
    );
    assert_eq!(kit.list_json().as_array().map(Vec::len), Some(4));

    let (s, _) = summary_json(&kit, &[]);
    assert_eq!(s["inspections_read"], 4, "{s}");
    assert_eq!(s["units_inspected"], 2, "{s}");
    assert_eq!(s["units_meeting_all"], 1, "{s}");
    let unit = |name: &str| {
        s["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["former_district"] == name)
            .unwrap_or_else(|| panic!("no unit of {name}: {s}"))
            .clone()
    };
    assert_eq!(unit("Quận 1")["meets"], false, "{s}");
    assert_eq!(unit("Quận 3")["meets"], true, "{s}");
    let provinces = s["provinces"].as_array().unwrap();
    assert_eq!(provinces.len(), 1, "{s}");
    assert_eq!(
        (
            provinces[0]["units_inspected"].as_u64(),
            provinces[0]["units_meeting_all"].as_u64()
        ),
        (Some(2), Some(1)),
        "{s}"
    );
    // The not-met criterion of the latest Bến Nghé inspection is the only failure counted.
    assert_eq!(
        s["most_failed"],
        serde_json::json!([{"criterion": "II.4", "units": 1}]),
        "{s}"
    );
}

/// A roster district written in other case or without accents is the same district as the
/// inspections' (an old inspection, made before July 2025): the unit is found, and the
/// by-province rows do not split.
#[test]
fn summary_roster_districts_match_regardless_of_case_and_accents() {
    let kit = Kit::new();
    let id =
        kit.new_inspection_with(&["--unit", "Công an phường Bến Nghé", "--district", "Quận 1"]);
    kit.ok(&["finalize", &id, "--confirm-incomplete"]);
    let roster = kit.root().join("roster.csv");
    fs::write(
        &roster,
        "unit,district\nCÔNG AN PHƯỜNG BẾN NGHÉ,QUẬN 1\nCông an phường Đa Kao,quan 1\n",
    )
    .unwrap();
    let (s, _) = summary_json(&kit, &["--roster", roster.to_str().unwrap()]);
    let never = s["never_inspected"].as_array().unwrap();
    assert_eq!(never.len(), 1, "{s}");
    assert_eq!(never[0]["unit"], "Công an phường Đa Kao");
    let provinces = s["provinces"].as_array().unwrap();
    assert_eq!(provinces.len(), 1, "one (unnamed) province: {s}");
    assert_eq!(provinces[0]["units_inspected"], 1, "{s}");
    assert_eq!(provinces[0]["units_in_roster"], 2, "{s}");
}

// ---------------------------------------------------------------------------------------
// 6. help
// ---------------------------------------------------------------------------------------

#[test]
fn help_of_every_new_subcommand_in_both_languages() {
    let kit = Kit::new();
    let cases = [
        (
            "conclude",
            "Ghi kết luận của đoàn",
            "Record the team's conclusion",
        ),
        ("finalize", "Hoàn tất phiếu", "Finalise"),
        (
            "reopen",
            "Mở lại phiếu",
            "Reopen a final or sealed inspection",
        ),
        ("seal", "Niêm phong phiếu", "Seal an inspection"),
        ("verify", "Kiểm tra niêm phong", "Check a seal"),
        ("export", "Xuất phiếu", "Export an inspection"),
        (
            "summary",
            "Tổng hợp nhân rộng",
            "Roll-out across many wards",
        ),
        ("demo", "DỮ LIỆU MẪU", "DEMO data set"),
    ];
    for (cmd, vi, en) in cases {
        let out = kit.ok(&[cmd, "--help"]);
        let text = stdout(&out);
        assert!(text.contains(vi), "{cmd} --help (vi):\n{text}");
        assert!(text.contains(&format!("kiemtra {cmd}")), "{text}");
        let out = kit.ok(&["--lang", "en", cmd, "--help"]);
        let text = stdout(&out);
        assert!(text.contains(en), "{cmd} --help (en):\n{text}");
        assert!(
            !text.contains(vi),
            "{cmd} --help (en) is in English:\n{text}"
        );
    }
}
