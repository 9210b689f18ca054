//! Reads YAML text into a tree of [`Node`]s that keeps the position of every key and value,
//! within safe limits (size, depth, aliases). Turning the tree into a `Plan` is `convert`'s job.

use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Spanned};

use crate::diagnostic::{Diagnostic, Span};

/// The largest plan file read, in bytes. Real plans are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// The deepest nesting of lists and mappings allowed. A plan needs about 6.
pub const MAX_DEPTH: usize = 32;
/// The most values an alias (`*name`) may expand to in one file.
pub const MAX_ALIAS_EVENTS: usize = 20_000;

/// A YAML value with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in file order; duplicates are kept so that both places can be shown.
    Map(Vec<(Node, Node)>),
}

impl Kind {
    /// What this kind of value is called in messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Null => "nothing",
            Kind::Bool(_) => "true or false",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Str(_) => "text",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping (fields)",
        }
    }
}

/// The raw deserialised form, before spans are turned into ours.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Raw>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        Err(E::custom("binary data is not allowed in a plan"))
    }
}

fn span_of(loc: &serde_saphyr::Location, source: &str) -> Span {
    let s = loc.span();
    match (s.byte_offset(), s.byte_len()) {
        // The parser's own line and column are right and cheap; counting lines is neither.
        (Some(start), Some(len)) if loc.line() > 0 => Span {
            line: loc.line() as u32,
            column: loc.column() as u32,
            start: start as usize,
            len: len as usize,
        },
        (Some(start), Some(len)) => Span::at_offset(source, start as usize, len as usize),
        _ => Span {
            line: loc.line().max(1) as u32,
            column: loc.column().max(1) as u32,
            start: 0,
            len: 0,
        },
    }
}

fn into_node(raw: Spanned<Raw>, source: &str) -> Node {
    // `referenced` is where the value is used (an alias site), `defined` where it was written.
    let span = span_of(&raw.referenced, source);
    let kind = match raw.value {
        Raw::Null => Kind::Null,
        Raw::Bool(b) => Kind::Bool(b),
        Raw::Int(i) => Kind::Int(i),
        Raw::Float(f) => Kind::Float(f),
        Raw::Str(s) => Kind::Str(s),
        Raw::Seq(items) => Kind::Seq(items.into_iter().map(|i| into_node(i, source)).collect()),
        Raw::Map(entries) => Kind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (into_node(k, source), into_node(v, source)))
                .collect(),
        ),
    };
    Node { kind, span }
}

/// Parses `source` (the text of `file`) into a node tree, or says why it cannot.
pub fn parse(file: &Path, source: &str) -> Result<Node, Box<Diagnostic>> {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_documents = 1;
    let mut options = serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        with_snippet: false,
        budget: Some(budget),
    };
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    options.alias_limits.max_alias_expansions_per_anchor = 1_000;

    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error("empty-file", file, "the plan file is empty")
                .at(Span::START)
                .hint("start the plan with `ourplan: 1`"),
        ));
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(source, options) {
        Ok(raw) if matches!(raw.value, Raw::Null) => Err(Box::new(
            Diagnostic::error("empty-file", file, "the plan file has no plan in it")
                .at(Span::START)
                .hint("start the plan with `ourplan: 1`"),
        )),
        Ok(raw) => Ok(into_node(raw, source)),
        Err(err) => Err(Box::new(yaml_error(file, source, &err))),
    }
}

