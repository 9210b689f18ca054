//! Renders a view as an HTML page with the tera template `templates/page.html` (autoescaped;
//! rich text arrives already made safe by `markdown`).
//!
//! The template's preview hooks, `{{ preview.csp | safe }}` (inside the Content-Security-Policy,
//! after `default-src 'none'; `), `{{ preview.banner | safe }}` (at the start of `<main>`) and
//! `{{ preview.script | safe }}` (just before `</body>`), are empty in every built page; only
//! `ourplan serve` fills them, to show problems and reload the page. A team's own page.html
//! keeps them for the preview to work.

use tera::{Context, Tera};

use crate::assets::Assets;
use crate::views::Document;

/// The page template's name.
pub const PAGE: &str = "templates/page.html";

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
        let source = assets
            .text(PAGE)
            .ok_or_else(|| format!("{PAGE} is missing or is not UTF-8"))?;
        tera.add_raw_template(PAGE, source)
            .map_err(|e| format!("{PAGE} has a mistake: {e}"))?;
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
        let page_title = match &doc.audience.name {
            Some(name) => format!(
                "{} ({} {name})",
                doc.title,
                doc.labels.copy_for.to_lowercase()
            ),
            None => doc.title.clone(),
        };
        cx.insert("page_title", &page_title);
        self.tera
            .render(PAGE, &cx)
            .map_err(|e| format!("the page could not be made: {e}"))
    }
}
