//! The command line: argument definitions, help in both languages, and dispatch to one
//! file per subcommand. Every failure becomes one clear message and exit code 1; clap
//! reports usage errors with exit code 2.

mod actions;
mod bundle;
mod catalog;
mod completions;
mod conclude;
mod config;
mod dataset;
mod demo;
mod diff;
mod export;
mod finalize;
mod list;
pub mod localize;
mod log;
mod merge;
mod new;
mod output;
pub mod progress;
mod quarantine;
mod schema;
mod seal;
mod set;
mod show;
mod sorted_rows;
mod summary;
mod sync;
mod sync_aside;
mod validate;
mod verify;
mod walk;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::domain::escape::for_terminal;
use crate::domain::{Catalog, Inspection, Lang};
use crate::i18n;
use crate::store::{Catalogs, DataDir, StoreError};

#[derive(Debug, Parser)]
#[command(name = "kiemtra", disable_help_subcommand = true)]
pub struct Cli {
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[arg(long, global = true, value_name = "vi|en", value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    #[arg(long, global = true)]
    pub ascii: bool,
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    New(new::NewArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Validate(validate::ValidateArgs),
    Conclude(conclude::ConcludeArgs),
    Finalize(finalize::FinalizeArgs),
    Reopen(finalize::ReopenArgs),
    Seal(seal::SealArgs),
    Verify(verify::VerifyArgs),
    Log(log::LogArgs),
    Export(export::ExportArgs),
    Summary(summary::SummaryArgs),
    Demo(demo::DemoArgs),
    Quarantine(quarantine::QuarantineArgs),
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    Actions(actions::ActionsArgs),
    Diff(diff::DiffArgs),
    Dataset(dataset::DatasetArgs),
    Sync(sync::SyncArgs),
    MergeDriver(merge::MergeDriverArgs),
    MergeFiles(merge::MergeFilesArgs),
    Resolve(merge::ResolveArgs),
    Walk(walk::WalkArgs),
    Completions(completions::CompletionsArgs),
    Man,
    #[command(subcommand)]
    Config(config::ConfigCommand),
    Schema(schema::SchemaArgs),
    Help(HelpArgs),
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// What every subcommand needs: the language and the data directory.
pub struct Ctx {
    pub lang: Lang,
    pub data_dir_flag: Option<PathBuf>,
    /// How long a short command waits for a lock another command holds.
    pub wait: std::time::Duration,
    /// The config file's settings (the defaults when there is none).
    pub config: crate::config::Config,
}

impl Ctx {
    /// `--data-dir`, then `KIEMTRA_DATA_DIR`, then `data.dir` of the config file, then the
    /// platform default.
    pub fn data(&self) -> Result<DataDir, Failure> {
        let env_set = std::env::var_os(crate::store::DATA_DIR_ENV).is_some_and(|v| !v.is_empty());
        let flag = match &self.data_dir_flag {
            Some(f) => Some(f.clone()),
            None if env_set => None,
            None => self.config.data_dir(),
        };
        DataDir::resolve(flag.as_deref()).map_err(|e| self.store(e))
    }

    pub fn store(&self, e: StoreError) -> Failure {
        Failure(i18n::store_error(self.lang, &e))
    }

    /// Find an inspection by id or prefix, load it and the catalog it was made with.
    pub fn open(&self, data: &DataDir, id: &str) -> Result<(Inspection, Catalog), Failure> {
        let id = data.resolve_id(id).map_err(|e| self.store(e))?;
        let inspection = data.load(&id).map_err(|e| self.store(e))?;
        let catalog = self.catalog_of(data, &inspection)?;
        Ok((inspection, catalog))
    }

    /// Lock an inspection, load it, let `change` alter it, save it if it says it changed.
    /// Returns the inspection as saved and its catalog.
    pub fn edit_locked(
        &self,
        id: &str,
        program: &str,
        change: impl FnOnce(&mut Inspection, &Catalog) -> Result<bool, Failure>,
    ) -> Result<(Inspection, Catalog), Failure> {
        let data = self.data()?;
        let id = data.resolve_id(id).map_err(|e| self.store(e))?;
        let _lock = data
            .lock_waiting(&id, program, self.wait)
            .map_err(|e| self.store(e))?;
        let (mut inspection, catalog) = self.open(&data, &id)?;
        self.writable(&inspection)?;
        if change(&mut inspection, &catalog)? {
            data.save(&inspection).map_err(|e| self.store(e))?;
        }
        Ok((inspection, catalog))
    }

    /// A file written by a newer kiemtra is shown but never changed here.
    pub fn writable(&self, inspection: &Inspection) -> Result<(), Failure> {
        let newest = crate::domain::inspection::SCHEMA_VERSION;
        if inspection.schema_version > newest {
            return Err(Failure(i18n::trust::newer_schema_read_only(
                self.lang,
                inspection.schema_version,
                newest,
            )));
        }
        Ok(())
    }

    pub fn catalog_of(&self, data: &DataDir, inspection: &Inspection) -> Result<Catalog, Failure> {
        let catalogs = Catalogs::load(data).map_err(|e| self.store(e))?;
        let c = &inspection.catalog;
        catalogs
            .find(&c.id, &c.version, &c.sha256)
            .cloned()
            .ok_or_else(|| Failure(i18n::unknown_catalog(self.lang, &c.id, &c.version)))
    }
}

/// A failure already worded for the user.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure(i18n::trust::io_text(Lang::default(), &e))
    }
}

pub type Outcome = Result<ExitCode, Failure>;

/// The language asked for before the arguments are parsed, so that help is localised:
/// `--lang en`, `--lang=en`, then `KIEMTRA_LANG`; Vietnamese otherwise.
pub fn detect_lang(args: &[OsString]) -> Lang {
    lang_asked(args).unwrap_or_default()
}

/// The language given by flag or environment, if any.
fn lang_asked(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            return Some(parse_lang(&v));
        }
    }
    std::env::var("KIEMTRA_LANG")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse_lang(&v))
}

