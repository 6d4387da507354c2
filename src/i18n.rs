//! Every user-facing string of kiemtra, Vietnamese and English side by side.
//! Code elsewhere asks for a text here; it never spells one out itself.

use std::path::Path;

pub mod lifecycle;
pub mod report;
pub mod ui;

pub use crate::domain::Lang;
use crate::domain::catalog::{CatalogError, CatalogProblem, IndicatorKind, ProblemKind};
use crate::domain::inspection::{EditError, InspectionKind, Status, Verdict};
use crate::domain::rule::{Detail, Outcome, OutcomeState, ValueError};
use crate::store::catalogs::CatalogFileError;
use crate::store::fsx::{ReadProblem, SaveError};
use crate::store::{Holder, LoadError, LoadReason, LockError, StoreError};

/// Choose the Vietnamese or the English text.
pub fn pick<T>(lang: Lang, vi: T, en: T) -> T {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn verdict(lang: Lang, v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Met) => pick(lang, "Đạt", "Met"),
        Some(Verdict::BasicallyMet) => pick(lang, "Cơ bản đạt", "Basically met"),
        Some(Verdict::NotMet) => pick(lang, "Chưa đạt", "Not met"),
        None => pick(lang, "Chưa đánh giá", "Not assessed"),
    }
}

pub fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Draft => pick(lang, "Đang làm", "Draft"),
        Status::Final => pick(lang, "Đã hoàn tất", "Final"),
        Status::Sealed => pick(lang, "Đã niêm phong", "Sealed"),
    }
}

pub fn kind(lang: Lang, k: InspectionKind) -> &'static str {
    match k {
        InspectionKind::Inspection => pick(lang, "Kiểm tra", "Inspection"),
        InspectionKind::SelfAssessment => pick(lang, "Tự đánh giá", "Self-assessment"),
    }
}

pub fn indicator_kind(lang: Lang, k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Check => pick(lang, "có/không", "yes/no"),
        IndicatorKind::Count => pick(lang, "số đếm", "count"),
        IndicatorKind::Ratio => pick(lang, "tỷ lệ TỬ/MẪU", "ratio PART/WHOLE"),
        IndicatorKind::Choice => pick(lang, "lựa chọn", "choice"),
        IndicatorKind::Text => pick(lang, "văn bản", "text"),
    }
}

pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b {
        pick(lang, "có", "yes")
    } else {
        pick(lang, "không", "no")
    }
}

/// Labels used in listings and the `show` readout.
pub mod label {
    use super::{Lang, pick};
    pub fn unit(l: Lang) -> &'static str {
        pick(l, "Đơn vị", "Unit")
    }
    pub fn date(l: Lang) -> &'static str {
        pick(l, "Ngày", "Date")
    }
    pub fn status(l: Lang) -> &'static str {
        pick(l, "Trạng thái", "Status")
    }
    pub fn kind(l: Lang) -> &'static str {
        pick(l, "Loại", "Kind")
    }
    pub fn progress(l: Lang) -> &'static str {
        pick(l, "Tiến độ", "Progress")
    }
    pub fn leader(l: Lang) -> &'static str {
        pick(l, "Trưởng đoàn", "Team leader")
    }
    pub fn members(l: Lang) -> &'static str {
        pick(l, "Thành viên", "Members")
    }
    pub fn catalog(l: Lang) -> &'static str {
        pick(l, "Bộ tiêu chí", "Catalog")
    }
    pub fn suggested(l: Lang) -> &'static str {
        pick(l, "Gợi ý", "Suggested")
    }
    pub fn reason(l: Lang) -> &'static str {
        pick(l, "Lý do", "Reason")
    }
    pub fn evidence(l: Lang) -> &'static str {
        pick(l, "Minh chứng", "Evidence")
    }
    pub fn shortcomings(l: Lang) -> &'static str {
        pick(l, "Tồn tại, hạn chế", "Shortcomings")
    }
    pub fn recommendations(l: Lang) -> &'static str {
        pick(l, "Kiến nghị", "Recommendations")
    }
    pub fn owner(l: Lang) -> &'static str {
        pick(l, "người thực hiện", "owner")
    }
    pub fn due(l: Lang) -> &'static str {
        pick(l, "hạn", "due")
    }
    pub fn source(l: Lang) -> &'static str {
        pick(l, "Nguồn", "Source")
    }
    pub fn note(l: Lang) -> &'static str {
        pick(l, "Lưu ý", "Note")
    }
    pub fn guidance(l: Lang) -> &'static str {
        pick(l, "Hướng dẫn", "Guidance")
    }
    pub fn indicators(l: Lang) -> &'static str {
        pick(l, "Chỉ số", "Indicators")
    }
    pub fn criteria(l: Lang) -> &'static str {
        pick(l, "tiêu chí", "criteria")
    }
    pub fn built_in(l: Lang) -> &'static str {
        pick(l, "tích hợp sẵn", "built in")
    }
}

