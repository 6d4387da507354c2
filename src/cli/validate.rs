//! `kiemtra validate`: check inspection files or folders and name each bad one and why.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::progress::Bar;
use super::{Ctx, Outcome, print};
use crate::i18n;
use crate::i18n::progress::Task;
use crate::store::duplicates::{duplicates, pair_of};
use crate::store::{Catalogs, json_files, load_inspection_file};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub fn run(ctx: &Ctx, a: ValidateArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let roots = if a.paths.is_empty() {
        vec![data.inspections()]
    } else {
        a.paths.clone()
    };
    let mut files = Vec::new();
    if a.paths.is_empty() {
        // The data folder's own inspections; a fresh folder simply has none yet.
        files = data.inspection_files().map_err(|e| ctx.store(e))?;
    }
    for root in &a.paths {
        files.extend(expand(ctx, root)?);
    }
    if files.is_empty() {
        print(&format!("{}\n", i18n::nothing_to_validate(lang, &roots[0])))?;
        return Ok(ExitCode::SUCCESS);
    }
    let catalogs = Catalogs::load(&data).map_err(|e| ctx.store(e))?;
    let exposed = data.exposed();
    if a.paths.is_empty() && !exposed.is_empty() {
        super::warn(&crate::i18n::lifecycle::exposed(lang, &exposed, &data.root));
    }
    let (mut good, mut bad) = (0, 0);
    let mut out = String::new();
    let bar = Bar::new(lang, Task::Validate, files.len() as u64);
    let loaded: Vec<_> = files
        .iter()
        .map(|p| {
            bar.inc(1);
            load_inspection_file(p)
        })
        .collect();
    let errors: Vec<_> = loaded.iter().filter_map(|r| r.as_ref().err()).collect();
    let dups = duplicates(&files, &errors);
    for (path, loaded) in files.iter().zip(loaded) {
        let problems: Vec<String> = match loaded {
            Err(e) => vec![match pair_of(&dups, &e) {
                Some(d) => i18n::sync::duplicate_pair(lang, &d.id, &d.first, &d.second),
                None => i18n::load_error(lang, &e),
            }],
            Ok(i) => {
                let c = &i.catalog;
                match catalogs.find(&c.id, &c.version, &c.sha256) {
                    None => vec![format!(
                        "{}: {}",
                        path.display(),
                        i18n::unknown_catalog(lang, &c.id, &c.version)
                    )],
                    Some(catalog) => {
                        let mut problems: Vec<String> = i
                            .problems(catalog)
                            .iter()
                            .map(|p| {
                                format!("{}: {}", path.display(), i18n::answer_problem(lang, p))
                            })
                            .collect();
                        // A claimed seal must hold, over the same catalog content.
                        if i.seal_broken(Some(&catalog.sha256)) {
                            problems.push(format!(
                                "{}: {} (kiemtra verify {})",
                                path.display(),
                                i18n::trust::seal_broken_label(lang),
                                path.display()
                            ));
                        } else if catalog.sha256 != c.sha256 {
                            problems.push(format!(
                                "{}: {}",
                                path.display(),
                                i18n::trust::catalog_changed(
                                    lang,
                                    &c.id,
                                    &c.version,
                                    &c.sha256,
                                    &catalog.sha256
                                )
                            ));
                        }
                        if i.schema_version > crate::domain::inspection::SCHEMA_VERSION {
                            super::warn(&format!(
                                "{}: {}",
                                path.display(),
                                i18n::trust::newer_schema_read_only(
                                    lang,
                                    i.schema_version,
                                    crate::domain::inspection::SCHEMA_VERSION
                                )
                            ));
                        }
                        problems
                    }
                }
            }
        };
        if problems.is_empty() {
            good += 1;
            out.push_str(&i18n::file_ok(lang, path));
            out.push('\n');
        } else {
            bad += 1;
            for p in problems {
                out.push_str(&i18n::file_bad(lang, &p));
                out.push('\n');
            }
        }
    }
    bar.finish();
    out.push_str(&i18n::validate_summary(lang, good, bad));
    out.push('\n');
    print(&out)?;
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A file stands for itself; a folder for its `*.json` files (a data directory for its
/// `inspections/`). A path that does not exist is still checked, so it is named.
fn expand(ctx: &Ctx, path: &Path) -> Result<Vec<PathBuf>, super::Failure> {
    let meta = std::fs::symlink_metadata(path);
    match meta {
        Ok(m) if m.is_dir() => {
            let inner = path.join("inspections");
            let dir = if inner.is_dir() {
                inner
            } else {
                path.to_path_buf()
            };
            json_files(&dir).map_err(|e| ctx.store(e))
        }
        _ => Ok(vec![path.to_path_buf()]),
    }
}
