//! Renderings of an inspection for people and spreadsheets: Markdown, HTML minutes and
//! CSV (JSON is the stored file itself). Every one names the catalog and its provenance,
//! the unit, the date, the team and the seal.

mod csv_out;
pub mod dataset;
pub mod diff;
pub mod escape;
mod html;
mod markdown;
pub mod rollout;
#[cfg(test)]
mod tests;
pub mod words;

pub use csv_out::csv;
pub use html::html;
pub use markdown::markdown;

use crate::domain::catalog::sha256_hex;
use crate::domain::finding::{Standing, standing};
use crate::domain::inspection::{Answer, InspectionKind, Status};
use crate::domain::rule::suggest;

use crate::domain::{Catalog, Criterion, Group, Inspection, Lang, Progress};
use crate::i18n::{self, report as words_i18n, ui};

/// One inspection with its catalog, in a language: what every rendering starts from.
pub struct Report<'a> {
    pub inspection: &'a Inspection,
    pub catalog: &'a Catalog,
    pub lang: Lang,
    /// When the report is made (shown at the bottom).
    pub made_at: jiff::Timestamp,
}

/// One row per criterion, in catalog order, with everything recorded for it.
pub struct Row<'a> {
    pub group: &'a Group,
    pub criterion: &'a Criterion,
    pub answer: Answer,
    /// The rule's suggestion in words with indicator labels (empty without a rule).
    pub suggestion: String,
    /// Every indicator as (label, value in words).
    pub values: Vec<(String, String)>,
    /// Each shortcoming on its own.
    pub shortcomings: Vec<String>,
}

/// A recommendation in the reader's words.
pub struct Action {
    pub action: String,
    pub owner: String,
    /// The due date in the reader's convention (empty when none).
    pub due: String,
}

impl<'a> Report<'a> {
    pub fn standing(&self) -> Standing {
        standing(self.catalog, self.inspection)
    }

    pub fn finding(&self) -> String {
        ui::finding(self.lang, &Progress::of(self.catalog, self.inspection))
    }

