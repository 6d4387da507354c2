//! Sync with real git, in temporary folders, never a network: laptops and a bare hub,
//! the README's hub recipe, USB bundles (plain and age-encrypted), conflicts and locks.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Kit, RUN_LIMIT, code, describe, json, run_guarded, stdout};
use serde_json::Value;

/// One laptop: a data folder of its own, git configured only by what kiemtra sets.
struct Laptop {
    kit: Kit,
}

/// Keep the machine's git configuration (system, global, environment) out of the tests.
fn git_env(c: &mut Command, root: &Path) {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", root.join("home/.gitconfig"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env("LC_ALL", "C");
}

impl Laptop {
    fn new() -> Laptop {
        Laptop { kit: Kit::new() }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut c = self.kit.cmd(&["--lang", "en"]);
        c.args(args);
        git_env(&mut c, self.kit.root());
        run_guarded(c, RUN_LIMIT)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(code(&out), 0, "kiemtra {args:?}:\n{}", describe(&out));
        stdout(&out)
    }

    /// Run and require exit 1; returns stdout and stderr together.
    fn one(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            code(&out),
            1,
            "kiemtra {args:?} should exit 1:\n{}",
            describe(&out)
        );
        format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr))
    }

    fn show(&self, id: &str) -> Value {
        json(&self.run(&["show", id, "--json"]))
    }

    fn verdict(&self, id: &str, code: &str) -> Value {
        self.show(id)["answers"][code]["verdict"].clone()
    }

    /// git run by the test itself in the data folder.
    fn git(&self, args: &[&str]) -> String {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.kit.data).args(args);
        git_env(&mut c, self.kit.root());
        let out = c.output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", describe(&out));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"]).parse().unwrap()
    }
}

/// A bare hub repository in a folder of its own (as on a server or a shared drive).
fn hub() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hub.git");
    let out = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.path().join("none"))
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    (dir, path.to_string_lossy().into_owned())
}

/// Two laptops of one team on a hub, both holding one inspection made on the first.
fn two_laptops() -> (tempfile::TempDir, Laptop, Laptop, String) {
    let (dir, url) = hub();
    let (a, b) = (Laptop::new(), Laptop::new());
    a.ok(&[
        "sync",
        "init",
        "--remote",
        &url,
        "--name",
        "Đoàn 1",
        "--by",
        "Nguyễn Văn A",
    ]);
    b.ok(&[
        "sync",
        "init",
        "--remote",
        &url,
        "--name",
        "Đoàn 1",
        "--by",
        "Trần Thị B",
    ]);
    let id = common::first_line(&a.kit.ok(&["new", "--unit", "Công an phường Sài Gòn"]));
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert!(
        b.kit.inspection_file(&id).exists(),
        "B received the inspection"
    );
    (dir, a, b, id)
}

#[test]
fn init_tracks_inspections_ignores_locks_and_registers_the_driver() {
    let (_hub, url) = hub();
    let a = Laptop::new();
    let out = a.ok(&["sync", "init", "--remote", &url, "--by", "Nguyễn Văn A"]);
    assert!(out.contains("Sync set up"), "{out}");
    let attrs = std::fs::read_to_string(a.kit.data.join(".gitattributes")).unwrap();
    assert!(attrs.contains("inspections/*.json merge=kiemtra"));
    let driver = a.git(&["config", "merge.kiemtra.driver"]);
    assert!(
        driver.contains(common::bin()) && driver.ends_with("merge-driver %O %A %B %P"),
        "{driver}"
    );
    assert_eq!(a.git(&["config", "user.name"]), "Nguyễn Văn A");
    let id = a.kit.new_inspection();
    // A console's lock and a crash snapshot stay on the laptop.
    std::fs::create_dir_all(a.kit.data.join("recovery")).unwrap();
    std::fs::write(a.kit.data.join("recovery/x.json"), "{}").unwrap();
    a.kit.ok(&["set", &id, "1", "--verdict", "met"]);
    assert!(a.kit.data.join("locks").exists());
    a.ok(&["sync"]);
    let tracked = a.git(&["ls-files"]);
    assert!(
        tracked.contains(&format!("inspections/{id}.json")),
        "{tracked}"
    );
    assert!(
        !tracked.contains("locks/") && !tracked.contains("recovery/"),
        "{tracked}"
    );
    // A kiemtra moved since init: the next sync registers this one.
    a.git(&[
        "config",
        "merge.kiemtra.driver",
        "'/gone/kiemtra' merge-driver %O %A %B %P",
    ]);
    a.ok(&["sync"]);
    assert_eq!(a.git(&["config", "merge.kiemtra.driver"]), driver);
    // Running init again adopts the repository and changes nothing.
    let before = a.commits();
    let again = a.ok(&["sync", "init", "--remote", &url]);
    assert!(again.contains("Adopted"), "{again}");
    assert_eq!(a.commits(), before);
}

