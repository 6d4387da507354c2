//! The report as HTML minutes (biên bản) to print on A4 and sign: the heading of a
//! Vietnamese administrative document (Decree 30/2020/NĐ-CP), everything recorded for
//! every criterion, and a running footer on every page (page x/y, the unit, the digest)
//! so that pages cannot be swapped. A draft says so on every page and has no signatures.
//! Self-contained: no external assets, no colour that carries meaning.

use std::fmt::Write as _;

use super::{Report, Row, words};
use crate::domain::{Progress, Verdict};
use crate::i18n::{self, label, pick, report as w};

pub(super) fn esc(s: &str) -> String {
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

/// A CSS string literal: anything but letters, digits and spaces as a hex escape, so that
/// no text can close the string, the rule or the `<style>` element.
fn css_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out.push('"');
    out
}

/// Page and type: A4, margins inside the decree's ranges (top 20–25 mm, bottom 20–25 mm,
/// left 30–35 mm, right 15–20 mm), Times New Roman or the closest installed serif.
const STYLE: &str = r#"
@page { size: A4; margin: 22mm 18mm 22mm 32mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, "Liberation Serif", Tinos, "Noto Serif",
       "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000;
       background: #fff; max-width: 160mm; margin: 10mm auto; }
@media print { body { max-width: none; margin: 0; } }
table.head { width: 100%; border-collapse: collapse; margin: 0 0 10pt; }
table.head td { border: 0; padding: 0; vertical-align: top; text-align: center; }
table.head td.body { width: 40%; }
.upper { font-size: 12pt; font-weight: bold; margin: 0; }
.motto { font-size: 13pt; font-weight: bold; margin: 0; display: inline-block;
         border-bottom: 1px solid #000; padding-bottom: 1pt; }
.body-rule { width: 30%; border-top: 1px solid #000; margin: 1pt auto 4pt; }
.number { font-size: 13pt; margin: 4pt 0 0; }
.placedate { font-style: italic; margin: 8pt 0 0; }
h1 { text-align: center; font-size: 14pt; margin: 12pt 0 2pt; }
.subtitle { text-align: center; font-weight: bold; margin: 0 0 10pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
h3 { font-size: 13pt; margin: 0 0 2pt; break-after: avoid; }
p { margin: 2pt 0; }
dl { display: grid; grid-template-columns: 38mm 1fr; gap: 1pt 6pt; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0; }
th, td { border: 1px solid #000; padding: 1.5pt 4pt; vertical-align: top; text-align: left; }
td.n { text-align: right; white-space: nowrap; width: 1%; }
td.v { white-space: nowrap; width: 1%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.values td:first-child { width: 45%; }
.criterion { break-inside: avoid; margin: 0 0 6pt; padding-top: 3pt; border-top: 1px solid #000;
             font-size: 12pt; line-height: 1.3; }
table.values { font-size: 11.5pt; }
.criterion ul, .criterion ol { margin: 0; padding-left: 7mm; }
.small { font-size: 10.5pt; }
.finding { font-weight: bold; }
.demo { border: 2px dashed #000; padding: 4pt; font-weight: bold; text-align: center; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt;
        overflow-wrap: anywhere; }
.closing { break-inside: avoid; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 10pt 12pt; margin-top: 12pt;
        text-align: center; }
.sign > div { break-inside: avoid; display: flex; flex-direction: column; }
.sign b { display: block; }
.sign i { font-size: 11pt; }
.sign .space { flex: 1; min-height: 24mm; }
.draft-mark { position: fixed; top: 42%; left: 0; right: 0; text-align: center;
              transform: rotate(-35deg); font-size: 50pt; font-weight: bold;
              color: rgba(0, 0, 0, 0.12); z-index: 10; white-space: nowrap;
              pointer-events: none; }
.draft-note { border: 2px solid #000; padding: 4pt; font-weight: bold; text-align: center; }
footer { margin-top: 12pt; font-size: 9pt; font-style: italic; }
"#;

/// The running footer (and, for a draft, header) of every printed page, as `@page`
/// margin boxes that Chromium fills on each page.
fn page_boxes(r: &Report, draft: bool) -> String {
    let l = r.lang;
    let digest_label = if r.sealed() {
        pick(l, "Niêm phong SHA-256 ", "Seal SHA-256 ")
    } else {
        pick(l, "Tệp SHA-256 ", "File SHA-256 ")
    };
    let font = "font-family: \"Times New Roman\", \"Liberation Serif\", \"DejaVu Serif\", serif; font-size: 9pt;";
    let mut s = format!(
        "@page {{\n  @bottom-left {{ content: {}; {font} }}\n  @bottom-center {{ content: {} counter(page) \"/\" counter(pages); {font} }}\n  @bottom-right {{ content: {}; {font} }}\n",
        css_str(&r.inspection.unit.name),
        css_str(&format!("{} ", w::page(l))),
        css_str(&format!("{digest_label}{}", r.short_digest())),
    );
    if draft {
        let _ = writeln!(
            s,
            "  @top-center {{ content: {}; font-weight: bold; font-size: 12pt; }}",
            css_str(w::DRAFT_MARK)
        );
    }
    s.push_str("}\n");
    s
}

pub fn html(r: &Report) -> String {
    let l = r.lang;
    let i = r.inspection;
    let draft = !r.sealed();
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        pick(l, "vi", "en"),
        esc(w::title(l, i.kind)),
        esc(&i.unit.name),
        page_boxes(r, draft)
    );
    if draft {
        let _ = writeln!(s, "<div class=\"draft-mark\">{}</div>", esc(w::DRAFT_MARK));
    }
    heading(&mut s, r);
    if i.demo {
        let _ = writeln!(s, "<p class=\"demo\">{}</p>", esc(w::demo_banner(l)));
    }
    if draft {
        let _ = writeln!(s, "<p class=\"draft-note\">{}</p>", esc(w::draft_note(l)));
    }
    general(&mut s, r);
    results(&mut s, r);
    let _ = writeln!(s, "<h2>IV. {}</h2>", esc(w::details(l)));
    for row in r.rows() {
        criterion(&mut s, r, &row);
    }
    // The "made by kiemtra" line ends the closing block, so it never falls alone onto a
    // page of its own after the signatures.
    let made = format!(
        "<footer>{}</footer>",
        esc(&w::generated(l, &words::time(l, r.made_at)))
    );
    closing(&mut s, r, draft, &made);
    let _ = writeln!(s, "</body>\n</html>");
    s
}

/// Issuing body and number left; Quốc hiệu, Tiêu ngữ and the place-date line right.
fn heading(s: &mut String, r: &Report) {
    let l = r.lang;
    let i = r.inspection;
    let _ = writeln!(
        s,
        "<table class=\"head\"><tr>\n<td class=\"body\"><p class=\"upper\">{}</p><div class=\"body-rule\"></div><p class=\"number\">{}</p></td>\n<td><p class=\"upper\">{}</p><p class=\"motto\">{}</p><p class=\"placedate\">{}</p></td>\n</tr></table>",
        esc(&r.issuing_body()),
        esc(w::doc_number(l, i.kind)),
        esc(w::nation(l)),
        esc(w::motto(l)),
        esc(&words::place_date(l, r.locality(), i.date))
    );
    let _ = writeln!(
        s,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        esc(w::title(l, i.kind)),
        esc(w::subtitle(l))
    );
}

fn general(s: &mut String, r: &Report) {
    let l = r.lang;
    let _ = writeln!(s, "<h2>I. {}</h2>\n<dl>", esc(w::general(l)));
    let mut fact = |k: &str, v: &str| {
        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
    };
    for (k, v) in r.general_facts() {
        fact(k, &v);
    }
    let _ = writeln!(s, "</dl>");
}

fn results(s: &mut String, r: &Report) {
    let l = r.lang;
    let standing = r.standing();
    let _ = writeln!(
        s,
        "<h2>II. {}</h2>\n<p class=\"finding\">{}. {}.</p>",
        esc(w::finding(l)),
        esc(&r.finding()),
        esc(w::standard(l, standing.meets))
    );
    let v = |x| esc(i18n::verdict(l, x));
    let _ = writeln!(
        s,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(w::group(l)),
        v(Some(Verdict::Met)),
        v(Some(Verdict::BasicallyMet)),
        v(Some(Verdict::NotMet)),
        v(None)
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
            Progress::of_group(g, r.inspection),
            false,
        );
    }
    group_row(w::total(l).to_string(), standing.progress, true);
    let _ = writeln!(s, "</tbody></table>");

    let _ = writeln!(
        s,
        "<h2>III. {}</h2>\n<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(w::results_table(l)),
        esc(w::criterion(l)),
        esc(i18n::ui::verdict_label(l)),
    );
    for row in r.rows() {
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td>[{}] {}</td><td class=\"v\">{}</td></tr>",
            row.criterion.number,
            esc(&row.criterion.code),
            esc(row.criterion.title.get(l)),
            esc(i18n::verdict(l, row.answer.verdict))
        );
    }
    let _ = writeln!(s, "</tbody></table>");
}

/// One criterion, kept whole on a page: verdict, suggestion, every value, evidence,
/// shortcomings, recommendations and the reason for an override.
fn criterion(s: &mut String, r: &Report, row: &Row) {
    let l = r.lang;
    let a = &row.answer;
    let _ = writeln!(
        s,
        "<section class=\"criterion\">\n<h3>{}. [{}] {} — {}</h3>",
        row.criterion.number,
        esc(&row.criterion.code),
        esc(row.criterion.title.get(l)),
        esc(i18n::verdict(l, a.verdict))
    );
    if !row.suggestion.is_empty() {
        let _ = writeln!(
            s,
            "<p><b>{}:</b> {}</p>",
            esc(label::suggested(l)),
            esc(&row.suggestion)
        );
    }
    if let Some(reason) = &a.override_reason {
        let _ = writeln!(
            s,
            "<p><b>{}:</b> {}</p>",
            esc(label::reason(l)),
            esc(reason)
        );
    }
    if !row.values.is_empty() {
        let _ = writeln!(
            s,
            "<p><b>{}:</b></p>\n<table class=\"values\"><tbody>",
            esc(w::indicators(l))
        );
        for (name, value) in &row.values {
            let _ = writeln!(s, "<tr><td>{}</td><td>{}</td></tr>", esc(name), esc(value));
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    let evidence = if a.evidence.is_empty() {
        w::none(l)
    } else {
        &a.evidence
    };
    let _ = writeln!(
        s,
        "<p><b>{}:</b> {}</p>",
        esc(label::evidence(l)),
        esc(evidence)
    );
    let _ = write!(s, "<p><b>{}:</b>", esc(label::shortcomings(l)));
    if row.shortcomings.is_empty() {
        let _ = writeln!(s, " {}</p>", esc(w::none(l)));
    } else {
        let _ = write!(s, "</p>\n<ul>");
        for item in &row.shortcomings {
            let _ = write!(s, "<li>{}</li>", esc(item));
        }
        let _ = writeln!(s, "</ul>");
    }
    let actions = r.actions(a);
    if !actions.is_empty() {
        let _ = write!(s, "<p><b>{}:</b></p>\n<ol>", esc(label::recommendations(l)));
        for act in actions {
            let mut line = esc(&act.action);
            if !act.owner.is_empty() {
                let _ = write!(line, "; {}: {}", esc(label::owner(l)), esc(&act.owner));
            }
            if !act.due.is_empty() {
                let _ = write!(line, "; {}: {}", esc(label::due(l)), esc(&act.due));
            }
            let _ = write!(s, "<li>{line}</li>");
        }
        let _ = writeln!(s, "</ol>");
    }
    let _ = writeln!(s, "</section>");
}

/// Conclusion, seal, closing sentence and signatures, kept together on one page.
fn closing(s: &mut String, r: &Report, draft: bool, made: &str) {
    let l = r.lang;
    let i = r.inspection;
    let (text, proposal) = r.conclusion();
    let _ = writeln!(
        s,
        "<div class=\"closing\">\n<h2>V. {}</h2>",
        esc(w::conclusion(l))
    );
    if let Some(p) = proposal {
        let _ = writeln!(s, "<p><b>{}.</b></p>", esc(p));
    }
    let _ = writeln!(s, "<p>{}</p>", esc(&text));
    match &i.seal {
        Some(_) if !draft => {
            let _ = write!(
                s,
                "<p class=\"small\"><b>{}:</b> {}",
                esc(w::seal(l)),
                esc(&r.seal_line()),
            );
            if let Some(signer) = r.signer() {
                let _ = write!(s, "<br>{}", esc(&w::signed_by(l, &signer)));
            }
            let _ = writeln!(s, "</p>");
        }
        _ => {
            let _ = writeln!(
                s,
                "<p class=\"small\"><b>{}:</b> {}<br><b>{}:</b> <span class=\"mono\">{}</span></p>",
                esc(w::seal(l)),
                esc(&r.seal_line()),
                esc(w::content_digest(l)),
                esc(&r.digest())
            );
        }
    }
    if draft {
        let _ = writeln!(
            s,
            "<p class=\"draft-note\">{}</p>\n{made}\n</div>",
            esc(w::draft_note(l))
        );
        return;
    }
    let _ = writeln!(s, "<p>{}</p>", esc(w::closing(l)));
    let hint = esc(w::sign_hint(l));
    let _ = writeln!(s, "<div class=\"sign\">");
    let mut block = |title: &str, name: &str| {
        let name = if name.is_empty() { w::NAME_BLANK } else { name };
        let _ = writeln!(
            s,
            "<div><b>{}</b><i>{hint}</i><div class=\"space\"></div><b>{}</b></div>",
            esc(title),
            esc(name)
        );
    };
    block(w::sign_unit(l), &i.minutes.representative);
    block(w::sign_leader(l), &i.team.leader);
    for m in &i.team.members {
        block(w::sign_member(l), m);
    }
    let _ = writeln!(s, "</div>\n{made}\n</div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_close_the_style() {
        let s = css_str("A\"; } </style><script>x</script>\n\\");
        assert!(
            !s[1..s.len() - 1].contains(['"', '<', '>', '\n', '}']),
            "{s}"
        );
        assert!(s.starts_with("\"A"));
        assert_eq!(css_str("Công an phường 1"), "\"Công an phường 1\"");
    }
}
