//! Plain words: checks that the text in a plan is easy to read.
//!
//! The trust policy asks for a plan that is "clear and accessible without the use of jargon,
//! professional terms or abbreviations" (seed 004, 3.3.1). domain.md §6–8 gives the targets
//! used here: easy read has one idea a sentence and 15 words or fewer, at school grade 6 or
//! below; other text aims at a reading age of 9 to 11; hard words are swapped or explained.
//!
//! Rules (all warnings; see [`RULES`]):
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

use std::borrow::Cow;

use crate::diagnostic::Severity;
use crate::rules::RuleInfo;
use std::collections::{HashMap, HashSet};

/// The built-in list of jargon, one term a line (see the notes at its top).
const JARGON_TSV: &str = include_str!("language/jargon.tsv");

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

/// Every language rule, in the order `explain` should list them.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "jargon",
        severity: Severity::Warning,
        shape: false,
        summary: "Professional words and jargon should be swapped for plain words, or explained.",
        why: "A plan must be \"clear and accessible without the use of jargon, professional terms or abbreviations\" (policy 3.3.1). The person and their carers need to understand their own plan.",
        fix: "Use the plain words in the hint, or explain the word in brackets straight after it. In the person's own words, keep the word and explain it elsewhere in the plan. A team can add words or allow them in ourplan.toml.",
    },
    RuleInfo {
        id: "unknown-abbreviation",
        severity: Severity::Warning,
        shape: false,
        summary: "Short forms in capital letters should be written out.",
        why: "A plan must be clear \"without the use of jargon, professional terms or abbreviations\" (policy 3.3.1). A short form saves the writer time but costs every reader.",
        fix: "Write the words out, or explain the short form in brackets straight after it. Everyday ones such as NHS, GP, A&E and OK are fine. A team can allow others in ourplan.toml.",
    },
    RuleInfo {
        id: "long-sentence",
        severity: Severity::Warning,
        shape: false,
        summary: "Sentences should have at most 20 words, or 15 in easy-read text.",
        why: "Long sentences are hard to follow, most of all for someone who is unwell or upset. Easy read guidance asks for one idea a sentence and 10 to 15 words (policy 3.3.1; Department of Health, 2010).",
        fix: "Split the sentence in two, with one idea in each.",
    },
    RuleInfo {
        id: "reading-level",
        severity: Severity::Warning,
        shape: false,
        summary: "Text should be easy to read: school grade 8 or below, or 6 or below in easy-read text.",
        why: "NHS and Patient Information Forum guidance aims at a reading age of 9 to 11, and easy read lower (policy 3.3.1). The grade is the Flesch-Kincaid grade of the whole field; fields under 12 words are not scored.",
        fix: "Use shorter sentences and shorter, everyday words. The hint names the longest words.",
    },
    RuleInfo {
        id: "passive-voice",
        severity: Severity::Warning,
        shape: false,
        summary: "Say who does what: \"the nurse will ring you\", not \"you will be rung by the nurse\".",
        why: "Plain English and easy read guidance ask for active sentences: they are shorter and say who acts (policy 3.3.1).",
        fix: "Put the one who acts first: \"the doctor will see you\", not \"you will be seen by the doctor\".",
    },
    RuleInfo {
        id: "double-negative",
        severity: Severity::Warning,
        shape: false,
        summary: "Do not put two negatives together, such as \"not unlikely\".",
        why: "Two negatives make the reader work out what is meant, and are easy to misread (policy 3.3.1).",
        fix: "Say it the positive way: \"likely\", not \"not unlikely\"; \"I don't want anything\", not \"I don't want nothing\".",
    },
];

// ---------------------------------------------------------------------------------------------
// Words and sentences

/// A word: a byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    start: usize,
    end: usize,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// The end of the non-space chunk starting at `i`.
fn chunk_end(text: &str, i: usize) -> usize {
    text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |n| i + n)
}

/// Splits text into words (see the module notes).
fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut line_start = true;
    let mut prev: Option<char> = None;
    // Most fields have no addresses: only look for them when there may be one.
    let may_have_address = bytes.iter().any(|&b| b == b'@' || b == b':')
        || text.contains("www.")
        || text.contains("WWW.");
    while i < text.len() {
        let c = match bytes[i] {
            b if b < 0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or(' '),
        };
        let clen = c.len_utf8();
        if c == '\n' {
            line_start = true;
            prev = Some(c);
            i += clen;
            continue;
        }
        if c.is_whitespace() {
            prev = Some(c);
            i += clen;
            continue;
        }
        // A chunk starting here that is a web or email address is not words.
        if may_have_address
            && prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == '<')
            && c != '['
        {
            let end = chunk_end(text, i);
            // A link's text ends at `]`: `[the NHS](https://...)`.
            let end = text[i..end].find(']').map_or(end, |n| i + n);
            let chunk = &text[i..end];
            let starts = |p: &str| {
                chunk
                    .get(..p.len())
                    .is_some_and(|c| c.eq_ignore_ascii_case(p))
            };
            if chunk.contains('@')
                || chunk.contains("://")
                || starts("www.")
                || starts("mailto:")
                || starts("tel:")
            {
                line_start = false;
                prev = Some('x');
                i = end;
                continue;
            }
        }
        // A Markdown link target: `](...)`.
        if c == ']' && text[i + 1..].starts_with('(') {
            let close = text[i..].find(')').map_or(text.len(), |n| i + n + 1);
            let close = close.min(chunk_end(text, i).max(i + 2));
            line_start = false;
            prev = Some(')');
            i = close;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + clen;
            loop {
                match bytes.get(end) {
                    Some(b) if b.is_ascii_alphanumeric() => end += 1,
                    Some(b) if b.is_ascii() && !matches!(b, b'\'' | b'-') => break,
                    None => break,
                    Some(_) => {
                        let mut it = text[end..].chars();
                        match it.next() {
                            Some(d) if d.is_alphanumeric() => end += d.len_utf8(),
                            Some(d)
                                if is_joiner(d) && it.next().is_some_and(char::is_alphanumeric) =>
                            {
                                end += d.len_utf8()
                            }
                            _ => break,
                        }
                    }
                }
            }
            let word = &text[i..end];
            // A list number at the start of a line: `1.` or `2)` then a space.
            if line_start && word.bytes().all(|b| b.is_ascii_digit()) {
                let rest = &text[end..];
                if (rest.starts_with(". ") || rest.starts_with(") ")) && word.len() <= 3 {
                    line_start = false;
                    prev = Some('.');
                    i = end + 1;
                    continue;
                }
            }
            // Digit groups: `0113 496 0412`, `£3,000`, `6:30pm`, `1.5` are one word.
            if bytes[i].is_ascii_digit()
                && let Some(last) = out.last_mut()
                && bytes[last.end - 1].is_ascii_digit()
            {
                let gap = &text[last.end..i];
                let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
                let joined = match gap {
                    " " => {
                        let groups = &text[last.start..last.end];
                        groups.bytes().all(|b| b.is_ascii_digit() || b == b' ') && all_digits(word)
                    }
                    "," => word.len() == 3 && all_digits(word),
                    ":" | "." => true,
                    _ => false,
                };
                if joined {
                    last.end = end;
                    line_start = false;
                    prev = Some('x');
                    i = end;
                    continue;
                }
            }
            out.push(Tok { start: i, end });
            line_start = false;
            prev = Some('x');
            i = end;
            continue;
        }
        // Bullets and headings at the start of a line keep us at the start of the line.
        if !(line_start && matches!(c, '-' | '*' | '+' | '>' | '#')) {
            line_start = false;
        }
        prev = Some(c);
        i += clen;
    }
    out
}

/// Words before a full stop that do not end a sentence.
const NO_END_BEFORE_DOT: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "st", "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "tel",
    "ext", "nr",
];
/// Words before a full stop that end a sentence only when a capital letter follows.
const MAYBE_END_BEFORE_DOT: &[&str] = &["etc", "a.m", "p.m"];

/// Byte ranges of sentences, before dropping those with no words.
fn raw_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_off = 0;
    for line in text.split('\n') {
        let base = line_off;
        line_off += line.len() + 1;
        // Skip indentation and Markdown markers at the start of the line.
        let mut p = 0;
        loop {
            let rest = &line[p..];
            let trimmed = rest.trim_start();
            p += rest.len() - trimmed.len();
            let rest = &line[p..];
            let marker = if rest.starts_with(['-', '*', '+', '>'])
                && rest[1..].starts_with(char::is_whitespace)
            {
                Some(1)
            } else if rest.starts_with('#') {
                let n = rest.bytes().take_while(|&b| b == b'#').count();
                rest[n..].starts_with(char::is_whitespace).then_some(n)
            } else {
                let n = rest.bytes().take_while(u8::is_ascii_digit).count();
                (n > 0 && n <= 3 && (rest[n..].starts_with(". ") || rest[n..].starts_with(") ")))
                    .then_some(n + 1)
            };
            match marker {
                Some(n) => p += n,
                None => break,
            }
        }
        let lb = line.as_bytes();
        let mut seg = p; // where the current sentence may start
        let mut j = p;
        while j < lb.len() {
            let b = lb[j];
            let mark_len = match b {
                b'.' | b'!' | b'?' => 1,
                0xE2 if lb[j..].starts_with("\u{2026}".as_bytes()) => 3,
                _ => {
                    j += 1;
                    continue;
                }
            };
            let at = j;
            // Take more end marks and closing quotes or brackets.
            let mut end = at + mark_len;
            while let Some(d) = line[end..].chars().next() {
                if !matches!(
                    d,
                    '.' | '!'
                        | '?'
                        | '\u{2026}'
                        | '"'
                        | '\''
                        | ')'
                        | ']'
                        | '*'
                        | '_'
                        | '\u{201d}'
                        | '\u{2019}'
                ) {
                    break;
                }
                end += d.len_utf8();
            }
            j = end;
            let after = &line[end..];
            if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
                continue;
            }
            if b == b'.' {
                let before = &line[..at];
                let word_start = before
                    .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                    .map_or(0, |n| n + 1);
                let word = &before[word_start..];
                let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
                let next_upper = after
                    .trim_start()
                    .chars()
                    .find(|ch| ch.is_alphanumeric())
                    .is_some_and(char::is_uppercase);
                let initial =
                    word.chars().count() == 1 && word.starts_with(|ch: char| ch.is_uppercase());
                if is(NO_END_BEFORE_DOT) || initial || is(MAYBE_END_BEFORE_DOT) && !next_upper {
                    continue;
                }
            }
            let region = &line[seg..end];
            let s = seg + (region.len() - region.trim_start().len());
            if s < end {
                out.push((base + s, base + end));
            }
            seg = end;
        }
        let region = &line[seg..];
        let trimmed = region.trim();
        if !trimmed.is_empty() {
            let s = seg + (region.len() - region.trim_start().len());
            out.push((base + s, base + s + trimmed.len()));
        }
    }
    out
}

/// A sentence and the words in it (indexes into the word list).
#[derive(Debug, Clone, Copy)]
struct Sent {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
}

