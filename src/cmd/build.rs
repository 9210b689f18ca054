//! `ourplan build [PATH ...]`: checks every plan, then writes a self-contained folder per
//! person: `out/<plan-id>/index.html` with its styles and fonts, and a `for-<name>/` copy for
//! each person they chose to share with. Plans with errors are not built; the others are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::TypedValueParser;

use super::check::{CheckArgs, Checked, failed, print_diags};
use crate::assets::Assets;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{OutFile, write_folder};
use crate::plan::{Format, Plan};
use crate::render::html::HtmlRenderer;
use crate::render::pdf;
use crate::settings::Settings;
use crate::timings::{self, Stage};
use crate::views::{self, Audience, Variant};

#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// Plan files or folders. Default: the plans folder of the project here.
    #[arg(value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Where to write the copies. Default: the project's output folder (`out`).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Which copies to make, for everyone: `html`, `large-print`, `easy-read` (comma-separated),
    /// or `all`. Default: the web page plus what each person asked for in `person.formats`, and
    /// for each person they share with, the formats of that sharing entry.
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_parser = FormatParser)]
    pub format: Vec<Wanted>,
    /// Build every plan, even those whose inputs have not changed since the last build.
    #[arg(long)]
    pub force: bool,
    /// Treat warnings as errors: a plan with warnings is not built.
    #[arg(long)]
    pub strict: bool,
    /// The date to use as today for date rules, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
    /// How to show problems: human, short, json, github or sarif.
    #[arg(long, value_enum, default_value = "human")]
    pub diagnostics: crate::diagnostic::Format,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: super::check::ColorChoice,
    /// Build only share K of N of the plans (by plan id, the same share every time), for a
    /// build split across CI runners: `--shard 1/4` ... `--shard 4/4` together make what one
    /// build makes. The other plans are left alone.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
}

/// Reads `--shard K/N`.
fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let bad = || format!("`{s}` is not a shard: write K/N, for example 1/4 (K from 1 to N)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (u64, u64) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// True when the plan `id` is in share `k` of `n`: a stable hash of the id (FNV-1a), so every
/// runner agrees without talking to the others.
pub fn in_shard(id: &str, (k, n): (u64, u64)) -> bool {
    use std::hash::Hasher as _;
    let mut h = fnv::FnvHasher::default();
    h.write(id.as_bytes());
    h.finish() % n == k - 1
}

/// A format asked for on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    One(Format),
    All,
}

/// Reads `--format`, and offers its words to shells (not file names).
#[derive(Clone)]
struct FormatParser;

impl TypedValueParser for FormatParser {
    type Value = Wanted;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Wanted, clap::Error> {
        let parse: fn(&str) -> Result<Wanted, String> = parse_format;
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let words = Format::ALL.iter().map(|f| f.word()).chain(["all"]);
        Some(Box::new(words.map(clap::builder::PossibleValue::new)))
    }
}

fn parse_format(s: &str) -> Result<Wanted, String> {
    match s.trim() {
        "all" => Ok(Wanted::All),
        w => Format::from_word(w).map(Wanted::One).ok_or_else(|| {
            format!("`{w}` is not a format: use html, large-print, easy-read or all")
        }),
    }
}

impl BuildArgs {
    fn check_args(&self) -> CheckArgs {
        CheckArgs {
            paths: self.paths.clone(),
            stdin_filename: None,
            format: self.diagnostics,
            strict: self.strict,
            today: self.today,
            sharing: false,
            color: self.color,
        }
    }
}

/// Which formats of the person's own copy to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formats {
    /// HTML plus what the person asked for.
    Default,
    /// Exactly these.
    These(Vec<Format>),
}

impl Formats {
    fn from_args(wanted: &[Wanted]) -> Formats {
        if wanted.is_empty() {
            Formats::Default
        } else if wanted.contains(&Wanted::All) {
            Formats::These(Format::ALL.to_vec())
        } else {
            let mut f: Vec<Format> = wanted
                .iter()
                .filter_map(|w| match w {
                    Wanted::One(f) => Some(*f),
                    Wanted::All => None,
                })
                .collect();
            f.sort();
            f.dedup();
            Formats::These(f)
        }
    }

