//! `kiemtra conclude`: record the team's conclusion (text and proposal).

use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print, who};
use crate::domain::finding::{Conclusion, Proposal};
use crate::i18n::lifecycle;

#[derive(Debug, Args)]
pub struct ConcludeArgs {
    pub id: String,
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    #[arg(long, value_parser = ["recognition", "replication", "not-yet"])]
    pub proposal: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Ctx, a: ConcludeArgs) -> Outcome {
    let lang = ctx.lang;
    if a.text.is_none() && a.proposal.is_none() {
        return Err(Failure(lifecycle::nothing_to_conclude(lang).into()));
    }
    ctx.edit_locked(&a.id, "kiemtra conclude", |i, _| {
        let old = i.conclusion.clone().unwrap_or_default();
        let c = Conclusion {
            text: a.text.clone().unwrap_or(old.text),
            proposal: match a.proposal.as_deref() {
                Some("recognition") => Some(Proposal::Recognition),
                Some("replication") => Some(Proposal::Replication),
                Some(_) => Some(Proposal::NotYet),
                None => old.proposal,
            },
        };
        i.set_conclusion(c, &who(&a.by), jiff::Timestamp::now())
            .map_err(|e| Failure(lifecycle::finalize_error(lang, &e)))
    })?;
    print(&format!("{}\n", lifecycle::conclusion_saved(lang)))?;
    Ok(ExitCode::SUCCESS)
}
