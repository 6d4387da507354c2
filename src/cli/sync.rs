//! `kiemtra sync`: the data folder as a git repository shared through a hub. `sync init`
//! makes or adopts the repository; `sync` commits, fetches, merges with the inspection
//! merge driver and pushes; `sync status` says where things stand. An inspection open in
//! a console is never rewritten under it: its incoming changes wait for the next sync.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{Ctx, Failure, Outcome, print, print_json};
use crate::i18n::sync as text;
use crate::store::git::{Git, GitError, check_version, inspection_ids};
use crate::store::{DataDir, Holder, LockError, StoreError, write_atomic};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    #[arg(long, value_name = "NAME")]
    pub remote: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    Init(InitArgs),
    Status(StatusArgs),
    Export(super::bundle::ExportArgs),
    Import(super::bundle::ImportArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,
    #[arg(long, value_name = "TEAM")]
    pub name: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long)]
    pub json: bool,
}

/// What is tracked: inspections, catalogs, rosters. Everything else of the data folder
/// (locks, recovery, quarantine, exports, temp files) stays on this laptop.
const GITIGNORE: &str = "# Written by kiemtra sync init: only these travel.\n/*\n!/.gitignore\n!/.gitattributes\n!/inspections/\n!/catalogs/\n!/roster*.csv\n/inspections/.*\n/inspections/*.tmp\n";
const GITATTRIBUTES: &str = "inspections/*.json merge=kiemtra\n";

pub fn run(ctx: &Ctx, a: SyncArgs) -> Outcome {
    match a.command {
        Some(SyncCommand::Init(i)) => init(ctx, i),
        Some(SyncCommand::Status(s)) => status(ctx, s),
        Some(SyncCommand::Export(e)) => super::bundle::export(ctx, e),
        Some(SyncCommand::Import(i)) => super::bundle::import(ctx, i),
        None => match a.remote {
            Some(r) => sync(ctx, &r),
            None => sync(ctx, &configured_remote(ctx)?),
        },
    }
}

/// `sync` without `--remote`: `origin`, unless `sync.remote` of the config file says
/// otherwise. It may name a git remote of the data folder, or give the hub's URL, which
/// then becomes `origin` when the folder has none yet.
fn configured_remote(ctx: &Ctx) -> Result<String, Failure> {
    let Some(value) = ctx.config.sync_remote() else {
        return Ok("origin".into());
    };
    let (_, git) = open(ctx)?;
    if git.config(&format!("remote.{value}.url")).is_some() {
        return Ok(value.to_string());
    }
    if git.config("remote.origin.url").is_none() {
        git.run(["remote", "add", "origin", value])
            .map_err(|e| git_failure(ctx, e))?;
    }
    Ok("origin".into())
}

/// `sync init --remote`, else `sync.remote` of the config file.
fn init_remote(ctx: &Ctx, a: &InitArgs) -> Option<String> {
    a.remote
        .clone()
        .or_else(|| ctx.config.sync_remote().map(str::to_string))
}

pub fn git_failure(ctx: &Ctx, e: GitError) -> Failure {
    Failure(text::git_error(ctx.lang, &e))
}

/// The data folder's repository, after checking git and that `sync init` was run.
pub fn open(ctx: &Ctx) -> Result<(DataDir, Git), Failure> {
    check_version().map_err(|e| git_failure(ctx, e))?;
    let data = ctx.data()?;
    let git = Git::at(&data.root);
    if !git.is_repo() {
        return Err(Failure(text::not_initialized(ctx.lang, &data.root)));
    }
    // A kiemtra moved or reinstalled since `sync init` still merges: when the registered
    // driver's program is gone, this binary takes its place.
    let registered = git.config("merge.kiemtra.driver").unwrap_or_default();
    let program = registered
        .strip_prefix('\'')
        .and_then(|r| r.split_once("' "))
        .map(|(p, _)| p.replace("'\\''", "'"));
    if program.is_none_or(|p| !Path::new(&p).exists()) {
        git.run(["config", "merge.kiemtra.driver", &driver_command()?])
            .map_err(|e| git_failure(ctx, e))?;
    }
    Ok((data, git))
}

