//! A quick look for repeated keys in a JSON text, so that `list` and a full load pay for
//! the exact walk of `load::duplicate_key` (which names the key by its path) only when a
//! key may repeat. It reads the text once, allocates two small buffers and compares keys
//! by their raw bytes.

/// Objects with more keys than this are left to the exact walk (a hashed set), so that a
/// hostile file with one huge object costs no quadratic work here.
const MAX_KEYS: usize = 64;
/// Deeper than serde_json reads anyway: left to the exact walk.
const MAX_DEPTH: usize = 128;

/// `false` only when no object of `text` has the same key twice, as the exact walk reads
/// it: every key that walk would see before it stops (at the end or at a syntax error) is
/// seen here, in the same object. `true` means "maybe": a repeated key, a key with an
/// escape (whose raw bytes may differ from its value), or anything this scan does not
/// follow.
pub fn may_repeat_a_key(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Open containers: for an object, where its keys start in `keys`; `None` for an array.
    let mut open: Vec<Option<usize>> = Vec::new();
    // The keys of the open objects, innermost last, as byte ranges of `text`.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    // The next string in an object is a key: right after `{` or `,`.
    let mut at_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                loop {
                    j = quote_or_backslash(bytes, j);
                    match bytes.get(j) {
                        // An unterminated string: the walk stops before it ends.
                        None => return false,
                        Some(b'"') => break,
                        _ => {
                            escaped = true;
                            j += 2;
                        }
                    }
                }
                if at_key {
                    if escaped {
                        return true;
                    }
                    let from = match open.last() {
                        Some(Some(from)) => *from,
                        _ => return true,
                    };
                    let key = &bytes[start..j];
                    if keys.len() - from >= MAX_KEYS
                        || keys[from..].iter().any(|&(s, e)| &bytes[s..e] == key)
                    {
                        return true;
                    }
                    keys.push((start, j));
                    at_key = false;
                }
                i = j + 1;
                continue;
            }
            b'{' => {
                if open.len() >= MAX_DEPTH {
                    return true;
                }
                open.push(Some(keys.len()));
                at_key = true;
            }
            b'[' => {
                if open.len() >= MAX_DEPTH {
                    return true;
                }
                open.push(None);
                at_key = false;
            }
            b'}' | b']' => {
                if let Some(Some(from)) = open.pop() {
                    keys.truncate(from);
                }
                at_key = false;
            }
            b',' => at_key = matches!(open.last(), Some(Some(_))),
            _ => {}
        }
        i += 1;
    }
    false
}

/// Where the next `"` or `\\` is in `bytes` from `i` on (`bytes.len()` if none), eight
/// bytes at a time: most of a file is the inside of its strings.
fn quote_or_backslash(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero where the word had the byte looked for; the lowest byte flagged
    // by `(x - ONES) & !x & HIGHS` is always a true zero (a borrow only runs upwards).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let found =
            zero_bytes(w ^ (ONES * u64::from(b'"'))) | zero_bytes(w ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\\' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::may_repeat_a_key;
    use crate::store::load::duplicate_key;

    #[test]
    fn a_repeated_key_is_seen_wherever_it_is() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"x": {"a": [1, {"b": 1, "c": "}", "b": 2}]}}"#,
            r#"{"a": {"b": 1}, "c": [{"d": 1}, {"e": 1, "e": 2}]}"#,
            // Cut off right after the repeated key: the exact walk reports it too.
            r#"{"a": 1, "a""#,
            // Same value, other spelling: left to the exact walk.
            r#"{"a": 1, "\u0061": 2}"#,
        ] {
            assert!(may_repeat_a_key(text), "{text}");
            assert!(duplicate_key(text).is_some(), "{text}");
        }
    }

    #[test]
    fn keys_in_other_objects_or_in_values_are_not_repeats() {
        for text in [
            r#"{"a": {"a": 1}, "b": [{"c": 1}, {"c": 2}], "d": "a"}"#,
            r#"{"a": "\"b\": 1, \"b\"", "b": ["a", "a"]}"#,
            r#"{"a": "x\\", "b": {}}"#,
            "[]",
            "",
        ] {
            assert!(!may_repeat_a_key(text), "{text}");
            assert!(duplicate_key(text).is_none(), "{text}");
        }
    }

    #[test]
    fn the_next_quote_or_backslash_is_found_at_any_offset() {
        let text = "aé\u{1}bcdefghijklmnopqrstuvwxyz0123456789";
        for at in 0..text.len() {
            for c in ['"', '\\'] {
                let mut s = text.as_bytes().to_vec();
                s.insert(at, c as u8);
                s.push(b'"');
                for from in 0..=at {
                    assert_eq!(super::quote_or_backslash(&s, from), at, "{at} {from}");
                }
            }
        }
        assert_eq!(super::quote_or_backslash(b"abcdefghijk", 3), 11);
    }

    #[test]
    fn a_huge_object_is_left_to_the_exact_walk() {
        let keys: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}}}", keys.join(", "));
        assert!(may_repeat_a_key(&text));
        assert!(duplicate_key(&text).is_none());
    }

    /// JSON texts whose keys come from a few letters (so that repeats are common), with
    /// escapes, nesting, and strings that look like keys.
    fn json() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop::sample::select(vec!["a", "b", "c", "\\u0061", "a\\\"", "\\\\"]);
        let leaf = prop_oneof![
            Just("1".to_string()),
            Just("null".to_string()),
            Just(r#""a""#.to_string()),
            Just(r#""\"b\": 1, \\""#.to_string()),
        ];
        leaf.prop_recursive(4, 32, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((key.clone(), inner), 0..5).prop_map(|v| {
                    let members: Vec<String> = v
                        .into_iter()
                        .map(|(k, v)| format!("\"{k}\": {v}"))
                        .collect();
                    format!("{{{}}}", members.join(", "))
                }),
            ]
        })
    }

    proptest::proptest! {
        /// The scan never says "no repeat" where the exact walk finds one, in whole texts
        /// and in texts cut off anywhere.
        #[test]
        fn the_scan_never_misses_what_the_walk_finds(text in json(), cut in 0usize..200) {
            let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
            for t in [text.as_str(), &text[..cut]] {
                proptest::prop_assert!(may_repeat_a_key(t) || duplicate_key(t).is_none(), "{}", t);
            }
        }
    }
}
