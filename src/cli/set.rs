//! `kiemtra set`: the criterion form without a terminal. Takes the inspection's lock,
//! applies the change, saves durably, and prints the verdict and progress.

use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, parse_date, print, who};
use crate::domain::inspection::{AnswerEdit, Recommendation};
use crate::domain::rule::{IndicatorValue, suggest};
use crate::domain::{Progress, Verdict};
use crate::i18n::{self, label};

#[derive(Debug, Args)]
pub struct SetArgs {
    pub id: String,
    pub criterion: String,
    #[arg(long, value_parser = ["met", "basically-met", "not-met", "clear"])]
    pub verdict: Option<String>,
    #[arg(long, value_name = "INDICATOR=VALUE")]
    pub value: Vec<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub evidence: Option<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub shortcoming: Vec<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub reason: Option<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub recommend: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_name = "SECS", default_value_t = 2.0)]
    pub wait: f64,
}

pub fn run(ctx: &Ctx, a: SetArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let id = data.resolve_id(&a.id).map_err(|e| ctx.store(e))?;
    let wait = std::time::Duration::try_from_secs_f64(a.wait.max(0.0)).unwrap_or_default();
    let _lock = data
        .lock_waiting(&id, "kiemtra set", wait)
        .map_err(|e| ctx.store(e))?;
    let (mut inspection, catalog) = ctx.open(&data, &id)?;
    ctx.writable(&inspection)?;
    let criterion = catalog.find(&a.criterion).ok_or_else(|| {
        let numbers: Vec<u32> = catalog.criteria().map(|(_, c)| c.number).collect();
        Failure(i18n::unknown_criterion(
            lang,
            &a.criterion,
            numbers.iter().copied().min().unwrap_or(0),
            numbers.iter().copied().max().unwrap_or(0),
        ))
    })?;
    let mut edit = AnswerEdit {
        verdict: a.verdict.as_deref().map(|v| match v {
            "met" => Some(Verdict::Met),
            "basically-met" => Some(Verdict::BasicallyMet),
            "not-met" => Some(Verdict::NotMet),
            _ => None,
        }),
        evidence: a.evidence.clone(),
        shortcomings: (!a.shortcoming.is_empty()).then(|| a.shortcoming.join("\n")),
        reason: a.reason.clone(),
        ..AnswerEdit::default()
    };
    for pair in &a.value {
        let (key, raw) = pair
            .split_once('=')
            .ok_or_else(|| Failure(i18n::bad_value_syntax(lang, pair)))?;
        let key = key.trim();
        let indicator = criterion
            .indicators
            .iter()
            .find(|i| i.id == key)
            .ok_or_else(|| {
                let known: Vec<String> = criterion
                    .indicators
                    .iter()
                    .map(|i| format!("{} ({})", i.id, i18n::indicator_kind(lang, i.kind)))
                    .collect();
                Failure(format!(
                    "{}; {}: {}",
                    i18n::edit_error(
                        lang,
                        &crate::domain::inspection::EditError::UnknownIndicator {
                            criterion: criterion.code.clone(),
                            indicator: key.to_string(),
                        }
                    ),
                    label::indicators(lang),
                    known.join(", ")
                ))
            })?;
        let value = IndicatorValue::parse(indicator, raw)
            .map_err(|e| Failure(format!("{key}: {}", i18n::value_error(lang, &e))))?;
        edit.values.push((key.to_string(), value));
    }
    if a.recommend.is_none() && (a.owner.is_some() || a.due.is_some()) {
        return Err(Failure(i18n::owner_without_recommend(lang).into()));
    }
    if let Some(action) = &a.recommend {
        edit.add_recommendation = Some(Recommendation {
            action: action.clone(),
            owner: a.owner.clone().unwrap_or_default(),
            due: a.due.as_deref().map(|d| parse_date(lang, d)).transpose()?,
            ..Recommendation::default()
        });
    }
    if edit == AnswerEdit::default() {
        return Err(Failure(i18n::nothing_to_set(lang).into()));
    }
    let changed = inspection
        .apply(
            &catalog,
            &criterion.code,
            &edit,
            &who(&a.by),
            jiff::Timestamp::now(),
        )
        .map_err(|e| Failure(i18n::edit_error(lang, &e)))?;
    let mut out = String::new();
    if changed {
        let path = data.save(&inspection).map_err(|e| ctx.store(e))?;
        out.push_str(&i18n::saved(lang, &path));
    } else {
        out.push_str(i18n::unchanged(lang));
    }
    out.push('\n');
    let answer = inspection
        .answer(&criterion.code)
        .cloned()
        .unwrap_or_default();
    let suggestion = suggest(criterion, &answer.values);
    out.push_str(&format!(
        "{}. [{}] {}: {}\n",
        criterion.number,
        criterion.code,
        criterion.title.get(lang),
        i18n::verdict(lang, answer.verdict)
    ));
    if suggestion.verdict.is_some() || !suggestion.outcomes.is_empty() {
        let why: Vec<String> = suggestion
            .outcomes
            .iter()
            .map(|o| i18n::outcome(lang, o))
            .collect();
        out.push_str(&format!(
            "{}: {} ({})\n",
            label::suggested(lang),
            i18n::verdict(lang, suggestion.verdict),
            why.join("; ")
        ));
    }
    out.push_str(&format!(
        "{}: {}\n",
        label::progress(lang),
        i18n::progress_line(lang, &Progress::of(&catalog, &inspection))
    ));
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}
