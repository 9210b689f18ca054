//! Checks a loaded `Plan` against the rules a care and support plan must meet (from the trust
//! policy in the seeds and the plan format), and keeps the list of every rule with its reason,
//! for `ourplan explain`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::ToSpan as _;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::language::{Language, TextKind};
use crate::load::convert::{Date, Sp};
use crate::plan::{Action, AdvanceStatus, Carers, Contact, Party, Plan, Text, Worker};
use crate::plan::{Format, Item};
use crate::settings::Settings;

/// What a rule checks, why, and how to fix a problem it finds.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// True for problems with the file itself: a team cannot turn these down.
    pub shape: bool,
    pub summary: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

macro_rules! rules {
    ($( $id:literal $sev:ident $shape:ident : $summary:literal ; why $why:literal ; fix $fix:literal ;)*) => {
        /// Every rule ourplan knows, in the order `explain` lists them.
        pub static RULES: &[RuleInfo] = &[$(RuleInfo {
            id: $id,
            severity: Severity::$sev,
            shape: rules!(@shape $shape),
            summary: $summary,
            why: $why,
            fix: $fix,
        }),*];
    };
    (@shape file) => { true };
    (@shape plan) => { false };
}

rules! {
    "yaml-syntax" Error file: "The file must be valid YAML.";
        why "ourplan cannot read a plan that is not valid YAML.";
        fix "Look at the line shown and the one before it. Indent with spaces, never tabs. Put text with a colon in quotes.";
    "empty-file" Error file: "A plan file must not be empty.";
        why "An empty file is not a plan.";
        fix "Start the file with `ourplan: 1`, then the sections in docs/plan-format.md.";
    "too-deep" Error file: "A plan must not be nested more than 32 levels deep.";
        why "Very deep nesting is a mistake or an attack, and reading it could crash the tool.";
        fix "Check the indenting. A plan needs only a few levels.";
    "alias-limit" Error file: "YAML aliases must not expand to more than 20,000 values.";
        why "A small file with aliases of aliases can grow to billions of values (an alias bomb).";
        fix "Write the text out instead of repeating it with `*` aliases.";
    "too-large" Error file: "A plan file must be at most 2 MB.";
        why "A plan is a few kilobytes. A huge file is the wrong file, and reading it would be slow.";
        fix "Check that this is the right file.";
    "not-utf8" Error file: "A plan must be saved as UTF-8 text.";
        why "Other encodings turn letters into nonsense.";
        fix "Save the file as UTF-8 in your editor.";
    "not-a-file" Error file: "A path ending in .yaml must be a plan file.";
        why "Folders and special files named like plans are usually a mistake.";
        fix "Rename the folder, or move the file.";
    "duplicate-plan-id" Error file: "Each plan file has a name of its own.";
        why "The file name is the plan's id: two plans with one id would write over each other's copies.";
        fix "Rename one of the files.";
    "unreadable-file" Error file: "A plan file must be readable.";
        why "ourplan cannot check a file it cannot open.";
        fix "Check the file exists, is not a broken link, and that you may read it.";
    "not-checked" Warning file: "Every part of a plan should be read, so every part can be checked.";
        why "When a part of a plan cannot be read, ourplan still checks every other part, but it cannot check that part, nor the rules that need it.";
        fix "Fix the mistakes shown for those parts, then check again.";
    "unknown-version" Error file: "The plan must say `ourplan: 1`.";
        why "Later versions of the format may mean different things by the same words.";
        fix "Write `ourplan: 1` at the top, or update ourplan.";
    "unknown-field" Error file: "Every field name must be one that ourplan knows.";
        why "A misspelt field would be left out of the copies without anyone noticing.";
        fix "Use the suggested name. docs/plan-format.md lists every field.";
    "missing-field" Error file: "Required sections and fields must be there and not empty.";
        why "A plan needs a key worker, goals, actions, a crisis plan, an advance statement and a review date (policy 3.3, 3.4; seed 002).";
        fix "Add the field named in the message.";
    "wrong-type" Error file: "Each field must hold the right kind of value.";
        why "A list where text is expected (or the other way round) cannot be shown properly.";
        fix "Write the kind of value the message asks for.";
    "invalid-value" Error file: "Fields with a fixed set of words must use one of them.";
        why "Words like `large-print` choose what ourplan makes.";
        fix "Use the suggested word.";
    "invalid-date" Error file: "Dates must be real dates written YYYY-MM-DD.";
        why "Review dates are checked and shown; a wrong date could mean a missed review.";
        fix "Write the date as year-month-day, for example 2026-03-14.";
    "duplicate-key" Error file: "A field must not be written twice in the same place.";
        why "Only one of the two would be used, and nobody could tell which.";
        fix "Keep one of the two and delete the other.";
    "unknown-section" Error file: "A sharing entry must name sections that exist.";
        why "A misspelt section would not be shared, against the person's choice (seed 002: the person controls who sees the plan).";
        fix "Use a section name from docs/plan-format.md, such as `crisis` or `goals`.";
    "template" Error file: "A team's own template must be valid.";
        why "ourplan cannot make copies with a broken template.";
        fix "Fix the line named in the message, or delete the file to use the built-in template.";
    "unknown-picture" Error plan: "A picture must be one ourplan has.";
        why "An unknown picture cannot be shown, and the easy-read copy needs a picture for each idea.";
        fix "Use a name from `ourplan pictures`, or add the picture to the team's styles/pictures with its alt text.";
    "needs-easy-read" Warning plan: "Text in an easy-read copy should be easy to read, or have an `easy_read` version.";
        why "Easy read means one idea a sentence, 15 words or fewer, and everyday words (Department of Health and Mencap guidance; policy 2.12).";
        fix "Add `easy_read:` with a short, plain version. The easy-read copy shows the ordinary text until then.";
    "settings" Error file: "ourplan.toml must be valid and use known keys.";
        why "A mistyped setting would be silently ignored.";
        fix "Check the key names against the settings section of the README.";
    "no-goals" Error plan: "A plan must have at least one goal.";
        why "Goals in the person's own words are the heart of the plan (policy 2.7, 3.3.2).";
        fix "Add a goal under `goals:` with an `id` and the `goal` in the person's words.";
    "goal-target-passed" Warning plan: "A goal's target date should not have passed.";
        why "A target date in the past means the goal is done, changed or stuck: and the plan should say which.";
        fix "Talk with the person about the goal, then set a new `target_date:`, or take the date out.";
    "goal-without-action" Warning plan: "Every goal should have an action that helps with it.";
        why "A goal nobody works towards is a wish, not a plan: the plan states the actions that help the person reach their goals, and who does them (seed 002).";
        fix "Add an action with `goal:` and the goal's id, under `me`, `family_and_friends` or `services`.";
    "duplicate-goal-id" Error plan: "Goal ids must be unique.";
        why "Actions point at goals by id; two goals with one id would be confused.";
        fix "Give each goal its own id.";
    "bad-goal-id" Error plan: "A goal id must be lower case letters, digits and hyphens.";
        why "Ids are used in links and file names.";
        fix "Write the id like `back-to-work`.";
    "unknown-goal" Error plan: "An action's `goal` must name a goal in the plan.";
        why "Otherwise the action would be linked to nothing.";
        fix "Use one of the goal ids, or add the goal.";
    "missing-actions" Error plan: "There must be actions for me and for services, and for family and friends or a reason why not.";
        why "The plan states actions for the person, their carers and services (seed 002; policy App. 4 §3).";
        fix "Add at least one action, or for family and friends write `why_none:` with the reason.";
    "action-without-who" Error plan: "Every action, except the person's own, must say who will do it.";
        why "An action nobody owns does not get done.";
        fix "Add `who:` to the action.";
    "key-worker-details" Error plan: "The key worker must have a role and a phone number or email.";
        why "Everyone has a named key worker they can contact (seed 002; policy 2.4, 3.1.8).";
        fix "Add `role:` and `phone:` or `email:` under `key_worker`.";
    "key-worker-no-phone" Warning plan: "The key worker should have a phone number.";
        why "The key worker's contact is part of the crisis plan (policy 3.3.13); email is too slow in a crisis.";
        fix "Add `phone:` under `key_worker`.";
    "missing-24-hour-contact" Error plan: "The crisis plan must have a service that answers 24 hours a day.";
        why "A crisis plan gives 24-hour access to help (policy 3.3.11, 3.3.13).";
        fix "Add a contact with `when: 24 hours`, such as the local crisis line or NHS 111 (option 2).";
    "review-too-late" Error plan: "The next review must be no more than 12 months after the last review or agreement.";
        why "Plans are reviewed at least once a year (policy 2.9, 3.4.1).";
        fix "Set `review.next` to a date within 12 months.";
    "review-overdue" Warning plan: "The next review date has passed.";
        why "An out-of-date plan may give wrong advice in a crisis (policy 3.4.2).";
        fix "Hold the review, then update `review.last` and `review.next`.";
    "date-order" Error plan: "Dates must be in order.";
        why "A review before the last one, or a copy given before the plan was agreed, is a mistake.";
        fix "Check the two dates named in the message.";
    "date-in-future" Warning plan: "Things that have happened must not be dated in the future.";
        why "A future date on a past event is usually a typing mistake.";
        fix "Check the year, month and day.";
    "invalid-phone" Error plan: "Phone numbers must look like UK numbers or start with +.";
        why "A wrong number in a crisis plan is dangerous.";
        fix "Write a UK number such as 0300 123 4567, 111 or 116 123, or an international one starting with +.";
    "invalid-email" Error plan: "Email addresses must look like name@example.org.";
        why "A wrong address means messages do not arrive.";
        fix "Check the address.";
    "missing-persons-views" Error plan: "The plan must record the person's views, or why they did not take part.";
        why "The person's views are shown in the plan; if they could not or chose not to take part, a statement says so (policy 3.3.2, 3.3.5).";
        fix "Add `agreement.my_views`, or `agreement.not_involved.reason`.";
    "decision-without-comment" Warning plan: "A decision against the person's wishes should record their comment.";
        why "The reason and the person's comment are both recorded (policy 3.3.7).";
        fix "Add `my_comment:` in the person's words, or say they chose not to comment.";
    "advance-statement-date" Error plan: "An advance statement needs the date it was made or offered, or when it will be offered.";
        why "Every person is offered an advance statement (policy 2.5, 2.10, 3.3.6).";
        fix "Add `date:` (made or offered and declined) or `offer_by:` (not yet offered).";
    "advance-statement-not-offered" Warning plan: "An advance statement has not been offered yet.";
        why "Every person is offered the chance to make an advance statement (policy 3.3.6).";
        fix "Offer it, then set `status: made` or `status: offered_declined`.";
    "advance-statement-overdue" Warning plan: "An advance statement should be offered by its `offer_by` date.";
        why "The plan promised to offer an advance statement by a date, and that date has passed; every person is offered one (policy 2.5, 3.3.6).";
        fix "Offer it now, then set `status: made` or `status: offered_declined` with the `date:`; or agree a new `offer_by:` with the person.";
    "advance-statement-wishes" Warning plan: "A made advance statement should have its wishes in the plan, or say where it is kept.";
        why "Wishes in an advance statement are built into the plan (policy 2.10).";
        fix "Add the wishes (treatment, please do, please don't...) and `kept_at:`.";
    "carer-copy-not-offered" Error plan: "A carer not offered a copy needs the exceptional reason recorded.";
        why "Carers are offered a copy of the care and crisis plan unless there are exceptional circumstances (policy 3.3.11, 2.11).";
        fix "Offer a copy, or add `why_not_offered:`.";
    "rating-out-of-range" Error plan: "Outcome ratings must be in range.";
        why "Goal ratings are 0 to 10, DIALOG 1 to 7 and ReQoL-10 totals 0 to 40.";
        fix "Check the score.";
    "outcome-dates" Warning plan: "Outcome ratings should be listed oldest first, one row a date.";
        why "Ratings are compared over time: a row out of order is usually a mistyped date, and two rows on one day make it unclear which score counts.";
        fix "Check the dates named in the message. List the rows oldest first, and keep one row for each day.";
    "needs-not-considered" Warning plan: "The plan should consider physical and social needs, not only mental health.";
        why "Physical, mental and social needs (housing, money, work, relationships) are all considered (seed 002; policy 3.3.8).";
        fix "Add items under `needs:`.";
    "do-not-contact-shared" Error plan: "Someone who must not be contacted must not get a copy, or be named in the name of one.";
        why "The person decides who sees the plan (seed 002). A copy for a person who must not be contacted could put the person in danger. A name is matched however it is written: with a title (Mr D'Souza), an initial (C. D'Souza), surname first, with or without apostrophes, hyphens, spaces and accents. No copy is made for them, and one made before is removed.";
        fix "Remove them from `sharing`, or from `about_me.do_not_contact` if that is out of date.";
    "do-not-contact-maybe" Warning plan: "A sharing entry's or a contact's name looks like the name of someone who must not be contacted.";
        why "The same surname (Jo Marsh and Kelly Marsh), or her first name as their surname (Jo Kelly), may be the same person or their family. Someone should check before a copy goes to them.";
        fix "If they are the same person, remove the entry. If they are someone else, say who with `different_person:` in the entry (for example `different_person: her aunt, not Kelly's family`).";
    "do-not-contact-one-name" Warning plan: "Each `do_not_contact` entry holds one name; notes go in `reason`.";
        why "ourplan looks for every name it can find in an entry (\"Kelly Marsh / Kelly Smith\", \"Kelly Marsh née Smith\"), but a note written into the name (\"Kelly Marsh - ex\") could be taken for a name, or a name for a note.";
        fix "Write each name the person goes by as its own entry, and why in `reason:`.";
    "do-not-contact-named" Warning plan: "Someone who must not be contacted is named elsewhere as a contact.";
        why "A worker in a hurry might call them.";
        fix "Remove them from the other list, or check `do_not_contact`.";
    "unknown-recipient" Error plan: "`not_for` and `only_for` name people in `sharing`.";
        why "A name that is not in `sharing` (a typing mistake, say) would not keep the item from the person it was meant for.";
        fix "Write the name as it is in `sharing`.";
    "key-worker-in-every-copy" Error plan: "The key worker is in every copy: they cannot be private, not_for or only_for.";
        why "Everyone who gets a copy needs to know who to call (policy 3.1.8).";
        fix "Remove `private`, `not_for` and `only_for` from `key_worker`.";
    "duplicate-recipient" Error plan: "Each person is listed once in `sharing`.";
        why "Two entries for one person would make two different copies for them, and it is not clear which the person agreed to.";
        fix "Keep one entry for them, with every section and format they should get.";
    "share-nothing" Warning plan: "A sharing entry should share at least one section.";
        why "A copy with nothing in it is not useful.";
        fix "List the sections the person agreed to share, or remove the entry.";
    "invalid-language" Warning plan: "`person.language` must be a language tag like en-GB or cy.";
        why "Screen readers choose their voice from it.";
        fix "Write a tag such as en-GB, cy (Welsh) or pl (Polish).";
}

