//! clap's own words in the user's language: headings, "Usage", the help and version flags,
//! error messages, and an examples block at the end of every command's help. Applied to the
//! whole command tree, so a new subcommand needs only its texts in `i18n/help.rs`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgAction};

use crate::domain::Lang;
use crate::i18n::{self, pick};

/// The version line: the package version and the commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KIEMTRA_COMMIT"), ")");

/// Give `cmd` and every subcommand under it localised headings, flags and examples.
/// `key` names the command in `i18n::help` ("kiemtra", "new", "catalog_show").
pub fn clap_words(mut cmd: clap::Command, lang: Lang, key: &str) -> clap::Command {
    let usage = pick(lang, "Cách dùng:", "Usage:");
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(pick(lang, "Lệnh", "Commands"))
        .subcommand_value_name(pick(lang, "LỆNH", "COMMAND"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(key == "kiemtra")
                .help(pick(lang, "In trợ giúp", "Print help")),
        );
    if key == "kiemtra" {
        cmd = cmd.version(VERSION).disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(pick(
                    lang,
                    "In phiên bản và mã commit",
                    "Print version and commit",
                )),
        );
    }
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let heading = if positional {
            pick(lang, "Đối số", "Arguments")
        } else {
            pick(lang, "Tùy chọn", "Options")
        };
        cmd = cmd.mut_arg(id, |a| a.help_heading(heading));
    }
    let examples = i18n::examples(key);
    if !examples.is_empty() {
        let mut text = format!("{}\n", pick(lang, "Ví dụ:", "Examples:"));
        for e in examples {
            text.push_str(&format!("  {e}\n"));
        }
        cmd = cmd.after_help(text.trim_end().to_string());
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let sub_key = sub_key(key, &s);
        cmd = cmd.mut_subcommand(&s, |sc| clap_words(sc, lang, &sub_key));
    }
    cmd
}

/// The `i18n::help` key of subcommand `name` under the command keyed `parent`.
pub fn sub_key(parent: &str, name: &str) -> String {
    if parent == "kiemtra" {
        name.to_string()
    } else {
        format!("{parent}_{name}")
    }
}

/// clap's fixed English phrases and their Vietnamese, longest first where one contains
/// another.
const PHRASES: [(&str, &str); 30] = [
    ("error: ", "lỗi: "),
    ("tip: ", "gợi ý: "),
    ("Usage: ", "Cách dùng: "),
    ("For more information, try '", "Xem thêm bằng '"),
    ("' found; no more were expected", "'; không cần thêm"),
    ("unexpected argument '", "đối số không mong đợi '"),
    ("unexpected value '", "giá trị thừa '"),
    ("invalid value '", "giá trị không hợp lệ '"),
    ("' for '", "' cho '"),
    ("' found", "'"),
    ("[possible values: ", "[giá trị được phép: "),
    ("[default: ", "[mặc định: "),
    ("[subcommands: ", "[lệnh con: "),
    (
        "the following required arguments were not provided:",
        "thiếu các đối số bắt buộc sau:",
    ),
    ("a value is required for '", "cần một giá trị cho '"),
    ("' but none was supplied", "' nhưng chưa có"),
    ("unrecognized subcommand '", "không có lệnh con '"),
    (
        "' requires a subcommand but one was not provided",
        "' cần một lệnh con",
    ),
    ("the argument '", "đối số '"),
    ("the subcommand '", "lệnh con '"),
    ("' cannot be used multiple times", "' chỉ được dùng một lần"),
    ("' cannot be used with", "' không dùng được cùng"),
    (
        " one or more of the other specified arguments",
        " một số đối số khác đã cho",
    ),
    (
        "equal sign is needed when assigning values to '",
        "cần dấu = khi gán giá trị cho '",
    ),
    (" a similar argument exists: ", " có đối số gần giống: "),
    (
        " some similar arguments exist: ",
        " có các đối số gần giống: ",
    ),
    (" a similar subcommand exists: ", " có lệnh con gần giống: "),
    (" a similar value exists: ", " có giá trị gần giống: "),
    ("' as a value, use '", "' làm giá trị, dùng '"),
    ("[OPTIONS]", "[TÙY_CHỌN]"),
];

