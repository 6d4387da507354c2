//! Words for concluding, finalising, sealing, verifying, exporting and the roll-out.

use std::path::Path;

use super::{Lang, pick};
use crate::domain::finding::FinalizeError;
use crate::domain::seal::SealError;

pub fn finalize_error(l: Lang, e: &FinalizeError) -> String {
    match e {
        FinalizeError::NotDraft(s) => pick(
            l,
            format!(
                "phiếu đang ở trạng thái \"{}\", không phải bản đang làm",
                super::status(l, *s)
            ),
            format!(
                "the inspection is \"{}\", not a draft",
                super::status(l, *s)
            ),
        ),
        FinalizeError::Incomplete(codes) => pick(
            l,
            format!(
                "còn {} tiêu chí chưa đánh giá: {}; đánh giá nốt, hoặc xác nhận hoàn tất khi thiếu bằng --confirm-incomplete",
                codes.len(),
                codes.join(", ")
            ),
            format!(
                "{} criteria are not assessed: {}; assess them, or confirm finalising without them with --confirm-incomplete",
                codes.len(),
                codes.join(", ")
            ),
        ),
        FinalizeError::NotClosed(_) => pick(
            l,
            "phiếu đang làm, không cần mở lại".to_string(),
            "the inspection is a draft; there is nothing to reopen".to_string(),
        ),
        FinalizeError::NoReason => pick(
            l,
            "cần ghi lý do mở lại (--reason \"...\")".to_string(),
            "a reason for reopening is needed (--reason \"...\")".to_string(),
        ),
        FinalizeError::Conflicts(n) => super::sync::conflicts_block(l, *n),
    }
}

pub fn seal_error(l: Lang, e: &SealError) -> String {
    match e {
        SealError::NotFinal(s) => pick(
            l,
            format!(
                "chỉ niêm phong được phiếu đã hoàn tất (phiếu đang \"{}\")",
                super::status(l, *s)
            ),
            format!(
                "only a final inspection can be sealed (this one is \"{}\")",
                super::status(l, *s)
            ),
        ),
        SealError::NoName => pick(
            l,
            "cần tên người niêm phong (--by \"...\")".to_string(),
            "the name of who seals is needed (--by \"...\")".to_string(),
        ),
    }
}

pub fn finalized(l: Lang, missing: usize) -> String {
    if missing == 0 {
        pick(
            l,
            "Đã hoàn tất phiếu.".into(),
            "The inspection is final.".into(),
        )
    } else {
        pick(
            l,
            format!("Đã hoàn tất phiếu, có {missing} tiêu chí chưa đánh giá (đã ghi vào lịch sử)."),
            format!(
                "The inspection is final with {missing} criteria not assessed (recorded in the history)."
            ),
        )
    }
}

pub fn reopened(l: Lang) -> &'static str {
    pick(
        l,
        "Đã mở lại phiếu để sửa; lý do được ghi vào lịch sử. Lần niêm phong sau sẽ nối tiếp niêm phong cũ.",
        "The inspection is open for changes again; the reason is in the history. The next seal will chain to the old one.",
    )
}

pub fn sealed(l: Lang, sha: &str, by: &str) -> String {
    pick(
        l,
        format!("Đã niêm phong bởi {by}. SHA-256: {sha}"),
        format!("Sealed by {by}. SHA-256: {sha}"),
    )
}

pub fn intact(l: Lang, sha: &str, by: &str, at: &str) -> String {
    pick(
        l,
        format!("Niêm phong còn nguyên vẹn (niêm phong bởi {by} lúc {at}). SHA-256: {sha}"),
        format!("The seal is intact (sealed by {by} at {at}). SHA-256: {sha}"),
    )
}

pub fn not_sealed(l: Lang) -> &'static str {
    pick(
        l,
        "phiếu này chưa được niêm phong",
        "this inspection is not sealed",
    )
}

/// A part of the sealed content, in words: "tiêu chí III.1", "đơn vị".
pub fn part(l: Lang, key: &str) -> String {
    if let Some(code) = key.strip_prefix("answers.") {
        return pick(l, format!("tiêu chí {code}"), format!("criterion {code}"));
    }
    let (vi, en) = match key {
        "unit" => ("đơn vị được kiểm tra", "inspected unit"),
        "team" => ("đoàn kiểm tra", "team"),
        "date" => ("ngày kiểm tra", "date"),
        "conclusion" => ("kết luận", "conclusion"),
        "history" => ("lịch sử thay đổi", "history"),
        "status" => ("trạng thái", "status"),
        "catalog" => ("bộ tiêu chí", "catalog"),
        "kind" => ("loại phiếu", "kind"),
        "seal" => ("bản ghi niêm phong", "seal record"),
        "seal.by" => ("người niêm phong", "who sealed"),
        "seal.at" => ("thời điểm niêm phong", "time of sealing"),
        "seal.previous" => ("niêm phong trước", "previous seal"),
        "seal.principal" => ("người ký", "signer"),
        "seal.fingerprint" => ("khóa ký", "signing key"),
        "seal.version" => ("phiên bản niêm phong", "seal version"),
        "answers" => ("các câu trả lời", "answers"),
        _ => return key.to_string(),
    };
    pick(l, vi, en).to_string()
}

