//! Checks a loaded `Plan` against the rules a care and support plan must meet (from the trust
//! policy in the seeds and the plan format); each rule is described in `catalog`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::ToSpan as _;

use crate::catalog::info;
use crate::diagnostic::{Diagnostic, Span};
use crate::language::{Language, TextKind};
use crate::load::convert::{Date, Sp};
use crate::phone::{is_email, phone_problem};
use crate::plan::Format;
use crate::plan::{Action, AdvanceStatus, Carers, Contact, Party, Plan, Text, Worker};
use crate::settings::Settings;

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
    // The plain-language rules are built for English: for another language they would be
    // wrong (a Welsh or Urdu plan would "pass"), so they do not run, and check says so.
    // A tag that is not a language tag is pointed out by `invalid-language`; its plan is
    // checked as English, as before.
    if crate::words::primary(plan.language()) == "en" || !is_language_tag(plan.language()) {
        crate::timings::time(crate::timings::Stage::Language, || {
            plain_words(&mut c, plan)
        });
    } else {
        language_not_checked(&mut c, plan);
    }
    tool_words(&mut c, plan);
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
    (
        "no-easy-read-wording",
        &[
            "goals",
            "actions",
            "about_me",
            "needs",
            "crisis",
            "advance_statement",
        ],
    ),
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
        // Welsh: "24 awr", "unrhyw bryd" (any time), "ddydd a nos" (day and night).
        "24 awr",
        "24-awr",
        "unrhyw bryd",
        "ddydd a nos",
        "dydd a nos",
        // Urdu: "24 گھنٹے" (24 hours); Arabic: "24 ساعة" (24 hours).
        "24 گھنٹے",
        "۲۴ گھنٹے",
        "24 ساعة",
        "٢٤ ساعة",
    ]
    .iter()
    .any(|p| w.contains(p))
}

