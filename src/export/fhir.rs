//! One plan as a FHIR R4 Bundle (type `collection`): the Patient (never an NHS number), the
//! CarePlan with an activity for each action of each party, a Goal for each goal with its
//! Goal Based Outcomes ratings as Observations, the CareTeam with a Practitioner for each
//! worker, and a RelatedPerson for each carer. UK Core profiles are named where UK Core has
//! one (Patient, Practitioner, RelatedPerson, Observation).
//!
//! An export for someone the plan is shared with is cut from their copy: it holds an item
//! only when their copy shows it (the person's choices, `private`, `not_for`, `only_for`, a
//! goal kept back and its actions, anyone who must not be contacted), checked twice: by
//! the person's choice about the item, and by its words being in their copy's view. The same
//! plan gives the same bytes: ids are made from the plan id and the item, never at random.

use serde_json::{Map, Value, json};

use crate::plan::{Carers, Chosen, Party, Plan, Section as S};
use crate::render::markdown::{plain, rich};
use crate::views::{self, Audience, Block, Document, Pictures};

const UK_CORE: &str = "https://fhir.hl7.org.uk/StructureDefinition/";

/// What a copy shows, as plain text: an export holds a text only if it is in here.
struct Shown {
    /// Every text of the copy, one a line.
    text: String,
    /// The person's own export: all of it.
    own: bool,
}

impl Shown {
    fn of(doc: &Document, own: bool) -> Shown {
        let mut t: Vec<String> = vec![doc.title.clone(), doc.person_name.clone()];
        for s in &doc.sections {
            t.push(s.heading.clone());
            for b in &s.blocks {
                match b {
                    Block::Paragraph { text } => t.push(plain(&text.blocks)),
                    Block::List { items, .. } => {
                        for e in items {
                            t.push(plain(&e.text.blocks));
                            t.extend(e.meta.iter().map(|m| m.value.clone()));
                        }
                    }
                    Block::Contacts { items, .. } => {
                        for c in items {
                            t.push(c.name.clone());
                            t.extend(
                                [&c.detail, &c.phone, &c.email, &c.when]
                                    .into_iter()
                                    .flatten()
                                    .cloned(),
                            );
                            t.extend(c.note.iter().map(|n| plain(&n.blocks)));
                        }
                    }
                    Block::Facts { items, .. } => {
                        t.extend(items.iter().map(|f| plain(&f.value.blocks)));
                    }
                    Block::Chart(c) => {
                        t.push(c.title.clone());
                        t.push(c.summary.clone());
                    }
                    Block::Table { rows, columns, .. } => {
                        t.extend(columns.iter().cloned());
                        t.extend(rows.iter().flatten().cloned());
                    }
                }
            }
        }
        Shown {
            text: t.join("\n"),
            own,
        }
    }

    /// The text as plain words, if the copy shows it.
    fn get(&self, markdown: &str) -> Option<String> {
        let p = plain(&rich(markdown).blocks).trim().to_string();
        (!p.is_empty() && (self.own || self.text.contains(&p))).then_some(p)
    }
}

