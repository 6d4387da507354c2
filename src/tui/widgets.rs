//! Small drawing helpers: width-aware clipping and text gauges that work in ASCII.

use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

use ratatui::widgets::Block;

use super::theme::{Look, Role, Symbols, Theme};

/// A bordered panel with a title, in the look's border set.
pub fn panel<'a>(look: &Look, title: impl Into<String>) -> Block<'a> {
    Block::bordered()
        .border_set(look.symbols.border)
        .title(Span::styled(title.into(), look.theme.style(Role::Title)))
}

/// A vertical scrollbar on the right edge, in ASCII with `--ascii`.
pub fn scrollbar(look: &Look) -> ratatui::widgets::Scrollbar<'static> {
    let bar =
        ratatui::widgets::Scrollbar::new(ratatui::widgets::ScrollbarOrientation::VerticalRight);
    if look.symbols.ascii {
        bar.symbols(ratatui::symbols::scrollbar::Set {
            track: "|",
            thumb: "#",
            begin: "^",
            end: "v",
        })
    } else {
        bar.symbols(ratatui::symbols::scrollbar::VERTICAL)
    }
}

/// Spans written from the left of a one-row `area` and cut at its right edge, as a Line
/// renders them, for the text of every frame (headers, gauges, form rows, key hints).
///
/// Why not `Line::render`: a frame draws some 1,500 cells of text, and the generic path
/// segments graphemes and measures each span three times; that was most of the cost of
/// the Walk frame. The console's text is NFC Vietnamese and English, where a cell is one
/// char (plus combining marks when typed decomposed), so this walks chars. A span with
/// anything else (emoji sequences, other scripts, zero-width joiners) takes ratatui's
/// own grapheme path.
pub fn paint(spans: &[Span<'_>], area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    use unicode_width::UnicodeWidthChar;
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let (y, right) = (area.y, area.right());
    let mut x = area.x;
    for span in spans {
        let text = span.content.as_ref();
        if x >= right {
            return;
        }
        if !text.chars().all(one_cell_char) {
            x = buf
                .set_stringn(x, y, text, usize::from(right - x), span.style)
                .0;
            continue;
        }
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let mut end = i + c.len_utf8();
            // Combining marks join the letter before them in its cell.
            while let Some((j, m)) = chars.next_if(|(_, m)| m.width() == Some(0)) {
                end = j + m.len_utf8();
            }
            let w = u16::try_from(c.width().unwrap_or(0)).unwrap_or(0);
            if w == 0 {
                continue;
            }
            if x + w > right {
                return;
            }
            buf[(x, y)].set_symbol(&text[i..end]).set_style(span.style);
            x += w;
        }
    }
}

/// A char [`paint`] draws as ratatui would: printable, one cell wide (or a combining mark), from Latin (with Vietnamese and
/// combining marks), punctuation, arrows, box drawing, blocks, shapes and dingbats.
fn one_cell_char(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    let code = u32::from(c);
    let script =
        code < 0x0370 || (0x1E00..=0x1EFF).contains(&code) || (0x2010..=0x27BF).contains(&code);
    script && !c.is_control() && (c.width() == Some(1) || (0x0300..=0x036F).contains(&code))
}

/// Signs an ASCII terminal may not have, and what `--ascii` writes for them.
const ASCII_SIGNS: &[(char, &str)] = &[
    ('→', "->"),
    ('←', "<-"),
    ('≥', ">="),
    ('≤', "<="),
    ('…', "..."),
    ('—', "-"),
    ('–', "-"),
    ('·', "|"),
    ('×', "x"),
    ('↑', "^"),
    ('↓', "v"),
];

/// Text for the look: with `--ascii`, arrows, comparison signs and the ellipsis are
/// written in ASCII; otherwise unchanged.
pub fn plain(ascii: bool, text: &str) -> String {
    if !ascii || text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match ASCII_SIGNS.iter().find(|(sign, _)| *sign == c) {
            Some((_, repl)) => out.push_str(repl),
            None => out.push(c),
        }
    }
    out
}

/// A line with every span's text made [`plain`] for the look.
pub fn plain_line(ascii: bool, line: ratatui::text::Line<'static>) -> ratatui::text::Line<'static> {
    if !ascii {
        return line;
    }
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|sp| Span::styled(plain(true, &sp.content), sp.style))
        .collect();
    ratatui::text::Line::from(spans).style(line.style)
}

