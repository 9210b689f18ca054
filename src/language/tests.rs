//! Tests of the language rules as a whole: every rule has its words, hostile text never
//! panics, and the tool's own words are easy to read; and the helpers the other tests share.

use super::*;
use crate::diagnostic::Severity;
use crate::language::syllables::syllables;
use crate::language::tokens::{sentences, tokenize};

pub(super) fn lang() -> Language {
    Language::new(&[], &[])
}

/// The findings of one rule as (rule, found text) pairs.
pub(super) fn found<'a>(text: &'a str, fs: &[Finding], rule: &str) -> Vec<&'a str> {
    fs.iter()
        .filter(|f| f.rule == rule)
        .map(|f| &text[f.start..f.start + f.len])
        .collect()
}

pub(super) fn rules_of(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.rule).collect()
}

#[test]
fn every_rule_has_its_text() {
    let ids: Vec<&str> = crate::catalog::language_rules().map(|r| r.id).collect();
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
    for r in crate::catalog::language_rules() {
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
