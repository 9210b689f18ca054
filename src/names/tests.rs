use super::*;

fn hides(hidden: &str, text: &str) -> bool {
    People::new([hidden], [], []).in_text(text)
}

#[test]
fn file_names_keep_every_script_and_drop_accents() {
    assert_eq!(file_name("Zoë O'Brien"), "zoe-o-brien");
    assert_eq!(file_name("Siobhán  Kelly (sister)"), "siobhan-kelly-sister");
    assert_eq!(file_name("王伟"), "王伟");
    assert_eq!(file_name("محمد علي"), "محمد-علي");
    assert_ne!(file_name("王伟"), file_name("محمد علي"));
    assert_eq!(file_name("!!"), "x");
}

#[test]
fn long_names_are_cut_to_fit_and_never_collide() {
    let cyrillic = file_name(&"Я".repeat(96));
    let latin = file_name(&"a".repeat(190));
    for n in [&cyrillic, &latin] {
        assert!(n.len() <= MAX_NAME_BYTES, "{} bytes: {n}", n.len());
    }
    assert!(cyrillic.starts_with("яя"), "{cyrillic}");
    // Differ only at the end, beyond the cut: still two names.
    let b = file_name(&format!("{}b", "a".repeat(189)));
    assert_ne!(latin, b);
    assert_eq!(latin, file_name(&"a".repeat(190)), "the same every time");
    // Cut inside a three-byte character: at the boundary before it.
    let chinese = fit(&"王".repeat(60), 50);
    assert!(
        chinese.len() <= 50 && chinese.starts_with('王'),
        "{chinese}"
    );
    assert_eq!(fit("short", 50), "short");
    // A cut that ends on `-` does not give `--`.
    assert!(!fit(&"ab-".repeat(60), 40).contains("--"));
}

#[test]
fn finds_a_name_however_it_is_written() {
    for text in [
        "Marcus came round.",
        "marcus came round",
        "I saw MARCUS.",
        "Marcus's friends",
        "Marcus\u{2019}s friends",
        "Mr Jones called.",
        "Mr. Jones called.",
        "the number is marcus.jones@example.com",
        "Marcus  Jones",
    ] {
        assert!(hides("Marcus Jones", text), "{text}");
    }
    for text in ["Marcusson came", "the jones bakery", "Marc came"] {
        assert!(!hides("Marcus Jones", text), "{text}");
    }
    assert!(hides("Mr Tony Hart", "Tony keeps calling me"));
    assert!(hides("Hart, Raj", "Raj's friends scare me"));
    assert!(hides("Al Brown", "Al came round drunk"));
    assert!(!hides("Al Brown", "We talk about alcohol"));
    assert!(hides("Ed", "Ed shouts"));
    assert!(!hides("Ed", "I was banned"));
    assert!(hides("Siobhán Kelly", "Siobhan rang"));
    // The same letters stored two ways: a precomposed ë, and e with a combining mark.
    assert!(hides("Zo\u{eb}", "Zoe\u{308} rang"));
    assert!(hides("Zoe\u{308} Smith", "Zo\u{eb} rang"));
}

#[test]
fn every_way_of_writing_kelly_marsh_is_found() {
    for text in [
        "K. Marsh rang the ward.",
        "K Marsh",
        "Marsh keeps turning up.",
        "follow kellymarsh88 online",
        "email kmarsh@example.com",
        "Kel\u{ad}ly came round",
        "Kel\u{200b}ly came round",
        "Kel\u{7}ly came round",
        "MARSH Kelly",
        "Marsh, Kelly",
        "Kelly M. came round",
        "Ｋｅｌｌｙ came round",
    ] {
        assert!(hides("Kelly Marsh", text), "{text}");
    }
    assert!(!hides("Kelly Marsh", "We walked by the marsh."));
    assert!(!hides("Kelly Marsh", "Kellyanne came round"));
}