/// "2/22 đã đánh giá: 1 đạt, 0 cơ bản đạt, 1 chưa đạt"
pub fn progress_line(lang: Lang, p: &crate::domain::Progress) -> String {
    pick(
        lang,
        format!(
            "{}/{} đã đánh giá: {} đạt, {} cơ bản đạt, {} chưa đạt, {} chưa đánh giá",
            p.assessed,
            p.total,
            p.met,
            p.basically_met,
            p.not_met,
            p.not_assessed()
        ),
        format!(
            "{}/{} assessed: {} met, {} basically met, {} not met, {} not assessed",
            p.assessed,
            p.total,
            p.met,
            p.basically_met,
            p.not_met,
            p.not_assessed()
        ),
    )
}

pub fn created(lang: Lang, unit: &str, path: &Path) -> String {
    pick(
        lang,
        format!("Đã tạo phiếu kiểm tra cho {unit}: {}", path.display()),
        format!("Created an inspection of {unit}: {}", path.display()),
    )
}

pub fn saved(lang: Lang, path: &Path) -> String {
    pick(
        lang,
        format!("Đã lưu {}", path.display()),
        format!("Saved {}", path.display()),
    )
}

pub fn needs_terminal(lang: Lang) -> &'static str {
    pick(
        lang,
        "giao diện cần một terminal; ngoài terminal hãy dùng các lệnh con (kiemtra --help)",
        "the console needs a terminal; without one use the subcommands (kiemtra --help)",
    )
}

pub fn unchanged(lang: Lang) -> &'static str {
    pick(lang, "Không có gì thay đổi.", "Nothing changed.")
}

pub fn no_inspections(lang: Lang, dir: &Path) -> String {
    pick(
        lang,
        format!(
            "Chưa có phiếu kiểm tra nào trong {}. Tạo phiếu mới: kiemtra new --unit \"Công an phường ...\"",
            dir.display()
        ),
        format!(
            "No inspections yet in {}. Create one: kiemtra new --unit \"Công an phường ...\"",
            dir.display()
        ),
    )
}

pub fn skipped_file(lang: Lang, e: &LoadError) -> String {
    pick(
        lang,
        format!("bỏ qua {}", load_error(lang, e)),
        format!("skipped {}", load_error(lang, e)),
    )
}

pub fn file_ok(lang: Lang, path: &Path) -> String {
    pick(
        lang,
        format!("tốt   {}", path.display()),
        format!("ok    {}", path.display()),
    )
}

pub fn file_bad(lang: Lang, msg: &str) -> String {
    pick(lang, format!("LỖI  {msg}"), format!("BAD   {msg}"))
}

pub fn validate_summary(lang: Lang, good: usize, bad: usize) -> String {
    pick(
        lang,
        format!("{good} tệp tốt, {bad} tệp lỗi"),
        format!("{good} good file(s), {bad} bad file(s)"),
    )
}

pub fn nothing_to_validate(lang: Lang, path: &Path) -> String {
    pick(
        lang,
        format!(
            "Không có tệp .json nào để kiểm tra trong {}",
            path.display()
        ),
        format!("No .json files to check in {}", path.display()),
    )
}

pub fn catalog_valid(lang: Lang, id: &str, version: &str, n: usize) -> String {
    pick(
        lang,
        format!("Bộ tiêu chí {id} {version} hợp lệ: {n} tiêu chí"),
        format!("Catalog {id} {version} is valid: {n} criteria"),
    )
}

pub fn unknown_catalog(lang: Lang, id: &str, version: &str) -> String {
    pick(
        lang,
        format!(
            "không tìm thấy bộ tiêu chí {id} {version} mà phiếu này dùng; cài nó bằng: kiemtra new --catalog TỆP (hoặc chép tệp vào thư mục catalogs/ của dữ liệu)"
        ),
        format!(
            "the catalog {id} {version} this inspection was made with is not installed; install it with: kiemtra new --catalog FILE (or copy the file into the data folder's catalogs/)"
        ),
    )
}

