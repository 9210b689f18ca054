//! Turns a YAML [`Node`] tree into typed plan values, reporting every shape problem at once:
//! unknown fields (with "did you mean"), missing fields, wrong types, duplicate keys, bad dates.
//! The [`plan_struct!`] macro writes the conversion and the JSON Schema for each plan section
//! from one field list, so the two cannot drift apart.

use std::borrow::Cow;
use std::path::Path;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::node::{Kind, Node};
use crate::diagnostic::{Diagnostic, Span};

mod hints;
mod macros;
mod suggest;
#[cfg(test)]
mod tests;
pub use hints::*;
pub(crate) use macros::{plan_struct, word_enum};
pub use suggest::*;

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// The conversion context: the file, the field path so far, and the problems found.
pub struct Cx<'a> {
    pub file: &'a Path,
    pub diags: Vec<Diagnostic>,
    /// The parts that could not be read, as field paths with where they are: a value that
    /// could not be converted (a blank stands in for it, or a list leaves it out), and a field
    /// with a name ourplan does not know (with the field it was probably meant to be).
    pub unread: Vec<(String, Span)>,
    /// Fields that were not read because of a misspelt name (`phone` when `phne` is
    /// written): rules about them must wait, but they are not named as unread.
    pub meant: Vec<String>,
    path: Vec<String>,
}

impl<'a> Cx<'a> {
    pub fn new(file: &'a Path) -> Self {
        Cx {
            file,
            diags: Vec::new(),
            unread: Vec::new(),
            meant: Vec::new(),
            path: Vec::new(),
        }
    }

    /// The current field path, like `crisis.contacts[2].phone`.
    pub fn path(&self) -> String {
        let mut s = String::new();
        for seg in &self.path {
            if !s.is_empty() && !seg.starts_with('[') {
                s.push('.');
            }
            s.push_str(seg);
        }
        s
    }

    fn path_with(&self, name: &str) -> String {
        let p = self.path();
        if p.is_empty() {
            name.to_string()
        } else {
            format!("{p}.{name}")
        }
    }

    pub fn error(&mut self, rule: &'static str, span: Span, message: String, hint: String) {
        let d = Diagnostic::error(rule, self.file, message)
            .at(span)
            .field(self.path())
            .hint(hint);
        self.diags.push(d);
    }

    /// Reports that `node` is not the kind of value the field needs.
    pub fn wrong_type(&mut self, node: &Node, expected: &str) {
        let path = self.path();
        let hint = match &node.kind {
            Kind::Str(_) | Kind::Int(_) | Kind::Float(_) | Kind::Bool(_)
                if expected.starts_with("a list") =>
            {
                "put each one on its own line, starting with `- `".to_string()
            }
            Kind::Seq(_) => "remove the `- ` in front of the value".to_string(),
            _ => format!("write {expected} here"),
        };
        let name = if path.is_empty() { "the plan" } else { &path };
        // "should be a whole number, but it is 5.5", not "but it is a number".
        let is = match &node.kind {
            Kind::Float(f) => format!("{f}"),
            Kind::Int(i) => format!("{i}"),
            other => other.describe().to_string(),
        };
        self.error(
            "wrong-type",
            node.span,
            format!("`{name}` should be {expected}, but it is {is}"),
            hint,
        );
    }

    /// Notes that the value at the current path could not be read.
    fn not_read(&mut self, span: Span) {
        let path = self.path();
        self.unread.push((path, span));
    }

    /// The parts that could not be read, outermost only (`goals[1]`, not also `goals[1].id`),
    /// in the order they are in the file.
    pub fn unread_parts(&self) -> Vec<(String, Span)> {
        let mut out: Vec<(String, Span)> = Vec::new();
        let mut all = self.unread.clone();
        all.sort_by(|a, b| (a.1.start, a.0.len(), &a.0).cmp(&(b.1.start, b.0.len(), &b.0)));
        for (p, span) in all {
            if out.iter().any(|(q, _)| path_within(&p, q)) {
                continue;
            }
            out.retain(|(q, _)| !path_within(q, &p));
            out.push((p, span));
        }
        out.sort_by(|a, b| (a.1.start, &a.0).cmp(&(b.1.start, &b.0)));
        out
    }

