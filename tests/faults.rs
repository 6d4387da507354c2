//! Fault injection through the real binary: a save killed at any moment, a full disk, I/O
//! errors injected with strace, no permission, a read-only file system, a second writer
//! killed with SIGKILL, and a terminal that vanishes under tmux.
//!
//! These need root, mount, strace, setpriv or tmux; a test whose needs are not met prints
//! "SKIPPED: <why>" to stderr and returns. Every mount is undone by a guard (`umount -l`).
//! Waiting is always for a condition, with a deadline.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::pty::Console;
use common::{Kit, RUN_LIMIT, bin, code, describe, hermetic, run_guarded, stderr, stdout};
use serde_json::Value;

const DEADLINE: Duration = Duration::from_secs(20);
const NOBODY: u32 = 65534;

// ---------------------------------------------------------------------------------------
// What a test needs, and skipping politely when it is missing.

fn have(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p).any(|d| {
            std::fs::metadata(d.join(tool))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// The first unmet need among `root` and the named tools, worded for a SKIPPED line.
fn unmet(root: bool, tools: &[&str]) -> Option<String> {
    if root && !is_root() {
        return Some("needs root".into());
    }
    tools
        .iter()
        .find(|t| !have(t))
        .map(|t| format!("needs `{t}` on PATH"))
}

macro_rules! require {
    ($test:expr, root: $root:expr, tools: $tools:expr) => {
        if let Some(why) = unmet($root, &$tools) {
            eprintln!("SKIPPED: {}: {why}", $test);
            return;
        }
    };
}

/// A mount that is undone (lazily) when dropped, even when the test panics.
struct Mounted(PathBuf);

impl Mounted {
    /// `mount ARGS... TARGET`; Err carries mount's own words (for a SKIPPED line).
    fn new(args: &[&OsStr], target: &Path) -> Result<Mounted, String> {
        let out = Command::new("mount")
            .args(args)
            .arg(target)
            .output()
            .unwrap();
        if out.status.success() {
            Ok(Mounted(target.to_path_buf()))
        } else {
            Err(format!(
                "mount {args:?} {} failed: {}",
                target.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// kiemtra on `data` in a 24×`cols` terminal, home under `root`.
fn console(data: &Path, root: &Path, cols: u16) -> Console {
    Console::start(
        OsStr::new(bin()),
        &["--data-dir".into(), data.into()],
        &[],
        Some(root),
        cols,
    )
}

// ---------------------------------------------------------------------------------------
// Small helpers.

/// xorshift64*: reproducible randomness without another crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// `n` bytes of lower-case words: ASCII (so JSON does not grow it), no line breaks, no
/// trailing space (so the stored text equals the given one exactly).
fn words(rng: &mut Rng, n: usize) -> String {
    let mut s = String::with_capacity(n);
    while s.len() < n {
        let r = rng.next();
        if r.is_multiple_of(7) && !s.is_empty() && !s.ends_with(' ') {
            s.push(' ');
        } else {
            s.push(char::from(b'a' + (r >> 8) as u8 % 26));
        }
    }
    s.push('x');
    s
}

fn new_inspection(kit: &Kit) -> String {
    kit.new_inspection_with(&["--unit", "Công an phường Tân Chánh Hiệp"])
}

/// The stored answer to I.1, straight from the file (which must parse).
fn stored_answer(path: &Path, when: &str) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{when}: {} is not JSON ({e}); {} bytes, ends with {:?}",
            path.display(),
            bytes.len(),
            String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(80)..])
        )
    });
    v["answers"]["I.1"].clone()
}

/// Names of temp files (`.<name>.<pid>.<n>.tmp`) in a folder.
fn temp_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect();
    v.sort();
    v
}

