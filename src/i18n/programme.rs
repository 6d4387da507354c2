//! Texts of the programme as it runs today: the roll-out by province and unit, corrective
//! actions, follow-up visits, visits compared, the analysts' dataset. Text from a file
//! goes through the shared escape helpers before it reaches a terminal.

use std::fmt::Write as _;
use std::path::Path;

use super::{Lang, pick};
use crate::domain::actions::{ActionError, ActionStatus};
use crate::domain::escape::for_terminal_line as line;
use crate::domain::rollout::Rollout;

pub fn action_status(l: Lang, s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => pick(l, "chưa làm", "open"),
        ActionStatus::InProgress => pick(l, "đang làm", "in progress"),
        ActionStatus::Done => pick(l, "đã làm", "done"),
        ActionStatus::Verified => pick(l, "đã xác minh", "verified"),
    }
}

pub fn broken_seal_excluded(l: Lang) -> &'static str {
    pick(
        l,
        "niêm phong không còn nguyên vẹn: không tính vào kết quả (xem kiemtra verify)",
        "the seal does not hold: not counted (see kiemtra verify)",
    )
}

pub fn rename_map_error(l: Lang, path: &Path, line_no: u64, why: &str) -> String {
    pick(
        l,
        format!(
            "{}: dòng {line_no}: {why}; cần CSV có cột old_unit, new_unit, và tùy chọn old_district, old_province, new_unit_code, new_province",
            path.display()
        ),
        format!(
            "{}: line {line_no}: {why}; expected a CSV with columns old_unit, new_unit, and optionally old_district, old_province, new_unit_code, new_province",
            path.display()
        ),
    )
}