/// `text` cut to at most `width` columns, ending in `ellipsis` when cut.
///
/// It runs for every row of every frame, so it walks characters, not grapheme clusters: a
/// mark of zero width stays with the letter before it (Vietnamese in NFD, a variation
/// selector), and a wide character that would overflow is left out whole.
pub fn clip(text: &str, width: usize, ellipsis: &str) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    let mut fits_to = text.len();
    let room = width.saturating_sub(ellipsis.width());
    let mut cut = None;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if w > 0 && used + w > room && cut.is_none() {
            cut = Some(i);
        }
        if w > 0 && used + w > width {
            fits_to = i;
            break;
        }
        used += w;
    }
    if fits_to == text.len() {
        return text.to_string();
    }
    let mut out = String::with_capacity(width + ellipsis.len());
    out.push_str(&text[..cut.unwrap_or(fits_to)]);
    if width >= ellipsis.width() {
        out.push_str(ellipsis);
    }
    out
}

/// A line cut to `width` columns: whole spans while they fit, then the span that does not
/// fit cut and ending in `ellipsis`.
pub fn clip_line<'a>(
    line: ratatui::text::Line<'a>,
    width: usize,
    ellipsis: &str,
) -> ratatui::text::Line<'a> {
    if line.width() <= width {
        return line;
    }
    let room = width.saturating_sub(ellipsis.width());
    let style = line.style;
    let mut used = 0;
    let mut spans = Vec::with_capacity(line.spans.len());
    for sp in line.spans {
        let w = sp.width();
        if used + w <= room {
            used += w;
            spans.push(sp);
            continue;
        }
        let cut = clip(&sp.content, room - used, "");
        let end = if width >= ellipsis.width() {
            ellipsis
        } else {
            ""
        };
        spans.push(Span::styled(format!("{cut}{end}"), sp.style));
        break;
    }
    ratatui::text::Line::from(spans).style(style)
}

/// `text` word-wrapped to `width` columns in at most `height` rows; when it does not fit,
/// the last row ends in `ellipsis`. Line breaks in the text are kept.
pub fn wrap_clip(text: &str, width: usize, height: usize, ellipsis: &str) -> Vec<String> {
    if height > 0 && !text.contains('\n') && text.width() <= width {
        return vec![text.to_string()];
    }
    let mut rows: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let mut cur = String::new();
        for word in para.split(' ') {
            let cand = if cur.is_empty() {
                word.to_string()
            } else {
                format!("{cur} {word}")
            };
            if cand.width() > width && !cur.is_empty() {
                rows.push(std::mem::take(&mut cur));
                cur = word.to_string();
            } else {
                cur = cand;
            }
        }
        rows.push(cur);
    }
    if rows.len() > height {
        rows.truncate(height);
        if let Some(last) = rows.last_mut() {
            // Room for the ellipsis even when the row was full.
            let room = width.saturating_sub(ellipsis.width());
            *last = format!("{}{ellipsis}", clip(last, room, "").trim_end());
        }
    }
    rows.into_iter()
        .map(|r| clip(&r, width, ellipsis))
        .collect()
}

/// `text` word-wrapped to `width` columns, as slices of it: the rows a Paragraph with
/// `Wrap { trim: true }` makes (a word moves whole to the next row, one longer than a row
/// is cut, spaces at a break go), without its per-grapheme work and allocations.
pub fn wrap_words(text: &str, width: usize) -> Vec<&str> {
    use unicode_width::UnicodeWidthChar;
    let mut rows = Vec::new();
    if width == 0 {
        return rows;
    }
    // The row being filled: where it starts, where its last word ends, its columns.
    let mut row: Option<(usize, usize, usize)> = None;
    for word in text.split_whitespace() {
        let at = word.as_ptr() as usize - text.as_ptr() as usize;
        let ww = word.width();
        if let Some((start, end, used)) = row {
            let gap = text[end..at].width();
            if used + gap + ww <= width {
                row = Some((start, at + word.len(), used + gap + ww));
                continue;
            }
            rows.push(&text[start..end]);
        }
        let mut start = at;
        let mut used = 0;
        if ww > width {
            for (i, c) in word.char_indices() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    rows.push(&text[start..at + i]);
                    start = at + i;
                    used = 0;
                }
                used += cw;
            }
        } else {
            used = ww;
        }
        row = Some((start, at + word.len(), used));
    }
    if let Some((start, end, _)) = row {
        rows.push(&text[start..end]);
    }
    rows
}

/// How many rows `text` takes when word-wrapped to `width` columns.
pub fn wrapped_lines(text: &str, width: usize) -> u16 {
    if width == 0 {
        return 0;
    }
    let mut lines = 1u16;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let w = word.width();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            lines += 1;
            used = w.min(width);
        }
    }
    if text.trim().is_empty() { 0 } else { lines }
}

