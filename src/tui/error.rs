//! What the driver and its workers could not do, kept typed up to the status line, which
//! words it in the console's language when it draws (as it does every notice).

use std::path::PathBuf;
use std::sync::Arc;

use crate::domain::Lang;
use crate::i18n::{self, ui};
use crate::store::StoreError;
use crate::store::fsx::{OutputTarget, SaveError};

/// One failure, cheap to clone (a notice is cloned to compare it with the last one).
#[derive(Debug, Clone)]
pub enum ConsoleError {
    /// Reading, locking or moving in the data folder.
    Store(Arc<StoreError>),
    /// A save of the open inspection that did not reach the disk: the status line's short
    /// words, since it stays up until a later save lands.
    Save(Arc<StoreError>),
    /// A file outside the store (a temporary file, a snapshot moved aside), with the path
    /// when it helps.
    Io {
        path: Option<PathBuf>,
        error: Arc<std::io::Error>,
    },
    /// The inspection names a catalog this folder does not hold.
    UnknownCatalog { id: String, version: String },
    /// `$EDITOR` (this command) did not end well.
    Editor(String),
    /// A crash snapshot that cannot be read.
    BadSnapshot(PathBuf),
    /// An export's target is something a report must not replace.
    OutputRefused { path: PathBuf, target: OutputTarget },
    /// An export's target cannot be looked at.
    OutputUnreadable {
        path: PathBuf,
        error: Arc<std::io::Error>,
    },
    /// An export that could not be written.
    Write(Arc<SaveError>),
    /// A lower layer that words its own errors (the roll-out report).
    Worded(String),
}

impl ConsoleError {
    pub fn store(e: StoreError) -> ConsoleError {
        ConsoleError::Store(Arc::new(e))
    }

    pub fn io(path: Option<PathBuf>, e: std::io::Error) -> ConsoleError {
        ConsoleError::Io {
            path,
            error: Arc::new(e),
        }
    }

    /// The words, in the console's language.
    pub fn text(&self, lang: Lang) -> String {
        use ConsoleError as E;
        match self {
            E::Store(e) => i18n::store_error(lang, e),
            E::Save(e) => match &**e {
                StoreError::Save(s) => i18n::save_failed_short(lang, s),
                other => i18n::store_error(lang, other),
            },
            E::Io { path: None, error } => i18n::trust::io_text(lang, error),
            E::Io {
                path: Some(p),
                error,
            } => format!(
                "{}: {}",
                crate::domain::escape::for_terminal(&p.display().to_string()),
                i18n::trust::io_text(lang, error)
            ),
            E::UnknownCatalog { id, version } => i18n::unknown_catalog(lang, id, version),
            E::Editor(editor) => ui::editor_failed(lang, editor),
            E::BadSnapshot(p) => format!(
                "{}: {}",
                crate::domain::escape::for_terminal(&p.display().to_string()),
                i18n::pick(
                    lang,
                    "không đọc được bản khôi phục",
                    "cannot read the snapshot"
                )
            ),
            E::OutputRefused { path, target } => i18n::report::output_refused(lang, path, *target),
            E::OutputUnreadable { path, error } => {
                i18n::report::output_unreadable(lang, path, error)
            }
            E::Write(e) => i18n::save_error(lang, e),
            E::Worded(text) => text.clone(),
        }
    }
}

/// Two failures are the same notice when they are the same report (the errors inside are
/// not comparable; a new failure is a new report).
impl PartialEq for ConsoleError {
    fn eq(&self, other: &ConsoleError) -> bool {
        use ConsoleError as E;
        match (self, other) {
            (E::Store(a), E::Store(b)) | (E::Save(a), E::Save(b)) => Arc::ptr_eq(a, b),
            (E::Io { path: p, error: a }, E::Io { path: q, error: b }) => {
                p == q && Arc::ptr_eq(a, b)
            }
            (
                E::OutputUnreadable { path: p, error: a },
                E::OutputUnreadable { path: q, error: b },
            ) => p == q && Arc::ptr_eq(a, b),
            (E::Write(a), E::Write(b)) => Arc::ptr_eq(a, b),
            (E::UnknownCatalog { id, version }, E::UnknownCatalog { id: i, version: v }) => {
                id == i && version == v
            }
            (E::Editor(a), E::Editor(b)) | (E::Worded(a), E::Worded(b)) => a == b,
            (E::BadSnapshot(a), E::BadSnapshot(b)) => a == b,
            (E::OutputRefused { path, target }, E::OutputRefused { path: p, target: t }) => {
                path == p && target == t
            }
            _ => false,
        }
    }
}

/// Tests stand a worded failure in for one the driver met.
#[cfg(test)]
impl From<&str> for ConsoleError {
    fn from(text: &str) -> ConsoleError {
        ConsoleError::Worded(text.to_string())
    }
}
