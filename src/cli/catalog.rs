//! `kiemtra catalog list|show|validate`: the catalogs this installation knows.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{Ctx, Failure, Outcome, print, print_json};
use crate::domain::{Catalog, Lang};
use crate::i18n::{self, label};
use crate::store::catalogs::load_catalog_file;
use crate::store::{CatalogOrigin, Catalogs, default_catalog};

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    List,
    Show(ShowArgs),
    Validate(FileArg),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FileArg {
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, cmd: CatalogCommand) -> Outcome {
    let lang = ctx.lang;
    match cmd {
        CatalogCommand::List => {
            let data = ctx.data()?;
            let catalogs = Catalogs::load(&data).map_err(|e| ctx.store(e))?;
            let mut out = String::new();
            for (c, origin) in &catalogs.entries {
                let from = match origin {
                    CatalogOrigin::BuiltIn => label::built_in(lang).to_string(),
                    CatalogOrigin::File(p) => p.display().to_string(),
                };
                let _ = writeln!(
                    out,
                    "{} {}  {} {}  {}  ({from})",
                    c.id,
                    c.version,
                    c.criterion_count(),
                    label::criteria(lang),
                    c.title.get(lang)
                );
            }
            for e in &catalogs.broken {
                super::warn(&i18n::catalog_file_error(lang, e));
            }
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Show(a) => {
            let catalog = load(lang, a.file)?;
            if a.json {
                print_json(&catalog)?;
            } else {
                print(&render(lang, &catalog))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Validate(a) => {
            let raw = a
                .file
                .as_deref()
                .and_then(|f| crate::store::fsx::read_regular(f).ok())
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
            let path = a.file.clone();
            let catalog = load(lang, a.file)?;
            let unknown = raw
                .as_ref()
                .map(crate::domain::catalog::unknown_indicator_keys)
                .unwrap_or_default();
            if let (false, Some(path)) = (unknown.is_empty(), path) {
                return Err(Failure(i18n::programme::unknown_indicator_keys(
                    lang, &path, &unknown,
                )));
            }
            print(&format!(
                "{}\n",
                i18n::catalog_valid(
                    lang,
                    &catalog.id,
                    &catalog.version,
                    catalog.criterion_count()
                )
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load(lang: Lang, file: Option<PathBuf>) -> Result<Catalog, Failure> {
    match file {
        None => Ok(default_catalog()),
        Some(f) => load_catalog_file(&f).map_err(|e| Failure(i18n::catalog_file_error(lang, &e))),
    }
}

fn render(lang: Lang, c: &Catalog) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({} {})", c.title.get(lang), c.id, c.version);
    let _ = writeln!(s, "{}: {}", label::source(lang), c.source.get(lang));
    let _ = writeln!(s, "{}: {}", label::note(lang), c.note.get(lang));
    for g in &c.groups {
        let _ = writeln!(s, "\n{}. {}", g.code, g.title.get(lang));
        for cr in &g.criteria {
            let _ = writeln!(
                s,
                "  {:>2}. [{}] {}",
                cr.number,
                cr.code,
                cr.title.get(lang)
            );
            for i in &cr.indicators {
                let _ = writeln!(
                    s,
                    "        - {} ({}{}): {}",
                    i.id,
                    i18n::indicator_kind(lang, i.kind),
                    i18n::programme::indicator_flags(lang, i),
                    i.label.get(lang)
                );
            }
        }
    }
    s
}
