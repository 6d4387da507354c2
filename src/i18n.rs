//! Every user-facing string of kiemtra, Vietnamese and English side by side.
//! Code elsewhere asks for a text here; it never spells one out itself.

use std::path::Path;

pub mod config;
mod errors;
mod help;
pub mod lifecycle;
pub mod lineui;
pub mod programme;
pub mod progress;
pub mod report;
pub mod scale;
pub mod sync;
pub mod trust;
pub mod ui;

pub use crate::domain::Lang;
use crate::domain::catalog::IndicatorKind;
use crate::domain::inspection::{InspectionKind, Status, Verdict};
use crate::domain::rule::{Detail, Outcome, OutcomeState, ValueError};
use crate::store::LoadError;
pub use errors::*;
pub use help::{examples, help};

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
        ValueError::PartOverWhole | ValueError::NotApplicableNotAllowed => {
            programme::value_error(lang, e).into()
        }
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
