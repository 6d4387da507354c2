//! Messages for what went wrong: refused edits, unreadable files, failed saves, locks,
//! broken catalogs.

use super::{Lang, indicator_kind, outcome, pick, status, value_error, verdict};
use crate::domain::catalog::{CatalogError, CatalogProblem, ProblemKind};
use crate::domain::inspection::EditError;
use crate::domain::rule::OutcomeState;
use crate::store::catalogs::CatalogFileError;
use crate::store::fsx::{ReadProblem, SaveError};
use crate::store::{Holder, LoadError, LoadReason, LockError, StoreError};

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
        EditError::RequiredBeforeVerdict {
            criterion,
            indicators,
        } => super::programme::required_before_verdict(lang, criterion, indicators),
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
        ReadProblem::Io(e) => {
            let e = super::trust::io_text(lang, e);
            pick(lang, format!("lỗi đọc: {e}"), format!("read error: {e}"))
        }
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
        LoadReason::Bom => super::trust::bom(lang).into(),
        LoadReason::DuplicateKey(path) => super::trust::duplicate_key(lang, path),
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
        LoadReason::Io(e) => {
            let e = super::trust::io_text(lang, e);
            pick(lang, format!("lỗi đọc: {e}"), format!("read error: {e}"))
        }
    }
}

pub fn save_error(lang: Lang, e: &SaveError) -> String {
    let path = e.path.display();
    if e.source.kind() == std::io::ErrorKind::NotFound {
        let dir = crate::store::fsx::parent_dir(&e.path).display().to_string();
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
    let detail = super::trust::io_text(lang, &e.source);
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
        Some(h) => {
            let held = h.held_secs().map(|s| s.max(0));
            let (held_vi, held_en) = held
                .map(|s| (format!(", đã giữ {s} giây"), format!(", held for {s} s")))
                .unwrap_or_default();
            pick(
                lang,
                format!(
                    "phiếu này đang được mở ở nơi khác ({}, người dùng {} trên máy {}, tiến trình {}, từ {}{held_vi}); hãy đóng nơi đó trước",
                    h.program, h.user, h.host, h.pid, h.since
                ),
                format!(
                    "this inspection is open elsewhere ({}, user {} on {}, process {}, since {}{held_en}); close it there first",
                    h.program, h.user, h.host, h.pid, h.since
                ),
            )
        }
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
        StoreError::CreateDir { path, source } | StoreError::Lock(LockError::Io { path, source })
            if no_write(source).is_some() =>
        {
            let (vi, en) = no_write(source).unwrap_or_default();
            pick(
                lang,
                format!("không ghi được vào thư mục dữ liệu: {vi} ({})", path.display()),
                format!("cannot write to the data folder: {en} ({})", path.display()),
            )
        }
        StoreError::CreateDir { path, source } => {
            let source = super::trust::io_text(lang, source);
            pick(
                lang,
                format!("không tạo được thư mục {}: {source}", path.display()),
                format!("cannot create folder {}: {source}", path.display()),
            )
        }
        StoreError::ReadDir { path, source } => {
            let source = super::trust::io_text(lang, source);
            pick(
                lang,
                format!("không đọc được thư mục {}: {source}", path.display()),
                format!("cannot read folder {}: {source}", path.display()),
            )
        }
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
        StoreError::Lock(LockError::Io { path, source }) => {
            let source = super::trust::io_text(lang, source);
            pick(
                lang,
                format!("không dùng được tệp khóa {}: {source}", path.display()),
                format!("cannot use lock file {}: {source}", path.display()),
            )
        }
        StoreError::TooLarge { size } => super::trust::would_be_too_large(lang, *size),
        StoreError::NewerSchema { found } => {
            super::trust::newer_schema_read_only(lang, *found, crate::domain::inspection::SCHEMA_VERSION)
        }
    }
}

/// Why a write is impossible, in words, for the two reasons a user can act on.
pub(super) fn no_write(e: &std::io::Error) -> Option<(&'static str, &'static str)> {
    match e.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem => {
            Some(("hệ thống tệp chỉ đọc", "read-only file system"))
        }
        std::io::ErrorKind::PermissionDenied => Some((
            "bạn không có quyền ghi",
            "you have no permission to write there",
        )),
        _ => None,
    }
}

/// A failed save in a few words, for a status line: the reason first, the file by name.
pub fn save_failed_short(lang: Lang, e: &SaveError) -> String {
    let name = e
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (vi, en) = if e.is_disk_full() {
        ("đĩa đầy", "disk full")
    } else if e.is_read_only() {
        ("hệ thống tệp chỉ đọc", "read-only file system")
    } else if e.is_permission() {
        ("không có quyền ghi", "permission denied")
    } else {
        ("lỗi ghi đĩa", "write error")
    };
    pick(
        lang,
        format!(
            "CHƯA LƯU: {vi}. Thay đổi vẫn ở trên màn hình, tệp cũ nguyên vẹn; tự thử lại, hoặc Ctrl-S ({name})"
        ),
        format!(
            "NOT SAVED: {en}. The change stays on screen, the old file is intact; retrying, or Ctrl-S ({name})"
        ),
    )
}

pub fn catalog_file_error(lang: Lang, e: &CatalogFileError) -> String {
    match e {
        CatalogFileError::Read { path, problem } => {
            format!("{}: {}", path.display(), read_problem(lang, problem))
        }
        CatalogFileError::Invalid { path, error } => {
            format!("{}: {}", path.display(), catalog_error(lang, error))
        }
        CatalogFileError::DuplicateKey { path, key } => {
            format!(
                "{}: {}",
                path.display(),
                super::trust::duplicate_key(lang, key)
            )
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
        ProblemKind::PartOverWholeNotRatio(i) => {
            super::programme::part_over_whole_not_ratio(lang, i)
        }
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
