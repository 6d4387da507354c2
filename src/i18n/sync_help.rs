//! Help texts of the sync, merge and resolve commands, in both languages.

use super::{Lang, pick};

/// Help texts of the sync commands, keyed as in `help::help`.
pub fn help(l: Lang, key: &str) -> Option<&'static str> {
    let (vi, en) = match key {
        "sync" => (
            "Đồng bộ với kho trung tâm qua git: ghi thay đổi, nhận về, hợp nhất từng tiêu chí, gửi đi",
            "Sync with the hub through git: commit, fetch, merge per criterion, push",
        ),
        "sync.remote" | "sync_init.remote" => (
            "Kho trung tâm (tên remote; với init: URL git, thư mục dùng chung hoặc ssh://...; mặc định: sync.remote trong tệp cấu hình)",
            "The hub (a remote's name; for init: a git URL, a shared folder or ssh://...; default: sync.remote of the config file)",
        ),
        "sync_init" => (
            "Biến thư mục dữ liệu thành kho git (hoặc dùng kho có sẵn) và đăng ký bộ hợp nhất",
            "Make the data folder a git repository (or adopt one) and register the merge driver",
        ),
        "sync_init.name" => ("Tên đội", "The team's name"),
        "sync_init.by" | "resolve.by" => ("Tên người ghi", "Who records it"),
        "sync_status" => ("Tình trạng đồng bộ", "Where sync stands"),
        "sync_status.json" => ("In ra JSON", "Print JSON"),
        "sync_export" => (
            "Ghi một gói git để mang bằng USB; in SHA-256 của tệp",
            "Write a git bundle to carry on a USB stick; prints the file's SHA-256",
        ),
        "sync_export.file" => ("Tệp gói cần ghi", "The bundle file to write"),
        "sync_export.all" => ("Xuất toàn bộ (mặc định)", "Everything (the default)"),
        "sync_export.since_last" => (
            "Chỉ những gì thay đổi từ lần xuất trước",
            "Only what changed since the last export",
        ),
        "sync_export.encrypt_to" => (
            "Mã hóa cho khóa công khai age (age1...) hoặc SSH, hay tệp chứa các khóa; lặp lại được",
            "Encrypt to an age (age1...) or SSH public key, or a file of them; repeatable",
        ),
        "sync_import" => (
            "Nhập gói git từ USB: kiểm tra, giải mã, hợp nhất từng tiêu chí",
            "Import git bundles from a USB stick: check, decrypt, merge per criterion",
        ),
        "sync_import.files" => ("Các tệp gói", "The bundle files"),
        "sync_import.identity" => (
            "Khóa để giải mã: tệp khóa age hoặc khóa riêng SSH",
            "The key to decrypt with: an age identity file or an SSH private key",
        ),
        "merge-driver" => (
            "Bộ hợp nhất git cho tệp phiếu (git gọi: %O %A %B %P)",
            "git merge driver for inspection files (git calls it: %O %A %B %P)",
        ),
        "merge-driver.base" => ("Bản gốc chung (%O)", "The common ancestor (%O)"),
        "merge-driver.ours" => (
            "Bản bên này (%A); kết quả được ghi vào đây",
            "Ours (%A); the result is written here",
        ),
        "merge-driver.theirs" => ("Bản bên kia (%B)", "Theirs (%B)"),
        "merge-driver.path" => (
            "Tên tệp trong kho (%P)",
            "The file's name in the repository (%P)",
        ),
        "merge-files" => (
            "Hợp nhất hai bản của cùng một phiếu theo từng tiêu chí",
            "Merge two copies of one inspection, criterion by criterion",
        ),
        "merge-files.a" => ("Bản thứ nhất", "The first copy"),
        "merge-files.b" => ("Bản thứ hai", "The second copy"),
        "resolve" => (
            "Giải quyết xung đột của một tiêu chí bằng cách chọn một bên",
            "Resolve a criterion's conflict by taking one side",
        ),
        "resolve.id" => ("Mã phiếu (hoặc phần đầu)", "Inspection id (or a prefix)"),
        "resolve.criterion" => (
            "Số hoặc mã tiêu chí, hay một mục của phiếu (unit, conclusion)",
            "A criterion's number or code, or a field of the inspection (unit, conclusion)",
        ),
        "resolve.take" => (
            "Chọn bên này (ours) hay bên kia (theirs)",
            "Take ours or theirs",
        ),
        _ => return None,
    };
    Some(pick(l, vi, en))
}
