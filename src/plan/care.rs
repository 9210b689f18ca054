//! The person's care: about me, needs, goals and their ratings, and actions for the person,
//! family and friends, and services.

use super::*;

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
        @why_it_matters opt why: Text as Own,
        /// When I hope to get there.
        @target_date opt target_date: Sp<Date>,
        /// The area of life it is about, in a Care and Treatment Plan (Wales): finance,
        /// accommodation, personal_care, education, work, parenting_caring, social, treatment.
        @life_area opt area: Sp<LifeArea>,
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
        @who opt who: Text as Label,
        /// When or how often, in words.
        @when opt when: Text as Text,
        /// The goals it helps with: one goal id or a list.
        opt goal: GoalRefs as Id,
        /// The area of life it is about, in a Care and Treatment Plan (Wales), like a goal's.
        @life_area opt area: Sp<LifeArea>,
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

impl Walk for Party {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        match self {
            Party::Actions(list) => list.walk(path, v),
            Party::None(w) => w.walk(path, v),
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
