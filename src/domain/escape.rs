//! Text from a file is someone else's: these turn it into something safe to show.
//! `for_terminal` and `for_terminal_line` make control characters and bidi overrides
//! visible before text reaches a terminal; JSON output never goes through them.

use std::borrow::Cow;

/// Bidirectional formatting characters that can make text read differently from what it is
/// (the "Trojan Source" family): embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

fn needs_escape(c: char, keep_newline: bool) -> bool {
    match c {
        '\n' => !keep_newline,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        c => is_bidi_control(c),
    }
}

fn escape(s: &str, keep_newline: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c, keep_newline)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c, keep_newline) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{7F}' => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal that may span lines (evidence, shortcomings): line breaks stay,
/// every other control character and bidi override is shown as a visible escape such as
/// `\x1B` or `\u{202E}`.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// Text for one line of terminal output (a unit name in a list, a file name, a message):
/// like [`for_terminal`], and a line break is shown as `\n` so that it cannot forge lines.
pub fn for_terminal_line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// True when `s` holds no byte a terminal would act on: what the hostile-output tests check.
pub fn is_terminal_safe(s: &str) -> bool {
    !s.chars().any(|c| c != '\n' && needs_escape(c, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_vietnamese_is_untouched() {
        let s = "Phường Sài Gòn — 16/25 = 64% < 70%";
        assert!(matches!(for_terminal_line(s), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "A\u{1b}]0;pwned\u{7}B\u{9b}2J\u{202E}C\rD";
        let shown = for_terminal_line(hostile);
        assert_eq!(shown, "A\\x1B]0;pwned\\x07B\\u{009B}2J\\u{202E}C\\rD");
        assert!(is_terminal_safe(&shown));
        assert!(!is_terminal_safe(hostile));
    }

    #[test]
    fn line_breaks_kept_only_in_multi_line_text() {
        assert_eq!(for_terminal("a\nb\tc"), "a\nb\\tc");
        assert_eq!(for_terminal_line("a\nb"), "a\\nb");
    }
}
