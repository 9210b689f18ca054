//! Word lists: everyday words and common medicines, which are never hard to read.

use super::FastSet;
use super::jargon::{JARGON_TSV, norm};
use super::tokens::tokenize;

pub(super) fn is_everyday(w: &str) -> bool {
    everyday_words().contains(w)
}

pub(super) fn is_medicine(w: &str) -> bool {
    medicines().contains(w)
}

/// The everyday words: the list, and every word of the plain words the jargon list gives
/// (ourplan suggests them as plain, so it must not call them hard).
pub(super) fn everyday_words() -> &'static FastSet<String> {
    static SET: std::sync::OnceLock<FastSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set: FastSet<String> = word_list(EVERYDAY_TXT)
            .into_iter()
            .map(str::to_string)
            .collect();
        for line in JARGON_TSV.lines().filter(|l| !l.starts_with('#')) {
            let plain = line.split('\t').nth(1).unwrap_or("");
            for t in tokenize(plain) {
                set.insert(norm(&plain[t.start..t.end]).to_lowercase());
            }
        }
        set
    })
}

pub(super) fn medicines() -> &'static FastSet<&'static str> {
    static SET: std::sync::OnceLock<FastSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| word_list(MEDICINES_TXT))
}

/// The words of a list file: words split by spaces and line breaks; `#` starts a note.
pub(super) fn word_list(text: &'static str) -> FastSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Everyday words that are not hard to read however many syllables they have.
pub(super) const EVERYDAY_TXT: &str = include_str!("everyday.txt");
/// Common medicines, by their generic names: a reader who takes one knows its name.
pub(super) const MEDICINES_TXT: &str = include_str!("medicines.txt");