/// Every rule: the plan rules here, then the plain-language rules.
pub fn all() -> impl Iterator<Item = &'static RuleInfo> {
    RULES.iter().chain(crate::language::RULES.iter())
}

/// Looks up a rule by id.
pub fn info(id: &str) -> Option<&'static RuleInfo> {
    all().find(|r| r.id == id)
}

/// Everything a rule needs to know besides the plan.
pub struct Context<'a> {
    pub file: &'a Path,
    pub today: jiff::civil::Date,
    pub settings: &'a Settings,
    /// The plan's text, to point at words inside a field.
    pub source: &'a str,
    pub language: &'a Language,
    /// Picture names a plan may use.
    pub pictures: &'a BTreeMap<String, String>,
}

struct Checker<'a> {
    cx: &'a Context<'a>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, id: &'static str, span: Span, field: &str, message: String, hint: String) {
        let rule = info(id).expect("every rule used is listed");
        let severity = self
            .cx
            .settings
            .rules
            .get(id)
            .map_or(rule.severity, |l| l.severity());
        self.out.push(
            Diagnostic::new(severity, id, self.cx.file, message)
                .at(span)
                .field(field)
                .hint(hint),
        );
    }
}

/// Runs every plan rule. Problems come back in no particular order.
pub fn check(plan: &Plan, cx: &Context) -> Vec<Diagnostic> {
    let mut c = Checker {
        cx,
        out: Vec::new(),
    };
    goals(&mut c, plan);
    actions(&mut c, plan);
    key_worker(&mut c, &plan.key_worker);
    crisis(&mut c, plan);
    review(&mut c, plan);
    person(&mut c, plan);
    agreement(&mut c, plan);
    advance_statement(&mut c, plan);
    carers(&mut c, plan);
    outcomes(&mut c, plan);
    needs(&mut c, plan);
    privacy(&mut c, plan);
    choices(&mut c, plan);
    sharing(&mut c, plan);
    contacts(&mut c, plan);
    language(&mut c, plan);
    crate::timings::time(crate::timings::Stage::Language, || {
        plain_words(&mut c, plan)
    });
    pictures(&mut c, plan);
    c.out
}

/// Rules whose finding at one field also rests on other parts of the plan: when one of those
/// parts could not be read, the finding may be wrong, so it is left out. (Any finding whose
/// own field overlaps a part that could not be read is left out too.)
const RESTS_ON: &[(&str, &[&str])] = &[
    ("unknown-goal", &["goals"]),
    ("goal-without-action", &["actions"]),
    ("goal-target-passed", &["goals"]),
    ("review-too-late", &["review", "agreement"]),
    ("date-order", &["review", "agreement"]),
    ("advance-statement-date", &["advance_statement"]),
    ("advance-statement-not-offered", &["advance_statement"]),
    ("advance-statement-overdue", &["advance_statement"]),
    ("advance-statement-wishes", &["advance_statement"]),
    ("carer-copy-not-offered", &["carers"]),
    ("outcome-dates", &["goals", "outcomes"]),
    (
        "do-not-contact-shared",
        &[
            "about_me",
            "sharing",
            "carers",
            "crisis",
            "advance_statement",
        ],
    ),
    (
        "do-not-contact-named",
        &[
            "about_me",
            "sharing",
            "carers",
            "crisis",
            "advance_statement",
        ],
    ),
    ("duplicate-recipient", &["sharing"]),
];

