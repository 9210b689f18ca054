//! Rules on what the plan records: the person, the agreement, the advance statement, carers,
//! outcome measures and needs.

use super::*;

pub(super) fn person(c: &mut Checker, plan: &Plan) {
    if let Some(d) = &plan.person.date_of_birth {
        past(c, d, "person.date_of_birth", "the date of birth");
    }
}

pub(super) fn agreement(c: &mut Checker, plan: &Plan) {
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

pub(super) fn advance_statement(c: &mut Checker, plan: &Plan) {
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

pub(super) fn carers(c: &mut Checker, plan: &Plan) {
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

pub(super) fn outcomes(c: &mut Checker, plan: &Plan) {
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
pub(super) fn in_date_order(c: &mut Checker, rows: &[(&Sp<Date>, String)], what: &str) {
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

pub(super) fn needs(c: &mut Checker, plan: &Plan) {
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
