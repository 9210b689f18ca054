//! Right-to-left copies: the plan's own left-to-right text (an English sentence, "24 hours",
//! a Latin name) is isolated, so that it keeps its own order inside an Urdu or Arabic page.
//!
//! Without it the bidirectional algorithm lays such text out inside the right-to-left line:
//! "24 hours" shows as "hours 24", and "I want to go back to work." puts its full stop first.
//! Each piece of the plan's text (a paragraph, a contact's name, a table cell) that is mostly
//! left-to-right letters, and starts with one, becomes a first-strong isolate (U+2068 ...
//! U+2069), which browsers and typst both follow. The tool's own words are left alone: they
//! are in the copy's language, and the names inside them are short runs the algorithm
//! places well.

use super::*;
use crate::render::markdown::{Inline, inline_plain};
use unicode_bidi::{BidiClass, bidi_class};

const START: char = '\u{2068}';
const END: char = '\u{2069}';

/// True when `s` reads left to right on its own: it starts with a left-to-right letter
/// (after any numbers, spaces and marks) and has more of them than right-to-left ones.
fn reads_left_to_right(s: &str) -> bool {
    let mut first = None;
    let (mut ltr, mut rtl) = (0usize, 0usize);
    for c in s.chars() {
        match bidi_class(c) {
            BidiClass::L => {
                ltr += 1;
                first.get_or_insert(true);
            }
            BidiClass::R | BidiClass::AL => {
                rtl += 1;
                first.get_or_insert(false);
            }
            // An isolate already made (a date) is left as it is.
            BidiClass::FSI | BidiClass::LRI | BidiClass::RLI => return false,
            _ => {}
        }
    }
    first == Some(true) && ltr > rtl
}

fn isolate(s: &mut String) {
    if reads_left_to_right(s) {
        *s = format!("{START}{s}{END}");
    }
}

fn isolate_opt(s: &mut Option<String>) {
    if let Some(s) = s {
        isolate(s);
    }
}

fn isolate_rich(r: &mut Rich) {
    r.each_paragraph(&mut |c: &mut Vec<Inline>| {
        let mut text = String::new();
        inline_plain(c, &mut text);
        if reads_left_to_right(&text) {
            c.insert(0, Inline::Text { s: START.into() });
            c.push(Inline::Text { s: END.into() });
        }
    });
}

/// Isolates the plan's left-to-right text in a right-to-left copy; leaves any other copy
/// as it is.
pub(super) fn isolate_plan_text(doc: &mut Document) {
    if doc.dir != "rtl" {
        return;
    }
    for s in &mut doc.sections {
        for b in &mut s.blocks {
            match b {
                Block::Paragraph { text } => isolate_rich(text),
                Block::List { items, .. } => {
                    for e in items {
                        isolate_rich(&mut e.text);
                        if let Some(card) = &mut e.card {
                            isolate_rich(card);
                        }
                        for m in &mut e.meta {
                            isolate(&mut m.value);
                        }
                    }
                }
                Block::Contacts { items, .. } => {
                    for c in items {
                        isolate(&mut c.name);
                        isolate_opt(&mut c.detail);
                        isolate_opt(&mut c.when);
                        if let Some(note) = &mut c.note {
                            isolate_rich(note);
                        }
                    }
                }
                Block::Facts { items, .. } => {
                    for f in items {
                        isolate_rich(&mut f.value);
                    }
                }
                Block::Table { rows, .. } => rows.iter_mut().flatten().for_each(isolate),
                // The summary is the tool's sentence, in the copy's language.
                Block::Chart(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_isolated_and_right_to_left_text_is_not() {
        for (s, ltr) in [
            ("24 hours", true),
            ("I want to go back to work.", true),
            ("Sarah Khan", true),
            ("24 گھنٹے (24/7)", false),
            ("میں دوبارہ کام پر جانا چاہتا ہوں۔", false),
            // Mostly Urdu, starting with an English name: the line stays right to left.
            ("Mum کو ہر شام فون کریں", false),
            // An Urdu sentence with one English word inside.
            ("میں ہر منگل کو job club جاؤں گا۔", false),
            ("0800 123 4567", false),
            ("\u{2068}10 نومبر 2026\u{2069}", false),
            ("", false),
        ] {
            assert_eq!(reads_left_to_right(s), ltr, "{s}");
        }
        let mut s = "24 hours".to_string();
        isolate(&mut s);
        assert_eq!(s, "\u{2068}24 hours\u{2069}");
    }

    #[test]
    fn a_paragraph_is_isolated_whole_and_its_html_made_again() {
        let mut r = rich("I use **two** inhalers.");
        isolate_rich(&mut r);
        assert_eq!(
            r.html,
            "\u{2068}I use <strong>two</strong> inhalers.\u{2069}"
        );
        let mut r = rich("- میں ٹھیک ہوں\n- I am fine");
        isolate_rich(&mut r);
        assert!(r.html.contains("<li>میں ٹھیک ہوں</li>"), "{}", r.html);
        assert!(r.html.contains("\u{2068}I am fine\u{2069}"), "{}", r.html);
    }
}
