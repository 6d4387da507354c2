//! The console's words, Vietnamese and English side by side.

use jiff::Timestamp;

use super::{Lang, pick};
use crate::domain::Progress;
use crate::tui::keymap::Action;

pub fn read_only(l: Lang, why: &str) -> String {
    pick(l, format!("Chỉ đọc: {why}"), format!("Read-only: {why}"))
}
pub fn read_only_badge(l: Lang) -> &'static str {
    pick(l, "CHỈ ĐỌC", "READ-ONLY")
}
pub fn override_cancelled(l: Lang) -> &'static str {
    pick(
        l,
        "Đã hủy: chưa ghi thay đổi vì chưa có lý do",
        "Cancelled: the change was not recorded without a reason",
    )
}
pub fn recommendation_needs_action(l: Lang) -> &'static str {
    pick(
        l,
        "Cần ghi nội dung kiến nghị",
        "The recommendation needs an action",
    )
}
pub fn criteria_title(l: Lang) -> &'static str {
    pick(l, " Tiêu chí ", " Criteria ")
}
pub fn no_match(l: Lang) -> &'static str {
    pick(l, "Không có kết quả phù hợp", "Nothing matches")
}
pub fn no_rule(l: Lang) -> &'static str {
    pick(
        l,
        "không có quy tắc; đoàn tự kết luận",
        "no rule; the team decides",
    )
}
pub fn verdict_label(l: Lang) -> &'static str {
    pick(l, "Kết luận", "Verdict")
}
pub fn verdict_keys(l: Lang) -> &'static str {
    pick(l, "   (phím 1 2 3; 0 xóa)", "   (keys 1 2 3; 0 clears)")
}
pub fn rec_keys(l: Lang) -> &'static str {
    pick(
        l,
        "  a thêm, Enter sửa, d xóa",
        "  a add, Enter edit, d remove",
    )
}
pub fn empty_field(l: Lang) -> &'static str {
    pick(l, "(trống)", "(empty)")
}
pub fn home_title(l: Lang) -> &'static str {
    pick(l, " Phiếu kiểm tra ", " Inspections ")
}
pub fn welcome_title(l: Lang) -> &'static str {
    pick(l, "Chào mừng đến với kiemtra", "Welcome to kiemtra")
}
pub fn welcome_body(l: Lang, dir: &str) -> Vec<String> {
    pick(
        l,
        vec![
            "Chưa có phiếu kiểm tra nào.".to_string(),
            "Nhấn n để tạo phiếu mới: nhập đơn vị, ngày, đoàn kiểm tra, rồi đi qua từng tiêu chí.".to_string(),
            "Mọi thay đổi được lưu ngay. Nhấn ? để xem các phím.".to_string(),
            String::new(),
            format!("Dữ liệu: {dir}"),
        ],
        vec![
            "There are no inspections yet.".to_string(),
            "Press n to create one: enter the unit, date and team, then walk through each criterion.".to_string(),
            "Every change is saved at once. Press ? for the keys.".to_string(),
            String::new(),
            format!("Data: {dir}"),
        ],
    )
}
pub fn setup_title(l: Lang) -> &'static str {
    pick(l, " Phiếu kiểm tra mới ", " New inspection ")
}
pub fn setup_labels(l: Lang) -> [&'static str; 9] {
    pick(
        l,
        [
            "Đơn vị được kiểm tra",
            "Phường/xã/đặc khu",
            "Quận/huyện cũ",
            "Tỉnh/thành phố",
            "Ngày (NĂM-TH-NG)",
            "Trưởng đoàn",
            "Thành viên (dấu ,)",
            "Loại",
            "Bộ tiêu chí",
        ],
        [
            "Inspected unit",
            "Ward/commune",
            "Former district",
            "Province/city",
            "Date (YYYY-MM-DD)",
            "Team leader",
            "Members (comma)",
            "Kind",
            "Catalog",
        ],
    )
}
pub fn setup_placeholder(l: Lang, field: usize) -> &'static str {
    match field {
        0 => pick(l, "Công an phường ...", "Công an phường ..."),
        4 => pick(l, "(trống: hôm nay)", "(empty: today)"),
        _ => "",
    }
}
pub fn setup_help(l: Lang) -> [&'static str; 2] {
    pick(
        l,
        [
            "Tab ô sau · Shift-Tab ô trước · Space đổi lựa chọn",
            "Enter tạo phiếu · Esc quay lại",
        ],
        [
            "Tab next field · Shift-Tab previous · Space change choice",
            "Enter create · Esc back",
        ],
    )
}
pub fn required(l: Lang) -> &'static str {
    pick(
        l,
        "Bắt buộc: nhập tên đơn vị",
        "Required: enter the unit name",
    )
}
pub fn summary_title(l: Lang) -> &'static str {
    pick(l, " Tổng hợp ", " Summary ")
}
/// The finding in the words of a report: "22/22 tiêu chí cơ bản đạt" when every criterion
/// is at least basically met, otherwise the counts.
pub fn finding(l: Lang, p: &Progress) -> String {
    if p.total > 0 && p.at_least_basically_met() == p.total {
        if p.met == p.total {
            pick(
                l,
                format!("{}/{} tiêu chí đạt", p.total, p.total),
                format!("{}/{} criteria met", p.total, p.total),
            )
        } else {
            pick(
                l,
                format!("{}/{} tiêu chí cơ bản đạt", p.total, p.total),
                format!("{}/{} criteria basically met", p.total, p.total),
            )
        }
    } else {
        pick(
            l,
            format!(
                "{}/{} tiêu chí đạt hoặc cơ bản đạt; {} chưa đạt; {} chưa đánh giá",
                p.at_least_basically_met(),
                p.total,
                p.not_met,
                p.not_assessed()
            ),
            format!(
                "{}/{} criteria met or basically met; {} not met; {} not assessed",
                p.at_least_basically_met(),
                p.total,
                p.not_met,
                p.not_assessed()
            ),
        )
    }
}
/// Where the criteria come from, for every screen that reports on them.
pub fn catalog_line(l: Lang, c: &crate::domain::Catalog) -> String {
    pick(
        l,
        format!(
            "Bộ tiêu chí: {} ({} {}). {}",
            c.title.get(l),
            c.id,
            c.version,
            c.note.get(l)
        ),
        format!(
            "Catalog: {} ({} {}). {}",
            c.title.get(l),
            c.id,
            c.version,
            c.note.get(l)
        ),
    )
}

