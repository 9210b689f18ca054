//! The checked `Plan`: the plan format, version 1, as Rust types. Each section is declared
//! once with `plan_struct!`, which gives its YAML reading and its JSON Schema; the format is
//! documented for users in `docs/plan-format.md`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::diagnostic::Span;
use crate::load::convert::{Blank, Cx, Date, FromNode, Sp, plan_struct, word_enum};
use crate::load::node::{Kind, Node};

/// Free text: Markdown, as the person and their team wrote it.
pub type Text = Sp<String>;

/// The person's choice about who sees one item of their plan.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    /// Only in the person's own copy.
    pub private: bool,
    /// Recipients who must not see it.
    pub not_for: &'a [Text],
    /// When not empty: the only recipients who may see it.
    pub only_for: &'a [Text],
}

/// An item of a plan that a copy for someone else may leave out.
pub trait Chosen {
    fn choice(&self) -> Choice<'_>;
}

/// Declares a part of the plan that is one item a copy may leave out: `plan_struct!` with the
/// person's choices about who sees it added (`private`, `not_for`, `only_for`).
macro_rules! item_struct {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $Name:ident {
            $( $(#[$attr:meta])* $kind:ident $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        plan_struct! {
            $(#[doc = $sdoc])*
            pub struct $Name {
                $( $(#[$attr])* $kind $field : $ty, )*
                /// true: only in my own copy, never in a copy for anyone else.
                opt private: Sp<bool>,
                /// People I share with who must not see this (names as in `sharing`).
                #[serde(default)]
                list not_for: Vec<Text>,
                /// The only people I share with who may see this (names as in `sharing`).
                #[serde(default)]
                list only_for: Vec<Text>,
            }
        }

        impl Chosen for $Name {
            fn choice(&self) -> Choice<'_> {
                // `only_for: []` is for nobody else: private.
                let for_nobody = self.only_for.is_empty()
                    && self.keys.iter().any(|(k, _)| *k == "only_for");
                Choice {
                    private: self.private.as_ref().is_some_and(|p| p.value) || for_nobody,
                    not_for: &self.not_for,
                    only_for: &self.only_for,
                }
            }
        }
    };
}

word_enum! {
    /// A kind of copy the person can ask for.
    pub enum Format ("invalid-value") {
        Html = "html",
        LargePrint = "large-print",
        EasyRead = "easy-read",
        CrisisCard = "crisis-card",
    }
}

word_enum! {
    /// Who a shared copy is for.
    pub enum RecipientKind ("invalid-value") {
        Carer = "carer",
        Professional = "professional",
        Organisation = "organisation",
    }
}

word_enum! {
    /// Whether the person has an advance statement.
    pub enum AdvanceStatus ("invalid-value") {
        Made = "made",
        OfferedDeclined = "offered_declined",
        NotYetOffered = "not_yet_offered",
    }
}

word_enum! {
    /// A part of the plan that can be shared.
    pub enum Section ("unknown-section") {
        AboutMe = "about_me",
        Needs = "needs",
        Goals = "goals",
        Actions = "actions",
        Crisis = "crisis",
        AdvanceStatement = "advance_statement",
        CareTeam = "care_team",
        Carers = "carers",
        Agreement = "agreement",
        Review = "review",
        Outcomes = "outcomes",
    }
}

word_enum! {
    /// A DIALOG area.
    pub enum DialogArea ("invalid-value") {
        MentalHealth = "mental_health",
        PhysicalHealth = "physical_health",
        Job = "job",
        Accommodation = "accommodation",
        Leisure = "leisure",
        Friendships = "friendships",
        PartnerFamily = "partner_family",
        PersonalSafety = "personal_safety",
        Medication = "medication",
        PracticalHelp = "practical_help",
        Meetings = "meetings",
    }
}

plan_struct! {
    /// A care and support plan.
    pub struct Plan {
        /// The format version: always 1.
        req ourplan: Sp<u32>,
        /// Whose plan this is.
        req person: Person,
        /// The person's main contact in the team.
        req key_worker: Worker,
        /// Other workers who help.
        #[serde(default)]
        list care_team: Vec<Worker>,
        /// What matters to the person.
        opt about_me: AboutMe,
        /// Mental health, physical health and social needs.
        opt needs: Needs,
        /// What the person wants, in their own words. At least one.
        req goals: Sp<Vec<Goal>>,
        /// Who does what.
        req actions: Actions,
        /// The crisis and safety plan.
        req crisis: Crisis,
        /// Wishes for care if the person becomes very unwell.
        req advance_statement: AdvanceStatement,
        /// Carers, or why none are involved.
        opt carers: Carers,
        /// Who may get a copy, and of what. Nothing is shared that is not listed.
        #[serde(default)]
        list sharing: Vec<Share>,
        /// Who wrote the plan and what the person thinks of it.
        opt agreement: Agreement,
        /// When the plan was and will be reviewed.
        req review: Review,
        /// Outcome ratings over time.
        opt outcomes: Outcomes,
    }
}

plan_struct! {
    /// Whose plan this is.
    pub struct Person {
        /// Full name.
        req name: Text,
        /// The name the person likes to be called.
        opt preferred_name: Text,
        /// For example she/her.
        opt pronouns: Text,
        /// Language of the copies (BCP 47), default en-GB.
        opt language: Text,
        /// The copies the person asked for.
        #[serde(default)]
        list formats: Vec<Sp<Format>>,
        /// How to talk with me.
        opt communication: Text,
        /// Date of birth.
        opt date_of_birth: Sp<Date>,
    }
}

item_struct! {
    /// A worker in the care team.
    pub struct Worker {
        /// Their name.
        req name: Text,
        /// Their job, for example Community mental health nurse.
        opt role: Text,
        /// Their team.
        opt team: Text,
        /// A UK phone number, or an international one starting with +.
        opt phone: Text,
        /// An email address.
        opt email: Text,
        /// When they can be reached.
        opt hours: Text,
    }
}

item_struct! {
    /// A person the plan names: family, friends, people to tell.
    pub struct Contact {
        /// Their name.
        req name: Text,
        /// Who they are to me, for example sister.
        opt relationship: Text,
        /// Phone number.
        opt phone: Text,
        /// Email address.
        opt email: Text,
        /// Anything else to know.
        opt note: Text,
        /// When their name looks like that of someone who must not be contacted but they
        /// are someone else: who they are, in a few words.
        opt different_person: Text,
    }
}

plan_struct! {
    /// Someone who must not be contacted.
    pub struct NoContact {
        /// Their name.
        req name: Text,
        /// Why they must not be contacted.
        opt reason: Text,
    }
}

plan_struct! {
    /// What matters to the person.
    pub struct AboutMe {
        /// What matters most to me, in my words.
        opt what_matters: Text,
        /// What I am good at.
        #[serde(default)]
        list strengths: Vec<Item>,
        /// What is working well now.
        #[serde(default)]
        list working: Vec<Item>,
        /// What is not working.
        #[serde(default)]
        list not_working: Vec<Item>,
        /// What helps when people support me.
        #[serde(default)]
        list please_do: Vec<Item>,
        /// What does not help.
        #[serde(default)]
        list please_dont: Vec<Item>,
        /// People who matter to me.
        #[serde(default)]
        list important_people: Vec<Contact>,
        /// People who must not be contacted. They never appear in a copy for anyone else.
        #[serde(default)]
        list do_not_contact: Vec<NoContact>,
    }
}

plan_struct! {
    /// Needs: mental health, physical health and social needs.
    pub struct Needs {
        /// My mental health.
        #[serde(default)]
        list mental_health: Vec<Item>,
        /// My body, medicines, sleep, eating.
        #[serde(default)]
        list physical_health: Vec<Item>,
        /// Where I live.
        #[serde(default)]
        list housing: Vec<Item>,
        /// Money, benefits, debts.
        #[serde(default)]
        list money: Vec<Item>,
        /// Work, learning, volunteering, things to do.
        #[serde(default)]
        list work: Vec<Item>,
        /// Family, friends, people around me.
        #[serde(default)]
        list relationships: Vec<Item>,
        /// Anything else.
        #[serde(default)]
        list other: Vec<Item>,
    }
}

item_struct! {
    /// A goal, in the person's own words.
    pub struct Goal {
        /// A short name, lower case with hyphens, unique in the plan.
        req id: Text,
        /// The goal, in my own words.
        req goal: Text,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text,
        /// A picture name (see `ourplan pictures`).
        opt picture: Text,
        /// Why it matters to me.
        opt why: Text,
        /// When I hope to get there.
        opt target_date: Sp<Date>,
        /// Goal Based Outcomes: 0 (not at all) to 10 (done).
        #[serde(default)]
        list ratings: Vec<GoalRating>,
    }
}

plan_struct! {
    /// A Goal Based Outcomes rating.
    pub struct GoalRating {
        /// When it was rated.
        req date: Sp<Date>,
        /// 0 (not at all) to 10 (done).
        #[schemars(range(min = 0, max = 10))]
        req score: Sp<u32>,
    }
}

plan_struct! {
    /// Who does what.
    pub struct Actions {
        /// What I will do. At least one.
        req me: Vec<Action>,
        /// What family and friends will do, or why they are not involved.
        req family_and_friends: Party,
        /// What services will do. At least one.
        req services: Vec<Action>,
        /// What other organisations will do.
        #[serde(default)]
        list other_organisations: Vec<Action>,
    }
}

item_struct! {
    /// One action.
    pub struct Action {
        /// What will be done.
        req what: Text,
        /// Who will do it (not needed under `me`).
        opt who: Text,
        /// When or how often, in words.
        opt when: Text,
        /// The goals it helps with: one goal id or a list.
        opt goal: GoalRefs,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text,
        /// A picture name.
        opt picture: Text,
    }
}

plan_struct! {
    /// A reason why nobody is listed.
    pub struct WhyNone {
        /// Why, in plain words.
        req why_none: Text,
    }
}

/// Actions for family and friends, or why there are none.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Party {
    Actions(Vec<Action>),
    None(WhyNone),
}

impl Blank for Party {
    fn blank(_: Span) -> Self {
        Party::Actions(Vec::new())
    }
}

impl FromNode for Party {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            Kind::Map(_) => WhyNone::from_node(node, key, cx).map(Party::None),
            _ => Vec::from_node(node, key, cx).map(Party::Actions),
        }
    }
    fn expected() -> &'static str {
        "a list of actions, or `why_none:` with a reason"
    }
}

