//! The command line, end to end through the real binary, each test in its own data folder.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

use common::*;
use serde_json::Value;

/// "Công an phường Tân Chánh Hiệp" with "ườ", "â" and "ệ" fully decomposed (NFD).
const NFD_UNIT: &str =
    "Công an phu\u{031b}o\u{031b}\u{0300}ng Ta\u{0302}n Chánh Hie\u{0323}\u{0302}p";
const NFC_UNIT: &str = "Công an phường Tân Chánh Hiệp";

// ---------------------------------------------------------------------------------------
// new
// ---------------------------------------------------------------------------------------

#[test]
fn new_prints_the_id_first_and_creates_the_file() {
    let kit = Kit::new();
    let out = kit.ok(&[
        "new",
        "--unit",
        "Công an phường Bến Nghé",
        "--date",
        "2024-05-20",
    ]);
    let id = first_line(&out);
    assert_eq!(id.len(), 36, "the first line is a uuid: {id:?}");
    assert!(
        id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
        "{id:?}"
    );
    let path = kit.inspection_file(&id);
    assert!(path.is_file(), "{} was not created", path.display());
    // The second line says what was created, in Vietnamese by default.
    let text = stdout(&out);
    assert!(
        text.contains("Đã tạo phiếu kiểm tra cho Công an phường Bến Nghé"),
        "{text}"
    );
    let file = json_file(&path);
    assert_eq!(file["id"], id.as_str());
    assert_eq!(file["schema_version"], 3);
    assert_eq!(file["date"], "2024-05-20");
    assert_eq!(file["status"], "draft");
    // Two inspections get two different ids and two files.
    let other = kit.new_inspection();
    assert_ne!(other, id);
    assert_eq!(entries(&kit.inspections()).len(), 2);
}

#[test]
fn new_stores_a_decomposed_unit_name_precomposed() {
    assert_ne!(NFD_UNIT, NFC_UNIT);
    let kit = Kit::new();
    let id = kit.new_inspection_with(&["--unit", NFD_UNIT]);
    let bytes = kit.file_bytes(&id);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(NFC_UNIT),
        "the file holds the NFC name:\n{text}"
    );
    assert!(
        !text.contains("\u{031b}") && !text.contains("\u{0300}"),
        "no combining marks left"
    );
    assert_eq!(
        json_file(&kit.inspection_file(&id))["unit"]["name"],
        NFC_UNIT
    );
    assert_eq!(kit.show_json(&id)["unit"]["name"], NFC_UNIT);
    let list = kit.list_json();
    assert_eq!(list[0]["unit"], NFC_UNIT);
}

#[test]
fn new_refuses_an_empty_unit_and_a_bad_date() {
    let kit = Kit::new();
    let err = kit.fails(&["new", "--unit", "   "]);
    assert!(err.contains("tên đơn vị không được để trống"), "{err}");
    let err = kit.fails(&["new", "--unit", "X", "--date", "2024-02-30"]);
    assert!(err.contains("2024-02-30"), "{err}");
    assert!(!kit.inspections().exists() || entries(&kit.inspections()).is_empty());
}