fn split(text: &str, toks: &[Tok]) -> Vec<Sent> {
    let mut out = Vec::new();
    let mut t = 0;
    for (s, e) in raw_sentences(text) {
        while t < toks.len() && toks[t].start < s {
            t += 1;
        }
        let first = t;
        while t < toks.len() && toks[t].start < e {
            t += 1;
        }
        if t > first {
            out.push(Sent {
                start: s,
                end: e.max(toks[t - 1].end),
                first,
                last: t,
            });
        }
    }
    out
}

#[cfg(test)]
/// Sentences as byte ranges `(start, end)`, end not included. Bullets and line breaks end
/// sentences; a sentence with no words is left out.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let toks = tokenize(text);
    split(text, &toks)
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Syllables and the Flesch formulas

/// Words the rules below count wrongly.
const SYLLABLE_EXCEPTIONS: &[(&str, usize)] = &[
    ("every", 2),
    ("everyday", 3),
    ("everyone", 3),
    ("everybody", 4),
    ("everything", 3),
    ("everywhere", 3),
    ("anyone", 3),
    ("evening", 2),
    ("evenings", 2),
    ("business", 2),
    ("wednesday", 2),
    ("wednesdays", 2),
    ("create", 2),
    ("created", 3),
    ("quiet", 2),
    ("quietly", 3),
    ("diet", 2),
    ("science", 2),
    ("society", 4),
    ("poem", 2),
    ("lion", 2),
    ("period", 3),
    ("serious", 3),
    ("seriously", 4),
    ("various", 3),
    ("curious", 3),
    ("previous", 3),
    ("obvious", 3),
    ("video", 3),
    ("radio", 3),
    ("piano", 3),
    ("area", 3),
    ("areas", 3),
    ("idea", 3),
    ("ideas", 3),
    ("recipe", 3),
    ("maybe", 2),
    ("people", 2),
    ("because", 2),
    ("were", 1),
    ("where", 1),
    ("there", 1),
    ("here", 1),
    ("fire", 1),
    ("hour", 1),
    ("hours", 1),
    ("our", 1),
    ("choir", 1),
    ("being", 2),
    ("doing", 2),
    ("going", 2),
    ("seeing", 2),
    ("actually", 4),
    ("usually", 4),
    ("usual", 3),
    ("situation", 4),
    ("family", 3),
    ("families", 3),
    ("different", 3),
    ("interested", 3),
    ("medicine", 3),
    ("medicines", 3),
    ("favourite", 3),
    ("chocolate", 2),
    ("camera", 3),
    ("several", 3),
    ("general", 3),
    ("temperature", 4),
    ("comfortable", 4),
    ("vegetable", 3),
    ("vegetables", 3),
    ("nurse", 1),
    ("nurses", 2),
    ("mosque", 1),
    ("queue", 1),
    ("fuel", 2),
    ("cruel", 2),
    ("anxious", 2),
    ("mum", 1),
];

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

fn syllable_exceptions() -> &'static FastMap<&'static [u8], usize> {
    static MAP: std::sync::OnceLock<FastMap<&'static [u8], usize>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        SYLLABLE_EXCEPTIONS
            .iter()
            .map(|&(w, n)| (w.as_bytes(), n))
            .collect()
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Syllables in a lower-case word of ASCII letters.
fn syllables_plain(w: &[u8]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    if let Some(k) = syllable_exceptions().get(w) {
        return *k;
    }
    let vowel = |i: usize| is_vowel(w[i]) && !(w[i] == b'y' && i == 0);
    let mut groups = 0;
    let mut in_group = false;
    for i in 0..n {
        let v = vowel(i);
        if v && !in_group {
            groups += 1;
        }
        in_group = v;
    }
    let mut count = groups as isize;
    let ends = |s: &str| w.ends_with(s.as_bytes());
    let cons = |i: usize| !vowel(i);
    // "le" or "re" after a consonant is a syllable of its own: "table", "centre".
    let le_at = |i: usize| {
        matches!(w[i], b'l' | b'r') && i >= 1 && cons(i - 1) && !matches!(w[i - 1], b'l' | b'r')
    };
    if groups > 1 {
        // A silent final e: "time", but not "table", "centre", "free" or "movie".
        if ends("e") && n >= 3 && cons(n - 2) && !le_at(n - 2) {
            count -= 1;
        }
        // A silent "ed": "walked", "called", but not "needed", "started" or "handled".
        if ends("ed") && n >= 4 && cons(n - 3) && !matches!(w[n - 3], b't' | b'd') && !le_at(n - 3)
        {
            count -= 1;
        }
        // A silent "es": "takes", but not "places", "wishes" or "tables".
        if ends("es") && n >= 4 && cons(n - 3) {
            let keep = matches!(w[n - 3], b's' | b'x' | b'z' | b'c' | b'g')
                || ends("ches")
                || ends("shes")
                || le_at(n - 3);
            if !keep {
                count -= 1;
            }
        }
        // A silent e inside a word: "lonely", "statement", "sometimes", "homework".
        const STEMS: &[&str] = &[
            "some", "home", "time", "care", "life", "wise", "fore", "more", "safe", "like", "base",
            "name", "late", "whole", "house", "side", "use", "hope", "nine", "five",
        ];
        const SUFFIXES: &[&str] = &[
            "ly", "ment", "ments", "ful", "fully", "ness", "less", "lessly",
        ];
        for i in 2..n.saturating_sub(1) {
            if w[i] != b'e' || !cons(i - 1) || !cons(i + 1) || le_at(i - 1) {
                continue;
            }
            if !(0..i - 1).any(vowel) {
                continue;
            }
            let prefix = std::str::from_utf8(&w[..=i]).unwrap_or("");
            let suffix = std::str::from_utf8(&w[i + 1..]).unwrap_or("");
            let compound = STEMS.contains(&prefix) && (i + 1..n).any(vowel);
            if compound || SUFFIXES.contains(&suffix) {
                count -= 1;
            }
        }
    }
    // Vowels that are two syllables: "going", "saying", "easier", "usual", "medium", "media".
    if n >= 4 && ends("ing") && vowel(n - 4) {
        count += 1;
    }
    if ends("ier") || ends("iest") || ends("iers") {
        count += 1;
    }
    for i in 1..n {
        let (a, b) = (w[i - 1], w[i]);
        let before = if i >= 2 { w[i - 2] } else { b' ' };
        if a == b'u' && b == b'a' && !matches!(before, b'q' | b'g') {
            count += 1;
        }
        if a == b'i' && b == b'u' {
            count += 1;
        }
        if a == b'i' && b == b'a' && !matches!(before, b'c' | b't' | b's' | b'x' | b'g') {
            count += 1;
        }
    }
    if groups > 1 && (ends("ea") || ends("ism") || ends("isms")) {
        count += 1;
    }
    count.max(1) as usize
}

/// Syllables in a word: vowel groups, with a silent final "e" and the usual endings dropped,
/// and a list of exceptions. A word with a digit counts as one (numbers are quick to read); a
/// word in capitals is read letter by letter (`NHS` has 3); at least one a word.
pub fn syllables(word: &str) -> usize {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return syllables_plain(word.as_bytes());
    }
    let (mut letters, mut upper, mut ws) = (0, 0, 0);
    for c in word.chars() {
        if c.is_ascii_digit() {
            return 1;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                ws += usize::from(c == 'W');
            }
        }
    }
    if letters == 0 {
        return 0;
    }
    if letters >= 2 && upper == letters {
        return letters + 2 * ws;
    }
    let w = ["'s", "\u{2019}s", "'S", "\u{2019}S"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word);
    let mut total = 0;
    let mut buf = [0u8; 64];
    for part in w.split(['-', '\u{2010}', '\u{2011}']) {
        let mut len = 0;
        let mut alpha = false;
        for c in part.chars() {
            alpha |= c.is_alphabetic();
            let lc = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            if let Some(b) = fold_letter(lc)
                && len < buf.len()
            {
                buf[len] = b;
                len += 1;
            }
        }
        if len > 0 {
            total += syllables_plain(&buf[..len]);
        } else if alpha {
            total += 1;
        }
    }
    total.max(1)
}

