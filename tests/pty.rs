//! End to end through the real binary in a pseudo-terminal (portable-pty + vt100): the
//! console is started, keys are typed, the screen is read, and the file is checked.
//! Waiting is always for a condition on the screen or the process, with a deadline.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::Console;

const BIN: &str = env!("CARGO_BIN_EXE_kiemtra");

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

/// Issue 11: saves run on a worker; with the disk made slow by the test hook, the status
/// line says so, and quitting at once still leaves the edit on disk.
#[test]
fn quit_during_a_slow_save_still_leaves_the_edit_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let mut c = Console::open_first(dir.path(), &[("KIEMTRA_SAVE_DELAY_MS", "1500")]);
    c.send("1");
    c.wait_for("1/22");
    c.wait_for("Đang lưu…");
    c.send("q");
    assert_eq!(c.wait_exit(), 0);
    assert!(!c.alternate_screen(), "terminal restored");
    assert_eq!(assessed(dir.path(), &id), 1);
}

#[test]
fn create_from_an_empty_data_dir_answer_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Console::kiemtra(dir.path(), &[("KIEMTRA_LANG", "en")]);
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
    let mut coloured = Console::kiemtra(dir.path(), &[]);
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
    c.close_terminal();
    assert_eq!(c.wait_exit(), 129);
    assert_eq!(assessed(dir.path(), &id), 1);
}

/// A console started without a controlling terminal (`setsid`) and with SIGHUP ignored gets
/// no signal when its terminal dies: it must notice by itself, save the text being typed,
/// and leave with 129 instead of spinning and holding the lock.
#[test]
fn a_lost_terminal_without_any_signal_still_ends_the_console_with_the_edit_saved() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let line = format!(
        "trap '' HUP; exec setsid -w '{BIN}' --data-dir '{}'",
        dir.path().display()
    );
    let mut c = Console::start(
        std::ffi::OsStr::new("sh"),
        &["-c".into(), line.into()],
        &[],
        None,
        80,
    );
    c.open_listed();
    c.send("\r\t\t\t");
    c.send("Sổ theo dõi");
    c.wait_for("Sổ theo dõi");
    let started = std::time::Instant::now();
    c.close_terminal();
    assert_eq!(c.wait_exit(), 129);
    eprintln!("left {:?} after the terminal closed", started.elapsed());
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["show", &id, "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence = v["answers"]["I.1"]["evidence"].as_str();
    // close_terminal types one more key ("j") to let its reader go; the evidence field
    // takes it as text.
    assert!(
        evidence.is_some_and(|e| e.starts_with("Sổ theo dõi")),
        "{v}"
    );
}

#[test]
fn a_second_console_on_the_same_inspection_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let id = new_inspection(dir.path());
    let mut a = Console::open_first(dir.path(), &[]);
    let mut b = Console::kiemtra(dir.path(), &[]);
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
    // Saves run on a worker: the screen may show the verdict a moment before the disk
    // has it, and the status line says "Đã lưu" once it has.
    a.wait_for("Đã lưu");
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
    let mut again = Console::kiemtra(dir.path(), &[]);
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