/// The roll-out as text: the counts by standing, each province, the criteria most often
/// not met, the units never inspected and the files left out.
pub fn rollout_text(
    l: Lang,
    r: &Rollout,
    title_of: &dyn Fn(&str) -> String,
    excluded: &[crate::report::rollout::Excluded],
) -> String {
    let mut s = String::new();
    let target = match (r.target, r.percent_of_target) {
        (Some(t), Some(p)) => pick(
            l,
            // A decimal comma, as Vietnamese writes it (47,7%).
            format!(
                " — {}% của mục tiêu {t} đơn vị",
                format!("{p:.1}").replace('.', ",")
            ),
            format!(" — {p:.1}% of the target of {t} units"),
        ),
        _ => String::new(),
    };
    let _ = writeln!(
        s,
        "{}",
        pick(
            l,
            format!(
                "Đã kiểm tra {} đơn vị ({} phiếu đã đọc); {} đơn vị đạt chuẩn mô hình{target}",
                r.units_inspected, r.inspections_read, r.units_meeting_all
            ),
            format!(
                "{} units inspected ({} inspections read); {} meet the model standard{target}",
                r.units_inspected, r.inspections_read, r.units_meeting_all
            ),
        )
    );
    let _ = writeln!(
        s,
        "{}",
        pick(
            l,
            format!(
                "Đang kiểm tra (phiếu nháp): {} đơn vị; chỉ có tự đánh giá: {} đơn vị",
                r.units_in_progress, r.units_self_assessed
            ),
            format!(
                "In progress (draft inspections): {} units; self-assessed only: {} units",
                r.units_in_progress, r.units_self_assessed
            ),
        )
    );
    if r.demo_inspections > 0 {
        let _ = writeln!(
            s,
            "{}",
            pick(
                l,
                format!(
                    "Lưu ý: {} đơn vị là DỮ LIỆU MẪU (kiemtra demo)",
                    r.demo_inspections
                ),
                format!(
                    "Note: {} units are DEMO DATA (kiemtra demo)",
                    r.demo_inspections
                ),
            )
        );
    }
    let _ = writeln!(s, "\n{}", pick(l, "Theo tỉnh/thành phố:", "By province:"));
    let with_roster = r.provinces.iter().any(|d| d.units_in_roster.is_some());
    for p in &r.provinces {
        let name = if p.province.is_empty() {
            "?".into()
        } else {
            line(&p.province)
        };
        let roster = match p.units_in_roster {
            Some(n) if with_roster => pick(
                l,
                format!(" / {n} trong danh sách"),
                format!(" / {n} in roster"),
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "  {name:<24} {}",
            pick(
                l,
                format!(
                    "{} đã kiểm tra, {} đạt chuẩn, {} đang kiểm tra, {} tự đánh giá{roster}",
                    p.units_inspected,
                    p.units_meeting_all,
                    p.units_in_progress,
                    p.units_self_assessed
                ),
                format!(
                    "{} inspected, {} meet the standard, {} in progress, {} self-assessed{roster}",
                    p.units_inspected,
                    p.units_meeting_all,
                    p.units_in_progress,
                    p.units_self_assessed
                ),
            )
        );
    }
    let _ = writeln!(
        s,
        "\n{}",
        pick(
            l,
            "Tiêu chí chưa đạt nhiều nhất:",
            "Criteria most often not met:"
        )
    );
    if r.most_failed.is_empty() {
        let _ = writeln!(s, "  {}", pick(l, "(không có)", "(none)"));
    }
    for f in &r.most_failed {
        let _ = writeln!(
            s,
            "  {:>4} {}  [{}] {}",
            f.units,
            pick(l, "đơn vị", "units"),
            line(&f.criterion),
            line(&title_of(&f.criterion))
        );
    }
    if !r.never_inspected.is_empty() || with_roster {
        let _ = writeln!(
            s,
            "\n{}",
            pick(
                l,
                format!(
                    "Chưa kiểm tra (theo danh sách): {} đơn vị",
                    r.never_inspected.len()
                ),
                format!(
                    "Never inspected (from the roster): {} units",
                    r.never_inspected.len()
                ),
            )
        );
        for u in &r.never_inspected {
            let mut where_ = vec![line(&u.unit).into_owned()];
            for extra in [&u.district, &u.province] {
                if !extra.is_empty() {
                    where_.push(line(extra).into_owned());
                }
            }
            let _ = writeln!(s, "  {}", where_.join(", "));
        }
    }
    let broken: Vec<_> = excluded
        .iter()
        .filter(|e| e.reason_code == "broken_seal")
        .collect();
    if !broken.is_empty() {
        let _ = writeln!(
            s,
            "\n{}",
            pick(
                l,
                format!(
                    "Niêm phong không nguyên vẹn, không tính: {} tệp",
                    broken.len()
                ),
                format!("Broken seals, not counted: {} file(s)", broken.len()),
            )
        );
        for e in broken {
            let _ = writeln!(s, "  {}", line(&e.path));
        }
    }
    let bad = excluded.len()
        - excluded
            .iter()
            .filter(|e| e.reason_code == "broken_seal")
            .count();
    if bad > 0 {
        let _ = writeln!(
            s,
            "\n{}",
            pick(
                l,
                format!("Bỏ qua {bad} tệp lỗi (tên và lý do ở trên, trong stderr)"),
                format!("Skipped {bad} bad file(s) (named with the reason on stderr)"),
            )
        );
    }
    s
}

pub fn action_error(l: Lang, e: &ActionError) -> String {
    match e {
        ActionError::NotFound(id) => pick(
            l,
            format!(
                "không có khuyến nghị {} (xem mã bằng kiemtra actions)",
                line(id)
            ),
            format!(
                "there is no recommendation {} (see the ids with kiemtra actions)",
                line(id)
            ),
        ),
        ActionError::Sealed => action_sealed(l, None),
        ActionError::Unchanged(s) => pick(
            l,
            format!("trạng thái đã là \"{}\"", action_status(l, *s)),
            format!("the status is already \"{}\"", action_status(l, *s)),
        ),
    }
}

/// `actions set` on a sealed inspection: the one way on, with its id when known.
pub fn action_sealed(l: Lang, inspection: Option<&str>) -> String {
    let id = inspection.map(|i| line(i).into_owned());
    let (follow, reopen) = match &id {
        Some(id) => (id.clone(), format!("kiemtra reopen {id} --reason \"...\"")),
        None => (
            pick(l, "MÃ", "ID").to_string(),
            "kiemtra reopen".to_string(),
        ),
    };
    pick(
        l,
        format!(
            "phiếu đã niêm phong (niêm phong bao gồm các khuyến nghị) nên không đổi được trạng thái; ghi tiến độ ở lần kiểm tra lại (kiemtra new --follow-up {follow}) hoặc mở lại phiếu ({reopen})"
        ),
        format!(
            "the inspection is sealed (the seal covers its recommendations), so the status cannot be changed; record the progress in a follow-up visit (kiemtra new --follow-up {follow}) or reopen it ({reopen})"
        ),
    )
}

/// Beside an action of a sealed inspection in `kiemtra actions`.
pub fn action_sealed_mark(l: Lang) -> &'static str {
    pick(
        l,
        "đã niêm phong: cập nhật ở lần kiểm tra lại",
        "sealed: update in a follow-up",
    )
}

