//! Who may see what: the audience of a copy, the person's choices about each item, the
//! recipients a plan may have, and the redaction of everything a recipient may not see.

use super::*;

/// Who a copy is for.
#[derive(Debug, Clone, Copy)]
pub enum Audience<'a> {
    /// The person's own copy: always complete.
    Person,
    /// A copy for someone the person chose to share with.
    Recipient(&'a Share),
}

impl Audience<'_> {
    /// May this audience see a section?
    pub fn sees(&self, section: S) -> bool {
        match self {
            Audience::Person => true,
            Audience::Recipient(share) => share.sections.iter().any(|s| s.value == section),
        }
    }

    /// May this audience see an item, given the person's choice about it? If not, why not.
    pub fn may_see(&self, choice: Choice) -> Result<(), Why> {
        let Audience::Recipient(share) = self else {
            return Ok(());
        };
        let them = |t: &Text| crate::names::same_recipient(t, &share.name);
        if choice.private {
            Err(Why::Private)
        } else if choice.not_for.iter().any(them) {
            Err(Why::NotFor)
        } else if !choice.only_for.is_empty() && !choice.only_for.iter().any(them) {
            Err(Why::OnlyFor)
        } else {
            Ok(())
        }
    }
}

/// Why a copy for someone else leaves an item out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// `private: true`.
    Private,
    /// They are named in its `not_for`.
    NotFor,
    /// It has `only_for`, and they are not named there.
    OnlyFor,
    /// An action that helps only with goals kept back from them.
    ServesHiddenGoal,
    /// It names a person who must not be contacted.
    NamesHidden,
}

impl Why {
    /// The reason, in plain words.
    pub fn words(self) -> &'static str {
        match self {
            Why::Private => "marked private: only in the person's own copy",
            Why::NotFor => "the person said not for them (not_for)",
            Why::OnlyFor => "the person said it is only for others (only_for)",
            Why::ServesHiddenGoal => "it helps only with a goal kept back from them",
            Why::NamesHidden => "it names someone who must not be contacted",
        }
    }
}

/// One thing a copy for someone else leaves out, and why: read back to the person.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    /// The heading it would have been under.
    pub place: String,
    /// The item, in short.
    pub item: String,
    /// The line of the plan it is written on, when known.
    pub line: Option<u32>,
    pub reason: Why,
}

/// An item in short, for telling the person what a copy leaves out.
fn short(text: &str) -> String {
    const MOST: usize = 80;
    let t = plain(&rich(text).blocks);
    let t = t.trim();
    if t.chars().count() <= MOST {
        t.to_string()
    } else {
        let cut: String = t.chars().take(MOST).collect();
        format!("{}…", cut.trim_end())
    }
}