/// True when the two field paths overlap: one is the other or a part of it.
fn overlaps(a: &str, b: &str) -> bool {
    crate::load::convert::path_within(a, b) || crate::load::convert::path_within(b, a)
}

/// Runs every plan rule on a plan some parts of which could not be read (`unread`: their
/// field paths and places, from the loader). Findings that could rest on those parts are left
/// out, and one `not-checked` warning names the parts, so nothing is passed over in silence.
pub fn check_partial(
    plan: &Plan,
    cx: &Context,
    unread: &[(String, Span)],
    meant: &[String],
) -> Vec<Diagnostic> {
    let mut out = check(plan, cx);
    let affected = |d: &Diagnostic| {
        let field = d.field.as_deref().unwrap_or("");
        let rests_on = RESTS_ON
            .iter()
            .find(|(id, _)| *id == d.rule)
            .map_or(&[][..], |(_, parts)| *parts);
        unread
            .iter()
            .map(|(u, _)| u.as_str())
            .chain(meant.iter().map(String::as_str))
            .any(|u| overlaps(field, u) || rests_on.iter().any(|p| overlaps(p, u)))
    };
    out.retain(|d| !affected(d));
    if let Some((first, span)) = unread.first() {
        let names: Vec<String> = unread
            .iter()
            .map(|(p, _)| {
                if p.is_empty() {
                    "the plan".to_string()
                } else {
                    format!("`{p}`")
                }
            })
            .collect();
        let message = match &names[..] {
            [one] => format!(
                "ourplan could not read {one}, so it was not checked; every other part of the plan was"
            ),
            _ => format!(
                "ourplan could not read {} parts of the plan, so they were not checked: {}; every other part was",
                names.len(),
                names.join(", ")
            ),
        };
        let rule = info("not-checked").expect("listed");
        let severity = cx
            .settings
            .rules
            .get("not-checked")
            .map_or(rule.severity, |l| l.severity());
        out.push(
            Diagnostic::new(severity, "not-checked", cx.file, message)
                .at(*span)
                .field(first.clone())
                .hint("fix the mistakes shown there, then check again: the rules that need those parts will run then"),
        );
    }
    out
}

fn goals(c: &mut Checker, plan: &Plan) {
    if plan.goals.is_empty() {
        c.push(
            "no-goals",
            plan.goals.span,
            "goals",
            "the plan has no goals".into(),
            "add a goal in the person's own words".into(),
        );
    }
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let served = served_goals(plan);
    for (i, g) in plan.goals.iter().enumerate() {
        let id = g.id.trim();
        if !is_slug(id) {
            c.push(
                "bad-goal-id",
                g.id.span,
                &format!("goals[{i}].id"),
                format!("the goal id `{id}` has letters or signs that are not allowed"),
                format!("write it like `{}`", slugify(id)),
            );
        }
        // A goal whose latest rating is 10 is done: its date passing is no news.
        let done = g
            .ratings
            .iter()
            .max_by_key(|r| r.date.value)
            .is_some_and(|r| r.score.value >= 10);
        if let Some(t) = &g.target_date
            && t.value.0 < c.cx.today
            && !done
        {
            c.push(
                "goal-target-passed",
                t.span,
                &format!("goals[{i}].target_date"),
                format!(
                    "the goal `{id}` was to be reached by {}, and that date has passed",
                    t.long()
                ),
                "talk with the person about it, then set a new `target_date:` or take the date out"
                    .into(),
            );
        }
        if !done && !served.contains(id) {
            c.push(
                "goal-without-action",
                g.id.span,
                &format!("goals[{i}]"),
                format!("nobody has an action for this goal (`{id}`)"),
                format!(
                    "add an action with `goal: {id}` under `me`, `family_and_friends` or `services`"
                ),
            );
        }
        if let Some(first) = seen.get(id) {
            c.push(
                "duplicate-goal-id",
                g.id.span,
                &format!("goals[{i}].id"),
                format!(
                    "two goals have the id `{id}` (the first is on line {})",
                    first.line
                ),
                "give each goal its own id".into(),
            );
        } else {
            seen.insert(id, g.id.span);
        }
    }
}

/// The goal ids that some action names (or plainly means: a misspelt id, which
/// `unknown-goal` points out, counts for the goal it is closest to).
fn served_goals(plan: &Plan) -> std::collections::HashSet<&str> {
    let ids: Vec<&str> = plan.goals.iter().map(|g| g.id.trim()).collect();
    let a = &plan.actions;
    let mut lists: Vec<&[Action]> = vec![&a.me, &a.services, &a.other_organisations];
    if let Party::Actions(list) = &a.family_and_friends {
        lists.push(list);
    }
    lists
        .into_iter()
        .flatten()
        .flat_map(|x| x.goal.iter().flat_map(|g| g.0.iter()))
        .map(|r| r.trim())
        .map(|r| {
            if ids.contains(&r) {
                r
            } else {
                crate::load::convert::did_you_mean(r, &ids).unwrap_or(r)
            }
        })
        .collect()
}

/// True for `lower-case-words-123`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Makes a slug of any text: `Amira Ahmed` → `amira-ahmed`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "x".into() } else { out }
}

/// How many goal ids an `unknown-goal` hint lists, at most.
const NEAREST: usize = 5;

fn actions(c: &mut Checker, plan: &Plan) {
    let a = &plan.actions;
    let goal_ids: Vec<&str> = plan.goals.iter().map(|g| g.id.trim()).collect();
    let mut groups: Vec<(&str, &[Action], bool)> = vec![("me", &a.me, false)];
    match &a.family_and_friends {
        Party::Actions(list) => {
            if list.is_empty() {
                c.push(
                    "missing-actions",
                    a.key_span("family_and_friends"),
                    "actions.family_and_friends",
                    "there are no actions for family and friends, and no reason why".into(),
                    "add an action, or write `why_none:` with the reason".into(),
                );
            }
            groups.push(("family_and_friends", list, true));
        }
        Party::None(_) => {}
    }
    groups.push(("services", &a.services, true));
    groups.push(("other_organisations", &a.other_organisations, true));
    for (name, list, needs_who) in groups {
        if list.is_empty() && (name == "me" || name == "services") {
            let whose = if name == "me" {
                "the person"
            } else {
                "services"
            };
            c.push(
                "missing-actions",
                a.key_span(name),
                &format!("actions.{name}"),
                format!("there are no actions for {whose}"),
                format!("add at least one action under `{name}:`"),
            );
        }
        for (i, action) in list.iter().enumerate() {
            let field = format!("actions.{name}[{i}]");
            if needs_who && action.who.as_ref().is_none_or(|w| w.trim().is_empty()) {
                c.push(
                    "action-without-who",
                    action.what.span,
                    &field,
                    "this action does not say who will do it".into(),
                    "add `who:` with a name or a team".into(),
                );
            }
            for r in action.goal.iter().flat_map(|g| g.0.iter()) {
                if !goal_ids.contains(&r.trim()) {
                    let hint = match crate::load::convert::did_you_mean(r, &goal_ids) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if goal_ids.is_empty() => "add the goal under `goals:`".into(),
                        None if goal_ids.len() <= NEAREST => {
                            format!("the goal ids are: {}", goal_ids.join(", "))
                        }
                        // A long plan: the nearest few, not thousands of ids.
                        None => format!(
                            "the nearest of the {} goal ids are: {}",
                            goal_ids.len(),
                            crate::load::convert::nearest(r, &goal_ids, NEAREST).join(", ")
                        ),
                    };
                    c.push(
                        "unknown-goal",
                        r.span,
                        &format!("{field}.goal"),
                        format!("there is no goal with the id `{}`", r.trim()),
                        hint,
                    );
                }
            }
        }
    }
}

fn blank(t: &Option<Text>) -> bool {
    t.as_ref().is_none_or(|t| t.trim().is_empty())
}

fn key_worker(c: &mut Checker, w: &Worker) {
    if blank(&w.role) {
        c.push(
            "key-worker-details",
            w.span,
            "key_worker.role",
            "the key worker's role is missing".into(),
            "add `role:`, for example `Community mental health nurse`".into(),
        );
    }
    if blank(&w.phone) && blank(&w.email) {
        c.push(
            "key-worker-details",
            w.span,
            "key_worker",
            "the key worker has no phone number or email".into(),
            "add `phone:` or `email:` so the person can reach them".into(),
        );
    } else if blank(&w.phone) {
        c.push(
            "key-worker-no-phone",
            w.span,
            "key_worker.phone",
            "the key worker has no phone number for the crisis plan".into(),
            "add `phone:` under `key_worker`".into(),
        );
    }
}