#[test]
fn new_under_umask_000_still_creates_private_files_and_folders() {
    let kit = Kit::new();
    let out = umask0(&kit, &["new", "--unit", "Công an phường Bến Thành"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let id = first_line(&out);
    assert_eq!(mode(&kit.data), 0o700, "data dir");
    assert_eq!(mode(&kit.inspections()), 0o700, "inspections folder");
    assert_eq!(mode(&kit.inspection_file(&id)), 0o600, "inspection file");

    // A `set` under the same umask keeps the file private and makes a private locks folder.
    let out = umask0(&kit, &["set", &id, "1", "--verdict", "met"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(
        mode(&kit.inspection_file(&id)),
        0o600,
        "inspection file after set"
    );
    assert_eq!(mode(&kit.data.join("locks")), 0o700, "locks folder");
}

// ---------------------------------------------------------------------------------------
// set, show, list: progress
// ---------------------------------------------------------------------------------------

#[test]
fn set_verdicts_show_up_in_progress_of_show_and_list() {
    let kit = Kit::new();
    let id =
        kit.new_inspection_with(&["--unit", "Công an phường Tân Định", "--date", "2024-06-01"]);
    let p = &kit.show_json(&id)["progress"];
    assert_eq!(p["total"], 22);
    assert_eq!(p["assessed"], 0);

    let out = kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert!(stdout(&out).contains("Đã lưu"), "{}", stdout(&out));
    let out = kit.ok(&["set", &id, "2", "--verdict", "not-met"]);
    assert!(
        stdout(&out).contains("2/22 đã đánh giá"),
        "{}",
        stdout(&out)
    );

    let show = kit.show_json(&id);
    let p = &show["progress"];
    assert_eq!(p["total"], 22, "{p}");
    assert_eq!(p["assessed"], 2, "{p}");
    assert_eq!(p["met"], 1, "{p}");
    assert_eq!(p["not_met"], 1, "{p}");
    assert_eq!(p["basically_met"], 0, "{p}");
    assert_eq!(show["answers"]["I.1"]["verdict"], "met");
    assert_eq!(show["answers"]["I.2"]["verdict"], "not_met");

    let list = kit.list_json();
    let rows = list.as_array().expect("list --json is an array");
    let row = rows
        .iter()
        .find(|r| r["id"] == id.as_str())
        .expect("the inspection is listed");
    assert_eq!(row["unit"], "Công an phường Tân Định");
    assert_eq!(row["date"], "2024-06-01");
    assert_eq!(row["status"], "draft");
    assert_eq!(row["progress"]["total"], 22);
    assert_eq!(row["progress"]["assessed"], 2);
    assert_eq!(row["progress"]["met"], 1);
    assert_eq!(row["progress"]["not_met"], 1);

    // Clearing a verdict takes it out of the progress again.
    kit.ok(&["set", &id, "2", "--verdict", "clear"]);
    let p = &kit.show_json(&id)["progress"];
    assert_eq!(p["assessed"], 1, "{p}");
    assert_eq!(p["not_met"], 0, "{p}");
}

#[test]
fn list_without_inspections_is_empty() {
    let kit = Kit::new();
    assert_eq!(kit.list_json(), Value::Array(vec![]));
    let out = kit.ok(&["list"]);
    assert!(
        stdout(&out).contains("Chưa có phiếu kiểm tra nào"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn criterion_by_number_and_by_code_in_any_case() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let out = kit.ok(&["set", &id, "III.1", "--evidence", "một"]);
    assert!(stdout(&out).contains("[III.1]"), "{}", stdout(&out));
    assert_eq!(kit.answer(&id, "III.1")["evidence"], "một");
    kit.ok(&["set", &id, "iii.1", "--evidence", "hai"]);
    assert_eq!(kit.answer(&id, "III.1")["evidence"], "hai");
    kit.ok(&["set", &id, "17", "--evidence", "ba"]);
    assert_eq!(kit.answer(&id, "III.1")["evidence"], "ba");
    let answers = kit.show_json(&id)["answers"].as_object().unwrap().clone();
    assert_eq!(
        answers.keys().collect::<Vec<_>>(),
        vec!["III.1"],
        "one answer, under the code"
    );
}

#[test]
fn unknown_criterion_fails_naming_it() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let before = kit.file_bytes(&id);
    let err = kit.fails(&["set", &id, "99", "--verdict", "met"]);
    assert!(err.contains("\"99\""), "{err}");
    assert!(err.contains("không có tiêu chí"), "{err}");
    assert!(
        err.contains("1..22"),
        "the message says which numbers exist: {err}"
    );
    let err = kit.fails(&["--lang", "en", "set", &id, "IX.9", "--verdict", "met"]);
    assert!(err.contains("no criterion \"IX.9\""), "{err}");
    assert_eq!(kit.file_bytes(&id), before);
}

#[test]
fn set_with_nothing_to_record_fails() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let err = kit.fails(&["set", &id, "1"]);
    assert!(err.contains("không có gì để ghi"), "{err}");
}

#[test]
fn setting_the_same_thing_twice_reports_nothing_changed() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&["set", &id, "1", "--verdict", "met"]);
    let before = kit.file_bytes(&id);
    let out = kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert!(
        stdout(&out).contains("Không có gì thay đổi"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        kit.file_bytes(&id),
        before,
        "an unchanged answer is not rewritten"
    );
}

// ---------------------------------------------------------------------------------------
// ids
// ---------------------------------------------------------------------------------------

#[test]
fn id_by_unique_prefix() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let prefix = &id[..8];
    let show = kit.show_json(prefix);
    assert_eq!(show["id"], id.as_str());
    kit.ok(&["set", prefix, "1", "--verdict", "met"]);
    assert_eq!(kit.answer(&id, "I.1")["verdict"], "met");
    let text = stdout(&kit.ok(&["show", prefix]));
    assert!(text.contains(&id), "{text}");
}

#[test]
fn unknown_id_fails_naming_it_in_vietnamese_by_default_and_english_on_request() {
    let kit = Kit::new();
    kit.new_inspection();
    let err = kit.fails(&["show", "zzzz-no-such"]);
    assert!(
        err.contains("không có phiếu kiểm tra nào có mã \"zzzz-no-such\""),
        "{err}"
    );
    let err = kit.fails(&["--lang", "en", "show", "zzzz-no-such"]);
    assert!(
        err.contains("no inspection with id \"zzzz-no-such\""),
        "{err}"
    );
    let err = kit.fails(&["set", "zzzz-no-such", "1", "--verdict", "met", "--lang=en"]);
    assert!(err.contains("no inspection with id"), "{err}");
    // An empty data folder behaves the same.
    let empty = Kit::new();
    let err = empty.fails(&["show", "abc"]);
    assert!(err.contains("\"abc\""), "{err}");
}

#[test]
fn kiemtra_lang_variable_switches_to_english() {
    let kit = Kit::new();
    let mut c = kit.cmd(&["show", "nope"]);
    c.env("KIEMTRA_LANG", "en");
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("no inspection with id"),
        "{}",
        describe(&out)
    );
}

/// Two inspection files whose ids share a long prefix, made deterministically by copying
/// a real file under a new id.
fn two_with_shared_prefix(kit: &Kit) -> (String, String) {
    let id = kit.new_inspection();
    let last = id.chars().last().unwrap();
    let swap = if last == '0' { '1' } else { '0' };
    let other = format!("{}{swap}", &id[..id.len() - 1]);
    let text = String::from_utf8(kit.file_bytes(&id)).unwrap();
    fs::write(kit.inspection_file(&other), text.replace(&id, &other)).unwrap();
    // The copy is a good inspection in its own right.
    assert_eq!(kit.show_json(&other)["id"], other.as_str());
    (id, other)
}

#[test]
fn ambiguous_prefix_fails_in_both_languages() {
    let kit = Kit::new();
    let (a, b) = two_with_shared_prefix(&kit);
    let prefix = &a[..30];
    let err = kit.fails(&["show", prefix]);
    assert!(
        err.contains(&format!("mã \"{prefix}\" khớp nhiều phiếu")),
        "{err}"
    );
    assert!(
        err.contains(&a) && err.contains(&b),
        "both candidates are named: {err}"
    );
    let err = kit.fails(&["--lang", "en", "show", prefix]);
    assert!(
        err.contains(&format!("id \"{prefix}\" matches several inspections")),
        "{err}"
    );
    let before = kit.file_bytes(&a);
    kit.fails(&["set", prefix, "1", "--verdict", "met"]);
    assert_eq!(kit.file_bytes(&a), before);
    // The whole id is never ambiguous, and one more character settles it.
    assert_eq!(kit.show_json(&a)["id"], a.as_str());
    assert_eq!(kit.show_json(&b[..36])["id"], b.as_str());
}

// ---------------------------------------------------------------------------------------
// indicator values and the verdict rule
// ---------------------------------------------------------------------------------------

#[test]
fn ratio_below_threshold_suggests_not_met_and_an_override_needs_a_reason() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let out = kit.ok(&[
        "set",
        &id,
        "III.1",
        "--value",
        "safe_areas=16/25",
        "--value",
        "movement_rating=good",
    ]);
    let text = stdout(&out);
    assert!(text.contains("16/25 = 64% < 70%"), "{text}");
    assert!(text.contains("Gợi ý: Chưa đạt"), "{text}");
    let a = kit.answer(&id, "III.1");
    assert_eq!(a["suggested"], "not_met");
    assert_eq!(a["verdict"], Value::Null);
    assert_eq!(a["values"]["safe_areas"]["ratio"]["numerator"], 16);
    assert_eq!(a["values"]["safe_areas"]["ratio"]["denominator"], 25);
    assert_eq!(a["values"]["movement_rating"]["choice"], "good");

    // Choosing "met" against the suggestion without a reason is refused; nothing changes.
    let before = kit.file_bytes(&id);
    let err = kit.fails(&["set", &id, "III.1", "--verdict", "met"]);
    assert!(err.contains("--reason"), "{err}");
    assert!(
        err.contains("16/25 = 64% < 70%"),
        "the refusal explains the rule: {err}"
    );
    assert_eq!(
        kit.file_bytes(&id),
        before,
        "a refused set leaves the file byte-for-byte"
    );
    let err = kit.fails(&["--lang", "en", "set", &id, "III.1", "--verdict", "met"]);
    assert!(err.contains("give a written reason (--reason"), "{err}");
    assert_eq!(kit.file_bytes(&id), before);

    // With a reason it is accepted and recorded.
    let reason = "Khu dân cư mới sáp nhập, chưa đủ thời gian xét công nhận";
    kit.ok(&["set", &id, "III.1", "--verdict", "met", "--reason", reason]);
    let a = kit.answer(&id, "III.1");
    assert_eq!(a["verdict"], "met");
    assert_eq!(a["suggested"], "not_met");
    assert_eq!(a["override_reason"], reason);
    assert_eq!(kit.show_json(&id)["progress"]["met"], 1);
    // And a file with a reasoned override is valid.
    kit.ok(&["validate"]);
    // The readable account shows the reason.
    assert!(stdout(&kit.ok(&["show", &id])).contains(reason));
}