pub fn not_fully_met(l: Lang) -> &'static str {
    pick(l, "Tiêu chí chưa đạt đầy đủ", "Criteria not fully met")
}
pub fn all_met(l: Lang) -> &'static str {
    pick(l, "Mọi tiêu chí đều đạt.", "Every criterion is met.")
}
pub fn too_small(l: Lang, w: u16, h: u16) -> String {
    pick(
        l,
        format!("Cửa sổ terminal quá nhỏ: cần 80×24 (hiện {w}×{h}). Hãy phóng to cửa sổ."),
        format!("Terminal too small: need 80×24 (now {w}×{h}). Please enlarge the window."),
    )
}
pub fn assessed(l: Lang) -> &'static str {
    pick(l, "Đã đánh giá", "Assessed")
}
pub fn met_gauge(l: Lang) -> &'static str {
    pick(l, "Đạt", "Met")
}
pub fn search(l: Lang) -> &'static str {
    pick(l, "Tìm", "Search")
}
pub fn saved_at(l: Lang, at: Timestamp) -> String {
    let local = at.to_zoned_datetime(jiff::tz::TimeZone::system());
    let time = local.strftime("%H:%M:%S");
    pick(l, format!("Đã lưu lúc {time}"), format!("Saved at {time}"))
}
pub fn unsaved(l: Lang) -> &'static str {
    pick(l, "Có thay đổi chưa lưu", "Unsaved changes")
}
pub fn data_dir_line(l: Lang, dir: &str) -> String {
    pick(l, format!("Dữ liệu: {dir}"), format!("Data: {dir}"))
}
pub fn help_title(l: Lang) -> &'static str {
    pick(l, " Phím tắt (Esc để đóng) ", " Keys (Esc to close) ")
}
/// The criterion was left with text in a field that is not a valid value.
pub fn value_not_kept(l: Lang, label: &str, text: &str) -> String {
    match l {
        Lang::Vi => format!("Chưa ghi \"{text}\" vào {label}: giá trị không hợp lệ"),
        Lang::En => format!("\"{text}\" was not recorded in {label}: not a valid value"),
    }
}

