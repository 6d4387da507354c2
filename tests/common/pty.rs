//! The real binary (or any program line) in a pseudo-terminal (portable-pty + vt100):
//! type keys, read the screen, wait for a condition with a deadline, and never leave a
//! console behind when a test fails.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::bin;

pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Tells the reader thread to let go of its end of the terminal.
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
}

impl Console {
    /// Run `program args` in a 24×`cols` terminal. With `root`, the home folder lives under
    /// it and it is the working folder. Colour is allowed unless `env` says otherwise.
    pub fn start(
        program: &OsStr,
        args: &[OsString],
        env: &[(&str, &str)],
        root: Option<&Path>,
        cols: u16,
    ) -> Console {
        let rows = 24;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "kiemtra-test");
        for k in ["NO_COLOR", "KIEMTRA_LANG", "KIEMTRA_DATA_DIR"] {
            cmd.env_remove(k);
        }
        if let Some(root) = root {
            cmd.env("HOME", root.join("home"));
            cmd.env("XDG_DATA_HOME", root.join("home/.local/share"));
            cmd.cwd(root);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let p = Arc::clone(&parser);
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || flag.load(Ordering::SeqCst) {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Console {
            parser,
            stop,
            reader: Some(reader),
            child,
            writer: Some(writer),
            master: Some(pair.master),
        }
    }

    /// kiemtra on `data` at 80×24.
    pub fn kiemtra(data: &Path, env: &[(&str, &str)]) -> Console {
        Console::start(
            OsStr::new(bin()),
            &["--data-dir".into(), data.into()],
            env,
            None,
            80,
        )
    }

    /// kiemtra on a data folder holding one inspection, opened from Home.
    pub fn open_first(data: &Path, env: &[(&str, &str)]) -> Console {
        let mut c = Console::kiemtra(data, env);
        c.open_listed();
        c
    }

    /// Wait for Home to list the unit, press Enter, wait for the inspection.
    pub fn open_listed(&mut self) {
        self.wait_for("Tân Chánh Hiệp");
        self.send("\r");
        // The gauge line of an open inspection: Home's rows show "0/22" as well, so
        // waiting for that let a test run on before the inspection was open (and locked).
        self.wait_for_any(&["Đã đánh giá", "Assessed"]);
    }

    pub fn wait_for_any(&self, needles: &[&str]) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            let screen = self.screen();
            if needles.iter().any(|n| screen.contains(n)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed any of {needles:?}:\n{}", self.screen());
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed {needle:?}:\n{}", self.screen());
    }

    pub fn wait_gone(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if !self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen kept showing {needle:?}:\n{}", self.screen());
    }

    pub fn send(&mut self, text: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(text.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain_output(start);
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let threads = thread_states(self.pid());
        panic!(
            "the console did not exit:\n{}\nthreads: {threads}",
            self.screen()
        );
    }

    /// After the program has exited, let the reader take in its last bytes (the restore
    /// sequences) before the screen is judged: it ends at end-of-file on the terminal.
    fn drain_output(&mut self, start: Instant) {
        if let Some(reader) = self.reader.take() {
            while !reader.is_finished() && start.elapsed() < DEADLINE {
                std::thread::sleep(Duration::from_millis(10));
            }
            if reader.is_finished() {
                let _ = reader.join();
            } else {
                self.reader = Some(reader);
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .as_ref()
            .unwrap()
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Cells drawn in a colour other than the terminal's own.
    pub fn coloured_cells(&self) -> usize {
        let p = self.parser.lock().unwrap();
        let screen = p.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter_map(|(r, c)| screen.cell(r, c))
            .filter(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
            .count()
    }

    /// CPU time used so far, in clock ticks (utime + stime of /proc/PID/stat).
    pub fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 1..];
        let f: Vec<&str> = after.split_whitespace().collect();
        f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
    }

    /// The terminal goes away: every descriptor of our side of the pseudo-terminal closes.
    /// The reader thread lets go of its copy after the next output, which a key causes.
    pub fn close_terminal(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.send("j");
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        drop(self.writer.take());
        drop(self.master.take());
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        // A failed test must not leave a console behind (holding a mount, a lock, a pty).
        if let Ok(None) = self.child.try_wait() {
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}

/// Each thread of a process with its state and where it waits, for a failure message.
pub fn thread_states(pid: u32) -> String {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "gone".into();
    };
    tasks
        .filter_map(Result::ok)
        .map(|t| {
            let p = t.path();
            let read = |f: &str| std::fs::read_to_string(p.join(f)).unwrap_or_default();
            let state = read("status")
                .lines()
                .find(|l| l.starts_with("State:"))
                .unwrap_or("")
                .to_string();
            format!(
                "[{} {} wchan={}]",
                read("comm").trim(),
                state,
                read("wchan").trim()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}