/// True when a contact's `when` says it answers at any time.
pub fn is_24_hours(when: &str) -> bool {
    let w = when.to_lowercase();
    [
        "24 hour",
        "24-hour",
        "24/7",
        "24h",
        "any time",
        "anytime",
        "day and night",
    ]
    .iter()
    .any(|p| w.contains(p))
}

fn crisis(c: &mut Checker, plan: &Plan) {
    let cr = &plan.crisis;
    if !cr.contacts.iter().any(|k| is_24_hours(&k.when)) {
        let example =
            c.cx.settings
                .crisis_numbers
                .first()
                .map(|n| format!(", for example {} ({})", n.name, n.phone))
                .unwrap_or_default();
        c.push(
            "missing-24-hour-contact",
            contacts_key(cr),
            "crisis.contacts",
            "the crisis plan has no service that answers 24 hours a day".into(),
            format!("add a contact with `when: 24 hours`{example}"),
        );
    }
}

fn contacts_key(cr: &crate::plan::Crisis) -> Span {
    cr.key_span("contacts")
}

fn plus_months(d: Date, months: i32) -> jiff::civil::Date {
    d.0.checked_add(months.months()).unwrap_or(d.0)
}

fn review(c: &mut Checker, plan: &Plan) {
    let r = &plan.review;
    let agreed = plan.agreement.as_ref().and_then(|a| a.agreed_on.as_ref());
    let base: Option<(&Sp<Date>, &str)> = r
        .last
        .as_ref()
        .map(|d| (d, "the last review"))
        .or(agreed.map(|d| (d, "the date the plan was agreed")));
    if let Some((base, what)) = base {
        let limit = plus_months(base.value, 12);
        if r.next.value.0 > limit {
            c.push(
                "review-too-late",
                r.next.span,
                "review.next",
                format!(
                    "the next review ({}) is more than 12 months after {what} ({})",
                    r.next.long(),
                    base.long()
                ),
                format!("review the plan by {}", Date(limit).long()),
            );
        }
        if r.next.value < base.value {
            c.push(
                "date-order",
                r.next.span,
                "review.next",
                format!(
                    "the next review ({}) is before {what} ({})",
                    r.next.long(),
                    base.long()
                ),
                "check both dates".into(),
            );
        }
    }
    if r.next.value.0 < c.cx.today {
        c.push(
            "review-overdue",
            r.next.span,
            "review.next",
            format!("the review was due on {} and is overdue", r.next.long()),
            "hold the review, then update `review.last` and `review.next`".into(),
        );
    }
    if let Some(last) = &r.last {
        past(c, last, "review.last", "the last review");
        for (i, h) in r.history.iter().enumerate() {
            if h.date.value > last.value {
                c.push(
                    "date-order",
                    h.date.span,
                    &format!("review.history[{i}].date"),
                    format!(
                        "an earlier review ({}) is dated after the last review ({})",
                        h.date.long(),
                        last.long()
                    ),
                    "check both dates".into(),
                );
            }
        }
    }
    for (i, h) in r.history.iter().enumerate() {
        past(c, &h.date, &format!("review.history[{i}].date"), "a review");
    }
}

fn past(c: &mut Checker, d: &Sp<Date>, field: &str, what: &str) {
    if d.value.0 > c.cx.today {
        c.push(
            "date-in-future",
            d.span,
            field,
            format!("{what} is dated {}, which is in the future", d.long()),
            "check the year, month and day".into(),
        );
    }
}

fn person(c: &mut Checker, plan: &Plan) {
    if let Some(d) = &plan.person.date_of_birth {
        past(c, d, "person.date_of_birth", "the date of birth");
    }
}

fn agreement(c: &mut Checker, plan: &Plan) {
    let Some(a) = &plan.agreement else {
        c.push(
            "missing-persons-views",
            Span::START,
            "agreement",
            "the plan does not record the person's views".into(),
            "add `agreement:` with `my_views:` in the person's words, or `not_involved:` with the reason".into(),
        );
        return;
    };
    if blank(&a.my_views) && a.not_involved.is_none() {
        c.push(
            "missing-persons-views",
            a.span,
            "agreement",
            "the plan does not record the person's views".into(),
            "add `my_views:` in the person's words, or `not_involved:` with the reason".into(),
        );
    }
    for (i, d) in a.decisions_against_my_wishes.iter().enumerate() {
        if blank(&d.my_comment) {
            c.push(
                "decision-without-comment",
                d.decision.span,
                &format!("agreement.decisions_against_my_wishes[{i}]"),
                "this decision does not record what the person thinks of it".into(),
                "add `my_comment:` in the person's words".into(),
            );
        }
    }
    if let (Some(agreed), Some(given)) = (&a.agreed_on, &a.copy_given_on)
        && given.value < agreed.value
    {
        c.push(
            "date-order",
            given.span,
            "agreement.copy_given_on",
            format!(
                "the copy was given ({}) before the plan was agreed ({})",
                given.long(),
                agreed.long()
            ),
            "check both dates".into(),
        );
    }
    if let Some(d) = &a.agreed_on {
        past(c, d, "agreement.agreed_on", "the agreement");
    }
    if let Some(d) = &a.copy_given_on {
        past(c, d, "agreement.copy_given_on", "the copy");
    }
}

fn advance_statement(c: &mut Checker, plan: &Plan) {
    let a = &plan.advance_statement;
    match a.status.value {
        AdvanceStatus::Made | AdvanceStatus::OfferedDeclined => match &a.date {
            None => c.push(
                "advance-statement-date",
                a.status.span,
                "advance_statement.date",
                "the advance statement has no date".into(),
                "add `date:` with the day it was made or offered".into(),
            ),
            Some(d) => past(c, d, "advance_statement.date", "the advance statement"),
        },
        AdvanceStatus::NotYetOffered => {
            if a.offer_by.is_none() {
                c.push(
                    "advance-statement-date",
                    a.status.span,
                    "advance_statement.offer_by",
                    "the plan does not say when an advance statement will be offered".into(),
                    "add `offer_by:` with a date".into(),
                );
            }
            match &a.offer_by {
                Some(by) if by.value.0 < c.cx.today => c.push(
                    "advance-statement-overdue",
                    by.span,
                    "advance_statement.offer_by",
                    format!(
                        "an advance statement was to be offered by {}, and that date has passed",
                        by.long()
                    ),
                    "offer it now and update `status:`, or agree a new `offer_by:` date with the person"
                        .into(),
                ),
                Some(by) => c.push(
                    "advance-statement-not-offered",
                    a.status.span,
                    "advance_statement.status",
                    format!(
                        "the person has not been offered an advance statement yet (it is to be offered by {})",
                        by.long()
                    ),
                    "offer one, then update `status:`".into(),
                ),
                None => c.push(
                    "advance-statement-not-offered",
                    a.status.span,
                    "advance_statement.status",
                    "the person has not been offered an advance statement yet".into(),
                    "offer one, then update `status:`".into(),
                ),
            }
        }
    }
    let has_wishes = !(a.treatment.is_empty()
        && a.please_do.is_empty()
        && a.please_dont.is_empty()
        && a.people_to_tell.is_empty()
        && a.practical.is_empty()
        && a.beliefs_and_culture.is_empty());
    if a.status.value == AdvanceStatus::Made && (!has_wishes || blank(&a.kept_at)) {
        let what = if has_wishes {
            "where the advance statement is kept"
        } else {
            "the wishes in the advance statement"
        };
        c.push(
            "advance-statement-wishes",
            a.status.span,
            "advance_statement",
            format!("the plan does not say {what}"),
            if has_wishes {
                "add `kept_at:`".into()
            } else {
                "add the wishes: `treatment`, `please_do`, `please_dont`, `practical`...".into()
            },
        );
    }
}

fn carers(c: &mut Checker, plan: &Plan) {
    let Some(Carers::List(list)) = &plan.carers else {
        return;
    };
    for (i, carer) in list.iter().enumerate() {
        if !carer.copy_offered.value && blank(&carer.why_not_offered) {
            c.push(
                "carer-copy-not-offered",
                carer.copy_offered.span,
                &format!("carers[{i}].copy_offered"),
                format!(
                    "{} was not offered a copy, and the plan does not say why",
                    carer.name.trim()
                ),
                "offer a copy, or add `why_not_offered:` with the reason".into(),
            );
        }
    }
}

