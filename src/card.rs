//! The crisis card: one sheet the person keeps with them, made from the crisis parts of a
//! copy's own view, in the order of a safety plan. Because it is cut from the view, a card for
//! someone else holds exactly what their copy holds (nothing private, nobody who must not be
//! contacted), and only when the crisis plan is shared with them. This module also says,
//! for `check`, when a card does not fit its sheet, and which fields to shorten.

use serde::Serialize;

use crate::plan::{Format, Plan};
use crate::render::pdf;
use crate::settings::{CardSize, Settings};
use crate::views::{self, Audience, Block, Document, Pictures, Section, Variant};

/// A card is one sheet: one side, or both when it needs them (large print and easy read
/// often do). Never more, and never cut or shrunk to fit: a `card:` short form on the long
/// entries makes a long plan fit.
pub const MOST_PAGES: usize = 2;

/// The file name of the card's web page, in the copy's folder.
pub const PAGE: &str = "crisis-card.html";

/// The form of a card, from the formats of its copy: easy read when the copy is easy read,
/// else large print when it is large print, else the ordinary card.
pub fn form(formats: &[Format]) -> Variant {
    if formats.contains(&Format::EasyRead) {
        Variant::EasyRead
    } else if formats.contains(&Format::LargePrint) {
        Variant::LargePrint
    } else {
        Variant::Standard
    }
}

/// The card's sheet, for the template.
#[derive(Debug, Serialize)]
pub struct Sheet {
    pub size: &'static str,
}

/// A card: the view it is drawn from, and its sheet.
#[derive(Debug, Serialize)]
pub struct Card {
    #[serde(flatten)]
    pub doc: Document,
    pub card: Sheet,
}

/// The plan fields each part of the card comes from, in card order.
pub const PARTS: [&str; 7] = [
    "crisis.warning_signs",
    "crisis.things_i_can_do",
    "crisis.people_and_places",
    "crisis.who_can_help",
    "crisis.contacts",
    "crisis.safe_surroundings",
    "crisis.what_keeps_me_going",
];

/// The card of a copy, cut from its view (`doc`, built for the card's form and audience),
/// or None when the copy has no crisis plan (it is not shared with them).
pub fn card(doc: Document, settings: &Settings) -> Option<Card> {
    let w = doc.labels;
    let name = doc.preferred_name.clone();
    let fill = |s: &str| s.replace("{name}", &name);
    let crisis = doc.sections.iter().find(|s| s.id == "crisis")?;
    let now = doc.sections.iter().find(|s| s.id == "crisis-now");
    // The crisis section's lists, by their heading.
    let take = |heading: &str| -> Vec<&Block> {
        let heading = fill(heading);
        crisis
            .blocks
            .iter()
            .filter(|b| match b {
                Block::List { heading: h, .. } | Block::Contacts { heading: h, .. } => {
                    h.as_deref() == Some(heading.as_str())
                }
                _ => false,
            })
            .collect()
    };
    let part = |id: &'static str, heading: &str, picture: &str, blocks: Vec<&Block>| Section {
        id,
        heading: fill(heading),
        picture: Some(picture.to_string()),
        intro: None,
        blocks: blocks.into_iter().map(without_heading).collect(),
    };
    let mut sections = vec![
        part(
            "warning-signs",
            w.warning_signs,
            "warning",
            take(w.warning_signs),
        ),
        part(
            "on-my-own",
            w.things_i_can_do,
            "calm",
            take(w.things_i_can_do),
        ),
        part(
            "people-and-places",
            w.people_and_places,
            "nature",
            take(w.people_and_places),
        ),
        part(
            "who-can-help",
            w.who_can_help,
            "friends",
            take(w.who_can_help),
        ),
    ];
    // Services: the key worker (with their hours), the plan's services, and the numbers that
    // answer at any time (the nation's too), each number once.
    let mut services: Vec<views::ContactView> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut add = |c: &views::ContactView| {
        let key = c.tel.clone().unwrap_or_else(|| c.name.clone());
        if !seen.contains(&key) {
            seen.push(key);
            services.push(c.clone());
        }
    };
    if let Some(now) = now {
        for b in &now.blocks {
            if let Block::Contacts { heading, items } = b
                && heading.as_deref() == Some(fill(w.key_worker_heading).as_str())
            {
                items.iter().for_each(&mut add);
            }
        }
    }
    for b in take(w.services_to_call) {
        if let Block::Contacts { items, .. } = b {
            items.iter().for_each(&mut add);
        }
    }
    if let Some(now) = now {
        for b in &now.blocks {
            if let Block::Contacts { heading, items } = b
                && heading.as_deref() != Some(fill(w.key_worker_heading).as_str())
            {
                items.iter().for_each(&mut add);
            }
        }
    }
    sections.push(Section {
        id: "services",
        heading: fill(w.card_services),
        picture: Some("phone".into()),
        intro: None,
        blocks: vec![Block::Contacts {
            heading: None,
            items: services,
        }],
    });
    sections.push(part(
        "surroundings",
        w.safe_surroundings,
        "safe",
        take(w.safe_surroundings),
    ));
    sections.push(part(
        "keeps-me-going",
        w.what_keeps_me_going,
        "heart",
        take(w.what_keeps_me_going),
    ));
    sections.retain(|s| {
        s.blocks.iter().any(|b| match b {
            Block::List { items, .. } => !items.is_empty(),
            Block::Contacts { items, .. } => !items.is_empty(),
            _ => true,
        })
    });
    let notice = match &doc.audience.name {
        Some(them) => vec![
            format!("{} {them}.", w.card_for),
            w.do_not_pass_on.to_string(),
        ],
        None => vec![doc.person_name.clone()],
    };
    let size = match settings.crisis_card {
        CardSize::A4Fold => "a4-fold",
        CardSize::A5 => "a5",
        CardSize::A6 => "a6",
    };
    let title = fill(w.card_title);
    let mut doc = doc;
    doc.title = title;
    doc.audience.notice = notice;
    doc.sections = sections;
    Some(Card {
        doc,
        card: Sheet { size },
    })
}