pub fn broken(l: Lang, changed: &[String], expected: &str, actual: &str) -> String {
    let parts: Vec<String> = changed
        .iter()
        .map(|p| {
            let p = crate::domain::escape::for_terminal_line(p);
            let named = part(l, &p);
            if named == p {
                named
            } else {
                format!("{named} ({p})")
            }
        })
        .collect();
    let where_ = if parts.is_empty() {
        pick(
            l,
            "bản ghi niêm phong đã bị sửa",
            "the seal record itself was altered",
        )
        .to_string()
    } else {
        parts.join(", ")
    };
    pick(
        l,
        format!(
            "NIÊM PHONG KHÔNG CÒN KHỚP: nội dung đã bị thay đổi sau khi niêm phong ở: {where_}.\n  SHA-256 lúc niêm phong: {expected}\n  SHA-256 hiện tại:      {actual}"
        ),
        format!(
            "THE SEAL DOES NOT MATCH: the content changed after sealing in: {where_}.\n  SHA-256 when sealed: {expected}\n  SHA-256 now:         {actual}"
        ),
    )
}

pub fn exported(l: Lang, path: &Path) -> String {
    pick(
        l,
        format!("Đã xuất {}", path.display()),
        format!("Exported {}", path.display()),
    )
}

pub fn conclusion_saved(l: Lang) -> &'static str {
    pick(l, "Đã ghi kết luận.", "The conclusion is recorded.")
}

pub fn nothing_to_conclude(l: Lang) -> &'static str {
    pick(
        l,
        "không có gì để ghi: dùng --text và/hoặc --proposal",
        "nothing to record: use --text and/or --proposal",
    )
}

pub fn demo_written(l: Lang, n: usize, dir: &Path) -> String {
    pick(
        l,
        format!(
            "Đã tạo {n} phiếu DỮ LIỆU MẪU trong {} (mỗi tệp có \"demo\": true), danh sách đơn vị roster-demo.csv và bảng đổi tên rename-map-demo.csv. Xem: kiemtra --data-dir {} summary",
            dir.display(),
            dir.display()
        ),
        format!(
            "Wrote {n} DEMO inspections into {} (each file has \"demo\": true), the unit list roster-demo.csv and the rename map rename-map-demo.csv. See: kiemtra --data-dir {} summary",
            dir.display(),
            dir.display()
        ),
    )
}

pub fn roster_error(l: Lang, path: &Path, line: u64, why: &str) -> String {
    pick(
        l,
        format!(
            "{}: dòng {line}: {why}; cần CSV có cột unit, và tùy chọn unit_code, province, district",
            path.display()
        ),
        format!(
            "{}: line {line}: {why}; expected a CSV with a unit column, and optionally unit_code, province, district",
            path.display()
        ),
    )
}

pub fn not_a_folder(l: Lang, path: &Path) -> String {
    pick(
        l,
        format!(
            "{}: không có thư mục này; đưa đường dẫn thư mục dữ liệu hoặc thư mục inspections/",
            path.display()
        ),
        format!(
            "{}: no such folder; give a data folder or its inspections/ folder",
            path.display()
        ),
    )
}

pub fn nothing_to_quarantine(l: Lang) -> &'static str {
    pick(
        l,
        "Không có tệp lỗi nào trong inspections/.",
        "There are no bad files in inspections/.",
    )
}

pub fn quarantined(l: Lang, from: &Path, to: &Path, reason: &str, dry_run: bool) -> String {
    match (l, dry_run) {
        (Lang::Vi, false) => format!("đã chuyển {} -> {}: {reason}", from.display(), to.display()),
        (Lang::Vi, true) => format!("sẽ chuyển {} -> {}: {reason}", from.display(), to.display()),
        (Lang::En, false) => format!("moved {} -> {}: {reason}", from.display(), to.display()),
        (Lang::En, true) => format!(
            "would move {} -> {}: {reason}",
            from.display(),
            to.display()
        ),
    }
}

pub fn quarantine_recover_hint(l: Lang, at: &Path, home: &Path) -> String {
    pick(
        l,
        format!(
            "Khôi phục: sửa tệp (hoặc lấy bản sao lưu), kiểm tra bằng kiemtra validate {}, rồi chuyển về: mv {} {}",
            at.display(),
            at.display(),
            home.display()
        ),
        format!(
            "To recover: repair the file (or take it from a backup), check it with kiemtra validate {}, then move it back: mv {} {}",
            at.display(),
            at.display(),
            home.display()
        ),
    )
}

/// One line: who else can read the data, and the command that fixes it.
pub fn exposed(l: Lang, paths: &[std::path::PathBuf], root: &Path) -> String {
    let first = paths
        .first()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    pick(
        l,
        format!(
            "cảnh báo: người dùng khác trên máy này có quyền với {} mục dữ liệu (ví dụ {first}); sửa: chmod -R go-rwx {}",
            paths.len(),
            root.display()
        ),
        format!(
            "warning: other users on this machine have access to {} data entries (e.g. {first}); fix: chmod -R go-rwx {}",
            paths.len(),
            root.display()
        ),
    )
}
