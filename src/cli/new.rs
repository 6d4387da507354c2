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
    #[arg(long, value_name = "NAME", required_unless_present = "follow_up")]
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

pub fn run(ctx: &Ctx, a: NewArgs) -> Outcome {
    let lang = ctx.lang;
    let data = ctx.data()?;
    let previous = match &a.follow_up {
        Some(prev) => Some(ctx.open(&data, prev)?),
        None => None,
    };
    let unit_name = a.unit.clone().unwrap_or_default();
    if previous.is_none() && unit_name.trim().is_empty() {
        return Err(Failure(i18n::empty_unit(lang).into()));
    }
    let date = a.date.as_deref().map(|d| parse_date(lang, d)).transpose()?;
    let catalog = match &a.catalog {
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