fn outcomes(c: &mut Checker, plan: &Plan) {
    let range = |c: &mut Checker, s: &Sp<u32>, lo: u32, hi: u32, field: String, what: &str| {
        if s.value < lo || s.value > hi {
            c.push(
                "rating-out-of-range",
                s.span,
                &field,
                format!("{what} must be from {lo} to {hi}, but it is {}", s.value),
                "check the score".into(),
            );
        }
    };
    for (i, g) in plan.goals.iter().enumerate() {
        for (j, r) in g.ratings.iter().enumerate() {
            range(
                c,
                &r.score,
                0,
                10,
                format!("goals[{i}].ratings[{j}].score"),
                "a goal rating",
            );
            past(
                c,
                &r.date,
                &format!("goals[{i}].ratings[{j}].date"),
                "a goal rating",
            );
        }
    }
    for (i, g) in plan.goals.iter().enumerate() {
        let rows: Vec<(&Sp<Date>, String)> = g
            .ratings
            .iter()
            .enumerate()
            .map(|(j, r)| (&r.date, format!("goals[{i}].ratings[{j}].date")))
            .collect();
        in_date_order(c, &rows, &format!("rating of the goal `{}`", g.id.trim()));
    }
    let Some(o) = &plan.outcomes else { return };
    let rows: Vec<(&Sp<Date>, String)> = o
        .dialog
        .iter()
        .enumerate()
        .map(|(i, d)| (&d.date, format!("outcomes.dialog[{i}].date")))
        .collect();
    in_date_order(c, &rows, "DIALOG rating");
    let rows: Vec<(&Sp<Date>, String)> = o
        .reqol10
        .iter()
        .enumerate()
        .map(|(i, r)| (&r.date, format!("outcomes.reqol10[{i}].date")))
        .collect();
    in_date_order(c, &rows, "ReQoL-10 score");
    for (i, d) in o.dialog.iter().enumerate() {
        for (area, s) in d.scores() {
            range(
                c,
                s,
                1,
                7,
                format!("outcomes.dialog[{i}].{}", area.word()),
                "a DIALOG rating",
            );
        }
        past(
            c,
            &d.date,
            &format!("outcomes.dialog[{i}].date"),
            "a DIALOG rating",
        );
    }
    for (i, r) in o.reqol10.iter().enumerate() {
        range(
            c,
            &r.total,
            0,
            40,
            format!("outcomes.reqol10[{i}].total"),
            "a ReQoL-10 total",
        );
        past(
            c,
            &r.date,
            &format!("outcomes.reqol10[{i}].date"),
            "a ReQoL-10 score",
        );
    }
}

/// Rows of ratings must be oldest first, with one row a day.
fn in_date_order(c: &mut Checker, rows: &[(&Sp<Date>, String)], what: &str) {
    for (k, (d, field)) in rows.iter().enumerate() {
        if let Some((first, _)) = rows[..k].iter().find(|(e, _)| e.value == d.value) {
            c.push(
                "outcome-dates",
                d.span,
                field,
                format!(
                    "there are two rows for the {what} on {} (the other is on line {})",
                    d.long(),
                    first.span.line
                ),
                "keep one row for each day, or check the date".into(),
            );
        } else if let Some((prev, _)) = k.checked_sub(1).map(|p| &rows[p])
            && d.value < prev.value
        {
            c.push(
                "outcome-dates",
                d.span,
                field,
                format!(
                    "this {what} ({}) is listed after a later one ({}, line {})",
                    d.long(),
                    prev.long(),
                    prev.span.line
                ),
                "list the rows oldest first, and check the year".into(),
            );
        }
    }
}

fn needs(c: &mut Checker, plan: &Plan) {
    let Some(n) = &plan.needs else {
        c.push(
            "needs-not-considered",
            Span::START,
            "needs",
            "the plan has no needs section".into(),
            "add `needs:` with mental health, physical health and social needs".into(),
        );
        return;
    };
    let mut missing = Vec::new();
    if n.physical_health.is_empty() {
        missing.push("physical health");
    }
    if n.housing.is_empty() && n.money.is_empty() && n.work.is_empty() && n.relationships.is_empty()
    {
        missing.push("social needs (housing, money, work, relationships)");
    }
    if !missing.is_empty() {
        c.push(
            "needs-not-considered",
            n.span,
            "needs",
            format!("the plan says nothing about {}", missing.join(" or ")),
            "add what the person said, or an item saying there is no need".into(),
        );
    }
}

fn privacy(c: &mut Checker, plan: &Plan) {
    use crate::names::{Match, People};
    let hidden: Vec<&str> = plan
        .about_me
        .iter()
        .flat_map(|a| a.do_not_contact.iter())
        .map(|n| n.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let people = plan.people();
    // Which of them a name is, for the message.
    let whom = |name: &str, sure: Match| {
        hidden
            .iter()
            .find(|h| People::new([**h], [], []).who(name) >= sure)
            .copied()
            .unwrap_or("someone")
    };
    for (i, s) in plan.sharing.iter().enumerate() {
        match people.who(&s.name) {
            Match::Certain => c.push(
                "do-not-contact-shared",
                s.name.span,
                &format!("sharing[{i}].name"),
                match whom(&s.name, Match::Certain) {
                    h if crate::names::fold(h) == crate::names::fold(s.name.trim()) => {
                        format!("{h} must not be contacted, so no copy is made for them")
                    }
                    h => format!(
                        "`{}` names {h}, who must not be contacted, so no copy is made for this entry",
                        s.name.trim()
                    ),
                },
                "remove them from `sharing`, or from `do_not_contact` if that is out of date"
                    .into(),
            ),
            Match::Likely if !crate::views::says_different(s) => c.push(
                "do-not-contact-shared",
                s.name.span,
                &format!("sharing[{i}].name"),
                format!(
                    "`{}` starts with the first name of {}, who must not be contacted, so no copy is made for this entry",
                    s.name.trim(),
                    whom(&s.name, Match::Likely)
                ),
                "if they are someone else, say who with `different_person:` in this entry; if not, remove it"
                    .into(),
            ),
            Match::Possible if !crate::views::says_different(s) => {
                c.push(
                    "do-not-contact-maybe",
                    s.name.span,
                    &format!("sharing[{i}].name"),
                    format!(
                        "`{}` may be {}, who must not be contacted: check before they get a copy",
                        s.name.trim(),
                        whom(&s.name, Match::Possible)
                    ),
                    "if they are someone else, say who with `different_person:` in this entry; if not, remove it".into(),
                )
            }
            _ => {}
        }
    }
    let Some(about) = &plan.about_me else { return };
    let mut named: Vec<(&Text, String, Option<&Text>)> = Vec::new();
    type Named<'a> = Vec<(&'a Text, String, Option<&'a Text>)>;
    fn contacts<'a>(named: &mut Named<'a>, list: &'a [Contact], field: &str) {
        named.extend(list.iter().enumerate().map(|(i, p)| {
            (
                &p.name,
                format!("{field}[{i}].name"),
                p.different_person.as_ref(),
            )
        }));
    }
    contacts(
        &mut named,
        &about.important_people,
        "about_me.important_people",
    );
    contacts(&mut named, &plan.crisis.who_can_help, "crisis.who_can_help");
    contacts(
        &mut named,
        &plan.advance_statement.people_to_tell,
        "advance_statement.people_to_tell",
    );
    if let Some(Carers::List(carers)) = &plan.carers {
        named.extend(carers.iter().enumerate().map(|(i, p)| {
            (
                &p.name,
                format!("carers[{i}].name"),
                p.different_person.as_ref(),
            )
        }));
    }
    for (name, field, different) in named {
        match people.who(name) {
            Match::Certain => c.push(
                "do-not-contact-named",
                name.span,
                &field,
                format!(
                    "{} is listed as someone who must not be contacted",
                    name.trim()
                ),
                "remove them here, or check `about_me.do_not_contact`".into(),
            ),
            Match::Possible | Match::Likely if different.is_none_or(|d| d.trim().is_empty()) => c.push(
                "do-not-contact-maybe",
                name.span,
                &field,
                format!(
                    "{} may be {}, who must not be contacted",
                    name.trim(),
                    whom(name, Match::Possible)
                ),
                "if they are someone else, say who with `different_person:` here; if not, remove them".into(),
            ),
            _ => {}
        }
    }
    let own: Vec<&str> = std::iter::once(plan.person.name.as_str())
        .chain(plan.person.preferred_name.iter().map(|n| n.as_str()))
        .collect();
    for (i, nc) in about.do_not_contact.iter().enumerate() {
        if People::only_own_first_name(&nc.name, &own) {
            c.push(
                "do-not-contact-one-name",
                nc.name.span,
                &format!("about_me.do_not_contact[{i}].name"),
                format!(
                    "`{}` is also {}'s own first name, so text that says only `{}` is taken to mean them",
                    nc.name.trim(),
                    plan.preferred_name().trim(),
                    nc.name.trim()
                ),
                "write their full name, so ourplan can tell them apart".into(),
            );
        } else if People::more_than_a_name(&nc.name) {
            c.push(
                "do-not-contact-one-name",
                nc.name.span,
                &format!("about_me.do_not_contact[{i}].name"),
                format!("`{}` holds more than one name, or a note", nc.name.trim()),
                "write each name as its own entry, and notes in `reason:`".into(),
            );
        }
    }
}