/// A bar `width` cells wide showing `done` of `total`, then " 7/22".
pub fn gauge_spans(
    done: usize,
    total: usize,
    width: usize,
    sym: &Symbols,
    theme: &Theme,
    role: Role,
) -> Vec<Span<'static>> {
    let mut filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    if done > 0 && filled == 0 && width > 0 {
        // Any progress shows: a first answer must move the bar.
        filled = 1;
    }
    vec![
        Span::styled(sym.gauge_full.repeat(filled), theme.style(role)),
        Span::styled(
            sym.gauge_empty.repeat(width - filled),
            theme.style(Role::Muted),
        ),
        Span::styled(format!(" {done}/{total}"), theme.style(Role::Normal)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_columns_not_bytes() {
        assert_eq!(clip("Phường Tân Chánh Hiệp", 10, "…"), "Phường Tâ…");
        assert_eq!(clip("ngắn", 10, "..."), "ngắn");
        assert_eq!(clip("abcdefghijkl", 8, "..."), "abcde...");
    }

    #[test]
    fn wrap_words_breaks_at_spaces_and_cuts_a_word_longer_than_the_row() {
        assert_eq!(wrap_words("một hai ba bốn", 10), ["một hai ba", "bốn"]);
        assert_eq!(wrap_words("  a  b ", 10), ["a  b"]);
        assert_eq!(
            wrap_words("abcdefghijkl xy", 5),
            ["abcde", "fghij", "kl xy"]
        );
        assert!(wrap_words("   ", 5).is_empty());
    }

    /// The same rows as ratatui's own word wrapping, which it replaces on the Walk screen.
    #[test]
    fn wrap_words_matches_a_wrapping_paragraph() {
        use ratatui::widgets::{Paragraph, Widget, Wrap};
        let text = "Xem hồ sơ cán bộ (văn bằng) và kết quả kiểm tra võ thuật, bắn súng, \
                    điều lệnh năm gần nhất; tỷ lệ ≥ 70% là đạt, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.";
        for width in [8u16, 13, 20, 31, 46] {
            let area = ratatui::layout::Rect::new(0, 0, width, 40);
            let mut buf = ratatui::buffer::Buffer::empty(area);
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .render(area, &mut buf);
            let theirs: Vec<String> = (0..40)
                .map(|y| {
                    (0..width)
                        .map(|x| buf[(x, y)].symbol().to_string())
                        .collect::<String>()
                        .trim_end()
                        .to_string()
                })
                .filter(|r| !r.is_empty())
                .collect();
            assert_eq!(wrap_words(text, width as usize), theirs, "width {width}");
        }
    }

    /// The fast path draws what a Line draws, for Vietnamese (composed and decomposed),
    /// signs, a cut at the edge, and text it hands to ratatui (emoji, CJK).
    #[test]
    fn paint_draws_what_a_line_draws() {
        use ratatui::style::{Color, Style};
        use ratatui::text::Line;
        use ratatui::widgets::Widget;
        let texts = [
            "Phường Tân Chánh Hiệp ✔ ◐ ✘ · → ≥ █░ […]",
            "Phu\u{31b}o\u{31b}\u{300}ng 12, q\u{301}",
            "日本語 and 👍🏽 and 🇻🇳, a\u{200d}b",
            "one that is much longer than the row it is drawn in, cut at the edge",
        ];
        for text in texts {
            let spans = vec![
                Span::styled("ab ", Style::new().fg(Color::Red)),
                Span::raw(text),
                Span::styled(" end", Style::new().fg(Color::Cyan)),
            ];
            let area = ratatui::layout::Rect::new(0, 0, 40, 1);
            let mut theirs = ratatui::buffer::Buffer::empty(area);
            Line::from(spans.clone()).render(area, &mut theirs);
            let mut ours = ratatui::buffer::Buffer::empty(area);
            paint(&spans, area, &mut ours);
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn wrapped_lines_counts_word_wrapped_rows() {
        assert_eq!(wrapped_lines("", 10), 0);
        assert_eq!(wrapped_lines("một hai ba", 10), 1);
        assert_eq!(wrapped_lines("một hai ba bốn", 10), 2);
    }

    #[test]
    fn gauge_fills_in_proportion_and_says_the_count() {
        let t = Theme { color: false };
        let spans = gauge_spans(7, 22, 11, &Symbols::ASCII, &t, Role::Ok);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "###-------- 7/22");
        let full: String = gauge_spans(22, 22, 4, &Symbols::ASCII, &t, Role::Ok)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(full, "#### 22/22");
    }
}

#[cfg(test)]
mod clip_tests {
    use super::clip;

    #[test]
    fn clip_keeps_marks_with_their_letter_and_ends_in_the_ellipsis() {
        assert_eq!(clip("Phường Tân Chánh Hiệp", 10, "…"), "Phường Tâ…");
        // NFD: the marks have no width and stay with their letter.
        assert_eq!(
            clip("Phu\u{031b}o\u{031b}\u{0300}ng 12", 7, "…"),
            "Phu\u{031b}o\u{031b}\u{0300}ng…"
        );
        assert_eq!(clip("short", 10, "…"), "short");
        assert_eq!(clip("日本語のテキスト", 7, "…"), "日本語…");
        assert_eq!(clip("abcdef", 5, "..."), "ab...");
    }
}
