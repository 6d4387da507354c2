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
            "Thư mục dữ liệu (mặc định: KIEMTRA_DATA_DIR, rồi data.dir trong tệp cấu hình, rồi ~/.local/share/kiemtra)",
            "Data folder (default: KIEMTRA_DATA_DIR, then data.dir of the config file, then ~/.local/share/kiemtra)",
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
            "Người ghi (mặc định: KIEMTRA_INSPECTOR, rồi inspector.name trong tệp cấu hình, rồi tên đăng nhập)",
            "Who records this (default: KIEMTRA_INSPECTOR, then inspector.name of the config file, then the login name)",
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
        "seal.by" => (
            "Người niêm phong (mặc định: KIEMTRA_INSPECTOR, rồi inspector.name trong tệp cấu hình, rồi tên đăng nhập)",
            "Who seals (default: KIEMTRA_INSPECTOR, then inspector.name of the config file, then the login name)",
        ),
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
            "Tệp allowed_signers của OpenSSH để kiểm tra chữ ký (mặc định: KIEMTRA_ALLOWED_SIGNERS, rồi trust.allowed_signers trong tệp cấu hình)",
            "An OpenSSH allowed_signers file to check the signature (default: KIEMTRA_ALLOWED_SIGNERS, then trust.allowed_signers of the config file)",
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
        "summary.csv" => ("In CSV theo tỉnh/thành phố", "Print CSV by province"),
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
        "walk" => (
            "Đi qua từng tiêu chí của một phiếu ở chế độ dòng (đọc được bằng trình đọc màn hình, điều khiển được qua ống dẫn)",
            "Walk an inspection criterion by criterion in line mode (screen-reader friendly, drivable by a pipe)",
        ),
        "walk.id" => (
            "Mã phiếu, đầy đủ hoặc vài ký tự đầu",
            "Inspection id, whole or a unique prefix",
        ),
        "walk.plain" => (
            "Chế độ dòng: không vẽ màn hình, không màu (tự bật khi TERM=dumb hoặc không có terminal)",
            "Line mode: no screen drawing, no colour (automatic when TERM=dumb or without a terminal)",
        ),
        "walk.by" => (
            "Người ghi (mặc định: KIEMTRA_INSPECTOR, rồi inspector.name trong tệp cấu hình, rồi tên đăng nhập)",
            "Who records this (default: KIEMTRA_INSPECTOR, then inspector.name of the config file, then the login name)",
        ),
        "completions" => (
            "In đoạn mã gợi ý lệnh cho shell (bash, zsh, fish, powershell)",
            "Print shell completions (bash, zsh, fish, powershell)",
        ),
        "completions.shell" => (
            "Shell: bash, zsh, fish hoặc powershell",
            "Shell: bash, zsh, fish or powershell",
        ),
        "man" => (
            "In trang man (roff) ra đầu ra chuẩn",
            "Print the man page (roff) on standard output",
        ),
        "config" => (
            "Tệp cấu hình: xem, đặt một khóa, đường dẫn",
            "The config file: show, set a key, its path",
        ),
        "config_show" => (
            "Xem các thiết lập đang dùng và chúng lấy từ đâu",
            "Show the settings in force and where each comes from",
        ),
        "config_set" => (
            "Đặt một khóa trong tệp cấu hình (giá trị rỗng thì xóa khóa)",
            "Set a key in the config file (an empty value removes it)",
        ),
        "config_set.key" => (
            "Khóa: inspector.name, inspector.team, ui.lang, ui.ascii, ui.no_color, data.dir, data.catalog, trust.allowed_signers, sync.remote",
            "Key: inspector.name, inspector.team, ui.lang, ui.ascii, ui.no_color, data.dir, data.catalog, trust.allowed_signers, sync.remote",
        ),
        "config_set.value" => ("Giá trị", "Value"),
        "config_path" => (
            "In đường dẫn tệp cấu hình (KIEMTRA_CONFIG nếu có)",
            "Print the config file's path (KIEMTRA_CONFIG when set)",
        ),
        "schema" => (
            "In JSON Schema của tệp phiếu hoặc tệp bộ tiêu chí",
            "Print the JSON Schema of the inspection or the catalog file",
        ),
        "schema.kind" => ("inspection hoặc catalog", "inspection or catalog"),
        "help" => (
            "In trợ giúp của kiemtra hoặc của một lệnh",
            "Print the help of kiemtra or of a command",
        ),
        "help.command" => ("Tên lệnh, ví dụ: new", "Command name, e.g. new"),
        _ => return super::programme::help(lang, key).or_else(|| super::sync::help(lang, key)),
    };
    Some(pick(lang, vi, en))
}