/// The person's choices about single items: the names in `not_for` and `only_for` are
/// people in `sharing`, and the key worker is in every copy.
fn choices(c: &mut Checker, plan: &Plan) {
    let recipients: Vec<&str> = plan.sharing.iter().map(|s| s.name.trim()).collect();
    for (field, choice) in plan.choices() {
        for (list, names) in [("not_for", choice.not_for), ("only_for", choice.only_for)] {
            for (j, name) in names.iter().enumerate() {
                if recipients
                    .iter()
                    .any(|r| crate::views::same_recipient(name, r))
                {
                    continue;
                }
                let hint = match crate::load::convert::did_you_mean(name, &recipients) {
                    Some(r) => format!("did you mean `{r}`?"),
                    None if recipients.is_empty() => {
                        "this plan is not shared with anyone: add them to `sharing` first".into()
                    }
                    None => format!("the people in `sharing` are: {}", recipients.join(", ")),
                };
                c.push(
                    "unknown-recipient",
                    name.span,
                    &format!("{field}.{list}[{j}]"),
                    format!("`{}` is not in `sharing`", name.trim()),
                    hint,
                );
            }
        }
    }
    let k = &plan.key_worker;
    if k.private.is_some() || !k.not_for.is_empty() || !k.only_for.is_empty() {
        let field = ["private", "not_for", "only_for"]
            .into_iter()
            .find(|f| k.keys.iter().any(|(key, _)| key == f))
            .unwrap_or("private");
        c.push(
            "key-worker-in-every-copy",
            k.key_span(field),
            &format!("key_worker.{field}"),
            "the key worker is in every copy, so they cannot be kept back".into(),
            "remove it: everyone with a copy needs to know who to call".into(),
        );
    }
}

fn sharing(c: &mut Checker, plan: &Plan) {
    for (i, s) in plan.sharing.iter().enumerate() {
        // The same recipient only when both would get one folder: "Mind (Leeds)" and "Mind
        // (Bradford)" are two, "Jo Taylor" and "jo  taylor" one.
        let folder = crate::names::file_name(&s.name);
        if let Some(j) = plan.sharing[..i]
            .iter()
            .position(|earlier| crate::names::file_name(&earlier.name) == folder)
        {
            c.push(
                "duplicate-recipient",
                s.name.span,
                &format!("sharing[{i}].name"),
                format!(
                    "{} is already listed in `sharing` (entry {})",
                    s.name.trim(),
                    j + 1
                ),
                "keep one entry for them, with every section and format they should get".into(),
            );
        }
        if s.sections.is_empty() {
            c.push(
                "share-nothing",
                s.name.span,
                &format!("sharing[{i}].sections"),
                format!("the copy for {} would have nothing in it", s.name.trim()),
                "list the sections the person agreed to share".into(),
            );
        }
    }
}

/// True for a plausible UK phone number or an international one starting with `+`.
pub fn is_phone(s: &str) -> bool {
    phone_problem(s).is_none()
}

/// The big cities' area codes (`0113` Leeds, `0121` Birmingham...): their numbers always
/// have 11 digits, where some other `01` areas have 10.
const ELEVEN_DIGIT_AREAS: &[&str] = &[
    "0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161", "0191",
];

/// A UK number written with `+44` (or `+44 (0)`) as the same number starting with 0; other
/// countries' numbers are `None`.
fn uk_national(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = s.strip_prefix("+44")?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("(0)")
        .map(str::trim_start)
        .unwrap_or(rest);
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix('0').unwrap_or(&digits);
    Some(format!("0{digits}"))
}

/// Why `s` is not a phone number, if it is not: in words, for a message. UK numbers must
/// have the number of digits their start calls for (01 and 02 numbers 11, or 10 in a few
/// 01 areas; 03, 07, 08 and 09 numbers 11; 0800 10 or 11); short codes are 999, 112, 111,
/// 101, 119, 116 xxx, 118 xxx, and 5-digit text numbers starting 8 (85258). A number
/// starting with `+` and another country's code is only checked for its length.
pub fn phone_problem(s: &str) -> Option<String> {
    let s = s.trim();
    let international = s.starts_with('+');
    let body = s.strip_prefix('+').unwrap_or(s);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return Some("it has letters or signs in it; write only the digits".into());
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let uk = if international {
        match uk_national(s) {
            Some(d) => d,
            None if (8..=15).contains(&digits.len()) && !digits.starts_with('0') => {
                return None;
            }
            None => {
                return Some(
                    "after + comes the country code and the number: 8 to 15 digits".into(),
                );
            }
        }
    } else {
        digits
    };
    let n = uk.len();
    if matches!(uk.as_str(), "999" | "112" | "111" | "101" | "119")
        || (n == 6 && (uk.starts_with("116") || uk.starts_with("118")))
        || (n == 5 && uk.starts_with('8') && !international)
    {
        return None;
    }
    if !uk.starts_with('0') {
        return Some(format!(
            "it has {n} digit{}; a UK number starts with 0 (or it is a short number such as 111, 999 or 116 123)",
            if n == 1 { "" } else { "s" }
        ));
    }
    if uk.starts_with("00") {
        return Some("write a number abroad with + and the country code, not 00".into());
    }
    let prefix = &uk[..uk.len().min(4)];
    let (allowed, start): (&[usize], &str) = match uk.as_bytes().get(1) {
        Some(b'1') if ELEVEN_DIGIT_AREAS.contains(&prefix) => (&[11], prefix),
        Some(b'1') => (&[10, 11], "01"),
        Some(b'2') => (&[11], "02"),
        Some(b'3') => (&[11], "03"),
        Some(b'5') => (&[10, 11], "05"),
        Some(b'7') => (&[11], "07"),
        Some(b'8') if uk.starts_with("0800") => (&[10, 11], "0800"),
        Some(b'8') => (&[11], &uk[..uk.len().min(3)]),
        Some(b'9') => (&[11], "09"),
        _ => {
            return Some(format!(
                "no UK number starts with {}",
                &uk[..uk.len().min(2)]
            ));
        }
    };
    if allowed.contains(&n) {
        return None;
    }
    let want = match allowed {
        [a] => format!("{a}"),
        [a, b] => format!("{a} or {b}"),
        _ => String::new(),
    };
    Some(format!(
        "it has {n} digit{}, but a UK number starting {start} has {want}",
        if n == 1 { "" } else { "s" }
    ))
}

/// The `tel:` form of a phone number: `+44` for UK numbers, digits only.
pub fn tel_uri(s: &str) -> String {
    let s = s.trim();
    if let Some(uk) = uk_national(s) {
        return format!("tel:+44{}", &uk[1..]);
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if s.starts_with('+') {
        format!("tel:+{digits}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        if digits.len() >= 10 {
            format!("tel:+44{rest}")
        } else {
            format!("tel:{digits}")
        }
    } else {
        format!("tel:{digits}")
    }
}

/// True for something that looks like an email address.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

fn contacts(c: &mut Checker, plan: &Plan) {
    let mut phones: Vec<(&Text, String)> = Vec::new();
    let mut emails: Vec<(&Text, String)> = Vec::new();
    let workers = std::iter::once((&plan.key_worker, "key_worker".to_string())).chain(
        plan.care_team
            .iter()
            .enumerate()
            .map(|(i, w)| (w, format!("care_team[{i}]"))),
    );
    for (w, f) in workers {
        if let Some(p) = &w.phone {
            phones.push((p, format!("{f}.phone")));
        }
        if let Some(e) = &w.email {
            emails.push((e, format!("{f}.email")));
        }
    }
    let mut people: Vec<(&Contact, String)> = Vec::new();
    if let Some(a) = &plan.about_me {
        people.extend(
            a.important_people
                .iter()
                .enumerate()
                .map(|(i, p)| (p, format!("about_me.important_people[{i}]"))),
        );
    }
    people.extend(
        plan.crisis
            .who_can_help
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("crisis.who_can_help[{i}]"))),
    );
    people.extend(
        plan.advance_statement
            .people_to_tell
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("advance_statement.people_to_tell[{i}]"))),
    );
    for (p, f) in people {
        if let Some(ph) = &p.phone {
            phones.push((ph, format!("{f}.phone")));
        }
        if let Some(e) = &p.email {
            emails.push((e, format!("{f}.email")));
        }
    }
    for (i, k) in plan.crisis.contacts.iter().enumerate() {
        phones.push((&k.phone, format!("crisis.contacts[{i}].phone")));
    }
    if let Some(Carers::List(list)) = &plan.carers {
        for (i, carer) in list.iter().enumerate() {
            if let Some(p) = &carer.phone {
                phones.push((p, format!("carers[{i}].phone")));
            }
            if let Some(e) = &carer.email {
                emails.push((e, format!("carers[{i}].email")));
            }
        }
    }
    for (p, f) in phones {
        if let Some(why) = phone_problem(p) {
            c.push(
                "invalid-phone",
                p.span,
                &f,
                format!("`{f}` is `{}`: {why}", p.trim()),
                "check the number: for example 0113 496 0412, 07700 900123, 0300 123 4567 or 111, or + and the country code"
                    .into(),
            );
        }
    }
    for (e, f) in emails {
        if !is_email(e) {
            c.push(
                "invalid-email",
                e.span,
                &f,
                format!("`{}` does not look like an email address", e.trim()),
                "check the address: it should look like name@example.org".into(),
            );
        }
    }
}