    /// The formats of a copy for someone else: what they asked for, unless the command line
    /// named the formats to make.
    pub fn for_recipient(&self, share: &crate::plan::Share) -> Vec<Format> {
        match self {
            Formats::These(f) => f.clone(),
            Formats::Default => views::recipient_formats(share),
        }
    }

    pub fn for_person(&self, plan: &Plan) -> Vec<Format> {
        match self {
            Formats::These(f) => f.clone(),
            Formats::Default => {
                let mut f = vec![Format::Html];
                f.extend(plan.person.formats.iter().map(|x| x.value));
                f.sort();
                f.dedup();
                f
            }
        }
    }
}

/// Where the inputs' fingerprints of the last build are kept, inside the output folder.
const STAMPS: &str = crate::output::BUILD_DIR;

/// What the last good build of a plan recorded, in `out/.ourplan-build/<id>`.
#[derive(Debug, Default, PartialEq)]
struct Stamp {
    /// The fingerprint of everything the copies were made from.
    print: String,
    /// The day the plan was last checked: date rules may say more on another day.
    today: String,
    /// The plan had no problems at all, not even warnings, that day.
    clean: bool,
    /// The files written for it, inside its folder.
    files: Vec<String>,
}

impl Stamp {
    fn read(out_dir: &Path, id: &str) -> Option<Stamp> {
        let text = std::fs::read_to_string(out_dir.join(STAMPS).join(id)).ok()?;
        let mut stamp = Stamp::default();
        for line in text.lines() {
            let (key, value) = line.split_once(' ')?;
            match key {
                "print" => stamp.print = value.to_string(),
                "today" => stamp.today = value.to_string(),
                "clean" => stamp.clean = value == "yes",
                "file" => stamp.files.push(value.to_string()),
                _ => return None,
            }
        }
        (!stamp.print.is_empty() && !stamp.files.is_empty()).then_some(stamp)
    }

    fn write(&self, out_dir: &Path, id: &str) -> std::io::Result<()> {
        let mut text = format!(
            "print {}\ntoday {}\nclean {}\n",
            self.print,
            self.today,
            if self.clean { "yes" } else { "no" }
        );
        for f in &self.files {
            text.push_str(&format!("file {f}\n"));
        }
        std::fs::create_dir_all(out_dir.join(STAMPS))?;
        crate::output::write_atomic(&out_dir.join(STAMPS).join(id), text.as_bytes())
    }

    /// True when the copies were made from exactly these inputs and are all still there.
    fn copies_fresh(&self, out_dir: &Path, id: &str, print: &str) -> bool {
        self.print == print
            && self
                .files
                .iter()
                .all(|f| out_dir.join(id).join(f).is_file())
    }
}

/// True when a plan need not even be read again: its copies are fresh, and on this same day
/// it had no problems at all (so there is nothing to show, even with `--strict`).
fn needs_no_check(out_dir: &Path, id: &str, print: &str, today: &str) -> bool {
    Stamp::read(out_dir, id)
        .is_some_and(|s| s.clean && s.today == today && s.copies_fresh(out_dir, id, print))
}

/// What happened to one plan.
pub enum Outcome {
    Built(Vec<String>),
    Skipped,
}

/// A fingerprint of everything a plan's copies are made from: the plan, the settings, every
/// template, style, font and picture, and this version of ourplan.
fn fingerprint(source: &str, settings: &Settings, assets_print: &str, formats: &Formats) -> String {
    let mut h = crate::output::Fingerprint::default();
    h.part(source.as_bytes())
        .part(env!("CARGO_PKG_VERSION").as_bytes())
        .part(assets_print.as_bytes())
        .part(format!("{formats:?}").as_bytes())
        .part(
            serde_json::to_string(settings)
                .unwrap_or_default()
                .as_bytes(),
        );
    h.hex()
}

/// Everything needed to build one plan, shared by all plans of a run.
pub struct Builder<'a> {
    pub assets: &'a Assets,
    pub html: HtmlRenderer,
    pub pdf: &'a pdf::Renderer,
    pub settings: &'a Settings,
    pub formats: &'a Formats,
    pub language: &'a crate::language::Language,
}

