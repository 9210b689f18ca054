//! Renders a view as an HTML page with the tera template `templates/page.html`, and a crisis
//! card as its printable page with `templates/card.html` (autoescaped; rich text arrives
//! already made safe by `markdown`, charts as SVG escaped by `chart`).
//!
//! The template's preview hooks, `{{ preview.csp | safe }}` (inside the Content-Security-Policy,
//! after `default-src 'none'; `), `{{ preview.banner | safe }}` (at the start of `<main>`) and
//! `{{ preview.script | safe }}` (just before `</body>`), are empty in every built page; only
//! `ourplan serve` fills them, to show problems and reload the page. A team's own page.html
//! keeps them for the preview to work.

use tera::{Context, Tera};

use crate::assets::Assets;
use crate::views::{Document, Variant};

/// The page template's name.
pub const PAGE: &str = "templates/page.html";
/// The crisis card's template.
pub const CARD: &str = "templates/card.html";

/// A tera instance with the page template loaded.
pub struct HtmlRenderer {
    tera: Tera,
    preview: Preview,
}

/// What the preview hooks of the page template hold.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Preview {
    /// More of the Content-Security-Policy, ending with `; `.
    pub csp: String,
    /// Put at the start of `<main>`.
    pub banner: String,
    /// Put just before `</body>`.
    pub script: String,
}

impl HtmlRenderer {
    pub fn new(assets: &Assets) -> Result<HtmlRenderer, String> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        for name in [PAGE, CARD] {
            let source = assets
                .text(name)
                .ok_or_else(|| format!("{name} is missing or is not UTF-8"))?;
            tera.add_raw_template(name, source)
                .map_err(|e| format!("{name} has a mistake: {e}"))?;
        }
        Ok(HtmlRenderer {
            tera,
            preview: Preview::default(),
        })
    }

    /// The same renderer, filling the template's preview hooks with `preview`.
    pub fn with_preview(mut self, preview: Preview) -> HtmlRenderer {
        self.preview = preview;
        self
    }

    /// The page for `doc`. `root` is the path from the page to its styles (`""`: every copy's
    /// folder has its own).
    pub fn render(&self, doc: &Document, root: &str) -> Result<String, String> {
        let mut cx = Context::new();
        cx.insert("doc", doc);
        cx.insert("root", root);
        cx.insert("preview", &self.preview);
        let mut page_title = match &doc.audience.name {
            Some(name) => doc
                .labels
                .page_title_for
                .replace("{title}", &doc.title)
                .replace("{recipient}", name),
            None => doc.title.clone(),
        };
        if doc.variant == Variant::EasyRead {
            page_title = format!("{page_title}, {}", doc.labels.easy_read_title);
        }
        cx.insert("page_title", &page_title);
        // The contents come just after the crisis box (first in the person's page, after the
        // welcome in easy read), or first when there is none.
        let contents_at = doc
            .sections
            .iter()
            .position(|s| s.id == "crisis-now")
            .map_or(0, |i| (i + 1).min(doc.sections.len().saturating_sub(1)));
        cx.insert("contents_at", &contents_at);
        let page = self
            .tera
            .render(PAGE, &cx)
            .map_err(|e| format!("the page could not be made: {e}"))?;
        // Words the copy's language lacks are English, and say so.
        Ok(crate::words::mark_html(&page))
    }

    /// The crisis card's printable page.
    pub fn render_card(&self, card: &crate::card::Card, root: &str) -> Result<String, String> {
        let mut cx = Context::new();
        cx.insert("doc", &card.doc);
        cx.insert("card", &card.card);
        cx.insert("root", root);
        self.tera
            .render(CARD, &cx)
            .map_err(|e| format!("the crisis card page could not be made: {e}"))
    }
}
