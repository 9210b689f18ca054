//! Finding the jargon list's terms in a text: each term with its plurals and possessives,
//! whether it is explained where it stands, and short forms in capitals the list lacks.

use super::checker::Language;
use super::jargon::*;
use super::tokens::Words;
use super::{EVERYDAY_ABBREVIATIONS, Finding, STRESS_WORDS, TITLES, TextKind};

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
