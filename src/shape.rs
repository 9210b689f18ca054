//! The plan's shape, walked: every part of a checked `Plan` visited once, in the order the
//! format declares it, with its field path (as the loader reports it, like
//! `crisis.contacts[0].phone`), what kind of text each field holds and the role each part
//! plays (an item a copy may leave out, an idea with a picture in easy read). The kinds are
//! declared beside the fields in `plan.rs` (`opt phone: Text as Phone`); the rules, the
//! glossary and the name matcher read the plan through this, so no one lists fields by hand.

use crate::language::TextKind;
use crate::load::convert::{Date, Sp};

/// Free text, as in the plan.
type Text = Sp<String>;

/// The person's choice about who sees one item of their plan.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    /// Only in the person's own copy.
    pub private: bool,
    /// Recipients who must not see it.
    pub not_for: &'a [Sp<String>],
    /// When not empty: the only recipients who may see it.
    pub only_for: &'a [Sp<String>],
}

/// An item of a plan that a copy for someone else may leave out.
pub trait Chosen {
    fn choice(&self) -> Choice<'_>;
}

/// What a text field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text the team wrote: the plain-language rules read it.
    Text,
    /// The person's own words: only jargon is pointed out, gently; never rewritten.
    Own,
    /// The easy-read version of a text.
    Easy,
    /// One of the person's own names (full or preferred).
    Person,
    /// The name of someone (or a service) the plan names.
    Name,
    /// The name of someone who must not be contacted.
    Hidden,
    /// The name of a team.
    Team,
    /// A reference to someone in `sharing`, by name.
    Recipient,
    /// A phone number.
    Phone,
    /// An email address.
    Email,
    /// A picture name.
    Picture,
    /// An id, or a reference to one.
    Id,
    /// A language tag.
    Lang,
    /// A few words that are not sentences (a relationship, opening hours, who does it).
    Label,
}

impl Kind {
    /// How the plain-language rules read this kind of text, if they read it at all.
    pub fn language(self) -> Option<TextKind> {
        match self {
            Kind::Text => Some(TextKind::Ordinary),
            Kind::Own => Some(TextKind::OwnWords),
            Kind::Easy => Some(TextKind::EasyRead),
            _ => None,
        }
    }

    /// Whether this is the name of a person, service or team.
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Person | Kind::Name | Kind::Hidden | Kind::Team)
    }
}

/// One idea of an easy-read copy: a list item, a goal or an action, with its text, its
/// easy-read version and its picture.
#[derive(Debug, Clone, Copy)]
pub struct Pictured<'a> {
    pub text: &'a Text,
    pub easy_read: Option<&'a Text>,
    pub picture: Option<&'a Text>,
}

/// What is told about each part of a plan as it is walked. Every method has a default that
/// does nothing, so a visitor says only what it wants.
pub trait Visitor<'a> {
    /// A text field, with its kind.
    fn text(&mut self, _path: &str, _text: &'a Text, _kind: Kind) {}
    /// An idea of the easy-read copy (told before its fields).
    fn pictured(&mut self, _path: &str, _item: Pictured<'a>) {}
    /// An item a copy may leave out, with the person's choice about it (told before its
    /// fields).
    fn choice(&mut self, _path: &str, _choice: Choice<'a>) {}
}

/// A field path being walked: `goals[2].why`.
#[derive(Debug, Default)]
pub struct Path(String);

impl Path {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Goes into a field; returns where to come back to.
    pub fn field(&mut self, name: &str) -> usize {
        let back = self.0.len();
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(name);
        back
    }
    /// Goes into a list entry; returns where to come back to.
    pub fn index(&mut self, i: usize) -> usize {
        let back = self.0.len();
        self.0.push('[');
        self.0.push_str(&i.to_string());
        self.0.push(']');
        back
    }
    pub fn back(&mut self, to: usize) {
        self.0.truncate(to);
    }
}

/// A part of the plan that can be walked.
pub trait Walk {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>);
}

/// Walks a whole part of a plan from its top.
pub fn walk<'a, T: Walk>(part: &'a T, v: &mut dyn Visitor<'a>) {
    part.walk(&mut Path::default(), v);
}

impl<T: Walk> Walk for Vec<T> {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        for (i, x) in self.iter().enumerate() {
            let back = path.index(i);
            x.walk(path, v);
            path.back(back);
        }
    }
}

impl<T: Walk> Walk for Option<T> {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        if let Some(x) = self {
            x.walk(path, v);
        }
    }
}

impl<T: Walk> Walk for Sp<T> {
    fn walk<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>) {
        self.value.walk(path, v);
    }
}

/// Values with no text in them. (Free text is not one: a text field must say its kind.)
macro_rules! no_text {
    ($($t:ty),*) => {
        $(impl Walk for $t {
            fn walk<'a>(&'a self, _: &mut Path, _: &mut dyn Visitor<'a>) {}
        })*
    };
}
no_text!(bool, u32, Date);

/// A field declared with the kind of text it holds: one text, maybe one, or a list.
pub trait TextField {
    fn visit<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>, kind: Kind);
}

impl TextField for Text {
    fn visit<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>, kind: Kind) {
        v.text(path.as_str(), self, kind);
    }
}

impl<T: TextField> TextField for Option<T> {
    fn visit<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>, kind: Kind) {
        if let Some(t) = self {
            t.visit(path, v, kind);
        }
    }
}