/// Carers, or why none are involved.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Carers {
    List(Vec<Carer>),
    None(WhyNone),
}

impl FromNode for Carers {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            Kind::Map(_) => WhyNone::from_node(node, key, cx).map(Carers::None),
            _ => Vec::from_node(node, key, cx).map(Carers::List),
        }
    }
    fn expected() -> &'static str {
        "a list of carers, or `why_none:` with a reason"
    }
}

/// One goal id, or a list of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoalRefs(pub Vec<Text>);

impl FromNode for GoalRefs {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        match node.kind {
            Kind::Seq(_) => Vec::from_node(node, key, cx).map(GoalRefs),
            _ => Text::from_node(node, key, cx).map(|t| GoalRefs(vec![t])),
        }
    }
    fn expected() -> &'static str {
        "a goal id, or a list of goal ids"
    }
}

impl JsonSchema for GoalRefs {
    fn schema_name() -> Cow<'static, str> {
        "GoalRefs".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A goal id, or a list of goal ids.",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}}
            ]
        })
    }
}

item_struct! {
    /// An item written in full: its text, a simpler version and a picture.
    pub struct ItemFields {
        /// The text.
        req text: Text,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text,
        /// A picture name (see `ourplan pictures`).
        opt picture: Text,
    }
}

/// An item in a list: plain text, or `text` with `easy_read` and `picture`.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub span: Span,
    pub text: Text,
    pub easy_read: Option<Text>,
    pub picture: Option<Text>,
    pub private: Option<Sp<bool>>,
    pub not_for: Vec<Text>,
    pub only_for: Vec<Text>,
}

