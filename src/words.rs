//! The tool's own words: every heading, label and sentence ourplan writes into a copy, read
//! from one table per language (`src/words/en.toml`, `src/words/cy.toml`, built in; a team adds or
//! overrides one with `words/<lang>.toml` in its project). A table has two parts: `[person]`
//! speaks to the person ("If you are in crisis"), `[others]` is about the person, for a carer
//! or an agency ("If {name} is in crisis"). A word a table lacks is the English one, marked as
//! English so that screen readers and PDFs say it in English (see [`EN_START`]).
//!
//! Plain TOML, not Fluent: a translator edits `key = "words"` in any text editor, the `toml`
//! crate is already used for `ourplan.toml`, and the words need no plurals or grammar rules,
//! only `{name}`-style slots.

use std::collections::{BTreeMap, HashMap};

use std::path::Path;

use std::sync::{Mutex, OnceLock};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Span};

mod script;
mod tables;

pub use script::*;
pub use tables::*;

/// Marks the start of a span of English words in a copy in another language (a word the
/// language's table lacks). HTML turns it into `<span lang="en">`, the PDF templates into
/// `text(lang: "en")`; nothing else ever shows it.
pub const EN_START: char = '\u{E000}';

/// Marks the end of a span started by [`EN_START`].
pub const EN_END: char = '\u{E001}';

/// The built-in tables: language code and TOML text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("words/en.toml")),
    ("cy", include_str!("words/cy.toml")),
    ("ur", include_str!("words/ur.toml")),
    ("ar", include_str!("words/ar.toml")),
];

