//! Texts of the config file, `config`, `help TOPIC` and the prompts of `new`.

use std::path::Path;

use super::{Lang, pick};
use crate::config::{ConfigError, KEYS};
use crate::domain::escape::for_terminal_line;

/// Where a setting in force comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Env,
    File,
    Default,
}

pub fn source(lang: Lang, s: Source) -> &'static str {
    match s {
        Source::Env => pick(lang, "biến môi trường", "environment"),
        Source::File => pick(lang, "tệp cấu hình", "config file"),
        Source::Default => pick(lang, "mặc định", "default"),
    }
}

pub fn error(lang: Lang, e: &ConfigError) -> String {
    let path = |p: &Path| for_terminal_line(&p.display().to_string()).into_owned();
    match e {
        ConfigError::Read { path: p, source } => pick(
            lang,
            format!("không đọc được tệp cấu hình {}: {source}", path(p)),
            format!("cannot read the config file {}: {source}", path(p)),
        ),
        ConfigError::Syntax {
            path: p,
            line,
            column,
            message,
        } => pick(
            lang,
            format!(
                "tệp cấu hình {}, dòng {line}, cột {column}: {}. Sửa tệp (hoặc đổi tên nó) rồi chạy lại; `kiemtra config path` cho biết tệp ở đâu",
                path(p),
                for_terminal_line(message)
            ),
            format!(
                "config file {}, line {line}, column {column}: {}. Fix the file (or rename it) and run again; `kiemtra config path` says where it is",
                path(p),
                for_terminal_line(message)
            ),
        ),
        ConfigError::UnknownKey(k) => {
            let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
            pick(
                lang,
                format!(
                    "không có khóa cấu hình {}; các khóa: {}",
                    for_terminal_line(k),
                    keys.join(", ")
                ),
                format!(
                    "no config key {}; the keys are: {}",
                    for_terminal_line(k),
                    keys.join(", ")
                ),
            )
        }
        ConfigError::BadValue { key, value } => {
            let expected = match key.as_str() {
                "ui.lang" => pick(lang, "vi hoặc en", "vi or en"),
                _ => pick(lang, "true hoặc false", "true or false"),
            };
            pick(
                lang,
                format!(
                    "{key}: giá trị {} không hợp lệ; cần {expected}",
                    for_terminal_line(value)
                ),
                format!(
                    "{key}: {} is not a valid value; expected {expected}",
                    for_terminal_line(value)
                ),
            )
        }
        ConfigError::NoHome => pick(
            lang,
            "không tìm thấy thư mục nhà (HOME); đặt KIEMTRA_CONFIG=TỆP".to_string(),
            "no home folder (HOME); set KIEMTRA_CONFIG=FILE".to_string(),
        ),
        ConfigError::Save(e) => super::save_error(lang, e),
    }
}

pub fn set_done(lang: Lang, key: &str, path: &Path) -> String {
    let p = for_terminal_line(&path.display().to_string()).into_owned();
    pick(
        lang,
        format!("Đã ghi {key} vào {p}"),
        format!("Saved {key} in {p}"),
    )
}

pub fn file_line(lang: Lang, path: &Path, exists: bool) -> String {
    let p = for_terminal_line(&path.display().to_string()).into_owned();
    match (lang, exists) {
        (Lang::Vi, true) => format!("Tệp cấu hình: {p}"),
        (Lang::Vi, false) => format!("Tệp cấu hình: {p} (chưa có; dùng mặc định)"),
        (Lang::En, true) => format!("Config file: {p}"),
        (Lang::En, false) => format!("Config file: {p} (none yet; defaults apply)"),
    }
}

pub fn unset(lang: Lang) -> &'static str {
    pick(lang, "(chưa đặt)", "(not set)")
}

pub fn built_in(lang: Lang) -> &'static str {
    pick(lang, "bộ tích hợp sẵn", "the built-in one")
}

pub fn precedence(lang: Lang) -> &'static str {
    pick(
        lang,
        "Thứ tự ưu tiên: tham số dòng lệnh > biến môi trường > tệp cấu hình > mặc định.",
        "Precedence: command-line flags > environment > config file > defaults.",
    )
}

pub fn unknown_help_topic(lang: Lang, name: &str) -> String {
    let name = for_terminal_line(name);
    pick(
        lang,
        format!("không có lệnh {name}; xem danh sách lệnh bằng `kiemtra --help`"),
        format!("there is no command {name}; `kiemtra --help` lists them"),
    )
}

/// The prompt for a required field that `new` was not given, on a terminal.
pub fn ask_unit(lang: Lang) -> &'static str {
    pick(
        lang,
        "Đơn vị được kiểm tra (ví dụ: Công an phường Tân Định): ",
        "Inspected unit (e.g. Công an phường Tân Định): ",
    )
}

pub fn unit_missing(lang: Lang) -> &'static str {
    pick(
        lang,
        "thiếu --unit TÊN (đơn vị được kiểm tra); ví dụ: kiemtra new --unit \"Công an phường Tân Định\"",
        "missing --unit NAME (the inspected unit); e.g. kiemtra new --unit \"Công an phường Tân Định\"",
    )
}
