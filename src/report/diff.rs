//! Two visits compared, as terminal text, Markdown and a self-contained HTML page. Text
//! from the files goes through the shared escape helpers of each format.

use std::fmt::Write as _;

use crate::domain::Lang;
use crate::domain::diff::{Changed, Diff, Side};
use crate::domain::escape::{for_terminal, for_terminal_line};
use crate::i18n::{self, pick, programme};
use crate::report::escape::markdown_text;

fn verdict(l: Lang, key: &str) -> &'static str {
    use crate::domain::Verdict;
    i18n::verdict(
        l,
        match key {
            "met" => Some(Verdict::Met),
            "basically_met" => Some(Verdict::BasicallyMet),
            "not_met" => Some(Verdict::NotMet),
            _ => None,
        },
    )
}

/// "Công an phường Sài Gòn, TP Hồ Chí Minh — 2025-03-01, Tự đánh giá, Đã hoàn tất (id)"
fn side_line(l: Lang, s: &Side, esc: &dyn Fn(&str) -> String) -> String {
    let place = if s.province.is_empty() {
        esc(&s.unit)
    } else {
        format!("{}, {}", esc(&s.unit), esc(&s.province))
    };
    format!(
        "{place} — {}, {}, {} ({})",
        s.date,
        i18n::kind(l, s.kind),
        i18n::status(l, s.status),
        esc(&s.id)
    )
}

fn heading(l: Lang) -> &'static str {
    pick(l, "So sánh hai phiếu", "Two inspections compared")
}

fn words(l: Lang) -> [&'static str; 4] {
    pick(
        l,
        ["Kết luận", "Chỉ số", "Tồn tại", "(trống)"],
        ["Verdict", "Values", "Shortcomings", "(none)"],
    )
}

fn summary_line(l: Lang, d: &Diff) -> String {
    let mut s = pick(
        l,
        format!(
            "{} tiêu chí khác nhau, {} giống nhau.",
            d.changed.len(),
            d.unchanged
        ),
        format!(
            "{} criteria differ, {} agree.",
            d.changed.len(),
            d.unchanged
        ),
    );
    if !d.same_catalog {
        s.push(' ');
        s.push_str(pick(
            l,
            "Hai phiếu dùng bộ tiêu chí khác nhau.",
            "The two were made with different catalogs.",
        ));
    }
    s
}

/// For a terminal.
pub fn text(l: Lang, d: &Diff) -> String {
    let esc = |s: &str| for_terminal_line(s).into_owned();
    let [verdict_w, values_w, short_w, none] = words(l);
    let mut s = String::new();
    let _ = writeln!(s, "{}", heading(l));
    let _ = writeln!(s, "A: {}", side_line(l, &d.a, &esc));
    let _ = writeln!(s, "B: {}", side_line(l, &d.b, &esc));
    let _ = writeln!(s, "{}", summary_line(l, d));
    if d.changed.is_empty() {
        let _ = writeln!(s, "{}", programme::diff_same(l));
    }
    for c in &d.changed {
        let _ = writeln!(s, "\n[{}] {}", esc(&c.criterion), esc(&c.title));
        if c.verdict_changed() {
            let _ = writeln!(
                s,
                "  {verdict_w}: {} → {}",
                verdict(l, c.a_verdict),
                verdict(l, c.b_verdict)
            );
        }
        if !c.values.is_empty() {
            let _ = writeln!(s, "  {values_w}:");
            for v in &c.values {
                let show = |x: &str| {
                    if x.is_empty() {
                        none.to_string()
                    } else {
                        esc(x)
                    }
                };
                let _ = writeln!(
                    s,
                    "    {}: {} → {}",
                    esc(&v.indicator),
                    show(&v.a),
                    show(&v.b)
                );
            }
        }
        if c.shortcomings_changed() {
            let _ = writeln!(s, "  {short_w}:");
            for (tag, t) in [("A", &c.a_shortcomings), ("B", &c.b_shortcomings)] {
                let body = if t.is_empty() {
                    none.to_string()
                } else {
                    for_terminal(t).replace('\n', "\n       ")
                };
                let _ = writeln!(s, "    {tag}: {body}");
            }
        }
    }
    s
}

