//! `kiemtra merge-driver` (called by git for every merge of an inspection file),
//! `kiemtra merge-files A B` (two copies of one inspection merged by hand) and
//! `kiemtra resolve ID CRITERION --take ours|theirs` (a conflict decided without a
//! terminal). The merging itself is `domain::merge`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::{Ctx, Failure, Outcome, print, who};
use crate::domain::merge::{self, Take};
use crate::i18n::{self, sync as text};
use crate::store::{fsx, load::to_file_bytes, parse_inspection};

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor (%O)
    pub base: PathBuf,
    /// Ours (%A); the result is written here
    pub ours: PathBuf,
    /// Theirs (%B)
    pub theirs: PathBuf,
    /// The file's name in the repository (%P)
    pub path: Option<String>,
}

#[derive(Debug, Args)]
pub struct MergeFilesArgs {
    pub a: PathBuf,
    pub b: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    pub id: String,
    /// A criterion's number or code, or a field of the inspection ("unit", "conclusion")
    pub criterion: String,
    #[arg(long, value_enum)]
    pub take: Side,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// Read one side of a merge as a JSON object; `None` for an empty file (no ancestor).
fn read_side(lang: crate::domain::Lang, path: &Path) -> Result<Option<Value>, Failure> {
    let bytes = fsx::read_regular(path)
        .map_err(|p| Failure(text::unreadable(lang, path, &format!("{p:?}"))))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) if v.is_object() => Ok(Some(v)),
        _ => Err(Failure(text::unreadable(lang, path, "JSON"))),
    }
}

/// Pretty JSON with a final newline, as kiemtra writes every inspection.
fn file_bytes(v: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

pub fn driver(ctx: &Ctx, a: MergeDriverArgs) -> Outcome {
    let lang = ctx.lang;
    let base = match std::fs::symlink_metadata(&a.base) {
        Ok(_) => read_side(lang, &a.base)?,
        Err(_) => None,
    };
    let need =
        |p: &Path| read_side(lang, p)?.ok_or_else(|| Failure(text::unreadable(lang, p, "empty")));
    let (ours, theirs) = (need(&a.ours)?, need(&a.theirs)?);
    let merged = merge::merge(base.as_ref(), &ours, &theirs);
    let bytes = file_bytes(&merged);
    // Inputs that load give an output that loads; if not, git keeps both versions.
    let loads = |v: &Value| parse_inspection(&file_bytes(v)).is_ok();
    if loads(&ours) && loads(&theirs) && parse_inspection(&bytes).is_err() {
        return Err(Failure(text::unreadable(
            lang,
            Path::new(a.path.as_deref().unwrap_or("?")),
            "merge",
        )));
    }
    std::fs::write(&a.ours, &bytes)
        .map_err(|e| Failure(format!("{}: {e}", text::path(&a.ours))))?;
    Ok(ExitCode::SUCCESS)
}

pub fn files(ctx: &Ctx, a: MergeFilesArgs) -> Outcome {
    let lang = ctx.lang;
    let load = |p: &Path| {
        let bytes = fsx::read_regular(p)
            .map_err(|e| Failure(text::unreadable(lang, p, &format!("{e:?}"))))?;
        let i = parse_inspection(&bytes).map_err(|r| {
            Failure(format!(
                "{}: {}",
                text::path(p),
                i18n::load_reason(lang, &r)
            ))
        })?;
        let v = serde_json::to_value(&i).map_err(|e| Failure(e.to_string()))?;
        Ok::<_, Failure>((i, v))
    };
    let (ia, va) = load(&a.a)?;
    let (ib, vb) = load(&a.b)?;
    if ia.id != ib.id {
        return Err(Failure(text::not_same_inspection(lang, &a.a, &a.b)));
    }
    let named_for_id = |p: &Path| p.file_stem().is_some_and(|s| s == ia.id.as_str());
    let (keep, other) = if named_for_id(&a.b) && !named_for_id(&a.a) {
        (&a.b, &a.a)
    } else {
        (&a.a, &a.b)
    };
    let (ours, theirs) = if keep == &a.a { (&va, &vb) } else { (&vb, &va) };
    let merged = merge::merge(None, ours, theirs);
    let inspection = parse_inspection(&file_bytes(&merged)).map_err(|r| {
        Failure(format!(
            "{}: {}",
            text::path(keep),
            i18n::load_reason(lang, &r)
        ))
    })?;
    fsx::write_atomic(keep, &to_file_bytes(&inspection))
        .map_err(|e| Failure(i18n::save_error(lang, &e)))?;
    let moved = set_aside(other, keep)?;
    print(&format!(
        "{}\n",
        text::files_merged(
            lang,
            keep,
            other,
            moved.as_deref(),
            inspection.conflicts.len()
        )
    ))?;
    Ok(if inspection.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Move the merged-in copy out of the way: into the `quarantine/` beside its
/// `inspections/` folder, with a note; a copy elsewhere stays where it is.
fn set_aside(other: &Path, keep: &Path) -> Result<Option<PathBuf>, Failure> {
    let Some(folder) = other.parent() else {
        return Ok(None);
    };
    if folder.file_name().is_none_or(|n| n != "inspections") {
        return Ok(None);
    }
    let Some(root) = folder.parent() else {
        return Ok(None);
    };
    let dir = root.join("quarantine");
    fsx::ensure_private_dir(&dir).map_err(|e| Failure(format!("{}: {e}", text::path(&dir))))?;
    let name = other
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = super::quarantine::free_name(&dir, &name);
    std::fs::rename(other, &target).map_err(|e| Failure(format!("{}: {e}", text::path(other))))?;
    let note = format!(
        "{}\nmerged into {} by kiemtra merge-files\n",
        other.display(),
        keep.display()
    );
    let note_path = dir.join(format!(
        "{}.why.txt",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let _ = fsx::write_atomic(&note_path, note.as_bytes());
    Ok(Some(target))
}

pub fn resolve(ctx: &Ctx, a: ResolveArgs) -> Outcome {
    let lang = ctx.lang;
    let take = match a.take {
        Side::Ours => Take::Ours,
        Side::Theirs => Take::Theirs,
    };
    let mut decided = 0;
    let (inspection, _) = ctx.edit_locked(&a.id, "kiemtra resolve", |i, c| {
        // A criterion may be named by its number, as everywhere else.
        let target = c
            .find(&a.criterion)
            .map(|cr| cr.code.clone())
            .unwrap_or_else(|| a.criterion.trim().to_string());
        decided = merge::resolve(i, &target, take, &who(&a.by), jiff::Timestamp::now())
            .map_err(|e| Failure(text::resolve_error(lang, &e)))?;
        Ok(true)
    })?;
    print(&format!(
        "{}\n",
        text::resolved(lang, decided, inspection.conflicts.len())
    ))?;
    Ok(ExitCode::SUCCESS)
}
