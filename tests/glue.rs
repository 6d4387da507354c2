//! Where the second-stage features meet: the config file read by verify, sync and seal;
//! every `-o` written the same careful way; actions of a sealed inspection.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// Write the config file the kit's binary reads (its XDG config folder).
fn configure(kit: &Kit, text: &str) -> PathBuf {
    let dir = kit.root().join("home/.config/kiemtra");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    fs::write(&path, text).unwrap();
    path
}

/// The machine's git configuration kept out; only what kiemtra sets counts.
fn git_cmd(kit: &Kit, mut c: Command) -> Command {
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", kit.root().join("home/.gitconfig"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("LC_ALL", "C");
    c
}

fn run_git(kit: &Kit, args: &[&str]) -> Output {
    let mut c = kit.cmd(&["--lang", "en"]);
    c.args(args);
    run_guarded(git_cmd(kit, c), RUN_LIMIT)
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn sync_init_and_sync_take_the_hub_from_the_config_file() {
    let hubs = tempfile::tempdir().unwrap();
    let hub = hubs.path().join("hub.git");
    let made = Command::new("git")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&hub)
        .output()
        .unwrap();
    assert!(made.status.success());
    let url = hub.to_str().unwrap();

    // sync init without --remote: the configured hub becomes origin.
    let a = Kit::new();
    configure(&a, &format!("[sync]\nremote = \"{url}\"\n"));
    let out = run_git(&a, &["sync", "init"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert!(stdout(&out).contains(url), "{}", describe(&out));
    assert_eq!(git(&a.data, &["config", "remote.origin.url"]), url);
    // --remote still wins over the file.
    let elsewhere = hubs.path().join("other.git");
    let out = run_git(
        &a,
        &["sync", "init", "--remote", elsewhere.to_str().unwrap()],
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(
        git(&a.data, &["config", "remote.origin.url"]),
        elsewhere.to_str().unwrap()
    );

    // A folder set up before the hub was configured: plain `sync` reaches the hub.
    let b = Kit::new();
    let out = run_git(&b, &["sync", "init"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let id = b.new_inspection();
    let out = run_git(&b, &["sync"]);
    assert_eq!(code(&out), 1, "no hub yet: {}", describe(&out));
    configure(&b, &format!("[sync]\nremote = \"{url}\"\n"));
    let out = run_git(&b, &["sync"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let on_hub = git(&hub, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(
        on_hub.contains(&format!("inspections/{id}.json")),
        "{on_hub}"
    );
    // The file may also name a git remote of the folder.
    git(&b.data, &["remote", "rename", "origin", "hub"]);
    configure(&b, "[sync]\nremote = \"hub\"\n");
    let out = run_git(&b, &["sync"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
}

#[test]
fn seal_without_by_records_the_configured_inspector() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    configure(&kit, "[inspector]\nname = \"Phạm Văn Cường\"\n");
    kit.ok(&["seal", &id, "--confirm-incomplete"]);
    let v = kit.show_json(&id);
    assert_eq!(v["seal"]["by"], "Phạm Văn Cường");
    // --by still wins.
    let id2 = kit.new_inspection();
    kit.ok(&["seal", &id2, "--confirm-incomplete", "--by", "Lê Thị Dung"]);
    assert_eq!(kit.show_json(&id2)["seal"]["by"], "Lê Thị Dung");
}

#[test]
fn verify_reads_the_allowed_signers_file_named_in_the_config() {
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("SKIPPED: ssh-keygen is not installed (apt-get install openssh-client)");
        return;
    }
    let kit = Kit::new();
    let id = kit.new_inspection();
    let key = kit.root().join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "an@ca.gov.vn", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let public = fs::read_to_string(kit.root().join("id_ed25519.pub")).unwrap();
    let good = kit.root().join("allowed_good");
    fs::write(&good, format!("an@ca.gov.vn {public}")).unwrap();
    let other = kit.root().join("allowed_other");
    fs::write(&other, format!("someone@else {public}")).unwrap();
    kit.ok(&[
        "seal",
        &id,
        "--by",
        "An",
        "--confirm-incomplete",
        "--sign-with",
        key.to_str().unwrap(),
    ]);
    // Without any list the signature is not checked.
    let out = kit.ok(&["--lang", "en", "verify", &id]);
    assert!(stdout(&out).contains("NOT CHECKED"), "{}", describe(&out));
    // The config file's list is used.
    configure(
        &kit,
        &format!("[trust]\nallowed_signers = \"{}\"\n", good.display()),
    );
    let out = kit.ok(&["--lang", "en", "verify", &id]);
    assert!(
        stdout(&out).contains("signature is valid"),
        "{}",
        describe(&out)
    );
    // The environment wins over the file, the flag over both.
    let mut c = kit.cmd(&["--lang", "en", "verify", &id]);
    c.env("KIEMTRA_ALLOWED_SIGNERS", &other);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    assert!(
        stderr(&out).contains("does not allow key"),
        "{}",
        describe(&out)
    );
    let mut c = kit.cmd(&[
        "--lang",
        "en",
        "verify",
        &id,
        "--allowed-signers",
        good.to_str().unwrap(),
    ]);
    c.env("KIEMTRA_ALLOWED_SIGNERS", &other);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 0, "{}", describe(&out));
}

/// `-o` of export, dataset and diff: a new file, over a regular file, `-` for standard
/// output; a link, folder, FIFO or device refused and left as it was; no temp file left.
#[test]
fn every_output_file_is_written_the_same_careful_way() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let kit = Kit::new();
    let a = kit.new_inspection();
    let b = kit.new_inspection();
    kit.ok(&["set", &b, "I.1", "--verdict", "met"]);
    let dir = kit.root().join("out");
    fs::create_dir(&dir).unwrap();
    let kept = dir.join("kept.txt");
    fs::write(&kept, "kept").unwrap();
    let link = dir.join("link");
    symlink(&kept, &link).unwrap();
    let folder = dir.join("folder");
    fs::create_dir(&folder).unwrap();
    let fifo = dir.join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo {}", fifo.display());
    let commands: [(&str, Vec<&str>); 5] = [
        ("export", vec!["export", &a, "--format", "csv"]),
        ("dataset", vec!["dataset"]),
        ("dataset", vec!["dataset", "--format", "ndjson"]),
        ("diff", vec!["diff", &a, &b, "--format", "md"]),
        ("diff", vec!["diff", &a, &b, "--json"]),
    ];
    for (name, args) in &commands {
        let with = |o: &Path| {
            let mut all: Vec<&str> = vec!["--lang", "en"];
            all.extend(args.iter().copied());
            all.extend(["-o", o.to_str().unwrap()]);
            kit.run(&all)
        };
        for (path, what) in [
            (&link, "a symbolic link"),
            (&folder, "a folder"),
            (&fifo, "a FIFO"),
            (&PathBuf::from("/dev/null"), "a device"),
        ] {
            let out = with(path);
            assert_eq!(code(&out), 1, "{name} -o {what}: {}", describe(&out));
            let err = stderr(&out);
            assert!(
                err.contains("NOT EXPORTED") && err.contains(what) && err.contains("-o -"),
                "{name}: {err}"
            );
        }
        assert_eq!(fs::read_to_string(&kept).unwrap(), "kept", "{name}");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(entries(&folder).is_empty());
        // `-o -` is standard output, the same bytes as no -o at all.
        let mut plain: Vec<&str> = vec!["--lang", "en"];
        plain.extend(args.iter().copied());
        let expected = kit.ok(&plain).stdout;
        assert!(!expected.is_empty(), "{name}");
        let out = with(Path::new("-"));
        assert_eq!(code(&out), 0, "{name}: {}", describe(&out));
        assert_eq!(out.stdout, expected, "{name} -o -");
        // A new file, then over that regular file; nothing else is left in the folder.
        let file = dir.join(format!("{name}.out"));
        let _ = fs::remove_file(&file);
        for _ in 0..2 {
            let out = with(&file);
            assert_eq!(code(&out), 0, "{name}: {}", describe(&out));
            assert!(stdout(&out).contains(file.to_str().unwrap()), "{name}");
            assert_eq!(fs::read(&file).unwrap(), expected, "{name} file");
        }
        let left: Vec<String> = entries(&dir)
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "{name} left {left:?}");
    }
}

/// A planner sees which actions can be moved on only in a follow-up visit, and `actions
/// set` on one says how to go on, naming the inspection, in both languages.
#[test]
fn actions_of_a_sealed_inspection_are_marked_and_refused_with_the_way_on() {
    let kit = Kit::new();
    let recommend = |id: &str, text: &str| {
        kit.ok(&[
            "set",
            id,
            "III.1",
            "--verdict",
            "not-met",
            "--shortcoming",
            "Sổ thiếu",
            "--recommend",
            text,
        ]);
    };
    let sealed = kit.new_inspection_with(&["--unit", "Công an phường Chợ Lớn"]);
    recommend(&sealed, "Lắp camera");
    let open = kit.new_inspection_with(&["--unit", "Công an phường Bến Thành"]);
    recommend(&open, "Bổ sung sổ");
    kit.ok(&["seal", &sealed, "--by", "An", "--confirm-incomplete"]);

    let list = json(&kit.ok(&["actions", "--json"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{list}");
    for r in rows {
        assert_eq!(r["sealed"], r["inspection"] == sealed.as_str(), "{r}");
    }
    for (lang, mark, note) in [
        (
            "vi",
            "đã niêm phong: cập nhật ở lần kiểm tra lại",
            "kiemtra new --follow-up",
        ),
        (
            "en",
            "sealed: update in a follow-up",
            "kiemtra new --follow-up",
        ),
    ] {
        let text = stdout(&kit.ok(&["--lang", lang, "actions"]));
        let marked: Vec<&str> = text.lines().filter(|l| l.contains(mark)).collect();
        assert_eq!(marked.len(), 1, "{lang}: {text}");
        assert!(marked[0].contains("Chợ Lớn"), "{lang}: {text}");
        assert!(text.contains(note), "{lang}: {text}");
    }
    let action = rows.iter().find(|r| r["sealed"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = kit.file_bytes(&sealed);
    for (lang, words) in [
        ("vi", "phiếu đã niêm phong"),
        ("en", "the inspection is sealed"),
    ] {
        let err = kit.fails(&[
            "--lang", lang, "actions", "set", &action, "--status", "done",
        ]);
        assert!(err.contains(words), "{lang}: {err}");
        assert!(
            err.contains(&format!("kiemtra new --follow-up {sealed}"))
                && err.contains(&format!("kiemtra reopen {sealed}")),
            "{lang}: {err}"
        );
    }
    assert_eq!(kit.file_bytes(&sealed), before);
    // Nothing is marked while no listed inspection is sealed.
    let text = stdout(&kit.ok(&["--lang", "en", "actions", "--unit", "Bến Thành"]));
    assert!(!text.contains("sealed"), "{text}");
}

/// A bundle file follows the same rules: never written through a link or onto a device.
#[test]
fn sync_export_refuses_a_link_and_keeps_it() {
    use std::os::unix::fs::symlink;
    let kit = Kit::new();
    kit.new_inspection();
    let out = run_git(&kit, &["sync", "init"]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let kept = kit.root().join("kept.bundle");
    fs::write(&kept, "kept").unwrap();
    let link = kit.root().join("link.bundle");
    symlink(&kept, &link).unwrap();
    for path in [link.as_path(), Path::new("/dev/null")] {
        let out = run_git(&kit, &["sync", "export", path.to_str().unwrap()]);
        assert_eq!(code(&out), 1, "{}", describe(&out));
        let err = stderr(&out);
        assert!(
            err.contains("not a regular file") && !err.contains("-o -"),
            "{err}"
        );
    }
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&kept).unwrap(), "kept");
    let good = kit.root().join("team.bundle");
    let out = run_git(&kit, &["sync", "export", good.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let bundle = fs::read(&good).unwrap();
    assert!(bundle.starts_with(b"# v2 git bundle"), "a git bundle");
}
