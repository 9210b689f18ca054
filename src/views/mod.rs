//! Builds the views of a plan: one [`Document`] per audience (the person, or someone they
//! share with) and variant (standard, large print, easy read). A view holds only what that
//! audience may see, in the order a person would want, with empty parts left out. HTML and
//! PDF renderers both draw from these views and add nothing of the plan themselves.

mod audience;
mod bidi;
mod builder;
mod document;
mod opening;
mod outcomes;
mod pictures;
pub mod progress;
mod sections;

/// The form of a view (declared with the formats, in `plan`).
pub use crate::plan::Variant;
pub use audience::*;
use builder::*;
pub use document::*;
use opening::*;

use serde::Serialize;

use crate::language::Language;
use crate::load::convert::Date;
use crate::names::{Match, People};
use crate::phone::is_24_hours;
use crate::phone::tel_uri;
use crate::plan::{
    AdvanceStatus, Carers, Choice, Chosen, Contact, Format, Item, Labelled, LabelledValue, Party,
    Plan, RecipientKind, Section as S, Share, Shown, ShownValue, Text,
};
use crate::render::markdown::{Rich, plain, rich};
use crate::settings::Settings;
use crate::words::Words;

/// Picture names and their alt text, for easy read.
pub trait Pictures {
    fn alt(&self, name: &str) -> Option<&str>;
}

/// The language of a copy: the recipient's own `language` when they have one, else the
/// person's.
pub fn copy_language(plan: &Plan, audience: Audience) -> String {
    let own = match audience {
        Audience::Recipient(share) => share.language.as_ref().map(|t| t.value.trim()),
        Audience::Person => None,
    };
    own.filter(|l| !l.is_empty())
        .unwrap_or(plan.language().trim())
        .to_string()
}

/// Builds the view of `plan` for `audience` in `variant`.
pub fn build(
    plan: &Plan,
    plan_id: &str,
    audience: Audience,
    variant: Variant,
    settings: &Settings,
    pictures: &dyn Pictures,
    language: &Language,
) -> Document {
    // The person's own copy speaks to them; a copy for someone else is about them.
    let lang = copy_language(plan, audience);
    let w = settings
        .words
        .words(&lang, matches!(audience, Audience::Recipient(_)));
    let name = plan.preferred_name().trim().to_string();
    let v = ViewBuilder {
        lang: lang.clone(),
        name: name.clone(),
        plan,
        audience,
        variant,
        pictures,
        w,
        people: plan.people(),
        left: std::cell::RefCell::new(Vec::new()),
        kept_back: Vec::new(),
    };
    // Decided once: which goals this copy keeps back, and why.
    let kept_back = plan
        .goals
        .iter()
        .filter_map(|g| v.goal_kept_back_because(g).map(|why| (g as *const _, why)))
        .collect();
    let v = ViewBuilder { kept_back, ..v };
    let title = w.plan_title.replace("{name}", &name);
    let date = plan_date(plan);
    let mut sections = Vec::new();
    if variant == Variant::EasyRead {
        sections.push(v.easy_intro());
    }
    sections.extend(v.crisis_now(settings));
    sections.extend(v.about_me());
    sections.extend(v.goals());
    sections.extend(v.actions());
    sections.extend(v.needs());
    sections.extend(v.crisis(settings));
    sections.extend(v.advance());
    sections.push(v.people());
    sections.extend(v.agreement());
    sections.extend(v.review());
    // Easy read is kept short: score tables are left out of it.
    if variant != Variant::EasyRead {
        sections.extend(v.outcomes());
    } else {
        sections.extend(v.progress());
    }
    v.redact(&mut sections);
    sections.retain(|s| !s.blocks.is_empty());
    // Last, the hard words this copy uses (only words that are in it), explained.
    // The hard words and their meanings are English: only an English copy lists them.
    if crate::words::primary(&lang) == "en" {
        sections.extend(v.words(&sections, language));
    }
    // In the order the section table gives (a stable sort: the methods above already
    // make them in it, so this only keeps it true).
    sections.sort_by_key(|s| SECTIONS.iter().position(|o| o.id == s.id));
    say_hours(&mut sections, w);
    let mut doc = Document {
        dir: crate::words::direction(&lang),
        lang: lang.clone(),
        title,
        plan_id: plan_id.to_string(),
        copy: String::new(),
        person_name: plan.person.name.trim().to_string(),
        preferred_name: name.clone(),
        date_iso: date.map(|d| d.iso()).unwrap_or_default(),
        date_text: date.map(|d| day(w, &d, &lang)).unwrap_or_default(),
        organisation: settings.organisation.clone(),
        variant,
        audience: v.audience_view(),
        labels: w,
        sections,
        other_copies: Vec::new(),
        left_out: v.left.into_inner(),
    };
    if variant == Variant::EasyRead {
        pictures::choose(&mut doc, pictures, &[w.please_dont, w.others_should_not]);
    }
    name_the_person(&mut doc, &name);
    bidi::isolate_plan_text(&mut doc);
    doc
}

