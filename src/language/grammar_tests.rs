//! Tests of passive voice and double negatives.

use crate::language::TextKind;
use crate::language::tests::{found, lang};

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
