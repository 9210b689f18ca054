//! PDF output: large print and easy read, both PDF/UA-1, made with typst
//! embedded as a library.
//!
//! One [`Renderer`] is built once (fonts parsed, typst library built,
//! templates parsed, pictures loaded) and then shared between threads:
//! it is `Send + Sync`, and [`Renderer::render`] takes `&self`.
//!
//! Safety of user text: the templates never see user text as typst markup.
//! The document view goes in as a virtual file, `/data.json`, which the
//! template reads with `json("/data.json")` and turns into content from
//! strings. The world serves exactly three kinds of file: the template,
//! `/data.json` and `/pictures/<name>.svg` for known pictures. Everything
//! else, packages included, is refused; nothing is read from disk and
//! nothing from the network while compiling.
//!
//! Reproducibility: the PDF date comes from the view's `date_iso`, never
//! from the clock (`datetime.today()` fails in templates), and the PDF
//! identifier from `plan_id` and `copy` (whose copy it is), so the same input gives the same
//! bytes and each copy has its own id.
//!
//! Use:
//! ```ignore
//! let renderer = Renderer::from_dirs(&[Path::new("styles/fonts")],
//!     Some(Path::new("styles/pictures")), Templates::builtin())?;
//! renderer.check_templates()?; // once, if a team supplied its own templates
//! let pdf: Vec<u8> = renderer.render(Format::LargePrint, &serde_json::to_vec(&view)?)?;
//! // Many PDFs: render_each / render_all (plain threads), not rayon's par_iter.
//! ```
//!
//! The view (JSON) is the one the HTML renderer uses: `lang`, `title`,
//! `plan_id`, `person_name`, `date_iso`, `date_text`, `audience.notice`,
//! `labels` (`page`, `of`, `date_label`, `words_heading`) and `sections`
//! of blocks (`paragraph`, `list`, `contacts`, `facts`, `table`). Rich text
//! may be a list of blocks or `{blocks, html}`; entry details may be strings
//! or `{label, value}`. Missing, null or empty fields are left out.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
#[cfg(test)]
use std::path::Path;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue, Smart, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::timings::{self, Stage};

/// The two PDF formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// UKAAF / RNIB large print: re-laid out, 18 pt and up.
    LargePrint,
    /// Easy read: a picture on the left of each idea, 16 pt and up.
    EasyRead,
    /// The crisis card: one sheet, in the form the view says (`variant`).
    CrisisCard,
}

impl Format {
    /// Both formats, in a fixed order.
    pub const ALL: [Format; 3] = [Format::LargePrint, Format::EasyRead, Format::CrisisCard];

    /// Short name, as used in file names (`large-print`, `easy-read`).
    pub fn name(self) -> &'static str {
        match self {
            Format::LargePrint => "large-print",
            Format::EasyRead => "easy-read",
            Format::CrisisCard => "crisis-card",
        }
    }
}

/// Typst sources of the two templates (markup, not paths).
///
/// The main crate embeds the default ones with `include_str!` and lets a
/// team replace them with their own.
#[derive(Debug, Clone)]
pub struct Templates {
    pub large_print: String,
    pub easy_read: String,
    pub crisis_card: String,
}

impl Templates {
    #[cfg(test)]
    /// The templates shipped with ourplan (`templates/*.typ`, embedded).
    pub fn builtin() -> Self {
        Self {
            large_print: include_str!("../../templates/large-print.typ").to_string(),
            easy_read: include_str!("../../templates/easy-read.typ").to_string(),
            crisis_card: include_str!("../../templates/crisis-card.typ").to_string(),
        }
    }
}

/// A picture that views may name (`"picture": "phone"`).
#[derive(Debug, Clone)]
pub struct Picture {
    /// SVG document bytes.
    pub svg: Vec<u8>,
    /// Default alt text (an entry's `picture_alt` overrides it).
    pub alt: String,
}

/// Compiles document views into PDFs. Build once, share, render many.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    large_print: Source,
    easy_read: Source,
    crisis_card: Source,
    data_id: FileId,
    /// FileId of `/pictures/<name>.svg` -> SVG bytes.
    pictures: HashMap<FileId, Bytes>,
}

// Checked at compile time: rayon needs this.
const _: fn() = || {
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<Renderer>();
};

/// How many comemo generations to keep after each document. The cache is
/// shared by every thread, so 0 would also throw away the work of a document
/// another thread is halfway through: on 2 cores that made PDFs about a
/// quarter slower (30 ms each instead of 24, `tests/bench/run.sh 100`). A few
/// generations keep that work and still keep memory flat over thousands of
/// documents. Longer only costs memory: plans share little text.
const EVICT_MAX_AGE: usize = 3;

/// Below this much free stack, a render moves to a fresh stack...
const STACK_RED_ZONE: usize = 4 * 1024 * 1024;
/// ... of this size (address space only; pages are used as touched).
const STACK_SIZE: usize = 16 * 1024 * 1024;

