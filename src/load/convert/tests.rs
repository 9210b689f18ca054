use super::*;

#[test]
fn suggestions_catch_typos_and_dashes() {
    let f = &["preferred_name", "pronouns", "name"];
    assert_eq!(did_you_mean("preferred-name", f), Some("preferred_name"));
    assert_eq!(did_you_mean("pronoun", f), Some("pronouns"));
    assert_eq!(did_you_mean("nmae", f), Some("name"));
    assert_eq!(did_you_mean("favourite_colour", f), None);
}