pub fn typing_note(l: Lang) -> &'static str {
    pick(
        l,
        "Trong ô nhập chữ, mọi phím chữ là nội dung; Esc để ra khỏi ô.",
        "In a text field printable keys are text; Esc leaves the field.",
    )
}
pub fn reason_title(l: Lang) -> &'static str {
    pick(
        l,
        "Kết luận khác gợi ý",
        "Verdict differs from the suggestion",
    )
}
pub fn reason_prompt(l: Lang) -> &'static str {
    pick(l, "Lý do (bắt buộc):", "Reason (required):")
}
pub fn reason_required(l: Lang) -> &'static str {
    pick(
        l,
        "Cần ghi lý do để lưu kết luận này",
        "A reason is needed to record this verdict",
    )
}
pub fn reason_keys(l: Lang) -> &'static str {
    pick(l, "Enter ghi · Esc hủy", "Enter record · Esc cancel")
}
pub fn recommendation_labels(l: Lang) -> [&'static str; 3] {
    pick(
        l,
        ["Nội dung", "Người thực hiện", "Hạn (NĂM-TH-NG)"],
        ["Action", "Owner", "Due (YYYY-MM-DD)"],
    )
}
pub fn recommendation_keys(l: Lang) -> &'static str {
    pick(
        l,
        "Tab ô sau · Enter ghi · Esc hủy",
        "Tab next field · Enter record · Esc cancel",
    )
}
pub fn recovery_title(l: Lang) -> &'static str {
    pick(l, "Bản khôi phục sau sự cố", "Crash recovery")
}
pub fn recovery_intro(l: Lang) -> &'static str {
    pick(
        l,
        "Lần trước kiemtra dừng bất thường và đã lưu bản khôi phục. Chọn việc cần làm; không có gì được áp dụng hay xóa nếu bạn không chọn.",
        "kiemtra stopped abnormally last time and kept a recovery snapshot. Choose what to do; nothing is applied or removed unless you say so.",
    )
}
pub fn recovery_keys(l: Lang) -> &'static str {
    pick(
        l,
        "a áp dụng · d bỏ (chuyển vào recovery/discarded) · Esc để sau",
        "a apply · d discard (moved to recovery/discarded) · Esc later",
    )
}
pub fn recovery_applied(l: Lang, unit: &str) -> String {
    pick(
        l,
        format!("Đã khôi phục phiếu {unit}"),
        format!("Restored the inspection of {unit}"),
    )
}

/// A few words for the footer.
pub fn action_short(l: Lang, a: Action) -> &'static str {
    action_texts(l, a).0
}

/// A sentence for the help overlay.
pub fn action_long(l: Lang, a: Action) -> &'static str {
    action_texts(l, a).1
}

