//! What typst is given besides the view: the templates and the pictures, and (for tests)
//! fonts and pictures read from folders.

/// Typst sources of the three templates and the helpers they share (markup, not paths).
///
/// The main crate embeds the default ones with `include_str!` and lets a
/// team replace them with their own.
#[derive(Debug, Clone)]
pub struct Templates {
    pub large_print: String,
    pub easy_read: String,
    pub crisis_card: String,
    /// `helpers.typ`, which each template imports (`#import "/helpers.typ": *`): the one
    /// file besides the template that a template may import.
    pub helpers: String,
}

impl Templates {
    #[cfg(test)]
    /// The templates shipped with ourplan (`templates/*.typ`, embedded).
    pub fn builtin() -> Self {
        Self {
            large_print: include_str!("../../../templates/large-print.typ").to_string(),
            easy_read: include_str!("../../../templates/easy-read.typ").to_string(),
            crisis_card: include_str!("../../../templates/crisis-card.typ").to_string(),
            helpers: include_str!("../../../templates/helpers.typ").to_string(),
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
