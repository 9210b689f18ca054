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
//! strings. The world serves exactly four kinds of file: the template,
//! `/helpers.typ` (what the templates share, the one import allowed),
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

#[cfg(test)]
mod dirs;
mod dump;
mod inputs;
pub mod memo;
mod prepare;
#[cfg(test)]
mod tests;
mod world;
#[cfg(test)]
pub use dirs::*;
pub use inputs::*;
use prepare::*;
pub(crate) use prepare::{is_default_ignorable, is_private_or_nonchar};
use world::*;

/// The formats of a copy, declared once in `plan`: this renderer makes the paged ones
/// ([`Format::PAGED`]) and refuses `html`.
pub use crate::plan::Format;

/// A PDF and typst's warnings, or, when the view took more pages than allowed, how many it
/// took (then nothing was exported).
pub type Fitted = Result<(Vec<u8>, Vec<String>), usize>;

/// Compiles document views into PDFs. Build once, share, render many.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    large_print: Source,
    easy_read: Source,
    crisis_card: Source,
    /// `/helpers.typ`, the one file a template may import.
    helpers: Source,
    data_id: FileId,
    /// FileId of `/pictures/<name>.svg` -> SVG bytes.
    pictures: HashMap<FileId, Bytes>,
    /// Page counts of cards laid out before ([`pages_of`](Self::pages_of)).
    memo: Option<memo::PageMemo>,
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
        dump::renderer(&fonts, &templates, &pictures);
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
            helpers: Source::new(project_file("/helpers.typ")?, templates.helpers),
            data_id: project_file("/data.json")?,
            pictures: picture_files,
            memo: None,
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
        self.render_view(format, parse_view(doc_json)?)
    }

    /// Like [`render_with_warnings`](Self::render_with_warnings), for a view made in this
    /// process (`serde_json::to_value` of a `Document`): it is cleaned and written once for
    /// typst, never written out and read back first.
    pub fn render_view(
        &self,
        format: Format,
        view: serde_json::Value,
    ) -> Result<(Vec<u8>, Vec<String>), String> {
        // Typst needs more stack than a rayon worker's 2 MB once rayon
        // nests work: a worker waiting inside typst's own parallel layout
        // steals another plan's render and runs it on top of the same stack
        // (seen: "thread has overflowed its stack" with 250 plans on
        // `par_iter`). So make sure there is room, on a fresh stack if needed.
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || {
            self.render_inner(format, view)
        });
        // Memoised results would otherwise pile up (1.8 GB per 1,000 docs).
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    /// How many pages a view takes in `format`: laid out, never exported. `check` uses it
    /// to say when a crisis card does not fit its sheet, before anything is built.
    pub fn pages(&self, format: Format, doc_json: &[u8]) -> Result<usize, String> {
        self.pages_of(format, parse_view(doc_json)?)
    }

    /// Like [`pages`](Self::pages), for a view made in this process.
    pub fn pages_of(&self, format: Format, view: serde_json::Value) -> Result<usize, String> {
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || {
            let mut prepared = prepare_view(view)?;
            if format == Format::CrisisCard {
                card_breaks(&mut prepared.view, false);
            }
            let _ = self.cover(&mut prepared.view);
            let main = self.template(format)?;
            let json = serde_json::to_vec(&prepared.view).map_err(|e| e.to_string())?;
            let key = self.memo.as_ref().map(|m| m.key(format.word(), &json));
            if let (Some(m), Some(key)) = (&self.memo, &key)
                && let Some(n) = m.get(key)
            {
                timings::count(Stage::CardRemembered);
                return Ok(n);
            }
            let world = DocWorld {
                renderer: self,
                main,
                data: Bytes::new(json),
            };
            let n = timings::time(Stage::CardLayout, || {
                typst::compile::<PagedDocument>(&world)
            })
            .output
            .map(|d| d.pages().len())
            .map_err(|errors| world.describe(format, &errors))?;
            if let (Some(m), Some(key)) = (&self.memo, key) {
                m.put(key, n);
            }
            Ok(n)
        });
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    /// Remembers page counts in `memo` ([`pages_of`](Self::pages_of) looks there first);
    /// [`save_page_memo`](Self::save_page_memo) keeps them for the next run.
    pub fn with_page_memo(mut self, memo: memo::PageMemo) -> Self {
        self.memo = Some(memo);
        self
    }

    /// Writes the page counts found in this run back to the memo's file, if there is one.
    pub fn save_page_memo(&self) {
        if let Some(m) = &self.memo {
            m.save();
        }
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
        for format in Format::PAGED {
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

    /// The template that lays a view out in `format`; none for the web page.
    fn template(&self, format: Format) -> Result<Source, String> {
        match format {
            Format::LargePrint => Ok(self.large_print.clone()),
            Format::EasyRead => Ok(self.easy_read.clone()),
            Format::CrisisCard => Ok(self.crisis_card.clone()),
            Format::Html => Err("a web page is not made by the PDF renderer".to_string()),
        }
    }

    /// Like [`render_view`](Self::render_view), but when the view takes more than
    /// `most_pages` pages it is not exported, and `Ok(Err(pages))` says how many it takes:
    /// one layout says both whether a crisis card fits and, when it does, makes it.
    pub fn render_view_fitting(
        &self,
        format: Format,
        view: serde_json::Value,
        most_pages: usize,
    ) -> Result<Fitted, String> {
        let result = stacker::maybe_grow(STACK_RED_ZONE, STACK_SIZE, || {
            self.render_inner_fitting(format, view, Some(most_pages))
        });
        typst::comemo::evict(EVICT_MAX_AGE);
        result
    }

    fn render_inner(
        &self,
        format: Format,
        view: serde_json::Value,
    ) -> Result<(Vec<u8>, Vec<String>), String> {
        // With no page limit, every laid-out view is exported.
        self.render_inner_fitting(format, view, None)?
            .map_err(|pages| format!("{pages} pages, though no limit was set"))
    }

    fn render_inner_fitting(
        &self,
        format: Format,
        view: serde_json::Value,
        most_pages: Option<usize>,
    ) -> Result<Fitted, String> {
        let mut prepared = prepare_view(view)?;
        if format == Format::CrisisCard {
            card_breaks(&mut prepared.view, false);
        }
        let coverage = self.cover(&mut prepared.view);
        let main = self.template(format)?;
        let json = serde_json::to_vec(&prepared.view).map_err(|e| e.to_string())?;
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
        if let Some(most) = most_pages
            && document.pages().len() > most
        {
            return Ok(Err(document.pages().len()));
        }
        if prepared.plan_id != "template-check" {
            // Only the documents of plans that are made: not the sample `check_templates`
            // renders, nor a card too long to make.
            dump::document(format.word(), world.data.as_slice());
        }

        let options = PdfOptions {
            // Each copy its own id: a records system filing by DocumentID must not take the
            // copy for a carer for the person's own.
            ident: Smart::Custom(if prepared.copy.is_empty() {
                format!("ourplan/{}/{}", prepared.plan_id, format.word())
            } else {
                format!(
                    "ourplan/{}/{}/{}",
                    prepared.plan_id,
                    format.word(),
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
        Ok(Ok((super::outlines::show_outlines(pdf), warnings)))
    }
}
