//! Jargon and short forms: finds the terms of the jargon list in a text (with plurals,
//! possessives and explanations where they stand), and short forms in capitals that are not
//! in it.

use super::Term;
use super::tokens::Words;
pub(super) use super::tokens::norm;

/// The built-in list of jargon, one term a line (see the notes at its top).
pub(super) const JARGON_TSV: &str = include_str!("jargon.tsv");

/// One way of writing a term, as words.
#[derive(Debug)]
pub(super) struct Entry {
    /// The spelling, as written in the list ("detained", "responsible clinician").
    pub(super) spelling: String,
    pub(super) words: Vec<String>,
    pub(super) exact: bool,
    pub(super) term: usize,
    pub(super) not_after: Vec<String>,
}

/// A term found in a text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) term: usize,
    /// The spelling matched.
    pub(super) entry: usize,
    /// Matched a short form written as it is in the list ("CMHT").
    pub(super) exact: bool,
    pub(super) explained: bool,
}

/// True for a term matched only as written: a word with two or more capitals (CMHT, RiO).
pub(super) fn is_exact(term: &str) -> bool {
    term.split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

/// The built-in terms: each with its other spellings and the words that make it ordinary.
pub(super) fn builtin() -> Vec<(Term, Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    for line in JARGON_TSV.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let names = cols.next().unwrap_or("");
        let plain = cols.next().unwrap_or("").trim();
        let not_after = cols
            .next()
            .unwrap_or("")
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let variants: Vec<String> = names
            .split(" | ")
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        let Some(first) = variants.first() else {
            continue;
        };
        out.push((
            Term {
                term: first.clone(),
                plain: plain.to_string(),
            },
            variants,
            not_after,
        ));
    }
    out
}

#[cfg(test)]
/// Number of terms in the built-in list.
pub fn builtin_term_count() -> usize {
    builtin().len()
}

pub(super) const EXPLAIN_BEFORE: &[&str] = &["called", "named"];
pub(super) const ARTICLES: &[&str] = &["a", "an", "the"];

/// The forms a word may have in the term index: as written, without a possessive, without a
/// plural.
pub(super) fn word_forms(w: &str) -> impl Iterator<Item = &str> {
    let plural = w.ends_with('s');
    let a = Some(w);
    let b = plural.then(|| w.strip_suffix("'s")).flatten();
    let c = plural.then(|| w.strip_suffix('s')).flatten();
    let d = plural.then(|| w.strip_suffix("es")).flatten();
    [a, b, c, d].into_iter().flatten().filter(|s| !s.is_empty())
}

/// How a word matched a term word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WordMatch {
    /// All of it, maybe in the plural ("CPNs").
    Whole,
    /// All but a possessive "'s" ("CMHT's").
    Possessive,
}

/// Whether word `w` is term word `p`; the last word of a term may also be in the plural or
/// the possessive.
pub(super) fn word_match(w: &str, p: &str, last: bool) -> Option<WordMatch> {
    if w == p {
        return Some(WordMatch::Whole);
    }
    if !last {
        return None;
    }
    if w.strip_suffix("'s") == Some(p) {
        return Some(WordMatch::Possessive);
    }
    if w.strip_suffix('s') == Some(p) || w.strip_suffix("es") == Some(p) {
        return Some(WordMatch::Whole);
    }
    None
}

/// True when the term starting at word `first` (ending at byte `end`) is explained where it
/// stands: followed by brackets or "means", or inside brackets, or after "called" or "known
/// as".
pub(super) fn explained(words: &Words, first: usize, end: usize) -> bool {
    let after = &words.text[end..];
    let after_trim = after.trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', '*', '_']);
    let after_trim = after_trim.trim_start();
    if after_trim.starts_with('(')
        || after_trim.starts_with("means ")
        || after_trim.starts_with(", which means")
        || after_trim.starts_with(", meaning")
        || after_trim.starts_with("is short for")
    {
        return true;
    }
    let start = words.toks[first].start;
    let before =
        words.text[..start].trim_end_matches(['"', '\'', '\u{201c}', '\u{2018}', '*', '_']);
    if before.trim_end().ends_with('(') && after.trim_start().starts_with(')') {
        return true;
    }
    // "This is called a community treatment order", "known as CTO".
    let mut k = first;
    if k > 0 && ARTICLES.contains(&&*words.lower[k - 1]) && words.gap_is_space(k - 1) {
        k -= 1;
    }
    if k == 0 {
        return false;
    }
    let gap_ok = {
        let g = words.gap(k - 1);
        g.chars()
            .all(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}'))
    };
    if !gap_ok {
        return false;
    }
    let prev = &*words.lower[k - 1];
    EXPLAIN_BEFORE.contains(&prev)
        || prev == "as" && k >= 2 && matches!(&*words.lower[k - 2], "known" | "referred")
}

pub(super) fn title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// Words that often start a phrase in capitals without being part of a name.
pub(super) const NOT_NAME: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "his", "her", "their", "this", "that", "ask", "ring",
    "call", "see", "contact", "tell", "i", "we", "you", "he", "she", "they", "if", "when",
];

/// True when the words `first..last`, in capitals, follow another word in capitals inside a
/// sentence: part of a name such as "Eastside Advocacy", not jargon.
pub(super) fn in_a_name(words: &Words, first: usize, last: usize) -> bool {
    if first == 0 || !(first..last).all(|k| title_case(&words.raw[k])) {
        return false;
    }
    let prev = first - 1;
    if !words.gap_is_space(prev)
        || !title_case(&words.raw[prev])
        || NOT_NAME.contains(&&*words.lower[prev])
    {
        return false;
    }
    // The word before is in capitals only because it starts a sentence.
    let starts_sentence = prev == 0
        || words
            .gap(prev - 1)
            .contains(['.', '!', '?', '\n', ':', '"', '\u{201c}']);
    !starts_sentence
}

/// The short form inside a word, if it is one: 2 to 6 capital letters, maybe with a plural
/// "s" or a possessive ("CPNs", "CMHT's").
pub(super) fn abbreviation_core(w: &str) -> Option<&str> {
    let core = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("s'"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    let ok = (2..=6).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_uppercase());
    ok.then_some(core)
}

#[cfg(test)]
#[path = "jargon_tests.rs"]
mod tests;
