//! Diagnostics are values: every problem found in a plan is collected as a [`Diagnostic`]
//! (severity, file, span, field, message, hint) and all of them are shown at once, in one of
//! five formats: rustc-like for people, `file:line:col` for editors, JSON, GitHub annotations
//! and SARIF.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where in a file a problem is: 1-based line and column (in characters), and the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub start: usize,
    pub len: usize,
}

impl Span {
    /// The start of a file.
    pub const START: Span = Span {
        line: 1,
        column: 1,
        start: 0,
        len: 0,
    };

    /// The span of `len` bytes at byte offset `start` of `source`.
    pub fn at_offset(source: &str, start: usize, len: usize) -> Span {
        let start = floor_char_boundary(source, start.min(source.len()));
        let before = &source[..start];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..start].chars().count() as u32 + 1;
        Span {
            line,
            column,
            start,
            len,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The stable rule id, for example `missing-24-hour-contact`.
    pub rule: &'static str,
    pub file: PathBuf,
    pub span: Option<Span>,
    /// The field the problem is about, as a path: `crisis.contacts[2].phone`.
    pub field: Option<String>,
    pub message: String,
    /// How to fix it; shown under the line.
    pub hint: Option<String>,
    /// Other places that matter (for example the first of two duplicate keys).
    pub notes: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(severity: Severity, rule: &'static str, file: &Path, message: String) -> Self {
        Diagnostic {
            severity,
            rule,
            file: file.to_path_buf(),
            span: None,
            field: None,
            message,
            hint: None,
            notes: Vec::new(),
        }
    }

    pub fn error(rule: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, file, message.into())
    }

    #[cfg(test)]
    pub fn warning(rule: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, file, message.into())
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        if !field.is_empty() {
            self.field = Some(field);
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, span: Span, note: impl Into<String>) -> Self {
        self.notes.push((span, note.into()));
        self
    }

    fn line_col(&self) -> (u32, u32) {
        self.span.map_or((1, 1), |s| (s.line, s.column))
    }

    /// Where the problem ends: line and column (in characters) just after its last
    /// character; where it starts when there is no text to measure.
    fn end_line_col(&self, source: Option<&str>) -> (u32, u32) {
        match (self.span, source) {
            (Some(span), Some(src)) if span.len > 0 => {
                let end = Span::at_offset(src, span.start + span.len, 0);
                (end.line, end.column)
            }
            _ => self.line_col(),
        }
    }
}

/// The 1-based column of byte `offset` in its line, counted in bytes (as vim does).
fn byte_column(source: Option<&str>, offset: usize, chars: u32) -> u32 {
    let Some(src) = source else { return chars };
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    (offset - line_start) as u32 + 1
}

/// Sort diagnostics by file, then position, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line_col(), a.rule, &a.message).cmp(&(
            &b.file,
            b.line_col(),
            b.rule,
            &b.message,
        ))
    });
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: like rustc, with the line shown.
    Human,
    /// One line each, `file:line:col: severity[rule]: message`, for editors.
    Short,
    /// One JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// SARIF 2.1.0, for code scanning and other CI systems.
    Sarif,
}

/// Turns diagnostics into text. `source` gives the text of a file, for showing the line.
pub struct Renderer<'a> {
    pub color: bool,
    pub source: &'a dyn Fn(&Path) -> Option<&'a str>,
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

