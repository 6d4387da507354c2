//! Reading the user's lines: commands, answers to a prompt, a choice from a list. Lines read
//! from a pipe are repeated after their prompt so that the transcript reads in order.

use std::io::{self, BufRead, Write};

use crate::domain::Lang;
use crate::domain::Verdict;
use crate::domain::escape::for_terminal_line;
use crate::i18n::lineui as words;

/// What the user typed, read as a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Command {
    Verdict(Option<Verdict>),
    Indicators,
    Evidence,
    Shortcoming,
    Recommendation,
    Next,
    Back,
    Go(String),
    Again,
    Help,
    Quit,
    Unknown(String),
}

pub(super) fn parse(line: &str) -> Command {
    let t = line.trim();
    match t.to_lowercase().as_str() {
        "1" => Command::Verdict(Some(Verdict::Met)),
        "2" => Command::Verdict(Some(Verdict::BasicallyMet)),
        "3" => Command::Verdict(Some(Verdict::NotMet)),
        "0" => Command::Verdict(None),
        "i" => Command::Indicators,
        "e" => Command::Evidence,
        "s" => Command::Shortcoming,
        "r" => Command::Recommendation,
        "" | "n" => Command::Next,
        "p" => Command::Back,
        "l" => Command::Again,
        "?" | "h" => Command::Help,
        "q" => Command::Quit,
        _ => match t.strip_prefix(['g', 'G']) {
            Some(rest) if !rest.trim().is_empty() => Command::Go(rest.trim().to_string()),
            _ => Command::Unknown(t.to_string()),
        },
    }
}

/// One line without its line ending; `None` at the end of the input.
pub(super) fn read_line(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    if echo {
        writeln!(out, "{}", for_terminal_line(&line))?;
    }
    Ok(Some(line))
}

/// Ask for one line of text; `None` when it is empty or the input has ended.
pub(super) fn ask(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
    prompt: &str,
) -> io::Result<Option<String>> {
    write!(out, "{prompt}")?;
    out.flush()?;
    Ok(read_line(input, out, echo)?
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()))
}

/// Pick one of `choices` by its number; `None` on `q` or at the end of the input.
pub fn pick(
    lang: Lang,
    choices: &[String],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> io::Result<Option<usize>> {
    for (n, c) in choices.iter().enumerate() {
        writeln!(out, "{}. {}", n + 1, for_terminal_line(c))?;
    }
    loop {
        write!(out, "{}", words::pick_prompt(lang, choices.len()))?;
        out.flush()?;
        let Some(line) = read_line(input, out, echo)? else {
            writeln!(out)?;
            return Ok(None);
        };
        let t = line.trim();
        if t.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        if let Ok(n) = t.parse::<usize>()
            && (1..=choices.len()).contains(&n)
        {
            return Ok(Some(n - 1));
        }
    }
}