#[test]
fn ratio_exactly_at_the_threshold_meets_it_and_just_below_does_not() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let out = kit.ok(&[
        "set",
        &id,
        "III.1",
        "--value",
        "safe_areas=7/10",
        "--value",
        "movement_rating=good",
    ]);
    let text = stdout(&out);
    assert!(text.contains("7/10 = 70% ≥ 70%"), "{text}");
    assert!(text.contains("Gợi ý: Đạt"), "{text}");
    assert_eq!(kit.answer(&id, "III.1")["suggested"], "met");
    // Agreeing with the suggestion needs no reason.
    kit.ok(&["set", &id, "III.1", "--verdict", "met"]);
    assert_eq!(kit.answer(&id, "III.1")["verdict"], "met");
    assert_eq!(kit.answer(&id, "III.1")["override_reason"], Value::Null);

    // 69/100 falls short: with "met" already chosen, that change now needs a reason.
    let before = kit.file_bytes(&id);
    let err = kit.fails(&["set", &id, "III.1", "--value", "safe_areas=69/100"]);
    assert!(err.contains("69/100 = 69% < 70%"), "{err}");
    assert!(err.contains("--reason"), "{err}");
    assert_eq!(kit.file_bytes(&id), before);

    // On a fresh inspection 69/100 suggests not met.
    let fresh = kit.new_inspection();
    let text = stdout(&kit.ok(&[
        "set",
        &fresh,
        "III.1",
        "--value",
        "safe_areas=69/100",
        "--value",
        "movement_rating=excellent",
    ]));
    assert!(text.contains("69/100 = 69% < 70%"), "{text}");
    assert_eq!(kit.answer(&fresh, "III.1")["suggested"], "not_met");

    // A rating outside one_of only lowers it to basically met.
    let text = stdout(&kit.ok(&[
        "--lang",
        "en",
        "set",
        &fresh,
        "III.1",
        "--value",
        "safe_areas=25/25",
        "--value",
        "movement_rating=average",
    ]));
    assert!(text.contains("Suggested: Basically met"), "{text}");
    assert_eq!(kit.answer(&fresh, "III.1")["suggested"], "basically_met");
}

