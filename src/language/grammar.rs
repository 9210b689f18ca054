//! Grammar: the sure kind of passive voice ("be", a past participle, then "by" someone) and
//! double negatives ("not unlikely", "I don't want nothing").

use super::Finding;
use super::tokens::{Sent, Words};

pub(super) const BE: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "i'm", "you're", "we're", "they're",
    "isn't", "aren't", "wasn't", "weren't",
];
pub(super) const PASSIVE_ADVERBS: &[&str] = &[
    "not",
    "never",
    "always",
    "often",
    "also",
    "only",
    "still",
    "just",
    "usually",
    "sometimes",
    "already",
    "then",
    "all",
    "now",
    "rarely",
    "mostly",
    "being",
    "been",
];
pub(super) const IRREGULAR_PARTICIPLES: &[&str] = &[
    "seen",
    "given",
    "told",
    "taken",
    "made",
    "written",
    "done",
    "kept",
    "held",
    "sent",
    "brought",
    "bought",
    "paid",
    "found",
    "left",
    "put",
    "set",
    "shown",
    "known",
    "heard",
    "caught",
    "hurt",
    "read",
    "run",
    "driven",
    "spoken",
    "chosen",
    "forgotten",
    "beaten",
    "bitten",
    "hit",
    "cut",
    "shut",
    "led",
    "fed",
    "met",
    "sold",
    "understood",
    "hidden",
    "drawn",
    "thrown",
    "built",
    "lost",
    "meant",
    "taught",
    "won",
    "woken",
    "worn",
    "broken",
    "stolen",
    "rung",
    "sung",
    "begun",
    "said",
    "bound",
    "fought",
    "struck",
    "spread",
    "ridden",
    "shaken",
    "undertaken",
    "withdrawn",
    "forbidden",
    "overseen",
    "sought",
];
/// "-ed" words that describe a feeling or a state: "I was scared by..." is left alone.
pub(super) const STATIVE: &[&str] = &[
    "tired",
    "worried",
    "scared",
    "frightened",
    "bored",
    "interested",
    "excited",
    "pleased",
    "surprised",
    "confused",
    "annoyed",
    "stressed",
    "embarrassed",
    "ashamed",
    "overwhelmed",
    "shocked",
    "disappointed",
    "amazed",
    "delighted",
    "thrilled",
    "troubled",
    "distressed",
    "alarmed",
    "terrified",
    "horrified",
    "puzzled",
    "impressed",
    "moved",
    "touched",
    "concerned",
    "relaxed",
    "exhausted",
    "satisfied",
    "inspired",
    "fascinated",
    "upset",
    "hurt",
    "unsettled",
    "disturbed",
    "related",
];
/// Words after "by" that say when or how, not who: "paid by the hour", "done by Friday".
pub(super) const NOT_AGENT: &[&str] = &[
    "then",
    "now",
    "law",
    "heart",
    "myself",
    "yourself",
    "himself",
    "herself",
    "itself",
    "ourselves",
    "themselves",
    "phone",
    "text",
    "email",
    "post",
    "letter",
    "bus",
    "car",
    "train",
    "taxi",
    "hand",
    "day",
    "night",
    "noon",
    "midnight",
    "mistake",
    "accident",
    "chance",
    "far",
    "default",
    "tomorrow",
    "tonight",
    "today",
    "next",
    "this",
    "lunchtime",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "winter",
    "easter",
    "christmas",
    "hour",
    "week",
    "month",
    "cheque",
    "card",
    "cash",
    "debit",
    "standing",
    "direct",
    "mouth",
    "injection",
    "itself",
];

pub(super) fn is_participle(w: &str) -> bool {
    if STATIVE.contains(&w) {
        return false;
    }
    IRREGULAR_PARTICIPLES.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

pub(super) fn is_neg(w: &str) -> bool {
    matches!(w, "not" | "never" | "cannot") || w.ends_with("n't")
}

/// A clause break (a comma or stronger) between words `i` and `i + 1`.
pub(super) fn clause_break(words: &Words, i: usize) -> bool {
    words.gap(i).chars().any(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '\u{2013}' | '\u{2014}'
        )
    }) || words.gap(i).contains(" - ")
}