impl<T: TextField> TextField for Vec<T> {
    fn visit<'a>(&'a self, path: &mut Path, v: &mut dyn Visitor<'a>, kind: Kind) {
        for (i, t) in self.iter().enumerate() {
            let back = path.index(i);
            t.visit(path, v, kind);
            path.back(back);
        }
    }
}

/// Collects what a visitor finds into a list, for the common case of one kind of callback.
pub fn texts<T: Walk>(part: &T) -> Vec<(String, &Text, Kind)> {
    struct Texts<'a>(Vec<(String, &'a Text, Kind)>);
    impl<'a> Visitor<'a> for Texts<'a> {
        fn text(&mut self, path: &str, text: &'a Text, kind: Kind) {
            self.0.push((path.to_string(), text, kind));
        }
    }
    let mut v = Texts(Vec::new());
    walk(part, &mut v);
    v.0
}

/// Every idea of the easy-read copy, with its field path.
pub fn pictured<'a, T: Walk>(part: &'a T) -> Vec<(String, Pictured<'a>)> {
    struct Ideas<'a>(Vec<(String, Pictured<'a>)>);
    impl<'a> Visitor<'a> for Ideas<'a> {
        fn pictured(&mut self, path: &str, item: Pictured<'a>) {
            self.0.push((path.to_string(), item));
        }
    }
    let mut v = Ideas(Vec::new());
    walk(part, &mut v);
    v.0
}

/// Every item a copy may leave out, with the person's choice and its field path.
pub fn choices<'a, T: Walk>(part: &'a T) -> Vec<(String, Choice<'a>)> {
    struct Choices<'a>(Vec<(String, Choice<'a>)>);
    impl<'a> Visitor<'a> for Choices<'a> {
        fn choice(&mut self, path: &str, choice: Choice<'a>) {
            self.0.push((path.to_string(), choice));
        }
    }
    let mut v = Choices(Vec::new());
    walk(part, &mut v);
    v.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::{Kind as NodeKind, Node};
    use std::collections::BTreeMap;

    /// Every string in the YAML, by where it starts, with its path as the loader names it.
    fn strings(node: &Node, path: &mut Path, out: &mut BTreeMap<usize, String>) {
        match &node.kind {
            NodeKind::Str(_) => {
                out.insert(node.span.start, path.as_str().to_string());
            }
            NodeKind::Seq(items) => {
                for (i, x) in items.iter().enumerate() {
                    let back = path.index(i);
                    strings(x, path, out);
                    path.back(back);
                }
            }
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let NodeKind::Str(key) = &k.kind else {
                        continue;
                    };
                    let back = path.field(key);
                    strings(v, path, out);
                    path.back(back);
                }
            }
            _ => {}
        }
    }

    /// The walk visits every free-text value of every example plan, at the place the loader
    /// names it: a field left out of the shape's declaration, or given no kind, would be
    /// missed by the rules, the glossary and the name matcher, and this fails.
    #[test]
    fn the_walk_visits_every_text_of_the_examples_with_the_loaders_path() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
        let mut seen_kinds = std::collections::HashSet::new();
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            files += 1;
            let source = std::fs::read_to_string(&path).unwrap();
            let root = crate::load::node::parse(&path, &source).unwrap();
            let (plan, diags) = crate::load::load_str(&path, &source);
            let plan = plan.unwrap_or_else(|| panic!("{}: {diags:?}", path.display()));
            let mut yaml = BTreeMap::new();
            strings(&root, &mut Path::default(), &mut yaml);
            let walked: BTreeMap<usize, (String, Kind)> = texts(&plan)
                .into_iter()
                .map(|(p, t, k)| (t.span.start, (p, k)))
                .collect();
            for (at, yaml_path) in &yaml {
                match walked.get(at) {
                    // An item written `text: ...` is named by its place in the list.
                    Some((p, k)) => {
                        seen_kinds.insert(*k);
                        let named = yaml_path.strip_suffix(".text").unwrap_or(yaml_path);
                        assert_eq!(p, named, "{}", path.display());
                    }
                    // Words from a fixed list and dates are not free text.
                    None => {
                        let value = &source[*at..];
                        let leaf = yaml_path.rsplit(['.', '[']).next().unwrap_or("");
                        let word = value.trim_start_matches(['"', '\'']);
                        let is_date =
                            word.len() >= 10 && word[..10].parse::<jiff::civil::Date>().is_ok();
                        let is_word = [
                            crate::plan::Format::WORDS,
                            crate::plan::Section::WORDS,
                            crate::plan::RecipientKind::WORDS,
                            crate::plan::AdvanceStatus::WORDS,
                            crate::plan::DialogArea::WORDS,
                        ]
                        .iter()
                        .any(|ws| ws.iter().any(|w| word.starts_with(w)));
                        assert!(
                            is_date || is_word,
                            "{}: `{yaml_path}` ({leaf}) is not walked: give it a kind in plan.rs",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(files >= 4);
        // The examples use every kind of text but a team's, so the walk is not vacuous.
        assert!(seen_kinds.len() >= 12, "{seen_kinds:?}");
    }

    #[test]
    fn paths_go_in_and_come_back() {
        let mut p = Path::default();
        let a = p.field("crisis");
        let b = p.field("contacts");
        let c = p.index(2);
        p.field("phone");
        assert_eq!(p.as_str(), "crisis.contacts[2].phone");
        p.back(c);
        assert_eq!(p.as_str(), "crisis.contacts");
        p.back(b);
        p.back(a);
        assert_eq!(p.as_str(), "");
    }
}
