//! `kiemtra verify ID|FILE`: check a seal, the catalog it was made with and, when the
//! seal is signed, the signature; exit 0 when all hold, 1 with what differs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print};
use crate::domain::Inspection;
use crate::domain::escape::for_terminal_line;
use crate::domain::seal::{Verification, verify_value};
use crate::domain::signature;
use crate::i18n::{self, lifecycle, trust};
use crate::report::local_time;
use crate::store::fsx;
use crate::store::{Catalogs, LoadError, load::parse_inspection};

/// Environment variable naming an allowed_signers file, as `--allowed-signers` does.
pub const ALLOWED_SIGNERS_ENV: &str = "KIEMTRA_ALLOWED_SIGNERS";

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// An inspection id (or prefix), or the path of an inspection file.
    pub target: String,
    #[arg(long, value_name = "FILE")]
    pub allowed_signers: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: VerifyArgs) -> Outcome {
    let lang = ctx.lang;
    let given = Path::new(&a.target);
    // A file named on the command line is read as it is, whatever its name.
    let path = if std::fs::symlink_metadata(given).is_ok() {
        given.to_path_buf()
    } else {
        let data = ctx.data()?;
        let id = data.resolve_id(&a.target).map_err(|e| ctx.store(e))?;
        data.inspection_path(&id)
    };
    let load_fail = |reason| {
        Failure(i18n::load_error(
            lang,
            &LoadError {
                path: path.clone(),
                reason,
            },
        ))
    };
    let bytes =
        fsx::read_regular(&path).map_err(|p| load_fail(crate::store::load::reason_of(p)))?;
    let inspection = parse_inspection(&bytes).map_err(load_fail)?;
    // The seal is checked on the file's own JSON, exactly as another tool would.
    let raw: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    match verify_value(&raw) {
        Verification::NotSealed => return Err(Failure(lifecycle::not_sealed(lang).into())),
        Verification::Missing => bad.push(trust::seal_missing(lang).to_string()),
        Verification::Intact { version } => {
            let s = inspection
                .seal
                .as_ref()
                .map(|s| (s.sha256.clone(), s.by.clone(), local_time(s.at)));
            let (sha, by, at) = s.unwrap_or_default();
            good.push(format!(
                "{}\n  {}",
                lifecycle::intact(lang, &sha, &for_terminal_line(&by), &at),
                trust::seal_version(lang, version)
            ));
        }
        Verification::Broken {
            version,
            changed,
            expected,
            actual,
        } => bad.push(format!(
            "{}\n  {}",
            lifecycle::broken(lang, &changed, &expected, &actual),
            trust::seal_version(lang, version)
        )),
    }
    catalog_check(ctx, &inspection, &mut good, &mut bad);
    signature_check(ctx, &a, &inspection, &mut good, &mut bad)?;
    if bad.is_empty() {
        print(&format!("{}\n", good.join("\n")))?;
        Ok(ExitCode::SUCCESS)
    } else {
        if !good.is_empty() {
            print(&format!("{}\n", good.join("\n")))?;
        }
        Err(Failure(bad.join("\nkiemtra: ")))
    }
}

/// The catalog the inspection was made with must be installed with the same content:
/// another catalog under the same name could turn its findings around.
fn catalog_check(ctx: &Ctx, i: &Inspection, good: &mut Vec<String>, bad: &mut Vec<String>) {
    let lang = ctx.lang;
    let c = &i.catalog;
    let (id, version) = (for_terminal_line(&c.id), for_terminal_line(&c.version));
    let catalogs = ctx.data().ok().and_then(|d| Catalogs::load(&d).ok());
    let entries = catalogs
        .as_ref()
        .map(|c| c.entries.as_slice())
        .unwrap_or(&[]);
    if entries.iter().any(|(k, _)| k.sha256 == c.sha256) {
        good.push(trust::catalog_ok(lang, &id, &version));
    } else if let Some((k, _)) = entries
        .iter()
        .find(|(k, _)| k.id == c.id && k.version == c.version)
    {
        bad.push(trust::catalog_changed(
            lang,
            &id,
            &version,
            &for_terminal_line(&c.sha256),
            &k.sha256,
        ));
    } else {
        bad.push(trust::catalog_missing(lang, &id, &version));
    }
}

fn signature_check(
    ctx: &Ctx,
    a: &VerifyArgs,
    i: &Inspection,
    good: &mut Vec<String>,
    bad: &mut Vec<String>,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let Some(seal) = &i.seal else {
        return Ok(());
    };
    let Some(armored) = &seal.signature else {
        good.push(trust::unsigned(lang).into());
        return Ok(());
    };
    let principal = seal.principal.as_deref().unwrap_or("?");
    let fingerprint = seal.fingerprint.as_deref().unwrap_or("?");
    // Flag, then environment, then `trust.allowed_signers` of the config file.
    let file = a
        .allowed_signers
        .clone()
        .or_else(|| {
            std::env::var_os(ALLOWED_SIGNERS_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| ctx.config.allowed_signers());
    let Some(file) = file else {
        good.push(trust::signature_unchecked(
            lang,
            &for_terminal_line(principal),
            &for_terminal_line(fingerprint),
        ));
        return Ok(());
    };
    let bytes = fsx::read_regular(&file).map_err(|p| {
        Failure(trust::allowed_signers_unreadable(
            lang,
            &file,
            &i18n::load_reason(lang, &crate::store::load::reason_of(p)),
        ))
    })?;
    let allowed = signature::parse_allowed_signers(&String::from_utf8_lossy(&bytes))
        .map_err(|line| Failure(trust::allowed_signers_line(lang, &file, line)))?;
    match signature::verify(
        armored,
        &seal.sha256,
        seal.principal.as_deref(),
        seal.fingerprint.as_deref(),
        &allowed,
    ) {
        Ok(fp) => good.push(trust::signed_by(lang, &for_terminal_line(principal), &fp)),
        Err(p) => bad.push(trust::signature_problem(lang, &p)),
    }
    Ok(())
}