#[test]
fn a_reason_is_dropped_when_the_verdict_no_longer_overrides() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&[
        "set",
        &id,
        "III.1",
        "--value",
        "safe_areas=16/25",
        "--value",
        "movement_rating=good",
        "--verdict",
        "met",
        "--reason",
        "lý do",
    ]);
    assert_eq!(kit.answer(&id, "III.1")["override_reason"], "lý do");
    kit.ok(&["set", &id, "III.1", "--value", "safe_areas=20/25"]);
    let a = kit.answer(&id, "III.1");
    assert_eq!(a["suggested"], "met");
    assert_eq!(a["override_reason"], Value::Null, "{a}");
}

#[test]
fn bad_values_are_refused_with_specific_messages() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let before = kit.file_bytes(&id);
    let cases: &[(&str, &str, &str)] = &[
        (
            "safe_areas=abc",
            "cần hai số nguyên dạng TỬ/MẪU",
            "expected two whole numbers as PART/WHOLE",
        ),
        (
            "safe_areas=16",
            "cần hai số nguyên dạng TỬ/MẪU",
            "expected two whole numbers",
        ),
        (
            "safe_areas=-1/4",
            "cần hai số nguyên dạng TỬ/MẪU",
            "expected two whole numbers",
        ),
        (
            "safe_areas=3/0",
            "mẫu số phải lớn hơn 0",
            "the whole must be more than 0",
        ),
        (
            "bogus_indicator=1",
            "không có chỉ số \"bogus_indicator\"",
            "has no indicator \"bogus_indicator\"",
        ),
        (
            "movement_rating=superb",
            "không phải một lựa chọn",
            "not an option; choose one of: excellent, good",
        ),
        (
            "safe_areas",
            "cần dạng CHỈ_SỐ=GIÁ_TRỊ",
            "expected INDICATOR=VALUE",
        ),
    ];
    for (value, vi, en) in cases {
        let err = kit.fails(&["set", &id, "III.1", "--value", value]);
        assert!(err.contains(vi), "{value}: {err}");
        let err = kit.fails(&["--lang", "en", "set", &id, "III.1", "--value", value]);
        assert!(err.contains(en), "{value}: {err}");
        assert_eq!(
            kit.file_bytes(&id),
            before,
            "{value} must not change the file"
        );
    }
    // The unknown-indicator message lists the indicators that do exist.
    let err = kit.fails(&["set", &id, "III.1", "--value", "bogus_indicator=1"]);
    assert!(
        err.contains("safe_areas") && err.contains("movement_rating"),
        "{err}"
    );
    // Counts and checks are checked too.
    let err = kit.fails(&["set", &id, "II.2", "--value", "crimes_this_year=-3"]);
    assert!(err.contains("cần một số nguyên từ 0 trở lên"), "{err}");
    let err = kit.fails(&["set", &id, "II.1", "--value", "no_surprise=maybe"]);
    assert!(err.contains("cần có hoặc không"), "{err}");
    assert_eq!(kit.file_bytes(&id), before);
}

