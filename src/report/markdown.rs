//! The report as Markdown, for pasting into messages and documents: the same content as
//! the HTML minutes. Every text from a file goes through `markdown_text`, so it stays text.

use std::fmt::Write as _;

use super::escape::markdown_text;
use super::{Report, Row, words};
use crate::domain::{Progress, Verdict};
use crate::i18n::{self, label, report as w};

/// Text for one line of a list item: later lines continue the item (hard break, indent).
fn md(s: &str) -> String {
    markdown_text(s).replace('\n', "  \n  ")
}

/// Text for a table cell: no line breaks inside a row.
fn cell(s: &str) -> String {
    markdown_text(s).replace('\n', "<br>")
}

pub fn markdown(r: &Report) -> String {
    let l = r.lang;
    let i = r.inspection;
    let draft = !r.sealed();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "**{}**  \n{}\n",
        md(&r.issuing_body()),
        md(w::doc_number(l, i.kind))
    );
    let _ = writeln!(s, "**{}**  \n**{}**\n", w::nation(l), md(w::motto(l)));
    let _ = writeln!(s, "*{}*\n", md(&words::place_date(l, r.locality(), i.date)));
    if draft {
        let _ = writeln!(s, "> **{}** — {}\n", w::DRAFT_MARK, md(w::draft_note(l)));
    }
    let _ = writeln!(s, "# {}\n", md(w::title(l, i.kind)));
    if i.demo {
        let _ = writeln!(s, "> **{}**\n", md(w::demo_banner(l)));
    }
    let _ = writeln!(s, "*{}*\n", md(w::subtitle(l)));

    let _ = writeln!(s, "## I. {}\n", w::general(l));
    let mut fact = |k: &str, v: &str| {
        let _ = writeln!(s, "- **{}:** {}", md(k), md(v));
    };
    for (k, v) in r.general_facts() {
        fact(k, &v);
    }
    let _ = writeln!(s);

    results(&mut s, r);
    let _ = writeln!(s, "## IV. {}\n", w::details(l));
    for row in r.rows() {
        criterion(&mut s, r, &row);
    }
    closing(&mut s, r, draft);
    let _ = writeln!(
        s,
        "---\n*{}*",
        md(&w::generated(l, &words::time(l, r.made_at)))
    );
    s
}

fn results(s: &mut String, r: &Report) {
    let l = r.lang;
    let standing = r.standing();
    let _ = writeln!(s, "## II. {}\n", w::finding(l));
    let _ = writeln!(
        s,
        "**{}.** {}.\n",
        md(&r.finding()),
        w::standard(l, standing.meets)
    );
    let v = |x| i18n::verdict(l, x);
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
        w::group(l),
        v(Some(Verdict::Met)),
        v(Some(Verdict::BasicallyMet)),
        v(Some(Verdict::NotMet)),
        v(None)
    );
    for g in &r.catalog.groups {
        let p = Progress::of_group(g, r.inspection);
        let _ = writeln!(
            s,
            "| {}. {} | {} | {} | {} | {} |",
            cell(&g.code),
            cell(g.title.get(l)),
            p.met,
            p.basically_met,
            p.not_met,
            p.not_assessed()
        );
    }
    let p = standing.progress;
    let _ = writeln!(
        s,
        "| **{}** | **{}** | **{}** | **{}** | **{}** |\n",
        w::total(l),
        p.met,
        p.basically_met,
        p.not_met,
        p.not_assessed()
    );
    let _ = writeln!(
        s,
        "## III. {}\n\n| # | {} | {} |\n|---:|---|---|",
        w::results_table(l),
        w::criterion(l),
        i18n::ui::verdict_label(l)
    );
    for row in r.rows() {
        let _ = writeln!(
            s,
            "| {} | \\[{}\\] {} | {} |",
            row.criterion.number,
            cell(&row.criterion.code),
            cell(row.criterion.title.get(l)),
            v(row.answer.verdict)
        );
    }
    let _ = writeln!(s);
}

