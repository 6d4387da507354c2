//! `kiemtra show`: one inspection as a readable account, or as JSON with its progress.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, print, print_json, warn};
use crate::domain::escape::for_terminal_line as one_line;
use crate::domain::inspection::value_text;
use crate::domain::rule::suggest;
use crate::domain::{Catalog, Inspection, Lang, Progress};
use crate::i18n::{self, label};

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, a: ShowArgs) -> Outcome {
    let data = ctx.data()?;
    let (inspection, catalog) = ctx.open(&data, &a.id)?;
    if let Err(Failure(note)) = ctx.writable(&inspection) {
        warn(&note);
    }
    if a.json {
        print_json(&with_progress(&inspection, &catalog)?)?;
    } else {
        print(&render(ctx.lang, &inspection, &catalog))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The inspection as stored, plus a `progress` object (total, assessed, met, ...).
pub fn with_progress(i: &Inspection, c: &Catalog) -> Result<serde_json::Value, Failure> {
    let mut value = serde_json::to_value(i).map_err(|e| Failure(e.to_string()))?;
    let progress = serde_json::to_value(Progress::of(c, i)).map_err(|e| Failure(e.to_string()))?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("progress".into(), progress);
        // Always there for scripts, empty when there is nothing to decide.
        obj.entry("conflicts")
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    }
    Ok(value)
}

/// A plain-text account of the inspection, criterion by criterion.
pub fn render(lang: Lang, i: &Inspection, c: &Catalog) -> String {
    let mut s = String::new();
    let place: Vec<String> = [
        &i.unit.ward,
        &i.unit.district,
        &i.unit.former_district,
        &i.unit.province,
        &i.unit.unit_code,
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .map(|p| one_line(p).into_owned())
    .collect();
    let _ = writeln!(s, "{}", one_line(&i.unit.name));
    if !place.is_empty() {
        let _ = writeln!(s, "{}", place.join(", "));
    }
    let _ = writeln!(
        s,
        "{}: {}   {}: {}   {}: {}",
        label::date(lang),
        i.date,
        label::kind(lang),
        i18n::kind(lang, i.kind),
        label::status(lang),
        if i.seal_broken(Some(&c.sha256)) {
            i18n::trust::seal_broken_label(lang)
        } else {
            i18n::status(lang, i.status)
        }
    );
    if !i.team.leader.is_empty() {
        let _ = writeln!(s, "{}: {}", label::leader(lang), one_line(&i.team.leader));
    }
    if !i.team.members.is_empty() {
        let members: Vec<String> = i
            .team
            .members
            .iter()
            .map(|m| one_line(m).into_owned())
            .collect();
        let _ = writeln!(s, "{}: {}", label::members(lang), members.join(", "));
    }
    let _ = writeln!(
        s,
        "{}: {} ({} {})",
        label::catalog(lang),
        c.title.get(lang),
        c.id,
        c.version
    );
    let _ = writeln!(s, "  {}", c.note.get(lang));
    let _ = writeln!(s, "id: {}", i.id);
    for c in &i.conflicts {
        let _ = writeln!(s, "{}", i18n::sync::conflict_detail(lang, c));
    }
    let _ = writeln!(
        s,
        "{}: {}",
        label::progress(lang),
        i18n::progress_line(lang, &Progress::of(c, i))
    );
    for g in &c.groups {
        let p = Progress::of_group(g, i);
        let _ = writeln!(
            s,
            "\n{}. {}  ({}/{})",
            g.code,
            g.title.get(lang),
            p.assessed,
            p.total
        );
        for cr in &g.criteria {
            let answer = i.answer(&cr.code).cloned().unwrap_or_default();
            let _ = writeln!(
                s,
                "{} {:>2}. [{}] {}: {}",
                if i.conflicts
                    .iter()
                    .any(|c| c.criterion.as_ref() == Some(&cr.code))
                {
                    "!"
                } else {
                    " "
                },
                cr.number,
                cr.code,
                cr.title.get(lang),
                i18n::verdict(lang, answer.verdict)
            );
            let suggestion = suggest(cr, &answer.values);
            if !answer.values.is_empty() {
                let values: Vec<String> = answer
                    .values
                    .iter()
                    .map(|(k, v)| format!("{}={}", one_line(k), one_line(&value_text(v))))
                    .collect();
                let _ = writeln!(
                    s,
                    "      {}: {}",
                    label::indicators(lang),
                    values.join(", ")
                );
            }
            if suggestion.verdict.is_some() {
                let why: Vec<String> = suggestion
                    .outcomes
                    .iter()
                    .map(|o| i18n::outcome(lang, o))
                    .collect();
                let _ = writeln!(
                    s,
                    "      {}: {} ({})",
                    label::suggested(lang),
                    i18n::verdict(lang, suggestion.verdict),
                    why.join("; ")
                );
            }
            for (name, text) in [
                (
                    label::reason(lang),
                    answer.override_reason.as_deref().unwrap_or(""),
                ),
                (label::evidence(lang), answer.evidence.as_str()),
                (label::shortcomings(lang), answer.shortcomings.as_str()),
            ] {
                if !text.is_empty() {
                    let _ = writeln!(s, "      {name}: {}", text.replace('\n', "\n        "));
                }
            }
            for (k, r) in answer.recommendations.iter().enumerate() {
                let mut line = format!(
                    "      {}: {}",
                    label::recommendations(lang),
                    one_line(&r.action)
                );
                if !r.owner.is_empty() {
                    let _ = write!(line, "; {} {}", label::owner(lang), one_line(&r.owner));
                }
                if let Some(d) = r.due {
                    let _ = write!(line, "; {} {d}", label::due(lang));
                }
                // The corrective action's id and status (see `kiemtra actions`).
                let _ = write!(
                    line,
                    " [{} {}{}]",
                    crate::domain::escape::for_terminal_line(&crate::domain::actions::id_of(
                        &i.id, &cr.code, k, r
                    )),
                    i18n::programme::action_status(lang, r.status),
                    if r.carried_from.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", i18n::programme::carried_mark(lang))
                    }
                );
                let _ = writeln!(s, "{line}");
            }
            if let Some(k) = &answer.carried {
                let date = k.date.map(|d| d.to_string()).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "      {} {}",
                    i18n::programme::carried_label(lang, &date),
                    crate::domain::escape::for_terminal(&k.shortcomings)
                        .replace('\n', "\n        ")
                );
            }
        }
    }
    s
}
