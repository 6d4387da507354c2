//! The `git` program, run on the data directory: the engine of sync. kiemtra never talks to
//! a network itself; git does, over whatever URL the team gave (a path, a share, SSH).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The oldest git this works with (for `merge-tree`-free merges, `init -b`, bundles v2).
pub const MIN_VERSION: (u32, u32) = (2, 30);

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed")]
    Missing,
    #[error("git {0} is older than 2.30")]
    TooOld(String),
    #[error("git {command} failed: {stderr}")]
    Failed { command: String, stderr: String },
}

/// A git repository at the data directory.
#[derive(Debug, Clone)]
pub struct Git {
    pub root: PathBuf,
}

/// The installed git's version, checked against [`MIN_VERSION`].
pub fn check_version() -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| GitError::Missing)?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let version = text
        .split_whitespace()
        .nth(2)
        .unwrap_or_default()
        .to_string();
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if !out.status.success() || (major, minor) < MIN_VERSION {
        return Err(GitError::TooOld(if version.is_empty() {
            text
        } else {
            version
        }));
    }
    Ok(version)
}

impl Git {
    pub fn at(root: &Path) -> Git {
        Git {
            root: root.to_path_buf(),
        }
    }

    /// Whether the data directory is itself a repository (not merely inside one).
    pub fn is_repo(&self) -> bool {
        self.root.join(".git").exists()
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(&self.root)
            .args(args)
            .stdin(Stdio::null())
            // Stable words to read back, and never a prompt that would hang a laptop.
            .env("LC_ALL", "C")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_MERGE_AUTOEDIT", "no");
        if std::env::var_os("GIT_SSH_COMMAND").is_none() {
            cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        cmd
    }

    /// Run git; its standard output when it succeeded.
    pub fn run<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let out = self.output(args.clone())?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        Err(failed(args, &out))
    }

    /// Run git; whether it succeeded (for questions like "does this ref exist").
    pub fn test<I, S>(&self, args: I) -> Result<bool, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    pub fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().map_err(|_| GitError::Missing)
    }

    /// A config value of the repository, or `None`.
    pub fn config(&self, key: &str) -> Option<String> {
        self.run(["config", "--get", key])
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// Lines of a command's output, empty ones left out.
    pub fn lines<I, S>(&self, args: I) -> Result<Vec<String>, GitError>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        Ok(self
            .run(args)?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// The commit a ref names, if it exists.
    pub fn rev(&self, name: &str) -> Option<String> {
        self.run(["rev-parse", "--verify", "-q", &format!("{name}^{{commit}}")])
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// The current branch ("main").
    pub fn branch(&self) -> String {
        self.run(["symbolic-ref", "--short", "HEAD"])
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "main".to_string())
    }
}

fn failed<I, S>(args: I, out: &Output) -> GitError
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let command = args
        .into_iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let mut stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if stderr.is_empty() {
        stderr = String::from_utf8_lossy(&out.stdout).trim().to_string();
    }
    GitError::Failed { command, stderr }
}

/// Inspection ids named by paths git printed (`inspections/<id>.json`).
pub fn inspection_ids(paths: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix("inspections/"))
        .filter_map(|p| p.strip_suffix(".json"))
        .filter(|p| !p.contains('/'))
        .map(str::to_string)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}
