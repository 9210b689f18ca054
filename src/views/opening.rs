//! The section table of a copy: for each section, its id in the page, the parts of the plan a
//! reader must be allowed to see for it to be shown at all, its heading, introduction and
//! picture. Every section of a view opens from here, so none of them says it again.

use super::*;

/// How one section of a copy opens.
pub struct Opening {
    /// Its id in the page (`id="crisis"`), and in the PDFs' data.
    pub id: &'static str,
    /// The parts of the plan it shows: a copy for someone else has the section only when
    /// the person shares every one of them. None: every copy has it.
    pub needs: &'static [S],
    pub heading: fn(&Words) -> &'static str,
    pub intro: fn(&Words) -> Option<&'static str>,
    /// The picture beside it in easy read.
    pub picture: &'static str,
}

/// The box at the top: the numbers to call at any time and the key worker. Every copy has
/// it; what it holds depends on what is shared.
pub const CRISIS_NOW: Opening = Opening {
    id: "crisis-now",
    needs: &[],
    heading: |w| w.crisis_now,
    intro: |w| Some(w.crisis_now_intro),
    picture: "phone",
};
/// What is new since the last review: after the crisis box, when `build` knows the plan's
/// last reviewed version (see `add_news`).
pub const WHATS_NEW: Opening = Opening {
    id: "whats-new",
    needs: &[],
    heading: |w| w.news,
    intro: |w| Some(w.news_intro),
    picture: "star",
};
pub const THIS_PLAN: Opening = Opening {
    id: "this-plan",
    needs: &[],
    heading: |w| w.easy_title,
    intro: |_| None,
    picture: "document",
};
pub const ABOUT_ME: Opening = Opening {
    id: "about-me",
    needs: &[S::AboutMe],
    heading: |w| w.about_me,
    intro: |_| None,
    picture: "person",
};
pub const GOALS: Opening = Opening {
    id: "goals",
    needs: &[S::Goals],
    heading: |w| w.goals,
    intro: |w| Some(w.goals_intro),
    picture: "goal",
};
pub const ACTIONS: Opening = Opening {
    id: "actions",
    needs: &[S::Actions],
    heading: |w| w.actions,
    intro: |w| Some(w.actions_intro),
    picture: "group",
};
pub const NEEDS: Opening = Opening {
    id: "needs",
    needs: &[S::Needs],
    heading: |w| w.needs,
    intro: |_| None,
    picture: "help",
};
pub const CRISIS: Opening = Opening {
    id: "crisis",
    needs: &[S::Crisis],
    heading: |w| w.crisis,
    intro: |w| Some(w.crisis_intro),
    picture: "crisis",
};
pub const WISHES: Opening = Opening {
    id: "wishes",
    needs: &[S::AdvanceStatement],
    heading: |w| w.advance_statement,
    intro: |_| None,
    picture: "document",
};
/// Always there: it holds the key worker; its other parts check what is shared themselves.
pub const PEOPLE: Opening = Opening {
    id: "people",
    needs: &[],
    heading: |w| w.people,
    intro: |_| None,
    picture: "group",
};
pub const AGREEMENT: Opening = Opening {
    id: "agreement",
    needs: &[S::Agreement],
    heading: |w| w.agreement,
    intro: |_| None,
    picture: "pen",
};
pub const REVIEW: Opening = Opening {
    id: "review",
    needs: &[S::Review],
    heading: |w| w.review,
    intro: |_| None,
    picture: "calendar",
};
pub const OUTCOMES: Opening = Opening {
    id: "outcomes",
    needs: &[S::Outcomes],
    heading: |w| w.outcomes,
    intro: |w| Some(w.outcomes_intro),
    picture: "star",
};
/// Easy read's "How I am doing": the scores of goals, so both must be shared.
pub const PROGRESS: Opening = Opening {
    id: "progress",
    needs: &[S::Outcomes, S::Goals],
    heading: |w| w.progress,
    intro: |w| Some(w.progress_intro),
    picture: "goal",
};

/// "Words we use": the hard words the copy uses, explained. Last.
pub const WORDS: Opening = Opening {
    id: "words",
    needs: &[],
    heading: |w| w.words_heading,
    intro: |w| Some(w.words_intro),
    picture: "book",
};

/// Every section a copy can have, in the order the copy shows them.
pub const SECTIONS: [&Opening; 14] = [
    &THIS_PLAN,
    &CRISIS_NOW,
    &ABOUT_ME,
    &GOALS,
    &ACTIONS,
    &NEEDS,
    &CRISIS,
    &WISHES,
    &PEOPLE,
    &AGREEMENT,
    &REVIEW,
    &OUTCOMES,
    &PROGRESS,
    &WORDS,
];

impl ViewBuilder<'_> {
    /// The section, empty, when this copy may show it; else None.
    pub(super) fn open(&self, o: &Opening) -> Option<Section> {
        o.needs
            .iter()
            .all(|s| self.audience.sees(*s))
            .then(|| self.opened(o))
    }

    /// The section, empty, in this copy's words.
    pub(super) fn opened(&self, o: &Opening) -> Section {
        Section {
            id: o.id,
            heading: self.t((o.heading)(self.w)),
            picture: Some(o.picture.to_string()),
            intro: (o.intro)(self.w).map(|i| self.t(i)),
            blocks: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_its_own_id_and_a_picture_easy_read_has() {
        let mut ids: Vec<&str> = SECTIONS.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SECTIONS.len());
        let assets = crate::assets::Assets::embedded_only();
        for o in SECTIONS {
            assert!(assets.alt(o.picture).is_some(), "{}: {}", o.id, o.picture);
            assert!(!(o.heading)(crate::words::en()).is_empty(), "{}", o.id);
        }
    }

    /// Every field a section shows as it is has its own words in every built-in language,
    /// and a picture easy read has.
    #[test]
    fn every_shown_field_has_words_and_a_picture() {
        use crate::load::convert::Blank;
        let span = crate::diagnostic::Span::default();
        let about = crate::plan::AboutMe::blank(span);
        let needs = crate::plan::Needs::blank(span);
        let crisis = crate::plan::Crisis::blank(span);
        let advance = crate::plan::AdvanceStatement::blank(span);
        let fields: Vec<_> = [
            about.shown(),
            needs.shown(),
            crisis.shown(),
            advance.shown(),
        ]
        .into_iter()
        .flatten()
        .collect();
        assert!(fields.len() >= 29, "{}", fields.len());
        let assets = crate::assets::Assets::embedded_only();
        let tables = crate::words::Tables::default();
        for f in fields {
            assert!(
                assets.alt(f.picture).is_some(),
                "{}: {}",
                f.field,
                f.picture
            );
            for lang in ["en", "cy", "ur", "ar"] {
                for others in [false, true] {
                    let w = tables.words(lang, others).get(f.field);
                    // (A word a table lacks would be English, marked as English.)
                    assert!(
                        w.is_some_and(|w| !w.is_empty() && !w.contains(crate::words::EN_START)),
                        "{lang}: {}",
                        f.field
                    );
                }
            }
        }
    }
}
