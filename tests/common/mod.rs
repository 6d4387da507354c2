//! Helpers shared by the integration tests: a private data directory per test, running the
//! real binary against it (with a guard so a hang fails the test instead of blocking it),
//! and small JSON helpers.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

pub mod pty;

/// How long one run of the binary may take before the test fails as hung. Generous, so a
/// loaded machine never trips it; a real hang (e.g. blocking on a named pipe) still does.
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// The path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_kiemtra")
}

/// A file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The small second catalog used by the tests.
pub fn small_catalog() -> PathBuf {
    fixture("catalog-local-small.json")
}

/// A test's own world: a temporary folder holding the data directory (not created until
/// the binary creates it) and a fake home, so nothing ever touches the real one.
pub struct Kit {
    pub tmp: TempDir,
    pub data: PathBuf,
}

impl Default for Kit {
    fn default() -> Self {
        Self::new()
    }
}

impl Kit {
    pub fn new() -> Kit {
        let tmp = tempfile::Builder::new()
            .prefix("kiemtra-test-")
            .tempdir()
            .unwrap();
        std::fs::create_dir(tmp.path().join("home")).unwrap();
        let data = tmp.path().join("data");
        Kit { tmp, data }
    }

    /// The temporary folder around the data directory (for files "outside" it).
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    pub fn inspections(&self) -> PathBuf {
        self.data.join("inspections")
    }

    pub fn inspection_file(&self, id: &str) -> PathBuf {
        self.inspections().join(format!("{id}.json"))
    }

    /// The bytes of an inspection's file.
    pub fn file_bytes(&self, id: &str) -> Vec<u8> {
        std::fs::read(self.inspection_file(id)).unwrap()
    }

    /// A command for the binary with a clean environment and `--data-dir` set.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = hermetic(Command::new(bin()), self.root());
        c.arg("--data-dir").arg(&self.data).args(args);
        c
    }

    /// Run the binary with `--data-dir` added.
    pub fn run(&self, args: &[&str]) -> Output {
        run_guarded(self.cmd(args), RUN_LIMIT)
    }

    /// Run and require exit code 0.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(
            code(&out),
            0,
            "kiemtra {args:?} failed:\n{}",
            describe(&out)
        );
        out
    }

    /// Run and require exit code 1 (a failure worded for the user); returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            code(&out),
            1,
            "kiemtra {args:?} should fail with 1:\n{}",
            describe(&out)
        );
        assert!(
            !stderr(&out).trim().is_empty(),
            "a failure must say why: {args:?}"
        );
        stderr(&out)
    }

    /// `kiemtra new --unit ...` with a default unit; returns the id (first stdout line).
    pub fn new_inspection(&self) -> String {
        self.new_inspection_with(&["--unit", "Công an phường Tân Chánh Hiệp"])
    }

    /// `kiemtra new ARGS`; returns the id (first stdout line).
    pub fn new_inspection_with(&self, args: &[&str]) -> String {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        first_line(&out)
    }

    /// `show ID --json` parsed.
    pub fn show_json(&self, id: &str) -> Value {
        json(&self.ok(&["show", id, "--json"]))
    }

    /// `list --json` parsed.
    pub fn list_json(&self) -> Value {
        json(&self.ok(&["list", "--json"]))
    }

    /// The answer recorded for a criterion code, from `show --json`.
    pub fn answer(&self, id: &str, code: &str) -> Value {
        self.show_json(id)["answers"][code].clone()
    }
}

/// Strip the environment of anything that would change kiemtra's behaviour, and point
/// HOME and XDG folders into the test's temporary folder.
pub fn hermetic(mut c: Command, root: &Path) -> Command {
    c.env_remove("KIEMTRA_LANG")
        .env_remove("KIEMTRA_DATA_DIR")
        .env_remove("KIEMTRA_ALLOWED_SIGNERS")
        .env_remove("KIEMTRA_KEY_PASSPHRASE")
        .env_remove("KIEMTRA_CONFIG")
        .env_remove("KIEMTRA_INSPECTOR")
        .env_remove("KIEMTRA_ASCII")
        .env("HOME", root.join("home"))
        .env("XDG_DATA_HOME", root.join("home/.local/share"))
        .env("XDG_CONFIG_HOME", root.join("home/.config"))
        .env("USER", "kiemtra-test")
        .env("NO_COLOR", "1");
    c
}

/// Run a command; if it has not finished within `limit` it is killed and the test fails.
/// Standard input is closed; standard output and error are collected.
pub fn run_guarded(cmd: Command, limit: Duration) -> Output {
    run_guarded_from(cmd, None, limit)
}

/// [`run_guarded`] with `input` written into a pipe on standard input, then closed.
pub fn run_with_input(cmd: Command, input: &str) -> Output {
    run_guarded_from(cmd, Some(input.to_string()), RUN_LIMIT)
}

fn run_guarded_from(mut cmd: Command, input: Option<String>, limit: Duration) -> Output {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let (Some(text), Some(mut pipe)) = (input, child.stdin.take()) {
        thread::spawn(move || {
            use std::io::Write;
            // The program may quit before reading everything: a broken pipe is fine.
            let _ = pipe.write_all(text.as_bytes());
        });
    }
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    thread::spawn(move || {
        let mut e = Vec::new();
        let _ = err.read_to_end(&mut e);
        let o = reader.join().unwrap_or_default();
        let _ = tx.send((o, e));
    });
    match rx.recv_timeout(limit) {
        Ok((stdout, stderr)) => {
            let status = child.wait().unwrap();
            Output {
                status,
                stdout,
                stderr,
            }
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kiemtra did not finish within {limit:?} (hung): {cmd:?}");
        }
    }
}

/// The exit code (-1 when killed by a signal).
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

pub fn first_line(o: &Output) -> String {
    stdout(o)
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Standard output parsed as JSON.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", describe(o)))
}

/// A file parsed as JSON.
pub fn json_file(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Exit code, stdout and stderr, for assertion messages.
pub fn describe(o: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}\n--- stderr\n{}",
        code(o),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The Unix permission bits of a path (not following a final symlink).
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o7777
}

/// Names of the entries of a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Run the binary with `--data-dir` under `umask 000`, as a careless shared machine would.
pub fn umask0(kit: &Kit, args: &[&str]) -> Output {
    let mut c = hermetic(Command::new("sh"), kit.root());
    c.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(bin())
        .arg("--data-dir")
        .arg(&kit.data)
        .args(args);
    run_guarded(c, RUN_LIMIT)
}

/// Run `cmd` on a pseudo-terminal of 120 columns and return everything it wrote, raw
/// (escape sequences and carriage returns kept), up to and including `until`. The command
/// must succeed.
pub fn raw_on_terminal(cmd: portable_pty::CommandBuilder, until: &str) -> String {
    use portable_pty::{PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    let until = until.to_string();
    thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&all).contains(&until) {
                break;
            }
        }
        let _ = tx.send(all);
    });
    let raw = rx
        .recv_timeout(RUN_LIMIT)
        .expect("the command on a terminal did not finish");
    let status = child.wait().unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    assert!(status.success(), "{raw}");
    raw
}
