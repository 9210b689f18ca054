//! Loads one plan file into a checked [`Plan`]: reads it safely (size limit, UTF-8, only
//! regular files), parses the YAML with positions kept, checks the version, and converts it,
//! collecting every shape problem. Parse, don't validate: what comes out is a typed `Plan`.

pub mod convert;
pub mod node;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::plan::Plan;
use crate::timings::{self, Stage};
use convert::{Cx, FromNode};
use node::{Kind, Node};

/// The plan format versions this ourplan reads.
pub const SUPPORTED_VERSION: i64 = 1;

/// A plan some parts of which could not be read.
#[derive(Debug)]
pub struct Partial {
    /// The plan, with blanks where parts could not be read.
    pub plan: Plan,
    /// Those parts: field paths, outermost only, in file order, with where they are.
    pub unread: Vec<(String, Span)>,
    /// Fields a misspelt name was probably meant to be: not read either.
    pub meant: Vec<String>,
}

/// A plan file after loading: its text (for showing lines), and the plan if it had no
/// shape problems.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    /// The plan id: the file name without `.yaml`.
    pub id: String,
    pub source: String,
    /// The plan, when every part of it could be read.
    pub plan: Option<Plan>,
    /// When some parts could not be read: the plan with blanks for them, to check the rest,
    /// and those parts (field paths, outermost only, in file order). Never built into copies.
    pub partial: Option<Partial>,
    pub diags: Vec<Diagnostic>,
    /// Left alone, unread beyond its text (see `load_file_unless`).
    pub skipped: bool,
}

/// The plan id for a file: its name without the extension.
pub fn plan_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads and converts one plan file. Never panics; problems become diagnostics.
pub fn load_file(path: &Path) -> Loaded {
    load_file_unless(path, &|_| false)
}

/// Converts `loaded.source` into a checked plan, or a partial one when parts of it could
/// not be read.
fn convert_into(loaded: &mut Loaded) {
    let c = convert_str(&loaded.path, &loaded.source);
    match c.plan {
        Some(plan) if c.unread.is_empty() && c.diags.is_empty() => loaded.plan = Some(plan),
        Some(plan) => {
            loaded.partial = Some(Partial {
                plan,
                unread: c.unread,
                meant: c.meant,
            })
        }
        None => {}
    }
    loaded.diags = c.diags;
}

/// Reads a plan file, but stops after reading its text when `skip(text)` says so.
pub fn load_file_unless(path: &Path, skip: &dyn Fn(&str) -> bool) -> Loaded {
    let mut loaded = Loaded {
        path: path.to_path_buf(),
        id: plan_id(path),
        source: String::new(),
        plan: None,
        partial: None,
        diags: Vec::new(),
        skipped: false,
    };
    match timings::time(Stage::Read, || read_text(path).map(normalise)) {
        Ok(text) => {
            loaded.source = text;
            if skip(&loaded.source) {
                loaded.skipped = true;
                return loaded;
            }
            convert_into(&mut loaded);
        }
        Err(d) => {
            // Keep what text there is, so the problem's line can be shown.
            if d.rule == "not-utf8"
                && let Ok(bytes) = std::fs::read(path)
            {
                loaded.source = normalise(String::from_utf8_lossy(&bytes).into_owned());
            }
            loaded.diags.push(*d);
        }
    }
    loaded
}

/// One form of text for parsing and for showing lines: no byte-order mark, `\n` line ends.
/// (A lone `\r` ends a line for YAML but not for a text viewer; after this they agree.)
fn normalise(text: String) -> String {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Reads a file as UTF-8 text, refusing anything too large or not a regular file.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    if meta.is_dir() {
        return Err(Box::new(
            Diagnostic::error(
                "not-a-file",
                path,
                "this is a folder, not a plan file, although its name ends in .yaml",
            )
            .hint("rename the folder so its name does not end in .yaml or .yml"),
        ));
    }
    if !meta.is_file() {
        return Err(Box::new(
            Diagnostic::error("not-a-file", path, "this is not a regular file")
                .hint("a plan must be an ordinary text file"),
        ));
    }
    if meta.len() > node::MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(node::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| unreadable(path, &e))?;
    text_of(path, bytes)
}

/// Reads a plan from `input` (standard input), named `name` in what is said about it, with
/// the same limits as a file.
pub fn load_reader(name: &Path, input: impl std::io::Read) -> Loaded {
    let mut loaded = Loaded {
        path: name.to_path_buf(),
        id: plan_id(name),
        source: String::new(),
        plan: None,
        partial: None,
        diags: Vec::new(),
        skipped: false,
    };
    let mut bytes = Vec::new();
    let read = input
        .take(node::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(name, &e))
        .and_then(|_| {
            if bytes.len() as u64 > node::MAX_FILE_BYTES {
                Err(too_large(name, bytes.len() as u64))
            } else {
                text_of(name, std::mem::take(&mut bytes))
            }
        });
    match read {
        Ok(text) => {
            loaded.source = normalise(text);
            convert_into(&mut loaded);
        }
        Err(d) => loaded.diags.push(*d),
    }
    loaded
}

fn too_large(path: &Path, len: u64) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            "too-large",
            path,
            format!(
                "the file is {} MB, over the limit of {} MB for a plan",
                len / (1024 * 1024),
                node::MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .hint("a plan is usually a few kilobytes: check this is the right file"),
    )
}