/// Every path under `dir` with its bytes (folders as empty), to compare before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(base).unwrap().to_path_buf();
            if p.is_dir() {
                out.insert(rel, None);
                walk(base, &p, out);
            } else {
                out.insert(rel, Some(std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn assert_same_tree(
    before: &BTreeMap<PathBuf, Option<Vec<u8>>>,
    after: &BTreeMap<PathBuf, Option<Vec<u8>>>,
) {
    let names = |m: &BTreeMap<PathBuf, Option<Vec<u8>>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(before), names(after), "files appeared or vanished");
    for (p, bytes) in before {
        assert!(after[p] == *bytes, "{} changed", p.display());
    }
}

/// Exactly one inspection, `id`, in `list --json`.
fn assert_lists_only(kit: &Kit, id: &str) {
    let list = kit.list_json();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1, "list shows exactly one inspection: {list}");
    assert_eq!(rows[0]["id"], id);
}

fn chmod_r_a_rx(path: &Path) {
    let ok = Command::new("chmod")
        .args(["-R", "a+rX"])
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Whether a process still runs (a zombie waiting to be reaped does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let state = s[s.rfind(')')? + 1..]
                .split_whitespace()
                .next()?
                .to_string();
            Some(state != "Z" && state != "X")
        })
        .unwrap_or(false)
}

/// CPU time used so far (utime + stime, clock ticks), if the process exists.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let f: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

// ---------------------------------------------------------------------------------------
// 1. A save killed at any moment.

