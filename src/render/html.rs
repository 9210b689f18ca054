//! Renders a view as an HTML page with the tera template `templates/page.html`, and a crisis
//! card as its printable page with `templates/card.html` (autoescaped; rich text arrives
//! already made safe by `markdown`, charts as SVG escaped by `chart`).

use tera::{Context, Tera};

use crate::assets::Assets;
use crate::views::Document;

/// The page template's name.
pub const PAGE: &str = "templates/page.html";
/// The crisis card's template.
pub const CARD: &str = "templates/card.html";

/// A tera instance with the page template loaded.
pub struct HtmlRenderer {
    tera: Tera,
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
        Ok(HtmlRenderer { tera })
    }

    /// The page for `doc`. `root` is the path from the page to its styles (`""`: every copy's
    /// folder has its own).
    pub fn render(&self, doc: &Document, root: &str) -> Result<String, String> {
        let mut cx = Context::new();
        cx.insert("doc", doc);
        cx.insert("root", root);
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
