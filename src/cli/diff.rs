//! `kiemtra diff A B`: two inspections compared criterion by criterion, as text, JSON,
//! Markdown or HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print, print_json};
use crate::domain::diff::compare;
use crate::i18n::lifecycle;
use crate::report::diff;

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
    let output = super::output::target(lang, a.output)?;
    let d = compare(&x, &xc, &y, &yc, lang);
    let text = match a.format.as_deref() {
        _ if a.json => {
            let mut t = serde_json::to_string_pretty(&d).map_err(|e| Failure(e.to_string()))?;
            t.push('\n');
            t
        }
        Some("md") => diff::markdown(lang, &d),
        Some("html") => diff::html(lang, &d),
        _ => diff::text(lang, &d),
    };
    match &output {
        None if a.json => print_json(&d)?,
        None => print(&text)?,
        Some(path) => {
            super::output::write(lang, path, |w| w.write_all(text.as_bytes()))?;
            print(&format!("{}\n", lifecycle::exported(lang, path)))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
