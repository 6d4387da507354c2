//! Reading inspection files: every way a file can be bad gets its own reason, and
//! nothing is ever changed, moved or deleted while reading.

use std::path::{Path, PathBuf};

use crate::domain::Inspection;
use crate::domain::inspection::SCHEMA_VERSION;

use super::fsx::{self, ReadProblem};

/// Why one file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason:?}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: LoadReason,
}

#[derive(Debug)]
pub enum LoadReason {
    NotFound,
    Symlink,
    /// A folder, named pipe, socket or device.
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        cap: u64,
    },
    PermissionDenied,
    Empty,
    InvalidUtf8 {
        offset: usize,
    },
    Truncated {
        line: usize,
    },
    Syntax {
        line: usize,
        column: usize,
    },
    NotAnObject,
    /// The file starts with a UTF-8 byte order mark, which JSON does not allow.
    Bom,
    /// The same key twice in one object; the path of the second one.
    DuplicateKey(String),
    NoSchemaVersion,
    /// A schema version no kiemtra ever wrote (0).
    BadSchema(u64),
    NewerSchema {
        found: u64,
        supported: u32,
    },
    WrongTypes {
        detail: String,
        line: usize,
    },
    IdMismatch {
        in_file: String,
    },
    Io(std::io::Error),
}

/// The load reason for a file that could not be read.
pub fn reason_of(p: ReadProblem) -> LoadReason {
    match p {
        ReadProblem::NotFound => LoadReason::NotFound,
        ReadProblem::Symlink => LoadReason::Symlink,
        ReadProblem::NotRegular(what) => LoadReason::NotRegular(what),
        ReadProblem::TooLarge(size) => LoadReason::TooLarge {
            size,
            cap: fsx::MAX_FILE_BYTES,
        },
        ReadProblem::PermissionDenied => LoadReason::PermissionDenied,
        ReadProblem::Io(e) => LoadReason::Io(e),
    }
}

/// Load and check one inspection file.
pub fn load_inspection_file(path: &Path) -> Result<Inspection, LoadError> {
    let err = |reason| LoadError {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = fsx::read_regular(path).map_err(|p| err(reason_of(p)))?;
    let inspection = parse_inspection(&bytes).map_err(err)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if inspection.id != stem {
        return Err(err(LoadReason::IdMismatch {
            in_file: inspection.id,
        }));
    }
    Ok(inspection)
}

/// The id written inside an inspection file, read without decoding the rest; `None` when
/// the file cannot be read or has no id.
pub fn id_inside(path: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let bytes = fsx::read_regular(path).ok()?;
    serde_json::from_slice::<IdOnly>(&bytes).ok().map(|f| f.id)
}

/// Parse the bytes of an inspection file, naming the first thing wrong with them.
pub fn parse_inspection(bytes: &[u8]) -> Result<Inspection, LoadReason> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadReason::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| match e.error_len() {
        // A character cut off at the very end: the file was truncated mid-write.
        None => LoadReason::Truncated {
            line: bytes.iter().filter(|b| **b == b'\n').count() + 1,
        },
        Some(_) => LoadReason::InvalidUtf8 {
            offset: e.valid_up_to(),
        },
    })?;
    if text.starts_with('\u{FEFF}') {
        return Err(LoadReason::Bom);
    }
    if let Some(path) = duplicate_key(text) {
        return Err(LoadReason::DuplicateKey(path));
    }
    // A file of a newer schema loads when its fields still fit: it opens read-only
    // (`DataDir::save` refuses it), so that nothing this kiemtra does not know is lost.
    match serde_json::from_str::<Inspection>(text) {
        Ok(i) if i.schema_version >= 1 => Ok(i),
        Ok(i) => Err(LoadReason::BadSchema(u64::from(i.schema_version))),
        Err(typed) => Err(diagnose(text, typed)),
    }
}

/// The path (`answers.II.3.evidence`) of the first key that appears twice in one object,
/// if any. serde_json keeps the last silently; a file that says two things is refused.
pub fn duplicate_key(text: &str) -> Option<String> {
    use serde::de::DeserializeSeed;
    // Almost no file repeats a key: a quick scan clears those, and only the others are
    // walked key by key (`list` reads every file of the folder).
    if !super::key_scan::may_repeat_a_key(text) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let path = std::cell::RefCell::new(String::new());
    match KeyWalk(&path).deserialize(&mut de) {
        Err(e) => e.to_string().strip_prefix(DUPLICATE).map(strip_position),
        Ok(()) => None,
    }
}

const DUPLICATE: &str = "duplicate key: ";

/// Walks a JSON document without keeping it, failing at the first repeated key. The path
/// of where it is grows and shrinks in one buffer (`list` walks every file, so no path is
/// built per key).
struct KeyWalk<'p>(&'p std::cell::RefCell<String>);

