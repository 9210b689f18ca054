//! The people of a plan: the person, the key worker and care team, contacts, people who must
//! not be contacted, carers, and those the person shares copies with.

use super::*;

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

impl Walk for Carers {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        match self {
            Carers::List(list) => list.walk(path, v),
            Carers::None(w) => w.walk(path, v),
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