impl Renderer {
    /// Builds a renderer.
    ///
    /// - `fonts`: TTF/OTF/TTC files' bytes (collections give several faces).
    ///   Templates ask for "Atkinson Hyperlegible Next" and fall back to any
    ///   loaded font for missing characters, so add a wide-coverage font
    ///   (DejaVu Sans) as well.
    /// - `pictures`: name -> SVG and alt text. Names must be `[a-z0-9_-]+`.
    ///
    /// Templates learn which pictures exist from `sys.inputs.pictures`
    /// (a dictionary name -> alt text), so they never ask for a missing one.
    pub fn new(
        fonts: Vec<Vec<u8>>,
        templates: Templates,
        pictures: BTreeMap<String, Picture>,
    ) -> Result<Self, String> {
        super::dump::renderer(&fonts, &templates, &pictures);
        let fonts: Vec<Font> = fonts
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        if fonts.is_empty() {
            return Err("no usable fonts were given to the PDF renderer".into());
        }
        let book = FontBook::from_fonts(&fonts);

        let mut picture_files = HashMap::new();
        let mut picture_alts = Dict::new();
        for (name, picture) in pictures {
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            {
                return Err(format!(
                    "picture name {name:?}: use only a-z, 0-9, '-' and '_'"
                ));
            }
            if picture.alt.trim().is_empty() {
                return Err(format!("picture {name:?} has no alt text"));
            }
            let id = project_file(&format!("/pictures/{name}.svg"))?;
            picture_files.insert(id, Bytes::new(picture.svg));
            picture_alts.insert(Str::from(name.as_str()), picture.alt.into_value());
        }

        let mut inputs = Dict::new();
        inputs.insert("pictures".into(), Value::Dict(picture_alts));
        // `a11y-extras` gives the templates `pdf.header-cell(scope: "row")`: a table's first
        // column is its row headers (PDF/UA: TH with /Scope /Row).
        let library = Library::builder()
            .with_inputs(inputs)
            .with_features([typst::Feature::A11yExtras].into_iter().collect())
            .build();

        Ok(Self {
            library: LazyHash::new(library),
            book: LazyHash::new(book),
            fonts,
            large_print: Source::new(project_file("/large-print.typ")?, templates.large_print),
            easy_read: Source::new(project_file("/easy-read.typ")?, templates.easy_read),
            crisis_card: Source::new(project_file("/crisis-card.typ")?, templates.crisis_card),
            data_id: project_file("/data.json")?,
            pictures: picture_files,
        })
    }

    #[cfg(test)]
    /// Builds a renderer from folders: every `*.ttf`, `*.otf`, `*.ttc` in
    /// `font_dirs` (not recursive, files sorted by name), and, if
    /// `pictures_dir` is given, every `<name>.svg` in it listed in its
    /// `pictures.tsv` (columns `name`, `alt`, `source`, `licence`; a header
    /// line starting with `name` is skipped). An SVG without a tsv row is an
    /// error (it would have no alt text); a tsv row without an SVG too.
    pub fn from_dirs(
        font_dirs: &[&Path],
        pictures_dir: Option<&Path>,
        templates: Templates,
    ) -> Result<Self, String> {
        let mut fonts = Vec::new();
        for dir in font_dirs {
            fonts.extend(read_font_dir(dir)?);
        }
        let pictures = match pictures_dir {
            Some(dir) => read_picture_dir(dir)?,
            None => BTreeMap::new(),
        };
        Self::new(fonts, templates, pictures)
    }

    /// Renders one document view (JSON, see the module docs) to PDF/UA-1
    /// bytes.
    ///
    /// Errors are human-readable: bad JSON, a missing title, lang or date,
    /// characters no loaded font has, or typst's diagnostics
    /// (`large-print.typ:line:col: message`).
    pub fn render(&self, format: Format, doc_json: &[u8]) -> Result<Vec<u8>, String> {
        self.render_with_warnings(format, doc_json)
            .map(|(pdf, _)| pdf)
    }

