//! Text helpers shared by the domain: the two UI languages, bilingual catalog texts,
//! NFC normalisation and accent-insensitive folding for search.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A text given in Vietnamese and (optionally) English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Localized {
    pub vi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Localized {
    pub fn new(vi: &str, en: &str) -> Self {
        Self {
            vi: nfc(vi),
            en: nfc(en),
        }
    }

    /// The text in `lang`, falling back to Vietnamese when no English is given.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.vi,
        }
    }
}

/// Normalise to NFC (precomposed), the only form kiemtra stores.
pub fn nfc(s: &str) -> String {
    // Nearly all text is already NFC (ASCII always is): the quick check spares composing it.
    if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Lower-case text with Vietnamese accents removed, for accent-insensitive search:
/// "Phường" and "phuong" fold to the same string.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "Phu\u{031b}o\u{031b}\u{0300}ng";
        assert_ne!(decomposed, "Phường");
        assert_eq!(nfc(decomposed), "Phường");
    }

    #[test]
    fn fold_ignores_accents_and_case() {
        assert_eq!(fold("Phường Tân Chánh Hiệp"), "phuong tan chanh hiep");
        assert_eq!(fold("Đạt"), "dat");
        assert!(fold("Công an phường").contains(&fold("PHUONG")));
    }

    #[test]
    fn localized_falls_back_to_vietnamese() {
        let t = Localized::new("Đạt", "");
        assert_eq!(t.get(Lang::En), "Đạt");
        assert_eq!(Localized::new("Đạt", "Met").get(Lang::En), "Met");
    }
}
