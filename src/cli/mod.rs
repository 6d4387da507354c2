//! The command line: argument definitions, help in both languages, and dispatch to one
//! file per subcommand. Every failure becomes one clear message and exit code 1; clap
//! reports usage errors with exit code 2.

mod actions;
mod catalog;
mod conclude;
mod dataset;
mod demo;
mod diff;
mod export;
mod finalize;
mod list;
mod new;
pub mod progress;
mod quarantine;
mod seal;
mod set;
mod show;
mod summary;
mod validate;
mod verify;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::domain::{Catalog, Inspection, Lang};
use crate::i18n;
use crate::store::{Catalogs, DataDir, StoreError};

#[derive(Debug, Parser)]
#[command(name = "kiemtra", version, disable_help_subcommand = true)]
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
    Export(export::ExportArgs),
    Summary(summary::SummaryArgs),
    Demo(demo::DemoArgs),
    Quarantine(quarantine::QuarantineArgs),
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    Actions(actions::ActionsArgs),
    Diff(diff::DiffArgs),
    Dataset(dataset::DatasetArgs),
}

/// What every subcommand needs: the language and the data directory.
pub struct Ctx {
    pub lang: Lang,
    pub data_dir_flag: Option<PathBuf>,
}

impl Ctx {
    pub fn data(&self) -> Result<DataDir, Failure> {
        DataDir::resolve(self.data_dir_flag.as_deref()).map_err(|e| self.store(e))
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
        let _lock = data.lock(&id, program).map_err(|e| self.store(e))?;
        let (mut inspection, catalog) = self.open(&data, &id)?;
        if change(&mut inspection, &catalog)? {
            data.save(&inspection).map_err(|e| self.store(e))?;
        }
        Ok((inspection, catalog))
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
        Failure(e.to_string())
    }
}

pub type Outcome = Result<ExitCode, Failure>;

/// The language asked for before the arguments are parsed, so that help is localised:
/// `--lang en`, `--lang=en`, then `KIEMTRA_LANG`; Vietnamese otherwise.
pub fn detect_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            return parse_lang(&v);
        }
    }
    std::env::var("KIEMTRA_LANG")
        .map(|v| parse_lang(&v))
        .unwrap_or_default()
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
    localize(Cli::command(), lang, "kiemtra")
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
    let lang = detect_lang(&args);
    let matches = command(lang).get_matches_from(args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let ctx = Ctx {
        lang: cli.lang.as_deref().map(parse_lang).unwrap_or(lang),
        data_dir_flag: cli.data_dir.clone(),
    };
    let result = match cli.command {
        None => console(&ctx, cli.ascii, cli.no_color),
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
        Some(Command::Export(a)) => export::run(&ctx, a),
        Some(Command::Summary(a)) => summary::run(&ctx, a),
        Some(Command::Demo(a)) => demo::run(&ctx, a),
        Some(Command::Quarantine(a)) => quarantine::run(&ctx, a),
        Some(Command::Catalog(c)) => catalog::run(&ctx, c),
        Some(Command::Actions(a)) => actions::run(&ctx, a),
        Some(Command::Diff(a)) => diff::run(&ctx, a),
        Some(Command::Dataset(a)) => dataset::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        Err(Failure(msg)) => {
            let _ = writeln!(io::stderr(), "kiemtra: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Open the console on a terminal.
fn console(ctx: &Ctx, ascii: bool, no_color: bool) -> Outcome {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure(i18n::needs_terminal(ctx.lang).into()));
    }
    let color = !no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let data = ctx.data()?;
    crate::tui::run(crate::tui::Options {
        lang: ctx.lang,
        ascii,
        color,
        data,
    })
    .map_err(Failure)
}

/// Standard output, where a closed pipe (`kiemtra list | head`) ends quietly.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Pretty JSON with a final newline on standard output.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure(e.to_string()))?;
    text.push('\n');
    print(&text)
}

/// Who is recording: `--by`, else the login name.
pub fn who(by: &Option<String>) -> String {
    by.clone()
        .filter(|b| !b.trim().is_empty())
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
