//! Chooses easy read's picture for each idea that the view left with its section's picture:
//! a person by their relationship (mum, friend, nurse), a number to call by what it is, and a
//! "no" mark on the things the person asks people not to do. Alt text says the idea.

use super::{Block, Document, Pictures};

/// The picture for a person or service, from the words that say who they are ("Mum", "Best
/// friend", "Community mental health nurse", "Samaritans"), or none when nothing fits.
pub fn for_person(words: &str) -> Option<&'static str> {
    let lower = words.to_lowercase();
    let has = |list: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| list.contains(&w))
    };
    if has(&["999", "ambulance", "emergency"]) {
        Some("ambulance")
    } else if has(&["doctor", "gp", "psychiatrist", "dr", "surgery"]) {
        Some("doctor")
    } else if has(&["nurse", "nurses"]) {
        Some("nurse")
    } else if has(&["pharmacy", "pharmacist", "chemist"]) {
        Some("pharmacy")
    } else if has(&["hospital", "ward"]) {
        Some("hospital")
    } else if has(&[
        "mum",
        "mother",
        "mom",
        "dad",
        "father",
        "parent",
        "parents",
        "sister",
        "brother",
        "son",
        "daughter",
        "aunt",
        "auntie",
        "uncle",
        "nan",
        "nana",
        "gran",
        "granny",
        "grandma",
        "grandad",
        "grandmother",
        "grandfather",
        "wife",
        "husband",
        "partner",
        "cousin",
        "nephew",
        "niece",
        "family",
        "stepmum",
        "stepdad",
    ]) {
        Some("family")
    } else if has(&["friend", "friends", "neighbour", "mate"]) {
        Some("friends")
    } else if has(&[
        "worker",
        "social",
        "support",
        "carer",
        "coordinator",
        "officer",
    ]) {
        Some("carer")
    } else if has(&[
        "line",
        "111",
        "samaritans",
        "helpline",
        "crisis",
        "team",
        "service",
    ]) {
        Some("phone")
    } else {
        None
    }
}

/// Gives each contact of an easy-read view a picture of who they are, and marks the entries of
/// "please don't" lists with a "no" sign. `dont_headings` are the headings of those lists.
pub fn choose(doc: &mut Document, pictures: &dyn Pictures, dont_headings: &[&str]) {
    for section in &mut doc.sections {
        for block in &mut section.blocks {
            match block {
                Block::Contacts { items, .. } => {
                    for c in items {
                        let who = format!("{} {}", c.detail.as_deref().unwrap_or(""), c.name);
                        let pic = for_person(&who)
                            .or(c.phone.as_ref().map(|_| "phone"))
                            .unwrap_or("person");
                        if pictures.alt(pic).is_some() {
                            c.picture = Some(pic.to_string());
                            // The relationship says the idea ("Mum"); without one, the name
                            // beside it already does, so the picture is decoration.
                            c.picture_alt = c.detail.clone().filter(|d| !d.trim().is_empty());
                        }
                    }
                }
                Block::List {
                    heading: Some(h),
                    items,
                } if dont_headings.contains(&h.as_str()) => {
                    for e in items {
                        e.no = true;
                        // A warning triangle under a "no" sign says nothing: the sign alone.
                        if e.picture.as_deref() == Some("warning") {
                            e.picture = None;
                            e.picture_alt = None;
                        }
                        // The picture's idea, said the way the list says it.
                        if let Some(alt) = &e.picture_alt {
                            e.picture_alt = Some(format!("{h}: {alt}"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_get_a_picture_of_who_they_are() {
        for (words, want) in [
            ("Mum Grace Okafor", Some("family")),
            ("Little brother, 14 Samuel", Some("family")),
            ("Best friend Tia Morgan", Some("friends")),
            ("Community mental health nurse Helen Brooks", Some("nurse")),
            ("Psychiatrist Dr Ravi Menon", Some("doctor")),
            (
                "Social worker, Riverside early help team Priya Shah",
                Some("carer"),
            ),
            ("Emergency services", Some("ambulance")),
            ("Samaritans", Some("phone")),
            ("Riverside mental health crisis line", Some("phone")),
            ("Khalid Mahmood", None),
        ] {
            assert_eq!(for_person(words), want, "{words}");
        }
    }

    #[test]
    fn a_word_inside_another_word_does_not_count() {
        // "mum" in "Mumford", "son" in "Samsonite", "gp" in "gpx".
        assert_eq!(for_person("Mumford Samsonite"), None);
    }
}
