//! Reaching every officer's machine: the line mode driven through a pipe, `TERM=dumb`,
//! shell completions, the man page, localised help and the config file's precedence.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::Command;

use common::*;

/// `kiemtra ARGS` in the kit's world, without `--data-dir` (so the config file can set it).
fn bare(kit: &Kit, args: &[&str]) -> Command {
    let mut c = hermetic(Command::new(bin()), kit.root());
    c.args(args);
    c
}

/// Point the binary at a config file holding `text`; returns its path.
fn with_config(kit: &Kit, text: &str) -> std::path::PathBuf {
    let path = kit.root().join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

// ---------------------------------------------------------------------------------------
// line mode
// ---------------------------------------------------------------------------------------

#[test]
fn twenty_two_lines_of_1_through_a_pipe_assess_twenty_two_criteria() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let out = run_with_input(kit.cmd(&["walk", &id, "--plain"]), &"1\n".repeat(22));
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let progress = &kit.show_json(&id)["progress"];
    assert_eq!(progress["assessed"], 22);
    assert_eq!(progress["met"], 22);
    let text = stdout(&out);
    assert!(text.contains("22/22 đã đánh giá: 22 đạt"), "{text}");
    assert!(text.contains("Đây là tiêu chí cuối."));
    // Plain lines: no escape sequences, no box drawing.
    assert!(!text.contains('\u{1b}'));
    assert!(!text.chars().any(|c| ('\u{2500}'..='\u{259F}').contains(&c)));
    // Saved as the console saves: one history entry per verdict, by the recorder.
    let history = kit.show_json(&id)["history"].as_array().unwrap().len();
    assert_eq!(history, 23);
}

#[test]
fn line_mode_text_in_vietnamese() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let input = "i\nclean_strong\nbogus\nadvanced\n\n1\np\ne\nĐã xem sổ trực ban\nq\n";
    let out = run_with_input(kit.cmd(&["walk", &id, "--plain"]), input);
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let answer = kit.answer(&id, "I.1");
    assert_eq!(answer["verdict"], "met");
    assert_eq!(answer["values"]["unit_title"]["choice"], "advanced");
    assert_eq!(answer["evidence"], "Đã xem sổ trực ban");
    insta::assert_snapshot!("walk_plain_vi", stdout(&out));
}

#[test]
fn line_mode_text_in_english_with_an_override() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let input = "g 17\ni\n\n16/25\n\nr\nCertify 9 areas\nWard police\n2026-12-31\n2\nNew residential areas\nq\n";
    let out = run_with_input(
        kit.cmd(&["--lang", "en", "walk", &id, "--plain", "--by", "Trần B"]),
        input,
    );
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let answer = kit.answer(&id, "III.1");
    assert_eq!(answer["verdict"], "basically_met");
    assert_eq!(answer["override_reason"], "New residential areas");
    assert_eq!(answer["recommendations"][0]["due"], "2026-12-31");
    assert_eq!(answer["changed_by"], "Trần B");
    insta::assert_snapshot!("walk_plain_en", stdout(&out));
}

#[test]
fn the_console_under_term_dumb_offers_the_line_mode() {
    let kit = Kit::new();
    let id = kit.new_inspection();
    let mut cmd = kit.cmd(&[]);
    cmd.env("TERM", "dumb");
    let out = run_with_input(cmd, "1\n3\nq\n");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains("TERM=dumb"), "{text}");
    assert!(
        text.contains("kiemtra walk"),
        "says how to go straight there: {text}"
    );
    assert!(text.contains("1. Công an phường Tân Chánh Hiệp"), "{text}");
    assert_eq!(kit.answer(&id, "I.1")["verdict"], "not_met");
    // `walk ID` without --plain under TERM=dumb is the line mode too.
    let mut cmd = kit.cmd(&["walk", &id]);
    cmd.env("TERM", "dumb");
    let out = run_with_input(cmd, "g 2\n2\n");
    assert_eq!(code(&out), 0, "{}", describe(&out));
    assert_eq!(kit.answer(&id, "I.2")["verdict"], "basically_met");
}

