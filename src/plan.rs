//! The checked `Plan`: the plan format, version 1, as Rust types. Each section is declared
//! once with `plan_struct!`, which gives its YAML reading and its JSON Schema; the format is
//! documented for users in `docs/plan-format.md`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::diagnostic::Span;
use crate::load::convert::{Blank, Cx, Date, FromNode, Sp, plan_struct, word_enum};
use crate::load::node::{Kind as NodeKind, Node};
use crate::shape::{Kind, Path, Pictured, TextField, Visitor, Walk};

/// Free text: Markdown, as the person and their team wrote it.
pub type Text = Sp<String>;

pub use crate::shape::{Choice, Chosen};

/// A field a copy shows as it is: declared once, in its section, with `=> "picture"`. The
/// copy shows it under the words of its own name (`words` key = field name), in the order
/// the section declares it; a new field so declared reaches every copy with no other change.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub field: &'static str,
    /// Easy read's picture beside each of its points (people get their own, by who they are).
    pub picture: &'static str,
    pub value: ShownValue<'a>,
}

/// What a shown field holds.
#[derive(Debug, Clone, Copy)]
pub enum ShownValue<'a> {
    Items(&'a [Item]),
    People(&'a [Contact]),
    Text(Option<&'a Text>),
}

/// The kinds of field a copy can show as they are.
pub trait ShowAs {
    fn show(&self) -> ShownValue<'_>;
}

impl ShowAs for Vec<Item> {
    fn show(&self) -> ShownValue<'_> {
        ShownValue::Items(self)
    }
}

impl ShowAs for Vec<Contact> {
    fn show(&self) -> ShownValue<'_> {
        ShownValue::People(self)
    }
}

impl ShowAs for Option<Text> {
    fn show(&self) -> ShownValue<'_> {
        ShownValue::Text(self.as_ref())
    }
}

