//! The user's settings file, `config.toml`: who is inspecting, the language and look, the
//! default catalog and data folder, and the trust and sync settings that other commands read.
//! Flags and environment variables win over it; it wins over the built-in defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Lang;

/// Environment variable naming the config file (tests and unusual set-ups use it).
pub const CONFIG_ENV: &str = "KIEMTRA_CONFIG";

/// Everything `config.toml` can hold. Unknown keys are an error, so a typo is never
/// silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub inspector: InspectorSection,
    #[serde(default)]
    pub ui: UiSection,
    #[serde(default)]
    pub data: DataSection,
    #[serde(default)]
    pub trust: TrustSection,
    #[serde(default)]
    pub sync: SyncSection,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectorSection {
    pub name: Option<String>,
    pub team: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSection {
    pub lang: Option<Lang>,
    pub ascii: Option<bool>,
    pub no_color: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSection {
    pub dir: Option<PathBuf>,
    pub catalog: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustSection {
    pub allowed_signers: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncSection {
    pub remote: Option<String>,
}

/// What kind of value a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Text,
    Path,
    Bool,
    Lang,
}

/// Every key `kiemtra config set` accepts, in the order `config show` lists them.
pub const KEYS: [(&str, KeyKind); 9] = [
    ("inspector.name", KeyKind::Text),
    ("inspector.team", KeyKind::Text),
    ("ui.lang", KeyKind::Lang),
    ("ui.ascii", KeyKind::Bool),
    ("ui.no_color", KeyKind::Bool),
    ("data.dir", KeyKind::Path),
    ("data.catalog", KeyKind::Path),
    ("trust.allowed_signers", KeyKind::Path),
    ("sync.remote", KeyKind::Text),
];

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unknown key {0}")]
    UnknownKey(String),
    #[error("{key}: bad value {value}")]
    BadValue { key: String, value: String },
    #[error("no home folder: set {CONFIG_ENV}")]
    NoHome,
    #[error(transparent)]
    Save(#[from] crate::store::fsx::SaveError),
}

/// Where the config file is: `$KIEMTRA_CONFIG`, else `config.toml` in the platform's config
/// folder (`~/.config/kiemtra/config.toml` on Linux).
pub fn path() -> Result<PathBuf, ConfigError> {
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "kiemtra")
        .map(|d| d.config_dir().join("config.toml"))
        .ok_or(ConfigError::NoHome)
}

impl Config {
    /// Read the config file; a missing file is the defaults, a bad one an error naming it.
    pub fn load() -> Result<Config, ConfigError> {
        Config::load_from(&path()?)
    }

    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parse the text of a config file; errors carry the line and column.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(text, s.start))
                .unwrap_or((1, 1));
            ConfigError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// The value of a key as stored in the file, if set.
    pub fn get(&self, key: &str) -> Option<String> {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let flag = |b: Option<bool>| b.map(|b| b.to_string());
        match key {
            "inspector.name" => self.inspector.name.clone(),
            "inspector.team" => self.inspector.team.clone(),
            "ui.lang" => self.ui.lang.map(|l| lang_key(l).to_string()),
            "ui.ascii" => flag(self.ui.ascii),
            "ui.no_color" => flag(self.ui.no_color),
            "data.dir" => path(&self.data.dir),
            "data.catalog" => path(&self.data.catalog),
            "trust.allowed_signers" => path(&self.trust.allowed_signers),
            "sync.remote" => self.sync.remote.clone(),
            _ => None,
        }
    }

    /// The data folder, when one is configured (`~/` is the home folder).
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.data.dir.as_deref().map(expand_home)
    }

    /// The catalog file new inspections use, when one is configured.
    pub fn default_catalog(&self) -> Option<PathBuf> {
        self.data.catalog.as_deref().map(expand_home)
    }

    /// The inspector's name, when one is configured.
    pub fn inspector_name(&self) -> Option<&str> {
        non_empty(&self.inspector.name)
    }

    /// The inspector's team, when one is configured.
    pub fn inspector_team(&self) -> Option<&str> {
        non_empty(&self.inspector.team)
    }

    /// The allowed-signers file used to check seal signatures, when one is configured.
    pub fn allowed_signers(&self) -> Option<PathBuf> {
        self.trust.allowed_signers.as_deref().map(expand_home)
    }

    /// The sync remote, when one is configured.
    pub fn sync_remote(&self) -> Option<&str> {
        non_empty(&self.sync.remote)
    }
}