impl Chosen for Item {
    fn choice(&self) -> Choice<'_> {
        Choice {
            private: self.private.as_ref().is_some_and(|p| p.value),
            not_for: &self.not_for,
            only_for: &self.only_for,
        }
    }
}

impl FromNode for Item {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        // `- I have three kids: Ali, Sara`: a line of text with a colon in it, read by YAML
        // as a field. Say so once, with the fix, rather than "no `text`" and "unknown field".
        if let Kind::Map(entries) = &node.kind
            && let [(k, v)] = &entries[..]
            && let Kind::Str(name) = &k.kind
            && !ItemFields::FIELDS.contains(&name.as_str())
            && (crate::load::convert::looks_like_text(name)
                || crate::load::convert::did_you_mean(name, ItemFields::FIELDS).is_none())
        {
            let value = match &v.kind {
                Kind::Str(s) => Some(s.clone()),
                Kind::Int(i) => Some(i.to_string()),
                Kind::Float(f) => Some(f.to_string()),
                Kind::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            cx.error(
                "unknown-field",
                k.span,
                format!(
                    "`{}` is read as a field called `{}`, because of the colon after it",
                    cx.path(),
                    name.trim()
                ),
                crate::load::convert::quote_hint(name, value.as_deref()),
            );
            return None;
        }
        match node.kind {
            Kind::Map(_) => ItemFields::from_node(node, key, cx).map(|f| Item {
                span: f.span,
                // `only_for: []` is for nobody else: private.
                private: if f.only_for.is_empty() && f.keys.iter().any(|(k, _)| *k == "only_for") {
                    Some(Sp {
                        value: true,
                        span: f.key_span("only_for"),
                    })
                } else {
                    f.private
                },
                text: f.text,
                easy_read: f.easy_read,
                picture: f.picture,
                not_for: f.not_for,
                only_for: f.only_for,
            }),
            _ => Text::from_node(node, key, cx).map(|text| Item {
                span: node.span,
                text,
                easy_read: None,
                picture: None,
                private: None,
                not_for: Vec::new(),
                only_for: Vec::new(),
            }),
        }
    }
    fn expected() -> &'static str {
        "text, or `text:` with `easy_read:` and `picture:`"
    }
}

