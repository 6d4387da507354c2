//! `kiemtra config show|set|path`: the settings file and the settings in force.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{Ctx, Failure, Look, Outcome, print};
use crate::config::{self as settings, KEYS};
use crate::domain::escape::for_terminal_line;
use crate::i18n::config::{self as words, Source};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    Show,
    Set(SetArgs),
    Path,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_name = "KEY")]
    pub key: String,
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
}

pub fn run(ctx: &Ctx, c: ConfigCommand, look: &Look) -> Outcome {
    let lang = ctx.lang;
    let path = settings::path().map_err(|e| Failure(words::error(lang, &e)))?;
    match c {
        ConfigCommand::Path => print(&format!("{}\n", path.display()))?,
        ConfigCommand::Set(a) => {
            settings::set(&path, &a.key, &a.value).map_err(|e| Failure(words::error(lang, &e)))?;
            print(&format!("{}\n", words::set_done(lang, &a.key, &path)))?;
        }
        ConfigCommand::Show => {
            let mut out = format!("{}\n", words::file_line(lang, &path, path.exists()));
            for (key, _) in KEYS {
                let (value, source) = in_force(ctx, look, key);
                let value = match value {
                    Some(v) => for_terminal_line(&v).into_owned(),
                    None => words::unset(lang).to_string(),
                };
                out.push_str(&format!(
                    "{key} = {value}  ({})\n",
                    words::source(lang, source)
                ));
            }
            out.push_str(words::precedence(lang));
            out.push('\n');
            print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The value in force for `key` and where it comes from (flags aside, which apply to one run).
fn in_force(ctx: &Ctx, look: &Look, key: &str) -> (Option<String>, Source) {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let from_env = match key {
        "inspector.name" => env(super::INSPECTOR_ENV),
        "ui.lang" => env("KIEMTRA_LANG"),
        "ui.ascii" => env("KIEMTRA_ASCII").map(|_| look.ascii.to_string()),
        "ui.no_color" => env("NO_COLOR").map(|_| (!look.color).to_string()),
        "data.dir" => env(crate::store::DATA_DIR_ENV),
        _ => None,
    };
    if let Some(v) = from_env {
        return (Some(v), Source::Env);
    }
    if let Some(v) = ctx.config.get(key).filter(|v| !v.trim().is_empty()) {
        return (Some(v), Source::File);
    }
    let default = match key {
        "inspector.name" => Some(crate::store::lock::current_user()),
        "ui.lang" => Some("vi".to_string()),
        "ui.ascii" | "ui.no_color" => Some("false".to_string()),
        "data.dir" => crate::store::DataDir::resolve(None)
            .ok()
            .map(|d| d.root.display().to_string()),
        "data.catalog" => Some(words::built_in(ctx.lang).to_string()),
        _ => None,
    };
    (default, Source::Default)
}