pub fn unknown_criterion(lang: Lang, given: &str, first: u32, last: u32) -> String {
    pick(
        lang,
        format!(
            "không có tiêu chí \"{given}\" trong bộ tiêu chí; dùng số thứ tự ({first}..{last}) hoặc mã (xem: kiemtra catalog show)"
        ),
        format!(
            "no criterion \"{given}\" in the catalog; use its number ({first}..{last}) or its code (see: kiemtra catalog show)"
        ),
    )
}

pub fn bad_value_syntax(lang: Lang, given: &str) -> String {
    pick(
        lang,
        format!("--value \"{given}\": cần dạng CHỈ_SỐ=GIÁ_TRỊ, ví dụ safe_areas=16/25"),
        format!("--value \"{given}\": expected INDICATOR=VALUE, for example safe_areas=16/25"),
    )
}

pub fn bad_date(lang: Lang, given: &str) -> String {
    pick(
        lang,
        format!("ngày \"{given}\" không hợp lệ: cần dạng NĂM-THÁNG-NGÀY, ví dụ 2022-05-19"),
        format!("date \"{given}\" is not valid: expected YYYY-MM-DD, for example 2022-05-19"),
    )
}

pub fn empty_unit(lang: Lang) -> &'static str {
    pick(
        lang,
        "tên đơn vị không được để trống (--unit \"Công an phường ...\")",
        "the unit name must not be empty (--unit \"Công an phường ...\")",
    )
}

pub fn nothing_to_set(lang: Lang) -> &'static str {
    pick(
        lang,
        "không có gì để ghi: dùng --verdict, --value, --evidence, --shortcoming, --recommend hoặc --reason",
        "nothing to record: use --verdict, --value, --evidence, --shortcoming, --recommend or --reason",
    )
}

pub fn owner_without_recommend(lang: Lang) -> &'static str {
    pick(
        lang,
        "--owner và --due đi kèm --recommend",
        "--owner and --due go with --recommend",
    )
}

pub fn value_error(lang: Lang, e: &ValueError) -> String {
    match e {
        ValueError::NotYesNo => pick(
            lang,
            "cần có hoặc không (co/khong, yes/no)",
            "expected yes or no",
        )
        .into(),
        ValueError::NotCount => pick(
            lang,
            "cần một số nguyên từ 0 trở lên",
            "expected a whole number of 0 or more",
        )
        .into(),
        ValueError::NotRatio => pick(
            lang,
            "cần hai số nguyên dạng TỬ/MẪU, ví dụ 16/25",
            "expected two whole numbers as PART/WHOLE, for example 16/25",
        )
        .into(),
        ValueError::ZeroDenominator => pick(
            lang,
            "mẫu số phải lớn hơn 0",
            "the whole must be more than 0",
        )
        .into(),
        ValueError::UnknownOption(list) => pick(
            lang,
            format!("không phải một lựa chọn; chọn một trong: {list}"),
            format!("not an option; choose one of: {list}"),
        ),
        ValueError::WrongKind => pick(
            lang,
            "loại giá trị không hợp với chỉ số",
            "this kind of value does not fit the indicator",
        )
        .into(),
    }
}

/// One line per condition: "safe_areas: 16/25 = 64% < 70% → Chưa đạt".
pub fn outcome(lang: Lang, o: &Outcome) -> String {
    outcome_named(lang, o, &o.indicator)
}

/// The same, naming the indicator by `name` (its label on screen).
pub fn outcome_named(lang: Lang, o: &Outcome, name: &str) -> String {
    let facts = match &o.detail {
        Detail::Missing => pick(lang, "chưa nhập", "not entered").to_string(),
        Detail::Check { actual, expected } => pick(
            lang,
            format!(
                "{} (yêu cầu: {})",
                yes_no(lang, *actual),
                yes_no(lang, *expected)
            ),
            format!(
                "{} (required: {})",
                yes_no(lang, *actual),
                yes_no(lang, *expected)
            ),
        ),
        Detail::Count { formula } | Detail::Ratio { formula } => formula.clone(),
        Detail::Choice { actual, allowed } => pick(
            lang,
            format!("{actual} (cần: {})", allowed.join(", ")),
            format!("{actual} (needs: {})", allowed.join(", ")),
        ),
    };
    let result = match o.state {
        OutcomeState::Pass => "✓".to_string(),
        OutcomeState::Missing => "…".to_string(),
        OutcomeState::Fail => format!("→ {}", verdict(lang, Some(o.on_fail))),
    };
    format!("{name}: {facts} {result}")
}

