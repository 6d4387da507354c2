//! Texts of the line mode (`kiemtra walk ID --plain`, and the console under `TERM=dumb`):
//! plain sentences a screen reader reads well, no symbols that stand for words.

use super::{Lang, pick};

pub fn heading(l: Lang, position: usize, total: usize, group: &str) -> String {
    pick(
        l,
        format!("Tiêu chí {position} trên {total}, nhóm {group}"),
        format!("Criterion {position} of {total}, group {group}"),
    )
}

pub fn allowed_check(l: Lang) -> &'static str {
    pick(l, "có hoặc không", "yes or no")
}

pub fn allowed_count(l: Lang) -> &'static str {
    pick(l, "một số nguyên, ví dụ 12", "a whole number, e.g. 12")
}

pub fn allowed_ratio(l: Lang, numerator: &str, denominator: &str) -> String {
    pick(
        l,
        format!("TỬ/MẪU, ví dụ 16/25 ({numerator} / {denominator})"),
        format!("PART/WHOLE, e.g. 16/25 ({numerator} / {denominator})"),
    )
}

pub fn allowed_choice(l: Lang, options: &str) -> String {
    pick(
        l,
        format!("một trong: {options}"),
        format!("one of: {options}"),
    )
}

pub fn allowed_text(l: Lang) -> &'static str {
    pick(l, "văn bản tự do", "free text")
}

pub fn allowed(l: Lang) -> &'static str {
    pick(l, "giá trị", "values")
}

pub fn current_value(l: Lang) -> &'static str {
    pick(l, "hiện tại", "now")
}

pub fn not_entered(l: Lang) -> &'static str {
    pick(l, "chưa nhập", "not entered")
}

pub fn current_verdict(l: Lang) -> &'static str {
    pick(l, "Kết luận hiện tại", "Current verdict")
}

pub fn commands(l: Lang) -> &'static str {
    pick(
        l,
        "Lệnh: 1 Đạt, 2 Cơ bản đạt, 3 Chưa đạt, 0 xóa kết luận, i chỉ số, e minh chứng, s tồn tại, r kiến nghị, Enter hoặc n tiếp, p lùi, g SỐ đến tiêu chí, ? trợ giúp, q thoát.",
        "Commands: 1 Met, 2 Basically met, 3 Not met, 0 clear the verdict, i indicators, e evidence, s shortcoming, r recommendation, Enter or n next, p back, g NUMBER go to a criterion, ? help, q quit.",
    )
}

pub fn help(l: Lang) -> &'static str {
    pick(
        l,
        "Mỗi dòng một lệnh:
  1, 2, 3   ghi kết luận Đạt, Cơ bản đạt, Chưa đạt rồi sang tiêu chí sau (hỏi lý do nếu khác gợi ý)
  0         xóa kết luận
  i         nhập giá trị các chỉ số, lần lượt từng chỉ số
  e         thêm một dòng minh chứng
  s         thêm một dòng tồn tại, hạn chế
  r         thêm một kiến nghị (nội dung, người thực hiện, hạn)
  n         (hoặc dòng trống) sang tiêu chí sau
  p         về tiêu chí trước
  g SỐ      đến tiêu chí có số hoặc mã đó, ví dụ g 17 hoặc g III.1
  l         đọc lại tiêu chí đang xem
  ?         trợ giúp này
  q         thoát (mọi thay đổi đã được lưu)
Mọi thay đổi được lưu ngay, như trong giao diện toàn màn hình.",
        "One command a line:
  1, 2, 3   record Met, Basically met, Not met and move to the next criterion (asks for a reason when it differs from the suggestion)
  0         clear the verdict
  i         enter the indicator values, one indicator after another
  e         add a line of evidence
  s         add a line of shortcomings
  r         add a recommendation (action, owner, due date)
  n         (or an empty line) next criterion
  p         previous criterion
  g NUMBER  go to the criterion with that number or code, e.g. g 17 or g III.1
  l         read the current criterion again
  ?         this help
  q         quit (every change is already saved)
Every change is saved at once, as in the full-screen console.",
    )
}

pub fn prompt(l: Lang) -> &'static str {
    pick(l, "Lệnh> ", "Command> ")
}

pub fn unknown_command(l: Lang, what: &str) -> String {
    pick(
        l,
        format!("Không hiểu lệnh \"{what}\"; gõ ? để xem các lệnh."),
        format!("Unknown command \"{what}\"; type ? for the commands."),
    )
}

pub fn unknown_criterion(l: Lang, what: &str, first: u32, last: u32) -> String {
    pick(
        l,
        format!("Không có tiêu chí \"{what}\"; gõ g và một số từ {first} đến {last}."),
        format!("There is no criterion \"{what}\"; type g and a number from {first} to {last}."),
    )
}

