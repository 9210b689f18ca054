//! Words and sentences: splits a text into words (byte ranges) and sentences, the same for
//! the reading formulas and every rule (see the notes in `language`).

use std::borrow::Cow;

/// A word: a byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// The end of the non-space chunk starting at `i`.
pub(super) fn chunk_end(text: &str, i: usize) -> usize {
    text[i..]
        .find(char::is_whitespace)
        .map_or(text.len(), |n| i + n)
}

/// Splits text into words (see the module notes).
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
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
pub(super) const NO_END_BEFORE_DOT: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "st", "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "tel",
    "ext", "nr",
];
/// Words before a full stop that end a sentence only when a capital letter follows.
pub(super) const MAYBE_END_BEFORE_DOT: &[&str] = &["etc", "a.m", "p.m"];

/// Byte ranges of sentences, before dropping those with no words.
pub(super) fn raw_sentences(text: &str) -> Vec<(usize, usize)> {
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
pub(super) struct Sent {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) first: usize,
    pub(super) last: usize,
}

pub(super) fn split(text: &str, toks: &[Tok]) -> Vec<Sent> {
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

/// Curly quotes and Unicode hyphens written as plain ones, so spellings compare.
pub(super) fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{2010}', '\u{2011}'], "-")
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

/// The words of a text with their lower-case forms, for matching.
pub(super) struct Words<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Each word with curly apostrophes and special hyphens made plain.
    pub(super) raw: Vec<Cow<'a, str>>,
    /// The same in lower case.
    pub(super) lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    pub(super) fn new(text: &'a str, toks: Vec<Tok>) -> Words<'a> {
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

    pub(super) fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when only spaces (no line break) come between word `i` and word `i + 1`.
    pub(super) fn gap_is_space(&self, i: usize) -> bool {
        let gap = &self.text[self.toks[i].end..self.toks[i + 1].start];
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
    }

    /// The text between word `i` and word `i + 1`.
    pub(super) fn gap(&self, i: usize) -> &str {
        &self.text[self.toks[i].end..self.toks[i + 1].start]
    }
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