impl ViewBuilder<'_> {
    /// Notes that this copy leaves an item out, and why.
    pub(super) fn leave_out(&self, place: &str, text: &str, line: Option<u32>, why: Why) {
        self.left.borrow_mut().push(LeftOut {
            place: place.trim().to_string(),
            item: short(text),
            line,
            reason: why,
        });
    }

    /// True when this copy may hold `item`, by the person's choice; else notes that it is
    /// left out, and why.
    pub(super) fn keep(&self, item: &impl Chosen, place: &str, text: &str, line: u32) -> bool {
        match self.audience.may_see(item.choice()) {
            Ok(()) => true,
            Err(why) => {
                self.leave_out(place, text, Some(line), why);
                false
            }
        }
    }

    /// True when this person must not appear in this copy.
    pub(super) fn hidden_person(&self, name: &str) -> bool {
        if matches!(self.audience, Audience::Person) {
            return false;
        }
        self.people.who(name) == Match::Certain || self.people.in_text(name)
    }

    /// As [`hidden_person`](Self::hidden_person), noting that the entry is left out.
    pub(super) fn hides(&self, place: &str, name: &Text) -> bool {
        let hidden = self.hidden_person(name);
        if hidden {
            self.leave_out(place, name, Some(name.span.line), Why::NamesHidden);
        }
        hidden
    }

    /// Why a goal is kept back from this copy, if it is: the person's choice, or its words
    /// name a person who must not be contacted. A goal kept back takes its scores, its title
    /// in other items and the actions that serve only it along.
    pub(super) fn goal_kept_back_because(&self, g: &crate::plan::Goal) -> Option<Why> {
        if let Err(why) = self.audience.may_see(g.choice()) {
            return Some(why);
        }
        let texts = [Some(&g.goal), g.why.as_ref(), g.easy_read.as_ref()];
        (!matches!(self.audience, Audience::Person)
            && texts.into_iter().flatten().any(|t| self.people.in_text(t)))
        .then_some(Why::NamesHidden)
    }

    /// Why this goal of the plan is kept back from this copy, if it is.
    pub(super) fn goal_kept_back_why(&self, g: &crate::plan::Goal) -> Option<Why> {
        self.kept_back
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, g))
            .map(|(_, why)| *why)
    }

    /// True when the goal with this id is kept back from this copy.
    pub(super) fn goal_kept_back(&self, id: &str) -> bool {
        self.plan
            .goals
            .iter()
            .find(|g| g.id.trim() == id.trim())
            .is_some_and(|g| self.goal_kept_back_why(g).is_some())
    }

    /// Leaves out of a copy for someone else every entry, contact, fact, row and paragraph
    /// that names a person who must not be contacted. Every field is looked at, both the
    /// words shown and what is written behind them (link addresses, the other version of an
    /// easy-read item), so no variant of a copy keeps what another leaves out. The person's
    /// own copy is untouched.
    pub(super) fn redact(&self, sections: &mut [Section]) {
        if matches!(self.audience, Audience::Person) {
            return;
        }
        if self.people.is_empty() {
            return;
        }
        let hidden = |s: &str| self.people.in_text(s);
        let opt = |s: &Option<String>| s.as_deref().is_some_and(hidden);
        let rich_hidden = |r: &Rich| hidden(&plain(&r.blocks)) || hidden(&r.source);
        for s in sections.iter_mut() {
            let section = s.heading.clone();
            let gone = |place: &Option<String>, item: &str, line: Option<u32>| {
                let place = place.as_deref().unwrap_or(&section);
                self.leave_out(place, item, line, Why::NamesHidden);
            };
            for b in s.blocks.iter_mut() {
                match b {
                    Block::Paragraph { .. } | Block::Chart(_) => {}
                    Block::List { items, heading } => items.retain(|e| {
                        let names = rich_hidden(&e.text)
                            || hidden(&e.versions)
                            || e.meta.iter().any(|m| hidden(&m.value));
                        if names {
                            gone(heading, &e.text.source, e.line);
                        }
                        !names
                    }),
                    // A contact who is someone else stays, without the words that name
                    // the hidden person: a carer still needs the key worker's number.
                    Block::Contacts { items, heading } => {
                        items.retain(|c| {
                            let names = hidden(&c.name) || opt(&c.phone);
                            if names {
                                gone(heading, &c.name, c.line);
                            }
                            !names
                        });
                        for c in items.iter_mut() {
                            for field in [&mut c.detail, &mut c.email, &mut c.when] {
                                if opt(field) {
                                    let part = field.take().unwrap_or_default();
                                    gone(heading, &format!("{}: {part}", c.name), c.line);
                                }
                            }
                            if c.note.as_ref().is_some_and(rich_hidden) {
                                let note = c.note.take().map(|n| n.source).unwrap_or_default();
                                gone(heading, &format!("{}: {note}", c.name), c.line);
                            }
                        }
                    }
                    Block::Facts { items, heading } => items.retain(|f| {
                        let names = rich_hidden(&f.value);
                        if names {
                            gone(heading, &format!("{}: {}", f.label, f.value.source), None);
                        }
                        !names
                    }),
                    Block::Table {
                        rows,
                        columns,
                        caption,
                        ..
                    } => {
                        let before = rows.len();
                        rows.retain(|r| {
                            let names = r.iter().any(|c| hidden(c));
                            if names {
                                gone(&Some(caption.clone()), &r.join(", "), None);
                            }
                            !names
                        });
                        // A column left with no value (the date of a row left out) goes too:
                        // it would say when that row was scored.
                        if rows.len() < before && !rows.is_empty() {
                            let keep: Vec<bool> = (0..columns.len())
                                .map(|i| {
                                    i == 0
                                        || rows.iter().any(|r| {
                                            r.get(i).is_some_and(|c| !c.is_empty() && c != "-")
                                        })
                                })
                                .collect();
                            let kept = |cells: &mut Vec<String>| {
                                *cells = std::mem::take(cells)
                                    .into_iter()
                                    .enumerate()
                                    .filter(|(i, _)| keep.get(*i).copied().unwrap_or(true))
                                    .map(|(_, c)| c)
                                    .collect();
                            };
                            kept(columns);
                            rows.iter_mut().for_each(kept);
                        }
                    }
                }
            }
            s.blocks.retain(|b| match b {
                Block::Paragraph { text } => {
                    let names = rich_hidden(text);
                    if names {
                        gone(&None, &text.source, None);
                    }
                    !names
                }
                Block::List { items, .. } => !items.is_empty(),
                Block::Contacts { items, .. } => !items.is_empty(),
                Block::Facts { items, .. } => !items.is_empty(),
                Block::Table { rows, .. } => !rows.is_empty(),
                Block::Chart(c) => {
                    let names = hidden(&c.title) || hidden(&c.summary) || hidden(&c.svg);
                    if names {
                        gone(&None, &c.summary, None);
                    }
                    !names
                }
            });
        }
    }
}