#[test]
fn apostrophes_hyphens_and_spaces_inside_names_do_not_matter() {
    for text in [
        "Mr D'Souza called",
        "Mr DSouza called",
        "Mr D Souza called",
        "C. D'Souza",
        "Ciaran DSouza",
        "Ciarán D Souza",
        "ciarandsouza@example.com",
    ] {
        assert!(hides("Ciarán D'Souza", text), "{text}");
    }
    assert!(hides("Mary-Jane O'Connor", "Mary Jane rang"));
    assert!(hides("Mary-Jane O'Connor", "Maryjane rang"));
    assert!(hides("Mary-Jane O'Connor", "Mrs O Connor rang"));
    assert!(hides("Mary-Jane O'Connor", "Mrs OConnor rang"));
    assert!(hides("Mary Jane Smith", "Mary-Jane rang"));
}

#[test]
fn a_name_listed_surname_first_or_with_invisible_characters_is_still_found() {
    for listed in [
        "MARSH Kelly",
        "Marsh, Kelly",
        "Kel\u{ad}ly Mar\u{200b}sh",
        "Ms Kelly Marsh",
    ] {
        for text in [
            "Kelly came round",
            "Ms Marsh rang",
            "K. Marsh",
            "kellymarsh88",
        ] {
            assert!(hides(listed, text), "{listed}: {text}");
        }
    }
}

#[test]
fn names_in_scripts_without_spaces_are_found_inside_words() {
    assert!(hides("王伟", "我昨天见到王伟了"));
    assert!(hides("王 伟", "我昨天见到王伟了"));
    assert!(!hides("王伟", "我昨天见到李娜了"));
}

#[test]
fn everyday_words_count_only_as_names() {
    assert!(hides("Will Hughes", "Will came to the flat."));
    assert!(hides("Will Hughes", "I told WILL no."));
    assert!(hides("Will Hughes", "will hughes"));
    assert!(!hides("Will Hughes", "I will call the team."));
}

#[test]
fn other_people_with_the_same_first_name_or_surname_stay() {
    let people = People::new(["Kelly Marsh"], [], ["Kelly Jones", "Jo Marsh", "Sam Lee"]);
    assert!(!people.in_text("Kelly Jones will phone every week."));
    assert!(!people.in_text("Jo Marsh is my aunt."));
    assert!(people.in_text("Kelly came round again."));
    assert!(people.in_text("Kelly Marsh came round again."));
    // Listed as someone else: only possible (a warning the team can answer).
    assert_eq!(people.who("Kelly Jones"), Match::Possible);
    // The hidden person listed as a contact is not "someone else".
    let people = People::new(["Kelly Marsh"], [], ["Kelly Marsh", "MARSH Kelly"]);
    assert!(people.in_text("Marsh keeps turning up."));
}

#[test]
fn recipients_who_are_or_name_the_hidden_person() {
    let people = People::new(["Ciarán D'Souza"], [], []);
    for name in [
        "Mr D'Souza",
        "Ciaran DSouza",
        "Ciaran D Souza",
        "C. D'Souza",
        "ciaran d'souza",
        "D'SOUZA Ciaran",
    ] {
        assert_eq!(people.who(name), Match::Certain, "{name}");
    }
    let people = People::new(["Kelly Marsh"], [], []);
    for name in [
        "Ms Marsh",
        "K. Marsh",
        "MARSH Kelly",
        "Kelly and Lee",
        "Kelly's mum",
        "Kelly",
    ] {
        assert_eq!(people.who(name), Match::Certain, "{name}");
    }
    for name in ["Jo Marsh", "J. Marsh", "Marsh", "Jo Kelly"] {
        assert_eq!(people.who(name), Match::Possible, "{name}");
    }
    // Her first name and another word: refused unless the team says who they are.
    for name in ["Kelly Jones", "Kelly Work", "Kelly-Jo", "Kelly Ma"] {
        assert_eq!(people.who(name), Match::Likely, "{name}");
    }
    for name in ["Moorside Surgery", "Leeds Mind", "Sam Lee"] {
        assert_eq!(people.who(name), Match::No, "{name}");
    }
}