    #[cfg(test)]
    /// Renders many documents on `threads` plain threads (0: one per core),
    /// returning results in the order of `jobs`.
    ///
    /// Use this rather than rayon's `par_iter` over [`render`](Self::render).
    /// Typst lays out with rayon itself; a rayon worker waiting for that
    /// work steals other plans and starts them on top of its stack, so with
    /// `par_iter` 1,000 plans had up to 652 renders in flight at once and
    /// memory grew with the number of plans (170 MB for 1,000 PDFs, 470 MB
    /// for 4,000), where plain threads stay flat (about 45 MB).
    pub fn render_all(
        &self,
        jobs: &[(Format, &[u8])],
        threads: usize,
    ) -> Vec<Result<Vec<u8>, String>> {
        type Slot = std::sync::Mutex<Option<Result<Vec<u8>, String>>>;
        let results: Vec<Slot> = jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
        self.render_each(jobs, threads, |i, result| {
            *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        });
        results
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .unwrap_or_else(|| Err("PDF thread stopped early".into()))
            })
            .collect()
    }

    #[cfg(test)]
    /// Like [`render_all`](Self::render_all), but hands each result to
    /// `done(index, result)` as soon as it is ready (on the rendering
    /// thread), so PDFs can be written out without holding them all.
    pub fn render_each<F>(&self, jobs: &[(Format, &[u8])], threads: usize, done: F)
    where
        F: Fn(usize, Result<Vec<u8>, String>) + Sync,
    {
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
        .min(jobs.len().max(1));
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                std::thread::Builder::new()
                    .name("ourplan-pdf".into())
                    .stack_size(STACK_SIZE)
                    .spawn_scoped(scope, || {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&(format, json)) = jobs.get(i) else {
                                break;
                            };
                            done(i, self.render(format, json));
                        }
                    })
                    .expect("cannot start a PDF thread");
            }
        });
    }

    /// Like [`render`](Self::render), also returning typst's warnings (for
    /// example "unknown font family" when a template asks for a font that
    /// was not loaded: typst then quietly uses another one).
    pub fn render_with_warnings(
        &self,
        format: Format,
        doc_json: &[u8],
    ) -> Result<(Vec<u8>, Vec<String>), String> {
        // Typst needs more stack than a rayon worker's 2 MB once rayon
        // nests work: a worker waiting inside typst's own parallel layout
        // steals another plan's render and runs it on top of the same stack
        // (seen: "thread has overflowed its stack" with 250 plans on
        // `par_iter`). So make sure there is room, on a fresh stack if needed.
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || {
            self.render_inner(format, doc_json)
        });
        // Memoised results would otherwise pile up (1.8 GB per 1,000 docs).
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    /// How many pages a view takes in `format`: laid out, never exported. `check` uses it
    /// to say when a crisis card does not fit its sheet, before anything is built.
    pub fn pages(&self, format: Format, doc_json: &[u8]) -> Result<usize, String> {
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || {
            let mut prepared = prepare_view(doc_json)?;
            if format == Format::CrisisCard {
                card_breaks(&mut prepared.view, false);
            }
            let _ = self.cover(&mut prepared.view);
            let main = match format {
                Format::LargePrint => self.large_print.clone(),
                Format::EasyRead => self.easy_read.clone(),
                Format::CrisisCard => self.crisis_card.clone(),
            };
            let json = serde_json::to_vec(&prepared.view).map_err(|e| e.to_string())?;
            let world = DocWorld {
                renderer: self,
                main,
                data: Bytes::new(json),
            };
            typst::compile::<PagedDocument>(&world)
                .output
                .map(|d| d.pages().len())
                .map_err(|errors| world.describe(format, &errors))
        });
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    /// Renders a small built-in view using every block type in both
    /// formats: call it once after building a renderer with a team's own
    /// templates to report a broken template before any plan is rendered.
    pub fn check_templates(&self) -> Result<(), String> {
        let view = serde_json::json!({
            "lang": "en-GB", "title": "Template check", "plan_id": "template-check",
            "person_name": "A Person", "preferred_name": "A", "date_iso": "2026-01-01",
            "date_text": "1 January 2026",
            "audience": { "kind": "person", "name": "A Person", "notice": ["Notice."] },
            "labels": { "page": "Page", "of": "of", "words_heading": "Words" },
            "sections": [
                { "id": "about", "heading": "About", "picture": null, "intro": "Intro.", "blocks": [
                    { "type": "paragraph", "text": [
                        { "t": "p", "c": [ { "t": "text", "s": "Text " }, { "t": "strong", "c": [ { "t": "text", "s": "strong" } ] },
                            { "t": "emph", "c": [ { "t": "text", "s": "emph" } ] }, { "t": "br" },
                            { "t": "link", "href": "https://example.org", "c": [ { "t": "text", "s": "link" } ] },
                            { "t": "code", "s": "code" } ] },
                        { "t": "ul", "items": [ [ { "t": "p", "c": [ { "t": "text", "s": "item" } ] } ] ] },
                        { "t": "ol", "items": [ [ { "t": "p", "c": [ { "t": "text", "s": "item" } ] } ] ] } ] },
                    { "type": "list", "heading": "List", "items": [
                        { "text": [ { "t": "p", "c": [ { "t": "text", "s": "Entry." } ] } ], "picture": null, "picture_alt": null, "meta": ["Who: A"] } ] },
                    { "type": "contacts", "heading": "Contacts", "items": [
                        { "name": "Line", "phone": "0800 000 000", "tel": "+44800000000", "when": "Always", "note": null } ] },
                    { "type": "facts", "heading": "Facts", "items": [
                        { "label": "Label", "value": [ { "t": "p", "c": [ { "t": "text", "s": "Value" } ] } ] } ] },
                    { "type": "table", "caption": "Table", "columns": ["A", "B"], "rows": [["1", "2"]] } ] },
                { "id": "words", "heading": "Words", "picture": null, "intro": null, "blocks": [] }
            ]
        });
        let json = serde_json::to_vec(&view).map_err(|e| e.to_string())?;
        for format in Format::ALL {
            self.render(format, &json)?;
        }
        Ok(())
    }

    /// Replaces characters that no loaded font has with a white square (□), and says which
    /// they were. Typst would refuse to export the whole PDF/UA document for one emoji; the
    /// person should still get their copy, the web copy shows every character, and the
    /// warning names the characters so that a team can add a font that covers them.
    fn cover(&self, view: &mut serde_json::Value) -> Option<String> {
        let mut missing: BTreeMap<char, String> = BTreeMap::new();
        let mut known: HashMap<char, bool> = HashMap::new();
        let fonts = &self.fonts;
        let mut covered = |c: char| {
            *known.entry(c).or_insert_with(|| {
                c.is_whitespace()
                    || is_default_ignorable(c)
                    || fonts.iter().any(|f| f.info().coverage.contains(c as u32))
            })
        };
        replace_strings(view, &mut |s| {
            // The marks of English words (see `words::EN_START`) never print: the words become
            // a left-to-right isolate (U+2066 ... U+2069), so that in an Urdu or Arabic copy an
            // English sentence keeps its full stop at its end. The PDF does not yet tag them
            // as English (the web page does).
            let unmarked;
            let s = if s.contains([crate::words::EN_START, crate::words::EN_END]) {
                unmarked = s
                    .replace(crate::words::EN_START, "\u{2066}")
                    .replace(crate::words::EN_END, "\u{2069}");
                if unmarked.chars().all(&mut covered) {
                    return Some(unmarked);
                }
                unmarked.as_str()
            } else {
                s
            };
            if s.chars().all(&mut covered) {
                return None;
            }
            let sample: String = s.chars().take(40).collect();
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if covered(c) {
                    out.push(c);
                } else {
                    missing.entry(c).or_insert_with(|| sample.clone());
                    // A modifier or joiner inside an emoji sequence would make a second box.
                    if !out.ends_with(MISSING) {
                        out.push(MISSING);
                    }
                }
            }
            Some(out)
        });
        if missing.is_empty() {
            return None;
        }
        let list: Vec<String> = missing
            .iter()
            .take(12)
            .map(|(c, sample)| format!("{c} (U+{:04X}) in {sample:?}", *c as u32))
            .collect();
        Some(format!(
            "no font has {} of the characters, so they show as {MISSING} in the PDF: {}{}; add a font that covers them to styles/fonts",
            missing.len(),
            list.join(", "),
            if missing.len() > 12 { ", ..." } else { "" }
        ))
    }

    fn render_inner(
        &self,
        format: Format,
        doc_json: &[u8],
    ) -> Result<(Vec<u8>, Vec<String>), String> {
        let mut prepared = prepare_view(doc_json)?;
        if format == Format::CrisisCard {
            card_breaks(&mut prepared.view, false);
        }
        let coverage = self.cover(&mut prepared.view);
        let main = match format {
            Format::LargePrint => self.large_print.clone(),
            Format::EasyRead => self.easy_read.clone(),
            Format::CrisisCard => self.crisis_card.clone(),
        };
        let json = serde_json::to_vec(&prepared.view).map_err(|e| e.to_string())?;
        if prepared.plan_id != "template-check" {
            // Only plans' documents: not the sample `check_templates` renders.
            super::dump::document(format.name(), &json);
        }
        let world = DocWorld {
            renderer: self,
            main,
            data: Bytes::new(json),
        };

        let compiled = timings::time(Stage::Compile, || typst::compile::<PagedDocument>(&world));
        let mut warnings: Vec<String> = compiled
            .warnings
            .iter()
            .map(|w| world.describe_one(w))
            .collect();
        warnings.dedup();
        warnings.extend(coverage);
        let document = compiled
            .output
            .map_err(|errors| world.describe(format, &errors))?;

        let options = PdfOptions {
            // Each copy its own id: a records system filing by DocumentID must not take the
            // copy for a carer for the person's own.
            ident: Smart::Custom(if prepared.copy.is_empty() {
                format!("ourplan/{}/{}", prepared.plan_id, format.name())
            } else {
                format!(
                    "ourplan/{}/{}/{}",
                    prepared.plan_id,
                    format.name(),
                    prepared.copy
                )
            }),
            creator: Smart::Custom(Some("ourplan".into())),
            timestamp: Some(Timestamp::new_utc(prepared.date)),
            page_ranges: None,
            standards: PdfStandards::new(&[PdfStandard::Ua_1])
                .map_err(|e| format!("PDF/UA-1 setup: {}", e.message()))?,
            tagged: true,
            pretty: false,
        };
        let pdf = timings::time(Stage::Export, || typst_pdf::pdf(&document, &options))
            .map_err(|errors| world.describe(format, &errors))?;
        Ok((super::outlines::show_outlines(pdf), warnings))
    }
}