macro_rules! words {
    ($($key:ident),* $(,)?) => {
        /// Words for one language and audience.
        #[derive(Debug, Clone, Serialize)]
        pub struct Words {
            $(pub $key: &'static str,)*
            pub dialog_areas: [&'static str; 11],
            pub months: [&'static str; 12],
            pub ctp_areas: [&'static str; 8],
            /// What each easy-read picture stands for, in this language (`[pictures]`),
            /// by picture name: its alt text. A picture not here says its English idea.
            pub pictures: BTreeMap<&'static str, &'static str>,
        }

        /// Every key of a table that holds one text.
        pub const KEYS: &[&str] = &[$(stringify!($key)),*];

        impl Words {
            const EMPTY: Words = Words {
                $($key: "",)*
                dialog_areas: [""; 11],
                months: [""; 12],
                ctp_areas: [""; 8],
                pictures: BTreeMap::new(),
            };

            /// The words of a key, by its name; None for a key no table has.
            pub fn get(&self, key: &str) -> Option<&'static str> {
                match key {
                    $(stringify!($key) => Some(self.$key),)*
                    _ => None,
                }
            }

            fn slot(&mut self, key: &str) -> Option<&mut &'static str> {
                match key {
                    $(stringify!($key) => Some(&mut self.$key),)*
                    _ => None,
                }
            }
        }
    };
}

words! {
    plan_title,
    page_title_for,
    skip_link,
    contents,
    page,
    of,
    date_label,
    crisis_now,
    crisis_now_intro,
    crisis_now_numbers,
    key_worker_heading,
    about_me,
    what_matters,
    communication,
    strengths,
    working,
    not_working,
    please_do,
    please_dont,
    important_people,
    do_not_contact,
    goals,
    goals_intro,
    why_it_matters,
    target_date,
    latest_rating,
    actions,
    actions_intro,
    actions_me,
    actions_family,
    actions_services,
    actions_other,
    no_family_actions,
    who,
    when,
    helps_with,
    needs,
    mental_health,
    physical_health,
    housing,
    money,
    work,
    relationships,
    other,
    crisis,
    crisis_intro,
    warning_signs,
    triggers,
    things_i_can_do,
    people_and_places,
    who_can_help,
    others_should,
    others_should_not,
    safe_surroundings,
    what_keeps_me_going,
    services_to_call,
    national_numbers,
    advance_statement,
    advance_made,
    advance_declined,
    advance_not_yet,
    kept_at,
    treatment,
    people_to_tell,
    practical,
    beliefs_and_culture,
    people,
    key_worker,
    care_team,
    carers,
    no_carers,
    involved_yes,
    involved_no,
    copy_offered,
    copy_not_offered,
    agreement,
    written_with,
    my_views,
    not_involved,
    decisions,
    decisions_intro,
    decision_reason,
    decision_comment,
    agreed_on,
    copy_given_on,
    review,
    last_review,
    next_review,
    past_reviews,
    outcomes,
    outcomes_intro,
    goal_ratings,
    goal_ratings_note,
    dialog,
    dialog_note,
    more_help,
    reqol,
    reqol_note,
    area,
    goal,
    date,
    score,
    phone,
    email,
    hours,
    all_day,
    pronouns,
    for_you,
    copy_for,
    shared_parts,
    do_not_pass_on,
    made_with,
    other_copies,
    large_print_pdf,
    easy_read_pdf,
    easy_read_page,
    full_page,
    easy_read_title,
    crisis_card_pdf,
    crisis_card_page,
    easy_title,
    easy_intro_1,
    easy_intro_2,
    easy_other_1,
    easy_other_2,
    words_heading,
    news,
    news_intro,
    news_more,
    news_added,
    news_removed,
    news_changed,
    news_person,
    news_sharing,
    words_intro,
    chart,
    chart_now,
    chart_out_of,
    chart_in,
    chart_then_word,
    chart_now_word,
    chart_latest,
    chart_before,
    chart_higher,
    chart_lower,
    chart_same,
    chart_against,
    page_part,
    reqol_short,
    progress,
    progress_intro,
    card_title,
    card_for,
    card_fold,
    card_fold_short,
    card_services,
    card_print,
    card_both_sides,
    card_both_sides_short,
    life_area,
}

/// Keys that hold a list, and how long it must be.
pub const LISTS: &[(&str, usize)] = &[("dialog_areas", 11), ("months", 12), ("ctp_areas", 8)];

impl Words {
    fn list(&mut self, key: &str) -> Option<&mut [&'static str]> {
        match key {
            "dialog_areas" => Some(&mut self.dialog_areas),
            "months" => Some(&mut self.months),
            "ctp_areas" => Some(&mut self.ctp_areas),
            _ => None,
        }
    }

    /// Sets one key from a table value; false when the table does not have it.
    fn set(&mut self, key: &str, value: Option<&Value>, mark: bool) -> bool {
        let wrap = |s: &str| -> &'static str {
            if mark {
                intern(&format!("{EN_START}{s}{EN_END}"))
            } else {
                intern(s)
            }
        };
        match value {
            Some(Value::One(s)) => match self.slot(key) {
                Some(slot) => {
                    *slot = wrap(s);
                    true
                }
                None => false,
            },
            Some(Value::Many(v)) => match self.list(key) {
                Some(slots) if slots.len() == v.len() => {
                    for (slot, s) in slots.iter_mut().zip(v) {
                        *slot = wrap(s);
                    }
                    true
                }
                _ => false,
            },
            None => false,
        }
    }

    /// What the picture `name` stands for, in these words' language, if the table says.
    pub fn picture(&self, name: &str) -> Option<&'static str> {
        self.pictures.get(name).copied()
    }

    /// "14 March 2026", in these words' month names.
    pub fn date(&self, d: &crate::load::convert::Date) -> String {
        let month = self.months[usize::from(d.0.month().unsigned_abs()) - 1];
        format!("{} {} {}", d.0.day(), month, d.0.year())
    }
}

/// British English, for the person's own copy.
pub fn en() -> &'static Words {
    built_in().words("en", false)
}

/// British English, in a copy for someone else.
#[cfg(test)]
pub fn en_others() -> &'static Words {
    built_in().words("en", true)
}