/// Under the list, once, when some actions belong to sealed inspections.
pub fn action_sealed_note(l: Lang) -> &'static str {
    pick(
        l,
        "Khuyến nghị của phiếu đã niêm phong không đổi trạng thái được bằng kiemtra actions set: ghi tiến độ ở lần kiểm tra lại (kiemtra new --follow-up MÃ_PHIẾU), khuyến nghị chưa xác nhận được mang sang đó.",
        "Actions of a sealed inspection cannot be moved on with kiemtra actions set: record the progress in a follow-up visit (kiemtra new --follow-up INSPECTION_ID), which carries the actions not yet verified.",
    )
}

pub fn bad_action_status(l: Lang, given: &str) -> String {
    pick(
        l,
        format!(
            "trạng thái \"{}\" không hợp lệ; dùng open, in-progress, done hoặc verified",
            line(given)
        ),
        format!(
            "\"{}\" is not a status; use open, in-progress, done or verified",
            line(given)
        ),
    )
}

pub fn action_ambiguous(l: Lang, id: &str, n: usize) -> String {
    pick(
        l,
        format!("mã {} khớp {n} khuyến nghị; gõ thêm ký tự", line(id)),
        format!("{} matches {n} recommendations; type more of it", line(id)),
    )
}

pub fn action_set(l: Lang, id: &str, s: ActionStatus) -> String {
    pick(
        l,
        format!("Khuyến nghị {}: {}", line(id), action_status(l, s)),
        format!("Recommendation {}: {}", line(id), action_status(l, s)),
    )
}

pub fn no_actions(l: Lang) -> &'static str {
    pick(l, "Không có khuyến nghị nào.", "No recommendations.")
}

pub fn overdue_word(l: Lang) -> &'static str {
    pick(l, "QUÁ HẠN", "OVERDUE")
}

pub fn carried_count(l: Lang, n: usize, from: &str) -> String {
    pick(
        l,
        format!(
            "Chuyển sang {n} tiêu chí tồn tại và khuyến nghị chưa xác minh của lần {}",
            line(from)
        ),
        format!(
            "Carried the shortcomings and unverified recommendations of {} to {n} criteria",
            line(from)
        ),
    )
}

/// Label of what an earlier visit left on a criterion.
pub fn carried_label(l: Lang, date: &str) -> String {
    pick(
        l,
        format!("Tồn tại lần trước ({date}), cần kiểm tra lại:"),
        format!("Left by the earlier visit ({date}), to be checked:"),
    )
}

pub fn carried_mark(l: Lang) -> &'static str {
    pick(l, "lần trước", "carried")
}

pub fn dataset_written(l: Lang, rows: usize, path: &Path) -> String {
    pick(
        l,
        format!("Đã ghi {rows} dòng vào {}", path.display()),
        format!("Wrote {rows} rows to {}", path.display()),
    )
}

pub fn diff_same(l: Lang) -> &'static str {
    pick(
        l,
        "Hai phiếu giống nhau ở mọi tiêu chí.",
        "The two inspections agree on every criterion.",
    )
}

/// Overdue actions on the Dashboard.
pub fn overdue_title(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("Khuyến nghị quá hạn: {n}"),
        format!("Overdue actions: {n}"),
    )
}

