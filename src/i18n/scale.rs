//! Words of the console at a hub's scale (issue 11): saves in the background, Home rows
//! read while the first frame is already up.

use super::{Lang, pick};

/// The status line while saves wait on the save worker.
pub fn saving(l: Lang) -> &'static str {
    pick(l, "Đang lưu…", "Saving…")
}

/// Home while its rows are read: "loading 12,345 / 100,000".
pub fn loading(l: Lang, done: usize, total: usize) -> String {
    let (d, t) = (grouped(l, done), grouped(l, total));
    pick(
        l,
        format!("Đang đọc {d} / {t}"),
        format!("Loading {d} / {t}"),
    )
}

/// A count with its thousands grouped: 12.345 in Vietnamese, 12,345 in English.
pub fn grouped(l: Lang, n: usize) -> String {
    let sep = pick(l, '.', ',');
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_as_each_language_writes_them() {
        assert_eq!(
            loading(Lang::En, 12_345, 100_000),
            "Loading 12,345 / 100,000"
        );
        assert_eq!(loading(Lang::Vi, 999, 1_000), "Đang đọc 999 / 1.000");
        assert_eq!(grouped(Lang::En, 0), "0");
    }
}
