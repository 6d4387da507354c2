//! `kiemtra export`: an inspection as Markdown, HTML minutes, CSV or the stored JSON, on
//! standard output or into a file. A file is written whole (temp, fsync, rename in its own
//! folder) and only ever replaces a regular file: never a link, folder, FIFO or device.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::Lang;
use crate::i18n::{self, lifecycle, report as words};
use crate::report::{self, Report};
use crate::store::fsx;

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub id: String,
    #[arg(long, value_parser = ["md", "html", "csv", "json"])]
    pub format: String,
    /// The file to write ("-" for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: ExportArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let (inspection, catalog) = ctx.open(&data, &a.id)?;
    let r = Report {
        inspection: &inspection,
        catalog: &catalog,
        lang,
        made_at: jiff::Timestamp::now(),
    };
    let output = a.output.filter(|p| p.as_os_str() != "-");
    // Refuse a bad target before rendering, so nothing is half done.
    if let Some(path) = &output {
        check_target(lang, path)?;
    }
    let bytes = report::render(&r, &a.format);
    match &output {
        None => {
            // Text from the file never reaches a terminal raw: JSON keeps its value with
            // risky characters as \u escapes; the other formats show them visibly.
            let text = String::from_utf8_lossy(&bytes);
            if a.format == "json" {
                super::print_bytes(super::json_for_terminal(&text).as_bytes())?;
            } else {
                print(&text)?;
            }
        }
        Some(path) => {
            fsx::write_atomic(path, &bytes).map_err(|e| Failure(i18n::save_error(lang, &e)))?;
            print(&format!("{}\n", lifecycle::exported(lang, path)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check_target(lang: Lang, path: &Path) -> Result<(), Failure> {
    match fsx::check_output_target(path) {
        Ok(None) => Ok(()),
        Ok(Some(target)) => Err(Failure(words::output_refused(lang, path, target))),
        Err(e) => Err(Failure(words::output_unreadable(lang, path, &e))),
    }
}
