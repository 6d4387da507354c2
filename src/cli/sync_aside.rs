//! Merging while a console holds some inspections open: the merge is made in a temporary
//! worktree beside the data folder, every file but the open ones is brought in, and each
//! open one is remembered as pending (with the version it was merged from). At a later
//! sync, once its console has closed, the pending file is merged three ways with the
//! driver: what the console saved meanwhile on one side, the merge result on the other.

use std::path::Path;

use super::{Ctx, Failure};
use crate::domain::merge::merge;
use crate::i18n::sync as text;
use crate::store::git::{Git, inspection_ids};
use crate::store::{DataDir, LockError, StoreError, write_atomic};

/// Where the pending inspections are listed: "<id> <blob of the version merged from>".
fn pending_file(git: &Git) -> std::path::PathBuf {
    git.root.join(".git/kiemtra-pending")
}

/// The inspections waiting for their console to close, with the blob each diverged from.
pub fn pending(git: &Git) -> Vec<(String, String)> {
    std::fs::read_to_string(pending_file(git))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(id, blob)| (id.to_string(), blob.to_string()))
        .collect()
}

fn write_pending(git: &Git, list: &[(String, String)]) -> Result<(), Failure> {
    let path = pending_file(git);
    if list.is_empty() {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    let text: String = list.iter().map(|(id, b)| format!("{id} {b}\n")).collect();
    write_atomic(&path, text.as_bytes()).map_err(|e| Failure(e.to_string()))
}

/// Merge `theirs` in a temporary worktree and bring in every changed file except those of
/// `open` (held by a console), which become pending. Returns the files changed.
pub fn merge_beside(
    ctx: &Ctx,
    git: &Git,
    theirs: &str,
    open: &[String],
) -> Result<Vec<String>, Failure> {
    let g = |e| super::sync::git_failure(ctx, e);
    let before = git.rev("HEAD").unwrap_or_default();
    let dir = tempfile::Builder::new()
        .prefix("kiemtra-merge")
        .tempdir_in(git.root.join(".git"))?;
    let tree = dir.path().join("tree");
    let tree_s = tree.to_string_lossy().into_owned();
    git.run(["worktree", "add", "-q", "--detach", &tree_s, "HEAD"])
        .map_err(g)?;
    let aside = Git::at(&tree);
    let merged = aside.run([
        "merge",
        "-q",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        "kiemtra: merge",
        theirs,
    ]);
    let result = merged.map(|_| aside.rev("HEAD").unwrap_or_default());
    let after = match result {
        Ok(after) => after,
        Err(e) => {
            let _ = git.run(["worktree", "remove", "--force", &tree_s]);
            return Err(Failure(text::merge_failed(ctx.lang, &e)));
        }
    };
    let changed = git
        .lines(["diff", "--name-only", "--no-renames", &before, &after])
        .map_err(g)?;
    for rel in &changed {
        let id = inspection_ids(std::slice::from_ref(rel));
        if id.first().is_some_and(|id| open.contains(id)) {
            continue;
        }
        bring_in(&tree.join(rel), &git.root.join(rel))?;
    }
    let mut list = pending(git);
    for id in open {
        let rel = format!("inspections/{id}.json");
        if !changed.contains(&rel) || list.iter().any(|(p, _)| p == id) {
            continue;
        }
        if let Ok(blob) = git.run(["rev-parse", &format!("{before}:{rel}")]) {
            list.push((id.clone(), blob.trim().to_string()));
        }
    }
    write_pending(git, &list)?;
    let _ = git.run(["worktree", "remove", "--force", &tree_s]);
    // The branch moves to the merge; the index follows; the working tree keeps what a
    // console may still be saving.
    git.run(["reset", "-q", "--soft", &after]).map_err(g)?;
    git.run(["reset", "-q"]).map_err(g)?;
    Ok(changed
        .into_iter()
        .filter(|rel| {
            inspection_ids(std::slice::from_ref(rel))
                .first()
                .is_none_or(|id| !open.contains(id))
        })
        .collect())
}

/// Copy one merged file into the data folder durably, or remove it if the merge did.
fn bring_in(from: &Path, to: &Path) -> Result<(), Failure> {
    match std::fs::read(from) {
        Ok(bytes) => {
            if let Some(dir) = to.parent() {
                crate::store::fsx::ensure_private_dir(dir)?;
            }
            write_atomic(to, &bytes).map_err(|e| Failure(e.to_string()))
        }
        Err(_) => match std::fs::remove_file(to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        },
    }
}

/// Merge the pending inspections whose console has closed: base = the version merged
/// from, ours = the file as the console left it, theirs = the merge result. Returns the
/// ids merged; those still open stay pending.
pub fn settle(ctx: &Ctx, git: &Git, data: &DataDir) -> Result<Vec<String>, Failure> {
    let list = pending(git);
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let mut still = Vec::new();
    let mut done = Vec::new();
    for (id, blob) in list {
        let _lock = match data.lock(&id, "kiemtra sync") {
            Ok(l) => l,
            Err(StoreError::Lock(LockError::Held { .. })) => {
                still.push((id, blob));
                continue;
            }
            Err(e) => return Err(ctx.store(e)),
        };
        let rel = format!("inspections/{id}.json");
        let read = |spec: &str| {
            git.run(["cat-file", "-p", spec])
                .ok()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        };
        let base = read(&blob);
        let theirs = read(&format!("HEAD:{rel}"));
        let ours = std::fs::read(data.root.join(&rel))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if let (Some(ours), Some(theirs)) = (ours, theirs) {
            let mut bytes = serde_json::to_vec_pretty(&merge(base.as_ref(), &ours, &theirs))
                .map_err(|e| Failure(e.to_string()))?;
            bytes.push(b'\n');
            write_atomic(&data.root.join(&rel), &bytes).map_err(|e| Failure(e.to_string()))?;
        }
        done.push(id);
    }
    write_pending(git, &still)?;
    Ok(done)
}

/// Keep the pending files out of a commit: their working copy is not yet merged.
pub fn unstage_pending(git: &Git) {
    for (id, _) in pending(git) {
        let _ = git.run(["reset", "-q", "--", &format!("inspections/{id}.json")]);
    }
}
