//! What the line mode prints about a criterion: title, guidance, indicators with their
//! allowed and current values, the suggestion and the answer so far, all escaped.

use std::io::{self, Write};

use super::LineWalk;
use crate::domain::IndicatorKind;
use crate::domain::escape::{for_terminal, for_terminal_line};
use crate::domain::inspection::value_text;
use crate::domain::rule::suggest;
use crate::i18n::{self, label, lineui as words, ui};

impl LineWalk<'_> {
    /// The rule's suggestion for `criterion` from the values recorded now, on one line.
    pub(super) fn suggestion(
        &self,
        criterion: &crate::domain::Criterion,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let l = self.lang;
        let values = self
            .inspection
            .answer(&criterion.code)
            .map(|a| a.values.clone())
            .unwrap_or_default();
        let suggestion = suggest(criterion, &values);
        writeln!(
            out,
            "{}: {}",
            label::suggested(l),
            for_terminal_line(&ui::suggestion_line(l, criterion, &suggestion))
        )
    }

    /// "  b) Tỷ lệ khu dân cư ... (giá trị: TỬ/MẪU ...; hiện tại: 16/25)"
    pub(super) fn indicator_line(&self, n: usize, id: &str) -> String {
        let l = self.lang;
        let criterion = self.criterion();
        let Some(indicator) = criterion.indicators.iter().find(|i| i.id == id) else {
            return String::new();
        };
        let allowed = match indicator.kind {
            IndicatorKind::Check => words::allowed_check(l).to_string(),
            IndicatorKind::Count => words::allowed_count(l).to_string(),
            IndicatorKind::Ratio => words::allowed_ratio(
                l,
                indicator.numerator.as_ref().map_or("", |t| t.get(l)),
                indicator.denominator.as_ref().map_or("", |t| t.get(l)),
            ),
            IndicatorKind::Choice => {
                let options: Vec<String> = indicator
                    .options
                    .iter()
                    .map(|o| format!("{} = {}", o.id, o.label.get(l)))
                    .collect();
                words::allowed_choice(l, &options.join("; "))
            }
            IndicatorKind::Text => words::allowed_text(l).to_string(),
        };
        let current = self
            .inspection
            .answer(&criterion.code)
            .and_then(|a| a.values.get(id))
            .map_or_else(|| words::not_entered(l).to_string(), value_text);
        let letter = char::from(b'a' + (n % 26) as u8);
        for_terminal_line(&format!(
            "  {letter}) {} ({}: {allowed}; {}: {current})",
            indicator.label.get(l),
            words::allowed(l),
            words::current_value(l),
        ))
        .into_owned()
    }

    /// Everything about the current criterion, in reading order.
    pub(super) fn show(&self, out: &mut dyn Write) -> io::Result<()> {
        let l = self.lang;
        let criterion = self.criterion();
        let group = self
            .catalog
            .criteria()
            .nth(self.at)
            .map(|(g, _)| format!("{}. {}", g.code, g.title.get(l)))
            .unwrap_or_default();
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            for_terminal_line(&words::heading(
                l,
                self.at + 1,
                self.catalog.criterion_count(),
                &group
            ))
        )?;
        writeln!(
            out,
            "{}",
            for_terminal_line(&format!(
                "{}. [{}] {}",
                criterion.number,
                criterion.code,
                criterion.title.get(l)
            ))
        )?;
        let guidance = criterion.guidance.get(l);
        if !guidance.trim().is_empty() {
            writeln!(
                out,
                "{}: {}",
                label::guidance(l),
                for_terminal_line(guidance)
            )?;
        }
        if !criterion.indicators.is_empty() {
            writeln!(out, "{}:", label::indicators(l))?;
            for (n, i) in criterion.indicators.iter().enumerate() {
                writeln!(out, "{}", self.indicator_line(n, &i.id))?;
            }
        }
        self.suggestion(criterion, out)?;
        let answer = self
            .inspection
            .answer(&criterion.code)
            .cloned()
            .unwrap_or_default();
        write!(
            out,
            "{}: {}",
            words::current_verdict(l),
            i18n::verdict(l, answer.verdict)
        )?;
        match &answer.override_reason {
            Some(r) => writeln!(out, ". {}: {}", label::reason(l), for_terminal_line(r))?,
            None => writeln!(out)?,
        }
        for (title, text) in [
            (label::evidence(l), &answer.evidence),
            (label::shortcomings(l), &answer.shortcomings),
        ] {
            if !text.trim().is_empty() {
                writeln!(out, "{title}:")?;
                for line in for_terminal(text).lines() {
                    writeln!(out, "  {line}")?;
                }
            }
        }
        if !answer.recommendations.is_empty() {
            writeln!(out, "{}:", label::recommendations(l))?;
            for (n, r) in answer.recommendations.iter().enumerate() {
                let mut line = format!("  {}. {}", n + 1, r.action);
                if !r.owner.is_empty() {
                    line.push_str(&format!("; {}: {}", label::owner(l), r.owner));
                }
                if let Some(d) = r.due {
                    line.push_str(&format!("; {}: {d}", label::due(l)));
                }
                writeln!(out, "{}", for_terminal_line(&line))?;
            }
        }
        writeln!(out, "{}", words::commands(l))
    }
}
