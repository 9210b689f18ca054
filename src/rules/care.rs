//! Rules on the care the plan sets out: goals, actions, the key worker, the crisis plan and
//! its 24-hour contacts, and review dates.

use super::*;

pub(super) fn goals(c: &mut Checker, plan: &Plan) {
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
pub(super) fn served_goals(plan: &Plan) -> std::collections::HashSet<&str> {
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
pub(super) const NEAREST: usize = 5;

pub(super) fn actions(c: &mut Checker, plan: &Plan) {
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

pub(super) fn blank(t: &Option<Text>) -> bool {
    t.as_ref().is_none_or(|t| t.trim().is_empty())
}

pub(super) fn key_worker(c: &mut Checker, w: &Worker) {
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

pub(super) fn crisis(c: &mut Checker, plan: &Plan) {
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

pub(super) fn contacts_key(cr: &crate::plan::Crisis) -> Span {
    cr.key_span("contacts")
}

pub(super) fn plus_months(d: Date, months: i32) -> jiff::civil::Date {
    d.0.checked_add(months.months()).unwrap_or(d.0)
}

pub(super) fn review(c: &mut Checker, plan: &Plan) {
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

pub(super) fn past(c: &mut Checker, d: &Sp<Date>, field: &str, what: &str) {
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