fn action_texts(l: Lang, a: Action) -> (&'static str, &'static str) {
    let (vi, en) = match a {
        Action::Up => (
            ("lên", "Chọn mục phía trên"),
            ("up", "Select the item above"),
        ),
        Action::Down => (
            ("xuống", "Chọn mục phía dưới"),
            ("down", "Select the item below"),
        ),
        Action::Open => (
            ("mở", "Mở / sửa mục đang chọn"),
            ("open", "Open / edit the selected item"),
        ),
        Action::NextField => (("ô sau", "Sang ô nhập tiếp theo"), ("next", "Next field")),
        Action::PrevField => (
            ("ô trước", "Về ô nhập trước"),
            ("previous", "Previous field"),
        ),
        Action::VerdictMet => (("Đạt", "Kết luận: Đạt"), ("Met", "Verdict: Met")),
        Action::VerdictBasicallyMet => (
            ("Cơ bản", "Kết luận: Cơ bản đạt"),
            ("Basically", "Verdict: Basically met"),
        ),
        Action::VerdictNotMet => (
            ("Chưa", "Kết luận: Chưa đạt"),
            ("Not met", "Verdict: Not met"),
        ),
        Action::VerdictClear => (
            ("xóa", "Xóa kết luận (chưa đánh giá)"),
            ("clear", "Clear the verdict (not assessed)"),
        ),
        Action::NextCriterion => (
            ("tiêu chí sau", "Sang tiêu chí tiếp theo"),
            ("next", "Next criterion"),
        ),
        Action::PrevCriterion => (
            ("tiêu chí trước", "Về tiêu chí trước"),
            ("previous", "Previous criterion"),
        ),
        Action::Search => (
            (
                "tìm",
                "Tìm (không phân biệt dấu: \"phuong\" tìm được \"phường\")",
            ),
            (
                "search",
                "Search (accent-insensitive: \"phuong\" finds \"phường\")",
            ),
        ),
        Action::Summary => (
            ("tổng hợp", "Xem tổng hợp phiếu"),
            ("summary", "Summary of the inspection"),
        ),
        Action::Help => (
            ("trợ giúp", "Hiện / ẩn bảng phím"),
            ("help", "Show / hide the keys"),
        ),
        Action::Back => (
            ("quay lại", "Ra khỏi ô, đóng hộp thoại, quay lại"),
            ("back", "Leave a field, close a dialog, go back"),
        ),
        Action::Quit => (
            ("thoát", "Thoát (mọi thay đổi đã được lưu)"),
            ("quit", "Quit (everything is already saved)"),
        ),
        Action::ForceQuit => (
            ("thoát", "Lưu và thoát từ bất cứ đâu"),
            ("quit", "Save and quit from anywhere"),
        ),
        Action::New => (
            ("tạo mới", "Tạo phiếu kiểm tra mới"),
            ("new", "Create a new inspection"),
        ),
        Action::Toggle => (
            ("đổi", "Đổi giá trị có/không hoặc lựa chọn"),
            ("toggle", "Toggle yes/no or change the choice"),
        ),
        Action::Add => (("thêm", "Thêm kiến nghị"), ("add", "Add a recommendation")),
        Action::Remove => (
            ("xóa", "Xóa kiến nghị đang chọn"),
            ("remove", "Remove the selected recommendation"),
        ),
        Action::Retry => (
            ("lưu lại", "Thử lưu lại ngay"),
            ("retry", "Try saving again now"),
        ),
        Action::Create => (("tạo", "Tạo phiếu"), ("create", "Create the inspection")),
        Action::Dashboard => (
            ("tổng hợp", "Bảng tổng hợp nhân rộng nhiều phường"),
            ("dashboard", "Roll-out dashboard across wards"),
        ),
        Action::Conclude => (
            ("kết luận", "Ghi kết luận của đoàn và đề xuất"),
            ("conclude", "Write the team's conclusion and proposal"),
        ),
        Action::Finalize => (
            ("hoàn tất", "Hoàn tất phiếu (sau đó không sửa được nữa)"),
            ("finalise", "Finalise (no more changes after that)"),
        ),
        Action::Seal => (
            ("niêm phong", "Niêm phong phiếu đã hoàn tất"),
            ("seal", "Seal the final inspection"),
        ),
        Action::Reopen => (
            ("mở lại", "Mở lại phiếu đã hoàn tất/niêm phong, kèm lý do"),
            (
                "reopen",
                "Reopen a final or sealed inspection, with a reason",
            ),
        ),
        Action::Export => (
            ("xuất", "Xuất biên bản (html, md, csv, json)"),
            ("export", "Export the minutes (html, md, csv, json)"),
        ),
        Action::Mark | Action::Compare => super::programme::action_texts(a),
        Action::Conflicts => (
            ("xung đột", "Xung đột sau đồng bộ: chọn bên, hoặc sửa"),
            ("conflicts", "Conflicts from a sync: take a side, or edit"),
        ),
        other => more_action_texts(other),
    };
    pick(l, vi, en)
}