/// How git calls this very binary as the merge driver.
fn driver_command() -> Result<String, Failure> {
    let exe = std::env::current_exe()?;
    Ok(format!(
        "{} merge-driver %O %A %B %P",
        shell_quote(&exe.to_string_lossy())
    ))
}

fn init(ctx: &Ctx, mut a: InitArgs) -> Outcome {
    let lang = ctx.lang;
    a.remote = init_remote(ctx, &a);
    check_version().map_err(|e| git_failure(ctx, e))?;
    let data = ctx.data()?;
    data.ensure(&data.inspections()).map_err(|e| ctx.store(e))?;
    let git = Git::at(&data.root);
    let adopted = git.is_repo();
    let g = |e| git_failure(ctx, e);
    if !adopted {
        git.run(["init", "-q", "-b", "main"]).map_err(g)?;
    }
    for (name, content) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        let path = data.root.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content) {
            write_atomic(&path, content.as_bytes())
                .map_err(|e| Failure(crate::i18n::save_error(lang, &e)))?;
        }
    }
    let driver = driver_command()?;
    git.run(["config", "merge.kiemtra.name", "kiemtra inspection merge"])
        .map_err(g)?;
    git.run(["config", "merge.kiemtra.driver", &driver])
        .map_err(g)?;
    // An identity only when git has none (not even a global one): the inspector's name.
    if git.config("user.name").is_none() {
        git.run(["config", "user.name", &super::who(&a.by)])
            .map_err(g)?;
    }
    if git.config("user.email").is_none() {
        let user = crate::store::lock::current_user();
        git.run(["config", "user.email", &format!("{user}@kiemtra.invalid")])
            .map_err(g)?;
    }
    if let Some(team) = a.name.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        git.run(["config", "kiemtra.team", team]).map_err(g)?;
    }
    if let Some(url) = &a.remote {
        let verb = if git.config("remote.origin.url").is_some() {
            "set-url"
        } else {
            "add"
        };
        git.run(["remote", verb, "origin", url]).map_err(g)?;
    }
    commit_local(ctx, &git, &data)?;
    print(&format!(
        "{}\n",
        text::initialized(lang, &data.root, adopted, a.remote.as_deref())
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Quote a path for the shell git runs the merge driver with.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Commit every change of the tracked files, one commit listing the inspections changed.
/// Returns their ids. The first commit of a new repository is made even when empty.
pub fn commit_local(ctx: &Ctx, git: &Git, data: &DataDir) -> Result<Vec<String>, Failure> {
    let g = |e| git_failure(ctx, e);
    super::sync_aside::settle(ctx, git, data)?;
    git.run(["add", "-A"]).map_err(g)?;
    super::sync_aside::unstage_pending(git);
    let staged = git
        .lines(["diff", "--cached", "--name-only", "--no-renames"])
        .map_err(g)?;
    let first = git.rev("HEAD").is_none();
    if staged.is_empty() && !first {
        return Ok(Vec::new());
    }
    let ids = inspection_ids(&staged);
    let mut message = if first && ids.is_empty() {
        "kiemtra sync init".to_string()
    } else {
        format!("kiemtra: {} inspections\n\n", ids.len())
    };
    for id in &ids {
        let unit = data
            .load(id)
            .map(|i| i.unit.name)
            .unwrap_or_else(|_| "-".to_string());
        message.push_str(&format!("{id} {unit}\n"));
    }
    git.run([
        "commit",
        "-q",
        "--allow-empty",
        "--no-verify",
        "-m",
        &message,
    ])
    .map_err(g)?;
    Ok(ids)
}

/// What merging another line of work brought in.
#[derive(Debug, Default)]
pub struct Integrated {
    /// Inspections changed by the merge.
    pub down: Vec<String>,
    /// Inspections with incoming changes left for next time: open in a console.
    pub deferred: Vec<(String, Option<Holder>)>,
}

/// Merge `rev` into the current branch with the inspection merge driver, unless an
/// incoming change touches an inspection that a console holds open.
pub fn integrate(ctx: &Ctx, git: &Git, data: &DataDir, rev: &str) -> Result<Integrated, Failure> {
    let g = |e| git_failure(ctx, e);
    let mut out = Integrated::default();
    let Some(theirs) = git.rev(rev) else {
        return Ok(out);
    };
    if git
        .test(["merge-base", "--is-ancestor", &theirs, "HEAD"])
        .map_err(g)?
    {
        return Ok(out);
    }
    let incoming = match git.run(["merge-base", "HEAD", &theirs]) {
        Ok(base) => git.lines(["diff", "--name-only", "--no-renames", base.trim(), &theirs]),
        Err(_) => git.lines(["diff", "--name-only", "--no-renames", "HEAD", &theirs]),
    }
    .map_err(g)?;
    // Hold every lock the merge may rewrite under, so no console opens one meanwhile.
    let mut held = Vec::new();
    for id in inspection_ids(&incoming) {
        match data.lock(&id, "kiemtra sync") {
            Ok(l) => held.push(l),
            Err(StoreError::Lock(LockError::Held { holder })) => out.deferred.push((id, holder)),
            Err(e) => return Err(ctx.store(e)),
        }
    }
    if !out.deferred.is_empty() {
        let open: Vec<String> = out.deferred.iter().map(|(id, _)| id.clone()).collect();
        let changed = super::sync_aside::merge_beside(ctx, git, &theirs, &open)?;
        keep_private(&data.root, &changed);
        out.down = inspection_ids(&changed);
        return Ok(out);
    }
    let before = git.rev("HEAD").unwrap_or_default();
    let merged = git.run([
        "merge",
        "-q",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        "kiemtra: merge",
        &theirs,
    ]);
    if let Err(e) = merged {
        let _ = git.run(["merge", "--abort"]);
        return Err(Failure(text::merge_failed(ctx.lang, &e)));
    }
    let after = git.rev("HEAD").unwrap_or_default();
    let changed = git
        .lines(["diff", "--name-only", "--no-renames", &before, &after])
        .map_err(g)?;
    keep_private(&data.root, &changed);
    out.down = inspection_ids(&changed);
    drop(held);
    Ok(out)
}

/// git writes files as the umask says; the data folder's files stay 0600, its folders 0700.
fn keep_private(root: &std::path::Path, changed: &[String]) {
    use std::os::unix::fs::PermissionsExt;
    for rel in changed {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        }
    }
}

/// Inspections of the data folder with unresolved conflicts, and how many each.
pub fn conflicted(data: &DataDir) -> BTreeMap<String, usize> {
    data.inspection_files()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| crate::store::load_inspection_file(p).ok())
        .filter(|i| !i.conflicts.is_empty())
        .map(|i| (i.id, i.conflicts.len()))
        .collect()
}

