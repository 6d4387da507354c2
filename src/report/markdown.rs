//! The report as Markdown, for pasting into messages and documents.

use std::fmt::Write as _;

use super::{Report, local_time};
use crate::domain::Progress;
use crate::i18n::{self, label, report as words};
use crate::report::escape::markdown_text as md;

/// Characters that would change the meaning of a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

pub fn markdown(r: &Report) -> String {
    let l = r.lang;
    let i = r.inspection;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", words::title(l, i.kind));
    if i.demo {
        let _ = writeln!(s, "> **{}**\n", words::demo_banner(l));
    }
    let _ = writeln!(s, "*{}*\n", words::subtitle(l));
    let _ = writeln!(s, "- **{}:** {}", label::unit(l), md(&i.unit.name));
    let place = md(&r.place());
    if !place.is_empty() {
        let _ = writeln!(s, "- **{}:** {place}", words::place(l));
    }
    let _ = writeln!(s, "- **{}:** {}", label::date(l), i.date);
    let _ = writeln!(s, "- **{}:** {}", label::kind(l), i18n::kind(l, i.kind));
    let _ = writeln!(s, "- **{}:** {}", words::team(l), md(&r.team()));
    let _ = writeln!(s, "- **{}:** {}", label::catalog(l), r.catalog_name());
    let _ = writeln!(s, "  - {}: {}", label::source(l), r.catalog.source.get(l));
    let _ = writeln!(s, "  - {}: {}", label::note(l), r.catalog.note.get(l));
    let _ = writeln!(
        s,
        "- **{}:** {}",
        label::status(l),
        i18n::status(l, i.status)
    );
    let _ = writeln!(s, "- **{}:** {}\n", words::seal(l), md(&r.seal_line()));

    let standing = r.standing();
    let _ = writeln!(s, "## {}\n", words::finding(l));
    let _ = writeln!(
        s,
        "**{}.** {}.\n",
        r.finding(),
        words::standard(l, standing.meets)
    );
    let v = |x| i18n::verdict(l, x);
    use crate::domain::Verdict as V;
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        words::group(l),
        v(Some(V::Met)),
        v(Some(V::BasicallyMet)),
        v(Some(V::NotMet)),
        v(None)
    );
    for g in &r.catalog.groups {
        let p = Progress::of_group(g, i);
        let _ = writeln!(
            s,
            "| {}. {} | {} | {} | {} | {} |",
            g.code,
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
        words::total(l),
        p.met,
        p.basically_met,
        p.not_met,
        p.not_assessed()
    );

    let _ = writeln!(s, "## {}\n", words::criteria_heading(l));
    let _ = writeln!(
        s,
        "| # | {} | {} | {} |\n|---|---|---|---|",
        words::criterion(l),
        crate::i18n::ui::verdict_label(l),
        label::suggested(l)
    );
    for row in r.rows() {
        let mut verdict = v(row.answer.verdict).to_string();
        if let Some(reason) = &row.answer.override_reason {
            verdict.push_str(&format!(" ({}: {})", label::reason(l), md(reason)));
        }
        let _ = writeln!(
            s,
            "| {} | [{}] {} | {} | {} |",
            row.criterion.number,
            row.criterion.code,
            cell(row.criterion.title.get(l)),
            verdict.replace('\n', "<br>"),
            cell(&row.suggestion)
        );
    }

    let _ = writeln!(s, "\n## {}\n", words::not_fully_met(l));
    let rows = r.not_fully_met();
    if rows.is_empty() {
        let _ = writeln!(s, "{}", words::none_not_fully_met(l));
    }
    for row in rows {
        let _ = writeln!(
            s,
            "### {}. {} — {}\n",
            row.criterion.number,
            row.criterion.title.get(l),
            v(row.answer.verdict)
        );
        for (name, text) in [
            (label::evidence(l), &row.answer.evidence),
            (label::shortcomings(l), &row.answer.shortcomings),
        ] {
            if !text.is_empty() {
                let _ = writeln!(s, "- **{name}:** {}", md(text).replace('\n', "\n  "));
            }
        }
        for rec in r.recommendations(&row.answer) {
            let _ = writeln!(s, "- **{}:** {}", label::recommendations(l), md(&rec));
        }
        let _ = writeln!(s);
    }

    let _ = writeln!(s, "## {}\n", words::conclusion(l));
    let (text, proposal) = r.conclusion();
    if let Some(p) = proposal {
        let _ = writeln!(s, "**{p}.**\n");
    }
    let _ = writeln!(s, "{}\n", md(&text));
    let _ = writeln!(s, "---\n*{}*", words::generated(l, &local_time(r.made_at)));
    s
}
