//! The Wales Care and Treatment Plan profile (`profile = "wales-ctp"`): under the Mental
//! Health (Wales) Measure 2010 a plan considers eight areas of life; goals and actions say
//! which they are about (`area:`), and this finds the areas that have neither.

use serde::Deserialize;

use crate::diagnostic::Span;
use crate::plan::{Action, LifeArea, Party, Plan, Profile};

/// `profile = "wales-ctp"` in `ourplan.toml`.
impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = String::deserialize(d)?;
        Profile::from_word(w.trim()).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "there is no profile called {w:?}: write one of {}",
                Profile::WORDS.join(", ")
            ))
        })
    }
}

/// The area's name as the Measure's regulations give it, for `check`'s messages.
pub fn name(area: LifeArea) -> &'static str {
    match area {
        LifeArea::Finance => "finance and money",
        LifeArea::Accommodation => "accommodation",
        LifeArea::PersonalCare => "personal care and physical wellbeing",
        LifeArea::Education => "education and training",
        LifeArea::Work => "work and occupation",
        LifeArea::Parenting => "parenting or caring relationships",
        LifeArea::Social => "social, cultural or spiritual",
        LifeArea::Treatment => {
            "medical and other forms of treatment, including psychological interventions"
        }
    }
}

/// Every action of the plan.
fn actions(plan: &Plan) -> impl Iterator<Item = &Action> {
    let family: &[Action] = match &plan.actions.family_and_friends {
        Party::Actions(a) => a,
        Party::None(_) => &[],
    };
    plan.actions
        .me
        .iter()
        .chain(family)
        .chain(&plan.actions.services)
        .chain(&plan.actions.other_organisations)
}

/// The areas of life no goal or action of the plan is about, in the Measure's order.
pub fn uncovered(plan: &Plan) -> Vec<LifeArea> {
    let covered: Vec<LifeArea> = plan
        .goals
        .iter()
        .filter_map(|g| g.area.as_ref().map(|a| a.value))
        .chain(actions(plan).filter_map(|a| a.area.as_ref().map(|a| a.value)))
        .collect();
    LifeArea::ALL
        .iter()
        .copied()
        .filter(|a| !covered.contains(a))
        .collect()
}

/// The `ctp-areas` finding for a plan that follows the profile: where it points, its field,
/// message and hint; `None` when every area has a goal or an action, or the plan does not
/// follow the profile.
pub fn check(plan: &Plan, profile: Option<Profile>) -> Option<(Span, String, String, String)> {
    if profile != Some(Profile::WalesCtp) {
        return None;
    }
    let missing = uncovered(plan);
    if missing.is_empty() {
        return None;
    }
    let (span, field) = match &plan.person.profile {
        Some(p) => (p.span, "person.profile"),
        None => (plan.goals.span, "goals"),
    };
    let names: Vec<&str> = missing.iter().map(|a| name(*a)).collect();
    let message = format!(
        "this Care and Treatment Plan has no goal or action for {} of the 8 areas of life: {}",
        missing.len(),
        names.join("; ")
    );
    let hint = format!(
        "talk with the person about each area; add `area: {}` to a goal or action about it, or say in the plan why the area does not need one",
        missing[0].word()
    );
    Some((span, field.to_string(), message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_areas_are_the_measures() {
        assert_eq!(LifeArea::ALL.len(), 8);
        assert_eq!(
            name(LifeArea::Parenting),
            "parenting or caring relationships"
        );
        assert_eq!(LifeArea::Parenting.word(), "parenting_caring");
    }
}
