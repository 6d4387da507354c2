//! `kiemtra new`: create an inspection and print its id on the first line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, parse_date, print, who};
use crate::domain::actions::follow_up;
use crate::domain::inspection::{InspectionKind, MinutesFacts, NewInspection, Team, Unit, clean};
use crate::domain::{Inspection, nfc};
use crate::i18n::{self, programme};
use crate::store::catalogs::InstallError;
use crate::store::{Catalogs, default_catalog};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Required (unless --follow-up); asked for on a terminal when it is not given.
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub unit_code: Option<String>,
    #[arg(long, value_name = "D")]
    pub former_district: Option<String>,
    /// A follow-up takes the unit of the earlier visit.
    #[arg(long, value_name = "PREV_ID", conflicts_with_all = ["unit", "ward", "district", "province", "unit_code", "former_district"])]
    pub follow_up: Option<String>,
    #[arg(long, value_name = "W")]
    pub ward: Option<String>,
    #[arg(long, value_name = "D")]
    pub district: Option<String>,
    #[arg(long, value_name = "P")]
    pub province: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub leader: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub member: Vec<String>,
    #[arg(long)]
    pub self_assessment: bool,
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// The issuing body printed at the top left of the minutes.
    #[arg(long, value_name = "NAME")]
    pub body: Option<String>,
    /// The unit's representative who signs the minutes.
    #[arg(long, value_name = "NAME")]
    pub representative: Option<String>,
}

pub fn run(ctx: &Ctx, mut a: NewArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let previous = match &a.follow_up {
        Some(prev) => Some(ctx.open(&data, prev)?),
        None => None,
    };
    let unit_name = match a.unit.take() {
        Some(u) => u,
        // A follow-up takes the unit of the earlier visit.
        None if previous.is_some() => String::new(),
        None => match ask_on_terminal(i18n::config::ask_unit(lang))? {
            Some(u) => u,
            None => {
                eprintln!("kiemtra: {}", i18n::config::unit_missing(lang));
                return Ok(ExitCode::from(2));
            }
        },
    };
    if previous.is_none() && unit_name.trim().is_empty() {
        return Err(Failure(i18n::empty_unit(lang).into()));
    }
    let date = a.date.as_deref().map(|d| parse_date(lang, d)).transpose()?;
    let catalog_file = a.catalog.clone().or_else(|| ctx.config.default_catalog());
    let catalog = match &catalog_file {
        // A follow-up keeps the catalog of the earlier visit, so criteria match.
        None => match &previous {
            Some((_, c)) => c.clone(),
            None => default_catalog(),
        },
        Some(file) => Catalogs::install(&data, file).map_err(|e| match e {
            InstallError::File(f) => Failure(i18n::catalog_file_error(lang, &f)),
            InstallError::Store(s) => ctx.store(s),
        })?,
    };
    let facts = NewInspection {
        unit: Unit {
            name: unit_name,
            ward: a.ward.unwrap_or_default(),
            district: a.district.unwrap_or_default(),
            province: a.province.unwrap_or_default(),
            unit_code: a.unit_code.unwrap_or_default(),
            former_district: a.former_district.unwrap_or_default(),
            ..Unit::default()
        },
        kind: if a.self_assessment {
            InspectionKind::SelfAssessment
        } else {
            InspectionKind::Inspection
        },
        team: Team {
            leader: a.leader.unwrap_or_default(),
            members: a.member,
            ..Team::default()
        },
        date: Some(date.unwrap_or_else(|| jiff::ZonedDateTime::now().date())),
    };
    let id = uuid::Uuid::now_v7().to_string();
    let now = jiff::Timestamp::now();
    let by = nfc(&who(&a.by));
    let mut inspection = match &previous {
        Some((prev, _)) => follow_up(prev, id.clone(), &catalog, facts, now, &by),
        None => Inspection::new(id.clone(), &catalog, facts, now, &by),
    };
    inspection.minutes = MinutesFacts {
        body: clean(&a.body.unwrap_or_default()),
        representative: clean(&a.representative.unwrap_or_default()),
        ..MinutesFacts::default()
    };
    let path = data.save(&inspection).map_err(|e| ctx.store(e))?;
    let mut text = format!(
        "{id}\n{}\n",
        i18n::created(lang, &inspection.unit.name, &path)
    );
    if let Some((prev, _)) = &previous {
        let carried = inspection
            .answers
            .values()
            .filter(|a| a.carried.is_some())
            .count();
        text.push_str(&programme::carried_count(lang, carried, &prev.id));
        text.push('\n');
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Ask for a missing required field when a person is at a terminal (the question goes to
/// standard error, so standard output stays the id alone). `None` without a terminal.
fn ask_on_terminal(question: &str) -> Result<Option<String>, Failure> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(None);
    }
    let mut err = std::io::stderr();
    for _ in 0..3 {
        write!(err, "{question}")?;
        err.flush()?;
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            return Ok(Some(line.trim().to_string()));
        }
    }
    Ok(None)
}
