//! The report as a self-contained HTML minutes document (biên bản), laid out for A4 and
//! readable in black and white: no external assets, no colour that carries meaning.

use std::fmt::Write as _;

use super::{Report, local_time};
use crate::domain::{Lang, Progress, Verdict};
use crate::i18n::{self, label, pick, report as words};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 15mm 18mm 22mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif;
       font-size: 12.5pt; line-height: 1.4; color: #000; background: #fff;
       max-width: 175mm; margin: 10mm auto; }
.nation { text-align: center; font-weight: bold; margin: 0; }
.motto { text-align: center; font-weight: bold; margin: 0 0 2pt; }
.rule { width: 45mm; border-top: 1px solid #000; margin: 0 auto 12pt; }
h1 { text-align: center; font-size: 15pt; margin: 8pt 0 2pt; letter-spacing: 0.3pt; }
.subtitle { text-align: center; font-style: italic; margin: 0 0 12pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; }
h3 { font-size: 12.5pt; margin: 10pt 0 4pt; break-after: avoid; }
dl { display: grid; grid-template-columns: 34mm 1fr; gap: 2pt 6pt; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.finding { font-weight: bold; }
.demo { border: 2px dashed #000; padding: 4pt; font-weight: bold; text-align: center; }
.note { font-size: 10.5pt; }
.seal { font-size: 10pt; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt;
        overflow-wrap: anywhere; }
.sign { display: flex; justify-content: space-around; margin-top: 20pt; text-align: center;
        break-inside: avoid; }
.sign > div { width: 45%; font-weight: bold; }
.sign i { font-weight: normal; }
.sign .space { height: 26mm; }
footer { margin-top: 16pt; font-size: 9pt; font-style: italic; }
"#;

fn verdict_text(l: Lang, v: Option<Verdict>) -> &'static str {
    i18n::verdict(l, v)
}

pub fn html(r: &Report) -> String {
    let l = r.lang;
    let i = r.inspection;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        pick(l, "vi", "en"),
        esc(words::title(l, i.kind)),
        esc(&i.unit.name)
    );
    let _ = writeln!(
        s,
        "<p class=\"nation\">{}</p>\n<p class=\"motto\">{}</p>\n<div class=\"rule\"></div>",
        pick(
            l,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SOCIALIST REPUBLIC OF VIET NAM"
        ),
        pick(
            l,
            "Độc lập – Tự do – Hạnh phúc",
            "Independence – Freedom – Happiness"
        )
    );
    if i.demo {
        let _ = writeln!(s, "<p class=\"demo\">{}</p>", esc(words::demo_banner(l)));
    }
    let _ = writeln!(
        s,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        esc(words::title(l, i.kind)),
        esc(words::subtitle(l))
    );
    let _ = writeln!(s, "<dl>");
    let mut fact = |k: &str, v: &str| {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    };
    fact(label::unit(l), &i.unit.name);
    let place = r.place();
    if !place.is_empty() {
        fact(words::place(l), &place);
    }
    fact(label::date(l), &i.date.to_string());
    fact(label::kind(l), i18n::kind(l, i.kind));
    fact(words::team(l), &r.team());
    fact(label::catalog(l), &r.catalog_name());
    fact(label::status(l), i18n::status(l, i.status));
    let _ = writeln!(s, "</dl>");
    let _ = writeln!(
        s,
        "<p class=\"note\"><b>{}:</b> {}<br><b>{}:</b> {}</p>",
        esc(label::source(l)),
        esc(r.catalog.source.get(l)),
        esc(label::note(l)),
        esc(r.catalog.note.get(l))
    );

    let standing = r.standing();
    let _ = writeln!(
        s,
        "<h2>I. {}</h2>\n<p class=\"finding\">{}. {}.</p>",
        esc(words::finding(l)),
        esc(&r.finding()),
        esc(words::standard(l, standing.meets))
    );
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(words::group(l)),
        esc(verdict_text(l, Some(Verdict::Met))),
        esc(verdict_text(l, Some(Verdict::BasicallyMet))),
        esc(verdict_text(l, Some(Verdict::NotMet))),
        esc(verdict_text(l, None))
    );
    let mut group_row = |name: String, p: Progress, bold: bool| {
        let (a, b) = if bold { ("<b>", "</b>") } else { ("", "") };
        let _ = writeln!(
            s,
            "<tr><td>{a}{}{b}</td><td class=\"n\">{a}{}{b}</td><td class=\"n\">{a}{}{b}</td><td class=\"n\">{a}{}{b}</td><td class=\"n\">{a}{}{b}</td></tr>",
            esc(&name),
            p.met,
            p.basically_met,
            p.not_met,
            p.not_assessed()
        );
    };
    for g in &r.catalog.groups {
        group_row(
            format!("{}. {}", g.code, g.title.get(l)),
            Progress::of_group(g, i),
            false,
        );
    }
    group_row(words::total(l).to_string(), standing.progress, true);
    let _ = writeln!(s, "</tbody></table>");

    let _ = writeln!(
        s,
        "<h2>II. {}</h2>\n<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(words::criteria_heading(l)),
        esc(words::criterion(l)),
        esc(i18n::ui::verdict_label(l)),
        esc(label::suggested(l))
    );
    for row in r.rows() {
        let mut verdict = esc(verdict_text(l, row.answer.verdict));
        if let Some(reason) = &row.answer.override_reason {
            verdict.push_str(&format!(
                "<br><i>{}: {}</i>",
                esc(label::reason(l)),
                esc(reason)
            ));
        }
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td>[{}] {}</td><td>{verdict}</td><td>{}</td></tr>",
            row.criterion.number,
            esc(&row.criterion.code),
            esc(row.criterion.title.get(l)),
            esc(&row.suggestion)
        );
    }
    let _ = writeln!(s, "</tbody></table>");

    let _ = writeln!(s, "<h2>III. {}</h2>", esc(words::not_fully_met(l)));
    let rows = r.not_fully_met();
    if rows.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", esc(words::none_not_fully_met(l)));
    }
    for row in rows {
        let _ = writeln!(
            s,
            "<h3>{}. {} — {}</h3>",
            row.criterion.number,
            esc(row.criterion.title.get(l)),
            esc(verdict_text(l, row.answer.verdict))
        );
        let mut items = Vec::new();
        for (name, text) in [
            (label::evidence(l), &row.answer.evidence),
            (label::shortcomings(l), &row.answer.shortcomings),
        ] {
            if !text.is_empty() {
                items.push(format!("<li><b>{}:</b> {}</li>", esc(name), esc(text)));
            }
        }
        for rec in r.recommendations(&row.answer) {
            items.push(format!(
                "<li><b>{}:</b> {}</li>",
                esc(label::recommendations(l)),
                esc(&rec)
            ));
        }
        if !items.is_empty() {
            let _ = writeln!(s, "<ul>{}</ul>", items.concat());
        }
    }

    let (text, proposal) = r.conclusion();
    let _ = writeln!(s, "<h2>IV. {}</h2>", esc(words::conclusion(l)));
    if let Some(p) = proposal {
        let _ = writeln!(s, "<p><b>{}.</b></p>", esc(p));
    }
    let _ = writeln!(s, "<p>{}</p>", esc(&text));
    match &i.seal {
        Some(seal) => {
            let _ = writeln!(
                s,
                "<p class=\"seal\"><b>{}:</b> {}<br><span class=\"mono\">SHA-256 {}</span></p>",
                esc(words::seal(l)),
                esc(&words::sealed_by(l, &seal.by, &local_time(seal.at))),
                esc(&seal.sha256)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "<p class=\"seal\"><b>{}:</b> {}</p>",
                esc(words::seal(l)),
                esc(words::not_sealed(l))
            );
        }
    }
    let [left, right] = words::signatures(l);
    let sign = words::sign_hint(l);
    let _ = writeln!(
        s,
        "<div class=\"sign\"><div>{}<br><i>{sign}</i><div class=\"space\"></div>{}</div><div>{}<br><i>{sign}</i><div class=\"space\"></div></div></div>",
        esc(left),
        esc(&i.team.leader),
        esc(right)
    );
    let _ = writeln!(
        s,
        "<footer>{}</footer>\n</body>\n</html>",
        esc(&words::generated(l, &local_time(r.made_at)))
    );
    s
}
