//! Words of the printed reports (biên bản), Vietnamese and English.

use super::{Lang, pick};
use crate::domain::finding::Proposal;
use crate::domain::inspection::InspectionKind;

pub fn title(l: Lang, kind: InspectionKind) -> &'static str {
    match kind {
        InspectionKind::Inspection => pick(l, "BIÊN BẢN KIỂM TRA", "INSPECTION MINUTES"),
        InspectionKind::SelfAssessment => {
            pick(l, "BIÊN BẢN TỰ ĐÁNH GIÁ", "SELF-ASSESSMENT MINUTES")
        }
    }
}
pub fn subtitle(l: Lang) -> &'static str {
    pick(
        l,
        "Xây dựng Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị",
        "Building model ward police units for security, order and urban civilization",
    )
}
pub fn demo_banner(l: Lang) -> &'static str {
    pick(
        l,
        "DỮ LIỆU MẪU — tạo bởi kiemtra demo, không phải kết quả kiểm tra thật",
        "DEMO DATA — made by kiemtra demo, not a real inspection",
    )
}
pub fn place(l: Lang) -> &'static str {
    pick(l, "Địa bàn", "Place")
}
pub fn team(l: Lang) -> &'static str {
    pick(l, "Đoàn kiểm tra", "Inspection team")
}
pub fn finding(l: Lang) -> &'static str {
    pick(l, "Kết quả", "Finding")
}
pub fn standard(l: Lang, meets: bool) -> &'static str {
    if meets {
        pick(
            l,
            "Đạt chuẩn mô hình theo quy tắc của bộ tiêu chí",
            "Meets the model standard of the catalog",
        )
    } else {
        pick(
            l,
            "Chưa đạt chuẩn mô hình theo quy tắc của bộ tiêu chí",
            "Does not yet meet the model standard of the catalog",
        )
    }
}
pub fn group(l: Lang) -> &'static str {
    pick(l, "Nhóm tiêu chí", "Criteria group")
}
pub fn criteria_heading(l: Lang) -> &'static str {
    pick(l, "Kết quả từng tiêu chí", "Criterion by criterion")
}
pub fn criterion(l: Lang) -> &'static str {
    pick(l, "Tiêu chí", "Criterion")
}
pub fn not_fully_met(l: Lang) -> &'static str {
    pick(
        l,
        "Tồn tại, hạn chế và kiến nghị",
        "Shortcomings and recommendations",
    )
}
pub fn none_not_fully_met(l: Lang) -> &'static str {
    pick(l, "Mọi tiêu chí đều đạt.", "Every criterion is met.")
}
pub fn conclusion(l: Lang) -> &'static str {
    pick(l, "Kết luận của đoàn", "Conclusion of the team")
}
pub fn no_conclusion(l: Lang) -> &'static str {
    pick(l, "(chưa có kết luận)", "(no conclusion yet)")
}
pub fn proposal(l: Lang, p: Proposal) -> &'static str {
    match p {
        Proposal::Recognition => pick(l, "Đề nghị công nhận", "Recommend recognition"),
        Proposal::Replication => pick(l, "Đề nghị nhân rộng", "Recommend replication"),
        Proposal::NotYet => pick(l, "Chưa đề nghị", "Not yet"),
    }
}
pub fn seal(l: Lang) -> &'static str {
    pick(l, "Niêm phong", "Seal")
}
pub fn sealed_by(l: Lang, by: &str, at: &str) -> String {
    pick(
        l,
        format!("niêm phong bởi {by} lúc {at}"),
        format!("sealed by {by} at {at}"),
    )
}
pub fn not_sealed(l: Lang) -> &'static str {
    pick(l, "Chưa niêm phong", "Not sealed")
}
pub fn chain(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("nối tiếp {n} niêm phong trước"),
        format!("chained to {n} earlier seal(s)"),
    )
}
pub fn signatures(l: Lang) -> [&'static str; 2] {
    pick(
        l,
        ["TRƯỞNG ĐOÀN KIỂM TRA", "ĐẠI DIỆN ĐƠN VỊ"],
        ["TEAM LEADER", "FOR THE UNIT"],
    )
}
pub fn generated(l: Lang, at: &str) -> String {
    pick(
        l,
        format!("Tạo bởi kiemtra lúc {at}"),
        format!("Made by kiemtra at {at}"),
    )
}
pub fn sign_hint(l: Lang) -> &'static str {
    pick(l, "(ký, ghi rõ họ tên)", "(signature and full name)")
}
pub fn total(l: Lang) -> &'static str {
    pick(l, "Tổng cộng", "Total")
}

/// `-o FILE` onto something that is not a regular file.
pub fn output_refused(
    l: Lang,
    path: &std::path::Path,
    target: crate::store::fsx::OutputTarget,
) -> String {
    let (vi, en) = refused_words(path, target);
    pick(
        l,
        format!("{vi}. Chọn tên tệp khác, hoặc dùng -o - để in ra màn hình"),
        format!("{en}. Choose another file name, or use -o - for standard output"),
    )
}

/// A file named otherwise than by `-o` (a bundle) onto something not a regular file.
pub fn file_refused(
    l: Lang,
    path: &std::path::Path,
    target: crate::store::fsx::OutputTarget,
) -> String {
    let (vi, en) = refused_words(path, target);
    pick(
        l,
        format!("{vi}. Chọn tên tệp khác"),
        format!("{en}. Choose another file name"),
    )
}

