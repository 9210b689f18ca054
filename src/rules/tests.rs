use super::*;

#[test]
fn slugs() {
    assert!(is_slug("back-to-work2"));
    assert!(!is_slug("Back to work"));
    assert_eq!(slugify("Amira  Ahmed (sister)"), "amira-ahmed-sister");
    assert_eq!(slugify("!!"), "x");
}

#[test]
fn twenty_four_hours() {
    assert!(is_24_hours("24 hours"));
    assert!(is_24_hours("Open 24/7"));
    assert!(!is_24_hours("9am to 5pm"));
}

#[test]
fn every_rule_has_plain_words() {
    for r in crate::catalog::all() {
        assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.fix.is_empty());
        assert!(is_slug(r.id), "{}", r.id);
    }
}
