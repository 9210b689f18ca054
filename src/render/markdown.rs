//! Markdown in plan fields becomes [`Rich`] text: a small, safe tree (paragraphs, lists, bold,
//! links) that both the HTML and the typst templates walk. The pulldown-cmark options are set
//! here and only here. Raw HTML becomes plain text, links keep only `https:`, `mailto:` and
//! `tel:`, and pictures are never loaded (their description is kept as text).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// The Markdown features plan fields may use.
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// A block of rich text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    P { c: Vec<Inline> },
    Ul { items: Vec<Vec<Block>> },
    Ol { items: Vec<Vec<Block>> },
}

/// Inline rich text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text { s: String },
    Strong { c: Vec<Inline> },
    Emph { c: Vec<Inline> },
    Link { href: String, c: Vec<Inline> },
    Code { s: String },
    Br,
}

/// Rich text: the tree (for typst) and its HTML (for the web copy).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rich {
    pub blocks: Vec<Block>,
    pub html: String,
    /// The Markdown it was made from, link addresses and all: redaction looks at it too.
    /// Never shown.
    #[serde(skip)]
    pub source: String,
}

impl Rich {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Changes each paragraph's inline text (in lists too) with `f`, and remakes the HTML.
    pub fn each_paragraph(&mut self, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        fn walk(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
            for b in blocks {
                match b {
                    Block::P { c } => f(c),
                    Block::Ul { items } | Block::Ol { items } => {
                        items.iter_mut().for_each(|i| walk(i, f))
                    }
                }
            }
        }
        walk(&mut self.blocks, f);
        self.html = blocks_html(&self.blocks, true);
    }
}

/// True for link targets that are safe to follow.
pub fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !href
            .chars()
            .any(|c| c.is_control() || c == '"' || c == '<' || c == '>')
}

enum Frame {
    Root(Vec<Block>),
    Para(Vec<Inline>),
    List(bool, Vec<Vec<Block>>),
    Item(Vec<Block>, Vec<Inline>),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Link(Option<String>, Vec<Inline>),
    /// An image: its description becomes text.
    Image(Vec<Inline>),
}

struct Builder {
    stack: Vec<Frame>,
}

impl Builder {
    /// The inline run being built, if the innermost frame holds one.
    fn inlines(&mut self) -> Option<&mut Vec<Inline>> {
        match self.stack.last_mut() {
            Some(
                Frame::Para(c)
                | Frame::Strong(c)
                | Frame::Emph(c)
                | Frame::Link(_, c)
                | Frame::Image(c)
                | Frame::Item(_, c),
            ) => Some(c),
            _ => None,
        }
    }

    fn push_inline(&mut self, i: Inline) {
        match self.inlines() {
            Some(c) => c.push(i),
            // Text outside a paragraph (from a raw HTML block, say) gets one.
            None => self.push_block(Block::P { c: vec![i] }),
        }
    }

    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        // Merge with the text before, so the tree stays small.
        if let Some(c) = self.inlines()
            && let Some(Inline::Text { s: prev }) = c.last_mut()
        {
            prev.push_str(s);
            return;
        }
        self.push_inline(Inline::Text { s: s.to_string() });
    }

    fn push_block(&mut self, b: Block) {
        match self.stack.last_mut() {
            Some(Frame::Root(blocks)) => blocks.push(b),
            Some(Frame::Item(blocks, inl)) => {
                if !inl.is_empty() {
                    blocks.push(Block::P {
                        c: std::mem::take(inl),
                    });
                }
                blocks.push(b);
            }
            Some(Frame::List(_, items)) => items.push(vec![b]),
            _ => {
                // A block inside inline content cannot happen with our options; keep the text.
                if let Block::P { c } = b {
                    for i in c {
                        self.push_inline(i);
                    }
                }
            }
        }
    }

    fn open(&mut self, tag: Tag) {
        let frame = match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock => {
                Frame::Para(Vec::new())
            }
            Tag::List(start) => Frame::List(start.is_some(), Vec::new()),
            Tag::Item => Frame::Item(Vec::new(), Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Emphasis => Frame::Emph(Vec::new()),
            Tag::Link { dest_url, .. } => Frame::Link(
                safe_href(&dest_url).then(|| dest_url.trim().to_string()),
                Vec::new(),
            ),
            Tag::Image { .. } => Frame::Image(Vec::new()),
            // Quotes, strike-through and the rest keep their text only.
            _ => return,
        };
        // A paragraph inside a list item replaces the item's loose inline run.
        if matches!(frame, Frame::Para(_))
            && let Some(Frame::Item(blocks, inl)) = self.stack.last_mut()
            && !inl.is_empty()
        {
            blocks.push(Block::P {
                c: std::mem::take(inl),
            });
        }
        self.stack.push(frame);
    }

    fn close(&mut self, tag: TagEnd) {
        let tracked = matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Link
                | TagEnd::Image
        );
        if !tracked {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Para(c) => {
                let c = trim_inlines(c);
                if !c.is_empty() {
                    self.push_block(Block::P { c });
                }
            }
            Frame::List(ordered, items) => {
                if !items.is_empty() {
                    self.push_block(if ordered {
                        Block::Ol { items }
                    } else {
                        Block::Ul { items }
                    });
                }
            }
            Frame::Item(mut blocks, inl) => {
                let inl = trim_inlines(inl);
                if !inl.is_empty() {
                    blocks.push(Block::P { c: inl });
                }
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Strong(c) => self.push_inline(Inline::Strong { c }),
            Frame::Emph(c) => self.push_inline(Inline::Emph { c }),
            Frame::Link(Some(href), c) => self.push_inline(Inline::Link { href, c }),
            Frame::Link(None, c) | Frame::Image(c) => {
                for i in c {
                    self.push_inline(i);
                }
            }
            Frame::Root(_) => {}
        }
    }
}

