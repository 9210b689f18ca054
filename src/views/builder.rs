//! The building blocks of a view: entries, lists, contacts, facts and tables in the copy's
//! words and form, shared by every section.

use super::*;

impl ViewBuilder<'_> {
    pub(super) fn day(&self, d: &Date) -> String {
        day(self.w, d, &self.lang)
    }

    pub(super) fn easy(&self) -> bool {
        self.variant == Variant::EasyRead
    }

    /// The tool's words with the person's name in them (in a copy for someone else).
    pub(super) fn t(&self, words: &str) -> String {
        words.replace("{name}", &self.name)
    }

    pub(super) fn entry(
        &self,
        text: &str,
        easy: Option<&str>,
        picture: Option<&str>,
        default_pic: &str,
    ) -> Entry {
        let shown = if self.easy() {
            easy.filter(|s| !s.trim().is_empty()).unwrap_or(text)
        } else {
            text
        };
        let (picture, picture_alt) = if self.easy() {
            let name = picture
                .map(str::trim)
                .filter(|p| self.pictures.alt(p).is_some())
                .unwrap_or(default_pic);
            // The idea in the copy's language; the English one (pictures.tsv) if its words
            // table does not say.
            match self.pictures.alt(name) {
                Some(alt) => (
                    Some(name.to_string()),
                    Some(self.w.picture(name).unwrap_or(alt).to_string()),
                ),
                None => (None, None),
            }
        } else {
            (None, None)
        };
        Entry {
            text: rich(shown),
            picture,
            picture_alt,
            no: false,
            meta: Vec::new(),
            versions: format!("{text}\n{}", easy.unwrap_or("")),
            line: None,
            card: None,
        }
    }

    pub(super) fn item(&self, item: &Item, default_pic: &str) -> Entry {
        let mut e = self.entry(
            &item.text,
            item.easy_read.as_ref().map(|t| t.value.as_str()),
            item.picture.as_ref().map(|t| t.value.as_str()),
            default_pic,
        );
        e.line = Some(item.text.span.line);
        if let Some(card) = item.card.as_ref().filter(|c| !c.trim().is_empty()) {
            // Redaction reads every version, the card's too.
            e.versions.push('\n');
            e.versions.push_str(card);
            // An easy-read card keeps the easy-read words when there are some.
            let easy = item
                .easy_read
                .as_ref()
                .is_some_and(|t| !t.trim().is_empty());
            if !(self.easy() && easy) {
                e.card = Some(rich(card));
            }
        }
        e
    }

    pub(super) fn list(&self, heading: &str, items: &[Item], pic: &str) -> Option<Block> {
        let items: Vec<Entry> = items
            .iter()
            .filter(|i| !i.text.trim().is_empty())
            .filter(|i| self.keep(*i, heading, &i.text, i.text.span.line))
            .map(|i| self.item(i, pic))
            .filter(|e| !e.text.is_empty())
            .collect();
        (!items.is_empty()).then(|| Block::List {
            heading: Some(heading.to_string()),
            items,
        })
    }

    /// The fields a section shows as they are (declared with `=> "picture"` in `plan`), in
    /// the order it declares them, each under the words of its name: a list of points, a
    /// list of people, or a text as a labelled fact.
    pub(super) fn show(&self, s: &mut Section, fields: Vec<Shown<'_>>) {
        for f in fields {
            let heading = self.heading_of(f.field);
            match f.value {
                ShownValue::Items(items) => s.blocks.extend(self.list(&heading, items, f.picture)),
                ShownValue::People(people) => s.blocks.extend(self.people_block(&heading, people)),
                ShownValue::Text(text) => {
                    if let Some(text) = text.map(|t| t.trim()).filter(|t| !t.is_empty()) {
                        s.push_fact(&heading, text);
                    }
                }
            }
        }
    }

    /// The words of a field's name: its key in the words tables; for a field no table has
    /// words for yet, its name in plain words, in English (marked so in another language,
    /// as any missing word is).
    fn heading_of(&self, field: &str) -> String {
        if let Some(words) = self.w.get(field).filter(|w| !w.is_empty()) {
            return words.to_string();
        }
        let mut plain = field.replace('_', " ");
        if let Some(first) = plain.get(..1) {
            plain = first.to_uppercase() + &plain[1..];
        }
        if crate::words::primary(&self.lang) == "en" {
            plain
        } else {
            format!("{}{plain}{}", crate::words::EN_START, crate::words::EN_END)
        }
    }

    pub(super) fn people_block(&self, heading: &str, people: &[Contact]) -> Option<Block> {
        let items: Vec<ContactView> = people
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .filter(|p| {
                self.keep(*p, heading, &p.name, p.name.span.line) && !self.hides(heading, &p.name)
            })
            .map(|p| ContactView {
                line: Some(p.name.span.line),
                ..contact(
                    &p.name,
                    nonblank(&p.relationship),
                    nonblank(&p.phone),
                    nonblank(&p.email),
                    None,
                    nonblank(&p.note),
                )
            })
            .collect();
        (!items.is_empty()).then(|| Block::Contacts {
            heading: Some(heading.to_string()),
            items,
        })
    }

    pub(super) fn audience_view(&self) -> AudienceView {
        match self.audience {
            Audience::Person => AudienceView {
                kind: "person",
                name: None,
                notice: vec![self.w.for_you.to_string()],
            },
            Audience::Recipient(share) => {
                let parts: Vec<&str> = share
                    .sections
                    .iter()
                    .map(|s| section_name(s.value, self.w))
                    .collect();
                AudienceView {
                    kind: match share.kind.value {
                        RecipientKind::Carer => "carer",
                        RecipientKind::Professional => "professional",
                        RecipientKind::Organisation => "organisation",
                    },
                    name: Some(share.name.trim().to_string()),
                    notice: vec![
                        self.w.copy_for.replace("{recipient}", share.name.trim()),
                        self.t(self.w.shared_parts)
                            .replace("{parts}", &parts.join(", ")),
                        self.w.do_not_pass_on.to_string(),
                    ],
                }
            }
        }
    }

    /// "Words we use": every hard word in the copy's own text, with its plain meaning.
    pub(super) fn words(&self, sections: &[Section], language: &Language) -> Option<Section> {
        let mut text = String::new();
        for s in sections {
            for b in &s.blocks {
                match b {
                    Block::Paragraph { text: t } => text.push_str(&plain(&t.blocks)),
                    Block::List { items, .. } => {
                        for e in items {
                            text.push_str(&plain(&e.text.blocks));
                            text.push('\n');
                            for m in &e.meta {
                                text.push_str(&m.value);
                                text.push('\n');
                            }
                        }
                    }
                    Block::Contacts { items, .. } => {
                        for c in items {
                            for part in [&c.detail, &c.when].into_iter().flatten() {
                                text.push_str(part);
                                text.push('\n');
                            }
                            if let Some(n) = &c.note {
                                text.push_str(&plain(&n.blocks));
                            }
                            text.push('\n');
                        }
                    }
                    Block::Facts { items, .. } => {
                        for f in items {
                            text.push_str(&plain(&f.value.blocks));
                            text.push('\n');
                        }
                    }
                    Block::Table { rows, .. } => {
                        for r in rows {
                            text.push_str(&r.join("\n"));
                            text.push('\n');
                        }
                    }
                    Block::Chart(c) => text.push_str(&c.summary),
                }
                text.push('\n');
            }
        }
        let terms = language.hard_words(&text);
        if terms.is_empty() {
            return None;
        }
        let mut s = self.opened(&WORDS);
        s.blocks.push(Block::Facts {
            heading: None,
            items: terms.into_iter().map(|t| fact(&t.term, &t.plain)).collect(),
        });
        Some(s)
    }

    pub(super) fn easy_intro(&self) -> Section {
        let mut s = self.opened(&THIS_PLAN);
        s.blocks.push(Block::List {
            heading: None,
            items: match self.audience {
                Audience::Person => vec![
                    self.entry(self.w.easy_intro_1, None, Some("document"), "document"),
                    self.entry(self.w.easy_intro_2, None, Some("heart"), "heart"),
                ],
                Audience::Recipient(_) => vec![
                    self.entry(
                        &self.t(self.w.easy_other_1),
                        None,
                        Some("document"),
                        "document",
                    ),
                    self.entry(&self.t(self.w.easy_other_2), None, Some("group"), "group"),
                ],
            },
        });
        s
    }

    pub(super) fn key_worker_contact(&self) -> ContactView {
        worker_contact(&self.plan.key_worker)
    }
}

