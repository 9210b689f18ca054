//! Checks a loaded `Plan` against the rules a care and support plan must meet (from the trust
//! policy in the seeds and the plan format); each rule is described in `catalog`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::ToSpan as _;

use crate::catalog::info;
use crate::diagnostic::{Diagnostic, Span};
use crate::language::{Language, TextKind};
use crate::load::convert::{Date, Sp};
use crate::phone::{is_24_hours, is_email, phone_problem};
use crate::plan::Format;
use crate::plan::{Action, AdvanceStatus, Carers, Contact, Party, Plan, Text, Worker};
use crate::settings::Settings;

mod care;
mod record;
mod sharing;
#[cfg(test)]
mod tests;
mod text;
pub use care::*;
use record::*;
use sharing::*;
pub use text::*;

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
    /// The characters the PDFs' fonts can draw.
    pub glyphs: &'a crate::glyphs::Glyphs,
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
    fonts(&mut c, plan);
    if let Some((span, field, message, hint)) =
        crate::ctp::check(plan, cx.settings.profile_of(plan))
    {
        c.push("ctp-areas", span, &field, message, hint);
    }
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
    ("ctp-areas", &["goals", "actions"]),
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