fn language(c: &mut Checker, plan: &Plan) {
    let Some(lang) = &plan.person.language else {
        return;
    };
    let ok = lang.split('-').enumerate().all(|(i, part)| {
        let n = part.len();
        if i == 0 {
            (2..=3).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphabetic())
        } else {
            (2..=8).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphanumeric())
        }
    });
    if !ok {
        c.push(
            "invalid-language",
            lang.span,
            "person.language",
            format!("`{}` is not a language tag", lang.trim()),
            "write a tag such as en-GB, cy or pl".into(),
        );
    }
}

/// Every free-text field of a plan, with its kind, in file order.
pub fn plan_text_kinds(plan: &Plan) -> Vec<(&str, TextKind)> {
    texts(plan)
        .into_iter()
        .map(|(t, k, _)| (t.as_str(), k))
        .collect()
}

/// Every free-text field of a plan with its kind and field path, in the order they are in
/// the file (a term is pointed out where it is first used).
fn texts(plan: &Plan) -> Vec<(&Text, TextKind, String)> {
    let mut out = texts_by_section(plan);
    out.sort_by_key(|(t, _, _)| t.span.start);
    out
}

fn texts_by_section(plan: &Plan) -> Vec<(&Text, TextKind, String)> {
    use TextKind::*;
    let mut out: Vec<(&Text, TextKind, String)> = Vec::new();
    fn opt<'a>(
        out: &mut Vec<(&'a Text, TextKind, String)>,
        t: &'a Option<Text>,
        k: TextKind,
        f: String,
    ) {
        if let Some(t) = t {
            out.push((t, k, f));
        }
    }
    fn items<'a>(out: &mut Vec<(&'a Text, TextKind, String)>, list: &'a [Item], f: &str) {
        for (i, it) in list.iter().enumerate() {
            let field = format!("{f}[{i}]");
            out.push((&it.text, TextKind::Ordinary, field.clone()));
            opt(
                out,
                &it.easy_read,
                TextKind::EasyRead,
                format!("{field}.easy_read"),
            );
        }
    }
    fn people<'a>(out: &mut Vec<(&'a Text, TextKind, String)>, list: &'a [Contact], f: &str) {
        for (i, p) in list.iter().enumerate() {
            opt(out, &p.note, TextKind::Ordinary, format!("{f}[{i}].note"));
        }
    }
    fn actions<'a>(out: &mut Vec<(&'a Text, TextKind, String)>, list: &'a [Action], f: &str) {
        for (i, a) in list.iter().enumerate() {
            out.push((&a.what, TextKind::Ordinary, format!("{f}[{i}].what")));
            opt(out, &a.when, TextKind::Ordinary, format!("{f}[{i}].when"));
            opt(
                out,
                &a.easy_read,
                TextKind::EasyRead,
                format!("{f}[{i}].easy_read"),
            );
        }
    }
    opt(
        &mut out,
        &plan.person.communication,
        Ordinary,
        "person.communication".into(),
    );
    opt(
        &mut out,
        &plan.key_worker.role,
        Ordinary,
        "key_worker.role".into(),
    );
    for (i, w) in plan.care_team.iter().enumerate() {
        opt(&mut out, &w.role, Ordinary, format!("care_team[{i}].role"));
    }
    if let Some(a) = &plan.about_me {
        opt(
            &mut out,
            &a.what_matters,
            OwnWords,
            "about_me.what_matters".into(),
        );
        items(&mut out, &a.strengths, "about_me.strengths");
        items(&mut out, &a.working, "about_me.working");
        items(&mut out, &a.not_working, "about_me.not_working");
        items(&mut out, &a.please_do, "about_me.please_do");
        items(&mut out, &a.please_dont, "about_me.please_dont");
        people(&mut out, &a.important_people, "about_me.important_people");
        for (i, n) in a.do_not_contact.iter().enumerate() {
            opt(
                &mut out,
                &n.reason,
                Ordinary,
                format!("about_me.do_not_contact[{i}].reason"),
            );
        }
    }
    if let Some(n) = &plan.needs {
        items(&mut out, &n.mental_health, "needs.mental_health");
        items(&mut out, &n.physical_health, "needs.physical_health");
        items(&mut out, &n.housing, "needs.housing");
        items(&mut out, &n.money, "needs.money");
        items(&mut out, &n.work, "needs.work");
        items(&mut out, &n.relationships, "needs.relationships");
        items(&mut out, &n.other, "needs.other");
    }
    for (i, g) in plan.goals.iter().enumerate() {
        out.push((&g.goal, OwnWords, format!("goals[{i}].goal")));
        opt(&mut out, &g.why, OwnWords, format!("goals[{i}].why"));
        opt(
            &mut out,
            &g.easy_read,
            EasyRead,
            format!("goals[{i}].easy_read"),
        );
    }
    let a = &plan.actions;
    actions(&mut out, &a.me, "actions.me");
    match &a.family_and_friends {
        Party::Actions(list) => actions(&mut out, list, "actions.family_and_friends"),
        Party::None(w) => out.push((
            &w.why_none,
            Ordinary,
            "actions.family_and_friends.why_none".into(),
        )),
    }
    actions(&mut out, &a.services, "actions.services");
    actions(
        &mut out,
        &a.other_organisations,
        "actions.other_organisations",
    );
    let c = &plan.crisis;
    items(&mut out, &c.warning_signs, "crisis.warning_signs");
    items(&mut out, &c.triggers, "crisis.triggers");
    items(&mut out, &c.things_i_can_do, "crisis.things_i_can_do");
    items(&mut out, &c.people_and_places, "crisis.people_and_places");
    people(&mut out, &c.who_can_help, "crisis.who_can_help");
    items(&mut out, &c.others_should, "crisis.others_should");
    items(&mut out, &c.others_should_not, "crisis.others_should_not");
    items(&mut out, &c.safe_surroundings, "crisis.safe_surroundings");
    items(
        &mut out,
        &c.what_keeps_me_going,
        "crisis.what_keeps_me_going",
    );
    for (i, k) in c.contacts.iter().enumerate() {
        opt(
            &mut out,
            &k.note,
            Ordinary,
            format!("crisis.contacts[{i}].note"),
        );
    }
    let s = &plan.advance_statement;
    opt(
        &mut out,
        &s.kept_at,
        Ordinary,
        "advance_statement.kept_at".into(),
    );
    items(&mut out, &s.treatment, "advance_statement.treatment");
    items(&mut out, &s.please_do, "advance_statement.please_do");
    items(&mut out, &s.please_dont, "advance_statement.please_dont");
    people(
        &mut out,
        &s.people_to_tell,
        "advance_statement.people_to_tell",
    );
    items(&mut out, &s.practical, "advance_statement.practical");
    items(
        &mut out,
        &s.beliefs_and_culture,
        "advance_statement.beliefs_and_culture",
    );
    match &plan.carers {
        Some(Carers::List(list)) => {
            for (i, c) in list.iter().enumerate() {
                opt(
                    &mut out,
                    &c.why_not_offered,
                    Ordinary,
                    format!("carers[{i}].why_not_offered"),
                );
            }
        }
        Some(Carers::None(w)) => out.push((&w.why_none, Ordinary, "carers.why_none".into())),
        None => {}
    }
    if let Some(g) = &plan.agreement {
        opt(&mut out, &g.my_views, OwnWords, "agreement.my_views".into());
        if let Some(n) = &g.not_involved {
            out.push((&n.reason, Ordinary, "agreement.not_involved.reason".into()));
        }
        for (i, d) in g.decisions_against_my_wishes.iter().enumerate() {
            let f = format!("agreement.decisions_against_my_wishes[{i}]");
            out.push((&d.decision, Ordinary, format!("{f}.decision")));
            out.push((&d.reason, Ordinary, format!("{f}.reason")));
            opt(&mut out, &d.my_comment, OwnWords, format!("{f}.my_comment"));
        }
    }
    for (i, h) in plan.review.history.iter().enumerate() {
        opt(
            &mut out,
            &h.summary,
            Ordinary,
            format!("review.history[{i}].summary"),
        );
    }
    out
}

/// Where words at `start..start + len` of a field's text are in the file.
fn span_in_field(source: &str, t: &Text, start: usize, len: usize) -> Span {
    let at = t.span.start.min(source.len());
    let rest = source.get(at..).unwrap_or("");
    // A plain or quoted value stands in the file as it is.
    for skip in [0, 1] {
        if rest
            .get(skip..)
            .is_some_and(|r| r.starts_with(t.value.as_str()))
        {
            return Span::at_offset(source, at + skip + start, len);
        }
    }
    // A block or escaped value: look for the words themselves near the value.
    if let Some(needle) = t.value.get(start..start + len) {
        let window = rest
            .get(..(t.value.len() * 2 + 256).min(rest.len()))
            .unwrap_or(rest);
        if let Some(i) = window.find(needle) {
            return Span::at_offset(source, at + i, len);
        }
    }
    t.span
}

