//! `kiemtra new`: create an inspection and print its id on the first line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{Ctx, Failure, Outcome, parse_date, print, who};
use crate::domain::inspection::{InspectionKind, NewInspection, Team, Unit};
use crate::domain::{Inspection, nfc};
use crate::i18n;
use crate::store::catalogs::InstallError;
use crate::store::{Catalogs, default_catalog};

#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(long, value_name = "NAME")]
    pub unit: String,
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
}

pub fn run(ctx: &Ctx, a: NewArgs) -> Outcome {
    let lang = ctx.lang;
    if a.unit.trim().is_empty() {
        return Err(Failure(i18n::empty_unit(lang).into()));
    }
    let date = a.date.as_deref().map(|d| parse_date(lang, d)).transpose()?;
    let data = ctx.data()?;
    let catalog = match &a.catalog {
        None => default_catalog(),
        Some(file) => Catalogs::install(&data, file).map_err(|e| match e {
            InstallError::File(f) => Failure(i18n::catalog_file_error(lang, &f)),
            InstallError::Store(s) => ctx.store(s),
        })?,
    };
    let facts = NewInspection {
        unit: Unit {
            name: a.unit,
            ward: a.ward.unwrap_or_default(),
            district: a.district.unwrap_or_default(),
            province: a.province.unwrap_or_default(),
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
    let inspection = Inspection::new(
        id.clone(),
        &catalog,
        facts,
        jiff::Timestamp::now(),
        &nfc(&who(&a.by)),
    );
    let path = data.save(&inspection).map_err(|e| ctx.store(e))?;
    print(&format!(
        "{id}\n{}\n",
        i18n::created(lang, &inspection.unit.name, &path)
    ))?;
    Ok(ExitCode::SUCCESS)
}
