//! Rules on who sees the plan: people who must not be contacted, the person's choices about
//! each item, sharing entries and contact details.

use super::*;

pub(super) fn privacy(c: &mut Checker, plan: &Plan) {
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
pub(super) fn choices(c: &mut Checker, plan: &Plan) {
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

pub(super) fn sharing(c: &mut Checker, plan: &Plan) {
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

pub(super) fn contacts(c: &mut Checker, plan: &Plan) {
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