/// The lines that close a sync or an import: the account, what waits, what conflicts.
pub fn report(
    ctx: &Ctx,
    data: &DataDir,
    up: Option<usize>,
    integrated: &Integrated,
    unreachable: Option<&GitError>,
) -> Result<ExitCode, Failure> {
    let lang = ctx.lang;
    let conflicts = conflicted(data);
    let total: usize = conflicts.values().sum();
    let mut out = text::account(lang, up, integrated.down.len(), total);
    out.push('\n');
    for (id, holder) in &integrated.deferred {
        out.push_str(&text::deferred(lang, id, holder.as_ref()));
        out.push('\n');
    }
    for (id, n) in &conflicts {
        out.push_str(&text::conflict_line(lang, id, *n));
        out.push('\n');
    }
    if let Some(e) = unreachable {
        out.push_str(&text::unreachable(lang, e));
        out.push('\n');
    }
    print(&out)?;
    Ok(
        if total > 0 || unreachable.is_some() || !integrated.deferred.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

fn sync(ctx: &Ctx, remote: &str) -> Outcome {
    let (data, git) = open(ctx)?;
    let g = |e| git_failure(ctx, e);
    if git.config(&format!("remote.{remote}.url")).is_none() {
        return Err(Failure(text::no_remote(ctx.lang, remote)));
    }
    commit_local(ctx, &git, &data)?;
    let branch = git.branch();
    let tracking = format!("refs/remotes/{remote}/{branch}");
    let mut integrated = Integrated::default();
    let mut up = 0;
    for attempt in 0..3 {
        if let Err(e) = git.run(["fetch", "-q", remote]) {
            return report(ctx, &data, None, &integrated, Some(&e));
        }
        let step = integrate(ctx, &git, &data, &tracking)?;
        integrated.down.extend(step.down);
        integrated.down.sort();
        integrated.down.dedup();
        integrated.deferred = step.deferred;
        let outgoing = match git.rev(&tracking) {
            Some(t) => git.lines(["diff", "--name-only", "--no-renames", &t, "HEAD"]),
            None => git.lines(["ls-tree", "-r", "--name-only", "HEAD"]),
        }
        .map_err(g)?;
        if git.rev(&tracking) == git.rev("HEAD") {
            break;
        }
        match git.run(["push", "-q", remote, &format!("HEAD:refs/heads/{branch}")]) {
            Ok(_) => {
                up = inspection_ids(&outgoing).len();
                break;
            }
            // Someone pushed in between: fetch and merge again.
            Err(_) if attempt < 2 => continue,
            Err(e) => return report(ctx, &data, Some(0), &integrated, Some(&e)),
        }
    }
    let now = jiff::Timestamp::now().to_string();
    let _ = git.run(["config", "kiemtra.lastsync", &now]);
    report(ctx, &data, Some(up), &integrated, None)
}

/// `sync status --json`.
#[derive(Debug, Serialize)]
struct Status {
    initialized: bool,
    git_version: String,
    team: Option<String>,
    remote: Option<String>,
    branch: Option<String>,
    last_sync: Option<String>,
    uncommitted: Vec<String>,
    /// Inspections whose incoming changes wait for a console to close.
    waiting: Vec<String>,
    ahead: usize,
    behind: usize,
    conflicts: BTreeMap<String, usize>,
}

fn status(ctx: &Ctx, a: StatusArgs) -> Outcome {
    let lang = ctx.lang;
    let version = check_version().map_err(|e| git_failure(ctx, e))?;
    let data = ctx.data()?;
    let git = Git::at(&data.root);
    let mut s = Status {
        initialized: git.is_repo(),
        git_version: version,
        team: None,
        remote: None,
        branch: None,
        last_sync: None,
        uncommitted: Vec::new(),
        waiting: Vec::new(),
        ahead: 0,
        behind: 0,
        conflicts: conflicted(&data),
    };
    if s.initialized {
        let branch = git.branch();
        s.team = git.config("kiemtra.team");
        s.remote = git.config("remote.origin.url");
        s.last_sync = git.config("kiemtra.lastsync");
        let changed = git
            .lines(["status", "--porcelain", "--no-renames", "-uall"])
            .unwrap_or_default();
        let paths: Vec<String> = changed
            .iter()
            .filter_map(|l| l.get(3..).map(str::to_string))
            .collect();
        s.waiting = super::sync_aside::pending(&git)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        s.uncommitted = inspection_ids(&paths)
            .into_iter()
            .filter(|id| !s.waiting.contains(id))
            .collect();
        let tracking = format!("refs/remotes/origin/{branch}");
        if git.rev(&tracking).is_some()
            && let Ok(counts) = git.run([
                "rev-list",
                "--left-right",
                "--count",
                &format!("HEAD...{tracking}"),
            ])
        {
            let mut n = counts.split_whitespace().map(|x| x.parse().unwrap_or(0));
            s.ahead = n.next().unwrap_or(0);
            s.behind = n.next().unwrap_or(0);
        }
        s.branch = Some(branch);
    }
    if a.json {
        print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !s.initialized {
        print(&format!("{}\n", text::not_initialized(lang, &data.root)))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = text::status_lines(
        lang,
        &data.root,
        s.team.as_deref(),
        s.remote.as_deref(),
        s.last_sync.as_deref(),
        s.uncommitted.len(),
        (s.ahead, s.behind),
    );
    for id in &s.waiting {
        out.push_str(&text::deferred(lang, id, None));
        out.push('\n');
    }
    for (id, n) in &s.conflicts {
        out.push_str(&text::conflict_line(lang, id, *n));
        out.push('\n');
    }
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