/// The world for one document: the renderer's fonts, library and pictures,
/// plus one template and one `/data.json`.
struct DocWorld<'a> {
    renderer: &'a Renderer,
    main: Source,
    data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            // Only the template is typst code; nothing else may be imported.
            Err(refuse(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == self.renderer.data_id {
            Ok(self.data.clone())
        } else if let Some(svg) = self.renderer.pictures.get(&id) {
            Ok(svg.clone())
        } else {
            Err(refuse(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Never the clock: output must depend on the input only.
        None
    }
}

impl DocWorld<'_> {
    /// Turns typst diagnostics into one message, `file:line:col: message`.
    fn describe(&self, format: Format, diags: &[SourceDiagnostic]) -> String {
        let mut out = format!("{} PDF failed:", format.name());
        for diag in diags.iter().filter(|d| d.severity == Severity::Error) {
            out.push_str("\n  ");
            out.push_str(&self.describe_one(diag));
        }
        out
    }

    /// One diagnostic as `file:line:col: message (hint: ...)`.
    fn describe_one(&self, diag: &SourceDiagnostic) -> String {
        let mut out = String::new();
        if let (Some(id), Some(range)) = (diag.span.id(), self.range(diag.span)) {
            let path = id.vpath().get_without_slash().to_string();
            let line_col = if id == self.main.id() {
                self.main.lines().byte_to_line_column(range.start)
            } else if id == self.renderer.data_id {
                line_column(self.data.as_slice(), range.start)
            } else {
                None
            };
            match line_col {
                Some((l, c)) => {
                    let _ = write!(out, "{path}:{}:{}: ", l + 1, c + 1);
                }
                None => {
                    let _ = write!(out, "{path}: ");
                }
            }
        }
        out.push_str(&diag.message);
        for hint in &diag.hints {
            let _ = write!(out, " (hint: {})", hint.v);
        }
        out
    }
}

fn line_column(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let before = bytes.get(..at)?;
    let line = before.iter().filter(|&&b| b == b'\n').count();
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count();
    Some((line, col))
}

fn refuse(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => {
            FileError::Other(Some(format!("packages are not available ({spec})").into()))
        }
        VirtualRoot::Project => FileError::AccessDenied,
    }
}

fn project_file(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("bad virtual path {path}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The view after checking, ready for the template.
struct PreparedView {
    view: serde_json::Value,
    plan_id: String,
    /// The copy's folder (`for-…`), or empty for the person's own.
    copy: String,
    date: Datetime,
}

// ---- the crisis card's narrow parts ----

/// Words a reader sees: the text runs of rich text and a contact's words. Never addresses
/// (`tel`, `href`), names of pictures or ids.
const CARD_WORDS: [&str; 6] = ["s", "name", "detail", "when", "heading", "title"];

/// Gives a card's view a break chance (a zero-width space) every 10 letters in any run of
/// more than 14 without a space (a pasted link, a very long word), so that it wraps inside the
/// card's narrow parts instead of running over a fold. Only the words a reader sees.
fn card_breaks(v: &mut serde_json::Value, words: bool) {
    match v {
        serde_json::Value::String(s) if words => *s = break_long_runs(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| card_breaks(x, words)),
        serde_json::Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                // `html` is the web page's; typst reads only the blocks.
                if k != "html" && k != "svg" {
                    card_breaks(x, CARD_WORDS.contains(&k.as_str()));
                }
            }
        }
        _ => {}
    }
}

fn break_long_runs(s: &str) -> String {
    const LONG: usize = 14;
    const EVERY: usize = 10;
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = part.chars().collect();
        if chars.len() <= LONG {
            out.push_str(part);
            continue;
        }
        for (j, c) in chars.iter().enumerate() {
            if j > 0 && j % EVERY == 0 {
                out.push('\u{200B}');
            }
            out.push(*c);
        }
    }
    out
}