#[test]
fn notes_and_other_names_in_a_do_not_contact_entry() {
    for listed in [
        "Kelly Marsh - ex",
        "Kelly Marsh \u{2013} ex-partner",
        "Kelly Marsh: ex",
        "Kelly Marsh, ex-partner",
        "Kelly Marsh née Smith",
        "Kelly Marsh / Kelly Smith",
        "Kelly Marsh aka Kel",
        "Ex-partner Kelly Marsh",
    ] {
        let people = People::new([listed], [], []);
        for text in [
            "Ms Marsh rang",
            "K. Marsh rang",
            "Marsh keeps turning up",
            "kelly marsh",
        ] {
            assert!(people.in_text(text), "{listed}: {text}");
        }
        assert_eq!(people.who("Kelly Marsh"), Match::Certain, "{listed}");
        assert!(People::more_than_a_name(listed), "{listed}");
    }
    let people = People::new(["Kelly Marsh née Smith"], [], []);
    assert!(people.in_text("Kelly Smith rang"));
    let people = People::new(["Kelly Marsh aka Kel"], [], []);
    assert!(people.in_text("Kel rang"));
    assert!(!People::more_than_a_name("Kelly Marsh"));
    assert!(!People::more_than_a_name("Marsh, Kelly"));
}

#[test]
fn middle_names_initials_handles_and_lookalike_letters() {
    let people = People::new(["Kelly Marsh"], [], ["Kelly Anne Marsh"]);
    for text in [
        "Kelly Anne Marsh turning up at my flat",
        "Kelly-Ann Marsh",
        "kellym@example.com",
        "msmarsh@example.com",
        "instagram.com/kellym_",
        "MsMarsh",
        "Kellys flat",
        "[email](mailto:k%6Darsh@example.com)",
        "https://example.com/%4Belly%4Darsh",
        "K\u{435}lly came round",
        "\u{1d0b}\u{1d07}\u{29f}\u{29f}\u{28f} came round",
        "Marsh K",
        "MARSH K.",
    ] {
        assert!(people.in_text(text), "{text}");
    }
    for name in [
        "Kelly Anne Marsh",
        "Kelly-Ann Marsh",
        "Kelly/Lee",
        "Kelly&Lee",
        "Kelly+Lee",
        "Kelly;Lee",
        "Lee/Kelly",
        "Kelly\u{2013}Lee",
        "Kelly|Lee",
        "Marsh's mum",
        "Marsh, K.",
        "MARSH K",
        "K\u{435}lly Marsh",
        "Kelly M\u{430}rsh",
    ] {
        assert_eq!(people.who(name), Match::Certain, "{name}");
    }
    for name in ["The Marsh family", "Miss Kelly", "Lee, Kelly"] {
        assert_eq!(people.who(name), Match::Possible, "{name}");
    }
}

#[test]
fn everyday_words_and_the_persons_own_name_are_not_hidden_names() {
    let own =
        |hidden: &str, text: &str| People::new([hidden], ["Sam Taylor", "Sam"], []).in_text(text);
    assert!(!own("Sam Jones", "Sam goes quiet when unwell."));
    assert!(own("Sam Jones", "Sam Jones came round."));
    assert!(own("Sam Jones", "Mr Jones came round."));
    assert!(!hides(
        "Don Price",
        "I don't like crowds. Don\u{2019}t shout."
    ));
    assert!(hides("Don Price", "Tell Don to go away."));
    assert!(!hides("Cat Price", "My cat helps me."));
    assert!(!hides("Jan Price", "Next review Jan 2027."));
    assert!(!hides("Al Brown", "I go to Al-Anon."));
    assert!(!hides("Ed Green", "ED treatment helps."));
    // A surname that is an everyday word, with a capital at the start of a sentence, is
    // taken as the name: "Marsh keeps turning up" must never reach a copy. Leaving out
    // "Green spaces help me" is the price, and the read-back shows it.
    assert!(hides("Ed Green", "Green spaces help me."));
    assert!(hides("Kelly Marsh", "Marsh keeps turning up."));
    assert!(!hides("Will Hughes", "Will you ring me first?"));
    // A line in capitals could be shouting or a name: taken as the name ("DO NOT LET
    // GRACE IN" must not reach a copy).
    assert!(hides("Will Hughes", "I WILL NOT GO."));
    assert!(!hides("Mo Khan", "MO: on Tuesdays"));
    assert!(hides("Will Hughes", "I told WILL no."));
}