/// A stable id for one resource of one plan's export: a UUID made from their names.
fn uuid(parts: &[&str]) -> String {
    let hash = |seed: u64| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for p in parts {
            for b in p.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    };
    let (a, b) = (hash(1), hash(2));
    // Version 8 (made by the application), RFC 9562 variant.
    let a = (a & !0xf000) | 0x8000;
    let b = (b & !(0xc000 << 48)) | (0x8000 << 48);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// A name for FHIR: the whole name as written, and its last word as the family name.
fn human_name(name: &str) -> Value {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut n = Map::new();
    n.insert("text".into(), json!(name));
    if let Some((family, given)) = words.split_last()
        && !given.is_empty()
    {
        n.insert("family".into(), json!(family));
        n.insert("given".into(), json!(given));
    }
    Value::Object(n)
}

/// Phone and email, those the copy shows.
fn telecom(shown: &Shown, phone: Option<&str>, email: Option<&str>) -> Option<Value> {
    let mut t = Vec::new();
    if let Some(p) = phone.and_then(|p| shown.get(p)) {
        t.push(json!({"system": "phone", "value": p}));
    }
    if let Some(e) = email.and_then(|e| shown.get(e)) {
        t.push(json!({"system": "email", "value": e}));
    }
    (!t.is_empty()).then_some(Value::Array(t))
}

struct Out {
    entries: Vec<Value>,
}

impl Out {
    fn add(&mut self, resource: Value) -> String {
        let id = resource["id"].as_str().unwrap_or_default().to_string();
        let url = format!("urn:uuid:{id}");
        self.entries
            .push(json!({"fullUrl": url, "resource": resource}));
        url
    }
}

/// Sets `key` only when there is a value.
fn put(r: &mut Value, key: &str, v: Option<Value>) {
    if let (Some(v), Some(map)) = (v, r.as_object_mut()) {
        map.insert(key.into(), v);
    }
}

/// The Bundle for `audience`'s copy of `plan`.
pub fn bundle(
    plan: &Plan,
    id: &str,
    audience: Audience,
    settings: &crate::settings::Settings,
    pictures: &dyn Pictures,
    language: &crate::language::Language,
) -> Value {
    let (variant, copy) = match audience {
        Audience::Person => (views::Variant::Standard, String::new()),
        Audience::Recipient(share) => (
            views::read_back_variant(share),
            crate::names::file_name(&share.name),
        ),
    };
    let doc = views::build(plan, id, audience, variant, settings, pictures, language);
    let own = matches!(audience, Audience::Person);
    let shown = Shown::of(&doc, own);
    let sees = |s: S| audience.sees(s);
    let may = |item: &dyn Chosen| audience.may_see(item.choice()).is_ok();
    let key = |parts: &[&str]| {
        let mut all = vec![id, copy.as_str()];
        all.extend_from_slice(parts);
        uuid(&all)
    };
    let mut out = Out {
        entries: Vec::new(),
    };

    // The person.
    let mut patient = json!({
        "resourceType": "Patient",
        "id": key(&["patient"]),
        "meta": {"profile": [format!("{UK_CORE}UKCore-Patient")]},
        "name": [human_name(plan.person.name.trim())],
    });
    if own {
        put(
            &mut patient,
            "birthDate",
            plan.person
                .date_of_birth
                .as_ref()
                .map(|d| json!(d.value.0.to_string())),
        );
    }
    put(
        &mut patient,
        "communication",
        Some(
            json!([{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": plan.language()}]}, "preferred": true}]),
        ),
    );
    let patient_ref = out.add(patient);

    // The care team: the key worker is in every copy; the others with the care team section.
    let mut workers = vec![&plan.key_worker];
    if sees(S::CareTeam) {
        workers.extend(plan.care_team.iter().filter(|w| may(*w)));
    }
    let mut practitioners: Vec<(String, String)> = Vec::new();
    let mut participants = Vec::new();
    for (i, w) in workers.into_iter().enumerate() {
        let Some(name) = shown.get(&w.name) else {
            continue;
        };
        let mut p = json!({
            "resourceType": "Practitioner",
            "id": key(&["practitioner", &i.to_string()]),
            "meta": {"profile": [format!("{UK_CORE}UKCore-Practitioner")]},
            "name": [human_name(&name)],
        });
        put(
            &mut p,
            "telecom",
            telecom(
                &shown,
                w.phone.as_deref().map(|s| s.as_str()),
                w.email.as_deref().map(|s| s.as_str()),
            ),
        );
        let url = out.add(p);
        let mut part = json!({"member": {"reference": url, "display": name}});
        let role = w.role.as_ref().and_then(|r| shown.get(r));
        let mut roles: Vec<Value> = Vec::new();
        if i == 0 {
            roles.push(json!({"text": "Key worker"}));
        }
        roles.extend(role.map(|r| json!({"text": r})));
        put(
            &mut part,
            "role",
            (!roles.is_empty()).then_some(Value::Array(roles)),
        );
        participants.push(part);
        practitioners.push((name, url));
    }
    let team_ref = out.add(json!({
        "resourceType": "CareTeam",
        "id": key(&["careteam"]),
        "status": "active",
        "subject": {"reference": patient_ref},
        "participant": participants,
    }));

    // Carers.
    let mut related: Vec<(String, String)> = Vec::new();
    if sees(S::Carers)
        && let Some(Carers::List(carers)) = &plan.carers
    {
        for (i, c) in carers.iter().enumerate() {
            if !may(c) {
                continue;
            }
            let Some(name) = shown.get(&c.name) else {
                continue;
            };
            let mut r = json!({
                "resourceType": "RelatedPerson",
                "id": key(&["relatedperson", &i.to_string()]),
                "meta": {"profile": [format!("{UK_CORE}UKCore-RelatedPerson")]},
                "patient": {"reference": patient_ref},
                "name": [human_name(&name)],
            });
            put(
                &mut r,
                "relationship",
                c.relationship
                    .as_ref()
                    .and_then(|x| shown.get(x))
                    .map(|x| json!([{"text": x}])),
            );
            put(
                &mut r,
                "telecom",
                telecom(
                    &shown,
                    c.phone.as_deref().map(|s| s.as_str()),
                    c.email.as_deref().map(|s| s.as_str()),
                ),
            );
            related.push((name, out.add(r)));
        }
    }

    // Goals, with their ratings.
    let mut goals: Vec<(String, String)> = Vec::new();
    if sees(S::Goals) {
        for (i, g) in plan.goals.iter().enumerate() {
            if !may(g) {
                continue;
            }
            let Some(text) = shown.get(&g.goal) else {
                continue;
            };
            let goal_id = key(&["goal", &i.to_string()]);
            let goal_url = format!("urn:uuid:{goal_id}");
            // All ratings with the outcomes table; else the latest, as the goal shows it.
            let mut ratings: Vec<_> = g.ratings.iter().collect();
            ratings.sort_by_key(|r| r.date.value.0);
            if !sees(S::Outcomes) && ratings.len() > 1 {
                ratings.drain(..ratings.len() - 1);
            }
            let mut results = Vec::new();
            for r in ratings {
                let date = r.date.value.0.to_string();
                let obs = json!({
                    "resourceType": "Observation",
                    "id": key(&["goal", &i.to_string(), "rating", &date]),
                    "meta": {"profile": [format!("{UK_CORE}UKCore-Observation")]},
                    "status": "final",
                    "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"}]}],
                    "code": {"text": "Goal Based Outcomes rating: how close to the goal, 0 (not at all) to 10 (reached)"},
                    "subject": {"reference": patient_ref},
                    "focus": [{"reference": goal_url}],
                    "effectiveDateTime": date,
                    "valueInteger": r.score.value,
                });
                results.push(json!({"reference": out.add(obs)}));
            }
            let mut goal = json!({
                "resourceType": "Goal",
                "id": goal_id,
                "lifecycleStatus": "active",
                "description": {"text": text},
                "subject": {"reference": patient_ref},
            });
            put(
                &mut goal,
                "target",
                g.target_date
                    .as_ref()
                    .map(|d| json!([{"dueDate": d.value.0.to_string()}])),
            );
            put(
                &mut goal,
                "note",
                g.why
                    .as_ref()
                    .and_then(|w| shown.get(w))
                    .map(|w| json!([{"text": w}])),
            );
            put(
                &mut goal,
                "outcomeReference",
                (!results.is_empty()).then_some(Value::Array(results)),
            );
            out.add(goal);
            goals.push((g.id.trim().to_string(), goal_url));
        }
    }

    // Who does what.
    let mut activities = Vec::new();
    if sees(S::Actions) {
        let mut parties: Vec<(&str, &[crate::plan::Action])> = vec![("me", &plan.actions.me)];
        if let Party::Actions(a) = &plan.actions.family_and_friends {
            parties.push(("family_and_friends", a));
        }
        parties.push(("services", &plan.actions.services));
        parties.push(("other_organisations", &plan.actions.other_organisations));
        for (party, actions) in parties {
            for a in actions {
                if !may(a) {
                    continue;
                }
                let Some(what) = shown.get(&a.what) else {
                    continue;
                };
                let mut detail = json!({"status": "scheduled", "description": what});
                let performer = if party == "me" {
                    Some(json!({"reference": patient_ref, "display": doc.preferred_name}))
                } else {
                    a.who.as_ref().and_then(|w| shown.get(w)).map(|who| {
                        let known = practitioners
                            .iter()
                            .chain(related.iter())
                            .find(|(n, _)| crate::names::same_recipient(n, &who));
                        match known {
                            Some((_, url)) => json!({"reference": url, "display": who}),
                            None => json!({"display": who}),
                        }
                    })
                };
                put(&mut detail, "performer", performer.map(|p| json!([p])));
                put(
                    &mut detail,
                    "scheduledString",
                    a.when.as_ref().and_then(|w| shown.get(w)).map(|w| json!(w)),
                );
                let serves: Vec<Value> = a
                    .goal
                    .iter()
                    .flat_map(|g| g.0.iter())
                    .filter_map(|g| goals.iter().find(|(gid, _)| gid == g.trim()))
                    .map(|(_, url)| json!({"reference": url}))
                    .collect();
                put(
                    &mut detail,
                    "goal",
                    (!serves.is_empty()).then_some(Value::Array(serves)),
                );
                activities.push(json!({
                    "extension": [{"url": "https://ourplan.example/fhir/StructureDefinition/party", "valueCode": party}],
                    "detail": detail,
                }));
            }
        }
    }
    let mut care_plan = json!({
        "resourceType": "CarePlan",
        "id": key(&["careplan"]),
        "status": "active",
        "intent": "plan",
        "title": doc.title,
        "subject": {"reference": patient_ref},
        "careTeam": [{"reference": team_ref}],
    });
    if own || sees(S::Review) {
        let mut period = Map::new();
        if let Some(last) = &plan.review.last {
            period.insert("start".into(), json!(last.value.0.to_string()));
        }
        period.insert("end".into(), json!(plan.review.next.value.0.to_string()));
        put(&mut care_plan, "period", Some(Value::Object(period)));
    }
    put(
        &mut care_plan,
        "goal",
        (!goals.is_empty()).then(|| {
            json!(
                goals
                    .iter()
                    .map(|(_, u)| json!({"reference": u}))
                    .collect::<Vec<_>>()
            )
        }),
    );
    put(
        &mut care_plan,
        "activity",
        (!activities.is_empty()).then_some(Value::Array(activities)),
    );
    out.add(care_plan);
    // The care plan first, as a reader of the bundle looks for it.
    let last = out.entries.len() - 1;
    let first = out.entries.remove(last);
    out.entries.insert(0, first);
    json!({
        "resourceType": "Bundle",
        "id": key(&["bundle"]),
        "type": "collection",
        "entry": out.entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuids() {
        let a = uuid(&["sam", "", "goal", "0"]);
        assert_eq!(a, uuid(&["sam", "", "goal", "0"]));
        assert_ne!(a, uuid(&["sam", "", "goal", "1"]));
        // Joining the parts does not make two lists the same.
        assert_ne!(uuid(&["ab", "c"]), uuid(&["a", "bc"]));
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'), "version 8: {a}");
        assert!(
            matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
            "variant: {a}"
        );
    }

    #[test]
    fn names_have_a_family_name_when_there_are_two_words_or_more() {
        assert_eq!(
            human_name("Sam Taylor"),
            json!({"text": "Sam Taylor", "family": "Taylor", "given": ["Sam"]})
        );
        assert_eq!(human_name("Cher"), json!({"text": "Cher"}));
    }
}