impl JsonSchema for Item {
    fn schema_name() -> Cow<'static, str> {
        "Item".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let full = generator.subschema_for::<ItemFields>();
        json_schema!({
            "description": "Plain text, or `text` with `easy_read` and `picture`.",
            "anyOf": [{"type": "string"}, full]
        })
    }
}

plan_struct! {
    /// The crisis and safety plan.
    pub struct Crisis {
        /// Signs that I am becoming unwell.
        #[serde(default)]
        list warning_signs: Vec<Item>,
        /// Things that can make it worse.
        #[serde(default)]
        list triggers: Vec<Item>,
        /// Things I can do on my own to feel safer.
        #[serde(default)]
        list things_i_can_do: Vec<Item>,
        /// People and places that help me take my mind off things.
        #[serde(default)]
        list people_and_places: Vec<Item>,
        /// People I can ask for help.
        #[serde(default)]
        list who_can_help: Vec<Contact>,
        /// What I would like others to do.
        #[serde(default)]
        list others_should: Vec<Item>,
        /// What I would like others not to do.
        #[serde(default)]
        list others_should_not: Vec<Item>,
        /// Keeping my surroundings safe.
        #[serde(default)]
        list safe_surroundings: Vec<Item>,
        /// What keeps me going.
        #[serde(default)]
        list what_keeps_me_going: Vec<Item>,
        /// Services to call. At least one must answer 24 hours a day.
        req contacts: Vec<CrisisContact>,
    }
}

item_struct! {
    /// A service to call in a crisis.
    pub struct CrisisContact {
        /// The service.
        req name: Text,
        /// The phone number.
        req phone: Text,
        /// When it answers; write `24 hours` for any time.
        req when: Text,
        /// Anything else to know.
        opt note: Text,
    }
}

plan_struct! {
    /// Wishes for care if the person becomes very unwell.
    pub struct AdvanceStatement {
        /// made, offered_declined or not_yet_offered.
        req status: Sp<AdvanceStatus>,
        /// When it was made, or offered.
        opt date: Sp<Date>,
        /// When it will be offered (for not_yet_offered).
        opt offer_by: Sp<Date>,
        /// Where the statement is kept.
        opt kept_at: Text,
        /// Wishes about treatment and medicine.
        #[serde(default)]
        list treatment: Vec<Item>,
        /// Please do.
        #[serde(default)]
        list please_do: Vec<Item>,
        /// Please don't.
        #[serde(default)]
        list please_dont: Vec<Item>,
        /// People to tell if I am unwell or in hospital.
        #[serde(default)]
        list people_to_tell: Vec<Contact>,
        /// Children, pets, home, bills.
        #[serde(default)]
        list practical: Vec<Item>,
        /// Faith, culture, food.
        #[serde(default)]
        list beliefs_and_culture: Vec<Item>,
    }
}

