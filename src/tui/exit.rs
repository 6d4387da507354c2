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

/// A terminal that goes away without a signal (an SSH drop) loses the controlling tty:
/// notice it and leave as on SIGHUP, instead of spinning on a dead terminal.
pub(super) fn spawn_watchdog() {
    let Some(start) = controlling_tty().filter(|t| *t != 0) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("kiemtra-watchdog".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                if controlling_tty() != Some(start) {
                    hangup();
                }
            }
        });
}

pub(super) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore_terminal();
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