#[test]
fn new_without_a_unit_and_without_a_terminal_says_what_is_missing() {
    let kit = Kit::new();
    let out = kit.run(&["new"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--unit"), "{}", describe(&out));
    assert!(out.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------
// completions, man page, help, version
// ---------------------------------------------------------------------------------------

#[test]
fn completions_for_every_shell_name_the_subcommands_in_the_chosen_language() {
    let kit = Kit::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let text = stdout(&kit.ok(&["completions", shell]));
        for sub in ["walk", "config", "schema", "export"] {
            assert!(text.contains(sub), "{shell} completes {sub}");
        }
        if shell != "bash" {
            assert!(
                text.contains("Tạo phiếu kiểm tra mới"),
                "{shell} in Vietnamese"
            );
            let en = stdout(&kit.ok(&["--lang", "en", "completions", shell]));
            assert!(en.contains("Create an inspection"), "{shell} in English");
        }
    }
    let out = kit.run(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2);
    if let Ok(bash) = Command::new("bash").arg("--version").output()
        && bash.status.success()
    {
        let script = kit.root().join("kiemtra.bash");
        std::fs::write(&script, kit.ok(&["completions", "bash"]).stdout).unwrap();
        let check = Command::new("bash")
            .arg("-n")
            .arg(&script)
            .output()
            .unwrap();
        assert!(check.status.success(), "bash -n: {check:?}");
    } else {
        eprintln!("SKIPPED bash -n: no bash on this machine");
    }
}

#[test]
fn man_page_is_roff_with_every_subcommand_in_both_languages() {
    let kit = Kit::new();
    let vi = stdout(&kit.ok(&["man"]));
    assert!(vi.starts_with(".ie") || vi.contains(".TH kiemtra"), "{vi}");
    assert!(vi.contains(".SH \"TÊN\""));
    assert!(vi.contains(".SH \"KIEMTRA WALK\""));
    assert!(vi.contains("Tạo phiếu kiểm tra mới"));
    let en = stdout(&kit.ok(&["--lang", "en", "man"]));
    assert!(en.contains(".SH NAME"));
    assert!(en.contains("Create an inspection"));
    for sub in ["new", "set", "walk", "config", "schema", "completions"] {
        assert!(
            en.contains(&format!("KIEMTRA {}", sub.to_uppercase())),
            "{sub}"
        );
    }
}

#[test]
fn help_subcommand_matches_the_help_flag_and_ends_with_examples() {
    let kit = Kit::new();
    for lang in ["vi", "en"] {
        for path in [
            &["new"][..],
            &["catalog", "show"],
            &["walk"],
            &["config", "set"],
        ] {
            let mut help = vec!["--lang", lang, "help"];
            help.extend_from_slice(path);
            let mut flag = vec!["--lang", lang];
            flag.extend_from_slice(path);
            flag.push("--help");
            let a = stdout(&kit.ok(&help));
            let b = stdout(&kit.ok(&flag));
            assert_eq!(a, b, "help {path:?} in {lang}");
            let examples = if lang == "vi" {
                "Ví dụ:"
            } else {
                "Examples:"
            };
            let tail: Vec<&str> = a.trim_end().lines().rev().take(3).collect();
            assert!(
                tail.iter().any(|l| l.trim_start().starts_with("kiemtra ")),
                "{path:?} ends with an example:\n{a}"
            );
            assert!(a.contains(examples));
        }
    }
    let vi = stdout(&kit.ok(&["--help"]));
    assert!(vi.contains("Cách dùng:") && vi.contains("Tùy chọn:") && vi.contains("Lệnh:"));
    assert!(vi.contains("In trợ giúp") && !vi.contains("Print help"));
    let en = stdout(&kit.ok(&["--lang", "en", "--help"]));
    assert!(en.contains("Usage:") && en.contains("Print help"));
    let out = kit.run(&["help", "bogus"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("bogus"));
}

#[test]
fn clap_errors_are_worded_in_vietnamese_by_default() {
    let kit = Kit::new();
    let out = kit.run(&["list", "--no-such-flag"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.starts_with("lỗi: đối số không mong đợi '--no-such-flag'"),
        "{err}"
    );
    assert!(err.contains("Cách dùng: kiemtra list"), "{err}");
    assert!(!err.contains("error:") && !err.contains("Usage:"), "{err}");
    let out = kit.run(&["--lang", "en", "set", "x", "1", "--verdict", "bogus"]);
    let err = stderr(&out);
    assert!(err.starts_with("error: invalid value 'bogus'"), "{err}");
}

#[test]
fn version_names_the_commit() {
    let kit = Kit::new();
    let text = stdout(&kit.ok(&["--version"]));
    assert!(
        text.starts_with(&format!("kiemtra {} (", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("commit "), "{text}");
}

// ---------------------------------------------------------------------------------------
// config file
// ---------------------------------------------------------------------------------------

#[test]
fn config_language_yields_to_the_environment_and_the_environment_to_the_flag() {
    let kit = Kit::new();
    let config = with_config(&kit, "[ui]\nlang = \"en\"\n");
    let run = |env_lang: Option<&str>, flag: Option<&str>| {
        let mut args = vec![];
        if let Some(f) = flag {
            args.extend(["--lang", f]);
        }
        args.extend(["show", "nope"]);
        let mut c = kit.cmd(&args);
        c.env("KIEMTRA_CONFIG", &config);
        if let Some(l) = env_lang {
            c.env("KIEMTRA_LANG", l);
        }
        stderr(&run_guarded(c, RUN_LIMIT))
    };
    assert!(
        run(None, None).contains("no inspection"),
        "config: {}",
        run(None, None)
    );
    assert!(
        run(Some("vi"), None).contains("không có phiếu"),
        "env over config"
    );
    assert!(
        run(Some("vi"), Some("en")).contains("no inspection"),
        "flag over env"
    );
    // Without a config file, the default is Vietnamese.
    assert!(stderr(&kit.run(&["show", "nope"])).contains("không có phiếu"));
}

#[test]
fn config_data_dir_yields_to_the_environment_and_the_flag() {
    let kit = Kit::new();
    let from_config = kit.root().join("from-config");
    let from_env = kit.root().join("from-env");
    let config = with_config(
        &kit,
        &format!("[data]\ndir = \"{}\"\n", from_config.display()),
    );
    let new = |env: bool, flag: Option<&std::path::Path>| {
        let mut args = vec![];
        let flag_s;
        if let Some(f) = flag {
            flag_s = f.display().to_string();
            args.extend(["--data-dir", flag_s.as_str()]);
        }
        args.extend(["new", "--unit", "Công an phường Bến Thành"]);
        let mut c = bare(&kit, &args);
        c.env("KIEMTRA_CONFIG", &config);
        if env {
            c.env("KIEMTRA_DATA_DIR", &from_env);
        }
        let out = run_guarded(c, RUN_LIMIT);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        first_line(&out)
    };
    let a = new(false, None);
    assert!(from_config.join(format!("inspections/{a}.json")).exists());
    let b = new(true, None);
    assert!(from_env.join(format!("inspections/{b}.json")).exists());
    let c = new(true, Some(&kit.data));
    assert!(kit.inspection_file(&c).exists());
}

#[test]
fn the_configured_inspector_is_recorded_on_new_inspections_and_in_history() {
    let kit = Kit::new();
    let config = with_config(
        &kit,
        "# who I am\n[inspector]\nname = \"Trung tá Nguyễn Văn A\"\nteam = \"Đoàn 1\"\n",
    );
    let run = |args: &[&str], env: Option<&str>| {
        let mut c = kit.cmd(args);
        c.env("KIEMTRA_CONFIG", &config);
        if let Some(v) = env {
            c.env("KIEMTRA_INSPECTOR", v);
        }
        let out = run_guarded(c, RUN_LIMIT);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        out
    };
    let id = first_line(&run(&["new", "--unit", "Công an phường Tân Định"], None));
    let by = |n: usize| kit.show_json(&id)["history"][n]["by"].clone();
    assert_eq!(by(0), "Trung tá Nguyễn Văn A");
    run(&["set", &id, "1", "--verdict", "met"], None);
    assert_eq!(by(1), "Trung tá Nguyễn Văn A");
    run(&["set", &id, "2", "--verdict", "met"], Some("Thiếu tá B"));
    assert_eq!(by(2), "Thiếu tá B", "environment over config");
    run(
        &["set", &id, "3", "--verdict", "met", "--by", "Đại úy C"],
        Some("Thiếu tá B"),
    );
    assert_eq!(by(3), "Đại úy C", "flag over environment");
    // Without any, the login name.
    kit.ok(&["set", &id, "4", "--verdict", "met"]);
    assert_eq!(by(4), "kiemtra-test");
}

#[test]
fn a_bad_config_file_is_named_with_line_and_column_never_ignored() {
    let kit = Kit::new();
    let config = with_config(&kit, "[inspector]\nname = \"A\"\n[ui]\nascii = yes\n");
    let mut c = kit.cmd(&["list"]);
    c.env("KIEMTRA_CONFIG", &config);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 1, "{}", describe(&out));
    let err = stderr(&out);
    assert!(err.contains(&config.display().to_string()), "{err}");
    assert!(err.contains("dòng 4, cột 9"), "{err}");
    // A misspelt key is an error too, in English on request.
    let config = with_config(&kit, "[ui]\ncolour = false\n");
    let mut c = kit.cmd(&["--lang", "en", "list"]);
    c.env("KIEMTRA_CONFIG", &config);
    let err = stderr(&run_guarded(c, RUN_LIMIT));
    assert!(
        err.contains("line 2, column 1") && err.contains("colour"),
        "{err}"
    );
    // `config path` still answers, so the user can find the file.
    let mut c = kit.cmd(&["config", "path"]);
    c.env("KIEMTRA_CONFIG", &config);
    let out = run_guarded(c, RUN_LIMIT);
    assert_eq!(code(&out), 0);
    assert_eq!(first_line(&out), config.display().to_string());
    // And `config set` refuses to overwrite it.
    let mut c = kit.cmd(&["config", "set", "ui.lang", "en"]);
    c.env("KIEMTRA_CONFIG", &config);
    assert_eq!(code(&run_guarded(c, RUN_LIMIT)), 1);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[ui]\ncolour = false\n"
    );
}

#[test]
fn config_set_keeps_comments_and_show_says_where_each_value_comes_from() {
    let kit = Kit::new();
    let config = kit.root().join("conf/kiemtra/config.toml");
    let run = |args: &[&str]| {
        let mut c = kit.cmd(args);
        c.env("KIEMTRA_CONFIG", &config).env_remove("NO_COLOR");
        run_guarded(c, RUN_LIMIT)
    };
    assert_eq!(
        code(&run(&["config", "set", "inspector.name", "Nguyễn Văn A"])),
        0
    );
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("# mine\n{text}")).unwrap();
    assert_eq!(code(&run(&["config", "set", "ui.no_color", "yes"])), 0);
    assert_eq!(
        code(&run(&[
            "config",
            "set",
            "sync.remote",
            "ssh://hub/kiemtra.git"
        ])),
        0
    );
    assert_eq!(
        code(&run(&[
            "config",
            "set",
            "trust.allowed_signers",
            "~/signers"
        ])),
        0
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with("# mine\n"), "{text}");
    assert!(text.contains("no_color = true"), "{text}");
    let out = run(&["config", "set", "ui.lang", "fr"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("vi hoặc en"));
    let out = run(&["config", "set", "ui.colour", "x"]);
    assert!(stderr(&out).contains("inspector.name"), "lists the keys");
    let show = stdout(&run(&["config", "show"]));
    assert!(
        show.contains("inspector.name = Nguyễn Văn A  (tệp cấu hình)"),
        "{show}"
    );
    assert!(show.contains("ui.lang = vi  (mặc định)"), "{show}");
    assert!(
        show.contains("sync.remote = ssh://hub/kiemtra.git"),
        "{show}"
    );
    // An empty value removes the key.
    assert_eq!(code(&run(&["config", "set", "inspector.name", ""])), 0);
    let show = stdout(&run(&["config", "show"]));
    assert!(
        show.contains("inspector.name = kiemtra-test  (mặc định)"),
        "{show}"
    );
}

#[test]
fn the_configured_catalog_is_used_by_new_unless_one_is_given() {
    let kit = Kit::new();
    let config = with_config(
        &kit,
        &format!("[data]\ncatalog = \"{}\"\n", small_catalog().display()),
    );
    let new = |extra: &[&str]| {
        let mut args = vec!["new", "--unit", "Công an phường Chợ Quán"];
        args.extend_from_slice(extra);
        let mut c = kit.cmd(&args);
        c.env("KIEMTRA_CONFIG", &config);
        let out = run_guarded(c, RUN_LIMIT);
        assert_eq!(code(&out), 0, "{}", describe(&out));
        first_line(&out)
    };
    let small = json_file(&small_catalog())["id"].clone();
    let id = new(&[]);
    assert_eq!(kit.show_json(&id)["catalog"]["id"], small);
    let bad = kit.root().join("missing.json");
    let mut c = kit.cmd(&["new", "--unit", "X", "--catalog", bad.to_str().unwrap()]);
    c.env("KIEMTRA_CONFIG", &config);
    assert_eq!(
        code(&run_guarded(c, RUN_LIMIT)),
        1,
        "the flag wins, even a bad one"
    );
}
