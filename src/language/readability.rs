//! Reading level: the Flesch formulas, and a text as they see it (words that explain a term
//! in brackets are not counted; names, medicines and everyday words count as short).

use super::jargon::{Hit, abbreviation_core, title_case};
use super::lists::{is_everyday, is_medicine};
use super::syllables::syllables;
use super::tokens::{Sent, Tok, Words, split, tokenize};
use super::{FastSet, Finding, TextKind};

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts {
    pub(super) words: usize,
    pub(super) sentences: usize,
    pub(super) syllables: usize,
}

pub(super) fn counts(text: &str, toks: &[Tok], sents: &[Sent]) -> Counts {
    Counts {
        words: toks.len(),
        sentences: sents.len(),
        syllables: toks.iter().map(|t| syllables(&text[t.start..t.end])).sum(),
    }
}

pub(super) fn grade_of(c: Counts) -> f64 {
    if c.words == 0 || c.sentences == 0 {
        return 0.0;
    }
    let w = c.words as f64;
    0.39 * (w / c.sentences as f64) + 11.8 * (c.syllables as f64 / w) - 15.59
}

/// Flesch–Kincaid grade: 0.39 × words a sentence + 11.8 × syllables a word − 15.59. Text with
/// no words has grade 0.
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let toks = tokenize(text);
    let sents = split(text, &toks);
    grade_of(counts(text, &toks, &sents))
}

#[cfg(test)]
/// Flesch Reading Ease: 206.835 − 1.015 × words a sentence − 84.6 × syllables a word. Higher
/// is easier. Text with no words scores 0.
pub fn flesch_reading_ease(text: &str) -> f64 {
    let toks = tokenize(text);
    let sents = split(text, &toks);
    let c = counts(text, &toks, &sents);
    if c.words == 0 || c.sentences == 0 {
        return 0.0;
    }
    let w = c.words as f64;
    206.835 - 1.015 * (w / c.sentences as f64) - 84.6 * (c.syllables as f64 / w)
}

/// A text as the reading formulas see it: the words counted (not those a bracket adds to
/// explain a term: "DBT (dialectical behaviour therapy)"), and their syllables, with names,
/// medicines and everyday words counted as no more than two.
pub(super) struct Reading<'a> {
    pub(super) words: usize,
    pub(super) syllables: usize,
    /// Per word: counted, and its syllables as read.
    pub(super) per_word: Vec<(bool, usize)>,
    /// Per word: a name, a medicine or an everyday word.
    pub(super) easy: Vec<bool>,
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
}

