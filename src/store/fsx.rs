//! File-system primitives the store is built on: a durable atomic write, private folders,
//! and a careful read that never follows links, never blocks and never reads too much.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Files bigger than this are refused: no real inspection or catalog comes near it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The step of a save that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    Write,
    Sync,
    Rename,
    SyncFolder,
}

/// Why a save did not happen. When this is returned, the previous file is untouched.
#[derive(Debug, thiserror::Error)]
#[error("could not save {path}: {step:?}: {source}")]
pub struct SaveError {
    pub path: PathBuf,
    pub step: SaveStep,
    #[source]
    pub source: io::Error,
}

impl SaveError {
    pub fn is_disk_full(&self) -> bool {
        self.source.kind() == io::ErrorKind::StorageFull
            || self.source.kind() == io::ErrorKind::QuotaExceeded
    }
    pub fn is_read_only(&self) -> bool {
        self.source.kind() == io::ErrorKind::ReadOnlyFilesystem
    }
    pub fn is_permission(&self) -> bool {
        self.source.kind() == io::ErrorKind::PermissionDenied
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Whether a file name is one of our temp files (never loaded as data).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// The process id that wrote a temp file named `.<name>.<pid>.<n>.tmp`.
pub fn temp_writer(name: &str) -> Option<u32> {
    if !is_temp_name(name) {
        return None;
    }
    let parts: Vec<&str> = name.split('.').collect();
    parts
        .len()
        .checked_sub(3)
        .and_then(|i| parts[i].parse().ok())
}

/// Replace `path` with `bytes` durably: write a temp file in the same folder, fsync it,
/// rename it over `path`, fsync the folder. Either all of it happened, or `path` still
/// holds what it held before and no temp file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |step, source| SaveError {
        path: path.to_path_buf(),
        step,
        source,
    };
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&tmp)
        .map_err(|e| fail(SaveStep::CreateTemp, e))?;
    let result = (|| {
        file.set_permissions(Permissions::from_mode(FILE_MODE))
            .map_err(|e| fail(SaveStep::CreateTemp, e))?;
        file.write_all(bytes)
            .map_err(|e| fail(SaveStep::Write, e))?;
        // After a failed fsync the kernel may have dropped the dirty pages: never retry the
        // fsync alone. The caller rewrites the whole file from memory on the next attempt.
        file.sync_all().map_err(|e| fail(SaveStep::Sync, e))?;
        fs::rename(&tmp, path).map_err(|e| fail(SaveStep::Rename, e))
    })();
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| fail(SaveStep::SyncFolder, e))
}

/// Write many files into one folder durably, for bulk writers such as `demo`: every temp
/// file is written and fsynced, then all are renamed into place, then the folder is fsynced
/// once. Each file is as durable as after `write_atomic`, at one folder fsync per batch
/// rather than one per file. On failure the temp files not yet renamed are removed; files
/// already renamed are whole.
pub fn write_batch(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), SaveError> {
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let written = files.iter().try_for_each(|(name, bytes)| {
        let path = dir.join(name);
        let tmp = dir.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let fail = |step, source| SaveError {
            path: path.clone(),
            step,
            source,
        };
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)
            .map_err(|e| fail(SaveStep::CreateTemp, e))?;
        temps.push((tmp, path.clone()));
        file.set_permissions(Permissions::from_mode(FILE_MODE))
            .map_err(|e| fail(SaveStep::CreateTemp, e))?;
        file.write_all(bytes)
            .map_err(|e| fail(SaveStep::Write, e))?;
        file.sync_all().map_err(|e| fail(SaveStep::Sync, e))
    });
    let mut done = 0;
    let renamed = written.and_then(|()| {
        for (tmp, path) in &temps {
            fs::rename(tmp, path).map_err(|source| SaveError {
                path: path.clone(),
                step: SaveStep::Rename,
                source,
            })?;
            done += 1;
        }
        Ok(())
    });
    for (tmp, _) in &temps[done..] {
        let _ = fs::remove_file(tmp);
    }
    renamed?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| SaveError {
            path: dir.to_path_buf(),
            step: SaveStep::SyncFolder,
            source,
        })
}

/// The folder a path lives in; "." for a bare file name (whose `parent()` is empty).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// What stands at an output path, when it is something a report must not replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputTarget {
    Symlink,
    Directory,
    Fifo,
    Device,
    Socket,
}

