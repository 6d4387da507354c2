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

/// A free name in `dir` for `name` and its note: the name itself, else name.1, name.2, ...
pub(super) fn free_name(dir: &Path, name: &str) -> PathBuf {
    let free = |p: &Path| {
        std::fs::symlink_metadata(p).is_err() && std::fs::symlink_metadata(note_of(p)).is_err()
    };
    let first = dir.join(name);
    if free(&first) {
        return first;
    }
    (1..)
        .map(|n| dir.join(format!("{name}.{n}")))
        .find(|p| free(p))
        .unwrap_or(first)
}

fn note_of(target: &Path) -> PathBuf {
    target.with_file_name(format!(
        "{}.why.txt",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ))
}

/// Move `from` to `to` without ever replacing what is at `to`: a hard link fails when the
/// name is taken (links are linked as links, never followed); a folder, which cannot be
/// linked, is renamed after checking that the name is free.
fn move_no_replace(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if std::fs::symlink_metadata(to).is_err() => std::fs::rename(from, to),
        Err(e) => Err(e),
    }
}

/// Write a new file, failing rather than replacing one that is there.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(fsx::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
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
    // A quarantine/ that is a link (or a file) could send the files anywhere.
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        return Err(Failure(i18n::trust::not_a_folder_link(lang, &dir)));
    }
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
            // The entry itself moves: a link stays a link, a pipe is never opened.
            move_no_replace(&e.path, &target).map_err(|err| {
                Failure(format!(
                    "{}: {}",
                    e.path.display(),
                    i18n::trust::io_text(lang, &err)
                ))
            })?;
            let note = format!(
                "{}\n{}: {}\n{}\n",
                crate::domain::escape::for_terminal_line(&e.path.display().to_string()),
                jiff::Timestamp::now()
                    .round(jiff::Unit::Second)
                    .unwrap_or_else(|_| jiff::Timestamp::now()),
                reason,
                lifecycle::quarantine_recover_hint(lang, &target, &e.path)
            );
            let note_path = note_of(&target);
            write_new(
                &note_path,
                crate::domain::escape::for_terminal(&note).as_bytes(),
            )
            .map_err(|err| {
                Failure(format!(
                    "{}: {}",
                    note_path.display(),
                    i18n::trust::io_text(lang, &err)
                ))
            })?;
        }
        out.push_str(&lifecycle::quarantined(
            lang, &e.path, &target, &reason, a.dry_run,
        ));
        out.push('\n');
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