/// The copies for other people: each sharing entry that shares something, with the name of
/// its folder (`for-amira-ahmed`). Two entries with the same name get distinct folders.
pub fn recipients(plan: &Plan) -> Vec<(&Share, String)> {
    let people = plan.people();
    let mut out: Vec<(&Share, String)> = Vec::new();
    // Never a copy for a person who must not be contacted, whatever else is said.
    for share in plan
        .sharing
        .iter()
        .filter(|s| !s.sections.is_empty() && !refused_by(&people, s))
    {
        let base = format!("for-{}", crate::names::file_name(&share.name));
        let mut slug = base.clone();
        let mut n = 2;
        while out.iter().any(|(_, s)| *s == slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        out.push((share, slug));
    }
    out
}

/// True when no copy may be made for this entry: it is, or names, a person who must not be
/// contacted, or starts with their first name and does not say who they are instead.
fn refused_by(people: &People, share: &Share) -> bool {
    match people.who(&share.name) {
        Match::Certain => true,
        Match::Likely => !share.says_different(),
        _ => false,
    }
}

/// The sharing entries that get no copy because they are, or name, a person who must not be
/// contacted, with the folder their copy would have had.
pub fn refused(plan: &Plan) -> Vec<(&Share, String)> {
    let people = plan.people();
    plan.sharing
        .iter()
        .filter(|s| refused_by(&people, s))
        .map(|s| (s, format!("for-{}", crate::names::file_name(&s.name))))
        .collect()
}

/// The variant that best shows what a recipient reads: the web page, else their first PDF.
pub fn read_back_variant(share: &Share) -> Variant {
    let formats = recipient_formats(share);
    Variant::from(formats.first().copied().unwrap_or(Format::Html))
}

/// The formats a recipient asked for (a web page when they did not say).
pub fn recipient_formats(share: &Share) -> Vec<Format> {
    let mut f: Vec<Format> = share.formats.iter().map(|f| f.value).collect();
    if f.is_empty() {
        f.push(Format::Html);
    }
    f.sort();
    f.dedup();
    f
}