/// Bytes as UTF-8 text, or the diagnostic pointing at the first byte that is not.
fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let span = Span::at_offset(&text, good, 1);
        Box::new(
            Diagnostic::error(
                "not-utf8",
                path,
                "the file is not UTF-8 text: it has a byte that is not a letter or sign",
            )
            .at(span)
            .hint("save the file as UTF-8 in your editor"),
        )
    })
}

fn unreadable(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist (or it is a broken link)".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission was refused".to_string(),
        _ => e.to_string(),
    };
    Box::new(
        Diagnostic::error(
            "unreadable-file",
            path,
            format!("the file could not be read: {why}"),
        )
        .hint("check the file exists and that you may read it"),
    )
}

/// Parses and converts plan text. Returns the plan only when there were no shape errors.
pub fn load_str(path: &Path, source: &str) -> (Option<Plan>, Vec<Diagnostic>) {
    let c = convert_str(path, source);
    let plan = if c.diags.is_empty() && c.unread.is_empty() {
        c.plan
    } else {
        None
    };
    (plan, c.diags)
}

/// Plan text after conversion: the plan (with blanks for parts that could not be read), the
/// parts that could not be read, and the shape problems.
pub struct Converted {
    pub plan: Option<Plan>,
    pub unread: Vec<(String, Span)>,
    pub meant: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

/// Parses and converts plan text as far as it can be read. A plan comes back whenever the
/// file is a mapping with a known version, even if parts of it could not be read.
pub fn convert_str(path: &Path, source: &str) -> Converted {
    let root = match timings::time(Stage::Parse, || node::parse(path, source)) {
        Ok(root) => root,
        Err(d) => {
            return Converted {
                plan: None,
                unread: Vec::new(),
                meant: Vec::new(),
                diags: vec![*d],
            };
        }
    };
    if let Some(d) = check_version(path, &root) {
        return Converted {
            plan: None,
            unread: Vec::new(),
            meant: Vec::new(),
            diags: vec![d],
        };
    }
    let mut cx = Cx::new(path);
    let plan = timings::time(Stage::Shape, || {
        Plan::from_node(&root, Span::START, &mut cx)
    });
    let mut unread = cx.unread_parts();
    if plan.is_some() && unread.is_empty() && !cx.diags.is_empty() {
        // A problem that left every value readable still means the plan is not whole.
        unread.push((String::new(), Span::START));
    }
    Converted {
        plan,
        unread,
        meant: cx.meant,
        diags: cx.diags,
    }
}

/// A plan must say which version of the format it is written in, and it must be one we know.
fn check_version(path: &Path, root: &Node) -> Option<Diagnostic> {
    let Kind::Map(entries) = &root.kind else {
        return None; // the converter says the plan must be a mapping
    };
    let (key, value) = entries
        .iter()
        .find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == "ourplan"))?;
    match &value.kind {
        Kind::Int(SUPPORTED_VERSION) => None,
        Kind::Str(s) if s.trim() == "1" => None,
        _ => Some(
            Diagnostic::error(
                "unknown-version",
                path,
                "this plan is written in a version of the format that this ourplan does not know",
            )
            .at(if value.span.len > 0 {
                value.span
            } else {
                key.span
            })
            .field("ourplan")
            .hint(format!(
                "write `ourplan: {SUPPORTED_VERSION}`, or update ourplan if the plan is newer"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> (Option<Plan>, Vec<Diagnostic>) {
        load_str(Path::new("t.yaml"), src)
    }

    #[test]
    fn unknown_version_is_one_clear_error() {
        let (plan, diags) = load("ourplan: 2\nperson: {name: A}\n");
        assert!(plan.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule, "unknown-version");
        assert_eq!(diags[0].span.unwrap().line, 1);
    }

    #[test]
    fn every_shape_problem_is_reported_at_once() {
        let src = "ourplan: 1\nperson:\n  nmae: A\n  formats: [html, large print]\nkey_worker: {name: B, phone: 1}\ngoals: []\n";
        let (plan, diags) = load(src);
        assert!(plan.is_none());
        let rules: Vec<_> = diags
            .iter()
            .map(|d| (d.rule, d.span.unwrap().line))
            .collect();
        assert!(rules.contains(&("unknown-field", 3)), "{diags:#?}");
        assert!(rules.contains(&("missing-field", 2)), "{diags:#?}");
        assert!(rules.contains(&("invalid-value", 4)), "{diags:#?}");
        // Sections missing at the top level are reported too.
        for section in ["actions", "crisis", "advance_statement", "review"] {
            assert!(
                diags
                    .iter()
                    .any(|d| d.rule == "missing-field"
                        && d.message.contains(&format!("`{section}`"))),
                "{section} missing not reported: {diags:#?}"
            );
        }
        let typo = diags.iter().find(|d| d.rule == "unknown-field").unwrap();
        assert_eq!(typo.hint.as_deref(), Some("did you mean `name`?"));
        let fmt = diags.iter().find(|d| d.rule == "invalid-value").unwrap();
        assert_eq!(fmt.hint.as_deref(), Some("did you mean `large-print`?"));
        assert_eq!(fmt.field.as_deref(), Some("person.formats[1]"));
    }

    #[test]
    fn duplicate_keys_show_both_places() {
        let (_, diags) = load("ourplan: 1\nperson:\n  name: A\n  name: B\n");
        let d = diags.iter().find(|d| d.rule == "duplicate-key").unwrap();
        assert_eq!(d.span.unwrap().line, 4);
        assert_eq!(d.notes[0].0.line, 3);
    }
}