/// Declares a part of the plan that is one item a copy may leave out: `plan_struct!` with the
/// person's choices about who sees it added (`private`, `not_for`, `only_for`).
macro_rules! item_struct {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $Name:ident $(: $($flag:ident $(($main:ident))?),+)? {
            $( $(#[$attr:meta])* $kind:ident $field:ident : $ty:ty $(as $tk:ident)? $(=> $pic:literal)? ),* $(,)?
        }
    ) => {
        plan_struct! {
            $(#[doc = $sdoc])*
            pub struct $Name : chosen $($(, $flag $(($main))?)+)? {
                $( $(#[$attr])* $kind $field : $ty $(as $tk)? $(=> $pic)?, )*
                /// true: only in my own copy, never in a copy for anyone else.
                opt private: Sp<bool>,
                /// People I share with who must not see this (names as in `sharing`).
                #[serde(default)]
                list not_for: Vec<Text> as Recipient,
                /// The only people I share with who may see this (names as in `sharing`).
                #[serde(default)]
                list only_for: Vec<Text> as Recipient,
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

impl Format {
    /// The formats made on paper (as PDFs), in a fixed order.
    pub const PAGED: [Format; 3] = [Format::LargePrint, Format::EasyRead, Format::CrisisCard];
}

/// The layout a view is for: the form of a copy. An output [`Format`] picks one; a crisis
/// card takes its form from the copy's other formats (`card::form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Standard,
    LargePrint,
    EasyRead,
}

impl From<Format> for Variant {
    fn from(f: Format) -> Self {
        match f {
            Format::Html => Variant::Standard,
            Format::LargePrint => Variant::LargePrint,
            Format::EasyRead => Variant::EasyRead,
            // The card's own form is chosen from the copy's other formats (`card::form`).
            Format::CrisisCard => Variant::Standard,
        }
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
    /// A UK nation: where the person lives, so which crisis numbers their copies add.
    pub enum Nation ("invalid-value") {
        England = "england",
        Wales = "wales",
        Scotland = "scotland",
        NorthernIreland = "northern-ireland",
    }
}

word_enum! {
    /// A set of rules a plan follows besides the usual ones.
    pub enum Profile ("invalid-value") {
        /// A Care and Treatment Plan under the Mental Health (Wales) Measure 2010: goals and
        /// actions say which of its eight areas of life they are about (see `ctp`).
        WalesCtp = "wales-ctp",
    }
}

word_enum! {
    /// One of the eight areas of life of a Care and Treatment Plan (Mental Health (Wales)
    /// Measure 2010, section 18; the Care and Treatment Planning regulations 2011).
    pub enum LifeArea ("invalid-value") {
        /// Finance and money.
        Finance = "finance",
        /// Accommodation.
        Accommodation = "accommodation",
        /// Personal care and physical wellbeing.
        PersonalCare = "personal_care",
        /// Education and training.
        Education = "education",
        /// Work and occupation.
        Work = "work",
        /// Parenting or caring relationships.
        Parenting = "parenting_caring",
        /// Social, cultural or spiritual.
        Social = "social",
        /// Medical and other forms of treatment, including psychological interventions.
        Treatment = "treatment",
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
        req name: Text as Person,
        /// The name the person likes to be called.
        opt preferred_name: Text as Person,
        /// For example she/her.
        opt pronouns: Text as Label,
        /// Language of the copies (BCP 47), default en-GB.
        opt language: Text as Lang,
        /// The UK nation the person lives in (england, wales, scotland, northern-ireland):
        /// chooses the crisis numbers. Default: the team's `nation`.
        opt nation: Sp<Nation>,
        /// Rules the plan follows besides the usual ones: `wales-ctp` (a Care and Treatment
        /// Plan in Wales). Default: the team's `profile`.
        opt profile: Sp<Profile>,
        /// The copies the person asked for.
        #[serde(default)]
        list formats: Vec<Sp<Format>>,
        /// How to talk with me.
        opt communication: Text as Text,
        /// Date of birth.
        opt date_of_birth: Sp<Date>,
    }
}

item_struct! {
    /// A worker in the care team.
    pub struct Worker {
        /// Their name.
        req name: Text as Name,
        /// Their job, for example Community mental health nurse.
        opt role: Text as Text,
        /// Their team.
        opt team: Text as Team,
        /// A UK phone number, or an international one starting with +.
        opt phone: Text as Phone,
        /// An email address.
        opt email: Text as Email,
        /// When they can be reached.
        opt hours: Text as Label,
    }
}

item_struct! {
    /// A person the plan names: family, friends, people to tell.
    pub struct Contact {
        /// Their name.
        req name: Text as Name,
        /// Who they are to me, for example sister.
        opt relationship: Text as Label,
        /// Phone number.
        opt phone: Text as Phone,
        /// Email address.
        opt email: Text as Email,
        /// Anything else to know.
        opt note: Text as Text,
        /// When their name looks like that of someone who must not be contacted but they
        /// are someone else: who they are, in a few words.
        opt different_person: Text as Label,
        /// The language of their copy, like `cy` or `en-GB` (default: the person's).
        opt language: Text as Lang,
    }
}

plan_struct! {
    /// Someone who must not be contacted.
    pub struct NoContact {
        /// Their name.
        req name: Text as Hidden,
        /// Why they must not be contacted.
        opt reason: Text as Text,
    }
}

plan_struct! {
    /// What matters to the person.
    pub struct AboutMe {
        /// What matters most to me, in my words.
        opt what_matters: Text as Own => "heart",
        /// What I am good at.
        #[serde(default)]
        list strengths: Vec<Item> => "star",
        /// What is working well now.
        #[serde(default)]
        list working: Vec<Item> => "happy",
        /// What is not working.
        #[serde(default)]
        list not_working: Vec<Item> => "sad",
        /// What helps when people support me.
        #[serde(default)]
        list please_do: Vec<Item> => "check",
        /// What does not help.
        #[serde(default)]
        list please_dont: Vec<Item> => "warning",
        /// People who matter to me.
        #[serde(default)]
        list important_people: Vec<Contact> => "group",
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
        list mental_health: Vec<Item> => "mental-health",
        /// My body, medicines, sleep, eating.
        #[serde(default)]
        list physical_health: Vec<Item> => "heart",
        /// Where I live.
        #[serde(default)]
        list housing: Vec<Item> => "home",
        /// Money, benefits, debts.
        #[serde(default)]
        list money: Vec<Item> => "money",
        /// Work, learning, volunteering, things to do.
        #[serde(default)]
        list work: Vec<Item> => "work",
        /// Family, friends, people around me.
        #[serde(default)]
        list relationships: Vec<Item> => "friends",
        /// Anything else.
        #[serde(default)]
        list other: Vec<Item> => "question",
    }
}

item_struct! {
    /// A goal, in the person's own words.
    pub struct Goal: pictured(goal) {
        /// A short name, lower case with hyphens, unique in the plan.
        req id: Text as Id,
        /// The goal, in my own words.
        req goal: Text as Own,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text as Easy,
        /// A picture name (see `ourplan pictures`).
        opt picture: Text as Picture,
        /// Why it matters to me.
        opt why: Text as Own,
        /// When I hope to get there.
        opt target_date: Sp<Date>,
        /// The area of life it is about, in a Care and Treatment Plan (Wales): finance,
        /// accommodation, personal_care, education, work, parenting_caring, social, treatment.
        opt area: Sp<LifeArea>,
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
    pub struct Action: pictured(what) {
        /// What will be done.
        req what: Text as Text,
        /// Who will do it (not needed under `me`).
        opt who: Text as Label,
        /// When or how often, in words.
        opt when: Text as Text,
        /// The goals it helps with: one goal id or a list.
        opt goal: GoalRefs as Id,
        /// The area of life it is about, in a Care and Treatment Plan (Wales), like a goal's.
        opt area: Sp<LifeArea>,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text as Easy,
        /// A picture name.
        opt picture: Text as Picture,
    }
}

plan_struct! {
    /// A reason why nobody is listed.
    pub struct WhyNone {
        /// Why, in plain words.
        req why_none: Text as Text,
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
            NodeKind::Map(_) => WhyNone::from_node(node, key, cx).map(Party::None),
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
            NodeKind::Map(_) => WhyNone::from_node(node, key, cx).map(Carers::None),
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
            NodeKind::Seq(_) => Vec::from_node(node, key, cx).map(GoalRefs),
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
        req text: Text as Text,
        /// A simpler version for the easy-read copy.
        opt easy_read: Text as Easy,
        /// A picture name (see `ourplan pictures`).
        opt picture: Text as Picture,
        /// A short form for the crisis card, used there instead of the text.
        opt card: Text as Text,
    }
}

/// An item in a list: plain text, or `text` with `easy_read`, `picture` and `card`.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub span: Span,
    pub text: Text,
    pub easy_read: Option<Text>,
    pub picture: Option<Text>,
    /// The crisis card's short form.
    pub card: Option<Text>,
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
        if let NodeKind::Map(entries) = &node.kind
            && let [(k, v)] = &entries[..]
            && let NodeKind::Str(name) = &k.kind
            && !ItemFields::FIELDS.contains(&name.as_str())
            && (crate::load::convert::looks_like_text(name)
                || crate::load::convert::did_you_mean(name, ItemFields::FIELDS).is_none())
        {
            let value = match &v.kind {
                NodeKind::Str(s) => Some(s.clone()),
                NodeKind::Int(i) => Some(i.to_string()),
                NodeKind::Float(f) => Some(f.to_string()),
                NodeKind::Bool(b) => Some(b.to_string()),
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
            NodeKind::Map(_) => ItemFields::from_node(node, key, cx).map(|f| Item {
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
                card: f.card,
                not_for: f.not_for,
                only_for: f.only_for,
            }),
            _ => Text::from_node(node, key, cx).map(|text| Item {
                span: node.span,
                text,
                easy_read: None,
                picture: None,
                card: None,
                private: None,
                not_for: Vec::new(),
                only_for: Vec::new(),
            }),
        }
    }
    fn expected() -> &'static str {
        "text, or `text:` with `easy_read:`, `picture:` and `card:`"
    }
}

impl JsonSchema for Item {
    fn schema_name() -> Cow<'static, str> {
        "Item".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let full = generator.subschema_for::<ItemFields>();
        json_schema!({
            "description": "Plain text, or `text` with `easy_read`, `picture` and `card`.",
            "anyOf": [{"type": "string"}, full]
        })
    }
}

plan_struct! {
    /// The crisis and safety plan.
    pub struct Crisis {
        /// Signs that I am becoming unwell.
        #[serde(default)]
        list warning_signs: Vec<Item> => "warning",
        /// Things that can make it worse.
        #[serde(default)]
        list triggers: Vec<Item> => "upset",
        /// Things I can do on my own to feel safer.
        #[serde(default)]
        list things_i_can_do: Vec<Item> => "calm",
        /// People and places that help me take my mind off things.
        #[serde(default)]
        list people_and_places: Vec<Item> => "nature",
        /// People I can ask for help.
        #[serde(default)]
        list who_can_help: Vec<Contact> => "group",
        /// What I would like others to do.
        #[serde(default)]
        list others_should: Vec<Item> => "check",
        /// What I would like others not to do.
        #[serde(default)]
        list others_should_not: Vec<Item> => "warning",
        /// Keeping my surroundings safe.
        #[serde(default)]
        list safe_surroundings: Vec<Item> => "safe",
        /// What keeps me going.
        #[serde(default)]
        list what_keeps_me_going: Vec<Item> => "heart",
        /// Services to call. At least one must answer 24 hours a day.
        req contacts: Vec<CrisisContact>,
    }
}

item_struct! {
    /// A service to call in a crisis.
    pub struct CrisisContact {
        /// The service.
        req name: Text as Name,
        /// The phone number.
        req phone: Text as Phone,
        /// When it answers; write `24 hours` for any time.
        req when: Text as Label,
        /// Anything else to know.
        opt note: Text as Text,
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
        opt kept_at: Text as Text,
        /// Wishes about treatment and medicine.
        #[serde(default)]
        list treatment: Vec<Item> => "medicine",
        /// Please do.
        #[serde(default)]
        list please_do: Vec<Item> => "check",
        /// Please don't.
        #[serde(default)]
        list please_dont: Vec<Item> => "warning",
        /// People to tell if I am unwell or in hospital.
        #[serde(default)]
        list people_to_tell: Vec<Contact> => "group",
        /// Children, pets, home, bills.
        #[serde(default)]
        list practical: Vec<Item> => "home",
        /// Faith, culture, food.
        #[serde(default)]
        list beliefs_and_culture: Vec<Item> => "faith",
    }
}

item_struct! {
    /// A carer.
    pub struct Carer {
        /// Their name.
        req name: Text as Name,
        /// Who they are to me.
        opt relationship: Text as Label,
        /// Phone number.
        opt phone: Text as Phone,
        /// Email address.
        opt email: Text as Email,
        /// Whether they helped write the plan.
        req involved_in_planning: Sp<bool>,
        /// Whether a copy of the plan and crisis plan was offered.
        req copy_offered: Sp<bool>,
        /// The exceptional reason a copy was not offered.
        opt why_not_offered: Text as Text,
        /// When their name looks like that of someone who must not be contacted but they
        /// are someone else: who they are, in a few words.
        opt different_person: Text as Label,
        /// The language of their copy, like `cy` or `en-GB` (default: the person's).
        opt language: Text as Lang,
    }
}

plan_struct! {
    /// Someone who may get a copy.
    pub struct Share {
        /// Who gets the copy.
        req name: Text as Name,
        /// carer, professional or organisation.
        req kind: Sp<RecipientKind>,
        /// Which parts of the plan they see.
        req sections: Vec<Sp<Section>>,
        /// The copies they get (default html).
        #[serde(default)]
        list formats: Vec<Sp<Format>>,
        /// When their name looks like that of someone who must not be contacted (the same
        /// surname, say) but they are someone else: who they are, in a few words.
        opt different_person: Text as Label,
        /// The language of their copy, like `cy` or `en-GB` (default: the person's).
        opt language: Text as Lang,
    }
}

plan_struct! {
    /// Who wrote the plan and what the person thinks.
    pub struct Agreement {
        /// Who wrote the plan together.
        #[serde(default)]
        list written_with: Vec<Author>,
        /// What I think of my plan, in my words.
        opt my_views: Text as Own,
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

item_struct! {
    /// A decision made against the person's wishes.
    pub struct Decision {
        /// The decision.
        req decision: Text as Text,
        /// The reason for it.
        req reason: Text as Text,
        /// What I think about it, in my words.
        opt my_comment: Text as Own,
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

impl Walk for Party {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        match self {
            Party::Actions(list) => list.walk(path, v),
            Party::None(w) => w.walk(path, v),
        }
    }
}

impl Walk for Carers {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        match self {
            Carers::List(list) => list.walk(path, v),
            Carers::None(w) => w.walk(path, v),
        }
    }
}

impl TextField for GoalRefs {
    fn visit<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>, kind: Kind) {
        // One id is named by the field itself; more by their places in the list.
        match &self.0[..] {
            [one] => one.visit(path, v, kind),
            _ => self.0.visit(path, v, kind),
        }
    }
}

impl Walk for Item {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        v.choice(path.as_str(), self.choice());
        v.pictured(
            path.as_str(),
            Pictured {
                text: &self.text,
                easy_read: self.easy_read.as_ref(),
                picture: self.picture.as_ref(),
            },
        );
        // The text is the item's own: `- text` or `text:`, named by the item's place.
        self.text.visit(path, v, Kind::Text);
        for (name, field, kind) in [
            ("easy_read", &self.easy_read, Kind::Easy),
            ("picture", &self.picture, Kind::Picture),
            ("card", &self.card, Kind::Text),
        ] {
            let back = path.field(name);
            field.visit(path, v, kind);
            path.back(back);
        }
        for (name, list) in [("not_for", &self.not_for), ("only_for", &self.only_for)] {
            let back = path.field(name);
            list.visit(path, v, Kind::Recipient);
            path.back(back);
        }
    }
}

impl Share {
    /// True when the entry records who they are (`different_person`), when their name is
    /// like that of someone who must not be contacted.
    pub fn says_different(&self) -> bool {
        self.different_person
            .as_ref()
            .is_some_and(|d| !d.trim().is_empty())
    }
}

impl Plan {
    /// The people who must not be contacted, ready to look for, and every other name the
    /// plan gives (so that someone else who shares a first name or surname is not hidden).
    pub fn people(&self) -> crate::names::People {
        let fields = crate::shape::texts(self);
        let of = |kind| {
            fields
                .iter()
                .filter(move |(_, _, k)| *k == kind)
                .map(|(_, t, _)| t.as_str())
        };
        crate::names::People::new(of(Kind::Hidden), of(Kind::Person), of(Kind::Name))
    }

    /// Every item that can carry a choice about who sees it, with its field path (the key
    /// worker is not one: they are in every copy).
    pub fn choices(&self) -> Vec<(String, Choice<'_>)> {
        let mut out = crate::shape::choices(self);
        out.retain(|(field, _)| field != "key_worker");
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