/// "16/25 = 64% < 70% → Chưa đạt": the facts that decide, then the suggested verdict;
/// while values are missing, which ones.
pub fn suggestion_line(
    l: Lang,
    c: &crate::domain::Criterion,
    s: &crate::domain::rule::Suggestion,
) -> String {
    use crate::domain::rule::{Detail, OutcomeState};
    if c.rule.is_empty() {
        return no_rule(l).to_string();
    }
    let label = |id: &str| {
        c.indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.label.get(l).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let facts = |o: &crate::domain::rule::Outcome| match &o.detail {
        Detail::Count { formula } | Detail::Ratio { formula } => formula.clone(),
        Detail::Check { actual, .. } => {
            format!("{}: {}", label(&o.indicator), super::yes_no(l, *actual))
        }
        Detail::Choice { actual, .. } => {
            let option = c
                .indicators
                .iter()
                .find(|i| i.id == o.indicator)
                .and_then(|i| i.options.iter().find(|opt| &opt.id == actual))
                .map(|opt| opt.label.get(l).to_string())
                .unwrap_or_else(|| actual.clone());
            format!("{}: {option}", label(&o.indicator))
        }
        Detail::Missing => label(&o.indicator),
    };
    let deciding: Vec<String> = match s.verdict {
        None => {
            let missing: Vec<String> = s
                .outcomes
                .iter()
                .filter(|o| o.state == OutcomeState::Missing)
                .map(facts)
                .collect();
            return pick(
                l,
                format!("cần nhập {}", missing.join(", ")),
                format!("enter {}", missing.join(", ")),
            );
        }
        // All passed: the numbers are worth repeating, the boxes and choices are on screen.
        Some(crate::domain::Verdict::Met) => s
            .outcomes
            .iter()
            .filter(|o| matches!(o.detail, Detail::Count { .. } | Detail::Ratio { .. }))
            .map(facts)
            .collect(),
        Some(v) => s
            .outcomes
            .iter()
            .filter(|o| o.state == OutcomeState::Fail && o.on_fail == v)
            .map(facts)
            .collect(),
    };
    if deciding.is_empty() {
        return super::verdict(l, s.verdict).to_string();
    }
    format!("{} → {}", deciding.join("; "), super::verdict(l, s.verdict))
}

pub fn override_why(
    l: Lang,
    chosen: crate::domain::Verdict,
    suggested: Option<crate::domain::Verdict>,
    line: &str,
) -> String {
    pick(
        l,
        format!(
            "Kết luận \"{}\" khác gợi ý \"{}\" ({line}). Ghi lý do để lưu, hoặc Esc để hủy.",
            super::verdict(l, Some(chosen)),
            super::verdict(l, suggested)
        ),
        format!(
            "Verdict \"{}\" differs from the suggested \"{}\" ({line}). Write a reason to record it, or Esc to cancel.",
            super::verdict(l, Some(chosen)),
            super::verdict(l, suggested)
        ),
    )
}

pub fn step_not_now(l: Lang, s: crate::domain::inspection::Status) -> &'static str {
    use crate::domain::inspection::Status;
    match s {
        Status::Draft => pick(
            l,
            "Phiếu đang làm: hoàn tất (f) trước khi niêm phong",
            "The inspection is a draft: finalise (f) before sealing",
        ),
        Status::Final => pick(
            l,
            "Phiếu đã hoàn tất: niêm phong (x) hoặc mở lại (r)",
            "The inspection is final: seal it (x) or reopen it (r)",
        ),
        Status::Sealed => pick(
            l,
            "Phiếu đã niêm phong: muốn sửa thì mở lại (r) kèm lý do",
            "The inspection is sealed: reopen it (r) with a reason to change it",
        ),
    }
}
pub fn export_needs_path(l: Lang) -> &'static str {
    pick(l, "Cần đường dẫn tệp", "A file path is needed")
}
pub fn conclusion_prompt(l: Lang) -> &'static str {
    pick(l, "Kết luận của đoàn:", "The team's conclusion:")
}
pub fn proposal_label(l: Lang) -> &'static str {
    pick(l, "Đề xuất", "Proposal")
}
pub fn conclusion_keys(l: Lang) -> &'static str {
    pick(
        l,
        "Tab đổi ô · Space đổi đề xuất · Enter ghi · Esc hủy",
        "Tab switch · Space change proposal · Enter record · Esc cancel",
    )
}
pub fn finalize_title(l: Lang) -> &'static str {
    pick(l, "Hoàn tất phiếu", "Finalise the inspection")
}
pub fn finalize_intro(l: Lang) -> &'static str {
    pick(
        l,
        "Sau khi hoàn tất, phiếu không sửa được nữa trừ khi mở lại kèm lý do.",
        "Once final, the inspection cannot be changed unless it is reopened with a reason.",
    )
}
pub fn finalize_missing(l: Lang, missing: &[String]) -> String {
    pick(
        l,
        format!(
            "Còn {} tiêu chí chưa đánh giá: {}. Enter để vẫn hoàn tất (được ghi vào lịch sử).",
            missing.len(),
            missing.join(", ")
        ),
        format!(
            "{} criteria are not assessed: {}. Enter finalises anyway (recorded in the history).",
            missing.len(),
            missing.join(", ")
        ),
    )
}
pub fn confirm_keys(l: Lang) -> &'static str {
    pick(l, "Enter xác nhận · Esc hủy", "Enter confirm · Esc cancel")
}
pub fn seal_intro(l: Lang) -> &'static str {
    pick(l, "Người niêm phong:", "Sealed by:")
}
pub fn reopen_title(l: Lang) -> &'static str {
    pick(l, "Mở lại phiếu", "Reopen the inspection")
}
pub fn reopen_intro(l: Lang) -> &'static str {
    pick(
        l,
        "Lý do mở lại (ghi vào lịch sử):",
        "Why it is reopened (recorded in the history):",
    )
}
pub fn export_title(l: Lang) -> &'static str {
    pick(l, "Xuất biên bản", "Export")
}
pub fn format_label(l: Lang) -> &'static str {
    pick(l, "Định dạng", "Format")
}
pub fn export_path_label(l: Lang) -> &'static str {
    pick(l, "Ghi vào tệp:", "Write to:")
}
pub fn export_keys(l: Lang) -> &'static str {
    pick(
        l,
        "Tab đổi định dạng · Enter xuất · Esc hủy",
        "Tab change format · Enter export · Esc cancel",
    )
}
pub fn exported(l: Lang, path: &std::path::Path) -> String {
    super::lifecycle::exported(l, path)
}
pub fn dashboard_title(l: Lang) -> &'static str {
    pick(l, " Nhân rộng mô hình ", " Roll-out ")
}
/// The Dashboard's title while the numbers shown are being computed again.
pub fn dashboard_title_updating(l: Lang) -> &'static str {
    pick(
        l,
        " Nhân rộng mô hình (đang cập nhật...) ",
        " Roll-out (updating...) ",
    )
}
pub fn dashboard_loading(l: Lang) -> &'static str {
    pick(l, "Đang đọc các phiếu...", "Reading the inspections...")
}
pub fn meeting_vs_target(l: Lang) -> &'static str {
    pick(l, "Đạt chuẩn / mục tiêu", "Meeting / target")
}
pub fn inspected_label(l: Lang) -> &'static str {
    pick(l, "Đã kiểm tra", "Inspected")
}
/// Column heads of the district table: district, inspected, meeting the standard.
pub fn district_columns(l: Lang) -> [&'static str; 3] {
    pick(l, ["Quận/huyện", "KT", "Đạt"], ["District", "Insp", "Meet"])
}
pub fn most_failed(l: Lang) -> &'static str {
    pick(
        l,
        "Tiêu chí chưa đạt nhiều nhất",
        "Criteria most often not met",
    )
}
pub fn no_target(l: Lang) -> &'static str {
    pick(
        l,
        "(chưa có mục tiêu: đặt danh sách đơn vị roster.csv trong thư mục dữ liệu)",
        "(no target: put a unit list roster.csv in the data folder)",
    )
}
pub fn never_inspected_count(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("Chưa kiểm tra: {n} đơn vị trong danh sách"),
        format!("Never inspected: {n} units of the roster"),
    )
}
pub fn skipped_files(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("Bỏ qua {n} tệp lỗi (xem kiemtra validate)"),
        format!("{n} bad file(s) skipped (see kiemtra validate)"),
    )
}