#[test]
fn disjoint_edits_merge_cleanly_both_ways_and_sync_is_idempotent() {
    let (_hub, a, b, id) = two_laptops();
    a.kit
        .ok(&["set", &id, "1", "--verdict", "met", "--by", "A"]);
    b.kit
        .ok(&["set", &id, "2", "--verdict", "not-met", "--by", "B"]);
    b.kit.ok(&[
        "set",
        &id,
        "2",
        "--evidence",
        "Sổ theo dõi quân số",
        "--by",
        "B",
    ]);
    let first = a.ok(&["sync"]);
    assert!(
        first.starts_with("↑ 1 inspections, ↓ 0, 0 conflicts"),
        "{first}"
    );
    let second = b.ok(&["sync"]);
    assert!(
        second.starts_with("↑ 1 inspections, ↓ 1, 0 conflicts"),
        "{second}"
    );
    a.ok(&["sync"]);
    for side in [&a, &b] {
        assert_eq!(side.verdict(&id, "I.1"), "met");
        assert_eq!(side.verdict(&id, "I.2"), "not_met");
        assert_eq!(side.show(&id)["conflicts"], serde_json::json!([]));
    }
    // Both histories are kept, once each, in time order.
    let history = a.show(&id)["history"].as_array().unwrap().clone();
    let whats: Vec<String> = history.iter().map(|h| h.to_string()).collect();
    assert!(whats.iter().any(|w| w.contains("\"A\"")) && whats.iter().any(|w| w.contains("\"B\"")));
    let mut sorted = whats.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), whats.len(), "no duplicate history entries");
    assert_eq!(
        a.kit.file_bytes(&id),
        b.kit.file_bytes(&id),
        "both laptops hold the same file"
    );
    // Nothing new: nothing committed, nothing moved.
    let commits = a.commits();
    let again = a.ok(&["sync"]);
    assert!(
        again.starts_with("↑ 0 inspections, ↓ 0, 0 conflicts"),
        "{again}"
    );
    assert_eq!(a.commits(), commits);
    // Files written by git stay private.
    assert_eq!(common::mode(&b.kit.inspection_file(&id)), 0o600);
}