    pub fn rows(&self) -> Vec<Row<'a>> {
        let l = self.lang;
        self.catalog
            .criteria()
            .map(|(group, criterion)| {
                let answer = self
                    .inspection
                    .answer(&criterion.code)
                    .cloned()
                    .unwrap_or_default();
                let s = suggest(criterion, &answer.values);
                let suggestion =
                    words::suggestion(l, criterion, &answer.values, s.verdict, &s.outcomes);
                Row {
                    group,
                    criterion,
                    values: words::values(l, criterion, &answer.values),
                    shortcomings: words::items(&answer.shortcomings),
                    answer,
                    suggestion,
                }
            })
            .collect()
    }

    /// Sealed means a seal that still verifies on a sealed inspection: a status field
    /// alone never makes a draft look final.
    pub fn sealed(&self) -> bool {
        let i = self.inspection;
        i.status == Status::Sealed
            && crate::domain::rollout::seal_holds(i, Some(&self.catalog.sha256))
    }

    /// The digest every printed page carries: the seal's, or else the SHA-256 of the
    /// inspection file as kiemtra writes it (`sha256sum` of the saved file).
    pub fn digest(&self) -> String {
        match &self.inspection.seal {
            Some(s) if self.sealed() => s.sha256.clone(),
            _ => sha256_hex(&crate::store::load::to_file_bytes(self.inspection)),
        }
    }

    /// Who signed the seal, when it carries a signature. Seals cannot be signed yet; when
    /// they can (a principal on the seal), return it here and every rendering shows it.
    pub fn signer(&self) -> Option<String> {
        None
    }

    /// The first 16 hex digits of [`Report::digest`], as printed in the page footer.
    pub fn short_digest(&self) -> String {
        self.digest().chars().take(16).collect()
    }

    pub fn place(&self) -> String {
        let u = &self.inspection.unit;
        [&u.ward, &u.district, &u.province]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The place of the place-and-date line: the ward, else the district, else the province.
    pub fn locality(&self) -> &str {
        let u = &self.inspection.unit;
        [&u.ward, &u.district, &u.province]
            .into_iter()
            .find(|s| !s.is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The issuing body printed top left: recorded, else the team (or, for a
    /// self-assessment, the unit itself), upper case as the decree writes it.
    pub fn issuing_body(&self) -> String {
        let i = self.inspection;
        let body = if !i.minutes.body.is_empty() {
            i.minutes.body.clone()
        } else {
            match i.kind {
                InspectionKind::Inspection => words_i18n::team(self.lang).to_string(),
                InspectionKind::SelfAssessment => i.unit.name.clone(),
            }
        };
        body.to_uppercase()
    }

    pub fn team(&self) -> String {
        let t = &self.inspection.team;
        let mut parts = Vec::new();
        if !t.leader.is_empty() {
            parts.push(format!("{}: {}", i18n::label::leader(self.lang), t.leader));
        }
        if !t.members.is_empty() {
            parts.push(format!(
                "{}: {}",
                i18n::label::members(self.lang),
                t.members.join(", ")
            ));
        }
        parts.join("; ")
    }

    /// The general facts of section I, label and value, in the order both the Markdown
    /// and the HTML minutes print them.
    pub fn general_facts(&self) -> Vec<(&'static str, String)> {
        use crate::i18n::{label, report as w};
        let (l, i) = (self.lang, self.inspection);
        let mut facts = vec![(label::unit(l), i.unit.name.clone())];
        let place = self.place();
        if !place.is_empty() {
            facts.push((w::place(l), place));
        }
        facts.push((label::date(l), words::date(l, i.date)));
        facts.push((label::kind(l), i18n::kind(l, i.kind).to_string()));
        facts.push((w::team(l), self.team()));
        if !i.minutes.representative.is_empty() {
            facts.push((w::representative(l), i.minutes.representative.clone()));
        }
        facts.push((label::catalog(l), self.catalog_name()));
        facts.push((label::source(l), self.catalog.source.get(l).to_string()));
        facts.push((label::note(l), self.catalog.note.get(l).to_string()));
        facts.push((label::status(l), i18n::status(l, i.status).to_string()));
        facts
    }

    pub fn catalog_name(&self) -> String {
        format!(
            "{} ({} {})",
            self.catalog.title.get(self.lang),
            self.catalog.id,
            self.catalog.version
        )
    }

    /// "sealed by X at T, SHA-256 …" or "not sealed".
    pub fn seal_line(&self) -> String {
        match &self.inspection.seal {
            Some(s) if self.sealed() => {
                let mut chain = 0;
                let mut p = s.previous.as_deref();
                while let Some(prev) = p {
                    chain += 1;
                    p = prev.previous.as_deref();
                }
                let mut line = format!(
                    "{}; SHA-256 {}",
                    words_i18n::sealed_by(self.lang, &s.by, &words::time(self.lang, s.at)),
                    s.sha256
                );
                if chain > 0 {
                    line.push_str(&format!("; {}", words_i18n::chain(self.lang, chain)));
                }
                line
            }
            Some(_) => words_i18n::seal_broken(self.lang).to_string(),
            None => words_i18n::not_sealed(self.lang).to_string(),
        }
    }

    pub fn conclusion(&self) -> (String, Option<&'static str>) {
        match &self.inspection.conclusion {
            None => (words_i18n::no_conclusion(self.lang).to_string(), None),
            Some(c) => (
                if c.text.is_empty() {
                    words_i18n::no_conclusion(self.lang).to_string()
                } else {
                    c.text.clone()
                },
                c.proposal.map(|p| words_i18n::proposal(self.lang, p)),
            ),
        }
    }

    pub fn actions(&self, a: &Answer) -> Vec<Action> {
        a.recommendations
            .iter()
            .map(|r| Action {
                action: r.action.clone(),
                owner: r.owner.clone(),
                due: r.due.map(|d| words::date(self.lang, d)).unwrap_or_default(),
            })
            .collect()
    }
}

/// The bytes of a report in `format` (md, html, csv; anything else is the stored JSON).
pub fn render(r: &Report, format: &str) -> Vec<u8> {
    match format {
        "md" => markdown(r).into_bytes(),
        "html" => html(r).into_bytes(),
        "csv" => csv(r),
        _ => crate::store::load::to_file_bytes(r.inspection),
    }
}

/// A timestamp as local "YYYY-MM-DD HH:MM".
pub fn local_time(t: jiff::Timestamp) -> String {
    t.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}
