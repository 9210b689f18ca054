//! The view model: a copy as a document of sections, blocks and entries, ready for the
//! HTML and PDF renderers, and what it holds (for the reading-back summary).

use super::*;

#[derive(Debug, Serialize)]
pub struct AudienceView {
    pub kind: &'static str,
    pub name: Option<String>,
    pub notice: Vec<String>,
}

/// One copy of a plan, ready to render.
#[derive(Debug, Serialize)]
pub struct Document {
    pub lang: String,
    /// `rtl` for a language written right to left (Urdu, Arabic...), else `ltr`.
    pub dir: &'static str,
    pub title: String,
    pub plan_id: String,
    /// Which copy this is: its folder inside the plan's (`for-amira-ahmed`), or empty for the
    /// person's own. Gives each copy's PDF its own document id.
    pub copy: String,
    pub person_name: String,
    pub preferred_name: String,
    pub date_iso: String,
    pub date_text: String,
    pub organisation: Option<String>,
    pub variant: Variant,
    pub audience: AudienceView,
    pub labels: &'static Words,
    pub sections: Vec<Section>,
    /// Links from the web page to this copy's other forms: its PDFs, and its easy-read page
    /// (or, on that page, back to the full one). Filled in by `build`, which names the files.
    pub other_copies: Vec<CopyLink>,
    /// What this copy leaves out of the sections it shows, and why. Never shown in the
    /// copy: read back to the person with `check --sharing`.
    #[serde(skip)]
    pub left_out: Vec<LeftOut>,
}

/// A link to another form of the same copy, in the same folder.
#[derive(Debug, Serialize)]
pub struct CopyLink {
    pub href: String,
    pub text: String,
    /// `pdf` or `html`.
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub picture: Option<String>,
    pub intro: Option<String>,
    pub blocks: Vec<Block>,
}

impl Section {
    /// Adds a list, unless it is empty: empty parts are left out, never shown empty.
    pub(super) fn push_list(&mut self, heading: Option<String>, items: Vec<Entry>) {
        if !items.is_empty() {
            self.blocks.push(Block::List { heading, items });
        }
    }

    /// Adds one labelled fact.
    pub(super) fn push_fact(&mut self, label: &str, text: &str) {
        self.blocks.push(Block::Facts {
            heading: None,
            items: vec![fact(label, text)],
        });
    }

    /// Adds contacts, unless there are none.
    pub(super) fn push_contacts(&mut self, heading: Option<String>, items: Vec<ContactView>) {
        if !items.is_empty() {
            self.blocks.push(Block::Contacts { heading, items });
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: Rich,
    },
    List {
        heading: Option<String>,
        items: Vec<Entry>,
    },
    Contacts {
        heading: Option<String>,
        items: Vec<ContactView>,
    },
    Facts {
        heading: Option<String>,
        items: Vec<Fact>,
    },
    Table {
        caption: String,
        note: Option<String>,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart of scores, with its summary in words (see `progress`).
    Chart(super::progress::Chart),
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub text: Rich,
    pub picture: Option<String>,
    pub picture_alt: Option<String>,
    /// A thing not to do: easy read marks its picture with a "no" sign.
    pub no: bool,
    pub meta: Vec<Meta>,
    /// Every version of the item as written (ordinary and easy read), whichever is shown:
    /// redaction looks at all of them. Never shown.
    #[serde(skip)]
    pub versions: String,
    /// The line of the plan it is written on, for the read-back. Never shown.
    #[serde(skip)]
    pub line: Option<u32>,
    /// The item's short form for the crisis card (`card:`), which the card shows instead.
    #[serde(skip)]
    pub card: Option<Rich>,
}

impl Entry {
    /// A point in words the tool made (what is new since the last review): no picture, and
    /// nothing of the plan to keep back.
    pub fn said(markdown: &str) -> Entry {
        Entry {
            text: rich(markdown),
            picture: None,
            picture_alt: None,
            no: false,
            meta: Vec::new(),
            versions: String::new(),
            line: None,
            card: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// The line of the plan it is written on, for the read-back. Never shown.
    #[serde(skip)]
    pub line: Option<u32>,
    pub name: String,
    pub detail: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub email: Option<String>,
    pub when: Option<String>,
    pub note: Option<Rich>,
    /// Easy read: a picture of who they are (`pictures`), and what it says, or none
    /// when the name beside it says it.
    pub picture: Option<String>,
    pub picture_alt: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: Rich,
}

impl Document {
    /// The pictures the page shows, each once, in order.
    pub fn pictures(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::List { items, .. } => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|e| e.picture.as_deref())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The copy's "Words we use": each hard word as the copy spells it, with its meaning, in
    /// the copy's order; empty when it has none. `ourplan words` lists these, so that it and
    /// the copies always agree.
    pub fn glossary(&self) -> Vec<(String, String)> {
        self.sections
            .iter()
            .filter(|s| s.id == super::opening::WORDS.id)
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Facts { items, .. } => Some(items),
                _ => None,
            })
            .flatten()
            .map(|f| {
                (
                    f.label.clone(),
                    crate::render::markdown::plain(&f.value.blocks)
                        .trim()
                        .to_string(),
                )
            })
            .collect()
    }
}

/// One section of a copy, as read back to the person: its heading and what is in it.
#[derive(Debug, Serialize)]
pub struct Holds {
    pub section: String,
    pub items: Vec<String>,
}

/// What a copy holds, section by section, read from the copy itself.
pub fn holds(doc: &Document) -> Vec<Holds> {
    doc.sections
        .iter()
        .map(|s| {
            let mut items = Vec::new();
            for b in &s.blocks {
                let under = |h: &Option<String>, t: String| match h {
                    Some(h) => format!("{}: {t}", h.trim()),
                    None => t,
                };
                match b {
                    Block::Paragraph { text } => items.push(plain(&text.blocks)),
                    Block::List { heading, items: es } => items.extend(
                        es.iter()
                            .map(|e| under(heading, plain(&e.text.blocks).trim().to_string())),
                    ),
                    Block::Contacts { heading, items: cs } => {
                        items.extend(cs.iter().map(|c| {
                            let phone = c.phone.as_deref().map(|p| format!(", {p}"));
                            under(heading, format!("{}{}", c.name, phone.unwrap_or_default()))
                        }));
                    }
                    Block::Facts { heading, items: fs } => items.extend(fs.iter().map(|f| {
                        under(heading, format!("{}: {}", f.label, plain(&f.value.blocks)))
                    })),
                    Block::Table { caption, rows, .. } => {
                        items.extend(rows.iter().map(|r| format!("{caption}: {}", r.join(", "))))
                    }
                    Block::Chart(c) => items.push(c.summary.clone()),
                }
            }
            Holds {
                section: s.heading.clone(),
                items,
            }
        })
        .collect()
}