pub fn edit_error(lang: Lang, e: &EditError) -> String {
    match e {
        EditError::UnknownCriterion(c) => pick(
            lang,
            format!("tiêu chí {c} không có trong bộ tiêu chí"),
            format!("criterion {c} is not in the catalog"),
        ),
        EditError::UnknownIndicator {
            criterion,
            indicator,
        } => pick(
            lang,
            format!("tiêu chí {criterion} không có chỉ số \"{indicator}\""),
            format!("criterion {criterion} has no indicator \"{indicator}\""),
        ),
        EditError::BadValue { indicator, error } => {
            format!("{indicator}: {}", value_error(lang, error))
        }
        EditError::OverrideNeedsReason { chosen, suggestion } => {
            let why: Vec<String> = suggestion
                .outcomes
                .iter()
                .filter(|o| o.state == OutcomeState::Fail)
                .map(|o| outcome(lang, o))
                .collect();
            pick(
                lang,
                format!(
                    "kết luận \"{}\" khác gợi ý \"{}\"{}; cần ghi lý do (--reason \"...\") hoặc chọn kết luận khác",
                    verdict(lang, Some(*chosen)),
                    verdict(lang, suggestion.verdict),
                    paren(&why)
                ),
                format!(
                    "verdict \"{}\" differs from the suggested \"{}\"{}; give a written reason (--reason \"...\") or choose another verdict",
                    verdict(lang, Some(*chosen)),
                    verdict(lang, suggestion.verdict),
                    paren(&why)
                ),
            )
        }
        EditError::NotEditable(s) => pick(
            lang,
            format!(
                "phiếu đang ở trạng thái \"{}\" nên không sửa được",
                status(lang, *s)
            ),
            format!(
                "the inspection is \"{}\" and cannot be changed",
                status(lang, *s)
            ),
        ),
    }
}

fn paren(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(" ({})", items.join("; "))
    }
}

fn read_problem(lang: Lang, p: &ReadProblem) -> String {
    match p {
        ReadProblem::NotFound => pick(lang, "không có tệp này", "no such file").into(),
        ReadProblem::Symlink => pick(
            lang,
            "là liên kết tượng trưng (symlink); kiemtra không đi theo liên kết, hãy chép tệp thật vào",
            "is a symbolic link; kiemtra does not follow links, copy the real file in instead",
        )
        .into(),
        ReadProblem::NotRegular(what) => not_regular(lang, what),
        ReadProblem::TooLarge(size) => too_large(lang, *size),
        ReadProblem::PermissionDenied => permission_denied(lang),
        ReadProblem::Io(e) => pick(lang, format!("lỗi đọc: {e}"), format!("read error: {e}")),
    }
}

fn not_regular(lang: Lang, what: &str) -> String {
    let vi = match what {
        "folder" => "thư mục",
        "named pipe" => "ống có tên (named pipe)",
        "socket" => "socket",
        _ => "thiết bị",
    };
    pick(
        lang,
        format!("không phải tệp thường mà là {vi}; đã bỏ qua, không đọc"),
        format!("is not a regular file but a {what}; skipped without reading"),
    )
}

fn too_large(lang: Lang, size: u64) -> String {
    let cap = crate::store::fsx::MAX_FILE_BYTES;
    pick(
        lang,
        format!(
            "tệp quá lớn ({size} byte, tối đa {cap}); đây không phải phiếu kiểm tra bình thường"
        ),
        format!("file too large ({size} bytes, at most {cap}); not a normal inspection file"),
    )
}

fn permission_denied(lang: Lang) -> String {
    pick(
        lang,
        "không có quyền đọc; kiểm tra chủ sở hữu và quyền của tệp (ls -l)",
        "permission denied; check the file's owner and mode (ls -l)",
    )
    .into()
}

/// "<path>: <reason>" for a file that could not be loaded.
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    format!("{}: {}", e.path.display(), load_reason(lang, &e.reason))
}

