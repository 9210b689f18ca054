//! Jargon and short forms: finds the terms of the jargon list in a text (with plurals,
//! possessives and explanations where they stand), and short forms in capitals that are not
//! in it.

use super::checker::Language;
use super::tokens::Words;
use super::{EVERYDAY_ABBREVIATIONS, Finding, STRESS_WORDS, TITLES, Term, TextKind};

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

pub(super) fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2010}', '\u{2011}'], "-")
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

impl Language {
    pub(super) fn find_terms(&self, words: &Words) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(words, i) {
                Some(h) => {
                    i = h.last;
                    out.push(h);
                }
                None => i += 1,
            }
        }
        out
    }

    pub(super) fn match_at(&self, words: &Words, i: usize) -> Option<Hit> {
        let mut best: Option<(usize, usize, usize)> = None; // (entry, words, end)
        let lower: &str = &words.lower[i];
        for &e in word_forms(lower)
            .filter_map(|f| self.index.get(f))
            .flatten()
        {
            let entry = &self.entries[e];
            let n = entry.words.len();
            if i + n > words.len() {
                continue;
            }
            if i > 0
                && !entry.not_after.is_empty()
                && words.gap_is_space(i - 1)
                && entry.not_after.iter().any(|w| *w == words.lower[i - 1])
            {
                continue;
            }
            let mut end = 0;
            let ok = (0..n).all(|k| {
                let j = i + k;
                if k > 0 && !words.gap_is_space(j - 1) {
                    return false;
                }
                let w = if entry.exact {
                    &words.raw[j]
                } else {
                    &words.lower[j]
                };
                match word_match(w, &entry.words[k], k == n - 1) {
                    Some(m) => {
                        let t = words.toks[j];
                        end = match m {
                            WordMatch::Whole => t.end,
                            WordMatch::Possessive => {
                                let raw = &words.text[t.start..t.end];
                                t.end - if raw.ends_with("\u{2019}s") { 4 } else { 2 }
                            }
                        };
                        true
                    }
                    None => false,
                }
            });
            if ok && best.is_none_or(|(_, bn, bend)| n > bn || n == bn && end > bend) {
                best = Some((e, n, end));
            }
        }
        let (e, n, end) = best?;
        if !self.entries[e].exact && in_a_name(words, i, i + n) {
            return None;
        }
        let start = words.toks[i].start;
        Some(Hit {
            start,
            end,
            first: i,
            last: i + n,
            term: self.entries[e].term,
            entry: e,
            exact: self.entries[e].exact,
            explained: explained(words, i, end),
        })
    }

    pub(super) fn jargon_finding(&self, text: &str, h: &Hit, kind: TextKind) -> Finding {
        let found = &text[h.start..h.end];
        let term = &self.terms[h.term];
        let short = h.exact || !found.contains(' ') && found.contains(|c: char| c.is_ascii_digit());
        let (message, hint) = if kind == TextKind::OwnWords {
            (
                format!(
                    "these are the person's own words, so keep them; \"{found}\" may be new to some readers"
                ),
                format!(
                    "you could explain \"{found}\" elsewhere in the plan: it means \"{}\"",
                    term.plain
                ),
            )
        } else if short {
            (
                format!("\"{found}\" is a short form many readers will not know"),
                format!(
                    "write \"{}\" instead, or explain it in brackets straight after",
                    term.plain
                ),
            )
        } else {
            (
                format!("\"{found}\" is a professional word many readers will not know"),
                format!(
                    "say \"{}\" instead, or explain it in brackets straight after",
                    term.plain
                ),
            )
        };
        Finding {
            rule: "jargon",
            start: h.start,
            len: h.end - h.start,
            message,
            hint,
        }
    }

    /// The short forms in a text that are not in the list and not everyday: (word index,
    /// the short form, whether it is explained where it stands).
    pub(super) fn abbreviation_uses<'w>(
        &self,
        words: &'w Words,
        hits: &[Hit],
    ) -> Vec<(usize, &'w str, bool)> {
        let covered = |i: usize| hits.iter().any(|h| (h.first..h.last).contains(&i));
        let mut out = Vec::new();
        for i in 0..words.len() {
            let Some(core) = abbreviation_core(&words.raw[i]) else {
                continue;
            };
            if covered(i)
                || EVERYDAY_ABBREVIATIONS.contains(&core)
                || STRESS_WORDS.contains(&core)
                || self.allow.contains(&core.to_lowercase())
            {
                continue;
            }
            // Initials after a title: "Dr AB Khan".
            if i > 0 && words.gap_is_space(i - 1) && TITLES.contains(&&*words.lower[i - 1]) {
                continue;
            }
            // A run of words in capitals is shouting, not short forms.
            let caps = |j: usize| {
                words.raw[j].chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && words.raw[j]
                        .chars()
                        .all(|c| !c.is_alphabetic() || c.is_uppercase())
            };
            if i > 0 && caps(i - 1) && words.gap_is_space(i - 1)
                || i + 1 < words.len() && caps(i + 1) && words.gap_is_space(i)
            {
                continue;
            }
            let start = words.toks[i].start;
            let end = start + core.len();
            out.push((i, core, explained(words, i, end)));
        }
        out
    }
}

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
