//! Plain words: checks that the text in a plan is easy to read.
//!
//! The trust policy asks for a plan that is "clear and accessible without the use of jargon,
//! professional terms or abbreviations" (seed 004, 3.3.1). domain.md §6–8 gives the targets
//! used here: easy read has one idea a sentence and 15 words or fewer, at school grade 6 or
//! below; other text aims at a reading age of 9 to 11; hard words are swapped or explained.
//!
//! Rules (all warnings; described in `catalog`):
//!
//! - `jargon`: a term from the built-in list (`language/jargon.tsv`, with plain words for each),
//!   or one a team added. A term explained where it is used is not flagged: followed by
//!   brackets (`CTO (rules to follow...)`), inside brackets after the plain words
//!   (`community mental health team (CMHT)`), after "called" or "known as", or followed by
//!   "means". The person's own words ([`TextKind::OwnWords`]) only get this rule, gently.
//! - `unknown-abbreviation`: a word of 2 to 6 capital letters that is not in the list and not
//!   an everyday one ([`EVERYDAY_ABBREVIATIONS`]). Runs of capital words (shouting, such as
//!   `PLEASE RING FIRST`) and common words written in capitals for stress (`NOT`) are left
//!   alone; numbers never count.
//! - `long-sentence`: over 20 words (over 15 in easy-read text).
//! - `reading-level`: Flesch–Kincaid grade of the whole field above 8 (above 6 in easy-read
//!   text). Fields under [`MIN_WORDS_FOR_GRADE`] words are not scored: the formula means
//!   nothing for a label or a line.
//! - `passive-voice`: only the sure kind, a form of "be", a past participle and then "by"
//!   with someone who does it ("you will be seen by the doctor"). Passives with no "by" and
//!   feelings ("I was scared by...") are left alone.
//! - `double-negative`: "not" (or never, or a word ending in n't) with a negative word
//!   ("not unlikely", "I don't disagree"), or with nothing, nobody, no one, none or nowhere
//!   close after it ("I don't want nothing").
//!
//! How text is read (the same for the formulas and the rules): a word is a run of letters
//! and digits, with ' and - inside it (`don't`, `co-produced`); digit groups such as a phone
//! number (`0113 496 0412`) or `£3,000` are one word; web and email addresses, Markdown link
//! targets, list markers (`-`, `*`, `1.`) and `**` are not words. A sentence ends at `.`,
//! `!` or `?` followed by a space, at a line break, or at a bullet; `Dr.`, `e.g.` and the
//! like do not end one.
//!
//! One file a job: `tokens` (words and sentences), `syllables`, `readability` (the formulas
//! and a text as they read it), `lists` (everyday words and medicines), `jargon` (terms and
//! short forms), `grammar` (passive voice and double negatives), and `checker` (a plan read as
//! a whole, and the findings kept a sentence). Tests sit beside them in `<file>_tests.rs`
//! (syllables and lists in `readability_tests.rs`); `tests.rs` has the shared helpers and the
//! tests of the rules as a whole, `precision_tests.rs` their precision on real text.

mod checker;
mod grammar;
mod jargon;
mod lists;
mod readability;
mod syllables;
mod terms;
mod tokens;

#[cfg(test)]
mod precision_tests;
#[cfg(test)]
mod tests;

pub use checker::{Language, Names, PER_SENTENCE};
pub use readability::flesch_kincaid_grade;

use std::collections::HashMap;

/// Longest sentence in ordinary text, in words.
pub const ORDINARY_MAX_WORDS: usize = 20;
/// Longest sentence in easy-read text, in words.
pub const EASY_READ_MAX_WORDS: usize = 15;
/// Highest Flesch–Kincaid grade for ordinary text.
pub const ORDINARY_MAX_GRADE: f64 = 8.0;
/// Highest Flesch–Kincaid grade for easy-read text.
pub const EASY_READ_MAX_GRADE: f64 = 6.0;
/// Fields with fewer words than this are not given a reading grade: with one short sentence,
/// a single long word moves the grade by ten or more.
pub const MIN_WORDS_FOR_GRADE: usize = 12;
/// Fields of this many words or more (and fewer than [`MIN_WORDS_FOR_GRADE`]) are given a
/// reading grade when they have a long word that is not everyday (see `Reading::hard_word`).
pub const MIN_WORDS_SHORT: usize = 6;

/// Short forms in capitals that everyone knows better than the long form; never flagged.
/// `A&E` never needs listing: `&` splits it, and single letters are not abbreviations.
pub const EVERYDAY_ABBREVIATIONS: &[&str] = &[
    "NHS", "GP", "OK", "TV", "UK", "BSL", "ID", "PIN", "SMS", "DVD", "CD", "CV", "BBC", "ITV",
    "CCTV", "DIY", "MOT", "ATM", "PC", "IT", "USB", "SIM", "AM", "PM", "EU", "USA", "US", "MP",
    "PE", "ASDA", "IKEA", "AA",
];

/// Ordinary words sometimes written in capitals for stress ("I do NOT want"); never flagged.
const STRESS_WORDS: &[&str] = &[
    "NO", "NOT", "NEVER", "ALWAYS", "PLEASE", "DO", "DONT", "STOP", "HELP", "ONLY", "MUST", "NOW",
    "ALL", "ANY", "YES", "VERY", "ME", "MY", "YOU", "WE", "HE", "SHE", "AND", "OR", "BUT", "IS",
    "ARE", "AS", "AT", "BE", "BY", "GO", "IF", "IN", "OF", "ON", "SO", "TO", "UP", "WHY", "HOW",
    "WHO", "FIRST", "ASK", "CALL", "RING", "TEXT", "SAFE", "NEED", "WANT", "HATE", "LOVE",
    "REALLY", "URGENT", "MUM", "DAD",
];

/// Titles before a name: capitals after them are initials ("Dr AB Khan").
const TITLES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "rev",
];

/// What kind of text is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Text the team wrote.
    Ordinary,
    /// The person's own words ("in my words"): only jargon is flagged, gently. Never rewrite them.
    OwnWords,
    /// The easy-read version of a text: stricter limits.
    EasyRead,
}

/// One problem found in a text. `start` and `len` are a byte range inside the text checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub start: usize,
    pub len: usize,
    pub message: String,
    pub hint: String,
}

/// A hard word or phrase, with plain words for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    pub term: String,
    pub plain: String,
}

/// A fast hash for short keys (FNV-1a): the word index is hit for every word of every field.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;
