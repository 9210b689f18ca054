//! Tests of how text is split into words and sentences.

use super::*;

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
        words_of("- **Ring** me on 0113 496 0412.\n1. See [the NHS](https://www.nhs.uk/x) site"),
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