/// The PDF renderer for a project's fonts, pictures and templates (built once a run).
pub fn pdf_renderer(assets: &Assets) -> Result<pdf::Renderer, String> {
    let fonts: Vec<Vec<u8>> = assets
        .under("styles/fonts")
        .filter(|(name, _)| name.ends_with(".ttf") || name.ends_with(".otf"))
        .map(|(_, bytes)| bytes.to_vec())
        .collect();
    let text = |name: &str| {
        assets
            .text(name)
            .map(str::to_string)
            .ok_or_else(|| format!("{name} is missing or is not UTF-8"))
    };
    let templates = pdf::Templates {
        large_print: text("templates/large-print.typ")?,
        easy_read: text("templates/easy-read.typ")?,
        crisis_card: text("templates/crisis-card.typ")?,
    };
    let pictures = assets
        .pictures()
        .iter()
        .filter_map(|(name, alt)| {
            let svg = assets.get(&format!("styles/pictures/{name}.svg"))?;
            Some((
                name.clone(),
                pdf::Picture {
                    svg: svg.to_vec(),
                    alt: alt.clone(),
                },
            ))
        })
        .collect();
    let renderer = pdf::Renderer::new(fonts, templates, pictures)?;
    renderer.check_templates()?;
    Ok(renderer)
}