/// Turns the English marks in a rendered HTML page into `<span lang="en" dir="ltr">`, and takes them out
/// where a span cannot go (inside a tag, so in attributes, and in the `<title>`).
pub fn mark_html(page: &str) -> String {
    if !page.contains([EN_START, EN_END]) {
        return page.to_string();
    }
    let mut out = String::with_capacity(page.len() + 256);
    let mut in_tag = false;
    let mut in_title = false;
    // A span never crosses a tag, and a mark out of place (one a plan's own text could hold)
    // is dropped: the page's structure is the same whatever the text.
    let mut open = false;
    for (i, c) in page.char_indices() {
        match c {
            '<' => {
                if open {
                    out.push_str("</span>");
                    open = false;
                }
                in_tag = true;
                let rest = &page[i..];
                if rest.starts_with("<title") {
                    in_title = true;
                } else if rest.starts_with("</title") {
                    in_title = false;
                }
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            EN_START if !in_tag && !in_title && !open => {
                out.push_str("<span lang=\"en\" dir=\"ltr\">");
                open = true;
            }
            EN_END if open => {
                out.push_str("</span>");
                open = false;
            }
            EN_START | EN_END => {}
            _ => out.push(c),
        }
    }
    if open {
        out.push_str("</span>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words only the person's own copy uses.
    const PERSON_ONLY: &[&str] = &[
        "for_you",
        "easy_intro_1",
        "easy_intro_2",
        "news",
        "news_intro",
        "news_more",
        "news_added",
        "news_removed",
        "news_changed",
    ];

    /// Every (key, text) of a table that is not only for the person's own copy.
    fn texts(w: &Words) -> Vec<(String, String)> {
        let v = serde_json::to_value(w).unwrap();
        let mut out = Vec::new();
        for (k, v) in v.as_object().unwrap() {
            if PERSON_ONLY.contains(&k.as_str()) {
                continue;
            }
            match v {
                serde_json::Value::String(s) => out.push((k.clone(), s.clone())),
                serde_json::Value::Array(a) => out.extend(
                    a.iter()
                        .map(|s| (k.clone(), s.as_str().unwrap().to_string())),
                ),
                _ => {}
            }
        }
        out
    }

    fn speaks_as_the_person(text: &str) -> bool {
        text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            [
                "I", "me", "my", "My", "mine", "your", "Your", "we", "We", "our", "Our",
            ]
            .contains(&w)
        })
    }

    #[test]
    fn the_words_for_someone_else_are_about_the_person_never_as_the_person() {
        let bad: Vec<_> = texts(en_others())
            .into_iter()
            .filter(|(_, t)| speaks_as_the_person(t))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        // The person's own table does speak as them, so the check can fail.
        assert!(texts(en()).iter().any(|(_, t)| speaks_as_the_person(t)));
    }

    /// Every key ourplan uses, in both parts of English and of Welsh: a translator's table
    /// lacking one would put English into a Welsh copy.
    #[test]
    fn every_built_in_key_is_in_english_and_welsh() {
        let t = built_in();
        let en = &t.langs["en"];
        for key in KEYS.iter().chain(LISTS.iter().map(|(k, _)| k)) {
            assert!(en.person.contains_key(*key), "words/en.toml has no {key}");
        }
        assert!(KEYS.len() > 120, "{}", KEYS.len());
        // Every picture says its idea in every language, so no easy-read alt text is English.
        let assets = crate::assets::Assets::embedded_only();
        let pictures: Vec<&str> = assets.pictures().keys().map(String::as_str).collect();
        assert!(pictures.len() > 50, "{}", pictures.len());
        for lang in ["cy", "ur", "ar"] {
            assert_eq!(
                t.missing(lang, pictures.iter().copied()),
                Vec::<String>::new(),
                "{lang}"
            );
            let w = t.words(lang, false);
            for name in &pictures {
                let idea = w.picture(name).unwrap_or_default();
                assert!(
                    !idea.is_empty()
                        && Some(idea) != assets.pictures().get(*name).map(String::as_str),
                    "{lang} {name}: {idea:?}"
                );
            }
            // Both audiences say the same idea.
            assert_eq!(t.words(lang, true).pictures, w.pictures, "{lang}");
        }
        // No table names a picture ourplan does not have (a typo would never be used).
        for (lang, table) in &t.langs {
            for name in table.pictures.keys() {
                assert!(
                    pictures.contains(&name.as_str()),
                    "{lang}: [pictures] {name}"
                );
            }
        }
        // The check can fail: a table without a key is missing it.
        let mut cy = t.langs["cy"].clone();
        cy.person.remove("phone");
        cy.others.remove("goals");
        let short = Tables {
            langs: [("en".to_string(), en.clone()), ("cy".to_string(), cy)].into(),
            id: 99,
        };
        assert_eq!(
            short.missing("cy-GB", ["phone"]),
            ["others.goals", "person.phone"]
        );
        let mut no_phone = short.clone();
        if let Some(cy) = no_phone.langs.get_mut("cy") {
            cy.pictures.remove("phone");
        }
        assert_eq!(
            no_phone.missing("cy-GB", ["phone"]),
            ["others.goals", "person.phone", "pictures.phone"]
        );
        // Every built-in word is filled, with no English mark, in both languages.
        for (lang, others) in ["en", "cy", "ur", "ar"]
            .into_iter()
            .flat_map(|l| [(l, false), (l, true)])
        {
            let v = serde_json::to_value(t.words(lang, others)).unwrap();
            let text = v.to_string();
            assert!(!text.contains(EN_START), "{lang} {others}");
            assert!(!text.contains("\"\""), "{lang} {others}: an empty word");
        }
    }

    /// `[pictures]` says what a picture stands for; anything else there is an error naming
    /// the line, and a team's ideas go over the built-in ones.
    #[test]
    fn a_words_file_says_what_pictures_stand_for() {
        let t = Table::parse(
            "[person]\nphone = \"Ffôn\"\n[pictures]\nphone = \"  Ffonio  \"\n",
            Path::new("words/cy.toml"),
        )
        .unwrap();
        assert_eq!(t.pictures.get("phone").map(String::as_str), Some("Ffonio"));
        let mut tables = built_in().clone();
        let cy = tables.langs.remove("cy").unwrap().with(&t);
        tables.langs.insert("cy".into(), cy);
        tables.id = 11;
        assert_eq!(tables.words("cy", false).picture("phone"), Some("Ffonio"));
        assert_eq!(
            tables.words("cy", true).picture("bus"),
            Some("Teithio o gwmpas")
        );
        // English says the ideas of pictures.tsv: its table has none of its own.
        assert_eq!(en().picture("phone"), None);
        for (text, want) in [
            (
                "[pictures]\nphone = 3\n",
                "`phone` under [pictures] must be words in double quotes",
            ),
            (
                "[pictures]\nphone = \" \"\n",
                "the picture `phone` has no words",
            ),
            ("[picture]\nphone = \"x\"\n", "not [picture]"),
        ] {
            let e = Table::parse(text, Path::new("words/cy.toml")).unwrap_err();
            assert!(e.message.contains(want), "{text}: {e:?}");
            assert_eq!(
                e.span.map(|s| s.line),
                Some(if want.contains("[picture]") { 1 } else { 2 }),
                "{text}"
            );
        }
    }

    /// Every field the shape declares as a labelled line (`@words_key`) has its words in the
    /// built-in tables, so none shows its key in plain English instead.
    #[test]
    fn every_labelled_field_has_its_words() {
        use crate::plan::{Action, Agreement, Decision, Goal, Review};
        let all = [
            Goal::LABELS,
            Action::LABELS,
            Decision::LABELS,
            Agreement::LABELS,
            Review::LABELS,
        ]
        .concat();
        assert!(all.len() >= 13, "{all:?}");
        for key in &all {
            assert!(KEYS.contains(key), "no words for `{key}`");
            assert!(!en().get(key).unwrap_or_default().is_empty(), "{key}");
        }
        assert_eq!(Goal::LABELS, ["why_it_matters", "target_date", "life_area"]);
    }

    /// A team's table that still uses a renamed key is told the new name.
    #[test]
    fn a_renamed_word_says_its_new_name() {
        let e = Table::parse(
            "[person]\nbeliefs = \"Fy nghredoau\"\n",
            Path::new("words/cy.toml"),
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("`beliefs` is now called `beliefs_and_culture`"),
            "{e:?}"
        );
        let e = Table::parse("[person]\nbelief = \"x\"\n", Path::new("words/cy.toml")).unwrap_err();
        assert!(e.message.contains("no word called `belief`"), "{e:?}");
    }

    #[test]
    fn a_word_a_language_lacks_is_english_and_marked_as_english() {
        let team = Table::parse(
            "[person]\nphone = \"Telefon\"\n[others]\ngoals = \"Cele {name}\"\n",
            Path::new("words/pl.toml"),
        )
        .unwrap();
        let mut t = built_in().clone();
        t.langs.insert("pl".into(), team);
        t.id = 7;
        let w = t.words("pl", false);
        assert_eq!(w.phone, "Telefon");
        assert_eq!(w.email, format!("{EN_START}Email{EN_END}"));
        let o = t.words("pl", true);
        assert_eq!(o.goals, "Cele {name}");
        // A word English changes for other people is never the person's own voice.
        assert_eq!(o.about_me, format!("{EN_START}About {{name}}{EN_END}"));
        let gaps = t.missing("pl", ["phone"]);
        assert!(gaps.contains(&"person.email".to_string()), "{gaps:?}");
        assert!(gaps.contains(&"pictures.phone".to_string()), "{gaps:?}");
        let page = mark_html(&format!(
            "<title>{EN_START}Plan{EN_END}</title><a aria-label=\"{EN_START}Email{EN_END}\">{EN_START}Email{EN_END}: x</a>"
        ));
        assert_eq!(
            page,
            "<title>Plan</title><a aria-label=\"Email\"><span lang=\"en\" dir=\"ltr\">Email</span>: x</a>"
        );
        // Marks a plan's own text might hold never break the page: no span crosses a tag.
        let odd = mark_html(&format!(
            "<p>a{EN_END}b{EN_START}c</p><p>d{EN_START}{EN_START}e</p>"
        ));
        assert_eq!(
            odd,
            "<p>ab<span lang=\"en\" dir=\"ltr\">c</span></p><p>d<span lang=\"en\" dir=\"ltr\">e</span></p>"
        );
    }

    #[test]
    fn arabic_script_pages_get_their_fonts_and_no_other_page_does() {
        assert_eq!(script_web_fonts("ur")[0], "NotoNastaliqUrdu-Regular.ttf");
        for t in ["ar", "ar-SA", "fa", "pa-Arab", "ps"] {
            assert_eq!(script_web_fonts(t)[0], "NotoNaskhArabic-Regular.ttf", "{t}");
        }
        for t in ["en-GB", "cy", "he", "pa", "ur-Latn", ""] {
            assert!(script_web_fonts(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn right_to_left_languages_are_known_by_their_tag() {
        for t in ["ur", "ar", "ar-SA", "fa", "he", "pa-Arab"] {
            assert_eq!(direction(t), "rtl", "{t}");
        }
        for t in ["en-GB", "cy", "pl", "pa", "ur-Latn", "bn", ""] {
            assert_eq!(direction(t), "ltr", "{t}");
        }
    }

    #[test]
    fn a_team_overrides_one_word_and_keeps_the_rest() {
        let dir = std::env::temp_dir().join(format!("ourplan-words-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("words")).unwrap();
        std::fs::write(
            dir.join("words/cy.toml"),
            "[person]\nkey_worker = \"Fy nghydgysylltydd gofal\"\n",
        )
        .unwrap();
        let t = Tables::for_project(&dir).unwrap();
        assert_eq!(t.words("cy", false).key_worker, "Fy nghydgysylltydd gofal");
        assert_eq!(t.words("cy", false).phone, "Ffôn");
        std::fs::write(dir.join("words/cy.toml"), "[person]\n\nphon = \"Ffôn\"\n").unwrap();
        let e = Tables::for_project(&dir).unwrap_err();
        assert!(e.message.contains("no word called `phon`"), "{}", e.message);
        assert_eq!(e.span.map(|s| s.line), Some(3));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn both_tables_have_the_same_keys() {
        let keys = |w: &Words| -> Vec<String> {
            serde_json::to_value(w)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        assert_eq!(keys(en()), keys(en_others()));
    }
}