fn criterion(s: &mut String, r: &Report, row: &Row) {
    let l = r.lang;
    let a = &row.answer;
    let _ = writeln!(
        s,
        "### {}. \\[{}\\] {} — {}\n",
        row.criterion.number,
        md(&row.criterion.code),
        md(row.criterion.title.get(l)),
        i18n::verdict(l, a.verdict)
    );
    if !row.suggestion.is_empty() {
        let _ = writeln!(s, "- **{}:** {}", label::suggested(l), md(&row.suggestion));
    }
    if let Some(reason) = &a.override_reason {
        let _ = writeln!(s, "- **{}:** {}", label::reason(l), md(reason));
    }
    if !row.values.is_empty() {
        let _ = writeln!(s, "- **{}:**", w::indicators(l));
        for (name, value) in &row.values {
            let _ = writeln!(s, "  - {}: {}", md(name), value_md(value));
        }
    }
    let evidence = if a.evidence.is_empty() {
        w::none(l).to_string()
    } else {
        md(&a.evidence)
    };
    let _ = writeln!(s, "- **{}:** {evidence}", label::evidence(l));
    if row.shortcomings.is_empty() {
        let _ = writeln!(s, "- **{}:** {}", label::shortcomings(l), w::none(l));
    } else {
        let _ = writeln!(s, "- **{}:**", label::shortcomings(l));
        for item in &row.shortcomings {
            let _ = writeln!(s, "  - {}", md(item));
        }
    }
    let actions = r.actions(a);
    if !actions.is_empty() {
        let _ = writeln!(s, "- **{}:**", label::recommendations(l));
        for (n, act) in actions.iter().enumerate() {
            let mut line = md(&act.action);
            if !act.owner.is_empty() {
                let _ = write!(line, "; {}: {}", label::owner(l), md(&act.owner));
            }
            if !act.due.is_empty() {
                let _ = write!(line, "; {}: {}", label::due(l), md(&act.due));
            }
            let _ = writeln!(s, "  {}. {line}", n + 1);
        }
    }
    let _ = writeln!(s);
}

/// A value inside a nested list item: continuation lines indented one level deeper.
fn value_md(v: &str) -> String {
    markdown_text(v).replace('\n', "  \n    ")
}

fn closing(s: &mut String, r: &Report, draft: bool) {
    let l = r.lang;
    let i = r.inspection;
    let _ = writeln!(s, "## V. {}\n", w::conclusion(l));
    let (text, proposal) = r.conclusion();
    if let Some(p) = proposal {
        let _ = writeln!(s, "**{p}.**\n");
    }
    let _ = writeln!(s, "{}\n", markdown_text(&text).replace('\n', "  \n"));
    match &i.seal {
        Some(_) if !draft => {
            let _ = writeln!(s, "**{}:** {}\n", w::seal(l), md(&r.seal_line()));
            if let Some(signer) = r.signer() {
                let _ = writeln!(s, "{}\n", md(&w::signed_by(l, &signer)));
            }
        }
        _ => {
            let _ = writeln!(
                s,
                "**{}:** {}  \n{}: `{}`\n",
                w::seal(l),
                md(&r.seal_line()),
                w::content_digest(l),
                r.digest()
            );
        }
    }
    if draft {
        let _ = writeln!(s, "> **{}** — {}\n", w::DRAFT_MARK, md(w::draft_note(l)));
        return;
    }
    let _ = writeln!(s, "{}\n", md(w::closing(l)));
    let mut line = |title: &str, name: &str| {
        let name = if name.is_empty() {
            w::NAME_BLANK.to_string()
        } else {
            md(name)
        };
        let _ = writeln!(
            s,
            "- **{title}** {}: {name} — ………………………………",
            md(w::sign_hint(l))
        );
    };
    line(w::sign_unit(l), &i.minutes.representative);
    line(w::sign_leader(l), &i.team.leader);
    for m in &i.team.members {
        line(w::sign_member(l), m);
    }
    let _ = writeln!(s);
}
