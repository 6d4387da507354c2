//! `kiemtra log ID [--json]`: the audit trail of an inspection, one line per change:
//! when, who, which field, old → new.

use std::process::ExitCode;

use clap::Args;
use serde_json::Value;

use super::{Ctx, Outcome, print, print_json};
use crate::domain::escape::for_terminal_line;
use crate::domain::inspection::Change;
use crate::i18n::trust;
use crate::report::local_time;

#[derive(Debug, Args)]
pub struct LogArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: LogArgs) -> Outcome {
    let data = ctx.data()?;
    let id = data.resolve_id(&a.id).map_err(|e| ctx.store(e))?;
    let inspection = data.load(&id).map_err(|e| ctx.store(e))?;
    if a.json {
        print_json(&inspection.history)?;
        return Ok(ExitCode::SUCCESS);
    }
    if inspection.history.is_empty() {
        print(&format!("{}\n", trust::no_history(ctx.lang)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let text: String = inspection.history.iter().map(line).collect();
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// One entry on one line; a value is shown as JSON so that text, numbers and "empty"
/// (null) cannot be mistaken for one another, and a line break in a text stays `\n`.
fn line(c: &Change) -> String {
    let mut s = format!("{}  {}", local_time(c.at), for_terminal_line(&c.by));
    if let Some(path) = &c.path {
        let show = |v: &Option<Value>| {
            v.as_ref()
                .map(|v| for_terminal_line(&v.to_string()).into_owned())
                .unwrap_or_else(|| "?".into())
        };
        s.push_str(&format!(
            "  {}: {} → {}",
            for_terminal_line(path),
            show(&c.old),
            show(&c.new)
        ));
    } else if let Some(code) = &c.criterion {
        s.push_str(&format!("  [{}]", for_terminal_line(code)));
    }
    if let Some(what) = &c.what {
        s.push_str(&format!("  {}", for_terminal_line(what)));
    }
    s.push('\n');
    s
}