/// ASCII for common accented letters (café, naïve); apostrophes and other signs are dropped.
fn fold_letter(c: char) -> Option<u8> {
    Some(match c {
        'a'..='z' => c as u8,
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => b'a',
        'è' | 'é' | 'ê' | 'ë' => b'e',
        'ì' | 'í' | 'î' | 'ï' => b'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => b'o',
        'ù' | 'ú' | 'û' | 'ü' => b'u',
        'ŵ' => b'w',
        'ŷ' | 'ÿ' => b'y',
        'ç' => b'c',
        'ñ' => b'n',
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

fn counts(text: &str, toks: &[Tok], sents: &[Sent]) -> Counts {
    Counts {
        words: toks.len(),
        sentences: sents.len(),
        syllables: toks.iter().map(|t| syllables(&text[t.start..t.end])).sum(),
    }
}

fn grade_of(c: Counts) -> f64 {
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

// ---------------------------------------------------------------------------------------------
// The checker

/// One way of writing a term, as words.
#[derive(Debug)]
struct Entry {
    /// The spelling, as written in the list ("detained", "responsible clinician").
    spelling: String,
    words: Vec<String>,
    exact: bool,
    term: usize,
    not_after: Vec<String>,
}

/// A term found in a text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
    term: usize,
    /// The spelling matched.
    entry: usize,
    /// Matched a short form written as it is in the list ("CMHT").
    exact: bool,
    explained: bool,
}

/// The plain-language checker: the built-in jargon list with a team's additions, less the
/// words the team allows.
#[derive(Debug)]
pub struct Language {
    terms: Vec<Term>,
    entries: Vec<Entry>,
    /// First word, in lower case, to the entries starting with it.
    index: FastMap<String, Vec<usize>>,
    /// Allowed words, lower case.
    allow: HashSet<String>,
    /// The terms a team added: its own plain words explain them (in the glossary of every
    /// copy), so in a plan they count as explained.
    team: HashSet<usize>,
    /// At most this many findings a sentence (0: all).
    per_sentence: usize,
}

/// At most this many plain-language findings a sentence, unless a team says otherwise.
pub const PER_SENTENCE: usize = 2;

fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2010}', '\u{2011}'], "-")
}

/// True for a term matched only as written: a word with two or more capitals (CMHT, RiO).
fn is_exact(term: &str) -> bool {
    term.split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

/// The built-in terms: each with its other spellings and the words that make it ordinary.
fn builtin() -> Vec<(Term, Vec<String>, Vec<String>)> {
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

const EXPLAIN_BEFORE: &[&str] = &["called", "named"];
const ARTICLES: &[&str] = &["a", "an", "the"];

impl Language {
    /// The built-in list, plus `extra_terms` from the team (a team's term replaces a built-in
    /// one with the same spelling), less every term or spelling in `allow` (matched in any case).
    pub fn new(extra_terms: &[Term], allow: &[String]) -> Language {
        let allow: HashSet<String> = allow
            .iter()
            .map(|a| norm(a.trim()).to_lowercase())
            .collect();
        let mut lang = Language {
            terms: Vec::new(),
            entries: Vec::new(),
            index: FastMap::default(),
            allow,
            team: HashSet::new(),
            per_sentence: PER_SENTENCE,
        };
        let mut all = builtin();
        let mut team_terms: HashSet<String> = HashSet::new();
        for t in extra_terms {
            team_terms.insert(t.term.trim().to_string());
            let key = norm(t.term.trim()).to_lowercase();
            all.retain(|(_, variants, _)| !variants.iter().any(|v| norm(v).to_lowercase() == key));
            all.push((
                Term {
                    term: t.term.trim().to_string(),
                    plain: t.plain.trim().to_string(),
                },
                vec![t.term.trim().to_string()],
                Vec::new(),
            ));
        }
        for (term, variants, not_after) in all {
            let kept: Vec<String> = variants
                .into_iter()
                .filter(|v| !lang.allow.contains(&norm(v).to_lowercase()))
                .collect();
            if kept.is_empty() || lang.allow.contains(&norm(&term.term).to_lowercase()) {
                continue;
            }
            let index = lang.terms.len();
            if team_terms.contains(&term.term) {
                lang.team.insert(index);
            }
            lang.terms.push(term);
            for v in kept {
                let v = norm(&v);
                let words: Vec<String> = tokenize(&v)
                    .iter()
                    .map(|t| v[t.start..t.end].to_string())
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let exact = is_exact(&v);
                let words: Vec<String> = if exact {
                    words
                } else {
                    words.iter().map(|w| w.to_lowercase()).collect()
                };
                let e = lang.entries.len();
                lang.index
                    .entry(words[0].to_lowercase())
                    .or_default()
                    .push(e);
                lang.entries.push(Entry {
                    spelling: v.clone(),
                    words,
                    exact,
                    term: index,
                    not_after: not_after.clone(),
                });
            }
        }
        lang
    }

    /// Every term the checker knows.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// At most `n` findings a sentence from now on (0: all of them).
    pub fn with_per_sentence(mut self, n: usize) -> Language {
        self.per_sentence = n;
        self
    }

    /// Checks one text (one field) on its own and returns every finding, in order: the
    /// same as a plan with only this text in it, with no names and no limit a sentence.
    #[cfg(test)]
    pub fn check(&self, text: &str, kind: TextKind) -> Vec<Finding> {
        let mut ctx = self.plan_context(&[(text, kind)], &[], false);
        self.check_in(&mut ctx, 0)
    }

    /// Checks every text of a plan, as a reader reads the whole copy (see [`PlanWords`]).
    /// `names` are the names of the people in the plan. One list of findings for each text,
    /// in order, before the limit a sentence (see [`Language::limit`]).
    pub fn check_plan(
        &self,
        texts: &[(&str, TextKind)],
        names: &[&str],
    ) -> (PlanWords, Vec<Vec<Finding>>) {
        let mut ctx = self.plan_context(texts, names, true);
        let out = (0..texts.len())
            .map(|i| self.check_in(&mut ctx, i))
            .collect();
        (ctx.words, out)
    }

    fn plan_context<'t>(
        &self,
        texts: &[(&'t str, TextKind)],
        names: &[&str],
        plan: bool,
    ) -> Ctx<'t> {
        let mut name_words: HashSet<String> = HashSet::new();
        for n in names {
            for t in tokenize(n) {
                let w = norm(&n[t.start..t.end]).to_lowercase();
                let w = w.strip_suffix("'s").map(str::to_string).unwrap_or(w);
                if w.chars().count() >= 2 {
                    name_words.insert(w);
                }
            }
        }
        let mut fields = Vec::with_capacity(texts.len());
        let mut words = PlanWords::default();
        if plan {
            words.explained.extend(self.team.iter().copied());
        }
        for (fi, &(text, kind)) in texts.iter().enumerate() {
            let toks = tokenize(text);
            let hits = {
                let w = Words::new(text, &toks);
                self.find_terms(&w)
            };
            for (hi, h) in hits.iter().enumerate() {
                if h.explained {
                    words.explained.insert(h.term);
                }
                let e = words.uses.entry(h.term).or_default();
                e.push((fi, hi, kind));
                words.order.entry(h.term).or_insert((fi, h.start, h.entry));
            }
            fields.push(FieldText {
                text,
                kind,
                toks,
                hits,
            });
        }
        Ctx {
            fields,
            words,
            names: name_words,
            abbreviations: HashMap::new(),
            abbreviations_done: false,
        }
    }

    fn check_in(&self, ctx: &mut Ctx, fi: usize) -> Vec<Finding> {
        if !ctx.abbreviations_done {
            // Short forms: where each is first used, how often, and whether it is explained.
            for f in 0..ctx.fields.len() {
                if ctx.fields[f].kind == TextKind::OwnWords {
                    continue;
                }
                let field = &ctx.fields[f];
                let words = Words::new(field.text, &field.toks);
                for (i, core, explained) in self.abbreviation_uses(&words, &field.hits) {
                    let e = ctx
                        .abbreviations
                        .entry(core.to_string())
                        .or_insert((f, i, 0, false));
                    e.2 += 1;
                    e.3 |= explained;
                }
            }
            ctx.abbreviations_done = true;
        }
        let field = &ctx.fields[fi];
        let (text, kind) = (field.text, field.kind);
        let toks = &field.toks;
        let words = Words::new(text, toks);
        let hits = &field.hits;
        let mut out = Vec::new();
        for (hi, h) in hits.iter().enumerate() {
            if h.explained || ctx.words.explained.contains(&h.term) {
                continue;
            }
            // One finding for a term, where it is first used (in the team's words if it is
            // used there at all): explaining it there covers every use.
            let uses = &ctx.words.uses[&h.term];
            let first = uses
                .iter()
                .find(|(_, _, k)| *k != TextKind::OwnWords)
                .or(uses.first())
                .map(|&(f, i, _)| (f, i));
            if first != Some((fi, hi)) {
                continue;
            }
            let mut f = self.jargon_finding(text, h, kind);
            if uses.len() > 1 {
                f.message.push_str(&format!(
                    " (it is used {} times in the plan: explaining it once, here, covers them all)",
                    uses.len()
                ));
            }
            out.push(f);
        }
        if kind == TextKind::OwnWords {
            return out;
        }
        for (i, core, explained) in self.abbreviation_uses(&words, hits) {
            let Some(&(f0, i0, n, anywhere)) = ctx.abbreviations.get(core) else {
                continue;
            };
            if explained || anywhere || (f0, i0) != (fi, i) {
                continue;
            }
            let start = words.toks[i].start;
            let mut message = format!(
                "\"{core}\" is a short form; many readers will not know what it stands for"
            );
            if n > 1 {
                message.push_str(&format!(
                    " (it is used {n} times in the plan: explaining it once, here, covers them all)"
                ));
            }
            out.push(Finding {
                rule: "unknown-abbreviation",
                start,
                len: core.len(),
                message,
                hint: "write the words out, or explain it in brackets straight after".into(),
            });
        }
        let sents = split(text, toks);
        let read = Reading::new(&words, hits, &sents, &ctx.names);
        let (max_words, max_grade) = match kind {
            TextKind::EasyRead => (EASY_READ_MAX_WORDS, EASY_READ_MAX_GRADE),
            _ => (ORDINARY_MAX_WORDS, ORDINARY_MAX_GRADE),
        };
        for s in &sents {
            let n = read.words_in(s);
            if n > max_words {
                let easy = if kind == TextKind::EasyRead {
                    " in easy read"
                } else {
                    ""
                };
                out.push(Finding {
                    rule: "long-sentence",
                    start: s.start,
                    len: s.end - s.start,
                    message: format!(
                        "this sentence has {n} words; aim for {max_words} or fewer{easy}"
                    ),
                    hint: "split it into shorter sentences, with one idea in each".into(),
                });
            }
        }
        // A short field is scored only when it has a long word that is not a name, a
        // medicine or an everyday word: the formula means little for a few words, but a
        // short line of long, unusual words is hard to read all the same.
        let scored = read.words >= MIN_WORDS_FOR_GRADE
            || read.words >= MIN_WORDS_SHORT && read.hard_word().is_some();
        if scored {
            let grade = read.grade(sents.len());
            if grade > max_grade {
                out.push(reading_finding(text, &read, &sents, grade, max_grade, kind));
            }
        }
        for s in &sents {
            passive(&words, s, &mut out);
            double_negative(&words, s, &mut out);
        }
        out.sort_by_key(|f| (f.start, rule_order(f.rule)));
        out
    }

    /// Keeps the most useful findings of each sentence of `text` (at most the limit set
    /// with [`Language::with_per_sentence`]; jargon and whether it is easy read first, one of
    /// each kind before a second of any), and says on the
    /// last one kept how many more there are. A finding belongs to the sentence it starts in.
    pub fn limit(&self, text: &str, findings: &mut Vec<Finding>) {
        let n = self.per_sentence;
        if n == 0 || findings.len() <= n {
            return;
        }
        let toks = tokenize(text);
        let sents = split(text, &toks);
        let sentence_of = |f: &Finding| sents.iter().rposition(|s| s.start <= f.start).unwrap_or(0);
        let mut groups: std::collections::BTreeMap<usize, Vec<Finding>> =
            std::collections::BTreeMap::new();
        for f in findings.drain(..) {
            groups.entry(sentence_of(&f)).or_default().push(f);
        }
        for (_, mut group) in groups {
            if group.len() <= n {
                findings.extend(group);
                continue;
            }
            // The most useful first, one of each kind before a second of any.
            group.sort_by_key(|f| (usefulness(f.rule), f.start));
            let mut keep: Vec<Finding> = Vec::new();
            let mut rest: Vec<Finding> = Vec::new();
            for f in group {
                if keep.len() < n && !keep.iter().any(|k| k.rule == f.rule) {
                    keep.push(f);
                } else {
                    rest.push(f);
                }
            }
            while keep.len() < n && !rest.is_empty() {
                keep.push(rest.remove(0));
            }
            let mut group = keep;
            // "jargon (5), reading-level": each rule once, in the order kept.
            let mut kinds: Vec<(&'static str, usize)> = Vec::new();
            for f in &rest {
                match kinds.iter_mut().find(|(r, _)| *r == f.rule) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((f.rule, 1)),
                }
            }
            let names: Vec<String> = kinds
                .iter()
                .map(|(r, n)| {
                    if *n > 1 {
                        format!("{r} ({n})")
                    } else {
                        r.to_string()
                    }
                })
                .collect();
            group.sort_by_key(|f| (f.start, rule_order(f.rule)));
            if let Some(last) = group.last_mut() {
                last.message.push_str(&format!(
                    " (and {} more in this sentence: {}; fix these first, or set `per_sentence = 0` under [language] in ourplan.toml to see every one)",
                    rest.len(),
                    names.join(", ")
                ));
            }
            findings.extend(group);
        }
        findings.sort_by_key(|f| (f.start, rule_order(f.rule)));
    }

    /// The terms a text uses, in the order they first appear, each once (explained or not),
    /// spelt as the text spells them: for the "words we use" list at the end of a copy.
    pub fn hard_words(&self, text: &str) -> Vec<Term> {
        let toks = tokenize(text);
        let words = Words::new(text, &toks);
        let mut seen = HashSet::new();
        self.find_terms(&words)
            .into_iter()
            .filter(|h| seen.insert(h.term))
            .map(|h| self.term_as(h.term, h.entry))
            .collect()
    }

    /// A term as one of its spellings: "detained" rather than "sectioned".
    fn term_as(&self, term: usize, entry: usize) -> Term {
        Term {
            term: self.entries[entry].spelling.clone(),
            plain: self.terms[term].plain.clone(),
        }
    }

    /// The terms a plan uses, as [`PlanWords`] found them: in the order they are first
    /// used, each once, spelt as the plan first spells them, and whether the plan (or the
    /// team) explains them. What `ourplan words` lists.
    pub fn plan_terms(&self, words: &PlanWords) -> Vec<(Term, bool)> {
        let mut list: Vec<(&usize, &(usize, usize, usize))> = words.order.iter().collect();
        list.sort_by_key(|(t, o)| (o.0, o.1, **t));
        list.into_iter()
            .map(|(&t, &(_, _, e))| (self.term_as(t, e), words.explained.contains(&t)))
            .collect()
    }

    /// True when the text is fit for the easy-read copy as it is: no sentence over 15 words, a
    /// grade of 6 or below (fields of 12 words or more), no jargon, unknown abbreviation,
    /// passive voice or double negative (the same as `check(text, EasyRead)` finding nothing),
    /// and no long word that is not an everyday word, a name or a medicine (4 syllables or
    /// more, or 3 in a word of 10 letters or more: "deterioration", "concordance").
    #[cfg(test)]
    pub fn passes_easy_read(&self, text: &str) -> bool {
        self.passes_easy_read_with(text, &[])
    }

    /// [`Language::passes_easy_read`], with the names of the people in the plan.
    pub fn passes_easy_read_with(&self, text: &str, names: &[&str]) -> bool {
        let mut ctx = self.plan_context(&[(text, TextKind::EasyRead)], names, false);
        if !self.check_in(&mut ctx, 0).is_empty() {
            return false;
        }
        let field = &ctx.fields[0];
        let words = Words::new(text, &field.toks);
        let sents = split(text, &field.toks);
        let read = Reading::new(&words, &field.hits, &sents, &ctx.names);
        read.hard_word().is_none()
    }

    fn find_terms(&self, words: &Words) -> Vec<Hit> {
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

    fn match_at(&self, words: &Words, i: usize) -> Option<Hit> {
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

    fn jargon_finding(&self, text: &str, h: &Hit, kind: TextKind) -> Finding {
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
    fn abbreviation_uses<'w>(&self, words: &'w Words, hits: &[Hit]) -> Vec<(usize, &'w str, bool)> {
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

/// What the check of one text needs to know about the whole plan it is in.
#[derive(Debug, Default)]
pub struct PlanWords {
    /// Terms explained somewhere in the plan, or by the team.
    explained: HashSet<usize>,
    /// Each term's uses: (text, hit, kind of text).
    uses: HashMap<usize, Vec<(usize, usize, TextKind)>>,
    /// Where each term is first used: (text, byte, spelling).
    order: HashMap<usize, (usize, usize, usize)>,
}

/// One text of a plan, read.
struct FieldText<'t> {
    text: &'t str,
    kind: TextKind,
    toks: Vec<Tok>,
    hits: Vec<Hit>,
}

/// The texts of a plan, read, with what they say together.
struct Ctx<'t> {
    fields: Vec<FieldText<'t>>,
    words: PlanWords,
    /// Words of the names of the people in the plan, lower case.
    names: HashSet<String>,
    /// Each short form: (text and word where first used, uses, explained anywhere).
    abbreviations: HashMap<String, (usize, usize, usize, bool)>,
    abbreviations_done: bool,
}

/// Which findings to keep first when a sentence has too many: the words a reader trips on
/// (jargon, short forms, whether it is easy read at all), then how the sentence is built.
fn usefulness(rule: &str) -> usize {
    match rule {
        "jargon" => 0,
        "needs-easy-read" => 1,
        "unknown-abbreviation" => 2,
        "double-negative" => 3,
        "passive-voice" => 4,
        "long-sentence" => 5,
        "reading-level" => 6,
        _ => 7,
    }
}

/// A text as the reading formulas see it: the words counted (not those a bracket adds to
/// explain a term: "DBT (dialectical behaviour therapy)"), and their syllables, with names,
/// medicines and everyday words counted as no more than two.
struct Reading<'a> {
    words: usize,
    syllables: usize,
    /// Per word: counted, and its syllables as read.
    per_word: Vec<(bool, usize)>,
    /// Per word: a name, a medicine or an everyday word.
    easy: Vec<bool>,
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Reading<'a> {
    fn new(words: &Words<'a>, hits: &[Hit], sents: &[Sent], names: &HashSet<String>) -> Self {
        let toks = words.toks;
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
        let firsts: HashSet<usize> = sents.iter().map(|s| s.first).collect();
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
            let name_like =
                names.contains(bare) || (title_case(raw) && !firsts.contains(&i) && !after_break);
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
    fn words_in(&self, s: &Sent) -> usize {
        (s.first..s.last).filter(|&i| self.per_word[i].0).count()
    }

    fn grade(&self, sentences: usize) -> f64 {
        grade_of(Counts {
            words: self.words,
            sentences,
            syllables: self.syllables,
        })
    }

    /// The longest words counted, longest first, each once, leaving out names, medicines and
    /// everyday words.
    fn long_words(&self, min: usize) -> Vec<(usize, &'a str)> {
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
    fn hard_word(&self) -> Option<&'a str> {
        self.long_words(3).into_iter().map(|(_, w)| w).find(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let caps = w.chars().all(|c| !c.is_lowercase());
            !caps && (syllables(w) >= 4 || letters >= 10)
        })
    }
}

/// The byte range inside brackets that start straight after `end`: `DBT (the words)`.
fn bracket_after(text: &str, end: usize) -> Option<(usize, usize)> {
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
fn bracket_around(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = text
        .get(..start)?
        .trim_end_matches(['"', '\'', '\u{201c}', '\u{2018}', '*', '_']);
    let after = text
        .get(end..)?
        .trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', '*', '_']);
    (before.trim_end().ends_with('(') && after.trim_start().starts_with(')'))
        .then_some((start, end))
}

fn is_everyday(w: &str) -> bool {
    everyday_words().contains(w)
}

fn is_medicine(w: &str) -> bool {
    medicines().contains(w)
}

/// The everyday words: the list, and every word of the plain words the jargon list gives
/// (ourplan suggests them as plain, so it must not call them hard).
fn everyday_words() -> &'static HashSet<String> {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set: HashSet<String> = word_list(EVERYDAY_TXT)
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

fn medicines() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| word_list(MEDICINES_TXT))
}

/// The words of a list file: words split by spaces and line breaks; `#` starts a note.
fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Everyday words that are not hard to read however many syllables they have.
const EVERYDAY_TXT: &str = include_str!("language/everyday.txt");
/// Common medicines, by their generic names: a reader who takes one knows its name.
const MEDICINES_TXT: &str = include_str!("language/medicines.txt");

/// The words of a text with their lower-case forms, for matching.
struct Words<'a> {
    text: &'a str,
    toks: &'a [Tok],
    /// Each word with curly apostrophes and special hyphens made plain.
    raw: Vec<Cow<'a, str>>,
    /// The same in lower case.
    lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, toks: &'a [Tok]) -> Words<'a> {
        let raw: Vec<Cow<'a, str>> = toks
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                if w.contains(['\u{2019}', '\u{2018}', '\u{2010}', '\u{2011}']) {
                    Cow::Owned(norm(w))
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect();
        let lower = raw
            .iter()
            .map(|w| match w {
                Cow::Borrowed(b) if !b.chars().any(char::is_uppercase) => Cow::Borrowed(*b),
                _ => Cow::Owned(w.to_lowercase()),
            })
            .collect();
        Words {
            text,
            toks,
            raw,
            lower,
        }
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when only spaces (no line break) come between word `i` and word `i + 1`.
    fn gap_is_space(&self, i: usize) -> bool {
        let gap = &self.text[self.toks[i].end..self.toks[i + 1].start];
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
    }

    /// The text between word `i` and word `i + 1`.
    fn gap(&self, i: usize) -> &str {
        &self.text[self.toks[i].end..self.toks[i + 1].start]
    }
}

/// The forms a word may have in the term index: as written, without a possessive, without a
/// plural.
fn word_forms(w: &str) -> impl Iterator<Item = &str> {
    let plural = w.ends_with('s');
    let a = Some(w);
    let b = plural.then(|| w.strip_suffix("'s")).flatten();
    let c = plural.then(|| w.strip_suffix('s')).flatten();
    let d = plural.then(|| w.strip_suffix("es")).flatten();
    [a, b, c, d].into_iter().flatten().filter(|s| !s.is_empty())
}

/// How a word matched a term word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordMatch {
    /// All of it, maybe in the plural ("CPNs").
    Whole,
    /// All but a possessive "'s" ("CMHT's").
    Possessive,
}

/// Whether word `w` is term word `p`; the last word of a term may also be in the plural or
/// the possessive.
fn word_match(w: &str, p: &str, last: bool) -> Option<WordMatch> {
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
fn explained(words: &Words, first: usize, end: usize) -> bool {
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

fn title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// Words that often start a phrase in capitals without being part of a name.
const NOT_NAME: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "his", "her", "their", "this", "that", "ask", "ring",
    "call", "see", "contact", "tell", "i", "we", "you", "he", "she", "they", "if", "when",
];

/// True when the words `first..last`, in capitals, follow another word in capitals inside a
/// sentence: part of a name such as "Eastside Advocacy", not jargon.
fn in_a_name(words: &Words, first: usize, last: usize) -> bool {
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
fn abbreviation_core(w: &str) -> Option<&str> {
    let core = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("s'"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    let ok = (2..=6).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_uppercase());
    ok.then_some(core)
}

fn rule_order(rule: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.id == rule)
        .unwrap_or(usize::MAX)
}

fn reading_finding(
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

// ---------------------------------------------------------------------------------------------
// Passive voice and double negatives

const BE: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "i'm", "you're", "we're", "they're",
    "isn't", "aren't", "wasn't", "weren't",
];
const PASSIVE_ADVERBS: &[&str] = &[
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
const IRREGULAR_PARTICIPLES: &[&str] = &[
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
const STATIVE: &[&str] = &[
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
const NOT_AGENT: &[&str] = &[
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

fn is_participle(w: &str) -> bool {
    if STATIVE.contains(&w) {
        return false;
    }
    IRREGULAR_PARTICIPLES.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

fn is_neg(w: &str) -> bool {
    matches!(w, "not" | "never" | "cannot") || w.ends_with("n't")
}

/// A clause break (a comma or stronger) between words `i` and `i + 1`.
fn clause_break(words: &Words, i: usize) -> bool {
    words.gap(i).chars().any(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '\u{2013}' | '\u{2014}'
        )
    }) || words.gap(i).contains(" - ")
}

fn passive(words: &Words, s: &Sent, out: &mut Vec<Finding>) {
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

const NEG_WORDS: &[&str] = &[
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
const NEG_QUANT: &[&str] = &["nothing", "nobody", "none", "nowhere", "no-one"];
const NEG_FILLER: &[&str] = &[
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

fn double_negative(words: &Words, s: &Sent, out: &mut Vec<Finding>) {
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
mod tests {
    use super::*;

    fn lang() -> Language {
        Language::new(&[], &[])
    }

    /// The findings of one rule as (rule, found text) pairs.
    fn found<'a>(text: &'a str, fs: &[Finding], rule: &str) -> Vec<&'a str> {
        fs.iter()
            .filter(|f| f.rule == rule)
            .map(|f| &text[f.start..f.start + f.len])
            .collect()
    }

    fn rules_of(fs: &[Finding]) -> Vec<&'static str> {
        fs.iter().map(|f| f.rule).collect()
    }

    // --- formulas ---------------------------------------------------------------------------

    #[test]
    fn the_cat_sat_on_the_mat() {
        // domain.md §8: FRE 116.145, grade -1.45.
        let text = "The cat sat on the mat.";
        let fre = flesch_reading_ease(text);
        let fk = flesch_kincaid_grade(text);
        // Exact, not just to 2 decimal places: 6 words, 1 sentence, 6 syllables.
        assert!((fre - 116.145).abs() < 1e-9, "{fre}");
        assert!((fk - -1.45).abs() < 1e-9, "{fk}");
        assert_eq!(format!("{fre:.3} {fk:.2}"), "116.145 -1.45");
        assert_eq!(tokenize(text).len(), 6);
        assert_eq!(sentences(text), [(0, text.len())]);
    }

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(flesch_kincaid_grade(""), 0.0);
        assert_eq!(flesch_reading_ease("  - \n **"), 0.0);
    }

    #[test]
    fn formulas_use_words_sentences_and_syllables() {
        // 2 sentences, 8 words; syllables: I(1) like(1) my(1) dog(1). He(1) is(1) very(2) kind(1).
        let text = "I like my dog. He is very kind.";
        let (w, s, syl) = (8.0, 2.0, 9.0);
        let fk = 0.39 * (w / s) + 11.8 * (syl / w) - 15.59;
        assert!((flesch_kincaid_grade(text) - fk).abs() < 1e-9);
    }

    #[test]
    fn syllables_of_common_words() {
        let known: &[(&str, usize)] = &[
            ("the", 1),
            ("cat", 1),
            ("time", 1),
            ("times", 1),
            ("sometimes", 2),
            ("something", 2),
            ("people", 2),
            ("table", 2),
            ("little", 2),
            ("while", 1),
            ("whole", 1),
            ("centre", 2),
            ("free", 1),
            ("agree", 2),
            ("agreed", 2),
            ("movie", 2),
            ("walked", 1),
            ("called", 1),
            ("needed", 2),
            ("started", 2),
            ("handled", 2),
            ("offered", 2),
            ("worried", 2),
            ("lived", 1),
            ("decided", 3),
            ("takes", 1),
            ("places", 2),
            ("wishes", 2),
            ("tables", 2),
            ("changes", 2),
            ("services", 3),
            ("issues", 2),
            ("goes", 1),
            ("lonely", 2),
            ("statement", 2),
            ("useful", 2),
            ("careful", 2),
            ("likely", 2),
            ("completely", 3),
            ("homework", 2),
            ("homeless", 2),
            ("timetable", 3),
            ("safety", 2),
            ("safer", 2),
            ("later", 2),
            ("going", 2),
            ("doing", 2),
            ("saying", 2),
            ("playing", 2),
            ("trying", 2),
            ("seeing", 2),
            ("being", 2),
            ("easier", 3),
            ("earlier", 3),
            ("happier", 3),
            ("usual", 3),
            ("individual", 5),
            ("january", 4),
            ("language", 2),
            ("quality", 3),
            ("media", 3),
            ("social", 2),
            ("special", 2),
            ("idea", 3),
            ("area", 3),
            ("tea", 1),
            ("autism", 3),
            ("money", 2),
            ("day", 1),
            ("they", 1),
            ("yes", 1),
            ("beyond", 2),
            ("family", 3),
            ("every", 2),
            ("evening", 2),
            ("medicine", 3),
            ("hospital", 3),
            ("appointment", 3),
            ("psychiatrist", 4),
            ("occupational", 5),
            ("community", 4),
            ("mental", 2),
            ("health", 1),
            ("team", 1),
            ("nurse", 1),
            ("injection", 3),
            ("tablets", 2),
            ("benefits", 3),
            ("together", 3),
            ("important", 3),
            ("understand", 3),
            ("management", 3),
            ("agreement", 3),
            ("treatment", 2),
            ("safeguarding", 4),
            ("accommodation", 5),
            ("independence", 4),
            ("relationship", 4),
            ("medication", 4),
            ("review", 2),
            ("worker", 2),
            ("don't", 1),
            ("I'm", 1),
            ("Amira's", 3),
            ("co-produced", 3),
            ("café", 2),
            ("NHS", 3),
            ("GP", 2),
            ("111", 1),
            ("anxious", 2),
            ("unsafe", 2),
            ("unwell", 2),
            ("sleeping", 2),
            ("breakfast", 2),
            ("everyone", 3),
            ("anyone", 3),
            ("somewhere", 2),
            ("coffee", 2),
            ("police", 2),
            ("fire", 1),
            ("hour", 1),
            ("create", 2),
            ("quiet", 2),
            ("business", 2),
        ];
        let mut wrong = Vec::new();
        for &(w, n) in known {
            if syllables(w) != n {
                wrong.push(format!("{w}: {} (should be {n})", syllables(w)));
            }
        }
        // The heuristic need not be perfect, but it must be close.
        let rate = wrong.len() as f64 / known.len() as f64;
        println!(
            "syllables: {} of {} words wrong: {wrong:?}",
            wrong.len(),
            known.len()
        );
        assert!(rate <= 0.05, "{wrong:?}");
        for w in ["the", "cat", "sat", "on", "mat"] {
            assert_eq!(syllables(w), 1);
        }
        assert_eq!(syllables(""), 0);
        assert_eq!(syllables("a"), 1);
    }

    // --- words and sentences ----------------------------------------------------------------

    fn words_of(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_skip_markers_links_and_addresses() {
        assert_eq!(
            words_of(
                "- **Ring** me on 0113 496 0412.\n1. See [the NHS](https://www.nhs.uk/x) site"
            ),
            [
                "Ring",
                "me",
                "on",
                "0113 496 0412",
                "See",
                "the",
                "NHS",
                "site"
            ]
        );
        assert_eq!(
            words_of("Email a.b@example.org or www.example.org now"),
            ["Email", "or", "now"]
        );
        assert_eq!(
            words_of("I owe £3,000 at 6:30pm"),
            ["I", "owe", "3,000", "at", "6:30pm"]
        );
        assert_eq!(
            words_of("don't co-produced CMHT’s"),
            ["don't", "co-produced", "CMHT’s"]
        );
        assert_eq!(words_of("Ring 1, 2 or 3."), ["Ring", "1", "2", "or", "3"]);
    }

    #[test]
    fn sentences_end_at_stops_bullets_and_line_breaks() {
        let text =
            "I like tea. Do you?\n- One bullet\n- Two bullets\nDr. Khan said \"hello.\" Then left";
        let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            [
                "I like tea.",
                "Do you?",
                "One bullet",
                "Two bullets",
                "Dr. Khan said \"hello.\"",
                "Then left"
            ]
        );
        let text = "Bring things, e.g. a coat. It is 6.30 now! 2. Numbered item\n\n**\n3. Last one";
        let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            got,
            [
                "Bring things, e.g. a coat.",
                "It is 6.30 now!",
                "2.",
                "Numbered item",
                "Last one"
            ]
        );
        assert!(sentences("").is_empty());
        assert!(sentences("  \n - \n").is_empty());
    }

    #[test]
    fn sentences_are_byte_ranges_with_multibyte_text() {
        let text = "Café first — then home. Naïve “quotes.” End";
        for (s, e) in sentences(text) {
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
        assert_eq!(sentences(text).len(), 3);
    }

    // --- jargon -----------------------------------------------------------------------------

    #[test]
    fn jargon_has_the_exact_span() {
        let l = lang();
        let text = "Your CMHT will ring you.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(rules_of(&fs), ["jargon"]);
        assert_eq!((fs[0].start, fs[0].len), (5, 4));
        assert_eq!(
            fs[0].message,
            "\"CMHT\" is a short form many readers will not know"
        );
        assert!(
            fs[0].hint.contains("community mental health team"),
            "{}",
            fs[0].hint
        );

        let text = "Ask your Care Co-ordinator about the depot.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(found(text, &fs, "jargon"), ["Care Co-ordinator", "depot"]);
        assert_eq!(fs[0].start, 9);
        assert_eq!(
            fs[1].message,
            "\"depot\" is a professional word many readers will not know"
        );
        assert_eq!(
            fs[1].hint,
            "say \"an injection of medicine every few weeks\" instead, or explain it in brackets straight after"
        );
    }

    #[test]
    fn jargon_plurals_possessives_and_case() {
        let l = lang();
        let text = "The CPNs and the CMHT's duty line; two Depots. The OT came.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(found(text, &fs, "jargon"), ["CPNs", "CMHT", "Depots", "OT"]);
        let text = "The CMHT’s number";
        assert_eq!(
            found(text, &l.check(text, TextKind::Ordinary), "jargon"),
            ["CMHT"]
        );
        // Short forms match only in capitals; words in any case.
        let text = "I got an ot of cheese. Please DISCHARGE me.";
        assert_eq!(
            found(text, &l.check(text, TextKind::Ordinary), "jargon"),
            ["DISCHARGE"]
        );
        // Whole words only.
        let text = "Depots are depotted. Relapsed friends. Sectioning.";
        assert_eq!(
            found(text, &l.check(text, TextKind::Ordinary), "jargon"),
            ["Depots", "Relapsed"]
        );
    }

    #[test]
    fn jargon_longest_phrase_wins() {
        let l = lang();
        let text = "She has section 117 aftercare and a relapse signature.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(
            found(text, &fs, "jargon"),
            ["section 117 aftercare", "relapse signature"]
        );
        let text = "Under s136 she went to a place of safety.";
        assert_eq!(
            found(text, &l.check(text, TextKind::Ordinary), "jargon"),
            ["s136", "place of safety"]
        );
    }

    #[test]
    fn jargon_in_ordinary_use_is_left_alone() {
        let l = lang();
        for text in [
            "I walk past the bus depot every day.",
            "My key worker is Helen.",
            "I see Marcus for talking therapy.",
            "The community mental health team will ring me.",
            "Ruth is an occupational therapist.",
            "Call NHS 111 or go to A&E.",
        ] {
            assert!(
                l.check(text, TextKind::Ordinary).is_empty(),
                "{text}: {:?}",
                l.check(text, TextKind::Ordinary)
            );
        }
    }

    #[test]
    fn jargon_explained_where_it_stands_is_not_flagged() {
        let l = lang();
        for text in [
            "Ring the CMHT (the community mental health team).",
            "Ring the community mental health team (CMHT).",
            "He has rules to follow. This is called a community treatment order.",
            "Faye is an advocate (she helps Dan have his say).",
            "PRN means medicine you take only when you need it.",
            "This is known as the CPA.",
        ] {
            assert_eq!(
                found(text, &l.check(text, TextKind::Ordinary), "jargon"),
                Vec::<&str>::new(),
                "{text}"
            );
            assert!(!l.hard_words(text).is_empty(), "{text}");
        }
        // Not explanations.
        for (text, term) in [
            ("Please call the CMHT.", "CMHT"),
            ("Ring the CMHT - they are open until 5.", "CMHT"),
            ("The depot, which is due on Monday.", "depot"),
            ("(Ask about the depot.)", "depot"),
        ] {
            assert_eq!(
                found(text, &l.check(text, TextKind::Ordinary), "jargon"),
                [term],
                "{text}"
            );
        }
    }

    #[test]
    fn own_words_get_jargon_only_and_gently() {
        let l = lang();
        let text = "I DNA'd because the XYZ letters confused me and I was so tired that I could not even read a single line of them, honestly it was a really horrible and overwhelming experience.";
        let fs = l.check(text, TextKind::OwnWords);
        assert_eq!(rules_of(&fs), ["jargon"]);
        assert_eq!(found(text, &fs, "jargon"), ["DNA'd"]);
        assert!(fs[0].message.contains("own words"), "{}", fs[0].message);
        assert!(
            fs[0].hint.contains("did not come to an appointment"),
            "{}",
            fs[0].hint
        );
        // The same text in ordinary text gets every rule.
        let ordinary = rules_of(&l.check(text, TextKind::Ordinary));
        assert!(ordinary.contains(&"unknown-abbreviation") && ordinary.contains(&"long-sentence"));
    }

    #[test]
    fn team_terms_and_allowed_words() {
        let extra = [
            Term {
                term: "Recovery College".into(),
                plain: "free courses about mental health".into(),
            },
            Term {
                term: "depot".into(),
                plain: "your injection".into(),
            },
        ];
        let allow = [
            "CMHT".to_string(),
            "XYZ".to_string(),
            "care coordinator".to_string(),
        ];
        let l = Language::new(&extra, &allow);
        let text = "The CMHT, the XYZ and the Recovery College. My depot. My care coordinator and care co-ordinator.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(
            found(text, &fs, "jargon"),
            ["Recovery College", "depot", "care co-ordinator"]
        );
        let depot = fs
            .iter()
            .find(|f| &text[f.start..f.start + f.len] == "depot");
        assert!(
            depot.is_some_and(|f| f.hint.contains("your injection")),
            "{fs:#?}"
        );
        assert!(found(text, &fs, "unknown-abbreviation").is_empty());
        // "Recovery College" has capitals but no word with two: any case matches.
        assert_eq!(
            found(
                "a recovery college",
                &l.check("a recovery college", TextKind::Ordinary),
                "jargon"
            ),
            ["recovery college"]
        );
    }

    #[test]
    fn hard_words_in_first_use_order_without_repeats() {
        let l = lang();
        let text = "Your CPN will check your depot. The CPN (nurse) may step-up care. Another depot. Your care coordinator and care co-ordinator.";
        let words = l.hard_words(text);
        let got: Vec<&str> = words.iter().map(|t| t.term.as_str()).collect();
        // Spelt as the text first spells them, not as the list does.
        assert_eq!(got, ["CPN", "depot", "step-up", "care coordinator"]);
        assert!(l.hard_words("I like tea.").is_empty());
        let got: Vec<String> = l
            .hard_words("He was detained. The responsible clinician agreed.")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(got, ["detained", "responsible clinician"]);
    }

    // --- a plan read as a whole ---------------------------------------------------------------

    fn plan_found(l: &Language, texts: &[&str]) -> Vec<Vec<(String, &'static str)>> {
        let fields: Vec<(&str, TextKind)> =
            texts.iter().map(|t| (*t, TextKind::Ordinary)).collect();
        let (_, found) = l.check_plan(&fields, &["Jade Okafor", "Dr Adeyemi"]);
        found
            .into_iter()
            .zip(texts)
            .map(|(fs, t)| {
                fs.iter()
                    .map(|f| (t[f.start..f.start + f.len].to_string(), f.rule))
                    .collect()
            })
            .collect()
    }

    /// Issue 16: an explanation anywhere in the plan covers every use; a term nobody explains
    /// is pointed out once, where it is first used.
    #[test]
    fn explained_once_anywhere_covers_every_use() {
        let l = lang();
        let texts = [
            "Jade is on a CTO.",
            "The CTO means she must live at her flat.",
            "Jade has a CTO (community treatment order) until June.",
            "Her CTO will be reviewed.",
            "The CTO says she sees the team.",
        ];
        let found = plan_found(&l, &texts);
        assert!(found.iter().all(Vec::is_empty), "{found:?}");
        // Never explained: one finding, at the first use, saying how many there are.
        let texts = [
            "Jade is on a CTO.",
            "Her CTO ends in June.",
            "The CTO says so.",
        ];
        let fields: Vec<(&str, TextKind)> =
            texts.iter().map(|t| (*t, TextKind::Ordinary)).collect();
        let (_, found) = l.check_plan(&fields, &[]);
        let all: Vec<&Finding> = found.iter().flatten().collect();
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(
            all[0].message.contains("used 3 times"),
            "{}",
            all[0].message
        );
        assert!(!found[0].is_empty());
        // Short forms too.
        let texts = [
            "Jade sees the XYZ team.",
            "The XYZ (a team for young people) is kind.",
            "XYZ rings.",
        ];
        assert!(plan_found(&l, &texts).iter().all(Vec::is_empty));
        // The team's own terms are explained by the team's words, in the glossary.
        let team = Language::new(
            &[Term {
                term: "duty worker".into(),
                plain: "the worker on call today".into(),
            }],
            &[],
        );
        assert!(plan_found(&team, &["Ring the duty worker."])[0].is_empty());
        assert_eq!(
            rules_of(&team.check("Ring the duty worker.", TextKind::Ordinary)),
            ["jargon"]
        );
    }

    /// Issue 16: following the hint (explain it in brackets) does not raise a new warning on
    /// the words it added.
    #[test]
    fn a_bracket_explanation_adds_no_reading_warning() {
        let l = lang();
        for text in [
            "Jade goes to DBT (dialectical behaviour therapy) on Tuesday mornings with her group.",
            "Jade has a CTO (community treatment order), so she sees the team every week at home.",
            "Ring the CRHT (the team that helps at home when you are very unwell) at any time.",
        ] {
            let fs = l.check(text, TextKind::Ordinary);
            assert!(fs.is_empty(), "{text}: {fs:?}");
        }
    }

    /// Issue 16: names, medicines and everyday words are not long words.
    #[test]
    fn names_medicines_and_everyday_words_are_not_hard() {
        let l = lang();
        let fields = [(
            "Dr Adeyemi gave Jade promethazine and amlodipine in December, and her family visited the hospital.",
            TextKind::Ordinary,
        )];
        let (_, found) = l.check_plan(&fields, &["Jade Okafor"]);
        for f in &found[0] {
            for w in [
                "Adeyemi",
                "Jade",
                "promethazine",
                "amlodipine",
                "December",
                "family",
                "hospital",
            ] {
                assert!(!f.hint.contains(w), "{w}: {f:?}");
            }
        }
        // The same sentence with long words that are none of these is harder.
        let names = Language::new(&[], &[]);
        let g = |t: &str| {
            let (_, f) = names.check_plan(&[(t, TextKind::Ordinary)], &["Jade Okafor"]);
            f[0].iter().any(|f| f.rule == "reading-level")
        };
        assert!(g(
            "Dr Adeyemi gave Jade considerable reassurance and explanation in consultation, and her relatives contemplated the documentation."
        ));
        let text = "Comprehensive psychological evaluation identified considerable difficulties regarding interpersonal communication. Additional investigation recommended.";
        let fs = l.check(text, TextKind::Ordinary);
        assert!(fs[0].hint.contains("\"psychological\""), "{}", fs[0].hint);
        assert!(!l.passes_easy_read("Monitor for extrapyramidal side effects."));
        assert!(l.passes_easy_read_with("Jade takes olanzapine at night.", &["Jade Okafor"]));
    }

    /// Issue 16: at most two findings a sentence, then how many more.
    #[test]
    fn two_findings_a_sentence_then_how_many_more() {
        let l = lang();
        let text = "The CMHT and the CRHT and the MDT will liaise regarding the depot, which is administered fortnightly by the CPN at the clinic on the corner.";
        let mut fs = l.check(text, TextKind::Ordinary);
        let all = fs.len();
        assert!(all > 2, "{fs:?}");
        l.limit(text, &mut fs);
        assert_eq!(fs.len(), 2, "{fs:?}");
        // One of each kind first: the first term, and that the sentence is long.
        assert_eq!(rules_of(&fs), ["long-sentence", "jargon"]);
        assert!(
            fs[1]
                .message
                .contains(&format!("and {} more in this sentence: jargon (", all - 2)),
            "{}",
            fs[1].message
        );
        // Each sentence has its own two.
        let text = "The CMHT and the CRHT and the MDT. The CPN and the depot and the PRN.";
        let mut fs = l.check(text, TextKind::Ordinary);
        l.limit(text, &mut fs);
        assert_eq!(fs.len(), 4, "{fs:?}");
        let all = l.check(text, TextKind::Ordinary);
        let mut same = all.clone();
        l.limit(text, &mut same);
        let mut again = all;
        l.limit(text, &mut again);
        assert_eq!(same, again);
        let mut every = l.check(text, TextKind::Ordinary);
        let n = every.len();
        lang().with_per_sentence(0).limit(text, &mut every);
        assert_eq!(every.len(), n);
    }

    #[test]
    fn the_built_in_list() {
        let l = lang();
        let n = builtin_term_count();
        println!("built-in terms: {n}, spellings: {}", l.entries.len());
        assert!(n >= 80, "{n}");
        assert_eq!(l.terms().len(), n);
        let mut seen = HashMap::new();
        for e in &l.entries {
            let t = &l.terms[e.term];
            assert!(!t.plain.is_empty(), "{} has no plain words", t.term);
            let key = (e.words.join(" "), e.exact);
            if let Some(other) = seen.insert(key.clone(), e.term) {
                assert_eq!(other, e.term, "{key:?} is in two terms");
            }
        }
        // Every term in the domain.md §7 list is there.
        for term in [
            "CPA",
            "care co-ordinator",
            "CMHT",
            "CRHT",
            "HTT",
            "MDT",
            "EIP",
            "CPN",
            "OT",
            "AMHP",
            "sectioned",
            "s2",
            "s3",
            "s136",
            "CTO",
            "s117",
            "ADRT",
            "capacity",
            "formulation",
            "relapse signature",
            "depot",
            "LAI",
            "PRN",
            "DNA",
            "discharge",
            "step-up",
            "step-down",
            "HoNOS",
            "PROM",
            "DIALOG",
            "GBO",
            "ReQoL",
            "RiO",
            "SystmOne",
            "EPR",
            "LA",
            "ASC",
            "VCSE",
            "IMHA",
            "IMCA",
            "advocate",
            "co-produced",
            "compliance",
            "antipsychotic",
            "titrate",
            "nearest relative",
            "tribunal",
            "IAPT",
            "RC",
            "SHO",
            "psychoeducation",
            "concordance",
            "triage",
            "risk assessment",
            "safeguarding",
        ] {
            assert!(
                !l.hard_words(term).is_empty(),
                "{term} is not in the built-in list"
            );
        }
    }

    // --- abbreviations ----------------------------------------------------------------------

    #[test]
    fn unknown_abbreviation_has_the_exact_span() {
        let l = lang();
        let text = "Ask the XYZ team about QRS's forms.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(found(text, &fs, "unknown-abbreviation"), ["XYZ", "QRS"]);
        assert_eq!((fs[0].start, fs[0].len), (8, 3));
        assert!(fs[0].message.contains("\"XYZ\""));
    }

    #[test]
    fn everyday_abbreviations_numbers_and_shouting_are_fine() {
        let l = lang();
        for text in [
            "Call NHS 111, see your GP, or go to A&E. I'm OK.",
            "I watch TV and use BSL. My PIN and ID are safe. I wrote my CV.",
            "Ring 0113 496 0412 at 9am. Room 12B. Flat 3.",
            "PLEASE RING FIRST.",
            "I do NOT want to go back.",
            "Citizens Advice Bureau (CAB) can help.",
            "I. Single letters. A B C.",
            "Dr AB Khan will ring.",
        ] {
            assert_eq!(
                found(
                    text,
                    &l.check(text, TextKind::Ordinary),
                    "unknown-abbreviation"
                ),
                Vec::<&str>::new(),
                "{text}"
            );
        }
    }

    // --- sentences and reading level ---------------------------------------------------------

    const TWENTY: &str =
        "I will go to the shop on the corner with my sister and we will buy some bread for tea.";

    #[test]
    fn long_sentences() {
        let l = lang();
        assert_eq!(tokenize(TWENTY).len(), 20);
        assert!(l.check(TWENTY, TextKind::Ordinary).is_empty());
        let text = format!("Hello. {} Bye.", TWENTY.replace("tea.", "tea today."));
        let fs = l.check(&text, TextKind::Ordinary);
        assert_eq!(rules_of(&fs), ["long-sentence"]);
        assert_eq!(fs[0].start, 7);
        assert_eq!(
            &text[fs[0].start..fs[0].start + fs[0].len],
            TWENTY.replace("tea.", "tea today.")
        );
        assert!(fs[0].message.contains("21 words"), "{}", fs[0].message);

        let sixteen = "I will go to the shop on the corner with my sister to buy some bread.";
        assert_eq!(tokenize(sixteen).len(), 16);
        assert!(l.check(sixteen, TextKind::Ordinary).is_empty());
        let fs = l.check(sixteen, TextKind::EasyRead);
        assert_eq!(rules_of(&fs), ["long-sentence"]);
        assert_eq!((fs[0].start, fs[0].len), (0, sixteen.len()));
        assert!(
            l.check("I will go to the shop with my sister.", TextKind::EasyRead)
                .is_empty()
        );
        // Each bullet is a sentence of its own.
        let list = "- I will go to the shop\n- I will buy some bread for tea\n- I will walk back with my sister";
        assert!(l.check(list, TextKind::EasyRead).is_empty());
    }

    #[test]
    fn reading_level() {
        let l = lang();
        let hard = "Comprehensive psychological evaluation identified considerable difficulties regarding interpersonal communication. Additional investigation recommended.";
        let fs = l.check(hard, TextKind::Ordinary);
        // "interpersonal" is jargon too (issue 16).
        assert_eq!(rules_of(&fs), ["reading-level", "jargon"]);
        assert_eq!((fs[0].start, fs[0].len), (0, hard.len()));
        assert!(fs[0].hint.contains("\"psychological\""), "{}", fs[0].hint);
        // Short text is not scored, however long its words.
        assert!(
            l.check(
                "Psychological evaluation completed satisfactorily.",
                TextKind::Ordinary
            )
            .is_empty()
        );
        // Easy text passes both.
        let easy = "I like to walk my dog in the park. It helps me feel calm. Then I have a cup of tea at home.";
        assert!(l.check(easy, TextKind::Ordinary).is_empty());
        assert!(l.check(easy, TextKind::EasyRead).is_empty());
        // Between grade 6 and 8: fine for ordinary text, too hard for easy read.
        let middle = "My daughter phones me every Sunday evening after her work. Afterwards I feel happier and more relaxed about the week ahead.";
        let g = flesch_kincaid_grade(middle);
        assert!(g > 6.0 && g <= 8.0, "{g}");
        assert!(l.check(middle, TextKind::Ordinary).is_empty());
        assert_eq!(
            rules_of(&l.check(middle, TextKind::EasyRead)),
            ["reading-level"]
        );
    }

    #[test]
    fn passes_easy_read() {
        let l = lang();
        assert!(l.passes_easy_read("I want to go back to college in January."));
        assert!(l.passes_easy_read(""));
        assert!(!l.passes_easy_read(
            "I want to go back to college in January and finish my music course with my friends."
        ));
        assert!(!l.passes_easy_read("The CPN will visit."));
        assert!(!l.passes_easy_read("The XYZ will visit."));
    }

    // --- passive voice and double negatives ---------------------------------------------------

    #[test]
    fn passive_voice() {
        let l = lang();
        let text = "You will be seen by the doctor. I was told by Helen. My tablets are usually given by the nurse. It is being read by Amira.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(
            found(text, &fs, "passive-voice"),
            [
                "be seen by",
                "was told by",
                "are usually given by",
                "is being read by"
            ]
        );
        assert_eq!(fs[0].start, 9);
        for text in [
            "He was kept in hospital by law.",
            "The rent will be paid by direct debit.",
            "It must be done by the end of March.",
            "The form was sent by post on Monday.",
            "I am worried by the letters.",
            "I was scared by the noise.",
            "My tablets are kept in a locked box.",
            "I was born in Leeds.",
            "I go to bed by ten. I am tired by then.",
            "I was paid by the hour.",
        ] {
            assert_eq!(
                found(text, &l.check(text, TextKind::Ordinary), "passive-voice"),
                Vec::<&str>::new(),
                "{text}"
            );
        }
        assert!(
            l.check("You will be seen by the doctor.", TextKind::OwnWords)
                .is_empty()
        );
    }

    #[test]
    fn double_negatives() {
        let l = lang();
        let text = "It is not unlikely. I don't want nothing. She isn't very unusual. I can't not go. Don't tell no one.";
        let fs = l.check(text, TextKind::Ordinary);
        assert_eq!(
            found(text, &fs, "double-negative"),
            [
                "not unlikely",
                "don't want nothing",
                "isn't very unusual",
                "can't not",
                "Don't tell no one"
            ]
        );
        assert_eq!(fs[0].start, 6);
        for text in [
            "Don't call the police unless someone is in danger.",
            "I don't want to sit around doing nothing all day.",
            "Don't leave me on my own. Nothing helps then.",
            "I do not know. No one told me.",
            "I can't sleep, nothing works.",
            "Please don't say no straight away.",
            "I'm not sure, but I will try.",
        ] {
            assert_eq!(
                found(text, &l.check(text, TextKind::Ordinary), "double-negative"),
                Vec::<&str>::new(),
                "{text}"
            );
        }
    }

    #[test]
    fn every_rule_has_its_text() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "jargon",
                "unknown-abbreviation",
                "long-sentence",
                "reading-level",
                "passive-voice",
                "double-negative"
            ]
        );
        for r in RULES {
            assert_eq!(r.severity, Severity::Warning);
            assert!(r.why.contains("3.3.1"), "{}", r.id);
            for s in [r.summary, r.why, r.fix] {
                assert!(s.ends_with('.'), "{}: {s}", r.id);
            }
        }
    }

    #[test]
    fn hostile_text_does_not_panic() {
        let l = lang();
        for text in [
            "",
            " ",
            "\n\n",
            "]",
            "](",
            "](http",
            "[",
            "1.",
            "1. ",
            "-",
            "- ",
            "**",
            "’s",
            "'",
            "e.g.",
            "Dr.",
            "...",
            "?!",
            "A.",
            "\u{200b}",
            "ǅǅ",
            "ÅÅÅ",
            "İİ",
            "a\u{301}b",
            "12345678901234567890",
            "s",
            "CMHT’",
            "’CMHT",
            "-CMHT-",
            "CMHT's's",
            "by",
            "was",
            "was seen",
            "was seen by",
            "not",
            "not un",
            "🙂 CMHT 🙂",
            "\t- 1) x",
            "#",
            "# heading",
            "> quote. more",
        ] {
            for kind in [TextKind::Ordinary, TextKind::OwnWords, TextKind::EasyRead] {
                for f in l.check(text, kind) {
                    assert!(
                        text.is_char_boundary(f.start) && text.is_char_boundary(f.start + f.len),
                        "{text:?}"
                    );
                }
            }
            let _ = l.hard_words(text);
            let _ = flesch_kincaid_grade(text);
            for (s, e) in sentences(text) {
                assert!(
                    s < e && text.is_char_boundary(s) && text.is_char_boundary(e),
                    "{text:?}"
                );
            }
        }
    }

    // --- the tool's own words ------------------------------------------------------------------

    fn strings(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::String(s) => out.push((path, s.clone())),
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    strings(x, format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    strings(x, p, out);
                }
            }
            _ => {}
        }
    }

    /// Issue 5: every sentence ourplan writes into a copy is grade 5 or below. Labels without a
    /// full stop are short phrases: the formula means nothing for two or three words, so each
    /// word must have 3 syllables or fewer, and all the labels together must be grade 5 or below.
    #[test]
    fn the_tools_own_words_are_grade_5_or_below() {
        let v = serde_json::to_value(crate::words::en()).expect("words serialize");
        let mut all = Vec::new();
        strings(&v, String::new(), &mut all);
        // Read as a reader reads them: the slots filled, and month names (names, like the
        // everyday words the rules allow) left out.
        all.retain(|(path, _)| !path.starts_with("months"));
        for (_, s) in &mut all {
            *s = s
                .replace("{recipient}", "Jo")
                .replace("{name}", "Sam")
                .replace("{parts}", "goals")
                .replace("{count}", "3")
                .replace("{title}", "Sam's plan");
        }
        assert!(all.len() > 100, "{}", all.len());
        let l = lang();
        let mut bad = Vec::new();
        let mut phrases = Vec::new();
        let mut sentences_seen = 0;
        for (path, s) in &all {
            let g = flesch_kincaid_grade(s);
            if s.trim_end().ends_with(['.', '!', '?']) {
                sentences_seen += 1;
                println!("{g:>6.2}  {path}: {s}");
                if g > 5.0 {
                    bad.push(format!("{path}: grade {g:.2}: {s}"));
                }
            } else {
                phrases.push(s.as_str());
                for t in tokenize(s) {
                    let w = &s[t.start..t.end];
                    if syllables(w) > 3 {
                        bad.push(format!(
                            "{path}: \"{w}\" has {} syllables: {s}",
                            syllables(w)
                        ));
                    }
                }
            }
            let ordinary: Vec<String> = l
                .check(s, TextKind::Ordinary)
                .iter()
                .map(|f| format!("{} {}", f.rule, f.message))
                .collect();
            if !ordinary.is_empty() {
                bad.push(format!("{path}: {ordinary:?}: {s}"));
            }
        }
        let pooled = flesch_kincaid_grade(&phrases.join("\n"));
        println!(
            "{} strings: {sentences_seen} sentences, {} labels (grade {pooled:.2} together)",
            all.len(),
            phrases.len()
        );
        if pooled > 5.0 {
            bad.push(format!("the labels together are grade {pooled:.2}"));
        }
        assert!(bad.is_empty(), "too hard:\n{}", bad.join("\n"));
    }

    // --- precision ---------------------------------------------------------------------------

    /// Keys whose values are not prose: ids, numbers, dates, choices, and names of people and
    /// teams (proper nouns, which the language rules should not be run on).
    const NOT_PROSE: &[&str] = &[
        "id",
        "phone",
        "email",
        "picture",
        "kind",
        "sections",
        "formats",
        "status",
        "language",
        "pronouns",
        "date",
        "date_of_birth",
        "target_date",
        "last",
        "next",
        "agreed_on",
        "copy_given_on",
        "offer_by",
        "more_help",
        "name",
        "team",
        "preferred_name",
    ];
    /// The person's own words (docs/plan-format.md: "in my words").
    const OWN_WORDS: &[&str] = &["what_matters", "goal", "my_views", "my_comment"];

    fn plan_texts_in(
        v: &serde_json::Value,
        path: String,
        key: &str,
        out: &mut Vec<(String, String, TextKind)>,
    ) {
        match v {
            serde_json::Value::String(s) => {
                let slug = !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                let date = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
                if NOT_PROSE.contains(&key) || slug || date {
                    return;
                }
                let kind = if key == "easy_read" {
                    TextKind::EasyRead
                } else if OWN_WORDS.contains(&key) {
                    TextKind::OwnWords
                } else {
                    TextKind::Ordinary
                };
                out.push((path, s.clone(), kind));
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    plan_texts_in(x, format!("{path}[{i}]"), key, out);
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    plan_texts_in(x, p, k, out);
                }
            }
            _ => {}
        }
    }

    /// Every prose field of the example plans: (plan file and field, text, kind).
    fn example_plan_texts() -> Vec<(String, String, TextKind)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("plans folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        assert!(!files.is_empty());
        let mut out = Vec::new();
        for f in files {
            let src = std::fs::read_to_string(&f).expect("read plan");
            let v: serde_json::Value = serde_saphyr::from_str(&src).expect("plan is YAML");
            let file = f
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .to_string();
            plan_texts_in(&v, file, "", &mut out);
        }
        out
    }

    fn plain_sentences() -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/plain-sentences.txt");
        std::fs::read_to_string(path)
            .expect("plain sentences")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// Findings on the example plans that are right: the text really has the problem the rule
    /// names. Each is (where the field starts with, rule, text found).
    const RIGHT: &[(&str, &str, &str)] = &[
        // "Advocate" is on the domain.md §7 list. The care team explains it for Faye's role,
        // but these two fields use it bare.
        (
            "daniel-price.yaml.agreement.not_involved.reason",
            "jargon",
            "advocate",
        ),
        (
            "daniel-price.yaml.agreement.written_with[2].role",
            "jargon",
            "Advocate",
        ),
    ];

    /// Issue 5: false alarms under 5%, over the plain sentences and every prose field of the
    /// example plans. Run with `--nocapture` to see the figures.
    #[test]
    fn precision_on_plain_text_and_the_example_plans() {
        let l = lang();
        let mut texts: Vec<(String, String, TextKind)> = plain_sentences()
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    format!("plain-sentences.txt:{}", i + 1),
                    s,
                    TextKind::Ordinary,
                )
            })
            .collect();
        let plain_count = texts.len();
        assert!(plain_count >= 100, "{plain_count}");
        let plan_texts = example_plan_texts();
        let plan_count = plan_texts.len();
        texts.extend(plan_texts);
        let mut findings = 0;
        let mut wrong = Vec::new();
        let mut right = Vec::new();
        let mut per_rule: HashMap<&str, (usize, usize)> = HashMap::new();
        for (place, text, kind) in &texts {
            // Plain sentences are also checked as easy read: they should pass.
            let kinds: &[TextKind] = if place.starts_with("plain-") {
                &[TextKind::Ordinary, TextKind::EasyRead]
            } else {
                std::slice::from_ref(kind)
            };
            let mut seen = HashSet::new();
            for &k in kinds {
                for f in l.check(text, k) {
                    let got = &text[f.start..f.start + f.len];
                    if !seen.insert((f.rule, f.start, f.len)) {
                        continue;
                    }
                    findings += 1;
                    let ok = RIGHT
                        .iter()
                        .any(|(p, r, t)| place.starts_with(p) && *r == f.rule && *t == got);
                    let line = format!("{place} [{:?}] {}: \"{got}\" ({})", k, f.rule, f.message);
                    let e = per_rule.entry(f.rule).or_default();
                    if ok {
                        e.0 += 1;
                        right.push(line);
                    } else {
                        e.1 += 1;
                        wrong.push(line);
                    }
                }
            }
        }
        // The rate is false alarms for each text: every finding on a plain sentence counts as
        // wrong, and on a plan field unless it is listed in RIGHT.
        let rate = wrong.len() as f64 / texts.len() as f64;
        println!(
            "precision: {} texts ({plain_count} plain sentences, checked as ordinary and as easy read; {plan_count} prose fields of the example plans), {findings} findings, {} right, {} false alarms: {:.2}% of texts",
            texts.len(),
            right.len(),
            wrong.len(),
            rate * 100.0
        );
        let mut rules: Vec<_> = per_rule.into_iter().collect();
        rules.sort();
        for (rule, (r, w)) in rules {
            println!("  {rule}: {r} right, {w} wrong");
        }
        for line in &right {
            println!("  right: {line}");
        }
        for line in &wrong {
            println!("  WRONG: {line}");
        }
        assert!(
            rate < 0.05,
            "false alarms {:.1}%:\n{}",
            rate * 100.0,
            wrong.join("\n")
        );
        easy_read_report(&l);
    }

    /// For information: in plans that ask for easy read, the items with no `easy_read` version
    /// whose ordinary text would not pass as easy read (issue 5, part 2: `check` warns for each).
    fn easy_read_report(l: &Language) {
        fn walk(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
            match v {
                serde_json::Value::Object(m) => {
                    let text = ["text", "goal", "what"]
                        .iter()
                        .find_map(|k| m.get(*k).and_then(|t| t.as_str()));
                    if let Some(t) = text
                        && !m.contains_key("easy_read")
                        && m.contains_key("id") == m.contains_key("goal")
                    {
                        out.push((path.clone(), t.to_string()));
                    }
                    for (k, x) in m {
                        walk(x, format!("{path}.{k}"), out);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        walk(x, format!("{path}[{i}]"), out);
                    }
                }
                _ => {}
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("plans")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for path in files {
            let src = std::fs::read_to_string(&path).expect("plan");
            let v: serde_json::Value = serde_saphyr::from_str(&src).expect("yaml");
            let wants = v["person"]["formats"]
                .as_array()
                .is_some_and(|f| f.iter().any(|x| x == "easy-read"));
            if !wants {
                continue;
            }
            let mut items = Vec::new();
            walk(&v, String::new(), &mut items);
            let failing: Vec<_> = items
                .iter()
                .filter(|(_, t)| !l.passes_easy_read(t))
                .collect();
            println!(
                "easy read: {}: {} items without an easy_read version, {} would not pass",
                path.display(),
                items.len(),
                failing.len()
            );
            for (p, t) in failing {
                println!("  {p}: {t}");
            }
        }
    }

    /// The other side of precision: text written the way professionals write. Most of these
    /// sentences should get a finding. Run with `--nocapture` to see which.
    #[test]
    fn professional_text_is_caught() {
        let l = lang();
        let texts = [
            "Service user was discharged from CRHT and stepped down to CMHT.",
            "Care co-ordinator to arrange MDT review following DNA.",
            "Depot to be titrated as per RC.",
            "PRN lorazepam available if agitated.",
            "Pt lacks capacity regarding finances; best interests meeting to be held.",
            "Relapse signature shared with NR.",
            "Formulation co-produced with client during psychoeducation sessions.",
            "Concordance with antipsychotic medication remains poor.",
            "Referred to IPS for vocational support.",
            "Safeguarding referral made to LA following disclosure.",
            "Currently on a CTO; s117 aftercare applies.",
            "Was detained under s3 following a s136 assessment.",
            "AMHP and SOAD contacted regarding tribunal.",
            "Collateral history obtained from mother, who reports deterioration.",
            "Euthymic in mood, no evidence of thought disorder.",
            "Risk assessment completed; protective factors include family.",
            "Step-up to HTT if presentation deteriorates.",
            "ECG and bloods due prior to clozapine initiation.",
            "Engagement with EIP has been variable.",
            "Signposted to IAPT for CBT.",
            "Client presents as guarded with limited insight.",
            "She was reviewed by the consultant on the ward round.",
            "It is not unlikely that he will be readmitted.",
            "Comprehensive multidisciplinary evaluation identified considerable interpersonal difficulties necessitating additional psychological intervention.",
            "Following the assessment the team agreed that a referral to the community rehabilitation service would be appropriate at this time given the current level of need.",
        ];
        let mut missed = Vec::new();
        for t in texts {
            let fs = l.check(t, TextKind::Ordinary);
            let got: Vec<String> = fs
                .iter()
                .map(|f| format!("{} \"{}\"", f.rule, &t[f.start..f.start + f.len]))
                .collect();
            println!("{t}\n    {got:?}");
            if fs.is_empty() {
                missed.push(t);
            }
        }
        println!("caught {} of {}", texts.len() - missed.len(), texts.len());
        assert!(missed.len() <= 2, "{missed:#?}");
    }

    /// A hand-run benchmark: `cargo test --release language::tests::speed -- --ignored
    /// --nocapture`. Checks every prose field of the example plans 1,000 times over.
    #[test]
    #[ignore]
    fn speed() {
        let texts = example_plan_texts();
        let plans = texts
            .iter()
            .map(|(p, _, _)| {
                p.split(':')
                    .next()
                    .unwrap_or("")
                    .split('.')
                    .next()
                    .unwrap_or("")
            })
            .collect::<HashSet<_>>()
            .len();
        let t0 = std::time::Instant::now();
        let l = lang();
        let build = t0.elapsed();
        let rounds = 1000;
        let t1 = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..rounds {
            for (_, text, kind) in &texts {
                n += l.check(text, *kind).len();
                n += l.hard_words(text).len();
            }
        }
        let took = t1.elapsed();
        let per_plan = took.as_secs_f64() * 1e6 / (rounds * plans) as f64;
        println!(
            "speed: Language::new {:?}; {rounds} x {plans} plans ({} fields) checked in {:?}: {per_plan:.1} µs a plan ({n} findings)",
            build,
            texts.len(),
            took
        );
    }
}
