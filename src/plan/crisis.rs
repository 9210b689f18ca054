//! The crisis and safety plan, and the advance statement.

use super::*;

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
