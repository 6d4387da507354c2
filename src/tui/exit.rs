//! Leaving safely: what the signal thread, the hang-up watchdog and the panic hook need to
//! save the latest work, restore the terminal and go, from whichever thread notices first.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use jiff::Timestamp;
use ratatui::crossterm::event::DisableBracketedPaste;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
use serde::{Deserialize, Serialize};

use crate::domain::{Inspection, Lang};
use crate::i18n;
use crate::store::{DataDir, fsx};

/// What the signal thread, the watchdog and the panic hook need to save the latest work.
pub(super) struct Shared {
    pub(super) data: DataDir,
    pub(super) latest: Option<Inspection>,
    pub(super) dirty: bool,
    pub(super) screen: String,
}

pub(super) static SHARED: OnceLock<Mutex<Shared>> = OnceLock::new();

/// A crash snapshot in `recovery/`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub saved_at: Timestamp,
    pub reason: String,
    pub screen: String,
    pub inspection: Option<Inspection>,
}

pub(super) fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Save what is unsaved, if anything. Safe to call from any thread.
pub(super) fn save_latest() -> Option<String> {
    // The save worker first: what it holds is older than `latest` and must not land after.
    super::saver::wait_all();
    let shared = SHARED.get()?;
    let mut s = shared.lock().unwrap_or_else(|p| p.into_inner());
    if !s.dirty {
        return None;
    }
    let inspection = s.latest.clone()?;
    match s.data.save(&inspection) {
        Ok(_) => {
            s.dirty = false;
            None
        }
        Err(e) => Some(i18n::store_error(Lang::Vi, &e)),
    }
}

/// Leave at once: save, restore the terminal, exit with `code`.
pub(super) fn leave(code: i32) -> ! {
    let problem = save_latest();
    restore_terminal();
    if let Some(p) = problem {
        let _ = writeln!(io::stderr(), "kiemtra: {p}");
    }
    std::process::exit(code)
}

/// The terminal stopped answering: leave as on SIGHUP.
pub(super) fn hangup() -> ! {
    leave(128 + libc::SIGHUP)
}

pub(super) fn spawn_signal_thread() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("kiemtra-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                leave(128 + sig);
            }
        })?;
    Ok(())
}

/// The controlling terminal of this process (field 7 of /proc/self/stat); 0 when none.
fn controlling_tty() -> Option<i64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(4)?.parse().ok()
}

/// The terminal device this process draws on, as /proc names it: the target of standard
/// input when that is a terminal (crossterm reads it), else /dev/tty.
fn terminal_path() -> Option<String> {
    let link = std::fs::read_link("/proc/self/fd/0").ok()?;
    let path = link.to_string_lossy().into_owned();
    if path.starts_with("/dev/pts/") || path.starts_with("/dev/tty") || path == "/dev/console" {
        Some(path)
    } else {
        None
    }
}

/// What the watchdog watches: any one of them changing means the terminal is gone.
struct Watched {
    /// The controlling terminal at start (0 when started without one, e.g. under `setsid`).
    ctty: Option<i64>,
    /// The terminal device standard input is on.
    tty: Option<String>,
    /// The parent at start; when it dies this process is handed to another (init or a
    /// subreaper), which is how a lost SSH session looks to a process that ignores SIGHUP.
    parent: u32,
}

impl Watched {
    fn now() -> Watched {
        Watched {
            ctty: controlling_tty().filter(|t| *t != 0),
            tty: terminal_path(),
            parent: std::os::unix::process::parent_id(),
        }
    }

    /// Why the terminal counts as gone, if it does.
    fn gone(&self) -> Option<&'static str> {
        if self.ctty.is_some() && controlling_tty() != self.ctty {
            return Some("lost the controlling terminal");
        }
        if let Some(tty) = &self.tty {
            // A pseudo-terminal whose other side closed is unlinked from /dev/pts, and
            // /proc shows our descriptor as "(deleted)".
            let deleted = std::fs::read_link("/proc/self/fd/0")
                .map(|l| l.to_string_lossy().ends_with(" (deleted)"))
                .unwrap_or(true);
            if deleted || std::fs::metadata(tty).is_err() {
                return Some("the terminal device went away");
            }
        }
        if self.parent > 1 && std::os::unix::process::parent_id() != self.parent {
            return Some("the parent process ended");
        }
        None
    }
}

/// A terminal that goes away without a signal (an SSH drop, a killed tmux server with
/// SIGHUP ignored, a console started under `setsid`) must not leave a process spinning on
/// a dead terminal and holding its lock: notice it and leave as on SIGHUP, saving first.
pub(super) fn spawn_watchdog() {
    let watched = Watched::now();
    if watched.ctty.is_none() && watched.tty.is_none() {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("kiemtra-watchdog".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                if watched.gone().is_some() {
                    hangup();
                }
            }
        });
}

pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore_terminal();
        // Saves already queued land first, so the file on disk is as new as it can be.
        super::saver::wait_all();
        let written = write_snapshot(&info.to_string());
        let _ = match written {
            Some(path) => writeln!(
                io::stderr(),
                "kiemtra: {info}\nkiemtra: snapshot saved to {} / đã lưu bản khôi phục; it will be offered at the next start.",
                path.display()
            ),
            None => writeln!(io::stderr(), "kiemtra: {info}"),
        };
        // Leave now, with the code Rust uses for a panic: the snapshot is written and the
        // terminal restored; unwinding through the terminal and threads adds nothing.
        std::process::exit(101);
    }));
}

fn write_snapshot(reason: &str) -> Option<PathBuf> {
    let shared = SHARED.get()?;
    let s = match shared.try_lock() {
        Ok(s) => s,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(_) => return None,
    };
    let snapshot = Snapshot {
        format: "kiemtra-recovery".into(),
        saved_at: Timestamp::now(),
        reason: reason.to_string(),
        screen: s.screen.clone(),
        inspection: s.latest.clone(),
    };
    let dir = s.data.recovery();
    s.data.ensure(&dir).ok()?;
    let id = snapshot
        .inspection
        .as_ref()
        .map(|i| i.id.as_str())
        .unwrap_or("none");
    let path = dir.join(format!("{}-{id}.json", snapshot.saved_at.as_second()));
    let bytes = serde_json::to_vec_pretty(&snapshot).ok()?;
    fsx::write_atomic(&path, &bytes).ok()?;
    Some(path)
}