item_struct! {
    /// A carer.
    pub struct Carer {
        /// Their name.
        req name: Text,
        /// Who they are to me.
        opt relationship: Text,
        /// Phone number.
        opt phone: Text,
        /// Email address.
        opt email: Text,
        /// Whether they helped write the plan.
        req involved_in_planning: Sp<bool>,
        /// Whether a copy of the plan and crisis plan was offered.
        req copy_offered: Sp<bool>,
        /// The exceptional reason a copy was not offered.
        opt why_not_offered: Text,
        /// When their name looks like that of someone who must not be contacted but they
        /// are someone else: who they are, in a few words.
        opt different_person: Text,
    }
}

plan_struct! {
    /// Someone who may get a copy.
    pub struct Share {
        /// Who gets the copy.
        req name: Text,
        /// carer, professional or organisation.
        req kind: Sp<RecipientKind>,
        /// Which parts of the plan they see.
        req sections: Vec<Sp<Section>>,
        /// The copies they get (default html).
        #[serde(default)]
        list formats: Vec<Sp<Format>>,
        /// When their name looks like that of someone who must not be contacted (the same
        /// surname, say) but they are someone else: who they are, in a few words.
        opt different_person: Text,
    }
}

plan_struct! {
    /// Who wrote the plan and what the person thinks.
    pub struct Agreement {
        /// Who wrote the plan together.
        #[serde(default)]
        list written_with: Vec<Author>,
        /// What I think of my plan, in my words.
        opt my_views: Text,
        /// When the person could not, or chose not to, take part.
        opt not_involved: NotInvolved,
        /// Decisions made against my wishes.
        #[serde(default)]
        list decisions_against_my_wishes: Vec<Decision>,
        /// When the plan was agreed.
        opt agreed_on: Sp<Date>,
        /// When I was given a copy.
        opt copy_given_on: Sp<Date>,
    }
}

plan_struct! {
    /// Someone who helped write the plan.
    pub struct Author {
        /// Their name.
        req name: Text,
        /// Their role, for example "me" or "key worker".
        opt role: Text,
    }
}

plan_struct! {
    /// A statement that the person could not, or chose not to, take part.
    pub struct NotInvolved {
        /// Why.
        req reason: Text,
    }
}

item_struct! {
    /// A decision made against the person's wishes.
    pub struct Decision {
        /// The decision.
        req decision: Text,
        /// The reason for it.
        req reason: Text,
        /// What I think about it, in my words.
        opt my_comment: Text,
    }
}