/// What `set` was doing when it was killed, as far as the folder tells.
#[derive(Default, Debug)]
struct Tally {
    completed: u32,
    killed_before_save: u32,
    killed_mid_save: u32,
    killed_after_rename: u32,
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole() {
    let kit = Kit::new();
    let id = new_inspection(&kit);
    let path = kit.inspection_file(&id);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // About 1 MB of file: one argument may not exceed 128 KiB (MAX_ARG_STRLEN), so the
    // bulk goes into shortcomings, one argument per line.
    let evidence0 = words(&mut rng, 120_000);
    let lines: Vec<String> = (0..8).map(|_| words(&mut rng, 110_000)).collect();
    let mut args = vec!["set", &id, "1", "--evidence", &evidence0];
    for l in &lines {
        args.extend(["--shortcoming", l]);
    }
    kit.ok(&args);
    let shortcomings = lines.join("\n");
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(
        size > 900_000,
        "the file is big enough to take time: {size}"
    );

    let base = words(&mut rng, 100_000);
    let text_of = |k: usize| format!("round-{k}:{}:{k}", &base[..90_000 + (k % 250) * 37]);
    let spawn = |text: &str| {
        kit.cmd(&["set", &id, "1", "--evidence", text])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };

    // How long a whole save takes here: the random kills are spread around it.
    let start = Instant::now();
    let calibrate = spawn(&text_of(1000)).wait_with_output().unwrap();
    assert!(calibrate.status.success(), "{}", describe(&calibrate));
    let full = start.elapsed().as_micros() as u64;
    let mut reach = full;
    let mut current = text_of(1000);
    assert_eq!(
        stored_answer(&path, "after calibration")["evidence"],
        current.as_str()
    );

    let inspections = kit.inspections();
    let mut tally = Tally::default();
    const ROUNDS: usize = 200;
    for k in 0..ROUNDS {
        let text = text_of(k);
        let before = std::fs::metadata(&path).unwrap();
        let mut child = spawn(&text);
        let pid = child.id();
        let temp_prefix = format!(".{id}.json.{pid}.");
        if k % 2 == 0 {
            // Anywhere from early in the run to past its end.
            std::thread::sleep(Duration::from_micros(rng.range(reach / 2, reach * 5 / 4)));
        } else {
            // Right as the save begins: its temp file appears, or the file itself changes.
            use std::os::unix::fs::MetadataExt;
            let deadline = Instant::now() + RUN_LIMIT;
            loop {
                let begun = std::fs::read_dir(&inspections).unwrap().any(|e| {
                    e.unwrap()
                        .file_name()
                        .to_string_lossy()
                        .starts_with(&temp_prefix)
                }) || std::fs::metadata(&path).is_ok_and(|m| {
                    m.ino() != before.ino()
                        || m.len() != before.len()
                        || m.mtime() != before.mtime()
                        || m.mtime_nsec() != before.mtime_nsec()
                });
                if begun || child.try_wait().unwrap().is_some() {
                    break;
                }
                assert!(Instant::now() < deadline, "round {k}: set never saved");
                std::thread::sleep(Duration::from_micros(100));
            }
            if rng.next().is_multiple_of(2) {
                std::thread::sleep(Duration::from_micros(rng.range(0, 3000)));
            }
        }
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let done = out.status.success();
        if k % 2 == 0 {
            // Keep about half of these rounds completing, however fast this machine is.
            reach = if done {
                reach * 97 / 100
            } else {
                reach * 103 / 100
            };
        }
        if done {
            assert!(
                stdout(&out).contains("Đã lưu"),
                "round {k}: {}",
                describe(&out)
            );
        } else {
            assert_eq!(
                out.status.signal(),
                Some(9),
                "round {k}: set failed on its own: {}",
                describe(&out)
            );
        }
        let answer = stored_answer(&path, &format!("after round {k}"));
        let evidence = answer["evidence"].as_str().unwrap();
        if done {
            assert!(
                evidence == text,
                "round {k}: a save reported done is not in the file (evidence starts {:?}, {} bytes)",
                &evidence[..evidence.len().min(20)],
                evidence.len()
            );
        } else {
            assert!(
                evidence == text || evidence == current,
                "round {k}: after a kill the evidence is neither the old nor the new text \
                 (starts {:?}, {} bytes; old {} bytes, new {} bytes)",
                &evidence[..evidence.len().min(20)],
                evidence.len(),
                current.len(),
                text.len()
            );
        }
        assert!(
            answer["shortcomings"] == shortcomings.as_str(),
            "round {k}: the untouched shortcomings changed"
        );
        let left = temp_files(&inspections);
        let own_temp = left.iter().any(|n| n.starts_with(&temp_prefix));
        match (done, evidence == text, own_temp) {
            (true, _, _) => tally.completed += 1,
            (false, true, _) => tally.killed_after_rename += 1,
            (false, false, true) => tally.killed_mid_save += 1,
            (false, false, false) => tally.killed_before_save += 1,
        }
        if evidence == text {
            current = text;
        }
        // Leftover temp files (a SIGKILL cannot clean up) are never loaded as data: checked
        // whenever a new one is left behind (and now and then).
        if own_temp || k % 10 == 0 {
            assert_lists_only(&kit, &id);
        }
        // Keep the folder small, but always leave a few leftovers in the way.
        if left.len() > 4 {
            for n in &left[..left.len() - 4] {
                let _ = std::fs::remove_file(inspections.join(n));
            }
        }
    }
    eprintln!(
        "crash-during-save: {ROUNDS} rounds, a whole save takes ~{} ms (~{} ms at the end): \
         {} completed, {} killed mid-save (temp left), {} killed after the rename, \
         {} killed before saving",
        full / 1000,
        reach / 1000,
        tally.completed,
        tally.killed_mid_save,
        tally.killed_after_rename,
        tally.killed_before_save
    );
    assert!(tally.completed >= 1, "no round completed: {tally:?}");
    assert!(
        tally.killed_mid_save >= 1,
        "no round was killed mid-save: {tally:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 2. A full disk.

/// Fill the file system holding `dir` to the last byte with `dir/filler`.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![b'f'; 4096];
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling {}: {e}", dir.display()),
        }
    }
    path
}