fn without_heading(b: &Block) -> Block {
    match b {
        Block::List { items, .. } => Block::List {
            heading: None,
            items: items.iter().map(clone_entry).collect(),
        },
        Block::Contacts { items, .. } => Block::Contacts {
            heading: None,
            items: items.clone(),
        },
        _ => Block::Paragraph {
            text: crate::render::markdown::rich(""),
        },
    }
}

fn clone_entry(e: &views::Entry) -> views::Entry {
    views::Entry {
        // Who and when stay in the full plan: a card holds the points themselves, in their
        // short form (`card:`) when the plan gives one.
        meta: Vec::new(),
        text: e.card.clone().unwrap_or_else(|| e.text.clone()),
        ..e.clone()
    }
}

/// The card a copy would get: for `audience` in `form`, or None when it has no crisis plan.
pub fn for_copy(
    plan: &Plan,
    id: &str,
    audience: Audience,
    form: Variant,
    settings: &Settings,
    pictures: &dyn Pictures,
    language: &crate::language::Language,
) -> Option<Card> {
    if !audience.sees(crate::plan::Section::Crisis) {
        return None;
    }
    let doc = views::build(plan, id, audience, form, settings, pictures, language);
    card(doc, settings)
}

/// The words of a form, for messages: "large print".
pub fn form_words(v: Variant) -> &'static str {
    match v {
        Variant::Standard => "ordinary",
        Variant::LargePrint => "large print",
        Variant::EasyRead => "easy read",
    }
}

/// How many pages the card takes when laid out.
pub fn pages(renderer: &pdf::Renderer, card: &Card) -> Result<usize, String> {
    renderer.pages_of(crate::plan::Format::CrisisCard, view(card)?)
}

/// The card's view for typst.
pub fn view(card: &Card) -> Result<serde_json::Value, String> {
    serde_json::to_value(card).map_err(|e| e.to_string())
}

/// The words an item shows on a card in `form`: its short form (`card:`) when it has one,
/// but the easy-read words first on an easy-read card.
fn on_card(i: &crate::plan::Item, form: Variant) -> &str {
    fn given(t: &Option<crate::plan::Text>) -> Option<&str> {
        t.as_ref()
            .map(|t| t.value.as_str())
            .filter(|t| !t.trim().is_empty())
    }
    let easy = given(&i.easy_read).filter(|_| form == Variant::EasyRead);
    easy.or(given(&i.card)).unwrap_or(&i.text)
}

/// The fields on the card in `form`, longest first, with how much each holds as the card
/// shows it: what to shorten.
pub fn longest_parts(plan: &Plan, form: Variant) -> Vec<String> {
    let c = &plan.crisis;
    let items = |list: &[crate::plan::Item]| -> (usize, usize) {
        (
            list.len(),
            list.iter().map(|i| on_card(i, form).chars().count()).sum(),
        )
    };
    let mut parts: Vec<(&str, usize, usize)> = vec![
        {
            let (n, l) = items(&c.warning_signs);
            (PARTS[0], n, l)
        },
        {
            let (n, l) = items(&c.things_i_can_do);
            (PARTS[1], n, l)
        },
        {
            let (n, l) = items(&c.people_and_places);
            (PARTS[2], n, l)
        },
        (
            PARTS[3],
            c.who_can_help.len(),
            c.who_can_help
                .iter()
                .map(|p| p.name.chars().count() + p.phone.as_ref().map_or(0, |x| x.chars().count()))
                .sum(),
        ),
        (
            PARTS[4],
            c.contacts.len(),
            c.contacts
                .iter()
                .map(|k| k.name.chars().count() + k.phone.chars().count() + k.when.chars().count())
                .sum(),
        ),
        {
            let (n, l) = items(&c.safe_surroundings);
            (PARTS[5], n, l)
        },
        {
            let (n, l) = items(&c.what_keeps_me_going);
            (PARTS[6], n, l)
        },
    ];
    parts.retain(|(_, n, _)| *n > 0);
    parts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    parts
        .into_iter()
        .map(|(f, n, l)| {
            format!(
                "{f} ({n} {}, {l} letters)",
                if n == 1 { "entry" } else { "entries" }
            )
        })
        .collect()
}

