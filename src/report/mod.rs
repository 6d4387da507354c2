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

pub use csv_out::csv;
pub use html::html;
pub use markdown::markdown;

use crate::domain::finding::{Standing, standing};
use crate::domain::inspection::{Answer, Verdict};
use crate::domain::rule::suggest;
use crate::domain::{Catalog, Criterion, Group, Inspection, Lang, Progress};
use crate::i18n::{self, report as words, ui};

/// One inspection with its catalog, in a language: what every rendering starts from.
pub struct Report<'a> {
    pub inspection: &'a Inspection,
    pub catalog: &'a Catalog,
    pub lang: Lang,
    /// When the report is made (shown at the bottom).
    pub made_at: jiff::Timestamp,
}

/// One row per criterion, in catalog order.
pub struct Row<'a> {
    pub group: &'a Group,
    pub criterion: &'a Criterion,
    pub answer: Answer,
    pub suggestion: String,
}

impl<'a> Report<'a> {
    pub fn standing(&self) -> Standing {
        standing(self.catalog, self.inspection)
    }

    pub fn finding(&self) -> String {
        ui::finding(self.lang, &Progress::of(self.catalog, self.inspection))
    }

    pub fn rows(&self) -> Vec<Row<'a>> {
        self.catalog
            .criteria()
            .map(|(group, criterion)| {
                let answer = self
                    .inspection
                    .answer(&criterion.code)
                    .cloned()
                    .unwrap_or_default();
                let s = suggest(criterion, &answer.values);
                let suggestion = if s.verdict.is_some() {
                    ui::suggestion_line(self.lang, criterion, &s)
                } else {
                    String::new()
                };
                Row {
                    group,
                    criterion,
                    answer,
                    suggestion,
                }
            })
            .collect()
    }

    /// Rows whose verdict is not "met" (basically met, not met, not assessed).
    pub fn not_fully_met(&self) -> Vec<Row<'a>> {
        self.rows()
            .into_iter()
            .filter(|r| r.answer.verdict != Some(Verdict::Met))
            .collect()
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
            None => words::not_sealed(self.lang).to_string(),
            Some(s) => {
                let mut chain = 0;
                let mut p = s.previous.as_deref();
                while let Some(prev) = p {
                    chain += 1;
                    p = prev.previous.as_deref();
                }
                let mut line = format!(
                    "{}; SHA-256 {}",
                    words::sealed_by(self.lang, &s.by, &local_time(s.at)),
                    s.sha256
                );
                if chain > 0 {
                    line.push_str(&format!("; {}", words::chain(self.lang, chain)));
                }
                line
            }
        }
    }

    pub fn conclusion(&self) -> (String, Option<&'static str>) {
        match &self.inspection.conclusion {
            None => (words::no_conclusion(self.lang).to_string(), None),
            Some(c) => (
                if c.text.is_empty() {
                    words::no_conclusion(self.lang).to_string()
                } else {
                    c.text.clone()
                },
                c.proposal.map(|p| words::proposal(self.lang, p)),
            ),
        }
    }

    pub fn recommendations(&self, a: &Answer) -> Vec<String> {
        a.recommendations
            .iter()
            .map(|r| {
                let mut s = r.action.clone();
                if !r.owner.is_empty() {
                    s.push_str(&format!(
                        " ({}: {})",
                        i18n::label::owner(self.lang),
                        r.owner
                    ));
                }
                if let Some(d) = r.due {
                    s.push_str(&format!(" ({}: {d})", i18n::label::due(self.lang)));
                }
                s
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