plan_struct! {
    /// When the plan was and will be reviewed.
    pub struct Review {
        /// The last review.
        opt last: Sp<Date>,
        /// The next review: no more than 12 months after the last one.
        req next: Sp<Date>,
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
        opt summary: Text,
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

impl Plan {
    /// The people who must not be contacted, ready to look for, and every other name the
    /// plan gives (so that someone else who shares a first name or surname is not hidden).
    pub fn people(&self) -> crate::names::People {
        let hidden = self
            .about_me
            .iter()
            .flat_map(|a| a.do_not_contact.iter())
            .map(|n| n.name.as_str());
        let mut own: Vec<&str> = vec![self.person.name.as_str()];
        own.extend(self.person.preferred_name.iter().map(|n| n.as_str()));
        let mut listed: Vec<&str> = vec![self.key_worker.name.as_str()];
        listed.extend(self.care_team.iter().map(|w| w.name.as_str()));
        if let Some(a) = &self.about_me {
            listed.extend(a.important_people.iter().map(|p| p.name.as_str()));
        }
        listed.extend(self.crisis.who_can_help.iter().map(|p| p.name.as_str()));
        listed.extend(self.crisis.contacts.iter().map(|p| p.name.as_str()));
        listed.extend(
            self.advance_statement
                .people_to_tell
                .iter()
                .map(|p| p.name.as_str()),
        );
        if let Some(Carers::List(list)) = &self.carers {
            listed.extend(list.iter().map(|c| c.name.as_str()));
        }
        if let Some(a) = &self.agreement {
            listed.extend(a.written_with.iter().map(|p| p.name.as_str()));
        }
        listed.extend(self.sharing.iter().map(|s| s.name.as_str()));
        crate::names::People::new(hidden, own, listed)
    }

    /// Every item that can carry a choice about who sees it, with its field path (the key
    /// worker is not one: they are in every copy).
    pub fn choices(&self) -> Vec<(String, Choice<'_>)> {
        fn each<'a, T: Chosen>(out: &mut Vec<(String, Choice<'a>)>, field: &str, list: &'a [T]) {
            out.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, x)| (format!("{field}[{i}]"), x.choice())),
            );
        }
        let mut out = Vec::new();
        each(&mut out, "care_team", &self.care_team);
        if let Some(a) = &self.about_me {
            each(&mut out, "about_me.strengths", &a.strengths);
            each(&mut out, "about_me.working", &a.working);
            each(&mut out, "about_me.not_working", &a.not_working);
            each(&mut out, "about_me.please_do", &a.please_do);
            each(&mut out, "about_me.please_dont", &a.please_dont);
            each(&mut out, "about_me.important_people", &a.important_people);
        }
        if let Some(n) = &self.needs {
            each(&mut out, "needs.mental_health", &n.mental_health);
            each(&mut out, "needs.physical_health", &n.physical_health);
            each(&mut out, "needs.housing", &n.housing);
            each(&mut out, "needs.money", &n.money);
            each(&mut out, "needs.work", &n.work);
            each(&mut out, "needs.relationships", &n.relationships);
            each(&mut out, "needs.other", &n.other);
        }
        each(&mut out, "goals", &self.goals);
        each(&mut out, "actions.me", &self.actions.me);
        if let Party::Actions(list) = &self.actions.family_and_friends {
            each(&mut out, "actions.family_and_friends", list);
        }
        each(&mut out, "actions.services", &self.actions.services);
        each(
            &mut out,
            "actions.other_organisations",
            &self.actions.other_organisations,
        );
        let c = &self.crisis;
        each(&mut out, "crisis.warning_signs", &c.warning_signs);
        each(&mut out, "crisis.triggers", &c.triggers);
        each(&mut out, "crisis.things_i_can_do", &c.things_i_can_do);
        each(&mut out, "crisis.people_and_places", &c.people_and_places);
        each(&mut out, "crisis.who_can_help", &c.who_can_help);
        each(&mut out, "crisis.others_should", &c.others_should);
        each(&mut out, "crisis.others_should_not", &c.others_should_not);
        each(&mut out, "crisis.safe_surroundings", &c.safe_surroundings);
        each(
            &mut out,
            "crisis.what_keeps_me_going",
            &c.what_keeps_me_going,
        );
        each(&mut out, "crisis.contacts", &c.contacts);
        let a = &self.advance_statement;
        each(&mut out, "advance_statement.treatment", &a.treatment);
        each(&mut out, "advance_statement.please_do", &a.please_do);
        each(&mut out, "advance_statement.please_dont", &a.please_dont);
        each(
            &mut out,
            "advance_statement.people_to_tell",
            &a.people_to_tell,
        );
        each(&mut out, "advance_statement.practical", &a.practical);
        each(
            &mut out,
            "advance_statement.beliefs_and_culture",
            &a.beliefs_and_culture,
        );
        if let Some(Carers::List(list)) = &self.carers {
            each(&mut out, "carers", list);
        }
        if let Some(a) = &self.agreement {
            each(
                &mut out,
                "agreement.decisions_against_my_wishes",
                &a.decisions_against_my_wishes,
            );
        }
        each(&mut out, "review.history", &self.review.history);
        if let Some(o) = &self.outcomes {
            each(&mut out, "outcomes.dialog", &o.dialog);
            each(&mut out, "outcomes.reqol10", &o.reqol10);
        }
        out
    }

    /// The name to use in copies: the preferred name, else the full name.
    pub fn preferred_name(&self) -> &str {
        self.person
            .preferred_name
            .as_ref()
            .map(|t| t.value.as_str())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.person.name)
    }

    /// The language of the copies.
    pub fn language(&self) -> &str {
        self.person
            .language
            .as_ref()
            .map(|t| t.value.as_str())
            .unwrap_or("en-GB")
    }
}
