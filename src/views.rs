//! Builds the views of a plan: one [`Document`] per audience (the person, or someone they
//! share with) and variant (standard, large print, easy read). A view holds only what that
//! audience may see, in the order a person would want, with empty parts left out. HTML and
//! PDF renderers both draw from these views and add nothing of the plan themselves.

use serde::Serialize;

use crate::language::Language;
use crate::load::convert::Date;
use crate::names::{Match, People};
use crate::phone::tel_uri;
use crate::plan::{
    AdvanceStatus, Carers, Choice, Chosen, Contact, Format, Item, Party, Plan, RecipientKind,
    Section as S, Share, Text,
};
use crate::render::markdown::{Rich, plain, rich};
use crate::rules::is_24_hours;
use crate::settings::Settings;
use crate::words::Words;

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

/// The layout a view is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Standard,
    LargePrint,
    EasyRead,
}

impl From<Format> for Variant {
    fn from(f: Format) -> Self {
        match f {
            Format::Html => Variant::Standard,
            Format::LargePrint => Variant::LargePrint,
            Format::EasyRead => Variant::EasyRead,
            // The card's own form is chosen from the copy's other formats (`card::form`).
            Format::CrisisCard => Variant::Standard,
        }
    }
}

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
    fn push_list(&mut self, heading: Option<String>, items: Vec<Entry>) {
        if !items.is_empty() {
            self.blocks.push(Block::List { heading, items });
        }
    }

    /// Adds one labelled fact.
    fn push_fact(&mut self, label: &str, text: &str) {
        self.blocks.push(Block::Facts {
            heading: None,
            items: vec![fact(label, text)],
        });
    }

    /// Adds contacts, unless there are none.
    fn push_contacts(&mut self, heading: Option<String>, items: Vec<ContactView>) {
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
    Chart(crate::progress::Chart),
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
    /// Easy read: a picture of who they are (`picture_choice`), and what it says, or none
    /// when the name beside it says it.
    pub picture: Option<String>,
    pub picture_alt: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: Rich,
}

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
        crate::picture_choice::choose(&mut doc, pictures, &[w.please_dont, w.others_should_not]);
    }
    name_the_person(&mut doc, &name);
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
}

