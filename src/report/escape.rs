//! Escaping user text for the file formats reports are written in. Text in an inspection
//! comes from other people's machines: it must not become markup, a formula or a script.

use std::borrow::Cow;

/// User text as inert Markdown: HTML is escaped as entities, Markdown-active characters
/// get a backslash (so `*`, `_`, `[`, `` ` ``, `|` and a leading `-`, `+`, `#`, `>` or
/// `1.` stay literal), and control characters are made visible. Line breaks are kept;
/// the caller decides how a break reads in its context (a list item, a table cell).
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        // Characters that open a block only at the start of a line.
        if let Some(first) = body.chars().next() {
            if matches!(first, '-' | '+' | '#' | '>' | '=') {
                out.push('\\');
            }
            let digits = body.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && matches!(body[digits..].chars().next(), Some('.' | ')')) {
                out.push_str(&body[..digits]);
                out.push('\\');
                push_inline(&mut out, &body[digits..]);
                continue;
            }
        }
        push_inline(&mut out, body);
    }
    out
}

fn push_inline(out: &mut String, s: &str) {
    for c in crate::domain::escape::for_terminal(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '!' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// A CSV cell that a spreadsheet will not run as a formula: a cell beginning with `=`,
/// `+`, `-`, `@`, TAB or CR gets a leading `'`, as OWASP advises for CSV injection.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_markdown_is_inert() {
        let s = markdown_text("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!s.contains('<'), "{s}");
        assert!(s.contains("&lt;script&gt;"));
    }

    #[test]
    fn markdown_structure_characters_stay_literal() {
        assert_eq!(markdown_text("- Thiếu sổ"), "\\- Thiếu sổ");
        assert_eq!(markdown_text("1. một"), "1\\. một");
        assert_eq!(markdown_text("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
        assert_eq!(markdown_text("Phường Sài Gòn"), "Phường Sài Gòn");
    }

    #[test]
    fn formulas_are_neutralised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(csv_cell("16/25"), "16/25");
    }
}