/// Why an inspection opens read-only when its lock cannot even be taken: the reason
/// first, short enough for the status line.
pub fn cannot_write(l: Lang, e: &crate::store::StoreError) -> String {
    use crate::store::{LockError, StoreError};
    let reason = match e {
        StoreError::CreateDir { source, .. } | StoreError::Lock(LockError::Io { source, .. }) => {
            super::errors::no_write(source)
        }
        _ => None,
    };
    match reason {
        Some((vi, en)) => pick(
            l,
            format!("{vi}: chỉ xem và xuất được, không sửa"),
            format!("{en}: you can view and export, not change"),
        ),
        None => super::store_error(l, e),
    }
}

/// While a value is typed that makes the verdict differ from the suggestion.
pub fn reason_when_leaving(l: Lang) -> &'static str {
    pick(
        l,
        "Giá trị này khác với kết luận đã chọn: lý do sẽ được hỏi khi rời ô",
        "This value makes the verdict an override: the reason is asked when you leave the field",
    )
}
/// The first Ctrl-C while a reason is typed.
pub fn quit_drops_reason(l: Lang) -> &'static str {
    pick(
        l,
        "Lý do đang nhập chưa được ghi: Enter để ghi, Ctrl-C lần nữa để thoát và bỏ lý do",
        "The reason typed is not saved yet: Enter saves it, Ctrl-C again quits without it",
    )
}
/// A proposal to recognise (or replicate) a unit that does not meet the model standard.
pub fn proposal_against_standing(l: Lang) -> &'static str {
    pick(
        l,
        "Cảnh báo: đơn vị chưa đạt chuẩn mô hình mà đề xuất lại là công nhận. Enter lần nữa để vẫn ghi, Esc để sửa.",
        "Warning: the unit does not meet the model standard, yet the proposal is to recognise it. Enter again keeps it, Esc goes back.",
    )
}
/// After an inspection was moved to the archive folder.
pub fn archived(l: Lang, path: &std::path::Path) -> String {
    let p = crate::domain::escape::for_terminal_line(&path.display().to_string()).to_string();
    pick(l, format!("Đã lưu trữ: {p}"), format!("Archived: {p}"))
}