    fn enter(&mut self, seg: String) {
        self.path.push(seg);
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    /// The entries of a mapping, after checking keys against `fields`.
    pub fn mapping<'n>(&mut self, node: &'n Node, fields: &[&str]) -> Option<&'n [(Node, Node)]> {
        let entries: &[(Node, Node)] = match &node.kind {
            Kind::Map(entries) => entries,
            _ => {
                self.wrong_type(node, "a mapping (fields)");
                return None;
            }
        };
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for (k, _) in entries {
            let Kind::Str(name) = &k.kind else {
                self.error(
                    "unknown-field",
                    k.span,
                    format!(
                        "a field name must be text, but this one is {}",
                        k.kind.describe()
                    ),
                    format!("use one of: {}", fields.join(", ")),
                );
                self.not_read(k.span);
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name.as_str()) {
                let d = Diagnostic::error(
                    "duplicate-key",
                    self.file,
                    format!("`{}` is written twice", self.path_with(name)),
                )
                .at(k.span)
                .field(self.path_with(name))
                .hint("keep one of the two and delete the other")
                .note(*first, "it was first written here");
                self.diags.push(d);
                self.unread.push((self.path_with(name), k.span));
                continue;
            }
            seen.push((name, k.span));
            if !fields.contains(&name.as_str()) {
                let meant = did_you_mean(name, fields);
                let hint = match meant {
                    _ if looks_like_text(name) => quote_hint(name, None),
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the fields here are: {}", fields.join(", ")),
                };
                self.unread.push((self.path_with(name), k.span));
                if let Some(m) = meant {
                    // The field it was meant to be was not read either.
                    self.meant.push(self.path_with(m));
                }
                let place = self.path();
                let place = if place.is_empty() {
                    "at the top of a plan".to_string()
                } else {
                    format!("in `{place}`")
                };
                self.error(
                    "unknown-field",
                    k.span,
                    format!("ourplan does not know a field `{name}` {place}"),
                    hint,
                );
            }
        }
        Some(entries)
    }

    fn lookup<'n>(entries: &'n [(Node, Node)], name: &str) -> Option<(&'n Node, &'n Node)> {
        entries
            .iter()
            .find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == name))
            .map(|(k, v)| (k, v))
    }

    /// A field that must be there.
    pub fn req<T: FromNode>(
        &mut self,
        entries: &[(Node, Node)],
        name: &str,
        owner: Span,
    ) -> Option<T> {
        match Self::lookup(entries, name) {
            None => {
                let owner_name = self.path();
                let message = if owner_name.is_empty() {
                    format!("the plan has no `{name}` section")
                } else {
                    format!("`{owner_name}` has no `{name}`")
                };
                self.error(
                    "missing-field",
                    owner,
                    message,
                    format!("add `{name}:` with {}", T::expected()),
                );
                self.unread.push((self.path_with(name), owner));
                None
            }
            Some((k, v)) if v.kind == Kind::Null => {
                self.enter(name.to_string());
                self.error(
                    "missing-field",
                    k.span,
                    format!("`{}` is empty", self.path()),
                    format!("write {} after `{name}:`", T::expected()),
                );
                self.not_read(k.span);
                self.leave();
                None
            }
            Some((_, v)) if matches!(&v.kind, Kind::Str(s) if s.trim().is_empty()) => {
                self.enter(name.to_string());
                self.error(
                    "missing-field",
                    v.span,
                    format!("`{}` is empty", self.path()),
                    format!("write {} between the quotes", T::expected()),
                );
                self.not_read(v.span);
                self.leave();
                None
            }
            Some((k, v)) => self.convert(name, k, v),
        }
    }

    /// A field that may be left out (or left empty).
    pub fn opt<T: FromNode>(&mut self, entries: &[(Node, Node)], name: &str) -> Option<T> {
        match Self::lookup(entries, name) {
            None => None,
            Some((_, v)) if v.kind == Kind::Null => None,
            Some((k, v)) => self.convert(name, k, v),
        }
    }

    fn convert<T: FromNode>(&mut self, name: &str, key: &Node, value: &Node) -> Option<T> {
        self.enter(name.to_string());
        let before = self.diags.len();
        let out = T::from_node(value, key.span, self);
        if out.is_none() && self.diags.len() > before {
            self.not_read(value.span);
        }
        self.leave();
        out
    }
}

/// A stand-in for a value that could not be read, so the rest of a plan can still be
/// checked. Rules never report on a blank: the part is listed as unread (see
/// [`Cx::unread_parts`]), and what the rules find there is dropped.
pub trait Blank {
    fn blank(span: Span) -> Self;
}

impl Blank for String {
    fn blank(_: Span) -> Self {
        String::new()
    }
}

impl<T: Blank> Blank for Sp<T> {
    fn blank(span: Span) -> Self {
        Sp {
            value: T::blank(span),
            span,
        }
    }
}

impl<T> Blank for Vec<T> {
    fn blank(_: Span) -> Self {
        Vec::new()
    }
}

impl Blank for u32 {
    fn blank(_: Span) -> Self {
        0
    }
}

impl Blank for bool {
    fn blank(_: Span) -> Self {
        false
    }
}