#[test]
fn check_and_count_values_accept_the_documented_spellings() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    for (raw, expected) in [("yes", true), ("không", false), ("co", true), ("0", false)] {
        kit.ok(&["set", &id, "II.1", "--value", &format!("no_surprise={raw}")]);
        assert_eq!(
            kit.answer(&id, "II.1")["values"]["no_surprise"]["check"],
            expected,
            "{raw}"
        );
    }
    kit.ok(&[
        "set",
        &id,
        "II.2",
        "--value",
        "crimes_this_year=12",
        "--value",
        "crimes_last_year=9",
        "--value",
        "very_serious_unsolved=0",
    ]);
    let a = kit.answer(&id, "II.2");
    assert_eq!(a["values"]["crimes_this_year"]["count"], 12);
    assert_eq!(
        a["suggested"], "not_met",
        "12 crimes this year > 9 last year: {a}"
    );
}

// ---------------------------------------------------------------------------------------
// languages, usage errors, help
// ---------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_with_2() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let cases: Vec<Vec<&str>> = vec![
        vec!["bogus-subcommand"],
        vec!["set"],
        vec!["set", &id],
        vec!["set", &id, "1", "--verdict", "bogus"],
        vec!["new"],
        vec!["show"],
        vec!["list", "--no-such-flag"],
        vec!["--lang", "fr", "list"],
        vec!["catalog", "bogus"],
    ];
    let before = kit.file_bytes(&id);
    for args in cases {
        let out = kit.run(&args);
        assert_eq!(code(&out), 2, "{args:?}:\n{}", describe(&out));
        assert!(!stderr(&out).is_empty(), "{args:?} says what is wrong");
        assert!(out.stdout.is_empty(), "{args:?} prints nothing on stdout");
    }
    assert_eq!(kit.file_bytes(&id), before);
    assert_eq!(
        entries(&kit.inspections()).len(),
        1,
        "no usage error created anything"
    );
}

#[test]
fn help_works_on_every_subcommand_in_both_languages() {
    let kit = Kit::new();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[],
            "Bảng điều khiển kiểm tra",
            "Inspection console for model ward police units",
        ),
        (&["new"], "Tạo phiếu kiểm tra mới", "Create an inspection"),
        (
            &["list"],
            "Liệt kê các phiếu kiểm tra",
            "List the inspections",
        ),
        (&["show"], "Xem một phiếu kiểm tra", "Show one inspection"),
        (
            &["set"],
            "Ghi kết quả một tiêu chí",
            "Record the answer for one criterion",
        ),
        (
            &["validate"],
            "Kiểm tra tệp hoặc thư mục phiếu",
            "Check inspection files or folders",
        ),
        (
            &["catalog"],
            "Bộ tiêu chí: liệt kê, xem, kiểm tra",
            "Catalogs: list, show, check",
        ),
        (
            &["catalog", "list"],
            "Liệt kê các bộ tiêu chí có sẵn",
            "List the available catalogs",
        ),
        (
            &["catalog", "show"],
            "Xem một bộ tiêu chí",
            "Show a catalog",
        ),
        (
            &["catalog", "validate"],
            "Kiểm tra một tệp bộ tiêu chí",
            "Check a catalog file",
        ),
    ];
    for (sub, vi, en) in cases {
        let mut args: Vec<&str> = sub.to_vec();
        args.push("--help");
        let out = kit.run(&args);
        assert_eq!(code(&out), 0, "{args:?}:\n{}", describe(&out));
        let text = stdout(&out);
        assert!(text.contains(vi), "{args:?} in Vietnamese:\n{text}");
        assert!(
            text.contains("Usage:") || text.contains("kiemtra"),
            "{text}"
        );
        let mut en_args = vec!["--lang", "en"];
        en_args.extend_from_slice(&args);
        let out = kit.run(&en_args);
        assert_eq!(code(&out), 0, "{en_args:?}:\n{}", describe(&out));
        let text = stdout(&out);
        assert!(text.contains(en), "{en_args:?} in English:\n{text}");
        assert!(!text.contains(vi), "{en_args:?} is not Vietnamese:\n{text}");
    }
    // Argument help is localised too.
    let text = stdout(&kit.ok(&["set", "--help"]));
    assert!(text.contains("Kết luận: met (Đạt)"), "{text}");
    let text = stdout(&kit.ok(&["set", "--help", "--lang", "en"]));
    assert!(
        text.contains("Verdict: met, basically-met, not-met, or clear"),
        "{text}"
    );
    assert!(!kit.data.exists(), "help creates no data folder");
}