fn crisis(c: &mut Checker, plan: &Plan) {
    let cr = &plan.crisis;
    if !cr.contacts.iter().any(|k| is_24_hours(&k.when)) {
        let settings = &c.cx.settings;
        let example = settings
            .crisis_numbers_for(settings.nation_of(plan), "en")
            .first()
            .map(|n| format!(", for example {} ({})", n.name, n.phone))
            .unwrap_or_default();
        c.push(
            "missing-24-hour-contact",
            contacts_key(cr),
            "crisis.contacts",
            "the crisis plan has no service that answers 24 hours a day".into(),
            if crate::words::primary(plan.language()) == "en" {
                format!("add a contact with `when: 24 hours`{example}")
            } else {
                // `24h` is the same in every language; the copy says it in its own words.
                format!("add a contact with `when: 24h`{example}")
            },
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
            Match::Likely if !s.says_different() => c.push(
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
            Match::Possible if !s.says_different() => {
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
                    .any(|r| crate::names::same_recipient(name, r))
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

fn contacts(c: &mut Checker, plan: &Plan) {
    let fields = crate::shape::texts(plan);
    let of = |kind| {
        fields
            .iter()
            .filter(move |(_, _, k)| *k == kind)
            .map(|(f, t, _)| (*t, f.clone()))
    };
    let phones: Vec<(&Text, String)> = of(crate::shape::Kind::Phone).collect();
    let emails: Vec<(&Text, String)> = of(crate::shape::Kind::Email).collect();
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

/// Says that the plain-language rules did not run for a plan not in English.
fn language_not_checked(c: &mut Checker, plan: &Plan) {
    let Some(lang) = &plan.person.language else {
        return;
    };
    c.push(
        "language-not-checked",
        lang.span,
        "person.language",
        format!(
            "the plain-language rules are made for English, so the words of this plan (in `{}`) were not checked",
            lang.trim()
        ),
        "ask someone who speaks the language to read the plan for hard words and long sentences".into(),
    );
}

/// Says which of ourplan's own words a copy's language has no translation for (they show in
/// English).
fn tool_words(c: &mut Checker, plan: &Plan) {
    let tables = &c.cx.settings.words;
    let mut langs: Vec<(&Text, String)> = Vec::new();
    if let Some(l) = &plan.person.language {
        langs.push((l, "person.language".into()));
    }
    for (i, s) in plan.sharing.iter().enumerate() {
        if let Some(l) = &s.language {
            langs.push((l, format!("sharing[{i}].language")));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for (lang, field) in langs {
        let code = crate::words::primary(lang);
        if code.is_empty() || seen.contains(&code) || !is_language_tag(lang.trim()) {
            continue;
        }
        seen.push(code.clone());
        let (message, hint) = if !tables.has(&code) {
            (
                format!(
                    "ourplan has none of its own words (headings, labels, notes) in `{code}`, so they show in English"
                ),
                format!(
                    "add words/{code}.toml to the project: copy src/words/en.toml from ourplan and translate each line"
                ),
            )
        } else {
            let missing = tables.missing(&code);
            if missing.is_empty() {
                continue;
            }
            let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
            (
                format!(
                    "ourplan has {} of its own words with no translation in `{code}`, so they show in English: {}{}",
                    missing.len(),
                    shown.join(", "),
                    if missing.len() > 8 { ", ..." } else { "" }
                ),
                format!("add them to words/{code}.toml in the project"),
            )
        };
        c.push("missing-words", lang.span, &field, message, hint);
    }
}

/// True for a BCP 47 language tag in the shape ourplan reads (`en-GB`, `cy`, `pa-Arab`).
fn is_language_tag(tag: &str) -> bool {
    tag.split('-').enumerate().all(|(i, part)| {
        let n = part.len();
        if i == 0 {
            (2..=3).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphabetic())
        } else {
            (2..=8).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphanumeric())
        }
    })
}

fn language(c: &mut Checker, plan: &Plan) {
    let Some(lang) = &plan.person.language else {
        return;
    };
    if !is_language_tag(lang) {
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
    crate::shape::texts(plan)
        .into_iter()
        .filter_map(|(field, text, kind)| kind.language().map(|k| (text, k, field)))
        .collect()
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
    crate::shape::texts(plan)
        .into_iter()
        .filter(|(_, _, kind)| kind.is_name())
        .map(|(_, text, _)| text.as_str())
        .collect()
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
        let ideas = pictured(plan);
        no_easy_read_wording(c, plan, &ideas, lang, &names);
        for (text, easy, _, field) in ideas {
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

/// Easy read is asked for, yet no part of the plan has `easy_read:` wording and some of its text
/// is not easy to read: the easy-read copy would be the full text beside pictures. Said once,
/// at the `easy-read` the plan asks for (each part is also pointed out by `needs-easy-read`).
#[allow(clippy::type_complexity)]
fn no_easy_read_wording(
    c: &mut Checker,
    plan: &Plan,
    ideas: &[(&Text, Option<&Text>, Option<&Text>, String)],
    lang: &Language,
    names: &crate::language::Names,
) {
    if ideas.iter().any(|(_, easy, _, _)| easy.is_some()) {
        return;
    }
    let hard = ideas
        .iter()
        .filter(|(text, _, _, _)| !lang.passes_easy_read_among(text, names))
        .count();
    if hard == 0 {
        return;
    }
    let asked = plan
        .person
        .formats
        .iter()
        .enumerate()
        .find(|(_, f)| f.value == Format::EasyRead)
        .map(|(i, f)| (f.span, format!("person.formats[{i}]")))
        .or_else(|| {
            plan.sharing.iter().enumerate().find_map(|(j, s)| {
                s.formats
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.value == Format::EasyRead)
                    .map(|(i, f)| (f.span, format!("sharing[{j}].formats[{i}]")))
            })
        });
    let Some((span, field)) = asked else {
        return;
    };
    let parts = if hard == 1 {
        "1 part is".to_string()
    } else {
        format!("{hard} parts are")
    };
    c.push(
        "no-easy-read-wording",
        span,
        &field,
        format!("easy read is asked for, but nothing in the plan has easy-read wording, and {parts} not easy to read"),
        "add `easy_read:` to goals, actions and list items: one idea, 15 words or fewer, everyday words. Until then the easy-read copy shows the full text".into(),
    );
}

/// The parts of a plan that stand as one idea in an easy-read copy: list items, goals and
/// actions, each with its text, its easy-read version and its picture, and the field path.
#[allow(clippy::type_complexity)]
fn pictured(plan: &Plan) -> Vec<(&Text, Option<&Text>, Option<&Text>, String)> {
    crate::shape::pictured(plan)
        .into_iter()
        .map(|(field, p)| (p.text, p.easy_read, p.picture, field))
        .collect()
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
        for r in crate::catalog::all() {
            assert!(!r.summary.is_empty() && !r.why.is_empty() && !r.fix.is_empty());
            assert!(is_slug(r.id), "{}", r.id);
        }
    }
}