impl Blank for Date {
    fn blank(_: Span) -> Self {
        Date(jiff::civil::date(2000, 1, 1))
    }
}

/// Where each known field's name is written in a mapping.
pub fn key_spans(entries: &[(Node, Node)], fields: &[&'static str]) -> Vec<(&'static str, Span)> {
    fields
        .iter()
        .filter_map(|f| {
            entries
                .iter()
                .find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == f))
                .map(|(k, _)| (*f, k.span))
        })
        .collect()
}

/// A plan value that can be read from a YAML node.
pub trait FromNode: Sized {
    /// Converts `node`; `key` is where the field is named. Problems go to `cx`.
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self>;
    /// What this value is, in words, for messages: "text", "a date".
    fn expected() -> &'static str;
}

impl<T: FromNode> FromNode for Sp<T> {
    fn from_node(node: &Node, key: Span, cx: &mut Cx) -> Option<Self> {
        T::from_node(node, key, cx).map(|value| Sp {
            value,
            span: node.span,
        })
    }
    fn expected() -> &'static str {
        T::expected()
    }
}

impl FromNode for String {
    fn from_node(node: &Node, _key: Span, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Int(i) => Some(i.to_string()),
            Kind::Float(f) => Some(f.to_string()),
            Kind::Bool(b) => {
                // `true` or `false` where words go is nearly always a slip (and editors would
                // offer it for every field): the word itself can be written in quotes.
                let path = cx.path();
                cx.error(
                    "wrong-type",
                    node.span,
                    format!("`{path}` should be text, but it is {b} (a yes-or-no value)"),
                    format!("if you mean the word, put it in quotes: \"{b}\""),
                );
                None
            }
            _ => {
                cx.wrong_type(node, "text");
                None
            }
        }
    }
    fn expected() -> &'static str {
        "text"
    }
}

impl FromNode for bool {
    fn from_node(node: &Node, _key: Span, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Bool(b) => Some(*b),
            _ => {
                cx.wrong_type(node, "`true` or `false`");
                None
            }
        }
    }
    fn expected() -> &'static str {
        "`true` or `false`"
    }
}

impl FromNode for u32 {
    fn from_node(node: &Node, _key: Span, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Int(i) if *i >= 0 && *i <= i64::from(u32::MAX) => Some(*i as u32),
            // `2.0` is the whole number 2, as it is for JSON Schema (and so for editors).
            Kind::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
                Some(*f as u32)
            }
            Kind::Str(s) if s.trim().parse::<u32>().is_ok() => s.trim().parse().ok(),
            _ => {
                cx.wrong_type(node, "a whole number");
                None
            }
        }
    }
    fn expected() -> &'static str {
        "a whole number"
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: &Node, _key: Span, cx: &mut Cx) -> Option<Self> {
        match &node.kind {
            Kind::Seq(items) => {
                // Items that cannot be read are left out (and noted as unread); the rest of
                // the list is kept, so the rules can check it.
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    cx.enter(format!("[{i}]"));
                    if item.kind == Kind::Null {
                        cx.error(
                            "missing-field",
                            item.span,
                            format!("`{}` is an empty list item", cx.path()),
                            "write something after the `- `, or delete the line".to_string(),
                        );
                        cx.not_read(item.span);
                    } else {
                        match T::from_node(item, item.span, cx) {
                            Some(v) => out.push(v),
                            None => cx.not_read(item.span),
                        }
                    }
                    cx.leave();
                }
                Some(out)
            }
            _ => {
                cx.wrong_type(node, Self::expected());
                None
            }
        }
    }
    fn expected() -> &'static str {
        "a list"
    }
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    /// "14 March 2026": how dates are written in copies.
    pub fn long(&self) -> String {
        self.0.strftime("%-d %B %Y").to_string()
    }
    pub fn iso(&self) -> String {
        self.0.to_string()
    }
}

impl FromNode for Date {
    fn from_node(node: &Node, _key: Span, cx: &mut Cx) -> Option<Self> {
        let Kind::Str(s) = &node.kind else {
            cx.wrong_type(node, "a date written YYYY-MM-DD");
            return None;
        };
        let s = s.trim();
        let shape_ok = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        match s.parse::<jiff::civil::Date>() {
            Ok(d) if shape_ok => Some(Date(d)),
            _ => {
                let hint = if shape_ok {
                    "that day does not exist: check the month and the day".to_string()
                } else {
                    "write the date as year-month-day, for example 2026-03-14".to_string()
                };
                cx.error(
                    "invalid-date",
                    node.span,
                    format!("`{}` is not a date: `{s}`", cx.path()),
                    hint,
                );
                None
            }
        }
    }
    fn expected() -> &'static str {
        "a date written YYYY-MM-DD"
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, for example 2026-03-14."
        })
    }
}
