//! `kiemtra verify ID|FILE`: check a seal; exit 0 when intact, 1 with what differs.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::seal::Verification;
use crate::i18n::{self, lifecycle};
use crate::report::local_time;
use crate::store::fsx;
use crate::store::{LoadError, load::parse_inspection};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// An inspection id (or prefix), or the path of an inspection file.
    pub target: String,
}

pub fn run(ctx: &Ctx, a: VerifyArgs) -> Outcome {
    let lang = ctx.lang;
    let path = Path::new(&a.target);
    // A file named on the command line is read as it is, whatever its name.
    let inspection = if std::fs::symlink_metadata(path).is_ok() {
        let bytes = fsx::read_regular(path).map_err(|p| {
            Failure(i18n::load_error(
                lang,
                &LoadError {
                    path: path.to_path_buf(),
                    reason: crate::store::load::reason_of(p),
                },
            ))
        })?;
        parse_inspection(&bytes).map_err(|reason| {
            Failure(i18n::load_error(
                lang,
                &LoadError {
                    path: path.to_path_buf(),
                    reason,
                },
            ))
        })?
    } else {
        let data = ctx.data()?;
        let id = data.resolve_id(&a.target).map_err(|e| ctx.store(e))?;
        data.load(&id).map_err(|e| ctx.store(e))?
    };
    match inspection.verify() {
        Verification::Intact => {
            let s = inspection
                .seal
                .as_ref()
                .map(|s| (s.sha256.clone(), s.by.clone(), local_time(s.at)));
            let (sha, by, at) = s.unwrap_or_default();
            print(&format!("{}\n", lifecycle::intact(lang, &sha, &by, &at)))?;
            Ok(ExitCode::SUCCESS)
        }
        Verification::NotSealed => Err(Failure(lifecycle::not_sealed(lang).into())),
        Verification::Broken {
            changed,
            expected,
            actual,
        } => Err(Failure(lifecycle::broken(
            lang, &changed, &expected, &actual,
        ))),
    }
}
