//! Two files of one folder carrying the same inspection id, as when a colleague's copy
//! comes from a USB stick: found as a pair, so that neither copy vanishes silently.

use std::path::PathBuf;

use super::{LoadError, LoadReason};

/// A copy (`second`) of the inspection `id` whose file is `first`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Duplicate {
    pub id: String,
    pub first: PathBuf,
    pub second: PathBuf,
}

/// The pairs among `errors` (files that could not be loaded) of the folder holding
/// `files`: a file whose id belongs to another file of the folder, or two files that
/// carry the same id under other names.
pub fn duplicates(files: &[PathBuf], errors: &[&LoadError]) -> Vec<Duplicate> {
    let mut out: Vec<Duplicate> = Vec::new();
    let mut seen: Vec<(String, PathBuf)> = Vec::new();
    for e in errors {
        let LoadReason::IdMismatch { in_file } = &e.reason else {
            continue;
        };
        let named = e.path.parent().map(|d| d.join(format!("{in_file}.json")));
        let first = match named.filter(|n| files.contains(n)) {
            Some(n) => Some(n),
            None => seen
                .iter()
                .find(|(id, _)| id == in_file)
                .map(|(_, p)| p.clone()),
        };
        match first {
            Some(first) => out.push(Duplicate {
                id: in_file.clone(),
                first,
                second: e.path.clone(),
            }),
            None => seen.push((in_file.clone(), e.path.clone())),
        }
    }
    out
}

/// The pairs among `errors` when the folder is read as a stream and never listed whole:
/// the only files that need to exist are the ones the copies name.
pub fn among(errors: &[&LoadError]) -> Vec<Duplicate> {
    let named: Vec<PathBuf> = errors
        .iter()
        .filter_map(|e| match &e.reason {
            LoadReason::IdMismatch { in_file } => {
                e.path.parent().map(|d| d.join(format!("{in_file}.json")))
            }
            _ => None,
        })
        .filter(|p| p.is_file())
        .collect();
    duplicates(&named, errors)
}

/// The duplicate pair a failed file belongs to as the second copy.
pub fn pair_of<'a>(dups: &'a [Duplicate], e: &LoadError) -> Option<&'a Duplicate> {
    dups.iter().find(|d| d.second == e.path)
}