pub fn load_reason(lang: Lang, r: &LoadReason) -> String {
    match r {
        LoadReason::NotFound => read_problem(lang, &ReadProblem::NotFound),
        LoadReason::Symlink => read_problem(lang, &ReadProblem::Symlink),
        LoadReason::NotRegular(what) => not_regular(lang, what),
        LoadReason::TooLarge { size, .. } => too_large(lang, *size),
        LoadReason::PermissionDenied => permission_denied(lang),
        LoadReason::Empty => pick(
            lang,
            "tệp rỗng; có thể bị cắt khi ghi, hãy khôi phục từ bản sao lưu",
            "the file is empty; it may have been cut off while written, restore it from a backup",
        )
        .into(),
        LoadReason::InvalidUtf8 { offset } => pick(
            lang,
            format!(
                "không phải văn bản UTF-8 hợp lệ (byte {offset}); tệp bị hỏng hoặc không phải của kiemtra"
            ),
            format!(
                "not valid UTF-8 text (at byte {offset}); the file is damaged or not kiemtra's"
            ),
        ),
        LoadReason::Truncated { line } => pick(
            lang,
            format!(
                "tệp bị cắt cụt: JSON kết thúc giữa chừng ở dòng {line}; hãy khôi phục từ bản sao lưu"
            ),
            format!(
                "the file is truncated: the JSON ends early at line {line}; restore it from a backup"
            ),
        ),
        LoadReason::Syntax { line, column } => pick(
            lang,
            format!("JSON sai cú pháp ở dòng {line}, cột {column}"),
            format!("invalid JSON at line {line}, column {column}"),
        ),
        LoadReason::NotAnObject => pick(
            lang,
            "không phải phiếu kiểm tra: JSON không phải một đối tượng",
            "not an inspection: the JSON is not an object",
        )
        .into(),
        LoadReason::NoSchemaVersion => pick(
            lang,
            "thiếu schema_version: không phải tệp phiếu kiểm tra của kiemtra",
            "no schema_version: not a kiemtra inspection file",
        )
        .into(),
        LoadReason::BadSchema(v) => pick(
            lang,
            format!(
                "schema_version {v} không hợp lệ: không phiên bản kiemtra nào ghi số này; tệp không phải của kiemtra hoặc đã bị sửa tay"
            ),
            format!(
                "schema_version {v} is not valid: no kiemtra ever wrote it; the file is not kiemtra's or was edited by hand"
            ),
        ),
        LoadReason::NewerSchema { found, supported } => pick(
            lang,
            format!(
                "tệp được ghi bởi phiên bản kiemtra mới hơn (schema {found}, bản này đọc tới {supported}); hãy mở bằng kiemtra mới hơn — tệp được giữ nguyên"
            ),
            format!(
                "written by a newer kiemtra (schema {found}; this one reads up to {supported}); open it with a newer kiemtra — the file is left as it is"
            ),
        ),
        LoadReason::WrongTypes { detail, line } => pick(
            lang,
            format!("nội dung sai kiểu ở dòng {line}: {detail}"),
            format!("wrong type of content at line {line}: {detail}"),
        ),
        LoadReason::IdMismatch { in_file } => pick(
            lang,
            format!(
                "mã trong tệp ({in_file}) không khớp tên tệp; có thể là bản sao trùng mã của phiếu khác"
            ),
            format!(
                "the id inside ({in_file}) does not match the file name; it may be a duplicate copy of another inspection"
            ),
        ),
        LoadReason::Io(e) => pick(lang, format!("lỗi đọc: {e}"), format!("read error: {e}")),
    }
}