fn trim_inlines(mut c: Vec<Inline>) -> Vec<Inline> {
    while matches!(c.last(), Some(Inline::Br)) {
        c.pop();
    }
    if let Some(Inline::Text { s }) = c.last_mut() {
        let t = s.trim_end().len();
        s.truncate(t);
    }
    c.retain(|i| !matches!(i, Inline::Text { s } if s.is_empty()));
    c
}

/// Turns a field's Markdown into rich text.
pub fn rich(markdown: &str) -> Rich {
    let mut b = Builder {
        stack: vec![Frame::Root(Vec::new())],
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => b.open(tag),
            Event::End(tag) => b.close(tag),
            Event::Text(s) => b.push_text(&s),
            Event::Code(s) => b.push_inline(Inline::Code { s: s.to_string() }),
            // Raw HTML is shown as the text it is, never run.
            Event::Html(s) | Event::InlineHtml(s) => b.push_text(&s),
            Event::SoftBreak => b.push_text(" "),
            Event::HardBreak => b.push_inline(Inline::Br),
            Event::Rule => {}
            other => {
                let _ = other;
            }
        }
    }
    // Close anything left open (cannot happen with a well-behaved parser).
    while b.stack.len() > 1 {
        let tag = match b.stack.last() {
            Some(Frame::Para(_)) => TagEnd::Paragraph,
            Some(Frame::List(o, _)) => TagEnd::List(*o),
            Some(Frame::Item(..)) => TagEnd::Item,
            Some(Frame::Strong(_)) => TagEnd::Strong,
            Some(Frame::Emph(_)) => TagEnd::Emphasis,
            Some(Frame::Link(..)) => TagEnd::Link,
            _ => TagEnd::Image,
        };
        b.close(tag);
    }
    let blocks = match b.stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    };
    let html = blocks_html(&blocks, true);
    Rich {
        blocks,
        html,
        source: markdown.to_string(),
    }
}

/// Plain text of rich text (for titles, alt text and searching).
pub fn plain(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push(' ');
        }
        match b {
            Block::P { c } => inline_plain(c, &mut out),
            Block::Ul { items } | Block::Ol { items } => {
                let parts: Vec<String> = items.iter().map(|i| plain(i)).collect();
                out.push_str(&parts.join(" "));
            }
        }
    }
    out
}

pub fn inline_plain(c: &[Inline], out: &mut String) {
    for i in c {
        match i {
            Inline::Text { s } | Inline::Code { s } => out.push_str(s),
            Inline::Strong { c } | Inline::Emph { c } | Inline::Link { c, .. } => {
                inline_plain(c, out)
            }
            Inline::Br => out.push(' '),
        }
    }
}

