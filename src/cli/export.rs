//! `kiemtra export`: an inspection as Markdown, HTML minutes, CSV or the stored JSON, on
//! standard output or into a file. A file is written whole (temp, fsync, rename in its own
//! folder) and only ever replaces a regular file: never a link, folder, FIFO or device.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Outcome, print};
use crate::i18n::lifecycle;
use crate::report::{self, Report};

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
    // A bad target is refused before rendering, so nothing is half done.
    let output = super::output::target(lang, a.output)?;
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
            super::output::write(lang, path, |w| w.write_all(&bytes))?;
            print(&format!("{}\n", lifecycle::exported(lang, path)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