fn parse_lang(v: &str) -> Lang {
    if v.trim().eq_ignore_ascii_case("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The clap command with every help text taken from `i18n` in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    localize::clap_words(localize(Cli::command(), lang, "kiemtra"), lang, "kiemtra")
}

fn localize(mut cmd: clap::Command, lang: Lang, key: &str) -> clap::Command {
    if let Some(h) = i18n::help(lang, key) {
        cmd = cmd.about(h);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = i18n::help(lang, &format!("{key}.{id}"))
            .or_else(|| i18n::help(lang, &format!("kiemtra.{id}")));
        if let Some(h) = text {
            cmd = cmd.mut_arg(id, |a| a.help(h));
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let sub_key = if key == "kiemtra" {
            s.clone()
        } else {
            format!("{key}_{s}")
        };
        cmd = cmd.mut_subcommand(&s, |sc| localize(sc, lang, &sub_key));
    }
    cmd
}

/// Parse the arguments and run; the process exit code comes back.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let config = crate::config::Config::load();
    let configured = config.as_ref().ok().and_then(|c| c.ui.lang);
    // Precedence everywhere: flags, then environment, then the config file, then defaults.
    let lang = lang_asked(&args).or(configured).unwrap_or_default();
    let matches = match command(lang).try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return localize::finish(e, lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return localize::finish(e, lang),
    };
    let lang = cli.lang.as_deref().map(parse_lang).unwrap_or(lang);
    // A bad config file is never ignored; only `config path` works around it.
    let config = match config {
        Ok(c) => c,
        Err(_)
            if matches!(
                cli.command,
                Some(Command::Config(config::ConfigCommand::Path))
            ) =>
        {
            crate::config::Config::default()
        }
        Err(e) => {
            let _ = writeln!(io::stderr(), "kiemtra: {}", i18n::config::error(lang, &e));
            return ExitCode::from(1);
        }
    };
    let _ = INSPECTOR.set(
        std::env::var(INSPECTOR_ENV)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| config.inspector_name().map(str::to_string)),
    );
    let look = Look::resolve(&cli, &config);
    let ctx = Ctx {
        lang,
        data_dir_flag: cli.data_dir.clone(),
        wait: crate::store::lock::DEFAULT_WAIT,
        config,
    };
    let result = match cli.command {
        None => console(&ctx, look, None, &None),
        Some(Command::New(a)) => new::run(&ctx, a),
        Some(Command::List(a)) => list::run(&ctx, a),
        Some(Command::Show(a)) => show::run(&ctx, a),
        Some(Command::Set(a)) => set::run(&ctx, a),
        Some(Command::Validate(a)) => validate::run(&ctx, a),
        Some(Command::Conclude(a)) => conclude::run(&ctx, a),
        Some(Command::Finalize(a)) => finalize::run(&ctx, a),
        Some(Command::Reopen(a)) => finalize::reopen(&ctx, a),
        Some(Command::Seal(a)) => seal::run(&ctx, a),
        Some(Command::Verify(a)) => verify::run(&ctx, a),
        Some(Command::Log(a)) => log::run(&ctx, a),
        Some(Command::Export(a)) => export::run(&ctx, a),
        Some(Command::Summary(a)) => summary::run(&ctx, a),
        Some(Command::Demo(a)) => demo::run(&ctx, a),
        Some(Command::Quarantine(a)) => quarantine::run(&ctx, a),
        Some(Command::Catalog(c)) => catalog::run(&ctx, c),
        Some(Command::Actions(a)) => actions::run(&ctx, a),
        Some(Command::Diff(a)) => diff::run(&ctx, a),
        Some(Command::Dataset(a)) => dataset::run(&ctx, a),
        Some(Command::Sync(a)) => sync::run(&ctx, a),
        Some(Command::MergeDriver(a)) => merge::driver(&ctx, a),
        Some(Command::MergeFiles(a)) => merge::files(&ctx, a),
        Some(Command::Resolve(a)) => merge::resolve(&ctx, a),
        Some(Command::Walk(a)) => walk::run(&ctx, a, look),
        Some(Command::Completions(a)) => completions::run(&ctx, a),
        Some(Command::Man) => {
            localize::man_page(lang).and_then(|t| print(&t).map(|_| ExitCode::SUCCESS))
        }
        Some(Command::Config(c)) => config::run(&ctx, c, &look),
        Some(Command::Schema(a)) => schema::run(a),
        Some(Command::Help(a)) => localize::help_of(lang, &a.command),
    };
    match result {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(io::stderr(), "kiemtra: {}", for_terminal(&msg));
            ExitCode::from(1)
        }
    }
}