#[test]
fn the_same_criterion_edited_differently_gives_one_conflict_that_blocks_finalize_until_resolved() {
    let (_hub, a, b, id) = two_laptops();
    a.kit
        .ok(&["set", &id, "3", "--verdict", "met", "--by", "A"]);
    b.kit
        .ok(&["set", &id, "3", "--verdict", "basically-met", "--by", "B"]);
    a.ok(&["sync"]);
    let out = b.one(&["sync"]);
    assert!(out.contains("↓ 1, 1 conflict"), "{out}");
    let shown = b.show(&id);
    let conflicts = shown["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let c = &conflicts[0];
    assert_eq!(c["criterion"], "I.3");
    assert_eq!(c["field"], "verdict");
    assert_eq!(
        (c["ours"].as_str(), c["theirs"].as_str()),
        (Some("basically_met"), Some("met"))
    );
    assert_eq!(
        (c["ours_by"].as_str(), c["theirs_by"].as_str()),
        (Some("B"), Some("A"))
    );
    assert!(c["ours_at"].is_string() && c["theirs_at"].is_string());
    // Never a silent pick, never conflict markers: the file loads and keeps ours.
    assert_eq!(b.verdict(&id, "I.3"), "basically_met");
    assert!(!String::from_utf8_lossy(&b.kit.file_bytes(&id)).contains("<<<<<<<"));
    let list = json(&b.run(&["list", "--json"]));
    assert_eq!(list[0]["conflicts"], 1);
    assert_eq!(json(&a.run(&["list", "--json"]))[0]["conflicts"], 0);
    let text = b.ok(&["show", &id]);
    assert!(text.contains("! CONFLICT [I.3] verdict"), "{text}");
    let refused = b.one(&["finalize", &id, "--confirm-incomplete"]);
    assert!(
        refused.contains("1 conflicts from a merge are not resolved"),
        "{refused}"
    );
    let refused = b.one(&["seal", &id, "--by", "B", "--confirm-incomplete"]);
    assert!(refused.contains("not resolved"), "{refused}");
    // Headless resolution, recorded in the history, and carried to the other laptop.
    let none = b.one(&["resolve", &id, "5", "--take", "theirs"]);
    assert!(none.contains("no conflict on \"I.5\""), "{none}");
    let done = b.ok(&["resolve", &id, "3", "--take", "theirs", "--by", "B"]);
    assert!(done.contains("Resolved 1 conflicts; 0 left"), "{done}");
    assert_eq!(b.verdict(&id, "I.3"), "met");
    let history = b.show(&id)["history"].to_string();
    assert!(
        history.contains("conflict resolved (took theirs): verdict"),
        "{history}"
    );
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!(a.show(&id)["conflicts"], serde_json::json!([]));
    assert_eq!(a.verdict(&id, "I.3"), "met");
    b.ok(&["finalize", &id, "--confirm-incomplete"]);
}

#[test]
fn a_sealed_inspection_changed_on_the_other_side_gives_a_conflict_resolved_only_by_reopening() {
    let (_hub, a, b, id) = two_laptops();
    a.kit
        .ok(&["set", &id, "1", "--verdict", "met", "--by", "A"]);
    a.kit
        .ok(&["seal", &id, "--by", "A", "--confirm-incomplete"]);
    a.ok(&["sync"]);
    b.kit
        .ok(&["set", &id, "1", "--verdict", "not-met", "--by", "B"]);
    let out = b.one(&["sync"]);
    assert!(out.contains("1 conflict"), "{out}");
    let shown = b.show(&id);
    assert_eq!(
        shown["status"], "sealed",
        "the seal is kept, not silently dropped"
    );
    assert_eq!(
        shown["answers"]["I.1"]["verdict"], "met",
        "the sealed content is kept"
    );
    let c = &shown["conflicts"][0];
    assert_eq!(
        (c["criterion"].as_str(), c["field"].as_str()),
        (Some("I.1"), Some("verdict"))
    );
    assert_eq!(c["ours"], "not_met");
    let refused = b.one(&["resolve", &id, "1", "--take", "ours"]);
    assert!(refused.contains("reopen it first"), "{refused}");
    b.kit
        .ok(&["reopen", &id, "--reason", "Hai đoàn ghi khác nhau"]);
    b.ok(&["resolve", &id, "1", "--take", "ours"]);
    assert_eq!(b.verdict(&id, "I.1"), "not_met");
    assert_eq!(b.show(&id)["status"], "draft");
}

/// What a console does when it saves: the whole file, written anew.
fn console_saves(kit: &Kit, id: &str, code: &str, evidence: &str) {
    let path = kit.inspection_file(id);
    let mut v: Value = common::json_file(&path);
    v["answers"][code] = serde_json::json!({"evidence": evidence, "changed_by": "console"});
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

#[test]
fn sync_works_while_a_console_holds_a_lock_and_never_rewrites_that_file() {
    let (_hub, a, b, id) = two_laptops();
    let other = common::first_line(&b.kit.ok(&["new", "--unit", "Công an phường Bến Thành"]));
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    // A console on laptop A holds the first inspection and saves into it.
    let lock = kiemtra::store::InspectionLock::acquire(
        a.kit.data.join(format!("locks/{id}.lock")),
        "kiemtra (console)",
    )
    .unwrap();
    console_saves(&a.kit, &id, "I.5", "Trụ sở đã xem");
    // Incoming changes to another inspection merge while the console is open.
    b.kit
        .ok(&["set", &other, "1", "--verdict", "met", "--by", "B"]);
    b.ok(&["sync"]);
    let out = a.ok(&["sync"]);
    assert!(out.contains("↓ 1, 0 conflicts"), "{out}");
    assert_eq!(a.verdict(&other, "I.1"), "met");
    // Incoming changes to the open inspection: everything else merges and goes out, the
    // open file is not touched.
    b.kit
        .ok(&["set", &id, "2", "--verdict", "met", "--by", "B"]);
    b.kit
        .ok(&["set", &other, "3", "--verdict", "met", "--by", "B"]);
    b.ok(&["sync"]);
    let before = a.kit.file_bytes(&id);
    let out = a.one(&["sync"]);
    assert!(
        out.contains(&format!("inspection {id}")) && out.contains("never rewritten while open"),
        "{out}"
    );
    assert_eq!(a.kit.file_bytes(&id), before);
    assert_eq!(a.verdict(&other, "I.3"), "met");
    let status = json(&a.run(&["sync", "status", "--json"]));
    assert_eq!(status["waiting"], serde_json::json!([id.clone()]));
    // The console goes on saving, then closes; the next sync merges its file three ways.
    console_saves(&a.kit, &id, "I.6", "Đã xem sổ");
    drop(lock);
    let out = a.ok(&["sync"]);
    assert!(out.starts_with("↑ 1 inspections"), "{out}");
    let shown = a.show(&id);
    assert_eq!(
        shown["answers"]["I.2"]["verdict"], "met",
        "B's change arrived"
    );
    assert_eq!(shown["answers"]["I.5"]["evidence"], "Trụ sở đã xem");
    assert_eq!(
        shown["answers"]["I.6"]["evidence"], "Đã xem sổ",
        "the console's later save kept"
    );
    assert_eq!(shown["conflicts"], serde_json::json!([]));
    b.ok(&["sync"]);
    assert_eq!(b.show(&id)["answers"]["I.6"]["evidence"], "Đã xem sổ");
    assert_eq!(
        json(&a.run(&["sync", "status", "--json"]))["waiting"],
        serde_json::json!([])
    );
}

#[test]
fn an_unreachable_hub_exits_1_and_keeps_the_work_committed() {
    let a = Laptop::new();
    let gone = a.kit.root().join("no-such-hub.git");
    a.ok(&["sync", "init", "--remote", gone.to_str().unwrap()]);
    let id = a.kit.new_inspection();
    let out = a.one(&["sync"]);
    assert!(out.contains("could not be reached"), "{out}");
    assert!(a.git(&["ls-files"]).contains(&id));
    let status = json(&a.run(&["sync", "status", "--json"]));
    assert_eq!(status["initialized"], true);
    assert_eq!(status["uncommitted"], serde_json::json!([]));
}

#[test]
fn a_missing_git_is_named_with_what_to_do() {
    let a = Laptop::new();
    let empty = a.kit.root().join("bin");
    std::fs::create_dir(&empty).unwrap();
    let mut c = a.kit.cmd(&["--lang", "en", "sync", "status"]);
    c.env("PATH", &empty);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("sync needs git 2.30 or newer"),
        "{}",
        describe(&out)
    );
}

/// An age key pair: (identity file, public key).
fn age_key(dir: &Path, name: &str) -> (PathBuf, String) {
    use age::secrecy::ExposeSecret;
    let key = age::x25519::Identity::generate();
    let path = dir.join(name);
    std::fs::write(&path, format!("{}\n", key.to_string().expose_secret())).unwrap();
    (path, key.to_public().to_string())
}

#[test]
fn an_encrypted_bundle_carried_from_a_to_c_imports_and_bad_ones_change_nothing() {
    let a = Laptop::new();
    a.ok(&["sync", "init", "--by", "A"]);
    let id = a.kit.new_inspection();
    a.kit.ok(&["set", &id, "1", "--verdict", "met"]);
    let stick = a.kit.root().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let (c_key, c_pub) = age_key(a.kit.root(), "c.key");
    let (other_key, _) = age_key(a.kit.root(), "other.key");
    let bundle = stick.join("doan1.bundle");
    let out = a.ok(&[
        "sync",
        "export",
        bundle.to_str().unwrap(),
        "--encrypt-to",
        &c_pub,
    ]);
    let bytes = std::fs::read(&bundle).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "encrypted");
    assert!(!String::from_utf8_lossy(&bytes).contains("Tân Chánh Hiệp"));
    let sha = out
        .lines()
        .find_map(|l| l.strip_prefix("SHA-256 "))
        .unwrap();
    assert_eq!(sha, kiemtra::domain::catalog::sha256_hex(&bytes));

    let c = Laptop::new();
    c.ok(&["sync", "init", "--by", "C"]);
    let head = c.git(&["rev-parse", "HEAD"]);
    // Cut short, altered, for another key, or without a key: refused, nothing changes.
    let cut = stick.join("cut.bundle");
    std::fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
    let mut altered = bytes.clone();
    let n = altered.len() - 100;
    altered[n] ^= 0x01;
    let bad = stick.join("altered.bundle");
    std::fs::write(&bad, &altered).unwrap();
    for (file, key, says) in [
        (&cut, &c_key, "damaged"),
        (&bad, &c_key, "damaged"),
        (&bundle, &other_key, "encrypted to another key"),
    ] {
        let out = c.one(&[
            "sync",
            "import",
            file.to_str().unwrap(),
            "--identity",
            key.to_str().unwrap(),
        ]);
        assert!(
            out.contains(says) && out.contains("nothing was changed"),
            "{out}"
        );
        assert_eq!(c.git(&["rev-parse", "HEAD"]), head);
        assert!(!c.kit.inspection_file(&id).exists());
    }
    let out = c.one(&["sync", "import", bundle.to_str().unwrap()]);
    assert!(out.contains("--identity"), "{out}");
    let out = c.ok(&[
        "sync",
        "import",
        bundle.to_str().unwrap(),
        "--identity",
        c_key.to_str().unwrap(),
    ]);
    assert!(out.starts_with("↓ 1, 0 conflicts"), "{out}");
    assert_eq!(c.verdict(&id, "I.1"), "met");
}

