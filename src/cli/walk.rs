//! `kiemtra walk ID`: go through an inspection criterion by criterion. On a terminal that
//! can draw it, the console opens at that inspection; with `--plain`, `TERM=dumb` or no
//! terminal, the line mode (`lineui`) reads one command per line.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Look, Outcome, dumb_terminal, print, who};
use crate::domain::Inspection;
use crate::i18n;
use crate::lineui::{self, LineWalk};
use crate::store::load_inspection_file;

#[derive(Debug, Args)]
pub struct WalkArgs {
    pub id: String,
    #[arg(long)]
    pub plain: bool,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Ctx, a: WalkArgs, look: Look) -> Outcome {
    let on_terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
    if a.plain || dumb_terminal() || !on_terminal {
        return walk_plain(ctx, &a.id, &a.by);
    }
    let data = ctx.data()?;
    let id = data.resolve_id(&a.id).map_err(|e| ctx.store(e))?;
    super::console(ctx, look, Some(id), &a.by)
}

/// The line mode on one inspection, holding its lock as the console does.
fn walk_plain(ctx: &Ctx, id: &str, by: &Option<String>) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let id = data.resolve_id(id).map_err(|e| ctx.store(e))?;
    let _lock = data.lock(&id, "kiemtra walk").map_err(|e| ctx.store(e))?;
    let (inspection, catalog) = ctx.open(&data, &id)?;
    let save: lineui::Save = Box::new(|i: &Inspection| {
        data.save(i)
            .map(|_| ())
            .map_err(|e| i18n::store_error(lang, &e))
    });
    let mut walk = LineWalk::new(lang, &catalog, inspection, who(by), save);
    walk.echo = !io::stdin().is_terminal();
    let mut input = io::stdin().lock();
    let mut out = io::stdout().lock();
    match walk.run(&mut input, &mut out) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The console under `TERM=dumb`: say why, let the user pick an inspection by number, and
/// walk it in line mode.
pub fn pick_and_walk(ctx: &Ctx, open: Option<String>, by: &Option<String>) -> Outcome {
    let lang = ctx.lang;
    if let Some(id) = open {
        return walk_plain(ctx, &id, by);
    }
    print(&format!("{}\n", i18n::lineui::dumb_intro(lang)))?;
    let data = ctx.data()?;
    let files = data.inspection_files().map_err(|e| ctx.store(e))?;
    let mut inspections: Vec<Inspection> = Vec::new();
    for path in &files {
        match load_inspection_file(path) {
            Ok(i) => inspections.push(i),
            Err(e) => eprintln!("kiemtra: {}", i18n::skipped_file(lang, &e)),
        }
    }
    if inspections.is_empty() {
        print(&format!("{}\n", i18n::lineui::no_inspections(lang)))?;
        return Ok(ExitCode::SUCCESS);
    }
    inspections.sort_by(|a, b| b.date.cmp(&a.date).then(a.unit.name.cmp(&b.unit.name)));
    let choices: Vec<String> = inspections
        .iter()
        .map(|i| {
            format!(
                "{}, {}, {} ({})",
                i.unit.name,
                i.date,
                i18n::status(lang, i.status),
                &i.id[..i.id.len().min(8)]
            )
        })
        .collect();
    let mut input = io::stdin().lock();
    let mut out = io::stdout().lock();
    let chosen = lineui::pick(
        lang,
        &choices,
        &mut input,
        &mut out,
        !io::stdin().is_terminal(),
    )
    .map_err(Failure::from)?;
    drop((input, out));
    match chosen {
        Some(n) => walk_plain(ctx, &inspections[n].id, by),
        None => Ok(ExitCode::SUCCESS),
    }
}
