//! Line mode: the criterion walk as plain lines, one command read per line. No cursor
//! movement, colour or box drawing, so a screen reader reads it in order and a pipe can
//! drive it. Edits go through `Inspection::apply` and are saved at once, as in the console.

use std::io::{self, BufRead, Write};

use crate::domain::escape::for_terminal_line;
use crate::domain::inspection::{AnswerEdit, EditError, Recommendation, Status};
use crate::domain::rule::IndicatorValue;
use crate::domain::{Catalog, Criterion, Inspection, Lang, Progress};
use crate::i18n::{self, label, lineui as words, ui};

/// Saves the inspection; the reason, worded for the user, when it could not.
pub type Save<'a> = Box<dyn FnMut(&Inspection) -> Result<(), String> + 'a>;

/// One line-mode session on one inspection.
pub struct LineWalk<'a> {
    pub lang: Lang,
    pub catalog: &'a Catalog,
    pub inspection: Inspection,
    /// Who records the changes.
    pub by: String,
    save: Save<'a>,
    /// Index of the current criterion in catalog order.
    at: usize,
    /// A change is in memory but not yet on disk (the last save failed).
    unsaved: bool,
    /// Repeat each line read after its prompt, so a transcript driven by a pipe reads
    /// like a conversation (a terminal echoes what is typed by itself).
    pub echo: bool,
}