#[test]
fn a_full_disk_says_so_keeps_the_file_and_the_console_saves_once_there_is_room() {
    require!("full disk", root: true, tools: ["mount", "umount"]);
    let kit = Kit::new();
    std::fs::create_dir(&kit.data).unwrap();
    let _tmpfs = match Mounted::new(
        &[
            "-t".as_ref(),
            "tmpfs".as_ref(),
            "-o".as_ref(),
            "size=256k,mode=0700".as_ref(),
            "tmpfs".as_ref(),
        ],
        &kit.data,
    ) {
        Ok(m) => m,
        Err(why) => {
            eprintln!("SKIPPED: full disk: {why}");
            return;
        }
    };
    let id = new_inspection(&kit);
    let path = kit.inspection_file(&id);
    let before = kit.file_bytes(&id);
    let mut rng = Rng(7);
    // ~320 KB of text into a 256 KiB file system.
    let evidence = words(&mut rng, 120_000);
    let s1 = words(&mut rng, 100_000);
    let s2 = words(&mut rng, 100_000);
    for (lang, full, not_saved) in [
        ("vi", "đĩa đầy", "CHƯA LƯU"),
        ("en", "disk full", "NOT SAVED"),
    ] {
        let err = kit.fails(&[
            "--lang",
            lang,
            "set",
            &id,
            "1",
            "--evidence",
            &evidence,
            "--shortcoming",
            &s1,
            "--shortcoming",
            &s2,
        ]);
        assert!(
            err.contains(full) && err.contains(not_saved),
            "{lang}: {err}"
        );
        assert!(kit.file_bytes(&id) == before, "{lang}: the file changed");
        assert_eq!(temp_files(&kit.inspections()), Vec::<String>::new());
    }

    // The console: the disk fills up under it.
    let filler = fill(&kit.data);
    // Wide enough for the whole status line: at 80 columns the path of the file pushes
    // the reason off the screen.
    let mut c = console(&kit.data, kit.root(), 200);
    c.open_listed();
    c.wait_for("0/22");
    c.send("1");
    c.wait_for("CHƯA LƯU");
    let screen = c.screen();
    assert!(screen.contains("đĩa đầy"), "{screen}");
    assert!(
        screen.contains("1/22"),
        "the answer is kept in memory:\n{screen}"
    );
    assert!(kit.file_bytes(&id) == before, "nothing was written");
    assert_eq!(temp_files(&kit.inspections()), Vec::<String>::new());
    std::fs::remove_file(&filler).unwrap();
    c.send("\x13");
    c.wait_for("Đã lưu lúc");
    c.send("q");
    assert_eq!(c.wait_exit(), 0, "{}", c.screen());
    assert_eq!(stored_answer(&path, "at the end")["verdict"], "met");
    assert_eq!(temp_files(&kit.inspections()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------
// 3. I/O errors injected with strace.

fn strace_args(log: &Path, inject: &str) -> Vec<OsString> {
    vec![
        "-f".into(),
        "-qq".into(),
        "-o".into(),
        log.into(),
        "-e".into(),
        "trace=openat,write,fsync,rename".into(),
        "-e".into(),
        format!("inject={inject}").into(),
        bin().into(),
    ]
}

/// One system call of a strace log, with `<unfinished ...>` and `<... resumed>` joined.
#[derive(Debug)]
struct Call {
    pid: u32,
    text: String,
}

impl Call {
    fn name(&self) -> &str {
        self.text.split('(').next().unwrap_or("")
    }
    /// The first argument as a number (a file descriptor).
    fn fd(&self) -> Option<i64> {
        self.text
            .split_once('(')?
            .1
            .split([',', ')'])
            .next()?
            .trim()
            .parse()
            .ok()
    }
    /// The first quoted string (a path).
    fn path(&self) -> Option<&str> {
        let rest = self.text.split_once('"')?.1;
        Some(rest.split_once('"')?.0)
    }
    fn ret(&self) -> Option<i64> {
        self.text
            .rsplit_once(" = ")?
            .1
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }
}

fn parse_strace(log: &Path) -> Vec<Call> {
    let text = std::fs::read_to_string(log).unwrap();
    let mut pending: BTreeMap<u32, String> = BTreeMap::new();
    let mut calls = Vec::new();
    for line in text.lines() {
        let Some((pid, rest)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let rest = rest.trim_start();
        if let Some(head) = rest.strip_suffix("<unfinished ...>") {
            pending.insert(pid, head.trim_end().to_string());
        } else if rest.starts_with("<...") {
            let tail = rest.split_once("resumed>").map_or("", |(_, t)| t);
            let head = pending.remove(&pid).unwrap_or_default();
            calls.push(Call {
                pid,
                text: format!("{head}{tail}"),
            });
        } else if !rest.starts_with("+++") && !rest.starts_with("---") {
            calls.push(Call {
                pid,
                text: rest.to_string(),
            });
        }
    }
    calls
}

#[test]
fn injected_io_errors_leave_the_file_whole_and_the_retry_writes_a_new_temp_file() {
    require!("strace", root: false, tools: ["strace"]);
    let kit = Kit::new();
    let id = new_inspection(&kit);
    let path = kit.inspection_file(&id);
    let before = kit.file_bytes(&id);
    let log = kit.root().join("strace.log");
    // Can strace inject faults here at all (ptrace may be forbidden in a container)?
    let probe = Command::new("strace")
        .args(["-qq", "-o"])
        .arg(&log)
        .args([
            "-e",
            "trace=openat",
            "-e",
            "inject=openat:error=ENOENT",
            "cat",
            "/dev/null",
        ])
        .output()
        .unwrap();
    if !std::fs::read_to_string(&log).is_ok_and(|t| t.contains("(INJECTED)")) {
        eprintln!(
            "SKIPPED: strace: cannot inject faults here: {}",
            String::from_utf8_lossy(&probe.stderr).trim()
        );
        return;
    }

    for inject in ["fsync:error=EIO:when=1", "rename:error=EIO"] {
        let mut cmd = hermetic(Command::new("strace"), kit.root());
        cmd.args(strace_args(&log, inject))
            .arg("--data-dir")
            .arg(&kit.data)
            .args(["set", &id, "1", "--verdict", "met"]);
        let out = run_guarded(cmd, RUN_LIMIT);
        let trace = std::fs::read_to_string(&log).unwrap();
        assert!(
            trace.contains("(INJECTED)"),
            "{inject}: no fault was injected:\n{trace}"
        );
        assert_ne!(code(&out), 0, "{inject}: {}", describe(&out));
        assert!(
            stderr(&out).contains("CHƯA LƯU"),
            "{inject}: {}",
            describe(&out)
        );
        assert!(kit.file_bytes(&id) == before, "{inject}: the file changed");
        assert_eq!(
            temp_files(&kit.inspections()),
            Vec::<String>::new(),
            "{inject}"
        );
    }

    // The console: the first fsync fails, the next save must start over with a new
    // temp file and the whole content, not fsync the old descriptor again.
    std::fs::remove_file(&log).unwrap();
    let mut args = strace_args(&log, "fsync:error=EIO:when=1");
    args.extend(["--data-dir".into(), kit.data.clone().into()]);
    let mut c = Console::start(OsStr::new("strace"), &args, &[], Some(kit.root()), 200);
    c.open_listed();
    c.wait_for("0/22");
    c.send("1");
    c.wait_for("CHƯA LƯU");
    assert!(
        kit.file_bytes(&id) == before,
        "the failed save changed the file"
    );
    c.send("\x13");
    c.wait_for("Đã lưu lúc");
    c.send("q");
    assert_eq!(c.wait_exit(), 0, "{}", c.screen());
    assert_eq!(stored_answer(&path, "at the end")["verdict"], "met");
    assert_eq!(temp_files(&kit.inspections()), Vec::<String>::new());
    let final_size = std::fs::metadata(&path).unwrap().len() as i64;

    let calls = parse_strace(&log);
    let is_temp_create = |c: &Call| {
        c.name() == "openat"
            && c.text.contains("O_CREAT")
            && c.text.contains("O_EXCL")
            && c.path().is_some_and(|p| p.ends_with(".tmp"))
    };
    // The injected failure of an inspection's save (other threads, such as the one that
    // makes the seal cache's key, may have had their first fsync failed too).
    let failed = calls
        .iter()
        .enumerate()
        .position(|(i, c)| {
            c.name() == "fsync"
                && c.text.contains("EIO")
                && c.text.contains("(INJECTED)")
                && calls[..i].iter().rev().any(|o| {
                    o.pid == c.pid
                        && is_temp_create(o)
                        && o.ret() == c.fd()
                        && o.path().is_some_and(|p| p.contains("/inspections/"))
                })
        })
        .unwrap_or_else(|| panic!("no injected fsync failure in {calls:#?}"));
    let pid = calls[failed].pid;
    let failed_fd = calls[failed].fd().unwrap();
    let failed_temp = calls[..failed]
        .iter()
        .rev()
        .find(|c| c.pid == pid && is_temp_create(c) && c.ret() == Some(failed_fd))
        .and_then(Call::path)
        .unwrap_or_else(|| panic!("the failed fsync was not on a new temp file: {calls:#?}"));
    assert!(
        !Path::new(failed_temp).exists(),
        "the failed temp file was removed"
    );
    let retry = failed
        + 1
        + calls[failed + 1..]
            .iter()
            .position(|c| c.pid == pid && is_temp_create(c))
            .unwrap_or_else(|| panic!("no new temp file after the failure: {calls:#?}"));
    let new_temp = calls[retry].path().unwrap();
    assert_ne!(new_temp, failed_temp, "the retry uses a new temp file");
    let retried_fsync = calls[failed + 1..retry]
        .iter()
        .filter(|c| c.pid == pid && c.name() == "fsync")
        .collect::<Vec<_>>();
    assert!(
        retried_fsync.is_empty(),
        "fsync was retried on its own after the failure: {retried_fsync:#?}"
    );
    let new_fd = calls[retry].ret().unwrap();
    let rest = &calls[retry + 1..];
    let end = rest
        .iter()
        .position(|c| c.pid == pid && c.name() == "rename")
        .unwrap_or_else(|| panic!("the new temp file was never renamed: {rest:#?}"));
    let written: i64 = rest[..end]
        .iter()
        .filter(|c| c.pid == pid && c.name() == "write" && c.fd() == Some(new_fd))
        .filter_map(Call::ret)
        .sum();
    assert_eq!(
        written, final_size,
        "the retry wrote the whole file into the new temp file"
    );
    assert!(
        rest[..=end].iter().any(|c| c.pid == pid
            && c.name() == "fsync"
            && c.fd() == Some(new_fd)
            && c.ret() == Some(0)),
        "the new temp file was synced before the rename: {:#?}",
        &rest[..=end]
    );
    assert!(
        rest[end].path() == Some(new_temp) && rest[end].ret() == Some(0),
        "the new temp file replaced the file: {:?}",
        rest[end]
    );
}

// ---------------------------------------------------------------------------------------
// 4. No permission, and a read-only file system.

#[test]
fn without_write_permission_everything_reads_nothing_writes_and_nothing_is_lost() {
    require!("no permission", root: true, tools: ["setpriv", "chmod"]);
    let kit = Kit::new();
    let id = new_inspection(&kit);
    kit.ok(&["set", &id, "1", "--verdict", "not-met"]);
    chmod_r_a_rx(kit.root());
    // nobody may not be able to reach the build folder: run a copy of the binary.
    let bin_dir = kit.root().join("bin");
    std::fs::create_dir(&bin_dir).unwrap();
    let exe = bin_dir.join("kiemtra");
    std::fs::copy(bin(), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out_dir = kit.root().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::os::unix::fs::chown(&out_dir, Some(NOBODY), Some(NOBODY)).unwrap();
    let setpriv = |args: &[&str]| -> Output {
        let mut cmd = hermetic(Command::new("setpriv"), kit.root());
        cmd.args([
            format!("--reuid={NOBODY}"),
            format!("--regid={NOBODY}"),
            "--clear-groups".into(),
        ])
        .arg(&exe)
        .arg("--data-dir")
        .arg(&kit.data)
        .args(args);
        run_guarded(cmd, RUN_LIMIT)
    };
    let probe = setpriv(&["--version"]);
    if code(&probe) != 0 {
        eprintln!(
            "SKIPPED: no permission: cannot run as nobody: {}",
            describe(&probe)
        );
        return;
    }
    let tree = snapshot(&kit.data);
    let file = kit.file_bytes(&id);

    let list = setpriv(&["list", "--json"]);
    assert_eq!(code(&list), 0, "{}", describe(&list));
    assert!(stdout(&list).contains(&id), "{}", describe(&list));

    let set = setpriv(&["set", &id, "1", "--verdict", "met"]);
    assert_eq!(code(&set), 1, "{}", describe(&set));
    let err = stderr(&set);
    assert!(
        err.contains("quyền") || err.contains("Permission denied"),
        "the refusal names the missing permission: {err}"
    );
    assert!(kit.file_bytes(&id) == file, "the file changed");

    let md = out_dir.join("x.md");
    let export = setpriv(&["export", &id, "--format", "md", "-o", md.to_str().unwrap()]);
    assert_eq!(code(&export), 0, "{}", describe(&export));
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("Tân Chánh Hiệp")
    );

    let args: Vec<OsString> = vec![
        format!("--reuid={NOBODY}").into(),
        format!("--regid={NOBODY}").into(),
        "--clear-groups".into(),
        exe.clone().into(),
        "--data-dir".into(),
        kit.data.clone().into(),
    ];
    let mut c = Console::start(OsStr::new("setpriv"), &args, &[], Some(kit.root()), 80);
    c.open_listed();
    c.wait_for("CHỈ ĐỌC");
    c.wait_for("không có quyền ghi");
    c.send("1");
    c.wait_for("Chỉ đọc");
    assert!(
        c.screen().contains("1/22"),
        "nothing changed:\n{}",
        c.screen()
    );
    c.send("q");
    assert_eq!(c.wait_exit(), 0, "{}", c.screen());

    assert!(kit.file_bytes(&id) == file, "the file changed");
    assert_eq!(
        stored_answer(&kit.inspection_file(&id), "at the end")["verdict"],
        "not_met"
    );
    assert_same_tree(&tree, &snapshot(&kit.data));
}

#[test]
fn on_a_read_only_file_system_everything_reads_nothing_writes_and_nothing_is_lost() {
    require!("read-only file system", root: true, tools: ["mount", "umount"]);
    let kit = Kit::new();
    let id = new_inspection(&kit);
    kit.ok(&["set", &id, "1", "--verdict", "not-met"]);
    let ro = kit.root().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let _bind = match Mounted::new(&["--bind".as_ref(), kit.data.as_os_str()], &ro) {
        Ok(m) => m,
        Err(why) => {
            eprintln!("SKIPPED: read-only file system: {why}");
            return;
        }
    };
    if let Err(why) =
        Mounted::new(&["-o".as_ref(), "remount,ro,bind".as_ref()], &ro).map(std::mem::forget)
    {
        eprintln!("SKIPPED: read-only file system: {why}");
        return;
    }
    let probe = std::fs::File::create(ro.join("probe"));
    assert_eq!(
        probe.map_err(|e| e.raw_os_error()).err(),
        Some(Some(30)),
        "the bind mount is read-only (EROFS)"
    );
    let tree = snapshot(&kit.data);
    let file = kit.file_bytes(&id);
    let on_ro = |args: &[&str]| -> Output {
        let mut cmd = hermetic(Command::new(bin()), kit.root());
        cmd.arg("--data-dir").arg(&ro).args(args);
        run_guarded(cmd, RUN_LIMIT)
    };

    let set = on_ro(&["set", &id, "1", "--verdict", "met"]);
    assert_eq!(code(&set), 1, "{}", describe(&set));
    let err = stderr(&set);
    assert!(
        err.contains("chỉ đọc") || err.contains("Read-only file system"),
        "the refusal names the read-only file system: {err}"
    );

    let md = kit.root().join("out/x.md");
    std::fs::create_dir(md.parent().unwrap()).unwrap();
    let export = on_ro(&["export", &id, "--format", "md", "-o", md.to_str().unwrap()]);
    assert_eq!(code(&export), 0, "{}", describe(&export));
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("Tân Chánh Hiệp")
    );

    let mut c = console(&ro, kit.root(), 80);
    c.open_listed();
    c.wait_for("CHỈ ĐỌC");
    c.wait_for("hệ thống tệp chỉ đọc");
    c.send("1");
    c.wait_for("Chỉ đọc:");
    assert!(
        c.screen().contains("1/22"),
        "nothing changed:\n{}",
        c.screen()
    );
    c.send("q");
    assert_eq!(c.wait_exit(), 0, "{}", c.screen());

    assert!(kit.file_bytes(&id) == file, "the file changed");
    assert_same_tree(&tree, &snapshot(&kit.data));
}

// ---------------------------------------------------------------------------------------
// 5. Two writers, and the first one killed with SIGKILL.

#[test]
fn a_second_writer_is_refused_until_the_first_is_killed_then_at_once_allowed() {
    let kit = Kit::new();
    let id = new_inspection(&kit);
    let mut a = console(&kit.data, kit.root(), 80);
    a.open_listed();
    // Home shows "0/22" too: wait for the Walk screen's own gauge, so the lock is held.
    a.wait_for("Đã đánh giá");
    let pid = a.pid();

    let err = kit.fails(&["set", &id, "1", "--verdict", "met"]);
    assert!(err.contains("nơi khác"), "{err}");
    assert!(
        err.contains("(kiemtra,"),
        "names the program holding it: {err}"
    );
    assert!(
        err.contains(&format!("tiến trình {pid}")),
        "names process {pid}: {err}"
    );
    assert_eq!(
        stored_answer(&kit.inspection_file(&id), "while A holds it")["verdict"],
        Value::Null
    );

    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    a.wait_exit();
    // No waiting for a stale lock to expire: the kernel let go of it with the process.
    let start = Instant::now();
    let out = kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert!(stdout(&out).contains("Đã lưu"), "{}", describe(&out));
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(
        stored_answer(&kit.inspection_file(&id), "at the end")["verdict"],
        "met"
    );
}

// ---------------------------------------------------------------------------------------
// 6. The terminal vanishes (tmux kill-session).

struct Tmux {
    socket: String,
    root: PathBuf,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = hermetic(Command::new("tmux"), &self.root);
        cmd.env("TERM", "xterm-256color")
            .env_remove("TMUX")
            .args(["-L", &self.socket])
            .args(args);
        run_guarded(cmd, RUN_LIMIT)
    }
    fn pane(&self) -> String {
        stdout(&self.run(&["capture-pane", "-p", "-t", "s"]))
    }
    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.pane().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the pane never showed {needle:?}:\n{}", self.pane());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn when_the_terminal_vanishes_the_console_saves_and_leaves_without_spinning() {
    require!("vanished terminal", root: false, tools: ["tmux", "pgrep"]);
    let kit = Kit::new();
    let id = new_inspection(&kit);
    let tmux = Tmux {
        socket: format!("kiemtra-test-{}", std::process::id()),
        root: kit.root().to_path_buf(),
    };
    let data = kit.data.to_str().unwrap();
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "s",
        "-x",
        "80",
        "-y",
        "24",
        &format!("exec '{}' --data-dir '{data}'", bin()),
    ]);
    assert_eq!(code(&started), 0, "{}", describe(&started));
    tmux.wait_for("Tân Chánh Hiệp");
    tmux.run(&["send-keys", "-t", "s", "Enter"]);
    tmux.wait_for("0/22");
    tmux.run(&["send-keys", "-t", "s", "1"]);
    tmux.wait_for("1/22");

    let found = Command::new("pgrep")
        .args(["-f", "--", data])
        .output()
        .unwrap();
    let pids: Vec<u32> = stdout(&found)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "kiemtra")
        })
        .collect();
    assert_eq!(pids.len(), 1, "one kiemtra on {data}: {}", describe(&found));
    let pid = pids[0];

    let killed = tmux.run(&["kill-session", "-t", "s"]);
    assert_eq!(code(&killed), 0, "{}", describe(&killed));
    let ticks_at_kill = cpu_ticks(pid);
    let start = Instant::now();
    while alive(pid) {
        let used = cpu_ticks(pid)
            .zip(ticks_at_kill)
            .map_or(0, |(now, then)| now.saturating_sub(then));
        assert!(
            used < 100,
            "kiemtra {pid} spins after its terminal vanished: {used} ticks"
        );
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "kiemtra {pid} still runs 10 s after its terminal vanished ({used} ticks used)"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        stored_answer(&kit.inspection_file(&id), "at the end")["verdict"],
        "met"
    );
}