/// Text rendered by clap (help, usage, errors) in `lang`.
pub fn translate(text: &str, lang: Lang) -> String {
    let mut out = text.to_string();
    if lang == Lang::Vi {
        for (en, vi) in PHRASES {
            out = out.replace(en, vi);
        }
        out = out.replace("to pass '", "để truyền '");
    }
    out
}

/// Print what clap stopped with (help, version or a usage error) in `lang`, and give the
/// exit code clap would: 0 for help and version, 2 for a usage error.
pub fn finish(e: clap::Error, lang: Lang) -> ExitCode {
    let text = translate(&e.render().to_string(), lang);
    if e.use_stderr() {
        // Usage errors quote the arguments given, which may come from anywhere (a script
        // fed a file name, a pasted id): shown escaped like any other text.
        let text = crate::domain::escape::for_terminal(&text);
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let _ = super::print(&text);
    }
    ExitCode::from(e.exit_code().clamp(0, 255) as u8)
}

/// `kiemtra help [COMMAND]...`: the help of that command, as `COMMAND --help` prints it.
pub fn help_of(lang: Lang, path: &[String]) -> super::Outcome {
    let mut cmd = super::command(lang);
    cmd.build();
    let mut at = &mut cmd;
    for name in path {
        let Some(sub) = at.find_subcommand_mut(name) else {
            let msg = i18n::config::unknown_help_topic(lang, name);
            let _ = writeln!(std::io::stderr(), "kiemtra: {msg}");
            return Ok(ExitCode::from(2));
        };
        at = sub;
    }
    let text = translate(&at.render_help().to_string(), lang);
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The man page (roff) of the whole command tree, section headings in `lang`.
pub fn man_page(lang: Lang) -> Result<String, super::Failure> {
    let cmd = super::command(lang);
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .map_err(super::Failure::from)?;
    // Each subcommand gets a section of its own: synopsis, description and options.
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let full = format!("kiemtra {}", sub.get_name());
        let sub = sub.clone().bin_name(&full).display_name(&full);
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)
            .and_then(|_| man.render_description_section(&mut part))
            .and_then(|_| man.render_options_section(&mut part))
            .and_then(|_| man.render_subcommands_section(&mut part))
            .map_err(super::Failure::from)?;
        let part = String::from_utf8_lossy(&part);
        let title = full.to_uppercase();
        let mut first = true;
        for line in part.lines() {
            if let Some(heading) = line.strip_prefix(".SH ") {
                if first {
                    out.extend_from_slice(format!(".SH \"{title}\"\n").as_bytes());
                    first = false;
                }
                if heading.trim_matches('"') != "SYNOPSIS" {
                    out.extend_from_slice(format!(".SS {heading}\n").as_bytes());
                }
            } else {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    Ok(man_headings(&text, lang))
}

fn man_headings(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let words = [
        ("NAME", "TÊN"),
        ("SYNOPSIS", "CÚ PHÁP"),
        ("DESCRIPTION", "MÔ TẢ"),
        ("OPTIONS", "TÙY CHỌN"),
        ("SUBCOMMANDS", "LỆNH CON"),
        ("EXTRA", "VÍ DỤ"),
        ("VERSION", "PHIÊN BẢN"),
        ("AUTHORS", "TÁC GIẢ"),
    ];
    text.lines()
        .map(|line| {
            for prefix in [".SH ", ".SS "] {
                if let Some(h) = line.strip_prefix(prefix) {
                    let bare = h.trim_matches('"');
                    if let Some((_, vi)) = words.iter().find(|(en, _)| *en == bare) {
                        return format!("{prefix}\"{vi}\"\n");
                    }
                }
            }
            let line = line
                .replace("Possible values:", "Giá trị được phép:")
                .replace("Default value:", "Giá trị mặc định:");
            format!("{line}\n")
        })
        .collect()
}