impl Renderer<'_> {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// The rustc-like form.
    pub fn human(&self, d: &Diagnostic) -> String {
        let mut out = String::new();
        let sev_style = match d.severity {
            Severity::Error => RED,
            Severity::Warning => YELLOW,
        };
        let head = format!("{}[{}]", d.severity.as_str(), d.rule);
        let _ = writeln!(
            out,
            "{}{}",
            self.paint(sev_style, &head),
            self.paint(BOLD, &format!(": {}", d.message))
        );
        let (line, col) = d.line_col();
        let source = (self.source)(&d.file);
        let gutter_width = std::iter::once(line)
            .chain(d.notes.iter().map(|(s, _)| s.line))
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        let pad = " ".repeat(gutter_width);
        let _ = writeln!(
            out,
            "{pad}{} {}:{line}:{col}",
            self.paint(BLUE, "-->"),
            d.file.display()
        );
        if let Some(field) = &d.field {
            let _ = writeln!(out, "{pad} {} field: {field}", self.paint(BLUE, "="));
        }
        let label = d.hint.as_deref().unwrap_or("");
        match (d.span, source) {
            (Some(span), Some(src)) => {
                self.snippet(&mut out, src, span, label, sev_style, gutter_width);
                for (span, note) in &d.notes {
                    self.snippet(&mut out, src, *span, note, BLUE, gutter_width);
                }
            }
            _ => {
                if !label.is_empty() {
                    let _ = writeln!(out, "{pad} {} help: {label}", self.paint(BLUE, "="));
                }
            }
        }
        out
    }

    fn snippet(
        &self,
        out: &mut String,
        src: &str,
        span: Span,
        label: &str,
        style: &str,
        gutter: usize,
    ) {
        let pad = " ".repeat(gutter);
        let Some(text) = src.lines().nth(span.line.saturating_sub(1) as usize) else {
            // No line to show (an empty file): the hint still is.
            if !label.is_empty() {
                let _ = writeln!(out, "{pad} {} help: {label}", self.paint(BLUE, "="));
            }
            return;
        };
        let text = text.trim_end_matches('\r');
        // Show at most 120 characters of a long line, starting near the problem.
        let col = span.column.saturating_sub(1) as usize;
        let skip = col.saturating_sub(60);
        let shown: String = text.chars().skip(skip).take(120).collect();
        let shown = shown.replace('\t', " ");
        let caret_at = col - skip;
        let line_rest = shown.chars().count().saturating_sub(caret_at);
        let width = span_chars(src, span).clamp(1, line_rest.max(1));
        // Carets go by how wide the characters are on a terminal: an emoji or a Chinese
        // character takes two columns.
        let cols = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let before: String = shown.chars().take(caret_at).collect();
        let under: String = shown.chars().skip(caret_at).take(width).collect();
        let (caret_at, width) = (cols(&before), cols(&under).max(1));
        let bar = self.paint(BLUE, "|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {shown}",
            self.paint(BLUE, &format!("{:>gutter$}", span.line))
        );
        let marks = format!("{}{}", " ".repeat(caret_at), "^".repeat(width));
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(" {label}")
        };
        let _ = writeln!(
            out,
            "{pad} {bar} {}",
            self.paint(style, &format!("{marks}{label}"))
        );
    }

    /// `file:line:col: severity[rule]: message`
    pub fn short(&self, d: &Diagnostic) -> String {
        let (line, col) = d.line_col();
        let mut s = format!(
            "{}:{line}:{col}: {}[{}]: {}",
            d.file.display(),
            d.severity.as_str(),
            d.rule,
            d.message
        );
        if let Some(hint) = &d.hint {
            let _ = write!(s, " ({hint})");
        }
        s.push('\n');
        s
    }

    /// `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`
    pub fn github(&self, d: &Diagnostic) -> String {
        let (line, col) = d.line_col();
        let (end_line, end_col) = d.end_line_col((self.source)(&d.file));
        let mut msg = d.message.clone();
        if let Some(hint) = &d.hint {
            let _ = write!(msg, "\n{hint}");
        }
        format!(
            "::{} file={},line={line},endLine={end_line},col={col},endColumn={end_col},title={}::{}\n",
            d.severity.as_str(),
            gh_property(&d.file.display().to_string()),
            gh_property(d.rule),
            gh_data(&msg)
        )
    }
}

