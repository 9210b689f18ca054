//! The view made ready for typst: dates parsed, text cleaned of what no font can print,
//! the crisis card's long runs given break chances.

use super::*;

/// The view after checking, ready for the template.
pub(super) struct PreparedView {
    pub(super) view: serde_json::Value,
    pub(super) plan_id: String,
    /// The copy's folder (`for-…`), or empty for the person's own.
    pub(super) copy: String,
    pub(super) date: Datetime,
}

// ---- the crisis card's narrow parts ----

/// Words a reader sees: the text runs of rich text and a contact's words. Never addresses
/// (`tel`, `href`), names of pictures or ids.
pub(super) const CARD_WORDS: [&str; 7] =
    ["s", "name", "detail", "when", "heading", "title", "notice"];

/// Gives a card's view a break chance (a zero-width space) every 10 letters in any run of
/// more than 14 without a space (a pasted link, a very long word), so that it wraps inside the
/// card's narrow parts instead of running over a fold. Only the words a reader sees.
pub(super) fn card_breaks(v: &mut serde_json::Value, words: bool) {
    match v {
        serde_json::Value::String(s) if words => *s = break_long_runs(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| card_breaks(x, words)),
        serde_json::Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                // `html` is the web page's; typst reads only the blocks.
                if k != "html" && k != "svg" {
                    card_breaks(x, CARD_WORDS.contains(&k.as_str()));
                }
            }
        }
        _ => {}
    }
}

pub(super) fn break_long_runs(s: &str) -> String {
    const LONG: usize = 14;
    const EVERY: usize = 10;
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = part.chars().collect();
        if chars.len() <= LONG {
            out.push_str(part);
            continue;
        }
        for (j, c) in chars.iter().enumerate() {
            if j > 0 && j % EVERY == 0 {
                out.push('\u{200B}');
            }
            out.push(*c);
        }
    }
    out
}

/// A view given as JSON text, read.
pub(super) fn parse_view(doc_json: &[u8]) -> Result<serde_json::Value, String> {
    serde_json::from_slice(doc_json).map_err(|e| format!("document view is not valid JSON: {e}"))
}

/// Checks the few fields the PDF cannot do without, and cleans every string:
/// control characters are dropped (tab becomes a space; `\r\n` and `\r`
/// become `\n`); private-use and non-characters become U+FFFD. A PDF/UA file
/// may not contain them, and typst would refuse to export.
///
/// (Long words are the template's job: a show rule lets any run of 30
/// characters without a space wrap.)
pub(super) fn prepare_view(mut view: serde_json::Value) -> Result<PreparedView, String> {
    clean_value(&mut view);

    let obj = view
        .as_object()
        .ok_or("document view must be a JSON object")?;
    let text = |key: &str| {
        obj.get(key)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .unwrap_or("")
    };
    if text("title").is_empty() {
        return Err("document view has no title (PDF/UA needs one)".into());
    }
    let lang = text("lang");
    let primary = lang.split('-').next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!(
            "document view lang {lang:?} is not a language tag like en-GB (PDF/UA needs one)"
        ));
    }
    let date_iso = text("date_iso");
    let date = parse_date(date_iso).ok_or_else(|| {
        format!("document view date_iso {date_iso:?} is not a date like 2026-03-14")
    })?;
    let plan_id = text("plan_id").to_string();
    let copy = text("copy").to_string();

    Ok(PreparedView {
        view,
        plan_id,
        copy,
        date,
    })
}

pub(super) fn parse_date(s: &str) -> Option<Datetime> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Datetime::from_ymd(i32::from(y), u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Shown in a PDF instead of a character no font has.
pub(super) const MISSING: char = '\u{25A1}';

/// Replaces every string `f` returns a new value for.
pub(super) fn replace_strings(
    v: &mut serde_json::Value,
    f: &mut impl FnMut(&str) -> Option<String>,
) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(new) = f(s) {
                *s = new;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| replace_strings(i, f)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| replace_strings(i, f)),
        _ => {}
    }
}

pub(super) fn clean_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) if s.chars().any(needs_work) => *s = clean_text(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(clean_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(clean_value),
        _ => {}
    }
}

/// Characters that are never drawn (joiners, variation selectors, ...).
pub(crate) fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

pub(super) fn needs_work(c: char) -> bool {
    c.is_control() && c != '\n' || is_private_or_nonchar(c) && !is_english_mark(c)
}

/// The marks of English words (see `words::EN_START`): kept here, taken out by `cover`.
pub(super) fn is_english_mark(c: char) -> bool {
    c == crate::words::EN_START || c == crate::words::EN_END
}

pub(crate) fn is_private_or_nonchar(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF) || (u & 0xFFFE) == 0xFFFE
}

pub(super) fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c if is_english_mark(c) => out.push(c),
            c if is_private_or_nonchar(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