/// Turns a parser error into a plain-words diagnostic.
fn yaml_error(file: &Path, source: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let span = err
        .location()
        .map(|loc| span_of(&loc, source))
        .unwrap_or(Span::START);
    let raw = err.without_snippet().to_string();
    let lower = raw.to_lowercase();
    fn leading(line: &str) -> &str {
        &line[..line.len() - line.trim_start().len()]
    }
    let mut span = span;
    // A tab in the indenting. The parser may stop at the end of the line before it, so when
    // its message is about a tab, the next lines are looked at too. Point at the tab itself.
    let look = if lower.contains("tab") { 3 } else { 1 };
    let tabbed = source
        .split_inclusive('\n')
        .scan(0usize, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .enumerate()
        .skip(span.line.saturating_sub(1) as usize)
        .take(look)
        .find_map(|(_, (start, line))| leading(line).find('\t').map(|tab| start + tab));
    if let Some(at) = tabbed {
        span = Span::at_offset(source, at, 1);
    }
    let tab_error = tabbed.is_some() || lower.contains("tab");
    let (rule, message, hint) = if tab_error {
        (
            "yaml-syntax",
            "this line is indented with a tab".to_string(),
            "YAML needs spaces for indenting: replace the tab with spaces".to_string(),
        )
    } else if lower.contains("depth") || lower.contains("nesting") || lower.contains("recursion") {
        (
            "too-deep",
            format!("the plan is nested too deeply (the limit is {MAX_DEPTH} levels)"),
            "a plan needs only a few levels: check the indenting here".to_string(),
        )
    } else if lower.contains("alias") || lower.contains("anchor") && lower.contains("limit") {
        (
            "alias-limit",
            format!(
                "the aliases in this file expand to too much (the limit is {MAX_ALIAS_EVENTS} values)"
            ),
            "write the text out instead of repeating it with `*` aliases".to_string(),
        )
    } else if lower.contains("multiple documents")
        || lower.contains("more than one")
        || lower.contains("documents {")
    {
        (
            "yaml-syntax",
            "the file holds more than one YAML document".to_string(),
            "keep one plan in each file and remove the extra `---` line".to_string(),
        )
    } else if lower.contains("budget") || lower.contains("limit") {
        (
            "too-large",
            "the plan has too many values to read safely".to_string(),
            "a plan has a few thousand values at most: check this is the right file".to_string(),
        )
    } else {
        (
            "yaml-syntax",
            format!("the file is not valid YAML: {}", first_line(&raw)),
            "check the indenting and punctuation on this line or the one before".to_string(),
        )
    };
    Diagnostic::error(rule, file, message).at(span).hint(hint)
}

fn first_line(s: &str) -> &str {
    let s = s.lines().next().unwrap_or(s);
    // Drop the parser's own "at line X column Y" tail: we show the place ourselves.
    match s.find(" at line ") {
        Some(i) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(src: &str) -> Result<Node, Box<Diagnostic>> {
        parse(Path::new("t.yaml"), src)
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let n = p("a: 1\nb:\n  c: hello\n").unwrap();
        let Kind::Map(entries) = n.kind else { panic!() };
        let (k, v) = &entries[1];
        assert_eq!(k.kind, Kind::Str("b".into()));
        assert_eq!((k.span.line, k.span.column), (2, 1));
        let Kind::Map(inner) = &v.kind else { panic!() };
        assert_eq!((inner[0].1.span.line, inner[0].1.span.column), (3, 6));
        assert_eq!(inner[0].1.kind, Kind::Str("hello".into()));
        assert_eq!(inner[0].1.span.len, 5);
    }

    #[test]
    fn leading_zeros_and_yes_stay_text() {
        let n = p("a: 0800\nb: yes\nc: 999\n").unwrap();
        let Kind::Map(e) = n.kind else { panic!() };
        assert_eq!(e[0].1.kind, Kind::Str("0800".into()));
        assert_eq!(e[1].1.kind, Kind::Str("yes".into()));
        assert_eq!(e[2].1.kind, Kind::Int(999));
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_checker() {
        let n = p("a: 1\na: 2\n").unwrap();
        let Kind::Map(e) = n.kind else { panic!() };
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn crlf_and_bom_are_fine() {
        let n = p("\u{feff}a: 1\r\nb: two\r\n").unwrap();
        let Kind::Map(e) = n.kind else { panic!() };
        assert_eq!(e[1].1.kind, Kind::Str("two".into()));
        assert_eq!(e[1].1.span.line, 2);
    }

    #[test]
    fn hostile_inputs_give_diagnostics() {
        let deep = "[".repeat(10_000);
        assert_eq!(p(&deep).unwrap_err().rule, "too-deep");
        let mut deep_block = String::new();
        for i in 0..200 {
            deep_block.push_str(&" ".repeat(i * 2));
            deep_block.push_str("a:\n");
        }
        assert_eq!(p(&deep_block).unwrap_err().rule, "too-deep");
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        let e = p(bomb).unwrap_err();
        assert_eq!(e.rule, "alias-limit", "{e:?}");
        let tab = "a:\n\tb: 1\n";
        let e = p(tab).unwrap_err();
        assert_eq!(e.rule, "yaml-syntax");
        assert!(e.message.contains("tab"), "{e:?}");
        assert_eq!(e.span.unwrap().line, 2);
        assert_eq!(e.span.unwrap().column, 1, "points at the tab");
        let e = p("a:\n  b: 1\n  \tc: 2\n").unwrap_err();
        let span = e.span.unwrap();
        assert_eq!((span.line, span.column, span.len), (3, 3, 1), "{e:?}");
    }
}
