//! `kiemtra sync export` and `kiemtra sync import`: git bundles carried on a USB stick
//! where there is no network, encrypted with age to the receiving team's keys. A bundle
//! that is cut short, altered or meant for another key is refused and nothing changes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Bar;
use super::sync::{Integrated, commit_local, git_failure, integrate, open, report};
use super::{Ctx, Failure, Outcome, print};
use crate::domain::catalog::sha256_hex;
use crate::i18n::progress::Task;
use crate::i18n::sync as text;
use crate::store::bundle::{self, CryptError};
use crate::store::git::{Git, inspection_ids};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_name = "FILE.bundle")]
    pub file: PathBuf,
    /// Everything (the default)
    #[arg(long, conflicts_with = "since_last")]
    pub all: bool,
    /// Only what changed since the last export
    #[arg(long)]
    pub since_last: bool,
    /// age public key (age1...), SSH public key, or a file of them
    #[arg(long, value_name = "RECIPIENT")]
    pub encrypt_to: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// age identity file or SSH private key, for encrypted bundles
    #[arg(long, value_name = "KEYFILE")]
    pub identity: Option<PathBuf>,
}

/// The ref that marks what the last export carried.
const EXPORTED: &str = "refs/kiemtra/exported";

/// A private scratch folder inside the repository (never /tmp: the plaintext of an
/// encrypted bundle must not land where other users look).
fn scratch(git: &Git) -> Result<tempfile::TempDir, Failure> {
    tempfile::Builder::new()
        .prefix("kiemtra-bundle")
        .tempdir_in(git.root.join(".git"))
        .map_err(Failure::from)
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> Outcome {
    let lang = ctx.lang;
    let mut recipients = Vec::new();
    for r in &a.encrypt_to {
        recipients.extend(bundle::recipients(r).map_err(|e| crypt_failure(ctx, &a.file, &e))?);
    }
    // The bundle file follows the rules of every `-o`: refused early onto a link, a
    // folder, a FIFO or a device.
    super::output::check(lang, &a.file)?;
    let (data, git) = open(ctx)?;
    let g = |e| git_failure(ctx, e);
    commit_local(ctx, &git, &data)?;
    let dir = scratch(&git)?;
    let tmp = dir.path().join("out.bundle");
    let head = format!("refs/heads/{}", git.branch());
    let last = git.rev(EXPORTED).filter(|_| a.since_last);
    let mut args = vec![
        "bundle".to_string(),
        "create".into(),
        "-q".into(),
        tmp.to_string_lossy().into_owned(),
        head.clone(),
    ];
    if let Some(last) = &last {
        args.push(format!("^{last}"));
    }
    if let Err(e) = git.run(&args) {
        return Err(if last.is_some() {
            Failure(text::nothing_new(lang))
        } else {
            g(e)
        });
    }
    let plain = std::fs::read(&tmp)?;
    let count = match &last {
        Some(l) => inspection_ids(&git.lines(["diff", "--name-only", l, "HEAD"]).map_err(g)?),
        None => inspection_ids(
            &git.lines(["ls-tree", "-r", "--name-only", "HEAD"])
                .map_err(g)?,
        ),
    }
    .len();
    let bytes = if recipients.is_empty() {
        plain
    } else {
        bundle::encrypt(&plain, &recipients).map_err(|e| crypt_failure(ctx, &a.file, &e))?
    };
    super::output::write(lang, &a.file, |w| w.write_all(&bytes))?;
    let _ = git.run(["update-ref", EXPORTED, "HEAD"]);
    print(&format!(
        "{}\n",
        text::exported(
            lang,
            &a.file,
            count,
            !recipients.is_empty(),
            &sha256_hex(&bytes)
        )
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn crypt_failure(ctx: &Ctx, file: &std::path::Path, e: &CryptError) -> Failure {
    Failure(text::crypt_error(ctx.lang, file, e))
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> Outcome {
    let lang = ctx.lang;
    let identities = match &a.identity {
        Some(p) => {
            let bytes =
                std::fs::read(p).map_err(|e| Failure(text::unreadable(lang, p, &e.to_string())))?;
            bundle::identities(&bytes).map_err(|e| crypt_failure(ctx, p, &e))?
        }
        None => Vec::new(),
    };
    let (data, git) = open(ctx)?;
    let dir = scratch(&git)?;
    // Two steps per bundle: read and fetched, then merged. Dropped on every early return,
    // which wipes it before the error is printed.
    let bar = Bar::new(lang, Task::Import, 2 * a.files.len() as u64);
    // First every bundle is read, decrypted and checked; only then is anything merged.
    let mut ready = Vec::new();
    for (n, file) in a.files.iter().enumerate() {
        let bytes = std::fs::read(file)
            .map_err(|e| Failure(text::unreadable(lang, file, &e.to_string())))?;
        let plain = if bundle::is_encrypted(&bytes) {
            if identities.is_empty() {
                return Err(crypt_failure(ctx, file, &CryptError::NeedsIdentity));
            }
            bundle::decrypt(&bytes, &identities).map_err(|e| crypt_failure(ctx, file, &e))?
        } else {
            bytes
        };
        let tmp = dir.path().join(format!("{n}.bundle"));
        std::fs::write(&tmp, &plain)?;
        let tmp_s = tmp.to_string_lossy().into_owned();
        if let Err(e) = git.run(["bundle", "verify", &tmp_s]) {
            return Err(Failure(text::bundle_refused(lang, file, &e)));
        }
        let head = git
            .lines(["bundle", "list-heads", &tmp_s])
            .unwrap_or_default()
            .into_iter()
            .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
            .find(|r| r.starts_with("refs/heads/"));
        let Some(head) = head else {
            return Err(Failure(text::bundle_refused(
                lang,
                file,
                &crate::store::git::GitError::Failed {
                    command: "bundle list-heads".into(),
                    stderr: "no branch".into(),
                },
            )));
        };
        let target = format!("refs/kiemtra/incoming/{n}");
        if let Err(e) = git.run(["fetch", "-q", &tmp_s, &format!("+{head}:{target}")]) {
            (0..=n).for_each(|k| delete_incoming(&git, k));
            return Err(Failure(text::bundle_refused(lang, file, &e)));
        }
        ready.push(target);
        bar.inc(1);
    }
    commit_local(ctx, &git, &data)?;
    let mut all = Integrated::default();
    for (n, target) in ready.iter().enumerate() {
        let step = integrate(ctx, &git, &data, target)?;
        all.down.extend(step.down);
        all.deferred.extend(step.deferred);
        delete_incoming(&git, n);
        bar.inc(1);
    }
    bar.finish();
    all.down.sort();
    all.down.dedup();
    report(ctx, &data, None, &all, None)
}

fn delete_incoming(git: &Git, n: usize) {
    let _ = git.run(["update-ref", "-d", &format!("refs/kiemtra/incoming/{n}")]);
}