pub fn help(lang: Lang, key: &str) -> Option<&'static str> {
    let (vi, en) = match key {
        "new.follow_up" => (
            "Kiểm tra lại đơn vị của phiếu MÃ: chuyển tồn tại và khuyến nghị chưa xác minh sang các tiêu chí tương ứng",
            "Visit the unit of inspection ID again: carries its shortcomings and unverified recommendations to the matching criteria",
        ),
        "new.unit_code" => (
            "Mã đơn vị hành chính cấp xã (nếu biết)",
            "Official code of the commune-level unit (when known)",
        ),
        "new.former_district" => (
            "Quận/huyện cũ (phiếu trước tháng 7/2025)",
            "Former district (inspections before July 2025)",
        ),
        "summary.rename_map" => (
            "CSV đổi tên đơn vị (old_unit → new_unit) để tính phiếu cũ cho đơn vị mới",
            "Rename map CSV (old_unit → new_unit) so old inspections count for the new unit",
        ),
        "actions" => (
            "Các khuyến nghị (biện pháp khắc phục) của mọi phiếu; lệnh con set để đổi trạng thái",
            "Recommendations (corrective actions) across inspections; the set subcommand changes one",
        ),
        "actions.json" => (
            "Mảng JSON, mỗi phần tử có id, inspection, unit, criterion, text, owner, due, status, overdue, sealed",
            "A JSON array; each has id, inspection, unit, criterion, text, owner, due, status, overdue, sealed",
        ),
        "diff.json" => (
            "JSON có changed[] với criterion, a_verdict, b_verdict, values, tồn tại",
            "JSON with changed[] holding criterion, a_verdict, b_verdict, values, shortcomings",
        ),
        "actions.overdue" => (
            "Chỉ những khuyến nghị chưa xong đã quá hạn",
            "Only open actions past their due date",
        ),
        "actions.unit" => (
            "Chỉ đơn vị có tên chứa U (hoặc mã đơn vị U)",
            "Only units whose name contains U (or whose code is U)",
        ),
        "actions.province" => (
            "Chỉ tỉnh/thành phố có tên chứa P",
            "Only provinces whose name contains P",
        ),
        "actions_set" => (
            "Đổi trạng thái một khuyến nghị (ghi người, thời gian, ghi chú)",
            "Change the status of one recommendation (records who, when and a note)",
        ),
        "actions_set.action_id" => (
            "Mã khuyến nghị (hoặc phần đầu duy nhất của mã)",
            "Recommendation id (or a unique start of it)",
        ),
        "actions_set.status" => (
            "open, in-progress, done hoặc verified",
            "open, in-progress, done or verified",
        ),
        "actions_set.note" => ("Ghi chú", "A note"),
        "actions_set.by" => (
            "Người ghi (mặc định: tên đăng nhập)",
            "Who records the change (default: the login name)",
        ),
        "diff" => (
            "So sánh hai phiếu theo từng tiêu chí: kết luận, chỉ số, tồn tại",
            "Compare two inspections criterion by criterion: verdict, values, shortcomings",
        ),
        "diff.a" => ("Phiếu thứ nhất (mã)", "The first inspection (id)"),
        "diff.b" => ("Phiếu thứ hai (mã)", "The second inspection (id)"),
        "diff.format" => (
            "Xuất ra md hoặc html thay cho văn bản",
            "Write md or html instead of text",
        ),
        "diff.output" => (
            "Ghi vào TỆP thay cho đầu ra chuẩn",
            "Write to FILE instead of standard output",
        ),
        "dataset" => (
            "Bộ dữ liệu cho phân tích: mỗi dòng một phiếu × tiêu chí (CSV hoặc NDJSON)",
            "The analysts' dataset: one row per inspection × criterion (CSV or NDJSON)",
        ),
        "dataset.dir" => (
            "Thư mục dữ liệu hoặc thư mục phiếu (mặc định: thư mục dữ liệu)",
            "A data folder or a folder of inspection files (default: the data folder)",
        ),
        "dataset.format" => ("csv (mặc định) hoặc ndjson", "csv (default) or ndjson"),
        "dataset.output" => (
            "Ghi vào TỆP thay cho đầu ra chuẩn",
            "Write to FILE instead of standard output",
        ),
        _ => return None,
    };
    Some(pick(lang, vi, en))
}

/// Column heads of the Dashboard's province table.
pub fn province_columns(l: Lang) -> [&'static str; 5] {
    pick(
        l,
        ["Tỉnh/thành phố", "KT", "Đạt", "Đang", "TĐG"],
        ["Province", "Insp", "Meet", "Draft", "Self"],
    )
}

/// The Dashboard's key to its short column heads.
pub fn province_legend(l: Lang) -> [&'static str; 2] {
    pick(
        l,
        [
            "KT đã kiểm tra · Đạt đạt chuẩn",
            "Đang đang làm · TĐG tự đánh giá",
        ],
        [
            "Insp inspected · Meet meeting",
            "Draft in progress · Self self-assessed",
        ],
    )
}

/// The Dashboard's line of the other standings.
pub fn dashboard_counts(
    l: Lang,
    in_progress: usize,
    self_assessed: usize,
    broken: usize,
) -> String {
    let mut s = pick(
        l,
        format!("Đang kiểm tra {in_progress} · Tự đánh giá {self_assessed}"),
        format!("In progress {in_progress} · Self-assessed {self_assessed}"),
    );
    if broken > 0 {
        s.push_str(&pick(
            l,
            format!(" · Niêm phong hỏng, không tính: {broken}"),
            format!(" · Broken seals, not counted: {broken}"),
        ));
    }
    s
}

pub fn value_error(l: Lang, e: &crate::domain::rule::ValueError) -> &'static str {
    use crate::domain::rule::ValueError;
    match e {
        ValueError::PartOverWhole => pick(
            l,
            "tử số không được lớn hơn mẫu số (ví dụ 16/25, không phải 30/25)",
            "the part cannot be more than the whole (16/25, not 30/25)",
        ),
        ValueError::NotApplicableNotAllowed => pick(
            l,
            "bộ tiêu chí không cho đánh dấu chỉ số này là không áp dụng; nhập một giá trị",
            "the catalog does not let this indicator be marked not applicable; enter a value",
        ),
        _ => "",
    }
}