impl<'a> LineWalk<'a> {
    pub fn new(
        lang: Lang,
        catalog: &'a Catalog,
        inspection: Inspection,
        by: String,
        save: Save<'a>,
    ) -> LineWalk<'a> {
        LineWalk {
            lang,
            catalog,
            inspection,
            by,
            save,
            at: 0,
            unsaved: false,
            echo: false,
        }
    }

    fn criterion(&self) -> &'a Criterion {
        let catalog: &'a Catalog = self.catalog;
        catalog
            .criteria()
            .nth(self.at)
            .map(|(_, c)| c)
            .unwrap_or_else(|| &catalog.groups[0].criteria[0])
    }

    /// Read commands until `q` or the end of the input; every change is saved as it is made.
    pub fn run(&mut self, input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<()> {
        let l = self.lang;
        if self.inspection.status != Status::Draft {
            writeln!(
                out,
                "{}",
                words::read_only(l, i18n::status(l, self.inspection.status))
            )?;
        }
        self.show(out)?;
        loop {
            write!(out, "{}", words::prompt(l))?;
            out.flush()?;
            let Some(line) = read_line(input, out, self.echo)? else {
                writeln!(out)?;
                break;
            };
            match parse(&line) {
                Command::Quit => break,
                Command::Help => writeln!(out, "{}", words::help(l))?,
                Command::Again => self.show(out)?,
                Command::Next => self.step(out, 1)?,
                Command::Back => self.step(out, -1)?,
                Command::Go(what) => match self.catalog.find(&what) {
                    Some(c) => {
                        let code = c.code.clone();
                        self.at = self
                            .catalog
                            .criteria()
                            .position(|(_, c)| c.code == code)
                            .unwrap_or(0);
                        self.show(out)?;
                    }
                    None => {
                        let numbers: Vec<u32> =
                            self.catalog.criteria().map(|(_, c)| c.number).collect();
                        writeln!(
                            out,
                            "{}",
                            words::unknown_criterion(
                                l,
                                &for_terminal_line(&what),
                                numbers.iter().copied().min().unwrap_or(0),
                                numbers.iter().copied().max().unwrap_or(0),
                            )
                        )?;
                    }
                },
                Command::Verdict(v) => {
                    let edit = AnswerEdit {
                        verdict: Some(v),
                        ..AnswerEdit::default()
                    };
                    if self.commit(edit, input, out)? && v.is_some() {
                        self.step(out, 1)?;
                    }
                }
                Command::Indicators => self.indicators(input, out)?,
                Command::Evidence | Command::Shortcoming => {
                    let evidence = parse(&line) == Command::Evidence;
                    let prompt = if evidence {
                        words::evidence_prompt(l)
                    } else {
                        words::shortcoming_prompt(l)
                    };
                    let Some(text) = ask(input, out, self.echo, prompt)? else {
                        continue;
                    };
                    let answer = self
                        .inspection
                        .answer(&self.criterion().code)
                        .cloned()
                        .unwrap_or_default();
                    let old = if evidence {
                        answer.evidence
                    } else {
                        answer.shortcomings
                    };
                    let joined = if old.is_empty() {
                        text
                    } else {
                        format!("{old}\n{text}")
                    };
                    let edit = if evidence {
                        AnswerEdit {
                            evidence: Some(joined),
                            ..AnswerEdit::default()
                        }
                    } else {
                        AnswerEdit {
                            shortcomings: Some(joined),
                            ..AnswerEdit::default()
                        }
                    };
                    self.commit(edit, input, out)?;
                }
                Command::Recommendation => self.recommendation(input, out)?,
                Command::Unknown(what) => writeln!(
                    out,
                    "{}",
                    words::unknown_command(l, &for_terminal_line(&what))
                )?,
            }
        }
        if self.unsaved {
            self.save_now(out)?;
        }
        writeln!(
            out,
            "{}: {}",
            label::progress(l),
            i18n::progress_line(l, &Progress::of(self.catalog, &self.inspection))
        )?;
        if !self.unsaved {
            writeln!(out, "{}", words::bye(l))?;
        }
        Ok(())
    }

    /// Move by `delta` criteria and show the one arrived at; at either end, say so.
    fn step(&mut self, out: &mut dyn Write, delta: isize) -> io::Result<()> {
        let l = self.lang;
        let last = self.catalog.criterion_count().saturating_sub(1);
        let next = self.at as isize + delta;
        if next < 0 {
            writeln!(out, "{}", words::first_one(l))?;
        } else if next as usize > last {
            writeln!(out, "{}", words::last_one(l))?;
            writeln!(
                out,
                "{}: {}",
                label::progress(l),
                i18n::progress_line(l, &Progress::of(self.catalog, &self.inspection))
            )?;
        } else {
            self.at = next as usize;
            self.show(out)?;
        }
        Ok(())
    }

    /// Apply an edit to the current criterion and save. An override asks for its reason.
    /// Returns whether the edit was recorded.
    fn commit(
        &mut self,
        mut edit: AnswerEdit,
        input: &mut dyn BufRead,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        let l = self.lang;
        let criterion = self.criterion();
        let now = jiff::Timestamp::now();
        let result =
            match self
                .inspection
                .apply(self.catalog, &criterion.code, &edit, &self.by, now)
            {
                Err(EditError::OverrideNeedsReason { chosen, suggestion }) => {
                    let line = for_terminal_line(&ui::suggestion_line(l, criterion, &suggestion))
                        .into_owned();
                    let why = ui::override_why(l, chosen, suggestion.verdict, &line);
                    // The console's wording names Esc; here an empty line cancels.
                    let why = why
                        .split_once(". ")
                        .map_or(why.clone(), |(first, _)| format!("{first}."));
                    let Some(reason) = ask(input, out, self.echo, &words::reason_needed(l, &why))?
                    else {
                        writeln!(out, "{}", words::cancelled(l))?;
                        return Ok(false);
                    };
                    edit.reason = Some(reason);
                    self.inspection
                        .apply(self.catalog, &criterion.code, &edit, &self.by, now)
                }
                other => other,
            };
        match result {
            Ok(true) => {
                self.unsaved = true;
                if self.save_now(out)? {
                    let answer = self.inspection.answer(&criterion.code);
                    if edit.verdict.is_some() {
                        writeln!(
                            out,
                            "{}",
                            words::saved(
                                l,
                                criterion.number,
                                &for_terminal_line(&criterion.code),
                                i18n::verdict(l, answer.and_then(|a| a.verdict))
                            )
                        )?;
                    } else {
                        writeln!(out, "{}", words::saved_plain(l))?;
                    }
                }
                Ok(true)
            }
            Ok(false) => {
                writeln!(out, "{}", words::unchanged(l))?;
                Ok(false)
            }
            Err(e) => {
                writeln!(out, "{}", i18n::edit_error(l, &e))?;
                Ok(false)
            }
        }
    }

    /// Write the inspection; on failure say so, keep the change and try again later.
    fn save_now(&mut self, out: &mut dyn Write) -> io::Result<bool> {
        match (self.save)(&self.inspection) {
            Ok(()) => {
                self.unsaved = false;
                Ok(true)
            }
            Err(why) => {
                writeln!(out, "{}", words::not_saved(self.lang, &why))?;
                Ok(false)
            }
        }
    }

    /// `i`: ask for each indicator's value in turn.
    fn indicators(&mut self, input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<()> {
        let l = self.lang;
        let criterion = self.criterion();
        if criterion.indicators.is_empty() {
            return writeln!(out, "{}", words::no_indicators(l));
        }
        for (n, indicator) in criterion.indicators.iter().enumerate() {
            writeln!(out, "{}", self.indicator_line(n, &indicator.id))?;
            loop {
                write!(out, "{}", words::value_prompt(l))?;
                out.flush()?;
                let Some(raw) = read_line(input, out, self.echo)? else {
                    return Ok(());
                };
                let raw = raw.trim();
                let edit = if raw.is_empty() {
                    break;
                } else if raw == "-" {
                    AnswerEdit {
                        clear_values: vec![indicator.id.clone()],
                        ..AnswerEdit::default()
                    }
                } else {
                    match IndicatorValue::parse(indicator, raw) {
                        Ok(v) => AnswerEdit {
                            values: vec![(indicator.id.clone(), v)],
                            ..AnswerEdit::default()
                        },
                        Err(e) => {
                            writeln!(out, "   {}", i18n::value_error(l, &e))?;
                            continue;
                        }
                    }
                };
                self.commit(edit, input, out)?;
                break;
            }
        }
        self.suggestion(criterion, out)
    }

    /// `r`: a recommendation with owner and due date.
    fn recommendation(&mut self, input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<()> {
        let l = self.lang;
        let Some(action) = ask(input, out, self.echo, words::action_prompt(l))? else {
            return Ok(());
        };
        let owner = ask(input, out, self.echo, words::owner_prompt(l))?.unwrap_or_default();
        let due = loop {
            let Some(raw) = ask(input, out, self.echo, words::due_prompt(l))? else {
                break None;
            };
            match raw.parse::<jiff::civil::Date>() {
                Ok(d) => break Some(d),
                Err(_) => writeln!(out, "{}", words::bad_due(l, &for_terminal_line(&raw)))?,
            }
        };
        let edit = AnswerEdit {
            add_recommendation: Some(Recommendation {
                action,
                owner,
                due,
                ..Recommendation::default()
            }),
            ..AnswerEdit::default()
        };
        self.commit(edit, input, out).map(|_| ())
    }
}

mod input;
mod render;

pub use input::pick;
use input::{Command, ask, parse, read_line};

#[cfg(test)]
mod tests;
