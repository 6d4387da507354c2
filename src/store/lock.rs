//! One lock file per inspection under `locks/`, held while the inspection is open for
//! writing. The data file itself is replaced on every save, so it cannot carry the lock.
//! The kernel drops the lock when the holder dies, even by SIGKILL.

use std::fs::{File, OpenOptions, Permissions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use super::fsx::FILE_MODE;

/// Who holds a lock, as the holder wrote it into the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: String,
    pub program: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("open elsewhere ({holder:?})")]
    Held { holder: Option<Holder> },
    #[error("cannot use lock file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// How long a short command (`set`, `seal`, ...) waits for a lock that another short
/// command holds before it gives up.
pub const DEFAULT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct InspectionLock {
    _file: File,
    pub path: PathBuf,
}

impl InspectionLock {
    /// Take the lock at `path` without waiting; `program` says what holds it ("kiemtra set").
    pub fn acquire(path: PathBuf, program: &str) -> Result<InspectionLock, LockError> {
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held {
                    holder: parse_holder(&text),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        let _ = file.set_permissions(Permissions::from_mode(FILE_MODE));
        let holder = format!(
            "user={}\nhost={}\npid={}\nsince={}\nprogram={}\n",
            current_user(),
            host_name(),
            std::process::id(),
            jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_else(|_| jiff::Timestamp::now()),
            program
        );
        // Who holds it is a courtesy for the others; the lock itself is what protects.
        // Written whole first and only then cut to length, so that a reader never finds it
        // empty and a full disk leaves the previous holder's text rather than nothing.
        let _ = file
            .rewind()
            .and_then(|_| file.write_all(holder.as_bytes()))
            .and_then(|_| file.set_len(holder.len() as u64));
        Ok(InspectionLock { _file: file, path })
    }
}

impl InspectionLock {
    /// Take the lock, trying again for up to `wait` while another process holds it.
    pub fn acquire_waiting(
        path: PathBuf,
        program: &str,
        wait: std::time::Duration,
    ) -> Result<InspectionLock, LockError> {
        let deadline = std::time::Instant::now() + wait;
        let mut pause = std::time::Duration::from_millis(2);
        loop {
            match InspectionLock::acquire(path.clone(), program) {
                Err(LockError::Held { .. }) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause.min(deadline - std::time::Instant::now()));
                    pause = (pause * 2).min(std::time::Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }
}

impl Holder {
    /// Seconds since the holder took the lock, when its record says.
    pub fn held_secs(&self) -> Option<i64> {
        let since: jiff::Timestamp = self.since.parse().ok()?;
        Some(jiff::Timestamp::now().as_second() - since.as_second())
    }
}

fn parse_holder(text: &str) -> Option<Holder> {
    let mut h = Holder::default();
    for line in text.lines() {
        let (k, v) = line.split_once('=')?;
        match k {
            "user" => h.user = v.to_string(),
            "host" => h.host = v.to_string(),
            "pid" => h.pid = v.parse().unwrap_or(0),
            "since" => h.since = v.to_string(),
            "program" => h.program = v.to_string(),
            _ => {}
        }
    }
    (h.pid != 0).then_some(h)
}

/// The login name of whoever runs this process.
pub fn current_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .or_else(user_from_passwd)
        .unwrap_or_else(|| "?".to_string())
}

/// The name of this process's real uid in /etc/passwd (when USER is not set, as under
/// some service managers and terminal multiplexers).
fn user_from_passwd() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_string())
    })
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "?".to_string())
}