/// Adds "What is new in your plan" after the crisis box: what changed since the last review.
pub fn add_news(doc: &mut Document, news: &[String]) {
    const MOST: usize = 12;
    if news.is_empty() {
        return;
    }
    let w = doc.labels;
    let mut items: Vec<Entry> = news
        .iter()
        .take(MOST)
        .map(|n| Entry {
            text: rich(n),
            picture: None,
            picture_alt: None,
            no: false,
            meta: Vec::new(),
            versions: String::new(),
            line: None,
        })
        .collect();
    if news.len() > MOST {
        items.push(Entry {
            text: rich(
                &w.news_more
                    .replace("{count}", &(news.len() - MOST).to_string()),
            ),
            picture: None,
            picture_alt: None,
            no: false,
            meta: Vec::new(),
            versions: String::new(),
            line: None,
        });
    }
    let section = Section {
        id: "whats-new",
        heading: w.news.to_string(),
        picture: Some("star".into()),
        intro: Some(w.news_intro.to_string()),
        blocks: vec![Block::List {
            heading: None,
            items,
        }],
    };
    let at = doc
        .sections
        .iter()
        .position(|s| s.id == "crisis-now")
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

fn section(id: &'static str, heading: &str, picture: &str, intro: Option<&str>) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        picture: Some(picture.to_string()),
        intro: intro.map(str::to_string),
        blocks: Vec::new(),
    }
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

impl ViewBuilder<'_> {
    fn day(&self, d: &Date) -> String {
        day(self.w, d, &self.lang)
    }

    fn easy(&self) -> bool {
        self.variant == Variant::EasyRead
    }

    /// The tool's words with the person's name in them (in a copy for someone else).
    fn t(&self, words: &str) -> String {
        words.replace("{name}", &self.name)
    }

    /// Notes that this copy leaves an item out, and why.
    fn leave_out(&self, place: &str, text: &str, line: Option<u32>, why: Why) {
        self.left.borrow_mut().push(LeftOut {
            place: place.trim().to_string(),
            item: short(text),
            line,
            reason: why,
        });
    }

    /// True when this copy may hold `item`, by the person's choice; else notes that it is
    /// left out, and why.
    fn keep(&self, item: &impl Chosen, place: &str, text: &str, line: u32) -> bool {
        match self.audience.may_see(item.choice()) {
            Ok(()) => true,
            Err(why) => {
                self.leave_out(place, text, Some(line), why);
                false
            }
        }
    }

    /// True when this person must not appear in this copy.
    fn hidden_person(&self, name: &str) -> bool {
        if matches!(self.audience, Audience::Person) {
            return false;
        }
        self.people.who(name) == Match::Certain || self.people.in_text(name)
    }

    /// As [`hidden_person`](Self::hidden_person), noting that the entry is left out.
    fn hides(&self, place: &str, name: &Text) -> bool {
        let hidden = self.hidden_person(name);
        if hidden {
            self.leave_out(place, name, Some(name.span.line), Why::NamesHidden);
        }
        hidden
    }

    /// Why a goal is kept back from this copy, if it is: the person's choice, or its words
    /// name a person who must not be contacted. A goal kept back takes its scores, its title
    /// in other items and the actions that serve only it along.
    fn goal_kept_back_because(&self, g: &crate::plan::Goal) -> Option<Why> {
        if let Err(why) = self.audience.may_see(g.choice()) {
            return Some(why);
        }
        let texts = [Some(&g.goal), g.why.as_ref(), g.easy_read.as_ref()];
        (!matches!(self.audience, Audience::Person)
            && texts.into_iter().flatten().any(|t| self.people.in_text(t)))
        .then_some(Why::NamesHidden)
    }

    /// Why this goal of the plan is kept back from this copy, if it is.
    fn goal_kept_back_why(&self, g: &crate::plan::Goal) -> Option<Why> {
        self.kept_back
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, g))
            .map(|(_, why)| *why)
    }

    /// True when the goal with this id is kept back from this copy.
    fn goal_kept_back(&self, id: &str) -> bool {
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
    fn redact(&self, sections: &mut [Section]) {
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

    fn entry(
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
            match self.pictures.alt(name) {
                Some(alt) => (Some(name.to_string()), Some(alt.to_string())),
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
        }
    }

    fn item(&self, item: &Item, default_pic: &str) -> Entry {
        let mut e = self.entry(
            &item.text,
            item.easy_read.as_ref().map(|t| t.value.as_str()),
            item.picture.as_ref().map(|t| t.value.as_str()),
            default_pic,
        );
        e.line = Some(item.text.span.line);
        e
    }

    fn list(&self, heading: &str, items: &[Item], pic: &str) -> Option<Block> {
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

    fn people_block(&self, heading: &str, people: &[Contact]) -> Option<Block> {
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

    fn audience_view(&self) -> AudienceView {
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
    fn words(&self, sections: &[Section], language: &Language) -> Option<Section> {
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
        let mut s = section(
            "words",
            self.w.words_heading,
            "book",
            Some(self.w.words_intro),
        );
        s.blocks.push(Block::Facts {
            heading: None,
            items: terms.into_iter().map(|t| fact(&t.term, &t.plain)).collect(),
        });
        Some(s)
    }

    fn easy_intro(&self) -> Section {
        let mut s = section("this-plan", &self.t(self.w.easy_title), "document", None);
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

    fn key_worker_contact(&self) -> ContactView {
        worker_contact(&self.plan.key_worker)
    }

    /// The short box at the top: 24-hour numbers and the key worker.
    fn crisis_now(&self, settings: &Settings) -> Option<Section> {
        let mut s = section(
            "crisis-now",
            self.w.crisis_now,
            "phone",
            Some(self.w.crisis_now_intro),
        );
        let mut seen: Vec<String> = Vec::new();
        let mut items = Vec::new();
        if self.audience.sees(S::Crisis) {
            for k in &self.plan.crisis.contacts {
                // Left out by the person's choice: said once, under the crisis plan.
                if is_24_hours(&k.when) && self.audience.may_see(k.choice()).is_ok() {
                    seen.push(tel_uri(&k.phone));
                    items.push(contact(
                        &k.name,
                        None,
                        Some(&k.phone),
                        None,
                        Some(&k.when),
                        nonblank(&k.note),
                    ));
                }
            }
        }
        let national = settings.crisis_numbers_for(settings.nation_of(self.plan), &self.lang);
        // Lines that answer only some hours are listed under the crisis plan instead.
        for n in national.iter().filter(|n| is_24_hours(&n.when)) {
            let tel = tel_uri(&n.phone);
            if !seen.contains(&tel) {
                seen.push(tel);
                items.push(contact(
                    &n.name,
                    None,
                    Some(&n.phone),
                    None,
                    Some(&n.when),
                    n.note.as_deref(),
                ));
            }
        }
        s.push_contacts(Some(self.w.crisis_now_numbers.to_string()), items);
        s.blocks.push(Block::Contacts {
            heading: Some(self.w.key_worker_heading.to_string()),
            items: vec![self.key_worker_contact()],
        });
        Some(s)
    }

    fn about_me(&self) -> Option<Section> {
        let w = self.w;
        // How to talk with me is personal too: it goes only where "about me" is shared.
        if !self.audience.sees(S::AboutMe) {
            return None;
        }
        let mut s = section("about-me", w.about_me, "person", None);
        let p = &self.plan.person;
        if let Some(c) = nonblank(&p.communication) {
            s.push_fact(w.communication, c);
        }
        if let Some(pr) = nonblank(&p.pronouns) {
            s.push_fact(w.pronouns, pr);
        }
        let Some(a) = &self.plan.about_me else {
            return Some(s);
        };
        if let Some(m) = nonblank(&a.what_matters) {
            s.push_fact(w.what_matters, m);
        }
        s.blocks
            .extend(self.list(w.strengths, &a.strengths, "star"));
        s.blocks.extend(self.list(w.working, &a.working, "happy"));
        s.blocks
            .extend(self.list(w.not_working, &a.not_working, "sad"));
        s.blocks
            .extend(self.list(w.please_do, &a.please_do, "check"));
        s.blocks
            .extend(self.list(w.please_dont, &a.please_dont, "warning"));
        s.blocks
            .extend(self.people_block(w.important_people, &a.important_people));
        // Only the person's own copy names who must not be contacted.
        if matches!(self.audience, Audience::Person) {
            let items: Vec<ContactView> = a
                .do_not_contact
                .iter()
                .filter(|p| !p.name.trim().is_empty())
                .map(|p| contact(&p.name, None, None, None, None, nonblank(&p.reason)))
                .collect();
            s.push_contacts(Some(w.do_not_contact.to_string()), items);
        }
        Some(s)
    }

    fn goals(&self) -> Option<Section> {
        if !self.audience.sees(S::Goals) {
            return None;
        }
        let w = self.w;
        let mut s = section("goals", w.goals, "goal", Some(w.goals_intro));
        let items: Vec<Entry> = self
            .plan
            .goals
            .iter()
            .filter(|g| !g.goal.trim().is_empty())
            .filter(|g| match self.goal_kept_back_why(g) {
                Some(why) => {
                    self.leave_out(w.goals, &g.goal, Some(g.goal.span.line), why);
                    false
                }
                None => true,
            })
            .map(|g| {
                let mut e = self.entry(
                    &g.goal,
                    g.easy_read.as_ref().map(|t| t.value.as_str()),
                    g.picture.as_ref().map(|t| t.value.as_str()),
                    "goal",
                );
                e.line = Some(g.goal.span.line);
                if let Some(why) = nonblank(&g.why) {
                    e.meta
                        .push(meta(w.why_it_matters, &plain(&rich(why).blocks)));
                }
                if let Some(t) = &g.target_date {
                    e.meta.push(meta(w.target_date, &self.day(t)));
                }
                if let Some(area) = &g.area {
                    e.meta
                        .push(meta(w.life_area, w.ctp_areas[area.value as usize]));
                }
                if self.audience.sees(S::Outcomes)
                    && let Some(r) = g.ratings.iter().max_by_key(|r| r.date.value)
                {
                    e.meta.push(meta(w.latest_rating, &r.score.to_string()));
                }
                e
            })
            .collect();
        s.push_list(None, items);
        Some(s)
    }

    fn actions_block(
        &self,
        heading: &str,
        list: &[crate::plan::Action],
        pic: &str,
    ) -> Option<Block> {
        let w = self.w;
        let items: Vec<Entry> = list
            .iter()
            .filter(|a| !a.what.trim().is_empty())
            .filter(|a| self.keep(*a, heading, &a.what, a.what.span.line))
            .filter(|a| {
                // An action for goals kept back from this copy goes with them.
                let goals: Vec<&Text> = a.goal.iter().flat_map(|g| g.0.iter()).collect();
                let kept_back = !goals.is_empty() && goals.iter().all(|g| self.goal_kept_back(g));
                if kept_back {
                    self.leave_out(
                        heading,
                        &a.what,
                        Some(a.what.span.line),
                        Why::ServesHiddenGoal,
                    );
                }
                !kept_back
            })
            .map(|a| {
                let mut e = self.entry(
                    &a.what,
                    a.easy_read.as_ref().map(|t| t.value.as_str()),
                    a.picture.as_ref().map(|t| t.value.as_str()),
                    pic,
                );
                e.line = Some(a.what.span.line);
                if let Some(who) = &a.who
                    && !who.trim().is_empty()
                    && !self.hides(heading, who)
                {
                    e.meta.push(meta(w.who, who.trim()));
                }
                if let Some(when) = nonblank(&a.when) {
                    e.meta.push(meta(w.when, when));
                }
                if let Some(area) = &a.area {
                    e.meta
                        .push(meta(w.life_area, w.ctp_areas[area.value as usize]));
                }
                // Goal titles only go where goals are shared.
                if self.audience.sees(S::Goals) && !self.easy() {
                    let goals: Vec<String> = a
                        .goal
                        .iter()
                        .flat_map(|g| g.0.iter())
                        .filter_map(|id| self.plan.goals.iter().find(|g| g.id.trim() == id.trim()))
                        .filter(|g| self.goal_kept_back_why(g).is_none())
                        .map(|g| plain(&rich(&g.goal).blocks))
                        .filter(|t| !t.is_empty())
                        .collect();
                    if !goals.is_empty() {
                        e.meta.push(meta(w.helps_with, &goals.join("; ")));
                    }
                }
                e
            })
            .collect();
        (!items.is_empty()).then(|| Block::List {
            heading: Some(heading.to_string()),
            items,
        })
    }

    fn actions(&self) -> Option<Section> {
        if !self.audience.sees(S::Actions) {
            return None;
        }
        let w = self.w;
        let a = &self.plan.actions;
        let mut s = section("actions", w.actions, "group", Some(w.actions_intro));
        s.blocks
            .extend(self.actions_block(w.actions_me, &a.me, "person"));
        match &a.family_and_friends {
            Party::Actions(list) => {
                s.blocks
                    .extend(self.actions_block(w.actions_family, list, "family"));
            }
            Party::None(why) => {
                if !why.why_none.trim().is_empty() {
                    s.push_fact(
                        w.actions_family,
                        &format!("{} {}", self.t(w.no_family_actions), why.why_none.trim()),
                    );
                }
            }
        }
        s.blocks
            .extend(self.actions_block(w.actions_services, &a.services, "doctor"));
        s.blocks
            .extend(self.actions_block(w.actions_other, &a.other_organisations, "help"));
        Some(s)
    }

    fn needs(&self) -> Option<Section> {
        if !self.audience.sees(S::Needs) {
            return None;
        }
        let w = self.w;
        let n = self.plan.needs.as_ref()?;
        let mut s = section("needs", w.needs, "help", None);
        s.blocks
            .extend(self.list(w.needs_mental, &n.mental_health, "mental-health"));
        s.blocks
            .extend(self.list(w.needs_physical, &n.physical_health, "heart"));
        s.blocks
            .extend(self.list(w.needs_housing, &n.housing, "home"));
        s.blocks.extend(self.list(w.needs_money, &n.money, "money"));
        s.blocks.extend(self.list(w.needs_work, &n.work, "work"));
        s.blocks
            .extend(self.list(w.needs_relationships, &n.relationships, "friends"));
        s.blocks
            .extend(self.list(w.needs_other, &n.other, "question"));
        Some(s)
    }

    fn crisis(&self, settings: &Settings) -> Option<Section> {
        if !self.audience.sees(S::Crisis) {
            return None;
        }
        let w = self.w;
        let c = &self.plan.crisis;
        let mut s = section("crisis", w.crisis, "crisis", Some(w.crisis_intro));
        s.blocks
            .extend(self.list(w.warning_signs, &c.warning_signs, "warning"));
        s.blocks.extend(self.list(w.triggers, &c.triggers, "upset"));
        s.blocks
            .extend(self.list(w.things_i_can_do, &c.things_i_can_do, "calm"));
        s.blocks
            .extend(self.list(w.people_and_places, &c.people_and_places, "nature"));
        s.blocks
            .extend(self.people_block(w.who_can_help, &c.who_can_help));
        s.blocks
            .extend(self.list(w.others_should, &c.others_should, "check"));
        s.blocks
            .extend(self.list(w.others_should_not, &c.others_should_not, "warning"));
        s.blocks
            .extend(self.list(w.safe_surroundings, &c.safe_surroundings, "safe"));
        s.blocks
            .extend(self.list(w.what_keeps_me_going, &c.what_keeps_me_going, "heart"));
        let contacts: Vec<ContactView> = c
            .contacts
            .iter()
            .filter(|k| self.keep(*k, w.services_to_call, &k.name, k.name.span.line))
            .map(|k| ContactView {
                line: Some(k.name.span.line),
                ..contact(
                    &k.name,
                    None,
                    Some(&k.phone),
                    None,
                    Some(&k.when),
                    nonblank(&k.note),
                )
            })
            .collect();
        s.push_contacts(Some(w.services_to_call.to_string()), contacts);
        // The nation's lines that answer only some hours (the others are in the crisis box).
        let national = settings.crisis_numbers_for(settings.nation_of(self.plan), &self.lang);
        let some_hours = national
            .iter()
            .filter(|n| !is_24_hours(&n.when))
            .map(|n| {
                contact(
                    &n.name,
                    None,
                    Some(&n.phone),
                    None,
                    Some(&n.when),
                    n.note.as_deref(),
                )
            })
            .collect();
        s.push_contacts(Some(w.national_numbers.to_string()), some_hours);
        Some(s)
    }

    fn advance(&self) -> Option<Section> {
        if !self.audience.sees(S::AdvanceStatement) {
            return None;
        }
        let w = self.w;
        let a = &self.plan.advance_statement;
        let mut s = section("wishes", w.advance, "document", None);
        let status = match a.status.value {
            AdvanceStatus::Made => w.advance_made,
            AdvanceStatus::OfferedDeclined => w.advance_declined,
            AdvanceStatus::NotYetOffered => w.advance_not_yet,
        };
        let mut facts = vec![];
        if let Some(k) = nonblank(&a.kept_at) {
            facts.push(fact(w.kept_at, k));
        }
        s.blocks.push(Block::Paragraph {
            text: rich(&self.t(status)),
        });
        if !facts.is_empty() {
            s.blocks.push(Block::Facts {
                heading: None,
                items: facts,
            });
        }
        s.blocks
            .extend(self.list(w.treatment, &a.treatment, "medicine"));
        s.blocks
            .extend(self.list(w.please_do, &a.please_do, "check"));
        s.blocks
            .extend(self.list(w.please_dont, &a.please_dont, "warning"));
        s.blocks
            .extend(self.people_block(w.people_to_tell, &a.people_to_tell));
        s.blocks
            .extend(self.list(w.practical, &a.practical, "home"));
        s.blocks
            .extend(self.list(w.beliefs, &a.beliefs_and_culture, "faith"));
        Some(s)
    }

    fn people(&self) -> Section {
        let w = self.w;
        let mut s = section("people", w.people, "group", None);
        s.blocks.push(Block::Contacts {
            heading: Some(w.key_worker.to_string()),
            items: vec![self.key_worker_contact()],
        });
        if self.audience.sees(S::CareTeam) && !self.easy() {
            let team: Vec<ContactView> = self
                .plan
                .care_team
                .iter()
                .filter(|k| self.keep(*k, w.care_team, &k.name, k.name.span.line))
                .map(worker_contact)
                .collect();
            s.push_contacts(Some(w.care_team.to_string()), team);
        }
        if self.audience.sees(S::Carers) {
            match &self.plan.carers {
                Some(Carers::List(list)) => {
                    let items: Vec<ContactView> = list
                        .iter()
                        .filter(|c| {
                            self.keep(*c, w.carers, &c.name, c.name.span.line)
                                && !self.hides(w.carers, &c.name)
                        })
                        .map(|c| {
                            let mut note = vec![if c.involved_in_planning.value {
                                w.involved_yes
                            } else {
                                w.involved_no
                            }];
                            note.push(if c.copy_offered.value {
                                w.copy_offered
                            } else {
                                w.copy_not_offered
                            });
                            ContactView {
                                line: Some(c.name.span.line),
                                ..contact(
                                    &c.name,
                                    nonblank(&c.relationship),
                                    nonblank(&c.phone),
                                    nonblank(&c.email),
                                    None,
                                    Some(&note.join(" ")),
                                )
                            }
                        })
                        .collect();
                    s.push_contacts(Some(w.carers.to_string()), items);
                }
                Some(Carers::None(why)) if !why.why_none.trim().is_empty() => {
                    s.push_fact(
                        w.carers,
                        &format!("{} {}", self.t(w.no_carers), why.why_none.trim()),
                    );
                }
                _ => {}
            }
        }
        s
    }

    fn agreement(&self) -> Option<Section> {
        if !self.audience.sees(S::Agreement) {
            return None;
        }
        let w = self.w;
        let a = self.plan.agreement.as_ref()?;
        let mut s = section("agreement", w.agreement, "pen", None);
        let authors: Vec<Entry> = a
            .written_with
            .iter()
            .filter(|p| !p.name.trim().is_empty() && !self.hides(w.written_with, &p.name))
            .map(|p| {
                let text = match nonblank(&p.role) {
                    Some(role) => format!("{} ({role})", p.name.trim()),
                    None => p.name.trim().to_string(),
                };
                self.entry(&text, None, None, "person")
            })
            .collect();
        if !authors.is_empty() && !self.easy() {
            s.blocks.push(Block::List {
                heading: Some(w.written_with.into()),
                items: authors,
            });
        }
        let mut facts = Vec::new();
        if let Some(v) = nonblank(&a.my_views) {
            facts.push(fact(w.my_views, v));
        }
        if let Some(n) = &a.not_involved
            && !n.reason.trim().is_empty()
        {
            facts.push(fact(w.not_involved, &n.reason));
        }
        if let Some(d) = &a.agreed_on {
            facts.push(fact(w.agreed_on, &self.day(d)));
        }
        if let Some(d) = &a.copy_given_on {
            facts.push(fact(w.copy_given_on, &self.day(d)));
        }
        if !facts.is_empty() {
            s.blocks.push(Block::Facts {
                heading: None,
                items: facts,
            });
        }
        let decisions: Vec<Entry> = a
            .decisions_against_my_wishes
            .iter()
            .filter(|d| !d.decision.trim().is_empty())
            .filter(|d| self.keep(*d, w.decisions, &d.decision, d.decision.span.line))
            .map(|d| {
                let mut e = self.entry(&d.decision, None, None, "warning");
                e.line = Some(d.decision.span.line);
                if !d.reason.trim().is_empty() {
                    e.meta
                        .push(meta(w.decision_reason, &plain(&rich(&d.reason).blocks)));
                }
                if let Some(c) = nonblank(&d.my_comment) {
                    e.meta
                        .push(meta(w.decision_comment, &plain(&rich(c).blocks)));
                }
                e
            })
            .collect();
        if !decisions.is_empty() {
            s.blocks.push(Block::Paragraph {
                text: rich(&self.t(w.decisions_intro)),
            });
            s.blocks.push(Block::List {
                heading: Some(w.decisions.into()),
                items: decisions,
            });
        }
        Some(s)
    }

    fn review(&self) -> Option<Section> {
        let w = self.w;
        let r = &self.plan.review;
        if !self.audience.sees(S::Review) {
            return None;
        }
        let mut s = section("review", w.review, "calendar", None);
        let mut facts = Vec::new();
        if let Some(l) = &r.last {
            facts.push(fact(w.last_review, &self.day(l)));
        }
        facts.push(fact(w.next_review, &self.day(&r.next)));
        s.blocks.push(Block::Facts {
            heading: None,
            items: facts,
        });
        if !self.easy() {
            let mut history: Vec<_> = r
                .history
                .iter()
                .filter(|h| self.keep(*h, w.past_reviews, &self.w.date(&h.date), h.date.span.line))
                .collect();
            history.sort_by_key(|h| std::cmp::Reverse(h.date.value));
            let items: Vec<Entry> = history
                .into_iter()
                .map(|h| {
                    let text = match nonblank(&h.summary) {
                        Some(sum) => format!("**{}**: {sum}", self.day(&h.date)),
                        None => format!("**{}**", self.day(&h.date)),
                    };
                    self.entry(&text, None, None, "calendar")
                })
                .collect();
            s.push_list(Some(w.past_reviews.into()), items);
        }
        Some(s)
    }

    fn outcomes(&self) -> Option<Section> {
        if !self.audience.sees(S::Outcomes) {
            return None;
        }
        let w = self.w;
        let mut s = section("outcomes", w.outcomes, "star", Some(w.outcomes_intro));
        if self.audience.sees(S::Goals) {
            // Goals kept back from this copy take their ratings, and the dates of them, along.
            let goals: Vec<_> = self
                .plan
                .goals
                .iter()
                .filter(|g| self.goal_kept_back_why(g).is_none())
                .collect();
            let mut dates: Vec<Date> = goals
                .iter()
                .flat_map(|g| g.ratings.iter().map(|r| r.date.value))
                .collect();
            dates.sort();
            dates.dedup();
            if !dates.is_empty() {
                let rows = goals
                    .iter()
                    .filter(|g| !g.ratings.is_empty())
                    .map(|g| {
                        let mut row = vec![plain(&rich(&g.goal).blocks)];
                        for d in &dates {
                            row.push(
                                g.ratings
                                    .iter()
                                    .find(|r| r.date.value == *d)
                                    .map_or("-".to_string(), |r| r.score.to_string()),
                            );
                        }
                        row
                    })
                    .collect();
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.goal_ratings,
                    w.goal_ratings_note,
                    w.goal,
                    &dates,
                    rows,
                ));
                for g in goals.iter().filter(|g| !g.ratings.is_empty()) {
                    let chart = crate::progress::goal(
                        w,
                        self.variant,
                        &self.name,
                        &plain(&rich(&g.goal).blocks),
                        &ratings(g),
                    );
                    s.blocks.push(Block::Chart(chart));
                }
            }
        }
        if let Some(o) = &self.plan.outcomes {
            let mut dialog: Vec<_> = o
                .dialog
                .iter()
                .filter(|d| self.keep(*d, w.dialog, &self.w.date(&d.date), d.date.span.line))
                .collect();
            dialog.sort_by_key(|d| d.date.value);
            if !dialog.is_empty() {
                let dates: Vec<Date> = dialog.iter().map(|d| d.date.value).collect();
                let mut rows = Vec::new();
                for (i, area) in crate::plan::DialogArea::ALL.iter().enumerate() {
                    let cells: Vec<String> = dialog
                        .iter()
                        .map(|d| {
                            d.scores()
                                .into_iter()
                                .find(|(a, _)| a == area)
                                .map_or("-".to_string(), |(_, s)| s.to_string())
                        })
                        .collect();
                    if cells.iter().any(|c| c != "-") {
                        let mut row = vec![self.t(w.dialog_areas[i])];
                        row.extend(cells);
                        rows.push(row);
                    }
                }
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.dialog,
                    w.dialog_note,
                    w.area,
                    &dates,
                    rows,
                ));
                s.blocks.extend(self.dialog_chart(&dialog));
                if let Some(last) = dialog.last() {
                    let items: Vec<Entry> = last
                        .more_help
                        .iter()
                        .map(|a| {
                            let i = crate::plan::DialogArea::ALL
                                .iter()
                                .position(|x| *x == a.value)
                                .unwrap_or(0);
                            self.entry(&self.t(w.dialog_areas[i]), None, None, "help")
                        })
                        .collect();
                    s.push_list(Some(w.more_help.into()), items);
                }
            }
            let mut reqol: Vec<_> = o
                .reqol10
                .iter()
                .filter(|r| self.keep(*r, w.reqol, &self.w.date(&r.date), r.date.span.line))
                .collect();
            reqol.sort_by_key(|r| r.date.value);
            if !reqol.is_empty() {
                let dates: Vec<Date> = reqol.iter().map(|r| r.date.value).collect();
                let mut row = vec![w.score.to_string()];
                row.extend(reqol.iter().map(|r| r.total.to_string()));
                s.blocks.push(table(
                    w,
                    &self.lang,
                    w.reqol,
                    w.reqol_note,
                    w.date,
                    &dates,
                    vec![row],
                ));
                let totals: Vec<(Date, u32)> = reqol
                    .iter()
                    .map(|r| (r.date.value, r.total.value))
                    .collect();
                s.blocks.push(Block::Chart(crate::progress::reqol(
                    w,
                    self.variant,
                    &self.name,
                    &totals,
                )));
            }
        }
        Some(s)
    }
}

// ---- charts (issue 15) ----

/// A goal's ratings, oldest first, one a date (the last written that day).
fn ratings(g: &crate::plan::Goal) -> Vec<(Date, u32)> {
    let mut r: Vec<(Date, u32)> = g
        .ratings
        .iter()
        .map(|r| (r.date.value, r.score.value))
        .collect();
    r.sort_by_key(|(d, _)| *d);
    r.reverse();
    r.dedup_by_key(|(d, _)| *d);
    r.reverse();
    r
}

impl ViewBuilder<'_> {
    /// The DIALOG chart: the latest ratings against the ones before, by area. In large print
    /// in parts of at most four areas, so a part fits the rest of a page at 18 pt and none is left
    /// nearly empty before it.
    fn dialog_chart(&self, dialog: &[&crate::plan::Dialog]) -> Vec<Block> {
        let Some(last) = dialog.last() else {
            return Vec::new();
        };
        let before = dialog.len().checked_sub(2).and_then(|i| dialog.get(i));
        let score = |d: &crate::plan::Dialog, area| {
            d.scores()
                .into_iter()
                .find(|(a, _)| *a == area)
                .map(|(_, s)| s.value)
        };
        let areas: Vec<(String, Option<u32>, u32)> = crate::plan::DialogArea::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, area)| {
                let now = score(last, *area)?;
                Some((
                    self.t(self.w.dialog_areas[i]),
                    before.and_then(|b| score(b, *area)),
                    now,
                ))
            })
            .collect();
        let most = if self.variant == Variant::Standard {
            areas.len().max(1)
        } else {
            4
        };
        let parts: Vec<&[(String, Option<u32>, u32)]> = areas.chunks(most).collect();
        let n = parts.len();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let mut c = crate::progress::dialog(
                    self.w,
                    self.variant,
                    &self.name,
                    part,
                    last.date.value,
                    before.map(|b| b.date.value),
                );
                if n > 1 {
                    c.title = format!(
                        "{} ({} {} {} {n})",
                        c.title,
                        self.w.page_part,
                        i + 1,
                        self.w.of
                    );
                }
                Block::Chart(c)
            })
            .collect()
    }

    /// Easy read: each goal the copy shows, then and now, as dots out of 10; only where the
    /// scores are shared.
    fn progress(&self) -> Option<Section> {
        if !self.audience.sees(S::Outcomes) || !self.audience.sees(S::Goals) {
            return None;
        }
        let w = self.w;
        let mut s = section(
            "progress",
            &self.t(w.progress),
            "goal",
            Some(&self.t(w.progress_intro)),
        );
        for g in self.plan.goals.iter() {
            if g.ratings.is_empty() || self.goal_kept_back_why(g).is_some() {
                continue;
            }
            let shown = g
                .easy_read
                .as_ref()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .unwrap_or(g.goal.trim());
            let text = plain(&rich(shown).blocks);
            s.blocks.push(Block::Chart(crate::progress::dots(
                w,
                self.variant,
                &text,
                &ratings(g),
            )));
        }
        Some(s)
    }
}

fn table(
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

fn fact(label: &str, text: &str) -> Fact {
    Fact {
        label: label.to_string(),
        value: rich(text),
    }
}

fn meta(label: &str, value: &str) -> Meta {
    Meta {
        label: label.to_string(),
        value: value.to_string(),
    }
}

/// A key worker or a member of the care team, as a contact: role and team as its detail.
fn worker_contact(k: &crate::plan::Worker) -> ContactView {
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

fn contact(
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
fn say_hours(sections: &mut [Section], w: &Words) {
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

/// What a section is called when telling a reader what was shared.
pub fn section_name(s: S, w: &Words) -> &'static str {
    match s {
        S::AboutMe => w.about_me,
        S::Needs => w.needs,
        S::Goals => w.goals,
        S::Actions => w.actions,
        S::Crisis => w.crisis,
        S::AdvanceStatement => w.advance,
        S::CareTeam => w.care_team,
        S::Carers => w.carers,
        S::Agreement => w.agreement,
        S::Review => w.review,
        S::Outcomes => w.outcomes,
    }
}
