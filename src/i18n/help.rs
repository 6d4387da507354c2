//! Help texts of the command line, in both languages.

use super::{Lang, pick};

/// Help texts for the command line, keyed "command" or "command.argument".
pub fn help(lang: Lang, key: &str) -> Option<&'static str> {
    let (vi, en) = match key {
        "kiemtra" => (
            "Bảng điều khiển kiểm tra Công an phường điển hình, kiểu mẫu về ANTT và VMĐT. Không có lệnh con thì mở giao diện.",
            "Inspection console for model ward police units. Without a subcommand it opens the console.",
        ),
        "kiemtra.data_dir" => (
            "Thư mục dữ liệu (mặc định: KIEMTRA_DATA_DIR, rồi ~/.local/share/kiemtra)",
            "Data folder (default: KIEMTRA_DATA_DIR, then ~/.local/share/kiemtra)",
        ),
        "kiemtra.lang" => ("Ngôn ngữ: vi hoặc en", "Language: vi or en"),
        "kiemtra.ascii" => (
            "Chỉ dùng ký tự ASCII cho khung, thanh tiến độ và dấu",
            "Draw borders, gauges and marks with ASCII only",
        ),
        "kiemtra.no_color" => (
            "Không dùng màu (cũng bật khi có biến NO_COLOR)",
            "Use no colour (also when NO_COLOR is set)",
        ),
        "new" => (
            "Tạo phiếu kiểm tra mới; in mã phiếu ở dòng đầu",
            "Create an inspection; prints its id on the first line",
        ),
        "new.unit" => (
            "Đơn vị được kiểm tra, ví dụ \"Công an phường Tân Chánh Hiệp\"",
            "The inspected unit, e.g. \"Công an phường Tân Chánh Hiệp\"",
        ),
        "new.ward" => ("Phường, xã hoặc đặc khu", "Ward, commune or special zone"),
        "new.district" => (
            "Quận/huyện (phiếu trước 7/2025; nay dùng --former-district)",
            "District (before July 2025; now use --former-district)",
        ),
        "new.province" => ("Tỉnh/thành phố", "Province or city"),
        "new.date" => (
            "Ngày kiểm tra NĂM-THÁNG-NGÀY (mặc định: hôm nay)",
            "Inspection date YYYY-MM-DD (default: today)",
        ),
        "new.leader" => ("Trưởng đoàn", "Team leader"),
        "new.body" => (
            "Cơ quan ban hành in ở góc trái biên bản (ví dụ \"CÔNG AN QUẬN 12\")",
            "Issuing body printed top left on the minutes (e.g. \"CÔNG AN QUẬN 12\")",
        ),
        "new.representative" => (
            "Người đại diện đơn vị ký biên bản",
            "The unit's representative who signs the minutes",
        ),
        "new.member" => ("Thành viên đoàn (lặp lại được)", "Team member (repeatable)"),
        "new.self_assessment" => (
            "Đây là phiếu tự đánh giá của đơn vị",
            "This is the unit's own self-assessment",
        ),
        "new.catalog" => (
            "Tệp bộ tiêu chí khác bộ mặc định (sẽ được cài vào thư mục dữ liệu)",
            "A catalog file instead of the default (installed into the data folder)",
        ),
        "new.by" | "set.by" | "conclude.by" | "finalize.by" | "reopen.by" => (
            "Người ghi (mặc định: tên đăng nhập)",
            "Who records this (default: login name)",
        ),
        "list" => ("Liệt kê các phiếu kiểm tra", "List the inspections"),
        "list.json" | "show.json" | "catalog_show.json" => ("In ra JSON", "Print JSON"),
        "show" => ("Xem một phiếu kiểm tra", "Show one inspection"),
        "show.id" | "set.id" | "conclude.id" | "finalize.id" | "reopen.id" | "seal.id"
        | "log.id" | "export.id" => (
            "Mã phiếu, đầy đủ hoặc vài ký tự đầu",
            "Inspection id, whole or a unique prefix",
        ),
        "set" => (
            "Ghi kết quả một tiêu chí (bản dòng lệnh của biểu mẫu)",
            "Record the answer for one criterion (the form, headless)",
        ),
        "set.criterion" => ("Số thứ tự hoặc mã tiêu chí", "Criterion number or code"),
        "set.verdict" => (
            "Kết luận: met (Đạt), basically-met (Cơ bản đạt), not-met (Chưa đạt), clear (xóa)",
            "Verdict: met, basically-met, not-met, or clear",
        ),
        "set.value" => (
            "Giá trị chỉ số CHỈ_SỐ=GIÁ_TRỊ (yes/no, số, TỬ/MẪU, mã lựa chọn, văn bản); lặp lại được",
            "Indicator value INDICATOR=VALUE (yes/no, number, PART/WHOLE, option id, text); repeatable",
        ),
        "set.evidence" => (
            "Minh chứng đã xem (được bắt đầu bằng \"-\", ví dụ --evidence \"- Sổ tiếp dân\")",
            "Evidence seen (may start with \"-\", e.g. --evidence \"- Visitor register\")",
        ),
        "set.shortcoming" => (
            "Tồn tại, hạn chế (lặp lại được, mỗi lần một dòng; được bắt đầu bằng \"-\", ví dụ --shortcoming \"- Thiếu sổ\")",
            "Shortcomings (repeatable, one line each; may start with \"-\", e.g. --shortcoming \"- No register\")",
        ),
        "set.reason" => (
            "Lý do khi kết luận khác gợi ý",
            "Reason when the verdict differs from the suggestion",
        ),
        "set.recommend" => ("Thêm một kiến nghị", "Add a recommendation"),
        "set.owner" => (
            "Người/bộ phận thực hiện kiến nghị",
            "Who carries out the recommendation",
        ),
        "set.due" => ("Hạn thực hiện NĂM-THÁNG-NGÀY", "Due date YYYY-MM-DD"),
        "validate" => (
            "Kiểm tra tệp hoặc thư mục phiếu; nêu tên từng tệp lỗi và lý do",
            "Check inspection files or folders; names each bad file and why",
        ),
        "validate.paths" => (
            "Tệp hoặc thư mục (mặc định: các phiếu trong thư mục dữ liệu)",
            "Files or folders (default: the inspections in the data folder)",
        ),
        "catalog" => (
            "Bộ tiêu chí: liệt kê, xem, kiểm tra",
            "Catalogs: list, show, check",
        ),
        "catalog_list" => (
            "Liệt kê các bộ tiêu chí có sẵn",
            "List the available catalogs",
        ),
        "catalog_show" => (
            "Xem một bộ tiêu chí (mặc định: bộ tích hợp sẵn)",
            "Show a catalog (default: the built-in one)",
        ),
        "catalog_show.file" | "catalog_validate.file" => (
            "Tệp bộ tiêu chí (mặc định: bộ tích hợp sẵn)",
            "Catalog file (default: the built-in one)",
        ),
        "catalog_validate" => ("Kiểm tra một tệp bộ tiêu chí", "Check a catalog file"),
        "conclude" => ("Ghi kết luận của đoàn", "Record the team's conclusion"),
        "conclude.text" => ("Nội dung kết luận", "The conclusion, in words"),
        "conclude.proposal" => (
            "Đề xuất: recognition (công nhận), replication (nhân rộng), not-yet (chưa)",
            "Proposal: recognition, replication, or not-yet",
        ),
        "finalize" => (
            "Hoàn tất phiếu (cần đánh giá đủ mọi tiêu chí, hoặc --confirm-incomplete)",
            "Finalise (every criterion assessed, or --confirm-incomplete)",
        ),
        "finalize.confirm_incomplete" | "seal.confirm_incomplete" => (
            "Xác nhận hoàn tất dù còn tiêu chí chưa đánh giá (ghi vào lịch sử)",
            "Confirm finalising with criteria not assessed (recorded in the history)",
        ),
        "reopen" => (
            "Mở lại phiếu đã hoàn tất hoặc đã niêm phong, kèm lý do",
            "Reopen a final or sealed inspection, with a reason",
        ),
        "reopen.reason" => ("Lý do mở lại", "Why it is reopened"),
        "seal" => (
            "Niêm phong phiếu (SHA-256 trên dạng chuẩn RFC 8785 của cả tệp), có thể ký bằng khóa SSH",
            "Seal an inspection (SHA-256 over the RFC 8785 form of the whole file), optionally signed with an SSH key",
        ),
        "seal.by" => ("Người niêm phong", "Who seals"),
        "seal.sign_with" => (
            "Ký niêm phong bằng khóa riêng OpenSSH ed25519 (hỏi mật khẩu nếu khóa có)",
            "Sign the seal with an OpenSSH ed25519 private key (asks its passphrase if it has one)",
        ),
        "seal.principal" => (
            "Tên người ký như trong allowed_signers (mặc định: ghi chú của khóa)",
            "The signer's name as in allowed_signers (default: the key's comment)",
        ),
        "seal.passphrase_file" => (
            "Đọc mật khẩu của khóa từ tệp này (cho kịch bản); hoặc KIEMTRA_KEY_PASSPHRASE",
            "Read the key's passphrase from this file (for scripts); or KIEMTRA_KEY_PASSPHRASE",
        ),
        "verify.allowed_signers" => (
            "Tệp allowed_signers của OpenSSH để kiểm tra chữ ký (hoặc KIEMTRA_ALLOWED_SIGNERS)",
            "An OpenSSH allowed_signers file to check the signature (or KIEMTRA_ALLOWED_SIGNERS)",
        ),
        "log" => (
            "Lịch sử thay đổi của một phiếu: ai, lúc nào, trường nào, cũ → mới",
            "The audit trail of an inspection: who, when, which field, old → new",
        ),
        "log.json" => ("In ra JSON", "Print JSON"),
        "set.wait" => (
            "Chờ tối đa chừng này giây nếu phiếu đang bị lệnh khác giữ (mặc định 2)",
            "Wait up to this many seconds while another command holds the inspection (default 2)",
        ),
        "verify" => (
            "Kiểm tra niêm phong: mã 0 nếu nguyên vẹn, 1 kèm chỗ bị thay đổi",
            "Check a seal: exit 0 when intact, 1 with what changed",
        ),
        "verify.target" => ("Mã phiếu hoặc đường dẫn tệp", "Inspection id or file path"),
        "export" => (
            "Xuất phiếu: md, html (biên bản in A4), csv, json",
            "Export an inspection: md, html (printable A4 minutes), csv, json",
        ),
        "export.format" => (
            "Định dạng: md, html, csv, json",
            "Format: md, html, csv, json",
        ),
        "export.output" => (
            "Ghi vào tệp này (mặc định: đầu ra chuẩn)",
            "Write to this file (default: standard output)",
        ),
        "summary" => (
            "Tổng hợp nhân rộng trên nhiều phường: đã kiểm tra, đạt chuẩn, đang kiểm tra, tự đánh giá, theo tỉnh và đơn vị, tiêu chí chưa đạt nhiều nhất",
            "Roll-out across many wards: inspected, meeting the standard, in progress, self-assessed, by province and unit, most-failed criteria",
        ),
        "summary.dir" => (
            "Thư mục dữ liệu hoặc thư mục phiếu (mặc định: thư mục dữ liệu)",
            "A data folder or a folder of inspection files (default: the data folder)",
        ),
        "summary.roster" => (
            "Tệp CSV danh sách đơn vị (cột unit, và tùy chọn unit_code, province, district)",
            "CSV of the planned units (column unit, and optionally unit_code, province, district)",
        ),
        "summary.target" => (
            "Số đơn vị cần đạt chuẩn (mặc định: số đơn vị trong danh sách)",
            "How many units are to meet the standard (default: the roster's size)",
        ),
        "summary.top" => (
            "Số tiêu chí chưa đạt nhiều nhất cần liệt kê",
            "How many most-failed criteria to list",
        ),
        "summary.csv" => ("In CSV theo quận/huyện", "Print CSV by district"),
        "summary.json" => ("In ra JSON", "Print JSON"),
        "demo" => (
            "Tạo bộ DỮ LIỆU MẪU để xem thử bảng tổng hợp",
            "Write a DEMO data set to try the dashboard",
        ),
        "demo.wards" => ("Số phường", "How many wards"),
        "quarantine" => (
            "Chuyển các tệp lỗi trong inspections/ vào quarantine/ kèm lý do (không xóa gì)",
            "Move unreadable files of inspections/ into quarantine/ with the reason (deletes nothing)",
        ),
        "quarantine.dry_run" => ("Chỉ liệt kê, không chuyển", "Only list, move nothing"),
        "demo.seed" => (
            "Hạt giống ngẫu nhiên (cùng số, cùng dữ liệu)",
            "Random seed (the same seed gives the same data)",
        ),
        _ => return super::programme::help(lang, key).or_else(|| super::sync::help(lang, key)),
    };
    Some(pick(lang, vi, en))
}