/// Escapes text for HTML, and lets a web address break at its slashes and dots (`<wbr>`): a
/// long address then wraps between its parts, never inside a word. Other words are left
/// whole.
fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        if !(word.contains("://") || word.starts_with("www.")) {
            out.push_str(&escape(word));
            continue;
        }
        let mut chars = word.chars().peekable();
        while let Some(ch) = chars.next() {
            let next = chars.peek().copied();
            let more = next.is_some_and(|n| !n.is_whitespace());
            if ch == '.' && more && !out.ends_with('/') {
                out.push_str("<wbr>");
            }
            out.push_str(&escape(ch.encode_utf8(&mut [0; 4])));
            if ch == '/' && more && next != Some('/') {
                out.push_str("<wbr>");
            }
        }
    }
    out
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// HTML for blocks. A single paragraph at the top comes out without `<p>`, so that it can sit
/// inside a list item or a heading-less cell.
fn blocks_html(blocks: &[Block], top: bool) -> String {
    if top && let [Block::P { c }] = blocks {
        return inlines_html(c);
    }
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::P { c } => {
                out.push_str("<p>");
                out.push_str(&inlines_html(c));
                out.push_str("</p>");
            }
            Block::Ul { items } | Block::Ol { items } => {
                let tag = if matches!(b, Block::Ul { .. }) {
                    "ul"
                } else {
                    "ol"
                };
                out.push_str(&format!("<{tag}>"));
                for item in items {
                    out.push_str("<li>");
                    out.push_str(&blocks_html(item, true));
                    out.push_str("</li>");
                }
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
    out
}

fn inlines_html(c: &[Inline]) -> String {
    let mut out = String::new();
    for i in c {
        match i {
            Inline::Text { s } => out.push_str(&breakable(s)),
            Inline::Code { s } => out.push_str(&escape(s)),
            // Emphasis is shown as bold: italics are hard to read.
            Inline::Strong { c } | Inline::Emph { c } => {
                out.push_str("<strong>");
                out.push_str(&inlines_html(c));
                out.push_str("</strong>");
            }
            Inline::Link { href, c } => {
                out.push_str(&format!("<a href=\"{}\">", escape(href)));
                out.push_str(&inlines_html(c));
                out.push_str("</a>");
            }
            Inline::Br => out.push_str("<br>"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_break_between_their_parts_and_other_words_stay_whole() {
        let r = rich(
            "Read https://example.org/self-help/breathing.html or www.example.org, and/or not.",
        );
        assert!(
            r.html
                .contains("https://<wbr>example<wbr>.org/<wbr>self-help/<wbr>breathing<wbr>.html "),
            "{}",
            r.html
        );
        assert!(r.html.contains("www<wbr>.example<wbr>.org,"), "{}", r.html);
        assert!(r.html.ends_with(" and/or not."), "{}", r.html);
        // Still text: nothing the writer typed becomes a tag.
        let r = rich("https://x.org/<script>");
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn raw_html_is_text() {
        let r = rich("Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>");
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<img"));
        assert!(r.html.contains("&lt;script&gt;"));
        let r = rich("<div onclick=\"x()\">hi</div>\n\nafter");
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(r.html.contains("after"));
    }

    #[test]
    fn only_safe_links() {
        let r = rich(
            "[a](javascript:alert(1)) [b](https://example.org) [c](tel:111) [d](file:///etc/passwd)",
        );
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("file:"), "{}", r.html);
        assert!(r.html.contains("<a href=\"https://example.org\">b</a>"));
        assert!(r.html.contains("<a href=\"tel:111\">c</a>"));
    }

    #[test]
    fn images_are_never_loaded() {
        let r = rich("![a cat](https://example.org/cat.png)");
        assert_eq!(r.html, "a cat");
    }

    #[test]
    fn structure_is_kept() {
        let r = rich("I like **walking** and *music*.\n\n- one\n- two");
        assert_eq!(
            r.html,
            "<p>I like <strong>walking</strong> and <strong>music</strong>.</p><ul><li>one</li><li>two</li></ul>"
        );
        assert_eq!(plain(&r.blocks), "I like walking and music. one two");
        let r = rich("just text");
        assert_eq!(r.html, "just text");
        assert_eq!(rich("").blocks, vec![]);
    }

    #[test]
    fn headings_do_not_become_headings() {
        let r = rich("# Big\ntext");
        assert!(!r.html.contains("<h1"));
        assert!(r.html.contains("Big"));
    }
}
