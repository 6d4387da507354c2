//! Every `-o FILE` of every command, one way: `-o -` (or no `-o`) is standard output; a
//! file is written whole into a temp file beside it, fsynced, renamed over the target and
//! its folder fsynced, and only ever replaces a regular file — never a link, a folder, a
//! FIFO, a device or a socket, which are refused with a message saying what to do.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use super::Failure;
use crate::domain::Lang;
use crate::i18n::{self, report as words};
use crate::store::fsx::{self, SaveError, SaveStep};

/// The file `-o` names, checked before any work is done; `None` is standard output.
pub fn target(lang: Lang, output: Option<PathBuf>) -> Result<Option<PathBuf>, Failure> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(None);
    };
    check_as(lang, &path, words::output_refused)?;
    Ok(Some(path))
}

/// Refuse a path that is not new nor a regular file (for a file named otherwise than by `-o`).
pub fn check(lang: Lang, path: &Path) -> Result<(), Failure> {
    check_as(lang, path, words::file_refused)
}

type Refusal = fn(Lang, &Path, fsx::OutputTarget) -> String;

fn check_as(lang: Lang, path: &Path, refused: Refusal) -> Result<(), Failure> {
    match fsx::check_output_target(path) {
        Ok(None) => Ok(()),
        Ok(Some(t)) => Err(Failure(refused(lang, path, t))),
        Err(e) => Err(Failure(words::output_unreadable(lang, path, &e))),
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Write `path` through `fill`, all or nothing: on any failure the target keeps what it
/// held and no temp file is left. Returns what `fill` returned.
pub fn write<T>(
    lang: Lang,
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, Failure> {
    // Checked again: something may have been put there while the output was made.
    check_as(lang, path, words::file_refused)?;
    let fail = |step, source| {
        Failure(i18n::save_error(
            lang,
            &SaveError {
                path: path.to_path_buf(),
                step,
                source,
            },
        ))
    };
    let dir = fsx::parent_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(fsx::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&tmp)
        .map_err(|e| fail(SaveStep::CreateTemp, e))?;
    let result = (|| {
        file.set_permissions(Permissions::from_mode(fsx::FILE_MODE))
            .map_err(|e| fail(SaveStep::CreateTemp, e))?;
        let mut out = BufWriter::new(&file);
        let value = fill(&mut out)
            .and_then(|v| out.flush().map(|_| v))
            .map_err(|e| fail(SaveStep::Write, e))?;
        drop(out);
        file.sync_all().map_err(|e| fail(SaveStep::Sync, e))?;
        fs::rename(&tmp, path).map_err(|e| fail(SaveStep::Rename, e))?;
        Ok(value)
    })();
    drop(file);
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| fail(SaveStep::SyncFolder, e))?;
    Ok(value)
}

/// Standard output for text streamed from files (`dataset` without `-o`): each line goes
/// out as [`super::print`] would show it — control characters and bidi overrides made
/// visible in CSV, written as `\u` escapes in NDJSON so that every line stays the same
/// JSON. Call [`Escaped::finish`] at the end for a last line without a line feed.
pub struct Escaped<W: Write> {
    inner: W,
    json: bool,
    pending: Vec<u8>,
}

impl<W: Write> Escaped<W> {
    pub fn new(inner: W, json: bool) -> Self {
        Escaped {
            inner,
            json,
            pending: Vec::new(),
        }
    }

    /// Write out the first `upto` pending bytes: whole lines, as a line feed never splits
    /// a character.
    fn emit(&mut self, upto: usize) -> io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        let text = String::from_utf8_lossy(&chunk);
        if self.json {
            self.inner
                .write_all(super::json_for_terminal(&text).as_bytes())
        } else {
            self.inner
                .write_all(crate::domain::escape::for_terminal(&text).as_bytes())
        }
    }

    /// Write out what is left, flush, and give the inner writer back.
    pub fn finish(mut self) -> io::Result<W> {
        let n = self.pending.len();
        self.emit(n)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let before = self.pending.len();
        self.pending.extend_from_slice(buf);
        if let Some(last) = buf.iter().rposition(|&b| b == b'\n') {
            self.emit(before + last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Written in pieces that split a character and an escape sequence, the output is the
    /// same as escaping the whole text at once.
    #[test]
    fn escaped_output_does_not_depend_on_how_the_writes_are_cut() {
        let text = "Phường \u{1b}]0;x\u{7}Bến Thành,\u{202e}a\nsecond \u{9b}line";
        for json in [false, true] {
            let mut out = Escaped::new(Vec::new(), json);
            for piece in text.as_bytes().chunks(3) {
                out.write_all(piece).unwrap();
            }
            let shown = String::from_utf8(out.finish().unwrap()).unwrap();
            let whole = if json {
                super::super::json_for_terminal(text).into_owned()
            } else {
                crate::domain::escape::for_terminal(text).into_owned()
            };
            assert_eq!(shown, whole);
        }
    }
}
