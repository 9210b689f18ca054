//! Which characters the PDFs' fonts can draw: the character maps of the bundled fonts (and a
//! team's own in `styles/fonts`), read once, so that `check` points at a character no font
//! has (`no-font`) before a PDF would print it as □.
//!
//! The maps come from typst's own font reader (`FontInfo`, over ttf-parser), the one the PDF
//! renderer uses, so `check` and the PDFs never disagree about a character.

use std::sync::OnceLock;

use typst::text::{Coverage, FontInfo};

use crate::assets::Assets;
use crate::plan::{Format, Plan, Text};

/// The characters some font of a project has.
pub struct Glyphs {
    coverage: Vec<Coverage>,
}

impl Glyphs {
    /// The fonts of `assets` (`styles/fonts/*.ttf`, `*.otf`, `*.ttc`).
    pub fn of(assets: &Assets) -> Glyphs {
        let coverage = assets
            .under("styles/fonts")
            .filter(|(name, _)| {
                let name = name.to_ascii_lowercase();
                name.ends_with(".ttf") || name.ends_with(".otf") || name.ends_with(".ttc")
            })
            .flat_map(|(_, bytes)| FontInfo::iter(bytes).map(|info| info.coverage))
            .collect();
        Glyphs { coverage }
    }

    /// The built-in fonts only (made once).
    pub fn built_in() -> &'static Glyphs {
        static GLYPHS: OnceLock<Glyphs> = OnceLock::new();
        GLYPHS.get_or_init(|| Glyphs::of(&Assets::embedded_only()))
    }

    /// True when a font has `c`, or `c` is never drawn (spaces, joiners, controls, and the
    /// characters the renderer takes out before typst sees them).
    pub fn draws(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || crate::render::pdf::is_default_ignorable(c)
            || crate::render::pdf::is_private_or_nonchar(c)
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }
}

/// One character no font has: where it is in its field.
#[derive(Debug, PartialEq)]
pub struct Missing<'a> {
    pub field: String,
    pub text: &'a Text,
    /// Its place in the field's text, in bytes.
    pub at: usize,
    pub c: char,
}

/// True when some copy of the plan is a PDF: the web pages draw every character with the
/// reader's own fonts.
pub fn makes_pdf(plan: &Plan) -> bool {
    let pdf = |f: &crate::load::convert::Sp<Format>| f.value != Format::Html;
    plan.person.formats.iter().any(pdf) || plan.sharing.iter().any(|s| s.formats.iter().any(pdf))
}

/// The first character in each text field of the plan that no font has (one a field: the
/// fix is the same for the rest).
pub fn missing<'a>(plan: &'a Plan, glyphs: &Glyphs) -> Vec<Missing<'a>> {
    crate::shape::texts(plan)
        .into_iter()
        .filter_map(|(field, text, _)| {
            let (at, c) = text.value.char_indices().find(|(_, c)| !glyphs.draws(*c))?;
            Some(Missing { field, text, at, c })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_draw_the_scripts_we_serve_and_not_others() {
        let g = Glyphs::built_in();
        // Latin, Welsh, Greek, Cyrillic, Urdu, Arabic, Bengali, Gurmukhi, Gujarati, emoji.
        for c in "aŵŷ€αжہے۔عকਗગ🌻💜💪👍✓".chars() {
            assert!(g.draws(c), "{c} U+{:04X}", c as u32);
        }
        // No bundled font has Chinese, Japanese, Korean or Tamil.
        for c in "王あ한த".chars() {
            assert!(!g.draws(c), "{c}");
        }
        // Never drawn, so never missing: spaces, joiners, variation selectors.
        for c in [' ', '\n', '\u{200D}', '\u{FE0F}', '\u{2066}'] {
            assert!(g.draws(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_team_font_is_counted() {
        let none = Glyphs {
            coverage: Vec::new(),
        };
        assert!(!none.draws('a'));
        assert!(none.draws(' '));
    }
}