// ---------------------------------------------------------------------------------------
// catalogs
// ---------------------------------------------------------------------------------------

fn criteria_of(catalog: &Value) -> Vec<Value> {
    catalog["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["criteria"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn catalog_show_json_has_22_criteria() {
    let kit = Kit::new();
    let c = json(&kit.ok(&["catalog", "show", "--json"]));
    assert_eq!(c["format"], "kiemtra-catalog");
    let criteria = criteria_of(&c);
    assert_eq!(criteria.len(), 22);
    let codes: Vec<&str> = criteria
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"III.1"), "{codes:?}");
    let iii1 = criteria.iter().find(|c| c["code"] == "III.1").unwrap();
    assert_eq!(iii1["number"], 17);
    let rule = iii1["rule"].as_array().unwrap();
    assert!(
        rule.iter()
            .any(|r| r["indicator"] == "safe_areas" && r["min_percent"] == 70.0)
    );
    // The readable form names every criterion.
    let text = stdout(&kit.ok(&["catalog", "show"]));
    assert!(text.contains("[III.1]") && text.contains("[I.1]"), "{text}");
    // A file can be shown too.
    let small = json(&kit.ok(&[
        "catalog",
        "show",
        "--json",
        small_catalog().to_str().unwrap(),
    ]));
    assert_eq!(criteria_of(&small).len(), 5);
}