/// The rule `crisis-card-too-long`: for each copy that asks for a crisis card (the person's,
/// or a sharing entry's whose crisis plan is shared), the card is laid out in its form, and a
/// card that needs more than one sheet is an error at the `crisis-card` it was asked for,
/// naming the fields to shorten. `renderer` is called only when a plan asks for a card.
pub fn check<'r>(
    plan: &Plan,
    file: &std::path::Path,
    settings: &Settings,
    pictures: &dyn Pictures,
    language: &crate::language::Language,
    renderer: &dyn Fn() -> Option<&'r pdf::Renderer>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    const RULE: &str = "crisis-card-too-long";
    let id = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // (who, audience, formats, where the card was asked for, its field path)
    let mut asked = Vec::new();
    let own: Vec<Format> = plan.person.formats.iter().map(|f| f.value).collect();
    if let Some((i, f)) = plan
        .person
        .formats
        .iter()
        .enumerate()
        .find(|(_, f)| f.value == Format::CrisisCard)
    {
        asked.push((
            None,
            Audience::Person,
            own.clone(),
            f.span,
            format!("person.formats[{i}]"),
        ));
    }
    for (share, _) in views::recipients(plan) {
        let Some(j) = plan.sharing.iter().position(|s| std::ptr::eq(s, share)) else {
            continue;
        };
        if let Some((i, f)) = share
            .formats
            .iter()
            .enumerate()
            .find(|(_, f)| f.value == Format::CrisisCard)
        {
            asked.push((
                Some(share.name.trim().to_string()),
                Audience::Recipient(share),
                views::recipient_formats(share),
                f.span,
                format!("sharing[{j}].formats[{i}]"),
            ));
        }
    }
    if asked.is_empty() {
        return Vec::new();
    }
    let Some(renderer) = renderer() else {
        return Vec::new();
    };
    let severity = settings.rules.get(RULE).map_or(
        crate::diagnostic::Severity::Error,
        |l: &crate::settings::Level| l.severity(),
    );
    let mut out = Vec::new();
    for (who, audience, formats, span, field) in asked {
        let form = form(&formats);
        let Some(card) = for_copy(plan, &id, audience, form, settings, pictures, language) else {
            continue;
        };
        let Ok(n) = pages(renderer, &card) else {
            // A broken template is reported by `build`, with the template's line.
            continue;
        };
        if n > MOST_PAGES {
            let whose = match &who {
                Some(name) => format!("the crisis card for {name}"),
                None => "the crisis card".to_string(),
            };
            out.push(
                Diagnostic::new(
                    severity,
                    RULE,
                    file,
                    format!(
                        "{whose} does not fit on one sheet in {}: it needs {n} sides of paper, and a card can use only the two sides of one sheet",
                        form_words(form)
                    ),
                )
                .at(span)
                .field(field)
                .hint(format!(
                    "shorten these, longest first, or give their long entries a short form for the card (`card:`): {}",
                    longest_parts(plan, form).join(", ")
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(crisis: &str) -> Plan {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/valid/minimal.yaml"),
        )
        .unwrap();
        let signs = "  warning_signs:\n    - Sam stops answering her phone.\n";
        assert!(source.contains(signs));
        let source = source.replace(signs, crisis);
        let (plan, diags) = crate::load::load_str(std::path::Path::new("plan.yaml"), &source);
        plan.unwrap_or_else(|| panic!("{diags:?}"))
    }

    /// The card shows an entry's short form; an easy-read card its easy-read words first,
    /// then the short form, then the text. The lengths named to shorten are those shown.
    #[test]
    fn a_card_shows_the_short_form_and_counts_what_it_shows() {
        let p = plan(
            "  warning_signs:\n    - text: I stop answering the phone to anyone at all.\n      card: No phone.\n    - text: I stay in bed.\n      easy_read: Bed all day.\n      card: In bed.\n    - I stop eating.\n",
        );
        let signs = &p.crisis.warning_signs;
        assert_eq!(on_card(&signs[0], Variant::Standard), "No phone.");
        assert_eq!(on_card(&signs[0], Variant::EasyRead), "No phone.");
        assert_eq!(on_card(&signs[1], Variant::LargePrint), "In bed.");
        assert_eq!(on_card(&signs[1], Variant::EasyRead), "Bed all day.");
        assert_eq!(on_card(&signs[2], Variant::Standard), "I stop eating.");
        let named = longest_parts(&p, Variant::Standard);
        // "No phone." 9 + "In bed." 7 + "I stop eating." 14
        assert!(
            named.contains(&"crisis.warning_signs (3 entries, 30 letters)".to_string()),
            "{named:?}"
        );
    }
}