pub fn required_before_verdict(l: Lang, criterion: &str, indicators: &[String]) -> String {
    let list = indicators
        .iter()
        .map(|i| line(i).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    pick(
        l,
        format!(
            "tiêu chí {}: cần nhập chỉ số {list} (hoặc đánh dấu không áp dụng, nếu được phép) trước khi kết luận",
            line(criterion)
        ),
        format!(
            "criterion {}: enter {list} (or mark it not applicable, where allowed) before giving a verdict",
            line(criterion)
        ),
    )
}

/// Shown at an indicator the catalog wants before a verdict.
pub fn required_here(l: Lang) -> &'static str {
    pick(l, "cần nhập trước khi kết luận", "needed before a verdict")
}

pub fn part_over_whole_not_ratio(l: Lang, indicator: &str) -> String {
    pick(
        l,
        format!(
            "allow_part_over_whole chỉ dùng cho chỉ số tỷ lệ; \"{}\" không phải tỷ lệ",
            line(indicator)
        ),
        format!(
            "allow_part_over_whole is only for ratio indicators; \"{}\" is not one",
            line(indicator)
        ),
    )
}

/// The catalog's logic flags of an indicator, as shown by `catalog show` (", ..." or "").
pub fn indicator_flags(l: Lang, i: &crate::domain::Indicator) -> String {
    let mut out = String::new();
    if i.allow_part_over_whole {
        out.push_str(pick(
            l,
            ", tử số có thể lớn hơn mẫu số",
            ", part may exceed whole",
        ));
    }
    if i.allow_not_applicable {
        out.push_str(pick(
            l,
            ", được đánh dấu không áp dụng",
            ", may be not applicable",
        ));
    }
    if i.required_before_verdict {
        out.push_str(pick(
            l,
            ", bắt buộc trước khi kết luận",
            ", required before a verdict",
        ));
    }
    out
}

pub fn diff_title(l: Lang) -> &'static str {
    pick(l, " So sánh hai phiếu ", " Two inspections compared ")
}

pub fn mark_two(l: Lang) -> &'static str {
    pick(
        l,
        "Đánh dấu hai phiếu bằng m, rồi bấm = để so sánh",
        "Mark two inspections with m, then press = to compare",
    )
}

/// Key help of the console's actions added here: ((vi short, vi long), (en short, en long)).
#[allow(clippy::type_complexity)]
pub fn action_texts(
    a: crate::tui::keymap::Action,
) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    use crate::tui::keymap::Action;
    match a {
        Action::Mark => (
            ("đánh dấu", "Đánh dấu phiếu để so sánh (tối đa hai)"),
            ("mark", "Mark an inspection to compare (two at most)"),
        ),
        _ => (
            ("so sánh", "So sánh hai phiếu đã đánh dấu"),
            ("compare", "Compare the two marked inspections"),
        ),
    }
}

pub fn unreadable_skipped(l: Lang, path: &str) -> String {
    pick(
        l,
        format!("bỏ qua {path}: không đọc được (xem kiemtra validate)"),
        format!("skipped {path}: cannot be read (see kiemtra validate)"),
    )
}

pub fn unknown_indicator_keys(l: Lang, path: &Path, keys: &[(String, String, String)]) -> String {
    let mut s = pick(
        l,
        format!(
            "{}: chỉ số có khóa không biết (viết sai tên?):",
            line(&path.display().to_string())
        ),
        format!(
            "{}: indicators have keys this program does not know (misspelt?):",
            line(&path.display().to_string())
        ),
    );
    for (criterion, indicator, key) in keys {
        s.push_str(&pick(
            l,
            format!(
                "\n  - tiêu chí {}: chỉ số \"{}\": \"{}\"",
                line(criterion),
                line(indicator),
                line(key)
            ),
            format!(
                "\n  - criterion {}: indicator \"{}\": \"{}\"",
                line(criterion),
                line(indicator),
                line(key)
            ),
        ));
    }
    s.push_str(pick(
        l,
        "\nKhóa hợp lệ: id, kind, label, numerator, denominator, options, allow_part_over_whole, allow_not_applicable, required_before_verdict",
        "\nKnown keys: id, kind, label, numerator, denominator, options, allow_part_over_whole, allow_not_applicable, required_before_verdict",
    ));
    s
}

/// A value recorded as "not applicable", as the minutes and reports show it.
pub fn not_applicable(l: Lang) -> &'static str {
    pick(l, "không áp dụng", "not applicable")
}
