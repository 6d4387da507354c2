//! Words of the console's conflict marks and overlay, and of duplicate copies on Home.

use super::{Lang, pick};

pub fn title(l: Lang, n: usize, total: usize) -> String {
    pick(
        l,
        format!("Xung đột {n}/{total}"),
        format!("Conflict {n}/{total}"),
    )
}

pub fn intro(l: Lang, place: &str) -> String {
    pick(
        l,
        format!("{place}: hai máy ghi khác nhau. Chọn bên giữ lại:"),
        format!("{place}: two laptops recorded it differently. Choose what stays:"),
    )
}

pub fn base(l: Lang) -> &'static str {
    pick(l, "Gốc", "Base")
}
pub fn ours(l: Lang) -> &'static str {
    pick(l, "Bên này", "Ours")
}
pub fn theirs(l: Lang) -> &'static str {
    pick(l, "Bên kia", "Theirs")
}
pub fn none(l: Lang) -> &'static str {
    pick(l, "(trống)", "(none)")
}

pub fn keys(l: Lang) -> &'static str {
    pick(
        l,
        "o giữ bên này  t lấy bên kia  e sửa tay  ↑↓ xung đột khác  Esc đóng",
        "o take ours  t take theirs  e edit  ↑↓ other conflicts  Esc close",
    )
}

pub fn resolved(l: Lang, left: usize) -> String {
    pick(
        l,
        format!("Đã ghi lựa chọn vào lịch sử; còn {left} xung đột"),
        format!("The choice is recorded in the history; {left} conflicts left"),
    )
}

/// In place of the status on Home.
pub fn mark(l: Lang) -> &'static str {
    pick(l, "! Xung đột", "! Conflict")
}

/// After the criterion's number in the form's title.
pub fn criterion_note(l: Lang) -> &'static str {
    pick(l, "! xung đột: c để chọn ", "! conflict: c to decide ")
}

/// Home's lines for a file it could not list: a duplicate pair takes two lines, so that
/// both file names fit.
pub fn skipped_or_duplicate(
    l: Lang,
    e: &crate::store::LoadError,
    dups: &[crate::store::duplicates::Duplicate],
) -> Vec<String> {
    let Some(d) = crate::store::duplicates::pair_of(dups, e) else {
        return vec![crate::i18n::skipped_file(l, e)];
    };
    let name = |p: &std::path::Path| {
        super::esc(
            &p.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
        )
    };
    vec![
        pick(
            l,
            "Hai bản của cùng một phiếu (chỉ tính một lần; hợp nhất: kiemtra merge-files):",
            "Two copies of one inspection (counted once; merge: kiemtra merge-files):",
        )
        .to_string(),
        format!("  {} + {}", name(&d.first), name(&d.second)),
    ]
}

/// An answer's field in the reader's words ("values.x" stays as it is).
pub fn field(l: Lang, f: &str) -> String {
    use crate::i18n::label;
    match f {
        "verdict" => pick(l, "kết luận", "verdict").into(),
        "evidence" => label::evidence(l).into(),
        "shortcomings" => label::shortcomings(l).into(),
        "override_reason" => label::reason(l).into(),
        "recommendations" => label::recommendations(l).into(),
        other => super::esc(other),
    }
}

/// In the header of an inspection with conflicts.
pub fn header(l: Lang, n: usize) -> String {
    pick(
        l,
        format!("! {n} xung đột (c)"),
        format!("! {n} conflicts (c)"),
    )
}