pub fn save_error(lang: Lang, e: &SaveError) -> String {
    let path = e.path.display();
    if e.source.kind() == std::io::ErrorKind::NotFound {
        let dir = e
            .path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        return pick(
            lang,
            format!(
                "CHƯA LƯU {path}: không có thư mục {dir}; tạo thư mục trước (mkdir -p {dir}) rồi thử lại"
            ),
            format!(
                "NOT SAVED {path}: there is no folder {dir}; create it first (mkdir -p {dir}) and try again"
            ),
        );
    }
    let (why_vi, why_en, fix_vi, fix_en) = if e.is_disk_full() {
        (
            "đĩa đầy",
            "disk full",
            "giải phóng chỗ trống",
            "free some space",
        )
    } else if e.is_read_only() {
        (
            "hệ thống tệp chỉ đọc",
            "read-only file system",
            "ghi vào nơi khác",
            "write somewhere else",
        )
    } else if e.is_permission() {
        (
            "không có quyền ghi",
            "permission denied",
            "sửa quyền của thư mục",
            "fix the folder's permissions",
        )
    } else {
        (
            "lỗi ghi đĩa",
            "write error",
            "kiểm tra đĩa",
            "check the disk",
        )
    };
    let detail = e.source.to_string();
    pick(
        lang,
        format!(
            "CHƯA LƯU {path}: {why_vi} ({detail}); tệp cũ (nếu có) vẫn nguyên vẹn; hãy {fix_vi} rồi thử lại"
        ),
        format!(
            "NOT SAVED {path}: {why_en} ({detail}); the previous file, if any, is intact; {fix_en} and try again"
        ),
    )
}

pub fn lock_held(lang: Lang, holder: Option<&Holder>) -> String {
    match holder {
        Some(h) => pick(
            lang,
            format!(
                "phiếu này đang được mở ở nơi khác ({}, người dùng {} trên máy {}, tiến trình {}, từ {}); hãy đóng nơi đó trước",
                h.program, h.user, h.host, h.pid, h.since
            ),
            format!(
                "this inspection is open elsewhere ({}, user {} on {}, process {}, since {}); close it there first",
                h.program, h.user, h.host, h.pid, h.since
            ),
        ),
        None => pick(
            lang,
            "phiếu này đang được mở ở nơi khác; hãy đóng nơi đó trước".to_string(),
            "this inspection is open elsewhere; close it there first".to_string(),
        ),
    }
}

pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::NoHome => pick(
            lang,
            "không xác định được thư mục dữ liệu (thiếu HOME); dùng --data-dir THƯ_MỤC hoặc đặt KIEMTRA_DATA_DIR",
            "cannot tell where to keep data (HOME is not set); use --data-dir DIR or set KIEMTRA_DATA_DIR",
        )
        .into(),
        StoreError::CreateDir { path, source } => pick(
            lang,
            format!("không tạo được thư mục {}: {source}", path.display()),
            format!("cannot create folder {}: {source}", path.display()),
        ),
        StoreError::ReadDir { path, source } => pick(
            lang,
            format!("không đọc được thư mục {}: {source}", path.display()),
            format!("cannot read folder {}: {source}", path.display()),
        ),
        StoreError::UnknownId(id) => pick(
            lang,
            format!("không có phiếu kiểm tra nào có mã \"{id}\"; xem danh sách: kiemtra list"),
            format!("no inspection with id \"{id}\"; see the list: kiemtra list"),
        ),
        StoreError::AmbiguousId { prefix, matches } => pick(
            lang,
            format!("mã \"{prefix}\" khớp nhiều phiếu ({}); gõ thêm ký tự", matches.join(", ")),
            format!("id \"{prefix}\" matches several inspections ({}); type more of it", matches.join(", ")),
        ),
        StoreError::Load(e) => load_error(lang, e),
        StoreError::Save(e) => save_error(lang, e),
        StoreError::Lock(LockError::Held { holder }) => lock_held(lang, holder.as_ref()),
        StoreError::Lock(LockError::Io { path, source }) => pick(
            lang,
            format!("không dùng được tệp khóa {}: {source}", path.display()),
            format!("cannot use lock file {}: {source}", path.display()),
        ),
    }
}

pub fn catalog_file_error(lang: Lang, e: &CatalogFileError) -> String {
    match e {
        CatalogFileError::Read { path, problem } => {
            format!("{}: {}", path.display(), read_problem(lang, problem))
        }
        CatalogFileError::Invalid { path, error } => {
            format!("{}: {}", path.display(), catalog_error(lang, error))
        }
        CatalogFileError::Conflict { path, id, version } => pick(
            lang,
            format!(
                "{}: đã cài một bộ tiêu chí khác cùng mã {id} phiên bản {version}; đổi \"version\" trong tệp mới",
                path.display()
            ),
            format!(
                "{}: a different catalog {id} version {version} is already installed; change \"version\" in the new file",
                path.display()
            ),
        ),
    }
}