/// The names of the people (and services) a plan names: the words of them in capitals.
pub fn plan_names(plan: &Plan) -> Vec<&str> {
    let mut out: Vec<&str> = vec![plan.person.name.as_str()];
    out.extend(plan.person.preferred_name.as_ref().map(|t| t.as_str()));
    out.push(&plan.key_worker.name);
    out.extend(plan.key_worker.team.as_ref().map(|t| t.as_str()));
    for w in &plan.care_team {
        out.push(&w.name);
        out.extend(w.team.as_ref().map(|t| t.as_str()));
    }
    let contacts = plan
        .about_me
        .iter()
        .flat_map(|a| a.important_people.iter())
        .chain(plan.crisis.who_can_help.iter())
        .chain(plan.advance_statement.people_to_tell.iter());
    out.extend(contacts.map(|c| c.name.as_str()));
    if let Some(a) = &plan.about_me {
        out.extend(a.do_not_contact.iter().map(|n| n.name.as_str()));
    }
    out.extend(plan.crisis.contacts.iter().map(|k| k.name.as_str()));
    if let Some(Carers::List(list)) = &plan.carers {
        out.extend(list.iter().map(|c| c.name.as_str()));
    }
    out.extend(plan.sharing.iter().map(|s| s.name.as_str()));
    if let Some(g) = &plan.agreement {
        out.extend(g.written_with.iter().map(|a| a.name.as_str()));
    }
    out
}

/// The plain-language rules, on every free-text field, read as a reader reads the whole copy:
/// a term explained anywhere in the plan (or by the team) is explained everywhere, one that is
/// not is pointed out once, where it is first used; names and medicines are not hard words;
/// and each sentence gets at most two findings (see [`Language::limit`]).
fn plain_words(c: &mut Checker, plan: &Plan) {
    let lang = c.cx.language;
    let list = texts(plan);
    let names = plan_names(plan);
    let fields: Vec<(&str, TextKind)> = list.iter().map(|(t, k, _)| (t.as_str(), *k)).collect();
    let (_, mut found) = lang.check_plan(&fields, &names);
    // Text that goes into an easy-read copy without an easy-read version.
    let easy_copy = plan
        .person
        .formats
        .iter()
        .any(|f| f.value == Format::EasyRead)
        || plan
            .sharing
            .iter()
            .any(|s| s.formats.iter().any(|f| f.value == Format::EasyRead));
    // needs-easy-read is about a whole item: its field is the item's.
    let mut easy_fields: HashMap<usize, String> = HashMap::new();
    if easy_copy {
        let names = crate::language::Names::new(&names);
        for (text, easy, _, field) in pictured(plan) {
            if easy.is_some() || lang.passes_easy_read_among(text, &names) {
                continue;
            }
            let Some(i) = list.iter().position(|(t, _, _)| std::ptr::eq(*t, text)) else {
                continue;
            };
            found[i].push(crate::language::Finding {
                rule: "needs-easy-read",
                start: 0,
                len: text.len(),
                message: "this goes in the easy-read copy, but it is not easy to read as it is"
                    .into(),
                hint: "add `easy_read:` with a short, plain version; until then the easy-read copy shows this text".into(),
            });
            easy_fields.insert(i, field);
        }
    }
    for (i, ((text, _, field), mut fs)) in list.iter().zip(found).enumerate() {
        lang.limit(text, &mut fs);
        for f in fs {
            if f.rule == "needs-easy-read" {
                let field = easy_fields.get(&i).unwrap_or(field);
                c.push(f.rule, text.span, field, f.message, f.hint);
            } else {
                let span = span_in_field(c.cx.source, text, f.start, f.len);
                c.push(f.rule, span, field, f.message, f.hint);
            }
        }
    }
}

/// The parts of a plan that stand as one idea in an easy-read copy: list items, goals and
/// actions, each with its text, its easy-read version and its picture, and the field path.
#[allow(clippy::type_complexity)]
fn pictured(plan: &Plan) -> Vec<(&Text, Option<&Text>, Option<&Text>, String)> {
    let mut out = Vec::new();
    let mut lists: Vec<(&[Item], &str)> = Vec::new();
    if let Some(a) = &plan.about_me {
        lists.extend([
            (&a.strengths[..], "about_me.strengths"),
            (&a.working[..], "about_me.working"),
            (&a.not_working[..], "about_me.not_working"),
            (&a.please_do[..], "about_me.please_do"),
            (&a.please_dont[..], "about_me.please_dont"),
        ]);
    }
    if let Some(n) = &plan.needs {
        lists.extend([
            (&n.mental_health[..], "needs.mental_health"),
            (&n.physical_health[..], "needs.physical_health"),
            (&n.housing[..], "needs.housing"),
            (&n.money[..], "needs.money"),
            (&n.work[..], "needs.work"),
            (&n.relationships[..], "needs.relationships"),
            (&n.other[..], "needs.other"),
        ]);
    }
    let c = &plan.crisis;
    let s = &plan.advance_statement;
    lists.extend([
        (&c.warning_signs[..], "crisis.warning_signs"),
        (&c.triggers[..], "crisis.triggers"),
        (&c.things_i_can_do[..], "crisis.things_i_can_do"),
        (&c.people_and_places[..], "crisis.people_and_places"),
        (&c.others_should[..], "crisis.others_should"),
        (&c.others_should_not[..], "crisis.others_should_not"),
        (&c.safe_surroundings[..], "crisis.safe_surroundings"),
        (&c.what_keeps_me_going[..], "crisis.what_keeps_me_going"),
        (&s.treatment[..], "advance_statement.treatment"),
        (&s.please_do[..], "advance_statement.please_do"),
        (&s.please_dont[..], "advance_statement.please_dont"),
        (&s.practical[..], "advance_statement.practical"),
        (
            &s.beliefs_and_culture[..],
            "advance_statement.beliefs_and_culture",
        ),
    ]);
    for (list, f) in lists {
        for (i, it) in list.iter().enumerate() {
            out.push((
                &it.text,
                it.easy_read.as_ref(),
                it.picture.as_ref(),
                format!("{f}[{i}]"),
            ));
        }
    }
    for (i, g) in plan.goals.iter().enumerate() {
        out.push((
            &g.goal,
            g.easy_read.as_ref(),
            g.picture.as_ref(),
            format!("goals[{i}]"),
        ));
    }
    let a = &plan.actions;
    let mut groups: Vec<(&[Action], &str)> = vec![(&a.me[..], "actions.me")];
    if let Party::Actions(list) = &a.family_and_friends {
        groups.push((&list[..], "actions.family_and_friends"));
    }
    groups.push((&a.services[..], "actions.services"));
    groups.push((&a.other_organisations[..], "actions.other_organisations"));
    for (list, f) in groups {
        for (i, x) in list.iter().enumerate() {
            out.push((
                &x.what,
                x.easy_read.as_ref(),
                x.picture.as_ref(),
                format!("{f}[{i}]"),
            ));
        }
    }
    out
}

/// Picture names must be known.
fn pictures(c: &mut Checker, plan: &Plan) {
    let names: Vec<&str> = c.cx.pictures.keys().map(String::as_str).collect();
    for (_, _, picture, field) in pictured(plan) {
        let Some(p) = picture else { continue };
        let name = p.trim();
        if c.cx.pictures.contains_key(name) {
            continue;
        }
        let hint = match crate::load::convert::did_you_mean(name, &names) {
            Some(s) => format!("did you mean `{s}`? `ourplan pictures` lists them all"),
            None => "run `ourplan pictures` to see the names".into(),
        };
        c.push(
            "unknown-picture",
            p.span,
            &format!("{field}.picture"),
            format!("there is no picture called `{name}`"),
            hint,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "0300 123 4567",
            "07700 900123",
            "111",
            "116 123",
            "999",
            "+44 113 496 0000",
            "(0113) 496-0000",
            "85258",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12", "0300 12", "call me", "+0", "07700 900123 ext 4", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert_eq!(tel_uri("0300 123 4567"), "tel:+443001234567");
        assert_eq!(tel_uri("116 123"), "tel:116123");
        assert_eq!(tel_uri("+1 (555) 010-9999"), "tel:+15550109999");
    }

    #[test]
    fn emails() {
        assert!(is_email("a.b@example.nhs.uk"));
        for bad in [
            "a@b",
            "a b@c.org",
            "@c.org",
            "a@@c.org",
            "a@c..org",
            "a@.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("back-to-work2"));
        assert!(!is_slug("Back to work"));
        assert_eq!(slugify("Amira  Ahmed (sister)"), "amira-ahmed-sister");
        assert_eq!(slugify("!!"), "x");
    }

    #[test]
    fn twenty_four_hours() {
        assert!(is_24_hours("24 hours"));
        assert!(is_24_hours("Open 24/7"));
        assert!(!is_24_hours("9am to 5pm"));
    }

    #[test]
    fn every_rule_has_plain_words() {
        for r in all() {
            assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.fix.is_empty());
            assert!(is_slug(r.id), "{}", r.id);
        }
    }
}