/// Checks the few fields the PDF cannot do without, and cleans every string:
/// control characters are dropped (tab becomes a space; `\r\n` and `\r`
/// become `\n`); private-use and non-characters become U+FFFD. A PDF/UA file
/// may not contain them, and typst would refuse to export.
///
/// (Long words are the template's job: a show rule lets any run of 30
/// characters without a space wrap.)
fn prepare_view(doc_json: &[u8]) -> Result<PreparedView, String> {
    let mut view: serde_json::Value = serde_json::from_slice(doc_json)
        .map_err(|e| format!("document view is not valid JSON: {e}"))?;
    clean_value(&mut view);

    let obj = view
        .as_object()
        .ok_or("document view must be a JSON object")?;
    let text = |key: &str| {
        obj.get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .unwrap_or("")
    };
    if text("title").is_empty() {
        return Err("document view has no title (PDF/UA needs one)".into());
    }
    let lang = text("lang");
    let primary = lang.split('-').next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!(
            "document view lang {lang:?} is not a language tag like en-GB (PDF/UA needs one)"
        ));
    }
    let date_iso = text("date_iso");
    let date = parse_date(date_iso).ok_or_else(|| {
        format!("document view date_iso {date_iso:?} is not a date like 2026-03-14")
    })?;
    let plan_id = text("plan_id").to_string();
    let copy = text("copy").to_string();

    Ok(PreparedView {
        view,
        plan_id,
        copy,
        date,
    })
}

fn parse_date(s: &str) -> Option<Datetime> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Datetime::from_ymd(i32::from(y), u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Shown in a PDF instead of a character no font has.
const MISSING: char = '\u{25A1}';

/// Replaces every string `f` returns a new value for.
fn replace_strings(v: &mut serde_json::Value, f: &mut impl FnMut(&str) -> Option<String>) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(new) = f(s) {
                *s = new;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| replace_strings(i, f)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| replace_strings(i, f)),
        _ => {}
    }
}

fn clean_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) if s.chars().any(needs_work) => *s = clean_text(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_value),
        _ => {}
    }
}