#[test]
fn a_plain_bundle_since_the_last_export_and_a_truncated_one() {
    let a = Laptop::new();
    a.ok(&["sync", "init", "--by", "A"]);
    let id = a.kit.new_inspection();
    let stick = a.kit.root().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let full = stick.join("full.bundle");
    a.ok(&["sync", "export", full.to_str().unwrap(), "--all"]);
    let none = a.one(&[
        "sync",
        "export",
        stick.join("x.bundle").to_str().unwrap(),
        "--since-last",
    ]);
    assert!(none.contains("nothing new since the last export"), "{none}");
    a.kit.ok(&["set", &id, "4", "--verdict", "met"]);
    let delta = stick.join("delta.bundle");
    a.ok(&["sync", "export", delta.to_str().unwrap(), "--since-last"]);

    let c = Laptop::new();
    c.ok(&["sync", "init", "--by", "C"]);
    let out = c.one(&["sync", "import", delta.to_str().unwrap()]);
    assert!(out.contains("continues an earlier bundle"), "{out}");
    let bytes = std::fs::read(&full).unwrap();
    let cut = stick.join("cut.bundle");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let out = c.one(&["sync", "import", cut.to_str().unwrap()]);
    assert!(out.contains("nothing was changed"), "{out}");
    assert!(!c.kit.inspection_file(&id).exists());
    c.ok(&[
        "sync",
        "import",
        full.to_str().unwrap(),
        delta.to_str().unwrap(),
    ]);
    assert_eq!(c.verdict(&id, "I.4"), "met");
}

