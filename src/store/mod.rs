//! The data directory: where inspections, locks, catalogs, quarantine and recovery files
//! live, and the only code that reads or writes them.

pub mod actions;
pub mod bundle;
pub mod catalogs;
pub mod duplicates;
pub mod fsx;
pub mod git;
pub mod key_scan;
pub mod listing;
pub mod load;
pub mod lock;
pub mod rollout;
pub mod seal_cache;

use std::io;
use std::path::{Path, PathBuf};

pub use catalogs::{CatalogOrigin, Catalogs, default_catalog};
pub use fsx::{SaveError, write_atomic};
pub use load::{LoadError, LoadReason, load_inspection_file, parse_inspection};
pub use lock::{Holder, InspectionLock, LockError};

use crate::domain::Inspection;
use crate::domain::inspection::SCHEMA_VERSION;

/// Environment variable naming the data directory.
pub const DATA_DIR_ENV: &str = "KIEMTRA_DATA_DIR";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataDirSource {
    Flag,
    Env,
    Default,
}

/// The data directory and its layout.
#[derive(Debug, Clone)]
pub struct DataDir {
    pub root: PathBuf,
    pub source: DataDirSource,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data directory: HOME is not set; pass --data-dir or set KIEMTRA_DATA_DIR")]
    NoHome,
    #[error("cannot create folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot read folder {path}: {source}")]
    ReadDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no inspection with id {0}")]
    UnknownId(String),
    #[error("id {prefix} is ambiguous: {}", .matches.join(", "))]
    AmbiguousId {
        prefix: String,
        matches: Vec<String>,
    },
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The file would be larger than kiemtra reads: it is not written.
    #[error("the file would be {size} bytes, over the limit")]
    TooLarge { size: u64 },
    /// The file was written by a newer kiemtra: it is shown, never rewritten here.
    #[error("written by a newer kiemtra (schema {found})")]
    NewerSchema { found: u32 },
}

impl DataDir {
    /// `--data-dir`, then `KIEMTRA_DATA_DIR`, then the platform default
    /// (`~/.local/share/kiemtra` on Linux).
    pub fn resolve(flag: Option<&Path>) -> Result<DataDir, StoreError> {
        if let Some(p) = flag {
            return Ok(DataDir {
                root: p.to_path_buf(),
                source: DataDirSource::Flag,
            });
        }
        if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(DataDir {
                root: PathBuf::from(p),
                source: DataDirSource::Env,
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "kiemtra").ok_or(StoreError::NoHome)?;
        Ok(DataDir {
            root: dirs.data_dir().to_path_buf(),
            source: DataDirSource::Default,
        })
    }

    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir {
            root: root.into(),
            source: DataDirSource::Flag,
        }
    }

    pub fn inspections(&self) -> PathBuf {
        self.root.join("inspections")
    }
    pub fn locks(&self) -> PathBuf {
        self.root.join("locks")
    }
    pub fn catalogs(&self) -> PathBuf {
        self.root.join("catalogs")
    }
    pub fn quarantine(&self) -> PathBuf {
        self.root.join("quarantine")
    }
    pub fn recovery(&self) -> PathBuf {
        self.root.join("recovery")
    }
    pub fn migrated(&self) -> PathBuf {
        self.root.join("migrated")
    }

    pub fn inspection_path(&self, id: &str) -> PathBuf {
        self.inspections().join(format!("{id}.json"))
    }
    pub fn lock_path(&self, id: &str) -> PathBuf {
        self.locks().join(format!("{id}.lock"))
    }

    /// Create a folder of the layout (and the data directory) if missing, private.
    pub fn ensure(&self, sub: &Path) -> Result<(), StoreError> {
        for dir in [self.root.as_path(), sub] {
            fsx::ensure_private_dir(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Ok(())
    }

    /// Every `*.json` file in `inspections/` (not temp files), sorted by name.
    /// A missing folder is an empty list.
    pub fn inspection_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        json_files(&self.inspections())
    }

    /// Resolve a whole id or a unique prefix of one to the id of a file in `inspections/`.
    /// A whole id whose file carries that id inside costs one file read, whatever the size
    /// of the folder. A prefix counts only the ids found inside files that load, so that a
    /// planted file named with a prefix cannot take the place of the inspection meant.
    pub fn resolve_id(&self, prefix: &str) -> Result<String, StoreError> {
        let prefix = prefix.trim();
        if !prefix.is_empty()
            && !prefix.contains(['/', '\\'])
            && !prefix.starts_with('.')
            && load::id_inside(&self.inspection_path(prefix)).as_deref() == Some(prefix)
        {
            return Ok(prefix.to_string());
        }
        let files = self.inspection_files()?;
        let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().into_owned());
        if files.iter().any(|p| stem(p).as_deref() == Some(prefix)) {
            return Ok(prefix.to_string());
        }
        let matches: Vec<String> = files
            .iter()
            .filter(|p| !prefix.is_empty() && stem(p).is_some_and(|s| s.starts_with(prefix)))
            .filter_map(|p| load_inspection_file(p).ok().map(|i| i.id))
            .collect();
        match matches.len() {
            0 => Err(StoreError::UnknownId(prefix.to_string())),
            1 => Ok(matches.into_iter().next().unwrap_or_default()),
            _ => Err(StoreError::AmbiguousId {
                prefix: prefix.to_string(),
                matches,
            }),
        }
    }

