//! Labels of the progress bar that long commands draw on a terminal.

use super::{Lang, pick};

/// What a long command is busy with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// `demo`: units whose files are written.
    Demo,
    /// `summary`: inspection files read.
    Summary,
    /// `validate`: files checked.
    Validate,
    /// `quarantine`: files checked.
    Quarantine,
    /// `sync import`: inspections merged.
    Import,
}

pub fn label(l: Lang, t: Task) -> &'static str {
    match t {
        Task::Demo => pick(l, "Đang tạo dữ liệu mẫu", "Writing demo data"),
        Task::Summary => pick(l, "Đang đọc phiếu", "Reading inspections"),
        Task::Validate => pick(l, "Đang kiểm tra tệp", "Checking files"),
        Task::Quarantine => pick(l, "Đang kiểm tra tệp", "Checking files"),
        Task::Import => pick(l, "Đang nhập", "Importing"),
    }
}