pub(super) fn passive(words: &Words, s: &Sent, out: &mut Vec<Finding>) {
    let w = &words.lower;
    let mut next = s.first;
    for i in s.first..s.last {
        if i < next || !BE.contains(&&*w[i]) {
            continue;
        }
        // Up to two words such as "not" or "usually" between the verb and the participle.
        let mut j = i + 1;
        while j < s.last
            && j <= i + 2
            && (PASSIVE_ADVERBS.contains(&&*w[j]) || w[j].ends_with("ly"))
        {
            j += 1;
        }
        // The participle at j, "by" at j + 1, who does it at j + 2; no comma in between.
        if j + 2 >= s.last || (i..j + 2).any(|k| clause_break(words, k)) {
            continue;
        }
        if !is_participle(&w[j]) || w[j + 1] != "by" {
            continue;
        }
        let agent = &*w[j + 2];
        let agent2 = if j + 3 < s.last { &*w[j + 3] } else { "" };
        let when_or_how = NOT_AGENT.contains(&agent)
            || agent.starts_with(|c: char| c.is_ascii_digit())
            || matches!(agent, "the" | "a" | "an")
                && (NOT_AGENT.contains(&agent2)
                    || matches!(
                        agent2,
                        "end" | "time" | "way" | "start" | "evening" | "morning" | "afternoon"
                    ));
        if when_or_how {
            continue;
        }
        let start = words.toks[i].start;
        let end = words.toks[j + 1].end;
        let found = &words.text[start..end];
        next = j + 2;
        out.push(Finding {
            rule: "passive-voice",
            start,
            len: end - start,
            message: format!("\"{found}\" hides who does what until the end of the sentence"),
            hint: "start with who does it: \"the doctor will see you\", not \"you will be seen by the doctor\"".into(),
        });
    }
}

pub(super) const NEG_WORDS: &[&str] = &[
    "unlikely",
    "uncommon",
    "unusual",
    "unreasonable",
    "unhelpful",
    "unhappy",
    "unknown",
    "unimportant",
    "unwise",
    "unkind",
    "unfair",
    "unwelcome",
    "unaware",
    "unable",
    "unwilling",
    "unclear",
    "uncomfortable",
    "unpleasant",
    "unfamiliar",
    "unnecessary",
    "unexpected",
    "unaffected",
    "untrue",
    "unreliable",
    "impossible",
    "improbable",
    "insignificant",
    "infrequent",
    "inappropriate",
    "irrelevant",
    "illegal",
    "incorrect",
    "incapable",
    "insensitive",
    "inconvenient",
    "dissimilar",
    "disagree",
    "dislike",
    "disapprove",
];
pub(super) const NEG_QUANT: &[&str] = &["nothing", "nobody", "none", "nowhere", "no-one"];
pub(super) const NEG_FILLER: &[&str] = &[
    "be",
    "been",
    "is",
    "was",
    "are",
    "were",
    "very",
    "so",
    "too",
    "that",
    "always",
    "entirely",
    "completely",
    "totally",
    "really",
    "at",
    "all",
];

pub(super) fn double_negative(words: &Words, s: &Sent, out: &mut Vec<Finding>) {
    let w = &words.lower;
    let mut i = s.first;
    while i < s.last {
        if !is_neg(&w[i]) {
            i += 1;
            continue;
        }
        let mut found: Option<usize> = None; // last word index of the second negative
        // "not unlikely", "isn't very unusual", "I don't disagree".
        let mut j = i + 1;
        while j < s.last && j <= i + 3 && !clause_break(words, j - 1) {
            if NEG_WORDS.contains(&&*w[j]) {
                found = Some(j);
                break;
            }
            if !NEG_FILLER.contains(&&*w[j]) {
                break;
            }
            j += 1;
        }
        // "can't not", right after.
        if found.is_none() && i + 1 < s.last && w[i + 1] == "not" && !clause_break(words, i) {
            found = Some(i + 1);
        }
        // "don't want nothing", "never told nobody", "can't see no one".
        if found.is_none() {
            let mut j = i + 1;
            while j < s.last && j <= i + 3 && !clause_break(words, j - 1) {
                if NEG_QUANT.contains(&&*w[j]) {
                    found = Some(j);
                    break;
                }
                if w[j] == "no" && j + 1 < s.last && w[j + 1] == "one" && !clause_break(words, j) {
                    found = Some(j + 1);
                    break;
                }
                j += 1;
            }
        }
        if let Some(j) = found {
            let start = words.toks[i].start;
            let end = words.toks[j].end;
            out.push(Finding {
                rule: "double-negative",
                start,
                len: end - start,
                message: format!(
                    "\"{}\" has two negatives, which makes it hard to follow",
                    &words.text[start..end]
                ),
                hint: "say it the positive way, or use one negative word".into(),
            });
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
#[path = "grammar_tests.rs"]
mod tests;