fn refused_words(
    path: &std::path::Path,
    target: crate::store::fsx::OutputTarget,
) -> (String, String) {
    use crate::store::fsx::OutputTarget as T;
    let p = crate::domain::escape::for_terminal(&path.display().to_string()).into_owned();
    let (vi, en) = match target {
        T::Symlink => ("một liên kết (symlink)", "a symbolic link"),
        T::Directory => ("một thư mục", "a folder"),
        T::Fifo => ("một FIFO (named pipe)", "a FIFO (named pipe)"),
        T::Device => ("một thiết bị", "a device"),
        T::Socket => ("một socket", "a socket"),
    };
    (
        format!(
            "CHƯA XUẤT: {p} là {vi}, không phải tệp thường; kiemtra chỉ ghi vào tệp mới hoặc ghi đè tệp thường"
        ),
        format!(
            "NOT EXPORTED: {p} is {en}, not a regular file; kiemtra writes only a new file or over a regular file"
        ),
    )
}

/// `export -o` onto a path that cannot be examined.
pub fn output_unreadable(l: Lang, path: &std::path::Path, e: &std::io::Error) -> String {
    let p = crate::domain::escape::for_terminal(&path.display().to_string()).into_owned();
    let why = if e.kind() == std::io::ErrorKind::PermissionDenied {
        pick(l, "không có quyền truy cập", "permission denied")
    } else {
        pick(l, "không đọc được đường dẫn", "the path cannot be read")
    };
    pick(
        l,
        format!("CHƯA XUẤT: {p}: {why}; chọn nơi ghi khác"),
        format!("NOT EXPORTED: {p}: {why}; choose another place to write"),
    )
}
pub fn seal_broken(l: Lang) -> &'static str {
    pick(
        l,
        "NIÊM PHONG KHÔNG CÒN NGUYÊN VẸN (chạy kiemtra verify)",
        "SEAL BROKEN (run kiemtra verify)",
    )
}

// ---- the minutes' layout (Decree 30/2020/NĐ-CP) -------------------------------------

pub fn nation(l: Lang) -> &'static str {
    pick(
        l,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIET NAM",
    )
}
pub fn motto(l: Lang) -> &'static str {
    pick(
        l,
        "Độc lập - Tự do - Hạnh phúc",
        "Independence - Freedom - Happiness",
    )
}
/// "Số: ……/BB-ĐKT": the number is written in by hand when the minutes are filed.
pub fn doc_number(l: Lang, kind: InspectionKind) -> &'static str {
    match kind {
        InspectionKind::Inspection => pick(l, "Số: ……/BB-ĐKT", "No.: ……/BB-ĐKT"),
        InspectionKind::SelfAssessment => pick(l, "Số: ……/BB-TĐG", "No.: ……/BB-TĐG"),
    }
}
/// The mark on every page of anything not sealed.
pub const DRAFT_MARK: &str = "DỰ THẢO / DRAFT";
pub fn draft_note(l: Lang) -> &'static str {
    pick(
        l,
        "Bản dự thảo: phiếu chưa được niêm phong nên biên bản này chưa dùng để ký.",
        "Draft: the inspection is not sealed, so these minutes are not for signing.",
    )
}
pub fn page(l: Lang) -> &'static str {
    pick(l, "Trang", "Page")
}
pub fn general(l: Lang) -> &'static str {
    pick(l, "Thông tin chung", "General information")
}
pub fn results_table(l: Lang) -> &'static str {
    pick(l, "Bảng kết quả các tiêu chí", "Results by criterion")
}
pub fn details(l: Lang) -> &'static str {
    pick(
        l,
        "Nội dung kiểm tra từng tiêu chí",
        "What was found, criterion by criterion",
    )
}
pub fn representative(l: Lang) -> &'static str {
    pick(l, "Đại diện đơn vị", "Unit representative")
}
pub fn indicators(l: Lang) -> &'static str {
    pick(l, "Chỉ số", "Indicators")
}
pub fn none(l: Lang) -> &'static str {
    pick(l, "(không có)", "(none)")
}
pub fn content_digest(l: Lang) -> &'static str {
    pick(
        l,
        "SHA-256 của tệp phiếu (chưa niêm phong)",
        "SHA-256 of the inspection file (not sealed)",
    )
}
pub fn signed_by(l: Lang, principal: &str) -> String {
    pick(
        l,
        format!("Chữ ký số của {principal}"),
        format!("Digitally signed by {principal}"),
    )
}
pub fn closing(l: Lang) -> &'static str {
    pick(
        l,
        "Biên bản kết thúc lúc …… giờ …… cùng ngày, được lập thành 02 bản có giá trị như nhau, đơn vị được kiểm tra giữ 01 bản, đoàn kiểm tra giữ 01 bản. Biên bản đã được đọc lại cho những người có tên trên cùng nghe, nhất trí và ký tên dưới đây.",
        "These minutes were closed at …… on the same day and made in 2 copies of equal value, one kept by the inspected unit and one by the inspection team. They were read aloud to those named above, who agreed and signed below.",
    )
}
pub fn sign_unit(l: Lang) -> &'static str {
    pick(l, "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", "FOR THE INSPECTED UNIT")
}
pub fn sign_leader(l: Lang) -> &'static str {
    pick(l, "TRƯỞNG ĐOÀN KIỂM TRA", "TEAM LEADER")
}
pub fn sign_member(l: Lang) -> &'static str {
    pick(l, "THÀNH VIÊN ĐOÀN", "TEAM MEMBER")
}
/// Where no name was recorded, a dotted line to write it by hand.
pub const NAME_BLANK: &str = "…………………………";