    pub fn load(&self, id: &str) -> Result<Inspection, StoreError> {
        Ok(load_inspection_file(&self.inspection_path(id))?)
    }

    /// Save an inspection durably; returns the file written. A file of a newer schema is
    /// never rewritten: this kiemtra may not know what its fields mean.
    pub fn save(&self, inspection: &Inspection) -> Result<PathBuf, StoreError> {
        if inspection.schema_version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: inspection.schema_version,
            });
        }
        self.ensure(&self.inspections())?;
        let path = self.inspection_path(&inspection.id);
        let mut upgraded;
        let mut current = inspection;
        if inspection.schema_version < SCHEMA_VERSION {
            self.keep_original(&path)?;
            upgraded = inspection.clone();
            upgraded.schema_version = SCHEMA_VERSION;
            current = &upgraded;
        }
        let bytes = load::to_file_bytes(current);
        // Never write a file that loading would refuse: the old one stays readable.
        if bytes.len() as u64 > fsx::MAX_FILE_BYTES {
            return Err(StoreError::TooLarge {
                size: bytes.len() as u64,
            });
        }
        write_atomic(&path, &bytes)?;
        Ok(path)
    }

    /// Before a file of an older schema is first rewritten, keep its bytes as they were
    /// in `migrated/<id>.v<N>.json` (never overwritten).
    fn keep_original(&self, path: &Path) -> Result<(), StoreError> {
        let Ok(bytes) = fsx::read_regular(path) else {
            return Ok(());
        };
        let version = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64))
            .unwrap_or(0);
        if version >= u64::from(SCHEMA_VERSION) {
            return Ok(());
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = self.migrated();
        self.ensure(&dir)?;
        let kept = dir.join(format!("{stem}.v{version}.json"));
        if !kept.exists() {
            write_atomic(&kept, &bytes)?;
        }
        Ok(())
    }

    /// Remove temporary files left in `inspections/` by saves that never finished (their
    /// writer is no longer running). They are partial copies, never data: the real file
    /// was not replaced. Returns how many were removed.
    pub fn remove_stale_temps(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(self.inspections()) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                fsx::temp_writer(&name)
                    .is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists())
                    && e.file_type().is_ok_and(|t| t.is_file())
            })
            .filter(|e| std::fs::remove_file(e.path()).is_ok())
            .count()
    }

    /// Paths of the data directory that others on this machine can read or write
    /// (group or other permission bits), the folder and its inspections.
    pub fn exposed(&self) -> Vec<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let exposed = |p: &Path| {
            std::fs::symlink_metadata(p)
                .is_ok_and(|m| !m.file_type().is_symlink() && m.permissions().mode() & 0o077 != 0)
        };
        let mut paths: Vec<PathBuf> = [self.root.clone(), self.inspections()]
            .into_iter()
            .filter(|p| exposed(p))
            .collect();
        // Walked, not listed first: a folder of 100,000 files costs no list of names.
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.inspections())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .filter(|p| exposed(p))
            .collect();
        files.sort();
        paths.extend(files);
        paths
    }

    /// Take the write lock of an inspection, waiting up to `wait` for another holder.
    pub fn lock_waiting(
        &self,
        id: &str,
        program: &str,
        wait: std::time::Duration,
    ) -> Result<InspectionLock, StoreError> {
        self.ensure(&self.locks())?;
        Ok(InspectionLock::acquire_waiting(
            self.lock_path(id),
            program,
            wait,
        )?)
    }

    /// Take the write lock of an inspection.
    pub fn lock(&self, id: &str, program: &str) -> Result<InspectionLock, StoreError> {
        self.ensure(&self.locks())?;
        Ok(InspectionLock::acquire(self.lock_path(id), program)?)
    }
}

/// `*.json` files directly in `dir`, temp files left out, sorted. Missing folder: empty.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(StoreError::ReadDir {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| is_listed_name(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    out.sort();
    Ok(out)
}

/// Whether a file name in a folder of inspections or catalogs is one to read: `*.json`,
/// neither hidden nor one of our temp files.
pub fn is_listed_name(name: &str) -> bool {
    name.ends_with(".json") && !name.starts_with('.') && !fsx::is_temp_name(name)
}