/// How output looks: ASCII only, colour. Flags, then environment (`KIEMTRA_ASCII`,
/// `NO_COLOR`), then the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub ascii: bool,
    pub color: bool,
}

impl Look {
    fn resolve(cli: &Cli, config: &crate::config::Config) -> Look {
        let env_on = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let ascii = cli.ascii
            || env_on("KIEMTRA_ASCII").map_or(config.ui.ascii.unwrap_or(false), |v| v != "0");
        let no_color =
            cli.no_color || env_on("NO_COLOR").is_some() || config.ui.no_color.unwrap_or(false);
        Look {
            ascii,
            color: !no_color,
        }
    }
}

/// The terminal cannot draw the console: `TERM=dumb` (or no `TERM` at all).
pub fn dumb_terminal() -> bool {
    std::env::var("TERM").map_or(true, |t| t.trim().is_empty() || t == "dumb")
}

/// Open the console on a terminal, at inspection `open` if given. With `TERM=dumb` the
/// line mode takes its place.
fn console(ctx: &Ctx, look: Look, open: Option<String>, by: &Option<String>) -> Outcome {
    use std::io::IsTerminal;
    if dumb_terminal() {
        return walk::pick_and_walk(ctx, open, by);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure(i18n::needs_terminal(ctx.lang).into()));
    }
    let data = ctx.data()?;
    crate::tui::run(crate::tui::Options {
        lang: ctx.lang,
        ascii: look.ascii,
        color: look.color,
        data,
        user: who(by),
        open,
    })
    .map_err(Failure)
}