/// Characters that are never drawn (joiners, variation selectors, ...).
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

fn needs_work(c: char) -> bool {
    c.is_control() && c != '\n' || is_private_or_nonchar(c) && !is_english_mark(c)
}

/// The marks of English words (see `words::EN_START`): kept here, taken out by `cover`.
fn is_english_mark(c: char) -> bool {
    c == crate::words::EN_START || c == crate::words::EN_END
}

pub(crate) fn is_private_or_nonchar(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF) || (u & 0xFFFE) == 0xFFFE
}

fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c if is_english_mark(c) => out.push(c),
            c if is_private_or_nonchar(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
/// Reads every font file in `dir` (sorted by file name).
pub fn read_font_dir(dir: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut paths = list_dir(dir)?;
    paths.retain(|p| {
        matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("ttf" | "otf" | "ttc" | "otc")
        )
    });
    paths
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect()
}

#[cfg(test)]
/// Reads `<dir>/pictures.tsv` and the SVGs it names.
pub fn read_picture_dir(dir: &Path) -> Result<BTreeMap<String, Picture>, String> {
    let tsv_path = dir.join("pictures.tsv");
    let tsv =
        std::fs::read_to_string(&tsv_path).map_err(|e| format!("{}: {e}", tsv_path.display()))?;
    let mut pictures = BTreeMap::new();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("name\t"))
        {
            continue;
        }
        let mut cols = line.split('\t');
        let (name, alt) = (
            cols.next().unwrap_or("").trim(),
            cols.next().unwrap_or("").trim(),
        );
        if name.is_empty() || alt.is_empty() {
            return Err(format!(
                "{}:{}: need a name and alt text",
                tsv_path.display(),
                n + 1
            ));
        }
        let svg_path = dir.join(format!("{name}.svg"));
        let svg = std::fs::read(&svg_path).map_err(|e| format!("{}: {e}", svg_path.display()))?;
        pictures.insert(
            name.to_string(),
            Picture {
                svg,
                alt: alt.to_string(),
            },
        );
    }
    for p in list_dir(dir)? {
        if p.extension().is_some_and(|e| e == "svg") {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if !pictures.contains_key(name) {
                return Err(format!(
                    "{}: not listed in pictures.tsv (no alt text)",
                    p.display()
                ));
            }
        }
    }
    Ok(pictures)
}

