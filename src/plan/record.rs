//! The record of the plan: how it was agreed, its reviews, and the scores of how things are
//! going (goal ratings, DIALOG, ReQoL).

use super::*;

plan_struct! {
    /// Who wrote the plan and what the person thinks.
    pub struct Agreement {
        /// Who wrote the plan together.
        #[serde(default)]
        list written_with: Vec<Author>,
        /// What I think of my plan, in my words.
        @my_views opt my_views: Text as Own,
        /// When the person could not, or chose not to, take part.
        @not_involved opt not_involved: NotInvolved,
        /// Decisions made against my wishes.
        #[serde(default)]
        list decisions_against_my_wishes: Vec<Decision>,
        /// When the plan was agreed.
        @agreed_on opt agreed_on: Sp<Date>,
        /// When I was given a copy.
        @copy_given_on opt copy_given_on: Sp<Date>,
    }
}

plan_struct! {
    /// Someone who helped write the plan.
    pub struct Author {
        /// Their name.
        req name: Text as Name,
        /// Their role, for example "me" or "key worker".
        opt role: Text as Label,
    }
}

plan_struct! {
    /// A statement that the person could not, or chose not to, take part.
    pub struct NotInvolved {
        /// Why.
        req reason: Text as Text,
    }
}

/// Shown as its reason.
impl AsLabelled for NotInvolved {
    fn labelled(&self, _: Option<Kind>) -> Option<LabelledValue<'_>> {
        self.reason.labelled(Some(Kind::Text))
    }
}

item_struct! {
    /// A decision made against the person's wishes.
    pub struct Decision {
        /// The decision.
        req decision: Text as Text,
        /// The reason for it.
        @decision_reason req reason: Text as Text,
        /// What I think about it, in my words.
        @decision_comment opt my_comment: Text as Own,
    }
}

plan_struct! {
    /// When the plan was and will be reviewed.
    pub struct Review {
        /// The last review.
        @last_review opt last: Sp<Date>,
        /// The next review: no more than 12 months after the last one.
        @next_review req next: Sp<Date>,
        /// Earlier reviews.
        #[serde(default)]
        list history: Vec<PastReview>,
    }
}

item_struct! {
    /// An earlier review.
    pub struct PastReview {
        /// When it was.
        req date: Sp<Date>,
        /// What happened, in a sentence or two.
        opt summary: Text as Text,
    }
}

plan_struct! {
    /// Outcome ratings over time.
    pub struct Outcomes {
        /// DIALOG ratings.
        #[serde(default)]
        list dialog: Vec<Dialog>,
        /// ReQoL-10 total scores (0 to 40).
        #[serde(default)]
        list reqol10: Vec<Reqol>,
    }
}

item_struct! {
    /// One set of DIALOG ratings, 1 (totally dissatisfied) to 7 (totally satisfied).
    pub struct Dialog {
        /// When.
        req date: Sp<Date>,
        /// Mental health.
        #[schemars(range(min = 1, max = 7))]
        opt mental_health: Sp<u32>,
        /// Physical health.
        #[schemars(range(min = 1, max = 7))]
        opt physical_health: Sp<u32>,
        /// Job situation.
        #[schemars(range(min = 1, max = 7))]
        opt job: Sp<u32>,
        /// Accommodation.
        #[schemars(range(min = 1, max = 7))]
        opt accommodation: Sp<u32>,
        /// Leisure activities.
        #[schemars(range(min = 1, max = 7))]
        opt leisure: Sp<u32>,
        /// Friendships.
        #[schemars(range(min = 1, max = 7))]
        opt friendships: Sp<u32>,
        /// Partner or family.
        #[schemars(range(min = 1, max = 7))]
        opt partner_family: Sp<u32>,
        /// Personal safety.
        #[schemars(range(min = 1, max = 7))]
        opt personal_safety: Sp<u32>,
        /// Medication.
        #[schemars(range(min = 1, max = 7))]
        opt medication: Sp<u32>,
        /// Practical help.
        #[schemars(range(min = 1, max = 7))]
        opt practical_help: Sp<u32>,
        /// Meetings with mental health workers.
        #[schemars(range(min = 1, max = 7))]
        opt meetings: Sp<u32>,
        /// Areas where I want more help.
        #[serde(default)]
        list more_help: Vec<Sp<DialogArea>>,
    }
}

impl Dialog {
    /// The rated areas, in DIALOG order.
    pub fn scores(&self) -> Vec<(DialogArea, &Sp<u32>)> {
        use DialogArea::*;
        [
            (MentalHealth, &self.mental_health),
            (PhysicalHealth, &self.physical_health),
            (Job, &self.job),
            (Accommodation, &self.accommodation),
            (Leisure, &self.leisure),
            (Friendships, &self.friendships),
            (PartnerFamily, &self.partner_family),
            (PersonalSafety, &self.personal_safety),
            (Medication, &self.medication),
            (PracticalHelp, &self.practical_help),
            (Meetings, &self.meetings),
        ]
        .into_iter()
        .filter_map(|(a, s)| s.as_ref().map(|s| (a, s)))
        .collect()
    }
}

item_struct! {
    /// A ReQoL-10 total score.
    pub struct Reqol {
        /// When.
        req date: Sp<Date>,
        /// The total, 0 to 40.
        #[schemars(range(min = 0, max = 40))]
        req total: Sp<u32>,
    }
}
