//! `kiemtra actions`: the recommendations of every inspection as corrective actions, and
//! `kiemtra actions set ACTION_ID --status S` to change one (who, when and a note are
//! recorded on the action and in the inspection's history).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{Ctx, Failure, Outcome, print, print_json, who};
use crate::domain::actions::{ActionError, ActionFilter, ActionRow, ActionStatus};
use crate::domain::escape::for_terminal_line as line;
use crate::domain::inspection::Status;
use crate::domain::nfc;
use crate::i18n::programme;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ActionsArgs {
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub overdue: bool,
    #[arg(long, value_name = "U")]
    pub unit: Option<String>,
    #[arg(long, value_name = "P")]
    pub province: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionsCommand {
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_name = "ACTION_ID")]
    pub action_id: String,
    #[arg(long, value_name = "open|in-progress|done|verified")]
    pub status: String,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

pub fn run(ctx: &Ctx, a: ActionsArgs) -> Outcome {
    if let Some(ActionsCommand::Set(s)) = a.command {
        return set(ctx, s);
    }
    let lang = ctx.lang;
    let data = ctx.data()?;
    let (rows, bad) =
        crate::store::actions::collect(&data.inspections(), today()).map_err(|e| ctx.store(e))?;
    for path in bad {
        eprintln!(
            "kiemtra: {}",
            programme::unreadable_skipped(lang, &line(&path.display().to_string()))
        );
    }
    let filter = ActionFilter {
        overdue: a.overdue,
        unit: a.unit,
        province: a.province,
    };
    let rows: Vec<_> = rows.into_iter().filter(|r| filter.keeps(r)).collect();
    let sealed = sealed_inspections(&data, &rows);
    if a.json {
        let listed: Vec<Listed> = rows
            .iter()
            .map(|row| Listed {
                row,
                sealed: sealed.contains(&row.inspection),
            })
            .collect();
        print_json(&listed)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        print(&format!("{}\n", programme::no_actions(lang)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut s = String::new();
    for r in &rows {
        let due = r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let mark = if r.overdue {
            format!(" {}", programme::overdue_word(lang))
        } else {
            String::new()
        };
        let locked = if sealed.contains(&r.inspection) {
            format!("  ({})", programme::action_sealed_mark(lang))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{}  {:<12} {due}{mark}  {}, {}  [{}]{locked}",
            r.id,
            programme::action_status(lang, r.status),
            line(&r.unit),
            line(&r.province),
            line(&r.criterion),
        );
        let owner = if r.owner.is_empty() {
            String::new()
        } else {
            format!(" — {}", line(&r.owner))
        };
        let _ = writeln!(s, "    {}{owner}", line(&r.text));
    }
    if !sealed.is_empty() {
        let _ = writeln!(s, "\n{}", programme::action_sealed_note(lang));
    }
    print(&s)?;
    Ok(ExitCode::SUCCESS)
}

/// One action as `actions --json` lists it: the row, and whether its inspection is sealed
/// (its status then moves on only in a follow-up visit).
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    row: &'a ActionRow,
    sealed: bool,
}

/// The inspections, among those listed, that are sealed: their actions cannot be changed.
fn sealed_inspections(data: &crate::store::DataDir, rows: &[ActionRow]) -> BTreeSet<String> {
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.inspection.as_str()).collect();
    ids.into_iter()
        .filter(|id| {
            data.load(id)
                .is_ok_and(|i| i.status == Status::Sealed || i.seal.is_some())
        })
        .map(str::to_string)
        .collect()
}

fn set(ctx: &Ctx, a: SetArgs) -> Outcome {
    let lang = ctx.lang;
    let status = ActionStatus::parse(&a.status)
        .ok_or_else(|| Failure(programme::bad_action_status(lang, &a.status)))?;
    let data = ctx.data()?;
    let found = crate::store::actions::find(&data.inspections(), &a.action_id, today())
        .map_err(|e| ctx.store(e))?;
    let (id, inspection) = match found.as_slice() {
        [] => {
            return Err(Failure(programme::action_error(
                lang,
                &crate::domain::actions::ActionError::NotFound(a.action_id.clone()),
            )));
        }
        [one] => (one.id.clone(), one.inspection.clone()),
        many => {
            return Err(Failure(programme::action_ambiguous(
                lang,
                &a.action_id,
                many.len(),
            )));
        }
    };
    let by = nfc(&who(&a.by));
    let note = a.note.unwrap_or_default();
    ctx.edit_locked(&inspection, "kiemtra actions set", |i, _| {
        i.set_action_status(&id, status, &note, &by, jiff::Timestamp::now())
            .map_err(|e| match e {
                ActionError::Sealed => Failure(programme::action_sealed(lang, Some(&i.id))),
                e => Failure(programme::action_error(lang, &e)),
            })?;
        Ok(true)
    })?;
    print(&format!("{}\n", programme::action_set(lang, &id, status)))?;
    Ok(ExitCode::SUCCESS)
}
