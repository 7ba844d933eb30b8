//! Case folding without `str::to_lowercase`'s Unicode tables (about 15 KB of wasm).
//!
//! [`lower`] folds the letters of the scripts the datasets are written in: ASCII, Latin-1,
//! Latin Extended-A, Greek and Cyrillic (Latin Extended-B is kept as it is). It matches `str::to_lowercase` there, except that a
//! final capital sigma becomes `σ`, not `ς`, and `İ` becomes `i`; letters of other scripts are
//! kept as they are. It is used for comparing (suggestions, sorting names, "did you mean"),
//! never to rewrite what the user wrote.

use std::cmp::Ordering;

/// `c` in lower case, for the scripts listed in the module's documentation.
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let folded = match u {
        // ASCII and Latin-1: A–Z, À–Þ but ×.
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        // İ
        0x130 => 0x69,
        // Latin Extended-A: pairs, upper case first, shifted by one at Ĺ–Ň and Ź–Ž.
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        // Greek: Ά, Έ–Ί, Ό, Ύ–Ώ, Α–Ω (no capital final sigma at U+03A2), Ϊ–Ϋ.
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x370..=0x373 | 0x3D8..=0x3EF if u % 2 == 0 => u + 1,
        0x376 | 0x3F7 | 0x3FA => u + 1,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3F4 => 0x3B8,
        0x3F9 => 0x3F2,
        0x3FD..=0x3FF => u - 0x82,
        // Cyrillic: Ѐ–Џ, А–Я, and the pairs of Ѡ–ҁ and Ҋ–ӿ (Ӏ and the pairs after it aside).
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u % 2 == 0 => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// `text` in lower case (see [`lower_char`]).
pub fn lower(text: &str) -> String {
    text.chars().map(lower_char).collect()
}

/// Compares `a` and `b` ignoring case, character by character.
pub fn cmp(a: &str, b: &str) -> Ordering {
    a.chars().map(lower_char).cmp(b.chars().map(lower_char))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // str::to_lowercase, to compare with
mod tests {
    use super::*;

    #[test]
    fn matches_std_in_the_folded_scripts() {
        let ranges = [0..0x250u32, 0x370..0x400, 0x400..0x530];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let std: Vec<char> = c.to_lowercase().collect();
            if c == 'İ' {
                assert_eq!(lower_char(c), 'i');
                continue;
            }
            let expected = if std.len() == 1 { std[0] } else { c };
            // Latin Extended-B (U+0180–U+024F) is left as it is.
            if (0x180..0x250).contains(&(c as u32)) {
                assert_eq!(lower_char(c), c, "{c:?}");
                continue;
            }
            assert_eq!(lower_char(c), expected, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn lowers_and_compares() {
        assert_eq!(
            lower("Russosphère ÉTAT Ωmega ВАГНЕР"),
            "russosphère état ωmega вагнер"
        );
        assert_eq!(cmp("abc", "ABD"), Ordering::Less);
        assert_eq!(cmp("Éa", "éA"), Ordering::Equal);
        assert_eq!(cmp("b", "A"), Ordering::Greater);
    }
}
