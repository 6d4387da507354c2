//! End to end through the real binary in a pseudo-terminal (portable-pty + vt100): the
//! console is started, keys are typed, the screen is read, and the file is checked.
//! Waiting is always for a condition on the screen or the process, with a deadline.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_kiemtra");
const DEADLINE: Duration = Duration::from_secs(20);

struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Tells the reader thread to let go of its end of the terminal.
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
}

impl Console {
    fn start(data: &Path, extra_env: &[(&str, &str)]) -> Console {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let p = Arc::clone(&parser);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || flag.load(std::sync::atomic::Ordering::SeqCst) {
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

    /// Start on a data folder holding one inspection and open it from Home.
    fn open_first(data: &Path, env: &[(&str, &str)]) -> Console {
        let mut c = Console::start(data, env);
        c.wait_for("Tân Chánh Hiệp");
        c.send("\r");
        c.wait_for("0/22");
        c
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed {needle:?}:\n{}", self.screen());
    }

    fn wait_gone(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if !self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen kept showing {needle:?}:\n{}", self.screen());
    }

    fn send(&mut self, text: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(text.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let threads = thread_states(self.pid());
        self.child.kill().unwrap();
        panic!(
            "the console did not exit:\n{}\nthreads: {threads}",
            self.screen()
        );
    }

    fn resize(&self, rows: u16, cols: u16) {
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
    fn coloured_cells(&self) -> usize {
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
    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        let after = &stat[stat.rfind(')').unwrap() + 1..];
        let f: Vec<&str> = after.split_whitespace().collect();
        f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }
}

/// Each thread of a process with its state and where it waits, for a failure message.
fn thread_states(pid: u32) -> String {
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

fn new_inspection(data: &Path) -> String {
    let out = Command::new(BIN)
        .args(["--data-dir"])
        .arg(data)
        .args([
            "new",
            "--unit",
            "Công an phường Tân Chánh Hiệp",
            "--district",
            "Quận 12",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string()
}

fn assessed(data: &Path, id: &str) -> u64 {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(["show", id, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["progress"]["assessed"].as_u64().unwrap()
}

fn kill(pid: u32, signal: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn open_from_home_press_1_and_the_file_says_one_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[]);
    c.send("1");
    c.wait_for("1/22");
    c.wait_for("Đã lưu lúc");
    assert_eq!(assessed(dir.path(), &id), 1);
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    assert!(!c.alternate_screen(), "terminal restored");
}

#[test]
fn create_from_an_empty_data_dir_answer_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Console::start(dir.path(), &[("KIEMTRA_LANG", "en")]);
    c.wait_for("Welcome to kiemtra");
    c.send("n");
    c.wait_for("New inspection");
    c.send("Công an phường Tân Chánh Hiệp\r");
    c.wait_for("0/22");
    c.send("3");
    c.wait_for("Saved at");
    c.send("\x03");
    assert_eq!(c.wait_exit(), 0);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("inspections"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("\"verdict\": \"not_met\""), "{text}");
    assert!(text.contains("Công an phường Tân Chánh Hiệp"));
}

#[test]
fn sigterm_sigint_and_sighup_save_restore_and_exit_128_plus_n() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let id = new_inspection(dir.path());
        let mut c = Console::open_first(dir.path(), &[]);
        c.send("2");
        c.wait_for("1/22");
        kill(c.pid(), signal);
        assert_eq!(c.wait_exit(), code, "SIG{signal}");
        assert!(!c.alternate_screen(), "terminal restored after SIG{signal}");
        assert_eq!(assessed(dir.path(), &id), 1);
    }
}

#[test]
fn resizing_below_80x24_says_so_and_back_redraws() {
    let dir = tempfile::tempdir().unwrap();
    new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[]);
    c.resize(20, 70);
    c.wait_for("cần 80×24");
    c.resize(24, 80);
    c.wait_for("0/22");
    c.resize(60, 200);
    c.wait_for("Tiêu chí");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn no_color_draws_without_any_colour() {
    let dir = tempfile::tempdir().unwrap();
    new_inspection(dir.path());
    let mut plain = Console::open_first(dir.path(), &[("NO_COLOR", "1")]);
    plain.send("1");
    plain.wait_for("1/22");
    assert_eq!(plain.coloured_cells(), 0, "{}", plain.screen());
    plain.send("q");
    assert_eq!(plain.wait_exit(), 0);
    // The same screen with colour does use it, so the check above can fail.
    let mut coloured = Console::start(dir.path(), &[]);
    coloured.wait_for("Tân Chánh Hiệp");
    coloured.send("\r");
    coloured.wait_for("Đạt");
    assert!(coloured.coloured_cells() > 0);
    coloured.send("q");
    assert_eq!(coloured.wait_exit(), 0);
}

#[test]
fn an_idle_console_uses_no_cpu() {
    let dir = tempfile::tempdir().unwrap();
    new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[]);
    let before = c.cpu_ticks();
    // A measuring window, not a wait for something to happen: nothing should.
    std::thread::sleep(Duration::from_secs(2));
    let used = c.cpu_ticks() - before;
    assert!(used <= 5, "idle console used {used} ticks in 2 s");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn a_closed_terminal_ends_the_console_with_the_work_saved() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[]);
    c.send("1");
    c.wait_for("1/22");
    // The terminal goes away: every descriptor of our side of the pseudo-terminal closes.
    // The reader thread lets go of its copy after the next output, which a key causes.
    c.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    c.send("j");
    c.reader.take().unwrap().join().unwrap();
    drop(c.writer.take());
    drop(c.master.take());
    assert_eq!(c.wait_exit(), 129);
    assert_eq!(assessed(dir.path(), &id), 1);
}

#[test]
fn a_second_console_on_the_same_inspection_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let mut a = Console::open_first(dir.path(), &[]);
    let mut b = Console::start(dir.path(), &[]);
    b.wait_for("Tân Chánh Hiệp");
    b.send("\r");
    b.wait_for("CHỈ ĐỌC");
    b.wait_for("nơi khác");
    b.send("1");
    b.wait_for("Chỉ đọc");
    assert_eq!(
        assessed(dir.path(), &id),
        0,
        "the read-only console wrote nothing"
    );
    a.send("1");
    a.wait_for("1/22");
    assert_eq!(assessed(dir.path(), &id), 1);
    b.send("q");
    a.send("q");
    assert_eq!(b.wait_exit(), 0);
    assert_eq!(a.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_the_next_start_offers_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[("KIEMTRA_TEST_PANIC", "1")]);
    c.send("1");
    c.wait_for("1/22");
    c.send("\x1b[24~");
    assert_eq!(c.wait_exit(), 101);
    assert!(!c.alternate_screen(), "terminal restored");
    let snaps: Vec<_> = std::fs::read_dir(dir.path().join("recovery"))
        .unwrap()
        .collect();
    assert_eq!(snaps.len(), 1);
    let mut again = Console::start(dir.path(), &[]);
    again.wait_for("Bản khôi phục sau sự cố");
    again.send("\x1b");
    // Esc must be read on its own before the next key, or the two read as Alt-q.
    again.wait_gone("Bản khôi phục sau sự cố");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert_eq!(
        std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .count(),
        1,
        "kept for later, neither applied nor discarded silently"
    );
}