pub(super) fn table(
    w: &Words,
    lang: &str,
    caption: &str,
    note: &str,
    first: &str,
    dates: &[Date],
    rows: Vec<Vec<String>>,
) -> Block {
    let mut columns = vec![first.to_string()];
    columns.extend(dates.iter().map(|d| day(w, d, lang)));
    Block::Table {
        caption: caption.to_string(),
        note: Some(note.to_string()),
        columns,
        rows,
    }
}

impl ViewBuilder<'_> {
    /// An item's labelled lines (its fields declared `@words_key` in the shape), as a copy
    /// shows them under it: the words of the label (its key's words, or its key in plain
    /// words, as for a shown field), and the value (text as plain words, a
    /// few words as they are, a date in words, an area of life). A line naming someone who
    /// must not be contacted is left out (`place` says where, for the read-back).
    pub(super) fn meta_lines(&self, fields: &[Labelled<'_>], place: &str) -> Vec<Meta> {
        fields
            .iter()
            .filter_map(|f| {
                let label = self.heading_of(f.label);
                let value = match f.value {
                    LabelledValue::Text(t, kind) => {
                        if self.hides(place, t) {
                            return None;
                        }
                        if kind == Some(crate::shape::Kind::Label) {
                            t.trim().to_string()
                        } else {
                            plain(&rich(t.trim()).blocks)
                        }
                    }
                    LabelledValue::Date(d) => self.day(d),
                    LabelledValue::Area(a) => self.w.ctp_areas[a as usize].to_string(),
                };
                Some(meta(&label, &value))
            })
            .collect()
    }

    /// A section's facts from its fields declared `@words_key`: label and value.
    pub(super) fn facts_of(&self, fields: &[Labelled<'_>]) -> Vec<Fact> {
        fields
            .iter()
            .map(|f| {
                let label = self.heading_of(f.label);
                match f.value {
                    LabelledValue::Text(t, _) => fact(&label, t.trim()),
                    LabelledValue::Date(d) => fact(&label, &self.day(d)),
                    LabelledValue::Area(a) => fact(&label, self.w.ctp_areas[a as usize]),
                }
            })
            .collect()
    }
}

pub(super) fn fact(label: &str, text: &str) -> Fact {
    Fact {
        label: label.to_string(),
        value: rich(text),
    }
}

pub(super) fn meta(label: &str, value: &str) -> Meta {
    Meta {
        label: label.to_string(),
        value: value.to_string(),
    }
}

/// A key worker or a member of the care team, as a contact: role and team as its detail.
pub(super) fn worker_contact(k: &crate::plan::Worker) -> ContactView {
    let detail = [nonblank(&k.role), nonblank(&k.team)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    contact(
        &k.name,
        Some(detail.as_str()).filter(|d| !d.is_empty()),
        nonblank(&k.phone),
        nonblank(&k.email),
        nonblank(&k.hours),
        None,
    )
}

/// A number to call: a service, its phone, when it answers and a note.
pub(super) fn number(name: &str, phone: &str, when: &str, note: Option<&str>) -> ContactView {
    contact(name, None, Some(phone), None, Some(when), note)
}

pub(super) fn contact(
    name: &str,
    detail: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
    when: Option<&str>,
    note: Option<&str>,
) -> ContactView {
    let phone = phone.map(str::trim).filter(|p| !p.is_empty());
    ContactView {
        line: None,
        name: name.trim().to_string(),
        detail: detail.map(str::to_string),
        phone: phone.map(str::to_string),
        tel: phone.map(tel_uri),
        email: email.map(|e| e.trim().to_string()),
        when: when.map(|w| w.trim().to_string()).filter(|w| !w.is_empty()),
        note: note.map(rich).filter(|r| !r.is_empty()),
        picture: None,
        picture_alt: None,
    }
}

/// `when: 24h`, the short way to write "answers 24 hours a day", in the copy's own words.
pub(super) fn say_hours(sections: &mut [Section], w: &Words) {
    for s in sections {
        for b in &mut s.blocks {
            if let Block::Contacts { items, .. } = b {
                for c in items {
                    if c.when.as_deref().is_some_and(is_24h) {
                        c.when = Some(w.all_day.to_string());
                    }
                }
            }
        }
    }
}

/// True for `24h`, the structured way to say a line answers day and night.
pub fn is_24h(when: &str) -> bool {
    when.trim().eq_ignore_ascii_case("24h")
}
