//! A plan's copies, assembled: for the person and each person they share with, the web
//! pages, PDFs and crisis card in the formats asked for, with their file names and the links
//! between them. Pure: nothing is written here (see `output`).

use crate::assets::Assets;
use crate::output::OutFile;
use crate::plan::{Format, Plan};
use crate::render::html::HtmlRenderer;
use crate::render::pdf;
use crate::settings::Settings;
use crate::timings::{self, Stage};
use crate::views::{self, Audience, Variant};

/// Which formats of the person's own copy to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formats {
    /// HTML plus what the person asked for.
    Default,
    /// Exactly these.
    These(Vec<Format>),
}

impl Formats {
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

/// Everything needed to build one plan, shared by all plans of a run.
pub struct Builder<'a> {
    pub assets: &'a Assets,
    pub html: HtmlRenderer,
    pub pdf: &'a pdf::Renderer,
    pub settings: &'a Settings,
    pub formats: &'a Formats,
    pub language: &'a crate::language::Language,
}

/// The PDF templates, which a team may replace with its own.
const PDF_TEMPLATES: [&str; 4] = [
    "templates/large-print.typ",
    "templates/easy-read.typ",
    "templates/crisis-card.typ",
    "templates/helpers.typ",
];

/// The PDF renderer for a project's fonts, pictures and templates (built once a run). A
/// team's own templates are first tried on a sample view, so that a broken one is reported
/// before any plan is rendered. ourplan's own are tried by its tests
/// (`builtin_templates_pass_their_check_and_broken_ones_fail`), not on every run: that is
/// three documents laid out and exported before the first plan's.
pub fn pdf_renderer(assets: &Assets) -> Result<pdf::Renderer, String> {
    let renderer = untried_pdf_renderer(assets)?;
    if !PDF_TEMPLATES.iter().all(|t| assets.is_embedded(t)) {
        renderer.check_templates()?;
    }
    Ok(renderer)
}

/// The PDF renderer with its templates not tried: making it lays nothing out (fonts are
/// read, the typst library made), so it starts no typst work on other threads. `check` uses
/// it for crisis cards; a template that cannot lay a card out is reported by `build`.
pub fn untried_pdf_renderer(assets: &Assets) -> Result<pdf::Renderer, String> {
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
        helpers: text("templates/helpers.typ")?,
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
    pdf::Renderer::new(fonts, templates, pictures)
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
                    let view = serde_json::to_value(&doc).map_err(|e| e.to_string())?;
                    let (bytes, warnings) = self
                        .pdf
                        .render_view(*format, view)
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
        // Laid out once: too long, it is not made (`check` said so first).
        let view = crate::card::view(&card)?;
        let (bytes, warnings) = self
            .pdf
            .render_view_fitting(Format::CrisisCard, view, crate::card::MOST_PAGES)
            .map_err(|e| format!("the crisis card could not be made: {e}"))?
            .map_err(|pages| {
                format!(
                    "the {} crisis card needs {pages} sides of paper, more than one sheet, so it was not made; shorten these or give their long entries a short form (`card:`): {}",
                    crate::card::form_words(form),
                    crate::card::longest_parts(plan, form).join(", ")
                )
            })?;
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
                || script.contains(&name)
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