fn span_chars(src: &str, span: Span) -> usize {
    let end = (span.start + span.len).min(src.len());
    let start = span.start.min(end);
    match src.get(start..end) {
        Some(s) => s.lines().next().unwrap_or("").chars().count(),
        None => span.len,
    }
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The JSON form of one diagnostic. Field names are part of the documented interface.
/// `column` and `end_column` count characters; `column_byte` and `end_column_byte` count
/// bytes (as vim does), for the same places.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub rule: &'a str,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub column_byte: u32,
    pub end_column_byte: u32,
    pub field: Option<&'a str>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn from(d: &'a Diagnostic, source: Option<&str>) -> Self {
        let (line, column) = d.line_col();
        let (end_line, end_column) = d.end_line_col(source);
        let (column_byte, end_column_byte) = match d.span {
            Some(span) => (
                byte_column(source, span.start, column),
                byte_column(source, span.start + span.len, end_column),
            ),
            None => (column, end_column),
        };
        JsonDiagnostic {
            severity: d.severity,
            rule: d.rule,
            file: d.file.display().to_string(),
            line,
            column,
            end_line,
            end_column,
            column_byte,
            end_column_byte,
            field: d.field.as_deref(),
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

/// The characters a URI reference keeps as they are, besides letters and digits: a path's
/// `/` and the unreserved marks (RFC 3986).
const URI_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A file's path as a SARIF artifact URI: relative paths stay relative (to where ourplan
/// ran), absolute ones become `file://` URIs.
fn artifact_uri(file: &Path) -> String {
    let text = file.to_string_lossy().replace('\\', "/");
    let encoded = percent_encoding::utf8_percent_encode(&text, URI_PATH).to_string();
    if file.is_absolute() {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// What a rule is, for a report that describes the rules it uses: what it checks, why, how
/// to fix it, and its level.
pub struct RuleText {
    pub summary: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub severity: Severity,
}

/// The diagnostics as one SARIF 2.1.0 log, with a rule entry for each rule they use,
/// described by `describe`. `properties` goes in the run's property bag (the sharing
/// report, say).
pub fn sarif<'a>(
    diags: &[Diagnostic],
    sources: &'a dyn Fn(&Path) -> Option<&'a str>,
    describe: &dyn Fn(&str) -> Option<RuleText>,
    properties: Option<serde_json::Value>,
) -> serde_json::Value {
    use serde_json::json;
    let mut ids: Vec<&str> = diags.iter().map(|d| d.rule).collect();
    ids.sort_unstable();
    ids.dedup();
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let rules: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| match describe(id) {
            Some(r) => json!({
                "id": id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.why},
                "help": {"text": r.fix},
                "defaultConfiguration": {"level": level(r.severity)},
            }),
            None => json!({"id": id}),
        })
        .collect();
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(hint) = &d.hint {
                let _ = write!(text, " ({hint})");
            }
            let mut location = json!({
                "physicalLocation": {"artifactLocation": {"uri": artifact_uri(&d.file)}}
            });
            if d.span.is_some() {
                let (line, col) = d.line_col();
                let (end_line, end_col) = d.end_line_col(sources(&d.file));
                location["physicalLocation"]["region"] = json!({
                    "startLine": line,
                    "startColumn": col,
                    "endLine": end_line,
                    "endColumn": end_col,
                });
            }
            if let Some(field) = &d.field {
                location["logicalLocations"] = json!([{"fullyQualifiedName": field}]);
            }
            json!({
                "ruleId": d.rule,
                "ruleIndex": ids.binary_search(&d.rule).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location],
            })
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "ourplan",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(p) = properties {
        run["properties"] = p;
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let src = "a: 1\nbé: 2\n";
        let s = Span::at_offset(src, 9, 1);
        assert_eq!((s.line, s.column), (2, 4));
        // An offset inside a multi-byte character snaps back to its start.
        let s = Span::at_offset(src, 7, 1);
        assert_eq!((s.line, s.column), (2, 2));
    }

    #[test]
    fn human_form_points_at_the_line() {
        let src = "crisis:\n  contacts:\n    - name: x\n";
        let d = Diagnostic::error(
            "missing-24-hour-contact",
            Path::new("p.yaml"),
            "no 24 hours",
        )
        .at(Span::at_offset(src, 10, 8))
        .hint("add one");
        let source = |_: &Path| Some(src);
        let r = Renderer {
            color: false,
            source: &source,
        };
        let text = r.human(&d);
        assert_eq!(
            text,
            "error[missing-24-hour-contact]: no 24 hours\n --> p.yaml:2:3\n  |\n2 |   contacts:\n  |   ^^^^^^^^ add one\n"
        );
        assert_eq!(
            r.short(&d),
            "p.yaml:2:3: error[missing-24-hour-contact]: no 24 hours (add one)\n"
        );
    }

    #[test]
    fn carets_line_up_under_wide_characters() {
        let src = "name: 王伟 🙂 Sam\n";
        let at = src.find("Sam").unwrap();
        let d = Diagnostic::error("r", Path::new("p.yaml"), "m").at(Span::at_offset(src, at, 3));
        let source = |_: &Path| Some(src);
        let r = Renderer {
            color: false,
            source: &source,
        };
        let text = r.human(&d);
        let lines: Vec<&str> = text.lines().collect();
        let code = lines.iter().find(|l| l.contains("Sam")).unwrap();
        let marks = lines.iter().find(|l| l.contains('^')).unwrap();
        // "王伟" and "🙂" are two columns each on a terminal.
        let code_col = unicode_width::UnicodeWidthStr::width(&code[..code.find("Sam").unwrap()]);
        assert_eq!(marks.find('^').unwrap(), code_col, "\n{text}");
        assert!(marks.contains("^^^ ") || marks.ends_with("^^^"), "\n{text}");
    }

    #[test]
    fn an_empty_file_keeps_its_hint() {
        let d = Diagnostic::error("empty-file", Path::new("e.yaml"), "the plan file is empty")
            .at(Span::START)
            .hint("start the plan with `ourplan: 1`");
        let source = |_: &Path| Some("");
        let r = Renderer {
            color: false,
            source: &source,
        };
        assert!(
            r.human(&d)
                .contains("= help: start the plan with `ourplan: 1`"),
            "{}",
            r.human(&d)
        );
    }

    #[test]
    fn json_columns_count_characters_and_bytes() {
        let src = "name: Zoë Sam\n";
        let at = src.find("Sam").unwrap();
        let d = Diagnostic::error("r", Path::new("p.yaml"), "m").at(Span::at_offset(src, at, 3));
        let j = JsonDiagnostic::from(&d, Some(src));
        assert_eq!((j.column, j.end_column), (11, 14));
        assert_eq!((j.column_byte, j.end_column_byte), (12, 15));
    }

    #[test]
    fn github_escapes_newlines_and_commas() {
        let d = Diagnostic::warning("r", Path::new("a,b.yaml"), "x\ny");
        let source = |_: &Path| None;
        let r = Renderer {
            color: false,
            source: &source,
        };
        assert_eq!(
            r.github(&d),
            "::warning file=a%2Cb.yaml,line=1,endLine=1,col=1,endColumn=1,title=r::x%0Ay\n"
        );
    }
}