/// Whether `path` may receive an output file: nothing there yet, or a regular file.
/// A link is never followed nor replaced; a folder, FIFO, device or socket is refused.
pub fn check_output_target(path: &Path) -> io::Result<Option<OutputTarget>> {
    use std::os::unix::fs::FileTypeExt;
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let t = meta.file_type();
    Ok(if t.is_symlink() {
        Some(OutputTarget::Symlink)
    } else if t.is_dir() {
        Some(OutputTarget::Directory)
    } else if t.is_fifo() {
        Some(OutputTarget::Fifo)
    } else if t.is_block_device() || t.is_char_device() {
        Some(OutputTarget::Device)
    } else if t.is_socket() {
        Some(OutputTarget::Socket)
    } else {
        None
    })
}

/// Create `dir` (and its missing parents) with the new folder itself private (0700).
/// An existing folder keeps its mode: it is reported, not silently changed.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent()
        && !parent.as_os_str().is_empty()
        && !parent.is_dir()
    {
        // Missing parents are private too, whatever the umask (create_dir_all would
        // leave them 0777 under umask 000).
        ensure_private_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => fs::set_permissions(dir, Permissions::from_mode(DIR_MODE)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadProblem {
    NotFound,
    Symlink,
    NotRegular(&'static str),
    TooLarge(u64),
    PermissionDenied,
    Io(io::Error),
}

/// Plain words for logs and messages that have no language of their own (the user-facing
/// messages are in `i18n`); never a Rust name or "os error N".
impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::NotFound => f.write_str("no such file"),
            ReadProblem::Symlink => f.write_str("a symbolic link (not followed)"),
            ReadProblem::NotRegular(what) => write!(f, "not a regular file but a {what}"),
            ReadProblem::TooLarge(n) => write!(f, "too large ({n} bytes)"),
            ReadProblem::PermissionDenied => f.write_str("permission denied"),
            ReadProblem::Io(e) => {
                let text = e.to_string();
                f.write_str(text.split(" (os error").next().unwrap_or(&text))
            }
        }
    }
}

/// Read a whole regular file without following a symlink, without blocking on a named
/// pipe or device, and refusing anything larger than `MAX_FILE_BYTES`.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadProblem> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => ReadProblem::Symlink,
            Some(libc::ENOENT) => ReadProblem::NotFound,
            Some(libc::EACCES) | Some(libc::EPERM) => ReadProblem::PermissionDenied,
            // A socket (or a device with no driver) cannot be opened: say what it is.
            Some(libc::ENXIO) | Some(libc::ENODEV) | Some(libc::EOPNOTSUPP) => {
                match std::fs::symlink_metadata(path).map(|m| m.file_type()) {
                    Ok(t) if std::os::unix::fs::FileTypeExt::is_socket(&t) => {
                        ReadProblem::NotRegular("socket")
                    }
                    Ok(t) if std::os::unix::fs::FileTypeExt::is_fifo(&t) => {
                        ReadProblem::NotRegular("named pipe")
                    }
                    _ => ReadProblem::NotRegular("device"),
                }
            }
            _ => ReadProblem::Io(e),
        })?;
    let meta = file.metadata().map_err(ReadProblem::Io)?;
    let ft = meta.file_type();
    if !ft.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let what = if ft.is_dir() {
            "folder"
        } else if ft.is_fifo() {
            "named pipe"
        } else if ft.is_socket() {
            "socket"
        } else {
            "device"
        };
        return Err(ReadProblem::NotRegular(what));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_their_writer() {
        assert_eq!(temp_writer(".0190-ab.json.4242.3.tmp"), Some(4242));
        assert_eq!(temp_writer("0190-ab.json"), None);
        assert_eq!(temp_writer(".x.tmp"), None);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").unwrap_or_else(|e| panic!("{e}"));
        // A folder where the file should be: the rename fails, the temp goes.
        let blocked = dir.path().join("sub");
        std::fs::create_dir_all(blocked.join("b.json")).unwrap_or_else(|e| panic!("{e}"));
        assert!(write_atomic(&blocked.join("b.json"), b"new").is_err());
        let left: Vec<_> = std::fs::read_dir(&blocked)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["b.json".to_string()]);
        assert_eq!(std::fs::read(&path).unwrap_or_default(), b"old");
    }
}
