//! Tests of jargon and short forms.

use super::*;
use crate::language::tests::{found, lang, rules_of};
use crate::language::{Language, TextKind};

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