#[cfg(test)]
fn list_dir(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The real renderer: vendored fonts and pictures, built-in templates.
    fn renderer() -> &'static Renderer {
        static R: OnceLock<Renderer> = OnceLock::new();
        R.get_or_init(|| {
            let styles = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles");
            Renderer::from_dirs(
                &[&styles.join("fonts")],
                Some(&styles.join("pictures")),
                Templates::builtin(),
            )
            .unwrap()
        })
    }

    /// A renderer whose large-print template is `template`.
    fn with_template(template: &str) -> Renderer {
        let styles = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles");
        let templates = Templates {
            large_print: template.into(),
            ..Templates::builtin()
        };
        Renderer::from_dirs(
            &[&styles.join("fonts")],
            Some(&styles.join("pictures")),
            templates,
        )
        .unwrap()
    }

    fn view(sections: serde_json::Value) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "lang": "en-GB", "title": "Test plan", "plan_id": "test", "person_name": "Test Person",
            "preferred_name": "Test", "date_iso": "2026-03-14", "date_text": "14 March 2026",
            "audience": { "kind": "person", "name": "Test Person", "notice": ["This copy is for you."] },
            "labels": { "page": "Page", "of": "of", "words_heading": "Words we use" },
            "sections": sections,
        }))
        .unwrap()
    }

    fn para(s: &str) -> serde_json::Value {
        serde_json::json!({ "type": "paragraph", "text": [{ "t": "p", "c": [{ "t": "text", "s": s }] }] })
    }

    const HOSTILE: [&str; 12] = [
        "#read(\"/etc/passwd\")",
        "#import \"@preview/x:1.0.0\"",
        "$x^2$",
        "]",
        "<label>",
        "@ref",
        "//",
        "*bold*",
        "#{panic()}",
        "= heading",
        "\\",
        "```raw```",
    ];

    /// pdftotext's output, or None when poppler is not installed.
    fn pdftotext(pdf: &[u8]) -> Option<String> {
        let dir = std::env::temp_dir().join(format!("ourplan-pdf-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!(
            "{:x}.pdf",
            pdf.len() ^ pdf.iter().map(|&b| b as usize).sum::<usize>()
        ));
        std::fs::write(&path, pdf).ok()?;
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .ok()?;
        let _ = std::fs::remove_file(&path);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).replace('\u{200B}', ""))
    }

    #[test]
    fn only_long_runs_in_a_card_get_break_chances() {
        assert_eq!(break_long_runs("Samaritans 116 123"), "Samaritans 116 123");
        let long = "https://example.org/a/very/long/path";
        let broken = break_long_runs(long);
        assert_eq!(broken.replace('\u{200B}', ""), long);
        assert_eq!(broken.matches('\u{200B}').count(), 3);
        let mut v = serde_json::json!({"tel": "tel:+441134960412", "s": "x".repeat(30)});
        card_breaks(&mut v, false);
        assert_eq!(v["tel"], "tel:+441134960412");
        assert!(v["s"].as_str().unwrap().contains('\u{200B}'));
    }

    #[test]
    fn same_input_same_bytes() {
        let json = view(
            serde_json::json!([{ "id": "a", "heading": "About", "picture": "phone",
            "intro": null, "blocks": [para("Hello.")] }]),
        );
        for format in Format::ALL {
            let a = renderer().render(format, &json).unwrap();
            let b = renderer().render(format, &json).unwrap();
            assert!(a.starts_with(b"%PDF-1.7"));
            assert!(
                a == b,
                "{} output differs between two renders",
                format.name()
            );
        }
    }

    #[test]
    fn parallel_renders_agree() {
        let mut blocks: Vec<_> = (0..40).map(|i| para(&format!("Paragraph {i}."))).collect();
        blocks.push(
            serde_json::json!({ "type": "table", "caption": "T", "columns": ["A", "B"],
            "rows": (0..30).map(|i| [format!("{i}"), "x".into()]).collect::<Vec<_>>() }),
        );
        let json = view(
            serde_json::json!([{ "id": "a", "heading": "About", "picture": "phone",
            "intro": null, "blocks": blocks }]),
        );
        let first = renderer().render(Format::EasyRead, &json).unwrap();
        // Small stacks, as on rayon workers (2 MB) or smaller.
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    std::thread::Builder::new()
                        .stack_size(512 * 1024)
                        .spawn_scoped(s, || renderer().render(Format::EasyRead, &json).unwrap())
                        .unwrap()
                })
                .collect();
            for h in handles {
                assert!(h.join().unwrap() == first);
            }
        });
    }

    #[test]
    fn render_all_keeps_order() {
        let a = view(
            serde_json::json!([{ "id": "a", "heading": "A", "picture": null, "intro": null, "blocks": [para("one")] }]),
        );
        let b = view(
            serde_json::json!([{ "id": "b", "heading": "B", "picture": null, "intro": null, "blocks": [para("two")] }]),
        );
        let jobs = [
            (Format::LargePrint, &a[..]),
            (Format::EasyRead, &b[..]),
            (Format::LargePrint, &b"{"[..]),
            (Format::EasyRead, &a[..]),
        ];
        let out = renderer().render_all(&jobs, 2);
        assert_eq!(out.len(), 4);
        assert!(*out[0].as_ref().unwrap() == renderer().render(Format::LargePrint, &a).unwrap());
        assert!(*out[1].as_ref().unwrap() == renderer().render(Format::EasyRead, &b).unwrap());
        assert!(out[2].as_ref().unwrap_err().contains("not valid JSON"));
        assert!(*out[3].as_ref().unwrap() == renderer().render(Format::EasyRead, &a).unwrap());
    }

    #[test]
    fn user_text_is_never_code() {
        let mut blocks: Vec<_> = HOSTILE.iter().map(|s| para(s)).collect();
        blocks.push(serde_json::json!({ "type": "list", "heading": "#read(\"/etc/passwd\")", "items":
            HOSTILE.iter().map(|s| serde_json::json!({ "text": [{ "t": "p", "c": [{ "t": "text", "s": s }] }],
                "picture": "../../etc/passwd", "picture_alt": s, "meta": [s] })).collect::<Vec<_>>() }));
        blocks.push(para(&format!("START {} END", "W".repeat(10_000))));
        let json = view(
            serde_json::json!([{ "id": "x", "heading": "$x^2$ ] <label>", "picture": "nope",
            "intro": "@ref", "blocks": blocks }]),
        );
        for format in Format::ALL {
            let pdf = renderer()
                .render(format, &json)
                .unwrap_or_else(|e| panic!("{e}"));
            let Some(text) = pdftotext(&pdf) else {
                eprintln!("pdftotext not installed: text not checked");
                return;
            };
            for s in HOSTILE {
                assert!(
                    text.contains(s),
                    "{}: {s:?} missing from the text",
                    format.name()
                );
            }
            assert!(!text.contains("root:"), "a file was read");
            let joined: String = text.split_whitespace().collect();
            assert!(
                joined.contains(&format!("START{}END", "W".repeat(10_000))) || {
                    // Headers and footers interleave with a word that spans pages.
                    text.matches('W').count() >= 10_000
                }
            );
        }
    }

    #[test]
    fn empty_and_odd_values_are_left_out() {
        // UA-1 export refuses empty headings: these must not become any.
        let json = view(serde_json::json!([
            { "id": "a", "heading": "", "picture": null, "intro": "", "blocks": [
                { "type": "list", "heading": "   ", "items": [ { "text": [], "picture": null, "meta": [""] } ] },
                { "type": "contacts", "heading": null, "items": [ { "name": "", "phone": "", "tel": "", "when": "", "note": null } ] },
                { "type": "facts", "heading": "", "items": [ { "label": "", "value": [] } ] },
                { "type": "table", "caption": "", "columns": [], "rows": [] },
                { "type": "table", "caption": " ", "columns": ["A", ""], "rows": [[null, 3, "x"], []] },
                { "type": "unknown" }, 42, null,
                { "type": "paragraph", "text": [ { "t": "p", "c": [ { "t": "text", "s": "" }, { "t": "strong", "c": [] },
                    { "t": "link", "href": "javascript:alert(1)", "c": [] }, { "t": "text", "s": null } ] } ] }
            ] },
            { "id": "b", "heading": null, "picture": "phone", "intro": null, "blocks": [] },
            { "id": "words", "heading": null, "picture": null, "intro": null, "blocks": [] }
        ]));
        for format in Format::ALL {
            renderer()
                .render(format, &json)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn bad_views_are_refused_clearly() {
        let r = renderer();
        assert!(
            r.render(Format::LargePrint, b"{")
                .unwrap_err()
                .contains("not valid JSON")
        );
        let mut v: serde_json::Value =
            serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
        v["title"] = "  ".into();
        let err = r
            .render(Format::LargePrint, &serde_json::to_vec(&v).unwrap())
            .unwrap_err();
        assert!(err.contains("no title"), "{err}");
        v["title"] = "T".into();
        v["date_iso"] = "2026-02-30".into();
        let err = r
            .render(Format::EasyRead, &serde_json::to_vec(&v).unwrap())
            .unwrap_err();
        assert!(err.contains("date_iso"), "{err}");
    }

    #[test]
    fn the_world_serves_nothing_else() {
        let json = view(serde_json::json!([]));
        for (template, want) in [
            ("#read(\"/etc/passwd\")", "access denied"),
            ("#read(\"../../../etc/passwd\")", "escape the project root"),
            (
                "#import \"@preview/cetz:0.3.0\"",
                "packages are not available",
            ),
            ("#include \"/data.json\"", "access denied"),
            (
                "#image(\"/pictures/nope.svg\", alt: \"x\")",
                "access denied",
            ),
            ("#datetime.today()", "current date"),
        ] {
            let err = with_template(&format!("#set document(title: \"t\")\n{template}"))
                .render(Format::LargePrint, &json)
                .unwrap_err();
            assert!(err.to_lowercase().contains(want), "{template}: {err}");
        }
        // What it does serve.
        let ok = with_template(
            "#set document(title: \"t\")\n#set text(lang: \"en\")\n= T\n#json(\"/data.json\").title\n\
             #image(\"/pictures/phone.svg\", width: 1cm, alt: sys.inputs.pictures.phone)",
        );
        ok.render(Format::LargePrint, &json).unwrap();
    }

    #[test]
    fn characters_without_a_font_become_boxes_and_are_named() {
        let mut v: serde_json::Value =
            serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
        v["person_name"] = "张伟 🌱".into();
        let (pdf, warnings) = renderer()
            .render_with_warnings(Format::LargePrint, &serde_json::to_vec(&v).unwrap())
            .unwrap();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("U+5F20") && w.contains("add a font")),
            "{warnings:?}"
        );
        // The emoji has a font now (Noto Emoji): only the Chinese letters are boxes.
        assert!(
            !warnings.iter().any(|w| w.contains("U+1F331")),
            "{warnings:?}"
        );
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains("\u{25A1}") && !text.contains('张'), "{text}");
            assert!(text.contains('🌱'), "{text}");
        }
    }

    /// A word the copy's language lacks is English, marked by the view; the marks never
    /// print (as a box or otherwise).
    #[test]
    fn english_words_in_another_language_print_without_their_marks() {
        let mut v: serde_json::Value =
            serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
        v["lang"] = "cy".into();
        v["title"] = "\u{E000}Sam's care and support plan\u{E001}".into();
        v["labels"]["page"] = "\u{E000}Page\u{E001}".into();
        // (The crisis card has no page numbers; it has its own tests.)
        for format in [Format::LargePrint, Format::EasyRead] {
            let (pdf, warnings) = renderer()
                .render_with_warnings(format, &serde_json::to_vec(&v).unwrap())
                .unwrap();
            assert!(warnings.is_empty(), "{warnings:?}");
            if let Some(text) = pdftotext(&pdf) {
                // The English words are left-to-right isolates (U+2066 ... U+2069), which
                // pdftotext keeps; they print as nothing.
                let text = text.replace(['\u{2066}', '\u{2069}'], "");
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(text.contains("Sam's care and support plan"), "{text}");
                assert!(text.contains("Page 1"), "{text}");
                assert!(
                    !text.contains('\u{FFFD}') && !text.contains('\u{E000}'),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn builtin_templates_pass_their_check_and_broken_ones_fail() {
        renderer().check_templates().unwrap();
        let err = with_template("#let x = (").check_templates().unwrap_err();
        assert!(
            err.starts_with("large-print PDF failed:\n  large-print.typ:1:"),
            "{err}"
        );
    }

    #[test]
    fn cleans_text() {
        assert_eq!(clean_text("a\r\nb\tc\u{7}d\u{E123}"), "a\nb cd\u{FFFD}");
    }

    #[test]
    fn parses_dates() {
        assert!(parse_date("2026-03-14").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("14 March 2026").is_none());
        assert!(parse_date("2026-3-14").is_none());
    }
}