/// A leading `~/` means the home folder, as a shell would read it.
fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => p.to_path_buf(),
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

pub fn lang_key(l: Lang) -> &'static str {
    match l {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A yes/no typed on the command line, in either language.
fn parse_bool(v: &str) -> Option<bool> {
    match crate::domain::text::fold(v.trim()).as_str() {
        "true" | "yes" | "1" | "co" | "on" => Some(true),
        "false" | "no" | "0" | "khong" | "off" => Some(false),
        _ => None,
    }
}

/// Set `key` to `value` in the file at `path` (an empty value removes the key), keeping the
/// file's comments and layout, and write it atomically. Returns the new settings.
pub fn set(path: &Path, key: &str, value: &str) -> Result<Config, ConfigError> {
    let kind = KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
        .ok_or_else(|| ConfigError::UnknownKey(key.to_string()))?;
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    // A broken file is reported, never overwritten.
    Config::parse(path, &text)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, column) = e
            .span()
            .map(|s| line_column(&text, s.start))
            .unwrap_or((1, 1));
        ConfigError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    let (section, name) = key.split_once('.').unwrap_or((key, ""));
    let bad = || ConfigError::BadValue {
        key: key.to_string(),
        value: value.to_string(),
    };
    let value = value.trim();
    if value.is_empty() {
        if let Some(t) = doc.get_mut(section).and_then(|t| t.as_table_like_mut()) {
            t.remove(name);
        }
    } else {
        let item = match kind {
            KeyKind::Text | KeyKind::Path => toml_edit::value(crate::domain::nfc(value)),
            KeyKind::Bool => toml_edit::value(parse_bool(value).ok_or_else(bad)?),
            KeyKind::Lang => match value.to_ascii_lowercase().as_str() {
                "vi" | "en" => toml_edit::value(value.to_ascii_lowercase()),
                _ => return Err(bad()),
            },
        };
        if !doc.contains_key(section) {
            doc.insert(section, toml_edit::table());
        }
        doc[section][name] = item;
    }
    let new_text = doc.to_string();
    let config = Config::parse(path, &new_text)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::store::fsx::ensure_private_dir(dir).map_err(|source| ConfigError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    crate::store::fsx::write_atomic(path, new_text.as_bytes())?;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let text = "[inspector]\nname = \"A\"\n[ui]\nascii = yes\n";
        match Config::parse(Path::new("c.toml"), text) {
            Err(ConfigError::Syntax { line, column, .. }) => {
                assert_eq!((line, column), (4, 9));
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_place() {
        let text = "[ui]\nlang = \"en\"\ncolour = false\n";
        match Config::parse(Path::new("c.toml"), text) {
            Err(ConfigError::Syntax { line, message, .. }) => {
                assert_eq!(line, 3);
                assert!(message.contains("colour"), "{message}");
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn every_key_reads_back() {
        let text = "[inspector]\nname = \"Nguyễn Văn A\"\nteam = \"Đoàn 1\"\n[ui]\nlang = \"en\"\nascii = true\nno_color = false\n[data]\ndir = \"/d\"\ncatalog = \"/c.json\"\n[trust]\nallowed_signers = \"/s\"\n[sync]\nremote = \"hub\"\n";
        let c = Config::parse(Path::new("c.toml"), text).unwrap_or_else(|e| panic!("{e}"));
        for (key, _) in KEYS {
            assert!(c.get(key).is_some(), "{key} not read");
        }
        assert_eq!(c.inspector_name(), Some("Nguyễn Văn A"));
        assert_eq!(c.allowed_signers(), Some(PathBuf::from("/s")));
        assert_eq!(c.sync_remote(), Some("hub"));
    }
}
