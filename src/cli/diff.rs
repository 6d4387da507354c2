//! `kiemtra diff A B`: two inspections compared criterion by criterion, as text, JSON,
//! Markdown or HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print, print_json};
use crate::domain::diff::compare;
use crate::i18n::{self, lifecycle};
use crate::report::diff;
use crate::store::fsx;

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[arg(value_name = "A")]
    pub a: String,
    #[arg(value_name = "B")]
    pub b: String,
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    #[arg(long, value_parser = ["md", "html"])]
    pub format: Option<String>,
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: DiffArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let (x, xc) = ctx.open(&data, &a.a)?;
    let (y, yc) = ctx.open(&data, &a.b)?;
    let d = compare(&x, &xc, &y, &yc, lang);
    if a.json {
        print_json(&d)?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match a.format.as_deref() {
        Some("md") => diff::markdown(lang, &d),
        Some("html") => diff::html(lang, &d),
        _ => diff::text(lang, &d),
    };
    match &a.output {
        None => print(&text)?,
        Some(path) => {
            fsx::write_atomic(path, text.as_bytes())
                .map_err(|e| Failure(i18n::save_error(lang, &e)))?;
            print(&format!("{}\n", lifecycle::exported(lang, path)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
