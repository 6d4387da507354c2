//! `kiemtra seal`: finalise (if still a draft) and seal an inspection.

use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::inspection::Status;
use crate::i18n::lifecycle;

#[derive(Debug, Args)]
pub struct SealArgs {
    pub id: String,
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// Seal even though some criteria are not assessed.
    #[arg(long)]
    pub confirm_incomplete: bool,
}

pub fn run(ctx: &Ctx, a: SealArgs) -> Outcome {
    let lang = ctx.lang;
    let (inspection, _) = ctx.edit_locked(&a.id, "kiemtra seal", |i, c| {
        let now = jiff::Timestamp::now();
        if !i.conflicts.is_empty() {
            return Err(Failure(crate::i18n::sync::conflicts_block(
                lang,
                i.conflicts.len(),
            )));
        }
        if i.status == Status::Draft {
            i.finalize(c, a.confirm_incomplete, &a.by, now)
                .map_err(|e| Failure(lifecycle::finalize_error(lang, &e)))?;
        }
        i.seal(&a.by, now)
            .map(|_| true)
            .map_err(|e| Failure(lifecycle::seal_error(lang, &e)))
    })?;
    let seal = inspection
        .seal
        .as_ref()
        .map(|s| (s.sha256.as_str(), s.by.as_str()));
    if let Some((sha, by)) = seal {
        print(&format!("{}\n", lifecycle::sealed(lang, sha, by)))?;
    }
    Ok(ExitCode::SUCCESS)
}