pub fn last_one(l: Lang) -> &'static str {
    pick(l, "Đây là tiêu chí cuối.", "This is the last criterion.")
}

pub fn first_one(l: Lang) -> &'static str {
    pick(
        l,
        "Đây là tiêu chí đầu tiên.",
        "This is the first criterion.",
    )
}

pub fn saved(l: Lang, number: u32, code: &str, verdict: &str) -> String {
    pick(
        l,
        format!("Đã lưu: tiêu chí {number} [{code}] {verdict}."),
        format!("Saved: criterion {number} [{code}] {verdict}."),
    )
}

pub fn saved_plain(l: Lang) -> &'static str {
    pick(l, "Đã lưu.", "Saved.")
}

pub fn unchanged(l: Lang) -> &'static str {
    pick(l, "Không có gì thay đổi.", "Nothing changed.")
}

pub fn not_saved(l: Lang, why: &str) -> String {
    pick(
        l,
        format!(
            "CHƯA LƯU ĐƯỢC: {why}. Thay đổi vẫn được giữ và sẽ lưu lại ở lần thay đổi sau hoặc khi thoát."
        ),
        format!(
            "NOT SAVED: {why}. The change is kept and saved again with the next change or on quitting."
        ),
    )
}

pub fn reason_needed(l: Lang, why: &str) -> String {
    pick(
        l,
        format!("{why}\nLý do (dòng trống để hủy): "),
        format!("{why}\nReason (an empty line cancels): "),
    )
}

pub fn cancelled(l: Lang) -> &'static str {
    pick(l, "Đã hủy, không ghi gì.", "Cancelled, nothing recorded.")
}

pub fn value_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "   Giá trị (Enter giữ nguyên, - để xóa): ",
        "   Value (Enter keeps it, - clears it): ",
    )
}

pub fn no_indicators(l: Lang) -> &'static str {
    pick(
        l,
        "Tiêu chí này không có chỉ số.",
        "This criterion has no indicators.",
    )
}

pub fn evidence_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "Thêm minh chứng, một dòng (dòng trống để hủy): ",
        "Add evidence, one line (an empty line cancels): ",
    )
}

pub fn shortcoming_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "Thêm tồn tại, hạn chế, một dòng (dòng trống để hủy): ",
        "Add a shortcoming, one line (an empty line cancels): ",
    )
}

pub fn action_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "Nội dung kiến nghị (dòng trống để hủy): ",
        "Recommended action (an empty line cancels): ",
    )
}

pub fn owner_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "Người hoặc bộ phận thực hiện (có thể để trống): ",
        "Who carries it out (may be empty): ",
    )
}

pub fn due_prompt(l: Lang) -> &'static str {
    pick(
        l,
        "Hạn thực hiện NĂM-THÁNG-NGÀY (có thể để trống): ",
        "Due date YYYY-MM-DD (may be empty): ",
    )
}

pub fn bad_due(l: Lang, what: &str) -> String {
    pick(
        l,
        format!("\"{what}\" không phải ngày NĂM-THÁNG-NGÀY; thử lại hoặc để trống."),
        format!("\"{what}\" is not a date YYYY-MM-DD; try again or leave it empty."),
    )
}

pub fn bye(l: Lang) -> &'static str {
    pick(
        l,
        "Kết thúc. Mọi thay đổi đã được lưu.",
        "Done. Every change is saved.",
    )
}

pub fn read_only(l: Lang, status: &str) -> String {
    pick(
        l,
        format!("Phiếu này {status}: chỉ xem được, không sửa được (mở lại bằng kiemtra reopen)."),
        format!(
            "This inspection is {status}: it can be read, not changed (reopen it with kiemtra reopen)."
        ),
    )
}

pub fn dumb_intro(l: Lang) -> &'static str {
    pick(
        l,
        "Terminal này không vẽ được giao diện toàn màn hình (TERM=dumb), nên dùng chế độ dòng. Sau này có thể mở thẳng một phiếu bằng: kiemtra walk MÃ --plain",
        "This terminal cannot draw the full-screen console (TERM=dumb), so line mode is used. Next time you can open an inspection directly with: kiemtra walk ID --plain",
    )
}

pub fn pick_prompt(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("Chọn phiếu: gõ số từ 1 đến {n}, hoặc q để thoát: "),
        format!("Pick an inspection: type a number from 1 to {n}, or q to quit: "),
    )
}

pub fn no_inspections(l: Lang) -> &'static str {
    pick(
        l,
        "Chưa có phiếu nào. Tạo phiếu bằng: kiemtra new --unit \"Tên đơn vị\"",
        "No inspections yet. Create one with: kiemtra new --unit \"Unit name\"",
    )
}