#[test]
fn a_second_attack_stays_fixed() {
    // Recipient names: no everyday-word, month or short-form excuses.
    for (hidden, name) in [
        ("Jo Smith", "JO"),
        ("Jo Smith", "JO & Kim"),
        ("Will Hughes", "will"),
        ("Grace Hill", "grace"),
        ("June Smith", "June 2"),
        ("Alex Smith", "Alex"),
    ] {
        assert_eq!(
            People::new([hidden], [], []).who(name),
            Match::Certain,
            "{hidden}: {name}"
        );
    }
    let own = People::new(["Sam Jones"], ["Sam Taylor"], []);
    assert_eq!(own.who("Sam (ex)"), Match::Certain);
    for name in ["Alex Ex", "Alex Mum", "Alex-and-Jo", "Alex-Jo", "Alex Sm"] {
        assert!(
            People::new(["Alex Smith"], [], []).who(name) >= Match::Likely,
            "{name}"
        );
    }
    // Notes and numbers in the entry do not take the surname's place.
    for listed in [
        "Alex Smith Jr",
        "Alex Smith 34",
        "Alex Smith DOB 1990",
        "Alex Smith ex partner of 5 years",
        "alex Smith - ex",
        "alex smith - ex",
    ] {
        let people = People::new([listed], [], []);
        for text in [
            "Ms Smith rang the ward",
            "Smith keeps turning up",
            "A. Smith rang",
            "Alex came round",
        ] {
            assert!(people.in_text(text), "{listed}: {text}");
        }
        assert!(People::more_than_a_name(listed), "{listed}");
    }
    // Text.
    for (hidden, text) in [
        ("Grace Hill", "Grace has been coming round again."),
        ("Grace Hill", "Note: Grace has my spare key."),
        ("Grace Hill", "Grace, she hits me"),
        ("Grace Hill", "Hill has my keys"),
        ("Grace Hill", "Never give my email to grace@example.com"),
        ("Grace Hill", "See instagram.com/grace for her threats"),
        ("Grace Hill", "DO NOT LET GRACE IN."),
        ("Grace Hill", "Grace-related stress"),
        ("Grace Hill", "My ex-Grace"),
        ("Alex Smith", "Stay away from post-Alex places"),
        ("Alex Smith", "Smith-family house"),
        ("Jo Smith", "Do not tell JO where I live"),
        ("June Smith", "I phoned June 3 times last week."),
        ("May Brown", "May 2 of her friends came round too"),
        ("April Jones", "April, 23, keeps texting me"),
        ("Alex Smith", "\u{13aa}lex came"),
        ("Alex Smith", "A\u{4c0}ex came"),
        ("Alex Smith", "A\u{1c0}ex came"),
        ("Alex Smith", "\u{251}lex came"),
        ("Alex Smith", "<b>A</b>lex hits me"),
    ] {
        assert!(hides(hidden, text), "{hidden}: {text}");
    }
    // A word with letters and digits is a name, not a note (the privacy property test
    // found this one: "Hiddenperson37 O'Nevershown" lost its first name).
    let people = People::new(["Hiddenpers\u{f3}n37 O'Nevershown"], [], []);
    assert_eq!(people.who("Ms O\u{2019}Nevershown"), Match::Certain);
    assert!(People::only_own_first_name("Sam", &["Sam Taylor"]));
    assert!(!People::only_own_first_name("Sam Jones", &["Sam Taylor"]));
}

#[test]
fn nobody_hidden_finds_nothing() {
    let people = People::new([""], [], ["Sam Lee"]);
    assert!(people.is_empty());
    assert!(!people.in_text("anything"));
    assert_eq!(people.who("Sam Lee"), Match::No);
}