impl<'a> Reading<'a> {
    pub(super) fn new(
        words: &'a Words<'_>,
        hits: &[Hit],
        sents: &[Sent],
        names: &FastSet<String>,
    ) -> Self {
        let toks = &words.toks;
        let text = words.text;
        let n = toks.len();
        let mut counted = vec![true; n];
        // Words in brackets that explain a term next to them.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for h in hits.iter().filter(|h| h.explained) {
            if let Some(r) = bracket_after(text, h.end) {
                spans.push(r);
            }
            if let Some(r) = bracket_around(text, h.start, h.end) {
                spans.push(r);
            }
        }
        for (t, raw) in toks.iter().zip(&words.raw) {
            if let Some(core) = abbreviation_core(raw) {
                let end = t.start + core.len();
                if let Some(r) = bracket_after(text, end) {
                    spans.push(r);
                }
                if let Some(r) = bracket_around(text, t.start, end) {
                    spans.push(r);
                }
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if spans.iter().any(|&(a, b)| t.start >= a && t.end <= b) {
                counted[i] = false;
            }
        }
        let mut firsts = vec![false; n];
        for s in sents {
            firsts[s.first] = true;
        }
        let mut per_word = Vec::with_capacity(n);
        let mut easy = Vec::with_capacity(n);
        let (mut w, mut syl) = (0, 0);
        for (i, &counted) in counted.iter().enumerate() {
            let raw = &words.raw[i];
            let lower = &*words.lower[i];
            let bare = lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("s'"))
                .unwrap_or(lower);
            let after_break = i == 0
                || words
                    .gap(i - 1)
                    .contains(['.', '!', '?', '\n', ':', '"', '\u{201c}']);
            let name_like = names.contains(bare) || (title_case(raw) && !firsts[i] && !after_break);
            let is_easy = name_like
                || is_everyday(bare)
                || is_medicine(bare)
                || bare
                    .strip_suffix('s')
                    .is_some_and(|b| is_everyday(b) || is_medicine(b));
            let mut k = syllables(raw);
            if is_easy {
                k = k.min(2);
            }
            per_word.push((counted, k));
            easy.push(is_easy);
            if counted {
                w += 1;
                syl += k;
            }
        }
        Reading {
            words: w,
            syllables: syl,
            per_word,
            easy,
            text,
            toks,
        }
    }

    /// Words counted in a sentence.
    pub(super) fn words_in(&self, s: &Sent) -> usize {
        (s.first..s.last).filter(|&i| self.per_word[i].0).count()
    }

    pub(super) fn grade(&self, sentences: usize) -> f64 {
        grade_of(Counts {
            words: self.words,
            sentences,
            syllables: self.syllables,
        })
    }

    /// The longest words counted, longest first, each once, leaving out names, medicines and
    /// everyday words.
    pub(super) fn long_words(&self, min: usize) -> Vec<(usize, &'a str)> {
        let mut long: Vec<(usize, &str)> = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let w = &self.text[t.start..t.end];
            let (counted, n) = self.per_word[i];
            if counted
                && !self.easy[i]
                && n >= min
                && !long.iter().any(|(_, x)| x.eq_ignore_ascii_case(w))
            {
                long.push((n, w));
            }
        }
        long.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        long
    }

    /// A word too long for easy read: 4 syllables or more, or 3 in a word of 10 letters or
    /// more; names, medicines, everyday words and short forms in capitals do not count.
    pub(super) fn hard_word(&self) -> Option<&'a str> {
        self.long_words(3).into_iter().map(|(_, w)| w).find(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let caps = w.chars().all(|c| !c.is_lowercase());
            !caps && (syllables(w) >= 4 || letters >= 10)
        })
    }
}

/// The byte range inside brackets that start straight after `end`: `DBT (the words)`.
pub(super) fn bracket_after(text: &str, end: usize) -> Option<(usize, usize)> {
    let rest = text.get(end..)?;
    let trimmed = rest.trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', '*', '_', ' ']);
    let open = end + (rest.len() - trimmed.len());
    if !trimmed.starts_with('(') {
        return None;
    }
    let close = text[open..].find(')').map_or(text.len(), |n| open + n);
    Some((open, close))
}

/// The brackets around a term, when they hold only the term: `the team (CMHT)`.
pub(super) fn bracket_around(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = text
        .get(..start)?
        .trim_end_matches(['"', '\'', '\u{201c}', '\u{2018}', '*', '_']);
    let after = text
        .get(end..)?
        .trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', '*', '_']);
    (before.trim_end().ends_with('(') && after.trim_start().starts_with(')'))
        .then_some((start, end))
}

pub(super) fn reading_finding(
    text: &str,
    read: &Reading,
    sents: &[Sent],
    grade: f64,
    max: f64,
    kind: TextKind,
) -> Finding {
    let start = sents.first().map_or(0, |s| s.start);
    let end = sents.last().map_or(text.len(), |s| s.end);
    let names: Vec<String> = read
        .long_words(3)
        .iter()
        .take(3)
        .map(|(_, w)| format!("\"{w}\""))
        .collect();
    let easy = if kind == TextKind::EasyRead {
        " for easy read"
    } else {
        ""
    };
    let hint = if names.is_empty() {
        "use shorter sentences".to_string()
    } else {
        format!(
            "use shorter sentences and everyday words; long words here: {}",
            names.join(", ")
        )
    };
    Finding {
        rule: "reading-level",
        start,
        len: end - start,
        message: format!(
            "this is hard to read: about school grade {:.1}, and the aim{easy} is {max:.0} or below",
            grade.max(0.0)
        ),
        hint,
    }
}

#[cfg(test)]
#[path = "readability_tests.rs"]
mod tests;