/// Puts the person's name into the tool's words that stand for it (`{name}`, in a copy for
/// someone else): headings, introductions and labels. The plan's own text is left as it is.
fn name_the_person(doc: &mut Document, name: &str) {
    let fill = |s: &mut String| {
        if s.contains("{name}") {
            *s = s.replace("{name}", name);
        }
    };
    let fill_opt = |s: &mut Option<String>| {
        if let Some(s) = s {
            fill(s);
        }
    };
    for s in &mut doc.sections {
        fill(&mut s.heading);
        fill_opt(&mut s.intro);
        for b in &mut s.blocks {
            match b {
                Block::Paragraph { .. } => {}
                Block::List { heading, items } => {
                    fill_opt(heading);
                    for m in items.iter_mut().flat_map(|e| e.meta.iter_mut()) {
                        fill(&mut m.label);
                    }
                }
                Block::Contacts { heading, .. } => fill_opt(heading),
                Block::Facts { heading, items } => {
                    fill_opt(heading);
                    for f in items {
                        fill(&mut f.label);
                    }
                }
                Block::Table {
                    caption,
                    note,
                    columns,
                    ..
                } => {
                    fill(caption);
                    fill_opt(note);
                    for cell in columns.iter_mut().take(1) {
                        fill(cell);
                    }
                }
                Block::Chart(c) => {
                    fill(&mut c.title);
                    fill(&mut c.summary);
                }
            }
        }
    }
    for l in &mut doc.left_out {
        fill(&mut l.place);
    }
    for n in &mut doc.audience.notice {
        fill(n);
    }
}

/// Adds "What is new in your plan" after the crisis box: what changed since the last review.
pub fn add_news(doc: &mut Document, news: &[String]) {
    const MOST: usize = 12;
    if news.is_empty() {
        return;
    }
    let w = doc.labels;
    let mut items: Vec<Entry> = news.iter().take(MOST).map(|n| Entry::said(n)).collect();
    if news.len() > MOST {
        let more = w
            .news_more
            .replace("{count}", &(news.len() - MOST).to_string());
        items.push(Entry::said(&more));
    }
    let o = &WHATS_NEW;
    let section = Section {
        id: o.id,
        heading: (o.heading)(w).to_string(),
        picture: Some(o.picture.into()),
        intro: (o.intro)(w).map(str::to_string),
        blocks: vec![Block::List {
            heading: None,
            items,
        }],
    };
    let at = doc
        .sections
        .iter()
        .position(|s| s.id == CRISIS_NOW.id)
        .map_or(0, |i| i + 1);
    doc.sections.insert(at, section);
}

/// The date a copy carries: when the plan was agreed, else last reviewed.
pub fn plan_date(plan: &Plan) -> Option<Date> {
    plan.agreement
        .as_ref()
        .and_then(|a| a.agreed_on.as_ref())
        .or(plan.review.last.as_ref())
        .map(|d| d.value)
}

struct ViewBuilder<'a> {
    plan: &'a Plan,
    audience: Audience<'a>,
    variant: Variant,
    pictures: &'a dyn Pictures,
    w: &'static Words,
    /// The name the person likes to be called, for the tool's words about them.
    name: String,
    /// The copy's language (a tag like `cy` or `en-GB`).
    lang: String,
    /// The people who must not be contacted, and the others the plan names.
    people: People,
    /// What this copy leaves out, and why.
    left: std::cell::RefCell<Vec<LeftOut>>,
    /// The goals this copy keeps back, and why (see `goal_kept_back_because`).
    kept_back: Vec<(*const crate::plan::Goal, Why)>,
}

fn nonblank(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.trim()).filter(|s| !s.is_empty())
}

/// A date in the copy's words; in a right-to-left copy, isolated (U+2068 ... U+2069) so that
/// its day, month and year keep their order.
fn day(w: &Words, d: &Date, lang: &str) -> String {
    let text = w.date(d);
    if crate::words::direction(lang) == "rtl" {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text
    }
}

/// What a section is called when telling a reader what was shared: the words of its key.
pub fn section_name(s: S, w: &Words) -> &'static str {
    w.get(s.word()).unwrap_or_default()
}
