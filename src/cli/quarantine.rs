//! `kiemtra quarantine`: move the files of `inspections/` that cannot be read into
//! `quarantine/`, each with a note saying why. Only this command ever moves a bad file;
//! nothing is deleted, links are moved as links, never followed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::progress::Bar;
use super::{Ctx, Failure, Outcome, print};
use crate::i18n::progress::Task;
use crate::i18n::{self, lifecycle};
use crate::store::{fsx, json_files, load_inspection_file};

#[derive(Debug, Args)]
pub struct QuarantineArgs {
    /// Only say what would be moved.
    #[arg(long)]
    pub dry_run: bool,
}

/// A free name in `dir` for `name`: the name itself, else name.1, name.2, ...
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if std::fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (1..)
        .map(|n| dir.join(format!("{name}.{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

pub fn run(ctx: &Ctx, a: QuarantineArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    if !a.dry_run {
        data.remove_stale_temps();
    }
    let files = json_files(&data.inspections()).map_err(|e| ctx.store(e))?;
    let bar = Bar::new(lang, Task::Quarantine, files.len() as u64);
    let bad: Vec<_> = files
        .iter()
        .filter_map(|p| {
            bar.inc(1);
            load_inspection_file(p).err()
        })
        .collect();
    bar.finish();
    if bad.is_empty() {
        print(&format!("{}\n", lifecycle::nothing_to_quarantine(lang)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let dir = data.quarantine();
    if !a.dry_run {
        data.ensure(&dir).map_err(|e| ctx.store(e))?;
    }
    let mut out = String::new();
    for e in &bad {
        let reason = i18n::load_reason(lang, &e.reason);
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = free_name(&dir, &name);
        if !a.dry_run {
            // rename moves the entry itself: a link stays a link, a pipe is never opened.
            std::fs::rename(&e.path, &target)
                .map_err(|err| Failure(format!("{}: {err}", e.path.display())))?;
            let note = format!(
                "{}\n{}: {}\n{}\n",
                e.path.display(),
                jiff::Timestamp::now()
                    .round(jiff::Unit::Second)
                    .unwrap_or_else(|_| jiff::Timestamp::now()),
                reason,
                lifecycle::quarantine_recover_hint(lang, &target, &e.path)
            );
            let note_path = target.with_file_name(format!(
                "{}.why.txt",
                target
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            fsx::write_atomic(&note_path, note.as_bytes())
                .map_err(|err| Failure(i18n::save_error(lang, &err)))?;
        }
        out.push_str(&lifecycle::quarantined(
            lang, &e.path, &target, &reason, a.dry_run,
        ));
        out.push('\n');
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