pub fn catalog_error(lang: Lang, e: &CatalogError) -> String {
    match e {
        CatalogError::Json(j) => {
            use serde_json::error::Category;
            match j.classify() {
                Category::Eof => load_reason(lang, &LoadReason::Truncated { line: j.line() }),
                Category::Syntax | Category::Io => load_reason(
                    lang,
                    &LoadReason::Syntax {
                        line: j.line(),
                        column: j.column(),
                    },
                ),
                Category::Data => pick(
                    lang,
                    format!("sai cấu trúc bộ tiêu chí: {j}"),
                    format!("not a valid catalog structure: {j}"),
                ),
            }
        }
        CatalogError::Invalid(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("\n  - {}", catalog_problem(lang, p)))
                .collect();
            pick(
                lang,
                format!("bộ tiêu chí có {} lỗi:{}", problems.len(), lines.concat()),
                format!(
                    "the catalog has {} problem(s):{}",
                    problems.len(),
                    lines.concat()
                ),
            )
        }
    }
}

pub fn catalog_problem(lang: Lang, p: &CatalogProblem) -> String {
    let what = match &p.kind {
        ProblemKind::WrongFormat(f) => pick(
            lang,
            format!("\"format\" là \"{f}\", cần \"kiemtra-catalog\""),
            format!("\"format\" is \"{f}\", expected \"kiemtra-catalog\""),
        ),
        ProblemKind::NewerSchema(v) => pick(
            lang,
            format!("schema_version {v} mới hơn bản kiemtra này đọc được"),
            format!("schema_version {v} is newer than this kiemtra reads"),
        ),
        ProblemKind::EmptyField(f) => pick(
            lang,
            format!("trường \"{f}\" bị trống"),
            format!("field \"{f}\" is empty"),
        ),
        ProblemKind::NoCriteria => pick(lang, "không có tiêu chí nào", "has no criteria").into(),
        ProblemKind::DuplicateGroup(c) => pick(
            lang,
            format!("mã nhóm \"{c}\" bị trùng"),
            format!("group code \"{c}\" is used twice"),
        ),
        ProblemKind::DuplicateCode(c) => pick(
            lang,
            format!("mã tiêu chí \"{c}\" bị trùng"),
            format!("criterion code \"{c}\" is used twice"),
        ),
        ProblemKind::DuplicateNumber(n) => pick(
            lang,
            format!("số thứ tự tiêu chí {n} bị trùng"),
            format!("criterion number {n} is used twice"),
        ),
        ProblemKind::DuplicateIndicator(i) => pick(
            lang,
            format!("chỉ số \"{i}\" bị trùng"),
            format!("indicator \"{i}\" is defined twice"),
        ),
        ProblemKind::UnknownIndicator(i) => pick(
            lang,
            format!("quy tắc nhắc tới chỉ số \"{i}\" không có trong tiêu chí này"),
            format!("the rule refers to indicator \"{i}\", which this criterion does not have"),
        ),
        ProblemKind::TestCount(i, n) => pick(
            lang,
            format!("điều kiện trên \"{i}\" có {n} phép thử, cần đúng 1"),
            format!("the condition on \"{i}\" has {n} tests, needs exactly 1"),
        ),
        ProblemKind::TestKind {
            indicator,
            test,
            kind,
        } => pick(
            lang,
            format!(
                "phép thử \"{test}\" không dùng được cho chỉ số \"{indicator}\" loại {}",
                indicator_kind(lang, *kind)
            ),
            format!(
                "test \"{test}\" does not fit indicator \"{indicator}\" of kind {}",
                indicator_kind(lang, *kind)
            ),
        ),
        ProblemKind::NoOptions(i) => pick(
            lang,
            format!("chỉ số lựa chọn \"{i}\" không có lựa chọn nào"),
            format!("choice indicator \"{i}\" has no options"),
        ),
        ProblemKind::UnknownOption { indicator, option } => pick(
            lang,
            format!("one_of nhắc tới \"{option}\", không phải lựa chọn của \"{indicator}\""),
            format!("one_of names \"{option}\", which is not an option of \"{indicator}\""),
        ),
        ProblemKind::DuplicateOption { indicator, option } => pick(
            lang,
            format!("lựa chọn \"{option}\" của \"{indicator}\" bị trùng"),
            format!("option \"{option}\" of \"{indicator}\" is defined twice"),
        ),
        ProblemKind::BadPercent(i, p) => pick(
            lang,
            format!("ngưỡng phần trăm {p} của \"{i}\" phải từ 0 đến 100"),
            format!("percent threshold {p} of \"{i}\" must be between 0 and 100"),
        ),
        ProblemKind::MissingRatioLabels(i) => pick(
            lang,
            format!("chỉ số tỷ lệ \"{i}\" cần nhãn \"numerator\" và \"denominator\""),
            format!("ratio indicator \"{i}\" needs \"numerator\" and \"denominator\" labels"),
        ),
        ProblemKind::SelfComparison(i) => pick(
            lang,
            format!("chỉ số \"{i}\" được so với chính nó"),
            format!("indicator \"{i}\" is compared with itself"),
        ),
        ProblemKind::UnknownRequired(c) => pick(
            lang,
            format!("model_standard.required nhắc tới tiêu chí \"{c}\" không tồn tại"),
            format!("model_standard.required names criterion \"{c}\", which does not exist"),
        ),
        ProblemKind::BadElse(i) => pick(
            lang,
            format!("\"else\" của điều kiện trên \"{i}\" phải là not_met hoặc basically_met"),
            format!("\"else\" of the condition on \"{i}\" must be not_met or basically_met"),
        ),
    };
    match &p.criterion {
        Some(c) => pick(
            lang,
            format!("tiêu chí {c}: {what}"),
            format!("criterion {c}: {what}"),
        ),
        None => what,
    }
}

