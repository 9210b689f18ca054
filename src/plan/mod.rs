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

/// A field a copy shows as a labelled line under its item ("Why it matters: ..."), or as a
/// fact of its section ("Next review: 11 February 2027"): declared `@words_key` in the shape.
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    pub field: &'static str,
    /// The key of its label in the words tables.
    pub label: &'static str,
    pub value: LabelledValue<'a>,
}

/// What a labelled field holds.
#[derive(Debug, Clone, Copy)]
pub enum LabelledValue<'a> {
    /// Words (never blank), with the kind of text its field declares.
    Text(&'a Text, Option<Kind>),
    Date(&'a Date),
    Area(LifeArea),
}

/// The kinds of field a copy can show as labelled lines: a value, or none when left out or
/// blank.
pub trait AsLabelled {
    fn labelled(&self, kind: Option<Kind>) -> Option<LabelledValue<'_>>;
}

impl AsLabelled for Text {
    fn labelled(&self, kind: Option<Kind>) -> Option<LabelledValue<'_>> {
        (!self.trim().is_empty()).then_some(LabelledValue::Text(self, kind))
    }
}

impl AsLabelled for Sp<Date> {
    fn labelled(&self, _: Option<Kind>) -> Option<LabelledValue<'_>> {
        Some(LabelledValue::Date(&self.value))
    }
}

impl AsLabelled for Sp<LifeArea> {
    fn labelled(&self, _: Option<Kind>) -> Option<LabelledValue<'_>> {
        Some(LabelledValue::Area(self.value))
    }
}

impl<T: AsLabelled> AsLabelled for Option<T> {
    fn labelled(&self, kind: Option<Kind>) -> Option<LabelledValue<'_>> {
        self.as_ref().and_then(|v| v.labelled(kind))
    }
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
            $( $(#[$attr:meta])* $(@$label:ident)? $kind:ident $field:ident : $ty:ty $(as $tk:ident)? $(=> $pic:literal)? ),* $(,)?
        }
    ) => {
        plan_struct! {
            $(#[doc = $sdoc])*
            pub struct $Name : chosen $($(, $flag $(($main))?)+)? {
                $( $(#[$attr])* $(@$label)? $kind $field : $ty $(as $tk)? $(=> $pic)?, )*
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

// The parts of the plan, each in its own file (after `item_struct!`, which they use).
mod care;
mod crisis;
mod item;
mod people;
mod record;

pub use care::*;
pub use crisis::*;
pub use item::*;
pub use people::*;
pub use record::*;