impl KeyWalk<'_> {
    /// Add `part` to the path; returns the length to cut it back to.
    fn enter(&self, part: std::fmt::Arguments) -> usize {
        use std::fmt::Write;
        let mut path = self.0.borrow_mut();
        let len = path.len();
        let _ = path.write_fmt(part);
        len
    }
    fn leave(&self, len: usize) {
        self.0.borrow_mut().truncate(len);
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyWalk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyWalk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let dot = if self.0.borrow().is_empty() { "" } else { "." };
            let len = self.enter(format_args!("{dot}{key}"));
            if !seen.insert(key) {
                return Err(serde::de::Error::custom(format!(
                    "{DUPLICATE}{}",
                    self.0.borrow()
                )));
            }
            map.next_value_seed(KeyWalk(self.0))?;
            self.leave(len);
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let len = self.enter(format_args!("[{i}]"));
            let more = seq.next_element_seed(KeyWalk(self.0))?.is_some();
            self.leave(len);
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

fn diagnose(text: &str, typed: serde_json::Error) -> LoadReason {
    use serde_json::error::Category;
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => v,
        Err(e) => {
            return match e.classify() {
                Category::Eof => LoadReason::Truncated { line: e.line() },
                _ => LoadReason::Syntax {
                    line: e.line(),
                    column: e.column(),
                },
            };
        }
    };
    let Some(obj) = value.as_object() else {
        return LoadReason::NotAnObject;
    };
    match obj.get("schema_version").map(serde_json::Value::as_u64) {
        None => return LoadReason::NoSchemaVersion,
        // A newer kiemtra changed the shape of a field this one knows: it cannot be read.
        Some(Some(0)) => return LoadReason::BadSchema(0),
        Some(Some(v)) if v > u64::from(SCHEMA_VERSION) => {
            return LoadReason::NewerSchema {
                found: v,
                supported: SCHEMA_VERSION,
            };
        }
        _ => {}
    }
    LoadReason::WrongTypes {
        detail: strip_position(&typed.to_string()),
        line: typed.line(),
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The bytes kiemtra writes for an inspection: pretty JSON with a final newline.
pub fn to_file_bytes(inspection: &Inspection) -> Vec<u8> {
    // A demo file is about 20 KB: room for it at once spares growing the buffer ten times.
    let mut bytes = Vec::with_capacity(32 * 1024);
    if serde_json::to_writer_pretty(&mut bytes, inspection).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes
}

/// Why a file failed the quick read of `list` or `summary` (which decode only some fields):
/// the full parse names the problem; a file that parses fully has no schema version.
/// The text of a file every quick reader (`list`, `summary`, the console's rows) must
/// refuse as a full load does: bytes that are not UTF-8 (even in a field the reader does
/// not use), a BOM, or a key given twice (which one counts?).
pub fn checked_text(bytes: &[u8]) -> Result<&str, LoadReason> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(quick_read_failure(bytes));
    };
    if text.starts_with('\u{FEFF}') {
        return Err(LoadReason::Bom);
    }
    match duplicate_key(text) {
        Some(key) => Err(LoadReason::DuplicateKey(key)),
        None => Ok(text),
    }
}

pub fn quick_read_failure(bytes: &[u8]) -> LoadReason {
    match parse_inspection(bytes) {
        Err(reason) => reason,
        Ok(_) => LoadReason::NoSchemaVersion,
    }
}

/// The file name must be the id written inside it; otherwise it is a copy of another.
pub fn check_named_by_id(path: &Path, id: &str) -> Result<(), LoadReason> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    if id == stem {
        Ok(())
    } else {
        Err(LoadReason::IdMismatch {
            in_file: id.to_string(),
        })
    }
}

/// Whether a file that claims a seal fails it: its content no longer matches the seal, or
/// the catalog found for it (`found_catalog`, its SHA-256) is not the one it names.
/// `seals` answers for contents whose seal was found intact before.
pub fn seal_broken_in(
    bytes: &[u8],
    named_catalog: &str,
    found_catalog: Option<&str>,
    seals: &super::seal_cache::SealCache,
) -> bool {
    found_catalog.is_some_and(|k| k != named_catalog) || !seals.seal_holds(bytes)
}

#[cfg(test)]
mod key_walk_tests {
    use super::duplicate_key;

    #[test]
    fn a_repeated_key_is_named_by_its_whole_path() {
        let text = r#"{"a": [{"b": 1}, {"c": {"d": 1}, "b": 1, "b": 2}], "e": {"f": 1}}"#;
        assert_eq!(duplicate_key(text).as_deref(), Some("a[1].b"));
        assert_eq!(
            duplicate_key(r#"{"x": 1, "y": {"x": 1}, "x": 2}"#).as_deref(),
            Some("x")
        );
        assert_eq!(
            duplicate_key(r#"{"a": [{"b": 1}, {"b": 1}], "c": {"b": 2}}"#),
            None
        );
    }
}