/// One or two example command lines for the end of a command's help, keyed as in
/// [`help`]. The same in both languages: they are commands, not prose.
pub fn examples(key: &str) -> &'static [&'static str] {
    match key {
        "kiemtra" => &["kiemtra", "kiemtra --lang en --ascii --no-color"],
        "new" => &[
            "kiemtra new --unit \"Công an phường Tân Định\" --province \"TP Hồ Chí Minh\" --leader \"Nguyễn Văn A\"",
            "kiemtra new --unit \"Công an phường Bến Thành\" --self-assessment --catalog local.json",
        ],
        "list" => &["kiemtra list", "kiemtra list --json | jq '.[].unit'"],
        "show" => &["kiemtra show 0190a1", "kiemtra show 0190a1 --json"],
        "set" => &[
            "kiemtra set 0190a1 17 --value movement_rating=good --value safe_areas=16/25",
            "kiemtra set 0190a1 III.1 --verdict basically-met --reason \"Khu dân cư mới\"",
        ],
        "validate" => &[
            "kiemtra validate",
            "kiemtra validate ~/Downloads/phieu.json",
        ],
        "catalog" => &[
            "kiemtra catalog list",
            "kiemtra catalog validate local.json",
        ],
        "catalog_list" => &["kiemtra catalog list"],
        "catalog_show" => &[
            "kiemtra catalog show",
            "kiemtra catalog show local.json --json",
        ],
        "catalog_validate" => &["kiemtra catalog validate local.json"],
        "conclude" => &[
            "kiemtra conclude 0190a1 --text \"Cơ bản hoàn thành 22/22 tiêu chí\" --proposal replication",
        ],
        "finalize" => &[
            "kiemtra finalize 0190a1",
            "kiemtra finalize 0190a1 --confirm-incomplete",
        ],
        "reopen" => &["kiemtra reopen 0190a1 --reason \"Bổ sung minh chứng\""],
        "seal" => &[
            "kiemtra seal 0190a1 --by \"Nguyễn Văn A\"",
            "kiemtra seal 0190a1 --by \"Nguyễn Văn A\" --sign-with ~/.ssh/id_ed25519",
        ],
        "verify" => &[
            "kiemtra verify 0190a1",
            "kiemtra verify phieu.json --allowed-signers allowed_signers",
        ],
        "log" => &["kiemtra log 0190a1", "kiemtra log 0190a1 --json"],
        "actions" => &[
            "kiemtra actions --overdue",
            "kiemtra actions --province \"TP Hồ Chí Minh\" --json",
        ],
        "actions_set" => &["kiemtra actions set a1b2c3d4e5 --status done --note \"Đã bổ sung sổ\""],
        "diff" => &[
            "kiemtra diff 0190a1 0191b2",
            "kiemtra diff 0190a1 0191b2 --format html -o so-sanh.html",
        ],
        "dataset" => &[
            "kiemtra dataset -o dulieu.csv",
            "kiemtra dataset --format ndjson > dulieu.ndjson",
        ],
        "sync" => &["kiemtra sync", "kiemtra sync --remote origin"],
        "sync_init" => &[
            "kiemtra sync init --remote ssh://kiemtra@hub/srv/kiemtra/hcm.git --name \"Đoàn 1\"",
            "kiemtra sync init --remote /mnt/share/hcm.git",
        ],
        "sync_status" => &["kiemtra sync status", "kiemtra sync status --json"],
        "sync_export" => {
            &["kiemtra sync export /media/usb/doan1.bundle --since-last --encrypt-to age1..."]
        }
        "sync_import" => {
            &["kiemtra sync import /media/usb/doan1.bundle --identity ~/.config/kiemtra/age.key"]
        }
        "merge-driver" => &["git config merge.kiemtra.driver \"kiemtra merge-driver %O %A %B %P\""],
        "merge-files" => &["kiemtra merge-files inspections/0190a1.json ~/Downloads/0190a1.json"],
        "resolve" => &[
            "kiemtra resolve 0190a1 III.1 --take theirs",
            "kiemtra resolve 0190a1 III.1 --take ours",
        ],
        "export" => &[
            "kiemtra export 0190a1 --format html -o bien-ban.html",
            "kiemtra export 0190a1 --format csv > phieu.csv",
        ],
        "summary" => &[
            "kiemtra summary --target 249",
            "kiemtra summary /srv/phieu --roster units.csv --json",
        ],
        "demo" => &["kiemtra demo --wards 249 --data-dir /tmp/demo"],
        "quarantine" => &["kiemtra quarantine --dry-run", "kiemtra quarantine"],
        "walk" => &[
            "kiemtra walk 0190a1 --plain",
            "yes 1 | head -22 | kiemtra walk 0190a1 --plain",
        ],
        "completions" => &[
            "kiemtra completions bash > ~/.local/share/bash-completion/completions/kiemtra",
            "kiemtra completions zsh > ~/.zfunc/_kiemtra",
        ],
        "man" => &[
            "kiemtra man | man -l -",
            "kiemtra man --lang en > kiemtra.1",
        ],
        "config" => &[
            "kiemtra config show",
            "kiemtra config set inspector.name \"Nguyễn Văn A\"",
        ],
        "config_show" => &["kiemtra config show"],
        "config_set" => &[
            "kiemtra config set inspector.name \"Nguyễn Văn A\"",
            "kiemtra config set ui.lang en",
        ],
        "config_path" => &["kiemtra config path"],
        "schema" => &[
            "kiemtra schema inspection > inspection.schema.json",
            "kiemtra schema catalog",
        ],
        "help" => &["kiemtra help new", "kiemtra help catalog show"],
        _ => &[],
    }
}