/// Text for a person on standard output: control characters and bidi overrides that
/// came from a file are shown as visible escapes, never sent to the terminal.
pub fn print(text: &str) -> Result<(), Failure> {
    print_bytes(for_terminal(text).as_bytes())
}

/// Bytes as they are on standard output, where a closed pipe (`kiemtra list | head`)
/// ends quietly.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// A warning on standard error, escaped like [`print`].
pub fn warn(msg: &str) {
    let _ = writeln!(io::stderr(), "kiemtra: {}", for_terminal(msg));
}

/// Pretty JSON with a final newline on standard output.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure(e.to_string()))?;
    text.push('\n');
    print_bytes(json_for_terminal(&text).as_bytes())
}

/// JSON text with the characters serde_json leaves raw but a terminal would act on (DEL,
/// C1 controls, bidi overrides, line separators) written as `\uXXXX`: the same JSON
/// value, byte for byte safe to show. They can only occur inside strings.
pub fn json_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = |c: char| {
        matches!(c, '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{061C}' | '\u{2028}' | '\u{2029}')
    };
    if !text.chars().any(risky) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Environment variable naming the inspector (above the config file, below `--by`).
pub const INSPECTOR_ENV: &str = "KIEMTRA_INSPECTOR";

/// The inspector named by `KIEMTRA_INSPECTOR` or the config file, set once at start. Kept
/// process-wide so that every command's `--by` falls back to it through [`who`].
static INSPECTOR: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Who is recording: `--by`, else `KIEMTRA_INSPECTOR`, else the configured inspector name,
/// else the login name.
pub fn who(by: &Option<String>) -> String {
    by.clone()
        .filter(|b| !b.trim().is_empty())
        .or_else(|| INSPECTOR.get().cloned().flatten())
        .unwrap_or_else(crate::store::lock::current_user)
}

/// Parse a YYYY-MM-DD date given on the command line.
pub fn parse_date(lang: Lang, s: &str) -> Result<jiff::civil::Date, Failure> {
    s.trim()
        .parse()
        .map_err(|_| Failure(i18n::bad_date(lang, s)))
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's help ends with one or two examples, and they name real commands.
    #[test]
    fn every_command_has_examples() {
        fn walk(cmd: &clap::Command, key: &str, path: &str, missing: &mut Vec<String>) {
            let examples = i18n::examples(key);
            if examples.is_empty() || examples.len() > 2 {
                missing.push(key.to_string());
            }
            for e in examples {
                assert!(
                    e.contains(path),
                    "example {e:?} of {key} does not run {path}"
                );
            }
            for sub in cmd.get_subcommands() {
                let k = localize::sub_key(key, sub.get_name());
                walk(sub, &k, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "kiemtra", "kiemtra", &mut missing);
        assert!(
            missing.is_empty(),
            "give one or two examples in `examples()` of src/i18n/help.rs for: {missing:?}"
        );
    }

    /// Every subcommand and every argument has help text in both languages.
    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        fn walk(cmd: &clap::Command, key: &str, missing: &mut Vec<String>) {
            for lang in [Lang::Vi, Lang::En] {
                if i18n::help(lang, key).is_none() {
                    missing.push(key.to_string());
                }
                for a in cmd.get_arguments() {
                    let id = a.get_id().as_str();
                    if matches!(id, "help" | "version") {
                        continue;
                    }
                    let k = format!("{key}.{id}");
                    if i18n::help(lang, &k).is_none()
                        && i18n::help(lang, &format!("kiemtra.{id}")).is_none()
                    {
                        missing.push(k);
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                let k = if key == "kiemtra" {
                    sub.get_name().to_string()
                } else {
                    format!("{key}_{}", sub.get_name())
                };
                walk(sub, &k, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "kiemtra", &mut missing);
        missing.dedup();
        assert!(missing.is_empty(), "no help text for: {missing:?}");
    }
}
