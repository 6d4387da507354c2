//! `kiemtra finalize` and `kiemtra reopen`: close an inspection for changes, or open a
//! final or sealed one again with a recorded reason.

use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print, who};
use crate::domain::finding::not_assessed;
use crate::i18n::lifecycle;

#[derive(Debug, Args)]
pub struct FinalizeArgs {
    pub id: String,
    /// Finalise even though some criteria are not assessed (they are listed in the history).
    #[arg(long)]
    pub confirm_incomplete: bool,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    pub id: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Ctx, a: FinalizeArgs) -> Outcome {
    let lang = ctx.lang;
    let mut missing = 0;
    ctx.edit_locked(&a.id, "kiemtra finalize", |i, c| {
        missing = not_assessed(c, i).len();
        i.finalize(c, a.confirm_incomplete, &who(&a.by), jiff::Timestamp::now())
            .map(|_| true)
            .map_err(|e| Failure(lifecycle::finalize_error(lang, &e)))
    })?;
    print(&format!("{}\n", lifecycle::finalized(lang, missing)))?;
    Ok(ExitCode::SUCCESS)
}

pub fn reopen(ctx: &Ctx, a: ReopenArgs) -> Outcome {
    let lang = ctx.lang;
    ctx.edit_locked(&a.id, "kiemtra reopen", |i, _| {
        i.reopen(&a.reason, &who(&a.by), jiff::Timestamp::now())
            .map(|_| true)
            .map_err(|e| Failure(lifecycle::finalize_error(lang, &e)))
    })?;
    print(&format!("{}\n", lifecycle::reopened(lang)))?;
    Ok(ExitCode::SUCCESS)
}
