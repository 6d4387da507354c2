//! Where catalogs come from: the default compiled into the binary, catalogs installed in
//! the data directory's `catalogs/`, and any file named on the command line.

use std::path::{Path, PathBuf};

use crate::domain::Catalog;
use crate::domain::catalog::CatalogError;

use super::fsx::{self, ReadProblem};
use super::{DataDir, StoreError, json_files};

/// The default catalog file, compiled in so the program works wherever it is copied.
pub const DEFAULT_CATALOG_JSON: &[u8] =
    include_bytes!("../../data/catalogs/bca-5764-reconstruction.json");

/// The built-in default catalog.
pub fn default_catalog() -> Catalog {
    // The embedded file is checked by a test; failing here means a broken build.
    Catalog::from_json(DEFAULT_CATALOG_JSON).expect("the built-in catalog is valid")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogOrigin {
    BuiltIn,
    File(PathBuf),
}

/// Why a catalog file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogFileError {
    #[error("{}: cannot read: {problem:?}", path.display())]
    Read { path: PathBuf, problem: ReadProblem },
    #[error("{}: {error}", path.display())]
    Invalid { path: PathBuf, error: CatalogError },
    #[error("{}: a different catalog {id} {version} is already installed", path.display())]
    Conflict {
        path: PathBuf,
        id: String,
        version: String,
    },
    /// The same key twice in one object: tools disagree on which one counts.
    #[error("{}: the key {key} appears twice", path.display())]
    DuplicateKey { path: PathBuf, key: String },
}

/// Read and validate a catalog file.
pub fn load_catalog_file(path: &Path) -> Result<Catalog, CatalogFileError> {
    let bytes = fsx::read_regular(path).map_err(|problem| CatalogFileError::Read {
        path: path.to_path_buf(),
        problem,
    })?;
    if let Some(key) = std::str::from_utf8(&bytes)
        .ok()
        .and_then(super::load::duplicate_key)
    {
        return Err(CatalogFileError::DuplicateKey {
            path: path.to_path_buf(),
            key,
        });
    }
    Catalog::from_json(&bytes).map_err(|error| CatalogFileError::Invalid {
        path: path.to_path_buf(),
        error,
    })
}

/// The catalogs known in a data directory: the built-in one first.
pub struct Catalogs {
    pub entries: Vec<(Catalog, CatalogOrigin)>,
    /// Installed files that could not be read, with the reason.
    pub broken: Vec<CatalogFileError>,
}

impl Catalogs {
    pub fn load(data: &DataDir) -> Result<Catalogs, StoreError> {
        let mut entries = vec![(default_catalog(), CatalogOrigin::BuiltIn)];
        let mut broken = Vec::new();
        for path in json_files(&data.catalogs())? {
            match load_catalog_file(&path) {
                Ok(c) => entries.push((c, CatalogOrigin::File(path))),
                Err(e) => broken.push(e),
            }
        }
        Ok(Catalogs { entries, broken })
    }

    /// The catalog an inspection was made with: the same file (by SHA-256) if it is
    /// known, else the same id and version.
    pub fn find(&self, id: &str, version: &str, sha256: &str) -> Option<&Catalog> {
        self.entries
            .iter()
            .map(|(c, _)| c)
            .find(|c| c.sha256 == sha256)
            .or_else(|| {
                self.entries
                    .iter()
                    .map(|(c, _)| c)
                    .find(|c| c.id == id && c.version == version)
            })
    }

    /// Install a catalog file into the data directory so inspections made with it can be
    /// opened later. Installing the same file twice is harmless.
    pub fn install(data: &DataDir, path: &Path) -> Result<Catalog, InstallError> {
        let catalog = load_catalog_file(path)?;
        let known = Catalogs::load(data)?;
        if known
            .entries
            .iter()
            .any(|(c, _)| c.sha256 == catalog.sha256)
        {
            return Ok(catalog);
        }
        if known
            .entries
            .iter()
            .any(|(c, _)| c.id == catalog.id && c.version == catalog.version)
        {
            return Err(CatalogFileError::Conflict {
                path: path.to_path_buf(),
                id: catalog.id,
                version: catalog.version,
            }
            .into());
        }
        data.ensure(&data.catalogs())?;
        let bytes = fsx::read_regular(path).map_err(|problem| CatalogFileError::Read {
            path: path.to_path_buf(),
            problem,
        })?;
        let name = format!(
            "{}-{}.json",
            safe_name(&catalog.id),
            safe_name(&catalog.version)
        );
        fsx::write_atomic(&data.catalogs().join(name), &bytes).map_err(StoreError::from)?;
        Ok(catalog)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error(transparent)]
    File(#[from] CatalogFileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn safe_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