#[test]
fn an_ssh_public_key_encrypts_a_bundle_for_its_private_key() {
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("SKIPPED: ssh-keygen is not installed (apt-get install openssh-client)");
        return;
    }
    let a = Laptop::new();
    a.ok(&["sync", "init", "--by", "A"]);
    let id = a.kit.new_inspection();
    let key = a.kit.root().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "c@hub", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(made.status.success());
    let public = key.with_extension("pub");
    let bundle = a.kit.root().join("ssh.bundle");
    a.ok(&[
        "sync",
        "export",
        bundle.to_str().unwrap(),
        "--encrypt-to",
        public.to_str().unwrap(),
    ]);
    let c = Laptop::new();
    c.ok(&["sync", "init", "--by", "C"]);
    c.ok(&[
        "sync",
        "import",
        bundle.to_str().unwrap(),
        "--identity",
        key.to_str().unwrap(),
    ]);
    assert!(c.kit.inspection_file(&id).exists());
}

/// The README's hub recipe: a bare hub on a shared folder, two teams, the operator's
/// `sync` and `summary --roster`.
#[test]
fn the_hub_recipe_of_the_readme() {
    let (_hub, url) = hub();
    let url = format!("file://{url}");
    let teams: Vec<Laptop> = (0..2).map(|_| Laptop::new()).collect();
    let units = ["Công an phường Sài Gòn", "Công an phường Bến Thành"];
    for (team, unit) in teams.iter().zip(units) {
        team.ok(&["sync", "init", "--remote", &url, "--name", unit]);
        let id = common::first_line(&team.kit.ok(&[
            "new",
            "--unit",
            unit,
            "--province",
            "TP Hồ Chí Minh",
        ]));
        team.kit.ok(&["set", &id, "1", "--verdict", "met"]);
        // Only a finished inspection counts as inspected in the roll-out.
        team.kit.ok(&["finalize", &id, "--confirm-incomplete"]);
        team.ok(&["sync"]);
    }
    let operator = Laptop::new();
    operator.ok(&["sync", "init", "--remote", &url, "--name", "Thành phố"]);
    let out = operator.ok(&["sync"]);
    assert!(out.contains("↓ 2"), "{out}");
    let roster = operator.kit.root().join("roster.csv");
    std::fs::write(
        &roster,
        "unit,province\nCông an phường Sài Gòn,TP Hồ Chí Minh\nCông an phường Bến Thành,TP Hồ Chí Minh\nCông an phường Tân Định,TP Hồ Chí Minh\n",
    )
    .unwrap();
    let summary = json(&operator.run(&["summary", "--roster", roster.to_str().unwrap(), "--json"]));
    assert_eq!(summary["units_inspected"], 2);
    assert_eq!(summary["never_inspected"].as_array().unwrap().len(), 1);
    let status = operator.ok(&["sync", "status"]);
    assert!(
        status.contains("Team: Thành phố") && status.contains("To send / to receive: 0 / 0"),
        "{status}"
    );
}