/// As Markdown.
pub fn markdown(l: Lang, d: &Diff) -> String {
    let esc = |s: &str| markdown_text(s).replace('\n', " ");
    let [verdict_w, values_w, short_w, none] = words(l);
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", heading(l));
    let _ = writeln!(s, "- **A:** {}", side_line(l, &d.a, &esc));
    let _ = writeln!(s, "- **B:** {}\n", side_line(l, &d.b, &esc));
    let _ = writeln!(s, "{}\n", summary_line(l, d));
    for c in &d.changed {
        write_changed_md(&mut s, l, c, [verdict_w, values_w, short_w, none], &esc);
    }
    s
}

fn write_changed_md(
    s: &mut String,
    l: Lang,
    c: &Changed,
    [verdict_w, values_w, short_w, none]: [&str; 4],
    esc: &dyn Fn(&str) -> String,
) {
    let _ = writeln!(s, "## {} {}\n", esc(&c.criterion), esc(&c.title));
    if c.verdict_changed() {
        let _ = writeln!(
            s,
            "- **{verdict_w}:** {} → {}",
            verdict(l, c.a_verdict),
            verdict(l, c.b_verdict)
        );
    }
    for v in &c.values {
        let show = |x: &str| {
            if x.is_empty() {
                none.to_string()
            } else {
                esc(x)
            }
        };
        let _ = writeln!(
            s,
            "- **{values_w}:** {}: {} → {}",
            esc(&v.indicator),
            show(&v.a),
            show(&v.b)
        );
    }
    if c.shortcomings_changed() {
        for (tag, t) in [("A", &c.a_shortcomings), ("B", &c.b_shortcomings)] {
            let body = if t.is_empty() {
                none.to_string()
            } else {
                esc(t)
            };
            let _ = writeln!(s, "- **{short_w} {tag}:** {body}");
        }
    }
    let _ = writeln!(s);
}

/// Text as HTML: markup characters as entities, line breaks as `<br>`, control characters
/// made visible.
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in for_terminal(s).chars() {
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

/// As a self-contained HTML page (no external assets), printable in black and white.
pub fn html(l: Lang, d: &Diff) -> String {
    let esc = |s: &str| html_text(s);
    let [verdict_w, values_w, short_w, none] = words(l);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n\
         body {{ font-family: serif; max-width: 180mm; margin: 10mm auto; color: #000; }}\n\
         table {{ border-collapse: collapse; width: 100%; }}\n\
         th, td {{ border: 1px solid #000; padding: 3pt 5pt; vertical-align: top; text-align: left; }}\n\
         </style>\n</head>\n<body>\n",
        pick(l, "vi", "en"),
        heading(l)
    );
    let _ = writeln!(s, "<h1>{}</h1>", heading(l));
    let _ = writeln!(
        s,
        "<p><b>A:</b> {}<br><b>B:</b> {}</p>",
        side_line(l, &d.a, &esc),
        side_line(l, &d.b, &esc)
    );
    let _ = writeln!(s, "<p>{}</p>", summary_line(l, d));
    if !d.changed.is_empty() {
        let crit = pick(l, "Tiêu chí", "Criterion");
        let _ = writeln!(
            s,
            "<table>\n<thead><tr><th>{crit}</th><th>{verdict_w} A</th><th>{verdict_w} B</th><th>{values_w}</th><th>{short_w}</th></tr></thead>\n<tbody>"
        );
        for c in &d.changed {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|v| {
                    let show = |x: &str| {
                        if x.is_empty() {
                            none.to_string()
                        } else {
                            esc(x)
                        }
                    };
                    format!("{}: {} → {}", esc(&v.indicator), show(&v.a), show(&v.b))
                })
                .collect();
            let short = if c.shortcomings_changed() {
                let show = |x: &str| {
                    if x.is_empty() {
                        none.to_string()
                    } else {
                        esc(x)
                    }
                };
                format!(
                    "A: {}<br>B: {}",
                    show(&c.a_shortcomings),
                    show(&c.b_shortcomings)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{short}</td></tr>",
                esc(&c.criterion),
                esc(&c.title),
                verdict(l, c.a_verdict),
                verdict(l, c.b_verdict),
                values.join("<br>")
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    s.push_str("</body>\n</html>\n");
    s
}