#[test]
fn catalog_validate_accepts_the_default_and_the_small_catalog() {
    let kit = Kit::new();
    let out = kit.ok(&["catalog", "validate"]);
    assert!(
        stdout(&out).contains("hợp lệ: 22 tiêu chí"),
        "{}",
        stdout(&out)
    );
    let out = kit.ok(&[
        "--lang",
        "en",
        "catalog",
        "validate",
        small_catalog().to_str().unwrap(),
    ]);
    assert!(
        stdout(&out).contains("Catalog local-test-variant 1 is valid: 5 criteria"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn catalog_validate_names_the_criterion_and_the_problem_of_a_broken_catalog() {
    let kit = Kit::new();
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "duplicate-code.json",
            &["mã tiêu chí \"A.1\" bị trùng"],
            &["criterion code \"A.1\" is used twice"],
        ),
        (
            "unknown-indicator.json",
            &["tiêu chí A.2", "chỉ số \"safe_area\" không có"],
            &["criterion A.2", "refers to indicator \"safe_area\""],
        ),
        (
            "test-kind.json",
            &[
                "tiêu chí A.1",
                "phép thử \"min_percent\" không dùng được cho chỉ số \"no_discipline\"",
            ],
            &[
                "criterion A.1",
                "test \"min_percent\" does not fit indicator \"no_discipline\"",
            ],
        ),
        (
            "unknown-option.json",
            &["tiêu chí B.1", "\"superb\""],
            &["criterion B.1", "one_of names \"superb\""],
        ),
    ];
    for (file, vi, en) in cases {
        let path = fixture(&format!("bad-catalogs/{file}"));
        let p = path.to_str().unwrap();
        let err = kit.fails(&["catalog", "validate", p]);
        assert!(err.contains(file), "{file}: the file is named: {err}");
        for w in *vi {
            assert!(err.contains(w), "{file}: {w:?} in {err}");
        }
        let err = kit.fails(&["--lang", "en", "catalog", "validate", p]);
        for w in *en {
            assert!(err.contains(w), "{file}: {w:?} in {err}");
        }
        // A broken catalog cannot be used for a new inspection, and is not installed.
        let err = kit.fails(&["new", "--unit", "X", "--catalog", p]);
        assert!(err.contains(file), "{err}");
        assert!(!kit.inspections().exists() || entries(&kit.inspections()).is_empty());
        assert!(
            !kit.data.join("catalogs").exists() || entries(&kit.data.join("catalogs")).is_empty()
        );
    }
    // A missing catalog file is named.
    let err = kit.fails(&["catalog", "validate", "/nonexistent/catalog.json"]);
    assert!(err.contains("/nonexistent/catalog.json"), "{err}");
}

#[test]
fn a_second_catalog_works_end_to_end() {
    let kit = Kit::new();
    // Use a copy that is removed afterwards: the inspection must keep working because the
    // catalog was installed into the data folder.
    let copy = kit.root().join("my-district.json");
    fs::copy(small_catalog(), &copy).unwrap();
    let id = kit.new_inspection_with(&[
        "--unit",
        "Công an phường 7",
        "--catalog",
        copy.to_str().unwrap(),
    ]);
    fs::remove_file(&copy).unwrap();
    let installed = kit.data.join("catalogs");
    let files = entries(&installed);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        fs::read(installed.join(&files[0])).unwrap(),
        fs::read(small_catalog()).unwrap()
    );

    let show = kit.show_json(&id);
    assert_eq!(show["catalog"]["id"], "local-test-variant");
    assert_eq!(show["progress"]["total"], 5);

    let text = stdout(&kit.ok(&["set", &id, "2", "--value", "safe_areas=16/25"]));
    assert!(
        text.contains("[A.2]") && text.contains("16/25 = 64% < 70%"),
        "{text}"
    );
    kit.ok(&[
        "set",
        &id,
        "a.1",
        "--value",
        "no_discipline=yes",
        "--verdict",
        "met",
    ]);
    kit.ok(&[
        "set",
        &id,
        "B.1",
        "--value",
        "movement_rating=weak",
        "--verdict",
        "basically-met",
    ]);
    let err = kit.fails(&["set", &id, "6", "--verdict", "met"]);
    assert!(err.contains("1..5"), "{err}");
    let err = kit.fails(&["set", &id, "III.1", "--verdict", "met"]);
    assert!(err.contains("III.1"), "{err}");

    let show = kit.show_json(&id);
    assert_eq!(show["answers"]["A.1"]["verdict"], "met");
    assert_eq!(show["answers"]["B.1"]["verdict"], "basically_met");
    assert_eq!(show["answers"]["A.2"]["suggested"], "not_met");
    let p = &show["progress"];
    assert_eq!(
        (p["total"].as_u64(), p["assessed"].as_u64()),
        (Some(5), Some(2)),
        "{p}"
    );

    // A default-catalog inspection alongside it.
    let other = kit.new_inspection();
    let list = kit.list_json();
    let row = |i: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == i)
            .unwrap()
            .clone()
    };
    assert_eq!(row(&id)["progress"]["total"], 5);
    assert_eq!(row(&id)["catalog"], "local-test-variant 1");
    assert_eq!(row(&other)["progress"]["total"], 22);

    let text = stdout(&kit.ok(&["show", &id]));
    assert!(
        text.contains("[B.2]") && !text.contains("[III.1]"),
        "{text}"
    );

    let text = stdout(&kit.ok(&["catalog", "list"]));
    assert!(text.contains("bca-5764-2021-reconstruction"), "{text}");
    assert!(
        text.contains("local-test-variant 1") && text.contains("5 tiêu chí"),
        "{text}"
    );
    assert!(text.contains("22 tiêu chí"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");

    // Installing the same file again is harmless.
    kit.new_inspection_with(&[
        "--unit",
        "Y",
        "--catalog",
        small_catalog().to_str().unwrap(),
    ]);
    assert_eq!(entries(&installed).len(), 1);
    kit.ok(&["validate"]);
}

// ---------------------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------------------

#[test]
fn validate_accepts_good_files_and_names_a_truncated_copy() {
    let kit = Kit::new();
    let a = kit.new_inspection();
    let b = kit.new_inspection_with(&["--unit", "Công an phường Đa Kao"]);
    kit.ok(&[
        "set",
        &a,
        "III.1",
        "--value",
        "safe_areas=16/25",
        "--verdict",
        "not-met",
    ]);
    let out = kit.ok(&["validate"]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{a}.json")) && text.contains(&format!("{b}.json")),
        "{text}"
    );
    assert!(text.contains("2 tệp tốt, 0 tệp lỗi"), "{text}");
    // Naming the data folder itself works the same.
    kit.ok(&["validate", kit.data.to_str().unwrap()]);

    let bytes = kit.file_bytes(&a);
    let dir = kit.root().join("copies");
    fs::create_dir(&dir).unwrap();
    let copy = dir.join(format!("{a}.json"));
    fs::write(&copy, &bytes[..bytes.len() / 2]).unwrap();
    let out = kit.run(&["validate", copy.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains(copy.to_str().unwrap()))
        .unwrap_or("");
    assert!(line.contains("cắt cụt"), "{text}");
    assert!(text.contains("0 tệp tốt, 1 tệp lỗi"), "{text}");
    // Mixed: the good file is still reported good.
    let out = kit.run(&[
        "--lang",
        "en",
        "validate",
        copy.to_str().unwrap(),
        kit.data.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("2 good file(s), 1 bad file(s)"),
        "{}",
        describe(&out)
    );
    assert!(stdout(&out).contains("truncated"), "{}", describe(&out));
}

#[test]
fn validate_of_an_empty_inspections_folder_succeeds() {
    let kit = Kit::new();
    fs::create_dir_all(kit.inspections()).unwrap();
    let out = kit.ok(&["validate"]);
    assert!(
        stdout(&out).contains("Không có tệp .json nào"),
        "{}",
        stdout(&out)
    );
}

/// Known bug (src/cli/validate.rs): with no PATH, a data folder that has no
/// `inspections/` yet (a fresh install) is reported as one bad file "no such file" and
/// exits 1, although `list` calls the same state "no inspections yet".
#[test]
fn validate_of_a_fresh_data_folder_succeeds() {
    let kit = Kit::new();
    let out = kit.run(&["validate"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(!stdout(&out).contains("LỖI"), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------
// recommendations and evidence
// ---------------------------------------------------------------------------------------

#[test]
fn recommendations_are_recorded_with_owner_and_due_date() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let action = "Cử 2 cán bộ đi học đại học chính quy";
    kit.ok(&[
        "set",
        &id,
        "3",
        "--recommend",
        action,
        "--owner",
        "Đội Tổng hợp",
        "--due",
        "2026-12-31",
    ]);
    kit.ok(&[
        "set",
        &id,
        "3",
        "--recommend",
        "Tổ chức huấn luyện lại võ thuật",
    ]);
    let recs = kit.answer(&id, "I.3")["recommendations"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[0]["action"], action);
    assert_eq!(recs[0]["owner"], "Đội Tổng hợp");
    assert_eq!(recs[0]["due"], "2026-12-31");
    assert_eq!(recs[1]["action"], "Tổ chức huấn luyện lại võ thuật");
    assert_eq!(recs[1]["due"], Value::Null);
    let text = stdout(&kit.ok(&["show", &id]));
    assert!(
        text.contains(action) && text.contains("2026-12-31"),
        "{text}"
    );
}

#[test]
fn owner_or_due_without_recommend_fails() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let before = kit.file_bytes(&id);
    let err = kit.fails(&["set", &id, "3", "--owner", "Đội Tổng hợp"]);
    assert!(
        err.contains("--owner") && err.contains("--recommend"),
        "{err}"
    );
    let err = kit.fails(&[
        "--lang",
        "en",
        "set",
        &id,
        "3",
        "--due",
        "2026-12-31",
        "--verdict",
        "met",
    ]);
    assert!(
        err.contains("--owner and --due go with --recommend"),
        "{err}"
    );
    let err = kit.fails(&["set", &id, "3", "--recommend", "x", "--due", "31/12/2026"]);
    assert!(err.contains("31/12/2026"), "{err}");
    assert_eq!(kit.file_bytes(&id), before);
}

#[test]
fn vietnamese_evidence_and_shortcomings_round_trip() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let evidence = "Đã xem sổ đăng ký tạm trú, tạm vắng; biên bản họp ngày 12/3 — “đầy đủ”.\nDòng hai: Hiệp, Đức, Ưng, Ỷ.";
    kit.ok(&[
        "set",
        &id,
        "II.5",
        "--evidence",
        evidence,
        "--shortcoming",
        "Chưa cập nhật kịp thời",
        "--shortcoming",
        "Thiếu chữ ký trưởng khu phố",
    ]);
    let a = kit.answer(&id, "II.5");
    assert_eq!(a["evidence"], evidence);
    assert_eq!(
        a["shortcomings"],
        "Chưa cập nhật kịp thời\nThiếu chữ ký trưởng khu phố"
    );
    let text = stdout(&kit.ok(&["show", &id]));
    assert!(
        text.contains("Đã xem sổ đăng ký tạm trú, tạm vắng"),
        "{text}"
    );
    // Decomposed input is stored precomposed; a text indicator too.
    kit.ok(&[
        "set",
        &id,
        "II.5",
        "--evidence",
        NFD_UNIT,
        "--value",
        &format!("remarks={NFD_UNIT}"),
    ]);
    let a = kit.answer(&id, "II.5");
    assert_eq!(a["evidence"], NFC_UNIT);
    assert_eq!(a["values"]["remarks"]["text"], NFC_UNIT);
}

#[test]
fn set_by_records_who_changed_it() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    kit.ok(&["set", &id, "1", "--verdict", "met", "--by", "Nguyễn Văn An"]);
    let show = kit.show_json(&id);
    assert_eq!(show["answers"]["I.1"]["changed_by"], "Nguyễn Văn An");
    let history = show["history"].as_array().unwrap();
    let last = history.last().unwrap();
    assert_eq!(last["by"], "Nguyễn Văn An");
    assert_eq!(last["criterion"], "I.1");
}
