//! Renders views into files: HTML with tera, PDFs with typst. Renderers only lay out what a
//! view holds.

pub mod chart;
pub mod html;
pub mod markdown;
mod outlines;
pub mod pdf;