#[test]
fn a_copy_from_a_stick_is_reported_as_a_pair_counted_once_and_merged_by_criterion() {
    let a = Laptop::new();
    let id =
        a.kit
            .new_inspection_with(&["--unit", "Công an phường Tân Định", "--district", "Quận 1"]);
    a.kit.ok(&["set", &id, "1", "--verdict", "met"]);
    // A colleague's copy of the same inspection, with another criterion filled in.
    let copy = a.kit.inspections().join("copy from stick.json");
    std::fs::copy(a.kit.inspection_file(&id), &copy).unwrap();
    let mut theirs: Value = common::json_file(&copy);
    theirs["answers"]["I.2"] = serde_json::json!({"verdict": "not_met", "changed_by": "B"});
    std::fs::write(&copy, serde_json::to_vec_pretty(&theirs).unwrap()).unwrap();
    let named = a.kit.inspection_file(&id);
    let pair = format!(
        "two copies of one inspection {id}: {} and {}",
        named.display(),
        copy.display()
    );
    let out = a.one(&["validate"]);
    assert!(out.contains(&pair) && out.contains("merge-files"), "{out}");
    let listed = a.run(&["list"]);
    assert!(
        String::from_utf8_lossy(&listed.stderr).contains(&pair),
        "{}",
        describe(&listed)
    );
    let summary = a.run(&["summary", "--json"]);
    let s = json(&summary);
    // A draft: the unit is in progress, once.
    assert_eq!(s["units_in_progress"], 1);
    assert_eq!(s["inspections_read"], 1, "counted once");
    assert_eq!(s["duplicates"][0]["second"], copy.to_str().unwrap());
    assert!(String::from_utf8_lossy(&summary.stderr).contains("counted once"));
    let out = a.ok(&[
        "merge-files",
        named.to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    assert!(out.contains("0 conflicts"), "{out}");
    assert_eq!(a.verdict(&id, "I.1"), "met");
    assert_eq!(a.verdict(&id, "I.2"), "not_met");
    assert!(!copy.exists() && a.kit.data.join("quarantine/copy from stick.json").exists());
    a.ok(&["validate"]);
}

/// The real console on a laptop after a sync left a conflict and a stick left a copy:
/// both are shown, and the conflict is decided with keys.
#[test]
fn the_console_shows_the_conflict_and_the_copy_and_resolves_with_keys() {
    let (_hub, a, b, id) = two_laptops();
    a.kit
        .ok(&["set", &id, "3", "--verdict", "met", "--by", "A"]);
    b.kit
        .ok(&["set", &id, "3", "--verdict", "not-met", "--by", "B"]);
    a.ok(&["sync"]);
    b.one(&["sync"]);
    std::fs::copy(
        b.kit.inspection_file(&id),
        b.kit.inspections().join("usb copy.json"),
    )
    .unwrap();
    let mut console = common::pty::Console::kiemtra(&b.kit.data, &[("KIEMTRA_LANG", "en")]);
    console.wait_for("! Conflict");
    console.wait_for("Two copies of one inspection");
    console.wait_for("usb copy.json");
    console.send("\r");
    console.wait_for("! 1 conflicts (c)");
    console.send("jj");
    console.wait_for("! conflict: c to decide");
    console.send("c");
    console.wait_for("Conflict 1/1");
    console.wait_for("Theirs    Met");
    console.send("t");
    console.wait_for("0 conflicts left");
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
    let shown = b.show(&id);
    assert_eq!(shown["conflicts"], serde_json::json!([]));
    assert_eq!(shown["answers"]["I.3"]["verdict"], "met");
}

/// On a terminal, `sync import` draws its bar on standard error and wipes it before its
/// result; off a terminal it prints none.
#[test]
fn import_draws_a_progress_bar_on_a_terminal_only() {
    let a = Laptop::new();
    a.ok(&["sync", "init", "--by", "A"]);
    let id = a.kit.new_inspection();
    let bundle = a.kit.root().join("all.bundle");
    a.ok(&["sync", "export", bundle.to_str().unwrap(), "--all"]);

    let c = Laptop::new();
    c.ok(&["sync", "init", "--by", "C"]);
    let mut cmd = portable_pty::CommandBuilder::new(common::bin());
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap());
    cmd.env("HOME", c.kit.root().join("home"));
    cmd.env("GIT_CONFIG_NOSYSTEM", "1");
    cmd.env("GIT_CONFIG_GLOBAL", c.kit.root().join("home/.gitconfig"));
    cmd.env("LC_ALL", "C");
    cmd.env("KIEMTRA_PROGRESS_DELAY_MS", "0");
    cmd.args(["--lang", "en", "--data-dir"]);
    cmd.arg(&c.kit.data);
    cmd.args(["sync", "import"]);
    cmd.arg(&bundle);
    let raw = common::raw_on_terminal(cmd, "\n");
    let bar = raw.find("Importing [").expect(&raw);
    let wiped = raw.rfind("\r\x1b[K").expect(&raw);
    assert!(bar < wiped, "{raw:?}");
    assert!(
        !raw[wiped..].contains("Importing ["),
        "nothing after the wipe redraws the bar: {raw:?}"
    );
    assert!(c.kit.inspection_file(&id).exists());

    // Off a terminal: the same import (nothing new now) prints no bar.
    let mut cmd = c
        .kit
        .cmd(&["--lang", "en", "sync", "import", bundle.to_str().unwrap()]);
    git_env(&mut cmd, c.kit.root());
    cmd.env("KIEMTRA_PROGRESS_DELAY_MS", "0");
    let out = run_guarded(cmd, RUN_LIMIT);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains("Importing") && !all.contains('\r'), "{all}");
}