pub fn answer_problem(lang: Lang, p: &crate::domain::inspection::AnswerProblem) -> String {
    use crate::domain::inspection::AnswerProblem as P;
    match p {
        P::UnknownCriterion(c) => pick(
            lang,
            format!("có câu trả lời cho tiêu chí \"{c}\" không có trong bộ tiêu chí"),
            format!("has an answer for criterion \"{c}\", which the catalog does not have"),
        ),
        P::UnknownIndicator {
            criterion,
            indicator,
        } => pick(
            lang,
            format!("tiêu chí {criterion}: chỉ số \"{indicator}\" không có trong bộ tiêu chí"),
            format!("criterion {criterion}: indicator \"{indicator}\" is not in the catalog"),
        ),
        P::ValueDoesNotFit {
            criterion,
            indicator,
        } => pick(
            lang,
            format!("tiêu chí {criterion}: giá trị của \"{indicator}\" không hợp với loại chỉ số"),
            format!("criterion {criterion}: the value of \"{indicator}\" does not fit its kind"),
        ),
        P::OverrideWithoutReason(c) => pick(
            lang,
            format!("tiêu chí {c}: kết luận khác gợi ý nhưng không có lý do"),
            format!("criterion {c}: the verdict differs from the suggestion but has no reason"),
        ),
    }
}

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
        "new.ward" => ("Phường", "Ward"),
        "new.district" => ("Quận/huyện", "District"),
        "new.province" => ("Tỉnh/thành phố", "Province or city"),
        "new.date" => (
            "Ngày kiểm tra NĂM-THÁNG-NGÀY (mặc định: hôm nay)",
            "Inspection date YYYY-MM-DD (default: today)",
        ),
        "new.leader" => ("Trưởng đoàn", "Team leader"),
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
        | "export.id" => (
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
        "set.evidence" => ("Minh chứng đã xem", "Evidence seen"),
        "set.shortcoming" => (
            "Tồn tại, hạn chế (lặp lại được, mỗi lần một dòng)",
            "Shortcomings (repeatable, one line each)",
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
            "Niêm phong phiếu (SHA-256 trên nội dung chuẩn hóa)",
            "Seal an inspection (SHA-256 over its canonical content)",
        ),
        "seal.by" => ("Người niêm phong", "Who seals"),
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
            "Tổng hợp nhân rộng trên nhiều phường: đã kiểm tra, đạt chuẩn, theo quận, tiêu chí chưa đạt nhiều nhất",
            "Roll-out across many wards: inspected, meeting the standard, by district, most-failed criteria",
        ),
        "summary.dir" => (
            "Thư mục dữ liệu hoặc thư mục phiếu (mặc định: thư mục dữ liệu)",
            "A data folder or a folder of inspection files (default: the data folder)",
        ),
        "summary.roster" => (
            "Tệp CSV danh sách đơn vị (cột unit, district, province)",
            "CSV of the planned units (columns unit, district, province)",
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
        _ => return None,
    };
    Some(pick(lang, vi, en))
}