impl Builder<'_> {
    /// Every file of one plan's folder: the person's own copy at the top, and a `for-<name>/`
    /// folder for each person they share with.
    /// Also returns warnings to show (characters no font has, say).
    /// `news` lists what changed since the last review, for the person's own copy.
    pub fn files(
        &self,
        plan: &Plan,
        id: &str,
        news: &[String],
    ) -> Result<(Vec<OutFile>, Vec<String>), String> {
        let mut made = (Vec::new(), Vec::new());
        let own = self.formats.for_person(plan);
        self.copy(plan, id, (Audience::Person, news), "", &own, &mut made)?;
        for (share, slug) in views::recipients(plan) {
            let formats = self.formats.for_recipient(share);
            let left_out = self.copy(
                plan,
                id,
                (Audience::Recipient(share), &[]),
                &slug,
                &formats,
                &mut made,
            )?;
            if left_out > 0 {
                made.1.push(format!(
                    "{slug}: {left_out} item{} left out, see `ourplan check --sharing`",
                    if left_out == 1 { "" } else { "s" }
                ));
            }
        }
        let (files, mut notes) = made;
        notes.dedup();
        Ok((files, notes))
    }

    /// One audience's copy, in `folder` ("" for the top), in each of `formats`. Returns how
    /// many items the copy leaves out of the sections it shows.
    fn copy(
        &self,
        plan: &Plan,
        id: &str,
        (audience, news): (Audience, &[String]),
        folder: &str,
        formats: &[Format],
        (files, notes): &mut (Vec<OutFile>, Vec<String>),
    ) -> Result<usize, String> {
        let mut left_out = 0;
        // Each copy's folder is whole on its own, styles and fonts too: a carer can be given
        // their folder without the one above it, which holds the person's full copy.
        let (prefix, root) = if folder.is_empty() {
            (String::new(), "")
        } else {
            (format!("{folder}/"), "")
        };
        if formats.contains(&Format::Html) || formats.contains(&Format::CrisisCard) {
            files.extend(self.web_assets(&prefix, &views::copy_language(plan, audience)));
        }
        for format in formats {
            if *format == Format::CrisisCard {
                self.crisis_card(plan, id, audience, folder, formats, (files, notes))?;
                continue;
            }
            let mut doc = timings::time(Stage::Views, || {
                views::build(
                    plan,
                    id,
                    audience,
                    Variant::from(*format),
                    self.settings,
                    self.assets,
                    self.language,
                )
            });
            views::add_news(&mut doc, news);
            left_out = left_out.max(doc.left_out.len());
            doc.copy = folder.to_string();
            // A copy with a web page and an easy-read form also gets an easy-read web page,
            // with its pictures: `easy-read.html`, beside `index.html`.
            if *format == Format::EasyRead && formats.contains(&Format::Html) {
                doc.other_copies =
                    other_copies(id, folder, formats, audience, doc.labels, EASY_PAGE);
                files.extend(self.pictures(&prefix, &doc.pictures()));
                files.push(OutFile {
                    rel: format!("{prefix}{EASY_PAGE}"),
                    bytes: self.html.render(&doc, root)?.into_bytes(),
                    shared: false,
                });
            }
            let (name, bytes) = match format {
                Format::Html => {
                    doc.other_copies =
                        other_copies(id, folder, formats, audience, doc.labels, "index.html");
                    (
                        "index.html".to_string(),
                        timings::time(Stage::Html, || self.html.render(&doc, root))?.into_bytes(),
                    )
                }
                Format::CrisisCard => continue,
                Format::LargePrint | Format::EasyRead => {
                    let kind = if *format == Format::LargePrint {
                        pdf::Format::LargePrint
                    } else {
                        pdf::Format::EasyRead
                    };
                    let json = serde_json::to_vec(&doc).map_err(|e| e.to_string())?;
                    let (bytes, warnings) = self
                        .pdf
                        .render_with_warnings(kind, &json)
                        .map_err(|e| format!("the {} PDF could not be made: {e}", format.word()))?;
                    notes.extend(
                        warnings
                            .into_iter()
                            .map(|w| format!("{} PDF: {w}", format.word())),
                    );
                    (pdf_name(id, format.word(), folder), bytes)
                }
            };
            files.push(OutFile {
                rel: format!("{prefix}{name}"),
                bytes,
                shared: false,
            });
        }
        Ok(left_out)
    }

    /// The pictures `names` for the easy-read web page, with their licences, in the folder
    /// `prefix` (hard links to one shared copy).
    fn pictures(&self, prefix: &str, names: &[&str]) -> Vec<OutFile> {
        let mut out = Vec::new();
        for (name, bytes) in self.assets.under("styles/pictures") {
            let used = name
                .strip_suffix(".svg")
                .is_some_and(|n| names.contains(&n));
            if used || name.starts_with("LICENSE") {
                out.push(OutFile {
                    rel: format!("{prefix}pictures/{name}"),
                    bytes: bytes.to_vec(),
                    shared: true,
                });
            }
        }
        out
    }

    /// The crisis card of one copy (when its crisis plan is shared), as a PDF and a printable
    /// web page with the pictures it shows. Never cut: a card that needs more than one sheet
    /// is not made, and the error names the fields to shorten (`check` says so first).
    fn crisis_card(
        &self,
        plan: &Plan,
        id: &str,
        audience: Audience,
        folder: &str,
        formats: &[Format],
        (files, notes): (&mut Vec<OutFile>, &mut Vec<String>),
    ) -> Result<(), String> {
        let form = crate::card::form(formats);
        let Some(mut card) = crate::card::for_copy(
            plan,
            id,
            audience,
            form,
            self.settings,
            self.assets,
            self.language,
        ) else {
            return Ok(());
        };
        card.doc.copy = folder.to_string();
        let pages = crate::card::pages(self.pdf, &card)
            .map_err(|e| format!("the crisis card could not be made: {e}"))?;
        if pages > crate::card::MOST_PAGES {
            return Err(format!(
                "the {} crisis card needs {pages} sides of paper, more than one sheet, so it was not made; shorten {}",
                crate::card::form_words(form),
                crate::card::longest_parts(plan).join(", ")
            ));
        }
        let json = crate::card::json(&card)?;
        let (bytes, warnings) = self
            .pdf
            .render_with_warnings(pdf::Format::CrisisCard, &json)
            .map_err(|e| format!("the crisis card could not be made: {e}"))?;
        notes.extend(warnings.into_iter().map(|w| format!("crisis card: {w}")));
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        files.push(OutFile {
            rel: format!(
                "{prefix}{}",
                pdf_name(id, Format::CrisisCard.word(), folder)
            ),
            bytes,
            shared: false,
        });
        files.push(OutFile {
            rel: format!("{prefix}{}", crate::card::PAGE),
            bytes: self.html.render_card(&card, "")?.into_bytes(),
            shared: false,
        });
        // The pictures an easy-read card shows, with their licences.
        let mut shown: Vec<&str> = card
            .doc
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                views::Block::List { items, .. } => Some(items),
                _ => None,
            })
            .flatten()
            .filter_map(|e| e.picture.as_deref())
            .collect();
        shown.sort();
        shown.dedup();
        if !shown.is_empty() {
            for licence in ["LICENSE-healthicons.txt", "LICENSE-tabler.txt"] {
                shown.push(licence);
            }
        }
        for name in shown {
            let file = if name.ends_with(".txt") {
                name.to_string()
            } else {
                format!("{name}.svg")
            };
            if let Some(bytes) = self.assets.get(&format!("styles/pictures/{file}")) {
                files.push(OutFile {
                    rel: format!("{prefix}pictures/{file}"),
                    bytes: bytes.to_vec(),
                    shared: true,
                });
            }
        }
        Ok(())
    }

    /// The style sheet and web fonts, in the folder `prefix` (hard links to one shared copy);
    /// a copy in an Arabic-script language `lang` gets its script's font too.
    fn web_assets(&self, prefix: &str, lang: &str) -> Vec<OutFile> {
        let script = crate::words::script_web_fonts(lang);
        let mut out = Vec::new();
        if let Some(css) = self.assets.get("styles/ourplan.css") {
            out.push(OutFile {
                rel: format!("{prefix}ourplan.css"),
                bytes: css.to_vec(),
                shared: true,
            });
        }
        for (name, bytes) in self.assets.under("styles/fonts") {
            let web_font = name.starts_with("AtkinsonHyperlegibleNext-Regular")
                || name.starts_with("AtkinsonHyperlegibleNext-Bold.")
                || name == "OFL.txt"
                || script.iter().any(|s| *s == name)
                || (!script.is_empty() && name == "OFL-Noto.txt");
            if web_font {
                out.push(OutFile {
                    rel: format!("{prefix}fonts/{name}"),
                    bytes: bytes.to_vec(),
                    shared: true,
                });
            }
        }
        out
    }
}

