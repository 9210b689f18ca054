//! A text read as words (letters or digits, with their case and place), and the search for
//! a name spelled by a run of them.

use super::*;

/// One word of a text: letters only or digits only, in lower case.
#[derive(Debug)]
pub(super) struct Word {
    pub(super) text: String,
    /// Written with a capital first letter.
    pub(super) capital: bool,
    /// Written all in capitals (two letters or more).
    pub(super) upper: bool,
    /// Digits, not letters.
    pub(super) number: bool,
    /// Joined to the word before by a hyphen ("Al-Anon").
    pub(super) hyphen_before: bool,
    /// The first word of a sentence, a line or the text.
    pub(super) starts: bool,
    /// Part of a link address, an email address or a handle (written with `@` or `/`).
    pub(super) link: bool,
}

/// A text read as words, and as one run of its letters for scripts without spaces.
pub(super) struct Read {
    pub(super) words: Vec<Word>,
    pub(super) letters: String,
}

pub(super) fn read(text: &str) -> Read {
    let kept = for_matching(text);
    let chars: Vec<char> = kept.chars().collect();
    let mut words: Vec<Word> = Vec::new();
    let mut letters = String::new();
    let mut cur = String::new();
    let mut start = 0usize;
    let mut digits = false;
    let mut hyphen = false;
    let mut starts = true;
    fn flush(
        words: &mut Vec<Word>,
        cur: &mut String,
        written: &[char],
        hyphen: bool,
        starts: bool,
    ) {
        if cur.is_empty() {
            return;
        }
        let written: Vec<char> = written
            .iter()
            .copied()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let letters = written.iter().filter(|c| c.is_alphabetic()).count();
        words.push(Word {
            number: written.iter().all(|c| c.is_numeric()),
            capital: written.first().is_some_and(|c| c.is_uppercase()),
            upper: letters >= 2 && !written.iter().any(|c| c.is_lowercase()),
            text: std::mem::take(cur),
            hyphen_before: hyphen,
            starts,
            link: false,
        });
    }
    // Words of the current run without spaces, and whether it holds `@` or `/`.
    let mut chunk_start = 0usize;
    let mut chunk_link = false;
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '@' || ch == '/' {
            chunk_link = true;
        }
        if ch.is_whitespace() {
            flush(&mut words, &mut cur, &chars[start..i], hyphen, starts);
            if chunk_link {
                for w in &mut words[chunk_start..] {
                    w.link = true;
                }
            }
            chunk_start = words.len();
            chunk_link = false;
        }
        if ch.is_alphanumeric() {
            letters.extend(ch.to_lowercase());
            let is_digit = ch.is_numeric();
            if !cur.is_empty() && is_digit != digits {
                flush(&mut words, &mut cur, &chars[start..i], hyphen, starts);
                hyphen = false;
                starts = false;
            }
            if cur.is_empty() {
                start = i;
                digits = is_digit;
            }
            cur.extend(ch.to_lowercase());
            i += 1;
            continue;
        }
        // "don't", "can't": one word, not a name and a "t".
        if ch == '\''
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|c| *c == 't' || *c == 'T')
            && !chars.get(i + 2).is_some_and(|c| c.is_alphanumeric())
        {
            i += 1;
            continue;
        }
        let had = !cur.is_empty();
        flush(&mut words, &mut cur, &chars[start..i], hyphen, starts);
        if had {
            hyphen = false;
            starts = false;
        }
        if ch == '-' && had && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            hyphen = true;
        }
        if matches!(ch, '.' | '!' | '?' | '\n' | ':' | ';' | '*' | '#' | '>')
            && !(ch == '.'
                && words.last().is_some_and(|w| {
                    w.text.chars().count() == 1 || TITLES.contains(&w.text.as_str())
                }))
        {
            starts = true;
        }
        i += 1;
    }
    flush(&mut words, &mut cur, &chars[start..], hyphen, starts);
    if chunk_link {
        for w in &mut words[chunk_start..] {
            w.link = true;
        }
    }
    Read { words, letters }
}

/// Where the words from `at` on, joined, spell `target`: the end of that run.
pub(super) fn spells(words: &[Word], at: usize, target: &str) -> Option<usize> {
    if target.is_empty() {
        return None;
    }
    let mut rest = target;
    for (j, w) in words.iter().enumerate().skip(at) {
        rest = rest.strip_prefix(w.text.as_str())?;
        if rest.is_empty() {
            return Some(j + 1);
        }
    }
    None
}
