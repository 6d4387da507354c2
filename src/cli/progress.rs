//! A progress bar on standard error for commands that run longer than about a second
//! (demo, summary, validate, quarantine, sync import). It is
//! drawn only when standard error is a terminal, so scripts and tests see clean output,
//! and it is wiped before the command prints its result.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::domain::Lang;
use crate::i18n::progress::{Task, label};

/// A command that finishes before this never shows a bar.
const DEFAULT_DELAY: Duration = Duration::from_secs(1);
/// The bar is redrawn at most this often.
const REDRAW: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;

/// Test hook: how many milliseconds to wait before the bar first shows (default 1000).
pub const DELAY_ENV: &str = "KIEMTRA_PROGRESS_DELAY_MS";

pub struct Bar {
    label: &'static str,
    total: AtomicU64,
    done: AtomicU64,
    start: Instant,
    delay: Duration,
    enabled: bool,
    last_draw: Mutex<Option<Instant>>,
    drawn: AtomicBool,
}

impl Bar {
    /// A bar for `total` steps of `task`; silent unless standard error is a terminal.
    pub fn new(lang: Lang, task: Task, total: u64) -> Bar {
        let delay = std::env::var(DELAY_ENV)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .map_or(DEFAULT_DELAY, Duration::from_millis);
        Bar {
            label: label(lang, task),
            total: AtomicU64::new(total),
            done: AtomicU64::new(0),
            start: Instant::now(),
            delay,
            enabled: std::io::stderr().is_terminal(),
            last_draw: Mutex::new(None),
            drawn: AtomicBool::new(false),
        }
    }

    /// The number of steps, once it is known (a folder being walked).
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// `n` more steps done; may be called from any thread.
    pub fn inc(&self, n: u64) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.start) < self.delay {
            return;
        }
        // Whoever holds the lock draws; the others go on with their work.
        let Ok(mut last) = self.last_draw.try_lock() else {
            return;
        };
        if last.is_some_and(|t| now.duration_since(t) < REDRAW) {
            return;
        }
        *last = Some(now);
        let line = render(self.label, done, self.total.load(Ordering::Relaxed));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
        self.drawn.store(true, Ordering::Relaxed);
    }

    /// Wipe the bar, if it was drawn, so that what the command prints next starts clean.
    pub fn finish(&self) {
        if self.drawn.swap(false, Ordering::Relaxed) {
            let _ = self.last_draw.lock().map(|_guard| {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[K");
                let _ = err.flush();
            });
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}

/// One line of the bar: `label [#########.........]  45%  4,500/10,000`, ASCII only so
/// that it draws on any terminal.
pub fn render(label: &str, done: u64, total: u64) -> String {
    let part = done.min(total);
    let filled = (part as usize * WIDTH)
        .checked_div(total as usize)
        .unwrap_or(0);
    let percent = (part * 100).checked_div(total).unwrap_or(0);
    format!(
        "{label} [{}{}] {percent:>3}%  {done}/{total}",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_work_done() {
        assert_eq!(
            render("Reading", 0, 10),
            format!("Reading [{}]   0%  0/10", ".".repeat(WIDTH))
        );
        assert_eq!(
            render("Reading", 5, 10),
            format!("Reading [{}{}]  50%  5/10", "#".repeat(15), ".".repeat(15))
        );
        assert_eq!(
            render("Reading", 10, 10),
            format!("Reading [{}] 100%  10/10", "#".repeat(WIDTH))
        );
        // More done than announced (files added meanwhile) never overflows the bar.
        assert!(render("Reading", 12, 10).contains(&format!("[{}] 100%", "#".repeat(WIDTH))));
        assert!(render("Reading", 3, 0).contains("  0%"));
    }
}