/// Short and long words for the actions added with issue 10 (moving, undo, editing).
#[allow(clippy::type_complexity)]
fn more_action_texts(a: Action) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    match a {
        Action::Top => (
            ("đầu", "Về đầu danh sách"),
            ("top", "To the top of the list"),
        ),
        Action::Bottom => (
            ("cuối", "Xuống cuối danh sách"),
            ("bottom", "To the end of the list"),
        ),
        Action::HalfPageUp => (
            ("nửa trang lên", "Lên nửa trang"),
            ("half up", "Half a page up"),
        ),
        Action::HalfPageDown => (
            ("nửa trang xuống", "Xuống nửa trang"),
            ("half down", "Half a page down"),
        ),
        Action::Jump => (
            ("đến số", "Đến tiêu chí theo số: gõ : rồi số, Enter"),
            (
                "go to",
                "Go to a criterion by number: type : then the number, Enter",
            ),
        ),
        Action::GoTo => (
            ("đầu / đến số", "Về tiêu chí đầu; g12 đến tiêu chí số 12"),
            (
                "first / go to",
                "To the first criterion; g12 goes to criterion 12",
            ),
        ),
        Action::Accept => (
            ("đồng ý", "Ghi, đồng ý, tiếp tục"),
            ("ok", "Save, say yes, go ahead"),
        ),
        Action::NextChoice => (
            ("lựa chọn sau", "Lựa chọn tiếp theo"),
            ("next choice", "The next option"),
        ),
        Action::PrevChoice => (
            ("lựa chọn trước", "Lựa chọn trước đó"),
            ("previous choice", "The previous option"),
        ),
        Action::TakeOurs => (
            ("lấy bên này", "Giữ giá trị của máy này"),
            ("take ours", "Keep this laptop's value"),
        ),
        Action::TakeTheirs => (
            ("lấy bên kia", "Lấy giá trị của máy kia"),
            ("take theirs", "Take the other laptop's value"),
        ),
        Action::TakeEdited => (
            ("sửa", "Giữ lại để tự sửa"),
            ("edit", "Keep it to edit by hand"),
        ),
        Action::Apply => (
            ("áp dụng", "Khôi phục bản lưu khi gặp sự cố"),
            ("apply", "Put the crash snapshot back"),
        ),
        Action::Discard => (
            ("bỏ", "Bỏ bản lưu (chuyển vào recovery/discarded)"),
            (
                "discard",
                "Set the snapshot aside (moved to recovery/discarded)",
            ),
        ),
        Action::CursorLeft => (
            ("trái", "Ô chữ: lùi con trỏ một chữ"),
            ("left", "Text field: cursor back one letter"),
        ),
        Action::CursorRight => (
            ("phải", "Ô chữ: tiến con trỏ một chữ"),
            ("right", "Text field: cursor forward one letter"),
        ),
        Action::LineStart => (
            ("đầu dòng", "Ô chữ: về đầu dòng"),
            ("line start", "Text field: start of the line"),
        ),
        Action::LineEnd => (
            ("cuối dòng", "Ô chữ: về cuối dòng"),
            ("line end", "Text field: end of the line"),
        ),
        Action::WordLeft => (
            ("từ trước", "Ô chữ: lùi một từ"),
            ("word left", "Text field: back one word"),
        ),
        Action::WordRight => (
            ("từ sau", "Ô chữ: tiến một từ"),
            ("word right", "Text field: forward one word"),
        ),
        Action::DeleteBack => (
            ("xóa lùi", "Ô chữ: xóa chữ trước con trỏ (cả dấu)"),
            (
                "backspace",
                "Text field: delete the letter before the cursor (marks too)",
            ),
        ),
        Action::DeleteForward => (
            ("xóa", "Ô chữ: xóa chữ tại con trỏ"),
            ("delete", "Text field: delete the letter at the cursor"),
        ),
        Action::KillToEnd => (
            ("cắt đến cuối", "Ô chữ: cắt từ con trỏ đến cuối dòng"),
            (
                "cut to end",
                "Text field: cut from the cursor to the end of the line",
            ),
        ),
        Action::KillWordBack => (
            ("cắt từ", "Ô chữ: cắt từ đứng trước con trỏ"),
            ("cut word", "Text field: cut the word before the cursor"),
        ),
        Action::Yank => (
            ("dán lại", "Ô chữ: dán lại phần vừa cắt"),
            ("put back", "Text field: put back what was cut"),
        ),
        Action::NewLine => (
            ("xuống dòng", "Ô nhiều dòng: xuống dòng mới"),
            ("new line", "Multi-line field: start a new line"),
        ),
        Action::LineUp => (
            ("dòng trên", "Ô nhiều dòng: lên một dòng"),
            ("line up", "Multi-line field: up one row"),
        ),
        Action::LineDown => (
            ("dòng dưới", "Ô nhiều dòng: xuống một dòng"),
            ("line down", "Multi-line field: down one row"),
        ),
        Action::UndoTyping => (
            ("hoàn tác gõ", "Ô nhiều dòng: hoàn tác phần vừa gõ trong ô"),
            ("undo typing", "Multi-line field: undo what was typed in it"),
        ),
        Action::RedoTyping => (
            ("làm lại", "Ô nhiều dòng: làm lại phần vừa hoàn tác"),
            ("redo typing", "Multi-line field: redo what was undone"),
        ),
        Action::NextUnassessed => (
            ("chưa đánh giá tiếp", "Đến tiêu chí chưa đánh giá kế tiếp"),
            ("next unassessed", "To the next criterion not yet assessed"),
        ),
        Action::UnassessedOnly => (
            (
                "chỉ chưa đánh giá",
                "Chỉ hiện các tiêu chí chưa đánh giá (bật/tắt)",
            ),
            (
                "unassessed only",
                "Show only the criteria not yet assessed (on/off)",
            ),
        ),
        Action::Undo => (
            (
                "hoàn tác",
                "Hoàn tác thay đổi vừa ghi (trong lúc chương trình còn chạy)",
            ),
            (
                "undo",
                "Undo the last recorded change (while the console runs)",
            ),
        ),
        Action::ExternalEditor => (
            ("trình soạn thảo", "Mở nội dung dài trong $EDITOR"),
            ("editor", "Open the long text in $EDITOR"),
        ),
        Action::EditFacts => (
            (
                "sửa thông tin",
                "Sửa đơn vị, đoàn và ngày kiểm tra (ghi vào lịch sử)",
            ),
            (
                "edit facts",
                "Edit the unit, team and date (recorded in history)",
            ),
        ),
        Action::Archive => (
            (
                "lưu trữ",
                "Chuyển phiếu vào archive/ (hỏi trước, không xóa)",
            ),
            (
                "archive",
                "Move the inspection to archive/ (asked first, never deleted)",
            ),
        ),
        _ => (("", ""), ("", "")),
    }
}
/// `:` followed by a number no criterion has.
pub fn no_criterion_number(l: Lang, n: &str) -> String {
    pick(
        l,
        format!("Không có tiêu chí số {n}"),
        format!("No criterion number {n}"),
    )
}
pub fn nothing_to_undo(l: Lang) -> &'static str {
    pick(l, "Không còn gì để hoàn tác", "Nothing to undo")
}
pub fn undone(l: Lang, code: &str) -> String {
    pick(
        l,
        format!("Đã hoàn tác thay đổi ở {code}"),
        format!("Undone: the change to {code}"),
    )
}
pub fn all_assessed(l: Lang) -> &'static str {
    pick(
        l,
        "Mọi tiêu chí đã được đánh giá",
        "Every criterion is assessed",
    )
}
pub fn jump_prompt(l: Lang) -> &'static str {
    pick(l, "Đến tiêu chí số", "Go to criterion number")
}
pub fn editor_failed(l: Lang, editor: &str) -> String {
    let e = crate::domain::escape::for_terminal_line(editor).to_string();
    pick(
        l,
        format!(
            "Trình soạn thảo {e} không chạy được hoặc báo lỗi; nội dung giữ nguyên. Đặt biến EDITOR để chọn trình khác."
        ),
        format!(
            "The editor {e} did not run or failed; the text is unchanged. Set EDITOR to choose another."
        ),
    )
}
/// A signed seal on the Summary: who signed, and the key's fingerprint.
pub fn signed_by(l: Lang, who: &str, fingerprint: &str) -> String {
    pick(
        l,
        format!("Đã ký: {who} · khóa {fingerprint}"),
        format!("Signed by {who} · key {fingerprint}"),
    )
}
/// The criteria list's title while only those not yet assessed are shown (f).
pub fn criteria_title_unassessed(l: Lang) -> &'static str {
    pick(
        l,
        " Tiêu chí chưa đánh giá (f: tất cả) ",
        " Not yet assessed (f: all) ",
    )
}