/// The easy-read web page's file name, beside `index.html`.
pub const EASY_PAGE: &str = "easy-read.html";

/// The links from the web page `page` (`index.html` or [`EASY_PAGE`]) to the other forms of
/// the same copy made in `formats`: the other web page, then the PDFs.
pub fn other_copies(
    id: &str,
    folder: &str,
    formats: &[Format],
    audience: Audience,
    w: &crate::words::Words,
    page: &str,
) -> Vec<views::CopyLink> {
    let mut links = Vec::new();
    let has = |f| formats.contains(&f);
    if has(Format::Html) && has(Format::EasyRead) {
        let (href, text) = if page == EASY_PAGE {
            ("index.html", w.full_page)
        } else {
            (EASY_PAGE, w.easy_read_page)
        };
        links.push(views::CopyLink {
            href: href.to_string(),
            text: text.to_string(),
            kind: "html",
        });
    }
    for (format, text) in [
        (Format::LargePrint, w.large_print_pdf),
        (Format::EasyRead, w.easy_read_pdf),
    ] {
        if has(format) {
            links.push(views::CopyLink {
                href: pdf_name(id, format.word(), folder),
                text: text.to_string(),
                kind: "pdf",
            });
        }
    }
    // The crisis card is made only for a copy that holds the crisis plan.
    if has(Format::CrisisCard) && audience.sees(crate::plan::Section::Crisis) {
        links.push(views::CopyLink {
            href: pdf_name(id, Format::CrisisCard.word(), folder),
            text: w.crisis_card_pdf.to_string(),
            kind: "pdf",
        });
        links.push(views::CopyLink {
            href: crate::card::PAGE.to_string(),
            text: w.crisis_card_page.to_string(),
            kind: "html",
        });
    }
    links
}

/// The file name of a PDF copy, saying whose copy it is: `sam-large-print.pdf` for the
/// person's own, `sam-large-print-for-jo-taylor.pdf` in the folder for Jo. Cut to fit a file
/// system (see [`crate::names::fit`]).
pub fn pdf_name(id: &str, format: &str, folder: &str) -> String {
    let stem = if folder.is_empty() {
        format!("{id}-{format}")
    } else {
        format!("{id}-{format}-{folder}")
    };
    format!("{}.pdf", crate::names::fit(&stem, 200))
}

/// The result of building each plan, by file.
pub type Results = Vec<(String, Result<Outcome, String>)>;

/// Builds every checked plan that has no errors into `out_dir`. Err: the templates or styles
/// themselves are broken, so nothing could be built.
pub fn build_checked(
    checked: &Checked,
    out_dir: &Path,
    strict: bool,
    force: bool,
    formats: &Formats,
    today: jiff::civil::Date,
) -> Result<Results, Box<Diagnostic>> {
    let today = today.to_string();
    let assets = Assets::for_project(&checked.project.root)?;
    let html = HtmlRenderer::new(&assets).map_err(|e| {
        Box::new(
            Diagnostic::error("template", Path::new(crate::render::html::PAGE), e)
                .hint("fix the template, or remove it to use the built-in one"),
        )
    })?;
    let pdf = pdf_renderer(&assets).map_err(|e| {
        Box::new(Diagnostic::error("template", Path::new("templates"), e).hint(
            "fix the PDF template or the pictures list, or remove yours to use the built-in ones",
        ))
    })?;
    let language = checked.project.settings.language();
    let builder = Builder {
        assets: &assets,
        html,
        pdf: &pdf,
        settings: &checked.project.settings,
        formats,
        language: &language,
    };
    let assets_print = assets.fingerprint();
    let progress = Progress::new(checked.plans.len());
    let results: Results = on_threads(&checked.plans, |loaded| {
        let blocked = loaded.diags.iter().any(|d| d.severity == Severity::Error)
            || (strict && !loaded.diags.is_empty());
        let result = match (&loaded.plan, blocked) {
            _ if loaded.skipped => Ok(Outcome::Skipped),
            (Some(plan), false) => {
                let print = fingerprint(&loaded.source, builder.settings, &assets_print, formats);
                let old = Stamp::read(out_dir, &loaded.id);
                let clean = loaded.diags.is_empty();
                let record = |files: Vec<String>| {
                    Stamp {
                        print: print.clone(),
                        today: today.clone(),
                        clean,
                        files,
                    }
                    .write(out_dir, &loaded.id)
                    .map_err(|e| format!("the build record could not be written: {e}"))
                };
                match old {
                    // Checked again (another day, or it has warnings), but its copies are
                    // as they were: only the record changes.
                    Some(old) if !force && old.copies_fresh(out_dir, &loaded.id, &print) => {
                        record(old.files).map(|()| Outcome::Skipped)
                    }
                    _ => build_one(&builder, loaded, plan, out_dir).and_then(|(notes, files)| {
                        record(files)?;
                        Ok(Outcome::Built(notes))
                    }),
                }
            }
            _ => {
                // A copy made before for someone who must not be contacted goes now, broken
                // plan or not.
                let mut removed = Vec::new();
                if let Some(plan) = &loaded.plan
                    && out_dir.join(STAMPS).join(&loaded.id).is_file()
                {
                    for (_, folder) in views::refused(plan) {
                        let dir = out_dir.join(&loaded.id).join(&folder);
                        if dir.is_dir() && std::fs::remove_dir_all(&dir).is_ok() {
                            removed.push(folder);
                        }
                    }
                }
                // Say what is still there from before: if the fix takes someone off the
                // sharing list, their old copy stays until the plan builds again.
                let old = copies_in(&out_dir.join(&loaded.id));
                let has_errors = loaded.diags.iter().any(|d| d.severity == Severity::Error);
                let why = if has_errors {
                    "not built: fix the errors above first"
                } else {
                    "not built: with --strict, warnings stop a build too; fix the warnings above first"
                };
                let why = if removed.is_empty() {
                    why.to_string()
                } else {
                    format!(
                        "{why}. Removed the copy in {}: they must not be contacted",
                        removed
                            .iter()
                            .map(|c| format!("{c}/"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                Err(if old.is_empty() {
                    why
                } else {
                    format!(
                        "{why}. The copies for other people from its last build are still there until it builds again: {}",
                        old.iter()
                            .map(|c| format!("{c}/"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            }
        };
        progress.tick();
        (loaded.path.display().to_string(), result)
    });
    progress.finish();
    if results
        .iter()
        .any(|(_, r)| matches!(r, Ok(Outcome::Built(_))))
    {
        crate::output::tidy_shared(out_dir);
    }
    Ok(results)
}

/// Runs `f` on every item on plain threads (one a core), keeping the order of the results.
/// Not rayon: typst lays out with rayon itself, and a rayon worker waiting inside typst would
/// steal whole plans and stack them up, using far more memory.
fn on_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            std::thread::Builder::new()
                .name("ourplan-build".into())
                .stack_size(16 * 1024 * 1024)
                .spawn_scoped(scope, || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let r = f(item);
                        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                    }
                })
                .expect("cannot start a build thread");
        }
    });
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return super::usage_error(
            "build makes copies of plan files, and `-` (standard input) is not one",
            "save the plan in the plans folder, or check it with `ourplan check -`",
        );
    }
    let check_args = args.check_args();
    let formats = Formats::from_args(&args.format);
    let today = check_args
        .today
        .unwrap_or_else(|| jiff::Zoned::now().date());
    // Plans whose inputs are as they were at their last good build are not read again.
    let assets_print = std::sync::OnceLock::new();
    let unchanged = |project: &crate::settings::Project, file: &Path, source: &str| {
        // Another runner builds the plans of the other shards.
        if let Some(shard) = args.shard
            && !in_shard(&crate::load::plan_id(file), shard)
        {
            return true;
        }
        if args.force {
            return false;
        }
        let print = assets_print.get_or_init(|| {
            Assets::for_project(&project.root).map_or_else(|_| String::new(), |a| a.fingerprint())
        });
        let out_dir = args.out.clone().unwrap_or_else(|| project.output_dir());
        let id = crate::load::plan_id(file);
        needs_no_check(
            &out_dir,
            &id,
            &fingerprint(source, &project.settings, print, &formats),
            &today.to_string(),
        )
    };
    let checked = match super::check::run_checks_skipping(&check_args, &unchanged) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let sources = checked.sources();
    let diags: Vec<Diagnostic> = checked.all_diags().cloned().collect();
    print_diags(&diags, &check_args, &sources);
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| checked.project.output_dir());
    // The copies need a folder of their own: never the project, or one holding the plans.
    let claim = match claim_out_dir(&out_dir, &checked.project, &args.paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let results = match build_checked(&checked, &out_dir, args.strict, args.force, &formats, today)
    {
        Ok(r) => r,
        Err(d) => {
            print_diags(&[*d], &check_args, &HashMap::new());
            return ExitCode::from(super::exit::USAGE);
        }
    };
    // A plan taken out of the project takes its copies with it: they hold personal data.
    // Only when the whole plans folder was read without trouble, so nothing is taken for gone
    // that could not be seen.
    if args.paths.is_empty()
        && claim.may_prune
        && !checked.other.iter().any(|d| d.severity == Severity::Error)
    {
        let ids: std::collections::HashSet<&str> =
            checked.plans.iter().map(|l| l.id.as_str()).collect();
        for gone in gone_plans(&out_dir, &ids) {
            eprintln!(
                "removed {}/: its plan is no longer in the plans folder",
                out_dir.join(&gone).display()
            );
        }
    }
    let mut built = 0;
    let mut skipped = 0;
    let mut failures = 0;
    for (path, r) in &results {
        match r {
            Ok(Outcome::Skipped) => skipped += 1,
            Ok(Outcome::Built(notes)) => {
                built += 1;
                for n in notes {
                    eprintln!("{path}: {n}");
                }
            }
            Err(e) => {
                failures += 1;
                eprintln!("{path}: {e}");
            }
        }
    }
    drop(claim);
    eprintln!(
        "built {built}, skipped {skipped} ({}), failed {failures}, in {:.2} s: {}",
        if args.shard.is_some() {
            "unchanged, or in another shard"
        } else {
            "unchanged"
        },
        started.elapsed().as_secs_f64(),
        out_dir.display(),
    );
    if failures > 0 || failed(&checked.other, args.strict) {
        ExitCode::from(super::exit::PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks that `out_dir` may hold the copies of `project`'s plans (those in `paths`, or its
/// plans folder) and takes it for this build: see [`crate::output::check_out_dir`] and
/// [`crate::output::Claim::take`]. Says what was tidied after a build that was stopped. Err:
/// the exit code, the problem said.
pub fn claim_out_dir(
    out_dir: &Path,
    project: &crate::settings::Project,
    paths: &[PathBuf],
) -> Result<crate::output::Claim, ExitCode> {
    let mut plans = paths.to_vec();
    plans.push(project.plans_dir());
    crate::output::check_out_dir(out_dir, &project.root, &plans)
        .and_then(|()| crate::output::Claim::take(out_dir, &project.root))
        .inspect(|claim| {
            if let Some(line) = &claim.tidied {
                eprintln!("{line}");
            }
        })
        .map_err(|(message, hint)| super::usage_error(&message, &hint))
}

/// Removes the copies of plans that are not in `ids` (those this build record says ourplan
/// made), and returns their ids.
fn gone_plans(out_dir: &Path, ids: &std::collections::HashSet<&str>) -> Vec<String> {
    let mut gone = Vec::new();
    let Ok(entries) = std::fs::read_dir(out_dir.join(STAMPS)) else {
        return gone;
    };
    for entry in entries.filter_map(Result::ok) {
        let id = entry.file_name().to_string_lossy().into_owned();
        // Not a record: the shared files, the lock, the owner, the work folder.
        if id == "shared"
            || id.starts_with('.')
            || !entry.path().is_file()
            || ids.contains(id.as_str())
        {
            continue;
        }
        // The record says ourplan made this folder.
        let folder = out_dir.join(&id);
        if folder.is_dir() && std::fs::remove_dir_all(&folder).is_err() {
            continue;
        }
        let _ = std::fs::remove_file(entry.path());
        gone.push(id);
    }
    if !gone.is_empty() {
        crate::output::tidy_shared(out_dir);
    }
    gone.sort();
    gone
}

/// The recipient folders (`for-…`) in a plan's output folder.
fn copies_in(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("for-"))
        .collect();
    out.sort();
    out
}

/// What changed since the last review, for "What is new in your plan" (`whats_new = true`).
pub fn news(loaded: &crate::load::Loaded, settings: &Settings) -> Vec<String> {
    if !settings.whats_new {
        return Vec::new();
    }
    match super::changes::compare(&loaded.path, &loaded.source, None) {
        Ok(super::changes::Compared::Changes(_, changes, _)) => {
            // "What is new" is in the person's own copy, so in their language.
            let lang = loaded.plan.as_ref().map_or("en-GB", |p| p.language());
            let w = settings.words.words(lang, false);
            changes
                .iter()
                .map(|c| super::changes::plain_change(c, w))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Builds one plan's folder; returns warnings and notes about copies that were removed, and
/// the files written (inside the folder).
fn build_one(
    builder: &Builder,
    loaded: &crate::load::Loaded,
    plan: &Plan,
    out_dir: &Path,
) -> Result<(Vec<String>, Vec<String>), String> {
    let id = loaded.id.as_str();
    let (files, mut notes) = builder.files(plan, id, &news(loaded, builder.settings))?;
    let before = copies_in(&out_dir.join(id));
    timings::time(Stage::Write, || write_folder(out_dir, id, &files))
        .map_err(|e| format!("the copies could not be written: {e}"))?;
    let after = copies_in(&out_dir.join(id));
    notes.extend(
        before
            .into_iter()
            .filter(|c| !after.contains(c))
            .map(|c| format!("removed the copy in {c}/: it is no longer shared")),
    );
    Ok((notes, files.into_iter().map(|f| f.rel).collect()))
}

/// A progress bar (indicatif) on a terminal, for long builds; nothing otherwise, so the
/// summary stays one line in logs and pipes. No colour, so `NO_COLOR` has nothing to turn off.
struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal as _;
        let bar = if total >= 20 && std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("[{bar:30}] {pos}/{len} plans, {eta} left")
            {
                bar.set_style(style.progress_chars("#> "));
            }
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        Progress { bar }
    }

    fn tick(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
